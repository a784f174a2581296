"""`kuulo check-config` and `kuulo doctor` as a user runs them: warnings exit 0, errors exit 2, both with file:line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.processes import KUULO
from tests.test_config_yaml import BOMB


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, *args], cwd=cwd, capture_output=True, text=True, timeout=60, env=os.environ)


def test_check_config_prints_warnings_and_exits_0(tmp_path):
    (tmp_path / "team.yaml").write_text("brands:\n  - name: Nordea\n    handles: [Nordea]\nsources:\n"
                                        "  - name: m\n    type: mastodon\n    every: 1s\n", encoding="utf-8")
    result = run("--config", "team.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("warning: team.yaml:7 sources[0].every: polling mastodon every 1s")
    assert lines[1].startswith("warning: team.yaml:3 brands[0].handles: handles Nordea apply on every platform")
    assert lines[2].startswith("warning: team.yaml:5 sources[0]: source m logs in on mastodon, but Nordea's "
                               "mastodon handles come from its plain list (Nordea)")
    assert len(lines) == 3 and "team.yaml: ok (3 warning(s))" in result.stdout


def test_check_config_errors_exit_2(tmp_path):
    (tmp_path / "team.yaml").write_text("brands:\n  - name: Nordea\nsla:\n  first_response: 1h\n"
                                        "brands:\n  - name: OP\n", encoding="utf-8")
    result = run("--config", "team.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "config error: team.yaml:5 brands: duplicate key (first at line 1)"


def test_an_alias_bomb_is_refused_in_a_moment(tmp_path):
    (tmp_path / "team.yaml").write_text(BOMB, encoding="utf-8")
    result = run("--config", "team.yaml", "check-config", cwd=tmp_path)  # the timeout fails a bomb that expands
    assert result.returncode == 2 and "YAML anchors and aliases are not allowed (&a)" in result.stderr


def test_a_pack_that_is_not_utf8_is_a_located_error(tmp_path):
    (tmp_path / "mine.yaml").write_bytes(b"name: mine\nnegative: [huono, \xe4rsytt\xe4v\xe4]\n")
    (tmp_path / "team.yaml").write_text("brands:\n  - name: Nordea\npacks: [mine.yaml]\n", encoding="utf-8")
    result = run("--config", "team.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"config error: {tmp_path / 'mine.yaml'}:2: not UTF-8 text (byte 29); "
                                     f"save the pack as UTF-8")


def test_doctor_shows_the_warnings_without_failing(tmp_path):
    (tmp_path / "team.yaml").write_text("brands:\n  - name: Nordea\n    handles: [NordeaSuomi]\n", encoding="utf-8")
    (tmp_path / "none.jsonl").write_text("", encoding="utf-8")
    assert run("--config", "team.yaml", "import", "none.jsonl", cwd=tmp_path).returncode == 0  # makes the database
    result = run("--config", "team.yaml", "doctor", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING:  team.yaml:3 brands[0].handles: handles NordeaSuomi apply on every platform" in result.stderr
    assert "no problems found (1 warning(s) above)" in result.stdout


def test_check_config_shows_a_brand_name_s_hidden_characters_as_code_points(tmp_path):
    (tmp_path / "team.yaml").write_text('brands: [{name: "X\\u202eY"}]\n', encoding="utf-8")
    result = subprocess.run([KUULO, "--config", "team.yaml", "check-config"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "  brands:    X\\u202eY\n" in result.stdout and "\u202e" not in result.stdout
