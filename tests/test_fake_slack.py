"""The Slack fakes, exercised through the real slack_sdk WebClient and the real Bolt App."""

from __future__ import annotations

import json
import re
import socket
import time
from contextlib import contextmanager
from http.client import RemoteDisconnected
from typing import Any, Iterator
from urllib.error import URLError

import pytest
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    FixedValueRetryIntervalCalculator,
    RateLimitErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier

from tests.fakes.bolt_http import post, serve_bolt
from tests.fakes.guard import NetworkBlocked
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_payloads import block_actions_payload, slash_command_fields
from tests.fakes.slack_signing import (
    block_actions_body,
    sign,
    signed_headers,
    slash_command_body,
    view_submission_body,
)
from tests.fakes.slack_socket import FakeSocketMode

TS = re.compile(r"^\d{10}\.\d{6}$")
SECRET = "kuulo-signing-secret"
ALERTS = "C0ALERTS1"
ALERT_BLOCKS = [
    {"type": "section", "block_id": "mention", "text": {"type": "mrkdwn", "text": "*@asiakas*: kortti ei toimi?"}},
    {
        "type": "actions",
        "block_id": "case_actions",
        "elements": [
            {"type": "button", "action_id": "claim", "value": "case-1", "text": {"type": "plain_text", "text": "Claim"}}
        ],
    },
]


def client_for(slack: FakeSlack, **options: Any) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.base_url, **options)


# --- Web API: happy paths ---------------------------------------------------------------


def test_post_message_answers_in_slacks_shape_and_records_the_request(fake_slack: FakeSlack) -> None:
    response = client_for(fake_slack).chat_postMessage(channel=ALERTS, text="New mention", blocks=ALERT_BLOCKS)

    assert response["ok"] is True
    assert response["channel"] == ALERTS
    assert TS.match(response["ts"])
    assert response["message"]["blocks"] == ALERT_BLOCKS
    assert response["message"]["bot_id"] == "B0KUULO01"
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.headers["authorization"] == f"Bearer {fake_slack.bot_token}"
    assert call.headers["content-type"].startswith("application/json")  # slack_sdk sends chat.* as JSON
    assert call.params["blocks"] == ALERT_BLOCKS
    assert fake_slack.message(ALERTS, response["ts"])["text"] == "New mention"


