"""Response-time reports: honest numbers over the posts created in [since, until)."""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable


from kuulo.storage.db import Database, snapshot
from kuulo.storage.mentions import mention_counts
from kuulo.storage.reports import case_groups, claim_events, claimed_later, closed_after, short_period

DIMENSIONS = ("brand", "platform", "category", "agent")
# answered cases by their first response: the brand's reply seen on the platform, a reply Kuulo sent and the platform
# confirmed, a reply written in Kuulo but only recorded (Kuulo could not post it), a case marked answered by hand
HOW_FIELDS = {"platform_reply": "answered_on_platform", "kuulo_reply": "answered_sent",
              "recorded": "answered_recorded", "manual": "answered_manual"}
UNASSIGNED = "(unassigned)"
NONE = "(none)"


def nearest_rank(sorted_values: list[float], pct: float) -> float | None:
    """The smallest value with at least pct% of the values at or below it (None for no values)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(pct / 100 * len(sorted_values) - 1e-9))
    return sorted_values[rank - 1]


@dataclass(slots=True)
class Tally:
    """The counts of one group of cases."""

    mentions: int = 0
    cases: int = 0
    dismissed: int = 0
    open: int = 0
    open_past: int = 0
    oldest_created: float | None = None
    frts: list[float] = field(default_factory=list)
    how: dict[str, int] = field(default_factory=dict)  # answered cases by how the first response came
    pending: int = 0  # open cases whose reply waits for the platform

    def add_open(self, n: int, past: int, oldest: float | None) -> None:
        self.open += n
        self.open_past += past
        if oldest is not None and (self.oldest_created is None or oldest < self.oldest_created):
            self.oldest_created = oldest

    def merge(self, other: Tally) -> None:
        self.cases += other.cases
        self.dismissed += other.dismissed
        self.pending += other.pending
        for how, n in other.how.items():
            self.how[how] = self.how.get(how, 0) + n
        self.add_open(other.open, other.open_past, other.oldest_created)
        self.frts.extend(other.frts)

    def fields(self, sla: float, as_of: float) -> dict[str, Any]:
        """The report fields of this group (the `--format json` contract)."""
        self.frts.sort()
        answered = len(self.frts)
        within = bisect.bisect_right(self.frts, sla)
        denominator = answered + self.open_past
        return {
            "mentions": self.mentions, "cases": self.cases, "answered": answered,
            "dismissed": self.dismissed, "open": self.open,
            "frt_median_s": _round(nearest_rank(self.frts, 50)), "frt_p90_s": _round(nearest_rank(self.frts, 90)),
            "within_sla_pct": round(100 * within / denominator, 1) if denominator else None,
            "breached": answered - within + self.open_past,
            "oldest_open_age_s": _round(max(0.0, as_of - self.oldest_created) if self.oldest_created is not None
                                        else None),
            **{field: self.how.get(how, 0) for how, field in HOW_FIELDS.items()},
            "replies_pending": self.pending,
        }


def agent_names(names: Iterable[str]) -> dict[str, str]:
    """One name per person: spellings that differ only in case or spacing ('anna', 'Anna ') are one agent, shown
    by the first of its spellings in sort order (so the report does not depend on which was seen first)."""
    spellings: dict[str, list[str]] = {}
    for name in set(names):
        spellings.setdefault(" ".join(name.split()).casefold(), []).append(name)
    return {name: min(" ".join(n.split()) for n in group) for group in spellings.values() for name in group}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _remove_close(values: list[float], x: float) -> None:
    """Remove the value nearest x (SQLite's text form of a float may differ in the last digits)."""
    values.remove(min(values, key=lambda v: abs(v - x)))


def _fine_tallies(db: Database, since: float, until: float, as_of: float,
                  sla: float) -> dict[tuple[str, str, str, str], Tally]:
    """Tallies per (brand, platform, category, agent), with states as they stood at as_of."""
    cut = as_of - sla
    fine: dict[tuple[str, str, str, str], Tally] = {}
    for brand, platform, category, responder, claimer, state, how, n, frts, oldest, before_cut in case_groups(
            db, since, until, cut, as_of):
        tally = fine.setdefault((brand, platform, category or "", responder or claimer or ""), Tally())
        tally.cases += n
        if state == "answered":
            tally.frts.extend(sorted(map(float, frts.split(","))))  # sorted runs make the merges cheap
            tally.how[how] = tally.how.get(how, 0) + n
        elif state == "dismissed":
            tally.dismissed += n
        else:
            tally.add_open(n, before_cut, oldest)
            tally.pending += n if state == "reply_pending" else 0
    for brand, platform, category, responder, claimer, state, how, created, responded in closed_after(
            db, since, until, as_of):
        closed = fine[(brand, platform, category or "", responder or claimer or "")]  # closed later: open at as_of
        if state == "answered":
            _remove_close(closed.frts, max(responded - created, 0.0))
            closed.how[how] -= 1
        else:
            closed.dismissed -= 1
        closed.cases -= 1
        still_open = fine.setdefault((brand, platform, category or "", claimer or ""), Tally())  # its agent then
        still_open.cases += 1
        still_open.add_open(1, int(created < cut), created)
    _add_claimed_later(db, fine, since, until, as_of, cut)
    return fine


def _add_claimed_later(db: Database, fine: dict[tuple[str, str, str, str], Tally], since: float, until: float,
                       as_of: float, cut: float) -> None:
    """The cases claimed (or taken over) only after as_of, each with its state then and whoever held it then, by
    the ledger's claims: a claim made today does not move last week's open or breached cases to today's claimer."""
    late = claimed_later(db, since, until, as_of)
    if not late:
        return
    held = claimers_at([row[0] for row in late], claim_events(db, [row[0] for row in late]), as_of)
    for case_id, brand, platform, category, responder, state, how, created, responded, closed in late:
        closed_then = closed is not None and closed <= as_of
        agent = (responder if closed_then and responder else held.get(case_id)) or ""
        tally = fine.setdefault((brand, platform, category or "", agent), Tally())
        tally.cases += 1
        if closed_then and state == "answered":
            tally.frts.append(max(responded - created, 0.0))
            tally.how[how] = tally.how.get(how, 0) + 1
        elif closed_then and state == "dismissed":
            tally.dismissed += 1
        else:
            tally.add_open(1, int(created < cut), created)
            tally.pending += int(state == "reply_pending")


def claimers_at(case_ids: Iterable[int], events: Iterable[tuple[int, str]], as_of: float) -> dict[int, str]:
    """Who held each case at as_of: the latest claim made by then (its claimed_ts, as the events set it), by case
    id; a case nobody had claimed by then is left out."""
    latest: dict[int, tuple[float, str]] = {}
    for case_id, data in events:
        claim = json.loads(data).get("set") or {}
        ts, by = claim.get("claimed_ts"), claim.get("claimed_by")
        if isinstance(ts, (int, float)) and isinstance(by, str) and ts <= as_of and (
                case_id not in latest or ts >= latest[case_id][0]):
            latest[case_id] = (ts, by)
    wanted = set(case_ids)
    return {case_id: by for case_id, (_, by) in latest.items() if case_id in wanted}


def build_report(db: Database, *, since: datetime, until: datetime, now: datetime,
                 sla_seconds: int, by: tuple[str, ...] = DIMENSIONS) -> dict[str, Any]:
    """The report over posts created in [since, until), with case states as of min(until, now)."""
    as_of = min(until.timestamp(), now.timestamp())  # instants: in a zone's repeated hour wall times mislead
    since_ts, until_ts = since.timestamp(), until.timestamp()
    with snapshot(db):  # the cases read twice and the mentions: one consistent picture
        fine = _fine_tallies(db, since_ts, until_ts, as_of, sla_seconds)
        mentions = mention_counts(db, since_ts, until_ts, short=short_period(db, since_ts, until_ts))
    total = Tally(mentions=mentions["total"][""])
    by = tuple(dict.fromkeys(by))  # a breakdown named twice is the same breakdown, each case counted once in it
    groups: dict[str, dict[str, Tally]] = {d: {} for d in by}
    agents = agent_names(agent for _, _, _, agent in fine)
    for (brand, platform, category, agent), tally in fine.items():
        if not tally.cases:
            continue  # all its cases were closed only after as_of, by someone else than who held them then
        keys = {"brand": brand, "platform": platform, "category": category or NONE,
                "agent": agents[agent] or UNASSIGNED}
        for dim in by:
            groups[dim].setdefault(keys[dim], Tally()).merge(tally)
        total.merge(tally)
    for dim in by:
        for key, n in mentions.get(dim, {}).items():
            groups[dim].setdefault(key, Tally()).mentions = n
        if dim == "agent":
            for tally in groups[dim].values():
                tally.mentions = tally.cases
    return {
        "since": since.isoformat(), "until": until.isoformat(), "sla_seconds": sla_seconds,
        "total": total.fields(sla_seconds, as_of),
        "by": {dim: [{"key": key, **tally.fields(sla_seconds, as_of)}
                     for key, tally in sorted(groups[dim].items(), key=lambda kv: (-kv[1].cases, kv[0]))]
               for dim in by},
    }
