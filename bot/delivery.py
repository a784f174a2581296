"""The outbox worker: delivers pending messages in order, retrying with backoff, never twice."""

from __future__ import annotations

import logging
import math
import random
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
    render = None if replying else engine
    in_rounds = getattr(handler, "confirms_in_rounds", False) and not replying
    went: list[tuple[int, float, str | None]] = []  # delivered in this round and not recorded yet (in_rounds)
    held: set[int] = set()  # cases whose message waits on one chat's rate limit: their later ones wait behind it
    waiting_chats: set[str] = set()  # chats that refused a message this round: the next refusals are not news
    landed: dict[int, str] = {}  # where this round's alerts landed, while they are not recorded
    holds = getattr(handler, "holds", None)  # a transport's ChatHolds: told the chats the outbox knows are held
    sent = 0
    try:
        for _ in range(MAX_LISTS):
            items, chats = outbox.due_and_held(db, handler.name, clock.now().timestamp(), limit)
            if holds is not None:
                for chat, until in chats.items():  # after a restart too: a held chat is not asked before its time
                    holds.hold(chat, until)
            refused = stopped = False
            for item in items:
                if item.case_id in held:
                    continue
                view = (None if item.case_id is None else case_view(db, item.case_id) if render is None
                        else shown_case(db, render, item.case_id))
                ref = None if item.case_id is None else (outbox.sent_ref(db, handler.name, item.case_id)
                                                         or landed.get(item.case_id))
                now = clock.now().timestamp()
                if not in_rounds and not outbox.take(db, item.id, now, now + SEND_HOLD_S):
                    stopped = True  # another deliverer is sending it (`kuulo poll` beside `kuulo run`, a Slack
                    break  # button's listener beside the scheduler): it goes once, the rest wait for the next round
                try:
                    new_ref = _deliver(handler, item, view, ref)
                except TransportError as exc:
                    if exc.permanent:
                        log.error("outbox %s (%s, case %s) failed for good: %s", item.id, item.kind, item.case_id,
                                  exc)
                        with write(db) as tx:
                            outbox.mark_dead(tx, item.id, str(exc))
                            if item.kind == "reply" and replies is not None and item.case_id is not None:
                                replies.reply_failed(item.case_id, str(exc))
                        continue
                    wait = backoff(item.failures, exc.retry_after, what=handler.name)
                    log.log(logging.DEBUG if exc.chat in waiting_chats else logging.WARNING,
                            "outbox %s (%s) failed, retry in %.0fs: %s", item.id, item.kind, wait, exc)
                    outbox.mark_retry(db, item.id, clock.now().timestamp() + wait, str(exc), exc.progress,
                                      failed=exc.retry_after is None, waits_on=exc.chat)
                    if exc.chat is None:
                        stopped = True
                        break
                    waiting_chats.add(exc.chat)
                    refused = True
                    if item.case_id is not None:
                        held.add(item.case_id)
                    continue
                except BaseException as exc:
                    if not in_rounds:
                        _unhold(db, item, clock, exc)
                    raise
                sent += 1
                if in_rounds:
                    went.append((item.id, clock.now().timestamp(), new_ref))
                    if item.kind == "alert" and new_ref is not None and item.case_id is not None:
                        landed.setdefault(item.case_id, new_ref)
                    continue
                with write(db) as tx:
                    outbox.mark_sent(tx, item.id, clock.now().timestamp(), new_ref)
                    if item.kind == "reply" and view is not None:
                        replies.reply_sent(item.case_id, item.payload.get("actor", "kuulo"),
                                           handler.name.removeprefix("reply:"), new_ref)
            if stopped or not refused or sent >= limit:
                break  # listed again only when a held chat refused some: the other chats' messages behind them go now
    finally:
        if went:  # what went is recorded even when something unforeseen stops the round
            with write(db) as tx:
                outbox.mark_sent_many(tx, went)
    return sent
