"""Times people type and read: one parser for every time option, one form for every time shown, in the team's zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Sequence
from zoneinfo import ZoneInfo

from kuulo.bot.durations import parse_duration
from kuulo.bot.errors import BadTime
from kuulo.bot.limits import MAX_DURATION_DAYS, MAX_TIME_INPUT_CHARS, TIME_YEARS

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
MORNING = time(9, 0)  # what a bare `tomorrow` means for a snooze (the Slack snooze menu's "Tomorrow 9:00")
FORMS = ("2h, 30m, 3d, tomorrow 9:00, 2026-12-01, or an ISO time like 2026-12-01T09:00 "
         "(the team's zone unless it has one)")
_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_DAY_WORD = re.compile(r"(yesterday|today|tomorrow)(?:\s+(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?)?")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


def parse_time(text: str, *, now: datetime, tz: ZoneInfo, ahead: bool = True, day_at: time = MORNING) -> datetime:
    """A typed time as an aware datetime in the team's zone; durations count ahead of now (or back, ahead=False);
    a day without a clock time means day_at; a time without a zone is the team's."""
    raw = text.strip()
    if len(raw) > MAX_TIME_INPUT_CHARS:
        raise BadTime(f"{raw[:MAX_TIME_INPUT_CHARS]!r}…: too long for a time; use {FORMS}")
    low = raw.lower()
    seconds = parse_duration(low) if low else None
    if seconds is not None:
        if seconds > MAX_DURATION_DAYS * 86_400:
            raise BadTime(f"{raw!r} is more than {MAX_DURATION_DAYS // 366} years; use {FORMS}")
        return (now + timedelta(seconds=seconds if ahead else -seconds)).astimezone(tz)
    today = now.astimezone(tz).date()
    if words := _DAY_WORD.fullmatch(low):
        day = today + timedelta(days=_DAYS[words[1]])
        return _at(day, _clock(words[2], words[3], raw) if words[2] else day_at, tz, typed=bool(words[2]))
    if clock := _CLOCK.fullmatch(low):
        return _at(today, _clock(clock[1], clock[2], raw), tz, typed=True)
    try:
        return _at(date.fromisoformat(raw), day_at, tz)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise BadTime(f"{raw!r} is not a time; use {FORMS}") from None
    _check_year(when.year, raw)
    if when.tzinfo is None and (problem := not_one_instant(when, tz)) is not None:
        raise BadTime(f"{raw!r}: {problem}")
    return _real(when if when.tzinfo else when.replace(tzinfo=tz), tz)


def _clock(hours: str, minutes: str | None, raw: str) -> time:
    h, m = int(hours), int(minutes or 0)
    if h > 23 or m > 59:
        raise BadTime(f"{raw!r}: {h}:{m:02d} is not a time of day")
    return time(h, m)


def _at(day: date, clock: time, tz: ZoneInfo, *, typed: bool = False) -> datetime:
    """A day at a clock time in the zone; a clock time the user typed (not a bare day's) must be one instant."""
    _check_year(day.year, day.isoformat())
    wall = datetime.combine(day, clock)
    if typed and (problem := not_one_instant(wall, tz)) is not None:
        raise BadTime(problem)
    return _real(wall.replace(tzinfo=tz), tz)


def not_one_instant(wall: datetime, zone: ZoneInfo) -> str | None:
    """Why a wall time (no offset) is not one instant in the zone: one its clocks skip in spring or show twice in
    autumn; None when it is one."""
    early, late = (wall.replace(tzinfo=zone, fold=fold) for fold in (0, 1))
    shows = lambda when: datetime.fromtimestamp(when.timestamp(), zone).replace(tzinfo=None) == wall  # noqa: E731
    if not shows(early) and not shows(late):
        return (f"{wall:%Y-%m-%d %H:%M:%S} does not happen in {zone.key} (the clocks skip it): write the time with "
                "its offset, or another time")
    if early.utcoffset() != late.utcoffset():
        return (f"{wall:%Y-%m-%d %H:%M:%S} happens twice in {zone.key} (the clocks turn back): write it with its "
                f"offset, {offset(early)} or {offset(late)}")
    return None


def _real(when: datetime, tz: ZoneInfo) -> datetime:
    """The instant as the zone's clocks show it: a wall time the clocks skip in spring (03:30 on the last Sunday of
    March in Helsinki) reads as the time it is then (04:30 +03:00), not as a time that never shows."""
    return datetime.fromtimestamp(when.timestamp(), tz)


def _check_year(year: int, raw: str) -> None:
    low, high = TIME_YEARS
    if not low <= year <= high:
        raise BadTime(f"{raw!r} is out of range: give a time between {low} and {high}")


def shown(when: datetime | float, tz: ZoneInfo) -> str:
    """A time as Kuulo prints it: minutes in the team's zone with the offset, e.g. 2026-11-29 17:26 +02:00."""
    local = (datetime.fromtimestamp(when, tz) if isinstance(when, (int, float)) else when.astimezone(tz))
    return f"{local:%Y-%m-%d %H:%M} {offset(local)}"


_PRECISIONS = (60_000_000, 1_000_000, 1_000, 1)  # minutes, seconds, milliseconds, microseconds (in microseconds)


def shown_apart(times: Sequence[datetime | float], tz: ZoneInfo) -> list[str]:
    """Times as shown() prints them, with seconds, milliseconds or microseconds when minutes would show two different
    times alike (an entry at 23:59:59.999 beside a close at 23:59:59)."""
    locals_ = [datetime.fromtimestamp(t, tz) if isinstance(t, (int, float)) else t.astimezone(tz) for t in times]
    instants = [(t - _EPOCH) // timedelta(microseconds=1) for t in locals_]
    unit = next(u for u in _PRECISIONS if len({i // u for i in instants}) == len(set(instants)))
    return [_shown_to(t, unit) for t in locals_]


def _shown_to(local: datetime, unit: int) -> str:
    """A local time down to the unit (in microseconds), with its offset."""
    clock = f"{local:%Y-%m-%d %H:%M}" if unit >= 60_000_000 else f"{local:%Y-%m-%d %H:%M:%S}"
    fraction = {1_000: f".{local.microsecond // 1000:03d}", 1: f".{local.microsecond:06d}"}.get(unit, "")
    return f"{clock}{fraction} {offset(local)}"


def offset(local: datetime) -> str:
    """A datetime's UTC offset as +02:00."""
    minutes = int(local.utcoffset().total_seconds() // 60)  # type: ignore[union-attr]
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
