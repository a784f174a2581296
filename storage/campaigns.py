"""Campaign entries, contest posts, freezes and draws: the only SQL of contests (parameters always bound)."""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable, Sequence

import sqlite_utils

from kuulo.storage.db import rows_in, write

ENTRY_COLUMNS = ("campaign", "platform", "id", "author", "person", "created_ts", "text", "url", "media_url",
                 "like_count", "hashtags", "has_media", "tagged", "own_reasons", "reasons", "status", "decision",
                 "decided_by", "decided_ts", "decision_reason", "note", "seen_ts", "frozen_pos", "author_hash",
                 "author_id", "judged_by", "handle")
DRAW_COLUMNS = ("campaign", "frozen_ts", "frozen_by", "salt", "entries", "list_sha256", "merkle_root", "public_list",
                "drawn_ts", "drawn_by", "seed", "certificate", "purged_ts")
_ENTRY = ", ".join(ENTRY_COLUMNS)
_DRAW = ", ".join(DRAW_COLUMNS)
SUMMARY_COLUMNS = ("platform", "id", "status", "created_ts", "seen_ts", "like_count")  # what a digest counts
ENTRY_KEY_HEX = 24


def entry_key(platform: str, entry_id: str) -> str:
    """An entry's reference in a chat button: a hash of its platform and id (a stranger's id never rides in a
    button), kept in the row so a pressed button finds its entry by index."""
    return hashlib.sha256(f"{platform}\x00{entry_id}".encode("utf-8")).hexdigest()[:ENTRY_KEY_HEX]


def _entry(row: Sequence[Any]) -> dict[str, Any]:
    out = dict(zip(ENTRY_COLUMNS, row))
    for key in ("own_reasons", "reasons", "hashtags", "tagged"):
        out[key] = json.loads(out[key]) if out[key] else []
    return out


def contest_posts(db: sqlite_utils.Database, campaign: str) -> set[tuple[str, str]]:
    """The (platform, id) of the contest posts found for a comment giveaway."""
    rows = db.execute("SELECT platform, post_id FROM campaign_posts WHERE campaign = ?", (campaign,))
    return {(platform, post_id) for platform, post_id in rows}


def add_contest_posts(db: sqlite_utils.Database, campaign: str, posts: Iterable[tuple[str, str]]) -> None:
    """Remember contest posts (idempotent)."""
    db.conn.executemany("INSERT OR IGNORE INTO campaign_posts (campaign, platform, post_id) VALUES (?, ?, ?)",
                        [(campaign, platform, post_id) for platform, post_id in posts])


def posts_with_urls(db: sqlite_utils.Database, urls: Sequence[str]) -> list[tuple[str, str, str]]:
    """(platform, id, url) of stored posts whose link is one of these, with or without a trailing slash (a scan of
    the posts: run once per process and campaign, then the found ids are remembered)."""
    variants = sorted({u for url in urls for u in (url, url.rstrip("/"))})
    if not variants:
        return []
    marks = ", ".join("?" for _ in variants)
    return [tuple(r) for r in db.execute(f"SELECT platform, id, url FROM mentions WHERE url IN ({marks})", variants)]


def replies_to(db: sqlite_utils.Database, platform: str, post_id: str) -> list[dict[str, Any]]:
    """Stored posts that reply directly to one post (through the reply index)."""
    cursor = db.execute("SELECT * FROM mentions WHERE platform = ? AND in_reply_to = ?", (platform, post_id))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


POST_COLUMNS = ("platform", "id", "author", "created_ts", "text", "hashtags", "in_reply_to", "url", "media_url",
                "like_count", "raw")


def posts_in_window(db: sqlite_utils.Database, platforms: Sequence[str], start_ts: float, end_ts: float,
                    after: tuple[float, str, str] | None, limit: int) -> list[dict[str, Any]]:
    """Stored posts dated from start_ts to end_ts (on these platforms; none: every one), in (created_ts, platform,
    id) order after the key `after`, at most `limit` (a rescan reads them page by page)."""
    where, args = ["created_ts BETWEEN ? AND ?"], [start_ts, end_ts]
    if platforms:
        where.append(f"platform IN ({', '.join('?' for _ in platforms)})")
        args += list(platforms)
    if after is not None:
        where.append("(created_ts, platform, id) > (?, ?, ?)")
        args += list(after)
    cursor = db.execute(f"SELECT {', '.join(POST_COLUMNS)} FROM mentions WHERE {' AND '.join(where)}"
                        " ORDER BY created_ts, platform, id LIMIT ?", [*args, limit])
    return [dict(zip(POST_COLUMNS, row)) for row in cursor]


