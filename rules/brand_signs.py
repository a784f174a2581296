"""Signs around a name in a post: a person's (family words, titles, joiners, an age) or a company's (its acts,
company words, another brand beside it), shouting, and forum text written in lower case throughout."""

from __future__ import annotations

import re
from typing import Container, Sequence

from kuulo.rules.everyday import (ACT_FILLERS, COMPANY_ACTS, ENGLISH_WORDS, FAMILY_BASES, FAMILY_TITLES,
                                  FUNCTION_WORDS, JOINERS, LIFE_EVENTS, PERSON_AFTER_EN, PERSON_HEAD_STEMS,
                                  PERSON_HEADS, SLANG, TITLES)
from kuulo.rules.excludes import exclude_word, first_phrase
from kuulo.rules.finnish import is_abbreviation, plural_you
from kuulo.rules.lexicon import Hit
from kuulo.rules.names import GIVEN_NAMES, SURNAME_CASE, SURNAME_ENDING, SURNAME_SHAPES, SURNAMES, WORD_NAMES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, TAG_CHARS, ClauseMarks, is_emoji, same_sentence
from kuulo.rules.place_names import is_place


LOWER_CASE_POST_MIN_WORDS = 6  # a post this long in lower case throughout is forum style, not a missing capital
UPPER_CASE_POST_MIN_WORDS = 4  # ... and one in capitals throughout, of this many words with letters, a shouted one
COMPOUND_HEAD_AT = 3  # a compound's head starts this many letters in at least (käsittely|maksu)
SHORT_FIRST_PART = "yö"  # the two-letter word that starts many compounds: its head starts after it (yö|juna, yö|bussi)
COMPOUND_HEAD_MIN_LETTERS = 5  # a head written onto the name without a hyphen is this long at least: no case ending
SHOUT_WINDOW, SHOUT_WORDS = 2, 2  # two words in capitals within two of a name: shouting, not the brand's capitals
PERSON_WINDOW = 4  # family words and life events this near a bare name make it a person's (Elisa täytti 40)
THANKING = frozenset("kiitos kiitti kiitoksia kiitokset thanks thx ty dear".split())  # before a name: spoken to
RIVALS = frozenset({"vs", "versus"})  # a name set against another brand's capitalised name is a company (X vs Y)
PERSON_JOINERS = frozenset({"ja", "and", "&"})  # Elisa ja Eemeli, Helen and I
ON_HOLD = ("on", "hold", "with")  # words before a name that wait on its line: a company phoned (not a person)
MAX_ACT_FILLERS = 2  # words between a name and its act: Posti taas myöhässä, kela ei vieläkään vastannut
GENITIVE_ACTS = frozenset({"mukaan", "kautta"})  # acts only after a genitive: Postin mukaan (not: posti mukaan)
# What follows a name and a dot in a web address: Verkkokauppa.com, Verkkokauppa.comista, Posti.fi
WEB_DOMAIN = re.compile(r"(?:com|net|org)(?:i(?:n|a|in|sta|ssa|lla|lta|lle|ksi|na))?|fi(?::\w+)?")
_AGE = re.compile(r"\d{1,3}(?:v|-vuotias\w*|-v)")  # Hese 40v, Elisa 5-vuotias


SLANG_PHRASES = {slang: tuple(exclude_word(w) for w in slang.split()) for slang in SLANG.values()}  # as excludes


