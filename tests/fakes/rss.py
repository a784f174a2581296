"""FakeFeeds: a local HTTP server that serves RSS/Atom files the way a web server does.

    with FakeFeeds() as feeds:
        feeds.publish("/news.xml", "news.xml")          # a file from tests/data/rss/
        url = feeds.url("/news.xml")

Wire facts it follows (RFC 9110): every 200 carries ``ETag`` (a quoted hash of the body) and
``Last-Modified`` (an HTTP date); a request whose ``If-None-Match`` matches the ETag, or (without
If-None-Match) whose ``If-Modified-Since`` is not older than Last-Modified, gets ``304 Not Modified``
with no body. Scripted trouble: ``fail_next(path, n, status=500|429|503, retry_after=...)``, and ``drip(path,
every_s)``: a server that answers one byte at a time (the body, or with ``headers=True`` the whole answer), each
byte quicker than a read timeout, until the client hangs up.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest

from tests.fakes.local_server import FakeHandler, LocalServer

DATA = Path(__file__).resolve().parents[1] / "data" / "rss"
CONTENT_TYPES = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}


@dataclass(frozen=True, slots=True)
class Request:
    """One request the fake received."""

    path: str
    headers: Mapping[str, str]
    status: int


@dataclass(slots=True)
class _Doc:
    body: bytes
    content_type: str
    modified_ts: int

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class _Handler(FakeHandler):
    protocol_version = "HTTP/1.0"  # as a plain web server: one request a connection


class FakeFeeds(LocalServer):
    """Feed files on 127.0.0.1 (port 0), with conditional GET and scripted failures."""

    handler_class = _Handler

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._docs: dict[str, _Doc] = {}
        self._failures: list[list[Any]] = []  # [path, remaining, status, retry_after]
        self._requests: list[Request] = []
        self._drips: dict[str, tuple[float, bool]] = {}

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def publish(self, path: str, file_or_text: str, *, modified_ts: int = 1_794_900_000, kind: str = "rss") -> None:
        """Serve a file of tests/data/rss/ (or literal XML text) at path; a new body gets a new ETag."""
        body = file_or_text if file_or_text.lstrip().startswith("<") else (DATA / file_or_text).read_text("utf-8")
        with self._lock:
            self._docs[path] = _Doc(body.encode("utf-8"), CONTENT_TYPES[kind], modified_ts)

    def fail_next(self, path: str, n: int = 1, *, status: int = 500, retry_after: str | None = None) -> None:
        """Answer the next n requests for path with status (429 and 503 carry Retry-After when given)."""
        with self._lock:
            self._failures.append([path, n, status, retry_after])

    def drip(self, path: str, every_s: float, *, headers: bool = False) -> None:
        """Serve path one byte every every_s seconds: the body, or with headers=True the status line and headers too."""
        with self._lock:
            self._drips[path] = (every_s, headers)

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def _serve(self, handler: _Handler) -> None:
        url, headers, _ = handler.read_request()
        path = url.path
        with self._lock:
            failure = next((f for f in self._failures if f[0] == path and f[1] > 0), None)
            if failure:
                failure[1] -= 1
            doc = self._docs.get(path)
            drip = self._drips.get(path)
        if drip and doc:
            return self._drip(handler, path, headers, doc, *drip)
        if failure:
            extra = {"Retry-After": failure[3]} if failure[3] else {}
            return self._answer(handler, path, headers, failure[2], b"<html>error</html>", "text/html", extra)
        if doc is None:
            return self._answer(handler, path, headers, 404, b"not found", "text/plain", {})
        validators = {"ETag": doc.etag, "Last-Modified": formatdate(doc.modified_ts, usegmt=True)}
        if _not_modified(headers, doc):
            return self._answer(handler, path, headers, 304, b"", None, validators)
        self._answer(handler, path, headers, 200, doc.body, doc.content_type, validators)

    def _answer(self, handler: _Handler, path: str, headers: dict[str, str], status: int, body: bytes,
                content_type: str | None, extra: Mapping[str, str]) -> None:
        with self._lock:
            self._requests.append(Request(path, headers, status))
        try:
            handler.send_response(status)
            if content_type:
                handler.send_header("Content-Type", content_type)
            if status != 304:
                handler.send_header("Content-Length", str(len(body)))
            for name, value in extra.items():
                handler.send_header(name, value)
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


    def _drip(self, handler: _Handler, path: str, headers: dict[str, str], doc: _Doc, every_s: float,
              slow_head: bool) -> None:
        with self._lock:
            self._requests.append(Request(path, headers, 200))
        head = (f"HTTP/1.0 200 OK\r\nContent-Type: {doc.content_type}\r\nContent-Length: {len(doc.body)}\r\n"
                f"ETag: {doc.etag}\r\n\r\n").encode("ascii")
        if not slow_head:
            handler.wfile.write(head)
            head = b""
        try:
            for byte in head + doc.body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(every_s)
        except OSError:  # the client hung up
            pass


def _not_modified(headers: Mapping[str, str], doc: _Doc) -> bool:
    if "if-none-match" in headers:
        return doc.etag in [tag.strip() for tag in headers["if-none-match"].split(",")]
    since = headers.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= doc.modified_ts
        except (TypeError, ValueError):
            return False
    return False


@pytest.fixture
def fake_feeds() -> Iterator[FakeFeeds]:
    with FakeFeeds() as fake:
        yield fake
