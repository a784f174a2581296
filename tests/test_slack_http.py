"""HTTP mode under abuse: oversized or unsized bodies refused before they are read, replayed signed requests
acted on once."""

from __future__ import annotations

import socket
import time
from typing import Any, Iterator

import pytest

from slack_sdk import WebClient

from kuulo.bot.delivery import deliver_pending
from kuulo.handlers.slack.app import SlackDesk, SlackSecrets, build_app, build_desk
from kuulo.handlers.slack.http_guard import MAX_BODY_BYTES, ReplayGuard
from kuulo.handlers.slack.outbound import SlackHandler
from kuulo.storage.db import open_db
from tests.fakes.bolt_http import post, serve_bolt
from tests.fakes.slack_api import HOLD_LIMIT_S, FakeSlack, Hold
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.processes import wait_for
from tests.slack_support import AINO, MIKKO, SECRET, Env, click, command, ephemerals, make_env


@pytest.fixture
def http_desk(fake: FakeSlack, tmp_path: Any, clock: Any) -> Iterator[SlackDesk]:
    env = make_env(fake, tmp_path, clock)
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets(fake.bot_token, signing_secret=SECRET),
                     client=env.client, host="127.0.0.1", port=0)
    desk.start()
    try:
        yield desk
    finally:
        desk.stop()


def raw_request(desk: SlackDesk, headers: str, body: bytes = b"") -> str:
    """Send a request by hand (a Content-Length that lies, chunks) and return the status line."""
    with socket.create_connection(("127.0.0.1", desk.port), timeout=3) as conn:
        conn.sendall(f"POST /slack/events HTTP/1.1\r\nHost: kuulo\r\n{headers}\r\n".encode("ascii") + body)
        return conn.recv(4096).decode("latin-1").split("\r\n", 1)[0]


@pytest.mark.parametrize("headers, body, status", [
    (f"Content-Length: {200 * 2**20}\r\nContent-Type: application/x-www-form-urlencoded\r\n", b"", "413"),
    (f"Content-Length: {MAX_BODY_BYTES + 1}\r\n", b"x" * 1000, "413"),
    ("Transfer-Encoding: chunked\r\n", b"400\r\n" + b"x" * 1024 + b"\r\n", "411"),
    ("", b"", "411"),
    ("Content-Length: -5\r\n", b"", "400"),
    (f"Content-Length: {'9' * 5000}\r\n", b"", "413"),  # past the digits Python's int() takes: no 500
    (f"Content-Length: {'0' * 5000}5\r\n", b"x=1&y", "401"),  # many digits, a small number
    ("Content-Length: 5\r\n", b"x=1&y", "401"),  # a small body is read, then its missing signature refused
], ids=["200MB-announced", "over-by-one", "chunked", "no-length", "negative", "5000-digits", "zeros-then-5",
        "small-unsigned"])
def test_bodies_over_the_limit_are_refused_before_they_are_read(http_desk: SlackDesk, headers: str, body: bytes,
                                                                 status: str) -> None:
    started = time.monotonic()
    assert raw_request(http_desk, headers, body).split(" ")[1] == status
    assert time.monotonic() - started < 2  # answered from the headers: nobody waited for 200 MB that never came


