"""Building and running the Slack app: Socket Mode by default, or HTTP mode with verified requests."""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import dataclass
from typing import Any, Callable, Mapping
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from kuulo.bot.app import Services
from kuulo.bot.config import Config
from kuulo.bot.errors import KuuloError
from kuulo.handlers.http_server import BoundedThreads, DeadlineHandler
from kuulo.handlers.slack import actions, campaigns, commands, home
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.http_guard import BodyLimit, ReplayGuard, SignedOnly
from kuulo.handlers.slack.outbound import SlackHandler
from kuulo.handlers.slack.people import Directory
from kuulo.storage.signatures import first_signature

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


@dataclass(frozen=True, slots=True)
class SlackSecrets:
    """The tokens, which only ever come from the environment."""

    bot_token: str
    app_token: str | None = None
    signing_secret: str | None = None


NEEDS = {"SLACK_BOT_TOKEN": "the bot token (xoxb-…) from the app's OAuth & Permissions page",
         "SLACK_APP_TOKEN": "an app-level token (xapp-…) with connections:write, for Socket Mode",
         "SLACK_SIGNING_SECRET": "the signing secret from the app's Basic Information page"}


def env_secret(name: str, mode: str, environ: Mapping[str, str] | None = None) -> str:
    """One secret from the environment, or a KuuloError that names the variable and what belongs in it."""
    value = (os.environ if environ is None else environ).get(name)
    if not value:
        raise KuuloError(f"environment variable {name} is not set: it must hold {NEEDS[name]} (slack.mode: {mode})")
    return value


def secrets_from_env(mode: str, environ: Mapping[str, str] | None = None) -> SlackSecrets:
    """SLACK_BOT_TOKEN always; SLACK_APP_TOKEN in socket mode; SLACK_SIGNING_SECRET in http mode."""
    bot = env_secret("SLACK_BOT_TOKEN", mode, environ)
    if mode == "socket":
        return SlackSecrets(bot, app_token=env_secret("SLACK_APP_TOKEN", mode, environ))
    return SlackSecrets(bot, signing_secret=env_secret("SLACK_SIGNING_SECRET", mode, environ))


def _slack(cfg: Config) -> Any:
    if cfg.slack is None:
        raise KuuloError(f"{cfg.source}: no `slack:` section, so there is no Slack desk to run")
    return cfg.slack


def build_desk(cfg: Config, services: Services, client: WebClient) -> Desk:
    """The shared listener state, with the outbox handler for Slack."""
    return Desk(services, SlackHandler(client, cfg, services.clock), Directory(client, services.clock))


