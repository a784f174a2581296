"""The App Home tab: the viewer's claimed cases and the team's open queue."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.render import user_id_of
from kuulo.handlers.slack.views import home_view, refused_home
from kuulo.storage.cases import list_cases


def publish_home(desk: Desk, client: WebClient, user: str) -> None:
    """Publish the Home tab for one person."""
    if not desk.gate.may_act(user):
        client.views_publish(user_id=user, view=refused_home())
        return
    queue = desk.read(list_cases)
    mine = [row for row in queue if user_id_of(row["claimed_by"]) == user]
    client.views_publish(user_id=user, view=home_view(mine, queue, desk.now_ts()))


def register(app: App, desk: Desk) -> None:
    """Refresh the Home tab whenever someone opens it."""

    @app.event("app_home_opened")
    def opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            publish_home(desk, client, event["user"])
