"""What people do to cases (claim, reply, answer, dismiss, snooze, escalate), whatever the surface."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Sequence


from kuulo.bot.actors import chat_user_id
from kuulo.bot.clock import Clock
from kuulo.bot.errors import CaseStateError
from kuulo.bot.limits import MAX_ACTOR_CHARS
from kuulo.bot.reconcile import Reconciler
from kuulo.bot.report import UNASSIGNED
from kuulo.rules.specs import OpenFor
from kuulo.storage import cases as case_rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger, case_events
from kuulo.storage.mentions import mention_source
from kuulo.storage.threads import CLOSURE_KEY, add_closure, thread_root_of
from kuulo.storage.outbox import enqueue

DISMISS_REASONS = ("not_a_question", "spam", "handled_elsewhere", "duplicate", "other")
REPLYABLE = ("open", "claimed", "snoozed", "escalated")  # not while a reply is on its way
ACTIONS = ("claim", "reply", "answer", "dismiss", "snooze", "escalate")


def same_person(recorded: str | None, actor: str) -> bool:
    """Whether two actor names are one person: the same chat user id where both end with one (a display name
    changes, or its lookup failed once), else the same name."""
    ids = [chat_user_id(name) for name in (recorded, actor)]
    if all(ids):
        return ids[0] == ids[1]
    return recorded == actor


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
                 reply_sources: frozenset[str] = frozenset(), open_for: OpenFor = "needs_reply"):
        self.db, self.clock, self.transports = db, clock, tuple(transports)
        self.reply_sources, self.open_for = reply_sources, open_for

    def apply(self, cmd: CaseCommand) -> dict[str, Any]:
        """Dispatch a CaseCommand; returns the case row after the change."""
        if cmd.action not in ACTIONS:
            raise CaseStateError(f"unknown action '{cmd.action}': use one of {', '.join(ACTIONS)}")
        actor = " ".join(cmd.actor.split())  # 'Anna ' and 'Anna' are one person in the ledger and the report
        if not actor:
            raise CaseStateError(f"case {cmd.case_id}: who acts? the name is empty")
        if actor.casefold() == UNASSIGNED.casefold():  # the report's row of cases nobody held
            raise CaseStateError(f"case {cmd.case_id}: {UNASSIGNED} is no one's name; say who acts")
        if len(actor) > MAX_ACTOR_CHARS:
            raise CaseStateError(f"case {cmd.case_id}: a name of {len(actor):,} characters, over the limit of "
                                 f"{MAX_ACTOR_CHARS}")
        return getattr(self, cmd.action)(replace(cmd, actor=actor))

    def claim(self, cmd: CaseCommand) -> dict[str, Any]:
        """Take a case: others see who is on it (taking over from another claimer is allowed). Claiming a case one
        already holds changes nothing (no event, no chat update, the claim time kept) unless it adds a note; the row
        then says `unchanged`."""
        now = self._now()
        with write(self.db) as db:
            case = case_rows.get_case(db, cmd.case_id)
            if case is not None and case["state"] == "claimed" and same_person(case["claimed_by"], cmd.actor):
                if not cmd.note:
                    return {**case, "unchanged": True}
                return self._change(cmd, "claimed", ("claimed",), {}, {"note": cmd.note}, now)
            return self._change(cmd, "claimed", ("open", "claimed", "escalated", "snoozed"),
                                {"state": "claimed", "claimed_by": cmd.actor, "claimed_ts": now,
                                 "snooze_until": None},
                                {"note": cmd.note} if cmd.note else {}, now)

    def answer(self, cmd: CaseCommand) -> dict[str, Any]:
        """Mark answered by hand (the response time is when it was marked, flagged manual)."""
        return self._respond(cmd, how="manual", data={"note": cmd.note} if cmd.note else {})

    def reply(self, cmd: CaseCommand) -> dict[str, Any]:
        """A reply written through Kuulo. Through the live source that delivered the post it waits in the outbox
        (transport `reply:NAME`) and the case is `reply_pending` until the platform takes it; for a post Kuulo
        cannot answer on its platform (an import, X) it is recorded, and someone posts it by hand."""
        if not cmd.text or not cmd.text.strip():
            raise CaseStateError(f"case {cmd.case_id}: the reply is empty")
        via = cmd.via or self._replying_source(cmd.case_id)
        if via is None:
            return self._respond(cmd, how="recorded", data={"text": cmd.text, "sent": False})
        queued = (f"reply:{via}", "reply", {"case_id": cmd.case_id, "text": cmd.text, "actor": cmd.actor})
        now = self._now()
        return self._change(cmd, "reply_queued", REPLYABLE, {"state": "reply_pending", "reply_error": None},
                            {"text": cmd.text, "via": via}, now, [queued])

    def reply_sent(self, case_id: int, actor: str, source: str, reply_id: str | None) -> None:
        """The platform took a reply written in Kuulo: that is the response, at the time it was confirmed."""
        now = self._now()
        with write(self.db) as db:
            case = case_rows.get_case(db, case_id)
            if case is None:
                return
            ledger = Ledger(db)
            ledger.append(ts=now, actor=actor, kind="reply_sent", case_id=case_id, platform=case["platform"],
                          mention_id=case["mention_id"], data={"reply_id": reply_id, "source": source,
                                                               CLOSURE_KEY: True})
            add_closure(db, case_id, now, actor, "kuulo_reply", reply_id, ledger.last_seq)
            self._reconcile(db, ledger, case, now)

    def reply_failed(self, case_id: int, error: str) -> None:
        """A reply the platform refused for good: the case is waiting for an answer again, and says why."""
        now = self._now()
        with write(self.db) as db:
            case = case_rows.get_case(db, case_id)
            if case is None:
                return
            if case["state"] != "reply_pending":  # answered on the platform meanwhile: said, not reopened
                case_rows.transition(db, Ledger(db), case_id, kind="reply_failed", actor="kuulo", ts=now,
                                     allowed=(case["state"],), changes={"reply_error": error[:500]},
                                     data={"reason": error[:500]})
                enqueue(db, self.transports, kind="update", case_id=case_id, ts=now,
                        payload={"case_id": case_id, "event": "reply_failed", "reason": error[:500], "reopened": False})
                return
            state = "claimed" if case["claimed_by"] else "open"
            case_rows.transition(db, Ledger(db), case_id, kind="reply_failed", actor="kuulo", ts=now,
                                 allowed=("reply_pending",), changes={"state": state, "reply_error": error[:500]},
                                 data={"reason": error[:500]})
            enqueue(db, self.transports, kind="update", case_id=case_id,
                    payload={"case_id": case_id, "event": "reply_failed", "reason": error[:500]}, ts=now)

    def reply_route(self, case_id: int) -> str | None:
        """The live source a reply to this case goes out through, or None when it can only be recorded."""
        return self._replying_source(case_id)

    def _replying_source(self, case_id: int) -> str | None:
        """The configured source that delivered the case's post, when it can reply on its platform."""
        case = case_rows.get_case(self.db, case_id)
        source = mention_source(self.db, case["platform"], case["mention_id"]) if case else None
        return source if source in self.reply_sources else None

    def dismiss(self, cmd: CaseCommand) -> dict[str, Any]:
        """Close as not needing a reply, with a reason."""
        if cmd.reason not in DISMISS_REASONS:
            got = repr(cmd.reason if cmd.reason is None else cmd.reason[:40]) + ("…" if len(cmd.reason or "") > 40
                                                                                  else "")
            raise CaseStateError(f"dismiss needs a reason: one of {', '.join(DISMISS_REASONS)} (got {got})")
        now = self._now()
        return self._change(cmd, "dismissed", REPLYABLE,  # a reply on its way would still go out
                            {"state": "dismissed", "dismiss_reason": cmd.reason, "closed_ts": now},
                            {"reason": cmd.reason, **({"note": cmd.note} if cmd.note else {})}, now,
                            closure=("dismissed", cmd.reason))

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

    def wake(self, case_id: int, now: float | None = None) -> bool:
        """Bring back one snoozed case in the state it had (at `now`, the sweep's time, else the clock's); False when
        someone changed it meanwhile."""
        try:
            self._change(CaseCommand("wake", case_id, "kuulo"), "woke", ("snoozed",),
                         {"state": self._state_before_snooze(case_id), "snooze_until": None}, {},
                         self._now() if now is None else now)
        except CaseStateError:
            return False
        return True

    def _state_before_snooze(self, case_id: int) -> str:
        """The state a snoozed case wakes in: escalated when it was escalated as it was snoozed (its last snooze
        event's `from`), else claimed or open as its claim says."""
        snoozes = [e for e in case_events(self.db, case_id) if e["kind"] == "snoozed"]
        if snoozes and snoozes[-1]["data"].get("from") == "escalated":
            return "escalated"
        case = case_rows.get_case(self.db, case_id)
        return "claimed" if case and case["claimed_by"] else "open"

    def _respond(self, cmd: CaseCommand, *, how: str, data: dict[str, Any],
                 extra: list[tuple[str, str, dict[str, Any]]] | None = None) -> dict[str, Any]:
        now = self._now()
        return self._change(cmd, "answered", REPLYABLE,  # with a reply on its way, its fate answers the case
                            {"state": "answered", "responded_ts": now, "responded_by": cmd.actor,
                             "responded_how": how, "closed_ts": now, "snooze_until": None, "reply_error": None},
                            {"how": how, **data}, now, extra, closure=(how, None))

    def _change(self, cmd: CaseCommand, kind: str, allowed: tuple[str, ...], changes: dict[str, Any],
                data: dict[str, Any], now: float, extra: list[tuple[str, str, dict[str, Any]]] | None = None,
                *, closure: tuple[str, str | None] | None = None) -> dict[str, Any]:
        """The state change, its event, the chat update and any extra outbox rows, in one transaction; an answer
        or dismissal is also kept as a closure, so the thread can be recomputed with it."""
        with write(self.db) as db:
            ledger = Ledger(db)
            row = case_rows.transition(db, ledger, cmd.case_id, kind=kind, actor=cmd.actor, ts=now,
                                       allowed=allowed, changes=changes,
                                       data={**data, CLOSURE_KEY: True} if closure is not None else data)
            enqueue(db, self.transports, kind="update", case_id=cmd.case_id,
                    payload={"case_id": cmd.case_id, "event": kind, "actor": cmd.actor, **data}, ts=now)
            for transport, outbox_kind, payload in extra or ():
                enqueue(db, (transport,), kind=outbox_kind, case_id=cmd.case_id, payload=payload, ts=now)
            if closure is not None:
                add_closure(db, cmd.case_id, now, cmd.actor, *closure, ledger.last_seq)
                self._reconcile(db, ledger, row, now)
                row = case_rows.get_case(db, cmd.case_id) or row
        return row

    def _reconcile(self, db: Database, ledger: Ledger, case: dict[str, Any], now: float) -> None:
        """Recompute the case's thread with what was just done (a late follow-up may now open its own case)."""
        root = thread_root_of(db, case["platform"], case["mention_id"])
        if root is not None:
            reconciler = Reconciler(db, ledger, now, open_for=self.open_for, transports=self.transports)
            reconciler.thread(case["platform"], root)

    def _now(self) -> float:
        return self.clock.now().timestamp()
