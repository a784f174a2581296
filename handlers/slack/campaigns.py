"""Moderating contest entries from Slack: the digest's Approve, Reject (with a reason) and Approve all eligible,
for agents only; each decision is a ledger event (bot/campaigns_moderation) and the digest message is redrawn."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.chart import entries_chart_png
from kuulo.bot.campaigns_moderation import approve, find_campaign, reject
from kuulo.bot.errors import KuuloError
from kuulo.handlers.slack.auth import agents_only
from kuulo.handlers.slack.campaign_blocks import (APPROVE, APPROVE_ALL, REASON_BLOCK, REASON_INPUT, REJECT,
                                                  REJECT_CALLBACK, digest, per_day, ref_key, reject_modal, shown_of)
from kuulo.handlers.desk.campaign_digest import digest_day, digest_entries
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.payload import action_value, form_text, user_of
from kuulo.handlers.slack.render import escape
from kuulo.storage import campaigns as rows
from kuulo.storage.cursors import get_cursor, set_cursor

log = logging.getLogger(__name__)


def post_digest(desk: Desk, client: WebClient, campaign: Campaign, channel: str | None = None,
                new_since: float | None = None) -> str:
    """Post a campaign's digest (to `channel`, else the desk's default channel); returns 'CHANNEL:TS'."""
    entries = desk.read(digest_entries, campaign)
    text, blocks = digest(campaign, entries, new_since=new_since)
    answer = client.chat_postMessage(channel=channel or desk.slack.channel, text=text, blocks=blocks,
                                     unfurl_links=False, unfurl_media=False)
    days = per_day(entries, campaign)
    if days:  # the entries per day as a chart, in the digest's thread; a refused upload does not repost the digest
        try:
            client.files_upload_v2(channel=answer["channel"], thread_ts=answer["ts"],
                                   filename=f"kuulo-{campaign.name}-entries.png",
                                   content=entries_chart_png(days, f"{campaign.name}: entries per day"))
        except SlackApiError as exc:
            log.warning("campaign %s: the digest's chart was not uploaded: %s", campaign.name,
                        exc.response.get("error"))
    return f"{answer['channel']}:{answer['ts']}"


def redraw(desk: Desk, client: WebClient, campaign: Campaign, channel: str, ts: str) -> None:
    """Update a digest message to the entries as they stand now."""
    text, blocks = digest(campaign, desk.read(digest_entries, campaign))
    client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)


def _where(body: dict[str, Any]) -> tuple[str, str]:
    container = body.get("container") or {}
    return container.get("channel_id") or (body.get("channel") or {}).get("id"), container.get("message_ts")


def _tell(body: dict[str, Any], client: WebClient, channel: str | None, text: str) -> None:
    user = user_of(body)
    if channel and user:  # an error's plain text: a campaign's or an entry's name is not mrkdwn
        client.chat_postEphemeral(channel=channel, user=user, text=escape(text))


def daily_digests(desk: Desk, client: WebClient) -> list[str]:
    """The digest of every campaign running now, once per local day after its hour; returns the names posted."""
    services = desk.services
    now = services.clock.now()
    today = digest_day(now, services.config.tz, desk.slack.daily.time if desk.slack.daily else None)
    if today is None:
        return []
    posted = []
    for campaign in services.config.campaigns:
        key = f"campaign_digest:{campaign.name}"
        if campaign.status_at(now) != "running" or (desk.read(get_cursor, key) or "") >= today:
            continue
        post_digest(desk, client, campaign, new_since=(now - timedelta(days=1)).timestamp())
        desk.change(set_cursor, key, today, now.timestamp())
        posted.append(campaign.name)
    return posted


def _shown_or_refuse(value: str) -> tuple[int, int]:
    """What an "Approve all eligible" button's digest showed; a KuuloError for an older digest's button."""
    shown = shown_of(value)
    if shown is None:
        raise KuuloError("this digest is from an older Kuulo: approve from the next digest, or one by one")
    return shown


def register(app: App, desk: Desk) -> None:
    """The digest's three buttons and the reject modal; only agents (slack.agents) may moderate."""
    only_agents = [agents_only(desk.gate)]
    campaigns = desk.services.config.campaigns

    def actor(body: dict[str, Any]) -> str:
        user = body["user"]
        return desk.directory.actor(user["id"], user.get("name") or user.get("username"))

    def decide(body: dict[str, Any], client: WebClient, work: Callable[[Campaign, str], Any]) -> None:
        channel, ts = _where(body)
        value = action_value(body) or ""
        try:
            campaign = find_campaign(campaigns, value.partition("|")[0])
            work(campaign, value)
        except KuuloError as exc:
            _tell(body, client, channel, str(exc))
            return
        if channel and ts:
            redraw(desk, client, campaign, channel, ts)

    def entry(campaign: Campaign, ref: str) -> dict[str, Any]:
        found = desk.read(rows.entry_by_key, campaign.name, ref_key(ref))
        if found is None:
            raise KuuloError(f"that entry is no longer in campaign {campaign.name}")
        return found

    @app.action(APPROVE, middleware=only_agents)
    def approve_one(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()

        def work(campaign: Campaign, ref: str) -> None:
            found = entry(campaign, ref)
            desk.change(approve, campaign, [f"{found['platform']}:{found['id']}"], by=actor(body), now=desk.now_ts())

        decide(body, client, work)

    @app.action(APPROVE_ALL, middleware=only_agents)
    def approve_all(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        decide(body, client, lambda c, value: desk.change(approve, c, None, by=actor(body), now=desk.now_ts(),
                                                       shown=_shown_or_refuse(value)))

    @app.action(REJECT, middleware=only_agents)
    def ask_reason(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        channel, ts = _where(body)
        ref = action_value(body) or ""
        try:
            found = entry(find_campaign(campaigns, ref.partition("|")[0]), ref)
        except KuuloError as exc:
            _tell(body, client, channel, str(exc))
            return
        client.views_open(trigger_id=body["trigger_id"], view=reject_modal(ref, channel, ts, found["author"]))

    @app.view(REJECT_CALLBACK, middleware=only_agents)
    def submit_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        ref, channel, ts = (view.get("private_metadata") or "\n\n").split("\n")[:3]
        reason = form_text(view, REASON_BLOCK, REASON_INPUT)
        if not reason.strip():
            ack(response_action="errors", errors={REASON_BLOCK: "Say why the entry is rejected."})
            return
        ack()
        try:
            campaign = find_campaign(campaigns, ref.partition("|")[0])
            found = entry(campaign, ref)
            desk.change(reject, campaign, [f"{found['platform']}:{found['id']}"], reason=reason, by=actor(body),
                      now=desk.now_ts())
        except KuuloError as exc:
            _tell(body, client, channel, str(exc))
            return
        if channel and ts:
            redraw(desk, client, campaign, channel, ts)