class PostNames:
    """A post's facts every match asks about, found on the first question and kept: whether it is forum text in lower
    case throughout (lower_case_post), and which tokens hold a sure brand name (another company beside a name)."""

    __slots__ = ("_tokens", "_lows", "_hits", "_everyday", "_relaxed", "_sure", "_said")

    def __init__(self, tokens: list[str], lows: list[str], hits: Sequence[Hit], everyday: frozenset[str]) -> None:
        self._tokens, self._lows, self._hits, self._everyday = tokens, lows, hits, everyday
        self._relaxed: bool | None = None
        self._sure: dict[int, int] | None = None
        self._said: dict[str, int] = {}

    def said_at(self, slang: str) -> int:
        """Where the post spells out a slang reading ('virtual reality', in any inflected form), or -1."""
        if slang not in self._said:
            self._said[slang] = first_phrase(self._lows, (SLANG_PHRASES[slang],))[0]
        return self._said[slang]

    def relaxed(self) -> bool:
        """True when the post's capitals say nothing: in lower case throughout (lower_case_post) or in capitals
        throughout (upper_case_post)."""
        if self._relaxed is None:
            self._relaxed = lower_case_post(self._tokens) or upper_case_post(self._tokens)
        return self._relaxed

    def case_told(self) -> str:
        """How the post is written, as explain tells why its capitals say nothing: 'in lower case throughout'."""
        return "in capitals throughout" if upper_case_post(self._tokens) else "in lower case throughout"

    def sure(self) -> dict[int, int]:
        """Token index of each sure brand name -> its first hit's place in the hits: no everyday word, tag or English
        word, and written with its capitals unless the post is in lower case throughout."""
        if self._sure is None:
            tokens, lows, everyday = self._tokens, self._lows, self._everyday
            relaxed = self.relaxed()  # forum text: a short name without capitals is as sure as any
            self._sure = {}
            for i, h in enumerate(self._hits):
                if (h[3].caps is None or relaxed and not h[3].slang and lows[h[0]] not in ENGLISH_WORDS) and (
                        not h[3].everyday and lows[h[0]] not in everyday and tokens[h[0]][0] not in TAG_CHARS) and not (
                        tokens[h[0]][:1].islower() and ":" not in tokens[h[0]] and is_abbreviation(h[3].term)):
                    # is, iski: an abbreviation in lower case is no sure name (IS), unless its colon says so (kone:n)
                    self._sure.setdefault(h[0], i)
        return self._sure


def company_sign(tokens: list[str], lows: list[str], start: int, end: int, hits: Sequence[Hit],
                 everyday: frozenset[str], company_forms: frozenset[str], acts: bool = True, words: bool = True,
                 marks: ClauseMarks = NO_MARKS, others: bool = True, names: PostNames | None = None,
                 subject: bool = True) -> str:
    """Why a doubtful name reads as a company here ("'hukkasi' after it ..."), or "" when nothing says so;
    `everyday`: forms that are everyday words, `company_forms`: the words that speak of a company, `acts`: a verb
    after it may say so (not for slang: "OP lost" is a person), `words`: a company word after it may (not for a
    name that is itself a kind of company: any online shop has prices); `marks`: the tokens a clause mark follows,
    after which a word is no act or company word of the name (Posti, hinnat: a list); `others`: another brand beside
    it may; `names`: the post's PostNames, found once for all its matches (built from `hits` when not given);
    `subject`: the form may be a verb's subject (nominative, see subject_form): else only a genitive's acts count."""
    if end + 1 < len(lows) and lows[end] == "." and WEB_DOMAIN.fullmatch(lows[end + 1]):
        return f"'.{tokens[end + 1]}' after it makes it a web address"  # Verkkokauppa.comin: no online shop
    sentence_word = end == start + 1 and lows[start] in FUNCTION_WORDS and tokens[start].islower()
    if sentence_word:
        acts = words = others = False  # wondering if Posti could, know if Foodora delivers: the next clause's
    k = end
    while acts and k < len(lows) and k - end < MAX_ACT_FILLERS and lows[k] in ACT_FILLERS:
        k += 1
    if acts and k < len(lows) and lows[k] in COMPANY_ACTS and (subject or lows[k] in GENITIVE_ACTS or (
            lows[end - 1].endswith(AT_PLACE) and not PLACE_SUBJECTS.isdisjoint(lows[end:k]))) and (
            lows[k] not in GENITIVE_ACTS or lows[end - 1][-1] == "n") and not marks.inside(end - 1, k + 1):
        return f"'{tokens[k]}' after it says what a company does"
    if acts and k < len(lows) and plural_you(lows[k]) and not marks.inside(end - 1, k + 1):
        return f"'{tokens[k]}' after it addresses it as you (plural): an organisation"  # Elisa vastatkaa
    for j in range(k, min(k + 2, len(lows)) if words else 0):  # OP's mobile app, VR restaurant car
        if tokens[j][0] in BOUNDARY_CHARS or is_emoji(tokens[j]):  # an emoji parts them too: in Kalmar ❄️ coffee
            break
        if company_word(lows[j], company_forms):
            if marks.inside(end - 1, j + 1):
                break
            return f"'{tokens[j]}' after it speaks of a company"
    k = start - 1  # kiitos taas Posti, thank you VR: thanked, a company spoken to (not a first name: kiitos Helen)
    while acts and k > 0 and start - k <= MAX_ACT_FILLERS and lows[k] in ACT_FILLERS:
        k -= 1
    if acts and k >= 0 and (lows[k] in THANKING or lows[k] == "you" and k and lows[k - 1] == "thank") and (
            lows[start] not in GIVEN_NAMES and not marks.inside(k, start + 1)):
        return f"'{tokens[k]}' before it thanks or greets it: a company spoken to"
    held = start - len(ON_HOLD)
    if not sentence_word and held >= 0 and tuple(lows[held:start]) == ON_HOLD:
        return f"'{' '.join(tokens[held:start])}' before it: a company's line waited on"
    if not others:
        return ""
    sure = (names or PostNames(tokens, lows, hits, everyday)).sure()
    beside = [k for k in (start - 2, start - 1, end, end + 1) if k in sure and k != start and (  # Posti ja Matkahuolto
        k in (start - 1, end) or lows[end if k > end else start - 1] in JOINERS) and not (
        k == start - 1 and tokens[start].islower() and start - 1 not in marks)]  # Marimekko sale: its sale
    if beside:  # the one the hits list first
        other = min(beside, key=sure.__getitem__)
        return f"named beside '{tokens[other]}', another company"
    if end + 1 < len(lows) and lows[end] in RIVALS and tokens[end + 1][:1].isupper():
        from kuulo.rules.brand_forms import BrandHit  # not at the top: brand_forms imports this module
        if any(h[0] == end + 1 and type(h[3]) is BrandHit and not h[3].everyday for h in hits):
            return f"'{tokens[end]} {tokens[end + 1]}': set against another company"  # Supercell vs Rovio
    return ""

