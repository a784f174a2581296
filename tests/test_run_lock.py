"""One `kuulo run` per database: a second one refuses naming the first, a killed one never blocks a restart."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kuulo.bot.runlock import AlreadyRunning, RunLock
from tests.processes import KUULO, wait_for

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def start_run(cwd: Path, log: Path) -> subprocess.Popen:
    """`kuulo run` with its stderr in a file (so the test can wait for its start line without blocking)."""
    with log.open("w") as err:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([KUULO, "--config", "k.yaml", "run"], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=err, text=True)


def running(log: Path) -> bool:
    return "kuulo running" in log.read_text()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "k.yaml").write_text(f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Nordea\n", encoding="utf-8")
    return tmp_path


def test_a_second_run_refuses_and_a_killed_one_does_not_block_a_restart(workdir):
    first = start_run(workdir, workdir / "first.log")
    third = None
    try:
        assert wait_for(lambda: running(workdir / "first.log")), (workdir / "first.log").read_text()
        second = subprocess.run([KUULO, "--config", "k.yaml", "run"], cwd=workdir, env=ENV, capture_output=True,
                                text=True, timeout=60)
        assert second.returncode == 1
        assert second.stderr.startswith(f"error: kuulo run is already running on {workdir / 'k.db'} "
                                        f"(pid {first.pid} on {socket.gethostname()}, started ")
        assert "stop it first" in second.stderr and "kuulo running" not in second.stderr
        # import (and poll) may run beside it: they deliver no chat alerts
        record = {"platform": "x", "id": "1", "author": "liisa", "text": "Miksi Nordea ei vastaa?",
                  "created_at": datetime.now(timezone.utc).isoformat()}
        imported = subprocess.run([KUULO, "--config", "k.yaml", "import", "-", "-q"], cwd=workdir, env=ENV, text=True,
                                  input=json.dumps(record) + "\n", capture_output=True, timeout=60)
        assert imported.returncode == 0, imported.stderr
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        third = start_run(workdir, workdir / "third.log")
        assert wait_for(lambda: running(workdir / "third.log")), (workdir / "third.log").read_text()
        assert f"pid {third.pid} on" in (workdir / "k.db.run-lock").read_text()
    finally:
        for proc in (first, third):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)
    assert third.returncode == 0, (workdir / "third.log").read_text()


def test_a_stopped_run_releases_the_lock(workdir):
    bot = start_run(workdir, workdir / "run.log")
    try:
        assert wait_for(lambda: running(workdir / "run.log"))
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
    assert bot.returncode == 0
    with RunLock(str(workdir / "k.db")):
        pass


def test_the_lock_is_one_per_file_whatever_the_spelling(tmp_path):
    (tmp_path / "sub").mkdir()
    with RunLock(str(tmp_path / "k.db")):
        with pytest.raises(AlreadyRunning, match=rf"already running on {tmp_path / 'k.db'} \(pid {os.getpid()} on "):
            RunLock(str(tmp_path / "sub" / ".." / "k.db")).acquire()
    with RunLock(str(tmp_path / "sub" / ".." / "k.db")):  # released when the first let go
        pass
