"""The append-only, hash-chained event ledger: every case transition, with who, when and how."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

GENESIS = "0" * 64


def _digest(prev_hash: str, seq: int, ts: float, case_id: int | None, platform: str | None,
            mention_id: str | None, actor: str, kind: str, data: str) -> str:
    """SHA-256 over the previous hash and this row's content, in a fixed canonical form."""
    body = json.dumps([prev_hash, seq, ts, case_id, platform, mention_id, actor, kind, data],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Ledger:
    """Appends events inside the caller's write transaction, keeping the chain's tip in memory."""

    def __init__(self, db: sqlite_utils.Database):
        self._db = db
        row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq, self._hash = row if row else (0, GENESIS)

    def append(self, *, ts: float, actor: str, kind: str, case_id: int | None = None,
               platform: str | None = None, mention_id: str | None = None,
               data: dict[str, Any] | None = None) -> int:
        """Add one event; returns its sequence number."""
        seq = self._seq + 1
        payload = json.dumps(data or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = _digest(self._hash, seq, ts, case_id, platform, mention_id, actor, kind, payload)
        self._db.execute(
            "INSERT INTO events (seq, ts, case_id, platform, mention_id, actor, kind, data, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, ts, case_id, platform, mention_id, actor, kind, payload, self._hash, digest),
        )
        self._seq, self._hash = seq, digest
        return seq


@dataclass(frozen=True, slots=True)
class LedgerCheck:
    """The result of recomputing the chain."""

    events: int
    bad_seq: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.bad_seq is None


def verify_ledger(db: sqlite_utils.Database) -> LedgerCheck:
    """Recompute every hash in order; name the first row that does not fit."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    rows = db.execute("SELECT seq, ts, case_id, platform, mention_id, actor, kind, data, prev_hash, hash"
                      " FROM events ORDER BY seq")
    for seq, ts, case_id, platform, mention_id, actor, kind, data, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            return LedgerCheck(count, seq, f"sequence jumps from {expected_seq - 1} to {seq} (rows deleted)")
        if stored_prev != prev_hash:
            return LedgerCheck(count, seq, "prev_hash does not match the hash of the row before")
        if _digest(prev_hash, seq, ts, case_id, platform, mention_id, actor, kind, data) != stored_hash:
            return LedgerCheck(count, seq, "content does not match its hash (row changed)")
        prev_hash, expected_seq, count = stored_hash, seq + 1, count + 1
    return LedgerCheck(count)


def case_events(db: sqlite_utils.Database, case_id: int) -> list[dict[str, Any]]:
    """The events of one case, oldest first."""
    rows = db.execute("SELECT seq, ts, actor, kind, data FROM events WHERE case_id = ? ORDER BY seq", (case_id,))
    return [{"seq": seq, "ts": ts, "actor": actor, "kind": kind, "data": json.loads(data)}
            for seq, ts, actor, kind, data in rows]