TURNS = frozenset({"turns", "turned"})  # a birthday only before an age (Elisa turned 40; not turns out, turned into)
SUBJECT_ENDINGS = frozenset({"", "kin", "ki", "kaan", "kään", "han", "hän", "ko", "kö", "pa", "pä"})  # Postikin
# ... and a company's place with a subject of its own between: Postissa ei kukaan vastaa (at Posti nobody answers)
AT_PLACE = ("ssa", "ssä", "lla", "llä")
PLACE_SUBJECTS = frozenset({"kukaan"})  # an act filler (everyday.ACT_FILLERS)


def subject_form(low: str, name: str) -> bool:
    """True when a Finnish form of `name` (lower case) is its nominative, clitics and all (posti, Postikin, HSL:kin),
    which a verb after it may have as its subject; not another case (yleensä: Yle's illative, Postilla)."""
    return low.startswith(name) and low[len(name):].lstrip(":'’") in SUBJECT_ENDINGS


def person_sign(term: str, tokens: list[str], lows: list[str], start: int, end: int, hits: Sequence[Hit],
           family: frozenset[str], near: bool = True, forms: frozenset[str] = frozenset()) -> str:
    """Why a capitalised name (of the brand's `term`) is a person's here ("joined to 'Eemeli'"), or ""; `near`:
    `family` words and life events near a bare name count too; `forms`: company words, which after a pair of names
    make them companies (Powerin ja Gigantin hinnat)."""
    low, n = lows[start], len(lows)
    head = low.split("-", 1)[1] if "-" in low else ""
    if head and (head in PERSON_HEADS or len(head) > 3 and head.startswith(PERSON_HEAD_STEMS)):
        return f"'{head}' after it"  # Sato-san, Silja-mummo, Sato-sensein
    if start and titled(tokens, lows, start):
        return "a title before it"
    others = {k for h in hits for k in range(h[0], h[1])}  # another brand's words: Juhla Mokkaa ja Fazerin
    for k in (end + 1, start - 2):
        if 0 <= k < n and lows[start - 1 if k < start else end] in PERSON_JOINERS and k not in others:
            other = tokens[k]
            after = max(k + 1, end)  # the word after the pair
            if forms and after < n and company_word(lows[after], forms):
                continue  # two companies' prices, shops, apps
            if other in ("I", "minä", "mä") or other.istitle() and k and tokens[k - 1][0] not in BOUNDARY_CHARS:
                return f"joined to '{other}'"
    if end < n and (_AGE.fullmatch(lows[end]) or near and lows[end] in PERSON_AFTER_EN and (
            start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS)):  # Hese 40v, Helen from accounting
        return f"'{tokens[end]}' after it"
    if not low.startswith(term.lower()) or len(low) - len(term) > 2:  # Helen, Helenin; not Helenille
        return ""
    for k in (*range(max(0, start - PERSON_WINDOW), start), *range(end, min(n, end + PERSON_WINDOW))):
        word = lows[k]
        if (word in LIFE_EVENTS or near and word in family) and same_sentence(  # in its sentence: not Telia? My wife
                tokens, k, start if k < start else end - 1) and not (
                word in TURNS and not (k + 1 < n and lows[k + 1][:1].isdigit())):  # turned 40; not turns out,
            # has turned the floor into: no birthday
            return f"'{word}' near it"  # Helenin synttärit, Elisa täytti 40
    return ""


