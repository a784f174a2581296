"""Who may act on cases (slack.agents) and run reports (slack.supervisors); listener middleware refuses others."""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_bolt import Ack, BoltResponse
from slack_sdk import WebClient

from kuulo.bot.config_chat import SlackConfig
from kuulo.handlers.desk.gate import Gate as SharedGate
from kuulo.handlers.slack.payload import user_of
from kuulo.handlers.slack.people import Directory
from kuulo.handlers.slack.render import escape
from kuulo.handlers.slack.views import REPLY_BLOCK

log = logging.getLogger(__name__)
NOT_AGENT = "Sorry, you are not allowed to act on Kuulo cases: ask an admin to add you to `slack.agents`."
NOT_SUPERVISOR = "Sorry, only Kuulo supervisors (`slack.supervisors`) may run reports and stats or change routes."


class Gate(SharedGate):
    """Permission checks against the configured user and user-group ids (S…: its members, from the directory)."""

    def __init__(self, slack: SlackConfig, directory: Directory):
        super().__init__(slack.agents, slack.supervisors,
                         lambda p: directory.members(p) if p.startswith("S") else frozenset())
        self.directory = directory


def refuse(body: dict[str, Any], ack: Ack, client: WebClient, text: str) -> BoltResponse:
    """Acknowledge and tell only the person why nothing happened, in plain text (escaped where Slack reads mrkdwn);
    returns the ack's response for Bolt."""
    user = user_of(body)
    log.info("refused %s for %s", body.get("type") or body.get("command"), user)
    if body.get("type") == "view_submission":
        return ack(response_action="errors", errors={REPLY_BLOCK: text})  # a form's errors are plain text
    if "command" in body:
        return ack(text=escape(text))
    response = ack()
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    if channel and user:
        client.chat_postEphemeral(channel=channel, user=user, text=escape(text))
    return response


def agents_only(gate: Gate) -> Callable[..., BoltResponse | None]:
    """Listener middleware: the listener runs only for agents and supervisors (Bolt needs the refusal's response)."""
    def middleware(body: dict[str, Any], ack: Ack, client: WebClient, next: Callable[[], None]) -> BoltResponse | None:
        if gate.may_act(user_of(body)):
            next()
            return None
        return refuse(body, ack, client, NOT_AGENT)
    return middleware
