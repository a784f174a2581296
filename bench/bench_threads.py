"""Where an import's time goes, in-process: the rules and the storage of posts that each open a case, and one
conversation growing large (a comment giveaway: every comment recomputes the post's whole conversation per batch).

Run: python bench/bench_threads.py [POSTS] [COMMENTS,COMMENTS...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kuulo.bot.app import build_services, default_config
from kuulo.bot.clock import FrozenClock
from kuulo.bot.models import Mention

T0 = datetime(2026, 11, 17, tzinfo=timezone.utc)
QUESTIONS = ("Miksi Nordean verkkopankki ei toimi?", "@NordeaSuomi kortti ei toimi, miksi?", "Why is Nordea app down?")


def services(tmp: str):
    return build_services(default_config(str(Path(tmp) / "k.db")), clock=FrozenClock(T0 + timedelta(days=30)))


def split(n: int) -> None:
    """Rules alone, then the whole ingest, of n posts that each open a case."""
    posts = [Mention("x", str(i), f"user{i % 500}", f"{QUESTIONS[i % 3]} #{i}", T0 + timedelta(seconds=i))
             for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        s = services(tmp)
        started = time.perf_counter()
        for m in posts:
            s.engine.evaluate(m.text, platform=m.platform, author=m.author)
        rules = time.perf_counter() - started
        started = time.perf_counter()
        s.pipeline.ingest(posts)
        ingest = time.perf_counter() - started
    print(f"{n:,} case-opening posts: rules {rules / n * 1e6:.0f} us a post, ingest {ingest / n * 1e6:.0f} us a post,"
          f" so storage about {(ingest - rules) / n * 1e6:.0f} us")


def conversation(n: int) -> None:
    """n comments on one brand post (a tenth of them questions), imported in the pipeline's batches."""
    comments = [Mention("instagram", f"c{i}", f"user{i}", "Miten tämä toimii?" if i % 10 == 0 else "Osallistun! @kaveri",
                        T0 + timedelta(seconds=i + 1), in_reply_to="post") for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        s = services(tmp)
        s.pipeline.ingest([Mention("instagram", "post", "NordeaSuomi", "Arvonta! Kommentoi ja tägää kaveri", T0)])
        started = time.perf_counter()
        stats = s.pipeline.ingest(comments)
        took = time.perf_counter() - started
    print(f"{n:,} comments on one post: {took:.1f} s ({n / took:,.0f} a second), {stats.cases_opened:,} cases")


if __name__ == "__main__":
    split(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
    for size in (sys.argv[2] if len(sys.argv) > 2 else "5000,20000").split(","):
        conversation(int(size))
