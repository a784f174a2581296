"""A name that needs context because it is an everyday Finnish word (Karhu, Sisu, Aalto): its capital inside a
Finnish sentence says the name, as the word would be written in lower case (Hesburgerilla ei myydä Karhua).

An agency marks such a name needs_context for the word (a bear, guts, a wave); a town's or a person's name (Vaasan,
Atria) is capitalised in either reading, so only a name that is a word of the everyday list (rules/everyday.py) gets
this sign, and only inside a sentence of a post written in Finnish: at a sentence's start, after a colon or a dash,
in capitals throughout or among capitalised words (a title), the capital says nothing. Written from Finnish spelling,
not from posts. The function returns why, or "".
"""

from __future__ import annotations

from kuulo.rules.everyday import LEMMAS
from kuulo.rules.function_names import finnish_form
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks


def finnish_spelling(tokens: list[str], lows: list[str], start: int, name: str, marks: ClauseMarks = NO_MARKS) -> str:
    """Why a needs_context name `name` (lower case) with no context word is the name by how a Finnish post spells it:
    a Finnish ending on an English grammar word (Ifin: function_names.py), or a capital the word would not have."""
    return finnish_form(tokens, lows, start, name) or capital_word(tokens, lows, start, name, marks)


def capital_word(tokens: list[str], lows: list[str], start: int, name: str, marks: ClauseMarks = NO_MARKS) -> str:
    """Why the one-word form at `start` of a Finnish post, of a name `name` (lower case) that is an everyday word,
    names the company by its capital, or ""."""
    token = tokens[start]
    if name not in LEMMAS or not token[:1].isupper() or token.isupper() or start == 0 or start - 1 in marks:
        return ""
    before = tokens[start - 1]
    if before[0] in BOUNDARY_CHARS or not before[:1].isalpha():
        return ""  # a sentence's first word, or after a number or an emoji: no sign
    if not before.islower():
        return ""  # Radio Aallon, Suomen Karhu: after a capitalised word, a title's or a longer name's capitals
    after = tokens[start + 1] if start + 1 < len(tokens) else ""
    if after[:1].isupper() and not after.isupper():
        return ""  # Karhu Oy? Karhu Kalle? a capitalised pair names something of its own
    return f"'{token}' with its capital inside a Finnish sentence, where the word '{name}' would be in lower case"
