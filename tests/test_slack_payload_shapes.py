"""A signed interaction payload of a shape Slack would not send (a form without its state, a number for a button's
value) is answered like a stale button: HTTP 200, no traceback in the log, and the case and its ledger unchanged."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any, Callable, Iterator

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.app import build_services, default_config
from kuulo.bot.models import Mention
from kuulo.handlers.slack.app import SlackDesk, SlackSecrets
from kuulo.handlers.slack.payload import action_value, form_text, user_of
from kuulo.storage.cases import get_case
from kuulo.storage.ledger import case_events
from tests.fakes.bolt_http import post
from tests.fakes.slack_payloads import block_actions_payload, event_callback_payload, view_submission_payload
from tests.fakes.slack_signing import payload_body, signed_headers
from tests.slack_support import AINO, SECRET, slack_section


@pytest.fixture
def desk(fake: Any, tmp_path: Any, clock: Any) -> Iterator[SlackDesk]:
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), slack=slack_section(fake.base_url, "http"))
    desk = SlackDesk(cfg, build_services(cfg, clock=clock), secrets=SlackSecrets(fake.bot_token, signing_secret=SECRET),
                     host="127.0.0.1", port=0, process_before_response=True)
    desk.start()
    try:
        yield desk
    finally:
        desk.stop()


def open_case(desk: SlackDesk) -> tuple[int, str, str]:
    """A case with its alert in Slack: its id and where the alert landed."""
    services = desk.desk.services
    mention = Mention(platform="x", id="1", author="matti", text="Miksi Nordean verkkopankki ei toimi?",
                      created_at=services.clock.now() - timedelta(minutes=10))
    [case_id] = services.pipeline.ingest([mention]).opened_ids
    desk.flush()
    alert = next(r for r in services.db["outbox"].rows_where("transport = 'slack' and case_id = ?", [case_id])
                 if r["kind"] == "alert")
    channel, ts = alert["ref"].split(":", 1)
    return case_id, channel, ts


def unchanged(desk: SlackDesk, case_id: int) -> bool:
    db = desk.desk.services.db
    return get_case(db, case_id)["state"] == "open" and [e["kind"] for e in case_events(db, case_id)] == ["opened"]


def send(desk: SlackDesk, payload: dict[str, Any]) -> int:
    body = payload_body(payload)
    return post(desk.url, body, signed_headers(body, SECRET, int(time.time())))[0]


FORMS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "no state": lambda v: v.pop("state"),
    "values a list": lambda v: v.__setitem__("state", {"values": []}),
    "block a string": lambda v: v.__setitem__("state", {"values": {"kuulo_reply": "x"}}),
    "value a number": lambda v: v.__setitem__("state", {"values": {"kuulo_reply": {"text": {"value": 5}}}}),
}


@pytest.mark.parametrize("shape", FORMS)
def test_a_reply_form_of_another_shape_changes_nothing(desk: SlackDesk, shape: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    case_id, _, _ = open_case(desk)
    submission = view_submission_payload("kuulo.reply_modal", str(case_id), {"kuulo_reply": {"text": {
        "type": "plain_text_input", "value": "hei"}}}, AINO)
    FORMS[shape](submission["view"])
    with caplog.at_level(logging.INFO):
        assert send(desk, submission) == 200
    assert unchanged(desk, case_id)
    assert not [r.getMessage() for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("change", [
    lambda a: (a.pop("value"), a.__setitem__("selected_option", "1")),
    lambda a: a.__setitem__("value", 1),
    lambda a: a.__setitem__("value", {"case": 1}),
], ids=["option a string", "value a number", "value an object"])
def test_a_button_of_another_shape_changes_nothing(desk: SlackDesk, change: Callable[[dict], Any],
                                                   caplog: pytest.LogCaptureFixture) -> None:
    case_id, channel, ts = open_case(desk)
    payload = block_actions_payload("kuulo.claim", str(case_id), AINO, channel, ts, block_id="kuulo_actions")
    change(payload["actions"][0])
    with caplog.at_level(logging.INFO):
        assert send(desk, payload) == 200
    assert unchanged(desk, case_id)
    assert not [r.getMessage() for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("who", [[AINO], {"id": AINO}], ids=["a list", "an object"])
def test_a_user_id_of_another_shape_changes_nothing(desk: SlackDesk, who: Any,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    case_id, channel, ts = open_case(desk)
    click = block_actions_payload("kuulo.claim", str(case_id), AINO, channel, ts, block_id="kuulo_actions")
    click["user"]["id"] = who
    home = event_callback_payload({"type": "app_home_opened", "user": who, "channel": "D0HOME1", "tab": "home"})
    with caplog.at_level(logging.INFO):
        assert send(desk, click) == 200
        body = json.dumps(home).encode()
        assert post(desk.url, body, signed_headers(body, SECRET, int(time.time()), "application/json"))[0] == 200
    assert unchanged(desk, case_id) and desk.desk.home_viewers == {}
    assert not [r.getMessage() for r in caplog.records if r.exc_info]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["actions", "value", "selected_option", "state", "values", "b", "i", "x"]),
                        inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSON, JSON)
def test_any_payload_gives_text_or_nothing(body: Any, view: Any) -> None:
    body, view = ({"actions": body} if not isinstance(body, dict) else body), (view if isinstance(view, dict) else {})
    value = action_value(body)
    assert value is None or isinstance(value, str)
    assert isinstance(form_text(view, "b", "i"), str)


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_any_payload_gives_a_user_id_as_text_or_nothing(body: Any) -> None:
    for shape in ({"user": body}, {"user": {"id": body}}, {"user_id": body}, {"event": body}, {"event": {"user": body}}):
        found = user_of(shape)
        assert found is None or (isinstance(found, str) and found)


def test_the_shapes_slack_sends_are_read() -> None:
    assert (user_of({"user": {"id": AINO}}), user_of({"user_id": AINO}), user_of({"event": {"user": AINO}})) == (
        AINO, AINO, AINO)
    assert form_text({"state": {"values": {"b": {"i": {"value": "hei"}}}}}, "b", "i") == "hei"
    assert action_value({"actions": [{"value": "7"}]}) == "7"
    assert action_value({"actions": [{"selected_option": {"value": "7:2h"}}]}) == "7:2h"
