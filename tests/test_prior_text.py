"""The text the sentence prior reads (rules/prior_text.py): the brands the engine found blanked, token by token."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.rules.normalise import tokenize
from kuulo.rules.prior_text import blank_tokens, without_brands
from kuulo.rules.verdict import BrandMatch

@pytest.mark.parametrize("text, gone, read", [
    ("My Tallink Silja cabin was cold!", {1, 2}, "My     cabin was cold!"),  # each token a space, the gaps kept
    ("Posti's chat (#Posti) never answers", {0, 2}, "  chat ( ) never answers"),
    ("@Finnair lost my bag", {0}, "  lost my bag"),
    ("Nothing found here", set(), "Nothing found here"),
])
def test_blank_tokens_blanks_the_tokens_of_the_indices_given(text: str, gone: set, read: str) -> None:
    assert blank_tokens(text, gone) == read


def _found(*places: tuple[int, str]) -> list[tuple[int, BrandMatch]]:
    return [(i, BrandMatch("B", form, form, "exact", 100.0)) for i, form in places]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Posti", "posti", "Postin", "#Posti", "@Posti", "Tallink", "Silja", "ja", "!", "😤",
                                 ":(", "x:(", "-", ","]), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", "\n", ", "]), min_size=12, max_size=12), st.data())
def test_the_brands_are_blanked_by_replace_exactly_as_token_by_token(words: list, gaps: list, data) -> None:
    # without_brands takes a one-token form written once by str.replace: the same text as blank_tokens gives
    text = "".join(word + gap for word, gap in zip(words, gaps)).strip()
    tokens = tokenize(text)
    picked = data.draw(st.sets(st.integers(0, len(tokens) - 1), max_size=3)) if tokens else set()
    found = [(i, BrandMatch("B", tokens[i], tokens[i], "exact", 100.0)) for i in sorted(picked)]
    if len(tokens) > 1 and data.draw(st.booleans()):  # a phrase of two tokens, as a BrandMatch's form joins them
        found.append((0, BrandMatch("C", " ".join(tokens[:2]), " ".join(tokens[:2]), "exact", 100.0)))
        picked |= {0, 1}
    assert without_brands(text, found, picked) == blank_tokens(text, picked)


def test_a_form_written_twice_is_blanked_where_the_engine_found_it() -> None:
    # `masked`: every token of every mention the engine accepted (brand_results.distinct), a repeat's too
    assert without_brands("Postin kautta Posti ja Posti", _found((2, "Posti")), {2}) == "Postin kautta   ja Posti"
    assert without_brands("Postin kautta Posti ja Posti", _found((2, "Posti")), {2, 4}) == "Postin kautta   ja  "
    assert without_brands("Tallink  Silja, not Tallink Silja", _found((0, "Tallink Silja")), {0, 1}) == (
        "    , not Tallink Silja")
