"""Scheduled summaries: the period, the numbers against the previous period, and the post with its chart."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kuulo.bot.cases import CaseCommand
from kuulo.bot.config_chat import Summary
from kuulo.bot.scheduler import Runner, due_period
from kuulo.bot.summaries import period, previous_period, queue_summary
from tests.slack_support import DIGEST, Env

HKI = ZoneInfo("Europe/Helsinki")
QUESTION = "Onko S-Pankin sovellus rikki? <!here>"


@pytest.mark.parametrize("kind, now, since, until", [
    ("daily", datetime(2026, 11, 23, 6, 30, tzinfo=timezone.utc), datetime(2026, 11, 22, tzinfo=HKI),
     datetime(2026, 11, 23, tzinfo=HKI)),
    ("daily", datetime(2026, 11, 22, 22, 30, tzinfo=timezone.utc), datetime(2026, 11, 22, tzinfo=HKI),
     datetime(2026, 11, 23, tzinfo=HKI)),  # already Monday 00:30 in Helsinki
    ("weekly", datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc), datetime(2026, 11, 16, tzinfo=HKI),
     datetime(2026, 11, 23, tzinfo=HKI)),
    ("weekly", datetime(2026, 10, 26, 7, 0, tzinfo=timezone.utc), datetime(2026, 10, 19, tzinfo=HKI),
     datetime(2026, 10, 26, tzinfo=HKI)),  # the week summer time ended: 7 days and an hour
])
def test_period_is_yesterday_or_last_monday_to_monday_in_team_time(kind: str, now: datetime, since: datetime,
                                                                   until: datetime) -> None:
    assert period(kind, now, HKI) == (since, until)
    before, end = previous_period(since, until, HKI)
    assert end == since and before.astimezone(HKI).hour == 0
    assert (since - before).days == (1 if kind == "daily" else 7)


def _case(env: Env, id: str, at: datetime, minutes_to_answer: float | None) -> int:
    env.clock.set(at)
    case_id = env.ingest(id, f"{QUESTION} {id}", minutes_ago=0)
    if minutes_to_answer is not None:
        env.clock.advance(minutes=minutes_to_answer)
        env.services.cases.apply(CaseCommand("answer", case_id, "aino (U0AINO001)"))
    return case_id


def test_weekly_summary_is_posted_with_changes_and_its_chart(env: Env) -> None:
    _case(env, "before", datetime(2026, 11, 11, 10, 0, tzinfo=timezone.utc), 30)
    _case(env, "a", datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc), 10)
    _case(env, "b", datetime(2026, 11, 18, 10, 0, tzinfo=timezone.utc), 10)
    still_open = _case(env, "c", datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc), None)
    env.desk.flush()
    env.clock.set(datetime(2026, 11, 23, 6, 30, tzinfo=timezone.utc))  # Monday 08:30 in Helsinki

    queue_summary(env.services, env.cfg.slack, "weekly", env.clock.now())
    assert env.desk.flush() == 1

    [post] = [c for c in env.fake.calls_to("chat.postMessage") if c.params["channel"] == DIGEST]
    blocks = post.params["blocks"]
    assert blocks[0]["text"]["text"] == "Weekly report 16.11. – 22.11.2026"
    numbers = blocks[1]["text"]["text"].splitlines()
    assert "Cases: *3* (+2)" in numbers
    assert "Answered: *2* (66.7%) (−33.3 pp)" in numbers
    assert "First response median: *10m* (−20m) · p90: *10m* (−20m)" in numbers
    breakdowns = {b["text"]["text"].split("\n", 1)[0]: b["text"]["text"].split("\n")[1:] for b in blocks[3:-1]}
    assert breakdowns == {
        "*By brand*": ["• S-Pankki: 3 cases, 2 answered, median 10m, 67% within SLA"],
        "*By platform*": ["• x: 3 cases, 2 answered, median 10m, 67% within SLA"],
        "*By category*": ["• verkkopankki: 3 cases, 2 answered, median 10m, 67% within SLA"],
        "*By agent*": ["• aino: 2 cases, 2 answered, median 10m, 100% within SLA",
                       "• (unassigned): 1 cases, 0 answered, median –, 0% within SLA"]}
    oldest = blocks[-1]["text"]["text"]
    assert oldest.startswith("*Oldest open cases*\n• *#%d* S-Pankki · x · open · 2d 20h old" % still_open)
    assert "&lt;!here&gt;" in oldest and "<!here>" not in oldest
    [complete] = env.fake.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == DIGEST
    uploaded = env.fake.file(complete.params["files"][0]["id"])
    assert uploaded.filename == "kuulo-weekly-2026-11-16.png" and uploaded.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert post.at <= env.fake.calls_to("files.getUploadURLExternal")[0].at


def test_a_failed_chart_upload_does_not_post_the_summary_twice(env: Env) -> None:
    env.clock.set(datetime(2026, 11, 23, 6, 30, tzinfo=timezone.utc))
    queue_summary(env.services, env.cfg.slack, "daily", env.clock.now())
    env.fake.fail_next("files.completeUploadExternal", kind="5xx")

    assert env.desk.flush() == 0
    env.clock.advance(minutes=30)
    assert env.desk.flush() == 1

    assert len(env.fake.calls_to("chat.postMessage")) == 1
    assert len(env.fake.calls_to("files.completeUploadExternal")) == 2
    texts: list[Any] = [m for m in env.fake.messages(DIGEST) if m.get("files")]
    assert len(texts) == 1


def _titles(env: Env) -> list[str]:
    return [row["payload"]["title"] for row in (dict(r, payload=json.loads(r["payload"])) for r in env.outbox())
            if row["kind"] == "summary"]


def test_a_summary_missed_while_kuulo_was_down_is_sent_once_when_it_is_next_up(env: Env) -> None:
    runner = Runner(env.services, [])
    env.clock.set(datetime(2026, 11, 16, 7, 0, tzinfo=timezone.utc))  # Monday 09:00 in Helsinki: both due
    assert runner.summaries() == ["daily", "weekly"]
    assert _titles(env) == ["Daily digest 15.11.2026", "Weekly report 09.11. – 15.11.2026"]

    # down from Monday evening until Tuesday 24.11. 06:00 (before the daily 09:00): Monday 23.11.'s summaries missed
    env.clock.set(datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc))
    assert runner.summaries() == ["daily", "weekly"]
    assert _titles(env)[2:] == ["Daily digest 22.11.2026", "Weekly report 16.11. – 22.11.2026"]
    for minutes in (1, 30, 60):  # once: the next ticks queue nothing more
        env.clock.advance(minutes=minutes)
        assert runner.summaries() == []
    env.clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc))  # Tuesday 09:00: that day's daily, on time
    assert runner.summaries() == ["daily"]
    env.clock.set(datetime(2026, 11, 30, 6, 29, tzinfo=timezone.utc))  # next Monday 08:29: the weekly not yet
    assert runner.summaries() == ["daily"]  # Sunday's daily, missed meanwhile
    env.clock.advance(minutes=1)
    assert runner.summaries() == ["weekly"]
    assert _titles(env)[4:] == ["Daily digest 23.11.2026", "Daily digest 28.11.2026",
                                "Weekly report 23.11. – 29.11.2026"]
    assert env.desk.flush() == 7


def test_a_new_install_does_not_send_last_weeks_summary_on_its_first_start(env: Env) -> None:
    runner = Runner(env.services, [])
    env.clock.set(datetime(2026, 11, 25, 5, 0, tzinfo=timezone.utc))  # Wednesday 07:00, no summary ever sent
    assert runner.summaries() == []
    env.clock.set(datetime(2026, 11, 25, 7, 0, tzinfo=timezone.utc))
    assert runner.summaries() == ["daily"]


@pytest.mark.parametrize("local, day, period, due", [
    (datetime(2026, 11, 23, 8, 30, tzinfo=HKI), "monday", "2026-W48", datetime(2026, 11, 23, 8, 30, tzinfo=HKI)),
    (datetime(2026, 11, 23, 8, 29, tzinfo=HKI), "monday", "2026-W47", datetime(2026, 11, 16, 8, 30, tzinfo=HKI)),
    (datetime(2026, 11, 29, 23, 0, tzinfo=HKI), "monday", "2026-W48", datetime(2026, 11, 23, 8, 30, tzinfo=HKI)),
    (datetime(2026, 11, 24, 8, 0, tzinfo=HKI), None, "2026-11-23", datetime(2026, 11, 23, 8, 30, tzinfo=HKI)),
    (datetime(2027, 1, 1, 9, 0, tzinfo=HKI), "friday", "2026-W53", datetime(2027, 1, 1, 8, 30, tzinfo=HKI)),
])
def test_due_period_is_the_latest_time_that_has_come(local: datetime, day: str | None, period: str,
                                                     due: datetime) -> None:
    assert due_period(local, Summary("08:30", DIGEST, day=day)) == (period, due)


def test_a_summary_and_its_sent_mark_are_written_together(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import kuulo.bot.summaries as summaries

    runner = Runner(env.services, [])
    env.clock.set(datetime(2026, 11, 24, 7, 0, tzinfo=timezone.utc))  # Tuesday 09:00 in Helsinki: the daily due
    real = summaries.set_cursor

    def locked_once(*args: Any) -> None:  # the mark's write fails (a long import holding the lock, a crash)
        monkeypatch.setattr(summaries, "set_cursor", real)
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(summaries, "set_cursor", locked_once)
    with pytest.raises(sqlite3.OperationalError):
        runner.summaries()
    assert _titles(env) == []  # not queued without its mark
    env.clock.advance(minutes=1)
    assert runner.summaries() == ["daily"]
    assert runner.summaries() == []
    assert _titles(env) == ["Daily digest 23.11.2026"]
