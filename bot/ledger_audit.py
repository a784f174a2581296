"""What the ledger proves, in one read snapshot: the chain, every case replayed from its events, published anchors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from kuulo.bot.limits import SHOWN_CASE_MISMATCHES
from kuulo.storage.case_replay import CaseReplay, replay_cases
from kuulo.storage.db import Database, snapshot
from kuulo.storage.ledger import LedgerCheck, check_anchor, format_anchor, verify_ledger


@dataclass(frozen=True, slots=True)
class LedgerAudit:
    """The chain check, the case replay, and each expected anchor with why it failed (None: the chain holds it)."""

    chain: LedgerCheck
    cases: CaseReplay
    anchors: tuple[tuple[str, str | None], ...] = ()

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.cases.ok and all(failure is None for _, failure in self.anchors)

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
                 + (f"{mismatched} do not match" if mismatched else "all match")]
        weakness = self.chain.weakness()
        return lines + ([f"ledger:   {weakness}"] if weakness else [])

    def problems(self) -> list[str]:
        """One line per thing that does not verify: the chain's first bad row, each case that differs, each anchor."""
        lines = [] if self.chain.ok else [f"ledger {self.chain.summary()}"]
        shown = self.cases.mismatches[:SHOWN_CASE_MISMATCHES]
        lines += [m.describe() for m in shown]
        if len(self.cases.mismatches) > len(shown):
            lines.append(f"… and {len(self.cases.mismatches) - len(shown)} more cases that do not match their events")
        return lines + [f"anchor FAILED: {failure}" for _, failure in self.anchors if failure is not None]


def audit_ledger(db: Database, expected: Iterable[tuple[int, str]] = (),
                 key: bytes | None | Literal["env"] = "env") -> LedgerAudit:
    """Verify the chain (with KUULO_LEDGER_KEY, or `key`), replay every case and check each expected anchor, all in
    one snapshot so a writer that goes on meanwhile changes nothing of what is checked."""
    with snapshot(db):
        chain = verify_ledger(db, key)
        cases = replay_cases(db)
        anchors = tuple((format_anchor(seq, digest), check_anchor(db, seq, digest)) for seq, digest in expected)
    return LedgerAudit(chain, cases, anchors)
