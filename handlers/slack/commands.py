"""`/kuulo queue | stats [7d] | report [week|month] | case ID | routes | route … | help`, answered only to the
person asking."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from kuulo.bot.durations import parse_duration
from kuulo.bot.errors import KuuloError
from kuulo.bot.limits import MAX_DURATION_DAYS, MAX_TIME_INPUT_CHARS
from kuulo.bot.periods import PERIODS, calendar_period
from kuulo.bot.report import build_report
from kuulo.handlers.slack.auth import NOT_SUPERVISOR, agents_only
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.kit import message_text
from kuulo.handlers.slack.render import short
from kuulo.handlers.slack.routing import route_command, routes_text
from kuulo.handlers.slack.texts import HELP, QUEUE_ROWS, case_text, queue_text, report_text, stats_text
from kuulo.storage.cases import case_view, list_cases
from kuulo.storage.ledger import case_events

PERIOD_LABELS = {"today": "today", "yesterday": "yesterday", "week": "this week so far",
                 "last-week": "last week", "month": "this month so far", "last-month": "last month"}
DEFAULT_STATS = "7d"
MAX_CASE_ID = 2**63 - 1  # SQLite's largest integer: a longer number is no case
FAILED = "Sorry, Kuulo could not answer that (the error is in Kuulo's log). Try `/kuulo help`."
log = logging.getLogger(__name__)


def stats_span(span: str) -> int:
    """The seconds of a `/kuulo stats` period like 7d or 24h, at most MAX_DURATION_DAYS; KuuloError otherwise."""
    seconds = parse_duration(span) if len(span) <= MAX_TIME_INPUT_CHARS else None
    if not seconds:
        raise KuuloError(f"stats: expected a period like 7d or 24h, got '{short(span, 40)}'")
    if seconds > MAX_DURATION_DAYS * 86_400:
        raise KuuloError(f"stats: a period of at most {MAX_DURATION_DAYS}d (ten years), got '{short(span, 40)}'")
    return seconds


def answer(desk: Desk, user: str, text: str, user_name: str | None = None) -> str:
    """The reply to one `/kuulo` text; KuuloError for a bad argument or a refusal."""
    words = text.split()
    sub, args = (words[0].lower(), words[1:]) if words else ("help", [])
    now = desk.services.clock.now()
    cfg = desk.services.config
    if sub == "queue":
        return queue_text(desk.read(list_cases, limit=QUEUE_ROWS), now.timestamp(), cfg.sla_seconds, desk.gate.may_act)
    if sub == "case":
        if len(args) != 1 or not args[0].lstrip("#").isdecimal() or not args[0].lstrip("#").isascii():
            raise KuuloError("usage: `/kuulo case ID`, e.g. `/kuulo case 42`")
        case_id = int(args[0].lstrip("#"))
        view = desk.read(case_view, case_id) if case_id <= MAX_CASE_ID else None
        if view is None:
            raise KuuloError(f"case {short(args[0].lstrip('#'), 40)} does not exist")
        return case_text(view, desk.read(case_events, case_id), cfg.tz, now.timestamp(), desk.gate.may_act)
    if sub in ("stats", "report"):
        if not desk.gate.may_report(user):
            raise KuuloError(NOT_SUPERVISOR)
        if sub == "stats":
            span = args[0] if args else DEFAULT_STATS
            seconds = stats_span(span)
            report = desk.read(build_report, since=now - timedelta(seconds=seconds), until=now, now=now,
                               sla_seconds=cfg.sla_seconds, by=("brand",))
            return stats_text(report, f"last {span}")
        span = args[0].lower() if args else "week"
        if span not in PERIODS:
            raise KuuloError(f"report: expected {', '.join(PERIODS)}, got '{short(span, 40)}'")
        since, until = calendar_period(span, now, cfg.tz)
        report = desk.read(build_report, since=since, until=until, now=now, sla_seconds=cfg.sla_seconds)
        return report_text(report, PERIOD_LABELS[span])
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
