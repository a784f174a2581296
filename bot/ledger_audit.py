"""What the ledger proves, in one read snapshot: the chain, every case replayed from its events, published anchors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from kuulo.bot.limits import SHOWN_CASE_MISMATCHES
from kuulo.storage.case_replay import CaseReplay, replay_cases
from kuulo.storage.db import Database, snapshot
from kuulo.storage.ledger import LedgerCheck, check_anchor, event_data, format_anchor, verify_ledger
from kuulo.storage.threads import RECOMPUTED_KEY, closures_with_events, events_without_closure


@dataclass(frozen=True, slots=True)
class LedgerAudit:
    """The chain check, the case replay, and each expected anchor with why it failed (None: the chain holds it)."""

    chain: LedgerCheck
    cases: CaseReplay
    anchors: tuple[tuple[str, str | None], ...] = ()
    closures: tuple[str, ...] = ()  # closures no event of a person's action backs

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.cases.ok and not self.closures \
            and all(failure is None for _, failure in self.anchors)

    def passed(self) -> list[str]:
        """Lines for what verifies, and what the chain cannot prove when it is not keyed."""
        lines = [f"ledger ok: {self.chain.summary()}"] if self.chain.ok else []
        if self.cases.ok:
            lines.append(f"cases ok: {self.cases.cases} cases match their events")
        lines += [f"anchor ok: the chain still holds event {anchor}" for anchor, failure in self.anchors
                  if failure is None]
        weakness = self.chain.weakness()
        return lines + ([f"note: {weakness}"] if weakness else [])

    def status(self) -> list[str]:
        """`kuulo doctor`'s lines: the chain, the cases, and what an unkeyed chain cannot prove."""
        mismatched = len(self.cases.mismatches)
        lines = [f"ledger:   {self.chain.summary()}",
                 f"cases:    {self.cases.cases} replayed from their events, "
                 + (f"{mismatched} do not match" if mismatched else "all match"),
                 f"closures: {len(self.closures)} not as their events say" if self.closures
                 else "closures: each as its event says"]
        weakness = self.chain.weakness()
        return lines + ([f"ledger:   {weakness}"] if weakness else [])

    def problems(self) -> list[str]:
        """One line per thing that does not verify: the chain's first bad row, each case that differs, each anchor."""
        lines = [] if self.chain.ok else [f"ledger {self.chain.summary()}"]
        shown = self.cases.mismatches[:SHOWN_CASE_MISMATCHES]
        lines += [m.describe() for m in shown]
        if len(self.cases.mismatches) > len(shown):
            lines.append(f"… and {len(self.cases.mismatches) - len(shown)} more cases that do not match their events")
        lines += list(self.closures[:SHOWN_CASE_MISMATCHES])
        if len(self.closures) > SHOWN_CASE_MISMATCHES:
            lines.append(f"… and {len(self.closures) - SHOWN_CASE_MISMATCHES} more closures no event backs")
        return lines + [f"anchor FAILED: {failure}" for _, failure in self.anchors if failure is not None]


def audit_ledger(db: Database, expected: Iterable[tuple[int, str]] = (),
                 key: bytes | None | Literal["env"] = "env") -> LedgerAudit:
    """Verify the chain (with KUULO_LEDGER_KEY, or `key`), replay every case and check each expected anchor, all in
    one snapshot so a writer that goes on meanwhile changes nothing of what is checked."""
    with snapshot(db):
        chain = verify_ledger(db, key)
        cases = replay_cases(db)
        anchors = tuple((format_anchor(seq, digest), check_anchor(db, seq, digest)) for seq, digest in expected)
        closures = tuple(closure_problems(db))
    return LedgerAudit(chain, cases, anchors, closures)


def closure_problems(db: Database) -> list[str]:
    """Each closure (what a person did that answers or closes a case, which recomputing a thread reads) that the
    event recording the action does not back (none named, or one of another case, time, actor or kind, or one a
    recompute wrote from the closure itself), and each event of such an action whose closure was removed."""
    problems = []
    for cid, case_id, ts, actor, how, detail, seq, e_case, e_ts, e_actor, kind, data in closures_with_events(db):
        event = event_data(data)
        if seq is None or (e_case, e_ts, e_actor) != (case_id, ts, actor) or event.get(RECOMPUTED_KEY) \
                or not _records(how, detail, kind, event):
            named = f"event {seq}" if seq is not None else "none named"
            problems.append(f"closure {cid} of case {case_id} ({how} by {actor!r} at {ts}) is not backed by the "
                            f"event that recorded it ({named})")
    problems += [f"event {seq} ({kind} of case {case_id} by {actor!r} at {ts}) recorded a person's action whose "
                 "closure is gone (a recompute no longer sees it)"
                 for seq, case_id, ts, actor, kind in events_without_closure(db)]
    return problems


def _records(how: str, detail: str | None, kind: str, event: dict) -> bool:
    """Whether an event of this kind and data is the action a closure says: an answer of that how, a dismissal
    with that reason, a reply sent with that id (or, from before reply_sent events, an answer of that how)."""
    if kind == "answered":
        return event.get("how") == how
    if kind == "dismissed":
        return how == "dismissed" and event.get("reason") == detail
    return kind == "reply_sent" and how == "kuulo_reply" and event.get("reply_id") == detail
