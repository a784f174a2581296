"""Solving words that tell the fix is still to come, so they solve no problem: a Finnish participle of what is yet to
be done (virhettä korjattavana, ratkaisematon ongelma), an infinitive or a noun of a fix (ei osaa korjata, ratkaisua
ei ole) and an English fix after a modal, 'to' or a need (is yet to be
fixed, will be resolved, needs fixing); and English solving words that are no fix at all: a place named for its work
(the sorting centre) and a thing swapped for another (discontinued it and replaced it with one that ...).

Language knowledge, not configuration, read by tone.solved beside its negation test.
"""

from __future__ import annotations

import re

from kuulo.rules.normalise import BOUNDARY_CHARS

# The passive present participle -tAvA in any case (korjattava, korjattavana, korjattavaksi, korjattavaa,
# korjattavien, korjattavissa, ratkaistava, selvitettävä: still to be done, or doable) and the negative participle
# -mAtOn / -mAttOmA- or the abessive -mAttA (ratkaisematon, selvittämättömät, ratkaisematta: not done).
# The first infinitive (korjata, ratkaista, selvittää: "ei osaa korjata vikaa", "pitäis korjata") and the third's
# illative (lupasi selvittämään) name a fix to do, and a noun a fix that may come (ratkaisu, selvitys: "ratkaisua
# ongelmaan ei ole", "selvitys kesken").
UNDONE_FORM = re.compile(r"t[aä]v(?:[aä]|i)|m[aä]t(?:[oö]n|t[oö]m|t[aä])|m[aä][aä]n$"
                         r"|^(?:korjata|ratkaista|ratkasta|selvittää|selvitellä)$|^(?:ratkaisu|ratkasu|selvity)")
# "to be fixed", "will be resolved", "should be sorted": a 'be' after these is no state reached but one to come.
TO_COME = frozenset("to will 'll shall should must would could can might may gonna".split())
NEEDS = frozenset("need needs needed needing".split())  # "needs fixing", "the bug needs fixed"


# "arrived at Vantaa sorting centre": a solving word before one of these names a place, not a fix.
PLACES = frozenset("centre center centres centers facility hub terminal office plant depot station".split())
# "replaced it with one that's three shades more orange": a thing swapped for another, unless for a new one or at once
# ("replaced my chipped bowl with a new one", "with no questions asked").
SWAPS = frozenset({"replaced"})
SWAP_REACH = 3  # words between the swap and its "with"
FOR_NEW = frozenset("new brand no zero".split())  # the words after "with" that make the swap a fix (and "a new")


def no_fix(lows: list[str], at: int) -> bool:
    """True when the solving word at lows[at] fixes nothing: "sorting centre", "replaced it with one that ..."."""
    word, n = lows[at], len(lows)
    if at + 1 < n and lows[at + 1] in PLACES:
        return True
    if word not in SWAPS:
        return False
    for k in range(at + 1, min(n, at + 2 + SWAP_REACH)):
        if lows[k] == "with":
            return k + 1 < n and lows[k + 1] not in FOR_NEW and lows[k + 1:k + 3] != ["a", "new"]
        if lows[k][0] in BOUNDARY_CHARS:
            return False
    return False


def to_be_done(lows: list[str], at: int) -> bool:
    """True when the solving word at lows[at] says the fix is yet to come: "korjattavana", "yet to be fixed"."""
    if at and lows[at - 1] in NEEDS or at > 1 and lows[at - 1] == "be" and (
            lows[at - 2] in TO_COME or lows[at - 2].endswith("'ll")):  # it'll be fixed, they'll be refunded
        return True
    return UNDONE_FORM.search(lows[at]) is not None
