"""Misspelt names among the words no brand form matched (Primsa, Fortmu's, Motnetilta): the closest name by fuzzy
matching, of the whole word or of its stem before an ending, remembered per word; refused for a name that is also a
word written in lower case, a measure's unit, a word of its own, a place, an everyday word or an exclude phrase.

BrandMatcher (rules/match.py) asks these of the words its lexicon marked with `may_be_misspelt`.
"""

from __future__ import annotations

from itertools import filterfalse
from typing import Container, Sequence

from kuulo.rules.analysed import AnalysedForms
from kuulo.rules.brand_forms import BrandForms, BrandHit
from kuulo.rules.brand_results import Found
from kuulo.rules.fuzzy import BEST_MEMO
from kuulo.rules.lexicon import Lexicon
from kuulo.rules.measures import NUMBER
from kuulo.rules.normalise import TAG_CHARS, ClauseMarks
from kuulo.rules.place_names import place_named
from kuulo.rules.specs import BrandSpec, MatchOptions

_UNSEEN = object()


class MisspeltNames(BrandForms):
    """BrandForms with the guesses at misspelt names, asked by BrandMatcher."""

    def __init__(self, brands: Sequence[BrandSpec], options: MatchOptions, lexicon: Lexicon,
                 analysed: AnalysedForms | None = None, words: Container[str] = frozenset()) -> None:
        super().__init__(brands, options, lexicon, analysed, words)
        # word -> the misspelt name it may be, or None: a memo (the tables are fixed) of _misspelt's two fuzzy lookups,
        # since the words that start like a name are mostly everyday ones and recur (korjaa, toimiiko, tomorrow)
        self._guesses: dict[str, tuple[BrandHit, float] | None] = {}
        self._fuzzy_keys = self._fuzzy.keys if self._fuzzy is not None else {}  # its property, read once

    def may_be_misspelt(self, low: str) -> bool:
        """True when a lower-case word begins as a name long enough for fuzzy matching may, typos and all."""
        return len(low) >= self._min_stem and (low[:2] in self._fuzzy_2 or low[:2] in self._stem_2)

    def _none_misspelt(self, lows: list[str], marked: Sequence[int]) -> bool:
        """True when every marked word is one remembered as no misspelt name (as good as none)."""
        guessed = self._guesses.get
        for i in marked:
            if guessed(lows[i], _UNSEEN) is not None:
                return False
        return True

    def _misspelt(self, tokens: list[str], lows: list[str], matched: Container[int], marked: Sequence[int] | None,
                  tagged: bool, marks: ClauseMarks, finnish: bool, notes: list[str]) -> list[Found]:
        """The words no form `matched` that are a misspelt name (Primsa, Fortmu's); why not the others, in notes."""
        everyday_words, exclude = self._everyday, self._exclude
        found: list[Found] = []
        best_of, stem_2, keys, keys_2 = self._fuzzy.best, self._stem_2, self._fuzzy_keys, self._fuzzy_2
        # most words start as no name does: two set probes in one comprehension, no loop of our own
        shortest = self._min_stem  # a shorter word is never a misspelling (nor a stem and an ending)
        if marked is None:
            candidates = [i for i, low in enumerate(lows) if len(low) >= shortest and i not in matched and (
                low[:2] in keys_2 or low[:2] in stem_2) and tokens[i][0] not in TAG_CHARS]
        elif tagged:
            candidates = [i for i in marked if i not in matched and tokens[i][0] not in TAG_CHARS]
        else:  # no @ or # in the text: no token is a tag, and the words not matched are found in C
            candidates = [*filterfalse(matched.__contains__, marked)]
        guesses = self._guesses
        for i in candidates:
            low = lows[i]
            if "'" in low:  # Fortmu's, Primsa'n: the name before an apostrophe
                low = low.split("'", 1)[0]
            best = guesses.get(low, _UNSEEN)
            if best is _UNSEEN:
                best = best_of(low) if (low[:2], len(low)) in keys and len(low) >= self._min_stem else None
                if best is None and low[:2] in stem_2:
                    best = self._stem_match(low)
                if len(guesses) < BEST_MEMO:
                    guesses[low] = best
            if best is None:
                continue  # most: an everyday word that only starts like a name
            if best[0].caps is not None and not tokens[i][:1].isupper():
                notes.append(f"'{tokens[i]}' is not {self._names[best[0].brand]}: a misspelling of a name that is"
                             " also a word counts only with its capital")  # veikauksen: a guess, misspelt
                continue
            if i and NUMBER.fullmatch(tokens[i - 1]) and i - 1 not in marks:
                notes.append(f"'{tokens[i]}' is not {self._names[best[0].brand]}: after '{tokens[i - 1]}' it is a"
                             " measure")  # 800 lumenia: a unit near a name, not a misspelling of it
                continue
            if low in self._words:
                notes.append(f"'{tokens[i]}' is not {self._names[best[0].brand]}: '{low}' is a word of its own, "
                             "no misspelling")  # Milloin (when) is not Millog misspelt
                continue
            if place := place_named(tokens[i], finnish):
                notes.append(f"'{tokens[i]}' is not {self._names[best[0].brand]}: the place {place.title()}, no "
                             "misspelling")  # Forumista (the centre) is not Fortum misspelt
                continue
            if low not in everyday_words and not (
                    exclude[best[0].brand] and self._excluded(best[0].brand, lows, i, i + 1, marks=marks)):
                found.append((i, i + 1, best[0].brand, best[0].term, tokens[i], "fuzzy", round(best[1], 1)))
        return found
