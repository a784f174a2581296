"""What people do to cases (claim, reply, answer, dismiss, snooze, escalate), whatever the surface."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence


from kuulo.bot.clock import Clock
from kuulo.bot.errors import CaseStateError
from kuulo.storage import cases as case_rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger
from kuulo.storage.mentions import mention_source
from kuulo.storage.outbox import enqueue

DISMISS_REASONS = ("not_a_question", "spam", "handled_elsewhere", "duplicate", "other")
ACTIONS = ("claim", "reply", "answer", "dismiss", "snooze", "escalate")


@dataclass(frozen=True, slots=True)
class CaseCommand:
    """One person's action on a case, as every chat surface translates it."""

    action: str
    case_id: int
    actor: str
    note: str | None = None
    reason: str | None = None
    until: datetime | None = None
    text: str | None = None
    via: str | None = None  # the live source to send a reply through (default: the one that delivered the post)


class CaseService:
    """Applies case actions: the state change, its ledger event and the chat update, atomically."""

    def __init__(self, db: Database, clock: Clock, *, transports: Sequence[str] = ("console",),
                 reply_sources: frozenset[str] = frozenset()):
        self.db, self.clock, self.transports = db, clock, tuple(transports)
        self.reply_sources = reply_sources

    def apply(self, cmd: CaseCommand) -> dict[str, Any]:
        """Dispatch a CaseCommand; returns the case row after the change."""
        if cmd.action not in ACTIONS:
            raise CaseStateError(f"unknown action '{cmd.action}': use one of {', '.join(ACTIONS)}")
        return getattr(self, cmd.action)(cmd)

    def claim(self, cmd: CaseCommand) -> dict[str, Any]:
        """Take a case: others see who is on it (taking over from another claimer is allowed)."""
        now = self._now()
        return self._change(cmd, "claimed", ("open", "claimed", "escalated", "snoozed"),
                            {"state": "claimed", "claimed_by": cmd.actor, "claimed_ts": now, "snooze_until": None},
                            {"note": cmd.note} if cmd.note else {}, now)

    def answer(self, cmd: CaseCommand) -> dict[str, Any]:
        """Mark answered by hand (the response time is when it was marked, flagged manual)."""
        return self._respond(cmd, how="manual", data={"note": cmd.note} if cmd.note else {})

    def reply(self, cmd: CaseCommand) -> dict[str, Any]:
        """A reply written through Kuulo: the case is answered now, and the reply waits in the outbox of the
        live source that delivered the post (transport `reply:NAME`) until the platform has it."""
        if not cmd.text or not cmd.text.strip():
            raise CaseStateError(f"case {cmd.case_id}: the reply is empty")
        via = cmd.via or self._replying_source(cmd.case_id)
        if via is None:  # an imported post: the reply is recorded, someone posts it by hand
            return self._respond(cmd, how="kuulo_reply", data={"text": cmd.text})
        queued = (f"reply:{via}", "reply", {"case_id": cmd.case_id, "text": cmd.text, "actor": cmd.actor})
        return self._respond(cmd, how="kuulo_reply", data={"text": cmd.text, "via": via}, extra=[queued])

    def _replying_source(self, case_id: int) -> str | None:
        """The configured source that delivered the case's post, when it can reply on its platform."""
        case = case_rows.get_case(self.db, case_id)
        source = mention_source(self.db, case["platform"], case["mention_id"]) if case else None
        return source if source in self.reply_sources else None

    def dismiss(self, cmd: CaseCommand) -> dict[str, Any]:
        """Close as not needing a reply, with a reason."""
        if cmd.reason not in DISMISS_REASONS:
            raise CaseStateError(f"dismiss needs a reason: one of {', '.join(DISMISS_REASONS)} (got {cmd.reason!r})")
        now = self._now()
        return self._change(cmd, "dismissed", case_rows.ACTIVE,
                            {"state": "dismissed", "dismiss_reason": cmd.reason, "closed_ts": now},
                            {"reason": cmd.reason, **({"note": cmd.note} if cmd.note else {})}, now)

    def snooze(self, cmd: CaseCommand) -> dict[str, Any]:
        """Hide a case until a time; it wakes in the state it had (the SLA clock keeps running)."""
        now = self._now()
        if cmd.until is None or cmd.until.timestamp() <= now:
            raise CaseStateError(f"case {cmd.case_id}: snooze needs a time in the future")
        return self._change(cmd, "snoozed", ("open", "claimed", "escalated"),
                            {"state": "snoozed", "snooze_until": cmd.until.timestamp()},
                            {"until": cmd.until.isoformat()}, now)

    def escalate(self, cmd: CaseCommand) -> dict[str, Any]:
        """Hand a case up to the escalation channel."""
        now = self._now()
        return self._change(cmd, "escalated", ("open", "claimed", "snoozed"),
                            {"state": "escalated", "escalated_ts": now, "snooze_until": None},
                            {"note": cmd.note} if cmd.note else {}, now)

    def wake_due(self) -> list[int]:
        """Bring back snoozed cases whose time has come; returns their ids."""
        now = self._now()
        woken = []
        for case_id in case_rows.due_wakeups(self.db, now):
            case = case_rows.get_case(self.db, case_id)
            state = "claimed" if case and case["claimed_by"] else "open"
            try:
                self._change(CaseCommand("wake", case_id, "kuulo"), "woke", ("snoozed",),
                             {"state": state, "snooze_until": None}, {}, now)
            except CaseStateError:
                continue  # changed by someone else meanwhile
            woken.append(case_id)
        return woken

    def _respond(self, cmd: CaseCommand, *, how: str, data: dict[str, Any],
                 extra: list[tuple[str, str, dict[str, Any]]] | None = None) -> dict[str, Any]:
        now = self._now()
        return self._change(cmd, "answered", case_rows.ACTIVE,
                            {"state": "answered", "responded_ts": now, "responded_by": cmd.actor,
                             "responded_how": how, "closed_ts": now, "snooze_until": None},
                            {"how": how, **data}, now, extra)

    def _change(self, cmd: CaseCommand, kind: str, allowed: tuple[str, ...], changes: dict[str, Any],
                data: dict[str, Any], now: float, extra: list[tuple[str, str, dict[str, Any]]] | None = None,
                ) -> dict[str, Any]:
        """The state change, its event, the chat update and any extra outbox rows, in one transaction."""
        with write(self.db) as db:
            row = case_rows.transition(db, Ledger(db), cmd.case_id, kind=kind, actor=cmd.actor, ts=now,
                                       allowed=allowed, changes=changes, data=data)
            enqueue(db, self.transports, kind="update", case_id=cmd.case_id,
                    payload={"case_id": cmd.case_id, "event": kind, "actor": cmd.actor, **data}, ts=now)
            for transport, outbox_kind, payload in extra or ():
                enqueue(db, (transport,), kind=outbox_kind, case_id=cmd.case_id, payload=payload, ts=now)
        return row

    def _now(self) -> float:
        return self.clock.now().timestamp()
