"""Tokens of words cut by a ';' (rules/normalise.py): an abbreviation written with one is one word (tl;dr), longer
words either side of one stay words of their own, and a ';' standing apart still ends a sentence; an '&' inside a
word of short letter groups joins it (H&M, L&T:n), between longer words or standing apart it is no token; a plus
glued to a word's last letter is the word's (Ruutu+, Disney+:lla), between words or after a number none; a
character reference written out in full is read as its character (H&amp;M)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.rules.normalise import clean, decode_references, tokenize

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
    ("Ruutu+ ja Disney+:lla C++", ["Ruutu+", "ja", "Disney+:lla", "C++"]),  # a plus glued to a name is the name's
    ("Ruutu+Liiga 18+ K18+ a + b +c", ["Ruutu", "Liiga", "18", "K18", "a", "b", "c"]),  # between words, after a number
]


@pytest.mark.parametrize("text, tokens", CUTS)
def test_cut_words(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize("text, read", [
    ("Onko H&amp;M:n palautus auki? it&#39;s &#x1F600; &lt;3", "Onko H&M:n palautus auki? it's \U0001F600 <3"),
    ("AT&T &notice &amplifier; &amp &foo;", "AT&T &notice &amplifier; &amp &foo;"),  # no full reference: as typed
    ("&amp;amp; &#0; &#x110000;", "&amp; \ufffd \ufffd"),  # one pass; no NUL, no code point past Unicode
])
def test_character_references_are_read_as_their_characters(text: str, read: str) -> None:
    """X's API and Reddit's JSON write '&', '<' and '>' as references: the rules read what the author wrote."""
    assert clean(text) == read


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("&#;xX0123456789abDF amplt"), max_size=40))
def test_decoding_never_makes_what_a_text_may_not_hold(text: str) -> None:
    """Whatever references a text spells, the decoded text holds no NUL byte or lone surrogate and is no longer."""
    decoded = decode_references(text)
    assert "\x00" not in decoded and not any("\ud800" <= c <= "\udfff" for c in decoded)
    assert len(decoded) <= len(text)
