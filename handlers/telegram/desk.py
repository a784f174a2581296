"""What the Telegram listeners share: the desk's connection and case service (DeskState), the permission gate, the
chats where the desk answers, and a wake-up for the outbox thread after each change."""

from __future__ import annotations

import threading

from kuulo.bot.app import Services
from kuulo.bot.config_chat import TelegramConfig
from kuulo.handlers.desk.gate import Gate
from kuulo.handlers.desk.state import DeskState
from kuulo.handlers.telegram.outbound import TelegramHandler
from kuulo.handlers.telegram.render import TelegramMarkup

NOT_ALLOWED = "Sorry, you are not allowed to act on Kuulo cases: ask an admin to add your user id to telegram.agents."
NOT_SUPERVISOR = "Sorry, only Kuulo supervisors (telegram.supervisors) may run reports and stats or see routes."
NOT_HERE = "Kuulo answers only in the team's chats (telegram.allowed_chats)."


class TelegramDeskState(DeskState):
    """The listeners' state: who may act (agents, supervisors) and where (the desk chats)."""

    handler: TelegramHandler

    def __init__(self, services: Services, handler: TelegramHandler):
        if services.config.telegram is None:
            raise ValueError("the Telegram desk needs a config with a telegram section")
        super().__init__(services, handler)
        self.telegram: TelegramConfig = services.config.telegram
        self.chats = self.telegram.desk_chats()
        self.gate = Gate([str(a) for a in self.telegram.agents], [str(s) for s in self.telegram.supervisors],
                         chats=[str(c) for c in self.chats])
        self.changed = threading.Event()  # set after an action: the outbox thread delivers at once
        handler.person = self.gate.may_act

    @property
    def markup(self) -> TelegramMarkup:
        """The desk texts' markup: the team's agents and supervisors as mentions."""
        return TelegramMarkup(self.gate.may_act)

    def may_act(self, chat_id: int | None, user_id: int | None) -> str | None:
        """Why this person in this chat may not act, or None when they may."""
        if chat_id is None or not self.gate.in_chat(str(chat_id)):
            return NOT_HERE
        if user_id is None or not self.gate.may_act(str(user_id)):
            return NOT_ALLOWED
        return None
