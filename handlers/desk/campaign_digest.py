"""A campaign digest's content, whatever the chat: totals by status, entries per day, the most liked, the entries
waiting for moderation, when the daily one is due, and the references its buttons carry instead of entry ids."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Sequence
from zoneinfo import ZoneInfo

from kuulo.bot.campaigns_calendar import STATUSES
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_moderation import shown_key

WAITING_SHOWN = 10  # entries with buttons per digest
TOP_LIKED = 3
DAYS_SHOWN = 14
BAR, BAR_WIDTH = "▇", 12
DIGEST_TIME = "09:00"  # when the chat has no daily summary time
ENTRY_KEY_HEX = 24


def entry_key(platform: str, entry_id: str) -> str:
    """An entry's reference in a button: a hash of its platform and id (a stranger's id never rides in a button)."""
    return hashlib.sha256(f"{platform}\x00{entry_id}".encode("utf-8")).hexdigest()[:ENTRY_KEY_HEX]


def entry_ref(campaign: str, platform: str, entry_id: str) -> str:
    """A button value for an entry: 'CAMPAIGN|KEY'."""
    return f"{campaign}|{entry_key(platform, entry_id)}"


def find_key(entries: Sequence[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The entry whose entry_key is `key`."""
    return next((e for e in entries if entry_key(e["platform"], e["id"]) == key), None)


def find_ref(entries: Sequence[dict[str, Any]], ref: str) -> dict[str, Any] | None:
    """The entry a button value ('CAMPAIGN|KEY') names."""
    _, _, key = ref.partition("|")
    return find_key(entries, key)


def per_day(entries: Sequence[dict[str, Any]], campaign: Campaign) -> list[tuple[str, int]]:
    """Entries per day of posting (the campaign's zone), the last DAYS_SHOWN days that had any."""
    days = Counter(datetime.fromtimestamp(e["created_ts"], campaign.tz).strftime("%Y-%m-%d") for e in entries)
    return sorted(days.items())[-DAYS_SHOWN:]


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
    liked = sorted((e for e in entries if e["status"] in ("eligible", "approved") and e["like_count"]),
                   key=lambda e: (-e["like_count"], e["created_ts"]))[:TOP_LIKED]
    return DigestFacts(
        total=len(entries), totals=" · ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES),
        fresh=None if new_since is None else sum(1 for e in entries if e["seen_ts"] >= new_since),
        days=per_day(entries, campaign), liked=liked, waiting=[e for e in entries if e["status"] == "eligible"])


def digest_day(now: datetime, tz: ZoneInfo, at: str | None) -> str | None:
    """Today's date in the team's zone once the digest's hour ('HH:MM', else DIGEST_TIME) has come, else None."""
    local = now.astimezone(tz)
    hours, minutes = map(int, (at or DIGEST_TIME).split(":"))
    return local.date().isoformat() if (local.hour, local.minute) >= (hours, minutes) else None
