"""How much the tone model's combination leaves on the table: its parts' weights learnt out of batch (a stacker).

Kuulo adds the words' log-odds, the rules' vote (RULES_WEIGHT, its share by their answer) and the sentence prior's
log-odds at weights chosen by hand (bench/train_tone.py). Here each language's weights of those parts (the words'
log-odds, one vote per rules' answer, the sentence) and a bias are learnt by logistic regression on the other
batches' out-of-batch values, the threshold chosen on the same, and each batch judged with them: nested, so the
figure is out of batch as train_tone's. Also printed: the shipped combination with the shares of the vote for praise
(`praised`) and for praise that outweighed (`outweighed`) and the English sentence weight chosen per batch from a
grid on the other batches. Posts the model does not weigh (short, excused) keep the rules' answer, as shipped.
Measurement only: nothing here is written or shipped (README, "How well it matches").
Run: python bench/tone_stack.py   (~3 min: train_tone's out-of-batch fit first)
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_tone as T  # noqa: E402
from score_matching import DATA, build_engine, load_brands, load_posts  # noqa: E402

L2 = 1.0  # on the stacker's weights (not its bias)
NEWTON_STEPS = 30
ANSWERS = (T.NOT_NEGATIVE, T.NEGATIVE, T.PRAISED, T.OUTWEIGHED)  # one vote each; EXCUSED posts keep the rules' answer
GRID = list(itertools.product((0.0, 0.5, 1.0, 1.5), (-0.5, 0.0, 0.5, 1.0), (1.5, 2.0)))  # praised, outweighed, en


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression weights (the bias last) by Newton's method, L2 on the weights."""
    x1 = np.hstack([x, np.ones((len(x), 1))])
    w, penalty = np.zeros(x1.shape[1]), np.r_[np.full(x.shape[1], L2), 0.0]
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x1 @ w)))
        hessian = (x1 * (p * (1 - p))[:, None]).T @ x1 + np.diag(penalty)
        w -= np.linalg.solve(hessian, x1.T @ (p - y) + penalty * w)
    return w


def f1(flags: np.ndarray, truth: np.ndarray, at: np.ndarray) -> float:
    """F1 of flags against truth on the posts of `at`."""
    tp, fp, fn = (flags & truth & at).sum(), (flags & ~truth & at).sum(), (~flags & truth & at).sum()
    return 2 * tp / max(1, 2 * tp + fp + fn)


def line(name: str, oob: T.OutOfBatch, flags: np.ndarray) -> str:
    """F1 (precision, recall) per language."""
    got = T.scores(oob.labels, [bool(f) for f in flags], oob.langs)
    return f"{name:<44} " + "  ".join(f"{lang} {s.f1:.4f} (P {s.precision:.3f} R {s.recall:.3f})"
                                      for lang, s in sorted(got.items()))


def main() -> None:
    source = DATA / "posts.jsonl"
    posts = load_posts(source)
    oob = T.judged_out_of_batch(build_engine(load_brands()), posts, source)
    truth, langs, batches = np.array(oob.labels), np.array(oob.langs), np.array(oob.batches)
    sentence, rules = np.array(oob.sentences), np.array(oob.rules)
    weighed = np.array([T.weighs_in(r) and not T.rules_stand(a) for r, a in zip(oob.rows, oob.rules)])
    shipped = np.array(oob.flags)
    words = np.log(np.array(oob.probs) / (1 - np.array(oob.probs)))
    parts = np.stack([words, *[(rules == a).astype(float) for a in ANSWERS], sentence], axis=1)
    stacked = shipped.copy()
    for held in sorted(set(oob.batches)):
        for lang in sorted(set(oob.langs)):
            test = (batches == held) & (langs == lang) & weighed
            if not test.any():
                continue
            train = (batches != held) & (langs == lang) & weighed
            w = fit(parts[train], truth[train].astype(float))
            cut = T.best_threshold(1 / (1 + np.exp(-(parts[train] @ w[:-1] + w[-1]))), truth[train])
            stacked[test] = 1 / (1 + np.exp(-(parts[test] @ w[:-1] + w[-1]))) >= cut
    print(line("shipped (out of batch)", oob, shipped))
    print(line("stacked: the parts' weights learnt per batch", oob, stacked))
    for lang in sorted(set(oob.langs)):
        at = (langs == lang) & weighed
        w = fit(parts[at], truth[at].astype(float))
        print(f"  {lang} weights on every batch: words {w[0]:.2f}, votes " +
              ", ".join(f"{name} {v:.2f}" for name, v in zip(("silent", "negative", "praised", "outweighed"), w[1:5]))
              + f", sentence {w[5]:.2f}, bias {w[6]:.2f}")
    by_variant = {}
    for praised, outweighed, english in GRID:
        T.SHARE_OF[T.PRAISED], T.SHARE_OF[T.OUTWEIGHED] = praised, outweighed
        weight = {"fi": 1.0, "en": english}
        priors = [float(weight[x] * s) for s, x in zip(sentence, oob.langs)]
        by_variant[(praised, outweighed, english)] = np.array(T.judged(
            oob.rows, oob.probs, oob.labels, oob.batches, oob.langs, oob.rules, T.RULES_WEIGHT, priors, oob.sentences))
    chosen = shipped.copy()
    for held in sorted(set(oob.batches)):
        for lang in sorted(set(oob.langs)):
            test = (batches == held) & (langs == lang)
            if test.any():
                others = (batches != held) & (langs == lang)
                best = max(GRID, key=lambda g: f1(by_variant[g], truth, others))
                chosen[test] = by_variant[best][test]
    print(line("shares and English weight chosen per batch", oob, chosen))


if __name__ == "__main__":
    main()
