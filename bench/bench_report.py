"""Report time over 1,000,000 cases (plus their mentions) on SQLite.

Run: python bench/bench_report.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kuulo.bot.report import build_report
from kuulo.storage.db import open_db

BRANDS = ["Nordea", "OP", "S-Pankki", "Danske", "Aktia"]
PLATFORMS = ["x", "instagram", "mastodon", "bluesky", "reddit", "facebook"]
CATEGORIES = [None, "asiakaspalvelu", "palvelun_nopeus", "verkkopankki", "konttoriverkosto", "pankkikortit"]
AGENTS = [None, "@NordeaSuomi", "anna", "bob", "carl", "dina", "eero"]


def populate(db, n: int, since: datetime, days: int) -> None:
    rng = random.Random(5)
    span = days * 86400
    start = since.timestamp()
    mentions, cases = [], []
    for i in range(n):
        created = start + rng.random() * span
        platform, brand, category = rng.choice(PLATFORMS), rng.choice(BRANDS), rng.choice(CATEGORIES)
        roll = rng.random()
        if roll < 0.75:
            state, responded = "answered", created + rng.expovariate(1 / 2400)
        elif roll < 0.85:
            state, responded = "dismissed", None
        else:
            state, responded = "open", None
        agent = rng.choice(AGENTS) if state == "answered" else None
        iso = datetime.fromtimestamp(created, timezone.utc).isoformat()
        mentions.append((platform, str(i), "user", "text", iso, created, "mention", brand, category, created))
        cases.append((platform, str(i), brand, category, "normal", state, created, created, responded, agent,
                      responded if state == "answered" else (created + 600 if state == "dismissed" else None)))
    with db.atomic():
        db.conn.executemany("INSERT INTO mentions (platform, id, author, text, created_at, created_ts, kind, brand,"
                            " category, seen_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        db.conn.executemany("INSERT INTO matches (platform, mention_id, brand, term, form, how, score)"
                            " VALUES (?, ?, ?, ?, ?, 'exact', 100)", [(m[0], m[1], m[7], m[7], m[7]) for m in mentions])
        db.conn.executemany("INSERT INTO mention_brands (platform, mention_id, brand, created_ts) VALUES (?, ?, ?, ?)",
                            [(m[0], m[1], m[7], m[5]) for m in mentions])
        db.conn.executemany("INSERT INTO cases (platform, mention_id, brand, category, priority, state, created_ts,"
                            " opened_ts, responded_ts, responded_by, closed_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            cases)


def main(n: int = 1_000_000) -> None:
    since = datetime(2026, 1, 1, tzinfo=timezone.utc)
    until = since + timedelta(days=365)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(str(Path(tmp) / "report.db"))
        started = time.perf_counter()
        populate(db, n, since, 365)
        print(f"populated {n:,} cases in {time.perf_counter() - started:.1f} s")
        for _ in range(2):
            started = time.perf_counter()
            report = build_report(db, since=since, until=until, now=until, sla_seconds=3600)
            elapsed = time.perf_counter() - started
            print(f"report over {report['total']['cases']:,} cases, 4 breakdowns: {elapsed:.2f} s")
        for _ in range(2):  # a weekly summary or /kuulo stats 7d on a year of history
            started = time.perf_counter()
            report = build_report(db, since=until - timedelta(days=7), until=until, now=until, sla_seconds=3600)
            elapsed = time.perf_counter() - started
            print(f"report over the last 7 days ({report['total']['cases']:,} of {n:,} cases): {elapsed:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
