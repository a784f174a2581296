"""The campaign digest message: totals, entries per day, the most liked, and each entry waiting for moderation with
its thumbnail and Approve / Reject buttons; the buttons carry only Kuulo's own references."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime
from typing import Any, Sequence

from kuulo.bot.campaigns_calendar import STATUSES
from kuulo.bot.campaigns_config import Campaign
from kuulo.handlers.slack.kit import Block, button, context, header, message_text, section
from kuulo.handlers.slack.render import link, quote, short

APPROVE, REJECT, APPROVE_ALL = "kuulo.campaign.approve", "kuulo.campaign.reject", "kuulo.campaign.approve_all"
REJECT_CALLBACK, REASON_BLOCK, REASON_INPUT = "kuulo.campaign.reject_reason", "kuulo_reason", "reason"
WAITING_SHOWN = 10  # entries with buttons per digest (3 blocks each; a message holds 50)
TOP_LIKED = 3
DAYS_SHOWN = 14
ENTRY_TEXT = 500
IMAGE_URL = 3_000  # Block Kit's limit for image_url
BAR = "▇"


def entry_ref(campaign: str, platform: str, entry_id: str) -> str:
    """A button value for an entry: the campaign and a hash of the platform and id (never the stranger's id itself)."""
    digest = hashlib.sha256(f"{platform}\x00{entry_id}".encode("utf-8")).hexdigest()[:24]
    return f"{campaign}|{digest}"


def find_ref(entries: Sequence[dict[str, Any]], ref: str) -> dict[str, Any] | None:
    """The entry a button value names."""
    campaign, _, _ = ref.partition("|")
    return next((e for e in entries if entry_ref(campaign, e["platform"], e["id"]) == ref), None)


def _thumbnail(url: str | None, author: str | None) -> dict[str, Any] | None:
    if not url or not url.startswith(("https://", "http://")) or len(url) > IMAGE_URL or any(c.isspace() for c in url):
        return None
    return {"type": "image", "image_url": url, "alt_text": f"photo by {(author or 'unknown')[:100]}"}


def per_day(entries: Sequence[dict[str, Any]], campaign: Campaign) -> list[tuple[str, int]]:
    """Entries per day of posting (the campaign's zone), the last DAYS_SHOWN days that had any."""
    days = Counter(datetime.fromtimestamp(e["created_ts"], campaign.tz).strftime("%Y-%m-%d") for e in entries)
    return sorted(days.items())[-DAYS_SHOWN:]


def digest(campaign: Campaign, entries: Sequence[dict[str, Any]], *, new_since: float | None = None
           ) -> tuple[str, list[Block]]:
    """The notification text and blocks of a campaign's digest, as the entries stand now."""
    counts = Counter(e["status"] for e in entries)
    waiting = [e for e in entries if e["status"] == "eligible"]
    fresh = sum(1 for e in entries if new_since is not None and e["seen_ts"] >= new_since)
    totals = " · ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES)
    blocks: list[Block] = [header(f"Contest {campaign.name}"),
                           section(f"*{len(entries)} entries* ({totals})"
                                   + (f"\n{fresh} new since the last digest" if new_since is not None else ""))]
    days = per_day(entries, campaign)
    if days:
        top = max(n for _, n in days)
        chart = "\n".join(f"`{day[5:]}` {BAR * max(1, round(12 * n / top))} {n}" for day, n in days)
        blocks.append(section(f"*Entries per day*\n{chart}"))
    liked = sorted((e for e in entries if e["status"] in ("eligible", "approved") and e["like_count"]),
                   key=lambda e: (-e["like_count"], e["created_ts"]))[:TOP_LIKED]
    if liked:
        blocks.append(section("*Most liked eligible*\n" + "\n".join(
            f"{e['like_count']} ♥ {link(e['url'], e['author'] or e['id'])}" for e in liked)))
    for e in waiting[:WAITING_SHOWN]:
        ref = entry_ref(campaign.name, e["platform"], e["id"])
        author = short(e["author"], 80)
        text = f"*{author}* on {short(e['platform'], 40)}\n{quote(e['text'] or '', ENTRY_TEXT)}"
        blocks.append(section(text, accessory=_thumbnail(e["media_url"], e["author"])))
        notes = [link(e["url"], "open the post")] + ([short(e["note"], 300)] if e["note"] else [])
        blocks.append(context(*notes))
        blocks.append({"type": "actions", "elements": [button("Approve", APPROVE, ref, "primary"),
                                                       button("Reject…", REJECT, ref, "danger")]})
    if len(waiting) > WAITING_SHOWN:
        blocks.append(context(f"{len(waiting) - WAITING_SHOWN} more waiting: kuulo campaign entries "
                              f"{campaign.name} --status eligible"))
    if waiting:
        blocks.append({"type": "actions", "block_id": "kuulo_campaign_all", "elements": [
            button(f"Approve all eligible ({len(waiting)})", APPROVE_ALL, campaign.name)]})
    return message_text(f"Contest {campaign.name}: {len(entries)} entries, {len(waiting)} waiting"), blocks


def reject_modal(ref: str, channel: str, ts: str, author: str | None) -> dict[str, Any]:
    """The modal asking why an entry is rejected; the digest message rides along to be redrawn."""
    return {"type": "modal", "callback_id": REJECT_CALLBACK, "private_metadata": f"{ref}\n{channel}\n{ts}",
            "title": {"type": "plain_text", "text": "Reject entry"},
            "submit": {"type": "plain_text", "text": "Reject"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "blocks": [section(f"Reject the entry by *{short(author, 80)}*?"),
                       {"type": "input", "block_id": REASON_BLOCK, "label": {"type": "plain_text", "text": "Reason"},
                        "element": {"type": "plain_text_input", "action_id": REASON_INPUT, "max_length": 500}}]}
