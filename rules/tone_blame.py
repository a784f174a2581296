"""Questions that blame rather than ask: a rhetorical who-question at a decision (who plans this, who at VR decided,
whose idea was this, who asked for this) and a bare why after a told event (... on a 7am train. Why.).

Language knowledge, not configuration, read by classify.py as a complaint told without a negative word (counted only
when nothing but thanks praises: a laugh or praise after it outweighs it, "who approved this 😂").
"""

from __future__ import annotations

from kuulo.rules.normalise import BOUNDARY_CHARS

# Measured (2026-12-07, the development set's 14,343 English posts): of the 28 who-questions of this shape 25 are
# labelled negative (the three others: a laugh, "(I ordered two)", "give them a raise"); every bare why after a told
# event is. Out of batch, with the rules' vote: English F1 +0.0005, no post flipped wrongly.
BLAMERS = ("who", "whose")
# The decision blamed: "who plans this", "who decided to close at 6", "who thought removing the 55 was a good idea"
BLAMED_ACTS = frozenset("""
decided decides decide approved approves approve plans planned plan designed designs design thought thinks
greenlit okayed signed asked came
""".split())
ACT_TAILS = {"signed": frozenset({"off"}), "asked": frozenset({"for"}), "came": frozenset({"up"})}  # "signed off on"
# What a made thing's blame names: "who designed this", "who approves these?", "who plans this" (not "who designed the
# logo?", a question for a name); a decision or a thought may take a clause ("who decided the pizza needed less cheese")
DEMONSTRATIVES = frozenset("this these that those it".split())
CLAUSE_ACTS = frozenset("decided decides decide thought thinks".split())
IDEAS = frozenset("idea ideas".split())  # "whose idea was this", "whose bright idea"
# Words that may open the sentence before the who: "ok who at Saarioinen decided", "seriously, who decided"
OPENERS = frozenset("ok okay so seriously honestly but and like srsly genuinely".split())
AT_WORDS = 3  # "who at VR decided", "who at the HSL office planned": the place named between who and the act
# A bare why: "Why.", "why?", "but why", "why though", after at least one word of a told event before it
BARE_BEFORE = frozenset("but and so ok okay just".split())
BARE_AFTER = frozenset("though tho just".split())


def _opens(lows: list[str], at: int) -> bool:
    """True when lows[at] opens its sentence, or follows only an opener word or two ("ok who", "seriously, who")."""
    k = at - 1
    while k >= 0 and lows[k] in OPENERS and at - k <= 2:
        k -= 1
    return k < 0 or lows[k][0] in BOUNDARY_CHARS


def blame_asked(lows: list[str], at: int) -> str:
    """The words of a who-question at lows[at] that blames a decision ("who plans", "who at … decided", "whose idea"),
    "" when the who is none (a relative "the staff who planned it", a question for a name)."""
    if lows[at] not in BLAMERS or not _opens(lows, at):
        return ""
    n = len(lows)
    if lows[at] == "whose":
        return "whose idea" if not IDEAS.isdisjoint(lows[at + 1:at + 3]) else ""
    k = at + 1
    if k < n and lows[k] in ("at", "in"):  # "who at VR decided"
        k += 1
        while k < n and k - at <= AT_WORDS + 1 and lows[k] not in BLAMED_ACTS and lows[k][0] not in BOUNDARY_CHARS:
            k += 1
    if k >= n or lows[k] not in BLAMED_ACTS:
        return ""
    act = lows[k]
    tail = ACT_TAILS.get(act)
    if tail is not None:
        if k + 1 >= n or lows[k + 1] not in tail:
            return ""
        k += 2  # "asked for this"
        if k < n and lows[k] in ("on", "with"):  # "signed off on this", "came up with this"
            k += 1
    else:
        k += 1
    if act not in CLAUSE_ACTS and k < n and lows[k] not in DEMONSTRATIVES and lows[k][0] not in BOUNDARY_CHARS:
        return ""  # "who designed the logo?": asks for a name
    return f"who … {act}" if lows[at + 1] != act else f"who {act}"


def bare_why(lows: list[str], at: int) -> bool:
    """True when the why at lows[at] makes its whole sentence ("Why.", "but why", "why though") after a word or more of
    a told event before it."""
    if lows[at] != "why":
        return False  # the Finnish "Miks?" after a comparison asks as often as it groans
    k = at - 1
    while k >= 0 and lows[k] in BARE_BEFORE:
        k -= 1
    if k < 0 or lows[k][0] not in BOUNDARY_CHARS:
        return False  # "that's why", "anyone know why": the why of a clause
    e = at + 1
    while e < len(lows) and lows[e] in BARE_AFTER:
        e += 1
    if e < len(lows) and lows[e][0] not in BOUNDARY_CHARS:
        return False  # "Why does it ...": a why-question, tone.why_complaint's
    return any(w[0].isalnum() for w in lows[:k])