def test_a_body_of_exactly_the_limit_is_still_read(http_desk: SlackDesk) -> None:
    body = b"x" * MAX_BODY_BYTES
    assert post(http_desk.url, body, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 401


def test_a_replayed_signed_request_is_acted_on_once(env: Env) -> None:
    body = slash_command_body("/kuulo", "queue", AINO, "C0ALERTS1")
    now = int(time.time())
    headers = signed_headers(body, SECRET, now)
    with serve_bolt(env.app) as url:
        assert post(url, body, headers)[0] == 200
        assert post(url, body, headers)[0] == 200  # the replay: acknowledged, nothing done
        assert post(url, body, headers)[0] == 200
        assert len(ephemerals(env.fake, AINO)) == 1
        assert post(url, body, signed_headers(body, SECRET, now - 1))[0] == 200  # a new signature: a new request
        assert post(url, body, signed_headers(body, "wrong", now - 2))[0] == 401
    assert len(ephemerals(env.fake, AINO)) == 2


def test_a_request_replayed_to_a_restarted_app_is_not_acted_on_again(env: Env) -> None:
    body = slash_command_body("/kuulo", "queue", AINO, "C0ALERTS1")
    now = int(time.time())
    headers = signed_headers(body, SECRET, now)
    with serve_bolt(env.app) as url:
        assert post(url, body, headers)[0] == 200
    restarted = build_app(env.cfg, env.services, client=env.client, signing_secret=SECRET,
                          desk=build_desk(env.cfg, env.services, env.client), process_before_response=True)
    with serve_bolt(restarted) as url:  # a new process's memory: the database remembers the signature
        assert post(url, body, headers)[0] == 200
        assert len(ephemerals(env.fake, AINO)) == 1
        fresh = signed_headers(body, SECRET, now - 1)  # not int(time.time()) - 1: a second later, that is `now` again
        assert post(url, body, fresh)[0] == 200
    assert len(ephemerals(env.fake, AINO)) == 2


def test_replay_memory_forgets_expired_signatures_and_stays_bounded() -> None:
    clock = [1_000_000.0]
    guard = ReplayGuard(window_s=300, capacity=3, now=lambda: clock[0])
    assert [guard.first_time(f"v0={n}", "1000000") for n in range(3)] == [True, True, True]
    assert guard.first_time("v0=0", "1000000") is False
    assert guard.first_time("v0=new", "1000000") is None  # full of live signatures: refuse rather than forget one
    clock[0] += 361  # the window and the minute of slack are over: Bolt would refuse those signatures anyway
    assert guard.first_time("v0=new", "1000361") is True
    assert guard.first_time("v0=0", "1000000") is True and len(guard._seen) == 2


GARBAGE = {  # bodies Bolt raised on while parsing them, before it checked their signature
    "payload-not-json": b"payload=notjson",
    "json-broken": b"{not json",
    "deep-nesting": b"payload=" + b"%5B" * 200_000,
    "non-utf8": b"payload=\xff\xfe",
    "json-list": b"[1,2]",
    "json-team-number": b'{"team": 5, "type": "block_actions"}',
}


@pytest.mark.parametrize("body", GARBAGE.values(), ids=GARBAGE.keys())
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_garbage_is_refused_without_a_traceback(http_desk: SlackDesk, capfd: pytest.CaptureFixture[str],
                                                caplog: pytest.LogCaptureFixture, body: bytes, signed: bool) -> None:
    kind = "application/json" if body[:1] in b"{[" else "application/x-www-form-urlencoded"
    headers = signed_headers(body, SECRET, int(time.time()), kind) if signed else {"Content-Type": kind}
    if signed and body.startswith(b"payload=\xff"):
        expected = 401  # no UTF-8: Slack never signs such a body
    else:
        expected = 400 if signed else 401
    assert post(http_desk.url, body, headers)[0] == expected
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("timestamp", ["abc", "1e3", "", "-5", "+123", "9" * 40])
def test_a_timestamp_that_is_no_number_is_refused(http_desk: SlackDesk, caplog: pytest.LogCaptureFixture,
                                                  timestamp: str) -> None:
    body = slash_command_body("/kuulo", "queue", AINO, "C0ALERTS1")
    headers = {**signed_headers(body, SECRET, int(time.time())), "X-Slack-Request-Timestamp": timestamp}
    assert post(http_desk.url, body, headers)[0] == 401
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.fixture
def held_claim(fake: FakeSlack, tmp_path: Any, clock: Any) -> Iterator[tuple[Env, SlackDesk, Hold]]:
    """A desk served as `kuulo run` serves it (listeners after the ack) whose listener, after Aino's claim, is inside
    the alert's chat.update, which the fake holds until the test opens it."""
    env = make_env(fake, tmp_path, clock)
    client = WebClient(token=fake.bot_token, base_url=fake.base_url, retry_handlers=[], timeout=HOLD_LIMIT_S)
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets(fake.bot_token, signing_secret=SECRET),
                     client=client, host="127.0.0.1", port=0)
    desk.start()
    case_id = env.ingest("1")
    desk.flush()
    held = fake.hold("chat.update")
    try:
        assert click(desk.url, env, "kuulo.claim", str(case_id), AINO, case_id) == 200
        assert held.reached.wait(HOLD_LIMIT_S)  # the listener is sending the alert's update now
        yield env, desk, held
        held.open()
        channel, ts = env.alert_ref(case_id)
        assert wait_for(lambda: "claimed by <@U0AINO001>" in str(fake.message(channel, ts)["blocks"]))
        assert len(fake.calls_to("chat.update")) == 1
    finally:
        held.open()
        desk.stop()


def test_a_request_is_answered_while_another_requests_chat_call_is_pending(held_claim) -> None:
    env, desk, held = held_claim
    status, _ = command(desk.url, "queue", MIKKO)  # its signature recorded, its queue read: the lock is free
    assert status == 200
    assert wait_for(lambda: ephemerals(env.fake, MIKKO))
    assert not held.opened.is_set()  # all while the claim's chat.update was held
    assert "claimed · <@U0AINO001>" in ephemerals(env.fake, MIKKO)[0]


def test_a_flush_that_found_another_running_is_done_by_that_one(held_claim) -> None:
    """The running flush listed its rows before this one's: it looks again when its round ends, so the new alert
    goes at once, not at the scheduler's next round (review of s61)."""
    env, desk, held = held_claim
    second = env.ingest("2", "Miksi OP:n kortti ei toimi?")
    assert desk.desk.flush(wait=False) == 0  # the claim's listener is sending
    held.open()
    assert wait_for(lambda: any(r["case_id"] == second and r["kind"] == "alert" and r["state"] == "sent"
                                for r in env.outbox()))


def test_a_message_being_sent_is_not_sent_again_by_another_deliverer(held_claim, tmp_path: Any) -> None:
    env, desk, held = held_claim
    other = open_db(str(tmp_path / "kuulo.db"))  # another process's worker, on the same database
    try:
        assert deliver_pending(other, SlackHandler(desk.client, env.cfg, env.clock), env.clock) == 0
    finally:
        other.conn.close()
    assert deliver_pending(env.services.db, desk.handler, env.clock) == 0  # `kuulo run`'s scheduler, beside it
    assert len(env.fake.calls_to("chat.update")) == 1
