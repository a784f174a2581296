"""`kuulo poll`: read every live source (or one) once and exit, for cron and for trying a config."""

from __future__ import annotations

import os

import click

from kuulo.bot.app import writing_services
from kuulo.bot.cli import EXIT_ERROR, State, cli
from kuulo.bot.commands.output import deliver_console
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.sources.replies import ReplyHandler
from kuulo.bot.sources.poller import PollResult, poll_once
from kuulo.bot.sources.registry import build_source


def result_line(kind: str, result: PollResult) -> str:
    """One source's outcome (counts a script may parse)."""
    head = f"{result.source} ({kind}):"
    if not result.ok:
        wait = f" (retry in {result.retry_after:.0f}s)" if result.retry_after is not None else ""
        return f"{head} failed: {result.error}{wait}"
    return (f"{head} new {result.new} · duplicates {result.duplicates} · skipped {result.skipped}"
            f" · brand replies {result.brand_replies} · cases opened {result.cases_opened}"
            f" · cases closed {result.cases_closed}")


@cli.command("poll")
@click.argument("name", required=False)
@click.option("--quiet", "-q", is_flag=True, help="No alerts on the console; only the per-source lines.")
@click.pass_obj
def poll_cmd(state: State, name: str | None, quiet: bool) -> int:
    """Poll every configured source (or only NAME) once, store what is new, and exit.

    Each source continues from its saved cursor, so running this from cron neither misses
    nor repeats posts. Exit status 1 when any source failed.

    \b
    Example:
      MASTODON_TOKEN=… kuulo --config team.yaml poll
      kuulo --config team.yaml poll uutiset
    """
    services = writing_services(state.config())
    configs = services.config.sources
    if not configs:
        raise click.ClickException(f"no sources in {services.config.source}; add a sources: section")
    if name is not None:
        configs = tuple(c for c in configs if c.name == name)
        if not configs:
            names = ", ".join(c.name for c in services.config.sources)
            raise click.BadParameter(f"no source named {name!r}; configured: {names}", param_hint="NAME")
    failed = 0
    for cfg in configs:
        source = build_source(cfg, os.environ, clock=services.clock, db=services.db)
        result = poll_once(services, cfg, source)
        failed += not result.ok
        click.echo(result_line(cfg.type, result), err=not result.ok)
        for warning in result.warnings:
            click.echo(f"{cfg.name}: warning: {warning}", err=True)
        if hasattr(source, "reply"):  # replies written in Kuulo that wait for this platform go out now
            sent = deliver_pending(services.db, ReplyHandler(source), services.clock, replies=services.cases)
            if sent:
                click.echo(f"{cfg.name}: {sent} repl{'y' if sent == 1 else 'ies'} sent")
    if not quiet:
        deliver_console(services, compact=True)
    return EXIT_ERROR if failed else 0
