"""The outbox worker: delivers pending messages in order, retrying with backoff, never twice."""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass, field
from typing import Protocol

from kuulo.bot.case_views import shown_case
from kuulo.bot.clock import Clock
from kuulo.bot.errors import TransportError
from kuulo.bot.limits import BACKOFF_BASE_S, BACKOFF_MAX_S, MAX_RETRY_AFTER_S, SEND_HOLD_S
from kuulo.handlers.base import ChatHandler
from kuulo.rules.engine import Engine
from kuulo.storage.db import Database, write
from kuulo.storage import outbox
from kuulo.storage.cases import case_view

log = logging.getLogger(__name__)
MAX_UNEXPECTED = 5  # tries of a row that keeps failing with a bug (not a TransportError) before it is given up
MAX_LISTS = 20  # lists of due rows in one call while held chats refuse some (each refused row leaves the list)


def honoured(wait: float, what: str) -> float:
    """A server's wait (Retry-After, a rate-limit reset) as Kuulo keeps it: never negative, at most MAX_RETRY_AFTER_S
    (a longer one, or one that is not a number, is logged and cut to it)."""
    if math.isfinite(wait) and wait <= MAX_RETRY_AFTER_S:
        return max(0.0, wait)
    log.warning("%s asked to wait %s s; waiting %.0f s instead", what, wait, MAX_RETRY_AFTER_S)
    return MAX_RETRY_AFTER_S


def backoff(failures: int, retry_after: float | None = None, rng: random.Random | None = None,
            what: str = "a server") -> float:
    """Seconds to wait before the next try: the server's Retry-After when given (honoured), else exponential in the
    row's earlier failures (rate-limit waits are not failures), with jitter."""
    if retry_after is not None:
        return honoured(retry_after, what)
    delay = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** min(failures, 32))
    return delay * (0.5 + (rng or random).random() / 2)


def _deliver(handler: ChatHandler, item: outbox.OutboxItem, view: dict | None, ref: str | None) -> str | None:
    """handler.deliver; an unexpected error (a bug, bad data) is logged with its traceback and becomes a
    TransportError, so the row backs off like any failure and is given up after MAX_UNEXPECTED tries."""
    try:
        return handler.deliver(item, view, ref)
    except TransportError:
        raise
    except Exception as exc:
        log.exception("outbox %s (%s via %s) failed unexpectedly", item.id, item.kind, handler.name)
        raise TransportError(f"{handler.name}: unexpected {type(exc).__name__}: {exc}",
                             permanent=item.failures + 1 >= MAX_UNEXPECTED) from exc


class ReplyOutcomes(Protocol):
    """Told what became of a reply written in Kuulo (the CaseService)."""

    def reply_sent(self, case_id: int, actor: str, source: str, reply_id: str | None) -> None: ...

    def reply_failed(self, case_id: int, error: str) -> None: ...


def _unhold(db: Database, item: outbox.OutboxItem, clock: Clock, exc: BaseException) -> None:
    """A send stopped midway by an exception that is no TransportError (Ctrl-C, SystemExit: a bug is a TransportError
    by now) is left due for the next deliverer, not held for SEND_HOLD_S, which would stop the messages behind it."""
    try:
        outbox.mark_retry(db, item.id, clock.now().timestamp(), f"stopped while sending ({type(exc).__name__})",
                          failed=False)
    except Exception:  # the database itself failing: the hold runs out on its own
        log.exception("outbox %s: could not release it after %r", item.id, exc)


SENT, REFUSED, STOP, NEXT = range(4)  # what became of one row in a round (_Round.send)


