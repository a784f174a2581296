"""A doubtful name in the English possessive (If's roadside assistance, lumo's quiet hours rule, Power's Black Friday
deals): it owns something, so it names someone, not a thing.

BrandMatcher (rules/match.py) refuses a doubtful one-word name that has no context word or capital; in an English post
one written with 's owns what follows it, and a word that owns is a name: a company's, or a person's (which the person
readings refuse before this). The Finnish words a brand is named like (lumo, aalto) are no English words at all, and
a grammar word (if) has no possessive, so there 's is enough. An English content word (power) also takes 's for 'is'
(power's out, Power's back on) and a thing's own (the power's source), as a few grammar words do (one's own, here's):
they count only before a capitalised name of what they own (Power's Black Friday). Slang keeps its person (OP's
question, the original poster's), and a name refused for what it is (a person, a place, another brand's thing) stays
refused. Written from English grammar, not from posts. The function returns what to accept, and says why in `notes`.
"""

from __future__ import annotations

from typing import Any, Sequence

from kuulo.rules.brand_lists import LACKING_SIGNS
from kuulo.rules.everyday import ENGLISH_WORDS, FUNCTION_WORDS
from kuulo.rules.normalise import NO_MARKS, ClauseMarks

POSSESSIVE = "'s"  # lower_tokens writes ’ as '
# Words after 's that make it 'is' or 'has' (power's out, Power's back on, it's been): no owner there.
IS_AFTER = frozenset("""out back off on down up gone been not never still just already a an the so too very really
always here there over finally also no now got""".split())
# Function words that do take 's in English (one's own, now's the time, here's, all's well): as content words here.
WITH_S = frozenset("one now when here there all then more any".split())
OWNERS_BEFORE = frozenset("the a an my our your his her their its this that".split())  # our coffee kone's lid: a thing


def possessed(tokens: list[str], lows: list[str], refused: Sequence[tuple[int, int, Any, str, str]],
              found: Sequence[tuple[Any, ...]], names: Sequence[str], notes: list[str],
              marks: ClauseMarks = NO_MARKS) -> list[tuple[Any, ...]]:
    """Found-tuples (as BrandMatcher builds them) for each `refused` one-word name (start, end, hit, form, why it was
    refused) of an English post written in the possessive before a word of what it owns; `names`: the brands'
    names."""
    out = []
    for start, end, hit, form, why in refused:
        low = lows[start]
        if not why.endswith(LACKING_SIGNS) or hit.slang or low != hit.low + POSSESSIVE or any(
                f[2] == hit.brand for f in found) or end >= len(lows) or start in marks or marks.quoted(start) or (
                start and lows[start - 1] in OWNERS_BEFORE):
            continue
        after, word = lows[end], tokens[end]
        if not after[:1].isalnum() or after in IS_AFTER:
            continue
        if hit.low in ENGLISH_WORDS and (hit.low not in FUNCTION_WORDS or hit.low in WITH_S) and not (
                word[:1].isupper()):  # power's cheaper now: power is
            continue
        notes.append(f"'{form}' is {names[hit.brand]}: the English possessive before '{word}', a name that owns it")
        out.append((start, end, hit.brand, hit.term, form, "inflected", 100.0))
    return out
