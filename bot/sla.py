"""The SLA sweep: remind at a share of the target, escalate at breach, wake snoozed cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Sequence


from kuulo.bot.cases import CaseService
from kuulo.bot.clock import Clock
from kuulo.bot.errors import CaseStateError
from kuulo.storage import cases as case_rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger
from kuulo.storage.outbox import enqueue

ESCALATE_LOOKBACK_S = 86_400  # breaches older than this (an imported backlog) stay in reports, not in chat


@dataclass(slots=True)
class SweepResult:
    """What one sweep did."""

    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    woken: list[int] = field(default_factory=list)


def sweep(db: Database, clock: Clock, cases: CaseService, *, sla_seconds: int, remind_at: float,
          transports: Sequence[str]) -> SweepResult:
    """One pass: wake due snoozes, remind cases at remind_at of the SLA, escalate breached ones."""
    if cases.db is not db:  # a wake and its escalation share a transaction
        raise ValueError("sweep: the case service must work on the sweep's own connection")
    now = clock.now().timestamp()
    result = SweepResult()
    breach_before = now - sla_seconds
    escalate = partial(_mark, db, now=now, transports=transports, kind="escalated", outbox_kind="escalation",
                       changes={"state": "escalated", "escalated_ts": now}, data={"reason": "sla_breach"})
    for case_id in case_rows.due_wakeups(db, now):
        # a case that breached while snoozed is escalated as it wakes, however long ago the breach (a person hid it
        # from the queue, it is no imported backlog), in one transaction: a stop between the two lost it
        with write(db):
            if not cases.wake(case_id, now):
                continue
            result.woken.append(case_id)
            if case_rows.past_target_of(db, case_id, breach_before) and escalate(case_id):
                result.escalated.append(case_id)
    for case_id in case_rows.due_for_escalation(db, breach_before, breach_before - ESCALATE_LOOKBACK_S):
        if escalate(case_id):
            result.escalated.append(case_id)
    for case_id in case_rows.due_for_reminder(db, now - remind_at * sla_seconds, breach_before):
        if _mark(db, case_id, now=now, transports=transports, kind="reminded", outbox_kind="reminder",
                 changes={"reminded_ts": now}, data={"at": remind_at}):
            result.reminded.append(case_id)
    return result


def _mark(db: Database, case_id: int, *, now: float, transports: Sequence[str], kind: str,
          outbox_kind: str, changes: dict, data: dict) -> bool:
    """Record a sweep event and queue its chat message, unless someone changed the case meanwhile."""
    try:
        with write(db) as tx:
            case_rows.transition(tx, Ledger(tx), case_id, kind=kind, actor="kuulo", ts=now,
                                 allowed=("open", "claimed"), changes=changes, data=data)
            # who to ping is read at delivery: the case may change hands while the message waits
            enqueue(tx, transports, kind=outbox_kind, case_id=case_id, payload={"case_id": case_id, **data}, ts=now)
    except CaseStateError:
        return False
    return True
