"""`kuulo check-config` and `kuulo verify-ledger`."""

from __future__ import annotations

import click

from kuulo.bot.app import build_engine, open_database
from kuulo.bot.cli import EXIT_ERROR, State, cli
from kuulo.bot.durations import format_duration
from kuulo.storage.ledger import verify_ledger


@cli.command("check-config")
@click.pass_obj
def check_config_cmd(state: State) -> None:
    """Validate the config and its rule packs; print what it sets up and warn about what would mislead.

    Errors (exit 2) and warnings (exit 0) name the file, the line and the key.

    \b
    Example:
      kuulo --config team.yaml check-config
    """
    cfg = state.config()
    build_engine(cfg)  # loads and checks every pack
    for warning in cfg.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{cfg.source}: ok" + (f" ({len(cfg.warnings)} warning(s))" if cfg.warnings else ""))
    click.echo(f"  database:  {cfg.database}")
    click.echo(f"  brands:    {', '.join(b.name for b in cfg.brands) or 'none'}")
    click.echo(f"  packs:     {', '.join(cfg.packs)}")
    click.echo(f"  cases:     open for {cfg.open_for}; SLA first response {format_duration(cfg.sla_seconds)}")


@cli.command("verify-ledger")
@click.pass_obj
def verify_ledger_cmd(state: State) -> int:
    """Recompute the event ledger's hash chain; name the first row that does not fit.

    \b
    Example:
      kuulo --config team.yaml verify-ledger
    """
    db = open_database(state.config())
    check = verify_ledger(db)
    if check.ok:
        click.echo(f"ledger ok: {check.events} events, hash chain intact")
        return 0
    click.echo(f"ledger BROKEN at event {check.bad_seq}: {check.reason} "
               f"({check.events} events before it verify)", err=True)
    return EXIT_ERROR
