"""Response-time reports: honest numbers over the posts created in [since, until)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

import sqlite_utils

from kuulo.storage.mentions import mention_counts
from kuulo.storage.reports import CaseFacts, case_facts

DIMENSIONS = ("brand", "platform", "category", "agent")
UNASSIGNED = "(unassigned)"
NONE = "(none)"


def nearest_rank(sorted_values: list[float], pct: float) -> float | None:
    """The smallest value with at least pct% of the values at or below it (None for no values)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(pct / 100 * len(sorted_values) - 1e-9))
    return sorted_values[rank - 1]


@dataclass(slots=True)
class _Tally:
    """Counts for one group while the rows stream by."""

    mentions: int = 0
    cases: int = 0
    answered: int = 0
    dismissed: int = 0
    open: int = 0
    within: int = 0
    breached: int = 0
    open_past: int = 0
    oldest_open: float | None = None
    frts: list[float] = field(default_factory=list)

    def add(self, state: str, frt: float | None, open_age: float | None, sla: float) -> None:
        self.cases += 1
        if state == "answered":
            self.answered += 1
            self.frts.append(frt)
            if frt <= sla:
                self.within += 1
            else:
                self.breached += 1
        elif state == "dismissed":
            self.dismissed += 1
        else:
            self.open += 1
            if open_age > sla:
                self.open_past += 1
                self.breached += 1
            if self.oldest_open is None or open_age > self.oldest_open:
                self.oldest_open = open_age

    def fields(self) -> dict[str, Any]:
        self.frts.sort()
        denominator = self.answered + self.open_past
        return {
            "mentions": self.mentions, "cases": self.cases, "answered": self.answered,
            "dismissed": self.dismissed, "open": self.open,
            "frt_median_s": _round(nearest_rank(self.frts, 50)), "frt_p90_s": _round(nearest_rank(self.frts, 90)),
            "within_sla_pct": round(100 * self.within / denominator, 1) if denominator else None,
            "breached": self.breached, "oldest_open_age_s": _round(self.oldest_open),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def summarise(facts: Iterable[CaseFacts], mentions: dict[str, dict[str, int]], *, since: datetime,
              until: datetime, as_of: datetime, sla_seconds: int, by: tuple[str, ...] = DIMENSIONS) -> dict[str, Any]:
    """The report object (the `--format json` contract) from case facts, as things stood at `as_of`."""
    as_of_ts = as_of.timestamp()
    total = _Tally(mentions=mentions["total"][""])
    groups: dict[str, dict[str, _Tally]] = {d: {} for d in by}
    for brand, platform, category, state, created, responded, closed, agent in facts:
        state = _state_at(state, responded, closed, as_of_ts)
        frt = max(0.0, responded - created) if state == "answered" else None
        age = as_of_ts - created if state not in ("answered", "dismissed") else None
        total.add(state, frt, age, sla_seconds)
        keys = {"brand": brand, "platform": platform, "category": category or NONE, "agent": agent or UNASSIGNED}
        for dim in by:
            tally = groups[dim].get(keys[dim])
            if tally is None:
                tally = groups[dim][keys[dim]] = _Tally()
            tally.add(state, frt, age, sla_seconds)
    for dim in by:
        for key, n in mentions.get(dim, {}).items():
            groups[dim].setdefault(key, _Tally()).mentions = n
        if dim == "agent":
            for tally in groups[dim].values():
                tally.mentions = tally.cases
    return {
        "since": since.isoformat(), "until": until.isoformat(), "sla_seconds": sla_seconds,
        "total": total.fields(),
        "by": {dim: [{"key": key, **tally.fields()}
                     for key, tally in sorted(groups[dim].items(), key=lambda kv: (-kv[1].cases, kv[0]))]
               for dim in by},
    }


def _state_at(state: str, responded: float | None, closed: float | None, as_of: float) -> str:
    """The case's state at the report's cut-off: later answers or dismissals do not count yet."""
    if state == "answered" and responded is not None and responded <= as_of:
        return "answered"
    if state == "dismissed" and closed is not None and closed <= as_of:
        return "dismissed"
    return "open"


def build_report(db: sqlite_utils.Database, *, since: datetime, until: datetime, now: datetime,
                 sla_seconds: int, by: tuple[str, ...] = DIMENSIONS) -> dict[str, Any]:
    """Run the report over the database: posts created in [since, until), states as of min(until, now)."""
    since_ts, until_ts = since.timestamp(), until.timestamp()
    return summarise(case_facts(db, since_ts, until_ts), mention_counts(db, since_ts, until_ts),
                     since=since, until=until, as_of=min(until, now), sla_seconds=sla_seconds, by=by)
