"""The ledger's costs: appending unkeyed and keyed, verifying the chain, replaying every case from its events, and the
schema-5 migration that records a baseline for each case of an older database.

Run: python bench/bench_ledger.py [N]   (N cases, default 100,000; about 3 events each)
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import timeit
from pathlib import Path

import sqlite_utils

from kuulo.bot.ledger_audit import audit_ledger
from kuulo.storage.case_replay import replay_cases
from kuulo.storage.db import open_db, write
from kuulo.storage.ledger import KEY_ENV, Ledger, _hmac, _sha256, verify_ledger
from kuulo.storage.schema import MIGRATIONS

KEY = b"bench-key-0123456789abcdef0123456789abcdef"
REASONS = {"brands": ["Nordean"], "categories": ["verkkopankki"], "is_question": True, "negative": True}


def _row(i: int) -> dict:
    return {"platform": "x", "mention_id": str(i), "brand": "Nordea", "category": "verkkopankki", "priority": "normal",
            "state": "open", "created_ts": 1.7e9 + i, "opened_ts": 1.7e9 + i + 5, "thread_root": str(i),
            "parent_case_id": None, "claimed_by": None, "claimed_ts": None, "responded_ts": None, "responded_by": None,
            "responded_how": None, "closed_ts": None, "dismiss_reason": None, "snooze_until": None,
            "escalated_ts": None, "reminded_ts": None}


def appends(path: Path, n: int, key: bytes | None) -> float:
    """n cases opened, claimed and answered (3 events each) through Ledger.append, in batches of 500; seconds."""
    db = open_db(str(path))
    started = time.perf_counter()
    for start in range(0, n, 500):
        with write(db) as tx:
            ledger = Ledger(tx, key=key)
            for i in range(start, min(n, start + 500)):
                row = _row(i)
                tx.execute("INSERT INTO cases (id, platform, mention_id, brand, category, priority, state, created_ts,"
                           " opened_ts, thread_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (i + 1, *(row[k] for k in ("platform", "mention_id", "brand", "category", "priority",
                                                      "state", "created_ts", "opened_ts", "thread_root"))))
                ledger.append(ts=row["opened_ts"], actor="kuulo", kind="opened", case_id=i + 1, platform="x",
                              mention_id=str(i), data={**REASONS, "set": row})
                claim = {"state": "claimed", "claimed_by": "anna", "claimed_ts": row["opened_ts"] + 60}
                ledger.append(ts=claim["claimed_ts"], actor="anna", kind="claimed", case_id=i + 1, platform="x",
                              mention_id=str(i), data={"from": "open", "set": claim})
                done = {"state": "answered", "responded_ts": row["opened_ts"] + 600, "responded_by": "anna",
                        "responded_how": "manual", "closed_ts": row["opened_ts"] + 600}
                ledger.append(ts=done["closed_ts"], actor="anna", kind="answered", case_id=i + 1, platform="x",
                              mention_id=str(i), data={"from": "claimed", "how": "manual", "set": done})
                tx.execute("UPDATE cases SET state = 'answered', claimed_by = 'anna', claimed_ts = ?, responded_ts = ?,"
                           " responded_by = 'anna', responded_how = 'manual', closed_ts = ? WHERE id = ?",
                           (claim["claimed_ts"], done["responded_ts"], done["closed_ts"], i + 1))
    elapsed = time.perf_counter() - started
    db.conn.close()
    return elapsed


def version_3_file(path: Path, n: int) -> None:
    """A schema-3 database with n cases whose events carry no `set` (as Kuulo wrote them before schema 5)."""
    old = sqlite_utils.Database(sqlite3.connect(path))
    for migration in MIGRATIONS[:3]:
        migration(old)
    old.execute("PRAGMA user_version = 3")
    old.conn.execute("BEGIN")  # one transaction, as an import batch would have been
    ledger = Ledger(old, key=None)
    for i in range(n):
        row = _row(i)
        old.execute("INSERT INTO cases (id, platform, mention_id, brand, category, priority, state, created_ts,"
                    " opened_ts, thread_root) VALUES (?, 'x', ?, 'Nordea', 'verkkopankki', 'normal', 'open', ?, ?, ?)",
                    (i + 1, str(i), row["created_ts"], row["opened_ts"], str(i)))
        ledger.append(ts=row["opened_ts"], actor="kuulo", kind="opened", case_id=i + 1, platform="x",
                      mention_id=str(i), data=REASONS)
    old.conn.commit()
    old.conn.close()


def main(n: int = 100_000) -> None:
    import os

    os.environ.pop(KEY_ENV, None)
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(key, appends(Path(tmp) / f"{turn}-{bool(key)}.db", n, key)) for turn in (1, 2) for key in (None, KEY)]
        plain_s = min(s for key, s in runs if key is None)  # the best of two, alternating, so neither gets a warm cache
        keyed_s = min(s for key, s in runs if key is not None)
        events = 3 * n
        body = json.dumps(["0" * 64, 1, 1.7e9, 1, "x", "1", "kuulo", "opened", json.dumps({**REASONS, "set": _row(1)})])
        plain_us, keyed_us = (timeit.timeit(lambda: hasher(body.encode()), number=events) / events * 1e6
                              for hasher in (_sha256, _hmac(KEY)))
        print(f"hash per event: SHA-256 {plain_us:.2f} µs, HMAC-SHA256 {keyed_us:.2f} µs")
        print(f"append: {events:,} events unkeyed {plain_s:.2f} s = {events / plain_s:,.0f}/s; "
              f"keyed (HMAC) {keyed_s:.2f} s = {events / keyed_s:,.0f}/s ({keyed_s / plain_s:.2f}x)")
        db = open_db(str(Path(tmp) / "2-True.db"))
        started = time.perf_counter()
        check = verify_ledger(db, key=KEY)
        verify_s = time.perf_counter() - started
        started = time.perf_counter()
        replay = replay_cases(db)
        replay_s = time.perf_counter() - started
        assert check.ok and replay.ok and replay.cases == n
        print(f"verify chain (keyed): {check.events:,} events in {verify_s:.2f} s = {check.events / verify_s:,.0f}/s")
        print(f"replay cases: {n:,} cases from {events:,} events in {replay_s:.2f} s = {n / replay_s:,.0f} cases/s")
        os.environ[KEY_ENV] = KEY.decode()
        started = time.perf_counter()
        assert audit_ledger(db).ok
        print(f"verify-ledger (chain + cases, one snapshot): {time.perf_counter() - started:.2f} s")
        os.environ.pop(KEY_ENV)
        db.conn.close()

        version_3_file(Path(tmp) / "v3.db", n)
        started = time.perf_counter()
        migrated = open_db(str(Path(tmp) / "v3.db"))
        migrate_s = time.perf_counter() - started
        baselines = migrated.execute("SELECT count(*) FROM events WHERE kind = 'baseline'").fetchone()[0]
        assert baselines == n and replay_cases(migrated).ok
        print(f"migration to schema {len(MIGRATIONS)} of a schema-3 file: {n:,} baselines in {migrate_s:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
