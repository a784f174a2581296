"""`kuulo verify-ledger` and `kuulo doctor` as a user runs them: the keyed chain, replayed cases and anchors."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from kuulo.storage.ledger import KEY_ENV
from tests.processes import KUULO

TEAM_KEY = "s3cret-ledger-key-of-the-team-2026"  # 34 bytes: a key verify-ledger does not call guessable
QUESTIONS = ["Miksi Nordean sovellus ei toimi?", "Toimiiko Nordean kortti ulkomailla?", "Onko Nordea auki?"]

CONFIG = """
database: {db}
brands:
  - name: Nordea
    handles: [NordeaSuomi]
packs: [banking-fi, sentiment-fi, sentiment-en]
"""


def kuulo(*args: str, cwd: Path, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != KEY_ENV} | ({KEY_ENV: key} if key else {})
    return subprocess.run([KUULO, "--config", "team.yaml", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A team folder with three questions to import."""
    (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "kuulo.db"), encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text("".join(
        json.dumps({"platform": "x", "id": str(i), "author": "matti", "text": q,
                    "created_at": f"2026-11-17T08:0{i}:00Z"}) + "\n" for i, q in enumerate(QUESTIONS)))
    return tmp_path


def test_cli_keyed_chain_refuses_a_writer_and_a_verifier_without_the_key(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk, key=TEAM_KEY).returncode == 0
    refused = kuulo("case", "1", "claim", "--by", "anna", cwd=desk)
    assert refused.returncode == 1
    assert refused.stderr == ("error: the ledger is keyed since event 1: set KUULO_LEDGER_KEY to the key it was "
                              "written with\n")
    wrong = kuulo("case", "1", "claim", "--by", "anna", cwd=desk, key="guess")
    assert wrong.returncode == 1 and "KUULO_LEDGER_KEY does not fit its newest event (4)" in wrong.stderr
    unchecked = kuulo("verify-ledger", cwd=desk)
    assert unchecked.returncode == 1 and unchecked.stderr.startswith(
        "ledger NOT VERIFIED from event 1: the chain is keyed from this event on: set KUULO_LEDGER_KEY")
    other = kuulo("verify-ledger", cwd=desk, key="guess")
    assert other.returncode == 1 and "ledger BROKEN at event 1: KUULO_LEDGER_KEY is not the key" in other.stderr
    assert kuulo("case", "1", "answer", "--by", "anna", cwd=desk, key=TEAM_KEY).returncode == 0
    ok = kuulo("verify-ledger", cwd=desk, key=TEAM_KEY)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == ("ledger ok: 5 events, hash chain intact, keyed (HMAC-SHA256) since event 1\n"
                         "cases ok: 3 cases match their events\n")


def test_cli_without_a_key_says_plainly_what_the_chain_cannot_prove(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk).returncode == 0
    note = ("not keyed (KUULO_LEDGER_KEY is not set): the chain detects accidental damage only; anyone who can "
            "write the database file can change events and recompute every hash")
    verified = kuulo("verify-ledger", cwd=desk)
    assert verified.returncode == 0 and f"note: {note}\n" in verified.stdout
    doctor = kuulo("doctor", cwd=desk)
    assert f"ledger:   3 events, hash chain intact\ncases:    3 replayed from their events, all match\n" \
           f"closures: each as its event says\nledger:   {note}\n" in doctor.stdout


def test_cli_names_an_edited_case_row(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk, key=TEAM_KEY).returncode == 0
    assert kuulo("case", "2", "answer", "--by", "anna", cwd=desk, key=TEAM_KEY).returncode == 0
    with sqlite3.connect(desk / "kuulo.db") as conn:
        conn.execute("UPDATE cases SET responded_by = 'mallory' WHERE id = 2")
    result = kuulo("verify-ledger", cwd=desk, key=TEAM_KEY)
    assert result.returncode == 1
    assert result.stdout.startswith("ledger ok: ")
    assert result.stderr == "case 2 does not match its events: responded_by is 'mallory' in the row but 'anna' " \
                            "from the events\n"
    doctor = kuulo("doctor", cwd=desk, key=TEAM_KEY)
    assert doctor.returncode == 1 and "cases:    3 replayed from their events, 1 do not match" in doctor.stdout
    assert "PROBLEM:  case 2 does not match its events: responded_by is 'mallory'" in doctor.stderr


