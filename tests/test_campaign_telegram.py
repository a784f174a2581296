"""Moderating contest entries from Telegram against the fake Bot API: the daily digest (escaped, within 4,096, once
a day after its hour), Approve, Reject with the reason asked by ForceReply, Approve all eligible, for the desk's
agents only; every decision in the ledger with the Telegram user, and the digest message edited."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.config_chat import TelegramConfig
from kuulo.bot.models import Mention
from kuulo.handlers.desk.campaign_digest import entry_key
from kuulo.handlers.telegram import campaigns as tg_campaigns
from kuulo.handlers.telegram.app import TelegramDesk
from kuulo.handlers.telegram.callbacks import campaign_data
from kuulo.handlers.telegram.render import MESSAGE_TEXT, units
from kuulo.storage import campaigns as rows
from kuulo.storage.cursors import get_cursor
from tests.fakes.telegram import FakeTelegram, tg_user
from tests.processes import KUULO, wait_for

ALERTS = -1001000000001
AINO, MALLORY = tg_user(111111111, "Aino", "aino"), tg_user(666666666, "Mallory", "mallory")
START = datetime(2026, 11, 1, tzinfo=timezone.utc)
JOULU = Campaign(name="joulu", start=START, end=START + timedelta(days=40), timezone="Europe/Helsinki",
                 hashtags=("joulukuva",))
AUTHORS = ["<b>liisa</b>", 'matti <a href="https://evil.example">x</a>', "kaisa & co", "pekka"]


def make_desk(fake: FakeTelegram, tmp_path, clock) -> TelegramDesk:
    telegram = TelegramConfig(chat=ALERTS, api_url=fake.url, allowed_chats=(ALERTS,), agents=(AINO["id"],))
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), telegram=telegram, campaigns=(JOULU,))
    services = build_services(cfg, clock=clock)
    services.pipeline.ingest([
        Mention(platform="instagram", id=f"m{n}", author=author, text="<tg-spoiler>kuusi</tg-spoiler> #joulukuva",
                hashtags=("#joulukuva",), created_at=START + timedelta(days=n, hours=9), like_count=n,
                media_url=f"https://cdn.example/m{n}.jpg", url=f"https://www.instagram.com/p/C{n}/")
        for n, author in enumerate(AUTHORS, 1)])
    return TelegramDesk(cfg, services, token=fake.token, poll_timeout=1)


@pytest.fixture
def desk(fake_telegram: FakeTelegram, tmp_path, clock) -> Iterator[TelegramDesk]:
    bot = make_desk(fake_telegram, tmp_path, clock)
    bot.start()
    yield bot
    bot.stop()


def statuses(desk: TelegramDesk) -> dict[str, tuple[str, str | None]]:
    return {e["id"]: (e["status"], e["decided_by"]) for e in rows.list_entries(desk.services.db, "joulu")}


def buttons(message: dict[str, Any]) -> dict[str, str]:
    return {b["text"]: b["callback_data"] for row in (message["reply_markup"] or {}).get("inline_keyboard", [])
            for b in row}


def answered(fake: FakeTelegram, query: dict[str, Any]) -> dict[str, Any]:
    query_id = query["callback_query"]["id"]
    assert fake.wait_for(lambda: fake.callback_answer(query_id) is not None)
    return fake.callback_answer(query_id)


def test_the_daily_digest_is_posted_once_a_day_after_its_hour_escaped(desk: TelegramDesk, fake_telegram,
                                                                      clock) -> None:
    clock.set(datetime(2026, 11, 20, 6, 0, tzinfo=timezone.utc))  # 08:00 in Helsinki: before 09:00
    assert desk.campaign_digests() == []
    clock.advance(hours=2)
    assert desk.campaign_digests() == ["joulu"]
    assert desk.campaign_digests() == []  # once a day
    [digest, chart] = fake_telegram.messages(ALERTS)
    for author in AUTHORS:
        assert author in digest["plain"]  # shown as typed, never as markup
    assert "<tg-spoiler>kuusi</tg-spoiler>" in digest["plain"]
    assert not any(e["type"] == "spoiler" for e in digest["entities"])
    assert not any(e.get("url") == "https://evil.example" for e in digest["entities"])
    assert [e["url"] for e in digest["entities"] if e.get("url", "").startswith("https://cdn")] == [
        f"https://cdn.example/m{n}.jpg" for n in (1, 2, 3, 4)]  # photos as links
    assert "4 entries (eligible 4 · ineligible 0 · approved 0 · rejected 0)" in digest["plain"]
    assert "Entries per day" in digest["plain"] and "Most liked eligible" in digest["plain"]
    data = list(buttons(digest).values())
    assert len(data) == 9 and all(len(d.encode()) <= 64 and d.startswith("camp:") for d in data)
    assert not any(f"m{n}" in d for d in data for n in range(1, 5))  # no entry id rides in a button
    assert chart["photo"][:8] == b"\x89PNG\r\n\x1a\n" and chart["reply_to"] == digest["message_id"]
    assert get_cursor(desk.services.db, "telegram_campaign_digest:joulu") == "2026-11-20"
    assert get_cursor(desk.services.db, "campaign_digest:joulu") is None  # Slack's own day stays its own

    restarted = TelegramDesk(desk.cfg, build_services(desk.cfg, clock=clock), token=fake_telegram.token)  # a restart
    try:
        assert restarted.campaign_digests() == []
    finally:
        restarted.stop()
    clock.advance(days=1)
    fake_telegram.fail_next("sendPhoto", kind="not_enough_rights")  # the chart is lost: the digest is not sent again
    assert desk.campaign_digests() == ["joulu"]
    assert desk.campaign_digests() == []
    clock.set(JOULU.end + timedelta(days=2))  # closed: no digest
    assert desk.campaign_digests() == []
    assert len(fake_telegram.calls_to("sendMessage")) == 2


def test_agents_approve_reject_with_a_reason_and_approve_all_by_buttons(desk: TelegramDesk, fake_telegram) -> None:
    chat, message_id = map(int, tg_campaigns.post_digest(desk.desk, JOULU).rsplit(":", 1))
    digest = fake_telegram.message(chat, message_id)
    first = digest["message_id"]
    approve_m1 = campaign_data("joulu", entry_key("instagram", "m1"), "approve")
    reject_m2 = campaign_data("joulu", entry_key("instagram", "m2"), "reject")
    assert {approve_m1, reject_m2} <= set(buttons(digest).values())

    refused = answered(fake_telegram, fake_telegram.callback(ALERTS, MALLORY, first, approve_m1))
    assert "not allowed" in refused["text"] and refused["show_alert"]
    assert statuses(desk)["m1"] == ("eligible", None)

    answered(fake_telegram, fake_telegram.callback(ALERTS, AINO, first, approve_m1))
    assert statuses(desk)["m1"] == ("approved", "aino (111111111)")
    assert fake_telegram.wait_for(lambda: "approved 1" in fake_telegram.message(ALERTS, first)["plain"])
    assert approve_m1 not in buttons(fake_telegram.message(ALERTS, first)).values()

    answered(fake_telegram, fake_telegram.callback(ALERTS, AINO, first, reject_m2))
    def prompt() -> dict[str, Any] | None:
        return next((m for m in fake_telegram.messages(ALERTS) if m["plain"].startswith("Reject entry")), None)
    assert fake_telegram.wait_for(lambda: prompt() is not None)
    asked = prompt()
    assert asked["reply_markup"]["force_reply"] and asked["reply_to"] == first
    assert 'matti <a href="https://evil.example">x</a>' in asked["plain"]
    fake_telegram.user_message(ALERTS, MALLORY, "roskaa", reply_to=asked["message_id"])  # not an agent
    assert fake_telegram.wait_for(lambda: any("not allowed" in m["plain"] for m in fake_telegram.messages(ALERTS)))
    assert statuses(desk)["m2"] == ("eligible", None)
    fake_telegram.user_message(ALERTS, AINO, "kuva ei ole oma", reply_to=asked["message_id"])
    assert fake_telegram.wait_for(lambda: statuses(desk)["m2"] == ("rejected", "aino (111111111)"))
    assert fake_telegram.wait_for(lambda: "rejected 1" in fake_telegram.message(ALERTS, first)["plain"])

    stale = campaign_data("joulu", entry_key("instagram", "gone"), "approve")
    gone = answered(fake_telegram, fake_telegram.callback(ALERTS, AINO, first, stale, forge=True))
    assert "no longer" in gone["text"]

    everything = next(data for data in buttons(fake_telegram.message(ALERTS, first)).values()
                      if data.split(":")[2] == "all")  # the digest as it is now: two waiting
    assert everything.split(":")[4] == "2" and campaign_data("joulu", None, "all", (1, 2, "0" * 12)).startswith(
        everything[:17])
    older = answered(fake_telegram, fake_telegram.callback(ALERTS, AINO, first, everything[:17], forge=True))
    assert "older Kuulo" in older["text"] and statuses(desk)["m3"] == ("eligible", None)
    done = answered(fake_telegram, fake_telegram.callback(ALERTS, AINO, first, everything))
    assert "Approved 2 entries" in done["text"]
    assert statuses(desk) == {"m1": ("approved", "aino (111111111)"), "m2": ("rejected", "aino (111111111)"),
                              "m3": ("approved", "aino (111111111)"), "m4": ("approved", "aino (111111111)")}
    events = desk.services.db.execute("SELECT actor, mention_id, data FROM events WHERE kind = 'campaign_moderated'"
                                      " ORDER BY seq").fetchall()
    assert [(a, m, json.loads(d)["decision"]) for a, m, d in events] == [
        ("aino (111111111)", "m1", "approved"), ("aino (111111111)", "m2", "rejected"),
        ("aino (111111111)", "m3", "approved"), ("aino (111111111)", "m4", "approved")]
    assert json.loads(events[1][2])["reason"] == "kuva ei ole oma"
    assert fake_telegram.wait_for(lambda: not fake_telegram.message(ALERTS, first)["reply_markup"])
    final = fake_telegram.message(ALERTS, first)
    assert "approved 3 · rejected 1" in final["plain"] and final["edits"] == 3


def test_a_digest_of_long_hostile_entries_stays_within_telegrams_limit() -> None:
    now = START.timestamp()
    entries = [dict(platform="instagram", id=f"m{n}", author="<b>&amp;</b>" * 20, text="<i>&</i>" * 400,
                    url=f"https://www.instagram.com/p/C{n}/", media_url=f"https://cdn.example/m{n}.jpg",
                    like_count=n, created_ts=now + n, seen_ts=now + n, status="eligible", note="no username " * 40)
               for n in range(30)]
    html, keyboard = tg_campaigns.digest_html(JOULU, entries)
    assert units(html) <= MESSAGE_TEXT and "<b>&lt;b&gt;&amp;amp;" in html
    shown = html.count("</blockquote>")
    rows_shown = keyboard["inline_keyboard"]
    assert 1 <= shown < 10 and len(rows_shown) == shown + 1  # a row per entry shown, then Approve all
    assert f"{30 - shown} more waiting" in html and rows_shown[-1][0]["text"] == "Approve all eligible (30)"


RUN_CONFIG = """\
database: {db}
telegram:
  api_url: {api}
  chat: {chat}
  agents: [111111111]
  summaries: {{daily: {{time: "00:00", chat: {chat}}}}}
