"""A doubtful brand form weighed with no sure sign of its own: a short name (OP, Alko), a name marked ambiguous, an
everyday word (Nesteen: of a liquid), slang (OP, VR), a place's name (needs_context). It counts when written with its
capitals inside a sentence, beside one of the brand's context words, or by a company's act, head word or spelling
around it; a person's words, slang's other reading, an article or a Finnish determiner make it something else.

BrandMatcher (rules/match.py) asks `_accepted` of each doubtful form no other reading took; the reasons go to notes.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from kuulo.rules.brand_forms import BrandHit, known_words
from kuulo.rules.brand_shops import shop_sign
from kuulo.rules.brand_signs import (branch, branch_at, company_head, company_sign, company_word, has_capitals,
                                     later_capitals, owned, person_sign, personish, PostNames, shouting, styled,
                                     subject_form)
from kuulo.rules.english_names import english_name, english_noun
from kuulo.rules.everyday import COMPANY_ACTS, ENGLISH_WORDS, FIELD_ABBREVIATIONS, SLANG_FIELDS, SLANG_PEOPLE
from kuulo.rules.finnish import is_abbreviation
from kuulo.rules.function_names import adverb_alone, is_adverb
from kuulo.rules.going_to import gone_to
from kuulo.rules.lexicon import Hit
from kuulo.rules.name_readings import addressed, spoken_to
from kuulo.rules.names import GIVEN_NAMES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, TAG_CHARS, ClauseMarks
from kuulo.rules.other_readings import OtherReadings
from kuulo.rules.slang_readings import (INSIDE_CASE, SLANG_CONTEXT_WINDOW, SLANG_SELF, SLANG_THING_WINDOW,
                                         agreed_with)
from kuulo.rules.word_capitals import finnish_spelling
from kuulo.rules.word_readings import began

ARTICLES = frozenset({"the"})  # the DNA of a good company: a common English word, no brand
# Finnish pronouns that pick one of a kind before an everyday word in lower case: the word's kind, no brand (Mikä
# verkkokauppa vielä toimittaa, jostain verkkokaupasta, joku posti)
DETERMINERS_FI = frozenset("""mikä mitä minkä missä mistä mihin millä miltä mille mikään minkään mitään jokin jonkin
jotain jostain jostakin johonkin jossain jossakin jollain jollakin joku jonkun jokainen jokaisen jokaisesta
jokaisessa""".split())
NEEDS_CONTEXT = "the name is also a place or a word (needs_context), and no context word"  # a note's reason


class AmbiguousNames(OtherReadings):
    """OtherReadings with the rules that accept or refuse a doubtful form by the words around it (`_accepted`)."""

    _centres: set[int]  # brands that are shopping centres (BrandMatcher.__init__): rules/centre_places.py

    def _another_named(self, brand: int, tokens: list[str], hits: Sequence[Hit]) -> bool:
        """True when the post names another brand by a name, an @handle or a #hashtag ("@DNA_fi kiitos avusta")."""
        return any(isinstance(h[3], BrandHit) and h[3].brand != brand for h in hits) or any(
            bi != brand for token in tokens if token[0] in TAG_CHARS for bi, _ in self._tags.matches(token))

    def _place_sign(self, hit: BrandHit, tokens: list[str], lows: list[str], start: int, end: int,
                    hits: Sequence[Hit], marks: ClauseMarks, names: PostNames | None, finnish: bool = True) -> str:
        """Why a name that is also a place's is the company here (its acts, a shop's words, a company's spelling)."""
        return company_sign(tokens, lows, start, end, hits, self._everyday, self._company_forms, marks=marks,
                            names=names) or shop_sign(tokens, lows, start, end, hits, hit.brand, names,
                                                      lows[start] == hit.low, finnish, marks) or (  # Kylän Sale
            finnish_spelling(tokens, lows, start, hit.low, marks) if finnish else "")  # Ifin kasvu, myydä Karhua

    @staticmethod
    def _spoken_to(hit: BrandHit, tokens: list[str], lows: list[str], start: int, marks: ClauseMarks) -> str:
        """spoken_to for the bare name at a sentence start, or ""."""
        if lows[start] != hit.low or start and tokens[start - 1][0] not in BOUNDARY_CHARS:
            return ""
        return spoken_to(tokens, lows, start, marks)

    def _accepted(self, hit: BrandHit, tokens: list[str], lows: list[str], start: int, end: int, offset: int,
                  context: Mapping[int, str], strict_slang: bool, finnish: bool, notes: list[str],
                  hits: Sequence[Hit] = (), persons: set[int] | None = None, marks: ClauseMarks = NO_MARKS,
                  names: PostNames | None = None) -> bool:
        """Whether a form written in the text is the brand; notes why, when the form is ambiguous."""
        names = names or PostNames(tokens, lows, hits, self._everyday)
        token = tokens[start]
        name = self._names[hit.brand]
        form = token if end == start + 1 else " ".join(tokens[start:end])
        word = context.get(hit.brand)
        if word is None and finnish and hit.brand in self._context_heads:  # English compounds are two words
            word = self._compound_context(hit.brand, tokens, lows)
        meaning = hit.slang or FIELD_ABBREVIATIONS.get(hit.low, "")
        field = None if word is not None or not meaning else next(
            (w for w in lows if w.startswith(SLANG_FIELDS.get(hit.low, ("\0",)))), None)
        if field is not None:  # VR:llä pelaa Beat Saberia: virtual reality; zone ABC: fare zones
            notes.append(f"'{form}' is not {name}: '{field}' speaks of {meaning}, and no context word")
            return False
        # how far the context word stands from the name (slang only: a slang name's reading turns on it)
        far = abs(tokens.index(word) - start) if hit.slang and word is not None and word in tokens else None
        if hit.slang and (said := names.said_at(hit.slang)) >= 0 and (far is None or abs(
                said - start) < far):  # 'VR day' ... virtual reality goggles, not trains
            notes.append(f"'{form}' is not {name}: the post spells out '{hit.slang}'")
            return False
        if hit.low in SLANG_PEOPLE and finnish and end == start + 1 and INSIDE_CASE.fullmatch(lows[start],
                                                                                              len(hit.low)):
            notes.append(f"'{form}' is {name}: an inner local case, said of a place or a company, not of a person")
            return True
        if hit.slang and strict_slang and end < len(lows) and lows[end] in SLANG_SELF:
            notes.append(f"'{form}' is not {name}: '{tokens[end]}' after it, the {hit.slang} speaks")  # OP tässä
            return False
        if hit.low in SLANG_PEOPLE and (why := agreed_with(tokens, lows, start, end, marks)):
            notes.append(f"'{form}' is not {name}: {why}, the {hit.slang}, whatever the platform")
            return False
        if offset == 0 and end == start + 1 and (head := company_head(
                lows[start], self._company_forms, self._head_stems.get(hit.brand, ()), name.lower())):
            notes.append(f"'{form}' is {name}: the compound's head '{head}' speaks of the company")  # dna-sopimus
            return True
        if hit.slang and strict_slang:
            if far is not None and far > (SLANG_CONTEXT_WINDOW if hit.low in SLANG_PEOPLE else SLANG_THING_WINDOW):
                word = None  # OP, did you ever sort out the tax card thing: the card is the poster's
            if word is not None and marks.mark(end - 1) == "," and (
                    start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS) and not any(h[0] == end for h in hits):
                notes.append(f"'{form}' is not {name}: the {hit.slang}, addressed at a sentence start, a comma after"
                             " it")
                return False  # OP, you need a residence permit card first, the bank won't even look at you
            sign = "" if word is not None else company_sign(tokens, lows, start, end, hits, self._everyday,
                                                            self._company_forms, hit.low not in SLANG_PEOPLE,
                                                            marks=marks, names=names)
            if sign:  # Nordea or OP, VR conductor, VR cancelled (a person's slang acts too: OP lost)
                notes.append(f"'{form}' is {name}: {sign}")
                return True
            if word is None:
                notes.append(f"'{form}' is not {name}: also slang for '{hit.slang}', and no context word")
                return False
        if not finnish and token.islower() and end == start + 1 and not is_abbreviation(hit.term) and (
                why := english_noun(lows, start, hit.low, end < len(lows) and company_word(
                    lows[end], self._company_forms))):  # a sale shop: the article is the shop's
            notes.append(f"'{form}' is not {name}: {why}")  # has a sale, everything 50 % off; the sales office
            return False
        if "." in token:
            notes.append(f"'{form}' is {name}: a web address")
            return True
        everyday = (finnish or lows[start] != hit.low and "'" not in token) and (hit.everyday or (
            end == start + 1 and token.lower() in self._everyday))  # Yleensä, in English posts too
        placed = hit.brand in self._places and end == start + 1 and (hit.brand, hit.term) not in self._own_names
        uncased = hit.caps is None and not later_capitals(tokens, start, end, hit.later)  # Lapin kultaa: the gold
        if hit.caps is None and not everyday and not placed and not uncased:
            return True  # needs_context: a one-word name needs its context word in every form (Kalevalassa too)
        if word is not None:
            notes.append(f"'{form}' is {name}: context word '{word}'")
            return True
        if uncased:  # a capital inside a sentence: no post in lower case throughout
            notes.append(f"'{form}' is not {name}: a word of it written without its capital, and no context word")
            return False
        if offset and not finnish and word is None and lows[start][offset:offset + len(hit.low)] == hit.low and (
                hit.low in ENGLISH_WORDS and token[offset:offset + 1].islower()):  # after-sale service, pre-sale
            notes.append(f"'{form}' is not {name}: the English word '{hit.low}' ending a compound, and no context word")
            return False
        if placed:  # Kemijoella uitettiin tukkeja: the river
            # an everyday word's form in lower case beside another brand's name: the company's words there are that
            # brand's ("Nordea, kiitos nopeasta avusta kun kortti jäi": help, not the magazine Apu)
            sign = "" if everyday and token.islower() and self._another_named(hit.brand, tokens, hits) else (
                self._place_sign(hit, tokens, lows, start, end, hits, marks, names, finnish) or self._spoken_to(
                    hit, tokens, lows, start, marks))  # If, miten on mahdollista …
            notes.append(f"'{form}' is {name}: {sign}" if sign else f"'{form}' is not {name}: {NEEDS_CONTEXT}")
            return bool(sign)
        compound = "-" in lows[start][hit.low.rfind("-") + 1:]  # a word joined to the name (not Ilta-Sanomat's own)
        if compound and offset == 0 and end == start + 1 and (hit.slang or hit.term.lower() in ENGLISH_WORDS) and (
                is_abbreviation(hit.term) or hit.term.lower() in ENGLISH_WORDS) or (
                compound and offset == 0 and end == start + 1 and hit.brand in self._homonyms):  # Power-jooga
            # DNA-näyte, VR-lasit, Orion-kapseli: the head says which reading (a company's: accepted above)
            notes.append(f"'{form}' is not {name}: the compound's head '{lows[start].split('-', 1)[1]}' speaks of no"
                         " company")
            return False
        # a family word near a capitalised name no person has makes no person of it: Lidl baby aisle, Yle … my son
        kin = not token[:1].isupper() or hit.everyday or hit.term in self._person_terms or hit.low in self._everyday
        person = "" if word is not None or (everyday or is_abbreviation(hit.term)) and "-" not in token or (
            not personish(lows, start, end, self._person_words)) else person_sign(hit.term, tokens, lows, start, end,
                                                                                  hits, self._family, kin,
                                                                                  self._company_forms)
        if person and lows[start] not in GIVEN_NAMES and (sign := company_sign(
                tokens, lows, start, end, hits, self._everyday, self._company_forms, True, False, marks, False, names)):
            notes.append(f"'{form}' is {name}: {sign}, whatever the person's words ({person})")  # Telia sold my dad
            return True
        if person:  # Elisa ja Eemeli, Helen and I, Tohtori Stockmann
            notes.append(f"'{form}' is not {name}: a person, {person}")
            if persons is not None:
                persons.add(hit.brand)
            return False
        if everyday and start and owned(hit.brand, tokens, start, hits, self._centres):  # Stockmann’s verkkokaupasta
            notes.append(f"'{form}' is not {name}: it is {tokens[start - 1]}'s, another brand's")
            return False
        lower = hit.caps is not None and (not has_capitals(token, offset, hit.caps) or (
            token.isupper() and shouting(tokens, start)) or not later_capitals(tokens, start, end, hit.later))
        if lower and not finnish and end == start + 1 and offset == 0 and "-" not in token and not hit.slang and (
                hit.brand not in self._places) and (why := english_name(tokens, lows, start, hit.term,
                                                                        self._company_forms, marks)):
            notes.append(f"'{form}' is {name}: {why}")  # went to alkoon, kone is hiring, work at alko
            return True
        if not lower and everyday and offset == 0 and styled(token, hit.term) and not shouting(tokens, start):
            notes.append(f"'{form}' is {name}: written in capitals as the brand writes it")  # SATOlla, SATOn
            return True
        if lower and finnish and end == start + 1 and (why := began(lows, start, COMPANY_ACTS)):
            notes.append(f"'{form}' is not {name}: {why}")  # pesukone alko vuotaa
            return False
        if not finnish and end == start + 1 and (why := adverb_alone(tokens, lows, start, self._words, marks)):
            notes.append(f"'{form}' is not {name}: {why}")  # Seriously? Honestly. (but: Helen? Keskinen?)
            return False
        relaxed = lower and hit.brand not in self._strict and names.relaxed() and not (
            token.isupper() and is_abbreviation(hit.term))  # shouted, IS is as likely the word is
        if relaxed and not finnish and end == start + 1 and is_adverb(lows[start], self._words):
            notes.append(f"'{form}' is not {name}: the adverb '{token}' in a post {names.case_told()}")
            return False  # you can't seriously expect me to wait (a context word still says the studio)
        if relaxed and not everyday and not hit.slang and end == start + 1 and lows[start] not in self._everyday and (
                hit.term.lower() not in ENGLISH_WORDS or finnish and lows[start] != hit.low):  # dna:lla, dnan
            notes.append(f"'{form}' is {name}: the post is {names.case_told()}, and '{lows[start]}' is no"
                         " everyday word")
            return True
        if lower and (offset or end > start + 1 or is_abbreviation(hit.term) and (everyday or not relaxed)):
            notes.append(f"'{form}' is not {name}: written without its capitals, and no context word")
            return False
        sentence_start = not token.isupper() and (start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS)
        word_of = ""  # why a name that is no everyday word is read as one here
        article = start and (lows[start - 1] in ARTICLES or start > 1 and lows[start - 2] in ARTICLES and (
            tokens[start - 1].islower()))  # the DNA of, the famous DNA double helix
        following = lows[end] if end < len(lows) else ""
        if article and hit.term.lower() in ENGLISH_WORDS and not company_word(following, self._company_forms):
            notes.append(f"'{form}' is not {name}: the common word after 'the'")
            return False
        if finnish and everyday and token.islower() and start and lows[start - 1] in DETERMINERS_FI and (
                start - 1 not in marks):
            notes.append(f"'{form}' is not {name}: the everyday word after '{tokens[start - 1]}'")
            return False
        if sentence_start and not everyday and not lower and hit.term.lower() in ENGLISH_WORDS and (
                not is_abbreviation(hit.term)):
            everyday = True  # Power outage, Power naps: a common English word starts the sentence
        if sentence_start and not everyday and not lower and hit.brand in self._homonyms and finnish and (
                lows[start] == hit.term.lower()) and (hit.brand, hit.term) not in self._own_names and not (
                end < len(tokens) and tokens[end][:1].isupper() and marks.mark(end - 1) in ("", "+", "=")):  # Kossu + Jaffa
            if why := addressed(tokens, lows, start, marks):  # Tikkurila, tarvitseeko lauteita käsitellä
                notes.append(f"'{form}' is {name}: {why}")
                return True
            everyday = True  # Veikkaus: huomenna sataa: a name the agency knows is also a word starts the sentence
            word_of = " (a name the brand's context words say is also a word)"
        if (lower and hit.brand not in self._strict or everyday) and offset == 0 and "-" not in token and (
                ":" not in token):
            sign = company_sign(tokens, lows, start, end, hits, self._everyday, self._company_forms, names=names,
                                words=hit.brand not in self._generic, marks=marks, subject=not finnish or (
                                    end > start + 1 or subject_form(lows[start], hit.low))) or (  # not: yleensä vastaa
                gone_to(tokens, lows, start) if end == start + 1 else "")  # alkoon menin
            if sign:  # Posti hukkasi paketin, telia nosti hintoja, posti vai matkahuolto
                notes.append(f"'{form}' is {name}: {sign}")
                return True
        if lower:
            notes.append(f"'{form}' is not {name}: written without its capitals, and no context word")
            return False
        if everyday and sentence_start:
            if offset == 0 and "-" not in token:  # Neste-kortti is no liquid
                company = next((t for t in tokens if t.lower() in self._company_forms), None) if finnish else None
                if company is None and (why := branch(tokens, lows, start, end, lows[start] == hit.low, known_words(),
                                                      marks) if finnish else lows[start] == hit.low and branch_at(
                        tokens, end, marks)):  # Power Tammisto
                    notes.append(f"'{form}' is {name}: {why}")  # Neste Lahdentie, Nesteellä Kempeleessä
                    return True
                if company is None and (why := self._spoken_to(hit, tokens, lows, start, marks)):
                    notes.append(f"'{form}' is {name}: {why}")  # Posti, miksi kirjeeni kulki viikon?
                    return True
                if company is None:
                    notes.append(f"'{form}' is not {name}: the everyday word '{token.lower()}'{self._reading(token)}"
                                 f"{word_of} at a sentence start")
                    return False
                notes.append(f"'{form}' is {name}: at a sentence start, but '{company}' speaks of a company")
                return True
        if everyday and not token[offset:offset + 1].isupper():
            notes.append(f"'{form}' is not {name}: the everyday word '{token.lower()}'{self._reading(token)}"
                         " in lower case")
            return False
        notes.append(f"'{form}' is {name}: written with its capitals" + (" inside a sentence" if everyday else ""))
        return True
