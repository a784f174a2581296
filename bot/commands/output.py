"""Small shared pieces of command output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO, Callable

import click

from kuulo.bot.app import Services
from kuulo.bot.importer import read_rows
from kuulo.bot.limits import IMPORT_BATCH, SHOWN_TEXT_CHARS
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.pipeline import IngestStats, Pipeline
from kuulo.handlers.console import ConsoleHandler, safe


def summary_line(tally: ImportTally) -> str:
    """The import summary (counts a script may parse)."""
    read, stats, rejected = tally.read, tally.stats, tally.rejected
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


@dataclass(slots=True)
class ImportTally:
    """Lines read and rejected, and what the pipeline did with the rest."""

    read: int = 0
    rejected: int = 0
    stats: IngestStats = field(default_factory=IngestStats)


def import_stream(pipeline: Pipeline, stream: BinaryIO, name: str, fmt: str | None, tally: ImportTally,
                  after_batch: Callable[[], None] = lambda: None) -> None:
    """Import one stream in batches; each bad line is reported on stderr as file:line: reason and skipped."""
    batch = []
    for row in read_rows(stream, name, fmt):
        tally.read += 1
        if row.error:
            tally.rejected += 1
            click.echo(f"{safe(row.where, None)}: {safe(row.error, SHOWN_TEXT_CHARS)}", err=True)
            continue
        batch.append(row.mention)
        if len(batch) >= IMPORT_BATCH:
            tally.stats.add(pipeline.ingest_batch(batch))
            batch = []
            after_batch()
    tally.stats.add(pipeline.ingest_batch(batch))
    after_batch()
