"""`kuulo report`: response-time numbers per brand, platform, category and agent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import click

from kuulo.bot.app import build_services
from kuulo.bot.chart import daily_series, draw_chart
from kuulo.bot.cli import State, cli, output_file
from kuulo.bot.errors import BadTime
from kuulo.bot.periods import PERIODS, calendar_period
from kuulo.bot.report import DIMENSIONS, build_report
from kuulo.bot.report_format import FORMATS
from kuulo.bot.when import parse_time, shown
from kuulo.storage.db import snapshot
from kuulo.storage.reports import case_facts

DEFAULT_DAYS = 7


def _when(text: str, now: datetime, tz, param: str) -> datetime:
    """--since/--until through the one time parser: a bare date is midnight, a duration counts back from now."""
    try:
        return parse_time(text, now=now, tz=tz, ahead=False, day_at=time(0))
    except BadTime as exc:
        raise click.BadParameter(str(exc), param_hint=param) from None


@cli.command("report")
@click.option("--period", type=click.Choice(PERIODS),
              help="A calendar period in the team's time zone instead of --since/--until (week and month: so far).")
@click.option("--since", help="Start (inclusive): a date (midnight), an ISO time, yesterday, 3d (3 days ago), …; "
                               "the team's zone unless given; default 7 days before --until.")
@click.option("--until", help="End (exclusive), in the same forms; default now.")
@click.option("--by", "by", default=",".join(DIMENSIONS), show_default=True,
              help="Breakdowns, comma-separated: brand, platform, category, agent.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option("--chart", "chart", type=click.Path(dir_okay=False, writable=True), callback=output_file,
              help="Also draw a PNG chart here.")
@click.pass_obj
def report_cmd(state: State, period: str | None, since: str | None, until: str | None, by: str, fmt: str,
               chart: str | None) -> None:
    """Response-time report over the posts created in [since, until).

    \b
    Example:
      kuulo report --since 2026-11-01 --until 2026-11-08 --by brand,agent --format md --chart week.png
      kuulo report --period last-month --format json
    """
    services = build_services(state.config(), create=False)
    tz = services.config.tz
    now = services.clock.now().astimezone(tz)
    if period and (since or until):
        raise click.BadParameter("give either --period or --since/--until", param_hint="--period")
    if period:
        start, end = calendar_period(period, now, tz)
    else:
        end = _when(until, now, tz, "--until") if until else now
        start = _when(since, now, tz, "--since") if since else end - timedelta(days=DEFAULT_DAYS)
    start, end = start.astimezone(tz), end.astimezone(tz)  # the JSON's since/until and the header: the team's zone
    if start.timestamp() >= end.timestamp():  # instants: 03:30 +03:00 is before 03:20 +02:00 on the autumn change
        raise click.BadParameter(f"--since ({shown(start, tz)}) must be before --until ({shown(end, tz)})")
    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    unknown = [d for d in dims if d not in DIMENSIONS]
    if unknown:
        raise click.BadParameter(f"unknown breakdown {', '.join(unknown)}; use {', '.join(DIMENSIONS)}",
                                 param_hint="--by")
    twice = sorted({d for d in dims if dims.count(d) > 1})
    if twice:  # each case would be counted once for every time its breakdown is named
        raise click.BadParameter(f"names {', '.join(twice)} more than once", param_hint="--by")
    with snapshot(services.db):  # the numbers and the chart from one state of the file
        report = build_report(services.db, since=start, until=end, now=now, sla_seconds=services.config.sla_seconds,
                              by=dims)
        series = (daily_series(case_facts(services.db, start.timestamp(), end.timestamp()), start, end, tz)
                  if chart else None)
    click.echo(FORMATS[fmt](report))
    if chart:
        draw_chart(series, chart, f"Cases and median first response, {start:%d.%m.} – {end:%d.%m.%Y}")
        click.echo(f"chart written to {chart}", err=True)
