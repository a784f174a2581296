"""Brand mentions: names and aliases in every Finnish form, @handles, #hashtags, misspellings.

Short names (OP, Alko, Valio) and names marked ambiguous count only when written with their
capitals, as a tag, or beside one of the brand's context words; an inflected form of a short
name that is no everyday word counts in lower case too (alepasta). A form that is an everyday
word (Nesteen: of a liquid) counts only capitalised inside a sentence or beside a context word;
an abbreviation that is slang (OP, VR) needs a context word in English and on Reddit. `exclude`
overrules all, in every inflected form. Each decision on an ambiguous form is noted for explain.

BrandMatcher.resolve weighs each hit in turn; the rules for a doubtful form are in ambiguous_names.py,
the guesses at misspelt names in misspelt_names.py.
"""

from __future__ import annotations

from typing import Container, Mapping, Sequence

from kuulo.bot.limits import MAX_BRAND_CANDIDATES
from kuulo.rules.ambiguous_names import NEEDS_CONTEXT, AmbiguousNames
from kuulo.rules.analysed import AnalysedForms
from kuulo.rules.brand_forms import BrandHit, ContextHit, spellings
from kuulo.rules.brand_reader import Reader, read_names
from kuulo.rules.brand_results import Found, distinct, how_found, own_words_first
from kuulo.rules.brand_signs import (after_name, chain_before, company_sign, later_capitals, named_person,
                                     person_sign, personish, PostNames, titled)
from kuulo.rules.centre_places import is_centre, placed_centres
from kuulo.rules.everyday import ENGLISH_WORDS, FUNCTION_WORDS, LIFE_EVENTS, SLANG, TITLES
from kuulo.rules.excludes import first_phrase
from kuulo.rules.function_names import english_word
from kuulo.rules.lexicon import Hit, Lexicon
from kuulo.rules.measures import measured
from kuulo.rules.misspelt_names import MisspeltNames
from kuulo.rules.name_readings import (BOUGHT, GREETINGS, NAMING_WORDS, SURNAME_PARTITIVES, aged, branch_place,
                                      dwelling, greeting_or_place, named_as, named_mountain, named_place, place_case,
                                      place_en, surname_case)
from kuulo.rules.normalise import NO_MARKS, TAG_CHARS, ClauseMarks
from kuulo.rules.other_readings import READING_WORDS
from kuulo.rules.place_names import place_named
from kuulo.rules.second_look import second_look
from kuulo.rules.specs import BrandSpec, MatchOptions
from kuulo.rules.tags import ENTITY_FORMS, ENTITY_HEADS, ENTITY_NAMES, VENUE_WORDS
from kuulo.rules.two_letters import two_letter_word
from kuulo.rules.verdict import BrandMatch
from kuulo.rules.word_readings import POSSESSIVES, genitive_names, someones_own, word_reading

__all__ = ["BrandHit", "BrandMatcher", "ContextHit", "spellings"]  # spellings and the payloads: imported from here


PLACE_NAMED = "the post names the place"  # why a bare tag of the name is not the brand's (BrandMatcher._place_tags)
EXCLUDED_HERE = "the post's own word of the name is one its exclude phrases cover"
EXCLUDE_IN_POST = "the post holds one of its exclude phrases"  # Ensō of the day ... #enso


