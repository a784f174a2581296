"""Untrusted text made safe for Slack mrkdwn, in one place: nobody is pinged, nothing is linked by a post, nothing
reorders or hides what an agent reads, and every text is cut to its limit after escaping."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable
from zoneinfo import ZoneInfo

_SAFE_URL = re.compile(r"https?://[^\s<>|]+")
_USER_ID = re.compile(r"\(([UW][A-Z0-9]{2,})\)$")
# Control characters but tab and newline; bidi embeddings, overrides, isolates and marks; zero-width and other
# invisible format characters (soft hyphen, word joiner, BOM, Hangul fillers, interlinear annotation, tags). The
# zero-width joiner stays: emoji sequences need it and it hides nothing.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b\u200c\u200e\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f]")
MAX_URL = 500  # longer post URLs (after escaping) are not linked
MAX_LABEL = 80
MAX_NAME = 80  # a platform, brand, category or person's name on one line
MARK = "…"

Person = Callable[[str], bool]  # is this Slack user id one of the team's agents or supervisors?
# Event kinds a person records by acting on a case (in Slack, or with `kuulo case … --by`); only their actors may
# be shown as mentions. Anything else (a follow_up's actor is a post's author) is shown as text.
PERSON_EVENTS = frozenset({"claimed", "answered", "dismissed", "snoozed", "escalated", "reply_queued"})


def neutral(text: str | None) -> str:
    """The text without control, bidi and zero-width characters (they reorder or hide what an agent reads)."""
    return _INVISIBLE.sub("", text or "")


def escape(text: str | None) -> str:
    """Slack's three control characters (&, <, >) as entities, so `<!channel>` shows literally; invisible
    characters removed."""
    return neutral(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit(mrkdwn: str, limit: int, *, cut: bool = False) -> str:
    """Escaped mrkdwn in at most `limit` characters: cut with a mark (also when `cut`, the text having been
    shortened before), never inside an entity like `&amp;` or a `<url|label>`."""
    if len(mrkdwn) <= limit and not cut:
        return mrkdwn
    head = mrkdwn[:max(0, limit - len(MARK))]
    entity = head.rfind("&")
    if entity >= 0 and ";" not in head[entity:]:
        head = head[:entity]
    bracket = head.rfind("<")
    if bracket >= 0 and ">" not in head[bracket:]:
        head = head[:bracket]
    return head + MARK


def plain(text: str | None, limit: int) -> str:
    """Text for a plain_text object (never parsed, so not escaped): invisible characters removed, cut with a mark,
    never empty."""
    shown = neutral(text).strip() or "–"
    return shown if len(shown) <= limit else shown[:limit - len(MARK)] + MARK


def _quoted(text: str) -> str:
    return "\n".join("> " + escape(line) for line in (text.splitlines() or [""]))


def quote(text: str, limit: int) -> str:
    """Escaped text as a mrkdwn block quote, at most `limit` characters after escaping (Block Kit caps text)."""
    body = neutral(text)
    longer = len(body) > limit  # escaping and "> " only grow it: the first `limit` characters are enough
    return fit(_quoted(body[:limit] if longer else body), limit, cut=longer)


def short(text: str | None, limit: int) -> str:
    """Escaped text on one line, at most `limit` characters after escaping."""
    return fit(escape(" ".join(neutral(text).split())), limit)


def link(url: str | None, label: str) -> str:
    """A link with a short escaped label; a URL that is long or could break out of `<url|label>` is not linked."""
    target = escape(url)
    if url and len(target) <= MAX_URL and _SAFE_URL.fullmatch(url) and neutral(url) == url:
        return f"<{target}|{short(label, MAX_LABEL)}>"
    return short(label, MAX_LABEL)


def user_id_of(actor: str | None) -> str | None:
    """The Slack user id at the end of an actor name like 'aino (U0AINO001)', if any."""
    found = _USER_ID.search(actor or "")
    return found.group(1) if found else None


def nobody(user_id: str) -> bool:
    """The Person check that vouches for no one: every actor is shown as text."""
    return False


def actor(actor_name: str | None, person: Person = nobody) -> str:
    """Who did it: a mention only when `person` vouches for the Slack user id at the end of the name (ids a post's
    author writes into their own name are not the team's); anyone else as escaped text."""
    user = user_id_of(actor_name)
    if user and person(user):
        return f"<@{user}>"
    return short(actor_name or "kuulo", MAX_NAME)


def event_actor(actor_name: str | None, kind: str | None, how: str | None, person: Person) -> str:
    """The actor of a ledger event: a mention only for a person's own action on the case (not a follow-up post, not
    the brand's reply seen on the platform)."""
    trusted = kind in PERSON_EVENTS and how != "platform_reply"
    return actor(actor_name, person if trusted else nobody)


def principal(principal_id: str) -> str:
    """A configured user or user-group id as a mention."""
    return f"<!subteam^{principal_id}>" if principal_id.startswith("S") else f"<@{principal_id}>"


def clock_time(ts: float, tz: ZoneInfo, now_ts: float) -> str:
    """HH:MM in the team's time zone, with the date when it is not today."""
    when, today = datetime.fromtimestamp(ts, tz), datetime.fromtimestamp(now_ts, tz)
    return when.strftime("%H:%M") if when.date() == today.date() else when.strftime("%d.%m. %H:%M")
