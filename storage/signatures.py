"""Signed Slack requests already acted on, kept until Slack would refuse them anyway (handlers/slack/http_guard.py)."""

from __future__ import annotations

import sqlite_utils


def first_signature(db: sqlite_utils.Database, signature: str, expires_ts: float, now_ts: float) -> bool:
    """Record a request's signature until expires_ts; False when it is recorded already (a replay). Expired ones go."""
    db.execute("DELETE FROM slack_signatures WHERE expires_ts < ?", (now_ts,))
    cursor = db.execute("INSERT OR IGNORE INTO slack_signatures (signature, expires_ts) VALUES (?, ?)",
                        (signature, expires_ts))
    return cursor.rowcount == 1
