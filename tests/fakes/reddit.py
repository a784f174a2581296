"""FakeReddit: a local HTTP server answering Reddit's OAuth token endpoint and API on the wire.

Point the real PRAW at it (both hosts are the fake)::

    with FakeReddit() as fake:
        reddit = praw.Reddit(client_id=..., client_secret=..., user_agent=..., oauth_url=fake.base_url,
                             reddit_url=fake.base_url)
        fake.add_post("Miksi Nordea ei toimi?", author="asiakas", subreddit="Suomi", created_utc=...)

Wire facts it follows (reddit.com/dev/api, the reddit-archive wiki "JSON" and r2/models/builder.py + listing.py,
prawcore/auth.py and sessions.py): POST /api/v1/access_token with HTTP basic auth (client id, secret) and a form body
(grant_type=password with username/password, or client_credentials) answers {"access_token", "token_type": "bearer",
"expires_in", "scope"}; a bad app secret is 401, a bad password is 200 {"error": "invalid_grant"}. API calls carry
"Authorization: bearer <token>"; a refused token is 401 with WWW-Authenticate error="invalid_token". Listings are
{"kind": "Listing", "data": {"after", "before", "dist", "children": [{"kind": "t3"|"t1", "data": {...}}]}}, newest
first, limit <= 100 (25 by default); ``after=`` slices older than an item, ``before=`` the slice just newer than it;
an anchor missing from the listing (deleted or removed item) gives an empty page; the answer's ``after`` / ``before``
follow the builder's rules (``before`` only with ``count``). Every API answer has X-Ratelimit-Used, -Remaining (a
float) and -Reset (seconds to the window's end); over the limit is 429. POST /api/comment (thing_id, text,
api_type=json) answers {"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": ...}]}}}.
"""

from __future__ import annotations

import base64
import copy
import json
import threading
import zlib
from typing import Any, Iterator, Mapping
from urllib.parse import parse_qs

import pytest

from tests.fakes.local_server import Call, FailingServer, FakeHandler

WINDOW = 1000  # requests per 10-minute window (100 a minute)
MAX_LIMIT = 100
UNAUTHORIZED = {"message": "Unauthorized", "error": 401}


