"""The HTTP servers Slack's http mode and Telegram's webhook listen with: a thread a connection, but at most
MAX_CONNECTIONS at once, and a socket that gives up on a peer silent for REQUEST_TIMEOUT_S, so that clients who
announce a body and never send it (no secret needed) cannot hold threads without end."""

from __future__ import annotations

import logging
import sys
import threading
from socketserver import ThreadingMixIn
from typing import Any

log = logging.getLogger(__name__)
REQUEST_TIMEOUT_S = 5.0  # Slack and Telegram send a few kB at once; Slack gives up on an answer after 3 s anyway
MAX_CONNECTIONS = 64  # connections served at once; more are closed unanswered (the senders retry)


class BoundedThreads(ThreadingMixIn):
    """ThreadingMixIn with at most MAX_CONNECTIONS handler threads; a failed request is one log line, no traceback."""

    daemon_threads = True
    max_connections = MAX_CONNECTIONS
    request_queue_size = 128  # listen()'s backlog: socketserver's 5 left a burst of connections waiting on SYN retries
    _slots: threading.BoundedSemaphore | None = None

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve the connection in a thread of its own, or close it at once when every slot is taken."""
        if self._slots is None:
            self._slots = threading.BoundedSemaphore(self.max_connections)
        if not self._slots.acquire(blocking=False):
            log.warning("http: %s connections open, one from %s closed unanswered", self.max_connections,
                        client_address[0] if client_address else "?")
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """ThreadingMixIn's thread body, giving its slot back at the end."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            assert self._slots is not None
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A peer that went silent or away: one line at info, not socketserver's traceback on stderr."""
        log.info("http: a request from %s ended: %s", client_address[0] if client_address else "?",
                 sys.exc_info()[1] or "unknown error")
