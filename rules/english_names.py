"""A short or doubtful brand name in an English post, read as English syntax reads it (work at alko, kone is hiring).

Capitals decide little in English forum text, and a name that is a Finnish word (posti, kone, neste, sato) has no
English reading to be taken for; but expats write the Finnish word in English too (the posti came, our coffee kone,
my garden's sato) and posts explain it (sato means harvest). So a name written without its capitals counts as the
company only where English puts a company's name: after a preposition of dealing with someone (work at alko, a letter
from posti, an interview with kone), or opening a clause before its verb (kone is hiring, heard sato is slow). Never
after an article, a possessive or another word it would be the head of (the kone, my posti, coffee kone), for an
English word or a first name (power, helen), in a Finnish phrase, in quotes, nor in a post about words. Written from
how English posts about Finland read, not from posts. The function returns why, or "".
"""

from __future__ import annotations

from typing import Container

from kuulo.rules.everyday import COMPANY_ACTS, ENGLISH_WORDS
from kuulo.rules.lang import SCORES
from kuulo.rules.names import GIVEN_NAMES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks, sentence_end

FINNISH_LETTERS = frozenset("äö")
# Prepositions before a name one deals with: work at alko, a letter from posti, an interview with kone, cheaper than.
DEALING = frozenset("at from with to for by via than about against vs versus".split())
# Words a clause may open with before its subject: if posti ..., heard sato is slow.
OPENERS = frozenset("if when because heard but and so whether".split())
# Verbs right after a subject: kone is hiring, sato actually sent; after an opener, any verb in -s (if posti tries).
VERBS_AFTER = frozenset("""is was has had have does did doesn't didn't isn't wasn't hasn't won't will would can can't
could should never always still just actually finally also really""".split())
# Words of a post about words: sato means harvest, the finnish word for mail is literally posti.
WORD_TALK = frozenset("means meaning mean word words literally translates translation vocabulary pronounce".split())


# Languages a post about words names (Raute is German for a rhombus, why German calls # a Raute, kone is Finnish for
# machine), and the words that make one the name's language right after it (German for, the Finnish word)
LANGUAGES = frozenset("""german spanish italian french swedish latin dutch portuguese polish russian estonian
norwegian danish finnish japanese chinese greek turkish hungarian""".split())
NAMING_AFTER = frozenset("for word words calls call called name term".split())
LANGUAGE_REACH = 4  # words between the name and the language: Raute means diamond in German; not a clause away


def language_word(tokens: list[str], lows: list[str], start: int) -> str:
    """Why a name is here a word of a language the post talks of ("'German for' near it"), or "": a language
    within LANGUAGE_REACH words of it, before 'for', 'word' or 'calls', or after 'in' where words are talked of
    (WORD_TALK)."""
    if LANGUAGES.isdisjoint(lows):
        return ""
    first, stop = start, sentence_end(tokens, start, min(len(tokens), start + LANGUAGE_REACH + 2))
    while first > start - LANGUAGE_REACH and first and tokens[first - 1][0] not in BOUNDARY_CHARS:
        first -= 1
    talk = not WORD_TALK.isdisjoint(lows[first:stop])
    for k in range(first, stop):
        if lows[k] not in LANGUAGES:
            continue
        if k + 1 < stop and lows[k + 1] in NAMING_AFTER:
            return f"'{tokens[k]} {tokens[k + 1]}' near it: a word of that language"  # German for
        if talk and k > first and lows[k - 1] == "in":
            return f"'{tokens[k - 1]} {tokens[k]}' near it: a word of that language"  # means .. in German
    return ""


def english_name(tokens: list[str], lows: list[str], start: int, term: str, company: Container[str],
                 marks: ClauseMarks = NO_MARKS) -> str:
    """Why a one-word form at `start` of an English post, written without the capitals of `term`, names the company
    there, or ""; `company`: the forms of the words that speak of a company (a subject's verb: kone shares)."""
    low = lows[start].split("'", 1)[0]  # kone's, posti's
    if low in ENGLISH_WORDS or term.lower() in ENGLISH_WORDS or low in GIVEN_NAMES or marks.quoted(start):
        return ""
    for k in (start - 1, start + 1):  # 'kone ei toimi', sulle tuli postia: a Finnish phrase talks of the word
        if 0 <= k < len(lows) and (SCORES.get(lows[k]) == 1 or not FINNISH_LETTERS.isdisjoint(lows[k])):
            return ""
    if not WORD_TALK.isdisjoint(lows):
        return ""
    before = lows[start - 1] if start and start - 1 not in marks else ""
    if before in DEALING:
        return f"'{tokens[start - 1]}' before it in an English post: the company one deals with"
    after = lows[start + 1] if start + 1 < len(lows) and start not in marks else ""
    opens = not before or tokens[start - 1][0] in BOUNDARY_CHARS or before in OPENERS
    if opens and low == lows[start] and (after in VERBS_AFTER or after in COMPANY_ACTS or after in company or (
            before in OPENERS and len(after) > 3 and after.endswith("s") and not after.endswith("ss"))):
        return f"'{tokens[start + 1]}' after it in an English post: the company as a subject"
    return ""


INDEFINITE = frozenset({"a", "an"})  # a sale, an if: a brand's name takes no indefinite article
# Words after which a name with 'a' before it is the noun of its phrase (a bolt from, a prisma, the light), not a word
# before the noun (a lidl bike, a sato flat: the brand's)
AFTER_NOUN = frozenset("""
from to of in on at for with into by and or but that which who whose is was are were the my i you he she it we they
""".split())


def english_noun(lows: list[str], start: int, low: str, company_next: bool = False) -> str:
    """Why a lower-case name is an English word here (after 'a': a word the lists hold, or any name as the noun of
    its phrase, a bolt from; or, a word they hold, in its English plural: the sales office), whatever the context
    words, or ""; `low`: the name in lower case, `company_next`: a company's word follows it, whose article it is (a
    sale shop, a dna contract)."""
    if lows[start] == low and start and lows[start - 1] in INDEFINITE and not company_next and (
            low in ENGLISH_WORDS or start + 1 == len(lows) or lows[start + 1] in AFTER_NOUN):
        return f"the English word after '{lows[start - 1]}'"
    if low not in ENGLISH_WORDS:
        return ""
    if lows[start] == low + "s":
        return "the English word's plural"
    return ""
