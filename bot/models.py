"""Frozen domain objects shared by sources, the pipeline and storage."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from kuulo.bot.limits import POST_YEARS


@dataclass(frozen=True, slots=True)
class Mention:
    """One post on a platform, as every source and importer delivers it."""

    platform: str
    id: str
    author: str
    text: str
    created_at: datetime  # aware, UTC
    in_reply_to: str | None = None
    url: str | None = None
    lang: str | None = None
    author_id: str | None = None
    hashtags: tuple[str, ...] = ()
    media_url: str | None = None
    like_count: int | None = None
    comment_count: int | None = None
    raw: dict[str, Any] | None = field(default=None, compare=False, hash=False)


SQLITE_INT = (-2**63, 2**63 - 1)  # what an INTEGER column holds
_EARLIEST = datetime(POST_YEARS[0], 1, 1, tzinfo=timezone.utc)
_LATEST = datetime(POST_YEARS[1] + 1, 1, 1, tzinfo=timezone.utc)
_TEXTS = ("platform", "id", "author", "text")
_OPTIONAL_TEXTS = ("in_reply_to", "url", "lang", "author_id", "media_url")


def unstorable(mention: Mention) -> str | None:
    """Why storage cannot hold a mention ('FIELD: reason'), or None: wrong types, text that is not valid Unicode
    (an unpaired surrogate from a JSON escape), a naive time, a count beyond SQLite's integers, raw that is not
    JSON."""
    for key in _TEXTS + _OPTIONAL_TEXTS:
        value = getattr(mention, key)
        if value is None and key in _OPTIONAL_TEXTS:
            continue
        if not isinstance(value, str):
            return f"{key}: expected a string, got {type(value).__name__}"
        if not _encodes(value):
            return f"{key}: contains an unpaired surrogate (not valid Unicode)"
    if not isinstance(mention.created_at, datetime) or mention.created_at.utcoffset() is None:
        return "created_at: expected an aware datetime"
    if not _EARLIEST <= mention.created_at < _LATEST:
        return f"created_at: outside the years {POST_YEARS[0]}–{POST_YEARS[1]}"
    for key in ("like_count", "comment_count"):
        value = getattr(mention, key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not SQLITE_INT[0] <= value <= SQLITE_INT[1]):
            return f"{key}: expected a whole number that fits 64 bits"
    if not isinstance(mention.hashtags, tuple) or not all(isinstance(t, str) and _encodes(t) for t in mention.hashtags):
        return "hashtags: expected strings of valid Unicode"
    if mention.raw is not None:
        try:
            json.dumps(mention.raw, ensure_ascii=False, default=str, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError, RecursionError) as exc:  # UnicodeEncodeError is a ValueError
            return f"raw: cannot be stored as JSON ({type(exc).__name__})"
    return None


def _encodes(value: str) -> bool:
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
