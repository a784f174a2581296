"""The source contract: poll(cursor) -> (mentions, new cursor), optional reply(), and what a poll noticed."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable, Mapping, Protocol, Sequence, runtime_checkable

from kuulo.bot.errors import KuuloError, LedgerError, TransportError
from kuulo.bot.hashtags import norm_tag
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_HASHTAG_CHARS, MAX_HASHTAGS, MAX_TEXT_CHARS, SHOWN_FIELD_CHARS
from kuulo.bot.models import SQLITE_INT, Mention, unstorable
from kuulo.handlers.console import safe

log = logging.getLogger("kuulo.bot.sources")
# The database (locked, full, read-only) or the ledger key: no source's posts could be stored, so these stop a poll of
# every source (`kuulo poll`) instead of failing one source
STOPS_EVERY_SOURCE = (sqlite3.OperationalError, LedgerError)


class BadItem(KuuloError):
    """One upstream item cannot become a Mention; the source logs it and skips it."""


@dataclass(frozen=True, slots=True)
class PollNotes:
    """Side facts of the last poll: items skipped (id, reason), a rate-limit pause asked for by the platform, and
    warnings for the team (e.g. a gap longer than the platform keeps posts)."""

    skipped: tuple[tuple[str, str], ...] = ()
    cooldown_s: float | None = None
    warnings: tuple[str, ...] = ()


@runtime_checkable
class Source(Protocol):
    """A live source. poll raises TransportError (with retry_after) when the platform cannot be read."""

    name: str
    platform: str
    last_poll: PollNotes

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]: ...


@dataclass(frozen=True, slots=True)
class Lookup:
    """What the platform says of one stored post looked up again: "present", "gone" (deleted or removed, as the
    platform itself says), "failed" (could not be checked now: a 5xx, a timeout, a rate limit) or "uncheckable"
    (the platform offers no way to look it up); detail says how it was found out."""

    state: str
    detail: str = ""


@runtime_checkable
class CheckingSource(Source, Protocol):
    """A source that can look its platform's posts up again by id (to find contest entries deleted since)."""

    def lookup(self, post_ids: Sequence[str]) -> dict[str, Lookup]: ...


@runtime_checkable
class HashtagSource(Source, Protocol):
    """A source that reads hashtags and can be pointed at another set between polls (campaigns start and end)."""

    def watch_hashtags(self, tags: Sequence[str], starts: Mapping[str, datetime] | None = None) -> None: ...


@runtime_checkable
class ReplyingSource(Source, Protocol):
    """A source that can answer on the platform; returns the platform id of the reply."""

    def reply(self, mention_platform_id: str, text: str) -> str: ...


def skip(source: str, item_id: str, reason: str, skipped: list[tuple[str, str]], *, trace: bool = False) -> None:
    """Log one malformed item (source, item id, reason) and remember it for the poll's counts; trace keeps the
    traceback of an error no conversion foresaw (a bug to fix, not only bad data)."""
    # the item's id and the reason quote the platform's data: one terminal line each (kuulo poll and run log to it)
    log.warning("source %s: skipped item %s: %s", source, safe(item_id, 200), safe(reason, None), exc_info=trace)
    skipped.append((item_id, reason))


def unexpected(exc: Exception) -> str:
    """An error nobody foresaw, named briefly on one line for a failure message; its traceback goes to the log."""
    return f"unexpected {type(exc).__name__}: {safe(exc, SHOWN_FIELD_CHARS)} (see the log)"


def count(value: Any) -> int | None:
    """A platform's count (likes, replies, score) as storage can hold it; None when it is not a whole number that fits
    64 bits (a count is never worth losing a post over)."""
    if isinstance(value, bool) or not isinstance(value, int) or not SQLITE_INT[0] <= value <= SQLITE_INT[1]:
        return None
    return value


