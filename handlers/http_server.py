"""The HTTP servers Slack's http mode and Telegram's webhook listen with: a thread a connection, but at most
MAX_CONNECTIONS at once and MAX_CONNECTIONS_PER_PEER from one address, and handlers that drop a peer silent for
REQUEST_TIMEOUT_S or whose request (headers and body) is not in REQUEST_DEADLINE_S after its connection began, so that
clients who announce a body and never send it, or drip it a byte at a time (no secret needed), cannot hold threads
without end, nor one host all of them."""

from __future__ import annotations

import io
import logging
import socket
import sys
import threading
import time
from socketserver import StreamRequestHandler, ThreadingMixIn
from typing import Any

log = logging.getLogger(__name__)
REQUEST_TIMEOUT_S = 5.0  # Slack and Telegram send a few kB at once; Slack gives up on an answer after 3 s anyway
REQUEST_DEADLINE_S = 10.0  # for the whole request, headers and body: a byte every 3 s is never silent for 5 s
MAX_CONNECTIONS = 64  # connections served at once; more are closed unanswered (the senders retry)
MAX_CONNECTIONS_PER_PEER = 48  # from one address: Telegram opens up to 40 (setWebhook's default max_connections),
# a local TLS proxy is one address for everyone; an attacker on one host leaves the other 16 to Slack or Telegram


class _Deadline(io.RawIOBase):
    """A socket's reading side that waits at most `timeout` for each read and raises TimeoutError past `deadline`
    (a time.monotonic() value); the socket's own timeout is `timeout` again after each read (for the answer)."""

    def __init__(self, sock: socket.socket, timeout: float, deadline: float, limit_s: float):
        self._sock, self._timeout, self._deadline, self._limit_s = sock, timeout, deadline, limit_s

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Read what the peer has sent, waiting no longer than its silence timeout or the request's deadline."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the request was not complete within {self._limit_s:g} s")
        self._sock.settimeout(min(self._timeout, left))
        try:
            return self._sock.recv_into(buffer)
        except TimeoutError:
            if self._deadline - time.monotonic() <= 0:
                raise TimeoutError(f"the request was not complete within {self._limit_s:g} s") from None
            raise
        finally:
            self._sock.settimeout(self._timeout)


class DeadlineHandler(StreamRequestHandler):
    """A handler whose rfile gives up on a peer silent for `timeout` and on a request not read in full within
    `request_deadline` of the connection's start (one request a connection: both servers answer HTTP/1.0)."""

    timeout = REQUEST_TIMEOUT_S
    request_deadline = REQUEST_DEADLINE_S

    def setup(self) -> None:
        """StreamRequestHandler's setup, then its rfile replaced by one that keeps the deadline."""
        started = time.monotonic()
        super().setup()
        self.rfile.close()  # a makefile() reader: closing it leaves the socket open
        raw = _Deadline(self.connection, self.timeout, started + self.request_deadline, self.request_deadline)
        self.rfile = io.BufferedReader(raw)


class BoundedThreads(ThreadingMixIn):
    """ThreadingMixIn with at most `max_connections` handler threads, `max_per_peer` of them for one address; a failed
    request is one log line, no traceback."""

    daemon_threads = True
    max_connections = MAX_CONNECTIONS
    max_per_peer = MAX_CONNECTIONS_PER_PEER
    request_queue_size = 128  # listen()'s backlog: socketserver's 5 left a burst of connections waiting on SYN retries
    _slots: threading.BoundedSemaphore | None = None
    _peers: dict[str, int] | None = None  # connections being served, by address
    _peers_lock: threading.Lock

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, or close it at once when every slot, or every slot its
        address may have, is taken."""
        if self._slots is None:
            self._slots, self._peers = threading.BoundedSemaphore(self.max_connections), {}
            self._peers_lock = threading.Lock()  # (process_request runs in the one serving thread)
        peer = _peer(client_address)
        if not self._take_peer(peer):
            log.warning("http: %s connections open from %s, another closed unanswered", self.max_per_peer, peer)
            self.shutdown_request(request)
            return
        if not self._slots.acquire(blocking=False):
            self._give_peer(peer)
            log.warning("http: %s connections open, one from %s closed unanswered", self.max_connections, peer)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            self._give_peer(peer)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """ThreadingMixIn's thread body, giving its slots back at the end."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            assert self._slots is not None
            self._slots.release()
            self._give_peer(_peer(client_address))

    def _take_peer(self, peer: str) -> bool:
        assert self._peers is not None
        with self._peers_lock:
            held = self._peers.get(peer, 0)
            if held >= self.max_per_peer:
                return False
            self._peers[peer] = held + 1
            return True

    def _give_peer(self, peer: str) -> None:
        assert self._peers is not None
        with self._peers_lock:
            held = self._peers.pop(peer, 1) - 1
            if held > 0:
                self._peers[peer] = held

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A peer that went silent, slow or away: one line at info, not socketserver's traceback on stderr."""
        log.info("http: a request from %s ended: %s", _peer(client_address), sys.exc_info()[1] or "unknown error")


def content_length(header: str | None, limit: int) -> int | None:
    """A request's Content-Length when it is plain ASCII digits (None otherwise, or when absent); any number over
    `limit` is `limit + 1`, read without int(), which refuses strings of thousands of digits."""
    raw = (header or "").strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    digits = raw.lstrip("0") or "0"
    return limit + 1 if len(digits) > len(str(limit)) else min(int(digits), limit + 1)


def length_refusal(header: str | None, limit: int) -> tuple[int, str] | None:
    """What a request's Content-Length calls for when it is refused: (411, why) absent, (400, why) not a number,
    (413, why) over `limit`; None when the body may be read (content_length gives its size)."""
    if not (header or "").strip():
        return 411, "a body needs a Content-Length"
    length = content_length(header, limit)
    if length is None:
        return 400, "Content-Length is not a number"
    if length > limit:
        return 413, f"bodies are limited to {limit} bytes"
    return None


def _peer(client_address: Any) -> str:
    return str(client_address[0]) if client_address else "?"
