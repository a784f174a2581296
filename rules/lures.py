"""A lure: a post that is itself spam or phishing (your account is locked, verify now, and a link), not a customer's
complaint, though its words read as one ("suspended", "lukittu").

A customer who quotes a lure to ask or to warn about it writes more than the lure: a question (the engine asks first),
or a word of receiving or of the scam itself (sain, got, huijaus, phishing), which keeps the post a customer's.
Written from Finnish and English phishing and giveaway spam, not from posts. The function returns why, or "".
"""

from __future__ import annotations

import re

# What a lure says to its victim: their account threatened (a word may stand between: your Nordea account), their
# details asked for, a prize claimed. A customer's own complaint says "my account", "tili on lukittu".
LURES = (
    r"(?:tilisi|tunnuksesi|korttisi|pankkitunnuksesi)(?: \w+)? (?:on (?:lukittu|suljettu|jäädytetty|estetty|"
    r"vanhentunut)|lukitaan|suljetaan|jäädytetään)",
    r"(?:vahvista|päivitä|tarkista) (?:tunnuksesi|tietosi|henkilöllisyytesi|tilisi|pankkitunnuksesi)",
    r"kirjaudu heti|klikkaa tästä|lunasta (?:palkintosi|lahjakorttisi|etusi)",
    r"your(?: \w+)? (?:account|card) (?:has been|is|will be) (?:suspended|locked|limited|closed|blocked|disabled)",
    r"verify (?:now|your (?:account|identity|details))|confirm your (?:details|identity|account)",
    r"log in to restore|click (?:here|now)(?: to claim)?|claim your(?: \S+){0,2} (?:bonus|prize|reward|gift)",
)
_LURE = re.compile(r"\b(?:" + "|".join(LURES) + r")\b")
# A customer's own words around a quoted lure: it reached them, or they call it what it is.
REPORTS = frozenset("""sain saimme tuli tullut tuli tekstiviesti tekstari viesti sähköposti sms huijaus huijari
huijareita huijausviesti huijausyritys kalastelu kalasteluviesti feikki väärennös varoitus varokaa varoittaa
got received receiving sent scam scams scammer scammers phishing fake fraud beware careful warning warn report
reported spam""".split())


def lure(text: str, lows: list[str]) -> str:
    """Why a post with a link is itself a lure ("'verify now' and a link: spam or phishing, no complaint"), or ""."""
    if "://" not in text and "www." not in text.lower():
        return ""
    found = _LURE.search(" ".join(lows))
    if found is None or not REPORTS.isdisjoint(lows):
        return ""
    return f"'{found.group()}' and a link: spam or phishing, no complaint"
