"""`kuulo campaigns` (the calendar) and `kuulo campaign ...` (entries, moderation, freeze, draw, verify, proofs)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from kuulo.bot import campaigns_certificate as certs
from kuulo.bot.app import build_services
from kuulo.bot.campaigns import EntryCollector, brand_handles
from kuulo.bot.campaigns_calendar import STATUSES, calendar, to_ics
from kuulo.bot.campaigns_moderation import approve, find_campaign, reject
from kuulo.bot.campaigns_rules import UNKNOWN_AUTHOR_NOTE
from kuulo.bot.cli import EXIT_ERROR, TEXT, State, cli, output_file
from kuulo.bot.clock import SystemClock
from kuulo.bot.errors import CampaignError
from kuulo.bot.report_format import md_cell, sheet_cell
from kuulo.bot.when import shown
from kuulo.handlers.console import json_line, safe
from kuulo.storage import campaigns as rows
from kuulo.storage.db import write

CSV_COLUMNS = ("platform", "id", "author", "created_at", "status", "reasons", "moderated_by", "moderated_at",
               "decision_reason", "url", "media_url", "like_count", "hashtags", "tagged", "note")
DEFAULT_BY = "kuulo-cli"


def _a_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """output_file for a file that must be one ('-' is no stdout here: the command prints its own lines there)."""
    if value == "-":
        raise click.BadParameter("name a file (the command's own report goes to stdout)", ctx=ctx, param=param)
    return output_file(ctx, param, value)


def _open(state: State, name: str, *, refresh: bool = True):
    """The services and the named campaign, its entries first judged again under the rules as configured now."""
    services = build_services(state.config(), create=False)
    campaign = find_campaign(services.config.campaigns, name)
    collector = EntryCollector([campaign], services.engine.own_brand, brand_handles(services.config.brands))
    if refresh and rows.draw_row(services.db, campaign.name) is None and collector.needs_refresh(services.db, campaign):
        with write(services.db):  # only when some entry was judged by other rules: a read command takes no lock
            collector.refresh(services.db, campaign, services.clock.now().timestamp())
    return services, campaign


@cli.command("campaigns")
@click.option("--ics", "ics_path", metavar="FILE", callback=output_file,
              help="Write the calendar as iCalendar (RFC 5545) to FILE.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def campaigns_cmd(state: State, ics_path: str | None, fmt: str) -> None:
    """The campaign calendar: name, hashtags, dates, status (upcoming, running, closed, frozen, drawn), entries.

    \b
    Example:
      kuulo --config team.yaml campaigns
      kuulo --config team.yaml campaigns --ics vuosikello.ics
    """
    cfg = state.config()
    services = build_services(cfg, create=False) if Path(cfg.database).is_file() else None
    now = services.clock.now() if services else SystemClock().now()
    listed = calendar(services.db if services else None, cfg.campaigns, now)
    if ics_path:
        Path(ics_path).write_bytes(to_ics(cfg.campaigns, now).encode("utf-8"))
        click.echo(f"{len(listed)} campaign(s) written to {ics_path}", err=True)
        return
    if fmt == "json":
        for item in listed:
            click.echo(json_line(item))
        return
    if not listed:
        click.echo("no campaigns (add campaigns: to the config)")
    tz = cfg.tz
    for c in listed:
        counts = ", ".join(f"{s} {c['by_status'][s]}" for s in STATUSES if c["by_status"][s])
        click.echo(f"{safe(c['name']):<16} {c['status']:<8} {shown(datetime.fromisoformat(c['start']), tz)} – "
                   f"{shown(datetime.fromisoformat(c['end']), tz)}  {safe(' '.join(c['hashtags']) or c['entry'])}  "
                   f"entries {c['entries']}" + (f" ({counts})" if counts else ""))


@cli.group("campaign")
def campaign_group() -> None:
    """A contest: its entries, moderation, the freeze, the draw and its verification.

    \b
    Example:
      kuulo --config team.yaml campaign entries kesa2026 --status eligible
      kuulo --config team.yaml campaign freeze kesa2026 --seed-source "drand quicknet round 15000000, hex"
      kuulo --config team.yaml campaign draw kesa2026 --winners 3 --alternates 2 --seed "5f3a…(that round's hex)"
    """


def _entry_json(e: dict[str, Any], tz) -> dict[str, Any]:
    return {"platform": e["platform"], "id": e["id"], "author": e["author"], "created_at": shown(e["created_ts"], tz),
            "status": e["status"], "reasons": [{"code": c, "why": w} for c, w in e["reasons"]],
            "moderated_by": e["decided_by"], "moderated_at": shown(e["decided_ts"], tz) if e["decided_ts"] else None,
            "decision_reason": e["decision_reason"], "url": e["url"], "media_url": e["media_url"],
            "like_count": e["like_count"], "hashtags": e["hashtags"], "tagged": e["tagged"], "note": e["note"]}


def entries_csv(entries: list[dict[str, Any]], tz) -> str:
    """Every entry with its status, reasons and moderation; no cell can start a spreadsheet formula."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        row = _entry_json(e, tz)
        row["reasons"] = "; ".join(f"{r['code']}: {r['why']}" for r in row["reasons"])
        row["hashtags"] = " ".join(row["hashtags"] or [])
        row["tagged"] = " ".join("@" + t for t in row["tagged"] or [])
        writer.writerow([sheet_cell("" if row[c] is None else row[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


@campaign_group.command("entries")
@click.argument("name")
@click.option("--status", type=click.Choice(STATUSES), help="Only entries with this status.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_obj
def entries_cmd(state: State, name: str, status: str | None, fmt: str) -> None:
    """A campaign's entries, oldest first, with their status and every reason.

    \b
    Example:
      kuulo --config team.yaml campaign entries kesa2026 --status ineligible
    """
    services, campaign = _open(state, name)
    entries = rows.list_entries(services.db, campaign.name, status)
    tz = campaign.tz
    if fmt == "csv":
        click.echo(entries_csv(entries, tz), nl=False)
        return
    if fmt == "json":
        for e in entries:
            click.echo(json_line(_entry_json(e, tz)))
        return
    if not entries:
        click.echo("no entries")
    for e in entries:
        why = "; ".join(w for _, w in e["reasons"])
        by = f" by {safe(e['decided_by'])}" if e["decided_by"] else ""
        click.echo(f"{safe(e['platform'])}:{safe(e['id'])}  {e['status']}{by}  {shown(e['created_ts'], tz)}  "
                   f"{safe(e['author'])}" + (f"  ({safe(why, 200)})" if why else "")
                   + (f"  [{safe(e['decision_reason'], 80)}]" if e["decision_reason"] else "")
                   + (f"  note: {_short_note(e['note'])}" if e["note"] else ""))


def _short_note(note: str) -> str:
    """An entry's note in the table: "author unknown" for that long note, else the note (how a look-alike handle is
    compared), shown safely."""
    return "author unknown" if note == UNKNOWN_AUTHOR_NOTE else safe(note, 160)


@campaign_group.command("export")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.pass_obj
def export_cmd(state: State, name: str, fmt: str) -> None:
    """Every entry as CSV: status, reasons, who moderated it and when.

    \b
    Example:
      kuulo --config team.yaml campaign export kesa2026 --format csv > entries.csv
    """
    services, campaign = _open(state, name)
    click.echo(entries_csv(rows.list_entries(services.db, campaign.name), campaign.tz), nl=False)


@campaign_group.command("approve")
@click.argument("name")
@click.argument("ids", nargs=-1, type=TEXT)
@click.option("--all-eligible", is_flag=True, help="Approve every eligible entry.")
@click.option("--by", type=TEXT, required=True, help="Who approves.")
@click.pass_obj
def approve_cmd(state: State, name: str, ids: tuple[str, ...], all_eligible: bool, by: str) -> None:
    """Approve entries (ID or PLATFORM:ID) or every eligible one; each decision is a ledger event.

    \b
    Example:
      kuulo --config team.yaml campaign approve kesa2026 17900000000000001 --by anna
      kuulo --config team.yaml campaign approve kesa2026 --all-eligible --by anna
    """
    if bool(ids) == all_eligible:
        raise click.UsageError("name the entries to approve or give --all-eligible (not both)")
    services, campaign = _open(state, name)
    n = approve(services.db, campaign, None if all_eligible else ids, by=by, now=services.clock.now().timestamp())
    click.echo(f"approved {n} entr{'y' if n == 1 else 'ies'} of {campaign.name}")


@campaign_group.command("reject")
@click.argument("name")
@click.argument("ids", nargs=-1, required=True, type=TEXT)
@click.option("--reason", required=True, type=TEXT, help="Why (kept with each entry and in the ledger).")
@click.option("--by", type=TEXT, required=True, help="Who rejects.")
@click.pass_obj
def reject_cmd(state: State, name: str, ids: tuple[str, ...], reason: str, by: str) -> None:
    """Reject entries with a reason; each decision is a ledger event.

    \b
    Example:
      kuulo --config team.yaml campaign reject kesa2026 17900000000000002 --reason "not a summer photo" --by anna
    """
    services, campaign = _open(state, name)
    n = reject(services.db, campaign, ids, reason=reason, by=by, now=services.clock.now().timestamp())
    click.echo(f"rejected {n} entr{'y' if n == 1 else 'ies'} of {campaign.name}")


@campaign_group.command("freeze")
@click.argument("name")
@click.option("--out", "out", metavar="PATH", callback=_a_file,
              help="The public entry list (default NAME-entries.json).")
@click.option("--allow-pending", is_flag=True, help="Leave out eligible entries nobody moderated.")
@click.option("--no-check", is_flag=True, help="Do not look the entries up on their platforms first.")
@click.option("--early", is_flag=True, help="Freeze before the campaign's end (later entries are shut out).")
@click.option("--seed-source", metavar="TEXT", type=TEXT,
              help="The public value the draw will take, named now in the one form it will be written "
                   "(e.g. 'drand quicknet round 15000000, its randomness in hex').")
@click.option("--by", type=TEXT, default=DEFAULT_BY, show_default=True, help="Who freezes.")
@click.pass_obj
def freeze_cmd(state: State, name: str, out: str | None, allow_pending: bool, no_check: bool, early: bool,
               seed_source: str | None, by: str) -> None:
    """Close the campaign: fix the approved entries in canonical order and print the commitment to publish.

    First every eligible and approved entry is looked up on its platform (as `kuulo campaign check` does), so a
    post deleted since it entered is not frozen; --no-check skips that.

    \b
    Example:
      kuulo --config team.yaml campaign freeze kesa2026 --out kesa2026-entries.json
    """
    services, campaign = _open(state, name)
    certs.ready_to_freeze(campaign, services.clock.now().timestamp(), early)  # before any lookup on the platforms
    if not no_check and rows.draw_row(services.db, campaign.name) is None:
        from kuulo.bot.commands.campaign_check import check_before_freeze

        check_before_freeze(services, campaign)
    frozen = certs.freeze(services.db, campaign, now=services.clock.now().timestamp(), by=by,
                          allow_pending=allow_pending, early=early, seed_source=seed_source)
    path = Path(out or f"{campaign.name}-entries.json")
    written = _write_or_show(path, json.dumps(frozen.public, ensure_ascii=False, indent=1) + "\n",
                             f"kuulo campaign public-list {campaign.name}", json_line(frozen.public, indent=1) + "\n")
    if frozen.left_out:
        click.echo(f"note: {frozen.left_out} eligible entries nobody moderated are left out", err=True)
    if not frozen.public["seed_source"]:
        click.echo("note: no --seed-source named: publish with the hashes which public value will be the seed, in "
                   "the one form it will be written, or the seed could be any of its spellings", err=True)
    click.echo(f"frozen {campaign.name}: {frozen.entries} entries\nlist_sha256 {frozen.list_sha256}\n"
               f"merkle_root {frozen.merkle_root}\npublic list {safe(str(path), 200) if written else 'printed above'}\n"
               "publish both hashes and the list before the draw; then draw with a seed announced after now")


@campaign_group.command("draw")
@click.argument("name")
@click.option("--winners", type=click.IntRange(1, 10_000), required=True)
@click.option("--alternates", type=click.IntRange(0, 10_000), default=0, show_default=True)
@click.option("--seed", required=True, type=TEXT,
              help="A public value announced after the freeze (a lottery draw, a beacon).")
@click.option("--out", "out", metavar="PATH", callback=_a_file,
              help="Write PATH.json and PATH.md (default NAME-certificate).")
@click.option("--by", type=TEXT, default=DEFAULT_BY, show_default=True, help="Who draws.")
@click.pass_obj
def draw_cmd(state: State, name: str, winners: int, alternates: int, seed: str, out: str | None, by: str) -> None:
    """Draw winners and alternates from a frozen campaign and write the certificate.

    \b
    Example:
      kuulo --config team.yaml campaign draw kesa2026 --winners 3 --alternates 2 --seed "drand 4711000"
    """
    services, campaign = _open(state, name)
    cert = certs.draw(services.db, campaign, seed=seed, winners=winners, alternates=alternates,
                      now=services.clock.now().timestamp(), by=by)
    base = Path(out or f"{campaign.name}-certificate")
    base = base.with_suffix("") if base.suffix in (".json", ".md") else base
    json_path, md_path = Path(f"{base}.json"), Path(f"{base}.md")
    again = f"kuulo campaign certificate {campaign.name}"
    written = [path for path, text, shown, how in (
        (json_path, json.dumps(cert, ensure_ascii=False, indent=1) + "\n", json_line(cert, indent=1) + "\n", again),
        (md_path, certificate_markdown(cert), None, again + " --format md")) if _write_or_show(path, text, how, shown)]
    if cert["seed_source"]:
        click.echo(f"seed {safe(cert['seed'])!r}, for the source named at the freeze: {safe(cert['seed_source'])}")
    for place in cert["winners"]:
        click.echo(f"winner {place['rank']}: {safe(place['platform'])}:{safe(place['entry_id'])} "
                   f"{safe(place['author'])} {safe(place['url'], 200)}")
    for place in cert["alternates"]:
        click.echo(f"alternate {place['rank']}: {safe(place['platform'])}:{safe(place['entry_id'])} "
                   f"{safe(place['author'])}")
    drawn = len(cert["winners"]) + len(cert["alternates"])
    if drawn < winners + alternates:
        click.echo(f"note: {cert['entries']} entries: {len(cert['winners'])} winner(s) and {len(cert['alternates'])} "
                   f"alternate(s) drawn of the {winners} and {alternates} asked (the certificate records both)",
                   err=True)
    if written:
        click.echo(f"certificate {' and '.join(safe(str(p), 200) for p in written)}")


def _write_or_show(path: Path, text: str, again: str, shown: str | None = None) -> bool:
    """Write a file the freeze or the draw made; when that fails (a full disk, no right to write), the text goes to
    stdout instead (`shown`: its terminal-safe form), as `again` prints it later: what the database committed to is
    never lost. Whether the file was written."""
    try:
        path.write_text(text, encoding="utf-8")
        return True
    except OSError as exc:
        click.echo(text if shown is None else shown, nl=False)
        click.echo(f"error: cannot write {safe(str(path), 200)} ({exc.strerror or exc}); it is printed above and "
                   f"kept in the database: `{again}` prints it again", err=True)
        return False


@campaign_group.command("public-list")
@click.argument("name")
@click.pass_obj
def public_list_cmd(state: State, name: str) -> None:
    """Print a frozen campaign's public entry list (JSON), as the freeze wrote it.

    \b
    Example:
      kuulo --config team.yaml campaign public-list kesa2026 > kesa2026-entries.json
    """
    services, campaign = _open(state, name, refresh=False)
    stored = rows.draw_row(services.db, campaign.name)
    if stored is None:
        raise CampaignError(f"campaign {campaign.name} is not frozen: there is no public list yet")
    click.echo(json_line(json.loads(stored["public_list"]), indent=1))


@campaign_group.command("certificate")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.pass_obj
def certificate_cmd(state: State, name: str, fmt: str) -> None:
    """Print a drawn campaign's certificate, as the draw wrote it (after a purge: without the winners' names).

    \b
    Example:
      kuulo --config team.yaml campaign certificate kesa2026 > kesa2026-certificate.json
    """
    services, campaign = _open(state, name, refresh=False)
    stored = rows.draw_row(services.db, campaign.name)
    if stored is None or stored["certificate"] is None:
        raise CampaignError(f"campaign {campaign.name} is not drawn: there is no certificate yet")
    cert = json.loads(stored["certificate"])
    click.echo(certificate_markdown(cert) if fmt == "md" else json_line(cert, indent=1),
               nl=fmt == "json")


def certificate_markdown(cert: dict[str, Any]) -> str:
    """The certificate for people: the commitment, the seed, the winners, and how to check it."""
    out = [f"# Draw certificate: {md_cell(cert['campaign'])}", "",
           f"- rules: {md_cell(cert['rules_url']) if cert['rules_url'] else '-'}",
           f"- entries: {cert['entries']} (frozen {cert['frozen_at']})",
           f"- list SHA-256: `{cert['list_sha256']}`", f"- Merkle root: `{cert['merkle_root']}`",
           # not in a code span, where Markdown's escapes would show as typed: "\|" for a seed's |
           f"- seed: {md_cell(cert['seed'])} (drawn {cert['drawn_at']})",
           f"- seed source named at the freeze: {md_cell(cert.get('seed_source') or 'none')}",
           f"- algorithm: {md_cell(cert['algorithm'])}", ""]
    for title, places in (("Winners", cert["winners"]), ("Alternates", cert["alternates"])):
        if not places:
            continue
        out += [f"## {title}", "", "| # | platform | entry | author | post |", "|---:|---|---|---|---|"]
        out += [f"| {p['rank']} | {' | '.join(md_cell(p[k]) for k in ('platform', 'entry_id', 'author', 'url'))} |"
                for p in places]
        out.append("")
    out += ["Check it: `kuulo campaign verify CERT.json --entries PUBLIC_LIST.json`, or the script in Kuulo's README "
            "(Contests).", ""]
    return "\n".join(out)


def _load_json(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CampaignError(f"{path}: cannot read the {what} ({exc.strerror})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise CampaignError(f"{path}: the {what} is not JSON ({str(exc)[:120]})") from None


@campaign_group.command("verify")
@click.argument("cert", metavar="CERT")
@click.option("--entries", "public_list", metavar="PUBLIC_LIST",
              help="Check against the public entry list only (no database needed).")
@click.pass_obj
def verify_cmd(state: State, cert: str, public_list: str | None) -> int:
    """Recompute a draw certificate from the database (or from the public entry list) and say what differs.

    \b
    Example:
      kuulo --config team.yaml campaign verify kesa2026-certificate.json
      kuulo campaign verify kesa2026-certificate.json --entries kesa2026-entries.json
    """
    data = _load_json(cert, "certificate")
    if public_list:
        problems = certs.verify_with_public_list(data, _load_json(public_list, "public entry list"))
    else:
        services = build_services(state.config(), create=False)
        problems = certs.verify_with_database(services.db, data)
    if problems:
        for problem in problems:
            click.echo(f"differs: {safe(problem, 400)}", err=True)
        click.echo(f"certificate {safe(cert, 200)} does NOT hold ({len(problems)} difference(s))", err=True)
        return EXIT_ERROR
    click.echo(f"certificate holds: {data['entries']} entries, list {data['list_sha256']}, "
               f"{len(data['winners'])} winner(s) and {len(data['alternates'])} alternate(s) drawn with seed "
               f"{safe(data['seed'])!r}")
    return 0


@campaign_group.command("proof")
@click.argument("name")
@click.argument("entry_id")
@click.pass_obj
def proof_cmd(state: State, name: str, entry_id: str) -> None:
    """A Merkle inclusion proof that an entry is in the frozen list (JSON, for the entrant).

    \b
    Example:
      kuulo --config team.yaml campaign proof kesa2026 17900000000000001 > proof.json
    """
    services, campaign = _open(state, name)
    click.echo(json_line(certs.proof(services.db, campaign, entry_id), indent=1))


@campaign_group.command("verify-proof")
@click.argument("proof_file", metavar="PROOF")
@click.option("--root", help="The published Merkle root (default: the root the proof names).")
def verify_proof_cmd(proof_file: str, root: str | None) -> int:
    """Check an inclusion proof against the published Merkle root (no database needed).

    \b
    Example:
      kuulo campaign verify-proof proof.json --root 3f9a…
    """
    ok, got = certs.verify_proof(_load_json(proof_file, "proof"), root)
    if not ok:
        click.echo(f"proof does NOT hold: it leads to {got}, not the root {root or 'it names'}", err=True)
        return EXIT_ERROR
    click.echo(f"proof holds: the entry is in the list with Merkle root {got}")
    return 0


@campaign_group.command("purge")
@click.argument("name")
@click.option("--by", type=TEXT, default=DEFAULT_BY, show_default=True, help="Who purges.")
@click.pass_obj
def purge_cmd(state: State, name: str, by: str) -> None:
    """Delete the entrants' personal data after the draw; the certificate stays verifiable.

    \b
    Example:
      kuulo --config team.yaml campaign purge kesa2026
    """
    services, campaign = _open(state, name)
    n = certs.purge(services.db, campaign, now=services.clock.now().timestamp(), by=by)
    click.echo(f"purged the personal data of {n} entries of {campaign.name}; the certificate still verifies")
