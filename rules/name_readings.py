"""Other readings of a brand's name in a post: a greeting (Moi!), a place or its language (Tikkurilan uimahalli,
Arabian kielen kurssi), a pet (our dog Musti); and the brand spoken to (Tikkurila, tarvitseeko ...).

A brand named like a greeting, a village or a pet reads as that word when the words around it say so, whatever
the brand; written from Finnish and English usage, not from posts. Each function returns why, or "".
"""

from __future__ import annotations

import re
from typing import Any, Callable, Container, Sequence

from kuulo.rules.everyday import FAMILY_BASES
from kuulo.rules.finnish import plural_you, weak_stem
from kuulo.rules.names import GIVEN_NAMES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks, same_sentence, sentence_end
from kuulo.rules.place_names import is_place
from kuulo.rules.question_words import EN_ALWAYS, EN_WHEN, FI_INTERROGATIVES

# Greetings a brand may be named like (Moi Mobiili, Hei, Terve), and what makes a bare one the greeting: a boundary
# or another greeting after it, the people greeted (Moi kaikki), a capitalised name after it (Moi Lidl!), or a verb
# of saying before it (sanoo moi, say moi).
GREETINGS = frozenset("moi moin moikka moro moikkelis hei heippa terve morjens hello hi hey hej".split())
# Words after a greeting that make it one: Moi kaikki, Moi everyone, Moi from Oulu (a traveller's hello)
GREETED = frozenset("kaikki kaikille vaan vain taas kesä everyone all guys folks from".split())
SAY_WORDS = frozenset("sanoo sanoi sanoa sanon sanovat sanotaan sano say says said saying word".split())
# Place nouns after a name in the genitive or beside a locative: the name is the place's (Tikkurilan asemalla,
# Iittalan kylässä, Tikkurilassa kirjastossa, Haltin huipulle); Finnish stems, then English words after a name.
PLACE_HEADS = ("kirjasto", "uimahalli", "keskusta", "tori", "kirko", "kirkko", "kylä", "kylää", "lukio", "koulu",
               "terveysasema", "kirjastossa", "tor", "linna", "kartano", "puisto", "huippu", "huipu",
               "ranta", "rann", "edusta")  # the land and water by a place: Särkänniemen rantaan, edustalla
