"""FakeSlack: a local HTTP server that answers the Slack Web API on the wire.

Point the real client at it::

    with FakeSlack() as slack:
        client = WebClient(token=slack.bot_token, base_url=slack.base_url)
        client.chat_postMessage(channel="C0ALERTS1", text="hi")
        assert slack.calls_to("chat.postMessage")[0].params["text"] == "hi"

Wire facts it follows (checked against slack_sdk 3.47 ``web/base_client.py``): every call is a
POST to ``{base_url}{method}``; the token travels as ``Authorization: Bearer``; chat.* and
views.* send JSON bodies, the rest form-encoded (JSON-valued fields such as ``files`` as JSON
text); errors come back as HTTP 200 ``{"ok": false, "error": ...}`` except rate limiting, which is
HTTP 429 with ``Retry-After`` (docs.slack.dev/apis/web-api/rate-limits).
"""

from __future__ import annotations

import copy
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import parse_qs, urlsplit

import pytest

from .local_server import FakeServer
from .slack_methods import APP_TOKEN_METHODS, METHODS, Context, decode_json_params
from .slack_state import SlackError, SlackState, UploadedFile

FAILURE_KINDS = ("ratelimited", "5xx", "disconnect", "error:<code>")
HOLD_LIMIT_S = 60.0  # a held answer goes anyway after this, so that a test that never opens its hold still ends
UPLOAD_PATH = "/upload/v1/"


@dataclass(slots=True)
class Hold:
    """The next ``left`` answers to ``method``, held until ``open()``; ``reached`` is set when the first came in."""

    method: str
    left: int
    reached: threading.Event = field(default_factory=threading.Event)
    opened: threading.Event = field(default_factory=threading.Event)

    def open(self) -> None:
        self.opened.set()


@dataclass(frozen=True, slots=True)
class Call:
    """One request the fake received; ``params`` has JSON-valued fields (blocks, view, ...) decoded."""

    method: str
    params: Mapping[str, Any]
    headers: Mapping[str, str]
    body: bytes
    at: float

    @property
    def token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        return auth[len("Bearer ") :] if auth.startswith("Bearer ") else self.params.get("token")


