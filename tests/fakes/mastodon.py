"""FakeMastodon: a local HTTP server answering the Mastodon REST API on the wire.

Point the real client at it::

    with FakeMastodon(token="tok", me="NordeaSuomi") as fake:
        api = Mastodon(access_token="tok", api_base_url=fake.base_url)
        fake.add_status("Miksi #nordea ei toimi?", acct="asiakas@example.social", mention=True)

Wire facts it follows (docs.joinmastodon.org: methods/notifications, methods/timelines,
methods/statuses, methods/search, api/guidelines#pagination, api/rate-limits): ids are strings
of digits; lists come newest first; ``max_id`` pages back, ``min_id`` returns the page just newer
than an id, ``since_id`` the newest page newer than an id; ``Link`` carries ``rel="next"``
(``max_id`` = oldest of the page) and ``rel="prev"`` (``min_id`` = newest of the page); every answer
has ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` (ISO 8601) next to
``Date``; over the limit is HTTP 429 ``{"error": "Too many requests"}``; errors are ``{"error": ...}``;
``POST /api/v1/statuses`` is form-encoded and honours ``Idempotency-Key``. Shapes: tests/data/mastodon/.
Trouble on cue: ``fail_next``, ``answer_next`` (exactly this JSON) and ``answer_body_next`` (exactly these bytes: the
HTML page of a proxy in front of the instance, a body cut off mid-JSON).
"""

from __future__ import annotations

import copy
import html
import json
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import formatdate
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import parse_qs, urlencode

import pytest

from tests.fakes.local_server import Call, FailingServer, FakeHandler

DATA = Path(__file__).resolve().parents[1] / "data" / "mastodon"
DOMAIN = "fake.social"
RATE_LIMIT = 300
_TAG = re.compile(r"(?<![\w#])#(\w+)")
_AT = re.compile(r"(?<![\w@])@([\w.]+(?:@[\w.-]+)?)")


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class RawBody:
    """An answer's body sent as these bytes, as they are (not JSON-encoded)."""

    body: bytes
    content_type: str = "application/json; charset=utf-8"


