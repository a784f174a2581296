"""What a chat desk's listeners share: their own database connection, the case service on it and the outbox flush
of their transport, under one lock."""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from kuulo.bot.app import Services
from kuulo.bot.cases import CaseCommand, CaseService
from kuulo.bot.delivery import deliver_pending
from kuulo.handlers.base import ChatHandler
from kuulo.storage.db import open_db, write

T = TypeVar("T")


class DeskState:
    """Listeners run in threads of their own: they use a connection of their own (WAL lets it share the file with
    the scheduler's), one at a time."""

    def __init__(self, services: Services, handler: ChatHandler):
        self.services, self.handler = services, handler
        self.lock = threading.RLock()
        self._own = services.config.database != ":memory:"  # a second :memory: connection would be another db
        self.db = open_db(services.config.database) if self._own else services.db
        self.cases = (CaseService(self.db, services.clock, transports=services.cases.transports,
                                  reply_sources=services.cases.reply_sources, open_for=services.cases.open_for)
                      if self._own else services.cases)

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
        """Deliver what the outbox holds for this desk's transport now; returns how many rows went."""
        with self.lock:
            return deliver_pending(self.db, self.handler, self.services.clock, replies=self.cases,
                                   engine=self.services.engine)

    def now_ts(self) -> float:
        """The services' clock, as epoch seconds."""
        return self.services.clock.now().timestamp()

    def close(self) -> None:
        """Close the desk's own connection."""
        with self.lock:
            if self._own:
                self.db.conn.close()
