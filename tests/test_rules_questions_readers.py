"""Requests without a '?'. To the readers, 'if anyone has ...' asks; an offer, 'if anyone needs ...', does not, nor
does 'if anyone' after a word that wonders or scoffs ("Not sure if anyone has noticed", "as if anyone"). To the brand,
a clause opened by a request verb and closed by 'please' asks ("Sort it out please"); cheering ("Keep it up please"),
'please' inside the clause and a joke closed by a laugh do not."""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from tests.rules_support import table_engines

engine = table_engines("Posti", "Elisa")


@pytest.mark.parametrize("text, expected", [
    # having, knowing, being able: the writer asks the readers for something
    ("If anyone in Tikkurila has jump leads, my car is dead outside the Posti office", True),
    ("Elisa router died tonight. if somebody has a spare one I'd pay", True),
    ("If anybody knows a plumber in Kallio, my sink is flooding", True),
    ("Lost my scarf near the Posti locker in Malmi. If anyone has seen a green scarf, it's mine", True),
    ("The Elisa guy never came. If someone can recommend another operator, I'm listening", True),
    # needing, wanting: an offer to the readers, no question
    ("I have two Elisa routers spare if anyone needs one", False),
    ("if somebody wants my old Posti boxes they're in the stairwell", False),
    # wondering, scoffing, being surprised
    ("Not sure if anyone has noticed but Posti moved the locker", False),
    ("As if anyone could reach Elisa on a Sunday", False),
    ("I'd be surprised if anyone has read Elisa's new terms", False),
    ("Even if anyone knows the answer, Posti won't say", False),
])
def test_if_anyone(engine: Engine, text: str, expected: bool) -> None:
    verdict = engine.evaluate(text, lang="en")
    assert verdict.is_question is expected, verdict.question_reasons
    if expected:
        assert any(r.startswith("request to readers 'if ") for r in verdict.question_reasons), \
            verdict.question_reasons


@pytest.mark.parametrize("text, expected", [
    ("Elisa router keeps dropping every evening. Send a technician please", True),
    ("@Posti deliver it to the right locker this time pls 😡", True),
    ("Posti return the parcel to the sender please.", True),
    ("Elisa, call me back pls 🙏", True),
    ("Yes please, Elisa fibre at last", False),  # no request verb opens the clause
    ("Elisa support was great. Keep it up please!", False),  # cheering
    ("More Posti stamps like this please", False),
    ("Bring your own Posti box to the swap meet please 😂", False),  # a joke, closed by a laugh
])
def test_a_closing_please(engine: Engine, text: str, expected: bool) -> None:
    verdict = engine.evaluate(text, lang="en")
    assert verdict.is_question is expected, verdict.question_reasons