KIN = frozenset("perhe perheen perheelle perheessä suku suvun suvulle family".split())  # after a surname
# after a surname, the people whatever the name is (Halosen pariskunta, Halosten sukuseura, the Keskinen couple); a
# family may be a firm's owners (Kärkkäisen perhe laajentaa)
COUPLES = frozenset("pariskunta pariskunnan sukuseura sukuseuran couple".split())
KIN_EN = frozenset({"family", "couple"})  # after a name in any case (the Rapala family); Finnish ones after a genitive

# Words that speak of a person (a pronoun, a title) and make a first name and an unknown word after it a full name.
PERSON_WORDS = TITLES | frozenset("she he her his him hän hänen häntä hänellä hänelle".split())


def full_name(term: str, tokens: list[str], lows: list[str], start: int, end: int, hits: Sequence[Hit],
              words: frozenset[str], marks: Container[int] = (), english: bool = False) -> str:
    """Why a capitalised name is part of a person's full name here ("the first name 'Karl' before it"), or "";
    `words`: everyday and company words, which a first name or a surname never is here (Elisa Viihde, Sampo Pankki);
    `marks`: the tokens a clause mark follows: a full name has none inside (Kiitos Pekka, Fazer), a list of first
    names may (Sampo, Otso vai Väinö)."""
    low_term = term.lower()
    if start and tokens[start - 1][:1].isupper() and lows[start - 1] in GIVEN_NAMES and (
            lows[start - 1] not in WORD_NAMES) and start - 1 not in marks and not any(h[0] == start - 1 for h in hits):
        return f"the first name '{tokens[start - 1]}' before it"  # Karl Fazer, Pertti Keskinen
    if end >= len(tokens) or not tokens[end][:1].isupper() or tokens[end].isupper() or (
            tokens[end][0] in BOUNDARY_CHARS or tokens[end][0] in TAG_CHARS):
        return ""
    after, parted = lows[end], end - 1 in marks
    if lows[start] == low_term and low_term in GIVEN_NAMES and after not in words and after not in ENGLISH_WORDS and (
            not any(h[0] in (start, end) and h[1] > start + 1 or h[0] == end for h in hits)):
        if after in GIVEN_NAMES or not parted and (after in SURNAMES or after.endswith(SURNAME_SHAPES) or (
                SURNAME_CASE.search(after))):
            return f"a first name, and '{tokens[end]}' after it"  # Sampo Terho, Sampo, Otso vai Väinö
        person = None if parted else next((w for w in lows if w in PERSON_WORDS), None)  # Helen Mirren ... she
        if person is not None:  # not Elisa Ring
            return f"a first name, '{tokens[end]}' after it and '{person}' in the post"
        if english and not parted and tokens[end][1:].islower() and after.isalpha():  # Helen Mirren in a documentary
            return f"a first name, and '{tokens[end]}' after it, no word in an English post: a surname"
    if (low_term in SURNAMES or low_term.endswith(SURNAME_ENDING)) and lows[start] != low_term and not parted and (
            lows[start].endswith("n") and after in GIVEN_NAMES):
        return f"a surname in the genitive before the first name '{tokens[end]}'"  # Keskisen Pertti
    return ""


