"""Platform timestamps: ISO 8601 in its platform spellings (Z, +0000) and HTTP dates, as aware UTC datetimes."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from kuulo.bot.clock import Clock
from kuulo.bot.sources.base import BadItem


def parse_iso(value: Any) -> datetime | None:
    """An ISO 8601 time with a zone ('…Z', '…+00:00', '…+0000') or an aware datetime, in UTC; else None."""
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, str):
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return when.astimezone(timezone.utc) if when.tzinfo else None


def item_time(value: Any, field: str) -> datetime:
    """An item's time, or BadItem naming the field (the item is then skipped and logged)."""
    when = parse_iso(value)
    if when is None:
        raise BadItem(f"{field} missing or not ISO 8601 ({value!r})")
    return when


def http_date(value: str | None) -> datetime | None:
    """An HTTP Date / Retry-After date (RFC 9110), or None."""
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def retry_after_header(value: str | None, clock: Clock) -> float | None:
    """Retry-After as seconds: a number or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - clock.now()).total_seconds())
