"""When a '?' asks: it ends a sentence that has a word in it, and it is no '???!!!' run, no lone '?!' after an
exclamation, no '?' inside a word or a link, no hedge in parentheses ("(ehkä ?)"), no teaser ("Tiesittekö että
...?"), not quoted ('Why Him?'), not answered at once by one word ("Worth it? No."), not met with amazement
("Miten? 😮") and no age met with wonder ("Fazer täyttää 130 vuotta??": rules/question_exclaims.py)."""

from __future__ import annotations

import re
from typing import Iterator

from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.question_exclaims import (
    AGE_WONDER, ECHOED, ECHO_WORDS, REACTED, REACTIONS, SOUGHT, THANKED, age_wonder, echoed, ellipsis_hedge, reacted,
    sentence_words, thanked,
)
from kuulo.rules.question_words import (
    AMAZED, ANSWER_TAILS, ANSWER_WORDS, CLITICS, EN_ALWAYS, EN_AUX, EN_EXCLAMATIVE, EN_EXCLAMATIVE_NEXT, EN_WHEN,
    APPROXIMATELY, FI_EXCLAMATIVE_NEXT, FI_INTERROGATIVES, HEDGE_WORDS, LONG_EXCLAMATION, PLEASE, TEASERS, UNSURE_TAILS,
)

_MARKS = re.compile(r"[.!?\n]+(?<!\d\.(?=\d))")  # a dot between digits ends no sentence: 24.12, 5.49€
_QUOTED = re.compile(r"[\"“”][^\"“”\n]*[\"“”]|(?<!\w)'[^'\n]*'(?!\w)")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_ANSWER = re.compile(r"[ \t]*([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?[ \t]*(?:[.!\n,]|$)")  # "? No.", "? nope,", "? No way."
_SENTENCE_END = frozenset(".!\n")
_ANSWER_COMMA = re.compile(r"\?[ \t]*[^\W\d_]+[ \t]*,")  # an answer word and a comma right after a '?'

_ASKING_FIRST = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN | EN_AUX | PLEASE  # an aside that opens so asks
_ANSWER_FIRST = frozenset(w[0] for w in ANSWER_WORDS) | frozenset(w[0].upper() for w in ANSWER_WORDS)
_AFTER_ANSWERED = _ANSWER_FIRST | AMAZED  # the first character after a '?' (and a space) that may answer it
SHOWN_CHARS = 40  # the end of a sentence explain shows with a '?' that did not count
ECHO_CHARS = 30  # a sentence this short may be thanks alone or an echo ("Kiitos?", "Customer service?")
UNSURE_CHARS = 30  # the most text between a '?' and the ')' of a hedge's closing remark: "? en muista)"
GUESS_CHARS = 40  # the end of a sentence read for a figure given as a guess before its '?': "jotain 90 euroa?"
# Why a '?' asks nothing, as explain says it.
TEASER, NOISE, EXCLAIMED, INSIDE, ANSWERED, HEDGE, NO_WORDS, GUESSED, MOCKED = (
    "a teaser: it tells", "a run of marks: noise", "'?!' after an exclamation", "inside a word or a link",
    "answered at once", "a hedge in parentheses", "no word before it", "a figure guessed, doubt after it",
    "'X? more like Y': a jest")
_MORE_LIKE = re.compile(r"[ \t]*more like\b", re.IGNORECASE)  # "smartly.io? more like slowly.io"
_DIGIT = re.compile(r"\d")  # what _GUESS needs
_GUESS = re.compile(r"([^\W\d_]+)\s*~?\s*\d[\d\s.,]*(?:[^\W\d_]+|[€$£%])?\s*$")  # "jotain 90 euroa" before '?'
_DOUBT_ENDS = re.compile(r"\s*(?:[,.!;:\n)]|$)")
_SURPRISED_RUNS = ("??",)  # beside a lone '?!' (which may run on in '!': "?!!")
SURPRISE = "'?!' of surprise, no complaint"  # Engine.evaluate's, among praise or its one negative sign (surprised)
SURPRISE_DOUBLED = "'??' of surprise, no complaint"  # the same of a '??'