PLACE_ENDING_LETTERS = 5  # a place noun and its ending (keskustassa), not a compound (kyläkauppa)
NOT_PLACE_HEADS = ("edustaj",)  # words that begin as a place noun and are none: Postin edustaja (its agent)
LANGUAGE, LANGUAGE_LETTERS = ("kieli", "kiele", "kielt"), 9  # Arabian kielen kurssi: a country's language
THROUGH = frozenset({"läpi", "ohi", "lähellä", "lähelle", "läheltä", "kohdalla", "suunnalla"})  # Iittalan läpi,
# Tikkurilan lähellä: passing or near a place (after a genitive only; not jälkeen: Rovion jälkeen is a time)
ROUTE_WORDS = frozenset("get getting commute commuting travel travelling traveling walk ride fly".split())  # get from
PLACE_AFTER_EN = frozenset("""village town municipality ironworks manor castle palace library stop church parish
chapel cemetery""".split())  # not
# station: a company has them; a place noun and 'of' before a name name it too (the village of Iittala)
PLACE_PARTS_EN = frozenset("top summit peak foot slopes".split())  # the top of Halti (not after a name: Atria top
# quality, peak hours)
PLACE_BEFORE_EN = frozenset("near".split())
PLACE_PREPOSITIONS_EN = frozenset("to in at near".split())  # cycled to Iittala, the train at Iittala
# Verbs of living and moving that take a place's locative (Asun Iittalassa, Muutettiin Tikkurilaan) and English
# words of travel before a place (cycled to, got off the train at, hiked to a fell).
DWELL_WORDS = frozenset("""asun asut asuu asumme asutte asuvat asuin asunut asuttiin asutaan muutin muutti muutimme
muutettiin muutetaan muutan muuttaa muutamme muuttamassa muuttanut muuttivat synnyin syntynyt kasvoin kasvoi
kasvanut kasvaneet kasvettiin ajettiin
ajoimme ajoin pysähdyttiin juna junan junalla junassa junat bussi bussilla bussissa ratikka ratikalla metro metrolla
lived live living cycled drove stayed train bus hiked hiking climbed skied""".split())
DWELL_WINDOW = 4  # words before a name a verb of living or moving may stand
LOCATIVE_ENDINGS = ("ssa", "ssä", "sta", "stä", "an", "än", "lla", "llä", "lle", "lta", "ltä")
BOUGHT = frozenset("ostin ostettu ostettiin ostan ostaa ostetaan tilasin tilattu tilattiin".split())  # from it
AT_WORK = ("töissä", "duunissa", "hommissa", "harjoittelussa")  # at work at a company (töissä Lapuassa)
OUTER = ("lla", "llä", "lle", "lta", "ltä")  # a village's locatives (Koskenkorvalla), a company's too (Kontiolta)
INSIDE = ("ssa", "ssä", "sta", "stä")  # in and out of (Vallilassa); the illative read: the last vowel again and n
IN_OR_INTO = ("ssa", "ssä", "an", "än")  # asun Iittalassa, muutettiin Tikkurilaan (not SATOlla, SATOlta: a landlord)
# Words of a pet beside a bare name: our dog Musti, Mustin kanssa lenkillä 🐕, a dog named musti; a pet's noun
# before what one buys for it is shopping (cat food, koiranruokaa), a pet's verb counts only right before the name
# (Walked Musti; not walked into Musti).
PET_WORDS = frozenset("""koira koiran koiraa koirat koiria kissa kissan kissaa kissat pentu pennun labbis
labbiksen labradori rescue dog dogs cat cats puppy kitten pet haukkuu haukkui lenkillä lenkille lenkki named called
collar kaulapanta 🐕 🐶 🐈 🐱 🐾 🐩""".split())
PET_VERBS = frozenset("walked walking walk ulkoilutin ulkoilutan".split())
PET_GOODS = frozenset("""food foods litter treats toys toy bed ruoka ruokaa ruoan ruuat ruokia hiekka hiekkaa herkut
herkkuja lelut leluja peti petiä""".split())
PET_TAG_STEMS = ("#koira", "#dog", "#cat", "#kissa", "#pup", "#lemmikki", "#pet")
PET_WINDOW = 5  # words either side of a bare name a pet's word may stand


def greeting_or_place(tokens: list[str], lows: list[str], start: int, hit: Any, hits: Sequence[Any], finnish: bool,
                      homonym: bool, marks: ClauseMarks = NO_MARKS, placed: bool = False, centre: bool = False) -> str:
    """Why a one-word form is a greeting, or for a `homonym` (a brand given context words) a place, here; or "";
    `marks`: the tokens a clause mark follows (normalise.ClauseMarks); `placed`: the brand's excludes name it as a
    place (named_place), so that where another company is may be it (located); `centre`: the brand is a shopping
    centre, itself a place one is near (near Jumbo), though still not one lived in (I live in Itis)."""
    other = greeting(tokens, lows, start, {h[0] for h in hits if h[3].brand != hit.brand}, marks) if (
        lows[start] in GREETINGS) else ""
    return other or place(tokens, lows, start, start + 1, hit.term, finnish, marks, centre) or (
        located(tokens, lows, start, hit, hits, finnish, marks) if placed else "") if homonym else other


def place_case(low: str, term: str, before: str = "", dwelling: str = "", mountain: bool = False) -> str:
    """Why a Finnish form of a name its brand's excludes also call a place is the place ("a place's case"), or "":
    the inessive, elative or illative, in which one is in a district or town, comes from it or goes there
    (Vallilassa, Tikkurilaan; in the weak grade too: Outokummusta); a company is mostly had, asked or bought from in
    the outer cases (Arabialla, Tikkurilalta, Kontiolta), unless a word of living or moving says it is a village's
    (`dwelling`: Kasvoin Koskenkorvalla, Bussi Koskenkorvalle) or the place is a `mountain` (named_mountain:
    Haltille kiivettiin); a context word speaks for it in any case; so does working there or buying from it
    (`before`: the word before it, töissä Lapuassa, ostin Vallilasta)."""
    name = term.lower()
    weak = weak_stem(name)  # Outokumpu: Outokummussa
    ending = low[len(name):] if low.startswith(name) else low[len(weak):] if weak and low.startswith(weak) else ""
    if before.endswith(AT_WORK) or not name or before in BOUGHT and ending.startswith("st"):  # kesätöissä too
        return ""  # ostin Vallilasta: bought from the company
    if ending in INSIDE or len(ending) == 2 and ending == name[-1] + "n":
        return f"'{low}' is a place's case (in, into or out of it), and no context word: the place"
    if dwelling and ending in OUTER:
        return f"'{low}' is a place's case after '{dwelling}', and no context word: the place"
    if mountain and ending in OUTER:
        return f"'{low}' is a fell's case (on, onto or off it), and no context word: the fell"
    return ""


