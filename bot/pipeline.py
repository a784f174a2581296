"""Mentions in, cases out: rules, storage, ledger and outbox in one transaction per batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from kuulo.bot.clock import Clock
from kuulo.bot.models import Mention
from kuulo.rules.engine import Engine
from kuulo.rules.specs import OpenFor
from kuulo.rules.verdict import Verdict
from kuulo.storage import cases as case_rows
from kuulo.storage import mentions as mention_rows
from kuulo.storage.cursors import set_cursor
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger
from kuulo.storage.outbox import enqueue

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

    def add(self, other: IngestStats) -> None:
        """Fold another batch's counts into this one."""
        self.new += other.new
        self.duplicates += other.duplicates
        self.brand_replies += other.brand_replies
        self.cases_opened += other.cases_opened
        self.cases_closed += other.cases_closed
        self.opened_ids.extend(other.opened_ids)


def wants_case(open_for: OpenFor, verdict: Verdict, *, in_thread: bool) -> bool:
    """Whether a post opens a case: the verdict decides, and a follow-up in a brand thread needs no brand name."""
    if not in_thread:
        return verdict.needs_reply
    if open_for == "all":
        return True
    return verdict.is_question or (open_for == "needs_reply" and verdict.negative)


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
        """One atomic batch: every post with its matches, case, events and alerts, or none of them."""
        judged = [(m, self.engine.own_brand(m.platform, m.author)) for m in batch]
        verdicts = [None if own else self.engine.evaluate(m.text, platform=m.platform, author=m.author, lang=m.lang)
                    for m, own in judged]
        stats = IngestStats()
        now = self.clock.now().timestamp()
        with write(self.db) as db:
            ledger = Ledger(db)
            for (mention, own), verdict in zip(judged, verdicts):
                if own:
                    self._brand_reply(db, ledger, mention, own, now, stats, source)
                else:
                    self._post(db, ledger, mention, verdict, now, stats, source)
            if source is not None and advance:
                set_cursor(db, source, cursor, now)
        return stats

    def _brand_reply(self, db: Database, ledger: Ledger, mention: Mention, brand: str,
                     now: float, stats: IngestStats, source: str | None) -> None:
        parent = mention_rows.parent_of(db, mention.platform, mention.in_reply_to) if mention.in_reply_to else None
        root = parent.thread_root if parent else (mention.in_reply_to or mention.id)
        if not mention_rows.insert_mention(db, mention, kind="brand_reply", thread_root=root, brand=brand,
                                           category=None, verdict=None, seen_ts=now, source=source):
            stats.duplicates += 1
            return
        stats.new += 1
        stats.brand_replies += 1
        if parent is None:
            return  # the post it answers is not here yet: its arrival closes its case
        case = (case_rows.case_for_mention(db, mention.platform, parent.id)
                or case_rows.latest_thread_case(db, mention.platform, parent.thread_root))
        if case and case["state"] in case_rows.ACTIVE:
            self._close_by_reply(db, ledger, case["id"], mention.id, mention.author, mention.created_at.timestamp())
            stats.cases_closed += 1

    def _post(self, db: Database, ledger: Ledger, mention: Mention, verdict: Verdict,
              now: float, stats: IngestStats, source: str | None) -> None:
        parent = mention_rows.parent_of(db, mention.platform, mention.in_reply_to) if mention.in_reply_to else None
        root = parent.thread_root if parent else (mention.in_reply_to or mention.id)
        thread_case = case_rows.latest_thread_case(db, mention.platform, root) if parent else None
        # a comment on the brand's own post (an Instagram comment, a reply to a toot) is about the brand by place
        on_brand_post = parent.brand if parent is not None and parent.kind == "brand_reply" else None
        brand = (verdict.brands[0].brand if verdict.brands
                 else thread_case["brand"] if thread_case else on_brand_post)
        category = verdict.categories[0] if verdict.categories else None
        kind = "mention" if verdict.brands or on_brand_post else "post"
        stored_verdict = verdict.to_json(mention.id)
        if on_brand_post and not verdict.brands:
            stored_verdict["on_brand_post"] = on_brand_post
        if not mention_rows.insert_mention(db, mention, kind=kind, thread_root=root, brand=brand, category=category,
                                           verdict=stored_verdict, seen_ts=now, source=source):
            stats.duplicates += 1
            return
        stats.new += 1
        matches = [(b.brand, b.term, b.form, b.how, b.score) for b in verdict.brands]
        if on_brand_post and not matches:
            matches = [(on_brand_post, on_brand_post, "(on the brand's own post)", "thread", 100.0)]
        mention_rows.insert_matches(db, mention.platform, mention.id, mention.created_at.timestamp(), matches)
        if thread_case and thread_case["state"] in case_rows.ACTIVE:
            ledger.append(ts=now, actor=mention.author, kind="follow_up", case_id=thread_case["id"],
                          platform=mention.platform, mention_id=mention.id, data={"text": mention.text[:500]})
            return
        in_thread = thread_case is not None or on_brand_post is not None
        if brand is None or not wants_case(self.open_for, verdict, in_thread=in_thread):
            return
        case_id = case_rows.open_case(
            db, ledger, platform=mention.platform, mention_id=mention.id, brand=brand, category=category,
            priority=verdict.priority, created_ts=mention.created_at.timestamp(), opened_ts=now, thread_root=root,
            parent_case_id=thread_case["id"] if thread_case else None,
            reasons={"brands": [b.form for b in verdict.brands], "is_question": verdict.is_question,
                     "negative": verdict.negative, "categories": list(verdict.categories),
                     "on_brand_post": on_brand_post is not None and not verdict.brands})
        stats.cases_opened += 1
        stats.opened_ids.append(case_id)
        early = mention_rows.earliest_brand_reply(db, mention.platform, mention.id)
        if early:  # the brand answered before we saw the post
            self._close_by_reply(db, ledger, case_id, *early, alert=False)
            stats.cases_closed += 1
        else:
            enqueue(db, self.transports, kind="alert", case_id=case_id, payload={"case_id": case_id}, ts=now)

    def _close_by_reply(self, db: Database, ledger: Ledger, case_id: int, reply_id: str, author: str,
                        reply_ts: float, *, alert: bool = True) -> None:
        """The brand's own reply on the platform answers the case at the reply's platform time."""
        case_rows.transition(db, ledger, case_id, kind="answered", actor=f"@{author.lstrip('@')}", ts=reply_ts,
                             allowed=case_rows.ACTIVE,
                             changes={"state": "answered", "responded_ts": reply_ts,
                                      "responded_by": f"@{author.lstrip('@')}", "responded_how": "platform_reply",
                                      "closed_ts": reply_ts},
                             data={"how": "platform_reply", "reply_id": reply_id})
        if alert:
            enqueue(db, self.transports, kind="update", case_id=case_id,
                    payload={"case_id": case_id, "event": "answered", "how": "platform_reply"},
                    ts=self.clock.now().timestamp())