def has_question_mark(text: str) -> bool:
    """True when a run of '?' (or one '?!') ends a sentence that has a word in it, and is no hedge."""
    return next(_asking_marks(text), None) is not None


def surprised(text: str) -> bool:
    """True when each '?' that asks is a lone '?!' or '??' after a statement."""
    # a statement: no asking word opens its sentence, no -ko/-kö word is in it ("Geisha ice cream is back in
    # stores?!"); praise around it makes it wonder (Engine.evaluate)
    found = False
    for run, start, at in _asking_marks(text):
        words = _WORD.findall(text, start, at)
        lone = run in _SURPRISED_RUNS or run.count("?") == 1 and run.startswith("?!")
        if not lone or not words or words[0].lower() in _ASKING_FIRST or any(
                len(word) > 3 and word.lower().endswith(CLITICS) for word in words):
            return False
        found = True
    return found


def surprise_told(text: str) -> tuple[str, str]:
    """The first sentence a surprised '?!' or '??' closes, as explain shows it, and why it asks nothing."""
    run, start, at = next(_asking_marks(text))
    return _shown(text[start:at + len(run)]), SURPRISE if run.startswith("?!") else SURPRISE_DOUBLED


def _asking_marks(text: str) -> Iterator[tuple[str, int, int]]:
    """Each run of '?' that asks (has_question_mark's): the run, its sentence's start and the run's own."""
    if "?" not in text:
        return
    if '"' in text or "'" in text or "“" in text or "”" in text:
        text = _QUOTED.sub(lambda m: " " * len(m.group()), text)  # a title or sign quoted: 'Why Him?'
        if "?" not in text:
            return
    prev = 0
    for m in _MARKS.finditer(text):
        run = m.group()
        if "?" in run and _LETTER.search(text, prev, m.start()):
            if not _discount(run, text, prev, m.start(), m.end()):
                yield run, prev, m.start()
        prev = m.end()


def discounted_marks(text: str) -> tuple[tuple[str, str], ...]:
    """Each '?' that asks nothing, as (its sentence up to the mark, why not): for `kuulo explain`."""
    out: list[tuple[str, str]] = []
    if '"' in text or "'" in text or "“" in text or "”" in text:
        for m in _QUOTED.finditer(text):
            if "?" in m.group():
                out.append((_shown(m.group()), "in quotes: another's words or a title"))  # 'Why Him?'
        text = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    prev = 0
    for m in _MARKS.finditer(text):
        run = m.group()
        if "?" in run:
            why = _discount(run, text, prev, m.start(), m.end()) if _LETTER.search(text, prev, m.start()) else (
                NO_WORDS)
            if why:
                out.append((_shown(text[prev:m.end()]), _detail(why, text, m.end())))
        prev = m.end()
    return tuple(out)


def _shown(sentence: str) -> str:
    """A sentence as explain shows it, on one line: whole up to SHOWN_CHARS, else its first word and its last."""
    words = sentence.split()
    sentence = " ".join(words)
    if len(sentence) <= SHOWN_CHARS:
        return sentence
    if len(words) == 1:
        return "…" + sentence[-SHOWN_CHARS:]
    tail: list[str] = []  # the last words that fit beside the first: "Tiesittekö … on 365 päivää?"
    room = SHOWN_CHARS - len(words[0]) - 3
    for word in reversed(words[1:]):
        if len(word) + 1 > room and tail:
            break
        tail.append(word)
        room -= len(word) + 1
    return f"{words[0]} … {' '.join(reversed(tail))}"


def _detail(why: str, text: str, end: int) -> str:
    """The reason with what answered the '?' ending at text[end] ("answered at once: 'No'", "met with '😮'")."""
    if why != ANSWERED:
        return why
    after = text[end:].lstrip(" \t")
    if after[:1] in AMAZED:
        return f"met with amazement: '{after[0]}'"
    m = _ANSWER.match(text, end)
    return f"{why}: '{' '.join(filter(None, m.groups()))}'" if m else why


