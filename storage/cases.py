"""Case rows: opening, transitions with their ledger events, and the queue."""

from __future__ import annotations

import json
from typing import Any, Iterable

import sqlite_utils

from kuulo.bot.errors import CaseStateError
from kuulo.storage.ledger import Ledger

ACTIVE = ("open", "claimed", "snoozed", "escalated", "reply_pending")
CLOSED = ("answered", "dismissed")
STATES = (*ACTIVE, *CLOSED, "merged")  # merged: its post turned out to follow up another case; not a case any more
CASE_COLUMNS = ("id", "platform", "mention_id", "brand", "category", "priority", "state", "created_ts",
                "opened_ts", "thread_root", "parent_case_id", "claimed_by", "claimed_ts", "responded_ts",
                "responded_by", "responded_how", "closed_ts", "dismiss_reason", "snooze_until",
                "escalated_ts", "reminded_ts", "merged_into", "reply_error")
_SELECT = f"SELECT {', '.join(CASE_COLUMNS)} FROM cases"


def _row(values: Iterable[Any] | None) -> dict[str, Any] | None:
    return dict(zip(CASE_COLUMNS, values)) if values is not None else None


def get_case(db: sqlite_utils.Database, case_id: int) -> dict[str, Any] | None:
    """One case as a dict, or None."""
    return _row(db.execute(f"{_SELECT} WHERE id = ?", (case_id,)).fetchone())


def case_for_mention(db: sqlite_utils.Database, platform: str, mention_id: str) -> dict[str, Any] | None:
    """The case opened for a post, if any."""
    return _row(db.execute(f"{_SELECT} WHERE platform = ? AND mention_id = ?", (platform, mention_id)).fetchone())


def opened_set(row: dict[str, Any]) -> dict[str, Any]:
    """The columns an `opened` event carries: those with a value (replay reads a column it leaves out as NULL,
    storage/case_replay.py OPENED_COLUMNS)."""
    return {k: v for k, v in row.items() if v is not None and k != "id"}


def open_case(db: sqlite_utils.Database, ledger: Ledger, *, platform: str, mention_id: str, brand: str,
              category: str | None, priority: str, created_ts: float, opened_ts: float,
              thread_root: str | None, parent_case_id: int | None, reasons: dict[str, Any]) -> dict[str, Any]:
    """Insert a case in state open and its 'opened' event; returns the new row."""
    cur = db.execute(
        "INSERT INTO cases (platform, mention_id, brand, category, priority, state, created_ts, opened_ts,"
        " thread_root, parent_case_id) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
        (platform, mention_id, brand, category, priority, created_ts, opened_ts, thread_root, parent_case_id),
    )
    case_id = cur.lastrowid
    row = dict.fromkeys(CASE_COLUMNS) | {
        "id": case_id, "platform": platform, "mention_id": mention_id, "brand": brand, "category": category,
        "priority": priority, "state": "open", "created_ts": created_ts, "opened_ts": opened_ts,
        "thread_root": thread_root, "parent_case_id": parent_case_id}
    ledger.append(ts=opened_ts, actor="kuulo", kind="opened", case_id=case_id, platform=platform,
                  mention_id=mention_id, data={**reasons, "set": opened_set(row)})
    return row


def open_cases(db: sqlite_utils.Database, ledger: Ledger, cases: list[tuple[dict[str, Any], dict[str, Any]]],
               opened_ts: float) -> list[int]:
    """open_case for many (row, reasons) at once, in one statement: ids follow the highest so far (the caller holds
    the write transaction); returns them."""
    first = (db.execute("SELECT max(id) FROM cases").fetchone()[0] or 0) + 1
    rows = [{**row, "id": first + n, "state": "open", "opened_ts": opened_ts} for n, (row, _) in enumerate(cases)]
    db.conn.executemany(f"INSERT INTO cases ({', '.join(CASE_COLUMNS)}) VALUES ({', '.join('?' * len(CASE_COLUMNS))})",
                        [tuple(map(r.get, CASE_COLUMNS)) for r in rows])
    ledger.append_many({"ts": opened_ts, "actor": "kuulo", "kind": "opened", "case_id": row["id"],
                        "platform": row["platform"], "mention_id": row["mention_id"],
                        "data": {**reasons, "set": opened_set(row)}}
                       for row, (_, reasons) in zip(rows, cases))
    return [r["id"] for r in rows]


def transition(db: sqlite_utils.Database, ledger: Ledger, case_id: int, *, kind: str, actor: str, ts: float,
               allowed: tuple[str, ...], changes: dict[str, Any], data: dict[str, Any] | None = None) -> dict[str, Any]:
    """Apply a state change if the case is in an allowed state; record it as an event; returns the new row."""
    case = get_case(db, case_id)
    if case is None:
        raise CaseStateError(f"case {case_id} does not exist")
    if case["state"] not in allowed:
        raise CaseStateError(_refusal(case, kind))
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes if column in CASE_COLUMNS)
        if len(changes) != assignments.count("?"):
            raise ValueError(f"unknown case column in {sorted(changes)}")
        db.execute(f"UPDATE cases SET {assignments} WHERE id = ?", (*changes.values(), case_id))
    ledger.append(ts=ts, actor=actor, kind=kind, case_id=case_id, platform=case["platform"],
                  mention_id=case["mention_id"], data={"from": case["state"], **(data or {}), "set": changes})
    return {**case, **changes}


_VERBS = {"claimed": "claim", "reply_queued": "reply to", "dismissed": "dismiss", "snoozed": "snooze",
          "escalated": "escalate", "answered": "answer"}  # a refused event's kind, as the refusal says it


