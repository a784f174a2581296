"""Mastodon through Mastodon.py: mention notifications, hashtag timelines, optional search; replies.

With notifications on (a token), the token account's own posts are read too ("own" stream): a reply the brand
wrote in the Mastodon app closes its case at the reply's platform time.

The cursor is JSON of the newest id seen per stream, e.g. {"notifications": "34975861", "tag:nordea": "1130..."}.
A stream with a saved id is read forward with min_id and the Link header's rel="prev" page, oldest first, so a
poll cut short (page cap, rate limit) loses nothing: the next one continues from the cursor.

Mastodon.py makes the requests, pages and raises the errors; the items are read from each answer's JSON as the server
wrote it (Mastodon.py's typed objects hide an answer of the wrong shape and cast a field of the wrong type to text), and
so are an error's status and the server's words ({"error": ..., "error_description": ...}).
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime, timezone
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.limits import FIRST_LOOK_GRACE_S
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import (expect_list, expect_object, item_object, optional_text_id, platform_text,
                                       text_id, unusable)
from kuulo.bot.sources.base import (BadItem, Harvest, Lookup, PollNotes, campaign_starts, count, load_json_cursor,
                                   lookup_batches)
from kuulo.bot.sources.registry import token_from_env
from kuulo.bot.sources.text import html_to_text
from kuulo.bot.sources.times import ascii_digits, http_date, item_time, parse_iso, retry_after_header
from kuulo.storage.db import Database

PAGE_LIMIT = 40  # Mastodon's maximum for statuses and notifications
EMPTY = "0"  # the cursor of a stream that had nothing at its first look: all it shows later is new (min_id=0)
LOOKED = "@"  # a hashtag or search empty at its first look keeps "0@<its time>": later polls read it newest first
# down to that time less FIRST_LOOK_GRACE_S, so one empty for a moment brings back no older statuses as news (min_id=0
# would read its whole history, oldest first); notifications and the account's own statuses keep min_id=0
GAP = "#gap"  # "<stream>#gap": "<max_id>@<floor>", where such a walk the page cap stopped reads on at the next poll
FLOORED = ("tag:", "search:")  # the streams whose first look sets a floor
MAX_PAGES_PER_STREAM = 10  # per poll; the rest waits for the next poll
REQUEST_TIMEOUT_S = 20.0
ASSUMED_VERSION = "4.0.0"  # spares a GET /api/v1/instance; min_id search needs >= 2.8.0
USER_AGENT = "Kuulo/0.1 (+community-manager bot)"
log = logging.getLogger(__name__)

Fetch = Callable[..., Any]


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> MastodonSource:
    """A MastodonSource for a `type: mastodon` entry; notifications (the default) need a token."""
    if not src.base_url:
        raise KuuloError(f"source '{src.name}': mastodon needs base_url, the instance (e.g. https://mastodon.social)")
    notifications = src.options.get("notifications", True)
    hashtags, search = src.options.get("hashtags", ()), src.options.get("search", ())
    token = token_from_env(src, env, required=notifications)
    if not (notifications or hashtags or search or src.options.get("campaign_watch")):
        raise KuuloError(f"source '{src.name}': nothing to read; set hashtags, search or notifications: true")
    return MastodonSource(src.name, src.base_url, token, clock=clock, hashtags=hashtags, search=search,
                          notifications=notifications)


class MastodonSource:
    """One account on one instance (api_base_url), reading the streams configured for it."""

    platform = "mastodon"

    def __init__(self, name: str, base_url: str, token: str | None, *, clock: Clock, hashtags: Iterable[str] = (),
                 search: Iterable[str] = (), notifications: bool = True, timeout: float = REQUEST_TIMEOUT_S):
        from mastodon import Mastodon  # lazy: config loading stays light
        from kuulo.bot.sources.bounded_http import BoundedSession

        self.name, self.clock = name, clock
        self._who = f"mastodon {name}"
        self.hashtags = tuple(tag.lstrip("#") for tag in hashtags)
        self.starts: dict[str, datetime] = {}  # the campaigns' tags: read from the start at their first look
        self.search, self.notifications = tuple(search), notifications
        self.last_poll = PollNotes()
        self._me: str | None = None
        self._headers: Mapping[str, str] = {}
        self._last: Any = None  # the last answer (requests.Response), whose JSON shape Mastodon.py's objects hide
        session = BoundedSession()
        session.hooks["response"].append(self._remember)
        self.api = Mastodon(access_token=token, api_base_url=base_url, ratelimit_method="throw",
                            request_timeout=timeout, mastodon_version=ASSUMED_VERSION, version_check_mode="created",
                            session=session, user_agent=USER_AGENT)

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """New posts of every stream since the cursor (the newest page of each on the first poll)."""
        since = _load_cursor(cursor)
        for tag, start in self.starts.items():  # never read: as if a look at the campaign's start had found nothing
            since.setdefault(f"tag:{tag.lower()}", f"{EMPTY}{LOOKED}{int(start.timestamp()) + FIRST_LOOK_GRACE_S}")
        harvest = Harvest(self.name)
        newest = dict(since)
        for stream, fetch, field, pages in self._streams():
            items, cut = self._call(lambda: self._read(fetch, field, since.get(stream), pages))
            if (gap := _gap(since.get(stream + GAP))) is not None:  # below where the page cap stopped a walk
                more, cut = self._call(lambda: self._down_to(fetch, field, gap[1], pages, gap[0]))
                items += more
            newest[stream + GAP] = cut or ""
            for item in items:
                entry = item if isinstance(item, Mapping) else {}
                item_id = entry.get("id") if isinstance(entry.get("id"), str) and entry.get("id") else None
                if item_id:  # past a malformed item too, but never to an id that is no string
                    mark = newest.get(stream, item_id)
                    newest[stream] = item_id if _looked(mark) is not None else max(mark, item_id, key=_id_order)
                status = entry.get("status") if stream == "notifications" else item
                harvest.add(f"{stream} {item_id or '?'}", partial(to_mention, status, stream),
                            key=(stream, item_id) if item_id else None)
            if items and stream not in newest:  # a first look whose every item was unreadable (no id): no floor of
                continue  # now, which would pass over its real statuses; the next poll looks first again
            if newest.get(stream, EMPTY) == EMPTY and stream.startswith(FLOORED):  # nothing yet (a bare "0" too):
                newest[stream] = f"{EMPTY}{LOOKED}{int(self.clock.now().timestamp())}"  # all later is after now
            newest.setdefault(stream, EMPTY)
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), cooldown_s=self._cooldown())
        cursor_out = json.dumps({k: v for k, v in newest.items() if v}, sort_keys=True)
        return harvest.ordered(lambda m: (m.created_at, _id_order(m.id))), cursor_out

    def reply(self, mention_platform_id: str, text: str) -> str:
        """Post a reply (addressed to the author, with the original's visibility when it was not public); a retry
        with the same text reuses the Idempotency-Key, so the platform never posts it twice."""
        self._call(lambda: self.api.status(mention_platform_id))
        original = self._answer(Mapping)
        account = expect_object(original.get("account"), self._who, self._where(), "account")
        acct = self._answer_id(account.get("acct"), "account.acct")
        if f"@{acct}".lower() not in text.lower():
            text = f"@{acct} {text}"
        visibility = original.get("visibility") if original.get("visibility") in ("direct", "private") else None
        key = hashlib.sha256(f"{self.name}\n{mention_platform_id}\n{text}".encode()).hexdigest()[:40]
        self._call(lambda: self.api.status_post(text, in_reply_to_id=mention_platform_id, visibility=visibility,
                                                idempotency_key=key))
        return self._answer_id(self._answer(Mapping).get("id"), "id")

    def watch_hashtags(self, tags: Sequence[str], starts: Mapping[str, datetime] | None = None) -> None:
        """Read these hashtags from the next poll on (kuulo run follows the campaigns that start and end; a campaign's
        tag is read from its start)."""
        self.hashtags = tuple(tag.lstrip("#") for tag in tags)
        self.starts = campaign_starts(self.hashtags, starts)

    def lookup(self, post_ids: Sequence[str]) -> dict[str, Lookup]:
        """GET /api/v1/statuses/:id for each post: 404 (Record not found) means its author deleted it (or it is no
        longer visible to the account); a 5xx, a timeout or a rate limit leaves it unchecked."""
        return lookup_batches(post_ids, 1, lambda ids: {ids[0]: self._call(lambda: self._status_there(ids[0]))})

    def _status_there(self, status_id: str) -> Lookup:
        from mastodon import errors as e

        try:
            self.api.status(status_id)
        except e.MastodonNotFoundError:
            return Lookup("gone", f"{self.api.api_base_url} answers 404 for status {status_id} (deleted)")
        return Lookup("present")

    # --- reading ---------------------------------------------------------------------

    def _streams(self) -> list[tuple[str, Fetch, str | None, int]]:
        """(cursor key, fetch, the answer's field that holds the statuses (None: the answer is the list), pages)."""
        api, streams = self.api, []
        if self.notifications:
            streams.append(("notifications", lambda **kw: api.notifications(types=["mention"], **kw), None,
                            MAX_PAGES_PER_STREAM))
            streams.append(("own", lambda **kw: api.account_statuses(self._my_id(), exclude_reblogs=True, **kw),
                            None, MAX_PAGES_PER_STREAM))
        for tag in self.hashtags:
            streams.append((f"tag:{tag.lower()}", lambda tag=tag, **kw: api.timeline_hashtag(tag, **kw), None,
                            MAX_PAGES_PER_STREAM))
        for query in self.search:
            streams.append((f"search:{query}", lambda query=query, **kw: api.search_v2(
                query, result_type="statuses", resolve=False, **kw), "statuses", 1))
        return streams

    def _my_id(self) -> str:
        if self._me is None:
            self.api.account_verify_credentials()
            self._me = self._answer_id(self._answer(Mapping).get("id"), "id")
        return self._me

    def _read(self, fetch: Fetch, field: str | None, since: str | None,
              max_pages: int) -> tuple[list[Any], str | None]:
        """The stream's new statuses, and where a walk down to a first look's floor goes on (see _down_to)."""
        if (looked := _looked(since)) is not None:
            return self._down_to(fetch, field, looked - FIRST_LOOK_GRACE_S, max_pages, None)
        page, items = self._page(lambda: fetch(limit=PAGE_LIMIT, **({"min_id": since} if since else {})), field)
        if since is None:
            return items, None
        pages = 1
        while page and pages < max_pages and hasattr(page, "_pagination_prev"):
            page, more = self._page(lambda: self.api.fetch_previous(page), None)
            if not page:
                break
            items.extend(more)
            pages += 1
        return items, None

    def _down_to(self, fetch: Fetch, field: str | None, floor: int, max_pages: int,
                 below: str | None) -> tuple[list[Any], str | None]:
        """The statuses created since `floor` (epoch seconds), from the newest page (or the one older than `below`)
        back with max_id; a status without a usable time is kept (the poll skips and logs it). With them, where the
        walk goes on when the page cap stopped it above the floor ("<max_id>@<floor>"), else None."""
        page, items = self._page(lambda: fetch(limit=PAGE_LIMIT, **({"max_id": below} if below else {})), field)
        kept: list[Any] = []
        for pages in range(1, max_pages + 1):
            if pages > 1:
                if not hasattr(page, "_pagination_next"):
                    return kept, None
                page, items = self._page(lambda: self.api.fetch_next(page), None)
                if not page:
                    return kept, None
            newer = [item for item in items if not _created_before(item, floor)]
            kept.extend(newer)
            if not items or len(newer) < len(items):
                return kept, None
        oldest = next((i["id"] for i in reversed(items) if isinstance(i, Mapping) and isinstance(i.get("id"), str)
                       and ascii_digits(i["id"])), None)
        return kept, f"{oldest}{LOOKED}{floor}" if oldest else None

    def _page(self, fetch: Callable[[], Any], field: str | None) -> tuple[Any, list[Any]]:
        """One page (Mastodon.py's, to page on from) and its items as the server wrote them, once its answer is known
        to be a list (or an object whose `field` is one). Mastodon.py's typed objects hide what came: it reads an
        object where a list is expected as the list of its keys, stumbles over some other shapes, and casts a field
        of the wrong type (an acct that is a JSON list becomes the text "['x']")."""
        from mastodon.errors import MastodonError

        self._last = None
        try:
            page = fetch()
        except (MastodonError, TransportError):
            raise
        except Exception:  # noqa: BLE001 - Mastodon.py stumbled: over the answer's shape, if it is wrong, else a bug
            if self._last is not None and self._last.ok:
                self._listed(field)
            raise
        if self._last is None:  # no request was made: nothing more to read
            return page, []
        return page, self._listed(field)

    def _listed(self, field: str | None) -> list[Any]:
        """The last answer's items: the answer itself as a list, or its `field`; else TransportError."""
        answer = self._answer(Mapping if field else list)
        return expect_list(answer.get(field), self._who, self._where(), field) if field else answer

    def _answer(self, shape: type) -> Any:
        """The last answer's JSON as the server wrote it, if it is a list or an object as `shape` says; else
        TransportError. (Mastodon.py's objects hide the shape: it reads an object where a list is expected as the
        list of the object's keys, null as nothing.)"""
        try:
            answer = self._last.json()
        except (ValueError, RecursionError):  # Mastodon.py has refused what is not JSON (or nested past the parser)
            answer = None
        if shape is list:
            return expect_list(answer, self._who, self._where())
        return expect_object(answer, self._who, self._where())

    def _answer_id(self, value: Any, field: str) -> str:
        """An id of the last answer (the account's, a posted reply's): a string, else TransportError."""
        try:
            return text_id(value, field)
        except BadItem as exc:
            raise unusable(self._who, self._where(), str(exc)) from None

    def _where(self) -> str:
        """The path the last answer came from (after the server's redirects: its words too, so made safe)."""
        return platform_text(urlsplit(self._last.url).path) if self._last is not None else "?"

    # --- errors and rate limits -------------------------------------------------------

    def _call(self, call: Callable[[], Any]) -> Any:
        from mastodon import errors as e

        try:
            return call()
        except e.MastodonRatelimitError:
            said = _said(self._last) if self._last is not None else ""
            raise TransportError(f"mastodon {self.name}: rate limited (HTTP 429{': ' + said if said else ''})",
                                 retry_after=self._reset_in()) from None
        except e.MastodonNetworkError as exc:
            raise TransportError(f"mastodon {self.name}: cannot reach {self.api.api_base_url} ({exc})") from None
        except e.MastodonAPIError as exc:
            raise self._refused(exc) from None

    def _refused(self, exc: Exception) -> TransportError:
        """A MastodonAPIError as TransportError, read from the answer that carried it (Mastodon.py keeps the server's
        words only where it expected an object)."""
        who, answer = f"mastodon {self.name}", self._last
        if answer is not None and exc.args[1:2] == (answer.status_code,):  # an HTTP error, with its status
            return self._http_error(answer)
        problem = _not_json(answer) if answer is not None and answer.ok else None
        if problem:  # a proxy's page, a cut-off body: asked again next poll
            return unusable(who, self._where(), problem)
        return TransportError(f"{who}: request refused ({platform_text(exc)})", permanent=True)

    def _http_error(self, answer: Any) -> TransportError:
        """An HTTP error answer as TransportError: 5xx and 408 are retried, any other 4xx is permanent."""
        who, status, why = f"mastodon {self.name}", answer.status_code, _why(answer)
        if status == 401:
            return TransportError(f"{who}: the token was refused ({why}); check token_env", permanent=True)
        if status == 404:
            return TransportError(f"{who}: not found ({why})", permanent=True)
        if status >= 500 or status == 408:  # 408: a proxy gave up waiting; the next poll asks again
            return TransportError(f"{who}: server error ({why})",
                                  retry_after=retry_after_header(self._headers.get("Retry-After"), self.clock))
        return TransportError(f"{who}: request refused ({why})", permanent=True)

    def _remember(self, response: Any, *args: Any, **kwargs: Any) -> None:
        self._headers, self._last = response.headers, response

    def _reset_in(self) -> float | None:
        """Seconds until the limit resets, by the server's own clock (X-RateLimit-Reset minus Date)."""
        after = retry_after_header(self._headers.get("Retry-After"), self.clock)
        if after is not None:
            return after
        reset, date = self._headers.get("X-RateLimit-Reset"), self._headers.get("Date")
        if not reset:
            return None
        reset_at = parse_iso(reset) if not ascii_digits(reset) else parse_iso(_epoch(reset))
        if reset_at is None:
            return None
        now = http_date(date) or self.clock.now()
        return max(0.0, (reset_at - now).total_seconds())

    def _cooldown(self) -> float | None:
        """When the last answer said no requests remain, the wait until the reset."""
        return self._reset_in() if self._headers.get("X-RateLimit-Remaining") == "0" else None


def to_mention(status: Any, stream: str) -> Mention | None:
    """A status (from a timeline, a search or a notification) as a Mention; None for a boost; BadItem when
    malformed."""
    status = item_object(status, "status")
    if status.get("reblog"):
        return None  # a boost repeats someone else's post
    status_id, account = text_id(status.get("id"), "id"), item_object(status.get("account"), "account")
    acct, author_id = text_id(account.get("acct"), "account.acct"), optional_text_id(account.get("id"), "account.id")
    in_reply_to = optional_text_id(status.get("in_reply_to_id"), "in_reply_to_id")
    created = item_time(status.get("created_at"), "created_at")
    media = status.get("media_attachments") if isinstance(status.get("media_attachments"), list) else []
    tags = status.get("tags") if isinstance(status.get("tags"), list) else []
    content = status.get("content")
    return Mention(
        platform="mastodon", id=status_id, author=acct,
        text=html_to_text(content if isinstance(content, str) else None), created_at=created, in_reply_to=in_reply_to,
        url=_text(status.get("url")) or _text(status.get("uri")), lang=_text(status.get("language")),
        author_id=author_id,
        hashtags=tuple(f"#{t['name']}" for t in tags if isinstance(t, Mapping) and _text(t.get("name"))),
        media_url=_text(media[0].get("url")) if media and isinstance(media[0], Mapping) else None,
        like_count=count(status.get("favourites_count")), comment_count=count(status.get("replies_count")),
        raw={"stream": stream, "status": keep_raw({str(k): v for k, v in status.items() if v is not None})[0]})


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _epoch(digits: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(digits), timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def _looked(cursor: str | None) -> int | None:
    """The time of a first look that found nothing, from a stream's cursor "0@<epoch seconds>", else None."""
    empty, mark, when = (cursor or "").partition(LOOKED)
    return int(when) if empty == EMPTY and mark and ascii_digits(when) else None


def _gap(value: str | None) -> tuple[str, int] | None:
    """(max_id, floor) of a walk to a first look's floor that the page cap stopped, from "<max_id>@<floor>"."""
    below, mark, floor = (value or "").partition(LOOKED)
    return (below, int(floor)) if below and mark and ascii_digits(below) and ascii_digits(floor) else None


def _created_before(item: Any, floor: float) -> bool:
    """Whether a status was created before `floor` (epoch seconds); False when its time is not known."""
    when = parse_iso(item.get("created_at")) if isinstance(item, Mapping) else None
    return when is not None and when.timestamp() < floor


def _id_order(value: str) -> tuple[int, str]:
    """Mastodon ids are strings that sort by length, then text (snowflakes)."""
    return len(value), value


def _why(answer: Any) -> str:
    """An error answer as a message quotes it: 'HTTP 500 Internal Server Error: ' and Mastodon's error entity
    ({"error": ..., "error_description": ...}) when the body is one (untrusted: one line, cut)."""
    text = _said(answer)
    return platform_text(f"HTTP {answer.status_code} {answer.reason or ''}".rstrip() + (f": {text}" if text else ""))


def _said(answer: Any) -> str:
    """Mastodon's error entity in an answer ("error: error_description"), made safe; "" when the body holds none."""
    body, _ = _json_or_error(answer)
    said = [body.get(key) for key in ("error", "error_description")] if isinstance(body, Mapping) else []
    return platform_text(": ".join(part for part in said if isinstance(part, str) and part))


def _not_json(answer: Any) -> str | None:
    """Why an answer's body is not JSON (its status, size, type and where parsing stopped); None when it is."""
    _, error = _json_or_error(answer)
    if error is None:
        return None
    kind = answer.headers.get("Content-Type") or "no Content-Type"
    return platform_text(f"not JSON (HTTP {answer.status_code}, {len(answer.content)} bytes of {kind}: {error})")


def _json_or_error(answer: Any) -> tuple[Any, str | None]:
    """An answer's body as JSON and None, or None and why it is not JSON."""
    try:
        return answer.json(), None
    except ValueError as exc:  # requests' JSONDecodeError; its text names the place, never the body
        return None, str(exc)
    except RecursionError:
        return None, "nested deeper than the parser reads"


def _load_cursor(cursor: str | None) -> dict[str, str]:
    return {str(k): str(v) for k, v in load_json_cursor(cursor, "mastodon").items() if v}
