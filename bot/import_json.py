"""JSON Lines import: each line a Mention, read by orjson where it gives json's answer, else by json (for json's
answer and error)."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

import orjson

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_record import (LANG_CODE, PLATFORM_NAME, REQUIRED, LongLine, Row, guarded, parse_record,
                                     parse_time, platform_name, read_hashtags)
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_TEXT_CHARS
from kuulo.bot.models import Mention

_KEY_ENDS = re.compile(rb'"\s*:')  # where a key may end (and a string holding '":': then the line is read again)
_REQUIRED_KEYS = frozenset(REQUIRED)
_PLAIN_KEYS = frozenset(REQUIRED + ("in_reply_to", "url", "lang", "author_id", "media_url"))  # text fields only
_PLAIN = frozenset({str, int, bool})
_WIDE = 2.0 ** 63  # orjson reads an integer outside 64 bits as a float at least this large; json keeps it whole
_MANY_BRACKETS = 200
BOM = b"\xef\xbb\xbf"


def read_jsonl(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    """The rows of a JSON Lines stream, one a non-blank line; byte-order marks at the start of any line are passed
    over (exports joined with `cat a.jsonl b.jsonl` carry one at the start of each part)."""
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, LongLine):
            yield Row(f"{name}:{number}", None, raw.error)
            continue
        raw = without_bom(raw)
        if raw.strip():
            yield guarded(f"{name}:{number}", lambda: parse_json_line(raw))


def without_bom(raw: bytes) -> bytes:
    """A line without the byte-order marks it starts with (an empty part of joined exports adds its mark to the
    next part's)."""
    while raw.startswith(BOM):
        raw = raw[len(BOM):]
    return raw


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
    platform, post_id, lang = platform_name(data["platform"]), data["id"].strip(), data.get("lang")
    reply, author_id = data.get("in_reply_to") or None, data.get("author_id") or None
    if (not PLATFORM_NAME.fullmatch(platform) or not post_id or (lang is not None and not LANG_CODE.fullmatch(lang))
            or (reply is not None and not reply.strip()) or (author_id is not None and not author_id.strip())
            or not data["author"].strip()):
        return None
    text = data["text"]
    return Mention(platform=platform, id=post_id, author=data["author"], text=text,
                   created_at=parse_time(data["created_at"]), in_reply_to=reply and reply.strip(),
                   url=data.get("url"), lang=lang.lower() if lang else None,
                   author_id=author_id and author_id.strip(), hashtags=read_hashtags(None, text),
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
