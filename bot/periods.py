"""Calendar periods in the team's time zone: today, yesterday, this / last week (Monday first), this / last month."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kuulo.bot.errors import KuuloError

PERIODS = ("today", "yesterday", "week", "last-week", "month", "last-month")


def calendar_period(name: str, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[since, until) of a named period; the current ones (today, week, month) end now."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    spans = {
        "today": (today, None), "yesterday": (today - timedelta(days=1), today),
        "week": (monday, None), "last-week": (monday - timedelta(days=7), monday),
        "month": (first, None), "last-month": ((first - timedelta(days=1)).replace(day=1), first),
    }
    if name not in spans:
        raise KuuloError(f"unknown period '{name}': use {', '.join(PERIODS)}")
    start, end = spans[name]
    return midnight(start, tz), (now.astimezone(tz) if end is None else midnight(end, tz))


def previous_period(since: datetime, until: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The period before [since, until) to compare with: the month before a month, else as many days before."""
    local = since.astimezone(tz)
    if local.day == 1 and local.time() == time(0) and (until - since).days >= 28:
        start = (local.date() - timedelta(days=1)).replace(day=1)
        return midnight(start, tz), since
    return since - (until - since), since


def midnight(day: date, tz: ZoneInfo) -> datetime:
    """00:00 of a day in the team's time zone."""
    return datetime.combine(day, time(0), tzinfo=tz)
