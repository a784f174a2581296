"""A rescan: posts stored before a campaign was added to the config enter it from the database, as if a source had
delivered them again (deduplicated by platform id, each new entry a ledger event)."""

from __future__ import annotations

from dataclasses import dataclass

from kuulo.bot.campaigns import EntryCollector, OwnBrand, post_of_row
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.errors import CampaignError
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger

RESCAN_PAGE = 2_000  # stored posts read and entered per write transaction


@dataclass(frozen=True, slots=True)
class Rescanned:
    """What a rescan read and entered."""

    posts: int
    new_entries: int


def rescan(db: Database, campaign: Campaign, own_brand: OwnBrand, now: float) -> Rescanned:
    """Enter the stored posts dated within the campaign's window (on its platforms) that fit it; refused once the
    campaign is frozen. Each page is one write transaction, so `kuulo run` and imports go on meanwhile."""
    if rows.draw_row(db, campaign.name) is not None:
        raise CampaignError(f"campaign {campaign.name} is frozen: its entry list is fixed, so a rescan can no longer "
                            "add to it")
    collector = EntryCollector([campaign], own_brand)
    after: tuple[float, str, str] | None = None
    read = new = 0
    while True:
        page = rows.posts_in_window(db, campaign.platforms, campaign.start.timestamp(), campaign.end.timestamp(),
                                    after, RESCAN_PAGE)
        if not page:
            break
        with write(db):
            new += collector.enter_posts(db, [post_of_row(r) for r in page], now)
        read += len(page)
        after = (page[-1]["created_ts"], page[-1]["platform"], page[-1]["id"])
    with write(db):
        Ledger(db).append(ts=now, actor="kuulo", kind="campaign_rescanned",
                          data={"campaign": campaign.name, "posts": read, "new_entries": new})
    return Rescanned(read, new)
