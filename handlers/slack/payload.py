"""What Kuulo reads from Slack's interaction payloads, read so that a payload of another shape (signed, but not one
Slack would send) gives nothing instead of a traceback: a listener then refuses it like a stale button."""

from __future__ import annotations

from typing import Any


def user_of(body: dict[str, Any]) -> str | None:
    """The Slack user id behind an interaction, command or event, when it is text."""
    user, event = body.get("user"), body.get("event")
    if isinstance(user, dict):
        found = user.get("id")
    else:
        found = body.get("user_id") or (event.get("user") if isinstance(event, dict) else None)
    return found if isinstance(found, str) and found else None


def action_value(body: dict[str, Any]) -> str | None:
    """The clicked button's value or the chosen option's value, when it is text."""
    actions = body.get("actions")
    action = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
    option = action.get("selected_option")
    value = action.get("value") or (option.get("value") if isinstance(option, dict) else None)
    return value if isinstance(value, str) else None


def form_text(view: dict[str, Any], block: str, element: str) -> str:
    """A modal's text input (block, element), or "" when the form holds none of that shape."""
    node: Any = view
    for key in ("state", "values", block, element, "value"):
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, str) else ""
