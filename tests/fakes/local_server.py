"""The HTTP plumbing every fake shares: a threaded server on 127.0.0.1, port 0, that hands requests to the fake."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeServer(ThreadingHTTPServer):
    """Serves in daemon threads; a client hanging up mid-answer is not an error."""

    daemon_threads = True
    fake: Any

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class LocalServer:
    """Start and stop a fake's server; subclasses set `handler_class` and implement `_serve(handler)`."""

    handler_class: type[BaseHTTPRequestHandler]
    port = 0
    _server: FakeServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> None:
        """Listen on a free loopback port."""
        server = FakeServer(("127.0.0.1", 0), self.handler_class)
        server.fake = self
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait for the serving thread."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
