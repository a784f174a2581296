"""Block Kit's limits, checked the way Slack checks them before it stores a message or a view.

Slack refuses a message whose blocks break a limit with HTTP 200 ``{"ok": false, "error": "invalid_blocks"}``
(``views.*`` answer ``invalid_arguments``), naming the place in ``response_metadata.messages``. Limits from
docs.slack.dev/reference/block-kit (blocks, block elements, composition objects) and /reference/views:
section text 3,000 and fields 10 x 2,000; header 150 (plain_text only); context 10 elements; actions 25 elements;
button text 75 (plain_text), value 2,000, url 3,000; action_id and block_id 255; option text 75 and value 150,
100 options; placeholder 150; input label and hint 2,000; blocks 50 per message, 100 per modal or Home tab; modal
title, submit and close 24; private_metadata 3,000; callback_id 255. A text object may not be empty. Messages
whose blocks hold more than 12,000 characters of text in all answer ``msg_blocks_too_long`` (Slack documents
12,000 for markdown blocks; bolt-js#2509 measured the same cap for other blocks), a ``text`` over 40,000
``msg_too_long``.
"""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS, VIEW_BLOCKS = 50, 100
MESSAGE_BLOCK_TEXT = 12_000
MESSAGE_TEXT = 40_000
TEXT_OBJECT = 3_000


class BlockKitError(Exception):
    """One broken limit: ``where`` is a JSON pointer like ``/blocks/0/text``."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"[ERROR] {problem} [json-pointer:{where}]")


def _text(obj: Any, where: str, limit: int = TEXT_OBJECT, *, plain: bool = False) -> int:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        raise BlockKitError(where, "expected a text object")
    if plain and obj["type"] != "plain_text":
        raise BlockKitError(f"{where}/type", "must be plain_text")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        raise BlockKitError(f"{where}/text", "must be more than 0 characters")
    if len(text) > limit:
        raise BlockKitError(f"{where}/text", f"must be less than {limit + 1} characters")
    return len(text)


def _string(value: Any, where: str, limit: int) -> None:
    if value is not None and (not isinstance(value, str) or len(value) > limit):
        raise BlockKitError(where, f"must be a string of at most {limit} characters")


def _element(element: Any, where: str) -> int:
    if not isinstance(element, dict):
        raise BlockKitError(where, "expected an object")
    kind = element.get("type")
    _string(element.get("action_id"), f"{where}/action_id", 255)
    if kind == "button":
        _string(element.get("value"), f"{where}/value", 2_000)
        _string(element.get("url"), f"{where}/url", 3_000)
        return _text(element.get("text"), f"{where}/text", 75, plain=True)
    if kind == "static_select":
        options = element.get("options") or []
        if not 1 <= len(options) <= 100:
            raise BlockKitError(f"{where}/options", "must have between 1 and 100 items")
        size = _text(element.get("placeholder"), f"{where}/placeholder", 150, plain=True)
        for n, option in enumerate(options):
            size += _text(option.get("text"), f"{where}/options/{n}/text", 75, plain=True)
            _string(option.get("value"), f"{where}/options/{n}/value", 150)
        return size
    if kind == "plain_text_input":
        limit = int(element.get("max_length") or 3_000)
        _string(element.get("initial_value"), f"{where}/initial_value", limit)
        if element.get("placeholder") is not None:
            return _text(element["placeholder"], f"{where}/placeholder", 150, plain=True)
        return 0
    if kind in ("image", "mrkdwn", "plain_text"):
        return _text(element, where) if kind != "image" else 0
    raise BlockKitError(f"{where}/type", f"unknown element type {kind!r}")


def _block(block: Any, where: str) -> int:
    """Check one block; returns the characters of text it holds."""
    if not isinstance(block, dict):
        raise BlockKitError(where, "expected an object")
    _string(block.get("block_id"), f"{where}/block_id", 255)
    kind = block.get("type")
    if kind == "section":
        size = _text(block["text"], f"{where}/text") if "text" in block else 0
        fields = block.get("fields") or []
        if "text" not in block and not fields:
            raise BlockKitError(where, "a section needs text or fields")
        if len(fields) > 10:
            raise BlockKitError(f"{where}/fields", "must have at most 10 items")
        size += sum(_text(f, f"{where}/fields/{n}", 2_000) for n, f in enumerate(fields))
        if "accessory" in block:
            size += _element(block["accessory"], f"{where}/accessory")
        return size
    if kind == "header":
        return _text(block.get("text"), f"{where}/text", 150, plain=True)
    if kind == "context":
        elements = block.get("elements") or []
        if not 1 <= len(elements) <= 10:
            raise BlockKitError(f"{where}/elements", "must have between 1 and 10 items")
        return sum(_element(e, f"{where}/elements/{n}") for n, e in enumerate(elements))
    if kind == "actions":
        elements = block.get("elements") or []
        if not 1 <= len(elements) <= 25:
            raise BlockKitError(f"{where}/elements", "must have between 1 and 25 items")
        return sum(_element(e, f"{where}/elements/{n}") for n, e in enumerate(elements))
    if kind == "input":
        size = _text(block.get("label"), f"{where}/label", 2_000, plain=True)
        if block.get("hint") is not None:
            size += _text(block["hint"], f"{where}/hint", 2_000, plain=True)
        return size + _element(block.get("element"), f"{where}/element")
    if kind in ("divider", "image"):
        return 0
    raise BlockKitError(f"{where}/type", f"unknown block type {kind!r}")


def check_blocks(blocks: Any, limit: int = MESSAGE_BLOCKS, where: str = "/blocks") -> int:
    """Check a block list against Block Kit's limits; returns its characters of text."""
    if not isinstance(blocks, list):
        raise BlockKitError(where, "expected an array")
    if len(blocks) > limit:
        raise BlockKitError(where, f"must have at most {limit} items")
    return sum(_block(block, f"{where}/{n}") for n, block in enumerate(blocks))


def check_message(params: dict[str, Any]) -> str | None:
    """The error code Slack gives a chat.* message that breaks a limit, or None."""
    text = params.get("text")
    if isinstance(text, str) and len(text) > MESSAGE_TEXT:
        return "msg_too_long"
    if params.get("blocks") in (None, ""):
        return None
    try:
        size = check_blocks(params["blocks"])
    except BlockKitError:
        return "invalid_blocks"
    return "msg_blocks_too_long" if size > MESSAGE_BLOCK_TEXT else None


def check_view(view: dict[str, Any]) -> None:
    """Raise BlockKitError for a modal or Home tab view that breaks a limit."""
    check_blocks(view.get("blocks", []), VIEW_BLOCKS, "/view/blocks")
    _string(view.get("private_metadata"), "/view/private_metadata", 3_000)
    _string(view.get("callback_id"), "/view/callback_id", 255)
    if view.get("type") == "modal":
        _text(view.get("title"), "/view/title", 24, plain=True)
        for name in ("submit", "close"):
            if view.get(name) is not None:
                _text(view[name], f"/view/{name}", 24, plain=True)
