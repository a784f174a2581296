"""What `/kuulo` answers in Slack: the shared desk texts (handlers/desk/answers.py) in mrkdwn, and the help."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from kuulo.handlers.desk import answers
from kuulo.handlers.desk.answers import QUEUE_ROWS
from kuulo.handlers.slack.kit import MESSAGE_TEXT
from kuulo.handlers.slack.render import Person, SlackMarkup, nobody

REPORT_TEXT = MESSAGE_TEXT - 100
__all__ = ["QUEUE_ROWS", "HELP", "queue_text", "stats_text", "report_text", "case_text"]
HELP = """*Kuulo* `/kuulo` commands:
• `/kuulo queue`: open cases, oldest first (only you see it)
• `/kuulo stats [7d]`: numbers for the last days (supervisors)
• `/kuulo report [week|month|last-week|last-month|today|yesterday]`: the full response-time report for a calendar
  period in the team's time zone; week and month are so far (supervisors)
• `/kuulo case ID`: one case and its history
• `/kuulo routes`: where alerts go, first match wins
• `/kuulo route add [brand:NAME] [category:NAME] #channel [on-duty:@group]`, `/kuulo route remove ID`:
  change where alerts go, without editing the config (supervisors)
• `/kuulo help`: this text
Alert buttons: `kuulo.claim`, `kuulo.reply`, `kuulo.answered`, `kuulo.dismiss`, `kuulo.snooze`, `kuulo.escalate`."""


def queue_text(rows: list[dict[str, Any]], now_ts: float, sla_seconds: int, person: Person = nobody) -> str:
    """The open cases, oldest first, with age and a flag when the SLA is breached."""
    return answers.queue_text(SlackMarkup(person), rows, now_ts, sla_seconds)


def stats_text(report: dict[str, Any], label: str) -> str:
    """The headline numbers of a report in a few lines."""
    return answers.stats_text(SlackMarkup(), report, label)


def report_text(report: dict[str, Any], label: str) -> str:
    """The period's name and the report table in a code block."""
    return answers.report_text(SlackMarkup(), report, label, REPORT_TEXT)


def case_text(view: dict[str, Any], events: list[dict[str, Any]], tz: ZoneInfo, now_ts: float,
              person: Person = nobody) -> str:
    """One case: its post, why it matched, where it stands, and its ledger events."""
    return answers.case_text(SlackMarkup(person), view, events, tz, now_ts)