def _refusal(case: dict[str, Any], kind: str) -> str:
    """Why an action does not fit: says the state and who closed it."""
    state = case["state"]
    if state == "reply_pending":
        return (f"case {case['id']} has a reply on its way to the platform: the platform taking it answers the "
                "case, and its refusal reopens it, saying why")
    if state == "answered":
        return f"case {case['id']} is already answered (by {case['responded_by']}, {case['responded_how']})"
    if state == "dismissed":
        return f"case {case['id']} is already dismissed ({case['dismiss_reason']})"
    return f"case {case['id']} is {state}: cannot {_VERBS.get(kind, kind)} it"


def list_cases(db: sqlite_utils.Database, *, states: tuple[str, ...] = ACTIVE, limit: int | None = None,
               brand: str | None = None, claimer_id: str | None = None) -> list[dict[str, Any]]:
    """Cases in the given states with their post, oldest post first (claimer_id: only those claimed by the person
    recorded as `name (ID)`)."""
    marks = ", ".join("?" for _ in states)
    sql = (f"SELECT c.{', c.'.join(CASE_COLUMNS)}, m.author, m.text, m.url, p.mention_id FROM cases c"
           f" JOIN mentions m ON m.platform = c.platform AND m.id = c.mention_id"
           f" LEFT JOIN cases p ON p.id = c.parent_case_id WHERE c.state IN ({marks})")
    params: list[Any] = list(states)
    if brand:
        sql += " AND c.brand = ?"
        params.append(brand)
    if claimer_id:
        sql += " AND c.claimed_by LIKE ? ESCAPE '\\'"
        params.append("%(" + claimer_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ")")
    sql += " ORDER BY c.created_ts, c.id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    names = (*CASE_COLUMNS, "author", "text", "url", "parent_post")
    return [dict(zip(names, row)) for row in db.execute(sql, params)]


def count_cases(db: sqlite_utils.Database, states: tuple[str, ...] = ACTIVE, brand: str | None = None) -> int:
    """How many cases are in these states (the queue's length), of one brand if given."""
    marks = ", ".join("?" for _ in states)
    sql = f"SELECT count(*) FROM cases INDEXED BY cases_state WHERE state IN ({marks})"
    return db.execute(sql + " AND brand = ?" if brand else sql, (*states, brand) if brand else states).fetchone()[0]


def follow_ups(db: sqlite_utils.Database, cases: Iterable[dict[str, Any]]) -> dict[int, list[str]]:
    """The customer posts that follow up each case, in platform time."""
    out: dict[int, list[str]] = {}
    for case in cases:
        out[case["id"]] = [r[0] for r in db.execute(
            "SELECT id FROM mentions INDEXED BY mentions_case WHERE case_id = ? AND kind != 'brand_reply' AND id != ?"
            " ORDER BY created_ts, id", (case["id"], case["mention_id"]))]
    return out


def due_wakeups(db: sqlite_utils.Database, now_ts: float) -> list[int]:
    """Snoozed cases whose snooze has run out."""
    return [r[0] for r in db.execute("SELECT id FROM cases WHERE state = 'snoozed' AND snooze_until <= ?", (now_ts,))]


def decode(value: str | None) -> Any:
    """JSON column to value."""
    return json.loads(value) if value else None


def case_view(db: sqlite_utils.Database, case_id: int) -> dict[str, Any] | None:
    """A case with its post and the post's verdict: everything an alert shows."""
    case = get_case(db, case_id)
    if case is None:
        return None
    row = db.execute("SELECT author, author_id, text, url, created_at, lang, verdict FROM mentions"
                     " WHERE platform = ? AND id = ?", (case["platform"], case["mention_id"])).fetchone()
    author, author_id, text, url, created_at, lang, verdict = row
    return {**case, "author": author, "author_id": author_id, "text": text, "url": url,
            "created_at": created_at, "lang": lang, "verdict": decode(verdict) or {}}


def due_for_reminder(db: sqlite_utils.Database, remind_before_ts: float, breach_before_ts: float) -> list[int]:
    """Active, unreminded cases posted before remind_before_ts but not yet past the SLA."""
    return [r[0] for r in db.execute(
        "SELECT id FROM cases INDEXED BY cases_state WHERE state IN ('open', 'claimed')"
        " AND created_ts <= ? AND created_ts >= ? AND reminded_ts IS NULL ORDER BY created_ts",
        (remind_before_ts, breach_before_ts))]


def due_for_escalation(db: sqlite_utils.Database, breach_before_ts: float, oldest_ts: float) -> list[int]:
    """Open or claimed cases past the SLA (posted after oldest_ts and before breach_before_ts: at exactly the target
    a case is still within it, as the report counts), not yet escalated."""
    return [r[0] for r in db.execute(
        "SELECT id FROM cases INDEXED BY cases_state WHERE state IN ('open', 'claimed')"
        " AND created_ts < ? AND created_ts > ? AND escalated_ts IS NULL ORDER BY created_ts",
        (breach_before_ts, oldest_ts))]


def past_target_of(db: sqlite_utils.Database, case_id: int, breach_before_ts: float) -> bool:
    """Whether the case is open or claimed, past the SLA and not yet escalated, whenever it was posted."""
    return db.execute("SELECT 1 FROM cases WHERE id = ? AND state IN ('open', 'claimed') AND created_ts < ?"
                      " AND escalated_ts IS NULL", (case_id, breach_before_ts)).fetchone() is not None
