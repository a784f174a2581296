"""The outbox: every chat message waits here until its transport confirms it, in order, once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Sequence

import sqlite_utils

from kuulo.storage.db import write
from kuulo.storage.jsontext import compact_json


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One message to deliver."""

    id: int
    transport: str
    kind: str  # alert | update | reminder | escalation | summary | reply
    case_id: int | None
    payload: dict[str, Any]
    attempts: int  # every try, a rate-limited one too
    progress: dict[str, Any] = field(default_factory=dict)  # steps done by an earlier, failed try
    failures: int = 0  # tries that failed (not rate-limit waits): what the backoff grows with


def enqueue(db: sqlite_utils.Database, transports: Sequence[str], *, kind: str, case_id: int | None,
            payload: dict[str, Any], ts: float) -> None:
    """Queue one message per transport, inside the caller's transaction."""
    body = compact_json(payload)
    db.conn.executemany(
        "INSERT INTO outbox (transport, kind, case_id, payload, created_ts, next_try_ts) VALUES (?, ?, ?, ?, ?, ?)",
        [(t, kind, case_id, body, ts, ts) for t in transports],
    )


def enqueue_each(db: sqlite_utils.Database, transports: Sequence[str], *, kind: str,
                 items: Sequence[tuple[int | None, dict[str, Any]]], ts: float) -> None:
    """enqueue for many (case id, payload) at once, in order, in one statement."""
    rows = []
    for case_id, payload in items:
        body = compact_json(payload)
        rows += [(t, kind, case_id, body, ts, ts) for t in transports]
    db.conn.executemany(
        "INSERT INTO outbox (transport, kind, case_id, payload, created_ts, next_try_ts) VALUES (?, ?, ?, ?, ?, ?)",
        rows)


def next_due(db: sqlite_utils.Database, transport: str, now_ts: float, limit: int = 50) -> list[OutboxItem]:
    """Pending messages due now, in order (due_and_held without the held chats)."""
    return due_and_held(db, transport, now_ts, limit)[0]


def due_and_held(db: sqlite_utils.Database, transport: str, now_ts: float,
                 limit: int = 50) -> tuple[list[OutboxItem], dict[str, float]]:
    """Pending messages due now, in order, and the chats a rate limit holds (chat -> until when). A message waiting to
    be retried on one chat (`waits_on`) holds every later message of its case and every message that waited on that
    chat, until the chat's last wait ends; one waiting for the whole transport (an outage: no chat) holds all after
    it, in order."""
    # Index searches (outbox_waiting, outbox_case) but for the due rows' walk in order: a 429 held for an hour with
    # 100,000 alerts behind it is listed every round: 14-40 ms a round by the machine's minute (110 ms when every row
    # was read in Python; /tmp scratch timings of 2026-12-07).
    pending = "FROM outbox INDEXED BY outbox_waiting WHERE transport = ? AND state = 'pending'"
    cut = db.execute(f"SELECT min(id) {pending} AND waits_on IS NULL AND next_try_ts > ?",
                     (transport, now_ts)).fetchone()[0]
    held: dict[str, float] = {}
    chat = db.execute(f"SELECT min(waits_on) {pending} AND waits_on IS NOT NULL", (transport,)).fetchone()[0]
    while chat is not None:  # a step per chat that ever waited: a handful
        until = db.execute(f"SELECT max(next_try_ts) {pending} AND waits_on = ?", (transport, chat)).fetchone()[0]
        if until > now_ts:
            held[chat] = until
        chat = db.execute(f"SELECT min(waits_on) {pending} AND waits_on > ?", (transport, chat)).fetchone()[0]
    below = cut if cut is not None else 1 << 62  # the rows an outage's first waiting row holds are not listed
    due: list[int] = []
    after = 0
    while len(due) < limit:
        page = db.execute(
            "SELECT id, case_id, waits_on FROM outbox INDEXED BY outbox_pending WHERE transport = ?"
            " AND state = 'pending' AND next_try_ts <= ? AND id > ? AND id < ? ORDER BY id LIMIT ?",
            (transport, now_ts, after, below, limit)).fetchall()
        due += [id_ for id_, case_id, waits_on in page if waits_on not in held and not (
            case_id is not None and _case_waits(db, transport, case_id, id_, now_ts))]
        if len(page) < limit:
            break
        after = page[-1][0]
    due = due[:limit]
    rows = db.execute(  # the bodies only of what goes: a waiting summary's chart is not read again each round
        "SELECT id, kind, case_id, payload, attempts, progress, failures FROM outbox"
        f" WHERE id IN ({', '.join('?' * len(due))}) ORDER BY id", due) if due else ()
    return ([OutboxItem(id_, transport, kind, case_id, json.loads(payload), attempts,
                        json.loads(progress) if progress else {}, failures)
             for id_, kind, case_id, payload, attempts, progress, failures in rows], held)


