"""What a transport's markup provides to the shared desk texts, and the transport-neutral text helpers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable, Mapping, Protocol
from zoneinfo import ZoneInfo

# Control characters but tab and newline; bidi embeddings, overrides, isolates and marks; zero-width and other
# invisible format characters (soft hyphen, word joiner, BOM, Hangul fillers, interlinear annotation, tags). The
# zero-width joiner stays: emoji sequences need it and it hides nothing.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b\u200c\u200e\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]")
MAX_NAME = 80  # a platform, brand, category or person's name on one line
MARK = "…"

Person = Callable[[str], bool]  # is this chat user id one of the team's agents or supervisors?
# Event kinds a person records by acting on a case (in chat, or with `kuulo case … --by`); only their actors may
# be shown as mentions. Anything else (a follow_up's actor is a post's author) is shown as text.
PERSON_EVENTS = frozenset({"claimed", "answered", "dismissed", "snoozed", "escalated", "reply_queued"})


def neutral(text: str | None) -> str:
    """The text without control, bidi and zero-width characters (they reorder or hide what an agent reads)."""
    return _INVISIBLE.sub("", text or "")


def nobody(user_id: str) -> bool:
    """The Person check that vouches for no one: every actor is shown as text."""
    return False


def trusted_event(kind: str | None, how: str | None) -> bool:
    """Whether an event's actor may be shown as a mention: a person's own action, not a post or a platform reply."""
    return kind in PERSON_EVENTS and how != "platform_reply"


def clock_time(ts: float, tz: ZoneInfo, now_ts: float) -> str:
    """HH:MM in the team's time zone, with the date when it is not today."""
    when, today = datetime.fromtimestamp(ts, tz), datetime.fromtimestamp(now_ts, tz)
    return when.strftime("%H:%M") if when.date() == today.date() else when.strftime("%d.%m. %H:%M")


class Markup(Protocol):
    """A chat's markup: every method takes untrusted text and returns it escaped for that chat (or takes text it
    already escaped: `fit`, `bold`, `pre`)."""

    icons: Mapping[str, str]  # state names and "breached", "warning", "alarm", "escalation"

    def escape(self, text: str | None) -> str: ...

    def short(self, text: str | None, limit: int) -> str: ...

    def quote(self, text: str, limit: int) -> str: ...

    def fit(self, marked: str, limit: int) -> str: ...

    def bold(self, marked: str) -> str: ...

    def code(self, marked: str) -> str: ...

    def pre(self, marked: str) -> str: ...

    def link(self, url: str | None, label: str) -> str: ...

    def event_actor(self, actor_name: str | None, kind: str | None, how: str | None) -> str: ...


def name(m: Markup, text: str | None) -> str:
    """A brand, platform or category on one line, escaped and cut (an imported platform can be 2,000 characters)."""
    return m.short(text, MAX_NAME)


def icon(m: Markup, key: str) -> str:
    """The chat's icon for a state or a mark, with a space after it when there is one."""
    shown = m.icons.get(key, "")
    return f"{shown} " if shown else ""