def owned(brand: int, tokens: list[str], start: int, hits: Sequence[Hit], places: Container[int] = ()) -> bool:
    """True when another brand's genitive or handle comes right before an everyday form (Tokmannin verkkokauppa);
    `places`: brands whose genitive says where, not whose (a shopping centre's: Sellon Alkoa)."""
    before = tokens[start - 1]
    owner = before[0] in TAG_CHARS or before.endswith(("n", "'s", "’s"))
    return owner and any(h[1] == start and h[3].brand != brand and h[3].brand not in places for h in hits)

def company_word(word: str, forms: frozenset[str]) -> bool:
    """True for a word that speaks of a company (one of `forms`), also as a compound's head (käsittelymaksu)."""
    if word in forms:
        return True
    for k in range(COMPOUND_HEAD_AT, len(word) - 2):  # a loop, not any() of a generator: asked of many words
        if word[k:] in forms:
            return True
    return False


PLACE_CASES = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "n")  # Sato Suomessa: the harvest's


def branch(tokens: list[str], lows: list[str], start: int, end: int, bare: bool, known: Container[str],
           marks: Container[int] = ()) -> str:
    """Why a name at a sentence start is a chain's branch named for its place ("'Lahdentie' after it ..."), or "": a
    capitalised word after it that no list knows (Neste Lahdentie, Nesteellä Kempeleessä); after the `bare` name not
    in a case of place, which makes a word at a place (Sato Suomessa); `known`: everyday and company words."""
    if end >= len(tokens) or not tokens[end].istitle() or end - 1 in marks or lows[end] in known or (
            lows[end] in GIVEN_NAMES or bare and lows[end].endswith(PLACE_CASES)):
        return ""
    return f"'{tokens[end]}' after it: a branch named for its place"


def branch_at(tokens: list[str], end: int, marks: Container[int] = ()) -> str:
    """Why a chain's bare name is its branch at a place a list knows ("'Kontula' after it …"), or "": Sale Kontula,
    Power Tammisto, Stadium Jumbo, in either language; never a function word's (If Helsinki gets snow)."""
    if end < len(tokens) and end - 1 not in marks and is_place(tokens[end]) and (
            tokens[end - 1].lower() not in FUNCTION_WORDS):
        return f"'{tokens[end]}' after it: a chain's branch at a place"
    return ""


def chain_before(tokens: list[str], start: int, brand: int, hits: Sequence[Hit]) -> bool:
    """Whether another brand's name, written as that brand writes it, stands right before `start` (Neste Vallila;
    not 'Is Harvia', for IS)."""
    return any(h[1] == start and h[3].brand != brand and has_capitals(tokens[h[0]], h[2], h[3].caps or ())
               for h in hits)


def company_head(low: str, forms: frozenset[str], stems: tuple[str, ...], name: str = "") -> str:
    """The head of a hyphenated word after a name when it speaks of the company (dna-sopimus, Kone-yhtiön,
    kela-korttia), or one of `stems`, the first letters of the brand's context words (Sato-kodit: koti*), else "";
    with the brand's `name` (lower case), a compound written as one word too when its head is one of `stems`
    (ottoautomaatteja: automaatti*)."""
    if "-" in low:
        head = low.split("-", 1)[1]
        return head if head and (company_word(head, forms) or head.startswith(stems)) else ""
    head = low[len(name):] if name and low.startswith(name) else ""
    return head if len(head) >= COMPOUND_HEAD_MIN_LETTERS and head.startswith(stems) else ""


