"""`kuulo import`: JSONL/CSV files or stdin into the ledger."""

from __future__ import annotations

import io
import sys
from typing import BinaryIO

import click

from kuulo.bot.app import writing_services
from kuulo.bot.cli import EXIT_REJECTED, State, cli
from kuulo.bot.commands.output import ImportTally, deliver_console, import_stream, summary_line
from kuulo.bot.limits import PROGRESS_MIN_BYTES


class _Counting:
    """Wraps a binary stream and counts bytes read, for the progress bar."""

    def __init__(self, inner: BinaryIO):
        self.inner, self.count = inner, 0

    def readline(self, limit: int = -1) -> bytes:
        line = self.inner.readline(limit)
        self.count += len(line)
        return line


@cli.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE... (or - for stdin)")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), help="Input format (default: from the file name, or sniffed).")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no alerts printed now (they wait in the console's outbox: the next command "
                   "that delivers it, `kuulo case …` or `kuulo run`, prints them); only the summary and errors.")
@click.pass_obj
def import_cmd(state: State, files: tuple[str, ...], fmt: str | None, quiet: bool) -> int:
    """Import mentions from JSON Lines or CSV files (the README's Import format).

    A malformed line is reported with file:line and skipped; the rest goes in.
    Re-importing the same file changes nothing. Exit status 3 when lines were rejected.

    \b
    Example:
      kuulo --config team.yaml import posts.jsonl more.csv
      cat posts.jsonl | kuulo import -
    """
    services = writing_services(state.config())
    opened = [sys.stdin.buffer if name == "-" else _open(name) for name in files]  # all open before any goes in
    tally = ImportTally()
    for name, stream in zip(files, opened):
        counted = _Counting(stream)
        size = _size(stream) if name != "-" else None
        show_bar = not quiet and size and size > PROGRESS_MIN_BYTES and sys.stderr.isatty()
        label = "stdin" if name == "-" else name
        with click.progressbar(length=size, label=f"importing {label}", file=sys.stderr) if show_bar else _NoBar() as bar:
            import_stream(services.pipeline, counted, label, fmt, tally,
                          after_batch=lambda: bar.update(counted.count - bar.pos))
        if stream is not sys.stdin.buffer:
            stream.close()
    if not quiet:
        deliver_console(services, compact=True)
    click.echo(summary_line(tally))
    return EXIT_REJECTED if tally.rejected else 0


class _NoBar:
    pos = 0

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        self.pos += n


def _open(name: str) -> BinaryIO:
    try:
        return open(name, "rb")
    except OSError as exc:
        raise click.ClickException(f"{name}: cannot open ({exc.strerror}); nothing was imported") from None


def _size(stream: BinaryIO) -> int | None:
    try:
        return stream.seek(0, io.SEEK_END) or None
    finally:
        stream.seek(0)
