"""The waits a platform's headers ask for: HTTP dates in any zone RFC 5322 allows, resets of any size."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from kuulo.bot.delivery import honoured
from kuulo.bot.limits import MAX_RETRY_AFTER_S
from kuulo.bot.sources.bluesky_session import reset_in
from kuulo.bot.sources.times import http_date, retry_after_seconds

NOW = datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("zone", ["GMT", "+0000", "-0000", "UT", "Z"])
def test_an_http_date_in_any_utc_spelling_is_that_instant(zone):
    when = http_date(f"Tue, 17 Nov 2026 10:00:30 {zone}")
    assert when == NOW.replace(second=30) and when.tzinfo is not None


def test_a_retry_after_date_in_the_unknown_zone_is_read_as_utc(clock):
    assert retry_after_seconds(format_datetime(NOW.replace(second=30), usegmt=False).replace("+0000", "-0000"),
                               clock) == 30.0


@pytest.fixture
def helsinki(monkeypatch):
    """The machine's local zone two hours from UTC: a naive date read as local time would be off by that."""
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["GMT", "-0000"])
def test_a_bluesky_reset_is_counted_from_the_servers_date_in_any_zone(clock, helsinki, zone):
    headers = {"ratelimit-reset": str(int(NOW.timestamp()) + 30), "date": f"Tue, 17 Nov 2026 10:00:00 {zone}"}
    assert reset_in(headers, clock) == 30.0


@pytest.mark.parametrize("digits", [400, 5_000])
def test_a_bluesky_reset_too_large_to_be_a_time_is_cut_to_the_longest_wait(clock, digits):
    wait = reset_in({"ratelimit-reset": "9" * digits}, clock)
    assert honoured(wait, "source bsky") == MAX_RETRY_AFTER_S