class FakeMastodon(FailingServer):
    """One instance on 127.0.0.1 (port 0) with one logged-in account (``me``, the token's owner)."""

    def __init__(self, *, token: str = "masto-test-token", me: str = "NordeaSuomi") -> None:
        self.token, self.me = token, me
        self.now_iso = "2026-11-17T09:30:00.000Z"  # created_at of statuses posted through the API
        self.remaining, self.reset_in = RATE_LIMIT, 300
        self._lock = threading.RLock()
        self._accounts: dict[str, dict[str, Any]] = {}
        self._statuses: dict[str, dict[str, Any]] = {}
        self._notifications: list[dict[str, Any]] = []
        self._idempotent: dict[str, str] = {}
        self._failures: list[list[Any]] = []  # [path prefix, remaining, kind, reset_in or payload]
        self._calls: list[Call] = []  # params: the last value of each key, lists for `x[]` keys
        self._next_status, self._next_notification, self._next_account = 113_000_000_000_000_100, 34_975_000, 109_000
        self.account(me)

    # --- content -----------------------------------------------------------------------

    def account(self, acct: str) -> dict[str, Any]:
        """The account with this acct (``user`` local, ``user@domain`` remote), created on first use."""
        with self._lock:
            if acct not in self._accounts:
                self._next_account += 1
                username, _, domain = acct.partition("@")
                record = _load("account.json")
                record.update(id=str(self._next_account), username=username, acct=acct, display_name=username,
                              url=f"https://{domain or DOMAIN}/@{username}")
                self._accounts[acct] = record
            return self._accounts[acct]

    def add_status(self, text: str, *, acct: str, created_at: str, in_reply_to_id: str | None = None,
                   mention: bool = False, visibility: str = "public", status_id: str | None = None) -> dict[str, Any]:
        """A post by acct; with mention=True the logged-in account also gets a `mention` notification."""
        with self._lock:
            status = self._new_status(text, self.account(acct), created_at, in_reply_to_id, visibility, status_id)
            if mention:
                self.add_notification(status)
            return copy.deepcopy(status)

    def add_notification(self, status: dict[str, Any] | None, *, kind: str = "mention",
                         raw: dict[str, Any] | None = None) -> str:
        """A notification for the logged-in account (raw: exactly this JSON, for malformed-item tests)."""
        with self._lock:
            self._next_notification += 1
            nid = str(self._next_notification)
            if raw is not None:
                item = {"id": nid, **raw}
            else:
                item = _load("notification_mention.json")
                item.update(id=nid, type=kind, group_key=f"ungrouped-{nid}",
                            created_at=status["created_at"] if status else self.now_iso,
                            account=copy.deepcopy(status["account"]) if status else self.account(self.me),
                            status=copy.deepcopy(status))
            self._notifications.append(item)
            return nid

    def statuses(self) -> list[dict[str, Any]]:
        """Every status on the instance, in the order they were made."""
        with self._lock:
            return [copy.deepcopy(s) for s in self._statuses.values()]

    def delete_status(self, status_id: str) -> None:
        """Its author deleted a status: gone from timelines, GET /api/v1/statuses/:id answers 404."""
        with self._lock:
            del self._statuses[status_id]

    def status(self, status_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._statuses.get(status_id)
            return copy.deepcopy(found) if found else None

    # --- what the fake received, and trouble on cue --------------------------------------

    def answer_body_next(self, path_prefix: str, body: bytes, n: int = 1, *, status: int = 200,
                         content_type: str = "application/json; charset=utf-8") -> None:
        """The next n requests under path_prefix are answered with exactly these bytes, not JSON-encoded."""
        with self._lock:
            self._failures.append([path_prefix, n, "answer", (status, RawBody(body, content_type))])

    # --- serving -----------------------------------------------------------------------

    def _serve(self, handler: FakeHandler) -> None:
        url, headers, body = handler.read_request()
        params = _params(url.query, body, headers.get("content-type", ""))
        method, path = handler.command, url.path
        with self._lock:
            status, payload, extra, reset_in = self._route(method, path, params, headers)
            self._calls.append(Call(method, path, params, headers, status))
        _send(handler, status, payload, extra, self.remaining, reset_in)

    def _route(self, method: str, path: str, params: dict[str, Any],
               headers: dict[str, str]) -> tuple[int, Any, dict[str, str], int]:
        self.remaining = max(0, self.remaining - 1)
        failure = self._due_failure(path)
        if failure:
            kind, reset_in = failure
            if kind == "answer":
                return (*reset_in, {}, self.reset_in)
            if kind == "ratelimited":
                self.remaining = 0
                return 429, _load("rate_limited.json"), {}, reset_in
            if kind == "5xx":
                return 503, {"error": "Service Unavailable"}, {}, self.reset_in
            return 401, {"error": "The access token is invalid"}, {}, self.reset_in
        authed = headers.get("authorization") == f"Bearer {self.token}"
        if method == "GET" and path == "/api/v1/notifications":
            if not authed:
                return 401, {"error": "The access token is invalid"}, {}, self.reset_in
            types = params.get("types[]") or []
            items = [n for n in self._notifications if not types or n.get("type") in types]
            return self._page(path, params, items)
        if method == "GET" and path.startswith("/api/v1/timelines/tag/"):
            tag = path.rsplit("/", 1)[1].lower()
            items = [s for s in self._statuses.values() if tag in (t["name"].lower() for t in s["tags"])]
            return self._page(path, params, items)
        if method == "GET" and path == "/api/v2/search":
            query = str(params.get("q", "")).lower()
            items = [s for s in self._statuses.values() if query in html.unescape(s["content"]).lower()]
            status, page, extra, reset = self._page(path, params, items)
            return status, {"accounts": [], "statuses": page, "hashtags": []}, {}, reset
        if method == "GET" and path == "/api/v1/accounts/verify_credentials":
            if not authed:
                return 401, {"error": "The access token is invalid"}, {}, self.reset_in
            return 200, {**self.account(self.me), "source": {"privacy": "public", "note": "", "fields": []}}, {}, self.reset_in
        if method == "GET" and path.startswith("/api/v1/accounts/") and path.endswith("/statuses"):
            account_id = path.split("/")[4]
            items = [s for s in self._statuses.values() if s["account"]["id"] == account_id
                     and not (params.get("exclude_reblogs") in ("1", "true") and s.get("reblog"))]
            return self._page(path, params, items)
        if method == "GET" and path.rstrip("/") == "/api/v2/instance":
            return 200, _load("instance_v2.json"), {}, self.reset_in
        if method == "GET" and path.startswith("/api/v1/statuses/"):
            found = self._statuses.get(path.rsplit("/", 1)[1])
            return (200, found, {}, self.reset_in) if found else (404, {"error": "Record not found"}, {}, self.reset_in)
        if method == "POST" and path == "/api/v1/statuses":
            if not authed:
                return 401, {"error": "The access token is invalid"}, {}, self.reset_in
            return self._post_status(params, headers.get("idempotency-key"))
        return 404, {"error": "Record not found"}, {}, self.reset_in

    def _page(self, path: str, params: dict[str, Any], items: list[dict[str, Any]]):
        items = sorted(items, key=_order, reverse=True)
        limit = min(int(params.get("limit") or 20), 40)
        if params.get("max_id"):
            items = [i for i in items if _order(i) < int(params["max_id"])]
        if params.get("min_id"):
            items = [i for i in items if _order(i) > int(params["min_id"])][-limit:]
        elif params.get("since_id"):
            items = [i for i in items if _order(i) > int(params["since_id"])][:limit]
        else:
            items = items[:limit]
        extra = {}
        if items:
            keep = {k: v for k, v in params.items() if k not in ("max_id", "min_id", "since_id")}
            link = lambda key, value: f"{self.base_url}{path}?{urlencode({**keep, key: value}, doseq=True)}"
            extra["Link"] = f'<{link("max_id", items[-1]["id"])}>; rel="next", <{link("min_id", items[0]["id"])}>; rel="prev"'
        return 200, copy.deepcopy(items), extra, self.reset_in

    def _post_status(self, params: dict[str, Any], key: str | None):
        if key and key in self._idempotent:
            return 200, self._statuses[self._idempotent[key]], {}, self.reset_in
        text = str(params.get("status") or "").strip()
        if not text:
            return 422, {"error": "Validation failed: Text can't be blank"}, {}, self.reset_in
        parent = params.get("in_reply_to_id")
        if parent and parent not in self._statuses:
            return 404, {"error": "Record not found"}, {}, self.reset_in
        status = self._new_status(text, self.account(self.me), self.now_iso, parent,
                                  params.get("visibility") or "public", None)
        if key:
            self._idempotent[key] = status["id"]
        return 200, status, {}, self.reset_in

    def _new_status(self, text: str, account: dict[str, Any], created_at: str, in_reply_to_id: str | None,
                    visibility: str, status_id: str | None) -> dict[str, Any]:
        self._next_status += 1
        sid = status_id or str(self._next_status)
        record = _load("status.json")
        parent = self._statuses.get(in_reply_to_id) if in_reply_to_id else None
        tags = list(dict.fromkeys(t.lower() for t in _TAG.findall(text)))
        mentioned = [self.account(a) for a in _AT.findall(text)]
        record.update(
            id=sid, created_at=created_at, in_reply_to_id=in_reply_to_id,
            in_reply_to_account_id=parent["account"]["id"] if parent else None, visibility=visibility,
            uri=f"https://{DOMAIN}/users/{account['username']}/statuses/{sid}",
            url=f"https://{DOMAIN}/@{account['acct']}/{sid}", content=_html(text), account=copy.deepcopy(account),
            tags=[{"name": t, "url": f"https://{DOMAIN}/tags/{t}"} for t in tags],
            mentions=[{"id": a["id"], "username": a["username"], "acct": a["acct"], "url": a["url"]} for a in mentioned])
        self._statuses[sid] = record
        if parent:
            parent["replies_count"] += 1
        return copy.deepcopy(record)


def _order(item: dict[str, Any]) -> int:
    """Where an item sorts: its id as a number (an id of the wrong type, from a malformed-item test, sorts first)."""
    return int(item["id"]) if isinstance(item["id"], str) and item["id"].isdigit() else 0


def _html(text: str) -> str:
    """Text as Mastodon renders it: paragraphs, hashtag links and h-card mentions."""
    def one(paragraph: str) -> str:
        out = html.escape(paragraph)
        out = _TAG.sub(lambda m: f'<a href="https://{DOMAIN}/tags/{m[1].lower()}" class="mention hashtag" rel="tag">'
                                 f'#<span>{m[1]}</span></a>', out)
        out = _AT.sub(lambda m: f'<span class="h-card"><a href="https://{DOMAIN}/@{m[1]}" class="u-url mention">'
                                f'@<span>{m[1].split("@")[0]}</span></a></span>', out)
        return "<p>" + out.replace("\n", "<br />") + "</p>"
    return "".join(one(p) for p in text.split("\n\n"))


def _params(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    raw = parse_qs(query, keep_blank_values=True)
    if body and content_type.startswith("application/x-www-form-urlencoded"):
        raw.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))
    elif body and content_type.startswith("application/json"):
        return {**{k: v[-1] for k, v in raw.items()}, **json.loads(body)}
    return {k: (v if k.endswith("[]") else v[-1]) for k, v in raw.items()}


def _send(handler: FakeHandler, status: int, payload: Any, extra: Mapping[str, str], remaining: int,
          reset_in: int) -> None:
    now = int(time.time())
    reset = datetime.fromtimestamp(now + reset_in, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    raw = payload if isinstance(payload, RawBody) else RawBody(json.dumps(payload).encode("utf-8"))
    handler.send_answer(status, {"Server": "Mastodon", "Date": formatdate(now, usegmt=True),
                                 "Content-Type": raw.content_type,
                                 "X-RateLimit-Limit": str(RATE_LIMIT), "X-RateLimit-Remaining": str(remaining),
                                 "X-RateLimit-Reset": reset, **extra}, raw.body)


@pytest.fixture
def fake_mastodon() -> Iterator[FakeMastodon]:
    with FakeMastodon() as fake:
        yield fake
