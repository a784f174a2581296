"""The rules' vote and the thresholds of the tone model, chosen out of sample: each variant's negative F1 on arrival
and out of batch.

On arrival as bench/tone_history.py judges (each batch by the engine of the day it arrived, a model trained on the
batches before it), pooled over the arrivals that have an earlier one (batches 8 on), every threshold chosen only on
what came before the batch. Out of batch as bench/train_tone.py judges (each batch by a model trained on the others).
A variant is the rules' vote (RULES_WEIGHT), how much of it counts against a post in which the rules saw nothing at
all (no negative word, no excuse, no praise: "silent") or only praise ("praised"), and where the thresholds are
chosen: on the earlier batches' out-of-batch probabilities (as shipped), or on the earlier arrivals' own probabilities
(how the model of each day did on a batch it had not seen). Out of batch, "arrivals" thresholds come from the arrivals
of the other batches. The vote for a negative answer may depend on the cue that gave it: `weak` of it when the rules'
only term is of a weak class (WEAK_CUES: a why-question, "??", a single word of complaints.py's weaker lists, ...),
`strong` of it otherwise (issue 16's cue-class votes; measured, not shipped: README). With `outweighed`, a post whose
words praise outweighed (tone_model.OUTWEIGHED: "praise outweighs", "praise after a contrast") is weighed by the model
with the full vote against, instead of keeping the rules' answer (shipped in rules_shares from the next retraining).
Run: python bench/tone_votes.py [--changed-since REV]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tone_history as H  # noqa: E402
import train_tone as T  # noqa: E402
from tone_variants import cues, today_reading  # noqa: E402  (each post's reading by today's engine)

from kuulo.rules.tone_model import features  # noqa: E402


@dataclass(frozen=True)
class Variant:
    """The rules' vote, its share against a post the rules saw nothing in, and where thresholds are chosen."""

    name: str
    vote: float = T.RULES_WEIGHT
    silent: float = 1.0  # the share of -vote a post gets when the rules saw nothing in it
    praised: float = 1.0  # the share of -vote a post gets when the rules saw praise and nothing negative
    cuts: str = "batches"  # "batches": the earlier (other) batches' out-of-batch probabilities; "arrivals"
    weak: float = 1.0  # the share of +vote a negative answer gets when its only term is of a class in weak_cues
    strong: float = 1.0  # the share of +vote any other negative answer gets
    weak_cues: frozenset[str] = frozenset()
    outweighed: bool = False  # the model weighs a post whose words praise outweighed (OUTWEIGHED), not kept excused


# The classes (tone_variants.cues, and "marks" for "??" or "?!" alone) of a rules' term that was right least often on
# arrival (batches 8-15, --changed-since f851062, 04:50 UTC, en true/false as the only term): a why-question 19/7,
# "??" 10/7, "nobody ... me" 3/4, a loss 15/12, a price 3/5, a wait 19/9, a plea 26/10; a pack word 203/93 (BROAD)
# against a negator phrase 47/3, several terms 125/15, a frame 42/7, an emoji 74/14, a problem word 149/32.
WEAK_CUES = frozenset({"why", "marks", "nobody", "irony", "negated praise", *(f"complaint {name}" for name in (
    "loss", "price", "wait", "disbelief", "concession", "redress"))})
BROAD_WEAK_CUES = WEAK_CUES | {"pack word", "complaint failure", "complaint repeat"}
MARKS = frozenset({"??", "???", "????", "?!"})


CHOSEN = {"silent": T.CHOSEN_SHARES["silent"], "praised": T.CHOSEN_SHARES["praised"],
          "outweighed": "outweighed" in T.CHOSEN_SHARES}  # with the full vote against (train_tone.SHARE_OF)
BEFORE = {"silent": CHOSEN["silent"], "praised": CHOSEN["praised"]}  # the shares shipped before the outweighed one
VARIANTS = (
    Variant("the full vote both ways"),
    Variant("silent 0.5", silent=0.5),
    Variant("silent 0.75", silent=0.75),
    Variant("praised 1.5", praised=1.5),
    Variant("thresholds from arrivals", cuts="arrivals"),
    Variant(f"chosen: silent {CHOSEN['silent']}, praised {CHOSEN['praised']} (shipped)", **BEFORE),
    Variant("chosen, praise outweighed weighed (--write)", **CHOSEN),
    Variant("chosen, thresholds from arrivals", cuts="arrivals", **CHOSEN),
    Variant("chosen, a weak cue alone 0.5", weak=0.5, weak_cues=WEAK_CUES, **CHOSEN),
    Variant("chosen, a weak cue alone 0.67", weak=0.67, weak_cues=WEAK_CUES, **CHOSEN),
    Variant("chosen, broad weak 0.5, strong 1.33", weak=0.5, strong=1.33, weak_cues=BROAD_WEAK_CUES, **CHOSEN),
)


