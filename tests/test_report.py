"""Report numbers against values worked out by hand (README: Report definitions), on real SQLite."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.report import build_report, nearest_rank
from kuulo.bot.report_format import FORMATS
from kuulo.storage.db import open_db

SINCE = datetime(2026, 11, 2, tzinfo=timezone.utc)
UNTIL = SINCE + timedelta(days=7)
S, U, H = SINCE.timestamp(), UNTIL.timestamp(), 3600.0

# (brand, platform, state, created, frt or None, agent, category, closed)
CASES = [
    ("A", "x", "answered", S + 1 * H, 600, "anna", "verkkopankki", None),
    ("A", "x", "answered", S + 2 * H, 1800, "anna", None, None),
    ("A", "x", "answered", S + 3 * H, 7200, "bob", "verkkopankki", None),
    ("A", "x", "dismissed", S + 4 * H, None, None, None, S + 5 * H),
    ("A", "x", "open", U - 2 * H, None, None, None, None),                 # past the SLA at until
    ("A", "x", "claimed", U - 0.5 * H, None, "anna", None, None),          # not yet past
    ("B", "instagram", "answered", S + 10 * H, 300, "@NordeaSuomi", None, None),
    ("B", "instagram", "answered", S + 11 * H, 3600, "@NordeaSuomi", None, None),  # exactly on target: within
    ("B", "instagram", "answered", U - 1 * H, 4200, "carl", None, None),   # answered after until: open then
    ("B", "instagram", "dismissed", U - 3 * H, None, None, None, U + H),   # dismissed after until: open then, past
    ("A", "x", "answered", S - 1 * H, 60, "anna", None, None),             # before the period: not counted
]


@pytest.fixture(scope="module")
def report(report_db):
    return build_report(report_db, since=SINCE, until=UNTIL, now=UNTIL + timedelta(days=1), sla_seconds=3600)


@pytest.fixture(scope="module")
def report_db(tmp_path_factory):
    db = open_db(str(tmp_path_factory.mktemp("report") / "r.db"))
    with db.atomic():
        for i, (brand, platform, state, created, frt, agent, category, closed) in enumerate(CASES):
            responded = created + frt if frt is not None else None
            db.execute("INSERT INTO cases (platform, mention_id, brand, category, priority, state, created_ts, opened_ts,"
                       " claimed_by, responded_ts, responded_by, responded_how, closed_ts)"
                       " VALUES (?, ?, ?, ?, 'normal', ?, ?, ?, ?, ?, ?, ?, ?)",
                       (platform, str(i), brand, category, state, created, created,
                        agent if state == "claimed" else None, responded, agent if responded else None,
                        _how(agent, i) if responded else None, closed or responded))
            db.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, brand, category,"
                       " seen_ts) VALUES (?, ?, 'u', 't', '', ?, 'mention', ?, ?, 0)",
                       (platform, str(i), created, brand, category))
            db.execute("INSERT INTO mention_brands VALUES (?, ?, ?, ?)", (platform, str(i), brand, created))
        db.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, seen_ts)"
                   " VALUES ('x', 'p', 'u', 'no brand', '', ?, 'post', 0)", (S + H,))
    return db


def _how(agent: str, i: int) -> str:
    """How each answered case was answered: the brand's handle on the platform; people by turns."""
    return "platform_reply" if agent.startswith("@") else ("kuulo_reply", "recorded", "manual")[i % 3]


def group(report, dim, key):
    return next(g for g in report["by"][dim] if g["key"] == key)


def test_a_breakdown_named_twice_counts_each_case_once(report_db, report):
    twice = build_report(report_db, since=SINCE, until=UNTIL, now=UNTIL + timedelta(days=1), sla_seconds=3600,
                         by=("brand", "platform", "brand"))
    assert list(twice["by"]) == ["brand", "platform"]
    assert twice["by"]["brand"] == report["by"]["brand"] and twice["total"] == report["total"]


