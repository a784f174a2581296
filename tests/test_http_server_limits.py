"""Slack's http mode and Telegram's webhook under a slow-request attack: clients who announce a body and never send
it (no secret needed) are dropped after the socket timeout, clients who drip it (or their headers) a byte at a time at
the request's deadline, at most MAX_CONNECTIONS are served at once and MAX_CONNECTIONS_PER_PEER for one address (any
127.x address is loopback: the tests' attackers come from 127.0.0.2 and .3), and the server answers real requests
afterwards, or meanwhile from another address; a client that is slow but done within the deadline is served."""

from __future__ import annotations

import json
from contextlib import contextmanager
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
from tests.slack_support import AINO, SECRET, command, ephemerals, make_env

TIMEOUT_S = 0.5
DEADLINE_S = 1.5
DRIP_S = 0.1  # well within TIMEOUT_S: a dripping peer is never silent


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The servers' socket timeout at half a second and their deadline at 1.5 s, so the test waits for them in that."""
    for handler in (_QuietHandler, webhook._Handler):
        monkeypatch.setattr(handler, "timeout", TIMEOUT_S)
        monkeypatch.setattr(handler, "request_deadline", DEADLINE_S)


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


def stall(port: int, head: bytes, count: int, source: str = "127.0.0.1") -> list[socket.socket]:
    """Connections from `source` (any 127.x address is loopback) that send a request's head and nothing more."""
    out = []
    for _ in range(count):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
        conn.sendall(head)
        out.append(conn)
    return out


@contextmanager
def dripping(conns: list[socket.socket]) -> Iterator[None]:
    """One byte every DRIP_S on each connection the server has not let go of, while the block runs."""
    stop = threading.Event()

    def drip() -> None:
        live = list(conns)
        while live and not stop.wait(DRIP_S):
            for conn in list(live):
                try:
                    conn.send(b"x")
                except OSError:  # cut (or closed by the test)
                    live.remove(conn)

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def cut_after(conns: list[socket.socket], opened: float, seconds: float) -> float | None:
    """Seconds from `opened` (the first connection's) until the server answered or closed it, None if it held any of
    them `seconds` longer."""
    if not closed_within(conns[:1], seconds):
        return None
    first = time.monotonic() - opened
    return first if closed_within(conns[1:], seconds) else None


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


def telegram_update(port: int, update_id: int, pause: float = 0.0, source: str = "127.0.0.1") -> int:
    """Post an update with the secret token as Telegram does (head and body `pause` apart); the answer's status."""
    update = json.dumps({"update_id": update_id}).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) as conn:
        conn.sendall(f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: {len(update)}"
                     "\r\n\r\n".encode())
        time.sleep(pause)
        conn.sendall(update)
        return int(conn.recv(4096).split(b" ", 2)[1])


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


def test_slack_cuts_clients_that_drip_a_body_at_the_deadline_and_answers_slack(slack_port: tuple[int, Any]) -> None:
    port, fake = slack_port
    before = serving()
    half, opened = http_server.MAX_CONNECTIONS // 2, time.monotonic()  # two addresses: together, every slot
    endless_head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Pad: "  # a header line that never ends
    conns = stall(port, SLACK_HEAD, half, "127.0.0.2") + stall(port, endless_head, half, "127.0.0.3")
    with dripping(conns):
        assert wait_for(lambda: serving() - before >= http_server.MAX_CONNECTIONS, timeout=DEADLINE_S / 2)
        cut = cut_after(conns, opened, DEADLINE_S + 5)
        assert cut is not None and cut >= DEADLINE_S  # never silent: it is the deadline that cut them
        assert wait_for(lambda: serving() <= before)
        assert command(f"http://127.0.0.1:{port}/slack/events", "queue", AINO)[0] == 200
    assert wait_for(lambda: len(ephemerals(fake, AINO)) == 1)


def test_a_body_still_dripping_at_the_deadline_gets_408(slack_port: tuple[int, Any], telegram_port) -> None:
    tg_head = f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: 5000\r\n\r\n".encode()
    conns = stall(slack_port[0], SLACK_HEAD, 1) + stall(telegram_port[0], tg_head, 1)
    with dripping(conns):  # until 0.3 s before the deadline, then quiet: no byte arrives after the server's answer
        time.sleep(DEADLINE_S - 0.3)
    for conn in conns:
        with conn:
            conn.settimeout(5)
            assert conn.recv(4096).startswith(b"HTTP/1.0 408")


