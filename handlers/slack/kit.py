"""Block Kit pieces that always fit Slack's limits: each text is cut (with a mark) after escaping, never refused.

The limits (docs.slack.dev/reference/block-kit): section text 3,000; header 150; button text 75, value 2,000;
option text 75, value 150; placeholder 150; context 10 elements; input label and hint 2,000; blocks 50 per
message, 100 per modal or Home tab; modal title, submit and close 24. tests/fakes/slack_blocks.py enforces them.
"""

from __future__ import annotations

from typing import Any

from kuulo.handlers.slack.render import fit, plain

SECTION_TEXT = 3_000
TEXT_OBJECT = 3_000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2_000
OPTION_TEXT = 75
OPTION_VALUE = 150
PLACEHOLDER = 150
CONTEXT_ELEMENTS = 10
LABEL_TEXT = 2_000
MODAL_TITLE = 24
INPUT_VALUE = 3_000
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
MESSAGE_TEXT = 40_000  # chat.postMessage answers msg_too_long above it
MESSAGE_BLOCK_TEXT = 12_000  # all the text of a message's blocks (msg_blocks_too_long above it)

Block = dict[str, Any]


def mrkdwn(text: str, limit: int = TEXT_OBJECT) -> dict[str, Any]:
    """A mrkdwn text object from escaped mrkdwn, within `limit`; verbatim, so that Slack does not turn a post's bare
    web address, #channel or @name into a link or a mention (Kuulo's own <url|label> and <@U…> still work)."""
    return {"type": "mrkdwn", "text": fit(text, limit) or " ", "verbatim": True}


def plain_text(text: str | None, limit: int) -> dict[str, str]:
    """A plain_text object (shown as typed), within `limit`."""
    return {"type": "plain_text", "text": plain(text, limit)}


def section(text: str, block_id: str | None = None, accessory: dict[str, Any] | None = None) -> Block:
    """A section of escaped mrkdwn, cut to 3,000 characters."""
    block: Block = {"type": "section", "text": mrkdwn(text, SECTION_TEXT)}
    if block_id:
        block["block_id"] = block_id
    if accessory:
        block["accessory"] = accessory
    return block


def header(text: str | None) -> Block:
    """A header (plain text, 150 characters)."""
    return {"type": "header", "text": plain_text(text, HEADER_TEXT)}


def context(*texts: str, block_id: str | None = None) -> Block:
    """A context block of escaped mrkdwn texts (at most 10)."""
    block: Block = {"type": "context", "elements": [mrkdwn(t) for t in texts[:CONTEXT_ELEMENTS]]}
    if block_id:
        block["block_id"] = block_id
    return block


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    """A plain button; its value carries Kuulo's own ids, never user text."""
    out: dict[str, Any] = {"type": "button", "action_id": action_id, "value": value[:BUTTON_VALUE],
                           "text": plain_text(label, BUTTON_TEXT)}
    if style:
        out["style"] = style
    return out


def static_select(placeholder: str, action_id: str, options: list[tuple[str, str]]) -> dict[str, Any]:
    """A select of (value, label) options."""
    return {"type": "static_select", "action_id": action_id, "placeholder": plain_text(placeholder, PLACEHOLDER),
            "options": [{"text": plain_text(label, OPTION_TEXT), "value": value[:OPTION_VALUE]}
                        for value, label in options[:100]]}


def message_text(text: str) -> str:
    """A message's top-level text (escaped mrkdwn) within chat.postMessage's 40,000 characters."""
    return fit(text, MESSAGE_TEXT)
