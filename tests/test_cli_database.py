"""Only import, run, poll and demo create a database; every other command on a missing file says so and creates none."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from kuulo.bot.app import default_config, open_database
from kuulo.bot.errors import DatabaseNotFound, KuuloError
from kuulo.storage.db import open_db
from tests.processes import KUULO


def kuulo(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.fixture
def typo(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(f"database: {tmp_path / 'kuluo.db'}\nbrands:\n  - name: Nordea\n",
                                        encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [["doctor"], ["verify-ledger"], ["cases"], ["case", "1", "show"],
                                     ["case", "1", "claim", "--by", "anna"], ["report", "--format", "json"]])
def test_reading_commands_refuse_a_missing_database(typo, command):
    result = kuulo("--config", "team.yaml", *command, cwd=typo)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (f"error: database not found: {typo / 'kuluo.db'} "
                                     "(check `database:` in team.yaml; `kuulo import` creates it)")
    assert not (typo / "kuluo.db").exists()


def test_without_a_config_the_default_database_is_named(tmp_path):
    result = kuulo("cases", cwd=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "kuulo.db").exists()
    assert f"database not found: {tmp_path / 'kuulo.db'} (no config given" in result.stderr


def test_import_creates_it_and_then_the_others_read_it(typo):
    assert kuulo("--config", "team.yaml", "import", "-", cwd=typo, stdin="").returncode == 0
    assert (typo / "kuluo.db").is_file()
    for command in (["doctor"], ["verify-ledger"], ["cases"], ["report"]):
        result = kuulo("--config", "team.yaml", *command, cwd=typo)
        assert result.returncode == 0, (command, result.stderr)


def test_open_helpers(tmp_path):
    cfg = default_config(str(tmp_path / "k.db"))
    with pytest.raises(DatabaseNotFound, match="database not found: .*k.db .*no config given"):
        open_database(cfg)
    assert not (tmp_path / "k.db").exists()
    open_database(cfg, create=True).conn.close()
    assert open_database(cfg).execute("SELECT count(*) FROM cases").fetchone() == (0,)
    with pytest.raises(KuuloError, match=f"cannot open the database {tmp_path}: unable to open database file"):
        open_db(str(tmp_path))
    with pytest.raises(KuuloError, match="cannot open the database /nonexistent/dir/k.db"):
        open_db("/nonexistent/dir/k.db")


def _posts(n: int) -> str:
    return "".join(f'{{"platform": "x", "id": "p{k}", "author": "matti", "text": "Miksi Nordea ei vastaa {k}?", '
                   f'"created_at": "2026-11-17T08:{k % 60:02d}:00Z"}}\n' for k in range(n))


def test_a_damaged_database_is_named_and_no_command_shows_a_traceback(typo):
    assert kuulo("--config", "team.yaml", "import", "-q", "-", cwd=typo, stdin=_posts(300)).returncode == 0
    db = typo / "kuluo.db"
    assert kuulo("--config", "team.yaml", "doctor", cwd=typo).returncode == 0
    data = bytearray(db.read_bytes())
    data[8192:12288] = b"\xff" * 4096  # a page of the tables overwritten
    db.write_bytes(bytes(data))
    doctor = kuulo("--config", "team.yaml", "doctor", cwd=typo)
    assert doctor.returncode == 1 and "PROBLEM:  database damaged: " in doctor.stderr
    for command in (["cases"], ["report", "--format", "json"], ["verify-ledger"]):
        result = kuulo("--config", "team.yaml", *command, cwd=typo)
        assert "Traceback" not in result.stderr, (command, result.stderr)
    db.write_bytes(bytes(data[:20_000]))  # truncated
    result = kuulo("--config", "team.yaml", "cases", cwd=typo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: cannot open the database {db}: database disk image is malformed")


def test_a_control_character_in_the_database_path_is_a_config_error(tmp_path):
    (tmp_path / "team.yaml").write_text('database: "k\\0.db"\nbrands: [{name: X}]\n', encoding="utf-8")
    result = kuulo("--config", "team.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 2
    assert "team.yaml:1 database: the path holds a control character" in result.stderr


def test_a_number_too_long_to_read_is_a_config_error_naming_its_line(tmp_path):
    (tmp_path / "team.yaml").write_text("brands: [{name: X}]\nmatching: {fuzzy_min_length: 1" + "0" * 5000 + "}\n",
                                        encoding="utf-8")
    result = kuulo("--config", "team.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("config error: team.yaml:2: a number too long to read")


def test_an_import_with_a_file_that_cannot_be_opened_imports_nothing(typo):
    (typo / "a.jsonl").write_text(_posts(2), encoding="utf-8")
    result = kuulo("--config", "team.yaml", "import", "-q", "a.jsonl", "missing.jsonl", cwd=typo)
    assert result.returncode == 1
    assert "missing.jsonl: cannot open (No such file or directory); nothing was imported" in result.stderr
    assert not (typo / "kuluo.db").exists() or kuulo("--config", "team.yaml", "cases", "--format", "json",
                                                    cwd=typo).stdout.strip() in ("", "[]")


def test_an_output_file_in_a_missing_folder_is_an_error_not_a_traceback(typo):
    assert kuulo("--config", "team.yaml", "import", "-q", "-", cwd=typo, stdin=_posts(3)).returncode == 0
    for command in (["report", "--chart"], ["campaigns", "--ics"], ["demo", "--db", str(typo / "d.db"), "--chart"]):
        result = kuulo("--config", "team.yaml", *command, str(typo / "no" / "x.png"), cwd=typo)
        assert result.returncode == 2 and "Traceback" not in result.stderr, (command, result.stderr)
        assert f"the folder {typo / 'no'} does not exist" in result.stderr
    assert not (typo / "d.db").exists()  # refused before the demo ran


def test_damage_met_mid_file_stops_an_import_and_doctor_names_it(typo):
    import random

    assert kuulo("--config", "team.yaml", "import", "-q", "-", cwd=typo, stdin=_posts(3000)).returncode == 0
    db = typo / "kuluo.db"
    data = bytearray(db.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 20_000] = random.Random(1).randbytes(20_000)  # pages the first reads at opening never touch
    db.write_bytes(bytes(data))
    doctor = kuulo("--config", "team.yaml", "doctor", cwd=typo)
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr
    assert "PROBLEM:  database damaged: " in doctor.stderr and "kuulo doctor` checks it" not in doctor.stderr
    more = _posts(400).replace('"id": "p', '"id": "q')
    imported = kuulo("--config", "team.yaml", "import", "-", cwd=typo, stdin=more)
    assert imported.returncode == 1 and "Traceback" not in imported.stderr
    assert "not stored" not in imported.stderr  # the damage is no line's fault: not 400 rejected lines
    assert "database disk image is malformed" in imported.stderr.splitlines()[-1]


def test_a_database_error_mid_command_says_what_it_asks_of_the_user(tmp_path):
    import sqlite3

    from kuulo.bot.cli import _database_error

    path = tmp_path / "k.db"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    with pytest.raises(sqlite3.OperationalError) as busy:
        sqlite3.connect(path, timeout=0.05).execute("BEGIN IMMEDIATE")
    holder.rollback()
    with pytest.raises(sqlite3.OperationalError) as read_only:
        sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("INSERT INTO t VALUES (1)")
    assert _database_error(busy.value) == ("the database cannot be written (database is locked): another process"
                                           " kept it locked for 30 s (an import, a poll, kuulo run's write); try again")
    assert _database_error(read_only.value) == ("the database cannot be written (attempt to write a readonly database):"
                                                " the file or its folder is read-only for this user")
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    assert _database_error(damaged).startswith("the database cannot be read (database disk image is malformed); ")
