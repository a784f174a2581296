"""A short name's own cases configured as aliases (Varella for Väre) are no names to misspell, and a short name's
typo (a letter doubled) that is a word of its own (tien varressa: varsi's) is no mention."""

from __future__ import annotations

import pytest

from kuulo.bot.packloader import builtin_known_words
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec, MatchOptions

BRANDS = (BrandSpec("Väre", aliases=("Vare", "Varella", "Vareelle", "Väreellä"), context=("sähkö*", "lasku*")),
          BrandSpec("Alepa"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [], {}, MatchOptions(fuzzy=True), words=builtin_known_words())


@pytest.mark.parametrize("text", [
    "karhu on nähty taas Puolangan tien varressa, pitäkää koirat kytkettynä",
    "Kotipizza kävelykadun varrella on ihan ok",
    "Vaellan paljon ja akunkesto on tärkein",
])
def test_an_everyday_word_near_a_short_names_forms_is_no_mention(engine: Engine, text: str) -> None:
    assert not engine.evaluate(text).brands


@pytest.mark.parametrize("text", [
    "Väreellä sähkö halpaa tammikuussa",
    "Varella sähkösopimus halvin mitä löysin",
    "Alepassa jono taas",  # a long name's forms still match
    "Allepassa jono taas",  # and a short name's doubled letter that is no word still counts (Alepa: 5 letters)
])
def test_the_name_and_its_aliases_still_match(engine: Engine, text: str) -> None:
    assert engine.evaluate(text).brands
