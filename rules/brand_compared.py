"""A doubtful name compared with a company the post names (cheaper than power, nopeempi ku posti, Power had it 20 less
than Verkkokauppa): what is weighed against a company is one too.

BrandMatcher (rules/match.py) refuses a doubtful one-word name that has no context word or capital, or that starts a
sentence as a word would; a comparison's two sides are alike, so when one side is a company the post was found to
name, the name on the other side of 'than' or 'kuin' (spoken 'ku') in the same sentence is the company: right after
the comparison word with the company before it, or starting the sentence with the company right after the word. A
person, a place, slang's person or a word refused for what it is stays refused (brand_lists.py joins names by 'ja' and
'or' the same way). Written from Finnish and English usage, not from posts. The function returns what to accept, and
says why in `notes`.
"""

from __future__ import annotations

from typing import Any, Sequence

from kuulo.rules.brand_lists import LACKING_SIGNS
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks, same_sentence, sentence_end

COMPARISONS = frozenset({"than", "kuin", "ku"})
SUBJECT_REACH = 30  # words from a sentence's subject to the comparison word that weighs it (its sentence, at most)


def compared(tokens: list[str], lows: list[str], refused: Sequence[tuple[int, int, Any, str, str]],
             found: Sequence[tuple[Any, ...]], names: Sequence[str], notes: list[str],
             marks: ClauseMarks = NO_MARKS) -> list[tuple[Any, ...]]:
    """Found-tuples (as BrandMatcher builds them) for each `refused` one-word name (start, end, hit, form, why it was
    refused) that a comparison word weighs against a company in `found` in its sentence; `names`: the brands'
    names."""
    if COMPARISONS.isdisjoint(lows):
        return []
    out = []
    for start, end, hit, form, why in refused:
        if not why.endswith(LACKING_SIGNS) or any(f[2] == hit.brand for f in found):
            continue
        other = ""
        if start and lows[start - 1] in COMPARISONS and not marks.inside(start - 1, end):  # cheaper than power
            other = next((tokens[f[0]] for f in found if f[0] < start - 1 and f[2] != hit.brand and same_sentence(
                tokens, f[0], start)), "")
        elif start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS:  # Power had it 20 less than Verkkokauppa
            starts = {f[0] for f in found if f[2] != hit.brand}
            for k in range(end, sentence_end(tokens, end, min(len(lows) - 1, end + SUBJECT_REACH))):
                if lows[k] in COMPARISONS and k + 1 in starts:
                    other = tokens[k + 1]
                    break
        if other:
            notes.append(f"'{form}' is {names[hit.brand]}: weighed against '{other}', a company the post names")
            out.append((start, end, hit.brand, hit.term, form, "exact" if lows[start] == hit.low else "inflected",
                        100.0))
    return out