def dwelling(tokens: list[str], lows: list[str], start: int) -> str:
    """A word of living or moving a few words before `start` in its sentence (Asun, muutti, bussi, cycled), or ""."""
    for k in range(max(0, start - DWELL_WINDOW), start):
        if lows[k] in DWELL_WORDS and same_sentence(tokens, k, start):
            return tokens[k]
    return ""


# English words before a name its brand's excludes call a place, with no context word of the brand in the post: set
# in it, passed through or near it (in Vallila, through Vallila, around Eckerö); 'to' it after a word of going.
IN_PLACE_EN = frozenset("in into inside through around across near outside".split())
GOING_EN = ROUTE_WORDS | frozenset("""go goes going went gone come comes coming came move moves moving moved got
trip way walked walking drive drove driving cycle cycled cycling bike biked biking back ferry bus train tram""".split())
# A place's nouns that a copula after the name sets it as (Vallila is a good area, is my favourite neighbourhood).
AREA_EN = frozenset("""area areas district districts neighbourhood neighborhood neighbourhoods neighborhoods suburb
suburbs village town island part parts place""".split())
AREA_REACH = 5  # words after the copula the place noun may stand (is my favourite Helsinki neighbourhood)


def place_en(tokens: list[str], lows: list[str], start: int, chain_before: bool, marks: ClauseMarks = NO_MARKS,
             mountain: bool = False) -> str:
    """Why an English post's one-word name, a place's by its brand's excludes, is the place here, or "" (with no
    context word of the brand in the post): a preposition of place before it, a copula setting it as an area, a
    place it lies in after it (Eckerö on Åland), climbing it where it is a `mountain` (named_mountain), or
    `chain_before`, another chain's name right before it, whose branch is there."""
    before = lows[start - 1] if start and start - 1 not in marks else ""
    if before in IN_PLACE_EN:
        return f"'{tokens[start - 1]}' before it: a place"  # Staying in Eckerö, through Vallila
    if mountain and before in CLIMB_BEFORE_EN:
        return f"'{tokens[start - 1]}' before it: the fell, climbed"  # Climbed Halti, hiking up Halti
    if mountain and start + 1 < len(lows) and lows[start + 1] in CLIMB_AFTER_EN and start not in marks:
        return f"'{tokens[start + 1]}' after it: the fell, climbed"  # Halti summit
    if before == "to" and any(w in GOING_EN for w in lows[max(0, start - 1 - DWELL_WINDOW):start - 1]):
        return "'to' before it after a word of going: a place"  # Biking from Mariehamn to Eckerö
    end = start + 1
    after = lows[end] if end < len(lows) and start not in marks else ""
    if after in ("in", "on") and end + 1 < len(tokens) and is_place(tokens[end + 1]) and end not in marks:
        return f"'{tokens[end]} {tokens[end + 1]}' after it: a place in a place"  # Vallila in Helsinki
    asked = before in ("is", "was") and end < len(lows) and lows[end] in ("a", "an", "the")  # is Vallila a good area
    if after in ("is", "was", "feels") or asked:  # not 'has': Vallila has a new area rug
        for k in range(end + 1, min(len(lows), end + 1 + AREA_REACH)):
            if lows[k].startswith(FIRMS) or not same_sentence(tokens, start, k):  # is the best store in the area
                break
            if lows[k] in AREA_EN:
                if asked:
                    return f"'{tokens[start - 1]} … {tokens[k]}' around it: a place"  # is Vallila a good area
                return f"'{tokens[end]} … {tokens[k]}' after it: a place"  # Vallila is a good area
    return branch_place(tokens, start) if chain_before else ""


def branch_place(tokens: list[str], start: int) -> str:
    """Why a place's name right after another chain's name is the branch's place (Neste Vallila, Prisma Kaleva)."""
    return f"'{tokens[start - 1]}' before it: another chain's branch at the place"


