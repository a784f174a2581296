"""Moderating contest entries from Slack over signed HTTP: the digest with thumbnails, Approve, Reject with a reason,
Approve all eligible, agents only; every decision in the ledger and the digest redrawn."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from slack_sdk import WebClient

from kuulo.bot.app import build_services, default_config
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.models import Mention
from kuulo.handlers.slack import campaigns as slack_campaigns
from kuulo.handlers.slack.app import build_app, build_desk
from kuulo.handlers.slack.campaign_blocks import (APPROVE, APPROVE_ALL, REASON_BLOCK, REASON_INPUT, REJECT,
                                                  REJECT_CALLBACK, entry_ref)
from kuulo.storage import campaigns as rows
from tests.fakes.bolt_http import serve_bolt
from tests.fakes.slack_signing import block_actions_body, view_submission_body
from tests.slack_support import AINO, ALERTS, OLLI, SECRET, ephemerals, signed_post, slack_section

START = datetime(2026, 11, 1, tzinfo=timezone.utc)
KESA = Campaign(name="joulu", start=START, end=START + timedelta(days=40), timezone="Europe/Helsinki",
                hashtags=("joulukuva",))


def desk_for(fake, tmp_path, clock):
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), slack=slack_section(fake.base_url), campaigns=(KESA,))
    services = build_services(cfg, clock=clock)
    client = WebClient(token=fake.bot_token, base_url=fake.base_url, retry_handlers=[], timeout=2)
    desk = build_desk(cfg, services, client)
    app = build_app(cfg, services, client=client, signing_secret=SECRET, desk=desk, process_before_response=True)
    services.pipeline.ingest([
        Mention(platform="instagram", id=f"m{n}", author=author, text="<!channel> kuusi #joulukuva",
                hashtags=("#joulukuva",), created_at=START + timedelta(days=n, hours=9), like_count=n,
                media_url=f"https://cdn.example/m{n}.jpg", url=f"https://www.instagram.com/p/C{n}/")
        for n, author in enumerate(["liisa", "matti", "kaisa", "pekka"], 1)])
    return services, client, desk, app


def press(url, action_id, value, user, channel, ts):
    return signed_post(url, block_actions_body(action_id, value, user, channel, ts, block_id="kuulo_campaign"))


def statuses(services):
    return {e["id"]: (e["status"], e["decided_by"]) for e in rows.list_entries(services.db, "joulu")}


def test_the_digest_moderates_entries_for_agents_only(fake, tmp_path, clock):
    services, client, desk, app = desk_for(fake, tmp_path, clock)
    channel, ts = slack_campaigns.post_digest(desk, client, KESA).split(":")
    [posted] = fake.calls_to("chat.postMessage")
    blocks = posted.params["blocks"]
    thumbs = [b["accessory"]["image_url"] for b in blocks if b.get("accessory", {}).get("type") == "image"]
    assert channel == ALERTS and thumbs == [f"https://cdn.example/m{n}.jpg" for n in (1, 2, 3, 4)]
    text = json.dumps(blocks)
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text
    [chart] = fake.calls_to("files.completeUploadExternal")  # entries per day, as a chart in the digest's thread
    assert chart.params["thread_ts"] == ts
    assert fake.file(chart.params["files"][0]["id"]).content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Most liked eligible" in text and "*Entries per day*" in text
    with serve_bolt(app) as url:
        assert press(url, APPROVE, entry_ref("joulu", "instagram", "m1"), OLLI, channel, ts)[0] == 200
        assert statuses(services)["m1"] == ("eligible", None)
        assert any("not allowed" in t for t in ephemerals(fake, OLLI))
        assert press(url, APPROVE, entry_ref("joulu", "instagram", "m1"), AINO, channel, ts)[0] == 200
        assert press(url, REJECT, entry_ref("joulu", "instagram", "m2"), AINO, channel, ts)[0] == 200
        [modal] = fake.calls_to("views.open")
        metadata = modal.params["view"]["private_metadata"]
        empty = view_submission_body(REJECT_CALLBACK, metadata, {REASON_BLOCK: {REASON_INPUT: {
            "type": "plain_text_input", "value": " "}}}, AINO)
        assert b"Say why" in signed_post(url, empty)[1]
        reason = view_submission_body(REJECT_CALLBACK, metadata, {REASON_BLOCK: {REASON_INPUT: {
            "type": "plain_text_input", "value": "kuva ei ole oma"}}}, AINO)
        assert signed_post(url, reason)[0] == 200
        redrawn = fake.calls_to("chat.update")[-1].params["blocks"]  # the digest as it is now: two waiting
        [everything] = [e["value"] for b in redrawn if b["type"] == "actions" for e in b["elements"]
                        if e["action_id"] == APPROVE_ALL]
        [stale] = [e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]
                   if e["action_id"] == APPROVE_ALL]
        assert press(url, APPROVE_ALL, stale, AINO, channel, ts)[0] == 200  # four were shown, two wait now
        assert statuses(services)["m3"] == ("eligible", None)
        assert any("are not the 4 this digest showed" in t for t in ephemerals(fake, AINO))
        assert press(url, APPROVE_ALL, "joulu", AINO, channel, ts)[0] == 200  # an older digest's button
        assert statuses(services)["m3"] == ("eligible", None)
        assert any("older Kuulo" in t for t in ephemerals(fake, AINO))
        assert press(url, APPROVE, "<!here>|<https://evil.example|x>", AINO, channel, ts)[0] == 200
        [refusal] = [t for t in ephemerals(fake, AINO) if "no campaign" in t]  # a button's value quoted back
        assert "&lt;!here&gt;" in refusal and "<!here>" not in refusal and "<https" not in refusal
        assert press(url, APPROVE_ALL, everything, AINO, channel, ts)[0] == 200
    assert statuses(services) == {"m1": ("approved", "aino (U0AINO001)"), "m2": ("rejected", "aino (U0AINO001)"),
                                  "m3": ("approved", "aino (U0AINO001)"), "m4": ("approved", "aino (U0AINO001)")}
    events = services.db.execute("SELECT actor, mention_id, data FROM events WHERE kind = 'campaign_moderated'"
                                 " ORDER BY seq").fetchall()
    assert [(m, json.loads(d)["decision"]) for _, m, d in events] == [
        ("m1", "approved"), ("m2", "rejected"), ("m3", "approved"), ("m4", "approved")]
    assert json.loads(events[1][2])["reason"] == "kuva ei ole oma"
    updated = fake.message(channel, ts)
    assert "waiting" in updated["text"] and not any(b.get("type") == "actions" for b in updated["blocks"])
    assert len(fake.calls_to("chat.update")) == 3  # approve, the reject modal, approve all


def test_kuulo_run_posts_a_running_campaigns_digest_once_a_day_after_its_hour(fake, tmp_path, clock):
    from kuulo.handlers.slack.campaigns import daily_digests

    services, client, desk, _ = desk_for(fake, tmp_path, clock)
    clock.set(datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc))  # 08:00 in Helsinki: before 09:00
    assert daily_digests(desk, client) == []
    clock.advance(hours=2)
    assert daily_digests(desk, client) == ["joulu"]
    assert daily_digests(desk, client) == []  # once a day
    clock.advance(days=1)
    assert daily_digests(desk, client) == ["joulu"]
    clock.set(KESA.end + timedelta(days=2))  # closed: no digest
    assert daily_digests(desk, client) == []
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_a_refused_chart_does_not_post_the_digest_again(fake, tmp_path, clock):
    from kuulo.handlers.slack.campaigns import daily_digests

    _, client, desk, _ = desk_for(fake, tmp_path, clock)
    clock.set(datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc))
    fake.fail_next("files.completeUploadExternal", kind="5xx")
    assert daily_digests(desk, client) == ["joulu"]
    clock.advance(minutes=1)
    assert daily_digests(desk, client) == []
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_a_thumbnails_alt_text_keeps_no_control_bidi_or_zero_width_character(fake, tmp_path, clock):
    services, client, desk, _ = desk_for(fake, tmp_path, clock)
    services.pipeline.ingest([Mention(platform="instagram", id="m9", author="\u202eattam\u202c\x1b]0;x\x07\u200b" + "a" * 300,
                                      text="#joulukuva", hashtags=("#joulukuva",), created_at=START + timedelta(days=5),
                                      media_url="https://cdn.example/m9.jpg")])
    slack_campaigns.post_digest(desk, client, KESA)
    [posted] = fake.calls_to("chat.postMessage")
    alts = [b["accessory"]["alt_text"] for b in posted.params["blocks"] if b.get("accessory", {}).get("type") == "image"]
    assert alts[:4] == ["photo by liisa", "photo by matti", "photo by kaisa", "photo by pekka"]
    assert alts[4] == "photo by attam]0;x" + "a" * 90 + "…"  # as the desk's other plain texts: shown, cut
