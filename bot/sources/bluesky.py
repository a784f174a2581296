"""Bluesky through the atproto SDK: search terms and hashtags (app.bsky.feed.searchPosts), mention, reply and quote
notifications, and the account's own posts (app.bsky.feed.getAuthorFeed), so a reply written in the Bluesky app closes
its case at the reply's time; replies go out with com.atproto.repo.createRecord.

Login: com.atproto.server.createSession with `handle` and an app password (password_env). The SDK moves to the PDS
named in the session's DID document and refreshes the access JWT from its `exp` itself. createSession is limited to
30 per 5 minutes and 300 a day per account, so a source logs in once and keeps the session: in memory while the
process runs and, given the database, in it (key "session:NAME" of the cursors table) after every login and refresh,
so `kuulo poll` from cron resumes the session instead of logging in each run. A saved session that no longer works
(refresh token expired or revoked) is replaced by a fresh login.

Reading: every stream pages newest first through an opaque cursor (searchPosts with sort=latest and since=). The JSON
cursor holds per stream {"seen": newest sort time read, "recent": {uri: sort time}}. A walk reads back to `seen`
minus LATE_WINDOW, since a post's sort time (min(createdAt, indexedAt)) can land a little in the past (indexing lag,
clients' clocks); `recent` keeps the posts read in that window from being delivered twice. A walk stopped by the page
cap also saves "page" (the platform cursor of the next older page) and "top" (the newest time it read): the next poll
continues there and only then moves `seen` up, so nothing is lost. The first poll reads only the newest page.
Pages are read as JSON (client.invoke_query) rather than as the SDK's models, which validate a whole page at once:
one malformed post is skipped alone instead of blocking its stream.

Posts become Mentions in bot/sources/bluesky_posts.py (ids are at:// URIs, authors handles without ".bsky.social").
Rate limits: RateLimit-Remaining / RateLimit-Reset (epoch seconds) on every answer, 429 RateLimitExceeded when over.
The saved session, the SDK's hooks and the errors each SDK exception becomes: bot/sources/bluesky_session.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Sequence

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.limits import FIRST_LOOK_GRACE_S
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import expect_list, expect_object, kind, platform_text, unusable
from kuulo.bot.sources.base import Harvest, Lookup, PollNotes, campaign_starts, load_json_cursor, lookup_batches
from kuulo.bot.sources.bluesky_posts import POST, is_ref, item_time, item_uri, sort_time, still_there, to_mention
from kuulo.bot.sources.bluesky_session import SavedSession, Wire, reset_in, transport_error, xrpc
from kuulo.bot.sources.registry import secret_from_env
from kuulo.bot.sources.times import cursor_time, parse_iso
from kuulo.storage.db import Database

DEFAULT_SERVICE = "https://bsky.social"
PAGE_LIMIT = 100  # the lexicons' maximum for searchPosts, listNotifications and getAuthorFeed
MAX_PAGES_PER_STREAM = 5  # per poll; the rest waits for the next poll
LATE_WINDOW = timedelta(minutes=15)  # how far behind the newest post a walk still looks
GET_POSTS_MAX = 25  # uris per app.bsky.feed.getPosts (the lexicon's maximum)
MAX_RECENT = 500  # uris remembered per stream; beyond that the database's dedup takes over
REQUEST_TIMEOUT_S = 20.0
REASONS = ("mention", "reply", "quote")
SEARCH = "app.bsky.feed.searchPosts"  # a search or hashtag: empty at its first look, it keeps that look's time as a
# floor, so a search that was empty for a moment does not bring back hours of older posts as news (the account's own
# feed and notifications keep no floor: a brand reply or a mention indexed late still counts)
TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable (atproto TID spec)
log = logging.getLogger(__name__)


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> BlueskySource:
    """A BlueskySource for a `type: bluesky` entry: handle and password_env are required."""
    if src.token_env:
        raise KuuloError(f"source '{src.name}': bluesky logs in with handle and an app password; "
                         "set password_env instead of token_env")
    handle = str(src.options.get("handle") or "").lstrip("@")
    if not handle:
        raise KuuloError(f"source '{src.name}': set handle, the account Kuulo logs in as"
                         " (e.g. nordeasuomi.bsky.social)")
    if not src.options.get("password_env"):
        raise KuuloError(f"source '{src.name}': set password_env to the name of the environment variable"
                         " that holds the account's app password")
    password = secret_from_env(src, env, src.options["password_env"], "password_env")
    notifications = src.options.get("notifications", True)
    hashtags, search = src.options.get("hashtags", ()), src.options.get("search", ())
    if not (notifications or hashtags or search or src.options.get("campaign_watch")):
        raise KuuloError(f"source '{src.name}': nothing to read; set search, hashtags or notifications: true")
    return BlueskySource(src.name, src.base_url or DEFAULT_SERVICE, handle, password, clock=clock,
                         search=search, hashtags=hashtags, notifications=notifications, db=db)


@dataclass(frozen=True, slots=True)
class _Stream:
    """One list read newest first: its key in the cursor, the XRPC query, where the items are."""

    key: str
    nsid: str
    params: Callable[[str | None, str | None], Any]  # (page cursor, since) -> the query's Params model
    items: str


class BlueskySource:
    """One account on one service (base_url, the entryway or the PDS), reading the streams configured for it."""

    platform = "bluesky"

    def __init__(self, name: str, base_url: str, handle: str, password: str, *, clock: Clock,
                 search: Iterable[str] = (), hashtags: Iterable[str] = (), notifications: bool = True,
                 timeout: float = REQUEST_TIMEOUT_S, db: Database | None = None):
        from atproto_client import Client  # lazy: config loading stays light
        from atproto_client.request import Request

        from kuulo.bot.sources.bounded_http import bounded_transport

        self.name, self.base_url, self.handle, self.clock = name, base_url, handle, clock
        self._who = f"bluesky {name}"
        self.search = tuple(search)
        self.hashtags = tuple(tag.lstrip("#") for tag in hashtags)
        self.starts: dict[str, datetime] = {}  # the campaigns' tags: read from the start at their first look
        self.notifications = notifications
        self.last_poll = PollNotes()
        self._password = password
        self._sessions = SavedSession(db, name, clock) if db is not None else None
        self._wire = Wire(self._sessions.save if self._sessions else None)
        request = Request(timeout=timeout, event_hooks={"response": [self._wire.response]},
                          transport=bounded_transport())
        self.client = Client(base_url=base_url, request=request)
        self.client.on_session_change(self._wire.session)
        weakref.finalize(self, request.close)  # the connection pool goes with the source

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """New posts of every stream since the cursor (the newest page of each on the first poll)."""
        state = load_json_cursor(cursor, "bluesky")
        self._login()
        harvest, new_state = Harvest(self.name), {}
        for tag, start in self.starts.items():  # never read: as if a look at the campaign's start had found nothing
            state.setdefault(f"tag:{tag.lower()}", {"empty": _iso(start + timedelta(seconds=FIRST_LOOK_GRACE_S))})
        for stream in self._streams():
            old = state.get(stream.key)
            items, new_state[stream.key] = self._walk(stream, old if isinstance(old, dict) else {})
            for item in items:
                uri = item_uri(item) if isinstance(item, Mapping) else None
                harvest.add(f"{stream.key} {uri or '?'}", partial(to_mention, item, stream.key),
                            key=(stream.key, uri) if uri else None)
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), cooldown_s=self._cooldown())
        return harvest.ordered(), json.dumps({k: v for k, v in new_state.items() if v}, sort_keys=True)

    def reply(self, mention_platform_id: str, text: str) -> str:
        """Reply in the post's thread; returns the reply's at:// URI. The record key is a TID derived from this
        source, the post and the text (its time is the post's indexedAt), and the record is looked up before it is
        created: a retry after a timeout finds the reply already posted and returns it (the PDS answers a create
        on an existing key with a 500, not with a conflict), so the platform never shows it twice."""
        from atproto_client import models
        from atproto_client.utils.facet_detection import detect_facets

        did = self._login()
        parent = self._parent(mention_platform_id)
        rkey = reply_rkey(self.name, mention_platform_id, text, sort_time(parent) or _parse(None))
        posted = self._existing(did, rkey)
        if posted:
            return posted
        ref = models.ComAtprotoRepoStrongRef.Main(uri=parent["uri"], cid=parent["cid"])
        root = (parent["record"].get("reply") or {}).get("root")
        root_ref = models.ComAtprotoRepoStrongRef.Main(uri=root["uri"], cid=root["cid"]) if is_ref(root) else ref
        record = models.AppBskyFeedPost.Record(
            text=text, created_at=_iso(self.clock.now()), facets=detect_facets(text) or None,
            reply=models.AppBskyFeedPost.ReplyRef(root=root_ref, parent=ref))
        data = models.ComAtprotoRepoCreateRecord.Data(repo=did, collection=POST, rkey=rkey, record=record)
        return self._call(lambda: self.client.com.atproto.repo.create_record(data)).uri

    def watch_hashtags(self, tags: Sequence[str], starts: Mapping[str, datetime] | None = None) -> None:
        """Read these hashtags from the next poll on (kuulo run follows the campaigns that start and end; a campaign's
        tag is read from its start)."""
        self.hashtags = tuple(tag.lstrip("#") for tag in tags)
        self.starts = campaign_starts(self.hashtags, starts)

    def lookup(self, post_ids: Sequence[str]) -> dict[str, Lookup]:
        """app.bsky.feed.getPosts, 25 uris a call: a post the AppView no longer returns was deleted (or taken down);
        a 5xx, a timeout or a rate limit leaves its batch unchecked."""
        uris = [u for u in post_ids if u.startswith("at://")]
        out = {u: Lookup("uncheckable", "not an at:// uri") for u in post_ids if not u.startswith("at://")}
        if uris:
            try:
                self._login()
            except TransportError as exc:
                return out | {u: Lookup("failed", str(exc)) for u in uris}
            out |= lookup_batches(uris, GET_POSTS_MAX, lambda batch: still_there(batch, self._posts(batch)))
        return out

    # --- reading ---------------------------------------------------------------------

    def _streams(self) -> list[_Stream]:
        from atproto_client import models

        did, streams = self._wire.did, []
        if self.notifications:
            streams.append(_Stream("notifications", "app.bsky.notification.listNotifications",
                                   lambda page, since: models.AppBskyNotificationListNotifications.Params(
                                       reasons=list(REASONS), limit=PAGE_LIMIT, cursor=page), "notifications"))
        streams.append(_Stream("own", "app.bsky.feed.getAuthorFeed",
                               lambda page, since: models.AppBskyFeedGetAuthorFeed.Params(
                                   actor=did, filter="posts_with_replies", limit=PAGE_LIMIT, cursor=page), "feed"))
        queries = [(f"search:{q}", q) for q in self.search] + [(f"tag:{t.lower()}", f"#{t}") for t in self.hashtags]
        for key, query in queries:
            streams.append(_Stream(key, SEARCH,
                                   lambda page, since, query=query: models.AppBskyFeedSearchPosts.Params(
                                       q=query, sort="latest", since=since, limit=PAGE_LIMIT, cursor=page), "posts"))
        return streams

    def _walk(self, stream: _Stream, state: Mapping[str, Any]) -> tuple[list[dict], dict[str, Any]]:
        """The stream's items newer than its floor, newest first, and the stream's next state."""
        seen, top, page = parse_iso(state.get("seen")), parse_iso(state.get("top")), state.get("page")
        looked = parse_iso(state.get("empty")) if seen is None else None  # when a search's first look found nothing
        empty = seen is None and (state.get("empty") is True or looked is not None)  # all after it is new
        recent = {str(u): t for u, t in (state.get("recent") or {}).items() if parse_iso(t)}
        floor = seen - LATE_WINDOW if seen else None
        if looked is not None:  # a search's first look found nothing: what is older is history, not news
            floor = looked - timedelta(seconds=FIRST_LOOK_GRACE_S)
        fresh: list[dict] = []
        complete = False
        for _ in range(MAX_PAGES_PER_STREAM if seen or empty else 1):
            body = self._query(stream.nsid, stream.params(page if isinstance(page, str) else None,
                                                          _iso(floor) if floor else None))
            batch = expect_list(body.get(stream.items), self._who, stream.nsid, stream.items)
            page = body.get("cursor") if isinstance(body.get("cursor"), str) else None
            complete = (seen is None and not empty) or not batch or not page
            now = self.clock.now()
            for item in batch:
                if not isinstance(item, dict):  # skipped, and counted, by the poll
                    fresh.append(item)
                    continue
                when = cursor_time(item_time(item), now)  # a post dated in 2150 must not move `seen` past all others
                if when is not None and floor is not None and when < floor:
                    complete = True
                    continue
                uri = item_uri(item)
                if uri and uri in recent:
                    continue
                fresh.append(item)
                top = _later(top, when)
                if uri:
                    recent[uri] = _iso(when) if when else ""
            if complete:
                break
        mark = _later(seen, top)
        if mark is None:  # still nothing: the next walks read all they find (a search: since this look, or the first)
            if stream.nsid != SEARCH:
                return fresh, {"empty": True}
            return fresh, {"empty": _iso(looked) if looked else _iso(self.clock.now())}
        recent = {u: t or _iso(mark) for u, t in recent.items()}
        next_floor = (mark if complete else seen or mark) - LATE_WINDOW  # where the next walk stops
        kept = sorted(((t, u) for u, t in recent.items() if _parse(t) >= next_floor), reverse=True)
        if complete:
            return fresh, {"seen": _iso(mark), "recent": {u: t for t, u in kept[:MAX_RECENT]}}
        start = {"seen": _iso(seen)} if seen else {"empty": state.get("empty", True)}
        return fresh, {**start, "recent": {u: t for t, u in kept[:MAX_RECENT]}, "page": page, "top": _iso(mark)}

    def _parent(self, uri: str) -> dict[str, Any]:
        found = next((p for p in self._posts([uri]) if isinstance(p, dict) and p.get("uri") == uri), None)
        if found is None or not is_ref(found) or not isinstance(found.get("record"), dict):
            raise TransportError(f"bluesky {self.name}: cannot reply, post {uri} is gone (deleted or blocked)",
                                 permanent=True)
        return found

    def _existing(self, did: str, rkey: str) -> str | None:
        """The uri of our record with this key, when an earlier attempt already created it."""
        from atproto_client import models
        from atproto_client.exceptions import BadRequestError

        nsid = "com.atproto.repo.getRecord"
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=POST, rkey=rkey)
        try:
            answer = self._call(lambda: self.client.invoke_query(nsid, params=params), raise_bad_request=True)
        except BadRequestError as exc:
            if xrpc(exc)[0] == "RecordNotFound" or "Could not locate record" in xrpc(exc)[1]:
                return None
            raise self._error(exc) from None
        uri = expect_object(answer.content, self._who, nsid).get("uri")
        if not isinstance(uri, str) or not uri:
            raise unusable(self._who, nsid, f"uri: expected a string, got {kind(uri)}")
        return uri

    # --- session, calls, errors and rate limits -------------------------------------------

    def _login(self, *, fresh: bool = False) -> str:
        """The account's DID: the saved session the first time if there is one, else a login (createSession)."""
        saved = None
        if self._wire.did is None and not fresh and self._sessions is not None:
            saved = self._sessions.load()
        if saved:
            try:
                self.client.login(session_string=saved, fetch_bsky_profile=False)  # no request: refreshed on use
            except (ValueError, AttributeError, IndexError):
                log.warning("bluesky %s: the saved session cannot be read; logging in again", self.name)
        if self._wire.did is None:
            self._call(lambda: self.client.login(self.handle, self._password, fetch_bsky_profile=False), login=True,
                       relogin=False)
        if self._wire.did is None:
            raise TransportError(f"bluesky {self.name}: createSession answered without a session")
        return self._wire.did

    def _query(self, nsid: str, params: Any) -> Mapping[str, Any]:
        """A query's answer, a JSON object (else TransportError)."""
        response = self._call(lambda: self.client.invoke_query(nsid, params=params))
        return expect_object(response.content, self._who, nsid)

    def _posts(self, uris: list[str]) -> list[Any]:
        """app.bsky.feed.getPosts: the posts the AppView still has of these uris."""
        from atproto_client import models

        nsid = "app.bsky.feed.getPosts"
        body = self._query(nsid, models.AppBskyFeedGetPosts.Params(uris=uris))
        return expect_list(body.get("posts"), self._who, nsid, "posts")

    def _call(self, call: Callable[[], Any], *, login: bool = False, relogin: bool = True,
              raise_bad_request: bool = False) -> Any:
        """Run one SDK call; an expired or revoked session (400 ExpiredToken / InvalidToken) logs in again once,
        anything else becomes a TransportError (a BadRequestError is passed up as it is with raise_bad_request)."""
        import httpx
        from atproto_client.exceptions import BadRequestError
        from atproto_core.exceptions import AtProtocolError

        try:
            return call()
        except httpx.TransportError as exc:  # what the SDK does not wrap, e.g. a connection dropped mid-answer
            raise TransportError(f"bluesky {self.name}: cannot reach {self.base_url} ({exc})") from None
        except (ValueError, RecursionError) as exc:  # the SDK's reading of the answer: not JSON (or nested past the
            # parser's depth), or not the lexicon's shape
            raise TransportError(f"bluesky {self.name}: unusable answer ({type(exc).__name__}: "
                                 f"{platform_text(exc)})") from None
        except BadRequestError as exc:
            if relogin and xrpc(exc)[0] in ("ExpiredToken", "InvalidToken"):
                log.info("bluesky %s: session %s; logging in again", self.name, xrpc(exc)[0])
                self._wire.did = None
                self._login(fresh=True)
                return self._call(call, relogin=False, raise_bad_request=raise_bad_request)
            if raise_bad_request:
                raise
            raise self._error(exc, login=login) from None
        except AtProtocolError as exc:
            raise self._error(exc, login=login) from None

    def _error(self, exc: Exception, *, login: bool = False) -> TransportError:
        """The TransportError for an SDK exception of this source's (bluesky_session.transport_error)."""
        return transport_error(exc, f"{self._who}: ", self.base_url, self.handle, self.clock, login=login)

    def _cooldown(self) -> float | None:
        """When the last answer said no requests remain, the wait until the reset."""
        headers = self._wire.headers
        return reset_in(headers, self.clock) if headers.get("ratelimit-remaining") == "0" else None


def reply_rkey(source: str, parent_uri: str, text: str, anchor: datetime) -> str:
    """A valid TID (13 base32-sortable chars: 53 bits of microseconds, 10 bits of clock id) that is the same for
    the same source, post and text: its time is `anchor` plus up to a second, both taken from a hash."""
    digest = int.from_bytes(hashlib.sha256(f"{source}\n{parent_uri}\n{text}".encode()).digest()[:8], "big")
    micros = int(anchor.timestamp()) * 1_000_000 + digest % 1_000_000
    value = (micros << 10) | (digest >> 54)
    return "".join(TID_CHARS[(value >> shift) & 31] for shift in range(60, -1, -5))


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return max(a, b) if a and b else a or b


def _parse(value: str | None) -> datetime:
    """The time, or the epoch when there is none."""
    return parse_iso(value) or datetime(1970, 1, 1, tzinfo=timezone.utc)


def _iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")

