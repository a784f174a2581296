"""The small protocol every chat transport implements (console, Slack, Telegram)."""

from __future__ import annotations

import logging
from typing import Any, Callable, Protocol, TypeVar

from kuulo.bot.errors import TransportError
from kuulo.storage.outbox import OutboxItem

log = logging.getLogger(__name__)
T = TypeVar("T")


class ChatHandler(Protocol):
    """Delivers one outbox message; raises TransportError (retry_after, permanent) on failure."""

    name: str
    # Optional `confirms_in_rounds = True`: a message shown twice after a crash does no harm (a terminal), so delivery
    # may record a round's messages as sent in one transaction instead of one each (bot/delivery.py).

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        """Send the message; `view` is the case as it is now, `ref` where its alert landed. Returns the new ref."""
        ...


def why_line(brands: list[str], verdict: dict[str, Any], show: Callable[[str], str]) -> str:
    """Why a post matched, in one line: the brand parts as the transport wrote them, then the brand post, question,
    negative and categories, each passed through `show` (the transport's escaping)."""
    parts = list(brands)
    if verdict.get("on_brand_post"):
        parts.append(f"on {show(verdict['on_brand_post'])}'s own post")
    if verdict.get("is_question"):
        parts.append("question")
    if verdict.get("negative"):
        parts.append("negative")
    parts += [f"category {show(c)}" for c in verdict.get("categories", [])]
    return " · ".join(parts) or "thread follow-up"


def still_to_remind(view: dict[str, Any] | None, now_ts: float, sla_seconds: int) -> bool:
    """Whether a reminder that waited in the outbox still fits the case as it is now: open or claimed (not snoozed,
    escalated, closed or with a reply on its way) and before its target (after it, the escalation speaks)."""
    return (view is not None and view["state"] in ("open", "claimed")
            and now_ts <= view["created_ts"] + sla_seconds)  # at the target it is within it, as the sweep counts


def unless_refused(what: str, fn: Callable[[], T]) -> T | None:
    """fn(), or None when the chat refuses it for good (the alert deleted, its channel archived, the bot removed):
    for a step an escalation must not wait on; a refusal that may pass is raised, so the row is tried again."""
    try:
        return fn()
    except TransportError as exc:
        if not exc.permanent:
            raise
        log.warning("%s refused for good, the escalation goes out without it: %s", what, exc)
        return None


def escalation_first(post: Callable[[], Any], tell: Callable[[], Any], case_id: int) -> tuple[Any, Any]:
    """An escalation's two steps, in the order that keeps it from waiting on an alert that is gone: the post in the
    escalation channel, then the alert's redraw and line (skipped when the chat refuses them for good)."""
    posted = post()
    return posted, unless_refused(f"case {case_id}'s alert", tell)


def deliver_kind(handler: object, transport: str, item: OutboxItem, view: dict[str, Any] | None, ref: str | None,
                 done: dict[int, Any]) -> str | None:
    """Send an outbox item with the handler's `_KIND` method. `done` holds the steps of a multi-step message that
    went through: a retry gets them back as the error's progress, a permanent failure or a success forgets them."""
    send: Callable[[OutboxItem, dict[str, Any] | None, str | None], str | None] | None = getattr(
        handler, f"_{item.kind}", None)
    if send is None:
        raise TransportError(f"outbox {item.id}: {transport} cannot deliver kind '{item.kind}'", permanent=True)
    try:
        result = send(item, view, ref)
    except TransportError as exc:
        if exc.permanent:
            done.pop(item.id, None)
        else:
            exc.progress = done.get(item.id)
        raise
    done.pop(item.id, None)
    return result
