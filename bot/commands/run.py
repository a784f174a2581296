"""`kuulo run` (the long-running bot) and `kuulo doctor` (what is wrong, in one look)."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import threading
from typing import Any, Callable

import click

from kuulo.bot.app import build_services, chat_transports, writing_services
from kuulo.bot.cli import EXIT_ERROR, State, cli
from kuulo.bot.durations import format_duration
from kuulo.bot.limits import FUTURE_SKEW_S
from kuulo.bot.ledger_audit import audit_ledger
from kuulo.bot.runlock import RunLock
from kuulo.bot.scheduler import Runner
from kuulo.handlers.console import ConsoleHandler, log_to_terminal, safe
from kuulo.storage.outbox import dead_items, due_and_held, outbox_summary, retry_now
from kuulo.storage.health import future_dated
from kuulo.storage.db import DAMAGED_HINT, damage, database_fault, write
from kuulo.storage.schema import schema_version

log = logging.getLogger("kuulo")


@cli.command("run")
@click.option("--verbose", "-v", is_flag=True, help="Log every job, not only warnings.")
@click.pass_obj
def run_cmd(state: State, verbose: bool) -> None:
    """Run the bot: chat handlers, the outbox worker, the SLA sweep, summaries and source polls.

    Stops cleanly on Ctrl-C or SIGTERM. Mentions that `kuulo import` writes into the same
    database meanwhile are delivered from the outbox. Only one `kuulo run` per database: a
    second one exits naming the first one's pid and host.

    \b
    Example:
      SLACK_BOT_TOKEN=xoxb-… SLACK_APP_TOKEN=xapp-… kuulo --config team.yaml run
    """
    log_to_terminal(logging.INFO if verbose else logging.WARNING, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    cfg = state.config()
    if cfg.database == ":memory:":
        _run(cfg)
        return
    with RunLock(cfg.database):  # a second `kuulo run` on this database would double the alerts
        _run(cfg)


def _run(cfg) -> None:
    """Build the services, start the transports and run the scheduler until a signal."""
    services = writing_services(cfg)
    if services.pipeline.campaigns is not None:  # the chat's approve buttons read entries judged under these rules
        with write(services.db):
            services.pipeline.campaigns.refresh_all(services.db, services.clock.now().timestamp())
    # only this process sends to the chats, and nothing of it sends yet: a message an earlier run died sending (held
    # SEND_HOLD_S, outbox.take) and those waiting out a backoff are due now, not after the hold, which would stop every
    # alert behind them (replies to platforms are left: a `kuulo poll` may be sending one)
    retry_now(services.db, chat_transports(cfg), services.clock.now().timestamp())
    stop = threading.Event()
    jobs, reply_handlers, telegram_sources = _sources(services)
    handlers, closers, chat_jobs = _chat_handlers(services)
    names = [h.name for h in handlers]
    telegram = _telegram(services, telegram_sources)
    if telegram is not None:
        closers.append(telegram.stop)
        names += ["telegram"] if telegram.desk is not None else []
        chat_jobs += [(60, telegram.campaign_digests)] if telegram.desk is not None and cfg.campaigns else []
    runner = Runner(services, handlers + reply_handlers, extra_jobs=chat_jobs)
    for seconds, poll in jobs:  # each source's alerts go out before the next source is polled
        runner.extra_jobs.append((seconds, lambda poll=poll: poll(between=lambda: runner.guard(runner.deliver))))
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    click.echo(f"kuulo running: {', '.join(names) or 'sources only'}; database {services.config.database}", err=True)
    try:
        runner.run(stop)
    finally:
        try:
            runner.deliver()  # before the desks close: Slack's handler reads its routes on the desk's connection
        finally:
            for close in closers:
                close()
        click.echo("kuulo stopped", err=True)


def _chat_handlers(services) -> tuple[list, list, list]:
    """The chat handlers of the configured transports, how to stop them, and their periodic jobs."""
    cfg = services.config
    if cfg.slack is None:
        return ([ConsoleHandler(tz=cfg.tz)] if cfg.telegram is None else []), [], []
    from kuulo.handlers.slack.app import SlackDesk
    from kuulo.handlers.slack.home import HOME_REFRESH_S

    desk = SlackDesk.from_env(cfg, services, os.environ)
    desk.start()
    jobs = [(HOME_REFRESH_S, desk.refresh_homes)]
    if cfg.campaigns:
        jobs.append((60, desk.campaign_digests))
    return [desk.handler], [desk.stop], jobs


def _telegram(services, sources: list):
    """The Telegram bot (its desk and the Telegram-group sources on one update loop), started; None without them."""
    if services.config.telegram is None and not sources:
        return None
    from kuulo.handlers.telegram.app import TelegramDesk

    bot = TelegramDesk.from_env(services.config, services, os.environ, sources=sources)
    try:
        bot.start()
    except BaseException:
        bot.stop()
        raise
    return bot


def _sources(services) -> tuple[list, list, list]:
    """A polling job when live sources are configured, the outbox handlers of those that reply, and the
    Telegram-group sources (read by the Telegram update loop)."""
    if not services.config.sources:
        return [], [], []
    from kuulo.bot.sources.poller import SourceRunner
    from kuulo.bot.sources.replies import ReplyHandler

    runner = SourceRunner.from_config(services, os.environ)
    repliers = [ReplyHandler(source) for source in runner.sources() if hasattr(source, "reply")]
    telegram = [source for source in runner.sources() if source.platform == "telegram"]
    return [(5, runner.run_due)], repliers, telegram


@cli.command("doctor")
@click.pass_obj
def doctor_cmd(state: State) -> int:
    """Check the config, the database, the ledger, the outbox and the environment; list what is wrong.

    \b
    Example:
      kuulo --config team.yaml doctor
    """
    services = build_services(state.config(), create=False)
    cfg, problems = services.config, []
    click.echo(f"config:   {cfg.source} ok")
    for warning in cfg.warnings:  # they quote the config's names, shown and not obeyed (as check-config does)
        click.echo(f"WARNING:  {safe(warning, None)}", err=True)
    click.echo(f"database: {safe(cfg.database, None)} (schema {schema_version(services.db)})")
    if found := damage(services.db):
        problems.append(f"database damaged: {'; '.join(found)} ({DAMAGED_HINT})")

    def read(what: str, check: Callable[..., Any], *args: Any) -> Any:  # a check the damage stops is named with it,
        # and the others still run
        try:
            return check(services.db, *args)
        except sqlite3.DatabaseError as exc:
            if not database_fault(exc):
                raise
            problems.append(f"{what} cannot be read: {exc}")
            return None

    if (audit := read("the ledger", audit_ledger)) is not None:
        for line in audit.status():
            click.echo(line)
        problems += audit.problems()
    now = services.clock.now()
    for transport, states in sorted((read("the outbox", outbox_summary) or {}).items()):
        click.echo(f"outbox:   {transport}: " + ", ".join(f"{n} {s}" for s, n in sorted(states.items())))
        _, held = read("the outbox", due_and_held, transport, now.timestamp(), 0) or ((), {})
        for chat, until in sorted(held.items()):  # a rate limit on one chat: its messages wait, the others go
            click.echo(f"outbox:   {transport}: chat {safe(chat, None)} is rate limited for "
                       f"{format_duration(max(1, round(until - now.timestamp())))} more; its messages wait")
    for item in read("the outbox's failed messages", dead_items) or ():
        problems.append(f"outbox {item['id']} ({item['transport']} {item['kind']}, case {item['case_id']}) "
                        f"failed for good after {item['attempts']} attempt(s): {item['last_error']}")
    future = read("the posts' dates", future_dated, FUTURE_SKEW_S)
    # a warning, not a problem: the posts are right to keep, and doctor would fail for ever
    if future is not None and future.count:
        platform, post_id, ahead = future.example
        click.echo(f"WARNING:  {future.count} post(s) dated more than {format_duration(FUTURE_SKEW_S)} after Kuulo"
                   f" stored them, likely a time-zone mistake in the import (e.g. {safe(platform, None)}"
                   f" {safe(post_id, None)}, {format_duration(ahead)} ahead)", err=True)
    for name in _needed_env(cfg):
        if not os.environ.get(name):
            problems.append(f"environment variable {name} is not set")
    for problem in problems:
        click.echo(f"PROBLEM:  {safe(problem, None)}", err=True)
    if not problems:
        click.echo("no problems found" + (f" ({len(cfg.warnings)} warning(s) above)" if cfg.warnings else ""))
    return EXIT_ERROR if problems else 0


def _needed_env(cfg) -> list[str]:
    names = []
    if cfg.slack:
        names.append("SLACK_BOT_TOKEN")
        names.append("SLACK_APP_TOKEN" if cfg.slack.mode == "socket" else "SLACK_SIGNING_SECRET")
    if cfg.telegram or any(source.type == "telegram" for source in cfg.sources):
        names.append("TELEGRAM_BOT_TOKEN")
    for source in cfg.sources:
        names.extend(source.env_names())
    return names
