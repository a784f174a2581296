"""The Telegram desk's delivery and intake against the fake Bot API: outages and 429s, pacing, permanent refusals,
webhook mode's secret token, and Telegram groups as a source."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any, Iterator

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import Route, SourceConfig
from kuulo.bot.scheduler import Runner
from kuulo.bot.sources.replies import ReplyHandler
from kuulo.bot.sources.telegram import from_config
from kuulo.handlers.telegram.app import TelegramDesk
from kuulo.storage.cases import get_case
from kuulo.storage.outbox import dead_items
from tests.fakes.telegram import FakeTelegram, tg_user
from tests.test_telegram_desk import AINO, ALERTS, ESCALATION, MALLORY, post, telegram_section

GROUP = -1005550000001
CUSTOMER = tg_user(333333333, "Matti", "matti_m")
BRAND = tg_user(444444444, "Nordea", "NordeaSuomi")


def make_desk(fake: FakeTelegram, tmp_path, *, sources: tuple[SourceConfig, ...] = (), **telegram: Any) -> TelegramDesk:
    cfg = default_config(str(tmp_path / "kuulo.db"))
    brands = tuple(replace(b, handles={"telegram": ("NordeaSuomi",)}) if b.name == "Nordea" else b
                   for b in cfg.brands)
    cfg = replace(cfg, brands=brands, sources=sources, telegram=telegram_section(fake.url, **telegram))
    services = build_services(cfg)
    built = [from_config(s, {}, services.clock) for s in sources]
    desk = TelegramDesk(cfg, services, token=fake.token, sources=built, host="127.0.0.1", port=0, poll_timeout=1)
    desk.start()
    return desk


@pytest.fixture
def desks() -> Iterator[list[TelegramDesk]]:
    made: list[TelegramDesk] = []
    yield made
    for desk in made:
        desk.stop()


def case_ids_in(fake: FakeTelegram) -> list[str]:
    return [m["plain"].split("case #")[1].split()[0] for m in fake.messages(ALERTS) if m["reply_markup"]]


def test_down_then_429_then_back_every_alert_once_in_order(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    desk = make_desk(fake_telegram, tmp_path)
    desks.append(desk)
    fake_telegram.down()
    ids = [post(desk.services, str(n), f"Miksi Nordea ei vastaa {n}?") for n in range(3)]
    assert fake_telegram.wait_for(lambda: desk.services.db.execute(
        "SELECT count(*) FROM outbox WHERE transport = 'telegram' AND failures > 0").fetchone()[0] > 0, timeout=10)
    fake_telegram.up()
    fake_telegram.fail_next("sendMessage", 1, kind="429", retry_after=1)
    desk.services.db.execute("UPDATE outbox SET next_try_ts = 0 WHERE transport = 'telegram'")  # skip the backoff
    desk.services.db.conn.commit()
    assert fake_telegram.wait_for(lambda: len(case_ids_in(fake_telegram)) == 3, timeout=20)
    assert case_ids_in(fake_telegram) == [str(i) for i in ids]
    assert [c.status for c in fake_telegram.calls_to("sendMessage")].count(429) == 1


def test_a_burst_is_paced_per_chat_without_a_429(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    fake_telegram.set_rate(4, 1.0)
    desk = make_desk(fake_telegram, tmp_path, pace=(4, 1))
    desks.append(desk)
    ids = [post(desk.services, str(n), f"Miksi Nordea ei vastaa {n}?") for n in range(12)]
    assert fake_telegram.wait_for(lambda: len(case_ids_in(fake_telegram)) == 12, timeout=30)
    assert case_ids_in(fake_telegram) == [str(i) for i in ids]
    assert all(c.status == 200 for c in fake_telegram.calls_to("sendMessage"))


def test_a_kicked_bot_is_a_permanent_error_doctor_shows(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    desk = make_desk(fake_telegram, tmp_path)
    desks.append(desk)
    fake_telegram.kick(ALERTS)
    post(desk.services, "1")
    assert fake_telegram.wait_for(lambda: dead_items(desk.services.db), timeout=10)
    [dead] = dead_items(desk.services.db)
    assert dead["transport"] == "telegram" and "Telegram refused" in dead["last_error"]
    assert fake_telegram.token not in dead["last_error"]


def test_webhook_mode_refuses_a_wrong_secret_token(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    desk = make_desk(fake_telegram, tmp_path, mode="webhook", webhook_url="https://kuulo.example/telegram/hook")
    desks.append(desk)
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    secret = fake_telegram.webhook["secret_token"]
    assert secret and fake_telegram.webhook["url"] == "https://kuulo.example/telegram/hook"
    url = f"http://127.0.0.1:{desk.port}/telegram/hook"
    update = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}")
    assert fake_telegram.post_webhook(url, update) == 401
    assert fake_telegram.post_webhook(url, update, secret_token=secret + "x") == 401
    assert get_case(desk.services.db, case_id)["state"] == "open"
    assert fake_telegram.post_webhook(url, update, secret_token=secret) == 200
    assert get_case(desk.services.db, case_id)["claimed_by"] == "aino (111111111)"


def test_a_group_message_becomes_a_case_and_the_brands_reply_closes_it(fake_telegram: FakeTelegram, tmp_path,
                                                                        desks) -> None:
    source = SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)})
    desk = make_desk(fake_telegram, tmp_path, sources=(source,))
    desks.append(desk)
    asked = fake_telegram.user_message(GROUP, CUSTOMER, "Miksi Nordean verkkopankki ei toimi? <b>",
                                       chat_username="pankit")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    post_id = f"{GROUP}:{asked['message']['message_id']}"
    assert "Miksi Nordean verkkopankki ei toimi? <b>" in alert["plain"]
    assert any(e.get("url") == f"https://t.me/pankit/{asked['message']['message_id']}" for e in alert["entities"])
    case = desk.services.db.execute("SELECT id, state FROM cases WHERE mention_id = ?", [post_id]).fetchone()
    assert case[1] == "open"
    answer = fake_telegram.user_message(GROUP, BRAND, "Hei! Katsomme asiaa.", reply_to=asked["message"]["message_id"],
                                        chat_username="pankit", date=asked["message"]["date"] + 120)
    assert fake_telegram.wait_for(lambda: get_case(desk.services.db, case[0])["state"] == "answered")
    closed = get_case(desk.services.db, case[0])
    assert (closed["responded_how"], closed["responded_ts"]) == ("platform_reply", answer["message"]["date"])
    assert fake_telegram.wait_for(lambda: "Answered on the platform" in " ".join(
        m["plain"] for m in fake_telegram.messages(ALERTS)))
    stored = desk.services.db.execute("SELECT cursor FROM cursors WHERE source = 'tg'").fetchone()[0]
    assert int(stored) == answer["update_id"] + 1


def test_a_reply_from_telegram_goes_back_into_the_group(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    source = SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)})
    desk = make_desk(fake_telegram, tmp_path, sources=(source,))
    desks.append(desk)
    asked = fake_telegram.user_message(GROUP, CUSTOMER, "Miksi Nordean verkkopankki ei toimi?")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    fake_telegram.user_message(ALERTS, MALLORY, "Ei ole totta", reply_to=alert["message_id"])  # not an agent
    fake_telegram.user_message(ALERTS, AINO, "Hei! Katsomme asiaa.", reply_to=alert["message_id"])
    case_id = desk.services.db.execute("SELECT id FROM cases").fetchone()[0]
    assert fake_telegram.wait_for(lambda: get_case(desk.services.db, case_id)["state"] == "reply_pending")
    assert fake_telegram.wait_for(lambda: "on its way to the platform" in " ".join(
        m["plain"] for m in fake_telegram.messages(ALERTS)))
    Runner(desk.services, [ReplyHandler(desk.sources[0])]).deliver()  # kuulo run's worker sends replies
    [sent] = [m for m in fake_telegram.messages(GROUP) if m["reply_to"] == asked["message"]["message_id"]]
    assert sent["plain"] == "Hei! Katsomme asiaa."
    case = get_case(desk.services.db, case_id)
    assert (case["state"], case["responded_how"]) == ("answered", "kuulo_reply")
    assert any("not allowed" in m["plain"] for m in fake_telegram.messages(ALERTS))


def test_an_agent_outside_the_allowed_chats_is_refused(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    desk = make_desk(fake_telegram, tmp_path, allowed_chats=(ESCALATION,))
    desks.append(desk)
    case_id = post(desk.services, "1")
    [alert] = fake_telegram.wait_for_messages(ALERTS, 1)
    query = fake_telegram.callback(ALERTS, AINO, alert["message_id"], f"claim:{case_id}")
    assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(query["callback_query"]["id"]) is not None)
    assert "only in the team's chats" in fake_telegram.callback_answer(query["callback_query"]["id"])["text"]
    fake_telegram.user_message(ALERTS, AINO, "/queue")
    fake_telegram.user_message(ESCALATION, AINO, "/help")
    assert fake_telegram.wait_for(lambda: fake_telegram.messages(ESCALATION))
    assert len(fake_telegram.messages(ALERTS)) == 1  # no answer to /queue outside the desk chats
    assert get_case(desk.services.db, case_id)["state"] == "open"


def test_buttons_answer_while_a_paced_burst_waits(fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    desk = make_desk(fake_telegram, tmp_path, pace=(2, 60))  # two messages a minute: the burst waits
    desks.append(desk)
    ids = [post(desk.services, str(n), f"Miksi Nordea ei vastaa {n}?") for n in range(4)]
    first, _ = fake_telegram.wait_for_messages(ALERTS, 2)
    query = fake_telegram.callback(ALERTS, AINO, first["message_id"], f"claim:{ids[0]}")
    assert fake_telegram.wait_for(lambda: get_case(desk.services.db, ids[0])["state"] == "claimed", timeout=5)
    assert fake_telegram.wait_for(lambda: fake_telegram.callback_answer(query["callback_query"]["id"]), timeout=5)
    assert len(fake_telegram.messages(ALERTS)) == 2  # the rest waits for the pace, in the outbox


def test_a_locked_database_holds_group_messages_until_they_are_stored_and_the_loop_goes_on(
        fake_telegram: FakeTelegram, tmp_path, desks) -> None:
    source = SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)})
    desk = make_desk(fake_telegram, tmp_path, sources=(source,))
    desks.append(desk)
    pipeline = desk._services().pipeline
    ingest, refusals = pipeline.ingest, [2]

    def locked(*args: Any, **kwargs: Any) -> Any:
        if refusals[0]:  # what a long `kuulo import` beside `kuulo run` does past the busy timeout
            refusals[0] -= 1
            raise sqlite3.OperationalError("database is locked")
        return ingest(*args, **kwargs)

    pipeline.ingest = locked
    first = fake_telegram.user_message(GROUP, CUSTOMER, "Miksi Nordean verkkopankki ei toimi?")
    assert fake_telegram.wait_for(lambda: refusals[0] == 0)
    second = fake_telegram.user_message(GROUP, CUSTOMER, "Nordea, vastaatteko tänään?")
    stored = lambda: {r[0] for r in desk.services.db.execute("SELECT id FROM mentions WHERE platform = 'telegram'")}
    assert fake_telegram.wait_for(lambda: len(stored()) == 2, timeout=20)
    assert stored() == {f"{GROUP}:{m['message']['message_id']}" for m in (first, second)}


def test_a_start_whose_getme_fails_once_tries_again_and_one_that_keeps_failing_says_so(fake_telegram: FakeTelegram,
                                                                                        tmp_path, desks) -> None:
    from kuulo.bot.errors import KuuloError

    fake_telegram.fail_next("getMe", 1, kind="down")  # the network hiccups as `kuulo run` starts
    desks.append(make_desk(fake_telegram, tmp_path))
    assert len(fake_telegram.calls_to("getMe")) >= 2
    fake_telegram.fail_next("getMe", 5, kind="down")
    cfg = replace(default_config(str(tmp_path / "other.db")), telegram=telegram_section(fake_telegram.url))
    desk = TelegramDesk(cfg, build_services(cfg), token=fake_telegram.token, poll_timeout=1)
    try:
        with pytest.raises(KuuloError, match="Telegram: cannot start"):
            desk.start()
    finally:
        desk.stop()


BANK_CHAT = -1001000000003


def _asked(fake: FakeTelegram, chat: int) -> list[int]:
    """The statuses of sendMessage calls to one chat."""
    return [c.status for c in fake.calls_to("sendMessage") if str(c.params.get("chat_id")) == str(chat)]


@pytest.mark.parametrize("limit", ["server", "pace"])
def test_one_chat_held_by_its_limit_holds_no_other_chat(fake_telegram: FakeTelegram, tmp_path, desks,
                                                        limit: str) -> None:
    """A 429 in the alerts chat (retry after a minute), or the chat's own pacing window, keeps the next alert there
    waiting in the outbox without asking Telegram again, while another chat's alert goes at once."""
    routes = (Route(channel=str(BANK_CHAT), brand="S-Pankki"),)
    if limit == "server":
        fake_telegram.set_rate(1, 60.0)
        desk = make_desk(fake_telegram, tmp_path, routes=routes)
    else:
        desk = make_desk(fake_telegram, tmp_path, routes=routes, pace=(1, 60))
    desks.append(desk)
    post(desk.services, "1", "Miksi Nordea ei vastaa 1?")
    assert fake_telegram.wait_for(lambda: len(case_ids_in(fake_telegram)) == 1, timeout=10)
    post(desk.services, "2", "Miksi Nordea ei vastaa 2?")
    post(desk.services, "3", "Miksi S-Pankki ei vastaa?")
    assert fake_telegram.wait_for(lambda: _asked(fake_telegram, BANK_CHAT) == [200], timeout=10)
    desk.desk.changed.set()  # another round of the outbox while the alerts chat is held
    assert fake_telegram.wait_for(lambda: desk.services.db.execute(
        "SELECT count(*) FROM outbox WHERE waits_on = ?", (str(ALERTS),)).fetchone()[0] == 1, timeout=10)
    assert len(case_ids_in(fake_telegram)) == 1
    assert _asked(fake_telegram, ALERTS) == ([200, 429] if limit == "server" else [200])
