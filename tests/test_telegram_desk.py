"""The Telegram desk in process, against the fake Bot API with the real library: alert -> claim -> reply to the
alert -> answered; strangers, stale buttons, commands, and Slack and Telegram together."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

import pytest

from kuulo.bot.app import Services, build_services, default_config
from kuulo.bot.cases import CaseCommand
from kuulo.bot.config_chat import TelegramConfig
from kuulo.bot.models import Mention
from kuulo.bot.report import build_report
from kuulo.handlers.telegram.app import TelegramDesk
from kuulo.storage.cases import get_case
from kuulo.storage.ledger import case_events
from tests.fakes.telegram import FakeTelegram, tg_user

ALERTS, ESCALATION = -1001000000001, -1001000000002
AINO, SANNA = tg_user(111111111, "Aino", "aino"), tg_user(222222222, "Sanna", "sanna")
MALLORY = tg_user(666666666, "Mallory", "mallory")
HOSTILE = ('Miksi Nordean verkkopankki ei toimi? <b>lihava</b> &amp; <a href="https://evil.example">klik</a> '
           "<tg-spoiler>salaisuus</tg-spoiler>")


def telegram_section(api_url: str, **changes: Any) -> TelegramConfig:
    return replace(TelegramConfig(chat=ALERTS, api_url=api_url, escalation_chat=ESCALATION,
                                  allowed_chats=(ALERTS, ESCALATION), agents=(AINO["id"],),
                                  supervisors=(SANNA["id"],)), **changes)


def post(services: Services, id: str, text: str = HOSTILE, minutes_ago: float = 10, platform: str = "x") -> int:
    mention = Mention(platform=platform, id=id, author="matti <i>", text=text, url="https://x.com/matti/status/1",
                      created_at=datetime.now(timezone.utc) - timedelta(minutes=minutes_ago))
    [case_id] = services.pipeline.ingest([mention]).opened_ids
    return case_id


@pytest.fixture
def desk(fake_telegram: FakeTelegram, tmp_path) -> Iterator[TelegramDesk]:
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), telegram=telegram_section(fake_telegram.url))
    services = build_services(cfg)
    bot = TelegramDesk(cfg, services, token=fake_telegram.token, poll_timeout=1)
    bot.start()
    yield bot
    bot.stop()


def alerts(fake: FakeTelegram) -> list[dict[str, Any]]:
    return [m for m in fake.messages(ALERTS) if m["reply_markup"] and "case #" in (m["plain"] or "")]


def test_hostile_alert_claim_reply_to_the_alert_answered(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    services = desk.services
    case_id = post(services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    assert HOSTILE in alert["plain"]  # every tag shown as the characters people typed
    assert [e["url"] for e in alert["entities"] if e["type"] == "text_link"] == ["https://x.com/matti/status/1"]
    assert not any(e["type"] == "spoiler" for e in alert["entities"])
    assert fake_telegram.commands()  # setMyCommands

    query = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}")
    assert fake_telegram.wait_for(lambda: get_case(services.db, case_id)["state"] == "claimed")
    assert get_case(services.db, case_id)["claimed_by"] == "aino (111111111)"
    def shown() -> dict[str, Any]:
        return fake_telegram.message(ALERTS, alert["message_id"])
    assert fake_telegram.wait_for(lambda: "claimed by aino" in shown()["plain"])
    assert any(e.get("url") == "tg://user?id=111111111" for e in shown()["entities"])
    assert "Claimed" in fake_telegram.callback_answer(query["callback_query"]["id"])["text"]

    answer = fake_telegram.user_message(ALERTS, AINO, "Hei matti! <b>Katsotaan</b> heti.", reply_to=alert["message_id"])
    assert fake_telegram.wait_for(lambda: get_case(services.db, case_id)["state"] == "answered")
    case = get_case(services.db, case_id)
    assert (case["responded_how"], case["responded_by"]) == ("recorded", "aino (111111111)")  # an import
    assert fake_telegram.wait_for(lambda: "Answered by" in shown()["plain"])
    edited = shown()
    assert "recorded in Kuulo (not sent by Kuulo)" in edited["plain"] and not edited["reply_markup"]

    def said(text: str) -> bool:
        return any(text in m["plain"] for m in fake_telegram.messages(ALERTS) if m["reply_to"] == alert["message_id"])
    assert fake_telegram.wait_for(lambda: said("recorded a reply (not sent by Kuulo: post it on the platform "
                                               "yourself):\nHei matti! <b>Katsotaan</b> heti."))
    fake_telegram.user_edit(ALERTS, answer["message"]["message_id"], "Hei matti! Muokattu.")  # not a second reply
    fake_telegram.user_message(ALERTS, AINO, "/help")
    assert fake_telegram.wait_for(lambda: any("Kuulo</b> commands" in (m["text"] or "")
                                              for m in fake_telegram.messages(ALERTS)))
    assert [e["kind"] for e in case_events(services.db, case_id)] == ["opened", "claimed", "answered"]
    assert not any("already answered" in m["plain"] for m in fake_telegram.messages(ALERTS))
    now = datetime.now(timezone.utc)
    report = build_report(services.db, since=now - timedelta(days=1), until=now, now=now, sla_seconds=3600)
    assert (report["total"]["answered"], report["total"]["answered_recorded"]) == (1, 1)


def test_a_strangers_button_is_refused_and_changes_nothing(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    query = fake_telegram.callback(ALERTS, MALLORY, alert["message_id"], f"answered:{case_id}")
    assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(query["callback_query"]["id"]) is not None)
    answer = fake_telegram.callback_answer(query["callback_query"]["id"])
    assert "not allowed" in answer["text"] and answer["show_alert"]
    assert get_case(desk.services.db, case_id)["state"] == "open"
    assert [e["kind"] for e in case_events(desk.services.db, case_id)] == ["opened"]


def test_a_stale_button_is_answered_and_ignored(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    first = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"answered:{case_id}")
    assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(first["callback_query"]["id"]) is not None)
    again = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}", forge=True)
    gone = fake_telegram.callback(ALERTS, AINO, alert["message_id"], "claim:999999", forge=True)
    for query in (again, gone):
        assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(query["callback_query"]["id"]) is not None)
    assert "already answered" in fake_telegram.callback_answer(again["callback_query"]["id"])["text"]
    assert "does not exist" in fake_telegram.callback_answer(gone["callback_query"]["id"])["text"]
    assert [e["kind"] for e in case_events(desk.services.db, case_id)] == ["opened", "answered"]


def test_reply_button_asks_with_force_reply_and_the_answer_to_it_is_the_reply(desk: TelegramDesk,
                                                                              fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"reply:{case_id}:2")
    [prompt] = fake_telegram.wait_for_messages(ALERTS, 2)[1:]
    assert prompt["reply_markup"]["force_reply"] and prompt["reply_to"] == alert["message_id"]
    assert prompt["plain"].startswith(f"Reply to case #{case_id}") and "records your reply" in prompt["plain"]
    fake_telegram.user_message(ALERTS, AINO, "x" * 281, reply_to=prompt["message_id"])
    assert fake_telegram.wait_for(lambda: any("the platform allows 280" in m["plain"]
                                              for m in fake_telegram.messages(ALERTS)))
    assert get_case(desk.services.db, case_id)["state"] == "open"
    fake_telegram.user_message(ALERTS, AINO, "Hei! Katsotaan.", reply_to=prompt["message_id"])
    assert fake_telegram.wait_for(lambda: get_case(desk.services.db, case_id)["state"] == "answered")
    assert get_case(desk.services.db, case_id)["responded_how"] == "recorded"


def test_a_reply_to_a_message_that_only_looks_like_an_alert_answers_nothing(desk: TelegramDesk,
                                                                            fake_telegram: FakeTelegram) -> None:
    services = desk.services
    victim = post(services, "v", text="Nordea, miksi kortti ei toimi?")
    forged = post(services, "e", text="Nordea, miksi verkkopankki ei toimi?", platform=f"x priority · case #{victim}")
    fake_telegram.wait_for_messages(ALERTS, 2)
    services.cases.apply(CaseCommand("escalate", forged, "aino (111111111)"))
    assert fake_telegram.wait_for(lambda: any(f"Case #{forged}" in (m["plain"] or "")
                                              for m in fake_telegram.messages(ESCALATION)), timeout=8)
    escalation = next(m for m in fake_telegram.messages(ESCALATION) if f"Case #{forged}" in (m["plain"] or ""))
    fake_telegram.user_message(ESCALATION, SANNA, "Hoidetaan heti", reply_to=escalation["message_id"])
    victim_alert = next(m for m in alerts(fake_telegram) if f"case #{victim}" in m["plain"].split("\n")[0])
    fake_telegram.user_message(ALERTS, AINO, "Katsotaan!", reply_to=victim_alert["message_id"])  # then the real one
    assert fake_telegram.wait_for(lambda: get_case(services.db, victim)["state"] == "answered")
    assert get_case(services.db, victim)["responded_by"] == "aino (111111111)"  # not sanna, through the forgery
    assert get_case(services.db, forged)["state"] == "escalated"


def test_an_escalation_reaches_the_escalation_chat_when_the_alert_chat_is_lost(desk: TelegramDesk,
                                                                               fake_telegram: FakeTelegram) -> None:
    case_id = post(desk.services, "1", text="Nordea, miksi kortti ei toimi?")
    fake_telegram.wait_for_messages(ALERTS, 1)
    fake_telegram.kick(ALERTS)  # the bot removed from the alerts chat: its alert cannot be redrawn or replied to
    desk.services.cases.apply(CaseCommand("escalate", case_id, "aino (111111111)"))
    assert fake_telegram.wait_for(lambda: any(f"Case #{case_id}" in (m["plain"] or "")
                                              for m in fake_telegram.messages(ESCALATION)), timeout=8)
    assert desk.services.db.execute("SELECT count(*) FROM outbox WHERE state = 'dead'").fetchone()[0] == 0


def test_an_alert_deleted_in_the_chat_still_gets_its_lines(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    """An admin deleted the alert: each later change's edit of it failed for good and took its line with it (a
    claim, an escalation, a reminder: nothing more in the chat; found by a red-team probe)."""
    case_id = post(desk.services, "1", text="Nordea, miksi kortti ei toimi?")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    fake_telegram.delete(ALERTS, alert["message_id"])
    desk.services.cases.apply(CaseCommand("claim", case_id, "aino (111111111)"))
    assert fake_telegram.wait_for(lambda: any("claimed it" in (m["plain"] or "")
                                              for m in fake_telegram.messages(ALERTS)), timeout=8)
    assert desk.services.db.execute("SELECT count(*) FROM outbox WHERE state = 'dead'").fetchone()[0] == 0


def test_a_reply_to_a_copy_of_an_alert_is_answered_with_what_to_do(desk: TelegramDesk,
                                                                   fake_telegram: FakeTelegram) -> None:
    import json as _json
    import urllib.request

    case_id = post(desk.services, "1", text="Nordea, miksi kortti ei toimi?")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    body = {"chat_id": ALERTS, "text": alert["plain"], "reply_markup": alert["reply_markup"]}  # sent twice: a
    request = urllib.request.Request(f"{fake_telegram.url}{fake_telegram.token}/sendMessage",  # timeout's copy
                                     _json.dumps(body).encode(), {"Content-Type": "application/json"})
    copy = _json.loads(urllib.request.urlopen(request, timeout=5).read())["result"]
    asked = fake_telegram.user_message(ALERTS, AINO, "Hei! Katsotaan.", reply_to=copy["message_id"])
    assert fake_telegram.wait_for(lambda: any(m["reply_to"] == asked["message"]["message_id"]
                                              for m in fake_telegram.messages(ALERTS)))
    [notice] = [m for m in fake_telegram.messages(ALERTS) if m["reply_to"] == asked["message"]["message_id"]]
    assert notice["plain"].startswith("Nothing was recorded: this message is not the alert Kuulo keeps")
    assert get_case(desk.services.db, case_id)["state"] == "open"


def test_a_refusal_naming_who_closed_the_case_mentions_nobody(desk: TelegramDesk, fake_telegram: FakeTelegram) -> None:
    from tests.fakes.telegram_html import auto_entities

    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    desk.services.cases.apply(CaseCommand("answer", case_id, "@boss_man \u202enimda"))  # `kuulo case 1 answer --by`
    asked = fake_telegram.user_message(ALERTS, AINO, "Hei!", reply_to=alert["message_id"])
    assert fake_telegram.wait_for(lambda: any(m["reply_to"] == asked["message"]["message_id"]
                                              for m in fake_telegram.messages(ALERTS)))
    [told] = [m for m in fake_telegram.messages(ALERTS) if m["reply_to"] == asked["message"]["message_id"]]
    assert told["plain"] == f"case {case_id} is already answered (by @\u2060boss_man nimda, manual)"
    assert not auto_entities(told["plain"])  # a plain-text message: Telegram finds @names in it and notifies them
    query = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}", forge=True)
    assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(query["callback_query"]["id"]) is not None)
    assert "\u202e" not in fake_telegram.callback_answer(query["callback_query"]["id"])["text"]
