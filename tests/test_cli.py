"""The `kuulo` command as a user runs it: real processes, real SQLite files, exit codes and messages."""

from __future__ import annotations

import importlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.processes import KUULO

ROOT = Path(__file__).resolve().parents[1]
CONFIG = """
database: {db}
brands:
  - name: Nordea
    handles: [NordeaSuomi]
packs: [banking-fi, sentiment-fi, sentiment-en]
"""


def run(*args: str, cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "kuulo.db"), encoding="utf-8")
    return tmp_path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def post(id: str, text: str, minutes: int = 0, **extra) -> dict:
    return {"platform": "x", "id": id, "author": "matti", "text": text,
            "created_at": f"2026-11-17T08:{minutes:02d}:00Z", **extra}


def test_demo_runs_end_to_end(tmp_path):
    started = time.perf_counter()
    result = run("demo", "--db", str(tmp_path / "demo.db"), "--chart", str(tmp_path / "week.png"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "── case #1 ·" in result.stdout and "reply 1:" in result.stdout
    summary = re.search(r"read (\d+) · new (\d+) · duplicates 0 · brand replies (\d+) · rejected 0 · "
                        r"cases opened (\d+) · cases closed (\d+)", result.stdout)
    assert summary and int(summary[1]) == 400 and int(summary[4]) > 50 and int(summary[5]) > 30
    assert "TOTAL" in result.stdout and "brand: Nordea" in result.stdout
    assert (tmp_path / "week.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    explore = run("--config", str(tmp_path / "demo.yaml"), "verify-ledger", cwd=tmp_path)
    assert explore.returncode == 0 and "hash chain intact" in explore.stdout
    assert time.perf_counter() - started < 30


def test_import_case_report_loop(workdir):
    data = jsonl(post("1", "Miksi Nordean sovellus ei toimi?"),
                 post("2", "Nordea on paras!"),
                 post("r1", "Hei! Selvitämme.", 30, author="NordeaSuomi", in_reply_to="1"),
                 post("3", "Toimiiko Nordean kortti ulkomailla?", 5),
                 {"platform": "x", "id": "4"})
    (workdir / "posts.jsonl").write_text(data, encoding="utf-8")
    first = run("--config", "team.yaml", "import", "posts.jsonl", cwd=workdir)
    assert first.returncode == 3
    assert "posts.jsonl:5: author: required field is missing" in first.stderr
    assert ("read 5 · new 4 · duplicates 0 · brand replies 1 · rejected 1 · cases opened 2 · cases closed 1"
            in first.stdout)
    again = run("--config", "team.yaml", "import", "-", cwd=workdir, stdin=data)
    assert "read 5 · new 0 · duplicates 4" in again.stdout
    queue = run("--config", "team.yaml", "cases", "--open", "--format", "json", cwd=workdir)
    (open_case,) = [json.loads(line) for line in queue.stdout.splitlines()]
    assert open_case["mention_id"] == "3" and open_case["state"] == "open"
    case_id = str(open_case["id"])
    assert run("--config", "team.yaml", "case", case_id, "claim", "--by", "anna", cwd=workdir).returncode == 0
    again = run("--config", "team.yaml", "case", case_id, "claim", "--by", "anna", cwd=workdir)
    assert (again.returncode, again.stdout) == (0, f"case #{case_id} is already claimed by anna: nothing changed\n")
    answered = run("--config", "team.yaml", "case", case_id, "answer", "--by", "anna", "--note", "replied by DM",
                   cwd=workdir)
    assert answered.returncode == 0 and f"case #{case_id} is now answered" in answered.stdout
    refused = run("--config", "team.yaml", "case", case_id, "dismiss", "--by", "bob", "--reason", "spam", cwd=workdir)
    assert refused.returncode == 1
    assert refused.stderr.strip() == f"error: case {case_id} is already answered (by anna, manual)"
    report = run("--config", "team.yaml", "report", "--since", "2026-11-17", "--until", "2099-01-01",
                 "--format", "json", cwd=workdir)
    body = json.loads(report.stdout)
    assert body["total"]["cases"] == 2 and body["total"]["answered"] == 2
    assert body["total"]["frt_median_s"] == 1800.0
    assert {g["key"] for g in body["by"]["agent"]} == {"@NordeaSuomi", "anna"}
    assert run("--config", "team.yaml", "verify-ledger", cwd=workdir).returncode == 0


def test_a_reply_to_an_imported_post_is_recorded_and_says_it_was_not_sent(workdir):
    (workdir / "p.jsonl").write_text(jsonl(post("1", "Miksi Nordean sovellus ei toimi?")), encoding="utf-8")
    assert run("--config", "team.yaml", "import", "-q", "p.jsonl", cwd=workdir).returncode == 0
    replied = run("--config", "team.yaml", "case", "1", "reply", "--by", "anna", "--text", "Hei! Katsomme asiaa.",
                  cwd=workdir)
    assert replied.returncode == 0
    assert "case #1: reply recorded; not sent: post it on x yourself:\nHei! Katsomme asiaa." in replied.stdout
    report = json.loads(run("--config", "team.yaml", "report", "--since", "2026-11-17", "--until", "2099-01-01",
                            "--format", "json", cwd=workdir).stdout)
    assert (report["total"]["answered_recorded"], report["total"]["answered_sent"]) == (1, 0)


def test_tampered_ledger_is_named(workdir):
    (workdir / "p.jsonl").write_text(jsonl(post("1", "Miksi Nordea ei vastaa?"), post("2", "Miksi Nordea?", 1)))
    run("--config", "team.yaml", "import", "p.jsonl", "-q", cwd=workdir)
    with sqlite3.connect(workdir / "kuulo.db") as conn:
        conn.execute("UPDATE events SET ts = ts + 60 WHERE seq = 2")
    result = run("--config", "team.yaml", "verify-ledger", cwd=workdir)
    assert result.returncode == 1
    assert "ledger BROKEN at event 2: content does not match its hash (row changed)" in result.stderr


def test_config_errors_exit_2_with_file_and_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("brands:\n  - name: A\n    handles: 5\n")
    result = run("--config", "bad.yaml", "check-config", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("config error: bad.yaml:3 brands[0].handles: expected a list of handles, "
                                     "or a mapping from platform to a list of handles, got a number (5)")


@pytest.mark.parametrize("args", [("check-config", "--config", "team.yaml"), ("check-config", "--config=team.yaml"),
                                  ("cases", "--limit", "5", "--config", "team.yaml")])
def test_config_may_follow_the_commands_name(workdir, args):
    run("import", "-", "--config", "team.yaml", cwd=workdir, stdin="")  # creates the database
    result = run(*args, cwd=workdir)
    assert result.returncode == 0, result.stderr
    shown = "brands:    Nordea" in result.stdout if args[0] == "check-config" else result.stdout.strip() == "no cases"
    assert shown, result.stdout


def test_a_text_after_a_double_dash_is_never_read_as_config(workdir):
    result = run("explain", "--", "--config=elsewhere.yaml", cwd=workdir,
                 env={"KUULO_CONFIG": str(workdir / "team.yaml")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("--config=elsewhere.yaml")


def test_a_brand_filter_reads_the_brand_as_configured_and_names_an_unknown_one(workdir):
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin=jsonl(post("1", "Miksi Nordean sovellus ei toimi?")))
    for typed in ("Nordea", "nordea", " NORDEA "):
        listed = run("--config", "team.yaml", "cases", "--brand", typed, "--format", "json", cwd=workdir)
        assert [json.loads(line)["brand"] for line in listed.stdout.splitlines()] == ["Nordea"], typed
    unknown = run("--config", "team.yaml", "cases", "--brand", "Nordae", cwd=workdir)
    assert unknown.returncode == 0 and unknown.stdout.strip() == "no cases"
    assert unknown.stderr.strip() == "no cases of Nordae: it is not a configured brand (configured: Nordea)"


def test_a_queue_is_one_of_open_closed_and_all(workdir):
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin=jsonl(post("1", "Miksi Nordean sovellus ei toimi?")))
    for flags, listed in ((), ["open"]), (("--open",), ["open"]), (("--closed",), []), (("--all",), ["open"]):
        result = run("--config", "team.yaml", "cases", *flags, "--format", "json", cwd=workdir)
        assert result.returncode == 0, result.stderr
        assert [json.loads(line)["state"] for line in result.stdout.splitlines()] == listed, flags
    both = run("--config", "team.yaml", "cases", "--open", "--closed", cwd=workdir)
    assert both.returncode == 2 and "give one of --open, --closed and --all, not --open and --closed" in both.stderr


def test_a_report_window_in_the_autumns_repeated_hour_is_read_as_instants(workdir):
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin="")  # creates the database
    result = run("--config", "team.yaml", "report", "--since", "2026-10-25T00:30Z", "--until", "2026-10-25T01:20Z",
                 "--format", "json", cwd=workdir)  # 03:30 +03:00 to 03:20 +02:00 in Helsinki: 50 minutes
    assert result.returncode == 0, result.stderr
    inverted = run("--config", "team.yaml", "report", "--since", "2026-10-25T01:45Z", "--until", "2026-10-25T00:50Z",
                   cwd=workdir)
    assert inverted.returncode == 2 and "must be before --until" in inverted.stderr


def test_config_from_environment_variable(workdir):
    result = run("check-config", cwd=workdir, env={"KUULO_CONFIG": str(workdir / "team.yaml")})
    assert result.returncode == 0 and "brands:    Nordea" in result.stdout


def test_explain_json_contract(workdir):
    result = run("--config", "team.yaml", "explain", "Miksi Nordean sovellus ei toimi?", "--platform", "x",
                 "--author", "matti", "--format", "json", cwd=workdir)
    verdict = json.loads(result.stdout)
    assert set(verdict) == {"id", "brands", "is_question", "negative", "categories", "needs_reply", "priority",
                            "lang", "praise", "suggestions", "question_discounted"}
    assert verdict["lang"] == "fi" and verdict["praise"] is False
    assert verdict["brands"][0] | {"score": 0} == {"brand": "Nordea", "term": "Nordea", "form": "Nordean",
                                                   "how": "inflected", "score": 0}
    assert verdict["is_question"] and verdict["needs_reply"] and "verkkopankki" in verdict["categories"]
    assert set(verdict["suggestions"][0]) == {"template", "text", "limit", "over_limit"}
    assert verdict["suggestions"][0]["limit"] == 280 and "matti" in verdict["suggestions"][0]["text"]


def test_every_command_is_in_the_readme_and_has_an_example():
    from click.testing import CliRunner

    from kuulo.bot.cli import cli

    importlib.import_module("kuulo.bot.commands")  # registers every command on `cli`, as `main` does

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"`kuulo {name}" in readme, f"README does not document `kuulo {name}`"
        help_text = CliRunner().invoke(cli, [name, "--help"]).output
        assert "Example:" in help_text, f"`kuulo {name} --help` has no example"


def test_import_killed_part_way_then_rerun_leaves_everything_once(workdir):
    records = [post(str(i), f"Miksi Nordean sovellus ei toimi? ({i})", i % 60) for i in range(30_000)]
    records += [post(f"r{i}", "Hei! Katsotaan.", 59, author="NordeaSuomi", in_reply_to=str(i)) for i in range(0, 30_000, 7)]
    (workdir / "big.jsonl").write_text(jsonl(*records), encoding="utf-8")
    proc = subprocess.Popen([KUULO, "--config", "team.yaml", "import", "big.jsonl", "-q"], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(workdir / "kuulo.db", timeout=1) as conn:
                seen = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        except sqlite3.OperationalError:
            seen = 0
        if seen >= 2_000:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert 0 < seen < len(records)
    rerun = run("--config", "team.yaml", "import", "big.jsonl", "-q", cwd=workdir)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(workdir / "kuulo.db") as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT platform || '/' || id) FROM mentions").fetchone() == (
            len(records), len(records))
        assert conn.execute("SELECT count(*), count(DISTINCT mention_id) FROM cases").fetchone() == (30_000, 30_000)
        assert conn.execute("SELECT count(*) FROM cases WHERE state = 'answered'").fetchone()[0] == len(range(0, 30_000, 7))
    assert run("--config", "team.yaml", "verify-ledger", cwd=workdir).returncode == 0


def test_report_for_a_calendar_period(workdir):
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin="")  # creates the database
    report = run("--config", "team.yaml", "report", "--period", "last-month", "--format", "json", cwd=workdir)
    since, until = (datetime.fromisoformat(json.loads(report.stdout)[k]) for k in ("since", "until"))
    assert (since.day, since.hour, until.day, until.hour) == (1, 0, 1, 0)
    assert until.month == since.month % 12 + 1 and until <= datetime.now(timezone.utc)
    both = run("--config", "team.yaml", "report", "--period", "week", "--since", "2026-11-01", cwd=workdir)
    assert both.returncode == 2 and "give either --period or --since/--until" in both.stderr


@pytest.mark.parametrize("by", ["brand,brand", "platform,agent,platform", "brand, brand"])
def test_a_breakdown_named_twice_is_refused(workdir, by):
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin="")  # creates the database
    refused = run("--config", "team.yaml", "report", "--by", by, cwd=workdir)
    assert refused.returncode == 2 and "--by" in refused.stderr and "more than once" in refused.stderr


