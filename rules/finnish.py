"""Finnish surface forms of a name or word: case endings, weak-grade stems, clitics, possessives.

A form table is built once per term (Nordea -> nordeassa, nordean, nordeaan, ...), so the hot
path needs one dict lookup per token; clitics and possessive suffixes are peeled off a token
only when that lookup misses (Tokmannillekin -> tokmannille).
"""

from __future__ import annotations

import re
from typing import Iterable

VOWELS = frozenset("aeiouyäö")
BACK_VOWELS = frozenset("aou")
FRONT_VOWELS = frozenset("äöy")

# Endings of a vowel stem. "A" is a or ä by vowel harmony; "V" repeats the stem's last vowel.
CASES = ("", "n", "t", "A", "Vn", "ssA", "stA", "llA", "ltA", "lle", "ksi", "nA", "ttA")
# A weak-grade stem (Marimeko-, Sammo-, S-Panki-) takes only the endings of a closed syllable.
WEAK_CASES = ("n", "t", "ssA", "stA", "llA", "ltA", "lle", "ksi", "ttA")
# After an abbreviation with a colon (OP:n, KONE:lla, DNA:han), read aloud either way.
COLON_ENDINGS = ("n", "a", "ä", "ta", "tä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
                 "lle", "ksi", "na", "nä", "t", "hen", "han", "hän", "hin", "hon", "hun", "iin", "aan",
                 "ään", "een", "kin", "kaan", "kään")
ENGLISH_POSSESSIVES = ("'s", "'")

CLITICS = ("kin", "kaan", "kään", "han", "hän", "pa", "pä", "ko", "kö", "kohan", "köhän", "pahan", "pähän")
POSSESSIVES = ("ni", "si", "mme", "nne", "nsa", "nsä")
PEELABLE = CLITICS + POSSESSIVES + ("an", "en", "in", "on", "un", "yn", "än", "ön")

# Consonant gradation, strong -> weak, on the consonants before a stem's last vowel.
GRADATION = (("kk", "k"), ("pp", "p"), ("tt", "t"), ("mp", "mm"), ("nt", "nn"), ("nk", "ng"),
             ("lt", "ll"), ("rt", "rr"), ("ht", "hd"), ("lk", "l"), ("rk", "r"))
SINGLE_GRADATION = {"t": "d", "p": "v"}  # only when that one consonant stands between vowels
_LAST_SYLLABLE = re.compile(r"([^\W\d_aeiouyäö]+)([aeiouyäö])$")


def harmony(word: str) -> str:
    """The vowel(s) an ending takes: "a" after back vowels, "ä" after front ones, both if only e/i."""
    last = re.split(r"[-\s]", word.lower())[-1]
    if any(c in BACK_VOWELS for c in last):
        return "a"
    if any(c in FRONT_VOWELS for c in last):
        return "ä"
    return "aä"


def weak_stem(term: str) -> str | None:
    """The weak-grade stem of a vowel-final word (Marimekko -> Marimeko, Sampo -> Sammo), or None."""
    low = term.lower()
    m = _LAST_SYLLABLE.search(low)
    if not m or low[-1] == "e":
        return None
    cluster, start = m.group(1), m.start(1)
    for strong, weak in GRADATION:
        if cluster.endswith(strong):
            return _replace(term, start + len(cluster) - len(strong), len(strong), weak)
    if cluster in SINGLE_GRADATION and start > 0 and low[start - 1] in VOWELS:
        return _replace(term, start, 1, SINGLE_GRADATION[cluster])
    return None


def _replace(term: str, at: int, length: int, new: str) -> str:
    """term with `length` letters at `at` replaced by `new`, keeping upper case if they had it."""
    old = term[at:at + length]
    return term[:at] + (new.upper() if old.isupper() else new) + term[at + length:]


def _attach(forms: dict[str, str], stem: str, prefix: str, endings: Iterable[str], vowels: str) -> None:
    """Add stem + each ending (in every harmony vowel) to forms, mapped to the cased prefix."""
    low = stem.lower()
    last = low[-1]
    for ending in endings:
        ending = ending.replace("V", last)
        for vowel in vowels:
            forms.setdefault(low + ending.replace("A", vowel), prefix)


def surface_forms(term: str, extra_stems: Iterable[str] = ()) -> dict[str, str]:
    """Every lower-cased form of term mapped to the cased part whose capitals the form carries.

    The part is what an ambiguous name must show in capitals: "OP" for op:n, "Sammo" for sammon.
    """
    low = term.lower()
    forms: dict[str, str] = {low: term}
    for ending in ENGLISH_POSSESSIVES:
        forms.setdefault(low + ending, term)
    for ending in COLON_ENDINGS:
        forms.setdefault(f"{low}:{ending}", term)
    vowels = harmony(term)
    last = low[-1]
    if last in VOWELS:
        _attach(forms, term, term, CASES, vowels)
        if last == "e":  # Neste -> Nesteen, Nesteellä, Nesteeseen, Nestettä
            _attach(forms, term + "e", term, CASES[:2] + WEAK_CASES, vowels)
            forms.setdefault(low + "eseen", term)
        else:
            weak = weak_stem(term)
            if weak:
                _attach(forms, weak, weak, WEAK_CASES, vowels)
    elif low.endswith("nen") and len(low) > 4:  # Keskinen -> Keskisen, Keskisellä, Keskistä
        _attach(forms, term[:-3] + "se", term[:-3], CASES[1:], vowels)
        _attach(forms, term[:-3] + "s", term[:-3], ("tA",), vowels)
    elif last.isalpha():  # a connecting i after a consonant: Stockmannilla, Lidlissä, Wolttiin
        _attach(forms, term + "i", term, CASES, vowels)
        if last in "kpt":
            _attach(forms, term + term[-1] + "i", term, CASES, vowels)
    for stem in extra_stems:
        _attach(forms, stem, stem, CASES, harmony(stem))
    return forms


def peel(token: str) -> list[str]:
    """Shorter readings of a lower-case token without a clitic and/or possessive suffix."""
    if not token.endswith(PEELABLE):
        return []
    bases = [token[:-len(c)] for c in CLITICS if token.endswith(c) and len(token) - len(c) >= 2]
    out = list(bases)
    for base in [token, *bases]:
        out.extend(base[:-len(p)] for p in POSSESSIVES if base.endswith(p) and len(base) - len(p) >= 2)
        if len(base) > 4 and base[-1] == "n" and base[-2] == base[-3] and base[-2] in VOWELS:
            out.append(base[:-2])  # Nordeassaan -> nordeassa (the -Vn possessive)
    return out
