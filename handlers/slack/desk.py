"""What the Slack listeners share: their own database connection, the case service on it, the permission gate
and the outbox flush, under one lock."""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from kuulo.bot.app import Services
from kuulo.bot.cases import CaseCommand, CaseService
from kuulo.bot.config_chat import Route, SlackConfig
from kuulo.bot.delivery import deliver_pending
from kuulo.handlers.slack.auth import Gate
from kuulo.handlers.slack.outbound import SlackHandler
from kuulo.handlers.slack.people import Directory
from kuulo.storage.db import open_db, write
from kuulo.storage.routes import list_routes

T = TypeVar("T")


class Desk:
    """Bolt runs listeners in threads: they use a connection of their own (WAL lets it share the file with the
    scheduler's), one at a time."""

    def __init__(self, services: Services, handler: SlackHandler, directory: Directory):
        if services.config.slack is None:
            raise ValueError("the Slack desk needs a config with a slack section")
        self.services, self.handler, self.directory = services, handler, directory
        self.slack: SlackConfig = services.config.slack
        self.gate = Gate(self.slack, directory)
        self.lock = threading.RLock()
        self.home_viewers: dict[str, float] = {}  # user id -> when they last opened the Home tab
        self._own = services.config.database != ":memory:"  # a second :memory: connection would be another db
        self.db = open_db(services.config.database) if self._own else services.db
        self.cases = (CaseService(self.db, services.clock, transports=services.cases.transports,
                                  reply_sources=services.cases.reply_sources, open_for=services.cases.open_for)
                      if self._own else services.cases)
        handler.chat_routes = self.chat_routes
        handler.person = self.gate.may_act  # only the team's agents and supervisors are ever shown as mentions

    def apply(self, cmd: CaseCommand) -> dict[str, Any]:
        """Apply a case action (raises CaseStateError with a user-facing text)."""
        with self.lock:
            return self.cases.apply(cmd)

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a storage read function on the desk's connection."""
        with self.lock:
            return query(self.db, *args, **kwargs)

    def change(self, update: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a storage write function in one write transaction on the desk's connection."""
        with self.lock, write(self.db) as db:
            return update(db, *args, **kwargs)

    def flush(self) -> int:
        """Deliver what the outbox holds for Slack now; returns how many rows went."""
        with self.lock:
            return deliver_pending(self.db, self.handler, self.services.clock, replies=self.cases)

    def chat_routes(self) -> tuple[Route, ...]:
        """The routes supervisors set with `/kuulo route`, in the order they are tried."""
        return tuple(Route(channel=r["channel"], brand=r["brand"], category=r["category"], on_duty=r["on_duty"])
                     for r in self.read(list_routes))  # Route(**row) would also take the row's id and set_by

    def now_ts(self) -> float:
        """The services' clock, as epoch seconds."""
        return self.services.clock.now().timestamp()

    def close(self) -> None:
        """Close the desk's own connection."""
        with self.lock:
            if self._own:
                self.db.conn.close()
