"""Cases recomputed from the ledger: every event that changes a case carries data["set"], the columns it set, and
folding them in sequence order gives the case's row. Kinds are never interpreted, only their `set`."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any, Iterator

import sqlite_utils

from kuulo.storage.ledger import Ledger, event_data

BASELINE = "baseline"  # an event carrying a case's whole row, for cases opened before events carried their columns
# The columns an `opened` event sets: those it leaves out are NULL (it names only the columns with a value). Fixed
# as of schema 11: a column added later is not among them, so a migration that gives it a value still records a
# baseline for the cases that need one (record_baselines).
OPENED_COLUMNS = ("platform", "mention_id", "brand", "category", "priority", "state", "created_ts", "opened_ts",
                  "thread_root", "parent_case_id", "claimed_by", "claimed_ts", "responded_ts", "responded_by",
                  "responded_how", "closed_ts", "dismiss_reason", "snooze_until", "escalated_ts", "reminded_ts",
                  "merged_into", "reply_error")
_OPENED_NULLS = dict.fromkeys(OPENED_COLUMNS)


@dataclass(frozen=True, slots=True)
class CaseMismatch:
    """A case whose row is not what its events say: the differing columns (row value, value from the events)."""

    case_id: int
    differences: tuple[tuple[str, Any, Any], ...] = ()
    problem: str | None = None

    def describe(self) -> str:
        """One line naming the case and every column that differs."""
        if self.problem:
            return f"case {self.case_id}: {self.problem}"
        return f"case {self.case_id} does not match its events: " + "; ".join(
            f"{column} is {row!r} in the row but {replayed!r} from the events"
            for column, row, replayed in self.differences)


@dataclass(frozen=True, slots=True)
class CaseReplay:
    """How many cases were recomputed, and those whose row does not match."""

    cases: int
    mismatches: tuple[CaseMismatch, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _folded(events: Iterator[tuple[int, str, str]]) -> dict[str, Any]:
    """One case's events folded: each event's `set` applied over the ones before it (an `opened` event's over
    OPENED_COLUMNS all NULL)."""
    state: dict[str, Any] = {}
    for _, kind, data in events:
        if isinstance(data, str) and '"set"' in data:  # most events that change nothing carry no set: not parsed
            changes = event_data(data).get("set")  # {} for a damaged row (the chain check names it)
            if isinstance(changes, dict):
                if kind == "opened":
                    state.update(_OPENED_NULLS)
                state.update(changes)
    return state


def _pairs(db: sqlite_utils.Database) -> Iterator[tuple[int, dict[str, Any] | None, dict[str, Any] | None]]:
    """(case id, row, folded events) for every case in the table or the ledger, in id order, one case in memory."""
    rows = db.execute("SELECT * FROM cases ORDER BY id")
    names = [d[0] for d in rows.description]
    events = db.execute("SELECT case_id, kind, data FROM events WHERE case_id IS NOT NULL"
                        " AND typeof(case_id) = 'integer' ORDER BY case_id, seq")  # a damaged one: the chain names it
    groups = groupby(events, key=itemgetter(0))
    pending = next(groups, None)
    for values in rows:
        row = dict(zip(names, values))
        case_id = row.pop("id")
        while pending is not None and pending[0] < case_id:
            yield pending[0], None, _folded(pending[1])
            pending = next(groups, None)
        if pending is not None and pending[0] == case_id:
            yield case_id, row, _folded(pending[1])
            pending = next(groups, None)
        else:
            yield case_id, row, None
    while pending is not None:
        yield pending[0], None, _folded(pending[1])
        pending = next(groups, None)


def _compare(case_id: int, row: dict[str, Any] | None, state: dict[str, Any] | None) -> CaseMismatch | None:
    if row is None:
        return CaseMismatch(case_id, problem="is in the ledger but its row is missing from the cases table")
    if not state:
        return CaseMismatch(case_id, problem="its row has no events that set its columns (not in the ledger)")
    differences = tuple((column, value, state.get(column)) for column, value in row.items()
                        if state.get(column) != value)
    return CaseMismatch(case_id, differences) if differences else None


def replay_cases(db: sqlite_utils.Database) -> CaseReplay:
    """Recompute every case from its events and name each whose row in `cases` differs, with the columns."""
    count, mismatches = 0, []
    for case_id, row, state in _pairs(db):
        count += row is not None
        mismatch = _compare(case_id, row, state)
        if mismatch is not None:
            mismatches.append(mismatch)
    return CaseReplay(count, tuple(mismatches))


def record_baselines(db: sqlite_utils.Database, ledger: Ledger, *, ts: float, why: str) -> int:
    """Append a `baseline` event with the whole row of every case its events do not fully set; returns how many.

    For cases opened before events carried their columns (and for a migration that adds a column with a value):
    from the baseline on, the case is checked against its events. A row that its events set wrongly is left as is.
    """
    needed = {case_id for case_id, row, state in _pairs(db)
              if row is not None and not (state and set(row) <= set(state))}
    rows = db.execute("SELECT * FROM cases ORDER BY id")  # read again: the events table changes while we append
    names = [d[0] for d in rows.description]
    for values in rows:
        row = dict(zip(names, values))
        case_id = row.pop("id")
        if case_id in needed:
            ledger.append(ts=ts, actor="kuulo", kind=BASELINE, case_id=case_id, platform=row["platform"],
                          mention_id=row["mention_id"], data={"why": why, "set": row})
    return len(needed)
