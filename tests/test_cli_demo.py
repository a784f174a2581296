"""`kuulo demo --db F` never writes over a file it did not make, and never into a database that is not its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from tests.processes import KUULO

TEAM_CONFIG = "database: kuulo.db\nbrands:\n  - name: Nordea\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=os.environ)


def test_demo_leaves_the_teams_config_alone(tmp_path):
    (tmp_path / "kuulo.yaml").write_text(TEAM_CONFIG, encoding="utf-8")
    result = run("demo", "--db", "kuulo.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "kuulo.yaml").read_text(encoding="utf-8") == TEAM_CONFIG
    assert "kuulo.yaml already exists and is not this demo's config: left alone" in result.stdout
    long = run("demo", "--db", "d" * 300 + ".db", cwd=tmp_path)
    assert long.returncode == 1 and long.stderr.strip() == f"error: demo: cannot use {'d' * 300}.db (File name too long)"


def test_demo_refuses_a_database_that_is_not_an_earlier_demo(tmp_path):
    (tmp_path / "kuulo.yaml").write_text(TEAM_CONFIG, encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text('{"platform": "x", "id": "1", "author": "a", "text": "Miksi Nordea?", '
                                          '"created_at": "2026-11-17T08:00:00Z"}\n', encoding="utf-8")
    assert run("import", "posts.jsonl", "-q", cwd=tmp_path).returncode == 0
    before = (tmp_path / "kuulo.db").read_bytes()
    result = run("demo", "--db", "kuulo.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: demo: kuulo.db exists and is not an unchanged database of an earlier "
                                     "kuulo demo; the demo never writes into other data: give --db a new file name")
    assert (tmp_path / "kuulo.db").read_bytes() == before
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert run("demo", "--db", "notes.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_demo_replaces_its_own_unchanged_database_but_not_one_used_since(tmp_path):
    first = run("demo", "--db", "demo.db", cwd=tmp_path)
    assert first.returncode == 0 and "explore it: kuulo --config demo.yaml cases --open" in first.stdout
    assert run("--config", "demo.yaml", "cases", "--open", cwd=tmp_path).returncode == 0  # reading changes nothing
    again = run("demo", "--db", "demo.db", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    with sqlite3.connect(tmp_path / "demo.db") as conn:
        (open_case,) = conn.execute("SELECT id FROM cases WHERE state = 'open' LIMIT 1").fetchone()
    assert run("--config", "demo.yaml", "case", str(open_case), "claim", "--by", "anna", cwd=tmp_path).returncode == 0
    used = run("demo", "--db", "demo.db", cwd=tmp_path)
    assert used.returncode == 1 and "demo.db exists and is not an unchanged database" in used.stderr
    with sqlite3.connect(tmp_path / "demo.db") as conn:
        assert conn.execute("SELECT claimed_by FROM cases WHERE id = ?", (open_case,)).fetchone() == ("anna",)
