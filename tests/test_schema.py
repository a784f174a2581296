"""Migrations: an older database file is brought up to date, and a newer one is refused."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from kuulo.bot.errors import KuuloError
from kuulo.storage.db import open_db
from kuulo.storage.schema import MIGRATIONS, schema_version


def test_a_version_1_file_is_migrated_in_place(tmp_path):
    path = str(tmp_path / "old.db")
    old = sqlite_utils.Database(sqlite3.connect(path))
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.conn.commit()
    old.conn.close()
    db = open_db(path)
    assert schema_version(db) == len(MIGRATIONS) == 8
    assert "source" in db["mentions"].columns_dict
    assert {"routes", "hashtag_queries"} <= set(db.table_names())


def test_a_newer_file_is_refused(tmp_path):
    path = str(tmp_path / "new.db")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(KuuloError, match="database schema version 99 is newer than this Kuulo knows"):
        open_db(path)
