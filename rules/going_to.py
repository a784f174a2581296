"""A doubtful name in a case of place beside a verb of going or getting: the company's shop or office (alkoon menin,
Postilta tuli käsittelymaksu).

A brand whose forms are also everyday words (alkoon: let it begin; postilta: from the mail) or which is written
without its capitals reads as the word; but a verb of going beside its illative (menin, käydä, ehti; went), or of
getting beside its ablative (tuli, sain), makes it a place one goes to or a sender, which the word in that form never
is. Written from Finnish usage, not from posts. The function returns why, or "".
"""

from __future__ import annotations

import re

from kuulo.rules.normalise import same_sentence

ILLATIVE = re.compile(r"(?:([aeiouyäö])\1n|h[aeiouyäö]n|seen)$")  # alkoon, lidliin, moihin, nesteeseen
ABLATIVE = re.compile(r"lt[aä](?:kin|kaan|kään)?$")  # postilta, satoltakin
# Verbs of going (pitää käydä, ehti just) and of getting (tuli, sain), Finnish and English.
GOING = frozenset("""mennä menen menet menee menin meni mentiin menty mennyt menny menis menisin mentävä käydä käyn
käy kävin kävi käytiin käyty käynyt käyny käydään pitää ehtiä ehdin ehti ehdi ehtii lähteä lähden lähdin lähti
lähdetään poiketa poikkesin poikkesi pistäytyä pistäydyin pääsin pääsi päästä juoksin juoksi ajoin ajoi
went go goes going ran""".split())
GETTING = frozenset("""tuli tulee tullut tullu tulossa tulis sain sai saatiin saanut saanu saan saadaan""".split())
NEAR = 3  # words either side of the name the verb may stand, in its sentence (Postilta ei ole tullut)


def gone_to(tokens: list[str], lows: list[str], start: int) -> str:
    """Why the form at `start` names a place one goes to or a sender ("'menin' beside its illative ..."), or ""."""
    low = lows[start]
    verbs = GOING if ILLATIVE.search(low) else GETTING if ABLATIVE.search(low) else None
    if verbs is None:
        return ""
    for k in range(max(0, start - NEAR), min(len(lows), start + NEAR + 1)):
        if k != start and lows[k] in verbs and same_sentence(tokens, k, start):
            return f"'{tokens[k]}' beside it: a place one goes to" if verbs is GOING else (
                f"'{tokens[k]}' beside its ablative: what one gets from a company")
    return ""
