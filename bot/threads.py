"""Which posts of a thread open cases, which follow them up and what answered them: a pure function of the
thread's posts and of what people did, decided in platform time, so arrival order never changes the outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from kuulo.rules.specs import OpenFor, handle_of

CLOSING = ("manual", "kuulo_reply", "recorded", "dismissed")


@dataclass(frozen=True, slots=True)
class ThreadPost:
    """What the planner needs of one stored post."""

    id: str
    parent: str | None      # the platform id it replies to
    ts: float               # its own time on the platform
    author: str
    own_brand: str | None   # set when the brand's own account wrote it
    brand: str | None       # the first brand the rules found in it
    category: str | None
    priority: str
    needs_reply: bool
    is_question: bool
    negative: bool
    author_id: str | None = None  # the platform's own id of the account, where the post carries one


def same_account(a: ThreadPost, b: ThreadPost) -> bool:
    """Whether two posts are one customer's: the same account id where both carry one (two people may share a
    name), else the same handle however an export wrote it (@Liisa, liisa, a padded cell)."""
    if a.author_id and b.author_id:
        return a.author_id == b.author_id
    return handle_of(a.author) == handle_of(b.author)


@dataclass(frozen=True, slots=True)
class Closure:
    """Something a person did to a case, at their own time: answered (manual, kuulo_reply, recorded) or dismissed."""

    post: str    # the post that opened the case it was done to
    ts: float
    actor: str
    how: str
    detail: str | None = None  # the platform's id of a sent reply, or the dismiss reason


@dataclass(frozen=True, slots=True)
class Response:
    """A case's first response."""

    ts: float
    by: str
    how: str  # platform_reply | kuulo_reply | recorded | manual
    ref: str | None = None


@dataclass(slots=True)
class PlannedCase:
    """One case as the thread's posts decide it."""

    post: str
    brand: str
    category: str | None
    priority: str
    created_ts: float
    parent: str | None                      # the opening post of the answered case this one follows
    on_brand_post: str | None               # the brand whose own post it comments on
    follow_ups: list[str] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    dismissals: list[Closure] = field(default_factory=list)

    @property
    def response(self) -> Response | None:
        """The earliest response (ties: the platform's own reply first)."""
        return min(self.responses, key=_response_key, default=None)

    @property
    def dismissal(self) -> Closure | None:
        """The dismissal that closed it, when it came before any response."""
        first = min(self.dismissals, key=lambda c: (c.ts, c.actor), default=None)
        response = self.response
        return first if first is not None and (response is None or first.ts < response.ts) else None

    @property
    def closed_ts(self) -> float | None:
        """When it stopped taking follow-ups: its first response or dismissal."""
        times = [r.ts for r in self.responses] + [d.ts for d in self.dismissals]
        return min(times) if times else None


def _response_key(r: Response) -> tuple[float, int, str]:
    return r.ts, ("platform_reply", "kuulo_reply", "recorded", "manual").index(r.how), r.by


@dataclass(slots=True)
class ThreadPlan:
    """The thread's cases by opening post, which case each post belongs to, and the posts on a brand's own post."""

    cases: dict[str, PlannedCase] = field(default_factory=dict)
    member: dict[str, str] = field(default_factory=dict)
    on_brand_post: dict[str, str] = field(default_factory=dict)
    # a customer's post that belongs to no case (thanks after an answer, another customer's "same here") -> the case
    # of the conversation it continues, so that a question replying to it is linked to that case
    continues: dict[str, str] = field(default_factory=dict)
    # the cases each customer opened, by handle and by account id (same_account decides between them)
    by_customer: dict[str, list[PlannedCase]] = field(default_factory=dict)

    def add(self, case: PlannedCase, opener: ThreadPost) -> None:
        """A case opened by this post."""
        self.cases[case.post] = case
        self.member[case.post] = case.post
        for key in _customer_keys(opener):
            self.by_customer.setdefault(key, []).append(case)

    def cases_of(self, post: ThreadPost, by_id: dict[str, ThreadPost]) -> list[PlannedCase]:
        """The cases this post's customer opened so far in the thread, latest last."""
        found = {id(case): case for key in _customer_keys(post) for case in self.by_customer.get(key, ())
                 if same_account(by_id[case.post], post)}
        return sorted(found.values(), key=lambda case: (case.created_ts, case.post))

    def open_case_of(self, post: ThreadPost, by_id: dict[str, ThreadPost], brand: str | None = None,
                     ts: float | None = None) -> PlannedCase | None:
        """The latest case of this post's customer still open at ts (the post's own time by default), of `brand`
        (the brand the post names, if any): where a reply of theirs anywhere in the conversation follows up, and
        what their brand's reply to any post of theirs answers."""
        brand, ts = brand or post.brand, post.ts if ts is None else ts
        return next((case for case in reversed(self.cases_of(post, by_id))
                     if (brand is None or brand == case.brand)
                     and ((closed := case.closed_ts) is None or ts < closed)), None)


def _customer_keys(post: ThreadPost) -> tuple[str, ...]:
    """Where a customer's cases are kept: their handle, and their account id where the post carries one."""
    return (f"@{handle_of(post.author)}", *((f"#{post.author_id}",) if post.author_id else ()))


