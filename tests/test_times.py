"""Every time option reads the same forms through one parser, bounded; every time Kuulo prints is in the team's zone
with its offset."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.errors import BadTime
from kuulo.bot.when import not_one_instant, parse_time, shown
from tests.builders import TEAM_CONFIG
from tests.processes import KUULO

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 11, 18, 12, 30, tzinfo=timezone.utc)  # Wednesday, 14:30 in Helsinki


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=HELSINKI)


@pytest.mark.parametrize("text, ahead, day_at, expected", [
    ("2h", True, None, local(2026, 11, 18, 16, 30)),
    ("30m", True, None, local(2026, 11, 18, 15, 0)),
    ("1h30m", True, None, local(2026, 11, 18, 16, 0)),
    ("3d", False, None, local(2026, 11, 15, 14, 30)),
    ("tomorrow", True, None, local(2026, 11, 19, 9, 0)),
    ("tomorrow", False, time(0), local(2026, 11, 19)),
    ("tomorrow 9:00", True, None, local(2026, 11, 19, 9, 0)),
    ("Tomorrow at 17.45", True, None, local(2026, 11, 19, 17, 45)),
    ("today 16:00", True, None, local(2026, 11, 18, 16, 0)),
    ("16:00", True, None, local(2026, 11, 18, 16, 0)),
    ("yesterday", False, time(0), local(2026, 11, 17)),
    ("2026-12-01", True, None, local(2026, 12, 1, 9, 0)),
    ("2026-12-01", False, time(0), local(2026, 12, 1)),
    ("2026-12-01T10:00", True, None, local(2026, 12, 1, 10, 0)),
    ("2026-12-01 10:00", True, None, local(2026, 12, 1, 10, 0)),
    ("2026-06-01T10:00", True, None, local(2026, 6, 1, 10, 0)),  # summer time: +03:00
    ("2026-12-01T10:00Z", True, None, local(2026, 12, 1, 12, 0)),
    ("2026-12-01T10:00:00-05:00", True, None, local(2026, 12, 1, 17, 0)),
])
def test_one_parser_reads_every_form_in_the_team_zone(text, ahead, day_at, expected):
    kwargs = {} if day_at is None else {"day_at": day_at}
    when = parse_time(text, now=NOW, tz=HELSINKI, ahead=ahead, **kwargs)
    assert when == expected and when.tzinfo == HELSINKI
    assert when.utcoffset() == expected.utcoffset()


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31)),
       st.sampled_from(["T%H:%M", " %H:%M", ""]),
       st.sampled_from(["Europe/Helsinki", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]))
def test_a_parsed_time_is_shown_as_the_zones_clocks_show_that_instant(wall, clock, zone):
    # a wall time the clocks skip (03:30 on the last Sunday of March in Helsinki) is the instant it stands for,
    # shown as the clocks show it then (04:30 +03:00), so the confirmation and the ledger say the same
    tz = ZoneInfo(zone)
    typed = wall.strftime("%Y-%m-%d" + clock)
    if clock and not_one_instant(datetime.strptime(typed[:10] + typed[11:], "%Y-%m-%d%H:%M"), tz):
        with pytest.raises(BadTime, match="the clocks"):  # skipped in spring or shown twice in autumn: refused
            parse_time(typed, now=NOW, tz=tz)
        return
    when = parse_time(typed, now=NOW, tz=tz)
    real = datetime.fromtimestamp(when.timestamp(), tz)
    assert (when.replace(tzinfo=None), when.utcoffset()) == (real.replace(tzinfo=None), real.utcoffset())
    assert shown(when, tz) == shown(when.timestamp(), tz)


@pytest.mark.parametrize("typed, message", [
    ("2027-03-28T03:30", "'2027-03-28T03:30': 2027-03-28 03:30:00 does not happen in Europe/Helsinki (the clocks skip"
     " it): write the time with its offset, or another time"),
    ("2026-10-25T03:30", "'2026-10-25T03:30': 2026-10-25 03:30:00 happens twice in Europe/Helsinki (the clocks turn"
     " back): write it with its offset, +03:00 or +02:00"),
])
def test_a_typed_time_the_clocks_skip_or_show_twice_is_refused_as_in_a_campaign(typed, message):
    # a report bound there silently moved an hour (a post at 04:10 left out of --since 03:30; found by a probe)
    with pytest.raises(BadTime) as refused:
        parse_time(typed, now=NOW, tz=HELSINKI)
    assert str(refused.value) == message
    assert parse_time(typed + "+03:00", now=NOW, tz=HELSINKI).utcoffset()  # with its offset it is one instant
    assert parse_time(typed[:10], now=NOW, tz=HELSINKI)  # a bare day is its 9:00 (or midnight): no clock typed


@pytest.mark.parametrize("text, message", [
    ("5000000w", "'5000000w' is more than 10 years"),
    ("9" * 30 + "d", "is more than 10 years"),
    ("9" * 5000 + "w", "too long for a time"),
    ("9999-12-31T23:59:59-05:00", "is out of range: give a time between 1970 and 2199"),
    ("0001-01-01", "'0001-01-01' is out of range"),
    ("0001-01-01T00:00:00+01:00", "is out of range"),
    ("tomorrow 24:00", "24:00 is not a time of day"),
    ("next week", "'next week' is not a time; use 2h, 30m, 3d, tomorrow 9:00"),
    ("", "is not a time"),
])
def test_bad_or_absurd_times_are_named_errors(text, message):
    with pytest.raises(BadTime) as caught:
        parse_time(text, now=NOW, tz=HELSINKI)
    assert message in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.from_regex(r"\d{1,25}[smhdw]", fullmatch=True),
                 st.from_regex(r"\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)?)?", fullmatch=True)))
def test_any_text_is_a_bounded_time_or_a_named_error(text):
    try:
        when = parse_time(text, now=NOW, tz=HELSINKI)
    except BadTime:
        return
    assert 1969 <= when.year <= 2200 and when.tzinfo == HELSINKI


def test_times_are_shown_in_the_team_zone_with_the_offset():
    assert shown(NOW, HELSINKI) == "2026-11-18 14:30 +02:00"
    assert shown(local(2026, 6, 1, 10, 0).timestamp(), HELSINKI) == "2026-06-01 10:00 +03:00"
    assert shown(NOW, ZoneInfo("America/St_Johns")) == "2026-11-18 09:00 -03:30"


STAMP = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d) ([+-]\d\d:\d\d)")


def kuulo(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, "--config", "team.yaml", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(TEAM_CONFIG.format(db=tmp_path / "kuulo.db"), encoding="utf-8")
    posts = [{"platform": "x", "id": str(i), "author": "matti", "text": f"Miksi Nordea ei vastaa? ({i})",
              "created_at": (datetime.now(timezone.utc) - timedelta(hours=i)).isoformat()} for i in (1, 2, 3)]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    assert kuulo("import", "p.jsonl", "-q", cwd=tmp_path).returncode == 0
    return tmp_path


def local_offset(when: datetime) -> str:
    minutes = int(when.astimezone(HELSINKI).utcoffset().total_seconds() // 60)
    return f"+{minutes // 60:02d}:{minutes % 60:02d}"


def test_snooze_confirms_the_team_time_and_how_long(desk):
    before = datetime.now(timezone.utc)
    result = kuulo("case", "1", "snooze", "--by", "anna", "--until", "2h", cwd=desk)
    assert result.returncode == 0, result.stderr
    line = result.stdout.splitlines()[-1]
    assert line.startswith("case #1 is now snoozed until ") and line.endswith("(in 2h 00m)")
    day_minute, offset = STAMP.search(line).groups()
    assert offset == local_offset(before)
    until = datetime.strptime(day_minute, "%Y-%m-%d %H:%M").replace(tzinfo=HELSINKI)
    assert abs(until - (before + timedelta(hours=2))) < timedelta(minutes=2)
    assert f"snoozed until {day_minute} {offset} by anna" in result.stdout  # the console's update line too
    queue = kuulo("cases", "--all", cwd=desk).stdout
    assert f"snoozed   until {day_minute} {offset}" in queue
    rows = [json.loads(line) for line in kuulo("cases", "--all", "--format", "json", cwd=desk).stdout.splitlines()]
    (row,) = [r for r in rows if r["id"] == 1]
    assert row["snooze_until"].startswith(until.strftime("%Y-%m-%dT%H:%M")) and row["snooze_until"].endswith(offset)
    assert row["created_at"].endswith(offset)
    history = kuulo("case", "1", "show", cwd=desk).stdout
    assert f"until={day_minute} {offset}" in history and f"state: snoozed until {day_minute} {offset}" in history
    assert all(STAMP.search(line) for line in history.splitlines() if line.startswith("  20"))


def test_absurd_times_and_case_ids_are_clear_errors_not_tracebacks(desk):
    far = kuulo("case", "1", "snooze", "--by", "anna", "--until", "5000000w", cwd=desk)
    assert far.returncode == 2 and "Traceback" not in far.stderr
    assert "Invalid value for --until: '5000000w' is more than 10 years" in far.stderr
    dated = kuulo("case", "1", "snooze", "--by", "anna", "--until", "9999-12-31T23:59:59-05:00", cwd=desk)
    assert dated.returncode == 2 and "out of range" in dated.stderr and "Traceback" not in dated.stderr
    huge = kuulo("case", "99999999999999999999999", "claim", "--by", "anna", cwd=desk)
    assert huge.returncode == 2 and "Traceback" not in huge.stderr
    assert "no case 99999999999999999999999: a case id is a whole number from 1 to 9223372036854775807" in huge.stderr
    assert kuulo("case", "42", "claim", "--by", "anna", cwd=desk).stderr.strip() == "error: case 42 does not exist"
    limit = kuulo("cases", "--limit", "99999999999999999999999", cwd=desk)
    assert limit.returncode == 2 and "Traceback" not in limit.stderr
    empty = kuulo("case", "1", "snooze", "--by", "anna", "--until", "", cwd=desk)
    assert empty.returncode == 2 and "Invalid value for --until: '' is not a time; use 2h" in empty.stderr
    missing = kuulo("case", "1", "snooze", "--by", "anna", cwd=desk)
    assert missing.returncode == 2 and "'case 1 snooze' needs --until (a time like 2h" in missing.stderr


def test_report_times_are_all_in_the_team_zone(desk):
    now = datetime.now(timezone.utc)
    body = json.loads(kuulo("report", "--period", "today", "--format", "json", cwd=desk).stdout)
    since, until = datetime.fromisoformat(body["since"]), datetime.fromisoformat(body["until"])
    assert body["since"].endswith(local_offset(since)) and body["until"].endswith(local_offset(until))
    assert (since.hour, since.minute) == (0, 0) and since.date() == now.astimezone(HELSINKI).date()
    table = kuulo("report", "--period", "today", cwd=desk).stdout.splitlines()[0]
    # a second run of its own: its "until" is the JSON run's minute, or the next when a minute turned between them
    assert any(table.startswith(f"Kuulo report {since:%Y-%m-%d} 00:00 – {end:%Y-%m-%d %H:%M} {local_offset(end)} (")
               for end in (until, until + timedelta(minutes=1))), table
    relative = json.loads(kuulo("report", "--since", "3d", "--format", "json", cwd=desk).stdout)
    assert relative["total"]["cases"] == 3
    assert abs(datetime.fromisoformat(relative["since"]) - (now - timedelta(days=3))) < timedelta(minutes=2)
    naive = json.loads(kuulo("report", "--since", "2026-11-01T00:00", "--until", "2026-11-02",
                             "--format", "json", cwd=desk).stdout)
    assert (naive["since"], naive["until"]) == ("2026-11-01T00:00:00+02:00", "2026-11-02T00:00:00+02:00")
    bad = kuulo("report", "--since", "0001-01-01", cwd=desk)
    assert bad.returncode == 2 and "Invalid value for --since: '0001-01-01' is out of range" in bad.stderr
