"""What the fake Telegram holds: chats, their messages (the bot's and people's), the update queue with getUpdates'
offset rules, callback queries, commands and the webhook; and the wire shapes (User, Chat, Message, Update) built
from them. Not thread-safe on its own: FakeTelegram calls it under its lock."""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

from .telegram_html import auto_entities

# Sent when getUpdates has never been given allowed_updates (core.telegram.org/bots/api#getupdates).
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def tg_user(id: int, first_name: str, username: str | None = None, *, last_name: str | None = None,
            is_bot: bool = False, language_code: str | None = None) -> dict[str, Any]:
    """A Telegram User object."""
    user: dict[str, Any] = {"id": id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


@dataclass(slots=True)
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    is_forum: bool = False
    state: str = "ok"  # "kicked" (403 on sends) or "gone" (400 chat not found)
    members: dict[int, str] = field(default_factory=dict)
    next_id: int = 100

    def wire(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            shape["first_name"] = self.first_name or str(self.id)
        else:
            shape["title"] = self.title or f"Chat {self.id}"
        if self.username:
            shape["username"] = self.username
        if self.is_forum:
            shape["is_forum"] = True
        return shape


@dataclass(slots=True)
class Record:
    """One message in a chat, with what the bot sent (source text) and what people see (plain)."""

    chat_id: int
    message_id: int
    sender: dict[str, Any]
    from_bot: bool
    date: int
    text: str | None = None
    plain: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    reply_to: int | None = None
    thread_id: int | None = None
    caption: str | None = None
    photo: bytes | None = None
    photo_id: str | None = None
    edit_date: int | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    def inspect(self) -> dict[str, Any]:
        """The record as tests read it (fake.messages / fake.message)."""
        return copy.deepcopy({
            "message_id": self.message_id, "chat_id": self.chat_id, "from_bot": self.from_bot,
            "from": self.sender, "date": self.date, "text": self.text, "plain": self.plain,
            "entities": self.entities, "parse_mode": self.parse_mode, "reply_markup": self.reply_markup,
            "reply_to": self.reply_to, "thread_id": self.thread_id, "caption": self.caption,
            "photo": self.photo, "photo_id": self.photo_id, "edit_date": self.edit_date,
            "edits": len(self.history), "history": self.history, "deleted": self.deleted,
        })


class TelegramState:
    """Chats, messages and updates of one bot."""

    def __init__(self, bot: dict[str, Any], now: Callable[[], float], privacy_mode: bool) -> None:
        self.bot, self.now, self.privacy_mode = bot, now, privacy_mode
        self.chats: dict[int, Chat] = {}
        self.records: dict[tuple[int, int], Record] = {}
        self.updates: list[dict[str, Any]] = []  # not yet confirmed, oldest first
        self.confirmed_through = 0
        self.allowed_updates: list[str] | None = None
        self.dropped: list[dict[str, Any]] = []  # updates Telegram would not deliver (allowed_updates, privacy)
        self.callbacks: dict[str, dict[str, Any]] = {}  # id -> the query and its answer
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] = {"url": "", "secret_token": None, "allowed_updates": None}
        self._update_ids = itertools.count(700_000_001)
        self._query_ids = itertools.count(4_382_000_000_000_000_001)
        self._file_ids = itertools.count(1)

    # --- chats and messages ---------------------------------------------------------------

    def chat(self, chat_id: int, *, chat_type: str | None = None, username: str | None = None,
             title: str | None = None) -> Chat:
        """The chat with this id, made on first use (negative ids supergroups, positive ones private chats)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            kind = chat_type or ("private" if chat_id > 0 else "supergroup")
            chat = self.chats[chat_id] = Chat(chat_id, kind, title=title, username=username)
        if chat_type and chat.type != chat_type:
            chat.type = chat_type
        if username:
            chat.username = username
        if title:
            chat.title = title
        return chat

    def add(self, record: Record) -> Record:
        self.records[(record.chat_id, record.message_id)] = record
        return record

    def new_message_id(self, chat_id: int) -> int:
        chat = self.chat(chat_id)
        chat.next_id += 1
        return chat.next_id

    def new_file_id(self) -> str:
        return f"AgACAgQAAxkDAAI{next(self._file_ids):08d}"

    def record(self, chat_id: int, message_id: int) -> Record | None:
        found = self.records.get((chat_id, message_id))
        return None if found is None or found.deleted else found

    def in_chat(self, chat_id: int, *, bot_only: bool = True) -> list[Record]:
        found = [r for (c, _), r in self.records.items() if c == chat_id and not r.deleted]
        return sorted((r for r in found if r.from_bot or not bot_only), key=lambda r: r.message_id)

    def wire_message(self, record: Record, *, nested: bool = True) -> dict[str, Any]:
        """The Message object as the Bot API shows it."""
        chat = self.chat(record.chat_id)
        shape: dict[str, Any] = {"message_id": record.message_id, "from": copy.deepcopy(record.sender),
                                 "chat": chat.wire(), "date": record.date}
        if record.thread_id is not None:
            shape["message_thread_id"] = record.thread_id
            if chat.is_forum:
                shape["is_topic_message"] = True
        if nested and record.reply_to is not None:
            target = self.records.get((record.chat_id, record.reply_to))
            if target is not None:
                shape["reply_to_message"] = self.wire_message(target, nested=False)
        if record.edit_date is not None:
            shape["edit_date"] = record.edit_date
        if record.photo_id is not None:
            shape["photo"] = [{"file_id": record.photo_id, "file_unique_id": record.photo_id[-12:], "width": 1280,
                               "height": 720, "file_size": len(record.photo or b"")}]
            if record.plain:
                shape["caption"] = record.plain
                if record.entities:
                    shape["caption_entities"] = copy.deepcopy(record.entities)
        elif record.plain is not None:
            shape["text"] = record.plain
            if record.entities:
                shape["entities"] = copy.deepcopy(record.entities)
        markup = record.reply_markup
        if markup and "inline_keyboard" in markup:
            shape["reply_markup"] = {"inline_keyboard": copy.deepcopy(markup["inline_keyboard"])}
        return shape

    # --- updates --------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update (given an update_id if it has none); returns it as queued."""
        update = copy.deepcopy(update)
        update.setdefault("update_id", next(self._update_ids))
        kind = next((k for k in update if k != "update_id"), "")
        allowed = self.allowed_updates
        if (kind in NOT_BY_DEFAULT) if allowed is None or not allowed else (kind not in allowed):
            self.dropped.append(update)
        elif not self._visible(update):
            self.dropped.append(update)
        else:
            self.updates.append(update)
        return copy.deepcopy(update)

    def _visible(self, update: dict[str, Any]) -> bool:
        """Privacy mode: in groups the bot sees only commands, replies to itself and mentions of itself."""
        message = update.get("message") or update.get("edited_message")
        if not self.privacy_mode or not message or message["chat"]["type"] == "private":
            return True
        text = message.get("text") or ""
        replied = (message.get("reply_to_message") or {}).get("from", {}).get("id") == self.bot["id"]
        return text.startswith("/") or replied or f"@{self.bot['username']}".lower() in text.lower()

    def confirm(self, offset: int) -> None:
        """getUpdates' offset: every update with a smaller id is confirmed (a negative one keeps the last -n)."""
        if offset < 0:
            keep = self.updates[offset:]
            gone = self.updates[: len(self.updates) - len(keep)]
            self.updates = keep
        else:
            gone = [u for u in self.updates if u["update_id"] < offset]
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if gone:
            self.confirmed_through = max(self.confirmed_through, max(u["update_id"] for u in gone))

    def confirm_one(self, update_id: int) -> None:
        self.updates = [u for u in self.updates if u["update_id"] != update_id]
        self.confirmed_through = max(self.confirmed_through, update_id)

    # --- what people do -----------------------------------------------------------------

    def user_message(self, chat_id: int, user: dict[str, Any], text: str, *, reply_to: int | None,
                     thread_id: int | None, chat_type: str, chat_username: str | None,
                     date: int | None) -> dict[str, Any]:
        self.chat(chat_id, chat_type=chat_type, username=chat_username)
        if reply_to is not None and self.record(chat_id, reply_to) is None:
            raise ValueError(f"user_message: no message {reply_to} in chat {chat_id} to reply to")
        record = self.add(Record(chat_id, self.new_message_id(chat_id), copy.deepcopy(user), False,
                                 int(self.now()) if date is None else date, text=text, plain=text,
                                 entities=auto_entities(text), reply_to=reply_to, thread_id=thread_id))
        return self.push({"message": self.wire_message(record)})

    def user_edit(self, chat_id: int, message_id: int, text: str, date: int | None) -> dict[str, Any]:
        record = self.record(chat_id, message_id)
        if record is None or record.from_bot:
            raise ValueError(f"user_edit: no message {message_id} by a person in chat {chat_id}")
        record.history.append({"text": record.text, "parse_mode": None, "reply_markup": None})
        record.text = record.plain = text
        record.entities = auto_entities(text)
        record.edit_date = int(self.now()) if date is None else date
        return self.push({"edited_message": self.wire_message(record)})

    def callback(self, chat_id: int, user: dict[str, Any], message_id: int, data: str,
                 forge: bool) -> dict[str, Any]:
        record = self.record(chat_id, message_id)
        if record is None or not record.from_bot:
            raise ValueError(f"callback: the bot sent no message {message_id} in chat {chat_id}")
        buttons = [b for row in (record.reply_markup or {}).get("inline_keyboard", []) for b in row]
        if not forge and data not in [b.get("callback_data") for b in buttons]:
            raise ValueError(
                f"callback: message {message_id} in chat {chat_id} has no button with callback_data {data!r} "
                f"(it has {[b.get('callback_data') for b in buttons]}); pass forge=True to send it anyway"
            )
        query_id = str(next(self._query_ids))
        query = {"id": query_id, "from": copy.deepcopy(user), "message": self.wire_message(record),
                 "chat_instance": str(abs(chat_id) * 7 + 3), "data": data}
        self.callbacks[query_id] = {"query": query, "answer": None}
        return self.push({"callback_query": query})