def test_nearest_rank_odd_and_even_counts():
    assert nearest_rank([300, 600, 1800, 3600, 7200], 50) == 1800
    assert nearest_rank([300, 600, 1800, 3600, 7200], 90) == 7200
    assert nearest_rank([1, 2, 3, 4], 50) == 2
    assert nearest_rank([1, 2, 3, 4], 90) == 4
    assert nearest_rank([5], 90) == 5
    assert nearest_rank([], 50) is None


def test_totals(report):
    assert report["total"] == {
        "mentions": 10, "cases": 10, "answered": 5, "dismissed": 1, "open": 4,
        "frt_median_s": 1800.0, "frt_p90_s": 7200.0,   # of 300, 600, 1800, 3600, 7200
        "within_sla_pct": 57.1,   # 4 within / (5 answered + 2 open past the target at until)
        "breached": 3, "oldest_open_age_s": 10800.0,
        # anna's 600 (i=0) sent, anna's 1800 (i=1) recorded, bob's 7200 (i=2) manual; carl's was after until
        "answered_on_platform": 2, "answered_sent": 1, "answered_recorded": 1, "answered_manual": 1,
        "replies_pending": 0,
    }
    assert report["since"] == "2026-11-02T00:00:00+00:00" and report["sla_seconds"] == 3600


def test_per_brand_with_odd_and_even_counts(report):
    a, b = group(report, "brand", "A"), group(report, "brand", "B")
    assert (a["mentions"], a["cases"], a["answered"], a["dismissed"], a["open"]) == (6, 6, 3, 1, 2)
    assert (a["frt_median_s"], a["frt_p90_s"], a["within_sla_pct"], a["breached"]) == (1800.0, 7200.0, 50.0, 2)
    assert (b["cases"], b["answered"], b["open"], b["dismissed"]) == (4, 2, 2, 0)
    assert (b["frt_median_s"], b["frt_p90_s"], b["within_sla_pct"], b["breached"]) == (300.0, 3600.0, 66.7, 1)
    assert b["oldest_open_age_s"] == 10800.0


def test_per_agent_category_and_platform(report):
    assert group(report, "agent", "anna")["answered"] == 2
    assert group(report, "agent", "anna")["open"] == 1
    assert group(report, "agent", "@NordeaSuomi")["frt_median_s"] == 300.0
    # carl answered only after until: at the cut-off that case was nobody's
    assert group(report, "agent", "(unassigned)")["cases"] == 4
    assert "carl" not in {g["key"] for g in report["by"]["agent"]}
    assert group(report, "category", "verkkopankki")["frt_median_s"] == 600.0
    assert group(report, "category", "(none)")["cases"] == 8
    assert group(report, "platform", "instagram")["mentions"] == 4


def test_every_format_renders(report):
    assert "TOTAL" in FORMATS["table"](report) and "57.1%" in FORMATS["table"](report)
    assert FORMATS["md"](report).count("\n| ") >= 10
    csv_lines = FORMATS["csv"](report).splitlines()
    assert csv_lines[0].startswith("dimension,key,mentions,cases")
    assert csv_lines[1].startswith("total,all,10,10,5,1,4,1800.0")
    assert csv_lines[0].endswith(",answered_on_platform,answered_sent,answered_recorded,answered_manual,"
                                 "replies_pending")  # how answered: in the CSV as in the JSON
    header, total = csv_lines[0].split(","), csv_lines[1].split(",")
    assert sum(int(total[header.index(f)]) for f in header if f.startswith("answered_")) == int(
        total[header.index("answered")])