@dataclass
class _Round:
    """One deliver_pending call's state: what went (recorded at the end on a terminal), where alerts landed, and
    the cases and chats a rate limit holds meanwhile."""

    db: Database
    handler: ChatHandler
    clock: Clock
    replies: ReplyOutcomes | None
    render: Engine | None
    in_rounds: bool
    went: list[tuple[int, float, str | None]] = field(default_factory=list)  # delivered, not recorded (in_rounds)
    landed: dict[int, str] = field(default_factory=dict)  # where this round's alerts landed, not recorded yet
    held: set[int] = field(default_factory=set)  # cases whose message waits on a chat: their later ones wait too
    waiting_chats: set[str] = field(default_factory=set)  # chats that refused this round: later refusals no news

    def send(self, item: outbox.OutboxItem) -> int:
        """Deliver one row: SENT, REFUSED (its chat holds it), NEXT (given up, or its case waits) or STOP (an outage,
        or another deliverer sending it: the rows after it wait, in order)."""
        db, name = self.db, self.handler.name
        if item.case_id in self.held:
            return NEXT
        view = (None if item.case_id is None else case_view(db, item.case_id) if self.render is None
                else shown_case(db, self.render, item.case_id))
        ref = None if item.case_id is None else (outbox.sent_ref(db, name, item.case_id)
                                                 or self.landed.get(item.case_id))
        now = self.clock.now().timestamp()
        if not self.in_rounds and not outbox.take(db, item.id, now, now + SEND_HOLD_S):
            return STOP  # another deliverer is sending it (`kuulo poll` beside `kuulo run`, a Slack button's
            # listener beside the scheduler): it goes once, and the rest wait for the next round, in order
        try:
            new_ref = _deliver(self.handler, item, view, ref)
        except TransportError as exc:
            return self._failed(item, exc)
        except BaseException as exc:
            if not self.in_rounds:
                _unhold(db, item, self.clock, exc)
            raise
        if self.in_rounds:
            self.went.append((item.id, self.clock.now().timestamp(), new_ref))
            if item.kind == "alert" and new_ref is not None and item.case_id is not None:
                self.landed.setdefault(item.case_id, new_ref)
            return SENT
        with write(db) as tx:
            outbox.mark_sent(tx, item.id, self.clock.now().timestamp(), new_ref)
            if item.kind == "reply" and view is not None:
                self.replies.reply_sent(item.case_id, item.payload.get("actor", "kuulo"), name.removeprefix("reply:"),
                                        new_ref)
        return SENT

    def _failed(self, item: outbox.OutboxItem, exc: TransportError) -> int:
        """Give the row up (a permanent error) or set its retry: on one chat (REFUSED) or the whole transport."""
        if exc.permanent:
            log.error("outbox %s (%s, case %s) failed for good: %s", item.id, item.kind, item.case_id, exc)
            with write(self.db) as tx:
                outbox.mark_dead(tx, item.id, str(exc))
                if item.kind == "reply" and self.replies is not None and item.case_id is not None:
                    self.replies.reply_failed(item.case_id, str(exc))
            return NEXT
        wait = backoff(item.failures, exc.retry_after, what=self.handler.name)
        log.log(logging.DEBUG if exc.chat in self.waiting_chats else logging.WARNING,
                "outbox %s (%s) failed, retry in %.0fs: %s", item.id, item.kind, wait, exc)
        outbox.mark_retry(self.db, item.id, self.clock.now().timestamp() + wait, str(exc), exc.progress,
                          failed=exc.retry_after is None, waits_on=exc.chat)
        if exc.chat is None:
            return STOP
        self.waiting_chats.add(exc.chat)
        if item.case_id is not None:
            self.held.add(item.case_id)
        return REFUSED


def deliver_pending(db: Database, handler: ChatHandler, clock: Clock, limit: int = 100, *,
                    replies: ReplyOutcomes | None = None, engine: Engine | None = None) -> int:
    """Deliver what is due for one transport, in order; returns how many went. A failure stops the round (an outage:
    the rest would fail alike), except a rate limit on one chat, which holds only its case's later messages.
    Replies to platforms are settled on their case through `replies`: sent (the response) or refused for good.
    An alert shows the reply suggestions `engine` renders for its post (without one, the verdict as stored).
    Each message is held (outbox.take) before it is sent, so two deliverers never send it twice, and recorded as sent
    as soon as it went, except on a transport where one shown again after a crash does no harm (a terminal:
    `confirms_in_rounds`): its messages are recorded together when the round ends, unheld."""
    replying = handler.name.startswith("reply:")  # to a platform: shows no suggestions, settles each reply at once
    if replies is None and replying:
        raise ValueError(f"{handler.name}: delivering replies needs `replies` to settle their cases")
    round_ = _Round(db, handler, clock, replies, None if replying else engine,
                    getattr(handler, "confirms_in_rounds", False) and not replying)
    holds = getattr(handler, "holds", None)  # a transport's ChatHolds: told the chats the outbox knows are held
    sent = 0
    try:
        for _ in range(MAX_LISTS):
            items, chats = outbox.due_and_held(db, handler.name, clock.now().timestamp(), limit)
            if holds is not None:
                for chat, until in chats.items():  # after a restart too: a held chat is not asked before its time
                    holds.hold(chat, until)
            outcomes = []
            for item in items:
                outcomes.append(round_.send(item))
                if outcomes[-1] == STOP:
                    break
            sent += outcomes.count(SENT)
            if STOP in outcomes or REFUSED not in outcomes or sent >= limit:
                break  # listed again only when a held chat refused some: the other chats' messages behind them go now
    finally:
        if round_.went:  # what went is recorded even when something unforeseen stops the round
            with write(db) as tx:
                outbox.mark_sent_many(tx, round_.went)
    return sent
