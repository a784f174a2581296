"""Names that are English words in English posts, and lower-case abbreviations that are words (is, iski)."""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.english_names import english_noun
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped

BRANDS = (
    BrandSpec("Sale", aliases=("Sale-kauppa",), context=("kauppa*", "shop*", "store*", "grocer*"), needs_context=True,
              exclude=("on sale", "for sale")),
    BrandSpec("Normal", context=("store*", "shop*", "makeup", "shampoo*")),
    BrandSpec("Sanoma", aliases=("Ilta-Sanomat", "IS", "Helsingin Sanomat")),
    BrandSpec("Sisu Auto", aliases=("Sisu",), context=("truck*", "kuorma-auto*"), needs_context=True),
    BrandSpec("Aalto-yliopisto", aliases=("Aalto",), context=("yliopisto*", "kurssi*"), needs_context=True),
    BrandSpec("KONE"),
    BrandSpec("Neste"),
    BrandSpec("Wärtsilä"),
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("sentiment-fi"), shipped("sentiment-en")], {})


def found(engine: Engine, text: str, lang: str) -> set[str]:
    return {m.brand for m in engine.evaluate(text, lang=lang).brands}


@pytest.mark.parametrize("text, brand, lang", [
    # an English word after 'a', or in its English plural, whatever the context words (shop, office)
    ("The second-hand shop near me has a sale, everything 50 % off", "Sale", "en"),
    ("YIT sales office in Tampere: nice staff but no answers", "Sale", "en"),
    ("is it just a normal department store now?", "Normal", "en"),
    # a lower-case abbreviation is no other company beside a name: 'is', 'iski' are words
    ("sisu is when you walk 3 km to the shop in a snowstorm", "Sisu Auto", "en"),
    ("Aalto iski laituriin myrskyssä ja vei venevajan oven", "Aalto-yliopisto", "fi"),
])
def test_an_english_word_or_a_word_like_abbreviation_names_no_company(engine: Engine, text: str, brand: str,
                                                                         lang: str) -> None:
    assert brand not in found(engine, text, lang)


@pytest.mark.parametrize("text, brand, lang", [
    ("is there a sale shop on the way from rovaniemi to inari?", "Sale", "en"),  # the article is the shop's
    ("The Sale in our village closes at 21", "Sale", "en"),
    ("IS kirjoitti tästä eilen", "Sanoma", "fi"),
    ("ootteko huomannu et wärtsilä:n uutiset jää aina kone:n ja nesteen varjoon", "Neste", "fi"),  # its colon: KONE
])
def test_the_company_stays_the_company(engine: Engine, text: str, brand: str, lang: str) -> None:
    assert brand in found(engine, text, lang)


@pytest.mark.parametrize("text", ["WHY IS THE APP LOGGING ME OUT EVERY 5 MINUTES",
                                  "HESBURGER WHY IS THE SPECIAL MAYO GONE FROM THE APP"])
def test_a_shouted_post_reads_a_short_abbreviation_as_the_word_it_spells(engine: Engine, text: str) -> None:
    assert "Sanoma" not in found(engine, text, "en")  # shouted, IS is the verb; its capitals say nothing
    assert "Neste" in found(engine, "NESTE WHY IS THE CAR WASH CLOSED AGAIN TODAY", "en")  # a name is still one


@pytest.mark.parametrize("text, word, noun", [
    ("lost a bolt from my bike rack", "bolt", True),  # the noun of its phrase, whatever the word lists hold
    ("my dad calls every lure a rapala", "rapala", True),  # the post's end
    ("should i buy a lidl bike for commuting", "lidl", False),  # a word before the noun: the brand's
    ("moved into a sato flat in vantaa", "sato", False),
    ("found it at a sale shop", "sale", False),  # a company's word after it: the shop's article
])
def test_a_name_after_a_is_the_english_word_only_as_its_phrases_noun(text: str, word: str, noun: bool) -> None:
    lows = text.split()
    at = lows.index(word)
    assert bool(english_noun(lows, at, word, lows[at + 1:at + 2] == ["shop"])) is noun
