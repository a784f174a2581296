"""An HTTP GET with a deadline for the whole fetch: the name lookup, connecting, the headers and every read of the body.

urllib's timeout holds for one socket operation at a time, so a server that drips a byte every 19 seconds keeps a
20-second timeout waiting for hours. Here a timer shuts the connection's socket when the deadline passes (which also
ends a read blocked in the middle of the headers), the body is read in chunks against a monotonic clock, and each read
keeps its own timeout. The name lookup, which no timeout bounds (getaddrinfo waits for the resolver), runs in a thread
that is waited for only until the deadline, and each address is given what is left of it to connect.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from typing import Any

CHUNK_BYTES = 65_536


class TooSlow(Exception):
    """The deadline passed before the whole answer was read."""


class Deadline:
    """A monotonic deadline that, when it passes, shuts every socket handed to `watch` (a context manager: the timer
    runs inside the `with`)."""

    def __init__(self, seconds: float):
        self.seconds, self.at = seconds, time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def watch(self, sock: socket.socket) -> None:
        """Shut this socket when the deadline passes (at once, if it has)."""
        with self._lock:
            self._sockets.append(sock)
            expired = self._expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def get(request: urllib.request.Request, *, timeout: float, deadline_s: float, limit: int) -> tuple[bytes, Any]:
    """The answer's body (at most limit + 1 bytes: more means too large) and its headers. urllib's errors pass as they
    are (HTTPError for a status of 400 or more, and for 304), IncompleteRead when the body is shorter than its
    Content-Length; TooSlow when the whole fetch takes over deadline_s."""
    with Deadline(deadline_s) as deadline:
        opener = urllib.request.OpenerDirector()  # not build_opener's: no ftp:, file: or data: handler
        for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), _HTTPHandler(deadline),
                        _HTTPSHandler(deadline), urllib.request.HTTPDefaultErrorHandler(), _WebRedirects(),
                        urllib.request.HTTPErrorProcessor()):
            opener.add_handler(handler)
        try:
            with opener.open(request, timeout=timeout) as response:
                body = _read(response, limit, deadline)
                return body, response.headers
        except (OSError, http.client.HTTPException):  # URLError and HTTPError are OSErrors
            if deadline.passed:  # the timer shut the socket: what failed is the deadline
                raise TooSlow from None
            raise


def _read(response: http.client.HTTPResponse, limit: int, deadline: Deadline) -> bytes:
    chunks, size = [], 0
    while size <= limit:
        if deadline.passed:
            raise TooSlow
        chunk = response.read1(min(CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if deadline.passed:  # a read the timer cut short ends like the answer's own end: the body may be cut
        raise TooSlow
    if response.length and size <= limit:  # the server hung up before the Content-Length it gave
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def _shut(sock: socket.socket) -> None:
    """Wake a read blocked on this socket (from another thread); the TLS wrapper's own shutdown is not used, since it
    drops its state under the reading thread."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:  # closed already
        pass


def _lookup(host: str, port: int, deadline: Deadline) -> list[tuple[Any, ...]]:
    """getaddrinfo's addresses for a stream to host:port, waited for until the deadline (TimeoutError past it: the
    lookup's thread is left to end on its own, as nothing can stop the resolver)."""
    found: dict[str, Any] = {}

    def look() -> None:
        try:
            found["addresses"] = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
        except Exception as error:  # noqa: BLE001 - raised again in the fetching thread, if it still waits
            found["error"] = error

    thread = threading.Thread(target=look, name=f"lookup {host}", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline.at - time.monotonic()))
    if thread.is_alive():
        raise TimeoutError(f"looking up {host} took longer than {deadline.seconds:g} s")
    if "error" in found:
        raise found["error"]
    return found["addresses"]


def _connect(deadline: Deadline, address: tuple[str, int], timeout: float,
             source_address: tuple[str, int] | None = None) -> socket.socket:
    """socket.create_connection with the lookup and each address's connect held within the deadline."""
    host, port = address
    error: OSError = TimeoutError(f"connecting to {host} took longer than {deadline.seconds:g} s")
    for family, kind, proto, _, sockaddr in _lookup(host, port, deadline):
        left = deadline.at - time.monotonic()
        if left <= 0:
            break
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(min(timeout, left))
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
        except OSError as failed:
            sock.close()
            error = failed
            continue
        sock.settimeout(timeout)  # each read's own timeout, as urllib sets it
        return sock
    raise error


class _Watched:
    """A connection that looks its host up and connects within the deadline, then hands its socket to it."""

    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = partial(_connect, deadline)

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _WatchedHTTP(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, http.client.HTTPSConnection):
    pass


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, to http: and https: only (urllib's own also follows ftp:, which no deadline watches)."""

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any) -> Any:
        target = urllib.parse.urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        scheme = urllib.parse.urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise urllib.error.URLError(f"a redirect to {scheme}: is not followed, only to http: and https:")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_WatchedHTTP, deadline=self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_WatchedHTTPS, deadline=self.deadline), req, context=self._context)
