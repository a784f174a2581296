"""Question detection and negativity, Finnish and English, including the noise that is neither."""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped


@pytest.fixture(scope="module")
def engine() -> Engine:
    packs = [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")]
    return Engine((BrandSpec("Nordea"), BrandSpec("Marimekko"), BrandSpec("Alko")), packs, {})


@pytest.mark.parametrize("text, reasons", [
    ("Se toimii?", ("question mark",)),
    ("Nordea??", ("question mark",)),
    ("Miksi verkkopankki ei toimi", ("interrogative 'miksi'",)),
    ("Miten saan uuden tunnusluvun", ("interrogative 'miten'",)),
    ("Milloin konttori aukeaa", ("interrogative 'milloin'",)),
    ("Missä lähin automaatti on", ("interrogative 'missä'",)),
    ("Paljonko kortti maksaa", ("interrogative 'paljonko'",)),
    ("Montako päivää tämä kestää", ("interrogative 'montako'",)),
    ("Toimiiko sovellus teillä", ("clitic 'toimiiko'",)),
    ("Voiko kortilla maksaa ulkomailla", ("clitic 'voiko'",)),
    ("Onko konttori auki", ("clitic 'onko'",)),
    ("Saako teiltä apua", ("clitic 'saako'",)),
    ("Pitääkö jonottaa tunti", ("clitic 'pitääkö'",)),
    ("Onkohan tämä oikein", ("clitic 'onkohan'",)),
    ("Hei Nordea, miksi sovellus kaatuu", ("interrogative 'miksi'",)),  # after a greeting and the brand
    ("@Nordea toimiiko verkkopankki", ("clitic 'toimiiko'",)),
    ("Kävin konttorissa. Miksi se oli kiinni?", ("question mark", "interrogative 'miksi'")),
    ("Why is the app down", ("interrogative 'why'",)),
    ("How do I log in", ("interrogative 'how'",)),
    ("When will it work again", ("interrogative 'when'",)),
    ("Where is my new card", ("interrogative 'where'",)),
    ("Who can help me", ("interrogative 'who'",)),
    ("What is the fee", ("interrogative 'what'",)),
    ("Which branch is open", ("interrogative 'which'",)),
    ("Can I pay with my phone", ("interrogative 'can'",)),
    ("Is the app down", ("interrogative 'is'",)),
    ("Does Nordea support Apple Pay", ("interrogative 'does'",)),
    ("Will you fix this", ("interrogative 'will'",)),
    ("Should I wait", ("interrogative 'should'",)),
])
def test_questions(engine: Engine, text: str, reasons: tuple[str, ...]) -> None:
    verdict = engine.evaluate(text)
    assert verdict.is_question
    assert verdict.question_reasons == reasons


@pytest.mark.parametrize("text", [
    "Mitä ihmettä!",
    "Mitä ihmettä Nordea?!",
    "Mikä päivä!",
    "Kuinka ihanaa!",
    "?!",
    "Nordea ???!!!",
    "???",
    "Katso https://x.example/a?b=1 tästä",
    "Marimekko on ihana",
    "Heikko suoritus taas",
    "Kirkko on kaunis",
    "Marko tuli kotiin",
    "Alko on kiinni",
    "Jako on tehty",
    "Kerro, mitä tarvitset.",
    "What a day",
    "What a day!",
    "How nice of you",
    "When I called they hung up",
    "Do not use this bank",
    "Kiitos Nordea, hyvää palvelua!",
    "",
])
def test_not_questions(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(text)
    assert not verdict.is_question, verdict.question_reasons
    assert verdict.question_reasons == ()


@pytest.mark.parametrize("text, terms", [
    ("Palvelu oli surkeaa", ("surkeaa",)),
    ("Nordean sovellus ei toimi taas", ("ei toimi",)),
    ("Tosi huono ja ärsyttävä juttu", ("huono", "ärsyttävä")),
    ("Ihan perseestä koko homma", ("perseestä",)),
    ("Inhottava kokemus", ("inhottava",)),
    ("The app is not working, terrible", ("not working", "terrible")),
    ("Worst bank ever, so frustrating", ("worst", "frustrating")),
    ("I'm fed up with this", ("fed up",)),
])
def test_negative(engine: Engine, text: str, terms: tuple[str, ...]) -> None:
    verdict = engine.evaluate(text)
    assert verdict.negative
    assert verdict.negative_terms == terms


@pytest.mark.parametrize("text", [
    "Tosi hyvä palvelu, kiitos",
    "Great service today",
    "Avasin tilin eilen",
    "Nordea avaa uuden konttorin",
])
def test_not_negative(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(text)
    assert not verdict.negative
    assert verdict.negative_terms == ()
