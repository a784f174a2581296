"""One import record (a JSON object, or a CSV row's cells) checked field by field into a Mention, and the Row each
line of an import becomes: its mention or the error naming the field."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Callable

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.hashtags import hashtags_in
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_HASHTAG_CHARS, MAX_HASHTAGS, MAX_LINE_BYTES, MAX_TEXT_CHARS
from kuulo.bot.models import SQLITE_INT, Mention
from kuulo.bot.sources.times import MAX_POST_TS, MIN_POST_TS, RANGE_TEXT, NotALeapSecond, from_iso

REQUIRED = ("platform", "id", "author", "text", "created_at")
OPTIONAL = ("in_reply_to", "url", "lang", "author_id", "hashtags", "media_url", "like_count", "comment_count")
_EPOCH = re.compile(r"-?\d+(\.\d+)?", re.ASCII)  # "１２３" is no epoch (float() would read it)
LANG_CODE = re.compile(r"[a-zA-Z]{2,3}")
# A platform is a name (x, instagram, google-reviews, app store): letters, digits, space, . _ -; no '·', '#' or line
# break with which a platform could imitate the text around it in an alert ("x priority · case #1")
PLATFORM_NAME = re.compile(r"[^\W_][\w .-]{0,39}")
_KNOWN = frozenset(REQUIRED + OPTIONAL)
_REQUIRED_AS = {"platform": "a string", "id": "a string", "author": "a string", "text": "a string (may be empty)",
                "created_at": "ISO 8601 or a Unix epoch"}


@dataclass(frozen=True, slots=True)
class Row:
    """One line read from an import: its location and either a mention or the error."""

    where: str  # "posts.jsonl:12"
    mention: Mention | None
    error: str | None
    notes: tuple[str, ...] = ()  # what was dropped from a line that went in (an unknown field over a limit)


class LongLine(bytes):
    """A physical line over MAX_LINE_BYTES, passed on unread: empty, with the length it had."""

    length: int

    def __new__(cls, length: int) -> LongLine:
        line = super().__new__(cls, b"")
        line.length = length
        return line

    @property
    def error(self) -> str:
        return f"a line of {self.length:,} bytes, over the limit of {MAX_LINE_BYTES:,}; not read"


def guarded(where: str, parse: Callable[[], tuple[Mention, tuple[str, ...]]]) -> Row:
    """The row of one line: its mention, or its error; nothing a line holds stops the import."""
    try:
        mention, notes = parse()
    except ImportRowError as exc:
        return Row(where, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - a check we did not foresee: still only this line is lost
        return Row(where, None, f"cannot be read ({type(exc).__name__}: {str(exc)[:100]})")
    return Row(where, mention, None, notes)


def parse_record(data: Any) -> tuple[Mention, tuple[str, ...]]:
    """A JSON object or CSV row as a Mention, with notes on unknown fields dropped; ImportRowError says why not."""
    mention = parse_mention(data)
    notes: tuple[str, ...] = ()
    if mention.raw:
        raw, notes = keep_raw(mention.raw)
        mention = replace(mention, raw=raw or None)
    return mention, notes  # every field checked above: tests/test_hostile_input.py holds it to models.unstorable


def parse_mention(data: Any) -> Mention:
    """Validate one import record (a JSON object or CSV row) into a Mention."""
    if not isinstance(data, dict):
        hint = " (Kuulo reads JSON Lines: one object a line, no [ ] around them)" if isinstance(data, list) else ""
        raise ImportRowError(f"expected a JSON object, got {_kind(data)}{hint}")
    for key in REQUIRED:
        if key not in data:
            raise ImportRowError(f"{key}: required field is missing")
        if data[key] is None:
            raise ImportRowError(f"{key}: expected {_REQUIRED_AS[key]}, got null")
    platform = platform_name(_text(data, "platform"))
    if not platform:
        raise ImportRowError("platform: must not be empty")
    if not PLATFORM_NAME.fullmatch(platform):
        raise ImportRowError(f"platform: expected a name like x, instagram or google-reviews (letters, digits, space,"
                             f" . _ -, at most 40), got {platform[:40]!r}{'…' if len(platform) > 40 else ''}")
    post_id = _ident(data, "id")
    text = data["text"]
    if not isinstance(text, str):
        raise ImportRowError(f"text: expected a string, got {_kind(text)}")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportRowError(f"text: {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
    _no_nul("text", text)
    tags = read_hashtags(data.get("hashtags"), text)
    lang = _opt_text(data, "lang")
    if lang is not None and not LANG_CODE.fullmatch(lang):
        raise ImportRowError(f"lang: expected an ISO 639-1 code like fi or en, got {lang!r}")
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    return Mention(
        platform=platform, id=post_id, author=_author(data), text=text,
        created_at=parse_time(data["created_at"]),
        in_reply_to=_opt_ident(data, "in_reply_to"), url=_opt_text(data, "url"),
        lang=lang.lower() if lang else None, author_id=_opt_ident(data, "author_id"), hashtags=tags,
        media_url=_opt_text(data, "media_url"), like_count=_opt_count(data, "like_count"),
        comment_count=_opt_count(data, "comment_count"), raw=extra or None,
    )


def read_hashtags(hashtags: Any, text: str) -> tuple[str, ...]:
    """The listed hashtags (each checked: a bad one rejects the line) and those in the text (over-long ones left
    out: the text keeps them); an exporter's empty or partial list does not hide the caption's tags."""
    found = [t for t in hashtags_in(text) if len(t) <= MAX_HASHTAG_CHARS]
    if hashtags is None:
        return tuple(found)[:MAX_HASHTAGS]
    if not isinstance(hashtags, list):
        raise ImportRowError(f"hashtags: expected a list of strings, got {_kind(hashtags)}")
    odd = next((k for k, t in enumerate(hashtags, 1) if not isinstance(t, str)), None)
    if odd is not None:
        raise ImportRowError(f"hashtags: item {odd} is {_kind(hashtags[odd - 1])}, not a string")
    if len(hashtags) > MAX_HASHTAGS:
        raise ImportRowError(f"hashtags: {len(hashtags):,} listed, over the limit of {MAX_HASHTAGS}")
    for number, tag in enumerate(hashtags, 1):
        if len(tag) > MAX_HASHTAG_CHARS:
            raise ImportRowError(f"hashtags: item {number} is {len(tag):,} characters, over the limit of"
                                 f" {MAX_HASHTAG_CHARS}")
        _no_nul(f"hashtags: item {number}", tag)
    listed = (unicodedata.normalize("NFKC", t).strip().lstrip("#").strip().lower() for t in hashtags)
    return tuple(dict.fromkeys([*(t for t in listed if t), *found]))[:MAX_HASHTAGS]


def platform_name(value: str) -> str:
    """A platform as stored: stripped, lower case, compatibility letters read as what they stand for (fullwidth Ｘ and
    the numeral ⅹ are x, or a post would be filed under a platform of its own)."""
    return (value if value.isascii() else unicodedata.normalize("NFKC", value)).strip().lower()


def parse_time(value: Any) -> datetime:
    """ISO 8601 with a time zone, or a Unix epoch number, as an aware UTC datetime in the years Kuulo stores (a leap
    second, 23:59:60 UTC, as 23:59:59.999999)."""
    if isinstance(value, bool):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({value!r})")
    if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
        value = float(value)  # inf when too long: out of range below
    if isinstance(value, (int, float)):
        return _epoch(value)
    if not isinstance(value, str):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({_kind(value)})")
    _no_nul("created_at", value)
    try:
        parsed = from_iso(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except NotALeapSecond as exc:
        raise ImportRowError(f"created_at: {exc} ({value[:40]!r})") from None
    except ValueError:
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({value[:40]!r})") from None
    if parsed.tzinfo is None:
        raise ImportRowError(f"created_at: no time zone in {value[:40]!r} (add Z or +02:00)")
    try:
        utc = parsed.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # 0001-01-01T00:00+01:00 is year 0 in UTC
        utc = None
    if utc is None or not MIN_POST_TS <= utc.timestamp() < MAX_POST_TS:
        raise ImportRowError(f"created_at: outside the years {RANGE_TEXT} ({value[:40]!r})")
    return utc


def _epoch(value: float) -> datetime:
    """A Unix epoch in seconds; milliseconds are named as the likely mistake."""
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if MIN_POST_TS <= seconds < MAX_POST_TS:
        return datetime.fromtimestamp(seconds, timezone.utc)
    hint = " (milliseconds? Kuulo reads seconds)" if MIN_POST_TS <= seconds / 1000 < MAX_POST_TS else ""
    shown = repr(value) if isinstance(value, float) or abs(value) < 10 ** 30 else "a number too large"
    raise ImportRowError(f"created_at: epoch {shown} is outside the years {RANGE_TEXT}{hint}")


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number",
            str: "a string", type(None): "null"}.get(type(value), type(value).__name__)


def _no_nul(key: str, value: str) -> None:
    """NUL bytes and unpaired surrogates (a JSON escape like \\ud83d, half an emoji) are not text."""
    if "\x00" in value:
        raise ImportRowError(f"{key}: contains a NUL byte")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ImportRowError(f"{key}: contains an unpaired surrogate at character {exc.start + 1}"
                                 " (not valid Unicode)") from None


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ImportRowError(f"{key}: expected a string, got {_kind(value)}")
    if len(value) > MAX_FIELD_CHARS:
        raise ImportRowError(f"{key}: {len(value):,} characters, over the limit of {MAX_FIELD_CHARS:,}")
    _no_nul(key, value)
    return value


def _author(data: dict[str, Any]) -> str:
    """The author as written; a blank one is refused, as a blank id is: every blank author would be one customer."""
    author = _text(data, "author")
    if not author.strip():
        raise ImportRowError("author: must not be empty (the author's handle or display name)")
    return author


def _opt_text(data: dict[str, Any], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _ident(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10 ** 40:
            raise ImportRowError(f"{key}: a number of more than 40 digits is not an id")
        return str(value)
    if isinstance(value, float):  # 1.5, or 1e3 that JSON wrote for a whole number: which id would it be?
        raise ImportRowError(f"{key}: expected a string or a whole number, got {value!r}")
    text = _text(data, key).strip()
    if not text:
        raise ImportRowError(f"{key}: must not be empty")
    return text


def _opt_ident(data: dict[str, Any], key: str) -> str | None:
    return None if data.get(key) in (None, "") else _ident(data, key)


def _opt_count(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        got = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else _kind(value)
        raise ImportRowError(f"{key}: expected a whole number of 0 or more, got {got}")
    if value > SQLITE_INT[1]:
        raise ImportRowError(f"{key}: out of range (at most {SQLITE_INT[1]:,})")
    return value
