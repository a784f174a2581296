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
    explain_only = ("suggestions", "line", "own_post", "question_discounted")  # explain's own, not stored
    assert {k: v for k, v in verdict.items() if k not in explain_only} == stored
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


def test_suggestions_filled_from_the_stored_facts_are_those_of_the_post_judged_again():
    """A stored verdict holds what the suggestions depend on (brand, categories, question, negative, praise,
    language), so a shown case fills them in without judging its post again, and gets what judging again gives: over
    every post of the development set, on each platform it was written for, with and without an author."""
    from kuulo.bot.case_views import with_suggestions
    from kuulo.bot.judging import judge
    from tests.rules_support import bench_module

    scorer = bench_module("score_matching")
    engine = scorer.build_engine(scorer.load_brands())
    shown = 0
    for n, post in enumerate(scorer.load_posts()):
        author = ("", "matti_v", "@Wolt_Suomi")[n % 3]
        stored = json.loads(judge(engine, post["id"], post["text"], post["platform"], author, post["lang"]).verdict)
        view = {"verdict": stored, "text": post["text"], "platform": post["platform"], "author": author,
                "lang": post["lang"]}
        again = engine.evaluate(post["text"], platform=post["platform"], author=author, lang=post["lang"])
        assert with_suggestions(engine, view)["verdict"]["suggestions"] == again.to_json()["suggestions"], post["id"]
        shown += bool(again.suggestions)
    assert shown > 3000


def test_a_verdict_stored_before_it_held_praise_and_language_is_judged_again(imported):
    with sqlite3.connect(imported / "kuulo.db") as db:
        (stored,) = db.execute("SELECT verdict FROM mentions WHERE id = '1'").fetchone()
        older = {k: v for k, v in json.loads(stored).items() if k not in ("lang", "praise")}
        db.execute("UPDATE mentions SET verdict = ? WHERE id = '1'", (json.dumps(older),))
    explained = run("--config", "team.yaml", "explain", "--file", "p.jsonl", "--format", "json", cwd=imported)
    texts = [s["text"] for s in json.loads(explained.stdout.splitlines()[0])["suggestions"]]
    shown = reply_lines(run("--config", "team.yaml", "case", "1", "show", cwd=imported).stdout)
    assert texts and [line.split(": ", 1)[1].rsplit(" [", 1)[0] for line in shown] == texts
