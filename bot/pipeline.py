"""Mentions in, cases out: rules, storage, ledger and outbox in one transaction per batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from kuulo.bot.clock import Clock
from kuulo.bot.models import Mention
from kuulo.bot.reconcile import Outcome, Reconciler
from kuulo.rules.engine import Engine
from kuulo.rules.specs import OpenFor
from kuulo.rules.verdict import Verdict
from kuulo.storage import mentions as mention_rows
from kuulo.storage import threads as thread_rows
from kuulo.storage.cursors import set_cursor
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger

BATCH_SIZE = 500


@dataclass(slots=True)
class IngestStats:
    """What one ingest did."""

    new: int = 0
    duplicates: int = 0
    brand_replies: int = 0
    cases_opened: int = 0
    cases_closed: int = 0
    opened_ids: list[int] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        """Fold in what one thread's reconciliation did."""
        self.cases_opened += len(outcome.opened)
        self.opened_ids.extend(outcome.opened)
        self.cases_closed += outcome.answered

    def add(self, other: IngestStats) -> None:
        """Fold another batch's counts into this one."""
        self.new += other.new
        self.duplicates += other.duplicates
        self.brand_replies += other.brand_replies
        self.cases_opened += other.cases_opened
        self.cases_closed += other.cases_closed
        self.opened_ids.extend(other.opened_ids)


class Pipeline:
    """Turns mentions into stored posts, cases, ledger events and outbox messages."""

    def __init__(self, db: Database, engine: Engine, clock: Clock, *,
                 open_for: OpenFor = "needs_reply", transports: Sequence[str] = ("console",)):
        self.db, self.engine, self.clock = db, engine, clock
        self.open_for, self.transports = open_for, tuple(transports)

    def ingest(self, mentions: Iterable[Mention], *, source: str | None = None,
               cursor: str | None = None) -> IngestStats:
        """Store mentions in batches; the source's cursor advances with the last batch."""
        total, batch = IngestStats(), []
        for mention in mentions:
            batch.append(mention)
            if len(batch) >= BATCH_SIZE:
                total.add(self.ingest_batch(batch, source=source, advance=False))
                batch = []
        total.add(self.ingest_batch(batch, source=source, cursor=cursor))
        return total

    def ingest_batch(self, batch: Sequence[Mention], *, source: str | None = None,
                     cursor: str | None = None, advance: bool = True) -> IngestStats:
        """One atomic batch: every post with its matches, cases, events and alerts, or none of them."""
        judged = [(m, self.engine.own_brand(m.platform, m.author)) for m in batch]
        verdicts = [None if own else self.engine.evaluate(m.text, platform=m.platform, author=m.author, lang=m.lang)
                    for m, own in judged]
        stats = IngestStats()
        now = self.clock.now().timestamp()
        with write(self.db) as db:
            reconciler = Reconciler(db, Ledger(db), now, open_for=self.open_for, transports=self.transports)
            touched: dict[str, set[str]] = {}
            for (mention, own), verdict in zip(judged, verdicts):
                row = self._store(db, mention, own, verdict, now, source)
                if row is None:
                    stats.duplicates += 1
                    continue
                stats.new += 1
                stats.brand_replies += own is not None
                if row["thread_root"] == mention.id and not thread_rows.has_replies(db, mention.platform, mention.id):
                    stats.count(reconciler.thread(mention.platform, mention.id, [row]))  # a thread of its own
                else:
                    touched.setdefault(mention.platform, set()).add(mention.id)
            for platform, ids in sorted(touched.items()):
                for root in sorted({thread_rows.thread_root_of(db, platform, post_id) for post_id in ids}):
                    stats.count(reconciler.thread(platform, root))
            if source is not None and advance:
                set_cursor(db, source, cursor, now)
        return stats

    def _store(self, db: Database, mention: Mention, own: str | None, verdict: Verdict | None, now: float,
               source: str | None) -> dict[str, Any] | None:
        """Store one post in its thread (replies stored before it join that thread); None for a duplicate."""
        parent = mention_rows.parent_of(db, mention.platform, mention.in_reply_to) if mention.in_reply_to else None
        root = parent.thread_root if parent else (mention.in_reply_to or mention.id)
        if own is not None:
            kind, brand, category, stored = "brand_reply", own, None, None
        else:
            kind = "mention" if verdict.brands else "post"
            brand = verdict.brands[0].brand if verdict.brands else None
            category = verdict.categories[0] if verdict.categories else None
            stored = verdict.to_json(mention.id)
        if not mention_rows.insert_mention(db, mention, kind=kind, thread_root=root, brand=brand, category=category,
                                           verdict=stored, seen_ts=now, source=source):
            return None
        if verdict is not None and verdict.brands:
            mention_rows.insert_matches(db, mention.platform, mention.id, mention.created_at.timestamp(),
                                        [(b.brand, b.term, b.form, b.how, b.score) for b in verdict.brands])
        thread_rows.reroot(db, mention.platform, mention.id, root)
        return {"id": mention.id, "in_reply_to": mention.in_reply_to, "created_ts": mention.created_at.timestamp(),
                "author": mention.author, "kind": kind, "brand": brand, "category": category, "verdict": stored,
                "case_id": None, "text": mention.text, "thread_root": root}
