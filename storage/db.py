"""Opening the database: WAL, sane pragmas, migrations, and write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Iterator

import sqlite_utils

from kuulo.storage.schema import migrate

Database = sqlite_utils.Database  # the handle other layers pass around; only storage/ runs SQL on it


def open_db(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) Kuulo's SQLite database and bring its schema up to date."""
    conn = sqlite3.connect(path, timeout=30.0, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    if path != ":memory:":
        with db.ensure_autocommit_on():
            conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(db)
    return db


@contextlib.contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction taken with BEGIN IMMEDIATE, so read-then-append (the ledger) cannot race."""
    conn = db.conn
    if conn.in_transaction:  # nested: sqlite-utils' savepoints
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
