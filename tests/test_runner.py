"""`kuulo run`: the jobs with a frozen clock, and the real process delivering what another process imports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from datetime import datetime, timezone
from io import StringIO
from typing import Callable
from zoneinfo import ZoneInfo

from kuulo.bot import scheduler
from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import Summary
from kuulo.bot.scheduler import Runner, summary_period
from kuulo.handlers.console import ConsoleHandler
from tests.builders import post
from tests.processes import KUULO

HELSINKI = ZoneInfo("Europe/Helsinki")


def test_summary_periods():
    daily, weekly = Summary("09:00", "C0ALERTS1"), Summary("08:30", "C0SUPER1", day="monday")
    monday = datetime(2026, 11, 23, 8, 59, tzinfo=HELSINKI)
    assert summary_period(monday, daily) is None
    assert summary_period(monday.replace(hour=9, minute=0), daily) == "2026-11-23"
    assert summary_period(monday, weekly) == "2026-W48"
    assert summary_period(datetime(2026, 11, 24, 9, 0, tzinfo=HELSINKI), weekly) is None


def test_runner_delivers_to_the_console(services):
    out = StringIO()
    runner = Runner(services, [ConsoleHandler(out, HELSINKI)])
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")])
    assert runner.deliver() == 1
    assert "case #1 · Nordea · x" in out.getvalue()
    assert runner.deliver() == 0


def shown_while_running(runner: Runner, out: StringIO, act: Callable[[], object] = lambda: None) -> str:
    """Run the runner's loop in a thread, do `act`, and wait (up to 10 s) for case #1 on the console."""
    stop = threading.Event()
    loop = threading.Thread(target=runner.run, args=(stop,))
    loop.start()
    try:
        act()
        deadline = time.monotonic() + 10
        while "case #1" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        loop.join(timeout=10)
    return out.getvalue()


def test_what_another_connection_commits_is_delivered_at_the_next_tick_not_the_next_period(tmp_path, clock,
                                                                                          monkeypatch):
    monkeypatch.setattr(scheduler, "DELIVERY_EVERY_S", 3600)  # only the loop's look at data_version can deliver
    path = str(tmp_path / "kuulo.db")
    out = StringIO()
    runner = Runner(build_services(default_config(path), clock=clock), [ConsoleHandler(out, HELSINKI)])
    importer = build_services(default_config(path), clock=clock)  # another connection, as `kuulo import` is
    shown = shown_while_running(runner, out, lambda: importer.pipeline.ingest([post("1", "Miksi Nordea ei vastaa?")]))
    assert "case #1 · Nordea · x" in shown


def test_what_kuulo_runs_own_poll_stores_is_delivered_at_the_next_tick(tmp_path, clock, monkeypatch):
    """A live source polled inside `kuulo run` writes on the runner's own connection, which data_version does not
    count: its own total of changes does (review)."""
    monkeypatch.setattr(scheduler, "DELIVERY_EVERY_S", 3600)
    services = build_services(default_config(str(tmp_path / "kuulo.db")), clock=clock)
    polled = []

    def poll() -> None:  # as a SourceRunner job: on the runner's connection, in its thread
        if not polled:
            polled.append(services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")]))

    out = StringIO()
    shown = shown_while_running(Runner(services, [ConsoleHandler(out, HELSINKI)], extra_jobs=[(3600, poll)]), out)
    assert polled and "case #1 · Nordea · x" in shown


def test_run_process_delivers_imports_from_another_process_and_stops_on_sigterm(tmp_path):
    (tmp_path / "k.yaml").write_text(f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Nordea\n")
    bot = subprocess.Popen([KUULO, "--config", "k.yaml", "run"], cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        time.sleep(1.0)
        record = {"platform": "x", "id": "9", "author": "liisa", "text": "Miksi Nordea ei vastaa puhelimeen?",
                  "created_at": datetime.now(timezone.utc).isoformat()}
        imported = subprocess.run([KUULO, "--config", "k.yaml", "import", "-", "-q"], cwd=tmp_path, text=True,
                                  input=json.dumps(record) + "\n", capture_output=True, timeout=60)
        assert imported.returncode == 0, imported.stderr
        time.sleep(3.0)
    finally:
        bot.send_signal(signal.SIGTERM)
        out, err = bot.communicate(timeout=30)
    assert bot.returncode == 0, err
    assert "liisa" in out and "Miksi Nordea ei vastaa puhelimeen?" in out
    assert "kuulo stopped" in err
