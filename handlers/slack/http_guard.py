"""HTTP mode's guards in front of Bolt: a body over MAX_BODY_BYTES is refused before a byte of it is read, a request
not signed with the signing secret is refused before Bolt parses it, and a signed request replayed within Slack's
five-minute window is acted on once (across restarts too, when the desk's database remembers it)."""

from __future__ import annotations

import heapq
import io
import json
import logging
import threading
import time
from http import HTTPStatus
from typing import Any, Callable, Iterable
from urllib.parse import parse_qsl

from slack_bolt import BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

from kuulo.handlers.http_server import content_length, length_refusal

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 1 << 20  # 1 MiB: Slack's interaction payloads are a few kB (a modal's state, a message's blocks)
SIGNATURE_WINDOW_S = 5 * 60  # Bolt accepts a request whose timestamp is this close to its clock, either way
MAX_SEEN_SIGNATURES = 100_000  # about 10 MB; more distinct signed requests in ten minutes is not Slack
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _refuse(start_response: Callable[..., Any], status: str, text: str) -> list[bytes]:
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


class BodyLimit:
    """WSGI middleware: POSTs need a Content-Length of at most `limit` (chunked or unsized bodies are refused too),
    checked from the headers before the body is read."""

    def __init__(self, app: WSGIApp, limit: int = MAX_BODY_BYTES):
        self.app, self.limit = app, limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Pass the request on, or answer 411 / 413 / 400 without reading its body."""
        if environ.get("REQUEST_METHOD") == "POST":
            if environ.get("HTTP_TRANSFER_ENCODING"):
                return _refuse(start_response, "411 Length Required", "a body needs a Content-Length (no chunks)")
            raw = (environ.get("CONTENT_LENGTH") or "").strip()
            if refusal := length_refusal(raw, self.limit):
                status, why = refusal
                if status == HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
                    log.warning("refused a %s-byte request from %s (limit %s)", raw[:24] + "…" * (len(raw) > 24),
                                environ.get("REMOTE_ADDR"), self.limit)
                return _refuse(start_response, f"{status} {HTTPStatus(status).phrase}", why)
            # what reads the body after us converts it (5,000 zeros and a 5)
            environ["CONTENT_LENGTH"] = str(content_length(raw, self.limit))
        return self.app(environ, start_response)


class SignedOnly:
    """WSGI middleware behind BodyLimit: a POST must carry Slack's signature of its body, made with the signing secret
    within the window, and a Slack payload (a JSON object, as a body or a form's `payload`); else 401 or 400, one log
    line and no traceback. Bolt parses a body before its own check, and raised on garbage nobody had signed."""

    def __init__(self, app: WSGIApp, signing_secret: str):
        self.app, self._verifier = app, SignatureVerifier(signing_secret)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Pass a signed Slack payload on (its body re-readable), or refuse it."""
        if environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        try:
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))  # BodyLimit checked the length
        except OSError:  # the peer went silent, slow (the timeout, the deadline) or away before its body was in
            log.info("refused a request from %s whose body did not arrive", environ.get("REMOTE_ADDR"))
            return _refuse(start_response, "408 Request Timeout", "the body did not arrive")
        if not self._signed(body, environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", ""),
                            environ.get("HTTP_X_SLACK_SIGNATURE", "")):
            log.info("refused an unsigned or badly signed request from %s", environ.get("REMOTE_ADDR"))
            return _refuse(start_response, "401 Unauthorized", "invalid request signature")
        if not slack_payload(body, environ.get("CONTENT_TYPE")):
            log.warning("refused a signed request whose body is no Slack payload (%s bytes)", len(body))
            return _refuse(start_response, "400 Bad Request", "the body is not a Slack payload")
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            return self.app(environ, start_response)
        except Exception as exc:  # Bolt reading a signed body of an odd shape ({"team": 5}); listeners' own errors
            # never get here (Bolt's error handler logs them)
            log.warning("refused a signed request Bolt could not read: %s: %s", type(exc).__name__, str(exc)[:200])
            return _refuse(start_response, "400 Bad Request", "the body is not a Slack payload")


    def _signed(self, body: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature of this UTF-8 body at this timestamp (whole seconds, within the window)."""
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12 and signature.isascii()):
            return False  # the SDK would raise on int('abc')
        try:
            text = body.decode("utf-8")  # ... and on bytes that are not UTF-8
        except UnicodeDecodeError:
            return False
        return self._verifier.is_valid(text, timestamp, signature)


def slack_payload(body: bytes, content_type: str | None) -> bool:
    """True when Bolt can read the body as it parses one (slack_bolt.request.internals.parse_body): a JSON object, or a
    form whose `payload` (if any) is one."""
    try:
        text = body.decode("utf-8")
        if content_type == "application/json" or text.startswith("{"):
            return isinstance(json.loads(text), dict)
        if "payload" in text:
            payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
            return payload is None or isinstance(json.loads(payload), dict)
        parse_qsl(text, keep_blank_values=True)
        return True
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested past the parser's depth
        return False


class ReplayGuard:
    """Bolt global middleware (it runs after the signature was verified): the same signature seen again within the
    window is acknowledged and not acted on, by this process or (with `remember`) an earlier one. Memory is bounded:
    expired signatures are dropped, and while MAX_SEEN_SIGNATURES unexpired ones are held, new requests are refused
    with 429 rather than forgetting one."""

    def __init__(self, window_s: float = SIGNATURE_WINDOW_S, capacity: int = MAX_SEEN_SIGNATURES,
                 now: Callable[[], float] = time.time, remember: Callable[[str, float, float], bool] | None = None):
        self.window_s, self.capacity, self.now = window_s, capacity, now
        self.remember = remember  # (signature, expires, now) -> False if stored before: the desk's database
        self._seen: dict[str, float] = {}  # signature -> when Bolt stops accepting it
        self._expiry: list[tuple[float, str]] = []  # the same, as a heap, oldest first
        self._lock = threading.Lock()

    def first_time(self, signature: str, timestamp: str) -> bool | None:
        """True the first time a signature is seen, False for a replay, None when the memory is full."""
        now = self.now()
        try:
            expires = max(now, float(timestamp)) + self.window_s + 60  # and a minute for our own clock
        except ValueError:
            expires = now + self.window_s + 60
        with self._lock:
            while self._expiry and self._expiry[0][0] < now:
                del self._seen[heapq.heappop(self._expiry)[1]]
            if signature in self._seen:
                return False
            if len(self._seen) >= self.capacity:
                return None
            self._seen[signature] = expires
            heapq.heappush(self._expiry, (expires, signature))
        return self.remember is None or self.remember(signature, expires, now)  # seen before a restart

    def __call__(self, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        """Run the listeners for a request seen the first time; ack a replay with 200 and nothing done."""
        signature = (req.headers.get("x-slack-signature") or [""])[0]
        if not signature:  # socket mode: no HTTP, no signatures
            return next()
        first = self.first_time(signature, (req.headers.get("x-slack-request-timestamp") or ["0"])[0])
        if first:
            return next()
        if first is None:
            log.warning("too many signed requests in %s s: refusing until some expire", self.window_s)
            return BoltResponse(status=429, body="too many requests", headers={"Retry-After": "60"})
        log.warning("a replayed Slack request (the same signature again) was ignored")
        return BoltResponse(status=200, body="")
