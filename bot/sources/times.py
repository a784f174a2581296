"""Platform timestamps: ISO 8601 in its platform spellings (Z, +0000), epoch numbers, feedparser's struct_time and
HTTP dates, as aware UTC datetimes. A time Kuulo cannot store (outside POST_YEARS, or beyond what
Python's datetime can hold in any zone) is never returned: it is None here, or BadItem for an item; the importer
uses the same range."""

from __future__ import annotations

import calendar
import logging
import math
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from kuulo.bot.clock import Clock
from kuulo.bot.limits import FUTURE_SKEW_S, MAX_RETRY_AFTER_S, POST_YEARS
from kuulo.bot.sources.base import BadItem

log = logging.getLogger(__name__)

MIN_POST_TS = datetime(POST_YEARS[0], 1, 1, tzinfo=timezone.utc).timestamp()
MAX_POST_TS = datetime(POST_YEARS[1] + 1, 1, 1, tzinfo=timezone.utc).timestamp()  # exclusive
RANGE_TEXT = f"{POST_YEARS[0]}–{POST_YEARS[1]}"
_SECOND_60 = re.compile(r"(?<=\d\d:\d\d:)60(?:[.,]\d+)?(?=[Zz+-]|$)", re.ASCII)  # 23:59:60, 23:59:60.5Z


class NotALeapSecond(ValueError):
    """An ISO 8601 time with second 60 that is not 23:59:60 UTC."""

    def __init__(self) -> None:
        super().__init__("second 60 is a leap second only at 23:59:60 UTC")


def from_iso(text: str) -> datetime:
    """datetime.fromisoformat, and a leap second (23:59:60 UTC, valid ISO 8601 that datetime cannot hold) as
    23:59:59.999999, its last moment Python can hold: still before the next day's first second. ValueError as
    fromisoformat raises it, or NotALeapSecond for a second 60 at another time."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        leap = _SECOND_60.search(text)
        if leap is None:
            raise
    when = datetime.fromisoformat(text[:leap.start()] + "59" + text[leap.end():]).replace(microsecond=999_999)
    if when.tzinfo is not None:
        try:
            utc = when.astimezone(timezone.utc)
        except (OverflowError, ValueError):  # outside what datetime holds: the caller's range check says so
            return when
        if (utc.hour, utc.minute) != (23, 59):
            raise NotALeapSecond()
    return when


def in_range(when: datetime) -> bool:
    """Whether an aware time is one Kuulo stores (POST_YEARS in bot/limits.py)."""
    return MIN_POST_TS <= when.timestamp() < MAX_POST_TS


def _aware_utc(value: Any) -> datetime | None:
    """ISO 8601 with a zone or an aware datetime, in UTC, whatever its year; None when not, or not representable."""
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, str):
        when = _iso_or_none(value)
        if when is None:
            return None
    else:
        return None
    if when.tzinfo is None:
        return None
    try:
        return when.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # 0001-01-01T00:00+01:00 is year 0 in UTC
        return None


def parse_iso(value: Any) -> datetime | None:
    """An ISO 8601 time with a zone ('…Z', '…+00:00', '…+0000') or an aware datetime, in UTC; None when it is not
    one, or outside the years Kuulo stores. Never raises."""
    when = _aware_utc(value)
    return when if when is not None and in_range(when) else None


def item_time(value: Any, field: str) -> datetime:
    """An item's time, or BadItem naming the field (the item is then skipped and logged)."""
    when = parse_iso(value)
    if when is None:
        raise BadItem(f"{field} {unusable_time(value)} ({shown(value)})")
    return when