class FakeReddit(FailingServer):
    """Reddit with one script app (client id/secret) whose developer account is ``me``."""

    def __init__(self, *, client_id: str = "app-id", client_secret: str = "app-secret", me: str = "nordea",
                 password: str = "hunter2") -> None:
        self.client_id, self.client_secret, self.me, self.password = client_id, client_secret, me, password
        self.now_utc = 1_794_907_800.0  # created_utc of comments posted through the API (2026-11-17T09:30Z)
        self.used, self.reset_in = 0, 540
        self._lock = threading.RLock()
        self._things: dict[str, dict[str, Any]] = {}  # fullname -> {"kind", "data"}
        self._hidden: set[str] = set()  # deleted or removed: gone from listings
        self._tokens: dict[str, str | None] = {}  # access token -> username (None: app-only)
        self._failures: list[list[Any]] = []  # [path prefix, remaining, kind, reset_in or payload]
        self._calls: list[Call] = []  # params: the last value of each key
        self._next_id = 36 ** 6

    # --- content -----------------------------------------------------------------------

    def add_post(self, title: str, *, author: str, subreddit: str, created_utc: float, selftext: str = "",
                 raw: dict[str, Any] | None = None) -> dict[str, Any]:
        """A self post (t3); raw: extra or broken fields laid over the data, for malformed-item tests."""
        with self._lock:
            id36 = self._new_id()
            permalink = f"/r/{subreddit}/comments/{id36}/{_slug(title)}/"
            data = {**_common(id36, "t3", author, subreddit, created_utc, permalink),
                    "title": title, "selftext": selftext, "is_self": True, "url": f"https://www.reddit.com{permalink}",
                    "num_comments": 0, "domain": f"self.{subreddit}", "post_hint": "self", "link_flair_text": None,
                    "upvote_ratio": 1.0, "thumbnail": "self", "removed_by_category": None, **(raw or {})}
            return self._store("t3", data)

    def add_comment(self, body: str, *, author: str, parent: str, created_utc: float,
                    raw: dict[str, Any] | None = None) -> dict[str, Any]:
        """A comment (t1) on a post or comment (parent: its fullname)."""
        with self._lock:
            parent_data = self._things[parent]["data"]
            link = self._things[parent_data.get("link_id") or parent]["data"]
            id36 = self._new_id()
            data = {**_common(id36, "t1", author, link["subreddit"], created_utc, f"{link['permalink']}{id36}/"),
                    "body": body, "parent_id": parent, "link_id": link["name"], "link_title": link["title"],
                    "link_author": link["author"], "link_permalink": link["url"], "is_submitter": False,
                    "replies": "", "controversiality": 0, "depth": None, **(raw or {})}
            link["num_comments"] += 1
            return self._store("t1", data)

    def hide(self, fullname: str) -> None:
        """The item is deleted or removed: listings leave it out (and before= it finds nothing)."""
        with self._lock:
            self._hidden.add(fullname)

    def delete(self, fullname: str, *, by: str = "author") -> None:
        """Deleted by its author (author and text read [deleted]) or removed by a moderator (text [removed]); a post
        also gets removed_by_category. Listings leave it out; /api/info still returns it, as Reddit does."""
        with self._lock:
            thing = self._things[fullname]
            data, text_key = thing["data"], "body" if thing["kind"] == "t1" else "selftext"
            if by == "author":
                data.update({"author": "[deleted]", text_key: "[deleted]"})
                data.pop("author_fullname", None)
            else:
                data[text_key] = "[removed]"
            if thing["kind"] == "t3":
                data["removed_by_category"] = "deleted" if by == "author" else "moderator"
            self._hidden.add(fullname)

    def thing(self, fullname: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._things.get(fullname)
            return copy.deepcopy(found["data"]) if found else None

    # --- what the fake received, and trouble on cue --------------------------------------

    # --- serving -----------------------------------------------------------------------

    def _serve(self, handler: FakeHandler) -> None:
        url, headers, raw = handler.read_request()
        body = raw.decode("utf-8")
        params = {k: v[-1] for k, v in parse_qs(url.query + "&" + body, keep_blank_values=True).items()}
        method, path = handler.command, url.path.rstrip("/") or "/"
        with self._lock:
            if path == "/api/v1/access_token":
                status, payload, extra = self._token(method, params, headers)
            else:
                status, payload, extra = self._api(method, path, params, headers)
            self._calls.append(Call(method, path, params, headers, status))
        _send(handler, status, payload, extra)

    def _token(self, method: str, params: dict[str, str], headers: dict[str, str]):
        expected = "Basic " + base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if method != "POST" or headers.get("authorization") != expected:
            return 401, UNAUTHORIZED, {}
        grant = params.get("grant_type")
        if grant == "password" and (params.get("username", "").lower() != self.me.lower()
                                    or params.get("password") != self.password):
            return 200, {"error": "invalid_grant"}, {}
        if grant not in ("password", "client_credentials"):
            return 200, {"error": "unsupported_grant_type"}, {}
        token = f"tok-{len(self._tokens) + 1}"
        self._tokens[token] = self.me if grant == "password" else None
        return 200, {"access_token": token, "token_type": "bearer", "expires_in": 86400, "scope": "*"}, {}

    def _api(self, method: str, path: str, params: dict[str, str], headers: dict[str, str]):
        self.used += 1
        failure = self._due_failure(path)
        if failure:
            kind, reset_in = failure
            if kind == "answer":
                return (*reset_in, self._limits())
            if kind == "ratelimited":
                self.used = WINDOW
                return 429, {"message": "Too Many Requests", "error": 429}, self._limits(reset_in)
            if kind == "5xx":
                return 503, {"message": "Service Unavailable", "error": 503}, self._limits()
            return 401, UNAUTHORIZED, {**self._limits(), **_invalid_token()}
        token = headers.get("authorization", "").removeprefix("bearer ")
        if token not in self._tokens:
            return 401, UNAUTHORIZED, {**self._limits(), **_invalid_token()}
        status, payload = self._route(method, path.strip("/").split("/"), params, self._tokens[token])
        return status, payload, self._limits()

    def _route(self, method: str, parts: list[str], params: dict[str, str], user: str | None) -> tuple[int, Any]:
        if method == "GET" and len(parts) == 3 and parts[0] == "r" and parts[2] in ("new", "comments"):
            subs = {s.lower() for s in parts[1].split("+")}
            kind = "t3" if parts[2] == "new" else "t1"
            return 200, self._listing(params, lambda d, k: k == kind and d["subreddit"].lower() in subs)
        if method == "GET" and parts == ["search"]:
            q = params.get("q", "").lower()
            return 200, self._listing(params, lambda d, k: k == "t3" and q in f"{d['title']} {d['selftext']}".lower())
        if method == "GET" and len(parts) == 3 and parts[0] == "user" and parts[2] == "comments":
            who = parts[1].lower()
            return 200, self._listing(params, lambda d, k: k == "t1" and d["author"].lower() == who)
        if method == "GET" and parts == ["api", "info"]:  # fullnames Reddit never had are left out
            names = [n for n in params.get("id", "").split(",") if n in self._things][:MAX_LIMIT]
            children = [copy.deepcopy(self._things[n]) for n in names]
            return 200, {"kind": "Listing", "data": {"after": None, "dist": len(children), "modhash": None,
                                                     "geo_filter": "", "children": children, "before": None}}
        if method == "POST" and parts == ["api", "comment"]:
            if user is None:
                return 403, {"message": "Forbidden", "error": 403}
            return 200, self._comment(params, user)
        return 404, {"message": "Not Found", "error": 404}

    def _listing(self, params: dict[str, str], keep) -> dict[str, Any]:
        """A slice of the matching items, as r2's builder cuts it (names newest first)."""
        names = [n for n, t in sorted(self._things.items(), key=_newest_first) if n not in self._hidden
                 and keep(t["data"], t["kind"])]
        limit, count = min(int(params.get("limit") or 25), MAX_LIMIT), int(params.get("count") or 0)
        before, after = params.get("before"), params.get("after")
        reverse = bool(before)
        order = names[::-1] if reverse else names
        anchor = before or after
        if anchor:
            order = order[order.index(anchor) + 1:] if anchor in order else []
        page, have_next = order[:limit], len(order) > limit
        if reverse:
            page.reverse()
            prev = page[0] if page and have_next and count - len(page) > 1 else None
            nxt = page[-1] if page and count > 0 else None
        else:
            prev = page[0] if page and count > 0 else None
            nxt = page[-1] if page and have_next else None
        children = [copy.deepcopy(self._things[n]) for n in page]
        return {"kind": "Listing", "data": {"after": nxt, "dist": len(children), "modhash": None,
                                            "geo_filter": None, "children": children, "before": prev}}

    def _comment(self, params: dict[str, str], user: str) -> dict[str, Any]:
        parent = params.get("thing_id", "")
        if parent not in self._things or parent in self._hidden:
            return {"json": {"errors": [["NO_THING_ID", "id not specified", "parent"]]}}
        posted = self.add_comment(params.get("text", ""), author=user, parent=parent, created_utc=self.now_utc)
        return {"json": {"errors": [], "data": {"things": [{"kind": "t1", "data": posted}]}}}

    def _limits(self, reset_in: int | None = None) -> dict[str, str]:
        return {"x-ratelimit-used": str(self.used), "x-ratelimit-remaining": f"{max(0, WINDOW - self.used):.1f}",
                "x-ratelimit-reset": str(self.reset_in if reset_in is None else reset_in)}

    def _new_id(self) -> str:
        self._next_id += 1
        return _b36(self._next_id)

    def _store(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        self._things[f"{kind}_{data['id']}"] = {"kind": kind, "data": data}
        return copy.deepcopy(data)


def _common(id36: str, kind: str, author: str, subreddit: str, created_utc: float, permalink: str) -> dict[str, Any]:
    """The fields posts and comments share (a subset of Reddit's, with its names and types)."""
    return {"id": id36, "name": f"{kind}_{id36}", "author": author,
            "author_fullname": f"t2_{_b36(zlib.crc32(author.lower().encode()))}", "subreddit": subreddit,
            "subreddit_id": f"t5_{_b36(zlib.crc32(subreddit.lower().encode()))}",
            "subreddit_name_prefixed": f"r/{subreddit}", "subreddit_type": "public", "created_utc": created_utc,
            "created": created_utc, "permalink": permalink, "score": 1, "ups": 1, "downs": 0, "edited": False,
            "distinguished": None, "stickied": False, "locked": False, "archived": False, "over_18": False,
            "author_flair_text": None, "total_awards_received": 0, "send_replies": True}


def _newest_first(item: tuple[str, dict[str, Any]]) -> tuple[float, int]:
    """Listing order: by created_utc (a broken one sorts as 0), then by id, newest first."""
    created = item[1]["data"].get("created_utc")
    return -(created if isinstance(created, (int, float)) else 0.0), -int(item[1]["data"]["id"], 36)


def _invalid_token() -> dict[str, str]:
    return {"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'}


def _slug(title: str) -> str:
    return "_".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:6]) or "post"


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _send(handler: FakeHandler, status: int, payload: Any, extra: Mapping[str, str]) -> None:
    headers = {"Content-Type": "application/json; charset=UTF-8"}
    if handler.close_connection:  # the client asked for it (prawcore does, for token requests): say so
        headers["Connection"] = "close"
    handler.send_answer(status, {**headers, **extra}, json.dumps(payload).encode("utf-8"))


@pytest.fixture
def fake_reddit() -> Iterator[FakeReddit]:
    with FakeReddit() as fake:
        yield fake