campaigns:
  - name: joulu
    hashtags: ["#joulukuva"]
    start: {start}
    end: {end}
"""


def test_kuulo_run_posts_the_digest_and_answers_its_buttons(tmp_path, fake_telegram: FakeTelegram) -> None:
    now = datetime.now(timezone.utc)
    (tmp_path / "team.yaml").write_text(RUN_CONFIG.format(
        db=tmp_path / "k.db", api=fake_telegram.url, chat=ALERTS, start=(now - timedelta(days=1)).isoformat(),
        end=(now + timedelta(days=9)).isoformat()), encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake_telegram.token}
    record = {"platform": "instagram", "id": "m1", "author": "<b>liisa</b>", "text": "kuusi #joulukuva",
              "created_at": now.isoformat(), "media_url": "https://cdn.example/m1.jpg"}
    done = subprocess.run([KUULO, "--config", "team.yaml", "import", "-", "-q"], cwd=tmp_path, env=env,
                          input=json.dumps(record) + "\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:  # the daily summary's time is 00:00: the digest is due at once
        assert wait_for(lambda: any("Contest joulu" in m["plain"] for m in fake_telegram.messages(ALERTS)), 30)
        digest = next(m for m in fake_telegram.messages(ALERTS) if "Contest joulu" in m["plain"])
        assert "<b>liisa</b>" in digest["plain"]
        everything = next(data for data in buttons(digest).values() if data.split(":")[2] == "all")
        fake_telegram.callback(ALERTS, AINO, digest["message_id"], everything)
        assert fake_telegram.wait_for(lambda: "approved 1" in fake_telegram.message(ALERTS, digest["message_id"])[
            "plain"], timeout=20)
    finally:
        bot.send_signal(signal.SIGTERM)
        out, err = bot.communicate(timeout=30)
    assert bot.returncode == 0, err
    entries = subprocess.run([KUULO, "--config", "team.yaml", "campaign", "entries", "joulu", "--format", "json"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    [entry] = [json.loads(line) for line in entries.stdout.splitlines()]
    assert (entry["status"], entry["moderated_by"]) == ("approved", "aino (111111111)")
