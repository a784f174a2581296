"""Untrusted text made safe for Slack mrkdwn, in one place: nobody is pinged, nothing is linked by a post, nothing
reorders or hides what an agent reads, and every text is cut to its limit after escaping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from kuulo.bot.actors import chat_user_id
from kuulo.handlers.desk.markup import (MARK, MAX_NAME, PERSON_EVENTS, Person, clock_time, neutral, nobody,
                                        trusted_event)

_SAFE_URL = re.compile(r"https?://[^\s<>|]+")
MAX_URL = 500  # longer post URLs (after escaping) are not linked
MAX_LABEL = 80
# ˋ: a backtick's look-alike inside a preformatted block; mrkdwn has no escape for `, and a name's ``` would end the
# block, what follows it read as mrkdwn
GRAVE = "\u02cb"
__all__ = ["MARK", "MAX_NAME", "PERSON_EVENTS", "Person", "clock_time", "neutral", "nobody", "SlackMarkup"]


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
    user = chat_user_id(actor)
    return user if user and not user.isdigit() else None


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
    return actor(actor_name, person if trusted_event(kind, how) else nobody)


def principal(principal_id: str) -> str:
    """A configured user or user-group id as a mention."""
    return f"<!subteam^{principal_id}>" if principal_id.startswith("S") else f"<@{principal_id}>"


SLACK_ICONS = {"open": ":large_blue_circle:", "claimed": ":raising_hand:", "snoozed": ":zzz:",
               "escalated": ":rotating_light:", "answered": ":white_check_mark:", "dismissed": ":wastebasket:",
               "reply_pending": ":outbox_tray:", "merged": ":link:", "breached": ":rotating_light:",
               "warning": ":warning:", "alarm": ":alarm_clock:", "escalation": ":rotating_light:"}


@dataclass(frozen=True, slots=True)
class SlackMarkup:
    """The shared desk texts in Slack mrkdwn; `person` vouches for the team's user ids (shown as mentions)."""

    person: Person = nobody
    icons: Mapping[str, str] = field(default_factory=lambda: SLACK_ICONS)

    def escape(self, text: str | None) -> str:
        return escape(text)

    def short(self, text: str | None, limit: int) -> str:
        return short(text, limit)

    def quote(self, text: str, limit: int) -> str:
        return quote(text, limit)

    def fit(self, marked: str, limit: int) -> str:
        return fit(marked, limit)

    def bold(self, marked: str) -> str:
        return f"*{marked}*"

    def code(self, marked: str) -> str:
        return f"`{marked}`"

    def pre(self, marked: str) -> str:
        """A preformatted block whose text cannot end it: each backtick shown as ˋ."""
        return f"```\n{marked.replace('`', GRAVE)}\n```"

    def link(self, url: str | None, label: str) -> str:
        return link(url, label)

    def event_actor(self, actor_name: str | None, kind: str | None, how: str | None) -> str:
        return event_actor(actor_name, kind, how, self.person)
