"""The yardstick the import benchmarks divide by: a bare sqlite-utils insert_all of the same rows."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Sequence

import sqlite_utils

from kuulo.bot.limits import IMPORT_BATCH


def bare_insert_seconds(rows: Sequence[dict[str, Any]], path: Path) -> float:
    """Seconds to insert the rows (lists as JSON) into a fresh WAL database at path, as Kuulo's pragmas set it."""
    bare = sqlite_utils.Database(str(path))
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=NORMAL")
    flat = [{k: (json.dumps(v) if isinstance(v, list) else v) for k, v in r.items()} for r in rows]
    started = time.perf_counter()
    bare["mentions"].insert_all(flat, pk=("platform", "id"), alter=True, batch_size=IMPORT_BATCH)
    return time.perf_counter() - started
