"""Untrusted text made safe for Telegram's HTML parse mode, in one place: every piece of user text goes through
`escape` (html.escape), and every message is cut to Telegram's 4,096 characters after escaping, never inside an
entity or a tag, with the tags left open closed again."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Mapping

from kuulo.bot.actors import chat_user_id
from kuulo.handlers.desk.markup import MARK, Person, neutral, nobody, trusted_event

MESSAGE_TEXT = 4_096  # sendMessage / editMessageText, after entities parsing
CAPTION_TEXT = 1_024  # sendPhoto's caption
TOAST_TEXT = 200  # answerCallbackQuery
MAX_URL = 500  # longer post URLs are not linked
MAX_LABEL = 80
_SAFE_URL = re.compile(r"https?://[^\s<>\"']+")
_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")
# @boss, @@boss, /claim, (/help), "/case 1"; not user@host, km/h, https://, </b> (TDLib's match_mentions: an @ after a
# word character starts no mention, one after another @ does; match_bot_commands: a / after a word character, / < or >
# starts no command)
_COMMAND_OR_MENTION = re.compile(r"(?<!\w)@(?=\w)|(?<![\w/<>])/(?=\w)")
TELEGRAM_ICONS = {"open": "🔵", "claimed": "🙋", "snoozed": "💤", "escalated": "🚨", "answered": "✅",
                  "dismissed": "🗑", "reply_pending": "📤", "merged": "🔗", "breached": "🚨",
                  "warning": "⚠️", "alarm": "⏰", "escalation": "🚨"}


def escape(text: str | None) -> str:
    """Text for HTML parse mode: &, <, >, quotes as entities, so `<b>` or `<a href=…>` shows literally; invisible
    characters removed."""
    return html.escape(neutral(text), quote=True)


def units(text: str) -> int:
    """Telegram's length: UTF-16 code units (an emoji outside the BMP counts twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut_units(text: str, limit: int) -> str:
    """The longest prefix of `text` of at most `limit` UTF-16 units."""
    total = 0
    for i, ch in enumerate(text):
        total += 2 if ord(ch) > 0xFFFF else 1
        if total > limit:
            return text[:i]
    return text


def _open_tags(marked: str) -> list[str]:
    """The tags opened and not closed in escaped HTML (only Kuulo writes tags: user text has none left)."""
    stack: list[str] = []
    for closing, name in _TAG.findall(marked):
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name)]
        else:
            stack.append(name)
    return stack


def fit(marked: str, limit: int = MESSAGE_TEXT, *, cut: bool = False) -> str:
    """Escaped HTML in at most `limit` UTF-16 units: cut with a mark (also when `cut`, the text having been
    shortened before), never inside an entity like `&amp;` or a tag, and every tag left open closed."""
    if units(marked) <= limit and not cut:
        return marked
    room = limit - len(MARK)
    while True:
        head = _cut_units(marked, max(0, room))
        entity = head.rfind("&")
        if entity >= 0 and ";" not in head[entity:]:
            head = head[:entity]
        bracket = head.rfind("<")
        if bracket >= 0 and ">" not in head[bracket:]:
            head = head[:bracket]
        closers = "".join(f"</{name}>" for name in reversed(_open_tags(head)))
        shown = head + MARK + closers
        if units(shown) <= limit or room <= 0:
            return shown
        room -= units(shown) - limit


def defused(text: str) -> str:
    """Text (neutral, not yet escaped) whose @name and /command Telegram would not make a mention (which notifies
    that member of the chat) or a command to tap: a word joiner after the @ or /, shown as nothing. Not for <code>,
    whose text is copied."""
    return _COMMAND_OR_MENTION.sub("\\g<0>\u2060", text) if "@" in text or "/" in text else text


def _shown(text: str) -> str:
    """Neutral text escaped for HTML with no mention or command in it (escape, without the copy's faithfulness)."""
    return html.escape(defused(text), quote=True)


def plain(text: str | None, limit: int = MESSAGE_TEXT) -> str:
    """Text for a message without parse mode or a toast: nothing invisible, no mention or command, cut with a mark."""
    shown = defused(neutral(text))
    return shown if units(shown) <= limit else _cut_units(shown, limit - len(MARK)) + MARK


def short(text: str | None, limit: int) -> str:
    """Escaped text on one line, at most `limit` characters after escaping; no mention or command in it."""
    return fit(_shown(" ".join(neutral(text).split())), limit)


def quote(text: str, limit: int) -> str:
    """Escaped text as a block quote, at most `limit` characters after escaping; no mention or command in it."""
    body = neutral(text)
    longer = len(body) > limit
    return fit(f"<blockquote>{_shown(body[:limit] if longer else body)}</blockquote>", limit, cut=longer)


def link(url: str | None, label: str) -> str:
    """A link with a short escaped label; a URL that is long or not plain http(s) is not linked."""
    if url and len(url) <= MAX_URL and _SAFE_URL.fullmatch(url) and neutral(url) == url:
        return f'<a href="{escape(url)}">{short(label, MAX_LABEL)}</a>'
    return short(label, MAX_LABEL)


def user_id_of(actor: str | None) -> int | None:
    """The Telegram user id at the end of an actor name like 'Aino (111111111)', if any."""
    user = chat_user_id(actor)
    return int(user) if user and user.isdigit() else None


def mention(user_id: int, label: str) -> str:
    """A mention of a Telegram user (it notifies them)."""
    return f'<a href="tg://user?id={user_id}">{short(label, MAX_LABEL)}</a>'


def actor(actor_name: str | None, person: Person = nobody) -> str:
    """Who did it: a mention only when `person` vouches for the user id at the end of the name; else text."""
    user = user_id_of(actor_name)
    if user is not None and person(str(user)):
        return mention(user, (actor_name or "").rsplit(" (", 1)[0] or str(user))
    return short(actor_name or "kuulo", MAX_LABEL)


@dataclass(frozen=True, slots=True)
class TelegramMarkup:
    """The shared desk texts in Telegram HTML; `person` vouches for the team's user ids (shown as mentions)."""

    person: Person = nobody
    icons: Mapping[str, str] = field(default_factory=lambda: TELEGRAM_ICONS)

    def escape(self, text: str | None) -> str:
        return escape(text)

    def short(self, text: str | None, limit: int) -> str:
        return short(text, limit)

    def quote(self, text: str, limit: int) -> str:
        return quote(text, limit)

    def fit(self, marked: str, limit: int) -> str:
        return fit(marked, limit)

    def bold(self, marked: str) -> str:
        return f"<b>{marked}</b>"

    def code(self, marked: str) -> str:
        return f"<code>{marked}</code>"

    def pre(self, marked: str) -> str:
        return f"<pre>{marked}</pre>"

    def link(self, url: str | None, label: str) -> str:
        return link(url, label)

    def event_actor(self, actor_name: str | None, kind: str | None, how: str | None) -> str:
        return actor(actor_name, self.person if trusted_event(kind, how) else nobody)
