"""bench/bench_rules.py measures the engine's share of the bare pass in fresh processes (a process's hash seed moves
it by about 3 %): one such process prints its rates as JSON, which main reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_rules.py"


def test_a_share_process_prints_its_engine_and_bare_rates_and_their_share() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--share", "60", "1"], capture_output=True, text=True,
                          check=True, timeout=120)
    engine, bare, share = json.loads(done.stdout.splitlines()[-1])
    assert 0 < engine < bare  # the engine does more than lower-case, tokenise and look each token up once
    assert share == engine / bare  # one round: its share is the median