def greeting(tokens: list[str], lows: list[str], start: int, names: Container[int],
             marks: ClauseMarks = NO_MARKS) -> str:
    """Why the bare word at `start` is a greeting here, or ""; `names`: the tokens that are another brand's name,
    `marks`: the commas, dashes and quotes the tokens drop."""
    low = lows[start]
    if low not in GREETINGS:
        return ""
    before = lows[start - 1] if start else ""
    after = tokens[start + 1] if start + 1 < len(tokens) else ""
    if before in SAY_WORDS or before in GREETINGS:
        return f"a greeting after '{tokens[start - 1]}'"
    if marks.quoted(start):
        return "a greeting in quotes: the word itself"  # mitä "moi" tarkoittaa
    if low in lows[:start - 1] and any(greeting(tokens, lows, k, names, marks) for k in range(start - 1) if (
            lows[k] == low)):
        return "a greeting, as it was before in the post"  # sanoo moi moi ... mut moi kun tervehtii
    if start and tokens[start - 1][0] not in BOUNDARY_CHARS and before not in ("ja", "and") and (
            tokens[start - 1][0] != "@"):
        return ""  # inside a sentence: Moihin, vaihdoin Elisalta Moihin (not after a handle: @DNA_fi moi, vaihdoin)
    if not after or after[0] in BOUNDARY_CHARS or start in marks:
        return "a greeting, alone at a sentence start"  # Moi! Moin! moi, osaako joku; Moi – onko
    if after.lower() in GREETINGS or after.lower() in GREETED:
        return f"a greeting before '{after}'"  # Moi moi kaikki, Moi kaikki
    if after[0].isupper() and (start + 1 in names or after.lower() in GIVEN_NAMES):
        return f"a greeting before the name '{after}'"  # Moi Lidl! Moi Anna
    return ""

# Words that open a relative clause after a comma: the word before it is a noun described, not a name addressed.
RELATIVES = frozenset("joka jonka jota jossa josta johon jolla jolta jolle mikä minkä mitä missä mistä mihin"
                      .split())


def addressed(tokens: list[str], lows: list[str], start: int, marks: ClauseMarks) -> str:
    """Why a bare name at a sentence start is spoken to (Tikkurila, tarvitseeko …: the brand addressed), or ""."""
    if marks.mark(start) == "," and start + 1 < len(tokens) and tokens[start + 1].islower() and (
            lows[start + 1] not in RELATIVES):  # not: Tikkurila, Vantaa; Kone, jonka ostin
        return "addressed at a sentence start, a comma after it"
    return ""


# What follows the comma after a name spoken to: a question word, a plea, thanks or "you" (Posti, miksi …; Stadium,
# please …; Sato, teillä …); after an everyday word or a word the name also is, a comma alone may begin a list
# (Posti, lehdet ja mainokset) or an apposition, so it takes one of these
SPOKEN_TO_NEXT = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN | frozenset("""please pls plz kiitos kiitti thanks thank
te teillä teidän teiltä teille teitä you your you're u""".split())


def spoken_to(tokens: list[str], lows: list[str], start: int, marks: ClauseMarks) -> str:
    """Why a name that is also a word, alone at a sentence start before a comma, is the brand spoken to ("'miksi'
    after its comma"), or ""."""
    if marks.mark(start) != "," or start + 1 >= len(lows):
        return ""
    after = lows[start + 1]
    if after in SPOKEN_TO_NEXT or plural_you(after):  # or a plural imperative: Posti, korjatkaa
        return f"spoken to at a sentence start, '{tokens[start + 1]}' after its comma"
    return ""


