"""`kuulo poll`: read every live source (or one) once and exit, for cron and for trying a config."""

from __future__ import annotations

import logging
import os
from typing import Any

import click

from kuulo.bot.app import Services, writing_services
from kuulo.bot.cli import EXIT_ERROR, State, cli
from kuulo.bot.commands.output import deliver_console
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.errors import KuuloError
from kuulo.bot.sources.base import STOPS_EVERY_SOURCE, unexpected
from kuulo.bot.sources.poller import PollResult, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.replies import ReplyHandler
from kuulo.handlers.console import safe

log = logging.getLogger(__name__)


def result_line(kind: str, result: PollResult) -> str:
    """One source's outcome (counts a script may parse); a failure says why."""
    head = f"{result.source} ({kind}):"
    if not result.ok:
        wait = f" (retry in {result.retry_after:.0f}s)" if result.retry_after is not None else ""
        return f"{head} failed: {safe(result.error, None)}{wait}"  # one line, whatever a platform wrote
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
    nor repeats posts. Every source is tried: one that fails (cannot be set up, cannot be
    read, meets a bug) gets its own "failed" line on stderr and the next is polled; exit
    status 1 when any failed. A database error stops the command: nothing could be stored.

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
        source = None
        try:
            source = build_source(cfg, os.environ, clock=services.clock, db=services.db)
            result = poll_once(services, cfg, source)
        except STOPS_EVERY_SOURCE:
            raise
        except Exception as exc:  # noqa: BLE001 - one source's trouble never keeps the next from its poll
            result = PollResult(cfg.name, error=_failure(cfg.name, exc))
        failed += _show(cfg, result)
        if source is not None and hasattr(source, "reply"):  # replies written in Kuulo that wait for it go now
            failed += _send_replies(services, cfg, source)
    if not quiet:
        deliver_console(services, compact=True)
    return EXIT_ERROR if failed else 0


def _show(cfg: SourceConfig, result: PollResult) -> bool:
    """Print one source's line (on stderr when it failed) and its warnings; whether it failed."""
    click.echo(result_line(cfg.type, result), err=not result.ok)
    for warning in result.warnings:
        click.echo(f"{cfg.name}: warning: {warning}", err=True)
    return not result.ok


def _send_replies(services: Services, cfg: SourceConfig, source: Any) -> bool:
    """Deliver the source's waiting replies (each failed reply waits in the outbox); whether sending them failed."""
    try:
        sent = deliver_pending(services.db, ReplyHandler(source), services.clock, replies=services.cases)
    except STOPS_EVERY_SOURCE:
        raise
    except Exception as exc:  # noqa: BLE001
        return _show(cfg, PollResult(cfg.name, error="sending its replies: " + _failure(cfg.name, exc)))
    if sent:
        click.echo(f"{cfg.name}: {sent} repl{'y' if sent == 1 else 'ies'} sent")
    return False


def _failure(name: str, exc: Exception) -> str:
    """Why a source failed, for its line: a KuuloError says it itself; anything else is a bug met by this source,
    logged with its traceback and named briefly."""
    if isinstance(exc, KuuloError):
        return str(exc)
    log.exception("source %s: poll failed", name)
    return unexpected(exc)
