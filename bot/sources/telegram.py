"""Telegram groups as a source: messages in the configured `chats` (public community groups where the bot is a
member with privacy mode off) become Mentions; a reply written in Kuulo goes back into the group as a reply.

Telegram gives a bot its updates through one getUpdates loop per token, which `kuulo run` owns (handlers/telegram/
app.py): it feeds each message of a source chat here and ingests at once through poll_once, with the update_id
offset as this source's cursor, so a crash before it is stored gets the updates again. Ids are `chat_id:message_id`;
a reply keeps its thread (`in_reply_to` is the message it answers), so the brand's own account answering in the
group closes the case at Telegram's time.
"""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from functools import partial
from typing import Any, Mapping

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import item_object, number_id, optional_text_id
from kuulo.bot.sources.base import Harvest, PollNotes
from kuulo.bot.sources.times import ascii_digits, epoch_time
from kuulo.storage.db import Database

log = logging.getLogger(__name__)

NOT_ATTACHED = ("is read by `kuulo run` (one getUpdates loop per bot token serves the desk and the groups); "
                "start kuulo run to read it and to send its replies")


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> TelegramSource:
    """A TelegramSource for a `type: telegram` entry: `chats` (ids of the groups), `public` (default true: link
    posts as t.me/GROUP/ID when the group has a username)."""
    chats = src.options.get("chats") or ()
    if not chats:
        raise KuuloError(f"source '{src.name}': telegram needs chats, the ids of the groups to read"
                         " (kuulo telegram whoami lists them)")
    return TelegramSource(src.name, frozenset(int(c) for c in chats), public=src.options.get("public", True),
                          base_url=src.base_url)


def message_id(chat_id: int, message_id_: int) -> str:
    """A Telegram post's id in Kuulo: `chat_id:message_id`."""
    return f"{chat_id}:{message_id_}"


def author_of(message: Mapping[str, Any]) -> tuple[str, str | None]:
    """The author's username (as handles are written), else their name; and their id (Telegram's user and chat ids
    are whole numbers; anything else is BadItem). A message sent on behalf of a chat (a channel, an anonymous admin, a
    linked channel's post) is the chat's: Telegram fills `from` with a placeholder bot (Channel_Bot,
    GroupAnonymousBot, Telegram) for it, so a brand answering as its channel is the brand."""
    sender = item_object(message.get("from") or {}, "from")
    if sender and not message.get("sender_chat"):
        user_id = number_id(sender.get("id"), "from.id")
        names = (sender.get("first_name"), sender.get("last_name"))
        name = (optional_text_id(sender.get("username"), "from.username")
                or " ".join(p for p in names if isinstance(p, str) and p))
        return name or str(user_id), str(user_id)
    chat = item_object(message.get("sender_chat") or {}, "sender_chat")
    chat_id = number_id(chat["id"], "sender_chat.id") if chat.get("id") is not None else None
    title = optional_text_id(chat.get("title"), "sender_chat.title")
    return (optional_text_id(chat.get("username"), "sender_chat.username") or title or "(unknown)",
            None if chat_id is None else str(chat_id))


def to_mention(message: Mapping[str, Any], *, public: bool = True) -> Mention | None:
    """A group message as a Mention (None for a message without text, like a join or a sticker)."""
    text = message.get("text") or message.get("caption") or ""
    if not text:
        return None
    chat = item_object(message.get("chat"), "chat")
    chat_id, number = number_id(chat.get("id"), "chat.id"), number_id(message.get("message_id"), "message_id")
    author, author_id = author_of(message)
    parent = message.get("reply_to_message")
    in_reply_to = None
    if isinstance(parent, Mapping) and parent.get("message_id") is not None:
        answered = number_id(parent["message_id"], "reply_to_message.message_id")
        topic_root = message.get("is_topic_message") and answered == message.get("message_thread_id")
        in_reply_to = None if topic_root else message_id(chat_id, answered)
    username = optional_text_id(chat.get("username"), "chat.username")
    return Mention(platform="telegram", id=message_id(chat_id, number), author=author, author_id=author_id,
                   text=text, created_at=epoch_time(message.get("date"), "date"), in_reply_to=in_reply_to,
                   url=f"https://t.me/{username}/{number}" if public and username else None,
                   raw=keep_raw({str(k): v for k, v in message.items() if v is not None})[0])  # each within limits


