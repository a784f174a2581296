"""Scheduled summaries: the period's report against the previous period, the oldest open cases and a chart,
queued in the outbox for the chat to post."""

from __future__ import annotations

import base64
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from kuulo.bot.app import Services
from kuulo.bot.chart import daily_series, draw_chart
from kuulo.bot.config_chat import SlackConfig, TelegramConfig
from kuulo.bot.errors import KuuloError
from kuulo.bot.periods import calendar_period, previous_period
from kuulo.bot.report import DIMENSIONS, build_report
from kuulo.storage.cases import list_cases
from kuulo.storage.cursors import set_cursor
from kuulo.storage.db import snapshot, write
from kuulo.storage.ledger import ledger_tip
from kuulo.storage.outbox import enqueue
from kuulo.storage.reports import case_facts

Kind = Literal["daily", "weekly"]
SUMMARY_PERIODS = {"daily": "yesterday", "weekly": "last-week"}
OLDEST_OPEN = 5
GROUP_ROWS = 8  # per breakdown
TEXT_PREVIEW = 200


def period(kind: Kind, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[since, until) in the team's time zone: yesterday (daily) or last week, Monday to Monday (weekly)."""
    if kind not in SUMMARY_PERIODS:
        raise KuuloError(f"unknown summary kind {kind!r}: daily or weekly")
    return calendar_period(SUMMARY_PERIODS[kind], now, tz)


def chart_png(services: Services, since: datetime, until: datetime, title: str) -> bytes:
    """The period's chart (cases per day, median first response) as PNG bytes."""
    series = daily_series(case_facts(services.db, since.timestamp(), until.timestamp()), since, until,
                          services.config.tz)
    with tempfile.TemporaryDirectory(prefix="kuulo-chart-") as folder:
        path = Path(folder) / "chart.png"
        draw_chart(series, str(path), title)
        return path.read_bytes()


def summary_payload(services: Services, slack_cfg: SlackConfig | TelegramConfig, kind: Kind, now: datetime,
                    due: datetime | None = None) -> dict[str, Any]:
    """Everything the chat needs to post a summary: numbers now and before, oldest open cases, the chart; the period
    is the one of `due` (when the summary was due: a missed one is sent late for its own period)."""
    tz, sla = services.config.tz, services.config.sla_seconds
    scheduled = slack_cfg.daily if kind == "daily" else slack_cfg.weekly
    since, until = period(kind, due or now, tz)
    before, _ = previous_period(since, until, tz)
    last_day = (until - timedelta(days=1)).astimezone(tz)
    title = (f"Daily digest {since.astimezone(tz):%d.%m.%Y}" if kind == "daily"
             else f"Weekly report {since.astimezone(tz):%d.%m.} – {last_day:%d.%m.%Y}")
    with snapshot(services.db):  # both periods, the oldest open cases, the chart and the anchor: one state of the file
        current = build_report(services.db, since=since, until=until, now=now, sla_seconds=sla, by=DIMENSIONS)
        previous = build_report(services.db, since=before, until=since, now=now, sla_seconds=sla, by=())
        oldest_rows = list_cases(services.db, limit=OLDEST_OPEN)
        png = chart_png(services, since, until, f"Cases and median first response, {title}")
        anchor = ledger_tip(services.db)
    oldest = [{"id": r["id"], "brand": r["brand"], "platform": r["platform"], "state": r["state"],
               "author": r["author"], "text": r["text"][:TEXT_PREVIEW], "created_ts": r["created_ts"],
               "claimed_by": r["claimed_by"]}
              for r in oldest_rows]
    default = str(slack_cfg.chat) if isinstance(slack_cfg, TelegramConfig) else slack_cfg.channel
    return {"kind": kind, "channel": scheduled.channel if scheduled else default, "title": title,
            "since": since.isoformat(), "until": until.isoformat(), "as_of": now.timestamp(), "sla_seconds": sla,
            "total": current["total"], "previous": previous["total"],
            "by": {dim: rows[:GROUP_ROWS] for dim, rows in current["by"].items()},
            "oldest": oldest, "chart_png_b64": base64.b64encode(png).decode("ascii"),
            "chart_name": f"kuulo-{kind}-{since.astimezone(tz):%Y-%m-%d}.png",
            "anchor": anchor}  # the ledger's tip, published so cutting or rewriting it shows


def queue_summary(services: Services, slack_cfg: SlackConfig | TelegramConfig, kind: Kind, now: datetime,
                  due: datetime | None = None, transport: str = "slack",
                  sent_mark: tuple[str, str] | None = None) -> None:
    """Build the daily or weekly summary (for the period of `due`, default now) and queue it for one chat (Slack,
    or Telegram with a TelegramConfig); `sent_mark` (key, period) is saved in the same transaction, so a summary is
    never queued without it nor marked without being queued."""
    payload = summary_payload(services, slack_cfg, kind, now, due)
    with write(services.db) as db:
        enqueue(db, (transport,), kind="summary", case_id=None, payload=payload, ts=now.timestamp())
        if sent_mark is not None:
            set_cursor(db, *sent_mark, now.timestamp())
