"""`/kuulo queue | stats [7d] | report [week|month] | case ID | routes | route … | help`, answered only to the
person asking."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from kuulo.bot.errors import KuuloError
from kuulo.handlers.desk import answers
from kuulo.handlers.desk.answers import COMMANDS, DEFAULT_STATS, MAX_CASE_ID, PERIOD_LABELS
from kuulo.handlers.slack.auth import NOT_SUPERVISOR, agents_only
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.kit import message_text
from kuulo.handlers.slack.render import SlackMarkup, short
from kuulo.handlers.slack.routing import route_command, routes_text
from kuulo.handlers.slack.texts import HELP, QUEUE_ROWS, REPORT_TEXT, queue_text
from kuulo.storage.cases import list_cases

FAILED = "Sorry, Kuulo could not answer that (the error is in Kuulo's log). Try `/kuulo help`."
CASE_USAGE = "usage: `/kuulo case ID`, e.g. `/kuulo case 42`"
__all__ = ["DEFAULT_STATS", "MAX_CASE_ID", "PERIOD_LABELS", "answer", "register", "stats_span"]
log = logging.getLogger(__name__)


def stats_span(span: str) -> int:
    """The seconds of a `/kuulo stats` period like 7d or 24h, at most MAX_DURATION_DAYS; KuuloError otherwise."""
    return answers.stats_span(SlackMarkup(), span)


def answer(desk: Desk, user: str, text: str, user_name: str | None = None) -> str:
    """The reply to one `/kuulo` text; KuuloError for a bad argument or a refusal."""
    words = text.split()
    sub, args = (words[0].lower(), words[1:]) if words else ("help", [])
    if sub == "queue":
        rows = desk.read(list_cases, limit=QUEUE_ROWS)
        return queue_text(rows, desk.now_ts(), desk.services.config.sla_seconds, desk.gate.may_act)
    if sub in COMMANDS:
        return answers.answer_command(SlackMarkup(desk.gate.may_act), desk.read, desk.services, sub, args,
                                      may_report=desk.gate.may_report(user), refusal=NOT_SUPERVISOR,
                                      case_usage=CASE_USAGE, report_limit=REPORT_TEXT)
    if sub == "routes":
        return routes_text(desk)
    if sub == "route":
        if not desk.gate.may_report(user):
            raise KuuloError(NOT_SUPERVISOR)
        return route_command(desk, desk.directory.actor(user, user_name), args)
    if sub == "help":
        return HELP
    raise KuuloError(f"unknown subcommand '{short(sub, 40)}'.\n{HELP}")


def register(app: App, desk: Desk) -> None:
    """The `/kuulo` slash command: ack at once, then answer ephemerally in the channel."""

    @app.command("/kuulo", middleware=[agents_only(desk.gate)])
    def kuulo(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        try:
            text = answer(desk, command["user_id"], command.get("text") or "", command.get("user_name"))
        except KuuloError as exc:
            text = str(exc)
        except Exception:  # a bug: logged with its traceback, and the person still hears back
            log.exception("/kuulo %s failed", short(command.get("text"), 80))
            text = FAILED
        client.chat_postEphemeral(channel=command["channel_id"], user=command["user_id"], text=message_text(text))