def unusable_time(value: Any) -> str:
    """Why parse_iso gave None for a value: 'missing or not ISO 8601', 'has no time zone', 'outside the years' or
    NotALeapSecond's reason."""
    written = _iso_or_none(value) if isinstance(value, str) else value if isinstance(value, datetime) else None
    if written is None and isinstance(value, str) and _SECOND_60.search(value):
        try:
            from_iso(value.replace("Z", "+00:00"))
        except NotALeapSecond as exc:
            return str(exc)
        except ValueError:
            pass
    if written is None:
        return "missing or not ISO 8601"
    if written.tzinfo is None:
        return "has no time zone"
    return f"outside the years {RANGE_TEXT}"


def epoch_time(value: Any, field: str) -> datetime:
    """An item's Unix epoch time (seconds), or BadItem naming the field."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadItem(f"{field} missing or not a number ({shown(value)})")
    if not (isinstance(value, int) or math.isfinite(value)) or not MIN_POST_TS <= value < MAX_POST_TS:
        raise BadItem(f"{field} outside the years {RANGE_TEXT} ({shown(value)})")
    return datetime.fromtimestamp(value, timezone.utc)


def struct_time(value: Any, field: str) -> datetime:
    """feedparser's parsed date (a UTC struct_time, whose year may be 0 or 10000), or BadItem naming the field."""
    try:
        parts = tuple(value)[:6]
        seconds = calendar.timegm(parts + (0, 0, 0))
    except TypeError:
        raise BadItem(f"{field} not a date ({shown(value)})") from None
    except (ValueError, OverflowError):  # year 0 or 10000: datetime cannot hold it
        raise BadItem(f"{field} outside the years {RANGE_TEXT} ({shown(parts)})") from None
    return epoch_time(seconds, field)


def cursor_time(when: datetime | None, now: datetime) -> datetime | None:
    """An item's time as a cursor may keep it: never later than now plus the allowed clock skew, so one post dated
    in the future cannot move a cursor past every post still to come."""
    if when is None:
        return None
    return min(when, now + timedelta(seconds=FUTURE_SKEW_S))


def _iso_or_none(value: str) -> datetime | None:
    try:
        return from_iso(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def shown(value: Any, limit: int = 60) -> str:
    """A value as a log line may quote it: repr, cut to `limit` characters."""
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4,300 digits
        return f"a {type(value).__name__} too long to show"
    return text if len(text) <= limit else text[:limit - 1] + "…"


def http_date(value: str | None) -> datetime | None:
    """An HTTP Date / Retry-After date (RFC 9110) in UTC, or None. The zone "-0000" (RFC 5322: UTC, the sender's
    zone unknown), which parsedate_to_datetime leaves naive, is UTC too."""
    try:
        when = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, OverflowError):
        return None
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


def ascii_digits(value: str) -> bool:
    """Whether a text (a header's value, a stored id's part) is a whole number in ASCII digits (RFC 9110):
    str.isdigit() alone also passes '²', which int() and float() refuse, and '١', which no server means as one."""
    return value.isascii() and value.isdigit()


def retry_after_seconds(value: str | None, clock: Clock) -> float | None:
    """Retry-After as seconds when it is readable: ASCII digits or an HTTP date (RFC 9110), or a decimal some servers
    send ('1.5'); None when absent or unreadable ('²', 'soon', '-1')."""
    value = (value or "").strip()
    whole, dot, part = value.partition(".")
    if ascii_digits(whole) and (not dot or ascii_digits(part)):
        return float(value)
    when = http_date(value)
    return None if when is None else max(0.0, (when - clock.now()).total_seconds())


def retry_after_header(value: str | None, clock: Clock) -> float | None:
    """Retry-After as seconds (retry_after_seconds); None when absent. A value Kuulo cannot read asked for a wait all
    the same: it is logged and taken as MAX_RETRY_AFTER_S."""
    seconds = retry_after_seconds(value, clock)
    if seconds is not None or not (value or "").strip():
        return seconds
    log.warning("Retry-After %s is neither seconds nor an HTTP date; waiting %.0f s", shown(value.strip()),
                MAX_RETRY_AFTER_S)
    return MAX_RETRY_AFTER_S
