"""The campaign digest message: totals, entries per day, the most liked, and each entry waiting for moderation with
its thumbnail and Approve / Reject buttons; the buttons carry only Kuulo's own references."""

from __future__ import annotations

import re
from typing import Any, Sequence

from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_moderation import SHOWN_KEY_HEX
from kuulo.handlers.desk.campaign_digest import WAITING_SHOWN, bar, digest_facts, entry_ref, per_day, ref_key
from kuulo.handlers.slack.kit import Block, button, context, header, message_text, section
from kuulo.handlers.slack.render import link, plain, quote, short

# entry_ref, ref_key and per_day are the shared ones (handlers/desk/campaign_digest), importable from here too
__all__ = ["digest", "entry_ref", "per_day", "ref_key", "reject_modal"]

APPROVE, REJECT, APPROVE_ALL = "kuulo.campaign.approve", "kuulo.campaign.reject", "kuulo.campaign.approve_all"
REJECT_CALLBACK, REASON_BLOCK, REASON_INPUT = "kuulo.campaign.reject_reason", "kuulo_reason", "reason"
ENTRY_TEXT = 500
SHOWN_KEY = re.compile(f"[0-9a-f]{{{SHOWN_KEY_HEX}}}")
IMAGE_URL = 3_000  # Block Kit's limit for image_url
ALT_NAME = 100  # characters of an entrant's name in a thumbnail's alt_text (Block Kit allows 2,000 in all)


def _thumbnail(url: str | None, author: str | None) -> dict[str, Any] | None:
    if not url or not url.startswith(("https://", "http://")) or len(url) > IMAGE_URL or any(c.isspace() for c in url):
        return None
    return {"type": "image", "image_url": url, "alt_text": f"photo by {plain(author or 'unknown', ALT_NAME)}"}


def digest(campaign: Campaign, entries: Sequence[dict[str, Any]], *, new_since: float | None = None
           ) -> tuple[str, list[Block]]:
    """The notification text and blocks of a campaign's digest, as the entries stand now (WAITING_SHOWN entries
    with buttons, 3 blocks each: a message holds 50)."""
    facts = digest_facts(campaign, entries, new_since)
    waiting = facts.waiting
    blocks: list[Block] = [header(f"Contest {campaign.name}"),
                           section(f"*{facts.total} entries* ({facts.totals})"
                                   + (f"\n{facts.fresh} new since the last digest" if facts.fresh is not None
                                      else ""))]
    if facts.days:
        top = max(n for _, n in facts.days)
        chart = "\n".join(f"`{day[5:]}` {bar(n, top)} {n}" for day, n in facts.days)
        blocks.append(section(f"*Entries per day*\n{chart}"))
    if facts.liked:
        blocks.append(section("*Most liked eligible*\n" + "\n".join(
            f"{e['like_count']} ♥ {link(e['url'], e['author'] or e['id'])}" for e in facts.liked)))
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
            button(f"Approve all eligible ({len(waiting)})", APPROVE_ALL, all_value(campaign.name, facts.shown))]})
    return message_text(f"Contest {campaign.name}: {len(entries)} entries, {len(waiting)} waiting"), blocks


def all_value(campaign: str, shown: tuple[int, int, str]) -> str:
    """The value of "Approve all eligible (N)": the campaign, and what the digest showed (seen before, N, which)."""
    return "|".join((campaign, *map(str, shown)))


def shown_of(value: str) -> tuple[int, int, str] | None:
    """What an "Approve all eligible" value says the digest showed; None for a value of another shape (an older
    digest's button: it approved whatever was eligible when pressed)."""
    parts = value.split("|")
    if len(parts) != 4 or not all(p.isascii() and p.isdigit() and len(p) <= 15 for p in parts[1:3]) \
            or not SHOWN_KEY.fullmatch(parts[3]):
        return None
    return int(parts[1]), int(parts[2]), parts[3]


def reject_modal(ref: str, channel: str, ts: str, author: str | None) -> dict[str, Any]:
    """The modal asking why an entry is rejected; the digest message rides along to be redrawn."""
    return {"type": "modal", "callback_id": REJECT_CALLBACK, "private_metadata": f"{ref}\n{channel}\n{ts}",
            "title": {"type": "plain_text", "text": "Reject entry"},
            "submit": {"type": "plain_text", "text": "Reject"},
            "close": {"type": "plain_text", "text": "Cancel"},
            "blocks": [section(f"Reject the entry by *{short(author, 80)}*?"),
                       {"type": "input", "block_id": REASON_BLOCK, "label": {"type": "plain_text", "text": "Reason"},
                        "element": {"type": "plain_text_input", "action_id": REASON_INPUT, "max_length": 500}}]}