@dataclass(frozen=True)
class Row:
    """One post as the model judges it: the words' probability, the rules' answer, whether the rules saw nothing,
    whether the model weighs in, the label, the language, the batch, the prior (train_tone.sentence_priors) and whether
    the rules saw praise and nothing negative."""

    p: float
    rules: int
    silent: bool
    weighs: bool
    label: bool
    lang: str
    batch: str
    prior: float = 0.0
    praised: bool = False
    cue: str = ""  # the class of the rules' only term (cue_class), "" for none or several



def cue_class(item: dict[str, Any]) -> str:
    """The class of the rules' term when it is their only one ("why", "marks", "pack word", ...: tone_variants.cues),
    else ""."""
    terms = item["terms"]
    if len(terms) != 1:
        return ""
    if terms[0] in MARKS:
        return "marks"
    found = cues({"terms": terms, "notes": [], "positive": False})
    return found[0] if found else ""


def silent(item: dict[str, Any]) -> bool:
    """True when the rules saw nothing in the post: no negative word, no excuse, no praise."""
    return not item["terms"] and not item["notes"] and not item["positive"]


def praised(item: dict[str, Any]) -> bool:
    """True when the rules saw praise and nothing negative (no negative word, no excuse)."""
    return not item["terms"] and not item["notes"] and item["positive"]


def score(row: Row, v: Variant) -> float:
    """The row's probability with the variant's vote and its prior."""
    if row.rules == T.NEGATIVE:
        return T.combined(row.p, row.rules, v.vote * (v.weak if row.cue in v.weak_cues else v.strong), row.prior)
    share = v.silent if row.silent else v.praised if row.praised else 1.0
    return T.combined(row.p, row.rules, v.vote, row.prior, share)


def stands(row: Row, v: Variant) -> bool:
    """True when the rules' answer stands whatever the words say: excused, or outweighed unless the variant weighs
    it."""
    return row.rules == T.EXCUSED or row.rules == T.OUTWEIGHED and not v.outweighed


def flag(row: Row, v: Variant, cut: float) -> bool:
    """The row's flag as tone_model.weigh decides it: the rules' on a short or excused post, else the threshold's."""
    if stands(row, v) or not row.weighs:
        return row.rules == T.NEGATIVE
    return score(row, v) >= cut


def cut_on(rows: Sequence[Row], v: Variant, lang: str) -> float:
    """The best threshold (train_tone.best_threshold) for the variant on these rows of one language."""
    at = [r for r in rows if r.lang == lang and r.weighs and not stands(r, v)]
    return T.best_threshold([score(r, v) for r in at], [r.label for r in at])


def tally(rows: Sequence[Row], flags: Sequence[bool]) -> T.Score:
    """The Score of flags against the rows' labels."""
    s = T.Score()
    for r, f in zip(rows, flags):
        s.add(r.label, f)
    return s


