"""`kuulo cases` (the queue) and `kuulo case ID ACTION` (claim, answer, reply, dismiss, snooze, escalate, show)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import click

from kuulo.bot.app import build_services
from kuulo.bot.cases import DISMISS_REASONS, CaseCommand
from kuulo.bot.cli import State, cli
from kuulo.bot.commands.output import deliver_console
from kuulo.bot.durations import format_duration, parse_duration
from kuulo.bot.errors import CaseStateError
from kuulo.handlers.console import render_alert, safe
from kuulo.storage.cases import ACTIVE, CLOSED, case_view, list_cases
from kuulo.storage.ledger import case_events


@cli.command("cases")
@click.option("--open", "which", flag_value="open", default=True, help="Cases waiting for a reply (default).")
@click.option("--closed", "which", flag_value="closed", help="Answered and dismissed cases.")
@click.option("--all", "which", flag_value="all", help="Every case.")
@click.option("--brand", help="Only this brand.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def cases_cmd(state: State, which: str, brand: str | None, limit: int, fmt: str) -> None:
    """List cases, oldest post first (the queue).

    \b
    Example:
      kuulo --config team.yaml cases --open --brand Nordea
    """
    services = build_services(state.config())
    states = {"open": ACTIVE, "closed": CLOSED, "all": ACTIVE + CLOSED}[which]
    rows = list_cases(services.db, states=states, limit=limit, brand=brand)
    now = services.clock.now().timestamp()
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps({k: row[k] for k in ("id", "platform", "mention_id", "brand", "category", "priority",
                                                       "state", "claimed_by", "author", "text", "url")}
                                  | {"age_s": round(now - row["created_ts"], 1)}, ensure_ascii=False))
        return
    if not rows:
        click.echo("no cases")
        return
    sla = services.config.sla_seconds
    for row in rows:
        age = now - row["created_ts"]
        flag = " BREACHED" if row["state"] in ACTIVE and age > sla else ""
        who = f" ({row['claimed_by']})" if row["claimed_by"] else ""
        text = safe(row["text"]).replace("\n", " ")
        click.echo(f"#{row['id']:<5} {row['state']:<9}{who} {row['priority']:<6} {row['brand']:<10} "
                   f"{row['platform']:<9} {format_duration(age):>7}{flag}  {safe(row['author'])}: "
                   f"{text[:70]}{'…' if len(text) > 70 else ''}")


@cli.command("case")
@click.argument("case_id", type=int)
@click.argument("action", type=click.Choice(["show", "claim", "answer", "reply", "dismiss", "snooze", "escalate"]))
@click.option("--by", "actor", help="Who acts (required for every action but show).")
@click.option("--note", help="A note kept in the ledger.")
@click.option("--reason", type=click.Choice(DISMISS_REASONS), help="Why a dismissed case needs no reply.")
@click.option("--until", help="Snooze until: a duration (30m, 2h) or an ISO time.")
@click.option("--text", help="The reply text (reply).")
@click.pass_obj
def case_cmd(state: State, case_id: int, action: str, actor: str | None, note: str | None, reason: str | None,
             until: str | None, text: str | None) -> None:
    """Show or act on one case; every change is a ledger event with who, when and how.

    \b
    Example:
      kuulo case 42 claim --by anna
      kuulo case 42 answer --by anna --note "replied by DM"
      kuulo case 43 dismiss --by anna --reason spam
      kuulo case 44 snooze --by anna --until 2h
    """
    services = build_services(state.config())
    if action == "show":
        _show(services, case_id)
        return
    if not actor:
        raise click.UsageError(f"'case {case_id} {action}' needs --by NAME (who acts)")
    when = _until(until, services.clock.now()) if until else None
    row = services.cases.apply(CaseCommand(action, case_id, actor, note=note, reason=reason, until=when, text=text))
    deliver_console(services)
    click.echo(f"case #{case_id} is now {row['state']}")


def _until(text: str, now: datetime) -> datetime:
    seconds = parse_duration(text)
    if seconds:
        return now + timedelta(seconds=seconds)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is neither a duration like 2h nor an ISO time", param_hint="--until") from None
    if when.tzinfo is None:
        raise click.BadParameter(f"{text!r} has no time zone (add +02:00 or Z)", param_hint="--until")
    return when


def _show(services, case_id: int) -> None:
    view = case_view(services.db, case_id)
    if view is None:
        raise CaseStateError(f"case {case_id} does not exist")
    click.echo(render_alert(view, services.config.tz))
    click.echo(f"state: {view['state']}")
    for event in case_events(services.db, case_id):
        when = datetime.fromtimestamp(event["ts"], services.config.tz).strftime("%Y-%m-%d %H:%M")
        details = ", ".join(f"{k}={safe(str(v))}" for k, v in event["data"].items() if k != "brands")
        click.echo(f"  {when}  {event['kind']:<10} {safe(event['actor'])}  {details}")