def place(tokens: list[str], lows: list[str], start: int, end: int, term: str, finnish: bool,
          marks: Container[int] = (), centre: bool = False) -> str:
    """Why a one-word name names a place here ("'asemalla' after it: a place"), or ""; a word after a comma is no
    place noun of it (`marks`: the tokens a clause mark follows); near a `centre` is near the brand itself. A
    hyphenated name names no place (Aalto-yliopiston kirjasto is the university's)."""
    if "-" in term:
        return ""
    low = lows[start]
    after = _place_after(tokens, lows, start, end, term, finnish)
    if after and end - 1 not in marks:
        return after
    if not finnish and start and lows[start - 1] in PLACE_BEFORE_EN and not centre:
        return f"'{tokens[start - 1]}' before it: a place"  # near Iittala
    if not finnish and start and lows[start - 1] == "from" and start + 1 < len(lows) and lows[start + 1] == "to" and (
            way := next((w for w in lows[max(0, start - 1 - DWELL_WINDOW):start - 1] if w in ROUTE_WORDS or (
                w in DWELL_WORDS)), None)):
        return f"'from … to' a place after '{way}': a route"  # get from Tikkurila to the airport
    if not finnish and start > 1 and lows[start - 1] == "of" and (
            lows[start - 2] in PLACE_AFTER_EN or lows[start - 2] in PLACE_PARTS_EN):
        return f"'{tokens[start - 2]} of' before it: a place"  # the village of Iittala
    if finnish and not (low.endswith(IN_OR_INTO) and low[len(term):].isalpha()) or not finnish and not (
            start and lows[start - 1] in PLACE_PREPOSITIONS_EN):
        return ""
    if way := dwelling(tokens, lows, start):
        return f"'{way}' before it: a place one lives in or travels to"  # Asun Iittalassa, cycled to
    return ""


def _place_head(after: str) -> bool:
    """True when the word after a name is a place noun with at most an ending (uimahalli, keskustassa)."""
    if after.startswith(NOT_PLACE_HEADS):
        return False
    for head in PLACE_HEADS:  # a loop, not any() of a generator
        if after.startswith(head) and len(after) - len(head) <= PLACE_ENDING_LETTERS:
            return True
    return False


def _place_after(tokens: list[str], lows: list[str], start: int, end: int, term: str, finnish: bool) -> str:
    """Why the word after a one-word name says it names a place (or its language) here, or ""."""
    low = lows[start]
    after = lows[end] if end < len(lows) else ""
    if finnish and after and (low.endswith("n") or low.endswith(LOCATIVE_ENDINGS)) and _place_head(after):
        return f"'{tokens[end]}' after it: a place"  # Tikkurilan uimahalli, Tikkurilassa kirjastossa
    if finnish and after and low.endswith("n") and after.startswith(LANGUAGE) and len(after) <= LANGUAGE_LETTERS:
        return f"'{tokens[end]}' after it: a language"  # Arabian kielen kurssi
    if finnish and after in THROUGH and low.endswith("n") and low[:-1].isalpha():
        return f"'{tokens[end]}' after it: a place one passes"  # Iittalan läpi
    if not finnish and after in PLACE_AFTER_EN and low == term.lower():
        return f"'{tokens[end]}' after it: a place"  # Iittala village
    return ""


LOCATED_REACH = 3  # words between another company's name and the 'in' before a place (Iittala outlet in Arabia)
# Place nouns an exclude phrase may set beside a name (Tikkurilan asema, Arabianranta, Haltin huippu, Iittalan kylä):
# the agency says the name is a place's, where a chain's name with no such exclude (Prisma) is where one shops.
EXCLUDED_PLACES = PLACE_HEADS + ("asema", "station", "katu", "ranta", "meri", "niemimaa", "sea", "peninsula", "tunturi",
                                 "fell", "mountain", "village", "town", "street", "library")


def named_place(exclude: Sequence[Sequence[tuple[str, str]]]) -> bool:
    """True when a brand's exclude phrases (as excludes.py's (word, stem) pairs) set a place noun beside its name."""
    return any(w[0].endswith(EXCLUDED_PLACES) for phrase in exclude for w in phrase[1:] or phrase)


# A fell's or a mountain's nouns in a brand's exclude phrases (Halti-tunturi, Haltin huippu, Mount Halti): one is on
# a fell, goes onto it and comes off it in the outer cases (Haltilla, Haltille, Haltilta; not in it, as in a town),
# and climbs it (climbed Halti, up Halti, Halti summit)
MOUNTAIN_NOUNS = ("tunturi", "vuori", "huippu", "fell", "mountain", "mount")
CLIMB_BEFORE_EN = frozenset("""climb climbs climbed climbing hike hikes hiked hiking up summit summited summiting
ascend ascended ascent trek trekked trekking""".split())
CLIMB_AFTER_EN = frozenset("summit summits trail trails trek hike ascent".split())