@dataclass(slots=True)
class _Failure:
    method: str
    remaining: int
    kind: str
    retry_after: int
    channel: str | None = None  # only calls naming this channel fail


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def do_POST(self) -> None:
        self.server.fake._serve(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


class FakeSlack:
    """The Slack Web API on 127.0.0.1 (port 0): records calls, models messages, fails on cue."""

    def __init__(
        self,
        *,
        bot_tokens: Iterable[str] = ("xoxb-kuulo-test",),
        app_tokens: Iterable[str] = ("xapp-kuulo-test",),
        users: Mapping[str, str | Mapping[str, str]] | None = None,
        usergroups: Mapping[str, Iterable[str]] | None = None,
        channels: Iterable[str] | Mapping[str, str] | None = None,
        not_in_channel: Iterable[str] = (),
        start_ts: int = 1_700_000_000,
    ) -> None:
        self.bot_tokens = list(bot_tokens)
        self.app_tokens = list(app_tokens)
        self.state = SlackState(
            users=users, usergroups=usergroups, channels=channels, not_in_channel=not_in_channel, start_ts=start_ts
        )
        self.socket_mode_url: Callable[[], str] | None = None
        self._lock = threading.RLock()
        self._calls: list[Call] = []
        self._failures: list[_Failure] = []
        self._delays: dict[str | None, float] = {}
        self._holds: list[Hold] = []
        self._released = threading.Event()
        self._server: FakeServer | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeSlack:
        """Bind 127.0.0.1 (a free port the first time, the same port after ``down()``) and serve."""
        self._released.clear()
        server = FakeServer(("127.0.0.1", self.port), _Handler)
        server.fake = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name=f"FakeSlack:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release any request held by ``delay()`` or ``hold()``."""
        self._released.set()
        for held in self._holds:
            held.open()
        self._close_listener()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _close_listener(self) -> None:
        server, thread, self._server, self._thread = self._server, self._thread, None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        """What to pass as ``WebClient(base_url=...)``; ends with a slash, as slack_sdk expects."""
        return f"http://127.0.0.1:{self.port}/api/"

    @property
    def bot_token(self) -> str:
        return self.bot_tokens[0]

    @property
    def app_token(self) -> str:
        return self.app_tokens[0]

    # --- what the fake received --------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """Calls of one API method (``"upload"`` for the upload URL), oldest first."""
        return [c for c in self.calls if c.method == method]

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        """The message's current state (after any chat.update), or None."""
        with self._lock:
            found = self.state.find_message(channel, ts)
            return copy.deepcopy(found) if found is not None else None

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Every message in the channel, replies included, in ts order."""
        with self._lock:
            return [copy.deepcopy(m) for _, m in sorted(self.state.messages.get(channel, {}).items())]

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """Parent message then its replies; empty if the parent is unknown."""
        with self._lock:
            return self.state.thread(channel, ts)

    def file(self, file_id: str) -> UploadedFile | None:
        with self._lock:
            return copy.deepcopy(self.state.files.get(file_id))

    # --- scripted trouble --------------------------------------------------------------

    def fail_next(self, method: str, n: int = 1, kind: str = "ratelimited", retry_after: int = 1,
                  channel: str | None = None) -> None:
        """Answer the next ``n`` calls of ``method`` (``"*"``: any; with ``channel``, only those naming it) with a
        failure of ``kind``.

        Kinds: ``ratelimited`` (HTTP 429, Retry-After, ``{"ok": false, "error": "ratelimited"}``),
        ``5xx`` (HTTP 503), ``disconnect`` (close the connection without answering),
        ``error:<code>`` (HTTP 200, ``{"ok": false, "error": "<code>"}``).
        """
        if kind not in FAILURE_KINDS[:3] and not (kind.startswith("error:") and len(kind) > len("error:")):
            raise ValueError(f"fail_next: unknown kind {kind!r}; expected one of {', '.join(FAILURE_KINDS)}")
        with self._lock:
            self._failures.append(_Failure(method, n, kind, retry_after, channel))

    def delay(self, seconds: float, method: str | None = None) -> None:
        """Hold each answer (to ``method``, or to all) for ``seconds``; ``delay(0)`` clears it."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = seconds
            else:
                self._delays.pop(method, None)

    def hold(self, method: str, n: int = 1) -> Hold:
        """Hold the next ``n`` answers to ``method`` (recorded as they come) until the returned Hold is opened."""
        held = Hold(method, n)
        with self._lock:
            self._holds.append(held)
        return held

    def down(self) -> None:
        """Close the listening socket: new connections are refused until ``up()``."""
        self._close_listener()

    def up(self) -> None:
        """Listen again on the same port."""
        if self._server is None:
            self.start()

    # --- serving -----------------------------------------------------------------------

    def _serve(self, request: _Handler) -> None:
        url = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in request.headers.items()}
        if url.path.startswith(UPLOAD_PATH):
            method, params = "upload", {"file_id": url.path[len(UPLOAD_PATH) :]}
        elif url.path.startswith("/api/"):
            method = url.path[len("/api/") :]
            try:
                params = _parse_params(headers.get("content-type", ""), body, url.query)
            except SlackError as e:
                self._record(method, {}, headers, body)
                return _send_json(request, 200, {"ok": False, "error": e.code})
        else:
            return _send(request, 404, b"Not Found", "text/plain")
        self._record(method, params, headers, body)
        self._hold(method)
        failure = self._take_failure(method, params.get("channel"))
        if failure is not None:
            return _send_failure(request, failure)
        if method == "upload":
            return self._upload(request, params["file_id"], body)
        answer = self._answer(method, params, headers)
        _send_json(request, 200, answer, {"x-oauth-scopes": self.state.bot_scopes} if answer["ok"] else None)

    def _record(self, method: str, params: dict[str, Any], headers: dict[str, str], body: bytes) -> None:
        with self._lock:
            self._calls.append(Call(method, copy.deepcopy(params), headers, body, time.time()))

    def _hold(self, method: str) -> None:
        with self._lock:
            seconds = self._delays.get(method, self._delays.get(None, 0.0))
            held = next((h for h in self._holds if h.method == method and h.left > 0), None)
            if held is not None:
                held.left -= 1
        if held is not None:
            held.reached.set()
            held.opened.wait(HOLD_LIMIT_S)
        if seconds:
            self._released.wait(seconds)

    def _take_failure(self, method: str, channel: Any = None) -> _Failure | None:
        with self._lock:
            for failure in self._failures:
                if (failure.remaining > 0 and failure.method in (method, "*")
                        and failure.channel in (None, channel)):
                    failure.remaining -= 1
                    return failure
        return None

    def _answer(self, method: str, params: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """The JSON body; Slack sends it with HTTP 200 whether ``ok`` is true or false."""
        handler = METHODS.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": method}
        auth = headers.get("authorization", "")
        token = auth[len("Bearer ") :].strip() if auth.startswith("Bearer ") else params.get("token")
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token not in self.bot_tokens and token not in self.app_tokens:
            return {"ok": False, "error": "invalid_auth"}
        if (token in self.app_tokens) != (method in APP_TOKEN_METHODS):
            return {"ok": False, "error": "not_allowed_token_type"}
        ctx = Context(self.state, f"http://127.0.0.1:{self.port}{UPLOAD_PATH}", self.socket_mode_url)
        try:
            with self._lock:
                return {"ok": True, **handler(ctx, params)}
        except SlackError as e:
            metadata = {"response_metadata": {"messages": list(e.messages)}} if e.messages else {}
            return {"ok": False, "error": e.code, **metadata}

    def _upload(self, request: _Handler, file_id: str, body: bytes) -> None:
        with self._lock:
            uploaded = self.state.files.get(file_id)
            if uploaded is not None:
                uploaded.content = body
        if uploaded is None:
            return _send(request, 404, b"Not Found", "text/plain")
        _send(request, 200, f"OK - {len(body)}".encode(), "text/plain; charset=utf-8")


def _parse_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    kind = content_type.split(";")[0].strip().lower()
    if body and kind == "application/json":
        try:
            decoded = json.loads(body)
        except json.JSONDecodeError:
            raise SlackError("invalid_json") from None
        if not isinstance(decoded, dict):
            raise SlackError("invalid_json")
        params.update(decoded)
    elif body and kind in ("application/x-www-form-urlencoded", ""):
        params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()})
    elif body:
        raise SlackError("invalid_form_data")  # e.g. multipart: only the legacy files.upload sends it
    return decode_json_params(params)


def _send(
    request: _Handler, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
) -> None:
    try:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (timeout tests)


def _send_json(
    request: _Handler, status: int, payload: Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> None:
    _send(request, status, json.dumps(payload).encode("utf-8"), "application/json; charset=utf-8", headers)


def _send_failure(request: _Handler, failure: _Failure) -> None:
    if failure.kind == "ratelimited":
        _send_json(request, 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(failure.retry_after)})
    elif failure.kind == "5xx":
        _send_json(request, 503, {"ok": False, "error": "service_unavailable"})
    elif failure.kind == "disconnect":
        request.close_connection = True  # no status line at all: the client sees the connection drop
    else:
        _send_json(request, 200, {"ok": False, "error": failure.kind[len("error:") :]})


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A started FakeSlack with the default workspace (tests/data/slack/workspace.json)."""
    with FakeSlack() as fake:
        yield fake