def test_the_telegram_webhook_cuts_clients_that_drip_at_the_deadline_and_takes_updates(telegram_port) -> None:
    port, updates = telegram_port
    before = serving()
    body_head = f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: 5000\r\n\r\n".encode()
    endless_head = b"POST /hook HTTP/1.1\r\nHost: x\r\nX-Pad: "  # a header line that never ends
    half, opened = http_server.MAX_CONNECTIONS // 2, time.monotonic()
    conns = stall(port, body_head, half, "127.0.0.2") + stall(port, endless_head, half, "127.0.0.3")
    with dripping(conns):
        assert wait_for(lambda: serving() - before >= http_server.MAX_CONNECTIONS, timeout=DEADLINE_S / 2)
        cut = cut_after(conns, opened, DEADLINE_S + 5)
        assert cut is not None and cut >= DEADLINE_S
        assert wait_for(lambda: serving() <= before)
        assert telegram_update(port, 7) == 200
    assert updates == [{"update_id": 7}]


def test_one_address_cannot_take_every_slot(slack_port: tuple[int, Any], telegram_port,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for handler in (_QuietHandler, webhook._Handler):  # the deadline out of the way: the cap alone keeps slots free
        monkeypatch.setattr(handler, "request_deadline", 60.0)
    (port, fake), (tg_port, updates) = slack_port, telegram_port
    before = serving()
    body_head = f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: 5000\r\n\r\n".encode()
    slack_conns = stall(port, SLACK_HEAD, http_server.MAX_CONNECTIONS, "127.0.0.2")
    tg_conns = stall(tg_port, body_head, http_server.MAX_CONNECTIONS, "127.0.0.2")
    per_peer = http_server.MAX_CONNECTIONS_PER_PEER
    try:
        with dripping(slack_conns + tg_conns):
            assert wait_for(lambda: serving() - before >= 2 * per_peer)
            assert closed_within(slack_conns[per_peer:] + tg_conns[per_peer:], 2)  # the rest at once, unanswered
            assert command(f"http://127.0.0.1:{port}/slack/events", "queue", AINO)[0] == 200
            assert telegram_update(tg_port, 8, pause=TIMEOUT_S / 2) == 200  # slow, and from another address
            assert wait_for(lambda: serving() - before == 2 * per_peer)  # the drippers are still being served
    finally:
        for conn in slack_conns[:per_peer] + tg_conns[:per_peer]:
            conn.close()
    assert wait_for(lambda: len(ephemerals(fake, AINO)) == 1)
    assert wait_for(lambda: serving() <= before)
    assert telegram_update(tg_port, 9, source="127.0.0.2") == 200  # its address got its slots back
    assert updates == [{"update_id": 8}, {"update_id": 9}]


def test_a_slow_client_done_within_the_deadline_is_served(slack_port: tuple[int, Any]) -> None:
    port, fake = slack_port
    body = slash_command_body("/kuulo", "queue", AINO, "C0ALERTS1")
    head = "".join(f"{k}: {v}\r\n" for k, v in signed_headers(body, SECRET, int(time.time())).items())
    request = (f"POST /slack/events HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode() + body
    cuts = [len(request) * k // 4 for k in range(5)]
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        for k in range(4):  # four pieces, three gaps of TIMEOUT_S * 0.6: never silent, done in 0.9 s of the 1.5
            if k:
                time.sleep(TIMEOUT_S * 0.6)
            conn.sendall(request[cuts[k]:cuts[k + 1]])
        assert conn.recv(4096).startswith(b"HTTP/1.0 200")
    assert DEADLINE_S / 2 < time.monotonic() - started
    assert wait_for(lambda: len(ephemerals(fake, AINO)) == 1)



@pytest.mark.parametrize("length, status", [("9" * 5000, b"413"), ("-5", b"400"), ("abc", b"400"), ("", b"411")])
def test_the_telegram_webhook_answers_a_bad_length_as_slack_does(telegram_port, length: str, status: bytes) -> None:
    """Thousands of digits (past what Python's int() takes) are too large; a length that is no number is a bad
    request, as on Slack's server (it was 411, 'needs a Content-Length'); none at all is 411."""
    port, updates = telegram_port
    header = f"Content-Length: {length}\r\n" if length else ""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\n{header}\r\n".encode())
        assert conn.recv(4096).split(b" ", 2)[1] == status
    assert updates == []


@pytest.mark.parametrize("body", [b"[" * 50_000 + b"]" * 50_000, b"\xff\xfe not UTF-8", b"{not json"],
                         ids=["nested 50,000 deep", "not UTF-8", "not JSON"])
def test_the_telegram_webhook_answers_a_body_that_is_no_update_with_400_and_goes_on(telegram_port, body: bytes) -> None:
    port, updates = telegram_port
    for sent in (body, b'{"update_id": 1}'):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(f"POST /hook HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: s3cret\r\nContent-Length: {len(sent)}\r\n"
                         "\r\n".encode() + sent)
            assert conn.recv(4096).split(b" ", 2)[1] == (b"400" if sent is body else b"200")
    assert updates == [{"update_id": 1}]
