"""Threads: the posts of one conversation, the cases opened in it and what people did to them."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

import sqlite_utils

from kuulo.storage.cases import CASE_COLUMNS
from kuulo.storage.db import rows_in

RECOMPUTED_KEY = "recomputed"  # in an event's data: a recompute wrote it from a closure, no person's action did
CLOSURE_KEY = "closure"  # in an event's data: the person's action a closure was kept of (a closure names the event)

THREAD_COLUMNS = ("id", "in_reply_to", "created_ts", "author", "kind", "brand", "category", "case_id",
                  "v_brand", "v_category", "priority", "needs_reply", "is_question", "negative", "author_id")
# what the planner needs of a post's verdict, kept as columns (a conversation is read whole for every batch that
# touches it: decoding each stored verdict was most of that read)
_SELECT_THREAD = ("SELECT id, in_reply_to, created_ts, author, kind, brand, category, case_id, v_brand,"
                  " CASE WHEN kind = 'brand_reply' THEN NULL ELSE category END, priority, flags & 1, flags & 2,"
                  " flags & 4, author_id FROM mentions INDEXED BY mentions_thread"
                  " WHERE platform = ? AND thread_root = ?")


def thread_root_of(db: sqlite_utils.Database, platform: str, post_id: str) -> str | None:
    """The thread a stored post is in now (its topmost stored ancestor's parent id, or that ancestor's own id)."""
    row = db.execute("SELECT coalesce(thread_root, id) FROM mentions WHERE platform = ? AND id = ?",
                     (platform, post_id)).fetchone()
    return row[0] if row else None


def roots_among(db: sqlite_utils.Database, platform: str, post_ids: Sequence[str]) -> set[str]:
    """Which of these post ids are the thread of posts stored before them (replies that came first)."""
    return {r[0] for r in rows_in(db, "SELECT DISTINCT thread_root FROM mentions INDEXED BY mentions_thread"
                                  " WHERE platform = ? AND thread_root IN ({marks}) AND thread_root != id",
                                  (platform,), post_ids)}


def reroot(db: sqlite_utils.Database, platform: str, old_root: str, new_root: str) -> int:
    """A post arrived whose replies were stored before it: its thread takes them in. Returns how many moved."""
    if old_root == new_root:
        return 0
    moved = db.execute("UPDATE mentions INDEXED BY mentions_thread SET thread_root = ?"
                       " WHERE platform = ? AND thread_root = ?", (new_root, platform, old_root)).rowcount
    return moved


def thread_posts(db: sqlite_utils.Database, platform: str, root: str) -> list[dict[str, Any]]:
    """Every stored post of a thread: its columns and the verdict's facts the planner needs (v_brand, v_category,
    priority, needs_reply, is_question, negative); its text and whole verdict are read only where needed."""
    return [dict(zip(THREAD_COLUMNS, values)) for values in db.execute(_SELECT_THREAD, (platform, root))]


def post_text_and_verdict(db: sqlite_utils.Database, platform: str, post_id: str) -> tuple[str, str | None]:
    """A stored post's text and its verdict as stored (JSON text)."""
    return db.execute("SELECT text, verdict FROM mentions WHERE platform = ? AND id = ?",
                      (platform, post_id)).fetchone()


def cases_of_posts(db: sqlite_utils.Database, platform: str, post_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The case rows opened by these posts, by post id."""
    rows = rows_in(db, f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE platform = ? AND mention_id IN ({{marks}})",
                   (platform,), post_ids)
    return {row["mention_id"]: row for row in (dict(zip(CASE_COLUMNS, values)) for values in rows)}


def closures_of(db: sqlite_utils.Database, case_ids: Iterable[int]) -> list[tuple[int, float, str, str, str | None]]:
    """(case id, time, actor, how, detail) of what people did to these cases."""
    return list(rows_in(db, "SELECT case_id, ts, actor, how, detail FROM closures INDEXED BY closures_case"
                            " WHERE case_id IN ({marks})", (), list(case_ids)))


def add_closure(db: sqlite_utils.Database, case_id: int, ts: float, actor: str, how: str, detail: str | None,
                event_seq: int) -> None:
    """Record what a person did that answers or closes a case (kept at their own time), with the ledger event that
    recorded it (what verify-ledger holds the row to)."""
    db.execute("INSERT INTO closures (case_id, ts, actor, how, detail, event_seq) VALUES (?, ?, ?, ?, ?, ?)",
               (case_id, ts, actor, how, detail, event_seq))


def events_without_closure(db: sqlite_utils.Database) -> Iterator[tuple[Any, ...]]:
    """The events (seq, case, time, actor, kind) that say a closure was kept of them, and that no closure names."""
    return iter(db.execute(f"SELECT e.seq, e.case_id, e.ts, e.actor, e.kind FROM events e LEFT JOIN closures c"
                           f" ON c.event_seq = e.seq WHERE e.kind IN ('answered', 'dismissed', 'reply_sent')"
                           f" AND json_valid(e.data) AND json_extract(e.data, '$.{CLOSURE_KEY}') AND c.id IS NULL"
                           " ORDER BY e.seq"))


def closures_with_events(db: sqlite_utils.Database) -> Iterator[tuple[Any, ...]]:
    """Every closure (id, case, time, actor, how, detail) beside the event it names (seq, case, time, actor, kind,
    data; None when there is none)."""
    return iter(db.execute("SELECT c.id, c.case_id, c.ts, c.actor, c.how, c.detail, e.seq, e.case_id, e.ts, e.actor,"
                           " e.kind, e.data FROM closures c LEFT JOIN events e ON e.seq = c.event_seq ORDER BY c.id"))


def set_post_case(db: sqlite_utils.Database, platform: str, changes: Sequence[tuple[str, int | None]]) -> None:
    """Which case each of these posts now belongs to."""
    db.conn.executemany("UPDATE mentions SET case_id = ? WHERE platform = ? AND id = ?",
                        [(case_id, platform, post_id) for post_id, case_id in changes])


def mark_on_brand_post(db: sqlite_utils.Database, platform: str, post_id: str, brand: str, created_ts: float) -> None:
    """A post turned out to comment on the brand's own post: it counts as a mention of that brand."""
    db.execute("UPDATE mentions SET kind = 'mention', brand = coalesce(brand, ?),"
               " verdict = json_set(coalesce(verdict, '{}'), '$.on_brand_post', ?) WHERE platform = ? AND id = ?",
               (brand, brand, platform, post_id))
    db.execute("INSERT OR IGNORE INTO matches (platform, mention_id, brand, term, form, how, score)"
               " VALUES (?, ?, ?, ?, '(on the brand''s own post)', 'thread', 100.0)", (platform, post_id, brand, brand))
    db.execute("INSERT OR IGNORE INTO mention_brands (platform, mention_id, brand, created_ts) VALUES (?, ?, ?, ?)",
               (platform, post_id, brand, created_ts))
