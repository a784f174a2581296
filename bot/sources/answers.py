"""What a platform answered, checked before it is read: the answer's shape (an object where an object is expected, a
list where a list is), the type of each id and handle in an item, and the platform's own error text made fit for a
message.

An answer of the wrong shape fails the poll with a TransportError that says so, e.g.
`bluesky bsky: unusable answer from app.bsky.feed.searchPosts: expected an object, got a JSON list`; an item whose id
is of the wrong type is skipped alone (BadItem), e.g. `id: expected a string, got a JSON list (['903'])`.
"""

from __future__ import annotations

from typing import Any, Mapping

from kuulo.bot.errors import TransportError
from kuulo.bot.limits import SHOWN_TEXT_CHARS
from kuulo.bot.sources.base import BadItem
from kuulo.bot.sources.times import shown
from kuulo.handlers.console import safe


def kind(value: Any) -> str:
    """What a JSON value is, as a message says it: 'a JSON list', 'a JSON string', 'nothing' (null or missing)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "JSON true" if value else "JSON false"
    if isinstance(value, Mapping):
        return "a JSON object"
    if isinstance(value, (list, tuple)):
        return "a JSON list"
    if isinstance(value, str):
        return "an empty string" if not value else "a JSON string"
    if isinstance(value, (int, float)):
        return "a JSON number"
    return f"a {type(value).__name__}"


def unusable(who: str, where: str, problem: str) -> TransportError:
    """The error of an answer Kuulo cannot read: '{who}: unusable answer from {where}: {problem}'."""
    return TransportError(f"{who}: unusable answer from {where}: {problem}")


def expect_object(answer: Any, who: str, where: str, field: str | None = None) -> Mapping[str, Any]:
    """The answer (or its `field`) as a JSON object, or TransportError naming the source, the call and what came."""
    if not isinstance(answer, Mapping):
        raise unusable(who, where, f"{field + ': ' if field else ''}expected an object, got {kind(answer)}")
    return answer


def expect_list(answer: Any, who: str, where: str, field: str | None = None) -> list[Any]:
    """The answer (or its `field`) as a JSON list, or TransportError naming the source, the call and what came."""
    if not isinstance(answer, list):
        raise unusable(who, where, f"{field + ': ' if field else ''}expected a list, got {kind(answer)}")
    return answer


def item_object(value: Any, field: str | None = None) -> Mapping[str, Any]:
    """An item (or its `field`) as a JSON object; BadItem saying what came instead (the item is skipped alone)."""
    if not isinstance(value, Mapping):
        raise BadItem(f"{field + ': ' if field else ''}expected an object, got {kind(value)}")
    return value


def text_id(value: Any, field: str) -> str:
    """An id or handle the platform writes as a string; BadItem naming the field and what came instead."""
    if isinstance(value, str) and value:
        return value
    raise BadItem(f"{field}: expected a string, got {described(value)}")


def optional_text_id(value: Any, field: str) -> str | None:
    """text_id for a field that may be absent (null, missing or empty: None)."""
    return None if value is None or value == "" else text_id(value, field)


def number_id(value: Any, field: str) -> int:
    """An id the platform writes as a whole number (Telegram's chat, message and user ids); true and false are not."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise BadItem(f"{field}: expected a whole number, got {described(value)}")


def platform_text(text: Any) -> str:
    """A platform's own words (an error message, a reason) as a message may quote them: one line, control and
    invisible characters shown as code points, cut to SHOWN_TEXT_CHARS; the platform is not trusted."""
    return safe(text, SHOWN_TEXT_CHARS)


def described(value: Any) -> str:
    """kind(value) with the value shown, as an item's skip reason quotes it: "a JSON list (['903'])"."""
    return kind(value) if value is None or value == "" else f"{kind(value)} ({shown(value)})"
