"""A lower-case name right after a number: a measure or a list's item (90 upm:stä, 1) rapala), unless the number is a
price or the name is in a place's case (7,49 prismassa, 1,29 sale kaupassa: where it costs that)."""

from __future__ import annotations

import re

from kuulo.rules.normalise import ClauseMarks

NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
PRICE_MARKS = frozenset("%€$£")
LOCAL_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle")  # a place's cases: no unit's


def measured(tokens: list[str], lows: list[str], start: int, offset: int, marks: ClauseMarks) -> bool:
    """True when the number before a lower-case form makes it a measure or a list's item, not a place (see above)."""
    token = tokens[start]
    # 1) rapala: a list's number; a place's case (not a unit's after its colon: 90 upm:stä) or a price says where it
    # costs that: 7,49 prismassa, 1,29 sale kaupassa
    return bool(start and tokens[start - 1][0].isdigit() and NUMBER.fullmatch(tokens[start - 1]) and (
        token[offset:offset + 1].islower()) and start - 1 not in marks and not (
        ":" not in token and lows[start].endswith(LOCAL_ENDINGS) or priced(tokens, start - 1, marks)))


def priced(tokens: list[str], i: int, marks: ClauseMarks) -> bool:
    """True when the number tokens[i] is a price or a share: two decimals (7,49), a % or currency sign after it."""
    if not PRICE_MARKS.isdisjoint(marks.gap(i)):
        return True
    return i > 0 and len(tokens[i]) == 2 and tokens[i - 1].isdigit() and marks.gap(i - 1) in (",", ".")
