"""Read-only checks of the stored data for `kuulo doctor`."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True, slots=True)
class FutureDated:
    """Posts dated more than the allowed skew after Kuulo stored them, and the one furthest ahead."""

    count: int
    example: tuple[str, str, float] | None  # (platform, id, seconds ahead)


def future_dated(db: sqlite_utils.Database, skew_s: float) -> FutureDated:
    """Posts whose own time is more than skew_s after the time Kuulo stored them (a time-zone mistake, usually)."""
    # one scan; with max(), SQLite takes the bare columns from the row that has the maximum
    count, platform, post_id, ahead = db.execute(
        "SELECT count(*), platform, id, max(created_ts - seen_ts) FROM mentions WHERE created_ts > seen_ts + ?",
        (skew_s,)).fetchone()
    return FutureDated(count, (platform, post_id, ahead) if count else None)
