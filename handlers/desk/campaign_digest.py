"""A campaign digest's content, whatever the chat: totals by status, entries per day, the most liked, the entries
waiting for moderation, when the daily one is due, and the references its buttons carry instead of entry ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence
from zoneinfo import ZoneInfo

from kuulo.bot.campaigns_calendar import STATUSES
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_moderation import shown_key
from kuulo.storage import campaigns as rows
from kuulo.storage.campaigns import entry_key
from kuulo.storage.db import Database, snapshot

WAITING_SHOWN = 10  # entries with buttons per digest
TOP_LIKED = 3
DAYS_SHOWN = 14
BAR, BAR_WIDTH = "▇", 12
DIGEST_TIME = "09:00"  # when the chat has no daily summary time


def entry_ref(campaign: str, platform: str, entry_id: str) -> str:
    """A button value for an entry: 'CAMPAIGN|KEY'."""
    return f"{campaign}|{entry_key(platform, entry_id)}"


def ref_key(ref: str) -> str:
    """The entry key of a button value ('CAMPAIGN|KEY')."""
    return ref.partition("|")[2]


def per_day(entries: Sequence[dict[str, Any]], campaign: Campaign) -> list[tuple[str, int]]:
    """Entries per day of posting (the campaign's zone), the last DAYS_SHOWN days that had any."""
    days = Counter(datetime.fromtimestamp(e["created_ts"], campaign.tz).date() for e in entries)
    return [(day.isoformat(), n) for day, n in sorted(days.items())[-DAYS_SHOWN:]]


def bar(n: int, top: int) -> str:
    """A chart bar for n of at most top."""
    return BAR * max(1, round(BAR_WIDTH * n / top))


@dataclass(frozen=True, slots=True)
class DigestFacts:
    """What a digest says; each chat marks it up its own way."""

    total: int
    totals: str  # "eligible 3 · ineligible 1 · approved 0 · rejected 0"
    fresh: int | None  # new since the last digest (None: not asked)
    days: list[tuple[str, int]]
    liked: list[dict[str, Any]]
    waiting: list[dict[str, Any]]

    @property
    def shown(self) -> tuple[int, int, str]:
        """What "Approve all eligible (N)" approves: the waiting entries Kuulo saw before this second, N, and which
        they are (shown_key)."""
        return (int(max((e["seen_ts"] for e in self.waiting), default=0)) + 1, len(self.waiting),
                shown_key(self.waiting))



def digest_facts(campaign: Campaign, entries: Sequence[dict[str, Any]], new_since: float | None = None
                 ) -> DigestFacts:
    """The digest's numbers and entries, as the entries stand now."""
    counts = Counter(e["status"] for e in entries)
    return DigestFacts(
        total=len(entries), totals=" · ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES),
        fresh=None if new_since is None else sum(1 for e in entries if e["seen_ts"] >= new_since),
        days=per_day(entries, campaign), liked=_most_liked(entries), waiting=_waiting(entries))


def _most_liked(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The TOP_LIKED eligible or approved entries with the most likes, the earliest first among equals."""
    return sorted((e for e in entries if e["status"] in ("eligible", "approved") and e["like_count"]),
                  key=lambda e: (-e["like_count"], e["created_ts"]))[:TOP_LIKED]


def _waiting(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries waiting for a moderator, in the order given."""
    return [e for e in entries if e["status"] == "eligible"]


def digest_entries(db: Database, campaign: Campaign) -> list[dict[str, Any]]:
    """A campaign's entries as its digest needs them, from one snapshot: each entry's summary
    (storage.campaigns.SUMMARY_COLUMNS), read whole only where the digest shows it (the waiting it lists, the most
    liked), so a redraw after each decision does not decode every entry of a big contest."""
    with snapshot(db):
        entries = rows.entry_summaries(db, campaign.name)
        whole = rows.entries_by_id(db, campaign.name, [(e["platform"], e["id"]) for e in
                                                        (*_waiting(entries)[:WAITING_SHOWN], *_most_liked(entries))])
    return [whole.get((e["platform"], e["id"]), e) for e in entries]


def digest_day(now: datetime, tz: ZoneInfo, at: str | None) -> str | None:
    """Today's date in the team's zone once the digest's hour ('HH:MM', else DIGEST_TIME) has come, else None."""
    local = now.astimezone(tz)
    hours, minutes = map(int, (at or DIGEST_TIME).split(":"))
    return local.date().isoformat() if (local.hour, local.minute) >= (hours, minutes) else None
