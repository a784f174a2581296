"""A two-letter abbreviation (IS for Ilta-Sanomat, IT, US): in an English post, written without all its capitals, the
English word of its sentence, whatever the context words; with a syllable after it and neither a colon nor its
capitals, a Finnish word (isä, iski, isäni: IS and an ending), in any post; in capitals, with a colon or a bare
consonant ending (ISn, Opn), the name; the same for a hyphenated compound's later part (salama-iski; batch 42's
konsertti-ilta was Alma Media's IL). Found on batch 20's arrival, where a writer configured `IS` and every English
'is', and every Finnish father, became Sanoma.

The brands here are none of the development set's, so nothing is tuned to them.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped

BRANDS = (BrandSpec("Ilta-Sanomat", aliases=("IS",), context=("paywall", "app", "maksumuuri*", "lehti*", "juttu*")),
          BrandSpec("Itella", aliases=("IT",), context=("parcel*", "paketti*")))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("sentiment-fi"), shipped("sentiment-en")], {})


MUST_MATCH = [  # (text, lang, brand)
    ("IS paywall again, every single article", "en", "Ilta-Sanomat"),
    ("The IS app crashes every time I open it", "en", "Ilta-Sanomat"),
    ("Luin IS:n jutun eilen illalla", "fi", "Ilta-Sanomat"),
    ("IS:n maksumuuri ärsyttää", "fi", "Ilta-Sanomat"),
    ("IT lost my parcel again", "en", "Itella"),
    ("ISn maksumuuri ärsyttää", "fi", "Ilta-Sanomat"),  # a case ending without its colon, in capitals
    ("Isn juttu oli taas pelkkää klikkiä, lehti on mennyt alas", "fi", "Ilta-Sanomat"),  # a bare consonant ending
    ("the IS paywall is worse than the app", "en", "Ilta-Sanomat"),  # capitals after an article: the name
    ("Both HS and IS are behind a paywall now", "en", "Ilta-Sanomat"),
]
MUST_NOT_MATCH = [  # (text, lang)
    ("clash of clans servers down or is it my wifi?", "en"),  # lower case throughout: no missing capital
    ("the blueberry juice on finnair is the only reason i fly long haul", "en"),
    ("Is the paywall on every article now or just mine?", "en"),  # a context word does not make the verb a name
    ("It was a parcel from home, finally", "en"),
    ("is the app down for anyone else", "en"),
    ("isä osti lehden eilen kioskilta", "fi"),  # IS and a partitive ending: the father, in a lower-case post
    ("Isä luki lehteä koko aamun", "fi"),  # a capital at the sentence start and a context word: still the father
    ("myrsky iski mökille ja paketti kastui", "fi"),  # IS and -ki: the verb
    ("isäni lukee lehden aina paperisena", "fi"),
    ("The delay was the crew, which IS compensable under the rules", "en"),  # the verb stressed after a subject
    ("I checked the app twice and it IS down, paywall or not", "en"),
    ("eilen oli tosi kiva konsertti-iski kaikille lehti kiittää", "fi"),  # a compound's later part: the word too
    ("Lehden kuvaaja ehti paikalle, salama-iski puuhun ihan vieressä", "fi"),
]


@pytest.mark.parametrize("text, lang, brand", MUST_MATCH)
def test_must_match(engine: Engine, text: str, lang: str, brand: str) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert [m.brand for m in verdict.brands] == [brand], verdict.notes


@pytest.mark.parametrize("text, lang", MUST_NOT_MATCH)
def test_must_not_match(engine: Engine, text: str, lang: str) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert verdict.brands == (), verdict.notes


def test_explain_says_which_word_it_is(engine: Engine) -> None:
    verdict = engine.evaluate("Is the paywall on every article now or just mine?", lang="en")
    assert "'Is' is not Ilta-Sanomat: the English word 'Is', and IS is written in capitals" in verdict.notes
