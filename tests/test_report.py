"""Report numbers against values worked out by hand (README: Report definitions)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.report import nearest_rank, summarise
from kuulo.bot.report_format import FORMATS

SINCE = datetime(2026, 11, 2, tzinfo=timezone.utc)
UNTIL = SINCE + timedelta(days=7)
S, U, H = SINCE.timestamp(), UNTIL.timestamp(), 3600.0


def fact(brand, platform, state, created, frt=None, agent=None, category=None, closed=None):
    responded = created + frt if frt is not None else None
    return (brand, platform, category, state, created, responded, closed or responded, agent)


FACTS = [
    fact("A", "x", "answered", S + 1 * H, 600, "anna", "verkkopankki"),
    fact("A", "x", "answered", S + 2 * H, 1800, "anna"),
    fact("A", "x", "answered", S + 3 * H, 7200, "bob", "verkkopankki"),
    fact("A", "x", "dismissed", S + 4 * H, closed=S + 5 * H, agent=None),
    fact("A", "x", "open", U - 2 * H),                                   # past the SLA at until
    fact("A", "x", "claimed", U - 0.5 * H, agent="anna"),                 # not yet past
    fact("B", "instagram", "answered", S + 10 * H, 300, "@NordeaSuomi"),
    fact("B", "instagram", "answered", S + 11 * H, 3600, "@NordeaSuomi"),  # exactly on target: within
    fact("B", "instagram", "answered", U - 1 * H, 4200, "carl"),           # answered after until: open then
]
MENTIONS = {"total": {"": 20}, "brand": {"A": 12, "B": 8}, "platform": {"x": 12, "instagram": 8},
            "category": {"verkkopankki": 2, "(none)": 18}}


@pytest.fixture(scope="module")
def report():
    return summarise(FACTS, MENTIONS, since=SINCE, until=UNTIL, as_of=UNTIL, sla_seconds=3600)


def group(report, dim, key):
    return next(g for g in report["by"][dim] if g["key"] == key)


def test_nearest_rank_odd_and_even_counts():
    assert nearest_rank([300, 600, 1800, 3600, 7200], 50) == 1800
    assert nearest_rank([300, 600, 1800, 3600, 7200], 90) == 7200
    assert nearest_rank([1, 2, 3, 4], 50) == 2
    assert nearest_rank([1, 2, 3, 4], 90) == 4
    assert nearest_rank([5], 90) == 5
    assert nearest_rank([], 50) is None


def test_totals(report):
    assert report["total"] == {
        "mentions": 20, "cases": 9, "answered": 5, "dismissed": 1, "open": 3,
        "frt_median_s": 1800.0, "frt_p90_s": 7200.0,
        "within_sla_pct": 66.7,   # 4 within / (5 answered + 1 open past target)
        "breached": 2, "oldest_open_age_s": 7200.0,
    }
    assert report["since"] == "2026-11-02T00:00:00+00:00" and report["sla_seconds"] == 3600


def test_per_brand_with_odd_and_even_counts(report):
    a, b = group(report, "brand", "A"), group(report, "brand", "B")
    assert (a["cases"], a["answered"], a["dismissed"], a["open"]) == (6, 3, 1, 2)
    assert (a["frt_median_s"], a["frt_p90_s"], a["within_sla_pct"], a["breached"]) == (1800.0, 7200.0, 50.0, 2)
    assert a["mentions"] == 12
    assert (b["cases"], b["answered"], b["open"]) == (3, 2, 1)
    assert (b["frt_median_s"], b["frt_p90_s"], b["within_sla_pct"], b["breached"]) == (300.0, 3600.0, 100.0, 0)
    assert b["oldest_open_age_s"] == 3600.0


def test_per_agent_category_and_platform(report):
    assert group(report, "agent", "anna")["answered"] == 2
    assert group(report, "agent", "anna")["open"] == 1
    assert group(report, "agent", "@NordeaSuomi")["frt_median_s"] == 300.0
    assert group(report, "agent", "(unassigned)")["cases"] == 2
    assert group(report, "category", "verkkopankki")["frt_median_s"] == 600.0
    assert group(report, "category", "(none)")["cases"] == 7
    assert group(report, "platform", "instagram")["mentions"] == 8


def test_no_answers_gives_nulls_not_zeros():
    empty = summarise([fact("A", "x", "open", U - 0.1 * H)], {"total": {"": 1}}, since=SINCE, until=UNTIL,
                      as_of=UNTIL, sla_seconds=3600, by=())
    assert empty["total"]["frt_median_s"] is None and empty["total"]["within_sla_pct"] is None
    assert empty["by"] == {}


def test_every_format_renders(report):
    assert "TOTAL" in FORMATS["table"](report) and "66.7%" in FORMATS["table"](report)
    assert FORMATS["md"](report).count("\n| ") >= 10
    csv_lines = FORMATS["csv"](report).splitlines()
    assert csv_lines[0].startswith("dimension,key,mentions,cases") and csv_lines[1].startswith("total,all,20,9,5,1,3,1800.0")
