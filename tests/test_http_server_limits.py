"""Slack's http mode and Telegram's webhook under a slow-request attack: clients who announce a body and never send
it (no secret needed) are dropped after the socket timeout, at most MAX_CONNECTIONS are served at once, and the
server answers real requests afterwards."""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any, Iterator

import pytest

from kuulo.handlers import http_server
from kuulo.handlers.slack.app import SlackDesk, SlackSecrets, _QuietHandler
from kuulo.handlers.telegram import webhook
from kuulo.handlers.telegram.webhook import SECRET_HEADER, WebhookServer
from tests.fakes.bolt_http import post
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import signed_headers, slash_command_body
from tests.processes import wait_for
from tests.slack_support import AINO, SECRET, ephemerals, make_env

TIMEOUT_S = 0.5


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The servers' socket timeout at half a second, so the test waits for it in that."""
    monkeypatch.setattr(_QuietHandler, "timeout", TIMEOUT_S)
    monkeypatch.setattr(webhook._Handler, "timeout", TIMEOUT_S)


@pytest.fixture
def slack_port(fake: FakeSlack, tmp_path: Any, clock: Any, quick: None) -> Iterator[tuple[int, Any]]:
    env = make_env(fake, tmp_path, clock)
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets(fake.bot_token, signing_secret=SECRET),
                     client=env.client, host="127.0.0.1", port=0)
    desk.start()
    try:
        yield desk.port, fake
    finally:
        desk.stop()


@pytest.fixture
def telegram_port(quick: None) -> Iterator[tuple[int, list[dict]]]:
    updates: list[dict] = []
    server = WebhookServer("127.0.0.1", 0, "/hook", "s3cret", updates.append)
    server.start()
    try:
        yield server.port, updates
    finally:
        server.stop()


def serving() -> int:
    """The server's connection threads alive now (ThreadingMixIn names them after process_request_thread)."""
    return sum("process_request_thread" in t.name for t in threading.enumerate())


def stall(port: int, head: bytes, count: int) -> list[socket.socket]:
    """Connections that send a request's head, announce a body and send none of it."""
    out = []
    for _ in range(count):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(head)
        out.append(conn)
    return out


def closed_within(conns: list[socket.socket], seconds: float) -> bool:
    """Whether the server has answered or closed every connection within `seconds`."""
    deadline = time.monotonic() + seconds
    for conn in conns:
        conn.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            conn.recv(4096)  # an answer (408) or b"" (closed): either way the server let go
        except TimeoutError:
            return False
        except OSError:
            pass
        finally:
            conn.close()
    return True


SLACK_HEAD = (b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 1000000\r\n\r\n")


def test_slack_drops_silent_clients_and_still_answers_slack(slack_port: tuple[int, Any]) -> None:
    port, fake = slack_port
    before = serving()  # another test's server may still be winding down
    conns = stall(port, SLACK_HEAD, http_server.MAX_CONNECTIONS + 16)
    assert wait_for(lambda: serving() - before >= 8)  # being served: a thread each, but bounded
    assert serving() - before <= http_server.MAX_CONNECTIONS
    assert closed_within(conns, 10 * TIMEOUT_S + 5)
    assert wait_for(lambda: serving() <= before)
    body = slash_command_body("/kuulo", "queue", AINO, "C0ALERTS1")
    assert post(f"http://127.0.0.1:{port}/slack/events", body, signed_headers(body, SECRET, int(time.time())))[0] == 200
    assert wait_for(lambda: len(ephemerals(fake, AINO)) == 1)  # Bolt acks first, then answers


def test_the_telegram_webhook_drops_silent_clients_and_still_takes_updates(telegram_port) -> None:
    port, updates = telegram_port
    before = serving()
    head = (f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: 5000\r\n\r\n").encode()
    half_headers = b"POST /hook HTTP/1.1\r\nHost: x\r\n"  # headers never finished
    conns = stall(port, head, 40) + stall(port, half_headers, http_server.MAX_CONNECTIONS)
    assert wait_for(lambda: serving() - before >= 8)
    assert serving() - before <= http_server.MAX_CONNECTIONS
    assert closed_within(conns, 10 * TIMEOUT_S + 5)
    assert wait_for(lambda: serving() <= before)
    update = json.dumps({"update_id": 7}).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: {len(update)}"
                     "\r\n\r\n".encode() + update)
        assert conn.recv(4096).startswith(b"HTTP/1.0 200")
    assert updates == [{"update_id": 7}]
