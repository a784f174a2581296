"""Calendar periods in the team's time zone, for /kuulo report, kuulo report --period and the summaries."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from kuulo.bot.errors import KuuloError
from kuulo.bot.periods import calendar_period, previous_period

HELSINKI = ZoneInfo("Europe/Helsinki")
WEDNESDAY = datetime(2026, 11, 18, 12, 30, tzinfo=timezone.utc)  # 14:30 in Helsinki


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=HELSINKI)


@pytest.mark.parametrize("name, since, until", [
    ("today", local(2026, 11, 18), WEDNESDAY),
    ("yesterday", local(2026, 11, 17), local(2026, 11, 18)),
    ("week", local(2026, 11, 16), WEDNESDAY),
    ("last-week", local(2026, 11, 9), local(2026, 11, 16)),
    ("month", local(2026, 11, 1), WEDNESDAY),
    ("last-month", local(2026, 10, 1), local(2026, 11, 1)),
])
def test_named_periods(name, since, until):
    assert calendar_period(name, WEDNESDAY, HELSINKI) == (since, until)


def test_last_month_in_january_is_december_and_a_dst_week_is_169_hours():
    assert calendar_period("last-month", datetime(2027, 1, 5, tzinfo=timezone.utc), HELSINKI) == (
        local(2026, 12, 1), local(2027, 1, 1))
    since, until = calendar_period("last-week", datetime(2026, 10, 28, tzinfo=timezone.utc), HELSINKI)
    assert (since, until) == (local(2026, 10, 19), local(2026, 10, 26))
    assert until.timestamp() - since.timestamp() == 169 * 3600  # clocks went back on 25 October


def test_previous_period_is_the_month_before_a_month_else_as_long_before():
    assert previous_period(local(2026, 3, 1), local(2026, 4, 1), HELSINKI) == (local(2026, 2, 1), local(2026, 3, 1))
    assert previous_period(local(2026, 11, 9), local(2026, 11, 16), HELSINKI) == (
        local(2026, 11, 2), local(2026, 11, 9))
    assert previous_period(local(2026, 11, 17), local(2026, 11, 18), HELSINKI) == (
        local(2026, 11, 16), local(2026, 11, 17))


def test_unknown_period_is_named():
    with pytest.raises(KuuloError, match="unknown period 'year': use today, yesterday, week, last-week, month"):
        calendar_period("year", WEDNESDAY, HELSINKI)
