"""The -ko/-kö question clitic on a verb form (toimiiko, onko, pitäiskö, ootko, onkohan, spoken onks), told from a
noun that ends like it (tauko, sisko, kesäsisko, mobiili-tiktok-tauko, koko, Marimekko)."""

from __future__ import annotations

from functools import lru_cache

from kuulo.rules.finnish import BACK_VOWELS, FRONT_VOWELS, VOWELS
from kuulo.rules.question_words import (
    CLITIC_PRONOUNS, CLITICS, KS_VERBS, NOT_CLITIC, NOT_CLITIC_ENDS, PERSONAL_ENDS, SHORT_VERBS, VERB_STEM_ENDS,
)

CLITIC_TAILS = frozenset(c[-2:] for c in CLITICS)  # the last two letters of CLITICS: ko, kö, ks, os, ös, an, än
CLITIC_MEMO = 50_000  # words whose answers are remembered (onko, kiitos: asked in many posts, twice in some)


@lru_cache(maxsize=CLITIC_MEMO)
def clitic_question(word: str) -> bool:
    """True for a verb with the -ko/-kö question clitic: toimiiko, onko, pitääkö, onkohan."""
    if word[-2:] not in CLITIC_TAILS or len(word) < 4 or word in NOT_CLITIC or word.endswith(NOT_CLITIC_ENDS):
        return False
    for clitic in CLITICS:
        if word.endswith(clitic):
            base = word[:-len(clitic)]
            if clitic == "ks":
                return base in KS_VERBS
            return len(base) >= 2 and (base[-1] in VOWELS or base[-1] in "nt" or base.endswith("is"))  # not -kko
    return False


@lru_cache(maxsize=CLITIC_MEMO)
def verb_clitic(word: str) -> bool:
    """True for a -ko/-kö word whose stem ends like a verb (toimiiko, voiko, oletteko), not a noun (jako, teko)."""
    if word[-2:] not in CLITIC_TAILS or "-" in word or not clitic_question(word):
        return False  # a hyphen joins a compound noun: mobiili-tiktok-tauko
    for clitic in CLITICS:
        if word.endswith(clitic):
            if clitic == "ks":
                return True  # clitic_question asked KS_VERBS
            base = word[:-len(clitic)]
            if not (FRONT_VOWELS if "o" in clitic else BACK_VOWELS).isdisjoint(base):
                return False  # a verb has one harmony (pitäis-kö, voi-ko); kesä-sisko mixes them: a compound noun
            return _verb_stem(base)
    return False


def _verb_stem(base: str) -> bool:
    """True for what a verb looks like before -ko/-kö/-ks: toimii, voi, olette, olen, vois (spoken); or a
    demonstrative the question fronts (tästä-kö)."""
    if base in SHORT_VERBS or base in CLITIC_PRONOUNS:
        return True
    if base.endswith(PERSONAL_ENDS):
        return len(base) >= 4 and base[-2] in VOWELS
    if base.endswith("is") and VOWELS.isdisjoint(base[:-2]):
        return False  # a spoken conditional has a verb stem before -is (o-is, vo-is); sis-ko, kis-ko are nouns
    return len(base) >= 3 and base.endswith(VERB_STEM_ENDS)
