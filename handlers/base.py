"""The small protocol every chat transport implements (console, Slack, Telegram)."""

from __future__ import annotations

from typing import Any, Protocol

from kuulo.storage.outbox import OutboxItem


class ChatHandler(Protocol):
    """Delivers one outbox message; raises TransportError (retry_after, permanent) on failure."""

    name: str

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        """Send the message; `view` is the case as it is now, `ref` where its alert landed. Returns the new ref."""
        ...
