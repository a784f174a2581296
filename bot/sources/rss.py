"""RSS/Atom feeds through feedparser: conditional GET (ETag, Last-Modified), items deduplicated by id or link.

A guid is only unique within its feed (many CMSs number their items 1, 2, 3): one that is no web address, tag: or
urn: is stored as FEED_URL#guid, so two feeds' item 1 are two posts; one this source stored bare before keeps its
bare id (stored ids are never renamed: cases and the ledger name them).

The cursor is JSON: {"etag": ..., "modified": ..., "seen": [guids, newest first]}. We fetch with urllib
(feedparser's own fetching has no timeout) within FETCH_DEADLINE_S for the whole fetch, each read within
FETCH_TIMEOUT_S (bot/sources/fetch.py), and hand the bytes to feedparser.parse.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timezone
from functools import partial
from typing import Any, Callable, Mapping
from urllib.parse import urljoin

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.models import Mention
from kuulo.bot.sources import fetch
from kuulo.bot.sources.answers import platform_text
from kuulo.bot.sources.base import BadItem, Harvest, PollNotes, load_json_cursor, skip
from kuulo.bot.sources.text import html_to_text
from kuulo.bot.sources.times import retry_after_header, shown, struct_time
from kuulo.storage.db import Database
from kuulo.storage.mentions import stored_by_source

FETCH_TIMEOUT_S = 20.0  # each socket operation (connect, one read)
FETCH_DEADLINE_S = 60.0  # the whole fetch: a server that drips its answer holds a poll no longer
MAX_FEED_BYTES = 5_000_000
MAX_SEEN_IDS = 1_000  # ids remembered in the cursor; older ones fall back on the database's dedup
USER_AGENT = "Kuulo/0.1 (+community-manager bot; feed reader)"
PERMANENT_HTTP = frozenset({400, 401, 403, 404, 410})
log = logging.getLogger(__name__)


class RssSource:
    """One feed URL."""

    platform = "rss"

    def __init__(self, name: str, url: str, *, clock: Clock, timeout: float = FETCH_TIMEOUT_S,
                 deadline: float = FETCH_DEADLINE_S, db: Database | None = None):
        self.name, self.url, self.clock, self.timeout, self.deadline = name, url, clock, timeout, deadline
        self.db = db  # to find the guids this source stored bare, before ids were per feed
        self.last_poll = PollNotes()

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """New items since the cursor; a 304 returns nothing and keeps the cursor."""
        state = load_json_cursor(cursor, "rss")
        fetched = self._fetch(state.get("etag"), state.get("modified"))
        if fetched is None:
            self.last_poll = PollNotes()
            return [], cursor
        body, headers = fetched
        import feedparser  # lazy: config loading stays light

        parsed = feedparser.parse(body, response_headers={"content-type": headers.get("Content-Type", ""),
                                                          "content-location": self.url})
        if not parsed.get("version") and not parsed.entries:
            why = f" ({platform_text(parsed.get('bozo_exception'))})" if parsed.get("bozo") else ""
            raise TransportError(f"rss {self.name}: {self.url} did not return an RSS or Atom feed{why}")
        seen = [i for i in state.get("seen", []) if isinstance(i, str)]
        known = set(seen)
        harvest, new_ids = Harvest(self.name), []
        now = self.clock.now()
        stored_id = self._stored_ids([e.get("id") or e.get("link") for e in parsed.entries], known)
        for number, entry in enumerate(parsed.entries, 1):
            item_id = entry.get("id") or entry.get("link")
            if not item_id:
                anonymous = "nokey:" + hashlib.sha1(repr((entry.get("title"), entry.get("summary"))).encode()).hexdigest()[:16]
                if anonymous not in known:  # warn once, not on every poll
                    skip(self.name, f"#{number} ({str(entry.get('title') or '')[:40]!r})", "no id/guid and no link",
                         harvest.skipped)
                    known.add(anonymous)
                    new_ids.append(anonymous)
                continue
            if item_id in known:
                continue
            if harvest.add(item_id, partial(to_mention, entry, parsed.feed, item_id, feed_url=self.url, now=now,
                                            stored_id=stored_id(item_id)), key=item_id):
                known.add(item_id)
                new_ids.append(item_id)
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), warnings=tuple(
            undated(m) for m in harvest.mentions.values() if m.raw.get("date_unusable")))
        cursor_state = {"etag": headers.get("ETag"), "modified": headers.get("Last-Modified"),
                        "seen": (new_ids + seen)[:MAX_SEEN_IDS]}
        return list(harvest.mentions.values()), json.dumps(cursor_state, ensure_ascii=False)

    def _stored_ids(self, guids: list[Any], known: set[str]) -> Callable[[str], str]:
        """The id each new item is stored under: its guid where that names it everywhere, else FEED_URL#guid, but the
        bare guid where this source stored it so before (one lookup a poll, for the new local guids only)."""
        local = [g for g in guids if isinstance(g, str) and g not in known and not _global(g)]
        bare = stored_by_source(self.db, self.platform, local, self.name) if self.db is not None and local else set()
        return lambda guid: guid if _global(guid) or guid in bare else f"{self.url}#{guid}"

    def _fetch(self, etag: str | None, modified: str | None) -> tuple[bytes, Any] | None:
        headers = {"User-Agent": USER_AGENT,
                   "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        request = urllib.request.Request(self.url, headers=headers)
        try:
            body, answered = fetch.get(request, timeout=self.timeout, deadline_s=self.deadline, limit=MAX_FEED_BYTES)
        except fetch.TooSlow:
            raise TransportError(f"rss {self.name}: {self.url} took more than {self.deadline:g} s to read; given up"
                                 f" (each read may take {self.timeout:g} s, the whole feed {self.deadline:g} s)"
                                 ) from None
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return None
            raise TransportError(f"rss {self.name}: HTTP {exc.code} from {self.url}",
                                 retry_after=retry_after_header(exc.headers.get("Retry-After"), self.clock),
                                 permanent=exc.code in PERMANENT_HTTP) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise TransportError(f"rss {self.name}: cannot read {self.url} ({platform_text(reason)})") from None
        if len(body) > MAX_FEED_BYTES:
            raise TransportError(f"rss {self.name}: {self.url} is larger than {MAX_FEED_BYTES} bytes", permanent=True)
        return body, answered


def _global(guid: str) -> bool:
    """Whether a guid names its item beyond its feed: a web address, a tag: or urn: URI."""
    return guid[:8].lower().startswith(("http://", "https://", "tag:", "urn:"))


def to_mention(entry: Any, feed: Any, item_id: str, *, feed_url: str, now: datetime,
               stored_id: str | None = None) -> Mention:
    """A feedparser entry as a Mention (stored under `stored_id`, by default its guid); an item without a date Kuulo
    can use (none, one feedparser cannot read, one outside the years Kuulo stores) gets `now`, Kuulo's first sight of
    it, said in raw (with the date's problem)."""
    when, field = entry.get("published_parsed"), "published"
    if when is None:
        when, field = _own(entry, "updated_parsed"), "updated"
    written = entry.get("published") or _own(entry, "updated")
    raw = {"id": item_id, "title": entry.get("title"), "link": entry.get("link"), "published": written}
    created = None
    if when is not None:
        try:
            created = struct_time(when, field)
        except BadItem as exc:  # year 0 or 10000, an offset that threw it out of range: the post itself is fine
            raw["date_unusable"] = str(exc).removeprefix(f"{field} ").split(" (")[0]
    elif written:
        raw["date_unusable"] = "not a date feedparser reads"
    if created is None:  # Kuulo's first sight of it stands in, and says so
        created = now.astimezone(timezone.utc)
        raw["created_at_from"] = "first_seen"
    title = html_to_text(_text(entry.get("title")))
    summary = html_to_text(_text(entry.get("summary")))
    text = f"{title}\n\n{summary}".strip() if summary and summary != title else title
    author = _text(entry.get("author")) or _text(feed.get("author")) or _text(feed.get("title")) or feed_url
    return Mention(platform=RssSource.platform, id=str(stored_id or item_id), author=author, text=text,
                   created_at=created,
                   url=_text(entry.get("link")), lang=_lang(feed.get("language")), raw=raw)


def undated(mention: Mention) -> str:
    """The warning for an item whose date could not be used: the item's guid, the date as the feed wrote it, why."""
    return (f"item {shown(mention.raw['id'])}: date {shown(mention.raw['published'])}: {mention.raw['date_unusable']};"
            " dated by Kuulo's first sight of it")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _own(entry: Any, key: str) -> Any:
    """entry[key] only when the entry has it: feedparser answers a missing `updated*` with `published*` and a
    DeprecationWarning."""
    return entry.get(key) if key in entry else None


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> RssSource:
    """An RssSource for a `type: rss` entry; url may be relative to base_url."""
    url = urljoin(src.base_url, src.options["url"]) if src.base_url else src.options["url"]
    if not url.startswith(("http://", "https://")):
        raise KuuloError(f"source '{src.name}': url must be an http(s) address, got {url!r}")
    return RssSource(src.name, url, clock=clock, db=db)


def _lang(code: Any) -> str | None:
    """fi-FI -> fi."""
    head = (code if isinstance(code, str) else "").split("-")[0].split("_")[0].lower()
    return head if len(head) == 2 and head.isalpha() else None
