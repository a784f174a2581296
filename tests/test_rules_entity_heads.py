"""A word that makes a brand's name another entity's (Foundation, Cup, Arena) does so in English only as that entity's
name is written, capitalised (the Kiilto Foundation, the Kiilto Cup); in lower case after the capitalised name it is
the brand's product (Kiilto foundation for tiles, a Kiilto cup). Finnish writes an entity's head in lower case
(Kiillon säätiö), so there the head decides as before.

The brand here is none of the development set's, so nothing is tuned to it.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine((BrandSpec("Kiilto"),), [shipped("sentiment-fi"), shipped("sentiment-en")], {})


@pytest.mark.parametrize("text, lang, brand", [
    ("bought Kiilto foundation primer for the bathroom tiles, works great", "en", True),  # a product
    ("Which Kiilto foundation is best under a floor?", "en", True),
    ("The Kiilto Foundation gave grants to three chemistry students", "en", False),  # the entity's name
    ("the kiilto foundation gave grants to students this year", "en", False),  # all lower case: the head decides
    ("Kiillon säätiö jakoi apurahoja", "fi", False),  # Finnish: the head in lower case is the entity's
])
def test_an_english_entity_head_counts_capitalised(engine: Engine, text: str, lang: str, brand: bool) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert bool(verdict.brands) is brand, verdict.notes
