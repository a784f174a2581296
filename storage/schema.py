"""The schema as an ordered list of migrations, tracked by PRAGMA user_version."""

from __future__ import annotations

import re
import sqlite3
from typing import Callable

import sqlite_utils

from kuulo.bot.errors import KuuloError, LedgerError


def _v1(db: sqlite_utils.Database) -> None:
    """Mentions, matches, cases, the hash-chained events, the outbox and source cursors."""
    _run(db, """
    CREATE TABLE mentions (
        platform TEXT NOT NULL, id TEXT NOT NULL,
        author TEXT NOT NULL, author_id TEXT, text TEXT NOT NULL,
        created_at TEXT NOT NULL, created_ts REAL NOT NULL,
        in_reply_to TEXT, thread_root TEXT, url TEXT, lang TEXT, hashtags TEXT,
        media_url TEXT, like_count INTEGER, comment_count INTEGER,
        kind TEXT NOT NULL,            -- mention | brand_reply | post
        brand TEXT, category TEXT,     -- primary brand and category
        verdict TEXT, raw TEXT, seen_ts REAL NOT NULL,
        PRIMARY KEY (platform, id)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_reply_to ON mentions (platform, in_reply_to);
    -- report counts walk this index in group order: no sort, no table lookups
    CREATE INDEX mentions_report ON mentions (kind, platform, category, created_ts);

    CREATE TABLE mention_brands (  -- one row per brand a post mentions, for per-brand counts
        platform TEXT NOT NULL, mention_id TEXT NOT NULL, brand TEXT NOT NULL, created_ts REAL NOT NULL,
        PRIMARY KEY (platform, mention_id, brand)
    ) WITHOUT ROWID;
    CREATE INDEX mention_brands_report ON mention_brands (brand, created_ts);

    CREATE TABLE matches (
        platform TEXT NOT NULL, mention_id TEXT NOT NULL,
        brand TEXT NOT NULL, term TEXT NOT NULL, form TEXT NOT NULL, how TEXT NOT NULL, score REAL NOT NULL,
        PRIMARY KEY (platform, mention_id, brand, form)
    ) WITHOUT ROWID;

    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL, mention_id TEXT NOT NULL,
        brand TEXT NOT NULL, category TEXT, priority TEXT NOT NULL,
        state TEXT NOT NULL,           -- open | claimed | snoozed | escalated | answered | dismissed
        created_ts REAL NOT NULL,      -- the post's own time on the platform
        opened_ts REAL NOT NULL,       -- when Kuulo opened the case
        thread_root TEXT, parent_case_id INTEGER REFERENCES cases(id),
        claimed_by TEXT, claimed_ts REAL,
        responded_ts REAL, responded_by TEXT, responded_how TEXT,  -- platform_reply | kuulo_reply | manual
        closed_ts REAL, dismiss_reason TEXT,
        snooze_until REAL, escalated_ts REAL, reminded_ts REAL,
        UNIQUE (platform, mention_id)
    );
    CREATE INDEX cases_state ON cases (state, created_ts);
    CREATE INDEX cases_created ON cases (created_ts);
    -- the report walks this covering index in group order (a million cases in well under a second)
    CREATE INDEX cases_report ON cases (brand, platform, category, responded_by, claimed_by, state,
        created_ts, responded_ts, closed_ts);
    CREATE INDEX cases_closed ON cases (closed_ts) WHERE closed_ts IS NOT NULL;
    CREATE INDEX cases_thread ON cases (platform, thread_root);

    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        ts REAL NOT NULL, case_id INTEGER, platform TEXT, mention_id TEXT,
        actor TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    );
    CREATE INDEX events_case ON events (case_id);

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        transport TEXT NOT NULL, kind TEXT NOT NULL, case_id INTEGER,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',   -- pending | sent | dead
        attempts INTEGER NOT NULL DEFAULT 0,
        created_ts REAL NOT NULL, next_try_ts REAL NOT NULL,
        last_error TEXT, sent_ts REAL, ref TEXT
    );
    CREATE INDEX outbox_pending ON outbox (transport, state, id);

    CREATE TABLE cursors (
        source TEXT PRIMARY KEY, cursor TEXT, updated_ts REAL NOT NULL
    );
    """)


