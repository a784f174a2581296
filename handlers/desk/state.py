"""What a chat desk's listeners share: their own database connection and the case service on it, under one lock held
for database work only; the outbox flush of their transport and the requests' own records each on a connection and
lock of their own, so that nothing waits for a chat call it does not make."""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from kuulo.bot.app import Services
from kuulo.bot.cases import CaseCommand, CaseService
from kuulo.bot.delivery import deliver_pending
from kuulo.handlers.base import ChatHandler
from kuulo.storage.db import Database, open_db, write

T = TypeVar("T")


class DeskState:
    """Listeners run in threads of their own: they use a connection of their own (WAL lets it share the file with
    the scheduler's), one at a time."""

    def __init__(self, services: Services, handler: ChatHandler):
        self.services, self.handler = services, handler
        self.lock = threading.RLock()  # self.db's: held for database work, never over a chat call
        self._own = services.config.database != ":memory:"  # a second :memory: connection would be another db
        self.db = open_db(services.config.database) if self._own else services.db
        # flush() (chat calls, for seconds) and note() (before a request's ack) on connections opened when first used
        self._sending = threading.Lock() if self._own else self.lock
        self._again = threading.Event()  # a flush that found another running: that one lists the outbox again
        self._noting = threading.Lock() if self._own else self.lock
        self._outbox_db: Database | None = None
        self._notes_db: Database | None = None
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

    def note(self, update: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """change(), on a connection and lock of its own: what a request records before its ack (its signature) never
        waits for the listeners' work."""
        with self._noting:
            if self._notes_db is None:
                self._notes_db = self._connection()
            with write(self._notes_db) as db:
                return update(db, *args, **kwargs)

    def flush(self, wait: bool = True) -> int:
        """Deliver what the outbox holds for this desk's transport now, on a connection of its own (the desk's lock
        stays free for other requests meanwhile); returns how many rows went. One flush at a time: with wait=False,
        while another runs, it is asked to look again before it ends (its list was made before this caller's row)."""
        sent = 0
        while True:
            if not self._sending.acquire(blocking=wait):
                self._again.set()  # the running flush looks again once its round ends ...
                if not self._sending.acquire(blocking=False):  # ... unless it ended before it could see this
                    return sent
            try:
                self._again.clear()
                if self._outbox_db is None:
                    self._outbox_db = self._connection()
                sent += deliver_pending(self._outbox_db, self.handler, self.services.clock,
                                        engine=self.services.engine)
            finally:
                self._sending.release()
            if not self._again.is_set():
                return sent
            wait = False

    def _connection(self) -> Database:
        return open_db(self.services.config.database) if self._own else self.db

    def now_ts(self) -> float:
        """The services' clock, as epoch seconds."""
        return self.services.clock.now().timestamp()

    def close(self) -> None:
        """Close the desk's own connections."""
        if not self._own:
            return
        for lock, name in ((self._sending, "_outbox_db"), (self._noting, "_notes_db"), (self.lock, "db")):
            with lock:
                db = getattr(self, name)
                if db is not None:
                    db.conn.close()