class BrandMatcher(AmbiguousNames, MisspeltNames):
    """Brand forms registered in a shared Lexicon (see BrandForms); `resolve` turns scan hits into BrandMatches."""

    def __init__(self, brands: Sequence[BrandSpec], options: MatchOptions, lexicon: Lexicon,
                 analysed: AnalysedForms | None = None, words: Container[str] = frozenset()) -> None:
        super().__init__(brands, options, lexicon, analysed, words)
        self._place_named = [named_place(x) for x in self._exclude]  # fixed per brand: found once, not at each hit
        self._mountains = [named_mountain(x, [n.lower() for n in (b.name, *b.aliases)])  # ... and whether that
                           for x, b in zip(self._exclude, brands)]  # place is a fell
        self._genitives = [genitive_names(x) for x in self._exclude]  # ... and the names they set after a genitive
        self._centres = {bi for bi, b in enumerate(brands) if is_centre(b)}  # shopping centres: rules/centre_places.py

    def resolve(self, tokens: list[str], lows: list[str], hits: list[Hit], context: Mapping[int, str],
                matched: Container[int], strict_slang: bool = False, finnish: bool = True,
                notes: list[str] | None = None, tagged: bool = True,
                marked: Sequence[int] | None = None, marks: ClauseMarks = NO_MARKS,
                masked: set[int] | None = None, reader: Reader | None = None,
                context_at: Container[tuple[int, int]] = ()) -> list[tuple[int, BrandMatch]]:
        """(token index, BrandMatch) for each distinct brand and form, in order; the reasons go to `notes`."""
        # Words not `matched` by the lexicon may be misspelt names; `strict_slang`: English or Reddit, where a
        # bare OP is the original poster; `finnish`: an everyday Finnish form (Postin) is doubtful; `tagged`:
        # False when the text has no @ or # (no token is a handle or a hashtag); `marked`: the tokens the lexicon
        # marked with `may_be_misspelt` (found here when not given); `marks`: the commas, colons, brackets and dashes
        # the tokens drop, which part a name from the word beside it (Koti, pizza; Moi, osaako; Tikkurila, tarvitseeko);
        # `masked` gets the index of every token of every mention accepted (brand_results.distinct); `reader` has the
        # last word on the names the rules weighed (rules/brand_reader.py); `context_at`: (brand, token index) of each
        # context word (`context` holds a brand's first).
        if not hits and not tagged and marked is not None and self._none_misspelt(lows, marked):
            return []  # no name, no tag, no word that may be a misspelt one: most posts without a brand
        notes = [] if notes is None else notes
        hits = hits[:MAX_BRAND_CANDIDATES]  # each match may still scan the post once: a hostile list of names
        for h in hits:  # the lexicon's brand hits (its other hits go elsewhere: Engine._read)
            if h[3].spelt:  # a registered misspelling: not where it is a word of its own
                hits = self.real_typos(hits)
                break
        places, everyday_words, exclude = self._places, self._everyday, self._exclude
        names = PostNames(tokens, lows, hits, everyday_words) if hits else None  # asked by many matches, found once
        found: list[Found] = []
        refused: list[tuple[int, int, BrandHit, str, str]] = []  # doubtful one-word names that lacked a sign
        weighed: list[tuple[int, int, BrandHit, str]] = []  # names the rules weighed by their readings and signs
        persons: set[int] = set()  # brands whose name is a person's somewhere in the post: so it is all through
        elsewhere: dict[int, str] = {}  # brands whose one-word name the post uses in another sense (a place's, an
        # excluded phrase's), and that sense: its bare tag too
        spelled_out: dict[tuple[int, str], tuple[int, int]] = {}  # exclude phrases an abbreviation may stand for
        topic = min(context) if context and min(context) < 0 else None  # a topic's word: see topics.py
        named = hits and not NAMING_WORDS.isdisjoint(lows)  # a word that names someone (my boss is named Alko)
        readable = topic is not None or not READING_WORDS.isdisjoint(lows)  # a word another reading looks for: once
        # the brand's own longer names (Musti ja Mirri): a word of them is no name of its own there (Musti)
        phrases = {(h[3].brand, k) for h in hits if h[1] > h[0] + 1 and type(h[3]) is BrandHit
                   and not marks.inside(h[0], h[1]) and later_capitals(tokens, h[0], h[1], h[3].later)
                   for k in range(h[0], h[1])} if len(hits) > 1 else ()
        for start, end, offset, hit in hits:
            token = tokens[start]
            tag = token[0] in TAG_CHARS
            single = end == start + 1 and not tag  # one written word: most hits, and most readings ask it
            if end == start + 1 and (hit.brand, start) in phrases:
                continue
            form = token if end == start + 1 else " ".join(tokens[start:end])
            if end > start + 1 and (mark := marks.inside(start, end)):  # Koti, pizza ja Netflix: two words, no name
                notes.append(f"'{form}' is not {self._names[hit.brand]}: a '{mark}' parts its words")
                continue
            if single and (place := place_named(token, finnish)) and place != hit.low and not (
                    start and lows[start - 1] in BOUGHT):  # tilasin Rukalta takin: bought from the company
                notes.append(f"'{form}' is not {self._names[hit.brand]}: the place {place.title()}")  # Rukalle: Ruka,
                continue  # not a form of Luhta's Rukka
            if single and (lows[start] in GREETINGS or hit.brand in self._homonyms):
                homonym = hit.brand in self._homonyms
                placed = homonym and self._place_named[hit.brand]
                other = greeting_or_place(tokens, lows, start, hit, hits, finnish, homonym, marks, placed,
                                          hit.brand in self._centres)  # Hesburger in Tikkurila; near Jumbo
                if not other and placed and not self._has_context(  # Vallilassa, Tikkurilaan; in Vallila; not
                        hit.brand, tokens, lows, context, finnish):  # aavassa … influenssarokotteet (rokot*)
                    before = lows[start - 1] if start and start - 1 not in marks else ""
                    chained = bool(before) and chain_before(tokens, start, hit.brand, hits)  # Neste Vallila
                    branch = chained and (not finnish or any(  # Prisma Kaleva(ssa); not Valmetin Porvoon tehtaalla
                        h[1] == start and lows[h[0]] == h[3].low for h in hits))
                    if finnish:  # Vallilassa, Tikkurilaan; Prisma Kaleva
                        name = self._names[hit.brand].lower()  # an alias that is the name's case (Maskuun): its ending
                        other = place_case(lows[start], name if lows[start].startswith(name) else hit.term, before,
                                           dwelling(tokens, lows, start), self._mountains[hit.brand]) or (
                            branch_place(tokens, start) if branch and lows[start] == hit.low else "")
                    else:  # in Vallila, Neste Vallila, climbed Halti
                        other = place_en(tokens, lows, start, chained, marks, self._mountains[hit.brand])
                    if other and self._mountains[hit.brand] and not self._company_forms.isdisjoint(lows):
                        other = ""  # Haltilla on tosi hyvä asiakaspalvelu: a company word anywhere says the company
                    if other and not branch and self._place_sign(hit, tokens, lows, start, end, hits, marks, names,
                                                                 finnish):
                        other = ""  # sijoitin Wärtsilään: the company; a branch's acts are the chain's (Prisma
                        # Kaleva aukeaa, staff found my wallet)
                if other:  # Moi moi kaikki, Tikkurilan uimahalli, Asun Iittalassa, Iittala village
                    notes.append(f"'{form}' is not {self._names[hit.brand]}: {other}")
                    weighed.append((start, end, hit, form))
                    if "place" in other:
                        elsewhere[hit.brand] = PLACE_NAMED
                    continue
            doubtful = hit.caps is not None or hit.everyday or hit.slang or hit.brand in places or (
                end == start + 1 and lows[start] in everyday_words) or (  # a peeled word: Yleensä
                hit.later and not later_capitals(tokens, start, end, hit.later))  # Lapin kultaa
            if doubtful and single and (  # is, Is, isä, iski for IS; konsertti-ilta for IL
                    word := two_letter_word(*compound_part(token, lows[start], offset), hit, finnish,
                                            tokens[start - 1] if start else "", tokens[end] if end < len(tokens) else
                                            "")):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: {word}")
                continue
            if end > start + 1 and not tag and hit.brand in self._homonyms and hit.brand not in context and (
                    part_cased(tokens, start, end, hit.term)):  # plan was to visit Finland: the verb, a country
                notes.append(f"'{form}' is not {self._names[hit.brand]}: a word of it written without its capital while"
                             " another has its own, and no context word")
                continue
            who = named_person(tokens, lows, start, hits, marks) if single and hit.brand in self._homonyms else ""
            if not who and single and named:
                who = named_as(tokens, lows, start)  # my boss is named Alko, last name is Paulig
            if finnish and single and lows[start].endswith(SURNAME_PARTITIVES) and (
                    surname := surname_case(tokens, lows, start, hit.low)):  # ketään Virtasta, nimi Virtanen
                notes.append(f"'{form}' is not {self._names[hit.brand]}: {surname}")
                continue
            if who:  # Pekka Rapala ... fishing, Ms Rapala
                notes.append(f"'{form}' is not {self._names[hit.brand]}: a person, {who}, whatever the context words")
                persons.add(hit.brand)
                continue
            if single and hit.brand in context and token[:1].isupper() and (
                    age := aged(tokens, lows, start, marks)):  # Onni (4v) löysi kaks euroa: the age outweighs 'euroa'
                notes.append(f"'{form}' is not {self._names[hit.brand]}: {age}, whatever the context words")
                weighed.append((start, end, hit, form))
                continue
            if tag and hit.slang and not self._has_context(hit.brand, tokens, lows, context, finnish):  # #vr, VR-lasit
                notes.append(f"'{token}' is not {self._names[hit.brand]}: also slang, and no context word")
                continue
            if tag and hit.brand in places and hit.brand not in context and self._untagged(token, hit.term):
                notes.append(f"'{token}' is not {self._names[hit.brand]}: {NEEDS_CONTEXT}")  # #sisu #running
                continue
            if single and start and lows[start - 1] in POSSESSIVES and (
                    own := someones_own(tokens, lows, start, marks)) and (
                    token.islower() and lows[start] == hit.low and (finnish and (
                        hit.everyday or hit.low in self._everyday) or hit.low in ENGLISH_WORDS)):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: {own}")  # mun posti tuli, my power went out
                continue
            if single and offset == 0 and hit.brand in self._homonyms and (
                    hit.brand not in context) and token[:1].islower():
                other = word_reading(tokens, lows, start, hit.low, self.field_words_of(hit.brand), marks,
                                     hit.low in self._genitives[hit.brand])  # musiikin lumossa
                if other and not company_sign(tokens, lows, start, end, hits, self._everyday, self._company_forms,
                                              marks=marks, names=names):  # juhannuksen rovio; not: mun supercell tili
                    notes.append(f"'{form}' is not {self._names[hit.brand]}: {other}")
                    weighed.append((start, end, hit, form))  # an exclude that covers it: _unexcluded
                    continue
            if not finnish and single and hit.low in FUNCTION_WORDS and (
                    word := english_word(tokens, lows, start, marks, context.get(hit.brand))):  # wondering if you
                notes.append(f"'{form}' is not {self._names[hit.brand]}: {word}, whatever the context words")
                continue
            if single and hit.brand not in context and (readable or hit.term in (
                    self._person_terms) or hit.brand in self._homonyms):  # else no reading applies (READING_WORDS)
                other = self._other_reading(hit, tokens, lows, start, offset, hits, context, topic, doubtful, finnish,
                                            marks, names)
                if other:  # Sampo Terho, jäänmurtaja Sampo, DNA:ta luolasta
                    notes.append(f"'{form}' is not {self._names[hit.brand]}: {other}")
                    if other.startswith("a person"):
                        persons.add(hit.brand)
                    else:
                        weighed.append((start, end, hit, form))
                        if "place" in other:
                            elsewhere[hit.brand] = PLACE_NAMED
                    continue
            if not tag and doubtful and not self._accepted(hit, tokens, lows, start, end, offset, context, strict_slang,
                                                           finnish, notes, hits, persons, marks, names):
                if end == start + 1:  # reconsidered once the post's other mentions are known (brand_lists.py)
                    refused.append((start, end, hit, form, notes[-1] if notes else ""))
                if hit.brand not in persons:
                    weighed.append((start, end, hit, form))
                continue
            if not doubtful and not tag and (start and (lows[start - 1] in TITLES or start > 1 and (
                    lows[start - 2] in TITLES)) and titled(tokens, lows, start) or hit.term in self._short and (
                    personish(lows, start, end, LIFE_EVENTS) and person_sign(hit.term, tokens, lows, start, end, hits,
                                                                             self._family, False,
                                                                             self._company_forms)) and not (
                    (hit.brand, end) in context_at)):  # Reiman kurahousut: its product right after it
                notes.append(f"'{form}' is not {self._names[hit.brand]}: a person's name here")  # Elisan ja Mikon
                persons.add(hit.brand)
                continue
            if exclude[hit.brand] and self._excluded(hit.brand, lows, start, end, own=True,
                                                     capital=token[:1].isupper() or tag, marks=marks):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: an exclude phrase covers it")
                if not tag:
                    elsewhere.setdefault(hit.brand, EXCLUDED_HERE)
                continue
            if self._expansions[hit.brand] and (spelled := self._spelled_out(hit.brand, lows, start, hit.term,
                                                                             spelled_out)):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: it abbreviates '{spelled}' before it")
                continue
            after = lows[end] if end < len(lows) else ""
            if "-" in lows[start] and offset == 0:
                after = after_name(lows, start, end, offset, hit.term)
            entity = after in ENTITY_FORMS and _named_by(lows[end - 1], hit.low) if finnish else (
                after in ENTITY_HEADS) and (  # not: Marimekko cups
                end >= len(tokens) or not tokens[end].islower() or token.islower())  # Lumene foundation: a product
            if (after and entity and not after.startswith(self._own_heads[hit.brand]) or (
                    end < len(tokens) and after in ENTITY_NAMES and tokens[end][0].isupper())) and not (
                    end - 1 in marks and end < len(lows) and after == lows[end]):  # Nordea, open 24/7? asks
                notes.append(f"'{form}' is not {self._names[hit.brand]}: '{after}' names another entity after it")
                continue
            if not tag and start and lows[start - 1] in VENUE_WORDS and tokens[start - 1][:1].isupper() and (
                    token[:1].isupper() and start - 1 not in marks and not lows[start - 1].startswith(
                        self._own_heads[hit.brand]) and not any(h[0] == start - 1 for h in hits)):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: '{tokens[start - 1]}' before it names a"
                             " venue")  # Sokos Hotel Presidentti, Ravintola Sampo
                if masked is not None:
                    masked.update(range(start, end))  # a name still: the tone model reads it no more than a mention
                continue
            if not tag and measured(tokens, lows, start, offset, marks):  # 1) rapala; not: 7,49 prismassa
                notes.append(f"'{form}' is not {self._names[hit.brand]}: after '{tokens[start - 1]}' it is a measure")
                continue
            if doubtful and not tag:
                weighed.append((start, end, hit, form))
            found.append((start, end, hit.brand, hit.term, form, *how_found(hit, tokens, lows, start, end)))
        for i, token in enumerate(tokens) if tagged else ():
            if token[0] in TAG_CHARS:
                for bi, term in self._tags.matches(token):
                    if lows[i] in SLANG and not self._has_context(bi, tokens, lows, context, finnish):  # #vr: VR-lasit
                        notes.append(f"'{token}' is not {self._names[bi]}: also slang, and no context word")
                        continue
                    if bi in places and bi not in context and self._untagged(token, term):
                        notes.append(f"'{token}' is not {self._names[bi]}: {NEEDS_CONTEXT}")
                        continue
                    if not (exclude[bi] and self._excluded(bi, lows, i, i + 1, marks=marks)):
                        found.append((i, i + 1, bi, term, token, "hashtag" if token[0] == "#" else "handle", 100.0))
        # not where every word that may be a misspelt name is already a form's: _misspelt would find nothing there
        if self.fuzzy_on and (marked is None or not all(map(matched.__contains__, marked))):
            found += self._misspelt(tokens, lows, matched, marked, tagged, marks, finnish, notes)
        if refused:  # If ja OP kilpailutettu, cheaper than power, If's roadside assistance: rules/second_look.py
            found += second_look(tokens, lows, refused, found, self._names, everyday_words, notes, marks, finnish)
        if weighed:  # the config's word is the last: no reader takes back what an exclude phrase covers
            weighed = self._unexcluded(weighed, tokens, lows, marks, notes, elsewhere)
        if reader is not None and weighed:
            found = read_names(reader, self._names, tokens, lows, weighed, found, notes)
        if persons:  # Helen from accounting ... Helen is the real MVP: one post, one Helen
            for bi in persons:
                if any(f[2] == bi and f[5] not in ("hashtag", "handle") for f in found):
                    notes.append(f"'{self._names[bi]}' names a person elsewhere in the post, so here too")
            found = [f for f in found if f[2] not in persons or f[5] in ("hashtag", "handle")]
        if tagged and found:  # Ensō of the day ... #enso, Sunset over Kalmarsund #kalmar: the excluded sense's tag
            self._excluded_tags(found, lows, context, elsewhere)
        if elsewhere and found:  # Outokummun kirkko jouluyönä #outokumpu: the town's tag, as its name is there
            found = self._place_tags(found, elsewhere, context, notes)  # Lunette window ... #lunette
        if self._centres and len(found) > 1:  # Sellon Prisma: the shop's mention, the centre its place
            found = placed_centres(tokens, lows, found, self._centres, self._names, notes, finnish, marks, masked)
        if len(found) > 1:  # Lumon: the glazing company's name, and Lumo's genitive
            found = own_words_first(found, context_at)
        return distinct(found, self._names, masked) if found else []  # none found: no mention to mask

    def _unexcluded(self, weighed: list[tuple[int, int, BrandHit, str]], tokens: list[str], lows: list[str],
                    marks: ClauseMarks, notes: list[str], elsewhere: dict[int, str]
                    ) -> list[tuple[int, int, BrandHit, str]]:
        """The weighed names no exclude phrase of their brand covers: a reading refused them before the exclude was
        asked, and the brand reader may not take back what the brand's own config excludes ("slush fund")."""
        kept = []
        for start, end, hit, form in weighed:
            if self._exclude[hit.brand] and self._excluded(hit.brand, lows, start, end, own=True,
                                                           capital=tokens[start][:1].isupper(), marks=marks):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: an exclude phrase covers it")
                elsewhere.setdefault(hit.brand, EXCLUDED_HERE)
            else:
                kept.append((start, end, hit, form))
        return kept

    def _excluded_tags(self, found: list[Found], lows: list[str], context: Mapping[int, str],
                       elsewhere: dict[int, str]) -> None:
        """Mark in `elsewhere` each brand found only by a bare tag of its name (no context word) whose exclude phrase
        stands in the post, though the words it covers are no form of the name (Ensō, Kalmarsund)."""
        for f in found:
            bi = f[2]
            if f[5] == "hashtag" and bi not in elsewhere and bi not in context and self._exclude[bi] and (
                    self._bare_tag(f[4], f[3])) and first_phrase(lows, self._exclude[bi], self._exclude_forms)[0] >= 0:
                elsewhere[bi] = EXCLUDE_IN_POST

    def _bare_tag(self, token: str, term: str) -> bool:
        """True for a hashtag that is one of the brand's names alone and none of its configured tags (#enso)."""
        return token[1:].lower() == term.lower() and token.lower() not in self._tags.exact

    def _place_tags(self, found: list[Found], brands: Mapping[int, str], context: Mapping[int, str],
                    notes: list[str]) -> list[Found]:
        """found without the hashtags that are only the one-word name of a brand the post uses in another sense (a
        place's: Haltin huipulla #halti; its exclude phrase's: Lunette window ... #lunette), unless a context word of
        the brand says it is the company's; `brands`: the brand -> that sense, as explain says it."""
        out, told = [], set()
        for f in found:
            bi, token = f[2], f[4]
            if bi in brands and bi not in context and token[0] == "#" and (
                    token[1:].lower() == self._names[bi].lower() or self._bare_tag(token, f[3])):
                if token not in told:  # a tag found by two of the brand's terms is told once
                    told.add(token)
                    notes.append(f"'{token}' is not {self._names[bi]}: {brands[bi]}, and no context word")
            else:
                out.append(f)
        return out

    def _untagged(self, token: str, term: str) -> bool:
        """True for a hashtag that holds a one-word name and is none the brand configured (#sisu, not #kalevalakoru)."""
        return token[0] == "#" and " " not in term and token.lower() not in self._tags.exact


def compound_part(token: str, low: str, offset: int) -> tuple[str, str]:
    """The token and its lower-case form, or at `offset` (a hit on a later part of a hyphenated token) that part."""
    if not offset:
        return token, low
    return token[offset:].split("-", 1)[0], low[offset:].split("-", 1)[0]


def part_cased(tokens: list[str], start: int, end: int, term: str) -> bool:
    """True when a name of several words is written with its first word in lower case, which the name capitalises,
    and a later word capitalised: the writer capitalises names, so the first word is an everyday one (to visit
    Finland, not Visit Finland)."""
    return term[:1].isupper() and tokens[start][:1].islower() and any(t.istitle() for t in tokens[start + 1:end])


def _named_by(word: str, term: str) -> bool:
    """True where a name's last word may name what follows it (Veikkaus Liiga, Nokian Areena): bare or a genitive,
    not in another case (Ruudulta Liigan pelit, Ruutu+:lta: the company's)."""
    word = word.replace("+", "")
    return word == term.rsplit(" ", 1)[-1] or word.endswith("n")
