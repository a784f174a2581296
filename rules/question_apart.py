"""Why a question word asks nothing, told apart from a question: who-would-have-thought, who-are-you-and-what-have-
you-done, who-did-this, a relative, 'did it' with no subject, a teaser, self-reproach, a laugh for a '?' and a
quoted question. rules/questions.py asks it of each word that would ask; explain shows the reason (question_told.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Container

from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.question_exclaims import blame, laughed, self_reproach
from kuulo.rules.question_told import (
    BLAME, DID_IT, LAUGHED, QUOTED, RELATIVE, SELF, SET_PHRASE, STRANGER, TEASES, WHO_WOULD,
)
from kuulo.rules.question_words import (
    COPULAS, DID_A, DID_A_PREPOSITIONS, DID_A_SENTENCE, DID_A_WORDS, DID_IT_NEXT, EN_ALWAYS, EN_WHEN, FI_INTERROGATIVES,
    PRAISE_AFTER_WHO, RHETORICAL_AFTER_WHO, RHETORICAL_WHO, SET_PHRASES, TEASERS, TRAILING_WHY, TURNED, WAS,
    WHAT_ASKING, WHAT_SUBJECTS, WHICH_RELATIVE_VERBS,
)

_NOT_ASKING_STARTS = RHETORICAL_WHO | {"what", "which", "did"} | WAS  # who-would-have-thought, relatives, did it last
# week, was there at 3am
_ASKING_WORDS = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN
_QUOTE_RE = re.compile("[\"“'‘]")
_DOUBLE_QUOTE_RE = re.compile("[\"“”«»„]")  # double quotation marks, which open and close: a count tells inside
QUOTED_MEMO = 32  # (post, token length) pairs whose quoted runs are remembered: a post asks a few lengths
RELATIVE_WINDOW = 10  # words between a free relative's subject and its 'is': "what he did with your deposit is"


def _relative(tokens: list[str], lows: list[str], i: int) -> bool:
    """True for a clause-initial what or which that asks nothing ("what he did is not legal", "Which explains it")."""
    # a free relative has a subject and then 'is'; a sentence relative 'which' a verb of WHICH_RELATIVE_VERBS
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if lows[i] in RHETORICAL_WHO or lows[i] == "did" or lows[i] in WAS:
        return False
    if lows[i] == "which":
        return nxt in WHICH_RELATIVE_VERBS and (i + 2 >= len(lows) or lows[i + 2] != "of")
    if nxt not in WHAT_SUBJECTS:
        return False
    for k in range(i + 2, min(i + 2 + RELATIVE_WINDOW, len(lows))):
        if tokens[k][0] in BOUNDARY_CHARS:
            return False
        if lows[k] in WHAT_ASKING:
            return False  # "What I want to know is when"
        if lows[k] in COPULAS:
            return True
    return False


def within_quotes(text: str, token: str) -> bool:
    """True when every place the token stands is between double quotation marks: another's words ('sanoi "soittakaa
    myöhemmin"', “järjestelmässä on ruuhkaa, soittakaa myöhemmin”), not the writer's."""
    if '"' not in text and "“" not in text and "”" not in text and "«" not in text:
        return False  # most posts
    places = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(token)}(?!\w)", text)]
    return bool(places) and all(len(_DOUBLE_QUOTE_RE.findall(text, 0, at)) % 2 == 1 and _DOUBLE_QUOTE_RE.search(
        text, at) is not None for at in places)


@lru_cache(maxsize=QUOTED_MEMO)  # the post being read: each of its question words asks in turn
def _after_quotes(text: str, size: int) -> frozenset[str]:
    """The text's runs of this many characters right after a quotation mark (none in most posts)."""
    return frozenset(text[m.end():m.end() + size] for m in _QUOTE_RE.finditer(text))


def quoted(text: str, token: str) -> bool:
    """True when a quotation mark opens right before the token: "Why ...", 'Why Him?'."""
    if "'" not in text and '"' not in text and "“" not in text and "‘" not in text:
        return False  # four scans of a post without quotation marks (most) cost less than a memo's miss
    return token in _after_quotes(text, len(token))  # one look, not one at every place the token stands


