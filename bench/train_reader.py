"""Fit the brand reader (rules/brand_reader.py): a head over the encoder's reading of each name the rules argued about.

Part 1: python bench/train_reader.py --vectors DIR    (13,429 texts: ~14 min beside another encoding job; then only
new texts: 1,162 in under a minute)
runs the engine without a reader over the development posts (tests/data/matching/posts.jsonl, the brands of
score_matching.DEV_BRANDS), keeps each name the rules weighed (rules/brand_reader.py: taken or refused) and embeds
its window, its post and its brand's description with Kuulo's encoder into DIR (cache.npz: each text's SHA-1 and its
vector).
Part 2: python bench/train_reader.py --cache DIR [--write]
prints the reader on arrival (each of the last ARRIVALS batches read by a head fitted on the batches before it: the
rules' errors on weighed names and the reader's, per language) and fits the shipped head on every batch (WIDTH ReLU
units, L2 ALPHA_PER_ROW a row, EPOCHS of full-batch Adam: bench/train_sentence.fit_head); --write writes
rules/packs/brand-reader.json. Deterministic: a seeded start, full batches, numbers rounded to DECIMALS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from score_matching import DATA, build_engine, load_brands, load_posts  # noqa: E402
from train_sentence import DECIMALS, DIMS, fit_head  # noqa: E402
from train_tone import batch_of, hash_of, render  # noqa: E402

from kuulo.bot.encoder import ENCODER, E5Encoder  # noqa: E402
from kuulo.bot.limits import ENCODER_MEMO  # noqa: E402
from kuulo.rules.brand_reader import ContestLog, brand_text, features  # noqa: E402

TABLE = ROOT / "rules" / "packs" / "brand-reader.json"
# Chosen on arrival (2026-11-30, scratch runs over batches 15-19, each read by a head fitted on the batches before;
# 64 or 128 units alike): 64 units, L2 0.01 a row, 200 epochs, sure at LOW / HIGH. This script at 16:55 UTC on
# batches 16-20: English errors on weighed names 146 -> 110, Finnish 82 -> 79: so the reader reads English posts only.
WIDTH, ALPHA_PER_ROW, EPOCHS = 64, 0.01, 200
LOW, HIGH = 0.1, 0.9
LANGUAGES = ("en",)
ARRIVALS = 5


READ = ("id", "lang", "platform", "text", "brands")  # what the reader is fitted on: no question or tone label


def reader_digest(path: Path) -> str:
    """The SHA-256 of the fields of each post the reader is fitted on (READ), so relabelling tone keeps it current."""
    posts = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    read = "\n".join(json.dumps([post[field] for field in READ], ensure_ascii=False) for post in posts)
    return hashlib.sha256(read.encode("utf-8")).hexdigest()


def contests(posts: list[dict[str, Any]]) -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
    """Each post's weighed names as the engine without a reader leaves them: (post, ContestLog row)."""
    brands = load_brands()
    log = ContestLog()
    engine = build_engine(brands, reader=log)
    out = []
    for post in posts:
        before = len(log.rows)
        engine.evaluate(post["text"], platform=post["platform"], lang=post["lang"], suggest=False)
        out += [(post, row) for row in log.rows[before:]]
    return out


def texts_of(rows: list[tuple[dict[str, Any], tuple[Any, ...]]]) -> list[str]:
    """Every text the reader embeds for these contests: windows, posts and brand descriptions, once each."""
    described = {spec.name: brand_text(spec) for spec in load_brands()}
    return list(dict.fromkeys(t for _, (text, brand, _, around, *_) in rows for t in (around, text, described[brand])))


def key(text: str) -> str:
    """A text's key in the cache."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def embed(folder: Path) -> None:
    """Part 1: the contests' texts embedded into folder, reusing what an earlier run embedded."""
    texts = texts_of(contests(load_posts()))
    known = dict(zip(*cached(folder))) if (folder / "cache.npz").exists() else {}
    new = [t for t in texts if key(t) not in known]
    print(f"{len(texts)} texts: {len(texts) - len(new)} embedded before, {len(new)} to embed with {ENCODER}")
    encoder = E5Encoder()
    step = ENCODER_MEMO // 2  # half a memo at a time, read in batches as the import's worker does
    for start in range(0, len(new), step):
        chunk = new[start:start + step]
        with encoder.deferring():
            for text in chunk:
                encoder.embed(text)
        known |= {key(t): np.asarray(encoder.embed(t), dtype=np.float32) for t in chunk}
    folder.mkdir(parents=True, exist_ok=True)
    keys = [key(t) for t in texts]
    np.savez(folder / "cache.npz", keys=np.array(keys), vectors=np.array([known[k] for k in keys], dtype=np.float32))
    print(f"wrote {folder}/cache.npz ({len(keys)} texts, {DIMS} numbers each)")