def named_mountain(exclude: Sequence[Sequence[tuple[str, str]]], names: Sequence[str]) -> bool:
    """True when a brand's exclude phrases (as named_place reads them) name a fell or a mountain by one of its
    `names` (lower case): Halti-tunturi, Mount Halti; not Rukatunturi, another place, among Luhta's for its Rukka."""
    return any(any(w[0].endswith(MOUNTAIN_NOUNS) or w[0] in MOUNTAIN_NOUNS for w in phrase) and any(
        w[0].startswith(tuple(names)) for w in phrase) for phrase in exclude)


IN_PLACE = ("ssa", "ssä")  # KONEen testitornissa Tikkurilassa: a place inside a place


def located(tokens: list[str], lows: list[str], start: int, hit: Any, hits: Sequence[Any], finnish: bool,
            marks: ClauseMarks = NO_MARKS) -> str:
    """Why a homonym's one-word form is where something is, a place, here, or "": in English 'in' it after another
    company's name (Hesburger in Tikkurila, Iittala outlet in Arabia); in Finnish its inessive after another
    inessive (testitornissa Tikkurilassa: a place inside a place)."""
    if not start or start - 1 in marks:
        return ""
    before = lows[start - 1]
    if finnish:
        low = lows[start]
        if low.endswith(IN_PLACE) and low[len(hit.term):].isalpha() and before.endswith(IN_PLACE) and (
                tokens[start - 1].isalpha() and tokens[start - 1].islower() and not before.endswith(AT_WORK)):
            return f"'{tokens[start - 1]}' before it: a place inside a place"
        return ""
    if before != "in":
        return ""
    for h in hits:
        if h[3].brand != hit.brand and start - 2 - LOCATED_REACH <= h[0] <= start - 2 and (
                tokens[h[0]][:1].isupper() or tokens[h[0]][0] in "@#") and not marks.inside(h[0], start + 1) and (
                same_sentence(tokens, h[0], start)):
            return f"'in' before it, after '{tokens[h[0]]}': where another company is, a place"
    return ""


def pet(tokens: list[str], lows: list[str], start: int, end: int, term: str) -> str:
    """Why a bare name (or its genitive) is a pet's here ("'koira' near it"), or ""."""
    low, name = lows[start], term.lower()
    if low != name and low != name + "n":
        return ""
    if start and lows[start - 1] in PET_VERBS:
        return f"'{tokens[start - 1]}' before it: a pet's name"
    for k in range(max(0, start - PET_WINDOW), min(len(lows), end + PET_WINDOW)):
        word = lows[k]
        if word in PET_WORDS and not (k + 1 < len(lows) and lows[k + 1] in PET_GOODS) or word.startswith(
                PET_TAG_STEMS):
            return f"'{tokens[k]}' near it: a pet's name"
    return ""


# An age in brackets after a name says a child, a person or a pet: Elisa (7), Atria (8v), Musti (our 12yo lab),
# Reima-vanhus (13 v); not a time that passes (Nordea (8 weeks), odotettu (3 kk), 2 years).
_AGE = re.compile(r"\d{1,2}(?:v|y|yo|-vuotias)?")
AGE_UNITS = frozenset("v y yo vuotias".split())  # a unit as its own token after the number: (7 v), (5 yo)
AGE_OWNERS = frozenset("our my meidän mun minun".split())  # (our 12yo lab)


def aged(tokens: list[str], lows: list[str], start: int, marks: ClauseMarks) -> str:
    """Why a name followed by an age in brackets is someone's here ("'(7)' after it: an age"), or ""."""
    nxt = lows[start + 1] if start + 1 < len(lows) else ""
    if not (nxt[:1].isdigit() or nxt in AGE_OWNERS) or marks.mark(start) != "(":
        return ""  # the tokens first: most names have no number after them, and the marks are found on asking
    owned = nxt in AGE_OWNERS
    k = start + 1 + owned
    if k >= len(lows) or not _AGE.fullmatch(lows[k]):
        return ""
    if not lows[k].isdigit() or k + 1 < len(lows) and lows[k + 1] in AGE_UNITS:
        return f"'({tokens[k]}' after it: an age, someone's name"
    bare = marks.mark(k) == ")" or k + 1 == len(lows)  # a bare number: a poll's count too (Elisa (12) vs Telia (8))
    counted = any(j != start and marks.mark(j) == "(" and lows[j + 1].isdigit() and lows[j] not in GIVEN_NAMES
                  for j in range(len(lows) - 1))  # another name's count; not a sibling's age (Onni (4) ja Elisa (7))
    if bare and not counted and (owned or lows[start] in GIVEN_NAMES or start and lows[start - 1] in AGE_OWNERS):
        return f"'({tokens[k]})' after it: an age, someone's name"
    return ""