def entries_by_id(db: sqlite_utils.Database, campaign: str, keys: Sequence[tuple[str, str]]
                   ) -> dict[tuple[str, str], dict[str, Any]]:
    """The stored entries among (platform, id) keys."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    by_platform: dict[str, list[str]] = {}
    for platform, entry_id in keys:
        by_platform.setdefault(platform, []).append(entry_id)
    for platform, ids in by_platform.items():
        for row in rows_in(db, f"SELECT {_ENTRY} FROM campaign_entries WHERE campaign = ? AND platform = ?"
                               " AND id IN ({marks})", (campaign, platform), ids):
            entry = _entry(row)
            found[(entry["platform"], entry["id"])] = entry
    return found


def insert_entry(db: sqlite_utils.Database, entry: dict[str, Any]) -> None:
    """Store a new entry (a dict with ENTRY_COLUMNS keys; lists as JSON)."""
    values = [json.dumps(entry.get(c), ensure_ascii=False) if c in ("own_reasons", "reasons", "hashtags", "tagged")
              else entry.get(c) for c in ENTRY_COLUMNS]
    marks = ", ".join("?" for _ in ENTRY_COLUMNS)
    db.execute(f"INSERT INTO campaign_entries ({_ENTRY}, entry_key) VALUES ({marks}, ?)",
               (*values, entry_key(entry["platform"], entry["id"])))


def entry_by_key(db: sqlite_utils.Database, campaign: str, key: str) -> dict[str, Any] | None:
    """The campaign's entry whose entry_key is `key`, if any (entries stored without their key, by a Kuulo from
    before schema 20 still running beside this one, are given it first)."""
    row = db.execute(f"SELECT {_ENTRY} FROM campaign_entries INDEXED BY campaign_entries_key"
                     " WHERE campaign = ? AND entry_key = ?", (campaign, key)).fetchone()
    if row is None and fill_entry_keys(db, campaign):
        return entry_by_key(db, campaign, key)
    return _entry(row) if row else None


def fill_entry_keys(db: sqlite_utils.Database, campaign: str) -> int:
    """Give the campaign's entries stored without an entry_key theirs; how many there were (none: nothing written)."""
    missing = db.execute("SELECT platform, id FROM campaign_entries INDEXED BY campaign_entries_key"
                         " WHERE campaign = ? AND entry_key IS NULL", (campaign,)).fetchall()
    if not missing:
        return 0
    with write(db):
        db.conn.executemany("UPDATE campaign_entries SET entry_key = ? WHERE campaign = ? AND platform = ? AND id = ?",
                            [(entry_key(platform, entry_id), campaign, platform, entry_id)
                             for platform, entry_id in missing])
    return len(missing)


def entries_with_id(db: sqlite_utils.Database, campaign: str, entry_id: str) -> list[dict[str, Any]]:
    """The campaign's entries with this post id, on whichever platform."""
    rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries INDEXED BY campaign_entries_id"
                      " WHERE campaign = ? AND id = ? ORDER BY platform", (campaign, entry_id))
    return [_entry(r) for r in rows]


LOOK = "replace(replace(person, '.', ''), '_', '')"  # a person's key without . and _ (the index campaign_entries_look)


def look_alikes(db: sqlite_utils.Database, campaign: str, platform: str, person: str,
                limit: int = 3) -> list[dict[str, Any]]:
    """Other persons of a campaign on the platform whose key differs from `person` only by . and _ (liisa. beside
    liisa), each with its first entry (person, platform, id), the earliest first."""
    rows = db.execute(f"SELECT person, platform, id, min(created_ts) FROM campaign_entries"
                      f" INDEXED BY campaign_entries_look WHERE campaign = ? AND platform = ?"
                      f" AND {LOOK} = replace(replace(?, '.', ''), '_', '') AND person != ?"
                      " GROUP BY person ORDER BY min(created_ts), person LIMIT ?",
                      (campaign, platform, person, person, limit))
    return [dict(zip(("person", "platform", "id"), r)) for r in rows]


