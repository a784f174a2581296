"""A doubtful name in the illative beside a verb of going: a place one goes to, the company's shop (alkoon menin).

A brand whose illative is also an everyday word (alkoon: let it begin) or is written without its capitals reads as
the word; but a verb of going beside the illative (menin, käydä, ehti; went) makes it a place one goes to, which a
word in that form never is. Written from Finnish usage, not from posts. The function returns why, or "".
"""

from __future__ import annotations

import re

from kuulo.rules.normalise import same_sentence

ILLATIVE = re.compile(r"(?:([aeiouyäö])\1n|h[aeiouyäö]n|seen)$")  # alkoon, lidliin, moihin, nesteeseen
GOING = frozenset("""mennä menen menet menee menin meni mentiin menty mennyt menny menis menisin mentävä käydä käyn
käy kävin kävi käytiin käyty käynyt käyny käydään pitää ehtiä ehdin ehti ehdi ehtii lähteä lähden lähdin lähti
lähdetään poiketa poikkesin poikkesi pistäytyä pistäydyin pääsin pääsi päästä juoksin juoksi ajoin ajoi
went go goes going ran""".split())  # pitää käydä, ehti just: the verb may be one word off
GOING_WINDOW = 2  # words either side of the name a verb of going may stand, in its sentence


def gone_to(tokens: list[str], lows: list[str], start: int) -> str:
    """Why a one-word form at `start` in the illative names a place one goes to ("'menin' beside it ..."), or ""."""
    if not ILLATIVE.search(lows[start]):
        return ""
    for k in range(max(0, start - GOING_WINDOW), min(len(lows), start + GOING_WINDOW + 1)):
        if k != start and lows[k] in GOING and same_sentence(tokens, k, start):
            return f"'{tokens[k]}' beside its illative: a place one goes to"
    return ""
