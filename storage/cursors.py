"""Source cursors: where each live source left off, advanced in the same transaction as its posts."""

from __future__ import annotations

import sqlite_utils


def get_cursor(db: sqlite_utils.Database, source: str) -> str | None:
    """The saved cursor of a source, or None before its first poll."""
    row = db.execute("SELECT cursor FROM cursors WHERE source = ?", (source,)).fetchone()
    return row[0] if row else None


def set_cursor(db: sqlite_utils.Database, source: str, cursor: str | None, ts: float) -> None:
    """Save a source's cursor (call inside the write transaction that stores its posts)."""
    db.execute("INSERT INTO cursors (source, cursor, updated_ts) VALUES (?, ?, ?)"
               " ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_ts = excluded.updated_ts",
               (source, cursor, ts))
