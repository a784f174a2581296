"""Small shared pieces of command output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO, Callable

import click

from kuulo.bot.app import Services
from kuulo.bot.import_record import Row
from kuulo.bot.importer import bulk_gc, read_rows
from kuulo.bot.judging import Judged, JudgeAhead
from kuulo.bot.durations import format_duration
from kuulo.bot.limits import FUTURE_SKEW_S, IMPORT_BATCH, IMPORT_CACHE_KIB, IMPORT_FIRST_BATCH, SHOWN_TEXT_CHARS
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.pipeline import IngestStats, Pipeline
from kuulo.storage.db import database_fault, page_cache
from kuulo.handlers.console import ConsoleHandler, safe


def summary_line(tally: ImportTally) -> str:
    """The import summary (counts a script may parse)."""
    read, stats, rejected = tally.read, tally.stats, tally.rejected
    return (f"read {read} · new {stats.new} · duplicates {stats.duplicates} · brand replies {stats.brand_replies}"
            f" · rejected {rejected} · cases opened {stats.cases_opened} · cases closed {stats.cases_closed}"
            f" · future-dated {tally.future}")


def deliver_console(services: Services, *, compact: bool = False) -> int:
    """Show what waits in the console outbox."""
    if "console" not in services.pipeline.transports:
        return 0
    handler = ConsoleHandler(tz=services.config.tz, compact=compact)
    sent = 0
    while n := deliver_pending(services.db, handler, services.clock, limit=500,
                                engine=None if compact else services.engine):  # a compact line shows no suggestions
        sent += n
    return sent


@dataclass(slots=True)
class ImportTally:
    """Lines read and rejected, and what the pipeline did with the rest."""

    read: int = 0
    rejected: int = 0
    stats: IngestStats = field(default_factory=IngestStats)
    future: int = 0  # lines dated more than FUTURE_SKEW_S after the import ran: likely a time-zone mistake

    def count_time(self, where: str, created_at: datetime, now: datetime) -> None:
        """Count a line dated in the future (it goes in); the first one is shown with the likely cause."""
        ahead = (created_at - now).total_seconds()
        if ahead <= FUTURE_SKEW_S:
            return
        self.future += 1
        if self.future == 1:
            click.echo(f"{safe(where, None)}: note: created_at {created_at.isoformat()} is {format_duration(ahead)}"
                       " in the future (a time-zone mistake? imported as it is; kuulo doctor counts them)", err=True)


def import_stream(pipeline: Pipeline, stream: BinaryIO, name: str, fmt: str | None, tally: ImportTally,
                  after_batch: Callable[[], None] = lambda: None) -> None:
    """Import one stream in batches; each bad line is reported on stderr as file:line: reason and skipped. A full
    batch is judged in a worker process while the one before it is stored; batches grow from IMPORT_FIRST_BATCH to
    IMPORT_BATCH, so the first store does not wait for a large batch to be judged."""
    batch, now, held, size = [], pipeline.clock.now(), None, min(IMPORT_FIRST_BATCH, IMPORT_BATCH)
    with bulk_gc(), page_cache(pipeline.db, IMPORT_CACHE_KIB), JudgeAhead(pipeline.engine) as ahead:
        for row in read_rows(stream, name, fmt):
            tally.read += 1
            if row.error:
                tally.rejected += 1
                click.echo(f"{safe(row.where, None)}: {safe(row.error, SHOWN_TEXT_CHARS)}", err=True)
                continue
            for note in row.notes:
                click.echo(f"{safe(row.where, None)}: note: {safe(note, SHOWN_TEXT_CHARS)}", err=True)
            tally.count_time(row.where, row.mention.created_at, now)
            batch.append(row)
            if len(batch) >= size:
                mentions = [r.mention for r in batch]
                judging, size = ahead.submit(mentions, pipeline.to_judge(mentions)), min(2 * size, IMPORT_BATCH)
                if held is not None:
                    _store(pipeline, held[0], tally, held[1]())
                    after_batch()
                batch, held = [], (batch, judging)
        last = None
        if held is not None:  # the last, partial batch is judged by the worker too, while the one before is stored
            if batch:
                mentions = [r.mention for r in batch]
                last = ahead.submit(mentions, pipeline.to_judge(mentions))
            _store(pipeline, held[0], tally, held[1]())
        _store(pipeline, batch, tally, last() if last is not None else None)
    after_batch()


def _store(pipeline: Pipeline, rows: list[Row], tally: ImportTally, judged: list[Judged | None] | None = None) -> None:
    """Write a batch (judged: its verdicts from the worker, if any); when that fails for a reason other than the
    database itself (a bug met by one line's content), write it line by line and reject the lines that fail, so one
    line never aborts the import."""
    try:
        stats = pipeline.ingest_batch([r.mention for r in rows], ahead=judged)
    except Exception as exc:  # noqa: BLE001 - each line's own error is shown below
        if database_fault(exc):
            raise  # locked, full, read-only or damaged: a real error for the whole import, no line's fault
    else:
        _stored(tally, rows, stats)
        return
    for row in rows:
        try:
            _stored(tally, [row], pipeline.ingest_batch([row.mention]))
        except Exception as exc:  # noqa: BLE001
            if database_fault(exc):
                raise
            tally.rejected += 1
            click.echo(f"{safe(row.where, None)}: not stored ({safe(f'{type(exc).__name__}: {exc}', 200)})",
                       err=True)


def _stored(tally: ImportTally, rows: list[Row], stats: IngestStats) -> None:
    """Count a stored batch, and name each line that repeats a post's id with other content (the copy kept decides
    its case: README, Known limits)."""
    tally.stats.add(stats)
    for i, conflict in stats.conflicts:
        click.echo(f"{safe(rows[i].where, None)}: note: {safe(conflict, SHOWN_TEXT_CHARS)}", err=True)
