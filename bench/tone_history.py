"""Tone on posts nobody had tuned on: each batch of the development set judged by the engine as it was when the batch
arrived, alone and with a tone model trained on the batches before it (bench/train_tone.py's way).

The rules were written against every batch they had seen, so on the development set they are judged in sample; a
batch on its arrival is the out-of-sample test. For each (commit, batch) below, the engine's code at that commit is
taken with `git archive` into a temporary folder and run in a subprocess; its tokens, brands and tone give the
model's features and the rules' answer (the model's features are those of today's rules/tone_model.py). The model
is trained on the earlier batches, its thresholds chosen on their out-of-batch probabilities, and the batch is
scored: the rules alone, the model alone (its words) and rules+model (as Kuulo ships it). Labels are today's.

With --changed-since REV, each batch is judged by the engine of its day plus the tone rules changed since REV: a post
whose rules' answer differs between REV's engine and today's takes today's answer wherever the engine of the day
agreed with REV's (a change's effect carried onto the older engines, as if it had been made on each of them).
With --sentence DIR (the folder bench/train_sentence.py's part 1 wrote), each batch is also judged with the sentence
prior as shipped: each language's head fitted on the batches before, the threshold chosen with their out-of-batch
sentence log-odds ("rules+model+sentence").
Run: python bench/tone_history.py [--changed-since REV] [--sentence DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The engine when a batch arrived: the commit that added it (its rules tuned on the batches before), and the batch.
ARRIVALS = (
    ("1f460c8", "7"),  # batch 7: 560 posts (W5 fi, W6 en)
    ("8de12f0", "8"),  # batch 8: 510 posts (HO1 fi, HO2 fi and en)
    ("6ca2289", "9"),  # batch 9: 1,020 posts (W9a fi, W9b en, W9c fi and en)
    ("df32537", "10"),  # batch 10: 900 posts (W10a, W10b, W10c en)
    ("9f89be2", "11"),  # batch 11: 600 posts (390 fi, 210 en), eight brands new to the engine
    ("b5235a7", "12"),  # batch 12: 1,200 posts (690 fi, 510 en), eight more new brands; scored on b5235a7's engine
    ("1874e32", "13"),  # batch 13: 900 posts (460 fi, 440 en), four new brands; sealed until scored on 1874e32's engine
    ("43c3001", "14"),  # batch 14: 841 posts (419 fi, 422 en), three new brands; sealed until scored on 43c3001's engine
    ("0c9efd4", "15"),  # batch 15: 899 posts (450 fi, 449 en), four new brands; sealed until scored on 0c9efd4's engine
    ("f851062", "16"),  # batch 16: 900 posts (450 fi, 450 en), four new brands; sealed until scored on f851062's engine
    ("5d536fd", "17"),  # batch 17: 899 posts (450 fi, 449 en), four new brands; sealed until scored on 5d536fd's engine
    ("c99ee41", "18"),  # batch 18: 898 posts (449 fi, 449 en), four new brands; sealed until scored on c99ee41's engine
    ("b706c4f", "19"),  # batch 19: 900 posts (450 fi, 450 en), four new brands; sealed until scored on b706c4f's engine
    ("8d2732e", "20"),  # batch 20: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 8d2732e's engine
    ("8ea734e", "21"),  # batch 21: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 8ea734e's engine
    ("6a72dbb", "22"),  # batch 22: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 6a72dbb's engine
    ("0e90c10", "23"),  # batch 23: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 0e90c10's engine
    ("3d2bd20", "24"),  # batch 24: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 3d2bd20's engine
    ("c5a131d", "25"),  # batch 25: 900 posts (450 fi, 450 en), four new brands; sealed until scored on c5a131d's engine
    ("e784d62", "26"),  # batch 26: 900 posts (450 fi, 450 en), four new brands; sealed until scored on e784d62's engine
    ("2a38a15", "27"),  # batch 27: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 2a38a15's engine
    ("9239149", "28"),  # batch 28: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 9239149's engine
    ("2cb6999", "29"),  # batch 29: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 2cb6999's engine
    ("64e7d3c", "30"),  # batch 30: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 64e7d3c's engine
    ("de27f8a", "31"),  # batch 31: 900 posts (450 fi, 450 en), four new brands; sealed until scored on de27f8a's engine
    ("3d7ca42", "32"),  # batch 32: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 3d7ca42's engine
    ("6a83191", "33"),  # batch 33: 900 posts (450 fi, 450 en), four new brands; sealed until scored on 6a83191's engine
    ("e6e1078", "34"),  # batch 34: 900 posts (450 fi, 450 en), four new brands; sealed until scored on e6e1078's engine
)
CODE = ("rules", "bot", "storage", "handlers", "bench/score_matching.py", "tests/data/matching/brands.yaml")


def _features_at(folder: Path) -> None:
    """In the subprocess: each post's id, tokens, brands' places and the rules' answer by the engine under `folder`."""
    sys.path.insert(0, str(folder / "pkg"))
    import kuulo.rules.engine as old_engine  # the engine of the commit (sys.path comes before the editable finder)

    if str(folder) not in old_engine.__file__:
        raise SystemExit(f"the old engine did not load from {folder}: {old_engine.__file__}")
    spec = importlib.util.spec_from_file_location("today_prior_text", ROOT / "rules" / "prior_text.py")
    prior_text = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prior_text)  # type: ignore[union-attr]
    old_prior_text = sys.modules.get("kuulo.rules.prior_text")
    sys.modules["kuulo.rules.prior_text"] = prior_text  # today's tone model imports today's (an old engine keeps its own)
    spec = importlib.util.spec_from_file_location("today_tone_model", ROOT / "rules" / "tone_model.py")
    today = importlib.util.module_from_spec(spec)
    sys.modules["today_tone_model"] = today
    spec.loader.exec_module(today)  # type: ignore[union-attr]
    if old_prior_text is not None:
        sys.modules["kuulo.rules.prior_text"] = old_prior_text
    spec = importlib.util.spec_from_file_location("old_score_matching", folder / "src" / "bench" / "score_matching.py")
    old_scorer = importlib.util.module_from_spec(spec)
    sys.modules["old_score_matching"] = old_scorer
    spec.loader.exec_module(old_scorer)  # type: ignore[union-attr]
    seen: dict[str, Any] = {}
    classify, reasons = old_engine.Classifier.classify, old_engine.question_reasons

    def classify_and_keep(self: Any, lows: list[str], hits: list[Any]) -> Any:
        seen["lows"], seen["tone"] = list(lows), classify(self, lows, hits)
        return seen["tone"]

    def reasons_and_keep(text: str, tokens: list[str], lows: list[str], skip: Any, *more: Any) -> Any:
        seen["masked"] = set(skip)  # the positions of the brands found (later engines pass a list of refusals too)
        return reasons(text, tokens, lows, skip, *more)

    old_engine.Classifier.classify = classify_and_keep
    old_engine.question_reasons = reasons_and_keep
    engine = old_scorer.build_engine(old_scorer.load_brands(folder / "src" / "tests" / "data" / "matching" /
                                                            "brands.yaml"))
    for line in (ROOT / "tests" / "data" / "matching" / "posts.jsonl").read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        engine.evaluate(post["text"], platform=post["platform"], lang=post["lang"])
        tone = seen["tone"]  # its terms, notes and praise: what bench/tone_variants.py reads the rules' cues from
        print(json.dumps({"id": post["id"], "lows": seen["lows"], "masked": sorted(seen["masked"]),
                          "rules": today.rules_answer(tone), "terms": list(tone.negative_terms),
                          "notes": list(tone.notes), "positive": tone.positive}, ensure_ascii=False))


