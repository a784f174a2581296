"""Issue 16's second round: other forms of the tone model, each measured on both protocols, beside the shipped one.

Out of batch as bench/train_tone.py measures (each batch by a model trained on the others), and on arrival as
bench/tone_history.py does (batches 7 on, each judged with the engine of the day it arrived and a model trained on
the batches before it). The rules' cues are read from their tone (its terms and the notes of what they excused), so
the engines of past days give them too. None of these ships (README, "A learned tone model beside the rules").
Run: python bench/tone_variants.py [NAME ...]   (NAME: a variant's key below; every variant by default)
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tone_history as H  # noqa: E402
import train_tone as T  # noqa: E402

from kuulo.rules.complaints import DISBELIEF, FAILURES, LOSSES, PRICES, REDRESS, REPEATS, WAITS  # noqa: E402
from kuulo.rules.tone import CONCESSIVES, CONTRASTS, LOSS, NEGATORS, is_problem_word  # noqa: E402
from kuulo.rules.tone_model import features, rules_answer  # noqa: E402

Item = dict[str, Any]  # a post's reading: lows, masked, rules, terms, notes, positive
WEAK_LISTS = {"repeat": REPEATS, "wait": WAITS, "failure": FAILURES, "loss": LOSSES + LOSS, "price": PRICES,
              "redress": REDRESS, "disbelief": DISBELIEF, "concession": CONCESSIVES}
EXCUSES = (("negated", "negated"), ("solved", "solved"), ("only asked", "asked"), ("praise outweighs", "outweighed"),
           ("praise after", "turned"), ("intensifies", "intensifier"), ("judges", "own question"))
KEPT = (T.EXCUSED, T.OUTWEIGHED)  # the rules' answers the stacked variant keeps (as before rules_shares.outweighed)
STACK_L2 = 3.0  # the penalty on the cues' weights learnt on arrival rows
NEWTON_STEPS = 25


def weak_list(term: str) -> str | None:
    """Which list of complaints.py a complaint word without a judging word comes from, or None."""
    for name, words in WEAK_LISTS.items():
        for word in words:
            if term == word or word.endswith("*") and term.startswith(word[:-1]) and " " not in term[len(word) - 1:]:
                return name
    return None


def cues(item: Item) -> list[str]:
    """The rules' cues in a post, as short names: what made it negative, what they excused, praise, two terms."""
    out = []
    terms = [t for t in item["terms"] if not t.startswith("model ")]
    for term in terms:
        if not term[0].isalnum():
            out.append("irony" if term.startswith("… ") else "emoji")
        elif term.endswith(" … me"):
            out.append("nobody")
        elif term.endswith(" …"):
            out.append("why")
        elif " … " in term:
            out.append("negated praise" if term.split()[0] in NEGATORS else "frame")
        else:
            weak = weak_list(term)
            out.append(f"complaint {weak}" if weak else "negator phrase" if term.split()[0] in NEGATORS else
                       "problem word" if is_problem_word(term) else "pack word")
    out += [f"excused {name}" for note in item["notes"] for start, name in EXCUSES if note.startswith(start)]
    return out + ["praise"] * item["positive"] + ["two terms"] * (len(terms) >= 2)


def words(item: Item, lang: str) -> list[str]:
    """The shipped features."""
    return features(item["lows"], set(item["masked"]))


def with_cues(per_language: bool) -> Callable[[Item, str], list[str]]:
    """The shipped features and the rules' cues (and a copy of each per language)."""
    def make(item: Item, lang: str) -> list[str]:
        found = cues(item)
        return words(item, lang) + [f"r:{c}" for c in found] + [f"r{lang}:{c}" for c in found if per_language]
    return make


def per_answer(item: Item, lang: str) -> list[str]:
    """Each feature also copied under the rules' answer."""
    own = words(item, lang)
    tag = "R1" if item["rules"] == T.NEGATIVE else "R0"
    return own + [f"{tag}|{name}" for name in own]


def per_language(item: Item, lang: str) -> list[str]:
    """Each feature also copied under the post's language (feature augmentation)."""
    own = words(item, lang)
    return own + [f"{lang}|{name}" for name in own]