# A name said to be someone's: my boss is named X, a guy whose last name is X, X is the most common surname.
NAMING_VERBS = frozenset("named called nimeltään nimeltä".split())
NAME_NOUNS = frozenset("""name name's surname surnames nimi nimeni nimensä sukunimi sukunimeni sukunimensä etunimi
etunimeni etunimensä""".split())
NAME_AFTER = frozenset("""surname surnames nimipäivä nimipäivää nimipäivänä sukunimi sukunimenä etunimi sukunimeltään
sukunimeltäni sukunimeltä""".split())  # Onninen sukunimeltään: by surname
OWNERS = frozenset("my our his her mun minun meidän hänen sun sinun".split())  # whose name it is
NAME_WORDS = frozenset("name name's names nimi nimeni nimesi nimensä nimemme".split())  # someone's name
FIRMS = ("brand", "company", "firm", "shop", "store", "chain", "studio", "merkki", "merki", "yhtiö", "firma", "kauppa",
         "ketju", "yritys", "yrityk")  # words of a company: what they name is one
NAMING_WINDOW = 5  # words after a name a name noun may stand in its sentence (Sato is the most common surname)
# Words before 'called' or 'named' that make what follows a person's name, not a company's (a company called X).
NAMED_ONES = frozenset("""guy man woman girl boy kid lady he she his her him friend boss son daughter father mother
husband wife uncle aunt cousin teacher colleague coworker neighbour neighbor""".split())
NAMED_WINDOW = 3  # words before 'called' a person's word may stand: my father-in-law is called X
NAME_HEDGES = frozenset("literally actually really just also even oikeesti oikeasti siis muuten kans myös".split())
NAMING_WORDS = NAMING_VERBS | NAME_NOUNS | NAME_AFTER | NAME_WORDS  # a post holds one of them, or named_as says ""


def named_as(tokens: list[str], lows: list[str], start: int) -> str:
    """Why a one-word name is said to be someone's name here ("'named' before it"), or ""."""
    before = lows[start - 1] if start else ""
    namer = lows[max(0, start - 1 - NAMED_WINDOW):start - 1]  # who or what is named: not a company called X
    if before in NAMING_VERBS and (before[0] == "n" and before != "named" or any(
            w.split("-", 1)[0] in NAMED_ONES for w in namer)) and not any(f in w for w in namer for f in FIRMS):
        return f"'{tokens[start - 1]}' before it: a name given to someone"  # my boss is named Alko, nimeltään Reima
    copula = start - 2 if before in NAME_HEDGES and start > 2 else start - 1  # name is literally Huhtamäki
    if copula > 0 and lows[copula] in ("is", "was", "on", "oli") and lows[copula - 1] in NAME_NOUNS:  # not from the end
        said = " ".join(tokens[copula - 1:start])
        return f"'{said}' before it: a name given to someone"  # last name is Paulig, nimi on oikeesti Keskinen
    if before in NAME_NOUNS and (before not in NAME_WORDS or start == 1 or lows[start - 2] in OWNERS or (
            lows[start - 2][0] in BOUNDARY_CHARS)) and not any(
            f in w for w in namer for f in FIRMS):  # her surname, Lindström; sukunimi Keskinen; Name: Helen
        return f"'{tokens[start - 1]}' before it: a name given to someone"  # not: uusi nimi Telia, the name Posti
    owner = False  # elisa is my flatmate's name, helen is the name of my tutor, elisa on mun tyttären nimi
    for k in range(start + 1, sentence_end(tokens, start + 1, min(len(lows), start + 1 + NAMING_WINDOW))):
        if lows[k] in NAME_AFTER:
            return f"'{tokens[k]}' after it: a name given to someone"  # Sato is the most common surname
        owner = owner or lows[k] in OWNERS
        if lows[start + 1] in ("is", "on", "was") and lows[k] in NAME_WORDS and (owner or any(
                w in OWNERS for w in lows[k + 1:k + 3])) and not any(
                w.startswith(FIRMS) for w in lows[k + 1:k + 1 + NAMING_WINDOW]):  # not: of my favourite brand
            return f"'{tokens[k]}' after it: someone's name"
    return ""


