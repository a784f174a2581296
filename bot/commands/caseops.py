"""`kuulo cases` (the queue) and `kuulo case ID ACTION` (claim, answer, reply, dismiss, snooze, escalate, show)."""

from __future__ import annotations

from datetime import datetime

import click

from kuulo.bot.app import build_services
from kuulo.bot.case_views import shown_case
from kuulo.bot.cases import DISMISS_REASONS, CaseCommand
from kuulo.bot.cli import TEXT, State, cli
from kuulo.bot.commands.output import deliver_console
from kuulo.bot.durations import format_duration
from kuulo.bot.errors import BadTime, CaseStateError
from kuulo.bot.limits import SHOWN_TEXT_CHARS
from kuulo.bot.when import parse_time, shown
from kuulo.handlers.console import json_line, render_alert, safe
from kuulo.storage.cases import ACTIVE, CLOSED, count_cases, follow_ups, list_cases
from kuulo.storage.db import snapshot
from kuulo.storage.ledger import case_events

MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer; a larger case id cannot exist
QUEUE_TEXT = 71  # characters of post text in a queue line
HIDDEN = ("brands", "set")  # event fields the history leaves out: the verdict's brands, the columns an event set


class CaseIdType(click.ParamType):
    """A case id: a positive whole number SQLite can hold."""

    name = "ID"

    def convert(self, value, param, ctx):
        text = str(value).strip().lstrip("#")
        if not (text.isascii() and text.isdigit() and len(text) <= 19 and 0 < int(text) <= MAX_ROW_ID):
            self.fail(f"no case {safe(value)}: a case id is a whole number from 1 to {MAX_ROW_ID}", param, ctx)
        return int(text)


CASE_ID = CaseIdType()


