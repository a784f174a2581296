"""Unknown fields of an import line (and the fields of a platform's item a live source keeps: a Mastodon status, a
Bluesky record), kept in the post's raw column: each within size, depth and character limits; the others are dropped
(a post is never lost for a field Kuulo does not read) and named, so raw is always RFC 8259 JSON."""

from __future__ import annotations

import json
from typing import Any

from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_RAW_DEPTH, MAX_RAW_FIELD_CHARS, MAX_RAW_FIELDS


def keep_raw(extra: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The unknown fields kept in raw: each within the size, depth and character limits; the others are dropped (a
    post is never lost for them) and named in the notes and in raw["_dropped"]."""
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    for key, value in extra.items():
        why = _raw_problem(key, value) if len(kept) < MAX_RAW_FIELDS else f"more than {MAX_RAW_FIELDS} unknown fields"
        if why:
            dropped.append(f"{_shown_key(key)} ({why})")
        else:
            kept[key] = value
    if not dropped:
        return kept, ()
    kept["_dropped"] = [d.split(" (")[0] for d in dropped[:10]]
    shown = "; ".join(dropped[:3]) + (f"; and {len(dropped) - 3} more" if len(dropped) > 3 else "")
    return kept, (f"unknown field(s) dropped: {shown}",)


def _raw_problem(key: str, value: Any) -> str | None:
    if len(key) > MAX_FIELD_CHARS:
        return f"name of {len(key):,} characters, over the limit of {MAX_FIELD_CHARS:,}"
    if _depth_over(value, MAX_RAW_DEPTH):
        return f"nested more than {MAX_RAW_DEPTH} levels"
    try:
        encoded = json.dumps({key: value}, ensure_ascii=False, allow_nan=False)
    except ValueError:  # json.loads reads NaN and Infinity, which RFC 8259 JSON (orjson, jq, a strict reader) has not
        return "NaN or Infinity, not a JSON number"
    except (TypeError, RecursionError):  # a live source's object that is no JSON value
        return "not a JSON value"
    try:
        encoded.encode("utf-8")
    except ValueError:  # an unpaired surrogate
        return "not valid Unicode"
    if len(encoded) > MAX_RAW_FIELD_CHARS:
        return f"{len(encoded):,} characters as JSON, over the limit of {MAX_RAW_FIELD_CHARS:,}"
    if "\\u0000" in encoded:
        return "contains a NUL byte"
    return None


def _depth_over(value: Any, limit: int) -> bool:
    if not isinstance(value, (dict, list)):
        return False
    if limit <= 0:
        return True
    return any(_depth_over(v, limit - 1) for v in (value.values() if isinstance(value, dict) else value))


def _shown_key(key: str) -> str:
    return repr(key if len(key) <= 40 else key[:39] + "…")
