"""A short name's own cases configured as aliases (Varella for Väre) are no names to misspell, and a short name's
typo (a letter doubled) that is a word of its own (tien varressa: varsi's) is no mention; a name that needs context
carries it in a compound whose head is a context word (ottoautomaatteja: automaatti*)."""

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


def test_a_compound_alias_whose_head_is_a_context_word_needs_no_other() -> None:
    otto = BrandSpec("Otto", aliases=("ottoautomaatti", "Ottoa"), context=("automaatti*", "käteinen"),
                     needs_context=True)
    engine = Engine([otto], [], {}, words=builtin_known_words())
    assert [m.brand for m in engine.evaluate("Onko ottoautomaatteja Levillä enää?").brands] == ["Otto"]
    assert not engine.evaluate("Onko Ottoa näkynyt, se lähti koulusta jo kolmelta?").brands  # the boy: no context
