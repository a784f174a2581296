"""Is a post a question? A sentence-ending '?', a clause-initial question word, or a -ko/-kö verb.

Noise that is not a question: '?!' and '???!!!' runs, a '?' inside a word or link, exclamations
("Mitä ihmettä!", "What a day"), and -kko/-kkö nouns and names (Marimekko).
"""

from __future__ import annotations

import re
from typing import Container

from kuulo.rules.finnish import VOWELS
from kuulo.rules.normalise import BOUNDARY_CHARS, TAG_CHARS

FI_INTERROGATIVES = frozenset("""
miksi miksei mikset miks miten mitenkä mites milloin milloinka missä missäs mistä mistäs mihin
mihinkä minne mikä mikäs mitä mitäs minkä millä miltä mille millainen millaista millaisen
minkälainen minkälaista kuka kukas ketä kenen kenelle keneltä kenellä keneen kuinka kuinkas
paljonko montako kauanko kumpi kumman kumpaa
""".split())
# Words after a question word that make an exclamation: "Mitä ihmettä!", "Kuinka ihanaa".
FI_EXCLAMATIVE_NEXT = frozenset("""
ihmettä ihme hittoa helvettiä hemmettiä vittua perkelettä päivä ihana ihanaa kiva kivaa upea upeaa
hieno hienoa mahtava mahtavaa loistava loistavaa tuuri säkä fiasko sotku farssi soppa surkea
surkeaa kamala kamalaa kauhea kauheaa hyvä hyvää
""".split())
EN_ALWAYS = frozenset({"why", "who", "whom", "whose", "what", "which"})
EN_EXCLAMATIVE_NEXT = frozenset({"a", "an", "the"})  # "What a day", "What the hell"
EN_WHEN = frozenset({"how", "when", "where"})  # questions only before an auxiliary: "When will ..."
EN_AUX = frozenset("""
can could does do did is are was were will would should shall has have had may might am
isn't aren't doesn't don't didn't wasn't weren't won't wouldn't can't couldn't shouldn't haven't hasn't
""".split())
EN_HOW_NEXT = frozenset({"much", "many", "long", "often", "far", "soon", "old", "come", "to"}) | EN_AUX
# After an auxiliary, a subject makes a question ("Can I ...", "Is the app ...", "Does Nordea ...").
EN_SUBJECTS = frozenset("""
i you we they he she it there this that these those my your our their his her its the a an
anyone anybody someone somebody everyone anything something
""".split())
GREETINGS = frozenset("hei moi moikka terve huomenta iltaa heippa morjes hi hey hello dear yo".split())
CLITICS = ("kohan", "köhän", "kos", "kös", "ko", "kö")
NOT_CLITIC = frozenset("""
jako pako lako rako tako teko seko reko jatko ruoko niko heiko hanko kanko sanko punko renko
""".split())
_MARKS = re.compile(r"[.!?\n]+")
_LETTER = re.compile(r"[^\W\d_]")


def clitic_question(word: str) -> bool:
    """True for a verb with the -ko/-kö question clitic: toimiiko, onko, pitääkö, onkohan."""
    if len(word) < 4 or word in NOT_CLITIC:
        return False
    for clitic in CLITICS:
        if word.endswith(clitic):
            base = word[:-len(clitic)]
            return len(base) >= 2 and (base[-1] in VOWELS or base[-1] in "nt")  # never -kko: Marimekko
    return False


def has_question_mark(text: str) -> bool:
    """True when a run of only '?' ends a sentence that has a word in it."""
    if "?" not in text:
        return False
    prev = 0
    for m in _MARKS.finditer(text):
        run = m.group()
        if "?" in run and "!" not in run and _LETTER.search(text, prev, m.start()):
            if not text[m.end():m.end() + 1].isalnum():  # a?b is no sentence end
                return True
        prev = m.end()
    return False


def question_reasons(text: str, tokens: list[str], lows: list[str], skip: Container[int]) -> tuple[str, ...]:
    """Why the post is a question: "question mark", "interrogative 'miksi'", "clitic 'toimiiko'"."""
    reasons = ["question mark"] if has_question_mark(text) else []
    start = True
    n = len(tokens)
    for i, token in enumerate(tokens):
        first = token[0]
        if first in BOUNDARY_CHARS:
            start = True
            continue
        if not start or first in TAG_CHARS or i in skip:
            continue
        word = lows[i]
        if word in GREETINGS:
            continue
        start = False
        nxt = lows[i + 1] if i + 1 < n and tokens[i + 1][0] not in BOUNDARY_CHARS else ""
        reason = _initial_word_reason(word, nxt, tokens[i + 1] if nxt else "", i + 1 in skip)
        if reason and reason not in reasons:
            reasons.append(reason)
    return tuple(reasons)


def _initial_word_reason(word: str, nxt: str, next_token: str, next_is_brand: bool) -> str | None:
    """The reason a clause-initial word makes a question, or None."""
    if word in FI_INTERROGATIVES:
        return None if nxt in FI_EXCLAMATIVE_NEXT else f"interrogative '{word}'"
    if word in EN_ALWAYS:
        return None if nxt in EN_EXCLAMATIVE_NEXT else f"interrogative '{word}'"
    if word in EN_WHEN:
        ok = nxt in EN_HOW_NEXT if word == "how" else nxt in EN_AUX
        return f"interrogative '{word}'" if ok else None
    if word in EN_AUX:
        subject = nxt in EN_SUBJECTS or next_is_brand or next_token[:1].isupper() or next_token[:1] in TAG_CHARS
        return f"interrogative '{word}'" if subject and nxt != "not" else None
    if clitic_question(word):
        return f"clitic '{word}'"
    return None
