"""FakeBluesky: a local HTTP server answering Bluesky's XRPC API (a PDS with the AppView behind it) on the wire.

Point the real atproto client at it::

    with FakeBluesky() as fake:
        client = Client(base_url=fake.base_url)
        client.login("nordeasuomi.bsky.social", fake.password)
        fake.add_post("@nordeasuomi.bsky.social miksi kortti ei toimi?", handle="asiakas.bsky.social",
                      created_at="2026-11-17T09:00:00.000Z")

Wire facts it follows (lexicons in atproto_client/models; docs.bsky.app advanced-guides/rate-limits;
bluesky-social/atproto packages/pds createSession.ts and the issues cited in bot/sources/bluesky.py):
every method is ``/xrpc/<nsid>``, queries GET with repeated keys for arrays (``reasons=mention&reasons=reply``),
procedures POST JSON; errors are ``{"error": Name, "message": ...}``: createSession with a wrong password is 401
AuthenticationRequired "Invalid identifier or password", a revoked access token 400 ExpiredToken, an unknown one 400
InvalidToken, no token 401 AuthenticationRequired, getRecord of a missing record 400 RecordNotFound "Could not locate
record: <uri>", createRecord on an rkey that exists 500 InternalServerError (the PDS has no conflict error yet), 429
RateLimitExceeded "Rate Limit Exceeded". Every answer carries RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset
(epoch seconds) and RateLimit-Policy ("3000;w=300") next to Date. createSession returns JWTs whose payload holds
``exp`` (the SDK refreshes from it, unverified) and a DID document naming this server as the account's PDS.
Lists come newest first: searchPosts (sort=latest) by sortAt = min(createdAt, indexedAt), with ``since`` inclusive,
``until`` exclusive and an offset cursor ("25"); listNotifications by indexedAt and getAuthorFeed by sortAt, both
with a time cursor (the next page is strictly older).
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import formatdate
from typing import Any, Iterator, Mapping
from urllib.parse import parse_qs

import pytest

from tests.fakes.local_server import FakeHandler, LocalServer

POST = "app.bsky.feed.post"
RATE_LIMIT = 3000
RATE_WINDOW_S = 300
TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"
TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")  # atproto_client string_formats
_MENTION = re.compile(r"(?<![\w@])@([a-zA-Z0-9][a-zA-Z0-9.-]*\.[a-zA-Z]{2,})")
_TAG = re.compile(r"(?<![\w#])#(\w+)")


@dataclass(frozen=True, slots=True)
class Call:
    """One request the fake received: the method's nsid, query parameters (lists) and JSON body."""

    method: str
    nsid: str
    params: Mapping[str, list[str]]
    body: Any
    headers: Mapping[str, str]
    status: int

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[-1] if values else None


