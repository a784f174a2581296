"""Read-side queries for response-time reports, shaped so a million cases stay well under a second."""

from __future__ import annotations

from typing import Iterator

import sqlite_utils

from kuulo.storage.db import rows_in

CaseFacts = tuple[str, str, str | None, str, float, float | None, float | None, str | None]
# (brand, platform, category, responded_by, claimed_by, state, responded_how, cases, frts "1.0,2.5",
#  oldest created_ts, cases created before cut)
GroupRow = tuple[str, str, str | None, str | None, str | None, str, str | None, int, str | None, float, int]
# (brand, platform, category, responded_by, claimed_by, state, responded_how, created_ts, responded_ts)
LateRow = tuple[str, str, str | None, str | None, str | None, str, str | None, float, float | None]

_KEYS = "brand, platform, category, responded_by, claimed_by"
PERIOD_SHARE = 4  # a period with over a quarter of all cases walks the group-ordered index; a shorter one its range


def short_period(db: sqlite_utils.Database, since_ts: float, until_ts: float) -> bool:
    """Whether [since, until) holds at most a quarter of all cases (ids count them: a few lookups, no scan): then
    reading its range and sorting beats walking every case in group order."""
    everything = db.execute("SELECT max(id) FROM cases").fetchone()[0] or 0
    in_period = db.execute("SELECT count(*) FROM (SELECT 1 FROM cases INDEXED BY cases_period"
                           " WHERE created_ts >= ? AND created_ts < ? LIMIT ?)",
                           (since_ts, until_ts, everything // PERIOD_SHARE + 1)).fetchone()[0]
    return in_period * PERIOD_SHARE <= everything


_HELD = "(claimed_ts IS NULL OR claimed_ts <= :as_of)"  # claimed by whoever holds it now already at as_of


def case_groups(db: sqlite_utils.Database, since_ts: float, until_ts: float, cut_ts: float,
                as_of_ts: float) -> list[GroupRow]:
    """Cases posted in [since, until) per (brand, platform, category, responder, claimer, state), but those
    claimed after as_of (claimed_later): one index walk, in group order over all cases when the period holds most
    of them, else over the period's range and sorted."""
    index = "cases_period" if short_period(db, since_ts, until_ts) else "cases_report"
    return db.execute(
        f"SELECT {_KEYS}, state, responded_how, count(*), group_concat(max(responded_ts - created_ts, 0.0)),"
        f" min(created_ts), sum(created_ts < :cut) FROM cases INDEXED BY {index}"
        f" WHERE created_ts >= :since AND created_ts < :until AND state != 'merged' AND {_HELD}"
        f" GROUP BY {_KEYS}, state, responded_how",
        {"since": since_ts, "until": until_ts, "cut": cut_ts, "as_of": as_of_ts}).fetchall()


def closed_after(db: sqlite_utils.Database, since_ts: float, until_ts: float, as_of_ts: float) -> list[LateRow]:
    """Cases posted in [since, until) that were answered or dismissed only after as_of (still open then), but
    those claimed after as_of (claimed_later)."""
    return db.execute(
        f"SELECT {_KEYS}, state, responded_how, created_ts, responded_ts FROM cases INDEXED BY cases_closed"
        f" WHERE closed_ts > :as_of AND created_ts >= :since AND created_ts < :until AND state != 'merged'"
        f" AND {_HELD}", {"since": since_ts, "until": until_ts, "as_of": as_of_ts}).fetchall()


# (case id, brand, platform, category, responded_by, state, responded_how, created_ts, responded_ts, closed_ts)
ClaimedRow = tuple[int, str, str, str | None, str | None, str, str | None, float, float | None, float | None]


def claimed_later(db: sqlite_utils.Database, since_ts: float, until_ts: float, as_of_ts: float) -> list[ClaimedRow]:
    """Cases posted in [since, until) whose present claim was made after as_of (a past period's report asks who
    held them then): through the claim-time index, so a report as of now reads none."""
    return db.execute(
        "SELECT id, brand, platform, category, responded_by, state, responded_how, created_ts, responded_ts,"
        " closed_ts FROM cases INDEXED BY cases_claimed WHERE claimed_ts > ? AND created_ts >= ? AND created_ts < ?"
        " AND state != 'merged'", (as_of_ts, since_ts, until_ts)).fetchall()


def claim_events(db: sqlite_utils.Database, case_ids: list[int]) -> list[tuple[int, str]]:
    """(case id, event data JSON) of these cases' events that set a claim, in ledger order."""
    return list(rows_in(db, "SELECT case_id, data FROM events INDEXED BY events_case WHERE case_id IN ({marks})"
                            " AND data LIKE '%\"claimed_by\"%' ORDER BY seq", (), case_ids))


def case_facts(db: sqlite_utils.Database, since_ts: float, until_ts: float) -> Iterator[CaseFacts]:
    """(brand, platform, category, state, created_ts, responded_ts, closed_ts, agent) of the cases posted in
    [since, until)."""
    return db.execute(
        "SELECT brand, platform, category, state, created_ts, responded_ts, closed_ts,"
        " coalesce(responded_by, claimed_by) FROM cases WHERE created_ts >= ? AND created_ts < ? AND state != 'merged'",
        (since_ts, until_ts))
