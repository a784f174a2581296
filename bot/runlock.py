"""One `kuulo run` per database: an flock on a file beside it, which the OS releases when the holder dies."""

from __future__ import annotations

import fcntl
import os
import socket
import time
from datetime import datetime, timezone
from pathlib import Path

from kuulo.bot.errors import KuuloError

LOCK_SUFFIX = ".run-lock"


class AlreadyRunning(KuuloError):
    """Another `kuulo run` holds the database's run lock."""


class RunLock:
    """Held while `kuulo run` runs; `acquire` refuses when another process holds it, naming that process."""

    def __init__(self, database: str) -> None:
        self.database = Path(database).resolve()  # two spellings of one file share one lock
        self.path = self.database.with_name(self.database.name + LOCK_SUFFIX)
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        """Take the lock (never waits) and write pid, host and start time into the file; AlreadyRunning if held."""
        if self._fd is not None:
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise KuuloError(f"cannot create the run lock {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise AlreadyRunning(f"kuulo run is already running on {self.database} ({holder}); stop it first, "
                                 f"or give this one another database (lock file {self.path})") from None
        started = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Let go (the file stays: removing it could let a third process lock a file nobody else opens)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    """The holder's `pid N on HOST, started T` (it may be writing it right now: a short wait)."""
    for _ in range(20):
        text = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
        if text:
            return text
        time.sleep(0.05)
    return "a process that has not written its pid yet"
