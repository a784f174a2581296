"""Before a draw, each entry still in the running is looked up again on its platform (as contest tools do): the ones
the platform no longer has become ineligible with reason `deleted`, and every entry says whether it was checked.

A temporary failure (5xx, timeout, rate limit) is "could not check", never "deleted"; imported posts and platforms
without a lookup are "not checkable", never counted as checked. The lookups happen outside any write transaction;
the findings are written in one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Sequence

from kuulo.bot.campaigns import DELETED, rejudge
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_rules import Post, as_reasons
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import CampaignError, KuuloError
from kuulo.bot.sources.base import CheckingSource, Lookup, Source
from kuulo.bot.when import shown
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger

CHECKABLE_TYPES = frozenset({"instagram", "mastodon", "bluesky", "reddit"})  # sources with a lookup by id
STATES = ("present", "gone", "failed", "uncheckable")
BuildSource = Callable[[SourceConfig], Source]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EntryCheck:
    """One entry looked up again: state is present, gone, failed (could not check now) or uncheckable."""

    platform: str
    id: str
    state: str
    detail: str = ""
    source: str | None = None


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a check found, entry by entry, and what it changed."""

    results: tuple[EntryCheck, ...]
    newly_deleted: int = 0
    restored: int = 0

    def count(self, state: str) -> int:
        """Entries in one state."""
        return sum(1 for r in self.results if r.state == state)

    @property
    def checked(self) -> int:
        """Entries the platform answered for (still there or gone)."""
        return self.count("present") + self.count("gone")

    def summary(self) -> str:
        """One line for people: checked, gone, could not be checked, not checkable."""
        return (f"{len(self.results)} entries looked up: {self.checked} checked, {self.count('gone')} gone"
                f" ({self.newly_deleted} newly marked deleted, {self.restored} back), {self.count('failed')} could not"
                f" be checked, {self.count('uncheckable')} not checkable")


def route(entries: Sequence[tuple[dict[str, Any], str | None]],
          sources: Sequence[SourceConfig]) -> tuple[dict[str, list[str]], list[EntryCheck]]:
    """Which configured source looks up which entry (the source that delivered its post), and the entries no source
    can look up, each with why."""
    by_name = {s.name: s for s in sources}
    plan: dict[str, list[str]] = {}
    unroutable: list[EntryCheck] = []
    for entry, source in entries:
        platform, entry_id = entry["platform"], entry["id"]
        cfg = by_name.get(source) if source else None
        why = None
        if platform == "x":
            why = "X is import only (its API is paid)"
        elif source is None:
            why = "imported (kuulo import): no live source to look it up"
        elif cfg is None:
            why = f"source {source!r} that delivered it is no longer in the config"
        elif cfg.type not in CHECKABLE_TYPES:
            why = f"{cfg.type} posts cannot be looked up again"
        if why:
            unroutable.append(EntryCheck(platform, entry_id, "uncheckable", why, source))
        else:
            plan.setdefault(cfg.name, []).append(entry_id)  # type: ignore[union-attr]
    return plan, unroutable


def look_up(plan: dict[str, list[str]], sources: Sequence[SourceConfig], build: BuildSource) -> list[EntryCheck]:
    """Ask each source about its entries; a source that cannot be built or read leaves them "failed"."""
    by_name = {s.name: s for s in sources}
    out: list[EntryCheck] = []
    for name, ids in plan.items():
        cfg = by_name[name]
        try:
            source = build(cfg)
        except KuuloError as exc:
            out += [EntryCheck(cfg.type, i, "failed", str(exc), name) for i in ids]
            continue
        if not isinstance(source, CheckingSource):
            out += [EntryCheck(cfg.type, i, "uncheckable", f"{cfg.type} posts cannot be looked up again", name)
                    for i in ids]
            continue
        try:
            found = source.lookup(ids)
        except Exception as exc:  # noqa: BLE001 - a bug or an odd answer: those entries stay unchecked, logged
            log.exception("campaign check: source %s failed to look entries up", name)
            found = {i: Lookup("failed", f"unexpected {type(exc).__name__} (see the log)") for i in ids}
        for entry_id in ids:
            answer = found.get(entry_id) or Lookup("failed", "the source gave no answer for it")
            state = answer.state if answer.state in STATES else "failed"
            out.append(EntryCheck(source.platform, entry_id, state, answer.detail, name))
    return out


