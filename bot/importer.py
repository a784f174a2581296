"""JSON Lines and CSV import: each line becomes a Mention, or an error naming file, line and field."""

from __future__ import annotations

import contextlib
import csv
import gc
import json
import math
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, BinaryIO, Callable, Iterator

import orjson

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_HASHTAG_CHARS, MAX_HASHTAGS, MAX_TEXT_CHARS
from kuulo.bot.models import SQLITE_INT, Mention
from kuulo.bot.sources.times import MAX_POST_TS, MIN_POST_TS, RANGE_TEXT

REQUIRED = ("platform", "id", "author", "text", "created_at")
OPTIONAL = ("in_reply_to", "url", "lang", "author_id", "hashtags", "media_url", "like_count", "comment_count")
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_URL = re.compile(r"https?://\S+")
_EPOCH = re.compile(r"-?\d+(\.\d+)?")
_LANG = re.compile(r"[a-zA-Z]{2,3}")
_KEY_ENDS = re.compile(rb'"\s*:')  # where a key may end (and a string holding '":': then the line is read again)
# A platform is a name (x, instagram, google-reviews, app store): letters, digits, space, . _ -; no '·', '#' or line
# break with which a platform could imitate the text around it in an alert ("x priority · case #1")
_PLATFORM = re.compile(r"[^\W_][\w .-]{0,39}")
_KNOWN = frozenset(REQUIRED + OPTIONAL)
_REQUIRED_KEYS = frozenset(REQUIRED)
_PLAIN_KEYS = frozenset(REQUIRED + ("in_reply_to", "url", "lang", "author_id", "media_url"))  # text fields only
_PLAIN = frozenset({str, int, bool})
_WIDE = 2.0 ** 63  # orjson reads an integer outside 64 bits as a float at least this large; json keeps it whole
_MANY_BRACKETS = 200
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Row:
    """One line read from an import: its location and either a mention or the error."""

    where: str  # "posts.jsonl:12"
    mention: Mention | None
    error: str | None
    notes: tuple[str, ...] = ()  # what was dropped from a line that went in (an unknown field over a limit)


@contextlib.contextmanager
def bulk_gc() -> Iterator[None]:
    """During an import: no garbage collection (a post's objects are freed by reference counting), one at its end."""
    # Collections that walked the rules engine's tables every few thousand posts took about a seventh of the importing
    # process's CPU (1.5 of 10.8 s for 100,000 posts); with those frozen, collections of the import's own objects still
    # took 0.3 s and found nothing: an import makes no reference cycles (tests/test_import_gc.py holds it).
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()  # only what the import made: the rest is frozen
        gc.unfreeze()
        if enabled:
            gc.enable()


def read_rows(stream: BinaryIO, name: str, fmt: str | None = None) -> Iterator[Row]:
    """Rows of a JSONL or CSV stream; the format comes from fmt, the file name, or the first non-blank byte."""
    fmt = fmt or _guess_format(name)
    lines: Iterator[bytes] = iter(stream)
    if fmt is None:
        fmt, lines = _sniff(lines)
    return _read_jsonl(lines, name) if fmt == "jsonl" else _read_csv(lines, name)


def _sniff(lines: Iterator[bytes]) -> tuple[str, Iterator[bytes]]:
    """JSONL when the first non-blank byte (after a byte-order mark) opens a JSON object or list, else CSV; the lines
    read to decide are given back in front of the rest."""
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        first = line.removeprefix(BOM) if len(head) == 1 else line
        if first.strip():
            return ("jsonl" if first.lstrip()[:1] in (b"{", b"[") else "csv"), _chain(head, lines)
    return "jsonl", iter(head)


