"""The small protocol every chat transport implements (console, Slack, Telegram)."""

from __future__ import annotations

from typing import Any, Callable, Protocol

from kuulo.storage.outbox import OutboxItem


class ChatHandler(Protocol):
    """Delivers one outbox message; raises TransportError (retry_after, permanent) on failure."""

    name: str

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