def _discount(run: str, text: str, start: int, at: int, end: int) -> str:
    """Why the mark run `run` at text[at:end], closing the sentence from `start`, asks nothing; "" when it asks."""
    first = _WORD.search(text, start, at)
    if first and first.group().lower() in TEASERS:
        return TEASER  # "Tiesittekö että palautusaika on 365 päivää?" tells, does not ask
    if "!" in run:
        if run.count("?") != 1 or not run.startswith("?"):
            return NOISE  # ???!!! and !? runs are noise
        words = _WORD.findall(text, start, at)
        if len(words) < 3 or (len(words) < LONG_EXCLAMATION and _exclamative(words[0].lower(), words[1].lower())):
            return EXCLAIMED  # "Mitä ihmettä Nordea?!"; "Mikä ihme siinä on ettei junissa toimi lämmitys?!" asks
    if (start > 2 and text.startswith("...", start - 3) or text.find("…", start, at) >= 0) and ellipsis_hedge(
            text, start, at):
        return SOUGHT  # "Hesburger's new burger is... fine?": a word sought, no question (rules/question_exclaims.py)
    if run.startswith("??") and age_wonder(text, start, at):
        return AGE_WONDER  # "Fazer täyttää 130 vuotta??" (rules/question_exclaims.py); a price's '??' asks
    if at - start < ECHO_CHARS and len(text[start:at].split()) <= ECHO_WORDS:
        words = sentence_words(text, start, at)  # read once by both
        if thanked(words):
            return THANKED  # "sit paketti tuli samana päivänä. Kiitos?"
        if echoed(text, start, words):
            return ECHOED  # "Veikkaus väittää pelaamisen olevan viihdettä. Viihdettä?"
    after = text[end:end + 1]
    if after.isalnum() and run[-1] != "\n" and not (after.isupper() and text[at - 1:at].islower()):
        return INSIDE  # a?b is no sentence end, but "lisää?Sähköinen" is, and so is a line's end ("6,49€??\nSe")
    if not after:
        return ""  # the post ends with it
    if (after == " " or after == "m" or after == "M") and _MORE_LIKE.match(text, end):
        return MOCKED  # the name's mock second name answers it
    if (after in _AFTER_ANSWERED or after == " " or after == "\t") and _answered(text, end):
        return ANSWERED  # "Worth it? No.", "Miten? 😮"
    if (after in REACTIONS or after == " " or after == "\t") and reacted(text, start, at, end):
        return REACTED  # "kaikki ostettu lokakuussa? 😅", after any spaces (rules/question_exclaims.py)
    rest = text[end:end + 3].lstrip()
    if rest.startswith(")"):
        opened = text.rfind("(", start, at)
        words = _WORD.findall(text, opened, at) if opened >= 0 else []
        if opened >= 0 and (len(words) <= HEDGE_WORDS or _aside(words, text, end)):
            return HEDGE  # "(ehkä ?)", "(I think?)", "eggnog (the one in the blue carton?) is ..."
    elif _unsure_after(text, start, at, end):
        return HEDGE  # "(vai oliko -50? en muista)"
    elif _guessed(text, start, at, end):
        return GUESSED  # "vuositilaus maksaa nyt jotain 90 euroa? en muista tarkkaan, mut ..."
    return ""


def _guessed(text: str, start: int, at: int, end: int) -> bool:
    """True when the sentence before the '?' at text[at:end] ends in a figure given as a guess ("jotain 90 euroa"),
    asks nothing else (no asking word first, no -ko/-kö word) and a remark of doubt follows the '?' alone."""
    begin = max(start, at - GUESS_CHARS)
    if _DIGIT.search(text, begin, at) is None:  # no figure: most '?', and the pattern's walk is quadratic
        return False
    guess = _GUESS.search(text, begin, at)
    if guess is None or guess.group(1).lower() not in APPROXIMATELY:
        return False
    words = [w.lower() for w in _WORD.findall(text, start, at)]
    if words[0] in _ASKING_FIRST or any(len(w) > 3 and w.endswith(CLITICS) for w in words):
        return False
    tail = text[end:end + UNSURE_CHARS].replace("’", "'").lower().lstrip()
    return any(tail.startswith(doubt) and _DOUBT_ENDS.match(tail, len(doubt)) for doubt in UNSURE_TAILS)


