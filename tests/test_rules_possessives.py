"""A doubtful name in the English possessive owns what follows it, so it is a name (rules/possessives.py): a name that
is a Finnish word or an English grammar word by 's alone, an English content word only before a capitalised name of
what it owns; not 'is' (power's out), slang's person (OP's question), a thing someone owns (our tuuli's), a person.

The brands here are none of the development set's, so nothing is tuned to them.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped

BRANDS = (
    BrandSpec("Tuuli", context=("sähkö*", "electricity", "tariff*"), needs_context=True),  # wind: a Finnish word
    BrandSpec("Sky", context=("tv", "broadband")),  # an English content word
    BrandSpec("Up", context=("pankki*", "bank*"), needs_context=True),  # an English grammar word
    BrandSpec("OP", context=("pankki*", "bank*")),  # slang: the original poster
    BrandSpec("Helen", context=("sähkö*", "electricity")),  # a first name
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("sentiment-en")], {})


def found(engine: Engine, text: str) -> list[str]:
    return [m.brand for m in engine.evaluate(text, lang="en").brands]


@pytest.mark.parametrize("text, brand", [
    ("tuuli's new winter deal is a joke", "Tuuli"),  # a Finnish word: 's is enough, in lower case too
    ("Tuuli's hotline kept me waiting for an hour", "Tuuli"),  # at a sentence start
    ("Up's roadside assistance came in 25 minutes", "Up"),  # a grammar word has no possessive
    ("Sky's Winter Sale ends today and nothing is cheaper", "Sky"),  # a capitalised name of what it owns
])
def test_a_possessive_owns_what_follows(engine: Engine, text: str, brand: str) -> None:
    assert found(engine, text) == [brand], engine.evaluate(text, lang="en").notes


@pytest.mark.parametrize("text", [
    "sky's clear tonight, every star out",  # an English word before a lower-case word: the sky is
    "Sky's out of reach for our budget",  # 'out' after it: is
    "tuuli's been strong all week by the lake",  # 'been' after it: has
    "our tuuli's direction changed in the night",  # a word someone owns: a thing
    "OP's question was answered in the sidebar",  # slang: the original poster's
    "Heading to Helen's wedding in Cornwall",  # a person's
    "I like tuuli's",  # nothing after it to own
])
def test_no_owner_there(engine: Engine, text: str) -> None:
    assert found(engine, text) == [], engine.evaluate(text, lang="en").notes


def test_explain_says_why(engine: Engine) -> None:
    assert "'Up's' is Up: the English possessive before 'roadside', a name that owns it" in engine.evaluate(
        "Up's roadside assistance came in 25 minutes", lang="en").notes


def test_a_finnish_post_reads_no_english_possessive(engine: Engine) -> None:
    assert not engine.evaluate("tuuli's kova tänään rannalla", lang="fi").brands
