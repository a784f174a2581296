"""Small shared pieces of command output."""

from __future__ import annotations

from kuulo.bot.app import Services
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.pipeline import IngestStats
from kuulo.handlers.console import ConsoleHandler


def summary_line(read: int, stats: IngestStats, rejected: int) -> str:
    """The import summary (counts a script may parse)."""
    return (f"read {read} · new {stats.new} · duplicates {stats.duplicates} · brand replies {stats.brand_replies}"
            f" · rejected {rejected} · cases opened {stats.cases_opened} · cases closed {stats.cases_closed}")


def deliver_console(services: Services, *, compact: bool = False) -> int:
    """Show what waits in the console outbox."""
    if "console" not in services.pipeline.transports:
        return 0
    handler = ConsoleHandler(tz=services.config.tz, compact=compact)
    sent = 0
    while n := deliver_pending(services.db, handler, services.clock, limit=500):
        sent += n
    return sent