def _run(db: sqlite_utils.Database, script: str) -> None:
    """Run a script statement by statement (executescript would commit the migration half-way)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v2(db: sqlite_utils.Database) -> None:
    """Which live source delivered a post, so replies written in Kuulo go back through it."""
    db.execute("ALTER TABLE mentions ADD COLUMN source TEXT")


def _v3(db: sqlite_utils.Database) -> None:
    """Routes set by supervisors from chat, the Instagram hashtag budget (30 unique hashtags in 7 days), and the
    steps of a multi-step delivery already done (so a retry after a restart does not repeat them)."""
    _run(db, """
    ALTER TABLE outbox ADD COLUMN progress TEXT;
    CREATE TABLE routes (          -- checked before the config's routes, first match wins
        id INTEGER PRIMARY KEY, brand TEXT, category TEXT, channel TEXT NOT NULL, on_duty TEXT,
        set_by TEXT NOT NULL, set_ts REAL NOT NULL
    );
    CREATE TABLE hashtag_queries (  -- one row per hashtag an Instagram account searched, counted for 7 days
        account TEXT NOT NULL, hashtag TEXT NOT NULL, hashtag_id TEXT, first_ts REAL NOT NULL,
        PRIMARY KEY (account, hashtag)
    ) WITHOUT ROWID
    """)


def _v4(db: sqlite_utils.Database) -> None:
    """Indexes for every per-message query of delivery, so its cost stays flat as history grows; and the count of an
    outbox row's real failures, which drives its backoff (a rate-limit wait is not a failure)."""
    _run(db, """
    -- where a case's alert landed (sent_ref), once per delivered message: a seek, not a walk of the sent history
    CREATE INDEX outbox_case ON outbox (case_id, transport, kind, state) WHERE case_id IS NOT NULL;
    -- kuulo doctor's dead rows, newest first, without reading every row ever sent
    CREATE INDEX outbox_dead ON outbox (id) WHERE state = 'dead';
    ALTER TABLE outbox ADD COLUMN failures INTEGER NOT NULL DEFAULT 0
    """)


def _v5(db: sqlite_utils.Database) -> None:
    """The keyed ledger: the switch to keyed found with one lookup, and a `baseline` event with the whole row of
    every case opened before events carried the columns they set, so every case can be replayed from its events."""
    import time

    from kuulo.storage.case_replay import record_baselines
    from kuulo.storage.ledger import Ledger

    later = db.execute("SELECT min(seq) FROM events WHERE kind = 'ledger_keyed'"
                       " OR CASE WHEN json_valid(data) THEN json_type(data, '$.set') END IS NOT NULL").fetchone()[0]
    if later is not None:  # a baseline would take the case rows as they are now into the chain, keyed or not
        raise LedgerError(f"the file says schema 4, but ledger event {later} was written by a later Kuulo (it is "
                          "keyed or carries the columns it set): the file was rolled back or rebuilt by hand; run "
                          "kuulo verify-ledger on the copy you trust")
    db.execute("CREATE INDEX events_keyed ON events (seq) WHERE kind = 'ledger_keyed'")
    # unkeyed: before schema 5 no chain was keyed, and keying an existing chain is asked for (--start-keying)
    record_baselines(db, Ledger(db, key=None), ts=time.time(), why="opened before events carried the columns they set")


