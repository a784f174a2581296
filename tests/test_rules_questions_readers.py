"""A request to the readers put as 'if anyone has ...' asks without a '?'; an offer put as 'if anyone needs ...' does
not, nor does 'if anyone' after a word that wonders or scoffs ("Not sure if anyone has noticed", "as if anyone")."""

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
