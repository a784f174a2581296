"""Actor names as the chat desks record them: a person's name, then their chat user id in parentheses."""

from __future__ import annotations

import re

SLACK_USER_ID = r"[UW][A-Z0-9]{2,}"
TELEGRAM_USER_ID = r"\d{1,19}"
_USER_ID_AT_END = re.compile(rf" \(({SLACK_USER_ID}|{TELEGRAM_USER_ID})\)$")


def actor_name(name: str, user_id: str | int) -> str:
    """How events record a chat person: 'aino (U0AINO001)' on Slack, 'aino (111111111)' on Telegram."""
    return f"{name} ({user_id})"


def chat_user_id(actor: str | None) -> str | None:
    """The Slack or Telegram user id an actor name ends with, if any."""
    found = _USER_ID_AT_END.search(actor or "")
    return found.group(1) if found else None