def _chain(head: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from head
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
        if number == 1:
            raw = raw.removeprefix(BOM)
        if raw.strip():
            yield _guarded(f"{name}:{number}", lambda: parse_json_line(raw))


def parse_json_line(raw: bytes) -> tuple[Mention, tuple[str, ...]]:
    """One JSON Lines line as a Mention and notes on what was dropped from it; ImportRowError says why not."""
    # orjson reads a well-formed line in a third of json's time; whatever it refuses (broken UTF-8 or JSON, NaN,
    # a lone surrogate) is read again by json below, for json's answer and error; so is a line where orjson made a
    # float of an integer past 64 bits (json keeps it whole) or with hundreds of brackets (json refuses nesting a
    # little shallower than orjson does)
    if raw.count(b"[") + raw.count(b"{") < _MANY_BRACKETS:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
        else:
            if not _wide_float(data) and len(_KEY_ENDS.findall(raw)) <= _key_count(data):  # no key twice
                mention = _plain_mention(data)
                return (mention, ()) if mention is not None else parse_record(data)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRowError(f"not valid UTF-8 (byte {exc.start + 1} of the line)") from None
    try:
        data = json.loads(line.rstrip("\r\n"), object_pairs_hook=_once_each)
    except json.JSONDecodeError as exc:
        raise ImportRowError(f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    except RecursionError:
        raise ImportRowError("not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ImportRowError(f"not valid JSON ({str(exc).split(':')[0]})") from None
    return parse_record(data)


def _key_count(data: Any) -> int:
    """How many keys the objects of a parsed line hold, nested ones too (orjson keeps the last of a key written
    twice: a line with more '"…":' than this may hold one, and is read again by json, which is told to refuse it)."""
    if isinstance(data, dict):
        return len(data) + sum(_key_count(v) for v in data.values() if isinstance(v, (dict, list)))
    if isinstance(data, list):
        return sum(_key_count(v) for v in data if isinstance(v, (dict, list)))
    return 0


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each written once: a record with "text" twice could be read two ways."""
    out = dict(pairs)
    if len(out) < len(pairs):
        twice = sorted({k for k, _ in pairs if [p for p, _ in pairs].count(k) > 1})
        raise ImportRowError(f"a key written twice in one object: {', '.join(repr(k[:40]) for k in twice[:3])}")
    return out


def _plain_mention(data: Any) -> Mention | None:
    """A record of text fields only, as parse_mention reads it, checked in one pass (a third of its time); None for
    anything else (a number for an id, listed hashtags, counts, unknown fields, a value parse_mention would refuse),
    which parse_mention then reads field by field. Only for what orjson read: its strings hold no unpaired surrogate."""
    if type(data) is not dict or not data.keys() <= _PLAIN_KEYS or not _REQUIRED_KEYS <= data.keys():
        return None
    for key, value in data.items():
        if value is None:
            if key in _REQUIRED_KEYS:
                return None
            continue
        if key == "created_at":  # parse_time reads any value, last (as parse_mention does)
            continue
        if type(value) is not str or "\x00" in value or len(value) > (MAX_TEXT_CHARS if key == "text" else
                                                                      MAX_FIELD_CHARS):
            return None
    platform, post_id, lang = data["platform"].strip().lower(), data["id"].strip(), data.get("lang")
    reply, author_id = data.get("in_reply_to") or None, data.get("author_id") or None
    if (not _PLATFORM.fullmatch(platform) or not post_id or (lang is not None and not _LANG.fullmatch(lang))
            or (reply is not None and not reply.strip()) or (author_id is not None and not author_id.strip())):
        return None
    text = data["text"]
    return Mention(platform=platform, id=post_id, author=data["author"], text=text,
                   created_at=parse_time(data["created_at"]), in_reply_to=reply and reply.strip(),
                   url=data.get("url"), lang=lang.lower() if lang else None,
                   author_id=author_id and author_id.strip(), hashtags=_hashtags(None, text),
                   media_url=data.get("media_url"))


def _wide_float(value: Any) -> bool:
    """Whether a parsed value holds a float as large as an integer past 64 bits (a float that large, written as one,
    reads the same in json)."""
    kind = type(value)
    if kind is dict:
        items = value.values()
    elif kind is list:
        items = value
    else:
        return kind is float and abs(value) >= _WIDE
    for item in items:  # a line's strings, whole numbers and nulls are passed by without a call
        if item is not None and type(item) not in _PLAIN and _wide_float(item):
            return True
    return False


def _guarded(where: str, parse: Callable[[], tuple[Mention, tuple[str, ...]]]) -> Row:
    """The row of one line: its mention, or its error; nothing a line holds stops the import."""
    try:
        mention, notes = parse()
    except ImportRowError as exc:
        return Row(where, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - a check we did not foresee: still only this line is lost
        return Row(where, None, f"cannot be read ({type(exc).__name__}: {str(exc)[:100]})")
    return Row(where, mention, None, notes)


def _read_csv(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    """The records of a CSV file, each a Row; a quote that never closes is rejected alone, at the line it opens on,
    and the lines it swallowed are read again as records of their own (one stray quote loses nothing else)."""
    bad: dict[int, str] = {}
    held: list[tuple[int, str]] = []  # the physical lines (number, text) of the record being read
    again: list[tuple[int, str]] = []  # lines to read once more, last first (a rejected record swallowed them)
    physical = enumerate(lines, 1)

    def feed() -> Iterator[str]:
        while True:
            if again:
                held.append(again.pop())
            else:
                item = next(physical, None)
                if item is None:
                    return
                number, raw = item
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    bad[number] = f"not valid UTF-8 (byte {exc.start + 1} of the line)"
                    text = raw.decode("utf-8", errors="replace")
                held.append((number, text))
            yield held[-1][1]

    reader = csv.reader(feed())
    try:
        header = next(reader, None)
        while header == []:  # blank lines before the header
            header = next(reader, None)
    except csv.Error as exc:
        yield Row(f"{name}:{held[-1][0] if held else 1}", None, f"not valid CSV in the header ({exc})")
        return
    if header is None:
        return
    header = [h.strip() for h in header]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        yield Row(f"{name}:1", None, f"CSV header lacks required column(s): {', '.join(missing)}")
        return
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:  # which of the two would a row mean?
        yield Row(f"{name}:1", None, f"CSV header names a column twice: {', '.join(twice)}")
        return
    held.clear()
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over csv's size limit: a stray quote ran on through thousands of lines
            yield Row(f"{name}:{held[0][0] if held else '?'}", None, f"not valid CSV ({exc})" + (
                f": a quote opened on this line runs on to line {held[-1][0]}; the lines after it were read again as "
                "records of their own" if len(held) > 1 else ""))
            again.extend(reversed(held[1:]))
            held.clear()
            reader = csv.reader(feed())
            continue
        record = held[:]
        held.clear()
        where = f"{name}:{record[0][0]}"
        broken = next((bad[n] for n, _ in record if n in bad), None)
        if broken:
            yield Row(where, None, broken)
        elif cells and any(c.strip() for c in cells):
            if len(cells) != len(header) and len(record) > 1:  # a stray quote ran on: read the rest again
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}: a quote opened on this "
                                       f"line runs on to line {record[-1][0]}; the lines after it were read again as "
                                       "records of their own")
                again.extend(reversed(record[1:]))
                reader = csv.reader(feed())
            elif len(cells) != len(header):
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}")
            else:
                yield _guarded(where, lambda: parse_csv_record(dict(zip(header, cells))))


def parse_csv_record(cells: dict[str, str]) -> tuple[Mention, tuple[str, ...]]:
    """One CSV record (header -> cell) as a Mention and notes; ImportRowError says why not."""
    return parse_record(_csv_values(cells))


def _csv_values(data: dict[str, str]) -> dict[str, Any]:
    """CSV cells are text: empty optional cells are absent; hashtags may be a JSON list or space/comma separated."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value == "" and key not in REQUIRED:
            continue
        if key == "hashtags":
            value = _csv_hashtags(value)
        elif key in ("like_count", "comment_count") and re.fullmatch(r"-?\d+", value.strip()):
            value = _whole(key, value.strip())
        out[key] = value
    return out


def _csv_hashtags(value: str) -> Any:
    if not value.lstrip().startswith("["):
        return [t for t in re.split(r"[\s,]+", value) if t]
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ImportRowError(f"hashtags: not a JSON list ({exc.msg} at column {exc.colno}); write tags separated "
                             "by spaces, or a JSON list like [\"#nordea\"]") from None
    except (RecursionError, ValueError):
        raise ImportRowError("hashtags: not a JSON list (nested too deeply or a number too long)") from None


def _whole(key: str, digits: str) -> int:
    if len(digits) > 20:  # int() of a very long string is slow, and no count needs it
        raise ImportRowError(f"{key}: {digits[:24]}… is out of range (at most {SQLITE_INT[1]:,})")
    return int(digits)


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
        if key not in data or data[key] is None:
            raise ImportRowError(f"{key}: required field is missing")
    platform = _text(data, "platform").strip().lower()
    if not platform:
        raise ImportRowError("platform: must not be empty")
    if not _PLATFORM.fullmatch(platform):
        raise ImportRowError(f"platform: expected a name like x, instagram or google-reviews (letters, digits, space,"
                             f" . _ -, at most 40), got {platform[:40]!r}{'…' if len(platform) > 40 else ''}")
    post_id = _ident(data, "id")
    text = data["text"]
    if not isinstance(text, str):
        raise ImportRowError(f"text: expected a string, got {_kind(text)}")
    if len(text) > MAX_TEXT_CHARS:
        raise ImportRowError(f"text: {len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,}")
    _no_nul("text", text)
    tags = _hashtags(data.get("hashtags"), text)
    lang = _opt_text(data, "lang")
    if lang is not None and not _LANG.fullmatch(lang):
        raise ImportRowError(f"lang: expected an ISO 639-1 code like fi or en, got {lang!r}")
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    return Mention(
        platform=platform, id=post_id, author=_text(data, "author"), text=text,
        created_at=parse_time(data["created_at"]),
        in_reply_to=_opt_ident(data, "in_reply_to"), url=_opt_text(data, "url"),
        lang=lang.lower() if lang else None, author_id=_opt_ident(data, "author_id"), hashtags=tags,
        media_url=_opt_text(data, "media_url"), like_count=_opt_count(data, "like_count"),
        comment_count=_opt_count(data, "comment_count"), raw=extra or None,
    )


def _hashtags(hashtags: Any, text: str) -> tuple[str, ...]:
    """The listed hashtags (each checked: a bad one rejects the line), or those in the text (over-long ones left
    out: the text keeps them)."""
    if hashtags is None:
        if "#" not in text:
            return ()
        found = (t.lower() for t in _HASHTAG.findall(_URL.sub(" ", text)) if len(t) <= MAX_HASHTAG_CHARS)
        return tuple(dict.fromkeys(found))[:MAX_HASHTAGS]
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
    return tuple(dict.fromkeys(t.lstrip("#").lower() for t in hashtags if t.lstrip("#")))


def parse_time(value: Any) -> datetime:
    """ISO 8601 with a time zone, or a Unix epoch number, as an aware UTC datetime in the years Kuulo stores."""
    if isinstance(value, bool):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({value!r})")
    if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
        value = float(value)  # inf when too long: out of range below
    if isinstance(value, (int, float)):
        return _epoch(value)
    if not isinstance(value, str):
        raise ImportRowError(f"created_at: not ISO 8601 or a Unix epoch ({_kind(value)})")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
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


def _opt_text(data: dict[str, Any], key: str) -> str | None:
    return None if data.get(key) is None else _text(data, key)


def _ident(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10 ** 40:
            raise ImportRowError(f"{key}: a number of more than 40 digits is not an id")
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
        got = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else _kind(value)
        raise ImportRowError(f"{key}: expected a whole number of 0 or more, got {got}")
    if value > SQLITE_INT[1]:
        raise ImportRowError(f"{key}: out of range (at most {SQLITE_INT[1]:,})")
    return value
