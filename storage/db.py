"""Opening the database: WAL, sane pragmas, migrations, and write transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Sequence

import sqlite_utils

from kuulo.bot.errors import DatabaseNotFound, KuuloError
from kuulo.storage.schema import migrate

Database = sqlite_utils.Database  # the handle other layers pass around; only storage/ runs SQL on it
CHUNK = 500  # ids per `IN (…)`: well under SQLite's limit of bound parameters


def rows_in(db: sqlite_utils.Database, sql: str, params: Sequence[Any], values: Sequence[Any]) -> Iterator[tuple]:
    """The rows of `sql` (whose `{marks}` is an `IN` list) for every value, run in chunks of CHUNK values
    (`params` are bound before each chunk)."""
    for start in range(0, len(values), CHUNK):
        chunk = values[start:start + CHUNK]
        yield from db.execute(sql.format(marks=", ".join("?" for _ in chunk)), (*params, *chunk))


DAMAGED_HINT = "restore it from a backup; `sqlite3 FILE .recover` saves what it can"  # what a damaged file needs


def open_db(path: str, *, create: bool = True) -> sqlite_utils.Database:
    """Open Kuulo's SQLite database (creating the file only when create is true) and bring its schema up to date."""
    conn = _connect(path, create)
    db = sqlite_utils.Database(conn)
    try:
        if path != ":memory:":
            with db.ensure_autocommit_on():
                conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        migrate(db)
    except sqlite3.DatabaseError as exc:  # a read-only folder, a damaged or truncated file
        conn.close()
        raise KuuloError(f"cannot open the database {path}: {exc}{f' (the file is damaged: {DAMAGED_HINT})' if 'malformed' in str(exc) else ''}"
                         ) from None
    return db


def _connect(path: str, create: bool) -> sqlite3.Connection:
    """A connection; a missing file is DatabaseNotFound unless create, and an unopenable path a KuuloError naming it."""
    target, uri = path, False
    if not create and path != ":memory:":
        if not Path(path).is_file():
            raise DatabaseNotFound(f"database not found: {path}")
        target, uri = Path(path).resolve().as_uri() + "?mode=rw", True  # never creates, even in a race
    try:
        return sqlite3.connect(target, timeout=30.0, check_same_thread=False, uri=uri)
    except (sqlite3.OperationalError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise KuuloError(f"cannot open the database {path}: {exc}") from None


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


@contextlib.contextmanager
def page_cache(db: sqlite_utils.Database, kib: int) -> Iterator[None]:
    """A page cache of kib KiB for a bulk write (SQLite's default is 2 MiB), the one before restored after."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")


@contextlib.contextmanager
def snapshot(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One read transaction: every query inside sees the same state of the file, whatever is written meanwhile."""
    conn = db.conn
    if conn.in_transaction:
        yield db
        return
    conn.execute("BEGIN")  # deferred: the first read fixes the snapshot (WAL keeps it while writers go on)
    try:
        yield db
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing to keep: reads only


def written_mark(db: sqlite_utils.Database) -> tuple[int, int]:
    """A value that changes whenever anything is written to the file: SQLite's data_version (changed by other
    connections' commits) and this connection's own total of changed rows; a cheap 'was anything written?'."""
    return int(db.execute("PRAGMA data_version").fetchone()[0]), db.conn.total_changes


def database_fault(exc: BaseException) -> bool:
    """True for an error of the database itself (locked, full, read-only, damaged: OperationalError, or a bare
    DatabaseError such as "database disk image is malformed"), not of what a statement wrote (IntegrityError,
    DataError, InterfaceError)."""
    return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError


SHOWN_DAMAGE = 5  # lines of SQLite's own check that doctor shows


def damage(db: sqlite_utils.Database) -> list[str]:
    """What SQLite's integrity check finds wrong in the file's pages and indexes (empty when it is sound); not its
    quick check, which SQLite 3.40 fails on sound WITHOUT ROWID tables that have an index (mention_brands)."""
    try:
        found = [row[0] for row in db.execute(f"PRAGMA integrity_check({SHOWN_DAMAGE})").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if found == ["ok"] else found[:SHOWN_DAMAGE]
