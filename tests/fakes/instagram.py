"""FakeInstagram: a local HTTP server answering the Instagram Graph API (Facebook Login) on the wire.

Point a client at it::

    with FakeInstagram(token="ig-test-token") as fake:
        base_url = fake.base_url          # http://127.0.0.1:PORT/v26.0
        post = fake.add_media("Uusi kortti! #nordea", timestamp="2026-11-17T08:00:00+0000")
        fake.add_comment(post["id"], "Nordea, miksi kortti ei toimi?", username="asiakas", timestamp=...)

Wire facts it follows (developers.facebook.com: instagram-platform reference ig-user/media, ig-user/tags,
ig-media/comments, ig-comment/replies, ig-user/mentions, ig-hashtag-search, ig-hashtag/recent-media; graph-api
guides/error-handling and overview/rate-limiting; payload shapes as in sns-sdks/python-facebook testdata/instagram):
ids are strings of digits; timestamps look like 2026-11-17T09:00:00+0000; lists come newest first as
{"data": [...], "paging": {"cursors": {"before", "after"}, "next": url}} with "next" left out on the last page
and no "paging" at all for an empty list
(recent_media gives only an "after" cursor, at most 50 a page, media of the last 24 hours, and refuses the username
field); only the fields asked for are returned, nested edges like replies{...} as {"data": [...]}; errors are
{"error": {"message", "type": "OAuthException", "code", "error_subcode"?, "is_transient"?, "fbtrace_id"}};
every answer carries X-App-Usage and X-Business-Use-Case-Usage (JSON: call_count, total_cputime, total_time in %,
estimated_time_to_regain_access in minutes). The token is accepted as `Authorization: Bearer` or `access_token`.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
import copy
import json
import re
import threading
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator
from urllib.parse import parse_qs, urlencode

import pytest

from tests.fakes.local_server import Call, FakeHandler, RecordingServer

VERSION = "v26.0"
MAX_LIMIT = 50
NESTED_LIMIT = 25  # replies{...} inline; the rest through paging.next
_TAG = re.compile(r"(?<![\w#])#(\w+)")
_MENTIONED = re.compile(r"mentioned_media\.media_id\((\d+)\)\{(.*)\}$")


class FakeInstagram(RecordingServer):
    """One professional account (user_id, username) behind one token."""

    def __init__(self, *, token: str = "ig-test-token", user_id: str = "17841400000000001",
                 username: str = "NordeaSuomi") -> None:
        self.token, self.user_id, self.username = token, user_id, username
        self.now = datetime(2026, 11, 17, 9, 30, tzinfo=timezone.utc)  # time of replies posted through the API
        self.usage_pct, self.regain_minutes = 5, 0
        self._lock = threading.RLock()
        self._media: dict[str, dict[str, Any]] = {}
        self._comments: dict[str, dict[str, Any]] = {}
        self._hashtags: dict[str, str] = {}
        self._failures: list[list[Any]] = []  # [path prefix, remaining, kind, status, code or payload, regain, method]
        self._calls: list[Call] = []  # paths without the version; params the last value of each key
        self._next_id = 17_900_000_000_000_000

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{VERSION}"

    # --- content -----------------------------------------------------------------------

    def add_media(self, caption: str, *, timestamp: str, media_id: str | None = None) -> dict[str, Any]:
        """A post by the account itself."""
        return self._add_media(caption, self.username, timestamp, "own", media_id)

    def add_tagged(self, caption: str, *, username: str, timestamp: str) -> dict[str, Any]:
        """A post by someone else that tags the account."""
        return self._add_media(caption, username, timestamp, "tagged", None)

    def add_hashtag_media(self, caption: str, *, username: str, timestamp: str,
                          first_comment: str = "") -> dict[str, Any]:
        """A public post by someone else, found through the hashtags in its caption or in its owner's first comment
        (Instagram's hashtag search reads both; the caption does not show the comment's)."""
        media = self._add_media(caption, username, timestamp, "public", None)
        with self._lock:
            self._media[media["id"]]["tags"] |= _tags_in(first_comment)
        return media

    def add_comment(self, media_id: str, text: str, *, username: str, timestamp: str,
                    parent_id: str | None = None, raw: dict[str, Any] | None = None) -> dict[str, Any]:
        """A comment on a post, or a reply (parent_id: a top-level comment; a reply to a reply joins its parent);
        raw: exactly this JSON for the comment, for malformed-item tests."""
        with self._lock:
            parent = self._comments.get(parent_id) if parent_id else None
            if parent and parent.get("parent_id"):
                parent = self._comments[parent["parent_id"]]
            cid = self._new_id()
            record = {"id": cid, "text": text, "timestamp": timestamp, "username": username,
                      "from": {"id": _user_id(username), "username": username}, "like_count": 0, "hidden": False,
                      "media": {"id": media_id}, **({"parent_id": parent["id"]} if parent else {})}
            if raw is not None:
                record = {**raw, "media": {"id": media_id}}
            self._comments[record.get("id") or cid] = record
            self._media[media_id]["comments_count"] += 1
            return copy.deepcopy(record)

    def delete(self, object_id: str) -> None:
        """Its author deleted a comment or a post: GET /{id} answers code 100, error_subcode 33 from now on."""
        with self._lock:
            found = self._comments.pop(object_id, None)
            if found is not None:
                media = self._media.get(found["media"]["id"])
                if media is not None:
                    media["comments_count"] -= 1
            else:
                del self._media[object_id]

    def comment(self, comment_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._comments.get(comment_id)
            return copy.deepcopy(found) if found else None

    def hashtag_id(self, tag: str) -> str:
        """The global id of a hashtag (what ig_hashtag_search answers), created on first use."""
        with self._lock:
            return self._hashtags.setdefault(tag.lower(), str(17_843_000_000_000_000 + len(self._hashtags)))

    @property
    def searched(self) -> list[str]:
        """Hashtags searched through ig_hashtag_search, in order (repeats included)."""
        return [c.params["q"] for c in self.calls_to("GET", "/ig_hashtag_search") if c.status == 200]

    # --- what the fake received, and trouble on cue --------------------------------------

    def fail_next(self, path_prefix: str, n: int = 1, *, kind: str = "throttled", method: str | None = None,
                  status: int | None = None, code: int | None = None, regain_minutes: int = 0) -> None:
        """The next n requests under path_prefix (of `method`, or any) fail: throttled (HTTP 429, code 80002 unless
        given), 5xx (500, code 2), lost (carried out, then answered 500 as if the answer timed out), token (400,
        code 190) or permission (403, code 10)."""
        defaults = {"throttled": (429, 80002), "5xx": (500, 2), "lost": (500, 2), "token": (400, 190),
                    "permission": (403, 10)}
        if kind not in defaults:
            raise ValueError(f"fail_next: unknown kind {kind!r}")
        with self._lock:
            self._failures.append([path_prefix, n, kind, status or defaults[kind][0], code or defaults[kind][1],
                                   regain_minutes, method])

    def answer_next(self, path_prefix: str, payload: Any, n: int = 1, *, status: int = 200) -> None:
        """The next n requests under path_prefix are answered with exactly this JSON (an answer of the wrong shape, an
        error of the server's own words)."""
        with self._lock:
            self._failures.append([path_prefix, n, "answer", status, payload, 0, None])

    # --- serving -----------------------------------------------------------------------

    def _serve(self, handler: FakeHandler) -> None:
        url, headers, raw = handler.read_request()
        body = raw.decode("utf-8")
        params = {k: v[-1] for k, v in {**parse_qs(url.query), **parse_qs(body)}.items()}
        path = url.path.removeprefix(f"/{VERSION}")
        with self._lock:
            status, payload, usage = self._route(handler.command, path, params, headers)
            self._calls.append(Call(handler.command, path, params, headers, status))
        _send(handler, status, payload, usage)

    def _route(self, method: str, path: str, params: dict[str, str],
               headers: dict[str, str]) -> tuple[int, Any, dict[str, Any]]:
        usage = {"call_count": self.usage_pct, "total_cputime": self.usage_pct, "total_time": self.usage_pct,
                 "estimated_time_to_regain_access": self.regain_minutes}
        bucs = {self.user_id: [{"type": "instagram", **usage}]}
        failure = next((f for f in self._failures if path.startswith(f[0]) and f[1] > 0
                        and f[6] in (None, method)), None)
        if failure:
            failure[1] -= 1
            _, _, kind, status, code, regain, _ = failure
            if kind == "answer":
                return status, code, bucs  # the payload is kept where the code would be
            if kind == "lost":
                self._answer(method, path.strip("/").split("/"), params)
            if kind == "throttled":
                bucs = {self.user_id: [{"type": "instagram", "call_count": 100, "total_cputime": 40,
                                        "total_time": 40, "estimated_time_to_regain_access": regain}]}
            return status, _error(kind, code), bucs
        if headers.get("authorization") != f"Bearer {self.token}" and params.get("access_token") != self.token:
            return 400, _error("token", 190), bucs
        status, payload = self._answer(method, path.strip("/").split("/"), params)
        return status, payload, bucs

    def _answer(self, method: str, parts: list[str], params: dict[str, str]) -> tuple[int, Any]:
        fields = _fields(params.get("fields", "id"))
        node, edge = parts[0], parts[1] if len(parts) > 1 else None
        if method == "GET" and node == "ig_hashtag_search":
            return 200, {"data": [{"id": self.hashtag_id(params.get("q", ""))}]}
        if method == "GET" and node == self.user_id and edge is None:
            return 200, self._user(params.get("fields", "id"))
        if method == "GET" and node == self.user_id and edge in ("media", "tags"):
            origin = "own" if edge == "media" else "tagged"
            items = [m for m in self._media.values() if m["origin"] == origin]
            return 200, self._page(items, fields, params, f"{node}/{edge}")
        if method == "GET" and edge == "recent_media" and node in self._hashtags.values():
            if "username" in fields:
                return 400, {"error": {"message": "(#100) Tried accessing nonexisting field (username)",
                                       "type": "OAuthException", "code": 100, "fbtrace_id": "AbC123"}}
            tag = next(t for t, i in self._hashtags.items() if i == node)
            since = self.now - timedelta(hours=24)
            items = [m for m in self._media.values() if m["origin"] != "own" and tag in m["tags"]
                     and _ts(m["timestamp"]) >= since]
            return 200, self._page(items, fields, params, f"{node}/{edge}", before=False)
        if method == "GET" and edge == "comments" and node in self._media:
            items = [c for c in self._comments.values() if c["media"]["id"] == node and not c.get("parent_id")]
            return 200, self._page(items, fields, params, f"{node}/{edge}")
        if edge == "replies" and node in self._comments:
            if method == "POST":
                return self._post_reply(node, params.get("message", ""))
            items = [c for c in self._comments.values() if c.get("parent_id") == node]
            return 200, self._page(items, fields, params, f"{node}/{edge}")
        if method == "GET" and edge is None and node in self._comments:
            return 200, _project(self._comments[node], fields)
        if method == "GET" and edge is None and self._media.get(node, {}).get("origin") == "own":
            return 200, _project(self._media[node], fields)  # others' media answer code 100/33 like a deleted one
        if method == "POST" and node == self.user_id and edge == "mentions":
            return self._post_mention(params.get("media_id", ""), params.get("message", ""))
        return 400, {"error": {"message": f"Unsupported {method.lower()} request. Object with ID '{node}' does not"
                                          " exist, cannot be loaded due to missing permissions, or does not support"
                                          " this operation.", "type": "GraphMethodException", "code": 100,
                               "error_subcode": 33, "fbtrace_id": "AbC123"}}

    def _user(self, fields: str) -> dict[str, Any]:
        match = _MENTIONED.fullmatch(fields)
        if not match:
            return _project({"id": self.user_id, "username": self.username}, _fields(fields))
        comments = _newest([c for c in self._comments.values() if c["media"]["id"] == match[1]])
        wanted = _fields(match[2]).get("comments", {})
        return {"id": self.user_id, "mentioned_media": {"id": match[1],
                                                        "comments": {"data": [_project(c, wanted) for c in comments]}}}

    def _page(self, items: list[dict[str, Any]], fields: dict[str, Any], params: dict[str, str], path: str,
              *, before: bool = True) -> dict[str, Any]:
        items = _newest(items)
        limit = min(int(params.get("limit") or 25), MAX_LIMIT)
        start = int(base64.b64decode(params["after"]).decode()) if params.get("after") else 0
        chunk = items[start:start + limit]
        if not chunk:  # an empty list has no cursors to give
            return {"data": []}
        cursors = {"after": _cursor(start + len(chunk))} | ({"before": _cursor(start)} if before else {})
        paging: dict[str, Any] = {"cursors": cursors}
        if start + limit < len(items):
            keep = {k: v for k, v in params.items() if k not in ("after", "access_token")}
            query = urlencode({**keep, "after": cursors["after"]})
            paging["next"] = f"https://graph.facebook.com/{VERSION}/{path}?{query}"
        return {"data": [self._view(i, fields) for i in chunk], "paging": paging}

    def _view(self, item: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        out = _project(item, fields)
        if "replies" in fields and "text" in item:
            replies = _newest([c for c in self._comments.values() if c.get("parent_id") == item["id"]])
            if replies:
                nested: dict[str, Any] = {"data": [_project(r, fields["replies"]) for r in replies[:NESTED_LIMIT]]}
                if len(replies) > NESTED_LIMIT:
                    after = _cursor(NESTED_LIMIT)
                    url = f"https://graph.facebook.com/{VERSION}/{item['id']}/replies?after={after}"
                    nested["paging"] = {"cursors": {"before": _cursor(0), "after": after}, "next": url}
                out["replies"] = nested
        return out

    def _post_reply(self, comment_id: str, message: str) -> tuple[int, Any]:
        if not message.strip():
            return 400, {"error": {"message": "(#100) The parameter message is required", "type": "OAuthException",
                                   "code": 100, "fbtrace_id": "AbC123"}}
        target = self._comments[comment_id]
        reply = self.add_comment(target["media"]["id"], message, username=self.username, timestamp=_iso(self.now),
                                 parent_id=comment_id)
        return 200, {"id": reply["id"]}

    def _post_mention(self, media_id: str, message: str) -> tuple[int, Any]:
        media = self._media.get(media_id)
        if media is None or f"@{self.username}".lower() not in (media["caption"] or "").lower():
            return 400, {"error": {"message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100,
                                   "error_subcode": 2207001, "fbtrace_id": "AbC123"}}
        comment = self.add_comment(media_id, message, username=self.username, timestamp=_iso(self.now))
        return 200, {"id": comment["id"]}

    def _add_media(self, caption: str, username: str, timestamp: str, origin: str,
                   media_id: str | None) -> dict[str, Any]:
        with self._lock:
            mid = media_id or self._new_id()
            record = {"id": mid, "caption": caption, "timestamp": timestamp, "username": username,
                      "permalink": f"https://www.instagram.com/p/C{mid[-9:]}/", "media_type": "IMAGE",
                      "comments_count": 0, "like_count": 0, "origin": origin,
                      "tags": _tags_in(caption)}
            self._media[mid] = record
            return _project(record, _fields("id,caption,timestamp,username,permalink,media_type"))

    def _new_id(self) -> str:
        self._next_id += 1
        return str(self._next_id)


def _user_id(username: str) -> str:
    """An account's id (Instagram-scoped, stable across renames in the real API): here one per username."""
    return str(17_841_400_000_000_000 + int(hashlib.sha256(username.encode("utf-8")).hexdigest()[:12], 16))


def _tags_in(text: str) -> set[str]:
    """The hashtags Instagram indexes a text under: one tag however its letters are composed or cased."""
    return {t.lower() for t in _TAG.findall(unicodedata.normalize("NFKC", text))}


def _fields(spec: str) -> dict[str, Any]:
    """"id,text,replies{id,text}" -> {"id": {}, "text": {}, "replies": {"id": {}, "text": {}}}."""
    out: dict[str, Any] = {}
    depth, start, name = 0, 0, ""
    for i, ch in enumerate(spec + ","):
        if ch == "{":
            if depth == 0:
                name, start = spec[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out[name] = _fields(spec[start:i])
                start = i + 1
        elif ch == "," and depth == 0:
            if spec[start:i].strip():
                out[spec[start:i].strip()] = {}
            start = i + 1
    return out


def _project(item: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(item[k]) for k in fields if k in item and k not in ("replies", "origin", "tags")}


def _newest(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: (str(i.get("timestamp")), str(i.get("id"))), reverse=True)


def _cursor(offset: int) -> str:
    return base64.b64encode(str(offset).encode()).decode()


def _ts(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _error(kind: str, code: int) -> dict[str, Any]:
    messages = {
        "throttled": "There have been too many calls to this Instagram account. Wait a bit and try again.",
        "5xx": "An unexpected error has occurred. Please retry your request later.",
        "lost": "An unexpected error has occurred. Please retry your request later.",
        "token": "Error validating access token: Session has expired on Monday, 16-Nov-26 09:00:00 PST.",
        "permission": "(#10) Application does not have permission for this action",
    }
    error = {"message": messages[kind], "type": "OAuthException", "code": code, "fbtrace_id": "AbC123"}
    if kind == "token":
        error["error_subcode"] = 463
    if kind in ("throttled", "5xx", "lost"):
        error["is_transient"] = True
    return {"error": error}


def _send(handler: FakeHandler, status: int, payload: Any, bucs: dict[str, Any]) -> None:
    app = bucs[next(iter(bucs))][0]
    app_usage = {k: app[k] for k in ("call_count", "total_cputime", "total_time")}
    handler.send_answer(status, {"Content-Type": "application/json; charset=UTF-8", "facebook-api-version": VERSION,
                                 "x-fb-trace-id": "AbC123", "X-App-Usage": json.dumps(app_usage),
                                 "X-Business-Use-Case-Usage": json.dumps(bucs)}, json.dumps(payload).encode("utf-8"))


@pytest.fixture
def fake_instagram() -> Iterator[FakeInstagram]:
    with FakeInstagram() as fake:
        yield fake
