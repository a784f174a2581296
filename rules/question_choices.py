"""A choice offered without a '?' asks which: "hsl:n kausilippu vai kertalippuja jos käy toimistolla", a short noun
phrase opening its clause, then 'vai' (a '?' after it already asks: "Finnair vai VR Ouluun?"). Not a reported choice
("en tiedä itkenkö vai nauranko", "en tiiä meniks vuokra vai ei"), nor a -ko verb's alternative, which asks as a
-ko verb or is reported with it."""

from __future__ import annotations

from kuulo.rules.normalise import BOUNDARY_CHARS, TAG_CHARS
from kuulo.rules.question_clitics import clitic_question
from kuulo.rules.question_words import CHOICE_WORDS, FI_REPORTING, NOT_WONDERING

NOT_A_CHOICE_NEXT = frozenset({"ei", "en", "eikö", "eiks", "mitä", "miten", "kuinka", "mikä"})  # "vai ei", "vai mitä"


def choice(tokens: list[str], lows: list[str], i: int) -> str | None:
    """The choice 'vai' at lows[i] closes after a short noun phrase opening its clause ("kausilippu vai kertaliput")."""
    # None for a reported choice, one after a -ko verb or a longer clause
    if i + 1 >= len(tokens) or not tokens[i + 1][0].isalnum() or lows[i + 1] in NOT_A_CHOICE_NEXT or not (
            i and (tokens[i - 1][0].isalnum() or tokens[i - 1][0] in TAG_CHARS)):
        return None  # nothing to choose from before it: "Vai niin.", "Vai tuliko se sittenkin"
    k = i - 1
    while k >= 0 and tokens[k][0] not in BOUNDARY_CHARS and i - k <= CHOICE_WORDS:
        token = tokens[k]
        if not (token[0].isalnum() or token[0] in TAG_CHARS):
            break  # an emoji closes the clause before it
        word = lows[k]
        if word in FI_REPORTING or word in NOT_WONDERING or clitic_question(word):
            return None  # "en tiedä itkenkö vai", "onko X vai Y" asks as a -ko verb
        k -= 1
    if k >= 0 and tokens[k][0] not in BOUNDARY_CHARS and (tokens[k][0].isalnum() or tokens[k][0] in TAG_CHARS):
        return None  # more words before it than a noun phrase holds: a longer clause
    return " ".join(lows[k + 1:i + 2])
