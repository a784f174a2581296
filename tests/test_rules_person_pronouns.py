"""A brand named like a first name, bare, with a person's pronoun after it and no company word between is a person
(name_readings.referred): she or he in English, hän in its cases in Finnish (a company is it, se or ne).

The brand here (Ella, a bakery named like a first name) is none of the development set's, so nothing is tuned to it.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine((BrandSpec("Ella", context=("leipä*", "leivo*", "bakery")),), [shipped("sentiment-fi")], {})


@pytest.mark.parametrize("text, lang, named", [
    ("Onko Ella jo kotona? en saa häneen yhteyttä", "fi", False),
    ("Ella tuli eilen käymään ja hän toi kukkia", "fi", False),
    ("Ella has been my neighbour for years, she bakes for everyone", "en", False),
    ("Ella nosti hintoja ja hinnasto on nyt kalliimpi, hän sanoi", "fi", True),  # a company's act before it
])
def test_a_persons_pronoun_after_a_first_name(engine: Engine, text: str, lang: str, named: bool) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert bool(verdict.brands) is named, verdict.notes