def person_entries(db: sqlite_utils.Database, campaign: str, person: str) -> list[dict[str, Any]]:
    """Every entry of one person in a campaign."""
    rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries INDEXED BY campaign_entries_person"
                      " WHERE campaign = ? AND person = ?", (campaign, person))
    return [_entry(r) for r in rows]


def _unjudged(columns: str) -> str:
    """SELECT columns of a campaign's entries no freeze fixed and no purge emptied (a purged entry's author is NULL)
    that other rules than :rules judged: three ranges of the judged_by index (none, below, above), not a walk of the
    campaign's entries."""
    return " UNION ALL ".join(
        f"SELECT {columns} FROM campaign_entries INDEXED BY campaign_entries_judged WHERE campaign = :campaign"
        f" AND frozen_pos IS NULL AND author IS NOT NULL AND {which}"
        for which in ("judged_by IS NULL", "judged_by < :rules", "judged_by > :rules"))


def unjudged(db: sqlite_utils.Database, campaign: str, rules: str) -> list[dict[str, Any]]:
    """A campaign's entries that no freeze has fixed, no purge emptied and the rules `rules` did not judge, to judge
    them again."""
    return [_entry(r) for r in db.execute(_unjudged(_ENTRY), {"campaign": campaign, "rules": rules})]


def any_unjudged(db: sqlite_utils.Database, campaign: str, rules: str) -> bool:
    """Whether unjudged would find an entry (a read, before a write transaction is asked for)."""
    return db.execute(f"{_unjudged('1')} LIMIT 1", {"campaign": campaign, "rules": rules}).fetchone() is not None


def set_judgement(db: sqlite_utils.Database, campaign: str, platform: str, entry_id: str,
                  reasons: list[tuple[str, str]], status: str) -> None:
    """Record an entry's recomputed reasons and status."""
    db.execute("UPDATE campaign_entries SET reasons = ?, status = ? WHERE campaign = ? AND platform = ? AND id = ?",
               (json.dumps(reasons, ensure_ascii=False), status, campaign, platform, entry_id))


def entries_to_check(db: sqlite_utils.Database, campaign: str,
                     deleted_code: str) -> list[tuple[dict[str, Any], str | None]]:
    """The entries still in the running (eligible or approved) and those once found deleted, oldest first, each with
    the live source that delivered its post (None: imported)."""
    cursor = db.execute(
        f"SELECT {', '.join('e.' + c for c in ENTRY_COLUMNS)}, m.source FROM campaign_entries e"
        " LEFT JOIN mentions m ON m.platform = e.platform AND m.id = e.id"
        " WHERE e.campaign = ? AND (e.status IN ('eligible', 'approved')"
        " OR EXISTS (SELECT 1 FROM json_each(e.own_reasons) WHERE json_extract(value, '$[0]') = ?))"
        " ORDER BY e.created_ts, e.platform, e.id", (campaign, deleted_code))
    return [(_entry(row[:-1]), row[-1]) for row in cursor]


def set_own_reasons(db: sqlite_utils.Database, campaign: str, platform: str, entry_id: str,
                    own_reasons: list[tuple[str, str]]) -> None:
    """Record an entry's own reasons (the post's alone), before its status is recomputed."""
    db.execute("UPDATE campaign_entries SET own_reasons = ? WHERE campaign = ? AND platform = ? AND id = ?",
               (json.dumps(own_reasons, ensure_ascii=False), campaign, platform, entry_id))


