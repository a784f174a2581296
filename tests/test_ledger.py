"""The ledger proves what the README says: a keyed chain that a file writer cannot forge, cases that must match
their events, and anchors that show a cut-off or rewritten chain."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuulo.bot.cases import CaseCommand
from kuulo.bot.errors import CaseStateError, LedgerError
from kuulo.bot.ledger_audit import audit_ledger
from kuulo.storage.case_replay import record_baselines, replay_cases
from kuulo.storage.cases import CASE_COLUMNS
from kuulo.storage.db import open_db, write
from kuulo.storage.ledger import GENESIS, KEY_ENV, Ledger, check_anchor, ledger_tip, parse_anchor, verify_ledger
from kuulo.storage.schema import MIGRATIONS, schema_version
from tests.builders import post

KEY, OTHER = b"correct horse battery staple", b"another key"
QUESTIONS = ["Miksi Nordean sovellus ei toimi?", "Toimiiko Nordean kortti ulkomailla?", "Onko Nordea auki?"]


def _events(db: sqlite_utils.Database) -> list[tuple]:
    return db.execute("SELECT seq, kind, case_id, data FROM events ORDER BY seq").fetchall()


def _recompute_unkeyed(conn: sqlite3.Connection, start: int) -> None:
    """What anyone who can write the file can do: rehash every row from `start` on with plain SHA-256."""
    prev = conn.execute("SELECT hash FROM events WHERE seq = ?", (start - 1,)).fetchone()
    prev_hash = prev[0] if prev else GENESIS
    rows = conn.execute("SELECT seq, ts, case_id, platform, mention_id, actor, kind, data FROM events"
                        " WHERE seq >= ? ORDER BY seq", (start,)).fetchall()
    for seq, *content in rows:
        body = json.dumps([prev_hash, seq, *content], ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        conn.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev_hash, digest, seq))
        prev_hash = digest


def _forge_answer(path: Path, case_id: int, who: str) -> int:
    """Change who answered a case, in the row and in its event, then recompute the chain; returns the event."""
    with sqlite3.connect(path) as conn:
        seq, data = conn.execute("SELECT seq, data FROM events WHERE case_id = ? AND kind = 'answered'",
                                 (case_id,)).fetchone()
        event = json.loads(data)
        event["set"]["responded_by"] = who
        conn.execute("UPDATE events SET actor = ?, data = ? WHERE seq = ?",
                     (who, json.dumps(event, sort_keys=True, separators=(",", ":")), seq))
        conn.execute("UPDATE cases SET responded_by = ? WHERE id = ?", (who, case_id))
        _recompute_unkeyed(conn, seq)
    return seq


def _answered_case(services) -> int:
    """Three questions, the first answered by anna."""
    opened = services.pipeline.ingest([post(str(i), q, minutes=i) for i, q in enumerate(QUESTIONS)]).opened_ids
    services.cases.apply(CaseCommand("answer", opened[0], "anna"))
    return opened[0]


def test_a_forged_answer_with_recomputed_hashes_passes_unkeyed_and_is_caught_keyed(services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    case_id = _answered_case(services)
    assert verify_ledger(services.db).keyed_since == 1  # the first event written with the key is the switch
    forged = _forge_answer(tmp_path / "kuulo.db", case_id, "mallory")

    check = verify_ledger(services.db)
    assert not check.ok and check.bad_seq == forged
    assert check.reason == "content does not match its HMAC (row changed, or not written with this key)"
    assert replay_cases(services.db).ok  # row and event agree: only the key shows the forgery


def test_without_a_key_the_same_forgery_verifies_and_the_chain_says_what_it_cannot_prove(services, tmp_path,
                                                                                         monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    case_id = _answered_case(services)
    _forge_answer(tmp_path / "kuulo.db", case_id, "mallory")
    check = verify_ledger(services.db)
    assert check.ok and check.keyed_since is None
    assert check.weakness() == ("not keyed (KUULO_LEDGER_KEY is not set): the chain detects accidental damage only;"
                                " anyone who can write the database file can change events and recompute every hash")


def _start_keying(db: sqlite_utils.Database) -> int:
    """What `kuulo verify-ledger --start-keying` records once the chain verifies."""
    with write(db) as tx:
        return Ledger(tx, KEY, start_keying=True).start_keying(4000.0)


def test_stripping_the_keyed_part_and_recomputing_does_not_verify_with_the_key_nor_take_a_write(services, tmp_path,
                                                                                                monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    services.pipeline.ingest([post("0", QUESTIONS[0])])
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    switch = _start_keying(services.db)
    services.pipeline.ingest([post("1", QUESTIONS[1])])
    assert verify_ledger(services.db).keyed_since == switch
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute("DELETE FROM events WHERE seq = ?", (switch,))
        conn.execute("UPDATE events SET seq = seq - 1 WHERE seq > ?", (switch,))
        _recompute_unkeyed(conn, switch)
    check = verify_ledger(services.db)
    assert not check.ok and check.bad_seq is None and check.keyed_since is None
    assert check.summary().startswith("NOT KEYED: 2 events, hash chain intact, but KUULO_LEDGER_KEY is set")
    with pytest.raises(LedgerError, match="KUULO_LEDGER_KEY is set but the ledger's 2 events are not keyed"):
        services.pipeline.ingest([post("2", QUESTIONS[2])])  # the next write would key the forgery over: refused
    assert not verify_ledger(services.db).ok


def test_a_key_set_for_an_empty_ledger_keys_it_from_the_first_event_and_a_used_one_only_when_asked(services,
                                                                                                  monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    assert Ledger(services.db).keyed_since is None  # empty: the first append records the switch
    monkeypatch.delenv(KEY_ENV)
    services.pipeline.ingest([post("0", QUESTIONS[0])])
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    with pytest.raises(LedgerError, match="start keying it once with `kuulo verify-ledger --start-keying`"):
        Ledger(services.db)
    assert _start_keying(services.db) == 2
    services.pipeline.ingest([post("1", QUESTIONS[1])])
    assert audit_ledger(services.db).ok and verify_ledger(services.db).keyed_since == 2


def test_a_closure_written_into_the_file_is_named_and_stays_named_after_a_recompute_keys_its_answer(
        services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    opened = services.pipeline.ingest([post(str(i), q, minutes=i) for i, q in enumerate(QUESTIONS)]).opened_ids
    services.cases.apply(CaseCommand("answer", opened[0], "anna"))
    services.cases.apply(CaseCommand("dismiss", opened[1], "anna", reason="spam"))
    services.cases.reply_sent(opened[2], "aino", "masto", "reply-1")
    assert audit_ledger(services.db).ok  # each person's action backs its closure
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # what anyone who can write the file can add
        conn.execute("DELETE FROM closures WHERE case_id = ?", (opened[2],))
        conn.execute("INSERT INTO closures (case_id, ts, actor, how, detail) SELECT id, created_ts + 120, 'anna',"
                     " 'manual', NULL FROM cases WHERE id = ?", (opened[2],))
        conn.execute("UPDATE closures SET ts = ts - 3600 WHERE case_id = ?", (opened[0],))  # an answer backdated
    services.pipeline.ingest([post("r", "Onko tähän vastausta?", minutes=30, in_reply_to="2")])  # recomputes it
    audit = audit_ledger(services.db)
    assert verify_ledger(services.db).ok and not audit.ok  # the chain is whole: the closures are not
    assert [p.split(" (")[0] for p in audit.problems()] == [f"closure 1 of case {opened[0]}",
                                                           f"closure 3 of case {opened[2]}", "event 7"]
    assert audit.problems()[2].endswith("recorded a person's action whose closure is gone (a recompute no longer "
                                        "sees it)")  # the reply_sent whose closure was deleted
    assert audit.problems()[1].endswith("is not backed by the event that recorded it (none named)")
    assert services.db.execute("SELECT kind FROM events WHERE case_id = ? ORDER BY seq DESC LIMIT 1",
                               (opened[2],)).fetchone() == ("first_response_corrected",)  # keyed, from the forgery


def test_a_closure_pointed_at_another_event_or_at_its_own_recompute_is_named(services, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    opened = services.pipeline.ingest([post(str(i), q, minutes=i) for i, q in enumerate(QUESTIONS)]).opened_ids
    services.cases.apply(CaseCommand("answer", opened[0], "anna"))
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        seq = conn.execute("SELECT event_seq FROM closures").fetchone()[0]
        conn.execute("INSERT INTO closures (case_id, ts, actor, how, detail, event_seq) SELECT ?, ts, actor, how,"
                     " detail, event_seq FROM closures", (opened[1],))  # case 2 claims case 1's answer
    assert [p.split(" is not")[0].split(" (")[0] for p in audit_ledger(services.db).problems()] == [
        f"closure 2 of case {opened[1]}"]
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # and a recompute's own event does not back a closure
        conn.execute("DELETE FROM closures WHERE id = 2")
        data = json.loads(conn.execute("SELECT data FROM events WHERE seq = ?", (seq,)).fetchone()[0])
        conn.execute("UPDATE events SET data = ? WHERE seq = ?", (json.dumps({**data, "recomputed": True}), seq))
        _recompute_unkeyed(conn, seq)
    assert audit_ledger(services.db).problems()[0].startswith(f"closure 1 of case {opened[0]} (manual by 'anna' at")


def test_a_closure_deleted_by_hand_is_named_by_the_event_it_was_kept_of(services, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    case_id = _answered_case(services)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute("DELETE FROM closures")
    services.pipeline.ingest([post("r", "Onko tähän vastausta?", minutes=30, in_reply_to="0")])  # reopens it
    assert services.db.execute("SELECT state FROM cases WHERE id = ?", (case_id,)).fetchone()[0] != "answered"
    [problem] = audit_ledger(services.db).problems()
    assert re.fullmatch(rf"event \d+ \(answered of case {case_id} by 'anna' at [\d.]+\) recorded a person's action "
                        r"whose closure is gone \(a recompute no longer sees it\)", problem)


def _as_schema_18(path: Path) -> None:
    """The file as Kuulo wrote it before closures named their events: no event_seq, no closure or recomputed marks
    in the events (the chain rehashed, as it then was)."""
    with sqlite3.connect(path) as conn:
        for index in ("closures_event", "campaign_entries_key", "campaign_entries_id", "outbox_waiting"):  # 19-22's
            conn.execute(f"DROP INDEX {index}")
        conn.execute("ALTER TABLE closures DROP COLUMN event_seq")
        conn.execute("ALTER TABLE campaign_entries DROP COLUMN entry_key")
        conn.execute("ALTER TABLE outbox DROP COLUMN waits_on")
        for seq, data in conn.execute("SELECT seq, data FROM events").fetchall():
            old = {k: v for k, v in json.loads(data).items() if k not in ("closure", "recomputed")}
            conn.execute("UPDATE events SET data = ? WHERE seq = ?", (json.dumps(old, separators=(",", ":")), seq))
        _recompute_unkeyed(conn, 1)
        conn.execute("PRAGMA user_version = 18")


def test_schema_19_ties_each_older_closure_to_its_event_and_names_one_an_older_recompute_answered_from(
        services, tmp_path, monkeypatch, clock):
    monkeypatch.delenv(KEY_ENV, raising=False)
    opened = services.pipeline.ingest([post(str(i), q, minutes=i) for i, q in enumerate(QUESTIONS)]).opened_ids
    services.cases.apply(CaseCommand("answer", opened[0], "anna"))
    services.cases.apply(CaseCommand("dismiss", opened[1], "anna", reason="spam"))
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # written by hand before the upgrade, then recomputed
        conn.execute("INSERT INTO closures (case_id, ts, actor, how, detail) SELECT id, created_ts + 60, 'mallory',"
                     " 'manual', NULL FROM cases WHERE id = ?", (opened[2],))
    clock.advance(minutes=5)
    services.pipeline.ingest([post("r", "Onko tähän vastausta?", minutes=30, in_reply_to="2")])
    services.db.conn.close()
    _as_schema_18(tmp_path / "kuulo.db")
    upgraded = open_db(str(tmp_path / "kuulo.db"))
    assert schema_version(upgraded) == len(MIGRATIONS)
    forged_ts = upgraded.execute("SELECT ts FROM closures WHERE id = 3").fetchone()[0]
    assert [p.split(" is not")[0] for p in audit_ledger(upgraded).problems()] == [
        f"closure 3 of case {opened[2]} (manual by 'mallory' at {forged_ts})"]  # anna's two are tied and hold
    upgraded.conn.close()


def test_verifying_with_another_key_fails_at_the_switch(services, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _answered_case(services)
    check = verify_ledger(services.db, key=OTHER)
    assert not check.ok and check.bad_seq == 1 and check.events == 0
    assert check.reason.startswith("KUULO_LEDGER_KEY is not the key the chain was written with (the event records "
                                   "key id ")
    unchecked = verify_ledger(services.db, key=None)
    assert not unchecked.ok and unchecked.needs_key and unchecked.bad_seq == 1
    assert unchecked.summary().startswith("NOT VERIFIED from event 1: the chain is keyed from this event on")


def test_a_wrong_key_is_caught_on_a_row_even_without_the_recorded_key_id(services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _answered_case(services)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # an older or edited switch event without its key id
        conn.execute("UPDATE events SET data = '{}' WHERE seq = 1")
    check = verify_ledger(services.db, key=OTHER)
    assert (check.bad_seq, check.reason) == (1, "content does not match its HMAC (row changed, or not written with "
                                                "this key)")


@pytest.mark.parametrize("key, message", [
    (None, "the ledger is keyed since event 1: set KUULO_LEDGER_KEY to the key it was written with"),
    (OTHER, "the ledger is keyed since event 1 and KUULO_LEDGER_KEY does not fit its newest event ({tip}): "
            "set KUULO_LEDGER_KEY to the key it was written with (if it is, that event was changed: run "
            "kuulo verify-ledger)"),
])
def test_a_writer_without_the_key_or_with_a_wrong_one_refuses(services, monkeypatch, key, message):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _answered_case(services)
    before = _events(services.db)
    tip = before[-1][0]
    with pytest.raises(LedgerError) as refused, write(services.db) as db:
        Ledger(db, key=key).append(ts=0.0, actor="kuulo", kind="note")
    assert str(refused.value) == message.format(tip=tip)
    if key is None:
        monkeypatch.delenv(KEY_ENV)
    else:
        monkeypatch.setenv(KEY_ENV, key.decode())
    with pytest.raises(LedgerError):
        services.cases.apply(CaseCommand("claim", 2, "anna"))
    assert _events(services.db) == before and services.db.execute(
        "SELECT state FROM cases WHERE id = 2").fetchone() == ("open",)


def test_a_writer_with_the_key_does_not_chain_onto_a_changed_newest_event(services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _answered_case(services)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute("UPDATE events SET actor = 'mallory' WHERE seq = (SELECT max(seq) FROM events)")
    with pytest.raises(LedgerError, match=r"does not fit its newest event \(5\): .* \(if it is, that event was "
                                          r"changed: run kuulo verify-ledger\)"):
        services.cases.apply(CaseCommand("claim", 2, "anna"))


def test_an_edited_case_row_is_named_with_its_columns(services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    case_id = _answered_case(services)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute("UPDATE cases SET responded_by = 'mallory', responded_ts = responded_ts - 600 WHERE id = ?",
                     (case_id,))
        conn.execute("DELETE FROM cases WHERE id = 3")
        conn.execute("INSERT INTO cases (id, platform, mention_id, brand, priority, state, created_ts, opened_ts)"
                     " VALUES (99, 'x', 'ghost', 'Nordea', 'normal', 'answered', 0, 0)")
    replay = replay_cases(services.db)
    assert replay.cases == 3
    lines = [m.describe() for m in replay.mismatches]
    assert lines[0].startswith(f"case {case_id} does not match its events: responded_ts is ")
    assert "; responded_by is 'mallory' in the row but 'anna' from the events" in lines[0]
    assert lines[1:] == ["case 3: is in the ledger but its row is missing from the cases table",
                         "case 99: its row has no events that set its columns (not in the ledger)"]
    assert verify_ledger(services.db).ok  # the chain itself is intact: only the replay sees it


def test_an_edited_event_value_breaks_the_chain_and_the_replay_names_the_case(services, tmp_path):
    case_id = _answered_case(services)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # edited without recomputing: accidental damage
        conn.execute("UPDATE events SET data = replace(data, '\"anna\"', '\"bob\"') WHERE kind = 'answered'")
    assert not verify_ledger(services.db).ok
    [mismatch] = replay_cases(services.db).mismatches
    assert mismatch.case_id == case_id and mismatch.differences[0][:2] == ("responded_by", "anna")


@pytest.mark.parametrize("damage, reason", [
    ("ts = 'x'", "ts holds str, which Kuulo never writes (row changed or damaged)"),
    ("data = CAST(data AS BLOB)", "data holds bytes, which Kuulo never writes (row changed or damaged)"),
    ("data = '{\"set\": '", "content does not match its hash (row changed)"),
    ("data = '[\"set\"]'", "content does not match its hash (row changed)"),
    ("case_id = 'abc'", "case_id holds str, which Kuulo never writes (row changed or damaged)"),
])
def test_a_damaged_event_row_is_named_by_the_chain_and_the_replay_goes_on(services, tmp_path, damage, reason):
    """A value of another type or broken JSON in an event crashed verify-ledger and doctor with a traceback before
    they named the row (found by a red-team probe)."""
    _answered_case(services)
    seq = services.db.execute("SELECT seq FROM events WHERE kind = 'answered'").fetchone()[0]
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute(f"UPDATE events SET {damage} WHERE seq = ?", (seq,))
    check = verify_ledger(services.db)
    assert (check.ok, check.bad_seq, check.reason) == (False, seq, reason)
    replayed = replay_cases(services.db)  # no traceback: an answer its damaged event set is no longer read
    assert bool(replayed.mismatches) == ("data" in damage or "case_id" in damage)
    assert any(f"BROKEN at event {seq}" in problem for problem in audit_ledger(services.db).problems())


def test_a_key_that_is_no_utf_8_is_its_bytes(monkeypatch):
    from kuulo.storage.ledger import ledger_key

    raw = b"\xff\xfe" + b"ab" * 12
    monkeypatch.setenv(KEY_ENV, raw.decode("utf-8", "surrogateescape"))  # as os.environ reads such bytes on POSIX
    assert ledger_key() == raw


CASE_EDITS = st.sampled_from([("state", "dismissed"), ("brand", "OP"), ("claimed_by", "eve"),
                              ("created_ts", 1.0), ("responded_how", "platform_reply"), ("parent_case_id", 1),
                              ("closed_ts", None), ("priority", "high"), ("dismiss_reason", "spam")])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["claim", "escalate", "answer", "dismiss"])),
                        max_size=8),
       edit=st.tuples(st.integers(1, 3), CASE_EDITS))
def test_any_case_history_replays_and_any_edit_of_a_row_is_named(tmp_path_factory, actions, edit):
    from kuulo.bot.app import build_services, default_config
    from kuulo.bot.clock import FrozenClock
    from tests.conftest import T0

    path = tmp_path_factory.mktemp("replay") / "kuulo.db"
    services = build_services(default_config(str(path)), clock=FrozenClock(T0))
    opened = services.pipeline.ingest([post(str(i), q, minutes=i) for i, q in enumerate(QUESTIONS)]).opened_ids
    for index, action in actions:
        try:
            services.cases.apply(CaseCommand(action, opened[index], "anna", reason="spam"))
        except CaseStateError:  # an action the case's state does not allow changes nothing
            pass
    assert replay_cases(services.db).ok
    case_id, (column, value) = edit
    before = services.db.execute(f"SELECT {column} FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE cases SET {column} = ? WHERE id = ?", (value, case_id))
    mismatches = replay_cases(services.db).mismatches
    if before == value:
        assert not mismatches
    else:
        assert [(m.case_id, [d[0] for d in m.differences]) for m in mismatches] == [(case_id, [column])]


def _version_3_file(path: Path, cases: int) -> None:
    """A database as Kuulo wrote it before this change: the real migrations 1-3, events without `set`."""
    old = sqlite_utils.Database(sqlite3.connect(path))
    for migration in MIGRATIONS[:3]:
        migration(old)
    old.execute("PRAGMA user_version = 3")
    ledger = Ledger(old, key=None)
    for i in range(cases):
        case_id = old.execute("INSERT INTO cases (platform, mention_id, brand, priority, state, created_ts, opened_ts,"
                              " thread_root) VALUES ('x', ?, 'Nordea', 'normal', 'open', ?, ?, ?)",
                              (str(i), 1000.0 + i, 2000.0 + i, str(i))).lastrowid
        ledger.append(ts=2000.0 + i, actor="kuulo", kind="opened", case_id=case_id, platform="x", mention_id=str(i),
                      data={"brands": ["Nordea"], "is_question": True})
        if i % 2:
            old.execute("UPDATE cases SET state = 'answered', responded_ts = ?, responded_by = 'anna',"
                        " responded_how = 'manual', closed_ts = ? WHERE id = ?", (3000.0 + i, 3000.0 + i, case_id))
            ledger.append(ts=3000.0 + i, actor="anna", kind="answered", case_id=case_id, platform="x",
                          mention_id=str(i), data={"from": "open", "how": "manual"})
    old.conn.commit()
    old.conn.close()


def test_a_version_3_file_keeps_verifying_after_the_switch_to_keyed(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _version_3_file(path, 4)
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    db = open_db(str(path))  # the baselines go into the chain as it is: unkeyed
    assert schema_version(db) == len(MIGRATIONS)
    assert _start_keying(db) == 11
    kinds = [(seq, kind, case_id) for seq, kind, case_id, _ in _events(db)]
    assert kinds[6:] == [(7, "baseline", 1), (8, "baseline", 2), (9, "baseline", 3), (10, "baseline", 4),
                         (11, "ledger_keyed", None)]
    audit = audit_ledger(db)
    assert audit.ok and audit.chain.keyed_since == 11 and audit.cases.cases == 4
    with write(db) as tx:  # a later action on an old case folds over its baseline
        Ledger(tx).append(ts=5000.0, actor="bob", kind="claimed", case_id=1, platform="x", mention_id="0",
                          data={"set": {"state": "claimed", "claimed_by": "bob", "claimed_ts": 5000.0}})
        tx.execute("UPDATE cases SET state = 'claimed', claimed_by = 'bob', claimed_ts = 5000.0 WHERE id = 1")
    assert audit_ledger(db).ok
    with sqlite3.connect(path) as conn:  # the unkeyed part is protected by the keyed rows after it
        conn.execute("UPDATE events SET actor = 'mallory' WHERE seq = 3")
        _recompute_unkeyed(conn, 3)
    check = verify_ledger(db)
    assert not check.ok and check.bad_seq == 11 and check.events == 10


def test_a_file_rolled_back_to_schema_4_is_refused_rather_than_its_case_rows_taken_as_baselines(tmp_path,
                                                                                               monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    path = tmp_path / "kuulo.db"
    db = open_db(str(path))
    with write(db) as tx:
        Ledger(tx).append(ts=1.0, actor="kuulo", kind="note")  # keyed from event 1
    db.conn.close()
    with sqlite3.connect(path) as conn:  # what the file can be made to say by anyone who can write it
        conn.execute("PRAGMA user_version = 4")
        conn.execute("DROP INDEX events_keyed")
    with pytest.raises(LedgerError, match="the file says schema 4, but ledger event 1 was written by a later Kuulo"):
        open_db(str(path))


def test_a_version_3_file_migrated_without_a_key_switches_when_asked(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    _version_3_file(path, 3)
    monkeypatch.delenv(KEY_ENV, raising=False)
    db = open_db(str(path))
    assert audit_ledger(db).ok and verify_ledger(db).keyed_since is None
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _start_keying(db)
    with write(db) as tx:
        Ledger(tx).append(ts=6000.0, actor="kuulo", kind="note")
    assert [kind for _, kind, _, _ in _events(db)][-2:] == ["ledger_keyed", "note"]
    assert audit_ledger(db).ok and verify_ledger(db).keyed_since == 8


def test_the_baseline_migration_on_an_empty_file_and_only_for_cases_that_need_it(tmp_path, services):
    path = tmp_path / "empty.db"
    _version_3_file(path, 0)
    db = open_db(str(path))
    assert _events(db) == [] and audit_ledger(db).ok
    services.pipeline.ingest([post("1", QUESTIONS[0])])  # a case whose opened event sets every column
    with write(services.db) as tx:
        assert record_baselines(services.db, Ledger(tx), ts=0.0, why="test") == 0


def test_anchors_show_a_cut_off_or_rewritten_chain(services, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY.decode())
    _answered_case(services)
    seq, digest = parse_anchor(ledger_tip(services.db))
    assert seq == len(_events(services.db)) and check_anchor(services.db, seq, digest) is None
    assert check_anchor(services.db, 0, GENESIS) is None
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:
        conn.execute("DELETE FROM events WHERE seq >= ?", (seq - 1,))
    assert verify_ledger(services.db).ok  # a cut-off chain is still a valid chain: only the anchor shows it
    assert check_anchor(services.db, seq, digest) == (
        f"event {seq} is not in the ledger, which ends at event {seq - 2}: events were cut off")
    with write(services.db) as tx:
        Ledger(tx).append(ts=0.0, actor="kuulo", kind="note")
        Ledger(tx).append(ts=0.0, actor="kuulo", kind="note")
    assert verify_ledger(services.db).ok
    rewritten = check_anchor(services.db, seq, digest)
    assert rewritten.startswith(f"event {seq} now has hash ") and rewritten.endswith(
        f", not the anchored {digest}: the chain was rewritten")


@pytest.mark.parametrize("text", ["12", "12:abc", "x:" + "0" * 64, "12:" + "g" * 64, ""])
def test_a_malformed_anchor_is_refused_naming_it(text):
    with pytest.raises(LedgerError, match="expected SEQ:HASH"):
        parse_anchor(text)


def test_the_daily_summary_shows_the_anchor(env):
    from kuulo.bot.summaries import queue_summary
    from tests.slack_support import DIGEST

    env.ingest("1")
    env.desk.flush()
    queue_summary(env.services, env.cfg.slack, "daily", env.clock.now())
    tip = ledger_tip(env.services.db)
    assert env.desk.flush() == 1
    [summary] = [c for c in env.fake.calls_to("chat.postMessage") if c.params["channel"] == DIGEST]
    notes = [e["text"] for e in summary.params["blocks"][2]["elements"]]
    assert notes[1] == f"Ledger anchor `{tip}` (check: `kuulo verify-ledger --expect` with it)"
    assert tip.startswith("1:")


def test_the_switch_and_the_replay_are_read_through_indexes(services):
    """Ledger(db) runs per import batch and per action: finding the switch must not walk the events."""
    plans = {sql: " ".join(row[3] for row in services.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
             for sql in ("SELECT min(seq) FROM events WHERE kind = 'ledger_keyed'",
                         "SELECT case_id, data FROM events WHERE case_id IS NOT NULL ORDER BY case_id, seq")}
    assert list(plans.values()) == ["SEARCH events USING INDEX events_keyed",
                                    "SEARCH events USING INDEX events_case (case_id>?)"]


class _Fixed:
    """A live source that returns the same posts on every poll."""

    name, platform = "stub", "x"

    def __init__(self, mentions):
        from kuulo.bot.sources.base import PollNotes

        self.mentions, self.last_poll = mentions, PollNotes()

    def poll(self, cursor):
        return list(self.mentions), "cursor-after"


def test_a_poll_without_the_key_stores_nothing_and_keeps_its_cursor(services, monkeypatch):
    """A source's poll must not skip posts it could not store for want of the key: the whole poll waits."""
    from kuulo.bot.config_chat import SourceConfig
    from kuulo.bot.sources.poller import poll_once
    from kuulo.storage.cursors import get_cursor

    monkeypatch.setenv(KEY_ENV, KEY.decode())
    services.pipeline.ingest([post("0", QUESTIONS[0])])
    before = _events(services.db)
    monkeypatch.delenv(KEY_ENV)
    cfg = SourceConfig(name="stub", type="rss", every_seconds=60, options={"url": "https://f.example"})
    with pytest.raises(LedgerError, match="the ledger is keyed since event 1"):
        poll_once(services, cfg, _Fixed([post("1", QUESTIONS[1]), post("2", "Nordea on paras")]))
    assert get_cursor(services.db, "stub") is None and _events(services.db) == before
    assert services.db.execute("SELECT count(*) FROM mentions").fetchone() == (1,)


