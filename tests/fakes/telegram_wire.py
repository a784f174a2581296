"""The fake Telegram's HTTP details: request bodies as python-telegram-bot sends them, the error answers of each
failure kind, sliding-window rate limits, and a webhook POST as Telegram makes it."""

from __future__ import annotations

import email.parser
import email.policy
import http.client
import json
import math
import time
from collections import deque
from typing import Any, Hashable
from urllib.parse import parse_qs, urlsplit

from .telegram_html import ApiError, bad_request
from .telegram_methods import decode_params, forbidden

FAILURE_KINDS = ("5xx", "429", "down", "forbidden", "chat_not_found", "not_enough_rights", "migrated")


class Dropped(Exception):
    """Close the connection without an answer (Telegram unreachable mid-request)."""


def too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


def failure(kind: str, retry_after: int, migrate_to_chat_id: int | None) -> Exception:
    """What a fail_next kind answers: an ApiError with the real body, or Dropped."""
    if kind == "down":
        return Dropped()
    if kind == "5xx":
        return ApiError(502, "Bad Gateway")
    if kind == "429":
        return too_many(retry_after)
    if kind == "forbidden":
        return forbidden("supergroup")
    if kind == "chat_not_found":
        return bad_request("chat not found")
    if kind == "not_enough_rights":
        return bad_request("not enough rights to send text messages to the chat")
    return ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": migrate_to_chat_id or -1001000000001})


class RateWindows:
    """At most `limit` events per key in any `window` seconds; check() raises the 429 Telegram answers."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._events: dict[Hashable, deque[float]] = {}

    def check(self, key: Hashable) -> None:
        now = time.monotonic()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            raise too_many(max(1, math.ceil(events[0] + self.window - now)))

    def count(self, key: Hashable) -> None:
        self._events.setdefault(key, deque()).append(time.monotonic())


def read_params(query: str, content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, Any]]:
    """Query, form, JSON or multipart parameters (decoded) and the uploaded files {name: (filename, bytes, type)}."""
    raw: dict[str, Any] = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    files: dict[str, tuple[str, bytes, str]] = {}
    kind = content_type.split(";")[0].strip().lower()
    if body and kind == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON encoded request") from None
        if not isinstance(decoded, dict):
            raise bad_request("can't parse JSON encoded request")
        raw.update(decoded)
    elif body and kind == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[str(name)] = (part.get_filename(), content, part.get_content_type())
            elif name is not None:
                raw[str(name)] = content.decode("utf-8")
    elif body:
        try:
            raw.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()})
        except UnicodeDecodeError:
            raise bad_request("request body is not valid UTF-8") from None
    return decode_params(raw), files


def post_update(url: str, update: dict[str, Any], secret_token: str | None) -> int:
    """POST an Update as JSON, with X-Telegram-Bot-Api-Secret-Token when given; the HTTP status."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=10)
    headers = {"Content-Type": "application/json"}
    if secret_token is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", path, body=json.dumps(update).encode("utf-8"), headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
