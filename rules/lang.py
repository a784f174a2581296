"""Cheap language guess, Finnish or English, from function words and the letters ä and ö."""

from __future__ import annotations

DEFAULT_LANG = "fi"
FINNISH_LETTERS_WEIGHT = 2  # ä or ö anywhere counts like two Finnish words

_FI = """
ja ei että se ne mutta kun jos niin tämä tuo oli olen ole olet ovat en et emme voi vielä myös
taas jo sitä siitä tai kuin kanssa teillä teidän minulla mulla mun mä sä te hän meillä
miksi mitä mikä miten missä onko eikö kiitos hei moi nyt aina koko vaan vai kyllä sekä eli
""".split()
_EN = """
the and is are was were be been to of in it my you your for not this that with why how what
can please thanks thank have has had do does did don't doesn't can't i i'm it's from at or but
still again there their they we our will would should could any all yes hi hello
""".split()
SCORES: dict[str, int] = {**{w: 1 for w in _FI}, **{w: -1 for w in _EN}}


def detect(lows: list[str], text: str) -> str:
    """"fi" or "en" for a post's lower-cased tokens; "fi" when nothing tells."""
    score = sum(filter(None, map(SCORES.get, lows)))
    if "ä" in text or "ö" in text or "Ä" in text or "Ö" in text:
        score += FINNISH_LETTERS_WEIGHT
    return "en" if score < 0 else DEFAULT_LANG
