"""What the Slack listeners share: their own database connection, the case service on it, the permission gate
and the outbox flush, under one lock."""

from __future__ import annotations

from kuulo.bot.app import Services
from kuulo.bot.config_chat import Route, SlackConfig
from kuulo.handlers.desk.state import DeskState
from kuulo.handlers.slack.auth import Gate
from kuulo.handlers.slack.outbound import SlackHandler
from kuulo.handlers.slack.people import Directory
from kuulo.storage.routes import list_routes


class Desk(DeskState):
    """The Slack listeners' shared state: the desk's connection and case service, the Gate, who has Home open."""

    handler: SlackHandler

    def __init__(self, services: Services, handler: SlackHandler, directory: Directory):
        if services.config.slack is None:
            raise ValueError("the Slack desk needs a config with a slack section")
        super().__init__(services, handler)
        self.directory = directory
        self.slack: SlackConfig = services.config.slack
        self.gate = Gate(self.slack, directory)
        self.home_viewers: dict[str, float] = {}  # user id -> when they last opened the Home tab
        handler.chat_routes = self.chat_routes
        handler.person = self.gate.may_act  # only the team's agents and supervisors are ever shown as mentions

    def chat_routes(self) -> tuple[Route, ...]:
        """The routes supervisors set with `/kuulo route`, in the order they are tried."""
        return tuple(Route(channel=r["channel"], brand=r["brand"], category=r["category"], on_duty=r["on_duty"])
                     for r in self.read(list_routes))  # Route(**row) would also take the row's id and set_by