def personish(lows: list[str], start: int, end: int, words: frozenset[str]) -> bool:
    """A cheap first look: a joiner, an age, a title or one of `words` beside a name that may be a person's."""
    after = lows[end] if end < len(lows) else ""
    before = lows[start - 1] if start else ""
    return (after in PERSON_JOINERS or before in PERSON_JOINERS or before in TITLES or after[:1].isdigit()
            or "-" in lows[start] or start > 1 and lows[start - 2] in TITLES or after in PERSON_AFTER_EN
            or not words.isdisjoint(lows[max(0, start - PERSON_WINDOW):end + PERSON_WINDOW]))


def kin_before(tokens: list[str], lows: list[str], start: int, family: frozenset[str],
               marks: Container[int] = (), nominative: bool = False) -> str:
    """Why an inflected first name is a person's by the word right before it ("'siskon' before it": a family word's
    genitive, whose own the name is: siskon Helenin luona, naapurin Reiman), or ""; `marks`: the tokens a clause
    mark follows (kiitos naapurin, Helenin sähkö: no genitive of it); `nominative`: a surname in its base form, which
    a family or role word in its base form names too (Työkaveri Halonen jäi eläkkeelle; not: vaimolle Kärkkäiseltä)."""
    before = lows[start - 1] if start else ""
    if (before.endswith("n") or nominative and before in FAMILY_BASES) and before in family and (
            start - 1 not in marks):
        return f"'{tokens[start - 1]}' before it"
    return ""


def surname(low: str) -> bool:
    """True for a name of a Finnish surname's shape or a common surname (halonen, virtanen)."""
    return low in SURNAMES or low.endswith(SURNAME_ENDING)


def titled(tokens: list[str], lows: list[str], start: int) -> bool:
    """True when a title stands right before a name (Dr. Rapala too), or before a first name before it."""
    return lows[start - 1] in TITLES or start > 1 and lows[start - 2] in TITLES and (
        tokens[start - 1].istitle() or tokens[start - 1] == ".")


def named_person(tokens: list[str], lows: list[str], start: int, hits: Sequence[Hit],
                 marks: Container[int] = ()) -> str:
    """Why a capitalised name is a person's whatever the context words say (Ms Rapala, Pekka Rapala), or ""; a first
    name or a family word across a clause mark (`marks`: the tokens one follows) is none (Kiitos Pekka, Rapala)."""
    if not tokens[start][:1].isupper():
        return ""
    if start and titled(tokens, lows, start):
        return "a title before it"
    first = lows[start] in GIVEN_NAMES and lows[start] not in WORD_NAMES  # a first name, no word (Reima, Helen)
    if first and start and lows[start - 1] in FAMILY_TITLES and start - 1 not in marks:
        return f"'{tokens[start - 1]}' before the first name: a family member"  # Pappa Reima, Aunt Helen
    if kin := kin_after(tokens, lows, start, marks):
        return kin  # Rapalan perheen sukukokous, the Rapala family
    after = tokens[start + 1] if start + 1 < len(tokens) else ""
    if lows[start].endswith("n") and after.istitle() and after.lower() in GIVEN_NAMES and after.lower() not in (
            WORD_NAMES) and start not in marks and not any(h[0] == start + 1 for h in hits):
        return f"a family's name in the genitive before the first name '{after}'"  # Rapalan Vilma, the Rapalas' Vilma
    if first and after.istitle() and SURNAME_CASE.search(after.lower()) and start not in marks and not any(
            h[0] == start + 1 for h in hits):
        return f"a first name before the surname '{after}'"  # Helen Ahosen, Hanna Virtaselta
    before = lows[start - 1] if start else ""
    if before in GIVEN_NAMES and before not in WORD_NAMES and tokens[start - 1].istitle() and (
            start - 1 not in marks) and not any(h[0] == start - 1 for h in hits):
        return f"the first name '{tokens[start - 1]}' before it"
    return ""


