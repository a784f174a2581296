"""Agreement of a second, blind annotator with the development set's labels (question and tone, per language).

tests/data/matching/agreement-2.jsonl holds the second annotator's labels of 600 posts drawn at random (seed 1129)
from batches 9-11, agreement-3.jsonl a third study's of all 841 posts of batch 14 (labelled before anyone studied
them); tests/data/matching/README.md says how they were made.
Run: python bench/score_agreement.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_matching import DATA, Score, load_posts  # noqa: E402


def kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa of two yes/no labellings of the same items."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected)


def main() -> None:
    gold = {p["id"]: p for p in load_posts()}
    for path in sorted(DATA.glob("agreement-*.jsonl"), key=lambda p: int(p.stem.rpartition("-")[2])):  # 2 … 10
        second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        print(f"{path.name}: {len(second)} posts labelled twice")
        for task in ("question", "negative"):
            for lang in ("fi", "en"):
                pairs = [(gold[r["id"]][task], r[task]) for r in second if gold[r["id"]]["lang"] == lang]
                if not pairs:  # a study of one language's posts
                    continue
                score = Score()
                for writer, annotator in pairs:
                    score.add(writer, annotator)
                same = sum(w == a for w, a in pairs)
                k = kappa([w for w, _ in pairs], [a for _, a in pairs])
                print(score.line(f"{task} {lang}") + f"  agree {same}/{len(pairs)}  kappa {k:.3f}")

if __name__ == "__main__":
    main()
