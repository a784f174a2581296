"""Build the tone model's neighbour store (rules/tone_neighbours.py) from the development posts' embeddings.

Needs the embeddings of python bench/train_sentence.py --vectors DIR (multilingual-e5-small as released, each post's
prior text: ~25 min the first time, then only the posts whose text changed). The store: PCA to DIMS dimensions, fitted
without labels on every post (centred, the covariance's top eigenvectors), each row made unit length and rounded to
int8 with a scale per dimension; each post's label and language; tau from the store's own spread (TAU_OF_SPREAD).
Measured before it shipped (bench/encoder-runs/README.md, "A neighbours vote"): 4.0 MB against 22.8 MB as float16,
the same out-of-batch gain.
Run: python bench/build_tone_neighbours.py --vectors DIR [--write]   (--write: rules/packs/tone-neighbours.npz;
then python bench/train_tone.py --write, whose thresholds are chosen with the vote)
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_matching import DATA, load_posts  # noqa: E402
from train_sentence import keyed_texts  # noqa: E402
from train_tone import batch_of, keys_digest  # noqa: E402

from kuulo.bot.encoder import ENCODER  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "rules" / "packs" / "tone-neighbours.npz"
DIMS = 128  # int8: fi +0.0051, en +0.0026 out of batch (nested); 64 lost the English gain, 384 int8 (11 MB) no more
SPREAD_AT = 20  # the spread: a post's nearest other-batch neighbour's cosine minus its SPREAD_AT-th's, the median
TAU_OF_SPREAD = 0.787  # tau = this x the spread: 0.02 over all 384 dimensions (spread 0.0254), where it was chosen
BLOCK = 1024


def unit(rows: np.ndarray) -> np.ndarray:
    """Each row at length 1."""
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def reduction(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean and the DIMS strongest principal directions of the vectors (no labels read)."""
    mean = vectors.mean(axis=0)
    values, directions = np.linalg.eigh(np.cov((vectors - mean).T))
    basis = directions[:, np.argsort(-values, kind="stable")[:DIMS]]
    basis *= np.where(basis[np.abs(basis).argmax(axis=0), np.arange(DIMS)] < 0, -1.0, 1.0)  # a sign fixed per axis
    return mean, basis


def rounded(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and the scale per dimension they are multiplied by."""
    scale = np.maximum(np.abs(rows).max(axis=0), 1e-12) / 127.0
    return np.clip(np.round(rows / scale), -127, 127).astype(np.int8), scale


def spread(rows: np.ndarray, langs: np.ndarray, batches: np.ndarray) -> float:
    """The median, over posts, of the nearest other-batch post's cosine of its language minus the SPREAD_AT-th's."""
    gaps = []
    for lang in sorted(set(langs)):
        at = np.flatnonzero(langs == lang)
        mine, theirs = rows[at], batches[at]
        for start in range(0, len(at), BLOCK):
            similar = mine[start:start + BLOCK] @ mine.T
            similar[theirs[start:start + BLOCK, None] == theirs[None, :]] = -np.inf
            top = -np.partition(-similar, SPREAD_AT - 1, axis=1)[:, :SPREAD_AT]
            gaps.append(top.max(axis=1) - top.min(axis=1))
    return float(np.median(np.concatenate(gaps)))


def build(folder: Path) -> dict[str, np.ndarray]:
    """The store's arrays from the embeddings in folder (ValueError when a post's text changed since)."""
    posts = load_posts(DATA / "posts.jsonl")
    _, keys = keyed_texts(posts)
    stored = (folder / "keys.txt").read_text(encoding="utf-8").split("\n")
    if stored != keys:
        changed = sum(a != b for a, b in zip(stored, keys)) + abs(len(stored) - len(keys))
        raise ValueError(f"{changed} posts' prior texts differ from {folder}'s: run python bench/train_sentence.py "
                         f"--vectors {folder} first")
    vectors = np.load(folder / "vectors.npy").astype(np.float64)
    mean, basis = reduction(vectors)
    reduced = unit((vectors - mean) @ basis)
    quantised, scale = rounded(reduced)
    langs = np.array([p["lang"] for p in posts])
    batches = np.array([batch_of(p["id"]) for p in posts])
    tau = TAU_OF_SPREAD * spread(quantised * scale, langs, batches)
    return {"mean": mean.astype(np.float32), "basis": basis.astype(np.float32), "vectors": quantised,
            "scale": scale.astype(np.float32), "negative": np.array([p["negative"] for p in posts], dtype=np.uint8),
            "langs": langs, "ids": np.array([p["id"] for p in posts]), "tau": np.array(round(tau, 5)),
            "encoder": np.array(ENCODER), "keys_sha256": np.array(keys_digest(keys))}


def saved(arrays: dict[str, np.ndarray]) -> bytes:
    """The npz file's bytes (compressed)."""
    out = io.BytesIO()
    np.savez_compressed(out, **arrays)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, required=True, metavar="DIR",
                        help="the embeddings of python bench/train_sentence.py --vectors DIR")
    parser.add_argument("--write", action="store_true", help=f"write {STORE.relative_to(ROOT)}")
    args = parser.parse_args()
    arrays = build(args.vectors)
    data = saved(arrays)
    print(f"{len(arrays['ids'])} posts, {DIMS} dims, tau {float(arrays['tau']):.5f}: {len(data) / 1e6:.2f} MB "
          f"(sha256 {hashlib.sha256(data).hexdigest()})")
    if args.write:
        STORE.write_bytes(data)
        print(f"wrote {STORE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