def unsure_asides(text: str) -> set[int]:
    """The token indices inside each parenthesis a remark of doubt closes after a '?': "(vai oliko -50? en muista)"."""
    spans, prev = [], 0
    for m in _MARKS.finditer(text):
        if "?" in m.group() and _unsure_after(text, prev, m.start(), m.end()):
            spans.append((text.rfind("(", prev, m.start()), text.find(")", m.end())))
        prev = m.end()
    if not spans:
        return set()
    return {k for k, token in enumerate(TOKEN_RE.finditer(text)) if any(a < token.start() < b for a, b in spans)}


def _unsure_after(text: str, start: int, at: int, end: int) -> bool:
    """True when the '?' at text[at:end] stands in a parenthesis its sentence opened and a remark of doubt closes."""
    # "(vai oliko -50? en muista)", "(or was it Tuesday? can't remember)"
    opened = text.rfind("(", start, at)
    if opened < 0 or text.find(")", opened, at) >= 0:
        return False
    close = text.find(")", end, end + UNSURE_CHARS)
    return close >= 0 and " ".join(text[end:close].replace("’", "'").lower().split()).strip(" ,.…") in UNSURE_TAILS


def _aside(words: list[str], text: str, end: int) -> bool:
    """True when a parenthesis closed by '?' opens with no asking word and its sentence goes on in lower case after
    it: a name unsure of itself ("eggnog (the one in the blue carton?) is my personality"), not "order (can anyone
    check it for me?) is late"."""
    first = words[0].lower() if words else ""
    if not first or first in _ASKING_FIRST or first.endswith(CLITICS):
        return False
    after = _WORD.search(text, end)
    gap = text[end:after.start()] if after else ""
    return after is not None and after.group()[0].islower() and gap.strip() == ")"


def _answered(text: str, end: int) -> bool:
    """True when the '?' ending at text[end] is answered by one word ("Worth it? No.") or met in wonder ("Miten? 😮")."""
    k, n = end, len(text)
    while k < n and (text[k] == " " or text[k] == "\t"):
        k += 1
    first = text[k:k + 1]
    if first in _ANSWER_FIRST:
        m = _ANSWER.match(text, end)
        return m is not None and m.group(1).lower() in ANSWER_WORDS and (
            m.group(2) is None or m.group(2).lower() in ANSWER_TAILS)
    return first in AMAZED and text[k + 1:k + 2] != "\u200d"


def answered_after(tokens: list[str], lows: list[str], j: int, text: str) -> bool:
    """True when the tokens from tokens[j], after a '?' token, answer it or meet it with amazement (_answered)."""
    token = tokens[j]
    if token in AMAZED:
        return f"{token}\u200d" not in text
    if lows[j] not in ANSWER_WORDS:
        return False
    if j + 1 < len(tokens) and lows[j + 1] in ANSWER_TAILS:
        j += 1  # "Absolutely not."
    return j + 1 == len(tokens) or tokens[j + 1][0] in _SENTENCE_END or (
        _ANSWER_COMMA.search(text) is not None and f"{token}," in text)  # "Sampo lotto? No, the insurance."


def _exclamative(first: str, second: str) -> bool:
    """True for an exclamation that begins like a question: "Mitä ihmettä", "What a"."""
    return ((first in FI_INTERROGATIVES and second in FI_EXCLAMATIVE_NEXT)
            or (first == EN_EXCLAMATIVE and second in EN_EXCLAMATIVE_NEXT))
