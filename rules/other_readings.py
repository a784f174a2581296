"""A one-word brand form with no context word that names something else here: a person (Sampo Terho, Helenin
kanssa), what a word beside it says it names (the Sampo icebreaker, Orion constellation), a pet (our dog Musti), the
place of another company's site (Wärtsilän Vaasan tehtaalla), or the topic the post speaks of (DNA in biology);
and a context word found as a compound's head (takuuvuokra).

BrandMatcher (rules/match.py) asks these readings of each doubtful form before it accepts the name.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from kuulo.rules.brand_forms import BrandForms, BrandHit, CONTEXT_STEM_MIN_LETTERS, known_words
from kuulo.rules.brand_signs import (COMPOUND_HEAD_AT, COUPLES, SHORT_FIRST_PART, company_sign, full_name, kin_after,
                                     kin_before, PostNames, surname)
from kuulo.rules.english_names import language_word
from kuulo.rules.everyday import KINDS
from kuulo.rules.lexicon import Hit
from kuulo.rules.name_readings import SCORES, aged, companion, pet, referred, scorer
from kuulo.rules.names import GIVEN_NAMES
from kuulo.rules.normalise import BOUNDARY_CHARS, NO_MARKS, ClauseMarks
from kuulo.rules.place_sites import site_place
from kuulo.rules.topics import topic_name, topic_words

COINED_MIN_LETTERS = 5  # a name in capitals this long is a coined one, not an abbreviation (ICEYE; DNA, YTHS are)

TOPIC_WORDS_FOR_NAMES = 2  # a topic's words that make a name that is no word one (Prismat ja linssit fysiikan tunnilla)
# Every word a reading of a bare name looks for beside it (a first name, a kind, a score): in a post with none of them
# and no topic, only a person's name or a homonym's is read as something else (BrandMatcher asks no other's reading)
READING_WORDS = GIVEN_NAMES | KINDS | SCORES


class OtherReadings(BrandForms):
    """BrandForms with the readings that make a bare name something else, asked by BrandMatcher."""

    _place_named: list[bool]  # by brand, whether its excludes set a place noun beside it (BrandMatcher.__init__)

    def _other_reading(self, hit: BrandHit, tokens: list[str], lows: list[str], start: int, offset: int,
                       hits: Sequence[Hit], context: Mapping[int, str], topic: int | None, doubtful: bool,
                       finnish: bool, marks: ClauseMarks = NO_MARKS, names: PostNames | None = None) -> str:
        """Why a one-word form with no context word names something else here (a person, a ship, biology's DNA),
        or ""; `topic`: the key in `context` of a topic the post speaks of (see topics.py), or None."""
        token = tokens[start]
        capital = token[:1].isupper()
        if capital and (start and lows[start - 1] in GIVEN_NAMES or hit.term in self._person_terms):
            person = full_name(hit.term, tokens, lows, start, start + 1, hits, known_words(), marks, not finnish)
            if person:
                return f"a person, {person}"
        if hit.term in self._person_terms and (person := companion(tokens, lows, start, hit.term, self._firm) or (
                referred(lows, start, hit.low, self._firm))):
            return f"a person, {person}"  # Helenin kanssa käytiin Tallinnassa; Elisa was our babysitter, now she
        base = lows[start] == hit.low and surname(hit.low)  # naapurin Halonen, Työkaveri Halonen
        if capital and hit.term in self._person_terms and (lows[start] != hit.low or base) and (
                kin := kin_before(tokens, lows, start, self._family, marks, base) or surname(hit.low) and kin_after(
                    tokens, lows, start, marks, COUPLES)) and not company_sign(
                tokens, lows, start, start + 1, hits, self._everyday, self._company_forms, marks=marks, names=names):
            return f"a person, {kin}"  # siskon Helenin luona, Halosen pariskunta; not: naapurin Elisan liittymä
        if not finnish and hit.brand in self._homonyms and (why := language_word(tokens, lows, start)):
            return why  # Raute is German for a rhombus
        if capital and start and lows[start - 1] in KINDS:
            return f"'{tokens[start - 1]}' before it says what it names"
        if capital and lows[start] == hit.low and (why := scorer(tokens, lows, start)):
            return f"a person, {why}"  # Jalkapallossa Stockmann teki hattutempun
        if capital and start + 1 < len(lows) and lows[start + 1] in KINDS:
            return f"'{tokens[start + 1]}' after it says what it names"  # the Sampo icebreaker, Orion constellation
        if hit.brand in self._homonyms and pet(tokens, lows, start, start + 1, hit.term):
            return pet(tokens, lows, start, start + 1, hit.term)  # our dog Musti, Lenkillä Mustin kanssa 🐕
        if capital and (age := aged(tokens, lows, start, marks)):
            return age  # Our Elisa (7) sang the solo, Musti (our 12yo lab)
        if hit.brand in self._homonyms and self._place_named[hit.brand] and (
                site := site_place(tokens, lows, start, hit, hits, finnish, marks)):
            return site  # Wärtsilän Vaasan tehtaalla, your Tikkurila branch: where another company's site is
        if topic is None:
            return ""
        words = topic_words(lows, topic_name(topic))  # a post of a topic is rare: counted once, here
        if context[topic] == token and words < TOPIC_WORDS_FOR_NAMES:
            return ""  # a compound's head says which reading (DNA-näyte): _accepted; not the name alone (Kalevalan)
        lower = token[offset:offset + 1].islower()
        unsure = doubtful and not self._coined(token, hit.term) or lower and (
            hit.brand in self._worded or hit.brand in self._homonyms or (
                hit.term in self._short))  # kotipizza, DNA, orionin, kelan: a word or a short name
        if not unsure and not lower and (start and tokens[start - 1][0] not in BOUNDARY_CHARS or offset) and (
                words < TOPIC_WORDS_FOR_NAMES or hit.brand not in self._homonyms):
            return ""  # a capital inside a sentence says name, unless a homonym's topic is the post's (Kalevalan Pohjola)
        if not unsure and words < TOPIC_WORDS_FOR_NAMES or finnish and (
                hit.brand in self._context_heads and self._compound_context(hit.brand, tokens, lows) is not None):
            return ""
        if company_sign(tokens, lows, start, start + 1, hits, self._everyday, self._company_forms, names=names,
                        others=False):
            return ""
        return f"the post speaks of {topic_name(topic)} ('{context[topic]}'), and no context word"

    def _coined(self, token: str, term: str) -> bool:
        """True for a name written in the capitals it is configured with, more than a first one, that is no
        abbreviation's length and no word of any language (ICEYE in a post about orbits; not DNA, biology's too)."""
        return len(term) >= COINED_MIN_LETTERS and token[:len(term)] == term and (
            sum(c.isupper() for c in term) > 1 and term.lower() not in self._words)

    def _has_context(self, bi: int, tokens: list[str], lows: list[str], context: Mapping[int, str],
                     finnish: bool) -> bool:
        """Whether the post holds one of the brand's context words, or in Finnish a compound ending in one."""
        return bi in context or finnish and bi in self._context_heads and (  # #VR ... ravintolavaunu: vaunu*
            self._compound_context(bi, tokens, lows) is not None)

    def _compound_context(self, bi: int, tokens: list[str], lows: list[str]) -> str | None:
        """A word of the post whose head is one of the brand's context words (takuuvuokra: vuokra*), or None; not a
        word of its own whose letters before the head are no word (fysiikassa: fysii|kassa)."""
        joined = " ".join(lows)
        heads = [head for head in self._context_heads[bi] if head in joined]  # most posts hold none of them
        if not heads:
            return None
        words = self._words
        for i, low in enumerate(lows):
            at = len(SHORT_FIRST_PART) if low.startswith(SHORT_FIRST_PART) else COMPOUND_HEAD_AT
            if len(low) >= at + CONTEXT_STEM_MIN_LETTERS:
                for head in heads:
                    k = low.find(head, at)
                    if k > 0 and (low[:k] in words or low not in words):
                        return tokens[i]
        return None