def _did_it(tokens: list[str], lows: list[str], i: int) -> bool:
    """True for 'did it', 'did a ...' or 'was there' with its subject left out, before a time, place or manner or
    another verb."""
    # "did it last month", "Did a DNA test and turns out ..."; not "Did a courier come by", "did a refund come through"
    if i + 2 >= len(lows):
        return False
    if lows[i] in WAS:  # "Was there at 3am last winter", not "Was there a delay"
        return lows[i + 1] == "there" and lows[i + 2] in DID_IT_NEXT
    if lows[i] != "did":
        return False
    if lows[i + 1] == "it":
        return lows[i + 2] in DID_IT_NEXT
    if lows[i + 1] not in DID_A:
        return False
    done_with = False  # a preposition after the thing done: "Did a package trip with X (the Finnish one) to Crete."
    for k in range(i + 3, min(i + 3 + DID_A_SENTENCE, len(lows))):  # a word or more of the thing done first
        near, mark = k < i + 3 + DID_A_WORDS, tokens[k][0]
        if mark in ".!?":
            return mark != "?" and (near or done_with)  # "Did a 10k run." tells; "Did a parcel come?" asks
        if near and mark in BOUNDARY_CHARS and not done_with:
            return False  # a ';' or a line break close after the thing done: it asks on
        if near and lows[k] == "and" or lows[k] in TURNED and k + 1 < len(lows) and lows[k + 1] == "out":
            return "?" not in tokens[k:]  # "Did a DNA test and turns out", "did a big shop and ...", "Did a DNA
            # test as a gift to myself, turns out I'm 12 % Finnish"
        done_with = done_with or k < i + 5 and lows[k] in DID_A_PREPOSITIONS
        if not (near or done_with):
            return False
    return False


def _who_would(tokens: list[str], lows: list[str], i: int, initial: bool) -> bool:
    """True for who-would-have-thought after lows[i] ("Kuka olis uskonu", "Who would've guessed"), opening its
    sentence or closing it ("Osake nousi, kuka olis uskonut")."""
    said = f"{' '.join(lows[i + 1:i + 4])} "
    phrase = next((p for p in RHETORICAL_AFTER_WHO if said.startswith(p)), None)
    if phrase is None:
        return False
    end = i + 1 + phrase.count(" ")
    return initial or end >= len(tokens) or tokens[end][0] in BOUNDARY_CHARS


def _stranger(lows: list[str], i: int) -> bool:
    """True for who-are-you-and-what-have-you-done after lows[i], praise of a brand that changed for the better."""
    return lows[i] == "who" and f"{' '.join(lows[i + 1:i + 8])} ".startswith(PRAISE_AFTER_WHO)


def told(text: str, tokens: list[str], lows: list[str], i: int, initial: bool, skip: Container[int] = ()) -> str:
    """Why the question word at lows[i] asks nothing (question_told.py says it), or "" when it asks."""
    # who-would-have-thought, a set phrase, who-did-this, a relative, 'did it' with no subject, a teaser, self-reproach,
    # a laugh for a '?', a quoted question: "Kuka olis uskonu", "kuka tän keksi", "Which means", "mitä tapahtuu 😄",
    # '"Why are Finns so quiet?" asks yet another listicle' (another's); skip: the brands' token places
    if lows[i] in _NOT_ASKING_STARTS:
        if _who_would(tokens, lows, i, initial):
            return WHO_WOULD
        if _stranger(lows, i):
            return STRANGER
        if f"{' '.join(lows[i:i + 5])} ".startswith(SET_PHRASES):
            return SET_PHRASE  # "What could possibly go wrong", "who hurt you"
        if not skip and blame(tokens, lows, i):
            return BLAME  # at no brand; at one it asks the brand to account (rule (d) of the set's labels)
        if _relative(tokens, lows, i):
            return RELATIVE
        if _did_it(tokens, lows, i):
            return DID_IT
    if initial and lows[i] in TEASERS:
        return TEASES  # "Arvaatteko kuka sai laskun": a teaser tells
    if lows[i] in TRAILING_WHY and self_reproach(tokens, lows, i) and not _brand_before(tokens, i, skip):
        return SELF  # "Miks mä tulin tänne": asked of oneself, not "Telia, why did I pay 40€"
    if lows[i] in _ASKING_WORDS and laughed(text, tokens, lows, i):
        return LAUGHED  # "HSL mitä tapahtuu 😄": a laugh, not a '?' (a -ko verb still asks: "onko se auki 😅")
    return QUOTED if initial and quoted(text, tokens[i]) else ""


def _brand_before(tokens: list[str], i: int, skip: Container[int]) -> bool:
    """True when a brand stands before tokens[i] in its sentence: "Telia, why did I pay" addresses the brand."""
    k = i - 1
    while k >= 0 and tokens[k][0] not in BOUNDARY_CHARS:
        if k in skip:
            return True
        k -= 1
    return False