def kin_after(tokens: list[str], lows: list[str], start: int, marks: Container[int] = (),
              words: frozenset[str] = KIN | COUPLES) -> str:
    """Why a name is a family's by one of `words` after it (Rapalan perheen, Halosten sukuseura, the Rapala family),
    or ""."""
    if start + 1 < len(lows) and lows[start + 1] in words and start not in marks and (
            lows[start].endswith("n") or lows[start + 1] in KIN_EN):
        return f"'{tokens[start + 1]}' after it: a family's name"
    return ""


def shouting(tokens: list[str], at: int) -> bool:
    """True when other words in capitals stand near tokens[at] (KONE RIKKI TAAS): its capitals say nothing."""
    near = tokens[max(0, at - SHOUT_WINDOW):at] + tokens[at + 1:at + 1 + SHOUT_WINDOW]
    return sum(len(t) >= 3 and t.isalpha() and t.isupper() for t in near) >= SHOUT_WORDS


def lower_case_post(tokens: list[str]) -> bool:
    """True when no word but a sentence's first (or English I, or a code with digits) has a capital: forum text, where
    capitals say nothing."""
    if len(tokens) < LOWER_CASE_POST_MIN_WORDS:
        return False
    after_boundary = True
    for token in tokens:
        first = token[0]
        if first in BOUNDARY_CHARS:
            after_boundary = True
            continue
        if not after_boundary and first not in TAG_CHARS and token[:2] not in ("I", "I'", "I’") and (
                not token.islower() and any(map(str.isupper, token))) and not any(map(str.isdigit, token)):
            return False  # a code's capitals say nothing of the writer's (95E10, 5G, K18)
        after_boundary = False
    return True


def upper_case_post(tokens: list[str]) -> bool:
    """True when every word (not a tag) with a letter is in capitals, and the post is as long as lower_case_post asks:
    a shouted post (ALKO KIINNI KLO 18 LAUANTAINA?? MIKSI), where capitals say nothing."""
    if len(tokens) < LOWER_CASE_POST_MIN_WORDS:
        return False
    words = [t for t in tokens if t[0] not in TAG_CHARS and any(map(str.isalpha, t))]
    return len(words) >= UPPER_CASE_POST_MIN_WORDS and all(map(str.isupper, words))


def styled(token: str, term: str) -> bool:
    """True when a name that is no abbreviation is written in capitals before its ending (SATOlla, SATO:lle)."""
    n = len(term)
    return n >= 3 and term.isalpha() and token[:n].isupper() and token[:n].lower() == term.lower() and (
        len(token) > n and not token.isupper())


def has_capitals(token: str, offset: int, caps: tuple[int, ...]) -> bool:
    """True when the token shows the capitals of the term (its first letter when it has none)."""
    if not caps:
        return token[offset:offset + 1].isupper()
    for k in caps:  # a loop, not all() of a generator: asked for most ambiguous names
        if offset + k >= len(token) or not token[offset + k].isupper():
            return False
    return True


def later_capitals(tokens: list[str], start: int, end: int, later: tuple[int, ...]) -> bool:
    """False for a phrase written with its first word's capital inside a sentence and a later word at these places
    without its own (Lapin kultaa: the gold of Lapland, not Lapin Kulta); a phrase all in lower case (forum text)
    or at a sentence start (where any first word has its capital) may be the name."""
    return not later or end == start + 1 or not tokens[start][:1].isupper() or start == 0 or (
        tokens[start - 1][0] in BOUNDARY_CHARS) or all(
        tokens[start + k][:1].isupper() for k in later if start + k < end)


def after_name(lows: list[str], start: int, end: int, offset: int, term: str) -> str:
    """What follows a matched name: the rest of a hyphenated word (Veikkaus-liiga) or the next word."""
    token = lows[start]
    if end == start + 1 and offset == 0 and "-" in token:
        head = token.split("-", 1)
        if head[0].replace("'", "") and not term.lower().startswith(token[:len(head[0]) + 1]):
            return head[1]
    return lows[end] if end < len(lows) else ""