def after_contrast(item: Item, lang: str) -> list[str]:
    """The shipped features and the words after the post's last but / mutta, as features of their own."""
    lows, masked = item["lows"], set(item["masked"])
    last = max((i for i, w in enumerate(lows) if w in CONTRASTS), default=len(lows))
    return words(item, lang) + [f"a:{'<brand>' if i in masked else lows[i][:6]}" for i in range(last + 1, len(lows))
                                if lows[i][0].isalnum()]


def log_count_ratios(names: list[str], ri: Any, ci: Any, y: Any) -> Any:
    """NB-SVM's value of each feature: the log of its share among negative posts over its share among the others."""
    negative = np.bincount(ci, weights=y[ri], minlength=len(names)) + 1.0
    other = np.bincount(ci, weights=1.0 - y[ri], minlength=len(names)) + 1.0
    return np.log((negative / negative.sum()) / (other / other.sum()))


def with_offset(rows: list[list[str]], labels: list[bool], rules: list[int]) -> tuple[dict[str, float], float]:
    """Words trained with the rules' vote as a fixed offset: they learn what the rules miss."""
    return T.fit_kept(rows, labels, offsets=[T.RULES_WEIGHT if r == T.NEGATIVE else -T.RULES_WEIGHT for r in rules])


VARIANTS: dict[str, tuple[str, Callable[[Item, str], list[str]], Callable[..., Any] | None, float]] = {
    "shipped": ("words and the rules' one vote", words, None, T.RULES_WEIGHT),
    "cues": ("the rules' cues as features, no vote", with_cues(False), None, 0.0),
    "cues+vote": ("the rules' cues beside the vote", with_cues(False), None, T.RULES_WEIGHT),
    "cues per language": ("the cues shared and per language, no vote", with_cues(True), None, 0.0),
    "per answer": ("every feature copied per the rules' answer", per_answer, None, T.RULES_WEIGHT),
    "nb": ("NB-SVM scaling", words, lambda r, y, _: T.fit_kept(r, y, scale=log_count_ratios), T.RULES_WEIGHT),
    "per language": ("every feature copied per language", per_language, None, T.RULES_WEIGHT),
    "offset": ("trained with the vote as an offset", words, with_offset, T.RULES_WEIGHT),
    "contrast": ("the words after the last but", after_contrast, None, T.RULES_WEIGHT),
}


def today_reading(posts: list[dict[str, Any]]) -> dict[str, Item]:
    """Each post's reading by today's engine."""
    engine = T.build_engine(T.load_brands())
    out = {}
    for post in posts:
        lows, _, places, _, tone = engine._read(post["text"], post["platform"], post["lang"])[:5]
        out[post["id"]] = {"lows": lows, "masked": sorted(places), "rules": rules_answer(tone),
                           "terms": list(tone.negative_terms), "notes": list(tone.notes), "positive": tone.positive}
    return out


def out_of_batch(posts: list[dict[str, Any]], reading: dict[str, Item], variant: tuple) -> list[bool]:
    """Each post's flag by the variant, by a model trained without its batch (train_tone's protocol)."""
    _, make, train_on, vote = variant
    rows = [make(reading[p["id"]], p["lang"]) for p in posts]
    return T.out_of_batch(rows, [p["negative"] for p in posts], [T.batch_of(p["id"]) for p in posts],
                          [p["lang"] for p in posts], [reading[p["id"]]["rules"] for p in posts], vote, train_on)[1]


