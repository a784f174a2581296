"""FakeSocketMode: a local Socket Mode server that pushes envelopes and records the acks.

Protocol (https://api.slack.com/apis/connections/socket-implement, python-slack-sdk's
``tests/slack_sdk/socket_mode/mock_socket_mode_server.py`` and ``slack_sdk/socket_mode/``): the app calls ``apps.connections.open`` with its ``xapp-``
token and gets ``{"ok": true, "url": "wss://.../link/?ticket=..."}``; after the WebSocket
handshake the server sends ``{"type": "hello", ...}``; each delivery is an envelope
``{"envelope_id", "type": "events_api" | "interactive" | "slash_commands", "payload",
"accepts_response_payload"}`` and the app acks with ``{"envelope_id", "payload"?}``.
A ``{"type": "disconnect", "reason": ...}`` frame asks the app to reconnect.

    with FakeSlack() as slack, FakeSocketMode(slack) as socket_mode:
        handler = SocketModeHandler(app, app_token=slack.app_token, web_client=...)
        handler.connect()
        socket_mode.wait_connected()
        envelope_id = socket_mode.send_interactive(block_actions_payload(...))
        assert socket_mode.wait_ack(envelope_id).payload is None
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from .slack_api import FakeSlack
from .slack_payloads import event_callback_payload, load

# The interaction types whose ack may carry a response (errors, a new view, options).
RESPONDING_INTERACTIONS = frozenset({"view_submission", "block_suggestion"})


@dataclass(frozen=True, slots=True)
class Ack:
    """What the app sent back for one envelope."""

    envelope_id: str
    payload: Any
    at: float


class FakeSocketMode:
    """A WebSocket server on 127.0.0.1 (port 0) that FakeSlack's apps.connections.open points at."""

    def __init__(
        self, slack: FakeSlack | None = None, *, app_id: str | None = None, ping_interval: float = 0.2
    ) -> None:
        self.slack = slack
        # Slack's servers ping too.  A short interval also keeps slack_sdk's builtin client quick to close():
        # its receive loop holds a lock while blocked in recv(), which otherwise times out only after 3 s.
        self.ping_interval = ping_interval
        self.app_id = app_id or load("workspace")["app_id"]
        self.acks: list[Ack] = []
        self.received: list[Any] = []  # every frame the app sent, decoded when it is JSON
        self.urls_issued: list[str] = []
        self.sessions_opened = 0  # connections ever accepted; a reconnect makes it 2
        self._cond = threading.Condition()
        self._connections: list[ServerConnection] = []
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeSocketMode:
        self._server = serve(self._session, "127.0.0.1", 0, ping_interval=self.ping_interval, compression=None)
        self.port = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"FakeSocketMode:{self.port}", daemon=True
        )
        self._thread.start()
        if self.slack is not None:
            self.slack.socket_mode_url = self.issue_url
        return self

    def stop(self) -> None:
        if self.slack is not None and self.slack.socket_mode_url == self.issue_url:
            self.slack.socket_mode_url = None
        with self._cond:
            connections = list(self._connections)
        for connection in connections:
            connection.close()
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeSocketMode:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def issue_url(self) -> str:
        """A fresh WebSocket URL, as apps.connections.open hands out (ws://, since this is local)."""
        url = f"ws://127.0.0.1:{self.port}/link/?ticket={uuid.uuid4()}&app_id={self.app_id}"
        with self._cond:
            self.urls_issued.append(url)
        return url

    # --- the app's side of the conversation ---------------------------------------------

    @property
    def connected(self) -> int:
        with self._cond:
            return len(self._connections)

    def wait_connected(self, timeout: float = 2.0, *, sessions: int = 1) -> None:
        """Block until ``sessions`` connections have been opened in all and one is open (``hello`` sent)."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._connections and self.sessions_opened >= sessions, timeout):
                raise TimeoutError(
                    f"FakeSocketMode on port {self.port}: {self.sessions_opened} connection(s) opened within "
                    f"{timeout}s, expected {sessions}"
                )

    def wait_ack(self, envelope_id: str, timeout: float = 2.0) -> Ack:
        """The app's ack for ``envelope_id``; TimeoutError names the acks that did arrive."""
        def find() -> Ack | None:
            return next((a for a in self.acks if a.envelope_id == envelope_id), None)

        with self._cond:
            if self._cond.wait_for(lambda: find() is not None, timeout):
                return find()  # type: ignore[return-value]
            seen = [a.envelope_id for a in self.acks]
        raise TimeoutError(f"no ack for envelope {envelope_id} within {timeout}s; acks received: {seen}")

    # --- pushing envelopes -------------------------------------------------------------

    def send_interactive(self, payload: Mapping[str, Any], *, accepts_response_payload: bool | None = None) -> str:
        """Deliver an interaction payload (block_actions, view_submission, ...); returns the envelope id."""
        if accepts_response_payload is None:
            accepts_response_payload = payload.get("type") in RESPONDING_INTERACTIONS
        return self._send_envelope("interactive", dict(payload), accepts_response_payload=accepts_response_payload)

    def send_slash_command(self, body: Mapping[str, str]) -> str:
        """Deliver slash-command fields (see ``slack_payloads.slash_command_fields``)."""
        return self._send_envelope("slash_commands", dict(body), accepts_response_payload=True)

    def send_event(self, event: Mapping[str, Any], *, event_id: str | None = None, retry_attempt: int = 0) -> str:
        """Deliver an Events API event, wrapped in its ``event_callback`` payload."""
        payload = event_callback_payload(event, event_id=event_id or f"Ev{uuid.uuid4().hex[:10].upper()}")
        return self._send_envelope(
            "events_api", payload, accepts_response_payload=False, retry_attempt=retry_attempt, retry_reason=""
        )

    def send_disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the app to reconnect, as Slack does before recycling a connection."""
        self.send_raw({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-kuulo-fake"}})

    def send_raw(self, message: Mapping[str, Any]) -> None:
        """Send one JSON frame to the most recent connection."""
        with self._cond:
            if not self._connections:
                raise RuntimeError(f"FakeSocketMode on port {self.port}: no app is connected; call wait_connected()")
            connection = self._connections[-1]
        connection.send(json.dumps(message))

    def _send_envelope(self, type_: str, payload: dict[str, Any], **fields: Any) -> str:
        envelope_id = str(uuid.uuid4())
        self.send_raw({"envelope_id": envelope_id, "type": type_, "payload": payload, **fields})
        return envelope_id

    # --- serving -----------------------------------------------------------------------

    def _session(self, connection: ServerConnection) -> None:
        hello = load("hello")
        hello["connection_info"]["app_id"] = self.app_id
        with self._cond:
            hello["num_connections"] = len(self._connections) + 1
        try:
            connection.send(json.dumps(hello))
            with self._cond:
                self._connections.append(connection)
                self.sessions_opened += 1
                self._cond.notify_all()
            for frame in connection:
                self._on_frame(frame)
        except ConnectionClosed:
            pass
        finally:
            with self._cond:
                if connection in self._connections:
                    self._connections.remove(connection)
                self._cond.notify_all()

    def _on_frame(self, frame: str | bytes) -> None:
        text = frame.decode("utf-8") if isinstance(frame, bytes) else frame
        try:
            message: Any = json.loads(text)
        except json.JSONDecodeError:
            message = text
        with self._cond:
            self.received.append(message)
            if isinstance(message, dict) and "envelope_id" in message:
                self.acks.append(Ack(message["envelope_id"], message.get("payload"), time.time()))
            self._cond.notify_all()