@cli.command("cases")
@click.option("--open", "open_", is_flag=True, help="Cases waiting for a reply (default).")
@click.option("--closed", is_flag=True, help="Answered and dismissed cases.")
@click.option("--all", "all_", is_flag=True, help="Every case.")
@click.option("--brand", type=TEXT, help="Only this brand.")
@click.option("--limit", type=click.IntRange(1, MAX_ROW_ID), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def cases_cmd(state: State, open_: bool, closed: bool, all_: bool, brand: str | None, limit: int, fmt: str) -> None:
    """List cases, oldest post first (the queue).

    \b
    Example:
      kuulo --config team.yaml cases --open --brand Nordea
    """
    chosen = [name for name, given in (("open", open_), ("closed", closed), ("all", all_)) if given]
    if len(chosen) > 1:  # click's shared flag let the last one win silently
        raise click.UsageError(f"give one of --open, --closed and --all, not {' and '.join('--' + c for c in chosen)}")
    which = chosen[0] if chosen else "open"
    services = build_services(state.config(), create=False)
    states = {"open": ACTIVE, "closed": CLOSED, "all": ACTIVE + CLOSED}[which]
    configured = {b.name.casefold(): b.name for b in services.config.brands}
    if brand is not None:  # as configured, whatever the case typed ("nordea" is Nordea)
        brand = configured.get(brand.strip().casefold(), brand)
    with snapshot(services.db):  # the queue, how many more and their follow-ups from one state of the file
        rows = list_cases(services.db, states=states, limit=limit, brand=brand)
        more = count_cases(services.db, states, brand) - limit if len(rows) == limit else 0
        ups = follow_ups(services.db, rows) if fmt == "json" else {}
    if brand is not None and not rows and brand.casefold() not in configured:
        click.echo(f"no cases of {safe(brand)}: it is not a configured brand (configured: "
                   f"{', '.join(safe(name) for name in configured.values()) or 'none'})", err=True)
    now = services.clock.now().timestamp()
    tz = services.config.tz
    if fmt == "json":
        for row in rows:
            click.echo(json_line({k: row[k] for k in ("id", "platform", "mention_id", "brand", "category", "priority",
                                                      "state", "claimed_by", "author", "text", "url")}
                                 | {"age_s": round(max(0.0, now - row["created_ts"]), 1)} | _times(row, tz)
                                 | _answer_fields(row, ups[row["id"]], tz)))
        if more > 0:  # the lines stay JSON; the note goes to stderr
            click.echo(_more(more, limit), err=True)
        return
    if not rows:
        click.echo("no cases")
        return
    sla = services.config.sla_seconds
    for row in rows:
        age = now - row["created_ts"]
        flag = " BREACHED" if row["state"] in ACTIVE and age > sla else ""
        who = f" ({safe(row['claimed_by'])})" if row["claimed_by"] else ""
        until = f" until {shown(row['snooze_until'], tz)}" if row["state"] == "snoozed" and row["snooze_until"] else ""
        click.echo(f"#{row['id']:<5} {row['state']:<9}{who}{until} {row['priority']:<6} {safe(row['brand']):<10} "
                   f"{safe(row['platform']):<9} {format_duration(age):>7}{flag}  {safe(row['author'])}: "
                   f"{safe(row['text'], QUEUE_TEXT)}")
    if more > 0:
        click.echo(_more(more, limit))


def _more(more: int, limit: int) -> str:
    """The line that says the list was cut: no case leaves the queue unseen."""
    return f"… {more:,} more not shown (the oldest {limit:,} are); --limit {limit + more} shows them all"


def _answer_fields(row: dict, ups: list[str], tz) -> dict:
    """How the case was answered, its thread (the case it follows, its follow-ups) and a failed reply."""
    iso = lambda ts: None if ts is None else datetime.fromtimestamp(ts, tz).isoformat(timespec="seconds")
    return {"responded_at": iso(row["responded_ts"]), "responded_by": row["responded_by"],
            "responded_how": row["responded_how"], "frt_s": None if row["responded_ts"] is None
            else round(max(row["responded_ts"] - row["created_ts"], 0.0), 1),
            "dismiss_reason": row["dismiss_reason"], "parent_case_id": row["parent_case_id"],
            "parent_post": row["parent_post"], "follow_ups": ups, "reply_error": row["reply_error"]}


def _times(row: dict, tz) -> dict[str, str | None]:
    """The post's time and a snooze's end in the team's zone, as ISO 8601 with the offset."""
    iso = lambda ts: None if ts is None else datetime.fromtimestamp(ts, tz).isoformat(timespec="seconds")
    return {"created_at": iso(row["created_ts"]), "snooze_until": iso(row["snooze_until"])}


@cli.command("case")
@click.argument("case_id", type=CASE_ID)
@click.argument("action", type=click.Choice(["show", "claim", "answer", "reply", "dismiss", "snooze", "escalate"]))
@click.option("--by", "actor", type=TEXT, help="Who acts (required for every action but show).")
@click.option("--note", type=TEXT, help="A note kept in the ledger.")
@click.option("--reason", type=click.Choice(DISMISS_REASONS), help="Why a dismissed case needs no reply.")
@click.option("--until", help="Snooze until: 30m, 2h, 3d, tomorrow, tomorrow 9:00, a date or an ISO time "
                              "(the team's zone unless it has one).")
@click.option("--text", type=TEXT, help="The reply text (reply).")
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
    services = build_services(state.config(), create=False)
    if action == "show":
        _show(services, case_id)
        return
    if not actor:
        raise click.UsageError(f"'case {case_id} {action}' needs --by NAME (who acts)")
    now, tz = services.clock.now(), services.config.tz
    if action == "snooze" and until is None:
        raise click.UsageError(f"'case {case_id} snooze' needs --until (a time like 2h, tomorrow 9:00 or "
                               "2026-12-01T09:00)")
    when = _until(until, now, tz) if until is not None else None
    row = services.cases.apply(CaseCommand(action, case_id, actor, note=note, reason=reason, until=when, text=text))
    deliver_console(services)
    if row["state"] == "snoozed" and when is not None:
        click.echo(f"case #{case_id} is now snoozed until {shown(when, tz)} "
                   f"(in {format_duration((when - now).total_seconds())})")
        return
    if action == "reply" and row["state"] == "answered" and row["responded_how"] == "recorded":
        click.echo(f"case #{case_id}: reply recorded; not sent: post it on {safe(row['platform'])} yourself:\n"
                   f"{safe(text or '')}")
        return
    if row["state"] == "reply_pending":
        click.echo(f"case #{case_id}: reply pending: it goes out on {safe(row['platform'])} from `kuulo run` "
                   f"or the next `kuulo poll`; the case is answered when {safe(row['platform'])} has taken it")
        return
    if row.get("unchanged"):
        click.echo(f"case #{case_id} is already claimed by {safe(row['claimed_by'])}: nothing changed")
        return
    click.echo(f"case #{case_id} is now {row['state']}")


def _until(text: str, now: datetime, tz) -> datetime:
    try:
        return parse_time(text, now=now, tz=tz)
    except BadTime as exc:
        raise click.BadParameter(str(exc), param_hint="--until") from None


def _show(services, case_id: int) -> None:
    view = shown_case(services.db, services.engine, case_id)
    if view is None:
        raise CaseStateError(f"case {case_id} does not exist")
    tz = services.config.tz
    click.echo(render_alert(view, tz))
    until = f" until {shown(view['snooze_until'], tz)}" if view["snooze_until"] else ""
    click.echo(f"state: {view['state']}{until}")
    for event in case_events(services.db, case_id):
        details = ", ".join(f"{safe(k)}={_detail(k, v, tz)}" for k, v in event["data"].items() if k not in HIDDEN)
        click.echo(f"  {shown(event['ts'], tz)}  {safe(event['kind']):<10} {safe(event['actor'])}  {details}")


def _detail(key: str, value: object, tz) -> str:
    """One event field for a terminal: times in the team's zone, the rest sanitised and cut."""
    if key == "until" and isinstance(value, str):
        try:
            return shown(datetime.fromisoformat(value), tz)
        except ValueError:
            pass
    return safe(value, SHOWN_TEXT_CHARS)