def rows_at(commit: str) -> dict[str, dict[str, Any]]:
    """Post id -> tokens ("lows"), brands' positions ("masked"), the rules' answer and their tone ("terms", "notes",
    "positive"), by the engine at `commit`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "src").mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, *CODE], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(folder / "src")], input=archive.stdout, check=True)
        package = folder / "pkg" / "kuulo"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        for name in ("rules", "bot", "storage", "handlers"):
            (package / name).symlink_to(folder / "src" / name)
        out = subprocess.run([sys.executable, __file__, "--features-at", str(folder)], check=True,
                             capture_output=True, text=True, env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"})
    return {item["id"]: item for item in map(json.loads, out.stdout.splitlines())}


def _number(batch: str) -> int:
    """A batch's number, as numbers compare ("1-5 ..." is 5, "10 W10a" is 10)."""
    return int(batch.split()[0].split("-")[-1])


def changed_answers(since: str, posts: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Post id -> (the rules' answer by the engine at `since`, today's), for the posts whose answer changed."""
    sys.path.insert(0, str(ROOT / "bench"))
    from score_matching import build_engine, load_brands

    engine = build_engine(load_brands())
    before = rows_at(since)
    changed = {}
    for post in posts:
        _, today = engine.tone_inputs(post["text"], platform=post["platform"], lang=post["lang"])
        if today != before[post["id"]]["rules"]:
            changed[post["id"]] = (before[post["id"]]["rules"], today)
    return changed


def sentence_log_odds(folder: Path, lang: str, before: list[dict[str, Any]],
                      new: list[dict[str, Any]]) -> tuple[dict[str, float], list[float]]:
    """A language's earlier posts' out-of-batch sentence log-odds by id, and the new posts' by a head fitted on them."""
    import numpy as np
    import train_sentence as S  # noqa: N812
    import train_tone as T  # noqa: N812

    mine = [p for p in before if p["lang"] == lang]
    vectors = S.vectors_of(folder, mine + new)  # one read: the engine reads every post's text to key it
    x, y = vectors[:len(mine)], np.array([p["negative"] for p in mine], dtype=np.float64)
    oob = S.out_of_batch(x, y, [T.batch_of(p["id"]) for p in mine])
    return dict(zip((p["id"] for p in mine), oob)), list(S.fit_head(x, y).log_odds(vectors[len(mine):]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changed-since", metavar="REV", help="carry the tone rules changed since REV onto each "
                                                              "batch's engine")
    parser.add_argument("--sentence", type=Path, metavar="DIR", help="judge with the sentence prior too, from the "
                        "folder of bench/train_sentence.py --vectors")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    import train_tone as T  # noqa: N812

    from kuulo.rules.tone_model import features

    posts = T.load_posts()
    changed = changed_answers(args.changed_since, posts) if args.changed_since else {}
    if args.changed_since:
        print(f"the tone rules changed since {args.changed_since} answer {len(changed)} posts otherwise; each engine "
              f"of the day takes today's answer on those where it agreed with {args.changed_since}'s")
    print("tone ('negative') of each batch on its arrival: the engine of that day alone, and with a model trained "
          "on the batches before it")
    means: dict[tuple[str, str], list[float]] = {}
    for commit, batch in ARRIVALS:
        by_id = rows_at(commit)
        for post in posts:  # today's features of that day's tokens and brands
            item = by_id[post["id"]]
            item["row"] = features(item["lows"], set(item["masked"]))
            was, now = changed.get(post["id"], (None, None))
            if was is not None and item["rules"] == was:
                item["rules"] = now
        before = [p for p in posts if _number(T.batch_of(p["id"])) < int(batch)]
        new = [p for p in posts if _number(T.batch_of(p["id"])) == int(batch)]
        rows = [by_id[p["id"]]["row"] for p in before]
        rules = [by_id[p["id"]]["rules"] for p in before]
        labels = [p["negative"] for p in before]
        langs = [p["lang"] for p in before]
        probs, _ = T.out_of_batch(rows, labels, [T.batch_of(p["id"]) for p in before], langs, rules, 0.0)
        weights, bias = T.fit_kept(rows, labels)
        new_rows = [by_id[p["id"]]["row"] for p in new]
        new_probs = T.predict(weights, bias, new_rows)
        for lang in ("fi", "en"):
            at = [i for i, p in enumerate(new) if p["lang"] == lang]
            if not at:
                continue
            ways: dict[str, list[bool]] = {"rules alone": [], "model alone": [], "rules+model": []}
            for way, vote in (("model alone", 0.0), ("rules+model", T.RULES_WEIGHT)):
                cut = T.thresholds(rows, probs, labels, langs, rules if vote else [T.NOT_NEGATIVE] * len(rules),
                                   vote)[lang]
                for i in at:
                    answer = by_id[new[i]["id"]]["rules"]
                    ways[way].append(T.decide(new_probs[i], answer, new_rows[i], vote, cut) if vote else
                                     new_probs[i] >= cut)
            ways["rules alone"] = [by_id[new[i]["id"]]["rules"] == T.NEGATIVE for i in at]
            if args.sentence:  # as shipped: with the sentence prior, its head fitted on the batches before
                import train_sentence as S  # noqa: N812

                known, z_sentence = sentence_log_odds(args.sentence, lang, before, [new[i] for i in at])
                weight = S.WEIGHTS[lang]
                priors = [weight * known.get(p["id"], 0.0) for p in before]
                cut = T.thresholds(rows, probs, labels, langs, rules, T.RULES_WEIGHT, priors)[lang]
                ways["rules+model+sentence"] = [
                    T.decide(new_probs[i], by_id[new[i]["id"]]["rules"], new_rows[i], T.RULES_WEIGHT, cut,
                             weight * zs) for i, zs in zip(at, z_sentence)]
            for way, flags in ways.items():
                score = T.Score()
                for i, flag in zip(at, flags):
                    score.add(new[i]["negative"], flag)
                print(score.line(f"batch {batch} {lang} {way}") + f"  (engine {commit}, {len(before)} posts before)")
                if way in ("rules+model", "rules+model+sentence"):
                    means.setdefault((way, lang), []).append(score.f1)
    for (way, lang), f1s in means.items():
        print(f"{way} {lang}: mean F1 {sum(f1s) / len(f1s):.4f} over {len(f1s)} arrivals")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--features-at":
        _features_at(Path(sys.argv[2]))
    else:
        main()