def _v6(db: sqlite_utils.Database) -> None:
    """The order-independent case model: which case each post belongs to, what people did to close cases (so a
    thread's cases can be recomputed from its posts), merged cases, failed replies; the report groups by how."""
    _run(db, """
    ALTER TABLE mentions ADD COLUMN case_id INTEGER;    -- the case the post opened, follows up or answered
    CREATE INDEX mentions_thread ON mentions (platform, thread_root);
    CREATE INDEX mentions_case ON mentions (case_id) WHERE case_id IS NOT NULL;
    ALTER TABLE cases ADD COLUMN merged_into INTEGER;   -- state 'merged': its post turned out to be a follow-up
    ALTER TABLE cases ADD COLUMN reply_error TEXT;      -- why the last reply written in Kuulo did not go out
    CREATE TABLE closures (       -- what people did that answers or closes a case, at their own time
        id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, ts REAL NOT NULL, actor TEXT NOT NULL,
        how TEXT NOT NULL,        -- manual | kuulo_reply | recorded | dismissed
        detail TEXT               -- the platform's reply id, or the dismiss reason
    );
    CREATE INDEX closures_case ON closures (case_id);
    DROP INDEX cases_report;
    CREATE INDEX cases_report ON cases (brand, platform, category, responded_by, claimed_by, state, responded_how,
        created_ts, responded_ts, closed_ts);
    INSERT INTO closures (case_id, ts, actor, how, detail)
        SELECT id, responded_ts, responded_by, responded_how, NULL FROM cases
        WHERE state = 'answered' AND responded_how IN ('manual', 'kuulo_reply');
    INSERT INTO closures (case_id, ts, actor, how, detail)
        SELECT c.id, c.closed_ts, coalesce(e.actor, 'kuulo'), 'dismissed', c.dismiss_reason FROM cases c
        LEFT JOIN events e ON e.case_id = c.id AND e.kind = 'dismissed' WHERE c.state = 'dismissed'
        GROUP BY c.id;
    UPDATE mentions SET case_id = c.id FROM cases c WHERE c.platform = mentions.platform AND c.mention_id = mentions.id;
    UPDATE mentions SET case_id = f.case_id FROM (SELECT platform, mention_id, max(case_id) AS case_id FROM events
        WHERE kind = 'follow_up' GROUP BY platform, mention_id) f
        WHERE mentions.platform = f.platform AND mentions.id = f.mention_id AND mentions.case_id IS NULL
    """)


def _v7(db: sqlite_utils.Database) -> None:
    """Contests: each post that entered a campaign with its eligibility and moderation, the contest posts found for
    comment giveaways, and each campaign's freeze (the committed list) and draw (the certificate)."""
    _run(db, """
    CREATE TABLE campaign_entries (
        campaign TEXT NOT NULL, platform TEXT NOT NULL, id TEXT NOT NULL,
        author TEXT, person TEXT,          -- person: platform:handle for one-per-person (NULL: author unknown)
        created_ts REAL NOT NULL, text TEXT, url TEXT, media_url TEXT, like_count INTEGER, hashtags TEXT,
        has_media INTEGER NOT NULL, tagged TEXT,
        own_reasons TEXT NOT NULL,         -- JSON [[code, why], ...] from the post alone
        reasons TEXT NOT NULL,             -- own reasons plus second_entry, from the set of the person's entries
        status TEXT NOT NULL,              -- eligible | ineligible | approved | rejected
        decision TEXT, decided_by TEXT, decided_ts REAL, decision_reason TEXT,
        note TEXT, seen_ts REAL NOT NULL,
        frozen_pos INTEGER, author_hash TEXT,  -- set by the freeze: place in the canonical list, salted author hash
        PRIMARY KEY (campaign, platform, id)
    ) WITHOUT ROWID;
    CREATE INDEX campaign_entries_person ON campaign_entries (campaign, person);
    CREATE INDEX campaign_entries_status ON campaign_entries (campaign, status, created_ts);
    CREATE TABLE campaign_posts (      -- the contest posts of comment giveaways, as found among the stored posts
        campaign TEXT NOT NULL, platform TEXT NOT NULL, post_id TEXT NOT NULL,
        PRIMARY KEY (campaign, platform, post_id)
    ) WITHOUT ROWID;
    CREATE TABLE campaign_draws (      -- one row per frozen campaign, filled in by the draw and the purge
        campaign TEXT PRIMARY KEY, frozen_ts REAL NOT NULL, frozen_by TEXT NOT NULL, salt TEXT,
        entries INTEGER NOT NULL, list_sha256 TEXT NOT NULL, merkle_root TEXT NOT NULL, public_list TEXT NOT NULL,
        drawn_ts REAL, drawn_by TEXT, seed TEXT, certificate TEXT, purged_ts REAL
    )
    """)