SURNAME_PARTITIVES = ("sta", "stä")  # Virtanen: Virtasta, as Virta's elative is written


def surname_case(tokens: list[str], lows: list[str], start: int, low: str) -> str:
    """Why a name's elative is here the partitive of the surname in -nen the post also writes (nimi Virtanen ...
    ketään Virtasta), or ""; `low`: the name in lower case."""
    word = lows[start]
    if not word.startswith(low) or word[len(low):] not in SURNAME_PARTITIVES:
        return ""
    surname, stem = low + "nen", low + "se"  # Virtanen; Virtasen, Virtaselle
    for k, other in enumerate(lows):
        if k != start and (other.startswith(surname) or other.startswith(stem)):
            return f"'{tokens[k]}' in the post: the partitive of that surname"
    return ""


COMPANIONS = frozenset({"kanssa"})  # Reiman kanssa huomenna padelia: with someone


def companion(tokens: list[str], lows: list[str], start: int, term: str, firm: Callable[[str], bool]) -> str:
    """Why a first-name brand's genitive is someone's here ("'kanssa' after it: with someone"), or ""; `firm`: whether
    a word speaks of a company, which one in the sentence after it makes the one dealt with a company."""
    low = term.lower()
    genitives = (low + "n", low + "in")  # Reiman, Helenin; a first name's only (not Mehiläisen kanssa: a clinic)
    if low in GIVEN_NAMES and lows[start] in genitives and start + 1 < len(lows) and lows[start + 1] in COMPANIONS:
        for k in range(start + 2, sentence_end(tokens, start + 2, len(lows))):
            if firm(lows[k]):
                return ""  # Elisan kanssa riitelin laskusta
        return f"'{tokens[start + 1]}' after its genitive: with someone"
    return ""


# A person's pronouns: a company is it or they
PRONOUNS_EN = frozenset("she he her him his hers she's he's she'll he'll she'd he'd".split())
# ... and Finnish hän in its cases (a company is se or ne): Onko helen jo kotona? en saa häneen yhteyttä
PRONOUNS_FI = frozenset("hän häntä hänen häneen hänelle hänellä häneltä hänestä hänessä hänet".split())
PRONOUN_WINDOW = 12  # words after a first name a pronoun may refer back to it
# ... unless a family word (FAMILY_BASES) stands between, whose pronoun it is (Elisa cut my line and my mum says she)


def referred(lows: list[str], start: int, low: str, firm: Callable[[str], bool]) -> str:
    """Why a bare first name is a person's here ("'she' after it", "'häneen' after it"), or ""; `low`: the name,
    `firm`: whether a word speaks of a company (one before the pronoun makes the name a company's: Helen raised my bill,
    so she); a family word before it takes the pronoun."""
    if lows[start] != low or low not in GIVEN_NAMES:
        return ""
    for word in lows[start + 1:start + 1 + PRONOUN_WINDOW]:
        if firm(word) or word in FAMILY_BASES:
            return ""
        if word in PRONOUNS_EN or word in PRONOUNS_FI:
            return f"'{word}' after it refers to a person"
    return ""


# What players do in a game, right after a name: Stockmann teki hattutempun, Keskinen scored twice (firms do not).
# Not maalin, which is a paint's too (Tikkurila maalia).
SCORES = frozenset("hattutempun hattutemppu voittomaalin syötön syöttöä scored scores goal goals".split())
SCORE_WINDOW = 3  # words after a name a score may stand in its sentence


def scorer(tokens: list[str], lows: list[str], start: int) -> str:
    """Why a capitalised bare name is a player's here ("'hattutempun' after it: a player"), or ""."""
    if SCORES.isdisjoint(lows[start + 1:start + 1 + SCORE_WINDOW]):
        return ""  # no score word in reach at all (most names): one probe in C, not the sentence's end found first
    for k in range(start + 1, sentence_end(tokens, start + 1, min(len(lows), start + 1 + SCORE_WINDOW))):
        if lows[k] in SCORES:
            return f"'{tokens[k]}' after it: a player"
    return ""
