"""JSON text as Kuulo stores it (event data, outbox payloads): compact, keys sorted, written by orjson."""

from __future__ import annotations

import json
from typing import Any

import orjson

_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def compact_json(data: dict[str, Any]) -> str:
    """Compact JSON with sorted keys, json's very text (orjson writes it in a fifth of json's time; what orjson
    refuses, like a key that is not a string or an integer past 64 bits, json writes)."""
    try:
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):
        return _json(data)
