"""The rest of the Telegram loop in process: commands and who may run them, the dismiss reasons asked for, an
escalation and a summary with its chart, and Slack and Telegram together (an action in one redraws both)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterator

import pytest
from slack_sdk import WebClient

from kuulo.bot.app import build_services, default_config
from kuulo.bot.cases import CaseCommand
from kuulo.bot.sla import sweep
from kuulo.bot.summaries import queue_summary
from kuulo.handlers.slack.app import build_app, build_desk
from kuulo.handlers.telegram.app import TelegramDesk
from kuulo.storage.cases import get_case
from kuulo.storage.db import write
from kuulo.storage.outbox import enqueue
from tests.fakes.bolt_http import serve_bolt
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import block_actions_body
from tests.fakes.telegram import FakeTelegram
from tests.slack_support import AINO as SLACK_AINO, SECRET, USERS, signed_post, slack_section
from tests.test_telegram_desk import AINO, ALERTS, ESCALATION, MALLORY, SANNA, post, telegram_section


@pytest.fixture
def desk(fake_telegram: FakeTelegram, tmp_path) -> Iterator[TelegramDesk]:
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), telegram=telegram_section(
        fake_telegram.url, daily=None))
    bot = TelegramDesk(cfg, build_services(cfg), token=fake_telegram.token, poll_timeout=1)
    bot.start()
    yield bot
    bot.stop()


def answer_to(fake: FakeTelegram, user: dict[str, Any], text: str) -> str:
    """Send a command to the desk chat; the bot's answer to it."""
    asked = fake.user_message(ALERTS, user, text)["message"]["message_id"]
    assert fake.wait_for(lambda: any(m["reply_to"] == asked for m in fake.messages(ALERTS)))
    return next(m["plain"] for m in fake.messages(ALERTS) if m["reply_to"] == asked)