def set_author(db: sqlite_utils.Database, campaign: str, platform: str, entry_id: str, author: str,
               author_id: str | None, person: str | None, own_reasons: list[tuple[str, str]], tagged: list[str],
               note: str | None = None, judged_by: str | None = None, handle: str | None = None) -> None:
    """Record who an entry counts for and what its post alone says under the rules now: the name another sighting of
    the same post gave an unknown author, a person keyed again, own reasons of changed rules (the note, if any, says
    how the name is compared)."""
    db.execute("UPDATE campaign_entries SET author = ?, author_id = ?, person = ?, own_reasons = ?, tagged = ?,"
               " note = ?, judged_by = ?, handle = ? WHERE campaign = ? AND platform = ? AND id = ?",
               (author, author_id, person, json.dumps(own_reasons, ensure_ascii=False),
                json.dumps(tagged, ensure_ascii=False), note, judged_by, handle, campaign, platform, entry_id))


def set_person(db: sqlite_utils.Database, campaign: str, platform: str, entry_id: str, person: str) -> None:
    """Record the person an entry counts for (a handle-only entry joining the account its handle names)."""
    db.execute("UPDATE campaign_entries SET person = ? WHERE campaign = ? AND platform = ? AND id = ?",
               (person, campaign, platform, entry_id))


def account_ids(db: sqlite_utils.Database, campaign: str, platform: str, handle: str, limit: int = 2) -> list[str]:
    """The account ids a campaign's entries on the platform give for a handle's comparison key (up to `limit`)."""
    rows = db.execute("SELECT DISTINCT author_id FROM campaign_entries INDEXED BY campaign_entries_handle"
                      " WHERE campaign = ? AND platform = ? AND handle = ? AND author_id IS NOT NULL LIMIT ?",
                      (campaign, platform, handle, limit))
    return [r[0] for r in rows]


def handle_only_entries(db: sqlite_utils.Database, campaign: str, platform: str, handle: str) -> list[dict[str, Any]]:
    """A campaign's entries on the platform no freeze fixed that name a handle (by its comparison key) but no
    account id."""
    rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries INDEXED BY campaign_entries_handle WHERE campaign = ?"
                      " AND platform = ? AND handle = ? AND author_id IS NULL AND frozen_pos IS NULL",
                      (campaign, platform, handle))
    return [_entry(r) for r in rows]


def mark_judged(db: sqlite_utils.Database, campaign: str, keys: Sequence[tuple[str, str]], rules: str) -> None:
    """Record that these entries were judged by `rules` (nothing of theirs changed under them)."""
    db.conn.executemany("UPDATE campaign_entries SET judged_by = ? WHERE campaign = ? AND platform = ? AND id = ?",
                        [(rules, campaign, platform, entry_id) for platform, entry_id in keys])


def set_decision(db: sqlite_utils.Database, campaign: str, platform: str, entry_id: str, *, decision: str,
                 by: str, ts: float, reason: str | None, status: str) -> None:
    """Record a moderator's decision and the status it gives."""
    db.execute("UPDATE campaign_entries SET decision = ?, decided_by = ?, decided_ts = ?, decision_reason = ?,"
               " status = ? WHERE campaign = ? AND platform = ? AND id = ?",
               (decision, by, ts, reason, status, campaign, platform, entry_id))


def list_entries(db: sqlite_utils.Database, campaign: str, status: str | None = None) -> list[dict[str, Any]]:
    """A campaign's entries, oldest post first (ties by platform and id)."""
    if status is None:
        rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries WHERE campaign = ?"
                          " ORDER BY created_ts, platform, id", (campaign,))
    else:
        rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries WHERE campaign = ? AND status = ?"
                          " ORDER BY created_ts, platform, id", (campaign, status))
    return [_entry(r) for r in rows]


def entry_summaries(db: sqlite_utils.Database, campaign: str) -> list[dict[str, Any]]:
    """A campaign's entries as a digest counts them (SUMMARY_COLUMNS only: no text to read or JSON to decode),
    oldest post first."""
    rows = db.execute(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM campaign_entries WHERE campaign = ?"
                      " ORDER BY created_ts, platform, id", (campaign,))
    return [dict(zip(SUMMARY_COLUMNS, r)) for r in rows]


