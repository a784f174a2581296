"""The fake Slack workspace: who exists, which channels the bot may use, what has been posted."""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .slack_payloads import load

# Without a configured channel set, any well-formed conversation id exists (C public, G private, D DM).
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")


class SlackError(Exception):
    """A Web API error: answered as HTTP 200 ``{"ok": false, "error": code}``, as Slack does."""

    def __init__(self, code: str, messages: tuple[str, ...] = ()) -> None:
        super().__init__(code)
        self.code = code
        self.messages = messages  # answered as response_metadata.messages (Block Kit's complaints)


@dataclass(slots=True)
class UploadedFile:
    """One file of the files.getUploadURLExternal -> upload URL -> completeUploadExternal flow."""

    id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str | None = None
    channels: list[str] = field(default_factory=list)


class SlackState:
    """Directory, channel rules and the message model.  Callers hold the owning fake's lock."""

    def __init__(
        self,
        *,
        users: Mapping[str, str | Mapping[str, str]] | None = None,
        usergroups: Mapping[str, Iterable[str]] | None = None,
        channels: Iterable[str] | Mapping[str, str] | None = None,
        not_in_channel: Iterable[str] = (),
        start_ts: int = 1_700_000_000,
    ) -> None:
        ws = load("workspace")
        self.team: dict[str, str] = ws["team"]
        self.app_id: str = ws["app_id"]
        self.bot: dict[str, str] = ws["bot"]
        self.bot_scopes: str = ws["bot_scopes"]
        raw_users = ws["users"] if users is None else users
        self.users: dict[str, dict[str, str]] = {
            uid: ({"name": v, "real_name": v} if isinstance(v, str) else dict(v)) for uid, v in raw_users.items()
        }
        self.usergroups: dict[str, list[str]] = (
            {gid: list(g["users"]) for gid, g in ws["usergroups"].items()}
            if usergroups is None
            else {gid: list(members) for gid, members in usergroups.items()}
        )
        self.channel_names: dict[str, str] = dict(ws["channels"])
        self.known_channels: set[str] | None = None
        if channels is not None:
            self.known_channels = set(channels)
            if isinstance(channels, Mapping):
                self.channel_names.update(channels)
        self.not_in_channel: set[str] = set(not_in_channel)
        self.messages: dict[str, dict[str, dict[str, Any]]] = {}
        self.ephemerals: list[dict[str, Any]] = []
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, UploadedFile] = {}
        self._start_ts = start_ts
        self._ts_counter = itertools.count(1)
        self._id_counter = itertools.count(1)

    # --- ids ---------------------------------------------------------------------------

    def next_ts(self) -> str:
        """A message ts: unique and increasing, 100 microseconds apart, like ``1700000000.000100``."""
        micros = next(self._ts_counter) * 100
        return f"{self._start_ts + micros // 1_000_000}.{micros % 1_000_000:06d}"

    def next_id(self, prefix: str) -> str:
        """An object id in Slack's style: prefix letter + uppercase alphanumerics."""
        return f"{prefix}0FAKE{next(self._id_counter):05d}"

    # --- channels ----------------------------------------------------------------------

    def channel_exists(self, channel: str) -> bool:
        if self.known_channels is not None:
            return channel in self.known_channels
        return bool(CHANNEL_ID.match(channel))

    def require_channel(self, channel: str | None, *, posting: bool = False) -> str:
        """The channel id, or ``channel_not_found`` / ``not_in_channel`` as Slack answers."""
        if not channel or not self.channel_exists(channel):
            raise SlackError("channel_not_found")
        if posting and channel in self.not_in_channel:
            raise SlackError("not_in_channel")
        return channel

    def channel_name(self, channel: str) -> str:
        return self.channel_names.get(channel, channel.lower())

    # --- messages ----------------------------------------------------------------------

    def find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        return self.messages.get(channel, {}).get(ts)

    def add_message(self, channel: str, message: dict[str, Any]) -> dict[str, Any]:
        """Store a new message; a reply (``thread_ts`` set) also updates its parent's thread fields."""
        self.messages.setdefault(channel, {})[message["ts"]] = message
        thread_ts = message.get("thread_ts")
        if thread_ts and thread_ts != message["ts"]:
            parent = self.find_message(channel, thread_ts)
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                parent["latest_reply"] = message["ts"]
                reply_users = parent.setdefault("reply_users", [])
                if message.get("user") and message["user"] not in reply_users:
                    reply_users.append(message["user"])
                message["parent_user_id"] = parent.get("user")
        return message

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """Parent first, then replies in ts order, as conversations.replies lists them."""
        parent = self.find_message(channel, ts)
        if parent is None:
            return []
        replies = [
            m for m in self.messages.get(channel, {}).values() if m.get("thread_ts") == ts and m["ts"] != ts
        ]
        return [copy.deepcopy(parent), *(copy.deepcopy(m) for m in sorted(replies, key=lambda m: m["ts"]))]

    def bot_message(self, **fields: Any) -> dict[str, Any]:
        """A message as posted by this app's bot user, before ``fields`` are added."""
        message = {
            "type": "message",
            "user": self.bot["user_id"],
            "bot_id": self.bot["bot_id"],
            "app_id": self.app_id,
            "team": self.team["id"],
            "bot_profile": {"id": self.bot["bot_id"], "app_id": self.app_id, "name": self.bot["name"]},
        }
        message.update({k: v for k, v in fields.items() if v is not None})
        return message
