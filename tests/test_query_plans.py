"""Every per-message and per-post query stays indexed as history grows: the SQL the real functions run is captured
(SQLite's trace callback, parameters filled in) on a database with history; EXPLAIN QUERY PLAN must show no SCAN of
the tables that grow with it, and no statement may take more VM steps once the history is five times longer (an
index on too few columns is a SEARCH in the plan and a walk all the same). A new query that walks the history fails
here, not at a desk with a year of it."""

from __future__ import annotations

import contextlib
import io
import re
import sqlite3
import time
from datetime import timedelta
from typing import Iterator

import pytest

from kuulo.bot import summaries
from kuulo.bot.app import build_services
from kuulo.bot.campaigns_moderation import approve, reject
from kuulo.bot.config import load_config
from kuulo.bot.cases import CaseCommand
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.errors import TransportError
from kuulo.bot.sla import sweep
from kuulo.handlers.console import ConsoleHandler
from kuulo.handlers.slack.commands import answer
from kuulo.handlers.slack.home import publish_home
from kuulo.storage import campaigns as campaign_rows
from kuulo.storage.campaigns import entry_key
from kuulo.storage.cases import case_view
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import case_events
from kuulo.storage.outbox import dead_items, sent_ref
from kuulo.storage.schema import migrate
from tests.builders import kesa_config, post
from tests.slack_support import AINO, SANNA, Env

GROWING = frozenset({"outbox", "cases", "events", "mentions", "matches", "mention_brands"})
HISTORY_CASES = 3_000  # each with a post, an opened event and two sent messages per transport
HISTORY_FIRST_ID = 3 * HISTORY_CASES  # room below for grow_history's older rows
STEP = 10  # VM instructions between progress-handler calls
STEP_SLACK = 200  # more VM instructions than this after grow_history (12,000 more cases) means a walk
_NOT_ALIASES = frozenset({"WHERE", "INDEXED", "ON", "JOIN", "LEFT", "INNER", "CROSS", "ORDER", "GROUP", "LIMIT",
                          "USING", "NOT", "SET", "VALUES", "AS"})
_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b")