def check(db: Database, campaign: Campaign, sources: Sequence[SourceConfig], build: BuildSource,
          now: float) -> CheckReport:
    """Look every eligible, approved or once-deleted entry up again and record what was found (refused once the
    campaign is frozen: its list is fixed)."""
    if rows.draw_row(db, campaign.name) is not None:
        raise CampaignError(f"campaign {campaign.name} is frozen: its entry list is fixed, so a check can no longer "
                            "change it")
    entries = rows.entries_to_check(db, campaign.name, DELETED)
    plan, results = route(entries, sources)
    results += look_up(plan, sources, build)
    order = {(e["platform"], e["id"]): n for n, (e, _) in enumerate(entries)}
    results.sort(key=lambda r: order.get((r.platform, r.id), len(order)))
    return record(db, campaign, results, now)


def record(db: Database, campaign: Campaign, results: Sequence[EntryCheck], now: float) -> CheckReport:
    """In one write: mark the entries found gone `deleted` (and clear it from those found back), recompute their
    person's entries, and log campaign_entry_deleted / _restored per entry and campaign_checked for the run."""
    found_at = datetime.fromtimestamp(now, timezone.utc).isoformat()
    deleted = restored = 0
    with write(db):
        if rows.draw_row(db, campaign.name) is not None:
            raise CampaignError(f"campaign {campaign.name} was frozen while it was being checked; nothing recorded")
        ledger = Ledger(db)
        log = lambda kind, post, data: ledger.append(ts=now, actor="kuulo", kind=kind, platform=post.platform,
                                                     mention_id=post.id, data=data)
        decided = [r for r in results if r.state in ("present", "gone")]
        stored = rows.entries_by_id(db, campaign.name, [(r.platform, r.id) for r in decided])
        touched: list[dict[str, Any]] = []
        for result in decided:
            entry = stored.get((result.platform, result.id))
            if entry is None or entry["frozen_pos"] is not None:
                continue
            own = as_reasons(entry["own_reasons"])
            was_deleted = any(code == DELETED for code, _ in own)
            if result.state == "gone" and not was_deleted:
                own.append((DELETED, f"gone from the platform (found {shown(now, campaign.tz)}): {result.detail}"))
                kind, deleted = "campaign_entry_deleted", deleted + 1
            elif result.state == "present" and was_deleted:
                own = [r for r in own if r[0] != DELETED]
                kind, restored = "campaign_entry_restored", restored + 1
            else:
                continue
            rows.set_own_reasons(db, campaign.name, result.platform, result.id, own)
            log(kind, Post(result.platform, result.id, "", 0.0),
                {"campaign": campaign.name, "found_at": found_at, "how": result.detail, "source": result.source})
            touched.append(entry)
        for group in _groups(db, campaign, touched):
            rejudge(db, campaign, group, log)
        counts = {state: sum(1 for r in results if r.state == state) for state in STATES}
        ledger.append(ts=now, actor="kuulo", kind="campaign_checked",
                      data={"campaign": campaign.name, "looked_up": len(results), **counts,
                            "newly_deleted": deleted, "restored": restored})
    return CheckReport(tuple(results), deleted, restored)


def _groups(db: Database, campaign: Campaign, entries: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The entry sets to recompute: each touched person's entries (read again, with the new reasons), and each
    touched entry whose author is unknown alone."""
    persons = sorted({e["person"] for e in entries if e["person"]})
    alone = [(e["platform"], e["id"]) for e in entries if not e["person"]]
    groups = [rows.person_entries(db, campaign.name, p) for p in persons]
    if alone:
        groups += [[e] for e in rows.entries_by_id(db, campaign.name, alone).values()]
    return groups
