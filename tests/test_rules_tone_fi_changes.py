"""Finnish complaints told as a change for the worse (rules/tone_changes_fi.py): must and must-not rows for each
mechanism.

Layoffs (yt:t alkaa, irtisanoo 60 henkilöä), not a contract ended (liittymän irtisanominen); a down state again
(taas alhaalla, ei taas tullut), not a good state back (toimii taas). Every row holds for the
rules alone and with the shipped tone model, but the few the model overrules (tests/rules_support.MODEL_OVERRULES).
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from tests.rules_support import table_engine, table_engines, tone_row


engine = table_engines("Gigantti", "Motonet", "Alepa")


LAYOFFS = [
    ("Gigantilla yt:t alkaa ensi viikolla", True),
    ("Motonetin varastolla yt-neuvottelut, 80 henkeä", True),
    ("Alepallakin nyt lomautuksia", True),
    ("Gigantin irtisanomiset taas uutisissa", True),
    ("Motonet irtisanoo 60 henkilöä Vantaalla", True),
    ("Gigantti irtisanoo taas, kolmas kierros", True),
    ("Motonet aloittaa muutosneuvottelut logistiikassa", True),
    # a contract ended, a question about ending one, new jobs
    ("Miten saan Gigantin takuuhuollon irtisanottua?", False),
    ("Alepan kanta-asiakkuuden irtisanominen onnistui netissä", False),
    ("Motonet irtisanoo sopimuksen automaattisesti vuoden päästä", False),
    ("Gigantti avaa Ouluun, 40 uutta työpaikkaa", False),
]


@pytest.mark.parametrize("text, negative", LAYOFFS)
def test_layoffs_are_bad_news(request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


AGAIN = [
    ("Gigantin verkkokauppa taas alhaalla", True),
    ("Motonet peruu kurssin taas", True),
    ("Alepa nostaa taas kassimaksua", True),
    ("Gigantin sovelluksesta poistui taas kuittihistoria", True),
    ("Alepan lähetti ei taas tullut", True),
    ("Motonetin paketti taas hukassa", True),
    # a good state back, a rise of a share, "taas" alone
    ("Gigantin verkkokauppa toimii taas", False),
    ("Alepa on taas auki sunnuntaisin", False),
    ("Motonetin osake nousi taas", False),
    ("Gigantilla taas uusi mainos", False),
]


@pytest.mark.parametrize("text, negative", AGAIN)
def test_a_down_state_again_complains(request: pytest.FixtureRequest, engine: Engine, text: str,
                                      negative: bool) -> None:
    tone_row(request, engine, text, negative)


def test_the_change_is_the_reason_shown() -> None:
    rules = table_engine("rules", "Motonet")
    assert rules.evaluate("Motonet irtisanoo 60 henkilöä").negative_terms == ("irtisanoo … henkilöä",)
    assert rules.evaluate("Motonetilla yt:t").negative_terms == ("yt:t",)
    assert rules.evaluate("Motonet taas alhaalla").negative_terms == ("taas … alhaalla",)
    assert rules.evaluate("Motonet ei taas vastaa").negative_terms[0] == "ei taas"


def test_the_tables_run_on_the_rules_alone_and_with_the_model(request: pytest.FixtureRequest, engine: Engine) -> None:
    # rules_support.table_engines: every table module's two runs, the second with the shipped tone model
    assert (engine.tone_model is not None) is (request.node.callspec.params["engine"] == "rules+model")
    assert engine.evaluate("Gigantilla yt:t alkaa").brands[0].brand == "Gigantti"