def test_doctor_names_every_missing_secret(workdir):
    config = workdir / "team.yaml"
    config.write_text(config.read_text() + "sources:\n  - name: bsky\n    type: bluesky\n    handle: nordea.bsky.social\n"
                      "    password_env: KUULO_TEST_BSKY\n  - name: masto\n    type: mastodon\n"
                      "    base_url: https://example.social\n    token_env: KUULO_TEST_MASTO\n", encoding="utf-8")
    run("--config", "team.yaml", "import", "-", cwd=workdir, stdin="")  # creates the database
    result = run("--config", "team.yaml", "doctor", cwd=workdir, env={"KUULO_TEST_MASTO": "x"})
    assert result.returncode == 1
    assert "PROBLEM:  environment variable KUULO_TEST_BSKY is not set" in result.stderr
    assert "KUULO_TEST_MASTO" not in result.stderr and "chain intact" in result.stdout


def test_a_queue_longer_than_the_limit_says_how_many_more_wait(workdir):
    posts = jsonl(*(post(f"q{k}", f"Miksi Nordea ei vastaa {k}?", minutes=k) for k in range(5)))
    assert run("--config", "team.yaml", "import", "-q", "-", cwd=workdir, stdin=posts).returncode == 0
    table = run("--config", "team.yaml", "cases", "--limit", "3", cwd=workdir)
    assert table.stdout.count("\n#") + table.stdout.startswith("#") == 3
    assert table.stdout.splitlines()[-1] == "… 2 more not shown (the oldest 3 are); --limit 5 shows them all"
    listed = run("--config", "team.yaml", "cases", "--limit", "3", "--format", "json", cwd=workdir)
    assert [json.loads(line)["mention_id"] for line in listed.stdout.splitlines()] == ["q0", "q1", "q2"]
    assert "… 2 more not shown" in listed.stderr
    assert "more not shown" not in run("--config", "team.yaml", "cases", "--limit", "5", cwd=workdir).stdout


def test_doctor_says_which_chat_a_rate_limit_holds_and_until_when(workdir):
    posts = jsonl(post("q1", "Miksi Nordea ei vastaa?"))
    assert run("--config", "team.yaml", "import", "-q", "-", cwd=workdir, stdin=posts).returncode == 0
    with sqlite3.connect(workdir / "kuulo.db") as conn:  # as delivery leaves a row Telegram answered 429 for
        conn.execute("UPDATE outbox SET next_try_ts = strftime('%s', 'now') + 600, waits_on = '-100123\x1b[2J'")
    shown = run("--config", "team.yaml", "doctor", cwd=workdir).stdout
    assert re.search(r"outbox:   console: chat -100123\\x1b\[2J is rate limited for (9|10)m\S* more; its messages wait",
                     shown), shown
    assert "\x1b" not in shown  # the chat as the terminal sanitiser shows it