def test_cli_anchor_and_expect_on_a_cut_off_chain(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk, key=TEAM_KEY).returncode == 0
    published = kuulo("verify-ledger", "--anchor", cwd=desk, key=TEAM_KEY)
    assert published.returncode == 0 and re.fullmatch(r"4:[0-9a-f]{64}\n", published.stdout)
    assert "ledger ok: 4 events" in published.stderr  # the report goes aside: stdout is only the anchor
    anchor = published.stdout.strip()
    assert kuulo("verify-ledger", "--expect", anchor, cwd=desk, key=TEAM_KEY).returncode == 0
    with sqlite3.connect(desk / "kuulo.db") as conn:
        conn.execute("DELETE FROM events WHERE seq = 4")
        conn.execute("DELETE FROM cases WHERE id = 3")  # what the newest event recorded, gone with it
    cut = kuulo("verify-ledger", "--expect", anchor, "--anchor", cwd=desk, key=TEAM_KEY)
    assert cut.returncode == 1 and cut.stdout == ""
    assert ("anchor FAILED: event 4 is not in the ledger, which ends at event 3: events were cut off\n"
            in cut.stderr)
    assert "ledger ok: 3 events, hash chain intact" in cut.stderr  # the rest of the chain is consistent
    bad = kuulo("verify-ledger", "--expect", "4:abc", cwd=desk, key=TEAM_KEY)
    assert bad.returncode == 2 and "Invalid value for '--expect': anchor '4:abc': expected SEQ:HASH" in bad.stderr


