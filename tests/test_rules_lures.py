"""A post that is itself spam or phishing is no complaint; a customer who quotes one, asks or warns stays a case."""

from __future__ import annotations

import pytest

from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.lures import lure
from kuulo.rules.normalise import clean, lower_tokens, tokenize
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped

PACKS = [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")]
BRANDS = (BrandSpec("Nordea"), BrandSpec("OP"), BrandSpec("S-Pankki"))


@pytest.fixture(scope="module", params=["rules", "rules+model"])
def engine(request: pytest.FixtureRequest) -> Engine:
    return Engine(BRANDS, PACKS, {}, tone_model=builtin_tone_model() if request.param == "rules+model" else None)


def why(text: str) -> str:
    cleaned = clean(text)
    return lure(text, lower_tokens(tokenize(cleaned), cleaned))


@pytest.mark.parametrize("text", [
    "Tilisi Nordeassa on lukittu. Vahvista tunnuksesi heti: https://pankki-vahvistus.example/login?session=98779",
    "Tilisi S-Pankissa on jäädytetty!! Päivitä tietosi: https://s-pankki-tuki.example/kirjaudu",
    "OP: tunnuksesi suljetaan tänään klo 23. Kirjaudu heti www.op-varmistus.example",
    "Your Nordea account has been suspended. Verify now: https://secure-login.example/verify?id=7137&lang=en",
    "Dear OP customer, your card has been blocked due to unusual activity. Confirm your details https://op.example.net/x",
    "Nordea customers!! Claim your 500€ bonus today https://bonus.example/claim?u=1&src=tw",
])
def test_a_lure_is_no_complaint(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(text, platform="x", author="spammer")
    assert verdict.brands and not verdict.negative and not verdict.needs_reply
    assert verdict.priority == "low" and verdict.categories == ()


@pytest.mark.parametrize("text, phrase", [  # the sample week's phishing, which the tone model reads as complaints
    ("Tilisi Nordeassa on lukittu. Vahvista tunnuksesi heti: https://pankki-vahvistus.example/login?session=1",
     "tilisi nordeassa on lukittu"),
    ("Your OP account has been suspended. Verify now: https://secure-login.example/verify?id=55814&lang=en",
     "your op account has been suspended"),
])
def test_explain_says_why_a_lure_is_no_complaint(text: str, phrase: str) -> None:
    engine = Engine(BRANDS, PACKS, {}, tone_model=builtin_tone_model())
    verdict = engine.evaluate(text, platform="instagram", author="spammer")
    assert not verdict.negative and not verdict.needs_reply
    assert f"'{phrase}' and a link: spam or phishing, no complaint" in verdict.notes


@pytest.mark.parametrize("text", [
    "Sain tekstiviestin: 'Tilisi Nordeassa on lukittu, vahvista tunnuksesi' https://pankki-vahvistus.example 😡",
    "Got this from 'Nordea': your account has been suspended, verify now https://secure-login.example. Scam!!",
    "Is this really from Nordea? 'Your account has been suspended. Verify now' https://secure-login.example",
    "My Nordea account has been locked for three days and nobody answers https://nordea.fi/asiakaspalvelu",
    "Tili on lukittu taas ja Nordean asiakaspalvelu ei vastaa, surkeaa https://nordea.fi",
])
def test_a_customer_quoting_a_lure_or_locked_out_is_still_a_case(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(text, platform="x", author="asiakas")
    assert verdict.needs_reply
    assert not any("spam or phishing" in note for note in verdict.notes)


def test_a_lure_needs_its_link() -> None:
    assert why("Your Nordea account has been suspended. Verify now: https://x.example/v")
    assert why("Your Nordea account has been suspended. Verify now") == ""
    assert why("Tilisi on minulle tärkeä https://x.fi") == ""  # 'tilisi' alone threatens nothing
