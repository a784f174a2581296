"""A report is one consistent picture while people keep answering, and one person is one agent."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from kuulo.bot.cases import CaseCommand, CaseService
from kuulo.bot.clock import FrozenClock
from kuulo.bot.report import agent_names, build_report
from kuulo.storage.db import open_db

T0 = datetime(2026, 11, 17, 8, 0, tzinfo=timezone.utc)
CASES = 1500


def _fill(path: str) -> None:
    db = open_db(path)
    with db.atomic():
        for i in range(CASES):
            created = T0.timestamp() + i
            db.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, brand, seen_ts)"
                       " VALUES ('x', ?, 'u', 't', '', ?, 'mention', 'A', 0)", (str(i), created))
            db.execute("INSERT INTO cases (platform, mention_id, brand, priority, state, created_ts, opened_ts,"
                       " claimed_by) VALUES ('x', ?, 'A', 'normal', 'claimed', ?, ?, 'old hand')",
                       (str(i), created, created))
    db.conn.close()


def test_reports_stay_consistent_while_cases_are_answered(tmp_path):
    """Every answer below comes after the report's cut-off, so every report must equal the one taken before the
    writer started; without one read snapshot the two reads of the cases disagree (a KeyError or wrong totals)."""
    path = str(tmp_path / "k.db")
    _fill(path)
    as_of = T0 + timedelta(hours=2)
    reader = open_db(path)
    report = lambda: build_report(reader, since=T0, until=T0 + timedelta(days=1), now=as_of, sla_seconds=3600)
    expected = report()
    assert expected["total"]["open"] == CASES and expected["total"]["answered"] == 0

    done = threading.Event()

    def answer_all() -> None:
        writer = open_db(path)
        cases = CaseService(writer, FrozenClock(T0 + timedelta(hours=3)))
        for case_id in range(1, CASES + 1):
            cases.apply(CaseCommand("answer", case_id, f"agent {case_id}"))  # a new agent every time
        done.set()

    thread = threading.Thread(target=answer_all)
    thread.start()
    seen = 0
    while not done.is_set():
        assert report() == expected
        seen += 1
    thread.join()
    assert seen >= 3, "the writer finished before the reports could overlap it"
    after = build_report(reader, since=T0, until=T0 + timedelta(days=1), now=T0 + timedelta(hours=4),
                         sla_seconds=3600)
    assert after["total"]["answered"] == CASES  # and the answers are there once the cut-off passes them


def test_spellings_of_one_name_are_one_agent():
    names = agent_names(["anna", "Anna ", " Anna", "ANNA", "bob", "", "aino  (U0AINO001)", "aino (U0AINO001)"])
    assert {names["anna"], names["Anna "], names[" Anna"], names["ANNA"]} == {"ANNA"}
    assert names["aino  (U0AINO001)"] == names["aino (U0AINO001)"] == "aino (U0AINO001)"
    assert names["bob"] == "bob" and names[""] == ""


def test_the_report_counts_anna_once(services, clock):
    from tests.builders import post

    ids = services.pipeline.ingest([post(str(i), "Miksi Nordean sovellus ei toimi?", minutes=i)
                                    for i in range(3)]).opened_ids
    for case_id, name in zip(ids, ("anna", "Anna ", "anna")):
        services.cases.apply(CaseCommand("answer", case_id, name))
    report = build_report(services.db, since=T0 - timedelta(days=1), until=clock.now(), now=clock.now(),
                          sla_seconds=3600)
    assert [(g["key"], g["cases"]) for g in report["by"]["agent"]] == [("Anna", 1 + 2)]