def checked(mention: Mention) -> Mention:
    """The mention, or BadItem naming the field storage could not hold (so one item never fails a whole batch), held
    to an import's limits: a text longer than MAX_TEXT_CHARS is cut (raw says how long it was), an author's name,
    link or language code longer than MAX_FIELD_CHARS is cut or dropped, hashtags beyond MAX_HASHTAGS or
    MAX_HASHTAG_CHARS are left out; an id that long is BadItem (cut, it would name another post)."""
    problem = unstorable(mention)
    if problem:
        raise BadItem(problem)
    for key in ("id", "in_reply_to", "author_id"):
        value = getattr(mention, key)
        if value is not None and len(value) > MAX_FIELD_CHARS:
            raise BadItem(f"{key}: {len(value):,} characters, over the limit of {MAX_FIELD_CHARS:,}")
    changes: dict[str, Any] = {key: None for key in ("url", "media_url", "lang")
                               if len(getattr(mention, key) or "") > MAX_FIELD_CHARS}
    if len(mention.author) > MAX_FIELD_CHARS:
        changes["author"] = mention.author[:MAX_FIELD_CHARS]
    if len(mention.text) > MAX_TEXT_CHARS:
        changes["text"] = mention.text[:MAX_TEXT_CHARS]
        changes["raw"] = {**(mention.raw or {}), "text_chars": len(mention.text)}
    tags = tuple(t for t in mention.hashtags if len(t) <= MAX_HASHTAG_CHARS)[:MAX_HASHTAGS]
    if tags != mention.hashtags:
        changes["hashtags"] = tags
    return replace(mention, **changes) if changes else mention


def convert(build: Callable[[], Mention | None]) -> Mention | None:
    """One item's conversion, checked: a Mention that storage can hold, None (nothing to keep), or BadItem."""
    mention = build()
    return checked(mention) if mention is not None else None


class Harvest:
    """What one poll gathered: mentions by id (the first copy wins) and the items skipped, each logged once."""

    def __init__(self, source: str):
        self.source = source
        self.mentions: dict[str, Mention] = {}
        self.skipped: list[tuple[str, str]] = []
        self._outcomes: dict[Any, bool] = {}

    def add(self, item_id: str, build: Callable[[], Mention | None], *, key: Any = None) -> bool:
        """Keep the mention `build` makes of one item; whatever one item raises (a BadItem, or an error no conversion
        foresaw, e.g. a date Python cannot hold) is logged as skipped and the poll goes on. False when skipped.
        An item whose `key` (its platform id in its list; None: no usable id) came before in this poll is the same
        item again: ignored, not counted, with the first copy's outcome."""
        if key is not None and key in self._outcomes:
            return self._outcomes[key]
        kept = self._add(item_id, build)
        if key is not None:
            self._outcomes[key] = kept
        return kept

    def _add(self, item_id: str, build: Callable[[], Mention | None]) -> bool:
        try:
            mention = convert(build)
        except BadItem as exc:
            skip(self.source, item_id, str(exc), self.skipped)
            return False
        except Exception as exc:  # noqa: BLE001 - one item must never stop the source (its cursor would not move)
            skip(self.source, item_id, f"unexpected {type(exc).__name__}: {str(exc)[:200]}", self.skipped, trace=True)
            return False
        if mention is not None:
            self.mentions.setdefault(mention.id, mention)
        return True

    def ordered(self, key: Callable[[Mention], Any] = lambda m: (m.created_at, m.id)) -> list[Mention]:
        """The mentions, oldest first."""
        return sorted(self.mentions.values(), key=key)


def campaign_starts(tags: Sequence[str], starts: Mapping[str, datetime] | None) -> dict[str, datetime]:
    """The watched tags (without '#') that a running campaign has, with its start (`starts` by norm_tag): such a tag
    never read yet is read at its first look down to that start, every page, as if a look then had found it empty."""
    starts = starts or {}
    return {tag.lstrip("#"): starts[norm_tag(tag)] for tag in tags if norm_tag(tag) in starts}


def load_json_cursor(cursor: str | None, source: str) -> dict:
    """A cursor Kuulo wrote as a JSON object; anything else is logged and read as a fresh start."""
    if not cursor:
        return {}
    try:
        state = json.loads(cursor)
    except json.JSONDecodeError:
        state = None
    if not isinstance(state, dict):
        logging.getLogger(__name__).warning(
            "%s cursor %r is not the JSON Kuulo writes; starting afresh (the database still dedups)", source, cursor[:80])
        return {}
    return state


def lookup_batches(post_ids: Sequence[str], size: int,
                   fetch: Callable[[list[str]], dict[str, Lookup]]) -> dict[str, Lookup]:
    """Look ids up `size` at a time: a batch that fails (TransportError) is "failed" with the error, and so is every
    batch after one that was rate limited (the platform asked to wait)."""
    out: dict[str, Lookup] = {}
    stop: str | None = None
    for start in range(0, len(post_ids), size):
        chunk = list(post_ids[start:start + size])
        if stop is not None:
            out.update((i, Lookup("failed", stop)) for i in chunk)
            continue
        try:
            out.update(fetch(chunk))
        except TransportError as exc:
            out.update((i, Lookup("failed", str(exc))) for i in chunk)
            if exc.retry_after is not None or exc.permanent:
                stop = f"not tried after: {exc}"
    return out