def test_an_opened_event_names_only_columns_with_a_value_and_older_full_ones_replay_the_same(services, tmp_path):
    case_id = _answered_case(services)
    opened = {case: json.loads(data)["set"] for _, kind, case, data in _events(services.db) if kind == "opened"}
    assert opened[case_id]["state"] == "open" and None not in opened[case_id].values()
    assert "parent_case_id" not in opened[case_id] and replay_cases(services.db).ok
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # a case whose row has a value no event set
        conn.execute("UPDATE cases SET reply_error = 'x' WHERE id = ?", (case_id + 1,))
    [mismatch] = replay_cases(services.db).mismatches
    assert mismatch.differences == (("reply_error", "x", None),)
    with sqlite3.connect(tmp_path / "kuulo.db") as conn:  # as Kuulo wrote it before: every column, NULLs too
        conn.execute("UPDATE cases SET reply_error = NULL")
        for case, columns in opened.items():
            full = json.dumps({"set": {**dict.fromkeys(c for c in CASE_COLUMNS if c != "id"), **columns}})
            conn.execute("UPDATE events SET data = ? WHERE case_id = ? AND kind = 'opened'", (full, case))
    assert replay_cases(services.db).ok


def test_a_name_too_long_to_be_a_person_is_refused_and_records_nothing(services):
    case_id = _answered_case(services)
    before = _events(services.db)
    with pytest.raises(CaseStateError, match=f"case {case_id}: a name of 100,000 characters, over the limit of 200"):
        services.cases.apply(CaseCommand("claim", case_id, "x" * 100_000))
    assert _events(services.db) == before


@pytest.mark.parametrize("name", ["(unassigned)", " (Unassigned) "])
def test_the_reports_row_of_nobody_is_no_ones_name(services, name):
    case_id = _answered_case(services)
    before = _events(services.db)
    with pytest.raises(CaseStateError, match=r"\(unassigned\) is no one's name"):
        services.cases.apply(CaseCommand("claim", case_id, name))
    assert _events(services.db) == before
