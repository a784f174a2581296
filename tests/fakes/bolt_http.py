"""Serve a Bolt App over real HTTP on 127.0.0.1:0, the way Slack reaches it in HTTP mode.

Bolt ships no http.server adapter for tests; its WSGI adapter
(``slack_bolt.adapter.wsgi.SlackRequestHandler``, path ``/slack/events``) behind the stdlib's
``wsgiref`` server is the smallest real HTTP path::

    with serve_bolt(app) as url:
        body = block_actions_body("claim", "case-1", "U0AINO001", "C0ALERTS1", ts)
        status, answer = post(url, body, signed_headers(body, secret, int(time.time())))
"""

from __future__ import annotations

import threading
import urllib.request
from contextlib import contextmanager
from typing import Any, Iterator, Mapping
from urllib.error import HTTPError
from wsgiref.simple_server import WSGIRequestHandler, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_bolt(app: App, path: str = "/slack/events") -> Iterator[str]:
    """Run ``app`` behind Bolt's WSGI adapter; yields the URL Slack would post to."""
    server = make_server("127.0.0.1", 0, SlackRequestHandler(app, path=path), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def post(url: str, body: bytes, headers: Mapping[str, str], timeout: float = 2.0) -> tuple[int, bytes]:
    """POST ``body``; the status and body, also for 4xx/5xx answers (urllib raises those)."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except HTTPError as e:
        with e:
            return e.code, e.read()