def test_commands_answer_agents_and_supervisors_only(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1")
    fake_telegram.wait_for_messages(ALERTS, 1)
    assert {c["command"] for c in fake_telegram.commands()} == {"queue", "case", "stats", "report", "routes", "help"}
    queue = answer_to(fake_telegram, AINO, "/queue")
    assert f"#{case_id} open" in queue and "matti <i>" in queue
    assert "Why:" in answer_to(fake_telegram, AINO, f"/case {case_id}")
    assert "only Kuulo supervisors" in answer_to(fake_telegram, AINO, "/stats 7d")
    assert "Kuulo report, this week so far" in answer_to(fake_telegram, SANNA, "/report week")
    said = answer_to(fake_telegram, SANNA, "/stats <b>soon</b>&amp;")
    assert "expected a period like 7d or 24h, got '<b>soon</b>&amp;'" in said  # as typed: escaped once, not twice
    assert "not allowed" in answer_to(fake_telegram, MALLORY, "/queue")
    assert "everything else" in answer_to(fake_telegram, SANNA, "/routes")


def test_no_reply_needed_asks_the_reason(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"dismiss:{case_id}")
    [asked] = fake_telegram.wait_for_messages(ALERTS, 2)[1:]
    assert asked["plain"] == f"Case #{case_id} needs no reply: why?"
    fake_telegram.callback(ALERTS, AINO, asked["message_id"], f"dismiss:{case_id}:spam")
    assert fake_telegram.wait_for(lambda: get_case(desk.services.db, case_id)["state"] == "dismissed")
    assert get_case(desk.services.db, case_id)["dismiss_reason"] == "spam"
    assert fake_telegram.wait_for(lambda: "Dismissed: Spam" in fake_telegram.message(ALERTS, alert["message_id"])[
        "plain"])
    assert fake_telegram.wait_for(lambda: not fake_telegram.message(ALERTS, asked["message_id"])["reply_markup"])


def test_escalation_at_breach_and_a_summary_with_its_chart(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    services = desk.services
    case_id = post(services, "1", minutes_ago=90)
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    near = post(services, "2", text="Toimiiko Nordean kortti ulkomailla?", minutes_ago=50)
    [_, near_alert] = fake_telegram.wait_for_messages(ALERTS, 2)
    fake_telegram.callback(ALERTS, AINO, near_alert["message_id"], f"claim:{near}")
    assert fake_telegram.wait_for(lambda: get_case(services.db, near)["state"] == "claimed")
    result = sweep(services.db, services.clock, services.cases, sla_seconds=3600, remind_at=0.8,
                   transports=services.pipeline.transports)
    assert (result.escalated, result.reminded) == ([case_id], [near])
    desk.desk.changed.set()

    def reminder() -> list[dict[str, Any]]:
        return [m for m in fake_telegram.messages(ALERTS) if m["reply_to"] == near_alert["message_id"]
                and "close to its first-response target" in m["plain"]]
    assert fake_telegram.wait_for(lambda: len(reminder()) == 1)
    assert any(e.get("url") == "tg://user?id=111111111" for e in reminder()[0]["entities"])  # the claimer
    desk.desk.changed.set()
    [escalation] = fake_telegram.wait_for_messages(ESCALATION, 1)
    assert f"Case #{case_id}" in escalation["plain"] and "SLA breached" in escalation["plain"]
    link = f"https://t.me/c/{str(ALERTS)[4:]}/{alert['message_id']}"
    assert any(e.get("url") == link for e in escalation["entities"])
    queue_summary(services, services.config.telegram, "daily", datetime.now(timezone.utc), transport="telegram")
    desk.desk.changed.set()
    assert fake_telegram.wait_for(lambda: any(m["photo"] for m in fake_telegram.messages(ALERTS)))
    [digest] = [m for m in fake_telegram.messages(ALERTS) if not m["photo"] and (m["plain"] or "").startswith("Daily")]
    assert "Mentions:" in digest["plain"] and "Oldest open cases" in digest["plain"]
    [photo] = [m for m in fake_telegram.messages(ALERTS) if m["photo"]]
    assert photo["photo"].startswith(b"\x89PNG") and photo["plain"].startswith("Daily digest")


def test_slack_and_telegram_together_an_action_in_either_redraws_both(fake_telegram: FakeTelegram, tmp_path) -> None:
    with FakeSlack(users=USERS) as slack:
        cfg = replace(default_config(str(tmp_path / "kuulo.db")), slack=slack_section(slack.base_url),
                      telegram=telegram_section(fake_telegram.url))
        services = build_services(cfg)
        assert services.pipeline.transports == ("slack", "telegram")
        client = WebClient(token=slack.bot_token, base_url=slack.base_url, retry_handlers=[], timeout=2)
        slack_desk = build_desk(cfg, services, client)
        app = build_app(cfg, services, client=client, signing_secret=SECRET, desk=slack_desk,
                        process_before_response=True)
        bot = TelegramDesk(cfg, services, token=fake_telegram.token, poll_timeout=1)
        bot.start()
        try:
            case_id = post(services, "1", text="Toimiiko Nordean kortti ulkomailla?")
            [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
            assert slack_desk.flush() == 1
            ref = services.db.execute("SELECT ref FROM outbox WHERE transport = 'slack' AND kind = 'alert'"
                                      ).fetchone()[0]
            channel, _, ts = ref.partition(":")

            fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}")
            assert fake_telegram.wait_for(lambda: get_case(services.db, case_id)["state"] == "claimed")
            slack_desk.flush()
            assert "claimed by aino (111111111)" in str(slack.message(channel, ts)["blocks"])

            with serve_bolt(app) as url:
                body = block_actions_body("kuulo.answered", str(case_id), SLACK_AINO, channel, ts,
                                          block_id="kuulo_actions", message=slack.message(channel, ts))
                status, _ = signed_post(url, body)
            assert status == 200
            assert get_case(services.db, case_id)["state"] == "answered"
            bot.desk.changed.set()
            assert fake_telegram.wait_for(lambda: "Answered by" in fake_telegram.message(
                ALERTS, alert["message_id"])["plain"])
            assert not fake_telegram.message(ALERTS, alert["message_id"])["reply_markup"]
        finally:
            bot.stop()
            slack_desk.close()


def test_scheduled_telegram_summaries_are_queued_once_per_period(tmp_path, clock) -> None:
    from kuulo.bot.config_chat import Summary
    from kuulo.bot.scheduler import Runner

    cfg = replace(default_config(str(tmp_path / "kuulo.db")), telegram=telegram_section(
        "http://127.0.0.1:9/bot", daily=Summary(time="09:00", channel=str(ALERTS))))
    services = build_services(cfg, clock=clock)
    clock.set(datetime(2026, 11, 18, 7, 30, tzinfo=timezone.utc))  # 09:30 in Helsinki
    runner = Runner(services, [])
    assert runner.summaries() == ["telegram:daily"]
    assert runner.summaries() == []
    [row] = services.db.execute("SELECT transport, payload FROM outbox WHERE kind = 'summary'").fetchall()
    assert row[0] == "telegram" and json.loads(row[1])["channel"] == str(ALERTS)


def test_a_reminder_pings_who_holds_the_case_when_it_is_posted_and_none_for_a_case_answered_since(
        desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    """A reminder queued before a takeover names the new holder, and one queued before an answer is dropped: the
    desk reads the case when it posts (an older sweep's payload still names the first claimer)."""
    services = desk.services
    taken, answered = post(services, "1", minutes_ago=50), post(services, "2", minutes_ago=50)
    alerts = {m["plain"].split("\n", 1)[0]: m for m in fake_telegram.wait_for_messages(ALERTS, 2)}
    assert len(alerts) == 2
    for case_id in (taken, answered):
        with write(services.db) as db:
            enqueue(db, ("telegram",), kind="reminder", case_id=case_id,
                    payload={"case_id": case_id, "claimed_by": "Aino (111111111)"}, ts=0.0)
            if case_id == taken:
                services.cases.apply(CaseCommand("claim", case_id, "Sanna (222222222)"))
            else:
                services.cases.apply(CaseCommand("answer", case_id, "Aino (111111111)"))
    desk.desk.changed.set()

    def said(text: str) -> list[dict[str, Any]]:
        return [m for m in fake_telegram.messages(ALERTS) if m["reply_to"] and text in (m["plain"] or "")]
    assert fake_telegram.wait_for(lambda: said("close to its first-response target") and said("marked it answered"))
    [reminder] = said("close to its first-response target")  # none for the answered case, queued before its answer
    assert reminder["reply_to"] == next(m["message_id"] for m in alerts.values() if f"case #{taken}" in m["plain"])
    assert [e["url"] for e in reminder["entities"] if e.get("url", "").startswith("tg://")] == [
        "tg://user?id=222222222"]