class FakeBluesky(LocalServer):
    """One PDS on 127.0.0.1 (port 0) with one account that logs in (``handle`` + app ``password``)."""

    def __init__(self, *, handle: str = "nordeasuomi.bsky.social", password: str = "abcd-efgh-ijkl-mnop") -> None:
        self.handle, self.password = handle, password
        self.now_iso = "2026-11-17T09:30:00.000Z"  # indexedAt of records created through the API
        self.remaining, self.reset_in, self.access_ttl = RATE_LIMIT, RATE_WINDOW_S, 7200
        self._lock = threading.RLock()
        self._accounts: dict[str, dict[str, Any]] = {}
        self._posts: dict[str, dict[str, Any]] = {}
        self._notifications: list[dict[str, Any]] = []
        self._access: dict[str, str] = {}  # access JWT -> did (revoked ones removed)
        self._refresh: dict[str, str] = {}
        self._failures: list[list[Any]] = []  # [nsid, remaining, kind, reset_in or payload]
        self._calls: list[Call] = []
        self._serial = 0
        self.me = self.account(handle)["did"]

    # --- content -----------------------------------------------------------------------

    def account(self, handle: str) -> dict[str, Any]:
        """The profile (ProfileViewBasic) of handle, created on first use with a did:plc."""
        with self._lock:
            if handle not in self._accounts:
                did = "did:plc:" + base64.b32encode(hashlib.sha256(handle.encode()).digest()).decode().lower()[:24]
                self._accounts[handle] = {"did": did, "handle": handle, "displayName": handle.split(".")[0].title(),
                                          "avatar": f"https://cdn.bsky.app/img/avatar/plain/{did}/bafkrei@jpeg",
                                          "labels": [], "createdAt": "2024-02-01T10:00:00.000Z"}
            return copy.deepcopy(self._accounts[handle])

    def add_post(self, text: str, *, handle: str, created_at: str, indexed_at: str | None = None,
                 reply_to: str | None = None, langs: tuple[str, ...] = ("fi",), notify: bool = True,
                 rkey: str | None = None) -> dict[str, Any]:
        """A post (PostView) by handle; mentions of the logged-in account and replies to its posts notify it."""
        with self._lock:
            record = {"$type": POST, "text": text, "createdAt": created_at, "langs": list(langs)}
            facets = self._facets(text)
            if facets:
                record["facets"] = facets
            if reply_to:
                parent = self._posts[reply_to]
                ref = {"uri": parent["uri"], "cid": parent["cid"]}
                record["reply"] = {"root": parent["record"].get("reply", {}).get("root", ref), "parent": ref}
            post = self._store(self.account(handle), record, indexed_at or created_at, rkey)
            if notify:
                self._notify(post)
            return copy.deepcopy(post)

    def add_notification(self, raw: dict[str, Any]) -> str:
        """A notification of exactly this JSON (for malformed-item tests); returns its uri or ''."""
        with self._lock:
            self._notifications.append(copy.deepcopy(raw))
            return str(raw.get("uri") or "")

    def post(self, uri: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._posts.get(uri)
            return copy.deepcopy(found) if found else None

    def delete_post(self, uri: str) -> None:
        """Its author deleted a post: searches and app.bsky.feed.getPosts leave it out from now on."""
        with self._lock:
            del self._posts[uri]

    def replace_post(self, uri: str, post: dict[str, Any]) -> None:
        """Serve exactly this JSON for uri from now on (for malformed-item tests)."""
        with self._lock:
            self._posts[uri] = copy.deepcopy(post)

    def posts_by(self, handle: str) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(p) for p in self._posts.values() if p["author"]["handle"] == handle]

    def revoke_sessions(self) -> None:
        """Every access token issued so far answers 400 ExpiredToken from now on."""
        with self._lock:
            self._access = {token: "" for token in self._access}

    # --- what the fake received, and trouble on cue --------------------------------------

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, nsid: str) -> list[Call]:
        return [c for c in self.calls if c.nsid == nsid]

    def fail_next(self, nsid: str, n: int = 1, *, kind: str = "ratelimited", reset_in: int = 30) -> None:
        """The next n calls of nsid fail: ratelimited (429), 5xx (500), or lost (the call goes through but its
        answer is a 502, as when a proxy times out after the PDS did the work)."""
        if kind not in ("ratelimited", "5xx", "lost"):
            raise ValueError(f"fail_next: unknown kind {kind!r}")
        with self._lock:
            self._failures.append([nsid, n, kind, reset_in])

    def answer_next(self, nsid: str, payload: Any, n: int = 1, *, status: int = 200) -> None:
        """The next n calls of nsid are answered with exactly this JSON (an answer of the wrong shape, an error of the
        server's own words)."""
        with self._lock:
            self._failures.append([nsid, n, "answer", (status, payload)])

    # --- serving -----------------------------------------------------------------------

    def _serve(self, handler: FakeHandler) -> None:
        url, headers, raw = handler.read_request()
        body = json.loads(raw) if raw and headers.get("content-type", "").startswith("application/json") else None
        params = parse_qs(url.query, keep_blank_values=True)
        nsid = url.path.removeprefix("/xrpc/")
        with self._lock:
            status, payload, reset_in = self._route(handler.command, nsid, params, body, headers)
            self._calls.append(Call(handler.command, nsid, params, body, headers, status))
        _send(handler, status, payload, self.remaining, reset_in)

    def _route(self, method: str, nsid: str, params: dict[str, list[str]], body: Any,
               headers: dict[str, str]) -> tuple[int, Any, int]:
        self.remaining = max(0, self.remaining - 1)
        failure = next((f for f in self._failures if f[0] == nsid and f[1] > 0), None)
        if failure:
            failure[1] -= 1
            if failure[2] == "answer":
                return (*failure[3], self.reset_in)
            if failure[2] == "ratelimited":
                self.remaining = 0
                return 429, _error("RateLimitExceeded", "Rate Limit Exceeded"), failure[3]
            if failure[2] == "lost":
                self._route(method, nsid, params, body, headers)
                return 502, _error("UpstreamFailure", "Upstream Failure"), self.reset_in
            return 500, _error("InternalServerError", "Internal Server Error"), self.reset_in
        if method == "POST" and nsid == "com.atproto.server.createSession":
            return (*self._create_session(body or {}), self.reset_in)
        if method == "POST" and nsid == "com.atproto.server.refreshSession":
            return (*self._refresh_session(headers), self.reset_in)
        who = self._authorise(headers)
        if isinstance(who, tuple):
            return (*who, self.reset_in)
        one = lambda name: (params.get(name) or [None])[-1]
        if method == "GET" and nsid == "app.bsky.feed.searchPosts":
            return (*self._search(one("q") or "", one("since"), one("until"), one("cursor"), _limit(one("limit"))),
                    self.reset_in)
        if method == "GET" and nsid == "app.bsky.notification.listNotifications":
            reasons = params.get("reasons") or []
            items = [n for n in self._notifications if not reasons or n.get("reason") in reasons]
            page, cursor = _time_page(items, lambda n: str(n.get("indexedAt") or ""), one("cursor"),
                                      _limit(one("limit"), 50))
            body = {"notifications": page, **({"cursor": cursor} if cursor else {}), "priority": False}
            return 200, body, self.reset_in
        if method == "GET" and nsid == "app.bsky.feed.getAuthorFeed":
            return (*self._author_feed(one("actor") or "", one("filter"), one("cursor"), _limit(one("limit"), 50)),
                    self.reset_in)
        if method == "GET" and nsid == "app.bsky.feed.getPosts":
            found = [copy.deepcopy(self._posts[u]) for u in params.get("uris") or [] if u in self._posts]
            return 200, {"posts": found}, self.reset_in
        if method == "GET" and nsid == "com.atproto.repo.getRecord":
            uri = f"at://{one('repo')}/{one('collection')}/{one('rkey')}"
            post = self._posts.get(uri)
            if post is None:
                return 400, _error("RecordNotFound", f"Could not locate record: {uri}"), self.reset_in
            return 200, {"uri": uri, "cid": post["cid"], "value": post["record"]}, self.reset_in
        if method == "POST" and nsid == "com.atproto.repo.createRecord":
            return (*self._create_record(who, body or {}), self.reset_in)
        return 501, _error("MethodNotImplemented", "Method Not Implemented"), self.reset_in

    # --- sessions ----------------------------------------------------------------------

    def _create_session(self, body: dict[str, Any]) -> tuple[int, Any]:
        identifier = str(body.get("identifier") or "").lower()
        account = next((a for a in self._accounts.values() if identifier in (a["handle"], a["did"])), None)
        if account is None or account["handle"] != self.handle or body.get("password") != self.password:
            return 401, _error("AuthenticationRequired", "Invalid identifier or password")
        return 200, self._session(account)

    def _refresh_session(self, headers: dict[str, str]) -> tuple[int, Any]:
        token = headers.get("authorization", "").removeprefix("Bearer ")
        did = self._refresh.pop(token, None)
        if not did:
            return 400, _error("ExpiredToken", "Token has been revoked")
        account = next(a for a in self._accounts.values() if a["did"] == did)
        return 200, self._session(account)

    def _session(self, account: dict[str, Any]) -> dict[str, Any]:
        now = int(time.time())
        self._serial += 1
        access = _jwt({"scope": "com.atproto.appPass", "sub": account["did"], "iat": now, "exp": now + self.access_ttl,
                       "aud": "did:web:fake.bsky.network", "jti": f"a{self._serial}"}, "at+jwt")
        refresh = _jwt({"scope": "com.atproto.refresh", "sub": account["did"], "iat": now, "exp": now + 90 * 86400,
                        "aud": "did:web:bsky.social", "jti": f"r{self._serial}"}, "refresh+jwt")
        self._access[access], self._refresh[refresh] = account["did"], account["did"]
        did_doc = {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                   "id": account["did"], "alsoKnownAs": [f"at://{account['handle']}"],
                   "verificationMethod": [{"id": f"{account['did']}#atproto", "type": "Multikey",
                                           "controller": account["did"],
                                           "publicKeyMultibase": "zQ3shXjHeiBuRCKmM36cuYnm7YEMzhGnCmCyW92sRJ9pribSF"}],
                   "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                                "serviceEndpoint": self.base_url}]}
        return {"did": account["did"], "didDoc": did_doc, "handle": account["handle"],
                "email": "some@example.fi", "emailConfirmed": True, "active": True,
                "accessJwt": access, "refreshJwt": refresh}

    def _authorise(self, headers: dict[str, str]) -> str | tuple[int, Any]:
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return 401, _error("AuthenticationRequired", "Authentication Required")
        did = self._access.get(auth.removeprefix("Bearer "))
        if did is None:
            return 400, _error("InvalidToken", "Token could not be verified")
        if not did:
            return 400, _error("ExpiredToken", "Token has expired")
        return did

    # --- reading -----------------------------------------------------------------------

    def _search(self, q: str, since: str | None, until: str | None, cursor: str | None,
                limit: int) -> tuple[int, Any]:
        if not q.strip():
            return 400, _error("InvalidRequest", 'Error: Params must have the property "q"')
        if cursor is not None and not cursor.isdigit():
            return 400, _error("InvalidRequest", "invalid cursor")
        want = q.strip().lower()
        if want.startswith("#"):
            hit = lambda p: want[1:] in _tags(p["record"])
        else:
            hit = lambda p: want in str(p["record"].get("text", "")).lower()
        found = [p for p in self._posts.values() if hit(p)
                 and (since is None or _sort_at(p) >= _t(since)) and (until is None or _sort_at(p) < _t(until))]
        found.sort(key=lambda p: (_sort_at(p), p["uri"]), reverse=True)
        start = int(cursor or 0)
        page = found[start:start + limit]
        out: dict[str, Any] = {"posts": copy.deepcopy(page), "hitsTotal": len(found)}
        if start + limit < len(found):
            out["cursor"] = str(start + limit)
        return 200, out

    def _author_feed(self, actor: str, kind: str | None, cursor: str | None, limit: int) -> tuple[int, Any]:
        account = next((a for a in self._accounts.values() if actor in (a["did"], a["handle"])), None)
        if account is None:
            return 400, _error("InvalidRequest", "Profile not found")
        posts = [p for p in self._posts.values() if p["author"]["did"] == account["did"]
                 and (kind == "posts_with_replies" or "reply" not in p["record"])]
        items = [{"post": copy.deepcopy(p)} for p in posts]
        page, next_cursor = _time_page(items, lambda i: _iso(_sort_at(i["post"])), cursor, limit)
        return 200, {"feed": page, **({"cursor": next_cursor} if next_cursor else {})}

    # --- writing -----------------------------------------------------------------------

    def _create_record(self, did: str, body: dict[str, Any]) -> tuple[int, Any]:
        record, rkey = body.get("record"), body.get("rkey")
        if body.get("repo") not in (did, self.handle):
            return 401, _error("AuthenticationRequired", "Input/repo must be the authenticated account")
        if body.get("collection") != POST or not isinstance(record, dict) or record.get("$type") != POST:
            return 400, _error("InvalidRequest", "Invalid app.bsky.feed.post record")
        if not isinstance(record.get("text"), str) or not isinstance(record.get("createdAt"), str):
            return 400, _error("InvalidRequest", 'Invalid app.bsky.feed.post record: Record must have the property'
                                                 ' "text"')
        if rkey is not None and not TID.match(rkey):
            return 400, _error("InvalidRequest", f"Invalid record key: {rkey}")
        uri = f"at://{did}/{POST}/{rkey}" if rkey else None
        if uri in self._posts:
            return 500, _error("InternalServerError", "Internal Server Error")
        account = next(a for a in self._accounts.values() if a["did"] == did)
        post = self._store(account, record, self.now_iso, rkey)
        self._notify(post)
        return 200, {"uri": post["uri"], "cid": post["cid"], "commit": {"cid": _cid(post["uri"] + "commit"),
                                                                         "rev": _tid(time.time_ns() // 1000)},
                     "validationStatus": "valid"}

    def _store(self, account: dict[str, Any], record: dict[str, Any], indexed_at: str,
               rkey: str | None) -> dict[str, Any]:
        self._serial += 1
        rkey = rkey or _tid(int(_t(record.get("createdAt") or indexed_at).timestamp() * 1e6) + self._serial)
        uri = f"at://{account['did']}/{POST}/{rkey}"
        post = {"uri": uri, "cid": _cid(uri), "author": {k: account[k] for k in ("did", "handle", "displayName",
                                                                                  "avatar", "labels", "createdAt")},
                "record": copy.deepcopy(record), "replyCount": 0, "repostCount": 0, "likeCount": 0,
                "quoteCount": 0, "bookmarkCount": 0, "indexedAt": indexed_at, "labels": [],
                "viewer": {"threadMuted": False, "embeddingDisabled": False}}
        self._posts[uri] = post
        parent = self._posts.get(record.get("reply", {}).get("parent", {}).get("uri", ""))
        if parent:
            parent["replyCount"] += 1
        return post

    def _notify(self, post: dict[str, Any]) -> None:
        """Notifications for the logged-in account: a reply to its post, else a mention of it."""
        if post["author"]["did"] == self.me:
            return
        parent = self._posts.get(post["record"].get("reply", {}).get("parent", {}).get("uri", ""))
        mentioned = any(f.get("did") == self.me for facet in post["record"].get("facets", ())
                        for f in facet["features"])
        if parent and parent["author"]["did"] == self.me:
            reason, subject = "reply", parent["uri"]
        elif mentioned:
            reason, subject = "mention", None
        else:
            return
        author = {**post["author"], "indexedAt": "2024-02-01T10:00:00.000Z", "viewer": {"muted": False}}
        item = {"uri": post["uri"], "cid": post["cid"], "author": author, "reason": reason,
                "record": copy.deepcopy(post["record"]), "isRead": False, "indexedAt": post["indexedAt"],
                "labels": []}
        if subject:
            item["reasonSubject"] = subject
        self._notifications.append(item)

    def _facets(self, text: str) -> list[dict[str, Any]]:
        """Rich-text facets as the app writes them: byte ranges, mention (did) and tag features."""
        facets = []
        for match in _MENTION.finditer(text):
            did = self.account(match[1].lower())["did"]
            facets.append(_facet(text, match.span(), {"$type": "app.bsky.richtext.facet#mention", "did": did}))
        for match in _TAG.finditer(text):
            facets.append(_facet(text, match.span(), {"$type": "app.bsky.richtext.facet#tag", "tag": match[1]}))
        return sorted(facets, key=lambda f: f["index"]["byteStart"])


def _facet(text: str, span: tuple[int, int], feature: dict[str, Any]) -> dict[str, Any]:
    start, end = len(text[:span[0]].encode()), len(text[:span[1]].encode())
    return {"$type": "app.bsky.richtext.facet", "index": {"byteStart": start, "byteEnd": end}, "features": [feature]}


def _tags(record: dict[str, Any]) -> set[str]:
    tags = {str(t).lower() for t in record.get("tags") or ()}
    for facet in record.get("facets") or ():
        tags.update(str(f.get("tag", "")).lower() for f in facet.get("features", ()) if f.get("tag"))
    return tags


def _time_page(items: list[dict[str, Any]], key: Any, cursor: str | None,
               limit: int) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first; the cursor is the time of the page's last item and the next page is strictly older."""
    ordered = sorted(items, key=key, reverse=True)
    if cursor:
        ordered = [i for i in ordered if key(i) < cursor]
    page = ordered[:limit]
    return copy.deepcopy(page), (key(page[-1]) if len(ordered) > limit else None)


def _sort_at(post: dict[str, Any]) -> datetime:
    """min(createdAt, indexedAt); a time that does not parse (a malformed post) does not count."""
    times = []
    for value in (post.get("indexedAt"), (post.get("record") or {}).get("createdAt")):
        try:
            times.append(_t(value))
        except (TypeError, ValueError, AttributeError, OverflowError):  # year 0 in UTC: not a sort time either
            pass
    return min(times) if times else datetime(1970, 1, 1, tzinfo=timezone.utc)


def _t(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _limit(value: str | None, default: int = 25) -> int:
    return max(1, min(int(value or default), 100))


def _tid(micros: int) -> str:
    value = (micros << 10) | 7
    return "".join(TID_CHARS[(value >> shift) & 31] for shift in range(60, -1, -5))


def _cid(seed: str) -> str:
    return "bafyrei" + base64.b32encode(hashlib.sha256(seed.encode()).digest()).decode().lower().rstrip("=")[:52]


def _jwt(payload: dict[str, Any], typ: str) -> str:
    part = lambda data: base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    signature = base64.urlsafe_b64encode(hashlib.sha256(json.dumps(payload).encode()).digest()).decode().rstrip("=")
    return f"{part({'typ': typ, 'alg': 'ES256K'})}.{part(payload)}.{signature}"


def _error(name: str, message: str) -> dict[str, str]:
    return {"error": name, "message": message}


def _send(handler: FakeHandler, status: int, payload: Any, remaining: int, reset_in: int) -> None:
    now = int(time.time())
    headers = {"Date": formatdate(now, usegmt=True), "Content-Type": "application/json; charset=utf-8",
               "RateLimit-Limit": str(RATE_LIMIT), "RateLimit-Remaining": str(remaining),
               "RateLimit-Reset": str(now + reset_in), "RateLimit-Policy": f"{RATE_LIMIT};w={RATE_WINDOW_S}"}
    handler.send_answer(status, headers, json.dumps(payload).encode("utf-8"))


@pytest.fixture
def fake_bluesky() -> Iterator[FakeBluesky]:
    with FakeBluesky() as fake:
        yield fake