def cached(folder: Path) -> tuple[list[str], np.ndarray]:
    """The keys and vectors part 1 wrote in folder (one file: they cannot part), or SystemExit naming it."""
    try:
        with np.load(folder / "cache.npz") as data:
            keys, vectors = [str(k) for k in data["keys"]], data["vectors"]
    except (OSError, KeyError, ValueError) as exc:
        raise SystemExit(f"{folder}/cache.npz: {exc}; run python bench/train_reader.py --vectors {folder}") from None
    if len(keys) != len(vectors):
        raise SystemExit(f"{folder}/cache.npz: {len(keys)} keys for {len(vectors)} vectors; run --vectors again")
    return keys, vectors


def table(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """The contests' input rows, labels (the brand is the post's), the rules' answers, batches and languages."""
    rows = contests(load_posts())
    keys, vectors = cached(folder)
    row_of = {k: i for i, k in enumerate(keys)}
    described = {spec.name: brand_text(spec) for spec in load_brands()}
    missing = [t for t in texts_of(rows) if key(t) not in row_of]
    if missing:
        raise SystemExit(f"{folder} lacks {len(missing)} texts: run python bench/train_reader.py --vectors {folder}")
    vec = lambda text: vectors[row_of[key(text)]]  # noqa: E731
    x = np.array([features(vec(around), vec(text), vec(described[brand]), taken, finnish, capital)
                  for _, (text, brand, _, around, taken, capital, finnish) in rows])
    y = np.array([brand in post["brands"] for post, (_, brand, *_) in rows], dtype=np.float64)
    taken = np.array([row[4] for _, row in rows])
    return x, y, taken, [batch_of(post["id"]).split()[0] for post, _ in rows], [post["lang"] for post, _ in rows]


def settled(chance: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """The reader's answers: the rules' unless it is sure."""
    return np.where(taken, chance >= LOW, chance > HIGH)


def on_arrival(x: np.ndarray, y: np.ndarray, taken: np.ndarray, batches: list[str], langs: list[str]) -> None:
    """Each of the last ARRIVALS batches read by a head fitted on the batches before it: errors on weighed names."""
    order = sorted({int(b.split("-")[0]) for b in batches})
    number = np.array([int(b.split("-")[0]) for b in batches])
    sums: dict[tuple[str, str], list[int]] = {}
    for batch in order[-ARRIVALS:]:
        before, now = number < batch, number == batch
        head = fit_head(x[before], y[before], WIDTH, ALPHA_PER_ROW * before.sum(), EPOCHS)
        chance = 1 / (1 + np.exp(-head.log_odds(x[now])))
        truth, rules, reader = y[now] > 0.5, taken[now], settled(chance, taken[now])
        for lang in sorted(set(langs)):
            mine = np.array(langs)[now] == lang
            for who, answer in (("rules", rules), ("reader", reader)):
                fp, fn = int((answer & ~truth & mine).sum()), int((~answer & truth & mine).sum())
                sums.setdefault((lang, who), [0, 0])
                sums[(lang, who)][0] += fp
                sums[(lang, who)][1] += fn
        print(f"batch {batch}: {now.sum()} weighed names", flush=True)
    for (lang, who), (fp, fn) in sorted(sums.items()):
        print(f"on arrival, batches {order[-ARRIVALS]}-{order[-1]}, {lang} {who:6}: fp {fp} fn {fn} errors {fp + fn}")


def fit(folder: Path, write: bool) -> None:
    """Part 2: the reader on arrival, then the shipped head."""
    x, y, taken, batches, langs = table(folder)
    print(f"{len(y)} weighed names: {int(taken.sum())} taken by the rules, {int(y.sum())} the brand")
    posts = load_posts()
    read_in = {post["id"] for post, _ in contests(posts)}
    for lang in sorted(set(langs)):
        read = {post_id for post_id in read_in if post_id.startswith(f"{lang}-")}
        print(f"{lang}: {langs.count(lang)} weighed names in {len(read)} of {sum(p['lang'] == lang for p in posts)} "
              "posts")
    on_arrival(x, y, taken, batches, langs)
    if not write:
        return
    head = fit_head(x, y, WIDTH, ALPHA_PER_ROW * len(y), EPOCHS)
    body = {"encoder": ENCODER, "dims": DIMS, "low": LOW, "high": HIGH, "languages": list(LANGUAGES),
            "head": head.table(1.0)}
    data = {"about": "Kuulo's brand reader (rules/brand_reader.py): a head over the encoder's reading of a weighed "
                     "name, written by bench/train_reader.py --write from the posts whose texts and brands hash to "
                     "digest (reader_digest); do not edit by hand", "digest": reader_digest(DATA / "posts.jsonl"), **body}
    TABLE.write_text(render(data | {"weights_sha256": hash_of(data, tuple(body))}), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)} (rounded to {DECIMALS} decimals)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=Path, metavar="DIR", help="part 1: embed the contests' texts into DIR")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="part 2: fit on the embeddings in DIR")
    parser.add_argument("--write", action="store_true", help=f"with --cache: write {TABLE.relative_to(ROOT)}")
    args = parser.parse_args()
    if args.vectors:
        embed(args.vectors)
    elif args.cache:
        fit(args.cache, args.write)
    else:
        parser.error("give --vectors DIR or --cache DIR")


if __name__ == "__main__":
    main()
