"""A brand's `exclude` words and the inflected forms they cover (arena: arenalla; renkaat: renkaiden; meri: meren)."""

from __future__ import annotations

from kuulo.rules.finnish import VOWELS

EXCLUDE_ENDING_LETTERS = 6  # an exclude word matches its inflected forms: arena -> arenalla, renkaat -> renkaiden
EXCLUDE_I_STEM_LETTERS = 4  # an exclude word in -i this long changes it in its endings: meri -> meren, kivi -> kiven


def exclude_word(word: str) -> tuple[str, str]:
    """An exclude word and the stem its inflected forms begin with (arena: arena; renkaat: renka; meri: mer)."""
    word = word.lstrip("#")
    if word.endswith("i") and len(word) >= EXCLUDE_I_STEM_LETTERS and word[-2] not in VOWELS:
        return word, word[:-1]
    return word, word[:-2] if word.endswith("t") and len(word) > 4 else word


def inflects(token: str, word: tuple[str, str]) -> bool:
    """True when token is the exclude word or an inflected form of it (arenalla, renkaiden, rosenlewin)."""
    full, stem = word
    return token == full or (token.startswith(stem) and 0 < len(token) - len(full) <= EXCLUDE_ENDING_LETTERS)
