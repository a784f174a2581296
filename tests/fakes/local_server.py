"""The HTTP plumbing the fakes share: a threaded server on 127.0.0.1, port 0, that hands requests to the fake,
reading and answering them, and the `Call` record of what a fake received."""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Mapping, Self
from urllib.parse import SplitResult, urlsplit


@dataclass(frozen=True, slots=True)
class Call:
    """One request a fake received; params merge the query and a form body, each fake's way (strings or lists)."""

    method: str
    path: str
    params: Mapping[str, Any]
    headers: Mapping[str, str]
    status: int


class FakeServer(ThreadingHTTPServer):
    """Serves in daemon threads; a client hanging up mid-answer is not an error."""

    daemon_threads = True
    fake: Any

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class FakeHandler(BaseHTTPRequestHandler):
    """Hands every GET and POST to the server's fake (`fake._serve(handler)`) over keep-alive HTTP/1.1; logs nothing."""

    server: FakeServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.fake._serve(self)

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def read_request(self) -> tuple[SplitResult, dict[str, str], bytes]:
        """The request's URL, its headers (names in lower case) and its body (Content-Length bytes, or none)."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        return urlsplit(self.path), headers, self.rfile.read(length) if length else b""

    def send_answer(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        """Answer with status, these headers (in order, then Content-Length) and body; a client that hung up is
        not an error."""
        try:
            self.send_response_only(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class LocalServer:
    """Start and stop a fake's server (or use it as a context manager); subclasses implement `_serve(handler)`."""

    handler_class: type[BaseHTTPRequestHandler] = FakeHandler
    port = 0
    _server: FakeServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Listen on a free loopback port."""
        server = FakeServer(("127.0.0.1", 0), self.handler_class)
        server.fake = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait for the serving thread."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class RecordingServer(LocalServer):
    """A LocalServer whose fake appends a `Call` to `_calls` (under `_lock`) for every request it answers."""

    _lock: threading.RLock
    _calls: list[Call]

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str, path_prefix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(path_prefix)]


class FailingServer(RecordingServer):
    """A RecordingServer that fails requests on cue: ratelimited (429), 5xx (503), unauthorized (401), or answers
    them with JSON of the wrong shape."""

    _failures: list[list[Any]]  # [path prefix, remaining, kind, reset_in or payload]

    def fail_next(self, path_prefix: str, n: int = 1, *, kind: str = "ratelimited", reset_in: int = 30) -> None:
        """The next n requests under path_prefix fail with `kind` (a prefix ending in "$": that path only)."""
        if kind not in ("ratelimited", "5xx", "unauthorized"):
            raise ValueError(f"fail_next: unknown kind {kind!r}")
        with self._lock:
            self._failures.append([path_prefix, n, kind, reset_in])

    def answer_next(self, path_prefix: str, payload: Any, n: int = 1, *, status: int = 200) -> None:
        """The next n requests under path_prefix are answered with exactly this JSON (an answer of the wrong shape, an
        error of the server's own words); kind "answer", (status, payload) where reset_in would be."""
        with self._lock:
            self._failures.append([path_prefix, n, "answer", (status, payload)])

    def _due_failure(self, path: str) -> tuple[str, Any] | None:
        """(kind, reset_in or payload) of the failure this request gets, used up by one; None to answer normally."""
        failure = next((f for f in self._failures if _under(path, f[0]) and f[1] > 0), None)
        if failure is None:
            return None
        failure[1] -= 1
        return failure[2], failure[3]


def _under(path: str, prefix: str) -> bool:
    """True when a request's path is under a failure's prefix, or is it exactly when the prefix ends in "$"."""
    return path == prefix[:-1] if prefix.endswith("$") else path.startswith(prefix)
