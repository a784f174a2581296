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
    assert schema_version(db) == len(MIGRATIONS) == 22
    assert "source" in db["mentions"].columns_dict
    assert {"routes", "hashtag_queries"} <= set(db.table_names())


def test_a_newer_file_is_refused(tmp_path):
    path = str(tmp_path / "new.db")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(KuuloError, match="database schema version 99 is newer than this Kuulo knows"):
        open_db(path)


def _file_at(path: str, version: int) -> sqlite_utils.Database:
    """A database file made by the migrations up to `version`, as an older Kuulo left it."""
    old = sqlite_utils.Database(sqlite3.connect(path))
    for migration in MIGRATIONS[:version]:
        migration(old)
    old.execute(f"PRAGMA user_version = {version}")
    return old


def test_posts_move_to_a_rowid_table_with_their_indexes_and_data(tmp_path):
    """Schema 9 rebuilds `mentions` without WITHOUT ROWID; every row, column and index survives."""
    path = str(tmp_path / "v8.db")
    old = _file_at(path, 8)
    old.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, seen_ts, source,"
                " case_id, verdict) VALUES ('x', '1', 'a', 'Nordea?', '', 5.0, 'mention', 0, 'src', 7, ?)",
                ("{" + '"v": "' + "x" * 3000 + '"}',))
    old.conn.commit()
    before = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'mentions'")}
    old.conn.close()
    db = open_db(path)
    assert "WITHOUT ROWID" not in db.execute("SELECT sql FROM sqlite_master WHERE name = 'mentions'").fetchone()[0]
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'mentions'")} >= before
    assert db.execute("SELECT id, source, case_id, length(verdict) FROM mentions").fetchall() == [("1", "src", 7, 3009)]
    with pytest.raises(sqlite3.IntegrityError):  # (platform, id) is still the key
        db.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, seen_ts)"
                   " VALUES ('x', '1', 'b', '', '', 0, 'post', 0)")


def test_the_planners_facts_are_filled_from_the_stored_verdicts(tmp_path):
    """Schema 10 copies brand, priority and the reply/question/negative flags out of each stored verdict."""
    path = str(tmp_path / "v9.db")
    old = _file_at(path, 9)
    old.execute("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, seen_ts, verdict)"
                " VALUES ('x', '1', 'a', 'Nordea?', '', 5.0, 'mention', 0, ?)",
                ('{"brands": [{"brand": "Nordea"}], "priority": "high", "needs_reply": true, "is_question": true,'
                 ' "negative": false}',))
    old.conn.commit()
    old.conn.close()
    db = open_db(path)
    assert db.execute("SELECT v_brand, priority, flags FROM mentions").fetchall() == [("Nordea", "high", 3)]


def test_the_index_that_only_repeated_another_ones_prefix_is_dropped(tmp_path):
    """Schema 11 drops cases_created (a prefix of cases_period); the report's period count still finds its cases."""
    from kuulo.storage.reports import short_period

    path = str(tmp_path / "v10.db")
    old = _file_at(path, 10)
    old.conn.executemany("INSERT INTO cases (platform, mention_id, brand, priority, state, created_ts, opened_ts)"
                    " VALUES ('x', ?, 'Nordea', 'normal', 'open', ?, 0)", [(str(i), float(i)) for i in range(8)])
    old.conn.commit()
    assert old.execute("SELECT 1 FROM sqlite_master WHERE name = 'cases_created'").fetchone()
    old.conn.close()
    db = open_db(path)
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'cases_created'").fetchone() is None
    assert short_period(db, 0.0, 2.0) and not short_period(db, 0.0, 3.0)  # 2 of 8 cases; 3 of 8