def frozen_entries(db: sqlite_utils.Database, campaign: str) -> list[dict[str, Any]]:
    """The entries the freeze fixed, in canonical order."""
    rows = db.execute(f"SELECT {_ENTRY} FROM campaign_entries WHERE campaign = ? AND frozen_pos IS NOT NULL"
                      " ORDER BY frozen_pos", (campaign,))
    return [_entry(r) for r in rows]


def status_counts(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    """Entries per campaign and status."""
    out: dict[str, dict[str, int]] = {}
    for campaign, status, n in db.execute("SELECT campaign, status, count(*) FROM campaign_entries"
                                          " GROUP BY campaign, status"):
        out.setdefault(campaign, {})[status] = n
    return out


def draw_row(db: sqlite_utils.Database, campaign: str) -> dict[str, Any] | None:
    """The campaign's freeze and draw, if it was frozen."""
    row = db.execute(f"SELECT {_DRAW} FROM campaign_draws WHERE campaign = ?", (campaign,)).fetchone()
    return dict(zip(DRAW_COLUMNS, row)) if row else None


def draw_rows(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """Every frozen campaign's row."""
    return {r[0]: dict(zip(DRAW_COLUMNS, r)) for r in db.execute(f"SELECT {_DRAW} FROM campaign_draws")}


def save_freeze(db: sqlite_utils.Database, campaign: str, *, ts: float, by: str, salt: str,
                positions: Sequence[tuple[str, str, str]], list_sha256: str, merkle_root: str,
                public_list: str) -> None:
    """Fix the canonical list: each (platform, id, author_hash) gets its place; the commitment is stored."""
    db.conn.executemany("UPDATE campaign_entries SET frozen_pos = ?, author_hash = ?"
                        " WHERE campaign = ? AND platform = ? AND id = ?",
                        [(pos, author_hash, campaign, platform, entry_id)
                         for pos, (platform, entry_id, author_hash) in enumerate(positions)])
    db.execute("INSERT INTO campaign_draws (campaign, frozen_ts, frozen_by, salt, entries, list_sha256, merkle_root,"
               " public_list) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (campaign, ts, by, salt, len(positions), list_sha256, merkle_root, public_list))


def save_draw(db: sqlite_utils.Database, campaign: str, *, ts: float, by: str, seed: str, certificate: str) -> None:
    """Record the draw's seed and certificate."""
    db.execute("UPDATE campaign_draws SET drawn_ts = ?, drawn_by = ?, seed = ?, certificate = ? WHERE campaign = ?",
               (ts, by, seed, certificate, campaign))


def purge_posts(db: sqlite_utils.Database, campaign: str) -> int:
    """Empty the stored posts of a campaign's entries of who wrote them and what they said (author, account id,
    text, links, tags, raw fields, verdict), but posts that are cases (the customer-service record keeps them) and
    posts another campaign not yet purged still holds; returns how many were emptied. The rows stay, so reports of
    the period count the same mentions."""
    mine = db.execute("SELECT platform, id FROM campaign_entries WHERE campaign = ?", (campaign,)).fetchall()
    held = set(db.execute("SELECT platform, id FROM campaign_entries WHERE campaign != ? AND author IS NOT NULL",
                          (campaign,)).fetchall())
    cursor = db.conn.executemany(
        "UPDATE mentions SET author = '', author_id = NULL, text = '', url = NULL, media_url = NULL, hashtags = NULL,"
        " raw = NULL, verdict = NULL WHERE platform = ? AND id = ? AND case_id IS NULL AND author != ''",
        [tuple(key) for key in mine if tuple(key) not in held])
    return cursor.rowcount


def purge(db: sqlite_utils.Database, campaign: str, ts: float) -> int:
    """Delete entrants' personal data (author, text, links, tags) and the salt; the hashes and places stay, so the
    certificate still verifies. Returns the entries purged."""
    cur = db.execute("UPDATE campaign_entries SET author = NULL, author_id = NULL, person = NULL, handle = NULL,"
                     " text = NULL,"
                     " url = NULL, media_url = NULL, hashtags = NULL, tagged = NULL, note = NULL WHERE campaign = ?",
                     (campaign,))
    db.execute("UPDATE campaign_draws SET salt = NULL, purged_ts = ? WHERE campaign = ?", (ts, campaign))
    return cur.rowcount
