"""The App Home tab: the viewer's claimed cases and the team's open queue, kept current while people use it.

Slack has no "tab closed" event, so every agent who opened the tab within HOME_VIEWERS_TTL_S gets it redrawn when an
alert or a case change went out (checked after each action and by `kuulo run` every HOME_REFRESH_S).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.payload import user_of
from kuulo.handlers.slack.render import user_id_of
from kuulo.handlers.slack.views import HOME_ROWS, home_view, refused_home
from kuulo.storage.cases import count_cases, list_cases

HOME_VIEWERS_TTL_S = 8 * 3600  # a working day: after that, opening the tab again draws it afresh
HOME_REFRESH_S = 10
GONE = frozenset({"user_not_found", "account_inactive", "user_disabled"})
log = logging.getLogger(__name__)


def publish_home(desk: Desk, client: WebClient, user: str) -> None:
    """Publish the Home tab for one person."""
    if not desk.gate.may_act(user):
        client.views_publish(user_id=user, view=refused_home())
        return
    queue = desk.read(list_cases, limit=HOME_ROWS)
    mine = [row for row in desk.read(list_cases, limit=HOME_ROWS, claimer_id=user)
            if user_id_of(row["claimed_by"]) == user]
    client.views_publish(user_id=user, view=home_view(mine, queue, desk.now_ts(), desk.read(count_cases)))


def refresh_homes(desk: Desk, client: WebClient) -> list[str]:
    """Redraw the Home tab of every agent who opened it lately, if the queue changed since the last redraw."""
    if not desk.handler.queue_changed.is_set():
        return []
    desk.handler.queue_changed.clear()
    now = desk.now_ts()
    with desk.lock:
        for user in [u for u, seen in desk.home_viewers.items() if now - seen > HOME_VIEWERS_TTL_S]:
            del desk.home_viewers[user]
        viewers = list(desk.home_viewers)
    redrawn = []
    for user in viewers:
        try:
            publish_home(desk, client, user)
        except SlackApiError as exc:
            error = exc.response.get("error")
            log.warning("Home tab of %s not redrawn: %s", user, error)
            if error in GONE:
                with desk.lock:
                    desk.home_viewers.pop(user, None)
            elif error == "ratelimited":
                desk.handler.queue_changed.set()  # the rest next time
                break
            continue
        redrawn.append(user)
    return redrawn


def register(app: App, desk: Desk) -> None:
    """Draw the Home tab whenever someone opens it, and remember agents as viewers."""

    @app.event("app_home_opened")
    def opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        user = user_of(body)  # None for an id that is no text (a signed payload Slack would not send)
        if not user or event.get("tab", "home") != "home":
            return
        if desk.gate.may_act(user):  # anyone else sees the refusal once and is not kept: every member of a workspace
            with desk.lock:          # who opened the tab would be redrawn after each change, ahead of the agents
                desk.home_viewers[user] = desk.now_ts()
        publish_home(desk, client, user)
