"""Modals and the App Home: the reply editor and each person's view of the queue."""

from __future__ import annotations

from typing import Any

from kuulo.bot.durations import format_duration
from kuulo.handlers.desk.choices import chosen_suggestion, reply_limit, reply_problem
from kuulo.handlers.slack.blocks import name
from kuulo.handlers.slack.kit import (INPUT_VALUE, LABEL_TEXT, MODAL_TITLE, VIEW_BLOCKS, header, plain_text,
                                      section)
from kuulo.handlers.slack.render import plain, quote, short

REPLY_CALLBACK = "kuulo.reply_modal"
REPLY_BLOCK, REPLY_INPUT = "kuulo_reply", "text"
HOME_ROWS = 20
__all__ = ["chosen_suggestion", "reply_limit", "reply_problem", "reply_modal", "home_view", "refused_home"]


def reply_modal(view: dict[str, Any], n: int = 1, *, sends: bool = False) -> dict[str, Any]:
    """The reply editor, prefilled with suggestion n; private_metadata carries the case id. `sends`: Kuulo posts the
    reply on the platform; otherwise the modal says plainly that the reply is only recorded."""
    suggestion = chosen_suggestion(view, n)
    limit = reply_limit(view)
    platform = plain(view["platform"], 40)
    element: dict[str, Any] = {"type": "plain_text_input", "action_id": REPLY_INPUT, "multiline": True}
    if suggestion:
        element["initial_value"] = suggestion["text"][:INPUT_VALUE]  # plain text: shown as typed, never parsed
    limit_note = f" (limit {limit} characters)" if limit else ""
    if sends:
        title, submit, label = f"Reply · case #{view['id']}", "Send reply", f"Reply on {platform}{limit_note}"
        hint = (f"Kuulo posts it on {platform}; the case is answered when {platform} has taken it, "
                "and the alert's thread says if it did not.")
    else:
        title, submit = f"Record · case #{view['id']}", "Record, not sent"
        label = f"Your reply, to post on {platform} yourself{limit_note}"
        hint = (f"Kuulo cannot post on {platform} for this case: it records the reply on the case, marked as not "
                f"sent. Copy it and post it on {platform} yourself.")
    return {
        "type": "modal", "callback_id": REPLY_CALLBACK, "private_metadata": str(view["id"]),
        "title": plain_text(title, MODAL_TITLE),
        "submit": plain_text(submit, MODAL_TITLE),
        "close": plain_text("Cancel", MODAL_TITLE),
        "blocks": [
            section(f"*{short(view['author'], 80)}* wrote:\n{quote(view['text'], 2000)}"),
            {"type": "input", "block_id": REPLY_BLOCK, "label": plain_text(label, LABEL_TEXT),
             "element": element, "hint": plain_text(hint, LABEL_TEXT)},
        ],
    }


def _case_line(row: dict[str, Any], now_ts: float) -> str:
    return (f"*#{row['id']}* {name(row['brand'])} · {name(row['platform'])} · {row['state']} · "
            f"{format_duration(now_ts - row['created_ts'])} old\n{short(row['author'], 40)}: "
            f"{short(row['text'], 120)}")


def home_view(mine: list[dict[str, Any]], queue: list[dict[str, Any]], now_ts: float,
              queued: int | None = None) -> dict[str, Any]:
    """The App Home tab: the viewer's claimed cases, then the team's open queue, oldest first (`queued`: its full
    length, when `queue` holds only its first rows)."""
    blocks: list[dict[str, Any]] = [header("Your claimed cases")]
    blocks += [section(_case_line(r, now_ts)) for r in mine[:HOME_ROWS]] or [section("_Nothing claimed._")]
    blocks += [{"type": "divider"}, header(f"Open queue ({len(queue) if queued is None else queued})")]
    blocks += [section(_case_line(r, now_ts)) for r in queue[:HOME_ROWS]] or [section("_The queue is empty._")]
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def refused_home() -> dict[str, Any]:
    """The App Home for someone who is not an agent or supervisor."""
    return {"type": "home", "blocks": [section("You are not one of this team's Kuulo agents: ask an admin to add "
                                               "you to `slack.agents`.")]}
