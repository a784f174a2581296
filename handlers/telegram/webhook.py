"""Webhook mode's HTTP endpoint: Telegram posts each update with the secret token Kuulo gave setWebhook; a request
without it or with a wrong one gets 401 and changes nothing, a body over MAX_BODY_BYTES 413 before it is read."""

from __future__ import annotations

import hmac
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Callable

from kuulo.handlers.http_server import BoundedThreads, DeadlineHandler, content_length, length_refusal

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20  # an update is a few kB


class _Handler(DeadlineHandler, BaseHTTPRequestHandler):
    """Drops a silent or slow peer (headers that never end: closed; a body never sent or dripped: 408)."""

    server: WebhookServer

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        hook = self.server
        if self.path.split("?")[0] != hook.path:
            return self._answer(404, "not found")
        given = self.headers.get(SECRET_HEADER) or ""
        if not hmac.compare_digest(given.encode("utf-8", "replace"), hook.secret.encode("utf-8")):
            log.warning("webhook: a request without the right secret token from %s was refused", self.client_address[0])
            return self._answer(401, "unauthorized")
        header = self.headers.get("Content-Length")
        if refusal := length_refusal(header, MAX_BODY_BYTES):
            return self._answer(*refusal)
        length = content_length(header, MAX_BODY_BYTES)
        try:
            update = json.loads(self.rfile.read(length) or b"null")
        except (ValueError, RecursionError):  # not UTF-8, not JSON, nested past the parser's depth
            return self._answer(400, "not JSON")
        except OSError:  # the socket timeout or the request's deadline: the body never came in time
            return self._answer(408, "the body did not arrive")
        if not isinstance(update, dict):
            return self._answer(400, "not an update")
        try:
            hook.handle(update)
        except Exception:  # noqa: BLE001 - Telegram retries on 5xx; the traceback is in the log
            log.exception("webhook: update %s failed", update.get("update_id"))
            return self._answer(500, "failed")
        return self._answer(200, "ok")

    def do_GET(self) -> None:  # noqa: N802
        self._answer(405, "POST only")

    def _answer(self, status: int, text: str) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("webhook: " + format, *args)


class WebhookServer(BoundedThreads, HTTPServer):
    """Serves the webhook path on a port in a daemon thread; `handle(update_dict)` runs for each verified update."""

    def __init__(self, host: str, port: int, path: str, secret: str, handle: Callable[[dict[str, Any]], None]):
        super().__init__((host, port), _Handler)
        self.path, self.secret, self.handle = path or "/", secret, handle
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="kuulo-telegram-webhook", daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
