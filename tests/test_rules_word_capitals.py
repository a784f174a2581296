"""A needs_context name that is an everyday Finnish word is the name when written with its capital inside a Finnish
sentence (rules/word_capitals.py): the word would be in lower case. Not at a sentence start, after a colon, after a
capitalised word (a title, a longer name), before another capitalised word, nor in English.

The brand here (Orava, a fund named like the squirrel) is none of the development set's, so nothing is tuned to it.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped


@pytest.fixture(scope="module")
def engine() -> Engine:
    brand = BrandSpec("Orava", context=("rahasto*", "sijoitu*", "fund*"), needs_context=True)
    return Engine((brand,), [shipped("sentiment-fi"), shipped("sentiment-en")], {})


@pytest.mark.parametrize("text, lang, named", [
    ("Tilasin viime viikolla Oravalta uuden jutun ja se toimii", "fi", True),
    ("Miksei kukaan myy Oravaa enää netissä?", "fi", True),
    ("Orava juoksi pihan poikki aamulla", "fi", False),  # a sentence's first word
    ("pihan poikki juoksi orava aamulla", "fi", False),  # lower case: the word
    ("Radio Oravan aamushow on hauska", "fi", False),  # after a capitalised word: a longer name
    ("Näin eilen: Orava söi käpyä pihalla", "fi", False),  # after a colon
    ("Tapasin eilen Orava Kallen pihalla", "fi", False),  # before a capitalised word: a person
    ("We saw an Orava in the park today", "en", False),  # English: no Finnish spelling to read
])
def test_a_capital_inside_a_finnish_sentence(engine: Engine, text: str, lang: str, named: bool) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert bool(verdict.brands) is named, verdict.notes


def test_explain_says_why(engine: Engine) -> None:
    notes = engine.evaluate("Tilasin viime viikolla Oravalta uuden jutun", lang="fi").notes
    assert ("'Oravalta' is Orava: 'Oravalta' with its capital inside a Finnish sentence, where the word 'orava' would "
            "be in lower case") in notes
