"""A requests.Session with a deadline for each whole request and a cap on the answer's size, for the SDKs on requests.

requests' timeout, like urllib's, holds for one socket operation at a time: a server that drips its answer a byte every
19 seconds keeps a 20-second timeout reading for hours, and a 300 MB answer is read whole into memory. Mastodon.py,
PRAW and the Instagram client take a session, so they get this one: each request (its redirects included) runs under a
fetch.Deadline that shuts the connection's socket when it passes, and the body is read in chunks up to a limit. The
SDKs wrap what it raises (requests' own exception types) as they wrap any network error, so a source's poll fails with
one line that says why, and the next poll starts afresh. The Bluesky SDK (atproto, on httpx) takes a transport:
BoundedTransport reads each answer's body within the deadline and the limit (the headers keep httpx's read timeout).
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from kuulo.bot.limits import ANSWER_DEADLINE_S, MAX_ANSWER_BYTES
from kuulo.bot.sources.fetch import CHUNK_BYTES, Deadline

_deadline: ContextVar[Deadline | None] = ContextVar("kuulo_request_deadline", default=None)


class BoundedAnswer(requests.exceptions.RequestException):
    """An answer given up on by the session's bounds; its text says which, without the URL."""


class AnswerTooSlow(BoundedAnswer, requests.exceptions.Timeout):
    """The whole request took longer than its deadline."""


class AnswerTooLarge(BoundedAnswer):
    """The answer's body is larger than the session's limit."""


class _Watched:
    """A urllib3 connection that hands its socket to the deadline of the request it serves (a kept-alive connection
    serves several requests, each with its own deadline)."""

    sock: Any

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self._watch()

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        self._watch()  # a reused connection: its socket was connected under an earlier request's deadline
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]

    def _watch(self) -> None:
        if (deadline := _deadline.get()) is not None and self.sock is not None:
            deadline.watch(self.sock)


class _WatchedHTTP(_Watched, HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class BoundedSession(requests.Session):
    """requests.Session whose requests each end within deadline_s (AnswerTooSlow past it) and read at most limit
    bytes of body (AnswerTooLarge beyond it)."""

    def __init__(self, deadline_s: float | None = None, limit: int | None = None) -> None:
        super().__init__()
        self.deadline_s = ANSWER_DEADLINE_S if deadline_s is None else deadline_s
        self.limit = MAX_ANSWER_BYTES if limit is None else limit
        adapter = _WatchedAdapter()
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        with Deadline(self.deadline_s) as deadline:
            token = _deadline.set(deadline)
            try:
                return super().request(method, url, *args, **kwargs)
            except requests.RequestException:
                if deadline.passed:  # the timer shut the socket: what failed is the deadline
                    raise AnswerTooSlow(self._too_slow()) from None
                raise
            finally:
                _deadline.reset(token)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        stream = kwargs.pop("stream", False)
        response = super().send(request, stream=True, **kwargs)
        if not stream:
            response._content = self._body(response)  # what Response.content would read, within the limits
        return response

    def _body(self, response: requests.Response) -> bytes:
        chunks, size = [], 0
        deadline = _deadline.get()
        try:
            for chunk in response.iter_content(CHUNK_BYTES):
                if deadline is not None and deadline.passed:
                    raise AnswerTooSlow(self._too_slow())
                size += len(chunk)
                if size > self.limit:
                    raise AnswerTooLarge(f"the answer is larger than {self.limit} bytes; not read")
                chunks.append(chunk)
        finally:
            response.close()
        return b"".join(chunks)

    def _too_slow(self) -> str:
        return f"the answer took more than {self.deadline_s:g} s in all; given up (a server that drips its answer)"


def bounded_transport(deadline_s: float | None = None, limit: int | None = None) -> Any:
    """An httpx transport whose answers' bodies are read within deadline_s of the request and up to limit bytes
    (httpx.ReadError beyond either, a network error to the SDK, with the reason as its text)."""
    import httpx  # lazy, as the Bluesky SDK that needs it

    deadline_s = ANSWER_DEADLINE_S if deadline_s is None else deadline_s
    limit = MAX_ANSWER_BYTES if limit is None else limit

    class BoundedTransport(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            started = time.monotonic()
            response = super().handle_request(request)
            chunks, size = [], 0
            try:
                for chunk in response.stream:  # as sent (compressed or not): the SDK's read decodes it
                    size += len(chunk)
                    if size > limit:
                        raise httpx.ReadError(f"the answer is larger than {limit} bytes; not read", request=request)
                    if time.monotonic() - started > deadline_s:
                        raise httpx.ReadError(f"the answer took more than {deadline_s:g} s in all; given up (a server "
                                              "that drips its answer)", request=request)
                    chunks.append(chunk)
            finally:
                response.close()
            return httpx.Response(response.status_code, headers=response.headers,
                                  stream=httpx.ByteStream(b"".join(chunks)), extensions=response.extensions)

    return BoundedTransport()
