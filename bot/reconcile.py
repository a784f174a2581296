"""Bring a thread's stored cases in line with what its posts decide (bot/threads.py), appending a ledger event
with its reason for every change: a late post corrects earlier decisions by new events, never by edits."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Sequence

from kuulo.bot.threads import Closure, PlannedCase, ThreadPlan, ThreadPost, alone_case, plan_thread
from kuulo.rules.specs import OpenFor
from kuulo.storage import cases as case_rows
from kuulo.storage import threads as thread_rows
from kuulo.storage.db import Database
from kuulo.storage.ledger import Ledger
from kuulo.storage.threads import RECOMPUTED_KEY
from kuulo.storage.outbox import enqueue, enqueue_each

ANY_STATE = case_rows.STATES
RECOMPUTED = "recomputed from the thread's posts in platform time"


@dataclass(slots=True)
class Outcome:
    """What one reconciliation changed."""

    opened: list[int] = field(default_factory=list)
    answered: int = 0


def thread_post(row: dict[str, Any]) -> ThreadPost:
    """A stored post as the planner sees it."""
    own = row["brand"] if row["kind"] == "brand_reply" else None
    return ThreadPost(row["id"], row["in_reply_to"], row["created_ts"], row["author"], own, row["v_brand"],
                      row["v_category"], row["priority"] or "normal", bool(row["needs_reply"]),
                      bool(row["is_question"]), bool(row["negative"]), row.get("author_id"))


class Reconciler:
    """Applies thread plans inside the caller's write transaction."""

    def __init__(self, db: Database, ledger: Ledger, now: float, *, open_for: OpenFor, transports: Sequence[str]):
        self.db, self.ledger, self.now = db, ledger, now
        self.open_for, self.transports = open_for, tuple(transports)
        self._reasons: dict[str, dict[str, Any]] = {}
        self._platform = ""

    def thread(self, platform: str, root: str, rows: list[dict[str, Any]] | None = None) -> Outcome:
        """Recompute one thread (rows: its stored posts, when the caller has them already)."""
        rows = thread_rows.thread_posts(self.db, platform, root) if rows is None else rows
        posts = [thread_post(r) for r in rows]
        self._platform = platform
        self._reasons = {r["id"]: r["reasons"] for r in rows if "reasons" in r}  # posts of this batch: at hand
        existing = thread_rows.cases_of_posts(self.db, platform, [p.id for p in posts]) if len(rows) > 1 or any(
            r["case_id"] is not None for r in rows) else {}
        post_of_case = {row["id"]: post for post, row in existing.items()}
        closures = [Closure(post_of_case[cid], ts, actor, how, detail)
                    for cid, ts, actor, how, detail in thread_rows.closures_of(self.db, post_of_case)]
        plan = plan_thread(posts, closures, self.open_for)
        outcome = Outcome()
        ids = self._cases(platform, root, plan, existing, outcome)
        self._members(platform, rows, plan, ids)
        for row in rows:
            brand = plan.on_brand_post.get(row["id"])
            if brand and row["kind"] == "post":
                thread_rows.mark_on_brand_post(self.db, platform, row["id"], brand, row["created_ts"])
        return outcome

    def open_alone(self, posts: Sequence[tuple[str, dict[str, Any]]]) -> dict[tuple[str, str], int]:
        """Posts that are a thread of their own (no parent, no replies yet), planned and opened together: the
        import's common case, in a few statements. Returns the case id by (platform, post id)."""
        opening = []
        for platform, row in posts:
            case = alone_case(thread_post(row), self.open_for)
            if case is not None:
                opening.append(((platform, row["id"]), {
                    "platform": platform, "mention_id": row["id"], "brand": case.brand, "category": case.category,
                    "priority": case.priority, "created_ts": case.created_ts, "thread_root": row["id"]},
                    _reasons(row["reasons"], case)))
        if not opening:
            return {}
        ids = case_rows.open_cases(self.db, self.ledger, [(row, reasons) for _, row, reasons in opening], self.now)
        enqueue_each(self.db, self.transports, kind="alert", items=[(i, {"case_id": i}) for i in ids], ts=self.now)
        return {key: case_id for (key, _, _), case_id in zip(opening, ids)}

    def _cases(self, platform: str, root: str, plan: ThreadPlan, existing: dict[str, dict[str, Any]],
               outcome: Outcome) -> dict[str, int]:
        """Open, correct or merge case rows; returns the case id of every planned case by opening post."""
        ids: dict[str, int] = {}
        carried = _carried_claims(plan, existing)
        for post, case in plan.cases.items():  # parents come before the cases that follow them
            row = existing.get(post)
            parent_id = ids.get(case.parent) if case.parent else None
            if row is None:
                ids[post] = self._open(platform, root, case, parent_id, outcome, carried.get(post))
                continue
            ids[post] = row["id"]
            self._correct(row, self._desired(row, case, root, parent_id, carried.get(post)), case, outcome)
        for post, row in existing.items():
            if post in plan.cases:
                continue
            into = ids.get(plan.member.get(post, ""))
            if row["state"] != "merged" or row["merged_into"] != into:
                reason = (f"its post follows up case #{into}, written before that case's first response" if into
                          else f"its post no longer opens a case ({RECOMPUTED})")
                self._event(row, "merged", "kuulo", self.now, {"state": "merged", "merged_into": into},
                            {"reason": reason}, update={"event": "merged", "into": into})
        return ids

    def _open(self, platform: str, root: str, case: PlannedCase, parent_id: int | None, outcome: Outcome,
              claim: Claim | None = None) -> int:
        reasons = _reasons(self._reasons[case.post] if case.post in self._reasons
                           else verdict_reasons(thread_rows.post_text_and_verdict(self.db, platform, case.post)[1]),
                           case)
        row = case_rows.open_case(
            self.db, self.ledger, platform=platform, mention_id=case.post, brand=case.brand, category=case.category,
            priority=case.priority, created_ts=case.created_ts, opened_ts=self.now, thread_root=root,
            parent_case_id=parent_id, reasons=reasons)
        case_id = row["id"]
        outcome.opened.append(case_id)
        desired = self._desired(row, case, root, parent_id, claim)
        if claim is not None and desired["state"] in case_rows.ACTIVE:  # a claim made on a case merged into it
            self._correct(row, desired, case, outcome, alert=False)
        if desired["state"] in case_rows.ACTIVE:
            enqueue(self.db, self.transports, kind="alert", case_id=case_id, payload={"case_id": case_id}, ts=self.now)
        else:  # answered or dismissed before Kuulo saw the post: no alert
            self._correct(row, desired, case, outcome, alert=False)
        return case_id

    def _desired(self, row: dict[str, Any], case: PlannedCase, root: str, parent_id: int | None,
                 claim: Claim | None = None) -> dict[str, Any]:
        """The case row's columns the thread decides; `claim`: the latest claim made on a case merged into it, which
        holds the case as it would have, had the posts come in order (the later of it and the case's own)."""
        out: dict[str, Any] = {"brand": case.brand, "category": case.category, "priority": case.priority,
                               "created_ts": case.created_ts, "thread_root": root, "parent_case_id": parent_id,
                               "merged_into": None, "responded_ts": None, "responded_by": None,
                               "responded_how": None, "closed_ts": None, "dismiss_reason": None}
        if claim is not None and (row["claimed_ts"] is None or claim[0] > row["claimed_ts"]):
            out.update(claimed_ts=claim[0], claimed_by=claim[1])
            row = {**row, "claimed_by": claim[1], "state": "claimed" if row["state"] == "open" else row["state"]}
        response, dismissal = case.response, case.dismissal
        if dismissal is not None:
            out.update(state="dismissed", closed_ts=dismissal.ts, dismiss_reason=dismissal.detail)
        elif response is not None:
            out.update(state="answered", responded_ts=response.ts, responded_by=response.by,
                       responded_how=response.how, closed_ts=response.ts)
        elif row["state"] in case_rows.ACTIVE:
            out["state"] = row["state"]
        else:
            out["state"] = "claimed" if row["claimed_by"] else "open"
        return out

    def _correct(self, row: dict[str, Any], desired: dict[str, Any], case: PlannedCase, outcome: Outcome,
                 *, alert: bool = True) -> None:
        """One event for whatever differs, named for the main change."""
        changes = {k: v for k, v in desired.items() if row[k] != v}
        if not changes:
            return
        was, now_state = row["state"], desired["state"]
        response = case.response
        if was == "merged":
            kind, actor, ts, data = "restored", "kuulo", self.now, {"reason": f"its post opens a case ({RECOMPUTED})"}
        elif now_state == "answered" and was in case_rows.ACTIVE:
            kind, actor, ts = "answered", response.by, response.ts
            data = {"how": response.how, **({"reply_id": response.ref} if response.ref else {}), RECOMPUTED_KEY: True}
            outcome.answered += 1
        elif now_state == "dismissed" and was in case_rows.ACTIVE:
            dismissal = case.dismissal
            kind, actor, ts = "dismissed", dismissal.actor, dismissal.ts
            data = {"reason": dismissal.detail, RECOMPUTED_KEY: True}
        elif now_state in case_rows.ACTIVE and was in case_rows.CLOSED:
            kind, actor, ts = "reopened", "kuulo", self.now
            data = {"reason": f"nothing answers it any more ({RECOMPUTED})"}
        elif was in case_rows.CLOSED and now_state in case_rows.CLOSED and (
                "responded_ts" in changes or "responded_how" in changes or "state" in changes):
            kind, actor, ts = "first_response_corrected", "kuulo", self.now
            data = {"reason": f"an earlier response was found ({RECOMPUTED})",
                    "was": {k: row[k] for k in ("state", "responded_ts", "responded_by", "responded_how")}}
        else:
            kind, actor, ts, data = "regrouped", "kuulo", self.now, {"reason": RECOMPUTED}
        update = {"event": kind, **({"how": response.how} if kind == "answered" else {})} if alert else None
        self._event(row, kind, actor, ts, changes, data, update=update)

    def _event(self, row: dict[str, Any], kind: str, actor: str, ts: float, changes: dict[str, Any],
               data: dict[str, Any], *, update: dict[str, Any] | None) -> None:
        case_rows.transition(self.db, self.ledger, row["id"], kind=kind, actor=actor, ts=ts, allowed=ANY_STATE,
                             changes=changes, data=data)
        if update is not None:
            enqueue(self.db, self.transports, kind="update", case_id=row["id"],
                    payload={"case_id": row["id"], **update}, ts=self.now)

    def _members(self, platform: str, rows: list[dict[str, Any]], plan: ThreadPlan, ids: dict[str, int]) -> None:
        """Record which case each post belongs to; a follow-up joining or leaving a case is an event of that case."""
        changes, live = [], set(ids.values())
        for row in rows:
            post = row["id"]
            case_id = ids.get(plan.member.get(post, ""))
            if row["case_id"] == case_id:
                continue
            changes.append((post, case_id))
            follow_up = post not in plan.cases and row["kind"] != "brand_reply"
            if follow_up and row["case_id"] in live:  # (leaving a merged case: its merge event says so)
                self.ledger.append(ts=self.now, actor="kuulo", kind="follow_up_moved", case_id=row["case_id"],
                                   platform=platform, mention_id=post,
                                   data={"to_case": case_id, "reason": RECOMPUTED})
            if follow_up and case_id is not None:
                self.ledger.append(ts=self.now, actor=row["author"], kind="follow_up", case_id=case_id,
                                   platform=platform, mention_id=post, data={"text": self._text(row)[:500]})
        if changes:
            thread_rows.set_post_case(self.db, platform, changes)

    def _text(self, row: dict[str, Any]) -> str:
        """A post's text: at hand for the batch's own posts, else read."""
        if "text" in row:
            return row["text"]
        return thread_rows.post_text_and_verdict(self.db, self._platform, row["id"])[0]


