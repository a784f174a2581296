"""Routes set from chat by supervisors: checked before the config's routes, newest last."""

from __future__ import annotations

from typing import Any

import sqlite_utils

COLUMNS = "id, brand, category, channel, on_duty, set_by, set_ts"


def list_routes(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The chat-set routes in the order they are tried (oldest first)."""
    cursor = db.execute(f"SELECT {COLUMNS} FROM routes ORDER BY id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def add_route(db: sqlite_utils.Database, *, brand: str | None, category: str | None, channel: str,
              on_duty: str | None, set_by: str, ts: float) -> int:
    """Store a route (replacing one for the same brand and category, so a change of channel is one row); its id.
    Call inside a write transaction: the delete and the insert go together."""
    db.execute("DELETE FROM routes WHERE brand IS ? AND category IS ?", (brand, category))
    cursor = db.execute("INSERT INTO routes (brand, category, channel, on_duty, set_by, set_ts)"
                        " VALUES (?, ?, ?, ?, ?, ?)", (brand, category, channel, on_duty, set_by, ts))
    return int(cursor.lastrowid)


def remove_route(db: sqlite_utils.Database, route_id: int) -> dict[str, Any] | None:
    """Delete one chat-set route; the removed row, or None when there was none with that id."""
    cursor = db.execute(f"SELECT {COLUMNS} FROM routes WHERE id = ?", (route_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    db.execute("DELETE FROM routes WHERE id = ?", (route_id,))
    return dict(zip([d[0] for d in cursor.description], row))