def test_import_poll_and_run_refuse_a_keyed_ledger_without_its_key_before_doing_anything(tmp_path, monkeypatch):
    """A writer that may not extend the ledger stops at once with what to set, instead of failing per post."""
    import importlib

    from click.testing import CliRunner

    from kuulo.bot.cli import cli
    from kuulo.storage.db import open_db
    from kuulo.storage.ledger import Ledger

    importlib.import_module("kuulo.bot.commands")  # registers the commands on `cli`

    db = open_db(str(tmp_path / "k.db"))
    with db.atomic():
        Ledger(db, key=b"team secret").append(ts=0.0, actor="kuulo", kind="note")
    db.conn.close()
    config = tmp_path / "team.yaml"
    config.write_text(f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Nordea\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text('{"platform": "x", "id": "1", "author": "a", "text": "Nordea?",'
                                      ' "created_at": "2026-11-17T08:00:00+00:00"}\n', encoding="utf-8")
    monkeypatch.delenv("KUULO_LEDGER_KEY", raising=False)
    result = CliRunner().invoke(cli, ["--config", str(config), "import", str(tmp_path / "p.jsonl")],
                                standalone_mode=False)
    assert "set KUULO_LEDGER_KEY" in str(result.exception)
    (tmp_path / "p.jsonl").unlink()  # refused before the input is even opened
    result = CliRunner().invoke(cli, ["--config", str(config), "import", str(tmp_path / "p.jsonl")],
                                standalone_mode=False)
    assert "set KUULO_LEDGER_KEY" in str(result.exception)
    assert open_db(str(tmp_path / "k.db")).execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_cli_a_ledger_in_use_is_keyed_only_when_asked_and_only_when_it_verifies(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk).returncode == 0  # three events, no key yet
    refused = kuulo("case", "1", "claim", "--by", "anna", cwd=desk, key=TEAM_KEY)
    assert refused.returncode == 1 and "start keying it once with `kuulo verify-ledger --start-keying`" in \
        refused.stderr
    assert "set KUULO_LEDGER_KEY" in kuulo("verify-ledger", "--start-keying", cwd=desk).stderr
    short = kuulo("verify-ledger", "--start-keying", cwd=desk, key="s3cret")  # the chain would keep it for good
    assert short.returncode == 1 and "KUULO_LEDGER_KEY is 6 bytes; use 16 random bytes or more" in short.stderr
    unkeyed = kuulo("verify-ledger", cwd=desk, key=TEAM_KEY)
    assert unkeyed.returncode == 1 and "start keying it once with `kuulo verify-ledger --start-keying` (writers " \
        "refuse until then)" in unkeyed.stderr
    with sqlite3.connect(desk / "kuulo.db") as conn:
        conn.execute("UPDATE cases SET state = 'answered' WHERE id = 2")  # a row its events do not give
    broken = kuulo("verify-ledger", "--start-keying", cwd=desk, key=TEAM_KEY)
    assert broken.returncode == 1 and "case 2" in broken.stderr and broken.stderr.endswith(
        "not keyed: the chain must verify before its switch to keyed is recorded\n")
    with sqlite3.connect(desk / "kuulo.db") as conn:
        conn.execute("UPDATE cases SET state = 'open' WHERE id = 2")
    started = kuulo("verify-ledger", "--start-keying", cwd=desk, key=TEAM_KEY)
    assert started.returncode == 0, started.stderr
    assert re.fullmatch(r"ledger ok: 3 events, hash chain intact\ncases ok: 3 cases match their events\n"
                        r"ledger keyed from event 4: publish the anchor 4:[0-9a-f]{64}\n", started.stdout)
    assert kuulo("case", "1", "claim", "--by", "anna", cwd=desk, key=TEAM_KEY).returncode == 0
    again = kuulo("verify-ledger", "--start-keying", cwd=desk, key=TEAM_KEY)
    assert again.returncode == 1 and "the ledger is keyed since event 4 already" in again.stderr
    assert "keyed (HMAC-SHA256) since event 4" in kuulo("verify-ledger", cwd=desk, key=TEAM_KEY).stdout


def test_cli_a_short_key_is_named_as_guessable(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk, key="s3cret").returncode == 0
    checked = kuulo("verify-ledger", cwd=desk, key="s3cret")
    assert checked.returncode == 0 and "note: KUULO_LEDGER_KEY is 6 bytes: anyone who can read the file can try " \
        "guesses against its keyed hashes offline; use 16 random bytes or more" in checked.stdout


def test_cli_doctor_names_a_closure_written_by_hand(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk).returncode == 0
    with sqlite3.connect(desk / "kuulo.db") as conn:
        conn.execute("INSERT INTO closures (case_id, ts, actor, how) SELECT id, created_ts + 60, 'mallory', 'manual'"
                     " FROM cases WHERE id = 2")
    doctor = kuulo("doctor", cwd=desk)
    assert doctor.returncode == 1 and "closures: 1 not as their events say" in doctor.stdout
    assert re.search(r"closure 1 of case 2 \(manual by 'mallory' at [\d.]+\) is not backed by the event that "
                     r"recorded it \(none named\)", doctor.stdout + doctor.stderr)


def test_cli_start_keying_with_anchor_prints_only_the_tip_on_stdout(desk):
    assert kuulo("import", "posts.jsonl", "-q", cwd=desk).returncode == 0
    started = kuulo("verify-ledger", "--start-keying", "--anchor", cwd=desk, key=TEAM_KEY)
    assert started.returncode == 0 and re.fullmatch(r"4:[0-9a-f]{64}\n", started.stdout)
    assert "ledger keyed from event 4" in started.stderr
    assert kuulo("verify-ledger", "--expect", started.stdout.strip(), cwd=desk, key=TEAM_KEY).returncode == 0