def test_an_agent_is_who_held_the_case_at_the_cut_off_whoever_claims_it_later(services, clock):
    """A claim or a takeover made after a past period's cut-off does not move its open or breached cases to today's
    claimer: the ledger's claims say who held each case then (found by a report probe)."""
    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.models import Mention
    from kuulo.storage.cases import case_for_mention

    posted = clock.now() - timedelta(hours=3)
    services.pipeline.ingest([Mention(platform="x", id=str(n), author=f"u{n}", text="Miksi Nordean sovellus ei toimi?",
                                      created_at=posted + timedelta(minutes=n)) for n in (1, 2)])
    first, second = (case_for_mention(services.db, "x", str(n))["id"] for n in (1, 2))
    before_claims = clock.now()
    clock.advance(minutes=10)
    services.cases.apply(CaseCommand("claim", second, "Bob"))
    clock.advance(minutes=10)
    cut = clock.now()
    clock.advance(minutes=10)
    services.cases.apply(CaseCommand("claim", first, "Carl"))
    services.cases.apply(CaseCommand("claim", second, "Carl"))  # a takeover
    clock.advance(minutes=10)
    agents = lambda until: {row["key"]: (row["cases"], row["open"], row["breached"]) for row in build_report(
        services.db, since=posted - timedelta(days=1), until=until, now=clock.now(), sla_seconds=3600,
        by=("agent",))["by"]["agent"]}
    assert agents(before_claims) == {"(unassigned)": (2, 2, 2)}
    assert agents(cut) == {"(unassigned)": (1, 1, 1), "Bob": (1, 1, 1)}
    assert agents(clock.now()) == {"Carl": (2, 2, 2)}


def test_the_cut_off_is_an_instant_in_the_autumns_repeated_hour(services, clock):
    """At the autumn change 03:50 +03:00 comes before 03:10 +02:00; compared as wall times, a report run at the
    second took its states as of now and counted a reply after its cut-off (found by a report probe)."""
    from zoneinfo import ZoneInfo

    from kuulo.bot.models import Mention

    helsinki = ZoneInfo("Europe/Helsinki")
    posted = datetime(2026, 10, 25, 0, 0, tzinfo=timezone.utc)
    services.pipeline.ingest([
        Mention(platform="x", id="q", author="u", text="Miksi Nordean sovellus ei toimi?", created_at=posted),
        Mention(platform="x", id="r", author="NordeaSuomi", text="Hei! Katsotaan.", in_reply_to="q",
                created_at=datetime(2026, 10, 25, 0, 55, tzinfo=timezone.utc))])
    until = datetime(2026, 10, 25, 0, 50, tzinfo=timezone.utc).astimezone(helsinki)  # 03:50 +03:00
    now = datetime(2026, 10, 25, 1, 10, tzinfo=timezone.utc).astimezone(helsinki)  # 03:10 +02:00, later
    total = build_report(services.db, since=posted - timedelta(hours=1), until=until, now=now,
                         sla_seconds=3600)["total"]
    assert (total["answered"], total["open"]) == (0, 1)


@pytest.mark.parametrize(("frt", "shown", "sla"), [
    (3601, "1h 00m 01s", 3600), (3600, "1h 00m", 3600), (3599, "59m", 3600), (5400, "1h 30m", 3600),
    (3600.4, "1h 00m 01s", 3600), (89_000, "1d 0h 43m 20s", 86_400), (86_401, "1d 0h 00m 01s", 86_400), (86_399, "23h 59m", 86_400)])
def test_a_first_response_time_beside_the_target_is_shown_to_the_second_where_minutes_would_hide_it(frt, shown, sla):
    from kuulo.bot.report_format import as_table

    fields = {c: 0 for c in ("mentions", "cases", "answered", "dismissed", "open", "breached")} | {
        "frt_median_s": frt, "frt_p90_s": frt, "within_sla_pct": 0.0, "oldest_open_age_s": None}
    table = as_table({"since": "2026-11-02T00:00:00+02:00", "until": "2026-11-09T00:00:00+02:00",
                      "sla_seconds": sla, "total": fields, "by": {}})
    cells = re.split(r"\s{2,}", table.splitlines()[-1])
    assert cells[6:8] == [shown, shown]  # the median and the p90