def fill_history(db: Database, cases: int = HISTORY_CASES, first_id: int = HISTORY_FIRST_ID,
                 transports: tuple[str, ...] = ("console", "slack")) -> None:
    """Answered cases of the past year with ids from first_id, their posts, opened events and sent messages."""
    year_ago = time.time() - 365 * 86400
    mentions, rows, events, outbox = [], [], [], []
    for case_id in range(first_id, first_id + cases):
        ts = year_ago + case_id * 60.0
        mentions.append(("x", f"h{case_id}", "someone", "Miksi Nordean sovellus ei toimi?", "2025-01-01T00:00:00+00:00",
                         ts, "mention", "Nordea", ts))
        rows.append((case_id, "x", f"h{case_id}", "Nordea", ts, ts + 1, ts + 600, ts + 600))
        events.append((case_id, ts + 1, case_id, "x", f"h{case_id}", "kuulo", "opened", "{}", "0" * 64, "0" * 64))
        for n, transport in enumerate(transports):
            first = 4 * case_id + 2 * n
            outbox.append((first, transport, "alert", case_id, ts + 1, ts + 1, ts + 2, f"C1:{case_id}.0"))
            outbox.append((first + 1, transport, "update", case_id, ts + 9, ts + 9, ts + 9, f"C1:{case_id}.5"))
    with db.atomic():
        db.conn.executemany("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, brand,"
                            " seen_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        db.conn.executemany("INSERT INTO cases (id, platform, mention_id, brand, priority, state, created_ts,"
                            " opened_ts, responded_ts, responded_by, responded_how, closed_ts)"
                            " VALUES (?, ?, ?, ?, 'normal', 'answered', ?, ?, ?, 'anna', 'manual', ?)", rows)
        db.conn.executemany("INSERT INTO events (seq, ts, case_id, platform, mention_id, actor, kind, data, prev_hash,"
                            " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        db.conn.executemany("INSERT INTO outbox (id, transport, kind, case_id, payload, state, attempts, created_ts,"
                            " next_try_ts, sent_ts, ref) VALUES (?, ?, ?, ?, '{}', 'sent', 1, ?, ?, ?, ?)", outbox)


def grow_history(db: Database) -> None:
    """Five times the history: older rows below the test's own ids, and newer ones above them (a walk in either
    direction meets them)."""
    fill_history(db, HISTORY_CASES * 2, first_id=1)
    top = 1 + max(db.execute("SELECT max(id) FROM cases").fetchone()[0],
                  db.execute("SELECT max(seq) FROM events").fetchone()[0],
                  db.execute("SELECT max(id) FROM outbox").fetchone()[0] // 4)
    fill_history(db, HISTORY_CASES * 2, first_id=top)


@contextlib.contextmanager
def captured(*dbs: Database) -> Iterator[list[str]]:
    """Every statement run on these connections meanwhile, as SQLite ran it (bound values filled in)."""
    statements: list[str] = []
    for db in dbs:
        db.conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        for db in dbs:
            db.conn.set_trace_callback(None)


def _reads(statements: list[str]) -> list[str]:
    """The statements that look rows up (SELECT, UPDATE, DELETE, INSERT … SELECT), one of each shape."""
    shapes: dict[str, str] = {}
    for sql in statements:
        words = sql.split(None, 1)
        head = words[0].upper() if words else ""
        if head in ("SELECT", "UPDATE", "DELETE", "WITH") or (head == "INSERT" and " SELECT " in sql.upper()):
            shapes.setdefault(_LITERAL.sub("?", sql), sql)
    return list(shapes.values())


def _tables(sql: str) -> dict[str, str]:
    """Names a plan may show (tables and their aliases) -> table."""
    names: dict[str, str] = {}
    for table, alias in re.findall(r"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql, re.I):
        names[table] = table
        if alias and alias.upper() not in _NOT_ALIASES:
            names[alias] = table
    return names


def growing_scans(db: Database, statements: list[str]) -> list[str]:
    """Each captured read whose plan walks a table that grows with history, with the offending plan line."""
    found = []
    for sql in _reads(statements):
        names = _tables(sql)
        plan = [detail for *_, detail in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        if _first_rows_in_order(sql, plan):
            continue
        for detail in plan:
            scanned = re.match(r"SCAN (\w+)", detail)
            if scanned and names.get(scanned.group(1), scanned.group(1)) in GROWING:
                found.append(f"{detail}  <-  {sql}")
    return found


def _first_rows_in_order(sql: str, plan: list[str]) -> bool:
    """A walk in key order with no condition and a LIMIT (the ledger's tip) stops after LIMIT rows."""
    upper = sql.upper()
    return " WHERE " not in upper and " LIMIT " in upper and not any("TEMP B-TREE" in line for line in plan)


def vm_steps(db: Database, sql: str) -> int:
    """How many SQLite VM instructions a statement takes (rolled back: an UPDATE changes nothing)."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    db.conn.execute("SAVEPOINT probe")
    db.conn.set_progress_handler(tick, STEP)
    try:
        db.conn.execute(sql).fetchall()
    finally:
        db.conn.set_progress_handler(None, 0)
        db.conn.execute("ROLLBACK TO probe")
        db.conn.execute("RELEASE probe")
    return steps * STEP


def unbounded(db: Database, statements: list[str]) -> list[str]:
    """The captured reads that SCAN a growing table, or that do more work once the history is five times longer
    (an index seek on a prefix that matches the whole history, like `transport = ? AND state = 'sent'`, is a
    SEARCH in the plan but a walk all the same)."""
    reads = _reads(statements)
    assert reads, "no queries captured"
    found = growing_scans(db, statements)
    before = {sql: vm_steps(db, sql) for sql in reads}
    grow_history(db)
    for sql in reads:
        after = vm_steps(db, sql)
        if after > before[sql] + STEP_SLACK:
            found.append(f"{before[sql]} -> {after} VM steps as history grew  <-  {sql}")
    return found


@pytest.fixture
def history(services):
    fill_history(services.db)
    return services


QUESTIONS = ["Miksi Nordean sovellus ei toimi?", "Toimiiko Nordean kortti ulkomailla?", "Onko OP:n verkkopankki nurin?"]


def _posts(services, n: int = 3) -> list[int]:
    """New posts that each open a case; their ids."""
    return services.pipeline.ingest([post(f"new{i}", QUESTIONS[i % len(QUESTIONS)], minutes=i)
                                     for i in range(n)]).opened_ids


def test_the_guard_sees_a_scan_and_a_walk_of_an_unselective_index():
    """The checker itself, on the original bug: where a case's alert landed, looked up through the pending-queue
    index (a SEARCH that walks every sent message), and an unindexed lookup (a SCAN); the indexed query passes."""
    db = Database(sqlite3.connect(":memory:"))
    migrate(db)
    db.execute("DROP INDEX outbox_case")
    fill_history(db, 100)
    sent_ref_sql = ("SELECT ref FROM outbox WHERE transport = 'slack' AND case_id = 9050 AND kind = 'alert'"
                    " AND state = 'sent' ORDER BY id LIMIT 1")
    scan_sql = "SELECT ref FROM outbox o WHERE o.ref = 'C1:9050.0'"
    with captured(db) as statements:
        for sql in (sent_ref_sql, scan_sql, "SELECT ref FROM outbox WHERE id = 7"):
            db.execute(sql).fetchall()
    found = unbounded(db, statements)
    assert [line.split("  <-  ")[1] for line in found] == [scan_sql, sent_ref_sql, scan_sql]
    assert found[0].startswith("SCAN o") and "VM steps as history grew" in found[1]


def test_importing_posts_replies_and_brand_replies_is_indexed(history):
    posts = [post("q1", QUESTIONS[0]), post("f1", "Vieläkin rikki, miksi?", in_reply_to="q1", minutes=1),
             post("b1", "Hei, katsotaan!", author="NordeaSuomi", in_reply_to="q1", minutes=2),
             post("b2", "Vastaus tulossa", author="NordeaSuomi", in_reply_to="q2", minutes=3),  # before its post
             post("q2", QUESTIONS[1], minutes=4), post("q1", QUESTIONS[0])]  # the last one a duplicate
    with captured(history.db) as statements:
        history.pipeline.ingest(posts)
    assert unbounded(history.db, statements) == []


def test_console_delivery_of_alerts_updates_retries_and_dead_rows_is_indexed(history, clock):
    opened = _posts(history)
    history.cases.apply(CaseCommand("claim", opened[0], "anna"))

    class Failing:
        name = "console"

        def __init__(self, error: TransportError) -> None:
            self.error = error

        def deliver(self, item, view, ref):
            raise self.error

    with captured(history.db) as statements:
        deliver_pending(history.db, Failing(TransportError("down")), clock)
        deliver_pending(history.db, Failing(TransportError("429", retry_after=1.0)), clock)
        clock.advance(hours=1)
        deliver_pending(history.db, Failing(TransportError("429 in one chat", retry_after=60.0, chat="C1")), clock)
        deliver_pending(history.db, Failing(TransportError("429 in one chat", retry_after=60.0, chat="C1")), clock)
        clock.advance(hours=1)
        deliver_pending(history.db, Failing(TransportError("refused", permanent=True)), clock)
        deliver_pending(history.db, ConsoleHandler(io.StringIO()), clock)
    assert unbounded(history.db, statements) == []


def test_case_actions_and_their_updates_are_indexed(history, clock):
    opened = _posts(history, 5)
    with captured(history.db) as statements:
        history.cases.apply(CaseCommand("claim", opened[0], "anna"))
        history.cases.apply(CaseCommand("answer", opened[0], "anna"))
        history.cases.apply(CaseCommand("dismiss", opened[1], "anna", reason="spam"))
        history.cases.apply(CaseCommand("snooze", opened[2], "anna", until=clock.now() + timedelta(hours=1)))
        history.cases.apply(CaseCommand("escalate", opened[3], "anna"))
        history.cases.apply(CaseCommand("reply", opened[4], "anna", text="Hei! Katsotaan."))
        deliver_pending(history.db, ConsoleHandler(io.StringIO()), clock)
    assert unbounded(history.db, statements) == []


def test_the_sla_sweep_is_indexed(history, clock):
    opened = _posts(history, 3)
    history.cases.apply(CaseCommand("snooze", opened[2], "anna", until=clock.now() + timedelta(minutes=5)))
    clock.set(clock.now().replace(hour=9, minute=50))  # the posts are from 08:00: reminders and breaches due
    with captured(history.db) as statements:
        sweep(history.db, clock, history.cases, sla_seconds=3600, remind_at=0.8, transports=("console",))
        clock.advance(hours=2)
        sweep(history.db, clock, history.cases, sla_seconds=3600, remind_at=0.8, transports=("console",))
    assert unbounded(history.db, statements) == []


def test_the_case_view_and_its_history_are_indexed(history):
    [case_id] = _posts(history, 1)
    history.cases.apply(CaseCommand("claim", case_id, "anna"))
    with captured(history.db) as statements:
        assert case_view(history.db, case_id)["id"] == case_id
        assert [e["kind"] for e in case_events(history.db, case_id)][-1] == "claimed"
        assert sent_ref(history.db, "console", case_id) is None
    assert unbounded(history.db, statements) == []


def test_doctor_finds_dead_rows_without_reading_the_history(history):
    with captured(history.db) as statements:
        assert dead_items(history.db) == []
    [sql] = _reads(statements)
    plan = " ".join(row[3] for row in history.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "outbox_dead" in plan


def test_slack_delivery_actions_queue_case_and_home_are_indexed(env: Env):
    fill_history(env.services.db)
    opened = [env.ingest(f"s{i}", QUESTIONS[i % len(QUESTIONS)]) for i in range(3)]
    with captured(env.services.db, env.desk.db) as statements:
        env.desk.flush()
        env.desk.apply(CaseCommand("claim", opened[0], "aino"))
        env.desk.apply(CaseCommand("escalate", opened[1], "aino"))
        env.desk.flush()
        answer(env.desk, AINO, "queue")
        answer(env.desk, AINO, f"case {opened[0]}")
        publish_home(env.desk, env.client, AINO)
    assert unbounded(env.desk.db, statements) == []


def test_a_summary_reads_the_queue_and_its_period_only_besides_the_report(env: Env, monkeypatch):
    fill_history(env.services.db)
    env.ingest("s1", QUESTIONS[0])
    monkeypatch.setattr(summaries, "build_report", lambda *a, **k: {"total": {}, "by": {}})  # checked below
    with captured(env.services.db) as statements:
        payload = summaries.summary_payload(env.services, env.cfg.slack, "daily", env.clock.now() + timedelta(days=1))
    assert [row["author"] for row in payload["oldest"]] == ["matti"]
    assert unbounded(env.services.db, statements) == []


def test_stats_and_summaries_read_only_their_period(env: Env):
    fill_history(env.services.db)
    env.ingest("s1", QUESTIONS[0])
    with captured(env.desk.db) as statements:
        assert "Nordea" in answer(env.desk, SANNA, "stats 7d")
    assert unbounded(env.desk.db, statements) == []


def _contest_entries(db: Database, first: int, n: int) -> None:
    """n eligible entries of the contest kesa, from post p{first} on, each by its own person."""
    with write(db):
        for i in range(first, first + n):
            campaign_rows.insert_entry(db, {"campaign": "kesa", "platform": "instagram", "id": f"p{i}",
                                            "author": f"u{i}", "person": f"instagram:u{i}", "created_ts": 1e9 + i,
                                            "has_media": 1, "own_reasons": [], "reasons": [], "status": "eligible",
                                            "seen_ts": 1e9 + i})


def test_moderating_one_contest_entry_reads_that_entry_not_the_contest(tmp_path, clock):
    """Approve and reject by PLATFORM:ID or a bare id, and a chat button's entry key, find the entry by index: they
    read and sorted every entry of the campaign under the write lock (a second per Approve at 44,000 entries; found
    by a scale probe)."""
    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    db, (campaign,) = services.db, services.config.campaigns
    _contest_entries(db, 0, 300)
    now = clock.now().timestamp()
    with captured(db) as statements:
        assert approve(db, campaign, ["instagram:p100"], by="anna", now=now) == 1
        assert reject(db, campaign, ["p101"], reason="a repost", by="anna", now=now) == 1
        assert campaign_rows.entry_by_key(db, "kesa", entry_key("instagram", "p102"))["id"] == "p102"
    reads = [sql for sql in _reads(statements) if "campaign_entries" in sql]
    assert len(reads) >= 3
    sorts = [sql for sql in reads if any("TEMP B-TREE" in detail or detail.startswith("SCAN")
                                         for *_, detail in db.execute("EXPLAIN QUERY PLAN " + sql))]
    assert sorts == []
    before = {sql: vm_steps(db, sql) for sql in reads}
    _contest_entries(db, 300, 1_200)
    grew = {sql: (before[sql], vm_steps(db, sql)) for sql in reads}
    assert {sql: steps for sql, steps in grew.items() if steps[1] > steps[0] + STEP_SLACK} == {}
