"""Durations written like 30m, 2h, 1d or 1h30m."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)\s*([smhdw])")
_WHOLE = re.compile(r"(?:\d+\s*[smhdw]\s*)+")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> int | None:
    """Seconds in a duration like '30m' or '1h30m'; None when the text is not one."""
    text = text.strip().lower()
    if not text or not _WHOLE.fullmatch(text):
        return None
    return sum(int(n) * _SECONDS[unit] for n, unit in _PART.findall(text))


def format_duration(seconds: float | None) -> str:
    """A short human form: 45s, 12m, 3h 05m, 2d 4h; never negative (the age of a post dated in the future is 0s)."""
    if seconds is None or seconds != seconds or abs(seconds) == float("inf"):
        return "–"
    s = max(0, int(round(seconds)))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h {s % 3600 // 60:02d}m"
    return f"{s // 86400}d {s % 86400 // 3600}h"
