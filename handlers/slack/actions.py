"""Alert buttons and the reply modal: each acks first, becomes a CaseCommand, and the outbox redraws the alert."""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient

from kuulo.bot.case_views import read_shown_case
from kuulo.bot.cases import REPLYABLE, CaseCommand
from kuulo.bot.errors import CaseStateError, KuuloError
from kuulo.handlers.desk.choices import SNOOZE_MORNING, case_command, parse_value, plain_number, snooze_until
from kuulo.handlers.slack.auth import agents_only
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.home import refresh_homes
from kuulo.handlers.slack.payload import action_value, form_text, user_of
from kuulo.handlers.slack.render import escape
from kuulo.handlers.slack.views import (REPLY_BLOCK, REPLY_CALLBACK, REPLY_INPUT, reply_limit, reply_modal,
                                        reply_problem)
from kuulo.storage.outbox import sent_ref

log = logging.getLogger(__name__)
SIMPLE = {"kuulo.claim": "claim", "kuulo.answered": "answer", "kuulo.escalate": "escalate"}
__all__ = ["SNOOZE_MORNING", "parse_value", "snooze_until", "register", "command_for"]


def tell(body: dict[str, Any], client: WebClient, text: str, channel: str | None = None) -> None:
    """Plain text (an error's, which may hold a name someone chose) as an ephemeral message to the person, escaped,
    in the interaction's channel (or the given one)."""
    channel = channel or (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=user_of(body), text=escape(text))
    else:
        log.info("could not tell %s: %s", user_of(body), text)


def command_for(desk: Desk, action_id: str, body: dict[str, Any]) -> CaseCommand:
    """Translate a block action into a CaseCommand, with actor 'display name (U123)'."""
    case_id, choice = parse_value(action_value(body))
    user = body["user"]
    actor = desk.directory.actor(user["id"], user.get("name") or user.get("username"))
    return case_command(action_id.removeprefix("kuulo."), case_id, actor, choice, desk.services.clock.now(),
                        desk.services.config.tz)


def reply_modal_for(desk: Desk, body: dict[str, Any]) -> dict[str, Any]:
    """The reply modal for the clicked case, prefilled with the clicked suggestion ('CASE:N') or the first."""
    case_id, choice = parse_value(action_value(body))
    view = read_shown_case(desk.read, desk.services.engine, case_id)
    if view is None:
        raise CaseStateError(f"case {case_id} does not exist")
    if view["state"] not in REPLYABLE:
        raise CaseStateError(f"case {case_id} is {view['state'].replace('_', ' ')}: nothing to reply to now")
    return reply_modal(view, plain_number(choice) or 1,
                       sends=desk.cases.reply_route(case_id) is not None)


def run_and_flush(desk: Desk, body: dict[str, Any], client: WebClient, work: Callable[[], Any],
                  channel: str | None = None) -> None:
    """Do the work; a KuuloError becomes an ephemeral reply; then the outbox goes out (unless a flush is running
    already: it, or the scheduler's next round, sends it) and open Home tabs redraw."""
    try:
        work()
    except KuuloError as exc:
        tell(body, client, str(exc), channel)
        return
    desk.flush(wait=False)  # a listener's thread that waited would be one fewer for the next request's ack
    refresh_homes(desk, client)


def register(app: App, desk: Desk) -> None:
    """The six case actions and the reply modal's submission."""
    only_agents = [agents_only(desk.gate)]

    def case_action(ack: Ack, body: dict[str, Any], client: WebClient, action: dict[str, Any]) -> None:
        ack()
        run_and_flush(desk, body, client, lambda: desk.apply(command_for(desk, action["action_id"], body)))

    for action_id in (*SIMPLE, "kuulo.dismiss", "kuulo.snooze"):
        app.action(action_id, middleware=only_agents)(case_action)

    @app.action("kuulo.reply", middleware=only_agents)
    def open_reply(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        try:
            client.views_open(trigger_id=body["trigger_id"], view=reply_modal_for(desk, body))
        except KuuloError as exc:
            tell(body, client, str(exc))

    @app.view(REPLY_CALLBACK, middleware=only_agents)
    def submit_reply(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        try:
            case_id, _ = parse_value(view.get("private_metadata"))
        except KuuloError as exc:  # a form Kuulo did not make
            ack(response_action="errors", errors={REPLY_BLOCK: str(exc)})
            return
        text = form_text(view, REPLY_BLOCK, REPLY_INPUT)
        case = read_shown_case(desk.read, desk.services.engine, case_id)
        problem = reply_problem(text, reply_limit(case) if case else None)
        if problem:
            ack(response_action="errors", errors={REPLY_BLOCK: problem})
            return
        ack()
        user = body["user"]
        actor = desk.directory.actor(user["id"], user.get("name"))
        ref = desk.read(sent_ref, "slack", case_id)
        run_and_flush(desk, body, client, lambda: desk.apply(CaseCommand("reply", case_id, actor, text=text)),
                      channel=ref.partition(":")[0] if ref else None)
