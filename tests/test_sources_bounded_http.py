"""The requests session of the SDK-based sources: a deadline for each whole request and a cap on the answer's size."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import pytest
import requests

from kuulo.bot.errors import TransportError
from kuulo.bot.sources import bounded_http
from kuulo.bot.sources.bounded_http import AnswerTooLarge, AnswerTooSlow, BoundedSession

BODY = b'{"ok": true}'


@contextmanager
def server(mode: str, *, every_s: float = 0.05, size: int = 0) -> Iterator[str]:
    """A local HTTP/1.1 server whose every answer is `mode`: 'ok' (BODY), 'drip' (BODY a byte every every_s),
    'drip-headers' (the status line and headers a byte at a time too) or 'big' (size bytes of JSON)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                while not stop.is_set() and conn.recv(65536):
                    body = b"[" + b"0," * ((size - 3) // 2) + b"0]" if mode == "big" else BODY
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
                    if mode == "drip-headers":
                        drip(conn, head + body)
                    elif mode == "drip":
                        conn.sendall(head)
                        drip(conn, body)
                    else:
                        conn.sendall(head + body)
            except OSError:  # the client shut the connection: what the deadline does
                pass

    def drip(conn: socket.socket, data: bytes) -> None:
        for byte in data:
            if stop.is_set():
                return
            conn.sendall(bytes([byte]))
            time.sleep(every_s)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def test_a_plain_answer_is_read_whole_and_the_connection_is_kept():
    with server("ok") as url, BoundedSession(deadline_s=5) as session:
        assert [session.get(f"{url}/a", timeout=5).json() for _ in range(3)] == [{"ok": True}] * 3
        manager = session.get_adapter(url).poolmanager
        pools = [manager.pools[key] for key in manager.pools.keys()]
        assert [(type(p).__name__, p.num_connections) for p in pools] == [("_WatchedHTTPPool", 1)]  # one kept-alive
        # connection served all three, each under its own deadline


@pytest.mark.parametrize("mode", ["drip", "drip-headers"])
def test_an_answer_that_drips_is_given_up_at_the_deadline_for_the_whole_request(mode):
    with server(mode, every_s=0.2) as url, BoundedSession(deadline_s=1.0) as session:
        started = time.monotonic()
        with pytest.raises(AnswerTooSlow, match=r"^the answer took more than 1 s in all; given up"):
            session.get(f"{url}/slow", timeout=5)  # each byte far quicker than the read timeout
        assert 1.0 <= time.monotonic() - started < 2.5


def test_an_answer_over_the_limit_is_refused_without_reading_it_all():
    with server("big", size=200_000) as url, BoundedSession(deadline_s=5, limit=100_000) as session:
        with pytest.raises(AnswerTooLarge, match=r"^the answer is larger than 100000 bytes; not read$"):
            session.get(f"{url}/big", timeout=5)
        assert len(session.get(f"{url}/big", timeout=5, stream=True).raw.read(10)) == 10  # stream=True: the caller's


def test_the_deadline_is_over_when_the_request_is():
    with server("ok") as url, BoundedSession(deadline_s=0.5) as session:
        session.get(f"{url}/a", timeout=5)
        time.sleep(0.8)  # past the first request's deadline: its timer was cancelled and shuts nothing now
        assert session.get(f"{url}/b", timeout=5).json() == {"ok": True}


def mastodon(url: str, clock):
    from kuulo.bot.sources.mastodon import MastodonSource

    return MastodonSource("masto", url, "token", clock=clock, hashtags=["nordea"], notifications=False)


def bluesky(url: str, clock):
    from kuulo.bot.sources.bluesky import BlueskySource

    return BlueskySource("bsky", url, "kuulo.bsky.social", "app-password", clock=clock, hashtags=["nordea"])


@pytest.mark.parametrize("make", [mastodon, bluesky])
def test_a_server_that_drips_fails_the_poll_at_the_deadline(clock, monkeypatch, make):
    monkeypatch.setattr(bounded_http, "ANSWER_DEADLINE_S", 1.0)
    with server("drip", every_s=0.2) as url:
        source = make(url, clock)
        started = time.monotonic()
        with pytest.raises(TransportError, match=r"the answer took more than 1 s in all; given up"):
            source.poll(None)
        assert time.monotonic() - started < 2.5


def test_an_instagram_answer_over_the_limit_fails_the_call_and_says_so(clock, monkeypatch):
    from kuulo.bot.sources.instagram_graph import GraphClient

    monkeypatch.setattr(bounded_http, "MAX_ANSWER_BYTES", 50_000)
    with server("big", size=60_000) as url:
        with pytest.raises(TransportError, match=r"^instagram ig: the answer is larger than 50000 bytes; not read$"):
            GraphClient("ig", "token", clock=clock, base_url=url).request("GET", "me")


def test_requests_exceptions_stay_what_the_sdks_catch():
    assert issubclass(AnswerTooSlow, requests.exceptions.Timeout)
    assert issubclass(AnswerTooLarge, requests.exceptions.RequestException)


def test_a_bluesky_answer_over_the_limit_fails_the_poll_and_says_so(clock, monkeypatch):
    monkeypatch.setattr(bounded_http, "MAX_ANSWER_BYTES", 50_000)
    with server("big", size=60_000) as url:
        source = bluesky(url, clock)
        with pytest.raises(TransportError, match=r"the answer is larger than 50000 bytes; not read"):
            source.poll(None)