def on_arrival(posts: list[dict[str, Any]], readings: dict[str, dict[str, Item]], variant: tuple
               ) -> dict[str, list[tuple[bool, bool]]]:
    """'batch lang' -> (label, flag) of each post of each batch on arrival (tone_history's protocol)."""
    _, make, train_on, vote = variant
    out: dict[str, list[tuple[bool, bool]]] = {}
    for commit, batch in H.ARRIVALS:
        reading = readings[commit]
        before = [p for p in posts if H._number(T.batch_of(p["id"])) < int(batch)]
        new = [p for p in posts if H._number(T.batch_of(p["id"])) == int(batch)]
        rows = [make(reading[p["id"]], p["lang"]) for p in before]
        labels, langs = [p["negative"] for p in before], [p["lang"] for p in before]
        rules = [reading[p["id"]]["rules"] for p in before]
        probs, _ = T.out_of_batch(rows, labels, [T.batch_of(p["id"]) for p in before], langs, rules, 0.0, train_on)
        weights, bias = train_on(rows, labels, rules) if train_on else T.fit_kept(rows, labels)
        cut = T.thresholds(rows, probs, labels, langs, rules, vote)
        new_rows = [make(reading[p["id"]], p["lang"]) for p in new]
        for post, row, prob in zip(new, new_rows, T.predict(weights, bias, new_rows)):
            flag = T.decide(prob, reading[post["id"]]["rules"], row, vote, cut[post["lang"]])
            out.setdefault(f"{batch} {post['lang']}", []).append((post["negative"], flag))
    return out


def stacked(posts: list[dict[str, Any]], readings: dict[str, dict[str, Item]]) -> tuple[list[bool], dict[str, Any]]:
    """The cues' weights around the vote learnt on each batch as it arrived (the rules out of sample), both ways."""
    # A stacking row: a post of an arrival batch, its words' log-odds by a model trained on the batches before it
    # (and never on `without`) plus the vote, as an offset; its cues as features. Thresholds are chosen there too.
    def rows_for(without: str | None, before: int) -> list[dict[str, Any]]:
        out = []
        for commit, batch in H.ARRIVALS:
            if int(batch) >= before:
                continue
            reading = readings[commit]
            train = [p for p in posts if H._number(T.batch_of(p["id"])) < int(batch) and T.batch_of(p["id"]) != without]
            new = [p for p in posts if H._number(T.batch_of(p["id"])) == int(batch) and T.batch_of(p["id"]) != without]
            weights, bias = T.fit_kept([words(reading[p["id"]], "") for p in train], [p["negative"] for p in train])
            for post, prob in zip(new, T.predict(weights, bias, [words(reading[p["id"]], "") for p in new])):
                item = reading[post["id"]]
                if item["rules"] not in KEPT and T.weighs_in(words(item, "")):
                    out.append({"lang": post["lang"], "y": post["negative"], "cues": [f"c:{c}" for c in cues(item)],
                                "z": _logit(prob) + (T.RULES_WEIGHT if item["rules"] == T.NEGATIVE else
                                                     -T.RULES_WEIGHT)})
        return out

    def judge(reading: dict[str, Item], test: list[dict[str, Any]], train: list[dict[str, Any]],
              stack: list[dict[str, Any]]) -> list[bool]:
        cue_weights = _fit_cues(stack)
        cut = {lang: T.best_threshold([_sigmoid(s["z"] + sum(cue_weights.get(c, 0.0) for c in s["cues"])) for s in
                                       stack if s["lang"] == lang], [s["y"] for s in stack if s["lang"] == lang])
               for lang in ("fi", "en")}
        weights, bias = T.fit_kept([words(reading[p["id"]], "") for p in train], [p["negative"] for p in train])
        flags = []
        for post, prob in zip(test, T.predict(weights, bias, [words(reading[p["id"]], "") for p in test])):
            item = reading[post["id"]]
            if item["rules"] in KEPT or not T.weighs_in(words(item, "")):
                flags.append(item["rules"] == T.NEGATIVE)
                continue
            z = _logit(prob) + (T.RULES_WEIGHT if item["rules"] == T.NEGATIVE else -T.RULES_WEIGHT)
            flags.append(_sigmoid(z + sum(cue_weights.get(f"c:{c}", 0.0) for c in cues(item))) >= cut[post["lang"]])
        return flags

    today = readings["today"]
    by_batch: dict[str, Any] = {}
    for held in sorted({T.batch_of(p["id"]) for p in posts}):
        test = [p for p in posts if T.batch_of(p["id"]) == held]
        by_batch[held] = iter(judge(today, test, [p for p in posts if T.batch_of(p["id"]) != held],
                                    rows_for(held, 1 << 30)))
    flags = [next(by_batch[T.batch_of(p["id"])]) for p in posts]
    arrivals: dict[str, list[tuple[bool, bool]]] = {}
    for commit, batch in H.ARRIVALS[1:]:  # the first arrival has none before it to learn from
        new = [p for p in posts if H._number(T.batch_of(p["id"])) == int(batch)]
        before = [p for p in posts if H._number(T.batch_of(p["id"])) < int(batch)]
        for post, flag in zip(new, judge(readings[commit], new, before, rows_for(None, int(batch)))):
            arrivals.setdefault(f"{batch} {post['lang']}", []).append((post["negative"], flag))
    return flags, arrivals