Claim = tuple[float, str]  # (claimed_ts, claimed_by)


def _carried_claims(plan: ThreadPlan, existing: dict[str, dict[str, Any]]) -> dict[str, Claim]:
    """The latest claim of the stored cases a plan merges, by the opening post of the case each joins: a claim made
    on a follow-up's case before its question arrived holds the question's case (order does not decide who holds
    it)."""
    carried: dict[str, Claim] = {}
    for post, row in existing.items():
        into = plan.member.get(post)
        if post in plan.cases or into is None or into not in plan.cases or row["claimed_ts"] is None:
            continue
        claim = (row["claimed_ts"], row["claimed_by"])
        if into not in carried or claim > carried[into]:
            carried[into] = claim
    return carried


def verdict_reasons(verdict: str | None) -> dict[str, Any]:
    """What a stored verdict (its JSON) says of why a case opens: the brands' forms seen, question, negative,
    categories (a post of the batch has them in its thread row's `reasons`)."""
    found = json.loads(verdict) if verdict else {}
    return {"brands": [b["form"] for b in found.get("brands", [])], "is_question": bool(found.get("is_question")),
            "negative": bool(found.get("negative")), "categories": list(found.get("categories", []))}


def _reasons(reasons: dict[str, Any], case: PlannedCase) -> dict[str, Any]:
    """Why a case was opened, as its `opened` event says."""
    return {**reasons, "on_brand_post": case.on_brand_post is not None}