class TelegramSource:
    """One or more groups read through the bot's update loop; replies go out through the same bot."""

    platform = "telegram"

    def __init__(self, name: str, chats: frozenset[int], *, public: bool = True, base_url: str | None = None):
        self.name, self.chats, self.public, self.base_url = name, chats, public, base_url
        self.last_poll = PollNotes()
        self._fed: list[dict[str, Any]] = []
        # each polling thread's last poll (the update loop's and the scheduler's), until it is known to be stored
        self._polled: dict[int, list[dict[str, Any]]] = {}
        self._offset: int | None = None
        self._lock = threading.Lock()
        self._loop: Any = None
        self._bot: Any = None
        self._token: str | None = None
        self._pacer: Any = None
        self._moved: list[str] = []  # groups upgraded to supergroups since the last poll: said in its warnings

    def attach(self, loop: Any, bot: Any, token: str, pacer: Any = None) -> None:
        """Called by the update loop: the bot that reads the groups and sends the replies (paced per chat with the
        desk's messages when a pacer is given)."""
        self._loop, self._bot, self._token, self._pacer = loop, bot, token, pacer

    def feed(self, update: Any) -> None:
        """One update of a source chat, as the update loop routes it (a telegram.Update or its wire dict)."""
        data = update.to_dict() if hasattr(update, "to_dict") else update
        message = data.get("message") if isinstance(data, Mapping) else None
        if isinstance(message, dict) and message.get("migrate_to_chat_id"):  # upgraded: its messages come from the
            moved = (message.get("chat") or {}).get("id"), message["migrate_to_chat_id"]  # new id, not read here
            with self._lock:
                self._moved.append(f"group {moved[0]} became the supergroup {moved[1]}: put {moved[1]} in this "
                                   "source's chats, or its messages go unread")
            log.warning("telegram source %s: %s", self.name, self._moved[-1])
        if isinstance(message, dict):  # an edit (edited_message) is not a new post
            with self._lock:
                self._fed.append(message)

    def advance(self, offset: int) -> None:
        """The update_id offset after the updates fed so far: the cursor the next poll stores."""
        with self._lock:
            self._offset = offset if self._offset is None else max(self._offset, offset)

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """The messages fed since the last poll, oldest first, and the offset as the new cursor."""
        with self._lock:
            fed, self._fed = self._fed, []
            self._polled[threading.get_ident()], offset = fed, self._offset
        harvest = Harvest(self.name)
        for message in fed:
            chat = message.get("chat") if isinstance(message.get("chat"), Mapping) else {}
            ids = (chat.get("id"), message.get("message_id"))
            item = message_id(*ids)
            same = all(isinstance(n, int) and not isinstance(n, bool) for n in ids)  # Telegram sent it again
            harvest.add(item, partial(to_mention, message, public=self.public), key=item if same else None)
        stored = int(cursor) if cursor and ascii_digits(cursor.lstrip("-")) else None
        newest = max((n for n in (stored, offset) if n is not None), default=None)
        with self._lock:
            moved, self._moved = self._moved, []
        warnings = (*moved, *(() if self._loop is not None or fed else (f"this source {NOT_ATTACHED}",)))
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), warnings=warnings)
        return harvest.ordered(), None if newest is None else str(newest)

    def not_stored(self) -> None:
        """This thread's last poll could not be stored (the database locked or full): the next poll gives its messages
        again (nothing else has them: Telegram re-sends only what the update loop has not confirmed); another
        thread's poll in between does not take their place."""
        with self._lock:
            self._fed = self._polled.pop(threading.get_ident(), []) + self._fed

    def reply(self, mention_platform_id: str, text: str) -> str:
        """Post the reply in the group as a reply to the message; its id `chat_id:message_id`."""
        from telegram import ReplyParameters

        from kuulo.handlers.telegram.transport import call_api

        if self._loop is None:
            raise TransportError(f"telegram {self.name}: the reply waits: this source {NOT_ATTACHED}")
        chat, _, message = mention_platform_id.rpartition(":")
        if not ascii_digits(chat.lstrip("-")) or not ascii_digits(message):
            raise TransportError(f"telegram {self.name}: {mention_platform_id!r} is not a chat_id:message_id",
                                 permanent=True)
        with self._pacer.turn(int(chat)) if self._pacer is not None else nullcontext():
            sent = self._loop.call(call_api(f"telegram {self.name}: sendMessage", self._token, lambda: (
                self._bot.send_message(int(chat), text, reply_parameters=ReplyParameters(int(message))))))
        return message_id(int(chat), sent.message_id)