def build_app(cfg: Config, services: Services, *, client: WebClient | None = None, token: str | None = None,
              signing_secret: str | None = None, desk: Desk | None = None,
              process_before_response: bool = False) -> App:
    """A Bolt App with Kuulo's listeners; HTTP mode verifies every request with the signing secret."""
    slack = _slack(cfg)
    if client is None:
        client = WebClient(token=token or env_secret("SLACK_BOT_TOKEN", slack.mode), base_url=slack.api_url)
    if slack.mode == "http" and not signing_secret:
        signing_secret = env_secret("SLACK_SIGNING_SECRET", slack.mode)
    app = App(name="kuulo", client=client, signing_secret=signing_secret or "",
              request_verification_enabled=slack.mode == "http", token_verification_enabled=False,
              process_before_response=process_before_response)
    desk = desk or build_desk(cfg, services, client)
    if slack.mode == "http":
        # before the ack: on a lock and connection of its own, so a request never waits for another's listener
        guard = ReplayGuard(remember=functools.partial(desk.note, first_signature))

        @app.use
        def once(req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
            return guard(req, resp, next)

    actions.register(app, desk)
    commands.register(app, desk)
    home.register(app, desk)
    campaigns.register(app, desk)

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") or body.get("command") or (body.get("event") or {}).get("type")
        log.error("Slack listener failed on %s", kind, exc_info=error)

    return app


class _ThreadingServer(BoundedThreads, WSGIServer):
    pass


class _QuietHandler(DeadlineHandler, WSGIRequestHandler):
    """wsgiref's handler, dropping a silent or slow peer (a body announced and never sent, or dripped: 408)."""

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("http: " + format, *args)


class SlackDesk:
    """The running Slack side of `kuulo run`: the Bolt app (socket or http) and the outbox handler."""

    def __init__(self, cfg: Config, services: Services, *, secrets: SlackSecrets | None = None,
                 client: WebClient | None = None, host: str = "0.0.0.0", port: int | None = None,
                 process_before_response: bool = False):
        self.slack = _slack(cfg)
        self.secrets = secrets or secrets_from_env(self.slack.mode)
        self.client = client or WebClient(token=self.secrets.bot_token, base_url=self.slack.api_url)
        self.desk = build_desk(cfg, services, self.client)
        self.handler: SlackHandler = self.desk.handler
        self.app = build_app(cfg, services, client=self.client, signing_secret=self.secrets.signing_secret,
                             desk=self.desk, process_before_response=process_before_response)
        self.host, self.port = host, self.slack.http_port if port is None else port
        self._socket: SocketModeHandler | None = None
        self._server: _ThreadingServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def from_env(cls, cfg: Config, services: Services, environ: Mapping[str, str] | None = None,
                 **options: Any) -> SlackDesk:
        """A desk whose tokens come from the environment (KuuloError names a missing variable)."""
        return cls(cfg, services, secrets=secrets_from_env(_slack(cfg).mode, environ), **options)

    def flush(self) -> int:
        """Deliver the outbox rows due for Slack on the desk's connection (actions call this too)."""
        return self.desk.flush()

    def refresh_homes(self) -> list[str]:
        """Redraw the Home tabs people have open when the queue changed (a `kuulo run` job)."""
        return home.refresh_homes(self.desk, self.client)

    def campaign_digests(self) -> list[str]:
        """Post each running campaign's digest once a day, at the daily summary's time (else 09:00) in the team's
        zone, with the entries of the day before as new (a `kuulo run` job; remembered across restarts)."""
        return campaigns.daily_digests(self.desk, self.client)

    def start(self) -> None:
        """Check the bot token, then connect (socket mode) or listen on http_port at /slack/events."""
        try:
            who = self.client.auth_test()
        except SlackApiError as exc:
            raise KuuloError(f"Slack refused SLACK_BOT_TOKEN: {exc.response.get('error')}") from None
        log.info("Slack: connected as %s in %s", who.get("user"), who.get("team"))
        if self.slack.mode == "socket":
            if not self.secrets.app_token:
                raise KuuloError("environment variable SLACK_APP_TOKEN is not set: Socket Mode needs it")
            self._socket = SocketModeHandler(self.app, app_token=self.secrets.app_token,
                                             web_client=WebClient(base_url=self.slack.api_url))
            self._socket.connect()
            return
        secret = self.secrets.signing_secret or env_secret("SLACK_SIGNING_SECRET", self.slack.mode)
        bolt = SlackRequestHandler(self.app, path=EVENTS_PATH)
        self._server = make_server(self.host, self.port, BodyLimit(SignedOnly(bolt, secret)),
                                   server_class=_ThreadingServer, handler_class=_QuietHandler)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="kuulo-slack-http", daemon=True)
        self._thread.start()
        log.info("Slack: listening on http://%s:%s%s", self.host, self.port, EVENTS_PATH)

    @property
    def url(self) -> str:
        """Where Slack should post in http mode."""
        return f"http://{self.host}:{self.port}{EVENTS_PATH}"

    def stop(self) -> None:
        """Disconnect or stop listening; safe to call twice."""
        socket_handler, self._socket = self._socket, None
        if socket_handler is not None:
            socket_handler.close()
        server, thread, self._server, self._thread = self._server, self._thread, None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self.desk.close()
