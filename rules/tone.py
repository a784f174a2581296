"""Tone beyond single pack words: negation over a few words, and problems said to be solved.

Language knowledge, not configuration: which words negate (ei, never), which may stand between a
negator and what it negates (ei *ole ollut mitään* ongelmia), which say a problem was solved.
"""

from __future__ import annotations

# Words that negate what follows them within NEGATION_WINDOW words.
NEGATORS = frozenset("""
ei eikä en et emme ette eivät ilman vailla
not no never nobody none nothing without isn't wasn't aren't weren't don't doesn't didn't won't
can't cannot couldn't hasn't haven't hadn't wouldn't shouldn't neither nor
""".split())
NEGATION_WINDOW = 3  # words between a negator and the negated word, when they are all FILLERS
FILLERS = frozenset("""
ole ollut olleet olisi ollenkaan lainkaan yhtään mitään mikään kovin niin oikein erityisen kauhean
pahemmin sen se mun mulla minulla meillä vielä vieläkään enää koskaan kertaakaan
kukaan kenellekään keneltäkään edes
a an the any too that so very really at all had have has been was is were be ever even much one still
actually yet
""".split())
# "sorted my card issue", "vika korjattiin": a problem word said to be solved is no complaint.
SOLVED_PREFIXES = (
    "sorted", "sorting", "solved", "solving", "fixed", "fixing", "resolved", "resolving", "helped",
    "korjas", "korjat", "korjaan", "korjaut", "korjaant", "ratkes", "ratkais", "hoitu", "hoidet", "hoidi",
    "hoiti", "selvis", "selvit", "auttoi", "autett",
)
PROBLEM_PREFIXES = (
    "issue", "problem", "trouble", "error", "bug", "glitch", "lost", "missing", "broken", "delay", "outage",
    "ongelm", "vika", "vikaa", "viassa", "vian", "häiriö", "virhe", "moka", "sotku", "kadon", "kateissa", "hukassa",
    "rikki", "katko", "viive",
)


NEGATION_CUES = NEGATORS | FILLERS  # the word before a negated word is one of these


def negated(lows: list[str], start: int, taken: set[int]) -> bool:
    """True when a negator (not one a negative phrase already uses) stands before lows[start]."""
    k = start - 1
    for _ in range(NEGATION_WINDOW + 1):
        if k < 0:
            return False
        word = lows[k]
        if word in NEGATORS:
            return k not in taken
        if word not in FILLERS:
            return False
        k -= 1
    return False


def solved(lows: list[str], taken: set[int]) -> bool:
    """True when a word says a problem was solved, and no negator denies it (never fixed)."""
    return any(w.startswith(SOLVED_PREFIXES) and not negated(lows, i, taken) for i, w in enumerate(lows))


def is_problem_word(word: str) -> bool:
    """True for a word that names a problem rather than judging (issue, vika), which a solving verb can close."""
    return word.startswith(PROBLEM_PREFIXES)
