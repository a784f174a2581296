"""A brand named like a place, before the site another company has there, is the place (rules/place_sites.py): after
that company's genitive (Valmetin Porvoon tehtaalla), or before a site of a company the post names or addresses
(Rax ... Porvoon ravintola, @rax your Kerava branch); not with a context word of its own, not joined by a word of
listing to the other company (Valmetin ja Porvoon tehtaat), not for a brand whose excludes set no place beside it.

The brands here are none of the development set's, so nothing is tuned to them.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import brands_found, sentiment_engine

BRANDS = (
    BrandSpec("Porvoon", aliases=("Porvoon Paahtimo",), context=("kahvi*", "paahtimo*", "coffee"), needs_context=True,
              exclude=("Porvoon kaupunki", "Porvoon keskusta")),  # a roaster named like the town's genitive
    BrandSpec("Kerava", context=("leipä*", "leivä*", "bread"), exclude=("Keravan asema", "Kerava station")),
    BrandSpec("Savonia", context=("sähkö*", "electricity")),  # a place's name, but its excludes set no place noun
    BrandSpec("Rax", handles={"*": ("rax_fi",)}),
    BrandSpec("Valmet"),
    BrandSpec("Saana", context=("takki*", "jacket*", "gear"), exclude=("Saanan huippu", "Saana fell")),  # a fell's name
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return sentiment_engine(BRANDS)


@pytest.mark.parametrize("text, lang, brands", [
    ("Valmetin Porvoon tehtaalla taas yt-neuvottelut", "fi", {"Valmet"}),  # the company's genitive before it
    ("Rax miksi Porvoon ravintola ei vastaa puhelimeen?", "fi", {"Rax"}),  # a site of a company the post names
    ("Raxin Keravan ravintolassa oli taas jono", "fi", {"Rax"}),
    ("@rax_fi hi, your Kerava branch was closed at 8 although the site says 10", "en", {"Rax"}),  # addressed
    ("Rax opened a new restaurant next to the Kerava store of Valmet", "en", {"Rax", "Valmet"}),
])
def test_the_place_of_another_companys_site(engine: Engine, text: str, lang: str, brands: set[str]) -> None:
    assert brands_found(engine, text, lang) == brands, engine.evaluate(text, lang=lang).notes


@pytest.mark.parametrize("text, lang, brand", [
    ("Valmetin ja Keravan tehtaat työllistävät satoja", "fi", "Kerava"),  # listed with the other: its own
    ("Raxin vieressä on Porvoon paahtimo, kahvi on parasta", "fi", "Porvoon"),  # a context word of its own
    ("Kerava store had the rye bread again, Rax next door", "en", "Kerava"),  # its own context word
    ("Rax ja Savonian konttori samassa talossa, sähkö halpaa", "fi", "Savonia"),  # no place in its excludes
])
def test_the_brands_own_site_stays(engine: Engine, text: str, lang: str, brand: str) -> None:
    assert brand in brands_found(engine, text, lang), engine.evaluate(text, lang=lang).notes


def test_explain_says_why(engine: Engine) -> None:
    notes = engine.evaluate("Valmetin Porvoon tehtaalla taas yt-neuvottelut", lang="fi").notes
    assert "'Porvoon' is not Porvoon: 'Valmetin' before it: that company's site in a place" in notes


@pytest.mark.parametrize("text, brand", [
    ("Hiked to Saana last summer, the view over Kilpisjärvi was wild", False),  # a verb of travel before it
    ("We climbed to the top of Saana before the rain, great jacket weather", False),  # a part of a fell, 'of'
    ("The summit of Saana was windy, my old gear held up", False),
    ("Saana top quality gear, my jacket held up in the storm", True),  # not a part of a fell after it
    ("Saana jacket kept me dry the whole hike", True),  # its own context word
])
def test_a_fell_one_hikes_to_is_a_place(engine: Engine, text: str, brand: bool) -> None:
    assert ("Saana" in brands_found(engine, text, "en")) is brand, engine.evaluate(text, lang="en").notes
