"""The callback_data contract of the alert's buttons: `<action>:<case id>[:<choice>]`, within Telegram's 64 bytes.

Actions: claim, reply (choice: the suggestion, 1-3), answered, dismiss (choice: a reason), snooze (choice: 30m, 2h,
tomorrow), escalate. Stable, like the Slack action ids: teams may build on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuulo.bot.errors import KuuloError
from kuulo.handlers.desk.choices import ACTIONS

CALLBACK_DATA_BYTES = 64


@dataclass(frozen=True, slots=True)
class Callback:
    """One pressed button: what, on which case, with which choice."""

    action: str
    case_id: int
    choice: str | None = None


def callback_data(action: str, case_id: int, choice: str | None = None) -> str:
    """The callback_data of a button; ValueError when it would not fit Telegram's 64 bytes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    data = f"{action}:{case_id}" + (f":{choice}" if choice else "")
    if len(data.encode("utf-8")) > CALLBACK_DATA_BYTES:
        raise ValueError(f"callback_data over {CALLBACK_DATA_BYTES} bytes: {data!r}")
    return data


def parse_callback(data: str | None) -> Callback:
    """A button's callback_data; KuuloError (shown as a toast) for anything Kuulo did not write."""
    action, _, rest = (data or "").partition(":")
    case_id, _, choice = rest.partition(":")
    if action not in ACTIONS or not case_id.isdigit() or not case_id.isascii() or len(case_id) > 19:
        raise KuuloError("this button is not one of Kuulo's (or from an older Kuulo): nothing was changed")
    return Callback(action, int(case_id), choice or None)
