"""Read-side queries for response-time reports."""

from __future__ import annotations

from typing import Iterator

import sqlite_utils

CaseFacts = tuple[str, str, str | None, str, float, float | None, float | None, str | None]


def case_facts(db: sqlite_utils.Database, since_ts: float, until_ts: float) -> Iterator[CaseFacts]:
    """(brand, platform, category, state, created_ts, responded_ts, closed_ts, agent) of cases posted in [since, until)."""
    return db.execute(
        "SELECT brand, platform, category, state, created_ts, responded_ts, closed_ts,"
        " coalesce(responded_by, claimed_by) FROM cases WHERE created_ts >= ? AND created_ts < ?",
        (since_ts, until_ts))
