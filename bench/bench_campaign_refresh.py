"""Judging a campaign's entries again: N entries imported under one exclude list, then the refresh under another
(every entry read and judged), then a campaign command's check when nothing changed (an indexed lookup); and
moderating one entry of the N (approve by PLATFORM:ID, reject by a bare id, a chat button's lookup: each by index)
beside the digest a chat redraws after it (every entry's summary, whole only the entries it shows).

    python bench/bench_campaign_refresh.py [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from kuulo.bot.app import build_services
from kuulo.bot.campaigns_moderation import approve, reject
from kuulo.bot.config import load_config
from kuulo.bot.models import Mention
from kuulo.bot.sources.times import parse_iso
from kuulo.handlers.desk.campaign_digest import digest_entries
from kuulo.handlers.slack.campaign_blocks import digest
from kuulo.storage.campaigns import entry_by_key, entry_key, list_entries
from kuulo.storage.db import write

CONFIG = """database: {db}
brands:
  - name: Valio
    handles: [valio]
campaigns:
  - name: kesa
    hashtags: ["#valiokesä"]
    start: 2026-06-01
    end: 2026-08-31
    min_tagged_friends: 1
    exclude_accounts: [{excluded}]
"""


def services_for(folder: Path, excluded: str):
    path = folder / f"{excluded}.yaml"
    path.write_text(CONFIG.format(db=folder / "kesa.db", excluded=excluded), encoding="utf-8")
    return build_services(load_config(path))


def main(n: int = 20_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = services_for(folder, "staff_a")
        posts = [Mention(platform="instagram", id=f"p{i}", author=f"user{i * 7919 % (n * 3 // 4)}",
                         text=f"Kesä! #valiokesä @friend{i % 50}", hashtags=("#valiokesä",),
                         created_at=parse_iso(f"2026-07-{1 + i % 28:02d}T12:00:00+03:00"),
                         media_url="https://cdn.example/x.jpg") for i in range(n)]
        for start in range(0, n, 5_000):
            first.pipeline.ingest(posts[start:start + 5_000])
        first.db.close()
        changed = services_for(folder, "user7")
        collector, campaign = changed.pipeline.campaigns, changed.config.campaigns[0]
        started = time.perf_counter()
        with write(changed.db):
            moved = collector.refresh(changed.db, campaign, time.time())
        refresh_s = time.perf_counter() - started
        started = time.perf_counter()
        stale = collector.needs_refresh(changed.db, campaign)
        check_s = time.perf_counter() - started
        moderation = _moderation(changed, campaign)
    print(json.dumps({"entries": n, "changed": moved}))
    print(f"refresh under changed rules: {refresh_s:.2f} s for {n:,} entries ({refresh_s / n * 1e6:.0f} us an entry)")
    print(f"a command's check when nothing changed: {check_s * 1000:.2f} ms (needs refresh: {stale})")
    print("moderating one entry (median of 20): " + ", ".join(f"{what} {ms:.2f} ms" for what, ms in moderation))


def _median_ms(work) -> float:
    times = []
    for _ in range(20):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2] * 1000


def _moderation(services, campaign) -> list[tuple[str, float]]:
    """Per-entry moderation, each on its own entry, and the digest's redraw."""
    db, now = services.db, time.time()
    eligible = [e["id"] for e in list_entries(db, campaign.name, "eligible")]
    picks = iter(eligible[::max(1, len(eligible) // 61)])
    return [("approve PLATFORM:ID", _median_ms(lambda: approve(db, campaign, [f"instagram:{next(picks)}"], by="anna",
                                                               now=now))),
            ("reject ID", _median_ms(lambda: reject(db, campaign, [next(picks)], reason="a repost", by="anna",
                                                    now=now))),
            ("a button's entry", _median_ms(lambda: entry_by_key(db, campaign.name,
                                                                 entry_key("instagram", next(picks))))),
            ("the digest redrawn", _median_ms(lambda: digest(campaign, digest_entries(db, campaign))))]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
