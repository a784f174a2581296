"""`kuulo demo`: the embedded default, end to end, in seconds and with no tokens."""

from __future__ import annotations

import hashlib
import json
import tempfile
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import click

from kuulo.bot.app import build_services, default_config
from kuulo.bot.clock import FrozenClock
from kuulo.bot.cli import cli, output_file
from kuulo.bot.errors import KuuloError
from kuulo.bot.commands.output import ImportTally, deliver_console, import_stream, summary_line
from kuulo.bot.report import build_report
from kuulo.bot.report_format import as_table
from kuulo.handlers.console import ConsoleHandler
from kuulo.bot.delivery import deliver_pending

SAMPLE_START = datetime(2026, 11, 16, tzinfo=timezone.utc) - timedelta(hours=2)  # Monday 00:00 in Helsinki
SAMPLE_END = SAMPLE_START + timedelta(days=7)
FULL_ALERTS = 3
DEMO_MARKER_SUFFIX = ".kuulo-demo"
DEMO_MARKER_HEAD = "# written by kuulo demo:"
DEMO_CONFIG_HEAD = "# written by kuulo demo for its database; kuulo demo rewrites it only while it is unchanged\n"


@cli.command("demo")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file to write (default: a new temporary file).")
@click.option("--chart", type=click.Path(dir_okay=False), callback=output_file,
              help="Also draw the report chart as a PNG.")
def demo_cmd(db_path: str | None, chart: str | None) -> None:
    """Replay the bundled sample week (written for the project) through the whole pipeline.

    Posts are imported, cases opened and closed by the brands' replies, alerts shown on
    the console, and the week's report printed. The clock stands at the end of the week.

    \b
    Example:
      kuulo demo
      kuulo demo --db demo.db --chart week.png
    """
    path = db_path or str(Path(tempfile.mkdtemp(prefix="kuulo-demo-")) / "kuulo-demo.db")
    try:
        _clear_previous_demo(Path(path))
    except OSError as exc:
        raise KuuloError(f"demo: cannot use {path} ({exc.strerror})") from None
    services = build_services(default_config(path), clock=FrozenClock(SAMPLE_END))
    sample = resources.files("kuulo.bot") / "demo" / "sample.jsonl"
    tally = ImportTally()
    with sample.open("rb") as stream:
        import_stream(services.pipeline, stream, "sample.jsonl", "jsonl", tally)
    click.echo(f"Kuulo demo: the bundled sample week (written for the project), {tally.read} posts.\n")
    handler = ConsoleHandler(tz=services.config.tz)
    deliver_pending(services.db, handler, services.clock, limit=FULL_ALERTS, engine=services.engine)
    click.echo("")
    deliver_console(services, compact=True)
    click.echo(f"\n{summary_line(tally)}\n")
    tz = services.config.tz
    report = build_report(services.db, since=SAMPLE_START.astimezone(tz), until=SAMPLE_END.astimezone(tz),
                          now=SAMPLE_END, sla_seconds=services.config.sla_seconds)
    click.echo(as_table(report))
    if chart:
        from kuulo.bot.chart import daily_series, draw_chart
        from kuulo.storage.reports import case_facts

        series = daily_series(case_facts(services.db, SAMPLE_START.timestamp(), SAMPLE_END.timestamp()),
                              SAMPLE_START, SAMPLE_END, services.config.tz)
        draw_chart(series, chart, "Kuulo demo: cases and median first response")
        click.echo(f"\nchart written to {chart}")
    services.db.conn.close()  # the last connection: SQLite folds the WAL into the file, so its hash is final
    _mark_demo(Path(path))
    click.echo(f"\ndatabase: {path}")
    config_path, written = _demo_config(Path(path))
    if written:
        click.echo(f"explore it: kuulo --config {config_path} cases --open")
    else:
        click.echo(f"{config_path} already exists and is not this demo's config: left alone. To explore the demo, "
                   f"use a config with database: {json.dumps(str(Path(path).resolve()))}")


def _marker(db: Path) -> Path:
    """The file beside a demo database that says kuulo demo made it, with the database's SHA-256 at that time."""
    return db.with_name(db.name + DEMO_MARKER_SUFFIX)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _clear_previous_demo(db: Path) -> None:
    """Refuse any existing file but an unchanged database of an earlier demo, which is removed to start afresh."""
    if not db.parent.is_dir():
        raise KuuloError(f"demo: the folder {db.parent} does not exist")
    marker = _marker(db)
    mark = marker.read_text(encoding="utf-8", errors="replace") if marker.is_file() else None
    if marker.exists() and (mark is None or not mark.startswith(DEMO_MARKER_HEAD)):
        raise KuuloError(f"demo: {marker} exists and was not written by kuulo demo; give --db another file name")
    if not db.exists():
        return
    extras = [db.with_name(db.name + end) for end in ("-wal", "-journal")]
    unchanged = (mark is not None and db.is_file() and f"sha256 {_sha256(db)}" in mark
                 and not any(x.exists() and x.stat().st_size for x in extras))
    if not unchanged:
        raise KuuloError(f"demo: {db} exists and is not an unchanged database of an earlier kuulo demo; the demo "
                         f"never writes into other data: give --db a new file name")
    for stale in (db, *extras, db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)


def _mark_demo(db: Path) -> None:
    """Write the marker that lets the next demo replace this database (and only while it is unchanged)."""
    _marker(db).write_text(f"{DEMO_MARKER_HEAD} {db.name} holds only the bundled sample week; the next demo may "
                           f"replace it while it is unchanged:\nsha256 {_sha256(db)}\n", encoding="utf-8")


def _demo_config(db: Path) -> tuple[Path, bool]:
    """`<db>.yaml` pointing at the demo database, written only when absent or already exactly this text."""
    config_path = db.with_suffix(".yaml")
    text = (resources.files("kuulo.bot") / "demo" / "config.yaml").read_text(encoding="utf-8")
    text = DEMO_CONFIG_HEAD + text.replace("database: kuulo.db", f"database: {json.dumps(str(db.resolve()))}")
    if config_path.exists():
        try:
            same = config_path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        return config_path, same
    try:
        with config_path.open("x", encoding="utf-8") as file:  # "x": never replaces a file that appeared meanwhile
            file.write(text)
    except OSError:
        return config_path, False
    return config_path, True
