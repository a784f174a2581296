"""`kuulo check-config` and `kuulo verify-ledger`."""

from __future__ import annotations

import click

from kuulo.bot.app import build_engine, open_database
from kuulo.bot.clock import SystemClock
from kuulo.bot.cli import EXIT_ERROR, State, cli
from kuulo.bot.durations import format_duration
from kuulo.bot.errors import LedgerError
from kuulo.bot.ledger_audit import LedgerAudit, audit_ledger
from kuulo.handlers.console import safe
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import KEY_ENV, MIN_KEY_BYTES, Ledger, ledger_key, ledger_tip, parse_anchor


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
        click.echo(f"warning: {safe(warning, None)}", err=True)
    click.echo(f"{cfg.source}: ok" + (f" ({len(cfg.warnings)} warning(s))" if cfg.warnings else ""))
    click.echo(f"  database:  {safe(cfg.database, None)}")  # the config's own text: shown, not obeyed
    click.echo(f"  brands:    {', '.join(safe(b.name) for b in cfg.brands) or 'none'}")
    click.echo(f"  packs:     {', '.join(safe(p) for p in cfg.packs)}")
    click.echo(f"  cases:     open for {cfg.open_for}; SLA first response {format_duration(cfg.sla_seconds)}")


def _anchors(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[int, str]]:
    """--expect values as (seq, hash); a malformed one is a usage error naming it."""
    try:
        return [parse_anchor(value) for value in values]
    except LedgerError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


@cli.command("verify-ledger")
@click.option("--anchor", "print_anchor", is_flag=True,
              help="When everything verifies, print only the tip as SEQ:HASH on stdout, for the team to publish.")
@click.option("--expect", "expected", multiple=True, metavar="SEQ:HASH", callback=_anchors,
              help="Fail unless the chain still holds this published anchor (repeatable).")
@click.option("--start-keying", is_flag=True,
              help="Once, the first time this database gets $KUULO_LEDGER_KEY: verify the unkeyed chain, then record "
                   "the switch to keyed.")
@click.pass_obj
def verify_ledger_cmd(state: State, print_anchor: bool, expected: list[tuple[int, str]], start_keying: bool) -> int:
    """Recompute the event ledger's hash chain (keyed with $KUULO_LEDGER_KEY) and every case from its events;
    name the first row that does not fit, each case whose row differs, and each anchor the chain lost.

    \b
    Example:
      kuulo --config team.yaml verify-ledger --anchor            # prints e.g. 5120:3f9a…
      kuulo --config team.yaml verify-ledger --expect 5120:3f9a…  # later: still there?
      KUULO_LEDGER_KEY=… kuulo verify-ledger --start-keying      # once, when the team first sets a key
    """
    db = open_database(state.config())
    if start_keying:
        return _start_keying(db, expected, SystemClock().now().timestamp(), print_anchor)
    audit = audit_ledger(db, expected)
    _show(audit, print_anchor)
    if not audit.ok:
        return EXIT_ERROR
    if print_anchor:
        click.echo(audit.chain.anchor)
    return 0


def _show(audit: LedgerAudit, quiet: bool = False, notes: bool = True) -> None:
    """What verifies (on stderr when only the anchor goes to stdout; `notes`: with what it cannot prove), then each
    problem on stderr."""
    for line in audit.passed():
        if notes or not line.startswith("note: "):
            click.echo(line, err=quiet)
    for line in audit.problems():
        click.echo(line, err=True)


def _start_keying(db: Database, expected: list[tuple[int, str]], now: float, print_anchor: bool = False) -> int:
    """Verify the chain as it is (unkeyed), then record the switch to keyed with $KUULO_LEDGER_KEY."""
    key = ledger_key()
    if key is None:
        raise LedgerError(f"--start-keying: set {KEY_ENV} to the key the team will keep")
    if len(key) < MIN_KEY_BYTES:  # the chain keeps this key for good (no rotation yet): a guessable one is refused
        raise LedgerError(f"--start-keying: {KEY_ENV} is {len(key)} bytes; use {MIN_KEY_BYTES} random bytes or more "
                          "(openssl rand -hex 32)")
    audit = audit_ledger(db, expected, key=None)
    if audit.chain.keyed_since is not None:
        raise LedgerError(f"the ledger is keyed since event {audit.chain.keyed_since} already")
    _show(audit, quiet=print_anchor, notes=False)  # what an unkeyed chain cannot prove is what this command ends
    if not audit.ok:
        click.echo("not keyed: the chain must verify before its switch to keyed is recorded", err=True)
        return EXIT_ERROR
    with write(db) as tx:
        if ledger_tip(tx) != audit.chain.anchor:  # a writer went on since the check: check again
            raise LedgerError("the ledger grew while it was verified: run --start-keying again")
        seq = Ledger(tx, key, start_keying=True).start_keying(now)
    if print_anchor:  # only the tip on stdout, as --anchor alone prints it
        click.echo(f"ledger keyed from event {seq}", err=True)
        click.echo(ledger_tip(db))
    else:
        click.echo(f"ledger keyed from event {seq}: publish the anchor {ledger_tip(db)}")
    return 0