def arrivals(posts: list[dict[str, Any]], today: dict[str, dict[str, Any]], since: dict[str, dict[str, Any]] | None
             ) -> list[tuple[str, list[Row], list[Row]]]:
    """Per arrival: its batch, the earlier posts with their out-of-batch probabilities, and its posts with the
    probabilities of the model trained on the earlier ones."""
    out = []
    for commit, batch in H.ARRIVALS:
        by_id = H.rows_at(commit)
        for post in posts:
            item = by_id[post["id"]]
            item["row"] = features(item["lows"], set(item["masked"]))
            if since is not None and since[post["id"]]["rules"] != today[post["id"]]["rules"] \
                    and item["rules"] == since[post["id"]]["rules"]:  # tone_history --changed-since's carrying
                item.update({k: today[post["id"]][k] for k in ("rules", "terms", "notes", "positive")})
        before = [p for p in posts if H._number(T.batch_of(p["id"])) < int(batch)]
        new = [p for p in posts if H._number(T.batch_of(p["id"])) == int(batch)]
        rows = [by_id[p["id"]]["row"] for p in before]
        labels, langs = [p["negative"] for p in before], [p["lang"] for p in before]
        rules = [by_id[p["id"]]["rules"] for p in before]
        probs, _ = T.out_of_batch(rows, labels, [T.batch_of(p["id"]) for p in before], langs, rules, 0.0)
        weights, bias = T.fit_kept(rows, labels)
        new_rows = [by_id[p["id"]]["row"] for p in new]

        def made(post: dict[str, Any], p: float, row: list[str]) -> Row:
            item = by_id[post["id"]]
            return Row(min(max(p, 1e-12), 1 - 1e-12), item["rules"], silent(item), T.weighs_in(row),
                       post["negative"], post["lang"], T.batch_of(post["id"]), praised=praised(item),
                       cue=cue_class(item))

        out.append((batch, [made(p, pr, r) for p, pr, r in zip(before, probs, rows)],
                    [made(p, pr, r) for p, pr, r in zip(new, T.predict(weights, bias, new_rows), new_rows)]))
        print(f"  arrival {batch} read (engine {commit})", file=sys.stderr, flush=True)
    return out


def on_arrival(arrived: list[tuple[str, list[Row], list[Row]]], v: Variant, lang: str) -> T.Score:
    """The variant's pooled Score over the arrivals that have an earlier one, thresholds chosen before each."""
    total, seen = T.Score(), []
    for k, (_, before, new) in enumerate(arrived):
        if k:
            cut = cut_on(before if v.cuts == "batches" else seen, v, lang)
            s = tally([r for r in new if r.lang == lang], [flag(r, v, cut) for r in new if r.lang == lang])
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        seen.extend(new)
    return total


def out_of_batch(rows: list[Row], arrived_rows: list[Row], v: Variant, lang: str) -> T.Score:
    """The variant's Score out of batch: each batch at a threshold chosen without it."""
    total = T.Score()
    for held in sorted({r.batch for r in rows if r.lang == lang}):
        if v.cuts == "batches":
            cut = cut_on([r for r in rows if r.batch != held], v, lang)
        else:
            cut = cut_on([r for r in arrived_rows if H._number(r.batch) != H._number(held)], v, lang)
        test = [r for r in rows if r.batch == held and r.lang == lang]
        s = tally(test, [flag(r, v, cut) for r in test])
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    return total


def figure(s: T.Score) -> str:
    """F1 (P, R)."""
    return f"{s.f1:.3f} ({s.precision:.3f}, {s.recall:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changed-since", metavar="REV", help="carry the tone rules changed since REV onto each "
                                                              "batch's engine (as tone_history.py does)")
    args = parser.parse_args()
    posts = T.load_posts()
    today = today_reading(posts)
    since = H.rows_at(args.changed_since) if args.changed_since else None
    arrived = arrivals(posts, today, since)
    rows = [today[p["id"]] for p in posts]
    feats = [features(item["lows"], set(item["masked"])) for item in rows]
    labels, langs = [p["negative"] for p in posts], [p["lang"] for p in posts]
    batches = [T.batch_of(p["id"]) for p in posts]
    probs, _ = T.out_of_batch(feats, labels, batches, langs, [item["rules"] for item in rows], 0.0)
    priors = T.sentence_priors(posts, T.DATA / "posts.jsonl")
    plain = [Row(min(max(p, 1e-12), 1 - 1e-12), item["rules"], silent(item), T.weighs_in(f), y, lang, b,
                 praised=praised(item), cue=cue_class(item))
             for p, item, f, y, lang, b in zip(probs, rows, feats, labels, langs, batches)]
    primed = [replace(r, prior=prior) for r, prior in zip(plain, priors)]
    arrived_rows = [r for _, _, new in arrived for r in new]
    first = arrived[1][0] if len(arrived) > 1 else "-"
    print(f"negative F1 (P, R) per language: on arrival, batches {first}-{arrived[-1][0]} pooled (thresholds chosen "
          f"before each batch) | out of batch without the sentence prior | out of batch as shipped (with it)")
    for lang in ("en", "fi"):
        for v in VARIANTS:
            print(f"{lang} {v.name:<38} {figure(on_arrival(arrived, v, lang))} | "
                  f"{figure(out_of_batch(plain, arrived_rows, v, lang))} | "
                  f"{figure(out_of_batch(primed, arrived_rows, v, lang))}", flush=True)


if __name__ == "__main__":
    main()
