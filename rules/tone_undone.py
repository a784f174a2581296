"""Solving words that tell the fix is still to come, so they solve no problem: a Finnish participle of what is yet to
be done (virhettä korjattavana, ratkaisematon ongelma) and an English fix after a modal, 'to' or a need (is yet to be
fixed, will be resolved, needs fixing).

Language knowledge, not configuration, read by tone.solved beside its negation test.
"""

from __future__ import annotations

import re

# The passive present participle -tAvA in any case (korjattava, korjattavana, korjattavaksi, korjattavaa,
# korjattavien, korjattavissa, ratkaistava, selvitettävä: still to be done, or doable) and the negative participle
# -mAtOn / -mAttOmA- or the abessive -mAttA (ratkaisematon, selvittämättömät, ratkaisematta: not done).
UNDONE_FORM = re.compile(r"t[aä]v(?:[aä]|i)|m[aä]t(?:[oö]n|t[oö]m|t[aä])")
# "to be fixed", "will be resolved", "should be sorted": a 'be' after these is no state reached but one to come.
TO_COME = frozenset("to will 'll shall should must would could can might may gonna".split())
NEEDS = frozenset("need needs needed needing".split())  # "needs fixing", "the bug needs fixed"


def to_be_done(lows: list[str], at: int) -> bool:
    """True when the solving word at lows[at] says the fix is yet to come: "korjattavana", "yet to be fixed"."""
    if at and lows[at - 1] in NEEDS or at > 1 and lows[at - 1] == "be" and (
            lows[at - 2] in TO_COME or lows[at - 2].endswith("'ll")):  # it'll be fixed, they'll be refunded
        return True
    return UNDONE_FORM.search(lows[at]) is not None
