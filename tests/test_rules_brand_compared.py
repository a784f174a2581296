"""A doubtful name weighed against a company the post names with 'than' or 'kuin' (spoken 'ku') in one sentence is a
company too (rules/brand_compared.py): after the comparison word, the company before it (halvempi ku tuuli, cheaper
than sky), or starting the sentence, the company right after the word (Sky had it ... cheaper than Elenia).

The brands here are none of the development set's, so nothing is tuned to them.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import brands_found, sentiment_engine

BRANDS = (BrandSpec("Tuuli"), BrandSpec("Sky"), BrandSpec("Gasum"), BrandSpec("Elenia"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return sentiment_engine(BRANDS)


@pytest.mark.parametrize("text, lang, brands", [
    ("Gasum on meillä halvempi ku tuuli näin talvella", "fi", {"Gasum", "Tuuli"}),
    ("Gasumin sopimus tuli halvemmaksi kuin tuuli viime vuonna", "fi", {"Gasum", "Tuuli"}),
    ("Elenia charged us less than sky for the same broadband", "en", {"Elenia", "Sky"}),
    ("Sky had the fibre deal 10 euros cheaper than Elenia this month", "en", {"Elenia", "Sky"}),  # the subject
])
def test_weighed_against_a_company(engine: Engine, text: str, lang: str, brands: set[str]) -> None:
    assert brands_found(engine, text, lang) == brands, engine.evaluate(text, lang=lang).notes


@pytest.mark.parametrize("text, lang", [
    ("tuuli oli kovempi kuin koskaan ja Gasum lupasi alennusta", "fi"),  # weighed against no company
    ("Gasum nosti hintoja. Kuin tuuli ohi meni kesä", "fi"),  # the company in another sentence
    ("Tuuli on taas kovempi kuin eilen, Gasum ei liity tähän", "fi"),  # the word after 'kuin' is no company
    ("the sky here is bluer than anywhere, says Elenia's ad", "en"),  # after 'the': the word
])
def test_no_comparison_with_a_company(engine: Engine, text: str, lang: str) -> None:
    assert not {"Tuuli", "Sky"} & brands_found(engine, text, lang), engine.evaluate(text, lang=lang).notes


def test_explain_says_why(engine: Engine) -> None:
    notes = engine.evaluate("Gasum on meillä halvempi ku tuuli näin talvella", lang="fi").notes
    assert "'tuuli' is Tuuli: weighed against 'Gasum', a company the post names" in notes