def test_ts_values_are_unique_and_increasing(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    stamps = [client.chat_postMessage(channel=ALERTS, text=str(i))["ts"] for i in range(3)]

    assert stamps == sorted(stamps, key=float)
    assert len(set(stamps)) == 3
    assert stamps[0] == "1700000000.000100"


def test_form_encoded_blocks_are_decoded_too(fake_slack: FakeSlack) -> None:
    client_for(fake_slack).api_call(
        "chat.postMessage", params={"channel": ALERTS, "text": "x", "blocks": json.dumps(ALERT_BLOCKS)}
    )

    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert call.params["blocks"] == ALERT_BLOCKS


def test_update_changes_the_modelled_message(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    ts = client.chat_postMessage(channel=ALERTS, text="open", blocks=ALERT_BLOCKS)["ts"]
    claimed = [{"type": "section", "text": {"type": "mrkdwn", "text": "Claimed by <@U0AINO001>"}}]

    response = client.chat_update(channel=ALERTS, ts=ts, text="claimed", blocks=claimed)

    assert (response["ts"], response["text"]) == (ts, "claimed")
    current = fake_slack.message(ALERTS, ts)
    assert current["blocks"] == claimed
    assert current["text"] == "claimed"
    assert "edited" in current
    with pytest.raises(SlackApiError) as missing:
        client.chat_update(channel=ALERTS, ts="1600000000.000001", text="x")
    assert missing.value.response["error"] == "message_not_found"


def test_thread_replies_hang_under_their_parent(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    parent = client.chat_postMessage(channel=ALERTS, text="alert")["ts"]
    first = client.chat_postMessage(channel=ALERTS, text="claimed by aino", thread_ts=parent)
    client.chat_postMessage(channel=ALERTS, text="answered", thread_ts=parent)

    assert first["message"]["thread_ts"] == parent
    thread = fake_slack.thread(ALERTS, parent)
    assert [m["text"] for m in thread] == ["alert", "claimed by aino", "answered"]
    assert thread[0]["reply_count"] == 2
    permalink = client.chat_getPermalink(channel=ALERTS, message_ts=first["ts"])["permalink"]
    assert permalink.endswith(f"?thread_ts={parent}&cid={ALERTS}")


def test_ephemeral_views_and_directory(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)

    ephemeral = client.chat_postEphemeral(channel=ALERTS, user="U0AINO001", text="Only you can see this")
    modal = {"type": "modal", "callback_id": "reply_edit", "title": {"type": "plain_text", "text": "Reply"},
             "blocks": []}
    view_id = client.views_open(trigger_id="123.456.abc", view=modal)["view"]["id"]
    updated = client.views_update(view_id=view_id, view={**modal, "blocks": ALERT_BLOCKS})
    home = client.views_publish(user_id="U0MIKKO01", view={"type": "home", "blocks": []})

    assert TS.match(ephemeral["message_ts"])
    assert updated["view"]["id"] == view_id
    assert updated["view"]["blocks"] == ALERT_BLOCKS
    assert home["view"]["type"] == "home"
    assert client.users_info(user="U0AINO001")["user"]["name"] == "aino"
    assert client.usergroups_users_list(usergroup="S0CMTEAM1")["users"] == ["U0AINO001", "U0MIKKO01"]
    assert client.conversations_info(channel=ALERTS)["channel"]["name"] == "kuulo-alerts"
    with pytest.raises(SlackApiError) as unknown:
        client.usergroups_users_list(usergroup="S0NOPE")
    assert unknown.value.response["error"] == "no_such_subteam"


def test_directory_is_configurable() -> None:
    with FakeSlack(users={"U1": "liisa"}, usergroups={"S1": ["U1"]}) as slack:
        client = client_for(slack)
        assert client.users_info(user="U1")["user"]["name"] == "liisa"
        assert client.usergroups_users_list(usergroup="S1")["users"] == ["U1"]
        with pytest.raises(SlackApiError) as e:
            client.users_info(user="U0AINO001")
        assert e.value.response["error"] == "user_not_found"


def test_files_upload_v2_runs_the_three_step_flow(fake_slack: FakeSlack) -> None:
    response = client_for(fake_slack).files_upload_v2(
        channel=ALERTS, content="platform,count\nx,3\n", filename="report.csv", title="Weekly", initial_comment="Report"
    )

    assert response["file"]["title"] == "Weekly"
    methods = [c.method for c in fake_slack.calls]
    assert methods == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    upload = fake_slack.calls_to("upload")[0]
    assert "authorization" not in upload.headers  # slack_sdk posts the bytes to the upload URL without a token
    assert fake_slack.file(response["file"]["id"]).content == b"platform,count\nx,3\n"
    [shared] = fake_slack.messages(ALERTS)
    assert shared["text"] == "Report"
    assert shared["files"][0]["name"] == "report.csv"


# --- Web API: errors as Slack sends them ------------------------------------------------


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(label: str, value: str = "1", action_id: str = "a") -> dict[str, Any]:
    return {"type": "actions", "elements": [{"type": "button", "action_id": action_id, "value": value,
                                             "text": {"type": "plain_text", "text": label}}]}


def _select(label: str, value: str) -> dict[str, Any]:
    return {"type": "actions", "elements": [{"type": "static_select", "action_id": "s", "placeholder": {
        "type": "plain_text", "text": "Pick"}, "options": [{"text": {"type": "plain_text", "text": label},
                                                             "value": value}]}]}


@pytest.mark.parametrize("blocks, error", [
    ([_section("x" * 3000)], None),
    ([_section("x" * 3001)], "invalid_blocks"),
    ([_section("")], "invalid_blocks"),
    ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}], "invalid_blocks"),
    ([{"type": "header", "text": {"type": "mrkdwn", "text": "*x*"}}], "invalid_blocks"),
    ([_button("x" * 75)], None),
    ([_button("x" * 76)], "invalid_blocks"),
    ([_button("ok", value="x" * 2001)], "invalid_blocks"),
    ([_button("ok", action_id="x" * 256)], "invalid_blocks"),
    ([_select("x" * 76, "1")], "invalid_blocks"),
    ([_select("ok", "x" * 151)], "invalid_blocks"),
    ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}], "invalid_blocks"),
    ([{"type": "divider"}] * 51, "invalid_blocks"),
    ([_section("x" * 3000)] * 4 + [_section("x")], "msg_blocks_too_long"),
])
def test_block_kit_limits_are_enforced_like_slack(fake_slack: FakeSlack, blocks: list, error: str | None) -> None:
    client = client_for(fake_slack)
    if error is None:
        assert client.chat_postMessage(channel=ALERTS, text="t", blocks=blocks)["ok"]
        return
    for call in (lambda: client.chat_postMessage(channel=ALERTS, text="t", blocks=blocks),
                 lambda: client.chat_postEphemeral(channel=ALERTS, user="U0AINO001", text="t", blocks=blocks)):
        with pytest.raises(SlackApiError) as refused:
            call()
        assert refused.value.response["error"] == error
    assert fake_slack.messages(ALERTS) == []