def _case_waits(db: sqlite_utils.Database, transport: str, case_id: int, before_id: int, now_ts: float) -> bool:
    """Whether an earlier message of the case waits to be retried (its later ones wait behind it)."""
    return db.execute("SELECT 1 FROM outbox INDEXED BY outbox_case WHERE case_id = ? AND transport = ?"
                      " AND state = 'pending' AND id < ? AND next_try_ts > ? LIMIT 1",
                      (case_id, transport, before_id, now_ts)).fetchone() is not None


def take(db: sqlite_utils.Database, item_id: int, now_ts: float, until_ts: float) -> bool:
    """Hold a due message for this deliverer until `until_ts` (another process sees it waiting); False when another
    took it first. A deliverer that dies holding it leaves it to the next try after that time."""
    with write(db):
        return db.execute("UPDATE outbox SET next_try_ts = ?, waits_on = NULL WHERE id = ? AND state = 'pending'"
                          " AND next_try_ts <= ?",
                          (until_ts, item_id, now_ts)).rowcount == 1


def retry_now(db: sqlite_utils.Database, transports: Sequence[str], now_ts: float) -> int:
    """Make every waiting message of these transports due now (a hold a dead deliverer left, a backoff); how many."""
    with write(db):
        return sum(db.execute("UPDATE outbox INDEXED BY outbox_pending SET next_try_ts = ? WHERE transport = ?"
                              " AND state = 'pending' AND next_try_ts > ?", (now_ts, transport, now_ts)).rowcount
                   for transport in transports)


_SENT = "UPDATE outbox SET state = 'sent', sent_ts = ?, ref = ?, attempts = attempts + 1 WHERE id = ?"


def mark_sent(db: sqlite_utils.Database, item_id: int, ts: float, ref: str | None = None) -> None:
    """Delivered: never sent again (inside the caller's write transaction)."""
    db.execute(_SENT, (ts, ref, item_id))


def mark_sent_many(db: sqlite_utils.Database, went: Sequence[tuple[int, float, str | None]]) -> None:
    """mark_sent for many (id, sent time, ref), in one statement (inside the caller's write transaction)."""
    db.conn.executemany(_SENT, [(ts, ref, item_id) for item_id, ts, ref in went])


def mark_retry(db: sqlite_utils.Database, item_id: int, next_try_ts: float, error: str,
               progress: dict[str, Any] | None = None, *, failed: bool = True, waits_on: str | None = None) -> None:
    """Not delivered yet: try again at next_try_ts; `progress` (steps that went through) is kept for that try.
    `failed=False` for a rate-limit wait, which is a try but not a failure; `waits_on` the one chat it waits for
    (next_due lets other cases' messages go meanwhile), None when the whole transport waits."""
    with db.atomic():
        db.execute("UPDATE outbox SET attempts = attempts + 1, failures = failures + ?, next_try_ts = ?,"
                   " last_error = ?, progress = coalesce(?, progress), waits_on = ? WHERE id = ?",
                   (int(failed), next_try_ts, error, json.dumps(progress) if progress else None, waits_on, item_id))


def mark_dead(db: sqlite_utils.Database, item_id: int, error: str) -> None:
    """Failed for good (a permanent error): shown by `kuulo doctor`, never retried."""
    with db.atomic():
        db.execute("UPDATE outbox SET state = 'dead', attempts = attempts + 1, failures = failures + 1,"
                   " last_error = ? WHERE id = ?",
                   (error, item_id))


def sent_ref(db: sqlite_utils.Database, transport: str, case_id: int, kind: str = "alert") -> str | None:
    """Where the case's first message of a kind landed (a Slack "channel:ts", a platform reply id)."""
    row = db.execute("SELECT ref FROM outbox WHERE transport = ? AND case_id = ? AND kind = ? AND state = 'sent'"
                     " ORDER BY id LIMIT 1", (transport, case_id, kind)).fetchone()
    return row[0] if row else None


def outbox_summary(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    """Counts per transport and state."""
    out: dict[str, dict[str, int]] = {}
    for transport, state, n in db.execute("SELECT transport, state, count(*) FROM outbox GROUP BY transport, state"):
        out.setdefault(transport, {})[state] = n
    return out


def dead_items(db: sqlite_utils.Database, limit: int = 20) -> list[dict[str, Any]]:
    """Messages that failed for good, newest first."""
    rows = db.execute("SELECT id, transport, kind, case_id, last_error, attempts FROM outbox WHERE state = 'dead'"
                      " ORDER BY id DESC LIMIT ?", (limit,))
    return [dict(zip(("id", "transport", "kind", "case_id", "last_error", "attempts"), r)) for r in rows]
