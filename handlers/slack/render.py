"""Untrusted text made safe for Slack mrkdwn, in one place: nobody is pinged, nothing is linked by a post."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

_SAFE_URL = re.compile(r"https?://[^\s<>|]+")
_USER_ID = re.compile(r"\(([UW][A-Z0-9]{2,})\)$")
MAX_URL = 500  # longer post URLs are not linked (a section's text holds 3000 characters)
MAX_LABEL = 80


def escape(text: str | None) -> str:
    """Slack's three control characters (&, <, >) as entities, so `<!channel>` shows literally."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(text: str) -> str:
    return "\n".join("> " + escape(line) for line in (text.splitlines() or [""]))


def quote(text: str, limit: int) -> str:
    """Escaped text as a mrkdwn block quote, at most `limit` characters after escaping (Block Kit caps text)."""
    out, body = _quoted(text), text
    while len(out) > limit:
        body = body[:max(0, len(body) * limit // len(out) - 2)]
        out = _quoted(body) + "…"
    return out


def short(text: str | None, limit: int) -> str:
    """Escaped text on one line, cut at `limit` characters before escaping."""
    flat = " ".join((text or "").split())
    return escape(flat[:limit]) + ("…" if len(flat) > limit else "")


def link(url: str | None, label: str) -> str:
    """A link with a short escaped label; a URL that is long or could break out of `<url|label>` is not linked."""
    if url and len(url) <= MAX_URL and _SAFE_URL.fullmatch(url):
        return f"<{escape(url)}|{short(label, MAX_LABEL)}>"
    return short(label, MAX_LABEL)


def user_id_of(actor: str | None) -> str | None:
    """The Slack user id at the end of an actor name like 'aino (U0AINO001)', if any."""
    found = _USER_ID.search(actor or "")
    return found.group(1) if found else None


def actor(actor_name: str | None) -> str:
    """Who did it: a Slack person as a mention (ids come from Slack, not from posts), others escaped."""
    user = user_id_of(actor_name)
    return f"<@{user}>" if user else escape(actor_name or "kuulo")


def principal(principal_id: str) -> str:
    """A configured user or user-group id as a mention."""
    return f"<!subteam^{principal_id}>" if principal_id.startswith("S") else f"<@{principal_id}>"


def clock_time(ts: float, tz: ZoneInfo, now_ts: float) -> str:
    """HH:MM in the team's time zone, with the date when it is not today."""
    when, today = datetime.fromtimestamp(ts, tz), datetime.fromtimestamp(now_ts, tz)
    return when.strftime("%H:%M") if when.date() == today.date() else when.strftime("%d.%m. %H:%M")
