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