def test_invalid_blocks_names_the_place_and_chat_update_is_checked_too(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    ts = client.chat_postMessage(channel=ALERTS, text="t", blocks=[_section("ok")])["ts"]
    with pytest.raises(SlackApiError) as refused:
        client.chat_update(channel=ALERTS, ts=ts, text="t", blocks=[_section("ok"), _section("x" * 3001)])
    assert refused.value.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]"]
    assert fake_slack.message(ALERTS, ts)["blocks"] == [_section("ok")]
    with pytest.raises(SlackApiError) as too_long:
        client.chat_postMessage(channel=ALERTS, text="x" * 40_001)
    assert too_long.value.response["error"] == "msg_too_long"


@pytest.mark.parametrize("view", [
    {"type": "modal", "title": {"type": "plain_text", "text": "x" * 25}, "blocks": []},
    {"type": "modal", "title": {"type": "plain_text", "text": "ok"}, "private_metadata": "x" * 3001, "blocks": []},
    {"type": "modal", "title": {"type": "plain_text", "text": "ok"}, "blocks": [{"type": "input", "label": {
        "type": "plain_text", "text": "x" * 2001}, "element": {"type": "plain_text_input", "action_id": "t"}}]},
    {"type": "home", "blocks": [{"type": "divider"}] * 101},
])
def test_views_over_the_limits_are_invalid_arguments(fake_slack: FakeSlack, view: dict[str, Any]) -> None:
    client = client_for(fake_slack)
    with pytest.raises(SlackApiError) as refused:
        if view["type"] == "home":
            client.views_publish(user_id="U0MIKKO01", view=view)
        else:
            client.views_open(trigger_id="1.2.x", view=view)
    assert refused.value.response["error"] == "invalid_arguments"
    assert client.views_publish(user_id="U0MIKKO01", view={"type": "home", "blocks": [{"type": "divider"}] * 100})


def test_channel_not_found_and_not_in_channel() -> None:
    with FakeSlack(channels={ALERTS: "kuulo-alerts", "C0QUIET1": "quiet"}, not_in_channel=["C0QUIET1"]) as slack:
        client = client_for(slack)
        with pytest.raises(SlackApiError) as unknown:
            client.chat_postMessage(channel="C0ELSEWHERE", text="x")
        with pytest.raises(SlackApiError) as outside:
            client.chat_postMessage(channel="C0QUIET1", text="x")

    assert unknown.value.response.status_code == 200  # Slack reports API errors with HTTP 200
    assert unknown.value.response["error"] == "channel_not_found"
    assert outside.value.response["error"] == "not_in_channel"


def test_default_channel_rule_accepts_conversation_ids_only(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    for channel in ("C0ANY", "G0PRIVATE", "D0DIRECT"):
        assert client.chat_postMessage(channel=channel, text="x")["ok"]
    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel="#general", text="x")
    assert e.value.response["error"] == "channel_not_found"


