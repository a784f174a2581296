"""The small protocol every chat transport implements (console, Slack, Telegram)."""

from __future__ import annotations

import logging
import math
import threading
from typing import Any, Callable, Protocol, TypeVar

from kuulo.bot.errors import TransportError
from kuulo.bot.limits import MAX_RETRY_AFTER_S
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


class ChatHolds:
    """The chats a rate limit holds, and until when: a message to one of them waits without asking the server again
    (asking during the wait only earns another 429, and a hundred alerts would ask a hundred times), while messages
    to other chats go. `now` is the clock the outbox's retry times are on."""

    def __init__(self, now: Callable[[], float]):
        self.now = now
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, chat: str, what: str) -> None:
        """Raise the chat's TransportError while its rate limit lasts."""
        with self._lock:
            left = self._until.get(chat, 0.0) - self.now()
            if left <= 0:
                self._until.pop(chat, None)
                return
        raise TransportError(f"{what}: {chat} is rate limited for {left:.0f}s more", retry_after=left, chat=chat)

    def hold(self, chat: str, until: float) -> None:
        """Hold the chat until then at least (what the outbox knows: its rows waiting on the chat, after a restart)."""
        with self._lock:
            self._until[chat] = max(self._until.get(chat, 0.0), until)

    def noted(self, exc: TransportError, chat: str) -> TransportError:
        """exc, marked as the chat's own when it is a rate limit, which is remembered until it ends."""
        if exc.retry_after is not None and not exc.permanent:
            exc.chat = chat
            wait = min(max(exc.retry_after, 0.0), MAX_RETRY_AFTER_S) if math.isfinite(exc.retry_after) else (
                MAX_RETRY_AFTER_S)  # as the outbox honours it (bot.delivery.honoured)
            self.hold(chat, self.now() + wait)
        return exc


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
