"""The long-running loop of `kuulo run`: plain tick functions bound to a schedule.Scheduler."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Callable, Sequence

import schedule

from kuulo.bot.app import Services
from kuulo.bot.config_chat import SlackConfig, Summary, TelegramConfig
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.sla import sweep
from kuulo.handlers.base import ChatHandler
from kuulo.storage.cursors import get_cursor
from kuulo.storage.db import written_mark

log = logging.getLogger(__name__)
DELIVERY_EVERY_S = 0.5  # and at the next tick after anything was written (an import, a poll): see Runner.run
DELIVERY_BATCH = 100
DELIVERY_ROUNDS = 10  # a burst goes out in full batches, up to this many per tick, so it never waits a period
SWEEP_EVERY_S = 60
TICK_S = 0.1  # how often the loop asks SQLite whether anything was written (storage.db.written_mark, ~µs)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def due_period(now_local: datetime, summary: Summary) -> tuple[str, datetime]:
    """The latest period whose summary time has come at this local time (a date, or the ISO week of the weekly
    summary's day) and that moment, in the team's zone."""
    hours, minutes = map(int, summary.time.split(":"))
    today = now_local.date()
    back = 0 if summary.day is None else (today.weekday() - WEEKDAYS.index(summary.day)) % 7
    step = 1 if summary.day is None else 7
    due = datetime.combine(today - timedelta(days=back), time(hours, minutes), tzinfo=now_local.tzinfo)
    if now_local < due:
        due = datetime.combine(due.date() - timedelta(days=step), due.timetz())
    if summary.day is None:
        return due.date().isoformat(), due
    year, week, _ = due.isocalendar()
    return f"{year}-W{week:02d}", due


def summary_period(now_local: datetime, summary: Summary) -> str | None:
    """The period a summary is due for today at this local time (a date or an ISO week), or None when not yet."""
    key, due = due_period(now_local, summary)
    return key if due.date() == now_local.date() else None


@dataclass
class Runner:
    """The jobs of `kuulo run`, each a plain method tested with a frozen clock."""

    services: Services
    handlers: Sequence[ChatHandler]
    extra_jobs: list[tuple[int, Callable[[], object]]] = field(default_factory=list)

    def deliver(self) -> int:
        """Deliver what waits in the outbox for every chat handler."""
        total = 0
        for handler in self.handlers:
            for _ in range(DELIVERY_ROUNDS):
                sent = deliver_pending(self.services.db, handler, self.services.clock, DELIVERY_BATCH,
                                       replies=self.services.cases, engine=self.services.engine)
                total += sent
                if sent < DELIVERY_BATCH:
                    break
        return total

    def sweep(self) -> None:
        """Remind, escalate, wake snoozed cases."""
        cfg = self.services.config
        sweep(self.services.db, self.services.clock, self.services.cases, sla_seconds=cfg.sla_seconds,
              remind_at=cfg.remind_at, transports=self.services.pipeline.transports)

    def summaries(self) -> list[str]:
        """Queue each scheduled summary once per period and chat (remembered in storage across restarts); one
        missed while `kuulo run` was down is sent when it is next up, for its own period (only the latest one)."""
        cfg = self.services.config
        queued = []
        for transport, section in (("slack", cfg.slack), ("telegram", cfg.telegram)):
            if section is not None:
                queued += self._summaries(transport, section)
        return queued

    def _summaries(self, transport: str, section: SlackConfig | TelegramConfig) -> list[str]:
        now = self.services.clock.now()
        local = now.astimezone(self.services.config.tz)
        queued = []
        for kind, summary in (("daily", section.daily), ("weekly", section.weekly)):
            if summary is None:
                continue
            period, due = due_period(local, summary)
            key = f"summary:{kind}" if transport == "slack" else f"summary:{transport}:{kind}"
            sent = get_cursor(self.services.db, key)
            if sent is not None and sent >= period:  # dates and ISO weeks sort as text
                continue
            if sent is None and due.date() != local.date():
                continue  # never sent before (a new install): nothing was missed, the first one comes on its day
            from kuulo.bot.summaries import queue_summary

            if due.date() != local.date():
                log.info("the %s summary due %s was missed (kuulo run was not running): sending it now", kind,
                         due.isoformat(timespec="minutes"))
            queue_summary(self.services, section, kind, now, due, transport, sent_mark=(key, period))
            queued.append(kind if transport == "slack" else f"{transport}:{kind}")
        return queued

    def bind(self, scheduler: schedule.Scheduler) -> schedule.Scheduler:
        """Register every job on a scheduler instance."""
        scheduler.every(DELIVERY_EVERY_S).seconds.do(self.guard, self.deliver)
        scheduler.every(SWEEP_EVERY_S).seconds.do(self.guard, self.sweep)
        scheduler.every(SWEEP_EVERY_S).seconds.do(self.guard, self.summaries)
        for seconds, job in self.extra_jobs:
            scheduler.every(seconds).seconds.do(self.guard, job)
        return scheduler

    def run(self, stop: threading.Event) -> None:
        """Run every job once, then on schedule, until stop is set."""
        scheduler = self.bind(schedule.Scheduler())
        seen = written_mark(self.services.db)  # before the first round: what its jobs write is delivered at once
        scheduler.run_all()
        while not stop.wait(TICK_S):
            if (mark := written_mark(self.services.db)) != seen:  # an import or a poll wrote: its alerts go now,
                seen = mark  # not at the next delivery period (what the delivery writes wakes one more, idle, round)
                self.guard(self.deliver)
            scheduler.run_pending()

    @staticmethod
    def guard(job: Callable[[], object]) -> None:
        """One failing job is logged with its traceback and never stops the loop."""
        try:
            job()
        except Exception:
            log.exception("job %s failed", getattr(job, "__name__", job))
