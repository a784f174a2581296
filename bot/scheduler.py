"""The long-running loop of `kuulo run`: plain tick functions bound to a schedule.Scheduler."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Sequence

import schedule

from kuulo.bot.app import Services
from kuulo.bot.config_chat import Summary
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.sla import sweep
from kuulo.handlers.base import ChatHandler
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.db import write

log = logging.getLogger(__name__)
DELIVERY_EVERY_S = 2
SWEEP_EVERY_S = 60
TICK_S = 0.5


def summary_period(now_local: datetime, summary: Summary) -> str | None:
    """The period a summary is due for at this local time (a date or an ISO week), or None when not yet."""
    hours, minutes = map(int, summary.time.split(":"))
    if (now_local.hour, now_local.minute) < (hours, minutes):
        return None
    if summary.day is None:
        return now_local.date().isoformat()
    if now_local.strftime("%A").lower() != summary.day:
        return None
    year, week, _ = now_local.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Runner:
    """The jobs of `kuulo run`, each a plain method tested with a frozen clock."""

    services: Services
    handlers: Sequence[ChatHandler]
    extra_jobs: list[tuple[int, Callable[[], object]]] = field(default_factory=list)

    def deliver(self) -> int:
        """Deliver what waits in the outbox for every chat handler."""
        return sum(deliver_pending(self.services.db, handler, self.services.clock) for handler in self.handlers)

    def sweep(self) -> None:
        """Remind, escalate, wake snoozed cases."""
        cfg = self.services.config
        sweep(self.services.db, self.services.clock, self.services.cases, sla_seconds=cfg.sla_seconds,
              remind_at=cfg.slack.remind_at if cfg.slack else 0.8, transports=self.services.pipeline.transports)

    def summaries(self) -> list[str]:
        """Queue each scheduled summary once per period (remembered in storage across restarts)."""
        slack = self.services.config.slack
        if slack is None:
            return []
        now = self.services.clock.now()
        queued = []
        for kind, summary in (("daily", slack.daily), ("weekly", slack.weekly)):
            period = summary_period(now.astimezone(self.services.config.tz), summary) if summary else None
            key = f"summary:{kind}"
            if period is None or get_cursor(self.services.db, key) == period:
                continue
            from kuulo.bot.summaries import queue_summary

            queue_summary(self.services, slack, kind, now)
            with write(self.services.db) as db:
                set_cursor(db, key, period, now.timestamp())
            queued.append(kind)
        return queued

    def bind(self, scheduler: schedule.Scheduler) -> schedule.Scheduler:
        """Register every job on a scheduler instance."""
        scheduler.every(DELIVERY_EVERY_S).seconds.do(self._guard, self.deliver)
        scheduler.every(SWEEP_EVERY_S).seconds.do(self._guard, self.sweep)
        scheduler.every(SWEEP_EVERY_S).seconds.do(self._guard, self.summaries)
        for seconds, job in self.extra_jobs:
            scheduler.every(seconds).seconds.do(self._guard, job)
        return scheduler

    def run(self, stop: threading.Event) -> None:
        """Run every job once, then on schedule, until stop is set."""
        scheduler = self.bind(schedule.Scheduler())
        scheduler.run_all()
        while not stop.wait(TICK_S):
            scheduler.run_pending()

    @staticmethod
    def _guard(job: Callable[[], object]) -> None:
        """One failing job is logged with its traceback and never stops the loop."""
        try:
            job()
        except Exception:
            log.exception("job %s failed", getattr(job, "__name__", job))
