"""Tokens of words cut by a ';' (rules/normalise.py): an abbreviation written with one is one word (tl;dr), longer
words either side of one stay words of their own, and a ';' standing apart still ends a sentence; an '&' inside a
word of short letter groups joins it (H&M, L&T:n), between longer words or standing apart it is no token."""

from __future__ import annotations

import pytest

from kuulo.rules.normalise import tokenize

CUTS = [
    ("tl;dr Nordea closed my account", ["tl;dr", "Nordea", "closed", "my", "account"]),
    ("TL;DR: Nordea", ["TL;DR", "Nordea"]),
    ("#tl;dr Nordea", ["#tl;dr", "Nordea"]),
    ("Prisma;Alepa", ["Prisma", ";", "Alepa"]),  # words, not an abbreviation's letters
    ("Asiakkaana: OP;DNA;HSL", ["Asiakkaana", "OP", ";", "DNA", ";", "HSL"]),  # short names listed, no abbreviation
    ("ok;no Tl;Dr", ["ok", ";", "no", "Tl;Dr"]),  # only the named abbreviations join, in any case
    ("atl;dr", ["atl", ";", "dr"]),
    ("ok; Nordea", ["ok", ";", "Nordea"]),
    ("kiitos;) moi", ["kiitos", ";", "moi"]),
    ("moi;D", ["moi", ";", "D"]),
    ("OP:n ja S-Pankki", ["OP:n", "ja", "S-Pankki"]),
    ("H&M:n ja AT&T:n", ["H&M:n", "ja", "AT&T:n"]),  # a name of letters joined by '&', with its ending
    ("Musti & Mirri", ["Musti", "Mirri"]),  # a lone '&' is no word (a configured name drops it too)
    ("Musti&Mirrissä & muualla", ["Musti", "Mirrissä", "muualla"]),  # words of their own, as with a lone '&'
    ("Telia&Elisa @Elisa&DNA #elisa&dna hidas&kallis", ["Telia", "Elisa", "@Elisa", "DNA", "#elisa", "dna", "hidas",
                                                        "kallis"]),
    ("&& a& &b B&B:ssä Q&A", ["a", "b", "B&B:ssä", "Q&A"]),  # an '&' joins only short letter groups on both sides
]


@pytest.mark.parametrize("text, tokens", CUTS)
def test_cut_words(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