def test_auth_errors(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as unknown:
        WebClient(token="xoxb-revoked", base_url=fake_slack.base_url).auth_test()
    with pytest.raises(SlackApiError) as missing:
        WebClient(base_url=fake_slack.base_url).auth_test()
    with pytest.raises(SlackApiError) as wrong_type:
        WebClient(token=fake_slack.app_token, base_url=fake_slack.base_url).chat_postMessage(channel=ALERTS, text="x")

    assert unknown.value.response["error"] == "invalid_auth"
    assert missing.value.response["error"] == "not_authed"  # Slack's code when no token is sent at all
    assert wrong_type.value.response["error"] == "not_allowed_token_type"


def test_unknown_method(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as e:
        client_for(fake_slack).api_call("kuulo.nonsense")
    assert e.value.response["error"] == "unknown_method"


def test_ratelimited_is_http_429_with_retry_after_and_not_retried_by_default(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    # slack_sdk's default retry handlers: connection errors only; RateLimitErrorRetryHandler is opt-in.
    assert [type(h) for h in client.retry_handlers] == [ConnectionErrorRetryHandler]
    fake_slack.fail_next("chat.postMessage", kind="ratelimited", retry_after=7)

    with pytest.raises(SlackApiError) as e:
        client.chat_postMessage(channel=ALERTS, text="x")

    assert e.value.response.status_code == 429
    assert e.value.response.headers["Retry-After"] == "7"
    assert e.value.response["error"] == "ratelimited"
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert client.chat_postMessage(channel=ALERTS, text="x")["ok"]  # n=1: the next call goes through


def test_rate_limit_retry_handler_when_opted_in(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    fake_slack.fail_next("chat.postMessage", kind="ratelimited", retry_after=0)

    assert client.chat_postMessage(channel=ALERTS, text="x")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_5xx_and_scripted_api_errors(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack)
    fake_slack.fail_next("chat.update", kind="5xx")
    fake_slack.fail_next("*", n=2, kind="error:channel_not_found")

    with pytest.raises(SlackApiError) as unavailable:
        client.chat_update(channel=ALERTS, ts="1700000000.000100", text="x")
    errors = []
    for _ in range(3):
        try:
            client.auth_test()
            errors.append(None)
        except SlackApiError as e:
            errors.append(e.response["error"])

    assert unavailable.value.response.status_code == 503
    assert errors == ["channel_not_found", "channel_not_found", None]


def test_fail_next_names_the_known_kinds(fake_slack: FakeSlack) -> None:
    with pytest.raises(ValueError, match=r"fail_next: unknown kind 'timeout'; expected one of ratelimited, 5xx"):
        fake_slack.fail_next("chat.postMessage", kind="timeout")


def test_down_refuses_connections_until_up(fake_slack: FakeSlack) -> None:
    client = client_for(fake_slack, retry_handlers=[])
    fake_slack.down()

    # urllib wraps the refused connect: urllib.error.URLError(reason=ConnectionRefusedError).
    # With the default handlers slack_sdk retries it once (ConnectionErrorRetryHandler), then raises the same.
    with pytest.raises(URLError) as e:
        client.auth_test()
    assert isinstance(e.value.reason, ConnectionRefusedError)

    fake_slack.up()
    assert client.auth_test()["ok"]


def test_dropped_connection_raises_remote_disconnected(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next("chat.postMessage", kind="disconnect")
    # http.client.RemoteDisconnected (a ConnectionResetError), not wrapped in URLError.
    with pytest.raises(RemoteDisconnected):
        client_for(fake_slack, retry_handlers=[]).chat_postMessage(channel=ALERTS, text="x")

    # slack_sdk's default ConnectionErrorRetryHandler retries it once (here without its backoff sleep).
    fake_slack.fail_next("chat.postMessage", kind="disconnect")
    no_wait = ConnectionErrorRetryHandler(interval_calculator=FixedValueRetryIntervalCalculator(0.0))
    assert client_for(fake_slack, retry_handlers=[no_wait]).chat_postMessage(channel=ALERTS, text="x")["ok"]
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_delay_makes_the_client_time_out(fake_slack: FakeSlack) -> None:
    fake_slack.delay(1.0, method="chat.postMessage")
    started = time.monotonic()
    # The read times out inside http.client: a bare TimeoutError (socket.timeout), not a URLError.
    with pytest.raises(TimeoutError):
        client_for(fake_slack, timeout=0.2).chat_postMessage(channel=ALERTS, text="x")
    assert time.monotonic() - started < 0.9

    fake_slack.delay(0, method="chat.postMessage")
    assert client_for(fake_slack, timeout=0.5).chat_postMessage(channel=ALERTS, text="x")["ok"]


# --- Signing and Bolt's HTTP mode -------------------------------------------------------


def test_sign_matches_slack_sdks_verifier() -> None:
    body = block_actions_body("claim", "case-1", "U0AINO001", ALERTS, "1700000000.000100")
    now = int(time.time())
    headers = sign(body, SECRET, now)

    assert SignatureVerifier(SECRET).is_valid_request(body, headers)
    assert not SignatureVerifier("another-secret").is_valid_request(body, headers)


def bolt_app(slack: FakeSlack) -> App:
    # process_before_response: the listener finishes before the HTTP answer, so tests need not poll.
    app = App(
        signing_secret=SECRET,
        client=client_for(slack),
        request_verification_enabled=True,
        process_before_response=True,
    )

    @app.action("claim")
    def claim(ack: Any, body: dict[str, Any], client: WebClient) -> None:
        ack()
        channel, ts = body["container"]["channel_id"], body["container"]["message_ts"]
        client.chat_update(channel=channel, ts=ts, text=f"claimed by {body['user']['id']}")

    @app.view("reply_edit")
    def reply(ack: Any, view: dict[str, Any]) -> None:
        ack(response_action="errors", errors={"reply": view["state"]["values"]["reply"]["text"]["value"]})

    @app.command("/kuulo")
    def command(ack: Any, command: dict[str, str]) -> None:
        ack(f"{command['text']} from {command['user_name']}")

    @app.event("app_mention")
    def mentioned(event: dict[str, Any], say: Any) -> None:
        say(text=f"heard {event['text']}", thread_ts=event["ts"])

    return app


def test_bolt_accepts_a_correctly_signed_block_action(fake_slack: FakeSlack) -> None:
    ts = client_for(fake_slack).chat_postMessage(channel=ALERTS, text="open", blocks=ALERT_BLOCKS)["ts"]
    body = block_actions_body("claim", "case-1", "U0AINO001", ALERTS, ts, message=fake_slack.message(ALERTS, ts))

    with serve_bolt(bolt_app(fake_slack)) as url:
        status, _ = post(url, body, signed_headers(body, SECRET, int(time.time())))

    assert status == 200
    assert fake_slack.message(ALERTS, ts)["text"] == "claimed by U0AINO001"


def test_bolt_rejects_a_wrong_or_stale_signature_with_401(fake_slack: FakeSlack) -> None:
    ts = client_for(fake_slack).chat_postMessage(channel=ALERTS, text="open")["ts"]
    body = block_actions_body("claim", "case-1", "U0AINO001", ALERTS, ts)

    with serve_bolt(bolt_app(fake_slack)) as url:
        wrong, _ = post(url, body, signed_headers(body, "not-the-secret", int(time.time())))
        stale, _ = post(url, body, signed_headers(body, SECRET, int(time.time()) - 6 * 60))
        tampered, _ = post(url, body.replace(b"case-1", b"case-2"), signed_headers(body, SECRET, int(time.time())))

    assert (wrong, stale, tampered) == (401, 401, 401)
    assert fake_slack.calls_to("chat.update") == []


def test_bolt_understands_view_submission_and_slash_command_bodies(fake_slack: FakeSlack) -> None:
    submission = view_submission_body(
        "reply_edit", "case-1", {"reply": {"text": {"type": "plain_text_input", "value": "Kiitos!"}}}, "U0AINO001"
    )
    command = slash_command_body("/kuulo", "stats", "U0MIKKO01", ALERTS)

    with serve_bolt(bolt_app(fake_slack)) as url:
        now = int(time.time())
        view_status, view_answer = post(url, submission, signed_headers(submission, SECRET, now))
        command_status, command_answer = post(url, command, signed_headers(command, SECRET, now))

    assert view_status == 200
    assert json.loads(view_answer) == {"response_action": "errors", "errors": {"reply": "Kiitos!"}}
    assert (command_status, command_answer.decode()) == (200, "stats from mikko")


# --- Socket Mode ------------------------------------------------------------------------


@contextmanager
def socket_mode_app(slack: FakeSlack) -> Iterator[tuple[FakeSocketMode, SocketModeHandler]]:
    app = bolt_app(slack)
    with FakeSocketMode(slack) as socket_mode:
        handler = SocketModeHandler(app, app_token=slack.app_token, web_client=WebClient(base_url=slack.base_url))
        handler.connect()
        try:
            socket_mode.wait_connected()
            yield socket_mode, handler
        finally:
            handler.close()


def test_socket_mode_delivers_interactive_envelopes_and_survives_a_disconnect(fake_slack: FakeSlack) -> None:
    ts = client_for(fake_slack).chat_postMessage(channel=ALERTS, text="open", blocks=ALERT_BLOCKS)["ts"]

    with socket_mode_app(fake_slack) as (socket_mode, _):
        envelope_id = socket_mode.send_interactive(block_actions_payload("claim", "case-1", "U0AINO001", ALERTS, ts))
        ack = socket_mode.wait_ack(envelope_id)
        socket_mode.send_disconnect()  # the client fetches a new URL and reconnects, as with real Slack
        socket_mode.wait_connected(sessions=2)
        again = socket_mode.send_interactive(block_actions_payload("claim", "case-1", "U0MIKKO01", ALERTS, ts))
        socket_mode.wait_ack(again)

    assert ack.payload is None  # a bare ack() sends {"envelope_id": ...} only
    opened = fake_slack.calls_to("apps.connections.open")
    assert [call.token for call in opened] == [fake_slack.app_token] * 2
    assert socket_mode.urls_issued[0].startswith(f"ws://127.0.0.1:{socket_mode.port}/link/?ticket=")
    assert fake_slack.message(ALERTS, ts)["text"] == "claimed by U0MIKKO01"


def test_socket_mode_slash_command_and_event_envelopes(fake_slack: FakeSlack) -> None:
    mention = {"type": "app_mention", "user": "U0AINO001", "text": "<@U0KUULOBOT> status", "channel": ALERTS}
    mention["ts"] = mention["event_ts"] = client_for(fake_slack).chat_postMessage(channel=ALERTS, text="x")["ts"]

    with socket_mode_app(fake_slack) as (socket_mode, _):
        command_id = socket_mode.send_slash_command(slash_command_fields("/kuulo", "stats", "U0MIKKO01", ALERTS))
        command_ack = socket_mode.wait_ack(command_id)
        event_ack = socket_mode.wait_ack(socket_mode.send_event(mention))
        with pytest.raises(TimeoutError, match="no ack for envelope nope within 0.1s"):
            socket_mode.wait_ack("nope", timeout=0.1)
        deadline = time.monotonic() + 2  # Bolt acks events before it runs the listener
        while len(fake_slack.thread(ALERTS, mention["ts"])) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)

    assert command_ack.payload == {"text": "stats from mikko"}  # ack(text) travels back in the ack
    assert event_ack.payload is None
    assert fake_slack.thread(ALERTS, mention["ts"])[1]["text"] == "heard <@U0KUULOBOT> status"


def test_apps_connections_open_needs_an_app_token_and_a_socket_server(fake_slack: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as bot_token:
        client_for(fake_slack).apps_connections_open(app_token=fake_slack.bot_token)
    with pytest.raises(SlackApiError) as no_server:
        client_for(fake_slack).apps_connections_open(app_token=fake_slack.app_token)

    assert bot_token.value.response["error"] == "not_allowed_token_type"
    assert no_server.value.response["error"] == "fake_socket_mode_not_started"


# --- The no-network guard ---------------------------------------------------------------


def test_guard_blocks_non_loopback_addresses(no_network: list[str]) -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 443), timeout=0.1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as raw:
        with pytest.raises(NetworkBlocked):
            raw.connect_ex(("10.0.0.1", 80))
        with pytest.raises(NetworkBlocked):
            raw.connect(("203.0.113.9", 80))
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("slack.com", 443)
    with pytest.raises(NetworkBlocked):
        WebClient(token="xoxb-x", retry_handlers=[]).auth_test()  # the real default base_url

    assert len(no_network) == 5
    no_network.clear()  # the attempts were this test's point; do not fail it at teardown


def test_guard_lets_loopback_and_unix_sockets_through(fake_slack: FakeSlack, tmp_path: Any) -> None:
    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection((host, fake_slack.port), timeout=1):
            pass
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen(1)
        client.connect(path)
