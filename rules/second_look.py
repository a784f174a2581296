"""A second look at the doubtful one-word names BrandMatcher refused for lacking a capital or a context word, once the
post's other mentions are known: joined to a company by a word of listing (If ja OP: brand_lists.py), weighed
against one (cheaper than power: brand_compared.py), or owning something in English (If's roadside assistance:
possessives.py). Each says why in `notes`; this module only asks them in turn.
"""

from __future__ import annotations

from typing import Any, Container, Sequence

from kuulo.rules.brand_compared import compared
from kuulo.rules.brand_lists import joined
from kuulo.rules.normalise import NO_MARKS, ClauseMarks
from kuulo.rules.possessives import possessed


def second_look(tokens: list[str], lows: list[str], refused: Sequence[tuple[int, int, Any, str, str]],
                found: list[tuple[Any, ...]], names: Sequence[str], everyday: Container[str], notes: list[str],
                marks: ClauseMarks = NO_MARKS, finnish: bool = True) -> list[tuple[Any, ...]]:
    """Found-tuples (as BrandMatcher builds them) for the `refused` names (start, end, hit, form, why) that another
    mention in `found`, or an English possessive, makes the company; `everyday`: the forms that are everyday words."""
    out: list[tuple[Any, ...]] = []
    if found:  # If ja OP kilpailutettu; nopeempi ku posti
        out += joined(tokens, lows, refused, found, names, everyday, notes, marks)
        out += compared(tokens, lows, refused, [*found, *out], names, notes, marks)
    if not finnish:  # If's roadside assistance
        out += possessed(tokens, lows, refused, [*found, *out], names, notes, marks)
    return out