def _logit(p: float) -> float:
    """log(p / (1 - p))."""
    return math.log(p / (1.0 - p))


def _sigmoid(z: float) -> float:
    """1 / (1 + e^-z), z within +-30."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _fit_cues(stack: list[dict[str, Any]]) -> dict[str, float]:
    """The cues' weights (L2 STACK_L2, Newton's method) on stacking rows with their offsets."""
    names = sorted({c for s in stack for c in s["cues"]})
    index = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(stack), len(names)))
    for i, s in enumerate(stack):
        for c in s["cues"]:
            x[i, index[c]] += 1
    y, off = np.array([s["y"] for s in stack], dtype=float), np.array([s["z"] for s in stack])
    w = np.zeros(len(names))
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + off)))
        hessian = (x * (p * (1 - p))[:, None]).T @ x + STACK_L2 * np.eye(len(names))
        w -= np.linalg.solve(hessian, x.T @ (p - y) + STACK_L2 * w)
    return dict(zip(names, map(float, w)))


def _score(pairs: list[tuple[bool, bool]]) -> T.Score:
    """The Score of (label, flag) pairs."""
    score = T.Score()
    for label, flag in pairs:
        score.add(label, flag)
    return score


def _figure(score: T.Score) -> str:
    """F1 (precision)."""
    return f"{score.f1:.3f} ({score.precision:.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"variants: {', '.join([*VARIANTS, 'stacked'])}")
    names = parser.parse_args().names or [*VARIANTS, "stacked"]
    posts = T.load_posts()
    readings = {"today": today_reading(posts)} | {commit: H.rows_at(commit) for commit, _ in H.ARRIVALS}
    last = H.ARRIVALS[-1][1]
    print(f"negative F1 (precision): out of batch en / fi | on arrival {H.ARRIVALS[0][1]}-{last} en / fi | batch "
          f"{last} on arrival en / fi")
    for name in names:
        if name == "stacked":
            flags, arrivals = stacked(posts, readings)
            label = f"the cues learnt on arrival rows (arrivals from {H.ARRIVALS[1][1]})"
        else:
            flags, arrivals = out_of_batch(posts, readings["today"], VARIANTS[name]), \
                on_arrival(posts, readings, VARIANTS[name])
            label = VARIANTS[name][0]
        lobo = {lang: _score([(p["negative"], f) for p, f in zip(posts, flags) if p["lang"] == lang])
                for lang in ("en", "fi")}
        pooled = {lang: _score([pair for key, pairs in arrivals.items() if key.endswith(lang) for pair in pairs])
                  for lang in ("en", "fi")}
        newest = {lang: _score(arrivals.get(f"{last} {lang}", [])) for lang in ("en", "fi")}
        print(f"{label:<58} {_figure(lobo['en'])} / {_figure(lobo['fi'])} | {_figure(pooled['en'])} / "
              f"{_figure(pooled['fi'])} | {_figure(newest['en'])} / {_figure(newest['fi'])}", flush=True)
        if name == "shipped":  # on the arrivals the stacked variant can be judged on, all but the first
            first = f"{H.ARRIVALS[0][1]} "
            later = {lang: _score([pair for key, pairs in arrivals.items() if key.endswith(lang) and
                                   not key.startswith(first) for pair in pairs]) for lang in ("en", "fi")}
            print(f"{'  the same on arrival from ' + H.ARRIVALS[1][1]:<58} {'':<15}   {'':<15} | "
                  f"{_figure(later['en'])} / {_figure(later['fi'])}", flush=True)


if __name__ == "__main__":
    main()
