"""Verdicts are stored without their reply suggestions; an alert and `kuulo case N` render them from the post, the
same as `kuulo explain` gives for it; an older row whose verdict holds suggestions shows them as stored."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from kuulo.bot.app import build_services
from kuulo.bot.config import load_config
from kuulo.bot.delivery import deliver_pending
from kuulo.handlers.console import ConsoleHandler
from tests.test_cli import CONFIG, jsonl, post, run

TEXT = "Miksi Nordean sovellus ei toimi? Kortti hylätään kaupassa."


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """A team whose database holds one post imported with -q that opened case #1, its console alert still due."""
    (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "kuulo.db"), encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(jsonl(post("1", TEXT, lang="fi")), encoding="utf-8")
    result = run("--config", "team.yaml", "import", "-q", "p.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def console_alert(workdir: Path) -> str:
    """The full console alerts the outbox delivers now, as `kuulo run` prints them."""
    services = build_services(load_config(workdir / "team.yaml"))
    out = io.StringIO()
    try:
        assert deliver_pending(services.db, ConsoleHandler(out), services.clock, engine=services.engine) == 1
    finally:
        services.db.close()
    return out.getvalue()


def reply_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("reply ")]


def test_the_stored_verdict_has_no_suggestions_and_the_alert_and_case_show_those_of_explain(imported):
    with sqlite3.connect(imported / "kuulo.db") as db:
        (stored,) = db.execute("SELECT verdict FROM mentions WHERE id = '1'").fetchone()
    stored = json.loads(stored)
    assert "suggestions" not in stored and stored["needs_reply"] and stored["brands"]
    explained = run("--config", "team.yaml", "explain", "--file", "p.jsonl", "--format", "json", cwd=imported)
    verdict = json.loads(explained.stdout.splitlines()[0])
    assert {k: v for k, v in verdict.items() if k not in ("suggestions", "line", "own_post")} == stored
    texts = [s["text"] for s in verdict["suggestions"]]
    assert texts and "matti" in texts[0]
    alert = reply_lines(console_alert(imported))
    shown = reply_lines(run("--config", "team.yaml", "case", "1", "show", cwd=imported).stdout)
    assert [line.split(": ", 1)[1].rsplit(" [", 1)[0] for line in alert] == texts
    assert shown == alert


def test_an_older_row_whose_verdict_holds_suggestions_shows_them_as_stored(imported):
    with sqlite3.connect(imported / "kuulo.db") as db:
        (stored,) = db.execute("SELECT verdict FROM mentions WHERE id = '1'").fetchone()
        older = {**json.loads(stored), "suggestions": [{"template": "old", "text": "Hei, tallennettu vastaus.",
                                                        "limit": 280, "over_limit": False}]}
        db.execute("UPDATE mentions SET verdict = ? WHERE id = '1'", (json.dumps(older),))
    shown = run("--config", "team.yaml", "case", "1", "show", cwd=imported)
    assert shown.returncode == 0, shown.stderr
    assert reply_lines(shown.stdout) == ["reply 1: Hei, tallennettu vastaus. [25/280]"]
    assert reply_lines(console_alert(imported)) == ["reply 1: Hei, tallennettu vastaus. [25/280]"]
