"""A brand named like an English function word (If, On, Next, One, Up, All): the word in an English clause, the name
in a Finnish one; and one named like an English adverb in -ly (Seriously), which alone as a sentence is the
interjection, and in a post in lower case throughout the adverb.

An agency marks such a name needs_context, and its context words are the field's (insurance, claim, bonus), which
English posts about that field use beside the conjunction too (wondering if anyone has flown Finnair premium, if you
shop at Prisma the bonus goes ...). In English, the word written in lower case with its clause after it is the word,
and so is the word opening a sentence before the clause's subject (If your card is blocked): whatever the context
words. In a Finnish post it is no word at all (unless Finnish has it too: on, no, just): a grammar word of English
takes no Finnish ending (Ifin, Ifille, not as DNA:ta or poweria, content words Finnish borrows) nor a capital inside a
Finnish sentence (Miks If tarvii kuitin), so there it names the company. Written from English and Finnish grammar,
not from posts. The functions return why, or "".
"""

from __future__ import annotations

from typing import Container

from kuulo.rules.everyday import ENGLISH_WORDS, FUNCTION_WORDS, JOINERS
from kuulo.rules.lang import SCORES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks

# Words a clause's subject begins with, after a conjunction opening the sentence: If your card, If you, If the app.
SUBJECT_STARTS = frozenset("""i you your we our they their he his she her it its there this that these those the a an
my someone somebody anyone anybody everyone everybody nobody nothing something anything""".split())
ENGLISH_ENDINGS = ("'s", "’s", "s")  # If's, Ifs: English still
# Prepositions of dealing with someone: after one the word is their name (switched to if last year, anyone with if
# home insurance), as the conjunction never stands there.
DEALING = frozenset("from to with at by via than vs vs. versus into".split())
SENTENCE_ENDS = frozenset({"?", ".", "!", "?!", "!?", "??", "!!", "...", "…"})
ADVERB_MIN_LETTERS = 5  # oddly, really; not: ly-named short words (Lily, Ely)
FINNISH_TOO = frozenset({"on", "no", "just"})  # Finnish words too (is, well, exactly): Onko, No niin, just nyt


def english_word(tokens: list[str], lows: list[str], start: int, marks: ClauseMarks = NO_MARKS,
                 field: str | None = None) -> str:
    """Why a one-word name at `start` of an English post, written as an English function word, is that word there:
    in lower case before a word of its clause (if anyone, if you), or opening a sentence before a subject (If your
    card); "" otherwise (lähitapiola or if?, sampo's if, If covers, If's roadside, switched to if last year), and
    before `field`, the brand's context word the post holds (if insurance paid my claim: the name and its product)."""
    low = lows[start]
    if low not in FUNCTION_WORDS or start + 1 >= len(lows) or start in marks or marks.quoted(start) or (
            start and lows[start - 1] in DEALING and start - 1 not in marks):
        return ""
    after = lows[start + 1]
    if not after[:1].isalnum() or after in JOINERS or field is not None and after == field.lower():
        return ""  # lähitapiola or if? / if or lähitapiola: a list of names; if insurance: its product
    token = tokens[start]
    if token.islower():
        return f"the English word '{token}' in lower case, a word of its sentence after it"
    if (start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS) and after in SUBJECT_STARTS:
        return f"the English word '{token}' opening a sentence, '{tokens[start + 1]}' after it begins its clause"
    return ""


def finnish_form(tokens: list[str], lows: list[str], start: int, name: str) -> str:
    """Why a form at `start` of a Finnish post of a one-word name `name` (lower case) that is an English function word
    names the company: a Finnish ending on it (Ifin, Ifille), or a capital inside a Finnish sentence (Miks If
    tarvii); "" otherwise (If you know, Ifs)."""
    low, token = lows[start], tokens[start]
    if name not in FUNCTION_WORDS or name in FINNISH_TOO or not low.startswith(name) or "-" in low:  # IF-funktio
        return ""
    if low != name:
        ending = low[len(name):]
        if ending in ENGLISH_ENDINGS or low in ENGLISH_WORDS:
            return ""
        return f"'{token}' has a Finnish ending, and '{name}' is a word only in English"
    if not token[:1].isupper() or start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS:
        return ""
    for k in (start - 1, start + 1):  # What If, if you: English beside it
        if k < len(lows) and (lows[k] in ENGLISH_WORDS or SCORES.get(lows[k]) == -1 or lows[k] in SUBJECT_STARTS):
            return ""
    return f"'{token}' with its capital inside a Finnish sentence, where '{name}' is no word"


def adverb_alone(tokens: list[str], lows: list[str], start: int, words: Container[str],
                 marks: ClauseMarks = NO_MARKS) -> str:
    """Why an English adverb in -ly that stands alone as a sentence or opens one before a comma (Seriously? Honestly.
    really! Seriously, the first snow …) is the word said as an interjection, or "": a name alone before a '?' is asked
    about (Helen? Keskinen?) and one before a comma spoken to (Polar, my watch …), an adverb is neither."""
    if not is_adverb(lows[start], words):
        return ""
    if start and tokens[start - 1][0] not in BOUNDARY_CHARS:
        return ""
    after = tokens[start + 1] if start + 1 < len(tokens) else ""
    if marks.mark(start) == ",":
        return f"the adverb '{tokens[start]}' opening a sentence before a comma"
    if after and after not in SENTENCE_ENDS:
        return ""
    return f"the adverb '{tokens[start]}' alone as a sentence"


def is_adverb(low: str, words: Container[str]) -> bool:
    """Whether a lower-case word is an English adverb in -ly that `words` knows (seriously, honestly; not Lily)."""
    return low.endswith("ly") and len(low) >= ADVERB_MIN_LETTERS and low in words
