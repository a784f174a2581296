"""JSON Lines and CSV import: each line becomes a Mention, or an error naming file, line and field."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, BinaryIO, Iterator

from kuulo.bot.errors import ImportRowError
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_TEXT_CHARS
from kuulo.bot.models import Mention

REQUIRED = ("platform", "id", "author", "text", "created_at")
OPTIONAL = ("in_reply_to", "url", "lang", "author_id", "hashtags", "media_url", "like_count", "comment_count")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_URL = re.compile(r"https?://\S+")
_EPOCH = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True, slots=True)
class Row:
    """One line read from an import: its location and either a mention or the error."""

    where: str  # "posts.jsonl:12"
    mention: Mention | None
    error: str | None


def read_rows(stream: BinaryIO, name: str, fmt: str | None = None) -> Iterator[Row]:
    """Rows of a JSONL or CSV stream; the format comes from fmt, the file name, or the first byte."""
    fmt = fmt or _guess_format(name)
    lines = iter(stream)
    if fmt is None:
        first = next(lines, b"")
        fmt = "jsonl" if first.lstrip().startswith(b"{") or not first.strip() else "csv"
        lines = _chain(first, lines)
    return _read_jsonl(lines, name) if fmt == "jsonl" else _read_csv(lines, name)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _guess_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    return None


def _read_jsonl(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    for number, raw in enumerate(lines, 1):
        where = f"{name}:{number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Row(where, None, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Row(where, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _to_row(where, data)


def _read_csv(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    bad: dict[int, str] = {}

    def decoded() -> Iterator[str]:
        for number, raw in enumerate(lines, 1):
            try:
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                bad[number] = f"not valid UTF-8 (byte {exc.start + 1} of the line)"
                yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(decoded())
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        yield Row(f"{name}:1", None, f"CSV header lacks required column(s): {', '.join(missing)}")
        return
    last = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Row(f"{name}:{reader.line_num}", None, f"not valid CSV ({exc})")
            last = reader.line_num
            continue
        first, last = last + 1, reader.line_num
        where = f"{name}:{first}"
        broken = next((bad[n] for n in range(first, last + 1) if n in bad), None)
        if broken:
            yield Row(where, None, broken)
        elif cells and any(c.strip() for c in cells):
            if len(cells) != len(header):
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}")
            else:
                yield _to_row(where, _csv_values(dict(zip(header, cells))))


def _csv_values(data: dict[str, str]) -> dict[str, Any]:
    """CSV cells are text: empty optional cells are absent; hashtags may be a JSON list or space/comma separated."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value == "" and key not in REQUIRED:
            continue
        if key == "hashtags":
            value = json.loads(value) if value.startswith("[") else [t for t in re.split(r"[\s,]+", value) if t]
        elif key in ("like_count", "comment_count") and re.fullmatch(r"-?\d+", value.strip()):
            value = int(value)
        out[key] = value
    return out


def _to_row(where: str, data: Any) -> Row:
    try:
        return Row(where, parse_mention(data), None)
    except ImportRowError as exc:
        return Row(where, None, str(exc))


def parse_mention(data: Any) -> Mention:
    """Validate one import record (a JSON object or CSV row) into a Mention."""
    if not isinstance(data, dict):
        raise ImportRowError(f"expected a JSON object, got {type(data).__name__}")
    for key in REQUIRED:
        if key not in data or data[key] is None:
            raise ImportRowError(f"{key}: required field is missing")
    platform = _text(data, "platform").strip().lower()
    if not platform:
        raise ImportRowError("platform: must not be empty")
    post_id = _ident(data, "id")
    text = data["text"]
    if not isinstance(text, str):
        raise ImportRowError(f"text: expected a string, got {_kind(text)}")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportRowError(f"text: {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
    _no_nul("text", text)
    hashtags = data.get("hashtags")
    if hashtags is None:
        tags = tuple(dict.fromkeys(t.lower() for t in _HASHTAG.findall(_URL.sub(" ", text))))
    elif isinstance(hashtags, list) and all(isinstance(t, str) for t in hashtags):
        tags = tuple(t.lstrip("#").lower() for t in hashtags)
    else:
        raise ImportRowError(f"hashtags: expected a list of strings, got {_kind(hashtags)}")
    lang = _opt_text(data, "lang")
    if lang is not None and not re.fullmatch(r"[a-zA-Z]{2,3}", lang):
        raise ImportRowError(f"lang: expected an ISO 639-1 code like fi or en, got {lang!r}")
    known = set(REQUIRED) | set(OPTIONAL)
    extra = {k: v for k, v in data.items() if k not in known}
    return Mention(
        platform=platform, id=post_id, author=_text(data, "author"), text=text,
        created_at=parse_time(data["created_at"]),
        in_reply_to=_opt_ident(data, "in_reply_to"), url=_opt_text(data, "url"),
        lang=lang.lower() if lang else None, author_id=_opt_ident(data, "author_id"), hashtags=tags,
        media_url=_opt_text(data, "media_url"), like_count=_opt_count(data, "like_count"),
        comment_count=_opt_count(data, "comment_count"), raw=extra or None,
    )


def parse_time(value: Any) -> datetime:
    """ISO 8601 with a time zone, or a Unix epoch number, as an aware UTC datetime."""
    if isinstance(value, bool):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({value!r})")
    if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ImportRowError(f"created_at: epoch out of range ({value!r})") from None
    if not isinstance(value, str):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({_kind(value)})")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({value[:40]!r})") from None
    if parsed.tzinfo is None:
        raise ImportRowError(f"created_at: no time zone in {value[:40]!r} (add Z or +02:00)")
    return parsed.astimezone(timezone.utc)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number",
            str: "a string", type(None): "null"}.get(type(value), type(value).__name__)


def _no_nul(key: str, value: str) -> None:
    if "\x00" in value:
        raise ImportRowError(f"{key}: contains a NUL byte")


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ImportRowError(f"{key}: expected a string, got {_kind(value)}")
    if len(value) > MAX_FIELD_CHARS:
        raise ImportRowError(f"{key}: {len(value):,} characters, over the limit of {MAX_FIELD_CHARS:,}")
    _no_nul(key, value)
    return value


def _opt_text(data: dict[str, Any], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _ident(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
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
        raise ImportRowError(f"{key}: expected a whole number of 0 or more, got {_kind(value)}")
    return value