def _v8(db: sqlite_utils.Database) -> None:
    """A covering index in post-time order, so a report over a short period reads only that period's cases."""
    _run(db, """
    CREATE INDEX cases_period ON cases (created_ts, brand, platform, category, responded_by, claimed_by, state,
        responded_how, responded_ts, closed_ts);
    CREATE INDEX mentions_period ON mentions (created_ts, kind, platform, category);
    CREATE INDEX mention_brands_period ON mention_brands (created_ts, brand)
    """)


def _v9(db: sqlite_utils.Database) -> None:
    """Posts in an ordinary (rowid) table: a post with its verdict is over a kilobyte, which a WITHOUT ROWID table
    spills into overflow pages (three times the file and the write time); indexes and columns stay as they were."""
    table_sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'mentions'").fetchone()[0]
    index_sqls = [r[0] for r in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' AND sql IS NOT NULL")]
    columns = ", ".join(r[1] for r in db.execute("PRAGMA table_info(mentions)"))
    new_sql = table_sql.replace("CREATE TABLE mentions", "CREATE TABLE mentions_v9", 1)
    new_sql = new_sql[:new_sql.rindex(")") + 1]  # drop WITHOUT ROWID
    db.execute(new_sql)
    db.execute(f"INSERT INTO mentions_v9 ({columns}) SELECT {columns} FROM mentions ORDER BY created_ts")
    db.execute("DROP TABLE mentions")
    db.execute("ALTER TABLE mentions_v9 RENAME TO mentions")
    for sql in index_sqls:
        db.execute(sql)


def _v10(db: sqlite_utils.Database) -> None:
    """What the case planner needs of a post's verdict as columns of their own (a conversation is read whole for
    every batch that touches it: parsing each stored verdict was most of that read)."""
    _run(db, """
    ALTER TABLE mentions ADD COLUMN v_brand TEXT;      -- the first brand the rules found (not a thread's)
    ALTER TABLE mentions ADD COLUMN priority TEXT;
    ALTER TABLE mentions ADD COLUMN flags INTEGER;     -- 1 needs a reply, 2 a question, 4 negative
    UPDATE mentions SET v_brand = json_extract(verdict, '$.brands[0].brand'),
        priority = json_extract(verdict, '$.priority'),
        flags = coalesce(json_extract(verdict, '$.needs_reply'), 0)
            + 2 * coalesce(json_extract(verdict, '$.is_question'), 0)
            + 4 * coalesce(json_extract(verdict, '$.negative'), 0)
        WHERE verdict IS NOT NULL
    """)


def _v11(db: sqlite_utils.Database) -> None:
    """cases_created (created_ts) goes: it is a prefix of cases_period, which serves its one query, and every case an
    import opens wrote an entry into both (the index audit of issue 12: no other index is a prefix of another)."""
    db.execute("DROP INDEX IF EXISTS cases_created")


def _v12(db: sqlite_utils.Database) -> None:
    """Two fewer index entries a post: per-brand rows keyed in the order the report counts them (the table is the
    brand-ordered index, mention_brands_report goes), and replies indexed alone (most posts reply to nothing)."""
    _run(db, """
    CREATE TABLE mention_brands_v12 (
        platform TEXT NOT NULL, mention_id TEXT NOT NULL, brand TEXT NOT NULL, created_ts REAL NOT NULL,
        PRIMARY KEY (brand, created_ts, platform, mention_id)  -- a post has one created_ts: still one row a brand
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO mention_brands_v12 SELECT platform, mention_id, brand, created_ts FROM mention_brands;
    DROP TABLE mention_brands;
    ALTER TABLE mention_brands_v12 RENAME TO mention_brands;
    CREATE INDEX mention_brands_period ON mention_brands (created_ts, brand);
    DROP INDEX mentions_reply_to;
    CREATE INDEX mentions_reply_to ON mentions (platform, in_reply_to) WHERE in_reply_to IS NOT NULL
    """)


def _v13(db: sqlite_utils.Database) -> None:
    """Signed Slack requests seen, until Slack's window for them is over: a replay to a restarted `kuulo run` is
    known too (the memory of one process forgot them)."""
    _run(db, """
    CREATE TABLE slack_signatures (signature TEXT PRIMARY KEY, expires_ts REAL NOT NULL) WITHOUT ROWID;
    CREATE INDEX slack_signatures_expiry ON slack_signatures (expires_ts)
    """)


def _v14(db: sqlite_utils.Database) -> None:
    """Contest entries by their person's key without Instagram's . and _ (storage/campaigns.LOOK): a new entry finds
    the look-alike handles of other entrants (liisa. beside liisa) with one lookup."""
    _run(db, """
    CREATE INDEX campaign_entries_look
        ON campaign_entries (campaign, platform, replace(replace(person, '.', ''), '_', ''))
    """)


def _v15(db: sqlite_utils.Database) -> None:
    """Contest entries keep their author's platform id (a handle can be renamed, a Telegram name is anyone's): one
    person is one account where the platform says which; filled in from the stored posts."""
    _run(db, """
    ALTER TABLE campaign_entries ADD COLUMN author_id TEXT;
    UPDATE campaign_entries SET author_id = (SELECT m.author_id FROM mentions m
        WHERE m.platform = campaign_entries.platform AND m.id = campaign_entries.id)
    WHERE author IS NOT NULL  -- a purged entry stays empty
    """)


def _v16(db: sqlite_utils.Database) -> None:
    """A report says who held a case at its cut-off: the report indexes carry when the case was last claimed, and
    cases claimed after a cut-off are found by that time (the claims of the past are in the ledger)."""
    _run(db, """
    DROP INDEX cases_report;
    CREATE INDEX cases_report ON cases (brand, platform, category, responded_by, claimed_by, state, responded_how,
        created_ts, responded_ts, closed_ts, claimed_ts);
    DROP INDEX cases_period;
    CREATE INDEX cases_period ON cases (created_ts, brand, platform, category, responded_by, claimed_by, state,
        responded_how, responded_ts, closed_ts, claimed_ts);
    CREATE INDEX cases_claimed ON cases (claimed_ts) WHERE claimed_ts IS NOT NULL
    """)


def _v17(db: sqlite_utils.Database) -> None:
    """Each contest entry says which rules it was judged by (bot/campaigns.rules_key), so the entries a changed
    config has not judged yet are found by one indexed walk, whichever process entered them."""
    _run(db, """
    ALTER TABLE campaign_entries ADD COLUMN judged_by TEXT;
    CREATE INDEX campaign_entries_judged ON campaign_entries (campaign, judged_by) WHERE frozen_pos IS NULL
    """)


def _v18(db: sqlite_utils.Database) -> None:
    """Contest entries keep their handle's comparison key (bot/handles.handle_key): an entry without an account id
    finds the one account its handle names, and an entry with one the handle-only entries it owns. Filled in when the
    rules (bot/campaigns.RULES_VERSION 4) judge every unfrozen entry again."""
    _run(db, """
    ALTER TABLE campaign_entries ADD COLUMN handle TEXT;
    CREATE INDEX campaign_entries_handle ON campaign_entries (campaign, platform, handle, author_id)
        WHERE handle IS NOT NULL
    """)


def _v19(db: sqlite_utils.Database) -> None:
    """Each closure names the ledger event that recorded the person's action (verify-ledger holds the row to it, so
    a closure written into the file by hand is found); closures from before, the first event of their case with
    their time and actor that closes or answers it and was written at its own time: a person's action is written
    when it is done, so an event dated before the one ahead of it in the chain (by more than a minute of clocks that
    differ) is an older recompute's answer from a closure, perhaps one written by hand, and backs nothing."""
    _run(db, """
    ALTER TABLE closures ADD COLUMN event_seq INTEGER;
    UPDATE closures SET event_seq = (SELECT min(e.seq) FROM events e WHERE e.case_id = closures.case_id
        AND e.ts = closures.ts AND e.actor = closures.actor AND e.kind IN ('answered', 'dismissed', 'reply_sent')
        AND e.ts >= coalesce((SELECT p.ts FROM events p WHERE p.seq = e.seq - 1), e.ts) - 60);
    CREATE INDEX closures_event ON closures (event_seq)
    """)


def _v20(db: sqlite_utils.Database) -> None:
    """Contest entries keep the key their chat buttons carry (storage.campaigns.entry_key), and a pressed button or
    a moderator's bare post id finds its entry by index: both read every entry of the campaign, under the write
    lock, and a 44,000-entry contest took a second per Approve."""
    # the key as buttons carry it now (storage.campaigns imports storage.db, which imports this module)
    from kuulo.storage.campaigns import entry_key
    db.execute("ALTER TABLE campaign_entries ADD COLUMN entry_key TEXT")
    keys = [(entry_key(platform, entry_id), campaign, platform, entry_id)
            for campaign, platform, entry_id in db.execute("SELECT campaign, platform, id FROM campaign_entries")]
    db.conn.executemany("UPDATE campaign_entries SET entry_key = ? WHERE campaign = ? AND platform = ? AND id = ?",
                        keys)
    _run(db, """
    CREATE INDEX campaign_entries_key ON campaign_entries (campaign, entry_key);
    CREATE INDEX campaign_entries_id ON campaign_entries (campaign, id)
    """)


def _v21(db: sqlite_utils.Database) -> None:
    """The chat an outbox row waits on (a rate limit in one chat): the rows of other cases go meanwhile, where one
    chat's 429 held every chat's messages for up to an hour (NULL: the whole transport waits, as for an outage)."""
    db.execute("ALTER TABLE outbox ADD COLUMN waits_on TEXT")


def _v22(db: sqlite_utils.Database) -> None:
    """The pending rows by the chat they wait on: each delivery round finds the held chats and the first row an
    outage holds by index searches, not by reading a held chat's backlog (storage.outbox.due_and_held)."""
    db.execute("CREATE INDEX outbox_waiting ON outbox (transport, waits_on, next_try_ts) WHERE state = 'pending'")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11,
                                                              _v12, _v13, _v14, _v15, _v16, _v17, _v18, _v19,
                                                              _v20, _v21, _v22]


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in the file."""
    return db.execute("PRAGMA user_version").fetchone()[0]


_BUILT_ALREADY = re.compile(r"already exists|duplicate column")  # a migration meeting what it builds


def migrate(db: sqlite_utils.Database) -> None:
    """Apply the migrations the file has not seen yet, in one immediate transaction."""
    if schema_version(db) == len(MIGRATIONS):
        return
    db.conn.execute("BEGIN IMMEDIATE")  # another process may be migrating the same file
    try:
        current = schema_version(db)
        if current > len(MIGRATIONS):
            raise KuuloError(f"database schema version {current} is newer than this Kuulo knows "
                             f"({len(MIGRATIONS)}): upgrade Kuulo")
        for version in range(current + 1, len(MIGRATIONS) + 1):
            try:
                MIGRATIONS[version - 1](db)
            except sqlite3.OperationalError as exc:
                if not _BUILT_ALREADY.search(str(exc)):
                    raise
                raise KuuloError(f"the file says schema {current}, but migrating it to {version} found {exc}: its "
                                 "schema version was set back by hand or it is damaged; use the copy you trust") \
                    from None
            db.execute(f"PRAGMA user_version = {int(version)}")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