def wants_case(open_for: OpenFor, post: ThreadPost, *, in_thread: bool) -> bool:
    """Whether a post opens a case: the rules decide, and under a brand's post or an answer no brand name is needed."""
    if not in_thread:
        return post.needs_reply
    if open_for == "all":
        return True
    return post.is_question or (open_for == "needs_reply" and post.negative)


def alone_case(post: ThreadPost, open_for: OpenFor) -> PlannedCase | None:
    """plan_thread for a post that is its whole thread, without the walk: the import's common case."""
    if post.own_brand or post.brand is None or not wants_case(open_for, post, in_thread=False):
        return None
    return PlannedCase(post.id, post.brand, post.category, post.priority, post.ts, None, None)


def plan_thread(posts: Sequence[ThreadPost], closures: Iterable[Closure], open_for: OpenFor) -> ThreadPlan:
    """Walk the thread in platform time (parents first) and decide every post's place.

    The case's customer's reply anywhere in its conversation, written before the case's first response (or
    dismissal), follows it up unless it names another brand; written after, it opens a new case linked to their own
    first one, and another customer's question opens one linked to the case it replies under. A reply by the case's
    brand answers the case holding the post it replies to (or, replying to a customer's post outside their case, the
    case that customer has open with the brand), at its platform time; another brand's account answers nobody's case
    but its own. What people did keeps its own time; the earliest response is the first.
    """
    by_id = {p.id: p for p in posts}
    by_post: dict[str, list[Closure]] = {}
    for closure in closures:
        by_post.setdefault(closure.post, []).append(closure)
    sent = {c.detail for group in by_post.values() for c in group if c.how == "kuulo_reply" and c.detail}
    plan = ThreadPlan()
    for post in tree_order(posts, by_id):
        parent = by_id.get(post.parent) if post.parent and post.parent != post.id else None
        held = (plan.member.get(parent.id) or plan.continues.get(parent.id)) if parent else None
        parent_case = plan.cases.get(held or "")
        if post.own_brand:
            if parent_case is not None and parent.id in plan.member and post.own_brand == parent_case.brand:
                answered = parent_case
            elif parent is not None and not parent.own_brand:  # to a customer's post outside their case ("same
                answered = plan.open_case_of(parent, by_id, post.own_brand, post.ts)  # here"): their open case's
            else:
                answered = None
            if answered is not None:
                plan.member[post.id] = answered.post
                if post.id not in sent:  # a reply Kuulo sent is counted once, as the person's reply
                    by = f"@{post.author.strip().lstrip('@')}"  # one agent however a spreadsheet padded it
                    answered.responses.append(Response(post.ts, by, "platform_reply", post.id))
            elif parent_case is not None:  # in the conversation, answering no case: a question under it is linked
                plan.continues[post.id] = parent_case.post
            continue
        on_brand = parent.own_brand if parent is not None and parent.own_brand else None
        if on_brand and not post.brand:
            plan.on_brand_post[post.id] = on_brand
        closed = parent_case.closed_ts if parent_case else None
        same_customer = parent_case is not None and same_account(by_id[parent_case.post], post)
        own = (parent_case if same_customer and (closed is None or post.ts < closed)
               and post.brand in (None, parent_case.brand) else plan.open_case_of(post, by_id))
        if own is not None:  # under their own case's post, or anywhere else in its conversation (under a
            plan.member[post.id] = own.post  # competitor's reply, under another customer's answered case)
            own.follow_ups.append(post.id)
            _attach(own, by_post.get(post.id, ()))
            continue
        brand = post.brand or (parent_case.brand if parent_case else on_brand)
        in_thread = parent_case is not None or on_brand is not None
        if brand is None or not wants_case(open_for, post, in_thread=in_thread):
            if parent_case is not None:
                plan.continues[post.id] = parent_case.post
            continue
        earlier = plan.cases_of(post, by_id)  # a customer asking again is linked to their own earlier case
        linked = earlier[-1].post if earlier else parent_case.post if parent_case else None
        case = PlannedCase(post.id, brand, post.category, post.priority, post.ts, linked,
                           on_brand if not post.brand else None)
        plan.add(case, post)
        _attach(case, by_post.get(post.id, ()))
    return plan


def _attach(case: PlannedCase, closures: Iterable[Closure]) -> None:
    """What people did to a case opened by this post now counts for the case the post belongs to."""
    for c in closures:
        if c.how == "dismissed":
            case.dismissals.append(c)
        else:
            case.responses.append(Response(c.ts, c.actor, c.how, c.detail))


def tree_order(posts: Sequence[ThreadPost], by_id: dict[str, ThreadPost]) -> list[ThreadPost]:
    """Posts in platform time with every parent before its replies (a reply timed before its parent by clock skew
    takes its parent's time); a reply cycle, which only hostile input makes, is cut where it closes."""
    effective: dict[str, tuple[float, int]] = {}
    for start in sorted(posts, key=lambda p: (p.ts, p.id)):
        chain, seen, node = [], set(), start
        while node.id not in effective and node.id not in seen:
            seen.add(node.id)
            chain.append(node)
            parent = by_id.get(node.parent) if node.parent and node.parent != node.id else None
            if parent is None:
                break
            node = parent
        ts, depth = effective.get(node.id, (float("-inf"), -1)) if node.id not in seen else (float("-inf"), -1)
        for item in reversed(chain):
            ts, depth = max(ts, item.ts), depth + 1
            effective[item.id] = (ts, depth)
    return sorted(posts, key=lambda p: (*effective[p.id], p.ts, p.id))
