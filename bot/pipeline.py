"""Mentions in, cases out: rules, storage, ledger and outbox in one transaction per batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from kuulo.bot.campaigns import EntryCollector
from kuulo.bot.clock import Clock
from kuulo.bot.judging import Judged, judge
from kuulo.bot.models import Mention
from kuulo.bot.reconcile import Outcome, Reconciler, verdict_reasons
from kuulo.rules.engine import Engine
from kuulo.rules.specs import OpenFor
from kuulo.storage import mentions as mention_rows
from kuulo.storage.mentions import mention_values
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
    # (place in the batch, what differs) of each duplicate whose author, text, created_at or in_reply_to differ from
    # the copy kept (stored before, or earlier in the batch): one batch's, not folded in by add
    conflicts: list[tuple[int, str]] = field(default_factory=list)

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
                 open_for: OpenFor = "needs_reply", transports: Sequence[str] = ("console",),
                 campaigns: EntryCollector | None = None):
        self.db, self.engine, self.clock, self.campaigns = db, engine, clock, campaigns
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
                     cursor: str | None = None, advance: bool = True,
                     ahead: Sequence[Judged | None] | None = None) -> IngestStats:
        """One atomic batch: every post with its matches, cases, events and alerts, or none of them (ahead: the
        batch's verdicts judged before, by position, from JudgeAhead; without it they are judged here before the
        write transaction, and a post left without one is judged inside it)."""
        stats = IngestStats()
        if ahead is None:  # before the write lock: a verdict may ask the sentence encoder (20-40 ms a new text)
            ahead = self.judge_ahead(batch)
        now = self.clock.now().timestamp()  # when the batch is written: its posts' seen_ts, its events' time
        with write(self.db) as db:
            fresh = self._fresh(db, batch, stats, ahead)
            judged = [(m, own, None if own else ahead[i] if ahead[i] is not None else self._judge(m))
                      for i, m, own in fresh]
            reconciler = Reconciler(db, Ledger(db), now, open_for=self.open_for, transports=self.transports)
            rows, alone, threaded = self._thread_rows(db, judged)
            case_ids = reconciler.open_alone([(m.platform, rows[i]) for i, m in alone])
            stats.count(Outcome(opened=list(case_ids.values())))
            mention_rows.insert_mentions(db, [mention_values(
                m, kind=row["kind"], thread_root=row["thread_root"], brand=row["brand"], category=row["category"],
                verdict=row["verdict"], facts=_facts(row), seen_ts=now, source=source,
                case_id=case_ids.get((m.platform, m.id))) for row, (m, _, _) in zip(rows, judged)])
            mention_rows.insert_all_matches(db, [(m.platform, m.id, m.created_at.timestamp(), verdict.brands)
                                                 for m, _, verdict in judged if verdict is not None and verdict.brands])
            for i, m in threaded:  # replies stored before their parent join its thread, in batch order
                thread_rows.reroot(db, m.platform, m.id, thread_rows.thread_root_of(db, m.platform, m.id))
            touched = sorted({(m.platform, thread_rows.thread_root_of(db, m.platform, m.id)) for _, m in threaded})
            for platform, root in touched:
                stats.count(reconciler.thread(platform, root))
            if self.campaigns is not None:  # contest entries: every post of the batch, stored now or before
                self.campaigns.collect(db, batch, now)
            stats.new += len(judged)
            stats.brand_replies += sum(own is not None for _, own, _ in judged)
            if source is not None and advance:
                set_cursor(db, source, cursor, now)
        return stats

    def judge_ahead(self, batch: Sequence[Mention]) -> list[Judged | None]:
        """The verdicts of the posts to_judge picks, by place in the batch (None elsewhere), judged outside any write
        transaction of this connection's own: a desk's click or another import waits for none of them."""
        judged: list[Judged | None] = [None] * len(batch)
        for i in self.to_judge(batch):
            judged[i] = self._judge(batch[i])
        return judged

    def _judge(self, m: Mention) -> Judged:
        return judge(self.engine, m.id, m.text, m.platform, m.author, m.lang)

    def to_judge(self, batch: Sequence[Mention]) -> list[int]:
        """The places in the batch of the posts its ingest will judge: not stored yet nor earlier in the batch, not a
        brand's own."""
        stored = {platform: mention_rows.existing_ids(self.db, platform,
                                                      [m.id for m in batch if m.platform == platform])
                  for platform in {m.platform for m in batch}}
        first = {(m.platform, m.id): i for i, m in reversed(list(enumerate(batch)))}  # where each post comes first
        return [i for i, m in enumerate(batch) if first[m.platform, m.id] == i and m.id not in stored[m.platform]
                and self.engine.own_brand(m.platform, m.author) is None]

    def _fresh(self, db: Database, batch: Sequence[Mention], stats: IngestStats,
               ahead: Sequence[Judged | None] | None = None) -> list[tuple[int, Mention, str | None]]:
        """The posts not stored yet (nor twice in the batch), each with its place in the batch and the brand whose own
        account wrote it (none for a post judged ahead: to_judge left the brands' own out)."""
        stored: dict[str, dict[str, Copy]] = {}
        for platform in {m.platform for m in batch}:
            stored[platform] = mention_rows.stored_copies(db, platform, [m.id for m in batch if m.platform == platform])
        fresh, seen = [], {}
        for i, m in enumerate(batch):
            kept = stored[m.platform].get(m.id)
            earlier = seen.get((m.platform, m.id)) if kept is None else None
            if kept is not None or earlier is not None:
                stats.duplicates += 1
                differs = _differs(m, kept or _copy(earlier))
                if differs:
                    stats.conflicts.append((i, f"{m.platform} id {_short(m.id)} "
                                               f"{'was stored before' if kept else 'came earlier in this import'} with "
                                               f"other {differs}; the {'stored' if kept else 'first'} copy is kept"))
                continue
            seen[(m.platform, m.id)] = m
            judged = ahead is not None and ahead[i] is not None
            fresh.append((i, m, None if judged else self.engine.own_brand(m.platform, m.author)))
        return fresh

    def _thread_rows(self, db: Database, judged: list[tuple[Mention, str | None, Judged | None]]
                     ) -> tuple[list[dict[str, Any]], list[tuple[int, Mention]], list[tuple[int, Mention]]]:
        """Each new post as a thread row (its thread: the parent's, else the id it replies to, else its own), and
        which posts are a thread of their own (no parent, no reply stored or in the batch) and which are not."""
        roots: dict[tuple[str, str], str] = {}
        parents = {(m.platform, m.in_reply_to) for m, _, _ in judged if m.in_reply_to}
        replied = {platform: thread_rows.roots_among(db, platform,
                                                     [m.id for m, _, _ in judged if m.platform == platform])
                   for platform in {m.platform for m, _, _ in judged}}
        rows, alone, threaded = [], [], []
        for i, (m, own, verdict) in enumerate(judged):
            if m.in_reply_to:
                root = roots.get((m.platform, m.in_reply_to))
                if root is None:
                    parent = mention_rows.parent_of(db, m.platform, m.in_reply_to)
                    root = parent.thread_root if parent else m.in_reply_to
            else:
                root = m.id
            roots[(m.platform, m.id)] = root
            if own is not None:
                kind, brand, category, stored, reasons = "brand_reply", own, None, None, verdict_reasons(None)
            else:
                kind = "mention" if verdict.brands else "post"
                brand = verdict.brands[0][0] if verdict.brands else None
                category = verdict.categories[0] if verdict.categories else None
                stored = verdict.verdict
                reasons = {"brands": [b[2] for b in verdict.brands], "is_question": verdict.is_question,
                           "negative": verdict.negative, "categories": list(verdict.categories)}
            rows.append({"id": m.id, "in_reply_to": m.in_reply_to, "created_ts": m.created_at.timestamp(),
                         "author": m.author, "kind": kind, "brand": brand, "category": category, "verdict": stored,
                         "reasons": reasons, "case_id": None, "text": m.text, "thread_root": root,
                         "v_brand": None if own else brand, "v_category": category,
                         "priority": verdict.priority if verdict else None,
                         "needs_reply": verdict is not None and verdict.needs_reply,
                         "is_question": verdict is not None and verdict.is_question,
                         "negative": verdict is not None and verdict.negative, "author_id": m.author_id})
            if m.in_reply_to or m.id in replied[m.platform] or (m.platform, m.id) in parents:
                threaded.append((i, m))
            else:
                alone.append((i, m))
        return rows, alone, threaded


Copy = tuple[str, str, float, "str | None", "str | None"]  # what two copies of a post are compared on (COMPARED)
COMPARED = ("author", "text", "created_at", "in_reply_to", "author_id")


def _copy(m: Mention) -> Copy:
    """The fields of a post that two copies of it are compared on, as stored_copies reads a stored one."""
    return m.author, m.text, m.created_at.timestamp(), m.in_reply_to, m.author_id


def _differs(m: Mention, kept: Copy) -> str:
    """What a duplicate changes of the copy kept ('text and created_at'), or '' when it is the same post."""
    names = [name for name, new, old in zip(COMPARED, _copy(m), kept)
             if new != old]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""


def _short(post_id: str) -> str:
    """A post id as a note shows it: at most 60 characters."""
    return post_id if len(post_id) <= 60 else post_id[:59] + "…"


def _facts(row: dict[str, Any]) -> tuple[str | None, str | None, int | None]:
    """(first brand, priority, flags) of a post's verdict, the columns the case planner reads (none for a brand's
    own post)."""
    if row["verdict"] is None:
        return None, None, None
    return row["v_brand"], row["priority"], row["needs_reply"] + 2 * row["is_question"] + 4 * row["negative"]
