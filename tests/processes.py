"""Helpers for tests that run `kuulo` as a separate process."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

KUULO = str(Path(sys.executable).with_name("kuulo"))  # the console script of the environment running the tests


def wait_for(predicate: Callable[[], object], timeout: float = 20.0) -> bool:
    """Poll `predicate` every 0.1 s until it is true or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False
