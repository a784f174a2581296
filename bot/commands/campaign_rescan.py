"""`kuulo campaign rescan`: posts stored before a campaign was in the config enter it from the database."""

from __future__ import annotations

import click

from kuulo.bot.campaigns_rescan import rescan
from kuulo.bot.cli import State
from kuulo.bot.commands.campaigns import _open, campaign_group


@campaign_group.command("rescan")
@click.argument("name")
@click.pass_obj
def rescan_cmd(state: State, name: str) -> None:
    """Enter the posts already stored (dated within the campaign's window) that fit a campaign added since.

    Entries are keyed by platform and post id, so a rescan adds only what is missing; each new entry is a ledger
    event, as when a source delivers it.

    \b
    Example:
      kuulo --config team.yaml campaign rescan kesa2026
    """
    services, campaign = _open(state, name)
    done = rescan(services.db, campaign, services.engine.own_brand, services.clock.now().timestamp())
    click.echo(f"{campaign.name}: {done.posts} stored post(s) dated within the campaign read, {done.new_entries} new "
               f"entr{'y' if done.new_entries == 1 else 'ies'}")
