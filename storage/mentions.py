"""Mention rows and their brand matches, keyed by (platform, id) so nothing is ever stored twice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

import sqlite_utils

from kuulo.bot.models import Mention
from kuulo.storage.db import rows_in

_INSERT = (
    "INSERT OR IGNORE INTO mentions (platform, id, author, author_id, text, created_at, created_ts, in_reply_to,"
    " thread_root, url, lang, hashtags, media_url, like_count, comment_count, kind, brand, category, verdict,"
    " raw, seen_ts, source, case_id, v_brand, priority, flags)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), one encoder for all posts


@dataclass(frozen=True, slots=True)
class Parent:
    """What a reply points at: the post replied to, its thread and its kind."""

    id: str
    thread_root: str
    kind: str
    brand: str | None


def mention_values(mention: Mention, *, kind: str, thread_root: str | None, brand: str | None,
                   category: str | None, verdict: str | None, facts: tuple[str | None, str | None, int | None],
                   seen_ts: float, source: str | None = None, case_id: int | None = None) -> tuple[Any, ...]:
    """One post as the row insert_mentions stores (verdict: its JSON; facts: first brand, priority and flags: 1 needs
    a reply, 2 a question, 4 negative)."""
    return (mention.platform, mention.id, mention.author, mention.author_id, mention.text,
            mention.created_at.isoformat(), mention.created_at.timestamp(), mention.in_reply_to, thread_root,
            mention.url, mention.lang,
            _json(list(mention.hashtags)) if mention.hashtags else None,
            mention.media_url, mention.like_count, mention.comment_count, kind, brand, category,
            verdict, json.dumps(mention.raw, ensure_ascii=False, default=str, allow_nan=False) if mention.raw else None,
            seen_ts, source, case_id, *facts)


def insert_mentions(db: sqlite_utils.Database, rows: Sequence[tuple[Any, ...]]) -> None:
    """Store posts (rows from mention_values) that are not stored yet, in one statement."""
    db.conn.executemany(_INSERT, rows)


def insert_all_matches(db: sqlite_utils.Database,
                       posts: Sequence[tuple[str, str, float, Sequence[tuple[str, str, str, str, float]]]]) -> None:
    """Store each post's (brand, term, form, how, score) matches ((platform, id, created_ts, matches) a post) and
    each brand once a post for counting, in two statements."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO matches (platform, mention_id, brand, term, form, how, score)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(platform, post_id, *m) for platform, post_id, _, matches in posts for m in matches],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO mention_brands (platform, mention_id, brand, created_ts) VALUES (?, ?, ?, ?)",
        [(platform, post_id, brand, ts) for platform, post_id, ts, matches in posts
         for brand in dict.fromkeys(m[0] for m in matches)],
    )


def existing_ids(db: sqlite_utils.Database, platform: str, ids: Sequence[str]) -> set[str]:
    """Which of these post ids are already stored for the platform."""
    return {r[0] for r in rows_in(db, "SELECT id FROM mentions WHERE platform = ? AND id IN ({marks})", (platform,),
                                  ids)}


def stored_by_source(db: sqlite_utils.Database, platform: str, ids: Sequence[str], source: str) -> set[str]:
    """Which of these post ids are stored for the platform from this source."""
    return {r[0] for r in rows_in(db, "SELECT id FROM mentions WHERE platform = ? AND source = ? AND id IN ({marks})",
                                  (platform, source), ids)}


def stored_copies(db: sqlite_utils.Database, platform: str, ids: Sequence[str]
                  ) -> dict[str, tuple[str, str, float, str | None, str | None]]:
    """Which of these post ids are already stored for the platform, each with what another copy of it may differ in:
    (author, text, created_ts, in_reply_to, author_id) as stored (existing_ids's lookup, by the primary key)."""
    return {r[0]: r[1:] for r in rows_in(db, "SELECT id, author, text, created_ts, in_reply_to, author_id FROM mentions"
                                         " WHERE platform = ? AND id IN ({marks})", (platform,), ids)}


def parent_of(db: sqlite_utils.Database, platform: str, post_id: str) -> Parent | None:
    """The stored post with this id, as a reply target."""
    row = db.execute("SELECT id, coalesce(thread_root, id), kind, brand FROM mentions WHERE platform = ? AND id = ?",
                     (platform, post_id)).fetchone()
    return Parent(*row) if row else None


def mention_source(db: sqlite_utils.Database, platform: str, post_id: str) -> str | None:
    """The live source that delivered a post (None for imports)."""
    row = db.execute("SELECT source FROM mentions WHERE platform = ? AND id = ?", (platform, post_id)).fetchone()
    return row[0] if row else None


def get_mention(db: sqlite_utils.Database, platform: str, post_id: str) -> dict[str, Any] | None:
    """A stored post as a dict, with its verdict decoded."""
    cur = db.execute("SELECT * FROM mentions WHERE platform = ? AND id = ?", (platform, post_id))
    row = cur.fetchone()
    if row is None:
        return None
    out = dict(zip([d[0] for d in cur.description], row))
    out["verdict"] = json.loads(out["verdict"]) if out["verdict"] else None
    out["hashtags"] = json.loads(out["hashtags"]) if out["hashtags"] else []
    return out


def mention_counts(db: sqlite_utils.Database, since_ts: float, until_ts: float, *,
                   short: bool = False) -> dict[str, dict[str, int]]:
    """Brand mentions created in [since, until): total and per brand, platform and category (`short`: the period
    is a small part of history, so its time range is read instead of every group)."""
    out: dict[str, dict[str, int]] = {"total": {"": 0}, "brand": {}, "platform": {}, "category": {}}
    # the table itself is in brand order (its key), so a long period walks it (+created_ts: not by its time index,
    # which would need a sort for the groups); a short one reads its time range
    brands, ts, posts = ("INDEXED BY mention_brands_period", "created_ts", "mentions_period") if short else (
        "", "+created_ts", "mentions_report")
    out["brand"] = dict(db.execute(
        f"SELECT brand, count(*) FROM mention_brands {brands} WHERE {ts} >= ? AND {ts} < ? GROUP BY brand",
        (since_ts, until_ts)).fetchall())
    rows = db.execute(
        f"SELECT platform, category, count(*) FROM mentions INDEXED BY {posts}"
        " WHERE kind = 'mention' AND created_ts >= ? AND created_ts < ? GROUP BY platform, category",
        (since_ts, until_ts))
    for platform, category, n in rows:
        out["total"][""] += n
        out["platform"][platform] = out["platform"].get(platform, 0) + n
        out["category"][category or "(none)"] = out["category"].get(category or "(none)", 0) + n
    return out
