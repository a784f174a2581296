"""`kuulo campaign check`: look a contest's entries up again on their platforms (also run by `campaign freeze`)."""

from __future__ import annotations

import os
from collections import Counter

import click

from kuulo.bot.app import Services
from kuulo.bot.campaigns_check import CheckReport, EntryCheck, check
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.cli import State
from kuulo.bot.commands.campaigns import _open, campaign_group
from kuulo.bot.sources.registry import build_source
from kuulo.handlers.console import json_line, safe

SAID = {"present": "still there", "gone": "gone", "failed": "could not check", "uncheckable": "not checkable"}


def run_check(services: Services, campaign: Campaign) -> CheckReport:
    """Look the campaign's entries up again through the configured sources (secrets from the environment)."""
    build = lambda cfg: build_source(cfg, os.environ, clock=services.clock, db=services.db)
    return check(services.db, campaign, services.config.sources, build, services.clock.now().timestamp())


def check_line(result: EntryCheck) -> str:
    """One entry's finding, e.g. `mastodon:113…  gone: https://… answers 404 for status 113… (deleted)`."""
    detail = f": {safe(result.detail, 300)}" if result.detail else ""
    return f"{safe(result.platform)}:{safe(result.id)}  {SAID[result.state]}{detail}"


def check_before_freeze(services: Services, campaign: Campaign) -> None:
    """The check `freeze` runs first: the counts, each entry gone or not checked now, the not checkable by why."""
    report = run_check(services, campaign)
    click.echo(f"check: {report.summary()}")
    for result in report.results:
        if result.state in ("gone", "failed"):
            click.echo(f"  {check_line(result)}")
    for why, n in sorted(Counter(r.detail for r in report.results if r.state == "uncheckable").items()):
        click.echo(f"  not checkable: {n} entr{'y' if n == 1 else 'ies'}: {safe(why, 200)}")


@campaign_group.command("check")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def check_cmd(state: State, name: str, fmt: str) -> None:
    """Look every eligible and approved entry up again on its platform; mark the deleted ones ineligible.

    An entry its platform no longer has gets the reason `deleted` (a ledger event with when it was found); one
    found there again later loses it. A 5xx, a timeout or a rate limit is "could not check", never "deleted";
    imported posts, X and platforms without a lookup are "not checkable". `kuulo campaign freeze` runs this first.
    --format json prints one object per entry: platform, id, result (present, gone, failed, uncheckable), detail,
    source.

    \b
    Example:
      IG_TOKEN=… kuulo --config team.yaml campaign check kesa2026
    """
    services, campaign = _open(state, name)
    report = run_check(services, campaign)
    if fmt == "json":
        for r in report.results:
            click.echo(json_line({"platform": r.platform, "id": r.id, "result": r.state, "detail": r.detail,
                                  "source": r.source}))
        return
    for result in report.results:
        click.echo(check_line(result))
    click.echo(f"{campaign.name}: {report.summary()}")
