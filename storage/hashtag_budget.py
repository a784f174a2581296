"""The Instagram hashtag budget: 30 unique hashtags per account in a rolling 7 days.

A hashtag counts from its first ig_hashtag_search for 7 days; searching it again inside the window neither counts
again nor resets the timer (Meta: Instagram API with Facebook Login, Hashtag Search, Limitations). One row per
(account, hashtag) keeps the first search time and the hashtag id, so a poll inside the window needs no search.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from kuulo.storage.db import write

HASHTAG_LIMIT = 30
WINDOW_S = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class HashtagQuery:
    """A hashtag an account searched: its id and when its 7 days started."""

    hashtag: str
    hashtag_id: str | None
    first_ts: float

    @property
    def frees_ts(self) -> float:
        """When this hashtag stops counting against the budget."""
        return self.first_ts + WINDOW_S


def hashtags_in_window(db: sqlite_utils.Database, account: str, now_ts: float) -> list[HashtagQuery]:
    """The hashtags that count against the account's budget now, oldest first."""
    rows = db.execute("SELECT hashtag, hashtag_id, first_ts FROM hashtag_queries"
                      " WHERE account = ? AND first_ts > ? ORDER BY first_ts, hashtag",
                      (account, now_ts - WINDOW_S)).fetchall()
    return [HashtagQuery(hashtag, hashtag_id, first_ts) for hashtag, hashtag_id, first_ts in rows]


def record_search(db: sqlite_utils.Database, account: str, hashtag: str, hashtag_id: str, ts: float) -> None:
    """Remember a search: a new hashtag, or one whose 7 days are over, starts its window at ts; a repeat inside the
    window keeps the first time (only the id is refreshed)."""
    with write(db):
        db.execute("INSERT INTO hashtag_queries (account, hashtag, hashtag_id, first_ts) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (account, hashtag) DO UPDATE SET hashtag_id = excluded.hashtag_id,"
                   " first_ts = CASE WHEN hashtag_queries.first_ts <= ? THEN excluded.first_ts"
                   " ELSE hashtag_queries.first_ts END",
                   (account, hashtag, hashtag_id, ts, ts - WINDOW_S))
