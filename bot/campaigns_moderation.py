"""Finding campaigns and entries by name, and moderating entries: every decision a ledger event with who and when."""

from __future__ import annotations

import hashlib
from typing import Any, Sequence

from kuulo.bot.campaigns import entry_log, rejudge
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_rules import as_reasons, status_of
from kuulo.bot.errors import CampaignError
from kuulo.bot.limits import MAX_FIELD_CHARS
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database, write
from kuulo.storage.ledger import Ledger


def find_campaign(campaigns: Sequence[Campaign], name: str) -> Campaign:
    """The configured campaign called name (case-insensitive), or a CampaignError listing the known ones."""
    for campaign in campaigns:
        if campaign.name.lower() == name.strip().lower():
            return campaign
    known = ", ".join(c.name for c in campaigns) or "none (add campaigns: to the config)"
    raise CampaignError(f"no campaign {name[:80]!r} in the config; campaigns: {known}")


def find_entries(db: Database, campaign: Campaign, refs: Sequence[str]) -> list[dict[str, Any]]:
    """Entries named as ID or PLATFORM:ID, each found by index; an unknown or ambiguous one is a CampaignError
    naming it."""
    found = []
    for ref in refs:
        text = ref.strip()
        platform, _, entry_id = text.partition(":")
        if entry_id:
            by_key = rows.entries_by_id(db, campaign.name, [(platform, entry_id)])
            if by_key:
                found.extend(by_key.values())
                continue
        same = rows.entries_with_id(db, campaign.name, text)
        if len(same) > 1:
            raise CampaignError(f"entry {text[:80]!r} is on several platforms in {campaign.name}: write "
                                + " or ".join(f"{e['platform']}:{e['id']}" for e in same))
        if not same:
            raise CampaignError(f"no entry {text[:80]!r} in campaign {campaign.name} (see kuulo campaign entries "
                                f"{campaign.name})")
        found.append(same[0])
    return list({(e["platform"], e["id"]): e for e in found}.values())


def _by(by: str) -> str:
    name = " ".join(by.split())
    if not name or len(name) > MAX_FIELD_CHARS:
        raise CampaignError("--by: give the moderator's name")
    return name


def _not_frozen(db: Database, campaign: Campaign) -> None:
    if rows.draw_row(db, campaign.name) is not None:
        raise CampaignError(f"campaign {campaign.name} is frozen: its entry list is fixed and can no longer be "
                            "moderated")


SHOWN_KEY_HEX = 12  # hex digits of shown_key


def shown_key(entries: Sequence[dict[str, Any]]) -> str:
    """Which entries a digest showed waiting, in a few characters (a Telegram button holds 64 bytes)."""
    keys = sorted(f"{e['platform']}:{e['id']}" for e in entries)
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:SHOWN_KEY_HEX]


def approve(db: Database, campaign: Campaign, refs: Sequence[str] | None, *, by: str, now: float,
            shown: tuple[float, int, str] | None = None) -> int:
    """Approve the named entries (None: every eligible one; `shown`: exactly those a digest showed waiting, the
    eligible entries seen before its time, refused whole when they are not the ones it showed); an ineligible one is
    refused with its reasons."""
    moderator = _by(by)
    with write(db):
        _not_frozen(db, campaign)
        entries = rows.list_entries(db, campaign.name, "eligible") if refs is None else find_entries(db, campaign, refs)
        if refs is None and shown is not None:
            before, count, which = shown
            entries = [e for e in entries if e["seen_ts"] < before]  # what came after the digest is not in it
            if shown_key(entries) != which:
                raise CampaignError(f"the entries of {campaign.name} waiting now ({len(entries)}) are not the "
                                    f"{count} this digest showed: nothing was approved; see the digest as it is now")
        for entry in entries:
            if entry["reasons"]:
                why = "; ".join(text for _, text in as_reasons(entry["reasons"]))
                raise CampaignError(f"entry {entry['platform']}:{entry['id']} is not eligible ({why}); nothing was "
                                    "approved")
        _decide(db, campaign, entries, "approved", moderator, now, None)
    return len(entries)


def reject(db: Database, campaign: Campaign, refs: Sequence[str], *, reason: str, by: str, now: float) -> int:
    """Reject the named entries with a reason."""
    moderator, why = _by(by), " ".join(reason.split())
    if not why:
        raise CampaignError("--reason: say why the entries are rejected")
    with write(db):
        _not_frozen(db, campaign)
        entries = find_entries(db, campaign, refs)
        _decide(db, campaign, entries, "rejected", moderator, now, why[:MAX_FIELD_CHARS])
    return len(entries)


def _decide(db: Database, campaign: Campaign, entries: list[dict[str, Any]], decision: str, by: str, now: float,
            reason: str | None) -> None:
    if not entries:
        return
    ledger = Ledger(db)
    for entry in entries:
        status = status_of(as_reasons(entry["reasons"]), decision, "required")
        rows.set_decision(db, campaign.name, entry["platform"], entry["id"], decision=decision, by=by, ts=now,
                          reason=reason, status=status)
        ledger.append(ts=now, actor=by, kind="campaign_moderated", platform=entry["platform"],
                      mention_id=entry["id"], data={"campaign": campaign.name, "decision": decision,
                                                    "was": entry["status"], "status": status,
                                                    **({"reason": reason} if reason else {})})
    # a person's rejected earliest entry no longer stays: their next one counts (and stops counting if undone)
    for person in sorted({e["person"] for e in entries if e["person"]}):
        rejudge(db, campaign, rows.person_entries(db, campaign.name, person), entry_log(ledger, now))
