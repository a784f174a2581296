"""A doubtful name joined to a company the post names (If ja OP, dna vai telia vai moi, from If to OP): in a list or a
choice of companies it is one too.

BrandMatcher (rules/match.py) refuses a doubtful name that has no context word, capital or sign of a company; a name
that only lacked those is reconsidered once the post's other mentions are known: joined by a word of choice or
listing to a name the post was found to mention, it is the company (a post compares insurers, operators, banks).
A person, a place, slang or a word refused for what it is stays refused. Written from Finnish and English usage,
not from posts. The function returns what to accept, and says why in `notes`.
"""

from __future__ import annotations

from typing import Any, Container, Sequence

from kuulo.rules.everyday import JOINERS
from kuulo.rules.normalise import NO_MARKS, ClauseMarks
from kuulo.rules.tags import ENTITY_HEADS

NEEDS_CONTEXT = "(needs_context), and no context word"  # ambiguous_names.NEEDS_CONTEXT's end
LIST_JOINERS = JOINERS | frozenset({"ku", "kun", "vs."})  # spoken kuin: nopeempi ku posti
# Why a name was refused that a company joined to it overrules: it lacked a capital or a context word, and nothing
# said it was something else (an everyday word, a person, a place).
LACKING = ("and no context word",)
# ... and those a comparison or an English possessive overrules (brand_compared.py, possessives.py): a capital at a
# sentence start did not decide either (Power had it cheaper than Verkkokauppa, Power's at a post's start).
LACKING_SIGNS = (*LACKING, "at a sentence start")


def joined(tokens: list[str], lows: list[str], refused: Sequence[tuple[int, int, Any, str, str]],
           found: Sequence[tuple[Any, ...]], names: Sequence[str], everyday: Container[str], notes: list[str],
           marks: ClauseMarks = NO_MARKS) -> list[tuple[Any, ...]]:
    """Found-tuples (as BrandMatcher builds them) for each `refused` one-word name (start, end, hit, form, why it was
    refused) that a joiner parts from a name of another brand in `found`; `names`: the brands' names, `everyday`:
    the forms that are everyday words (kone ja Alko: a machine), which stay refused, as does a word of a name that
    needs context written in lower case (vaikea valinta ja Alko)."""
    starts = {f[0]: f for f in found if f[1] == f[0] + 1}
    out = []
    for start, end, hit, form, why in refused:
        if not why.endswith(LACKING) or hit.everyday or lows[start] in everyday or any(
                f[2] == hit.brand for f in found) or why.endswith(NEEDS_CONTEXT) and tokens[start].islower() or (
                end < len(lows) and lows[end].startswith(ENTITY_HEADS)):  # Koneen säätiön: another entity's name
            continue
        for joiner, other in ((end, end + 1), (start - 1, start - 2)):  # If ja OP; dna vai telia
            if 0 <= other < len(lows) and lows[joiner] in LIST_JOINERS and other in starts and (
                    starts[other][2] != hit.brand) and not marks.inside(min(start, other), max(start, other) + 1):
                notes.append(f"'{form}' is {names[hit.brand]}: '{tokens[joiner]}' joins it to '{tokens[other]}', a "
                             "company the post names")
                out.append((start, end, hit.brand, hit.term, form, "exact" if lows[start] == hit.low else "inflected",
                            100.0))
                break
    return out
