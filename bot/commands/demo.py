"""`kuulo demo`: the embedded default, end to end, in seconds and with no tokens."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import click

from kuulo.bot.app import build_services, default_config
from kuulo.bot.clock import FrozenClock
from kuulo.bot.cli import cli
from kuulo.bot.commands.output import ImportTally, deliver_console, import_stream, summary_line
from kuulo.bot.report import build_report
from kuulo.bot.report_format import as_table
from kuulo.handlers.console import ConsoleHandler
from kuulo.bot.delivery import deliver_pending

SAMPLE_START = datetime(2026, 11, 16, tzinfo=timezone.utc) - timedelta(hours=2)  # Monday 00:00 in Helsinki
SAMPLE_END = SAMPLE_START + timedelta(days=7)
FULL_ALERTS = 3


@cli.command("demo")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="SQLite file to write (default: a new temporary file).")
@click.option("--chart", type=click.Path(dir_okay=False), help="Also draw the report chart as a PNG.")
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
    services = build_services(default_config(path), clock=FrozenClock(SAMPLE_END))
    sample = resources.files("kuulo.bot") / "demo" / "sample.jsonl"
    tally = ImportTally()
    with sample.open("rb") as stream:
        import_stream(services.pipeline, stream, "sample.jsonl", "jsonl", tally)
    click.echo(f"Kuulo demo: the bundled sample week (written for the project), {tally.read} posts.\n")
    handler = ConsoleHandler(tz=services.config.tz)
    deliver_pending(services.db, handler, services.clock, limit=FULL_ALERTS)
    click.echo("")
    deliver_console(services, compact=True)
    click.echo(f"\n{summary_line(tally)}\n")
    report = build_report(services.db, since=SAMPLE_START, until=SAMPLE_END, now=SAMPLE_END,
                          sla_seconds=services.config.sla_seconds)
    click.echo(as_table(report))
    if chart:
        from kuulo.bot.chart import daily_series, draw_chart
        from kuulo.storage.reports import case_facts

        series = daily_series(case_facts(services.db, SAMPLE_START.timestamp(), SAMPLE_END.timestamp()),
                              SAMPLE_START, SAMPLE_END, services.config.tz)
        draw_chart(series, chart, "Kuulo demo: cases and median first response")
        click.echo(f"\nchart written to {chart}")
    config_path = Path(path).with_suffix(".yaml")
    text = (resources.files("kuulo.bot") / "demo" / "config.yaml").read_text(encoding="utf-8")
    config_path.write_text(text.replace("database: kuulo.db", f"database: {json.dumps(str(Path(path).resolve()))}"),
                           encoding="utf-8")
    click.echo(f"\ndatabase: {path}")
    click.echo(f"explore it: kuulo --config {config_path} cases --open")