def test_per_brand_rows_are_keyed_in_report_order_and_replies_indexed_alone(tmp_path):
    """Schema 12 rebuilds mention_brands keyed (brand, created_ts, ...) without its report index, and makes the reply
    index partial; every row survives, a post still has one row a brand, and the queries still search."""
    path = str(tmp_path / "v11.db")
    old = _file_at(path, 11)
    old.conn.executemany("INSERT INTO mention_brands VALUES (?, ?, ?, ?)",
                         [("x", "1", "Nordea", 5.0), ("x", "1", "OP", 5.0), ("reddit", "2", "Nordea", 7.0)])
    old.conn.commit()
    old.conn.close()
    db = open_db(path)
    assert db.execute("SELECT * FROM mention_brands ORDER BY 1, 2, 3").fetchall() == [
        ("reddit", "2", "Nordea", 7.0), ("x", "1", "Nordea", 5.0), ("x", "1", "OP", 5.0)]
    db.execute("INSERT OR IGNORE INTO mention_brands VALUES ('x', '1', 'OP', 5.0)")  # the import's own insert
    assert db.execute("SELECT count(*) FROM mention_brands").fetchone() == (3,)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "mention_brands_report" not in names and "mention_brands_period" in names
    plan = db.execute("EXPLAIN QUERY PLAN SELECT * FROM mentions WHERE platform = 'x' AND in_reply_to = '1'").fetchall()
    assert "USING INDEX mentions_reply_to" in plan[0][-1]
    from kuulo.storage.mentions import mention_counts
    for short in (True, False):
        ran: list[str] = []
        db.conn.set_trace_callback(ran.append)
        assert mention_counts(db, 0.0, 6.0, short=short)["brand"] == {"Nordea": 1, "OP": 1}
        db.conn.set_trace_callback(None)
        [counting] = [sql for sql in ran if "FROM mention_brands" in sql]
        plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {counting}"))
        if short:  # its time range, sorted
            assert "mention_brands_period" in plan
        else:  # the table in its brand order: no sort
            assert "TEMP B-TREE" not in plan and "SCAN mention_brands" in plan


def test_contest_entries_get_their_authors_account_id_from_the_stored_posts(tmp_path):
    """Schema 15: an entry of an older file is given the account id its post was stored with (one person, one
    account), so the next judging keys it by that id."""
    path = str(tmp_path / "v14.db")
    old = _file_at(path, 14)
    old.execute("INSERT INTO mentions (platform, id, author, author_id, text, created_at, created_ts, kind, seen_ts)"
                " VALUES ('telegram', '5', 'Matti', '1111', '#kesä', '', 5.0, 'mention', 0)")
    old.execute("INSERT INTO campaign_entries (campaign, platform, id, author, person, created_ts, has_media,"
                " own_reasons, reasons, status, seen_ts) VALUES"
                " ('kesa', 'telegram', '5', 'Matti', 'telegram:matti', 5.0, 0, '[]', '[]', 'eligible', 0),"
                " ('kesa', 'telegram', '6', 'Maija', 'telegram:maija', 6.0, 0, '[]', '[]', 'eligible', 0),"
                " ('purged', 'telegram', '5', NULL, NULL, 5.0, 0, '[]', '[]', 'approved', 0)")
    old.conn.commit()
    old.conn.close()
    db = open_db(path)
    assert db.execute("SELECT campaign, id, author_id FROM campaign_entries ORDER BY campaign, id").fetchall() == [
        ("kesa", "5", "1111"), ("kesa", "6", None), ("purged", "5", None)]  # a purged entry stays empty


def test_contest_entries_of_an_older_file_get_the_key_their_buttons_carry(tmp_path):
    """Schema 20: each entry keeps the key a chat button names it by, so a digest of an older file still finds the
    entries its buttons name, by index."""
    from kuulo.storage.campaigns import entry_by_key, entry_key

    path = str(tmp_path / "v19.db")
    old = _file_at(path, 19)
    old.execute("INSERT INTO campaign_entries (campaign, platform, id, author, person, created_ts, has_media,"
                " own_reasons, reasons, status, seen_ts) VALUES"
                " ('kesa', 'instagram', '5', 'Matti', 'instagram:matti', 5.0, 1, '[]', '[]', 'eligible', 0),"
                " ('kesa', 'telegram', '5', 'Maija', 'telegram:maija', 6.0, 0, '[]', '[]', 'eligible', 0)")
    old.conn.commit()
    old.conn.close()
    db = open_db(path)
    assert entry_by_key(db, "kesa", entry_key("telegram", "5"))["author"] == "Maija"
    assert entry_by_key(db, "kesa", entry_key("instagram", "5"))["author"] == "Matti"
    assert entry_by_key(db, "other", entry_key("instagram", "5")) is None
    db.execute("INSERT INTO campaign_entries (campaign, platform, id, author, created_ts, has_media, own_reasons,"
               " reasons, status, seen_ts) VALUES ('kesa', 'instagram', '7', 'Liisa', 7.0, 1, '[]', '[]', 'eligible',"
               " 0)")  # by a Kuulo from before schema 20 still running beside this one: no key
    assert entry_by_key(db, "kesa", entry_key("instagram", "7"))["author"] == "Liisa"
    assert db.execute("SELECT count(*) FROM campaign_entries WHERE entry_key IS NULL").fetchone() == (0,)


def test_a_file_whose_schema_version_was_set_back_is_refused_naming_why(tmp_path):
    path = tmp_path / "kuulo.db"
    open_db(str(path)).conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 12")
    with pytest.raises(KuuloError, match="the file says schema 12, but migrating it to 13 found table slack_signatures "
                                         "already exists: its schema version was set back by hand or it is damaged"):
        open_db(str(path))
