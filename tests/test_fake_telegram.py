"""The fake Telegram Bot API, exercised through the real python-telegram-bot (Bot and Application)."""

from __future__ import annotations

import asyncio
import html
import http.client
import json
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable

import pytest
import telegram
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler

from tests.fakes.local_server import FakeHandler, LocalServer
from tests.fakes.telegram import FakeTelegram, tg_user
from tests.fakes.telegram_html import ApiError, parse_html

CHAT, OTHER = -1001234567890, -1009876543210
ANNA = tg_user(111111111, "Anna", "anna_cm")
HOSTILE = '<b>x</b> &amp; <a href="https://evil.example">klik</a> <tg-spoiler>s</tg-spoiler>'
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4 + b"\r\n--boundary\r\n\r\n" + b"\x00\xff" * 64


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch) -> None:
    """python-telegram-bot >= 22.2 warns on an int retry_after unless this opt-in is set (warnings are errors)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def with_bot(fake: FakeTelegram, scenario: Callable[[telegram.Bot], Awaitable[Any]]) -> Any:
    """Run scenario(bot) with a real Bot pointed at the fake."""

    async def main() -> Any:
        async with telegram.Bot(fake.token, base_url=fake.url) as bot:
            return await scenario(bot)

    return asyncio.run(main())


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.split(":")[0].title(), callback_data=d) for d in data]])


def test_get_me_answers_the_bot_and_a_wrong_token_is_unauthorized(fake_telegram):
    me = with_bot(fake_telegram, lambda bot: bot.get_me())
    assert (me.id, me.username, me.is_bot) == (7000000001, "kuulo_test_bot", True)
    assert fake_telegram.url == f"http://127.0.0.1:{fake_telegram.port}/bot"

    async def wrong_token() -> None:
        async with telegram.Bot("7000000001:wrong", base_url=fake_telegram.url) as bot:
            await bot.get_me()

    with pytest.raises(InvalidToken, match="rejected by the server") as raised:
        asyncio.run(wrong_token())
    assert str(raised.value.__cause__) == "Unauthorized"  # the library's own message names the token
    assert [c.status for c in fake_telegram.calls_to("getMe")][-2:] == [200, 401]
    assert fake_telegram.calls_to("getme")[-1].answer == {"ok": False, "error_code": 401, "description": "Unauthorized"}


def test_an_html_alert_with_a_keyboard_shows_escaped_text_literally_and_edits_apply(fake_telegram):
    text = f"<b>Nordea</b> · {html.escape(HOSTILE)}"

    async def scenario(bot: telegram.Bot):
        sent = await bot.send_message(CHAT, text, parse_mode="HTML", reply_markup=keyboard("claim:12", "reply:12"))
        edited = await bot.edit_message_text(
            "<b>Nordea</b> · claimed by Anna", chat_id=CHAT, message_id=sent.message_id, parse_mode="HTML",
            reply_markup=keyboard("answered:12"),
        )
        return sent, edited

    sent, edited = with_bot(fake_telegram, scenario)
    assert sent.text == f"Nordea · {HOSTILE}"  # what people see: every character of the post, no markup
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 6)]
    assert edited.text == "Nordea · claimed by Anna" and edited.edit_date is not None
    [message] = fake_telegram.messages(CHAT)
    assert message["message_id"] == sent.message_id
    assert message["plain"] == "Nordea · claimed by Anna" and message["parse_mode"] == "HTML"
    assert message["reply_markup"] == {"inline_keyboard": [[{"text": "Answered", "callback_data": "answered:12"}]]}
    assert message["edits"] == 1 and message["history"][0]["text"] == text
    params = fake_telegram.calls_to("sendMessage")[0].params
    assert params["chat_id"] == CHAT and params["text"] == text  # decoded from python-telegram-bot's form body


def test_an_identical_edit_is_not_modified_and_an_edit_without_markup_drops_the_keyboard(fake_telegram):
    async def scenario(bot: telegram.Bot):
        sent = await bot.send_message(CHAT, "alert", reply_markup=keyboard("claim:1"))
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("alert", chat_id=CHAT, message_id=sent.message_id,
                                        reply_markup=keyboard("claim:1"))
        await bot.edit_message_text("alert", chat_id=CHAT, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", chat_id=CHAT, message_id=sent.message_id + 50)
        return sent

    sent = with_bot(fake_telegram, scenario)
    assert fake_telegram.message(CHAT, sent.message_id)["reply_markup"] is None
    assert [c.status for c in fake_telegram.calls_to("editMessageText")] == [400, 200, 400]


@pytest.mark.parametrize(
    "text, error",
    [
        ('Asiakas: <a href="https://evil.example">klik', "Can't find end tag corresponding to start tag \"a\""),
        ("Hinta < 100 €", 'Unsupported start tag "" at byte offset 6'),
        ("rivi<br>rivi", 'Unsupported start tag "br" at byte offset 4'),
        ("<tg-spoiler>salaisuus", "Can't find end tag corresponding to start tag \"tg-spoiler\""),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ],
)
def test_malformed_html_is_refused_with_telegrams_400(fake_telegram, text, error):
    async def scenario(bot: telegram.Bot) -> None:
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.send_message(CHAT, text, parse_mode="HTML")

    with_bot(fake_telegram, scenario)
    assert fake_telegram.messages(CHAT) == []
    [call] = fake_telegram.calls_to("sendMessage")
    assert (call.status, call.answer["description"]) == (400, f"Bad Request: can't parse entities: {error}")


def test_unescaped_but_balanced_html_is_taken_as_markup_so_the_post_loses_its_characters(fake_telegram):
    sent = with_bot(fake_telegram, lambda bot: bot.send_message(CHAT, "<b>Nordea</b> &amp; R&D", parse_mode="HTML"))
    assert sent.text == "Nordea & R&D"  # the tags vanished: only escaping keeps them literal
    assert fake_telegram.messages(CHAT)[0]["text"] == "<b>Nordea</b> &amp; R&D"


def test_text_over_4096_characters_after_parsing_is_too_long(fake_telegram):
    async def scenario(bot: telegram.Bot) -> None:
        await bot.send_message(CHAT, f"<b>{'ä' * 4096}</b>", parse_mode="HTML")  # markup does not count
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(CHAT, "x" * 4097)
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(CHAT, "<b> </b>", parse_mode="HTML")

    with_bot(fake_telegram, scenario)
    assert len(fake_telegram.messages(CHAT)) == 1


def test_callback_data_over_64_bytes_is_button_data_invalid(fake_telegram):
    async def scenario(bot: telegram.Bot) -> None:
        await bot.send_message(CHAT, "ok", reply_markup=keyboard("snooze:" + "ä" * 28))  # 7 + 56 bytes
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(CHAT, "too long", reply_markup=keyboard("snooze:" + "ä" * 29))

    with_bot(fake_telegram, scenario)
    assert [m["plain"] for m in fake_telegram.messages(CHAT)] == ["ok"]
    assert fake_telegram.calls_to("sendMessage")[1].answer["description"] == "Bad Request: BUTTON_DATA_INVALID"


def test_replies_topics_and_force_reply_are_recorded(fake_telegram):
    post = fake_telegram.user_message(CHAT, ANNA, "Miksi verkkopankki ei toimi?", thread_id=7)["message"]

    async def scenario(bot: telegram.Bot):
        prompt = await bot.send_message(CHAT, "Write the reply", reply_to_message_id=post["message_id"],
                                        message_thread_id=7, reply_markup=ForceReply(selective=True))
        with pytest.raises(BadRequest, match="Message to be replied not found"):
            await bot.send_message(CHAT, "x", reply_to_message_id=9999)
        return prompt

    prompt = with_bot(fake_telegram, scenario)
    assert prompt.reply_to_message.text == "Miksi verkkopankki ei toimi?"
    assert prompt.message_thread_id == 7
    [sent] = fake_telegram.messages(CHAT)
    assert (sent["reply_to"], sent["thread_id"]) == (post["message_id"], 7)
    assert sent["reply_markup"] == {"force_reply": True, "selective": True}
    assert [m["from_bot"] for m in fake_telegram.messages(CHAT, people=True)] == [False, True]
    answer = fake_telegram.user_message(CHAT, ANNA, "Korjattu, kiitos!", reply_to=prompt.message_id)["message"]
    assert answer["reply_to_message"]["message_id"] == prompt.message_id
    assert answer["reply_to_message"]["from"]["id"] == fake_telegram.bot["id"]


def test_a_pushed_callback_reaches_an_application_through_get_updates(fake_telegram):
    async def scenario() -> tuple[str, str]:
        seen: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

        async def on_button(update: telegram.Update, context: Any) -> None:
            await update.callback_query.answer("Claimed")
            await seen.put((update.callback_query.data, update.callback_query.id))

        async def on_queue(update: telegram.Update, context: Any) -> None:
            await seen.put(("command", update.message.text))

        app = ApplicationBuilder().token(fake_telegram.token).base_url(fake_telegram.url).build()
        app.add_handler(CallbackQueryHandler(on_button))
        app.add_handler(CommandHandler("queue", on_queue))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=2)
            sent = await app.bot.send_message(CHAT, "alert", reply_markup=keyboard("claim:12", "dismiss:12"))
            fake_telegram.user_message(CHAT, ANNA, "/queue@kuulo_test_bot")
            fake_telegram.callback(CHAT, ANNA, sent.message_id, "claim:12")
            first = await asyncio.wait_for(seen.get(), 10)
            second = await asyncio.wait_for(seen.get(), 10)
            await app.updater.stop()
            await app.stop()
        return first, second

    first, (data, query_id) = asyncio.run(scenario())
    assert first == ("command", "/queue@kuulo_test_bot")
    assert data == "claim:12"
    assert fake_telegram.callback_answer(query_id) == {"text": "Claimed"}
    assert fake_telegram.pending_updates() == []  # the updater confirmed both with its next offset
    assert len(fake_telegram.calls_to("deleteWebhook")) == 1  # start_polling clears any webhook first


def test_a_callback_must_press_a_button_the_message_has(fake_telegram):
    with_bot(fake_telegram, lambda bot: bot.send_message(CHAT, "alert", reply_markup=keyboard("claim:1")))
    with pytest.raises(ValueError, match="no button with callback_data 'claim:2'"):
        fake_telegram.callback(CHAT, ANNA, 101, "claim:2")
    assert fake_telegram.callback(CHAT, ANNA, 101, "claim:2", forge=True)["callback_query"]["data"] == "claim:2"


def test_a_callback_is_answered_once_with_at_most_200_characters(fake_telegram):
    sent = with_bot(fake_telegram, lambda bot: bot.send_message(CHAT, "alert", reply_markup=keyboard("claim:1")))
    query_id = fake_telegram.callback(CHAT, ANNA, sent.message_id, "claim:1")["callback_query"]["id"]

    async def scenario(bot: telegram.Bot) -> None:
        with pytest.raises(BadRequest, match="Message_too_long"):
            await bot.answer_callback_query(query_id, "x" * 201)
        await bot.answer_callback_query(query_id, "Case closed already", show_alert=True)
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query(query_id, "again")

    with_bot(fake_telegram, scenario)
    assert fake_telegram.callback_answer(query_id) == {"text": "Case closed already", "show_alert": True}


def test_get_updates_long_poll_returns_early_and_offsets_confirm(fake_telegram):
    async def scenario(bot: telegram.Bot):
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, fake_telegram.user_message, CHAT, ANNA, "first")
        started = time.monotonic()
        first = await bot.get_updates(timeout=8)
        waited = time.monotonic() - started
        fake_telegram.user_message(CHAT, ANNA, "second")
        again = await bot.get_updates(timeout=0)  # nothing confirmed yet: both come again
        rest = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
        empty = await bot.get_updates(offset=rest[-1].update_id + 1, timeout=1)
        return first, waited, again, rest, empty

    first, waited, again, rest, empty = with_bot(fake_telegram, scenario)
    assert [u.message.text for u in first] == ["first"] and 0.2 < waited < 4
    assert [u.message.text for u in again] == ["first", "second"]
    assert [u.message.text for u in rest] == ["second"] and empty == ()
    assert fake_telegram.confirmed_through == rest[0].update_id


def test_allowed_updates_drop_other_kinds_and_a_second_poller_conflicts(fake_telegram):
    async def scenario(bot: telegram.Bot):
        sent = await bot.send_message(CHAT, "alert", reply_markup=keyboard("claim:1"))
        await bot.get_updates(timeout=0, allowed_updates=["message"])
        fake_telegram.callback(CHAT, ANNA, sent.message_id, "claim:1")
        fake_telegram.user_message(CHAT, ANNA, "hei")
        got = await bot.get_updates(timeout=0)
        assert not fake_telegram.polling
        waiting = asyncio.ensure_future(bot.get_updates(offset=got[-1].update_id + 1, timeout=5))
        assert await asyncio.to_thread(fake_telegram.wait_for, lambda: fake_telegram.polling, 5)
        async with telegram.Bot(fake_telegram.token, base_url=fake_telegram.url) as second_instance:
            await second_instance.get_updates(timeout=0)
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await waiting
        return got

    got = with_bot(fake_telegram, scenario)
    assert [u.message.text for u in got] == ["hei"]
    assert [next(iter(set(u) - {"update_id"})) for u in fake_telegram.dropped_updates()] == ["callback_query"]


def test_429_raises_retry_after_with_the_servers_seconds_and_the_next_call_goes_through(fake_telegram):
    fake_telegram.fail_next("sendMessage", kind="429", retry_after=7)

    async def scenario(bot: telegram.Bot) -> None:
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(CHAT, "alert")
        assert raised.value.retry_after == timedelta(seconds=7)
        await bot.send_message(CHAT, "alert")

    with_bot(fake_telegram, scenario)
    calls = fake_telegram.calls_to("sendMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[0].answer == {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
                               "parameters": {"retry_after": 7}}
    assert [m["plain"] for m in fake_telegram.messages(CHAT)] == ["alert"]


@pytest.mark.parametrize(
    "kind, error, text",
    [
        ("forbidden", Forbidden, "bot was kicked from the supergroup chat"),
        ("chat_not_found", BadRequest, "Chat not found"),
        ("not_enough_rights", BadRequest, "Not enough rights to send text messages to the chat"),
        ("5xx", NetworkError, "Bad Gateway"),
        ("down", NetworkError, "Server disconnected without sending a response"),
        ("migrated", ChatMigrated, "New chat id: -1001000000001"),
    ],
)
def test_failure_kinds_raise_the_librarys_errors_once(fake_telegram, kind, error, text):
    fake_telegram.fail_next("sendMessage", kind=kind)

    async def scenario(bot: telegram.Bot) -> None:
        with pytest.raises(error, match=text):
            await bot.send_message(CHAT, "alert")
        await bot.send_message(CHAT, "alert")

    with_bot(fake_telegram, scenario)
    status = {"down": 0, "5xx": 502, "forbidden": 403}.get(kind, 400)
    assert [c.status for c in fake_telegram.calls_to("sendMessage")] == [status, 200]
    assert len(fake_telegram.messages(CHAT)) == 1


def test_a_kicked_or_removed_chat_refuses_every_send(fake_telegram):
    fake_telegram.kick(CHAT)
    fake_telegram.remove_chat(OTHER)

    async def scenario(bot: telegram.Bot) -> None:
        for _ in range(2):
            with pytest.raises(Forbidden, match="kicked"):
                await bot.send_message(CHAT, "alert")
            with pytest.raises(BadRequest, match="Chat not found"):
                await bot.send_message(OTHER, "alert")

    with_bot(fake_telegram, scenario)
    assert fake_telegram.messages(CHAT) == [] and fake_telegram.messages(OTHER) == []


def test_down_refuses_connections_until_up_on_the_same_port(fake_telegram):
    port = fake_telegram.port

    async def scenario(bot: telegram.Bot) -> None:
        fake_telegram.down()
        with pytest.raises(NetworkError):
            await bot.send_message(CHAT, "alert")
        fake_telegram.up()
        await bot.send_message(CHAT, "alert")

    with_bot(fake_telegram, scenario)
    assert fake_telegram.port == port and len(fake_telegram.messages(CHAT)) == 1


def test_send_photo_uploads_the_bytes_multipart(fake_telegram):
    async def scenario(bot: telegram.Bot):
        photo = await bot.send_photo(CHAT, PNG, caption="<b>Viikko</b> 47", parse_mode="HTML", filename="chart.png")
        with pytest.raises(BadRequest, match="Message caption is too long"):
            await bot.send_photo(CHAT, PNG, caption="x" * 1025)
        with pytest.raises(BadRequest, match="Image_process_failed"):
            await bot.send_photo(CHAT, b"not an image at all")
        again = await bot.send_photo(OTHER, photo.photo[-1].file_id)
        return photo, again

    photo, again = with_bot(fake_telegram, scenario)
    assert photo.caption == "Viikko 47" and photo.photo[-1].file_size == len(PNG)
    [sent] = fake_telegram.messages(CHAT)
    assert sent["photo"] == PNG and sent["caption"] == "<b>Viikko</b> 47"
    call = fake_telegram.calls_to("sendPhoto")[0]
    assert call.files["photo"] == ("chart.png", PNG, "image/png")
    assert call.params["chat_id"] == CHAT and "photo" not in call.params
    assert fake_telegram.messages(OTHER)[0]["photo"] == PNG and again.photo[-1].file_id == photo.photo[-1].file_id


def test_a_per_chat_rate_limit_answers_429_until_the_window_passes(fake_telegram):
    fake_telegram.set_rate(3, 1.0)

    async def scenario(bot: telegram.Bot) -> None:
        for n in range(3):
            await bot.send_message(CHAT, f"alert {n}")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(CHAT, "alert 3")
        assert raised.value.retry_after == timedelta(seconds=1)
        await bot.send_message(OTHER, "another chat has its own window")
        await asyncio.sleep(1.05)
        await bot.send_message(CHAT, "alert 3")

    with_bot(fake_telegram, scenario)
    assert [m["plain"] for m in fake_telegram.messages(CHAT)] == ["alert 0", "alert 1", "alert 2", "alert 3"]
    assert [c.status for c in fake_telegram.calls_to("sendMessage")] == [200, 200, 200, 429, 200, 200]


def test_an_overall_rate_counts_every_chat_together(fake_telegram):
    fake_telegram.set_rate(20, 60.0, overall=(2, 1.0))

    async def scenario(bot: telegram.Bot) -> None:
        await bot.send_message(CHAT, "one")
        await bot.send_message(OTHER, "two")
        with pytest.raises(RetryAfter):
            await bot.send_message(-1005555555555, "three")

    with_bot(fake_telegram, scenario)
    assert [c.status for c in fake_telegram.calls_to("sendMessage")] == [200, 200, 429]


def test_json_bodies_and_get_queries_work_as_on_telegram(fake_telegram):
    connection = http.client.HTTPConnection("127.0.0.1", fake_telegram.port, timeout=5)
    try:
        body = {"chat_id": CHAT, "text": "123", "reply_markup": {"inline_keyboard": [[
            {"text": "Claim", "callback_data": "claim:1"}]]}}
        connection.request("POST", f"/bot{fake_telegram.token}/SENDMESSAGE", body=json.dumps(body),
                           headers={"Content-Type": "application/json"})
        sent = json.loads(connection.getresponse().read())
        connection.request("GET", f"/bot{fake_telegram.token}/getMe?x=1")
        me = json.loads(connection.getresponse().read())
        connection.request("GET", f"/bot{fake_telegram.token}/noSuchMethod")
        response = connection.getresponse()
        missing = (response.status, json.loads(response.read()))
    finally:
        connection.close()
    assert sent["ok"] and sent["result"]["text"] == "123" and sent["result"]["chat"]["id"] == CHAT
    assert me["result"]["username"] == "kuulo_test_bot"
    assert missing == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


def test_commands_round_trip_and_an_invalid_one_is_refused(fake_telegram):
    async def scenario(bot: telegram.Bot):
        await bot.set_my_commands([("queue", "Avoimet tapaukset"), ("case", "Yksi tapaus")])
        with pytest.raises(BadRequest, match="Bot_command_invalid"):
            await bot.set_my_commands([("Queue!", "bad")])
        return await bot.get_my_commands()

    commands = with_bot(fake_telegram, scenario)
    assert [c.command for c in commands] == ["queue", "case"]
    assert fake_telegram.commands() == [{"command": "queue", "description": "Avoimet tapaukset"},
                                        {"command": "case", "description": "Yksi tapaus"}]


class _Hook(LocalServer):
    """A webhook receiver that accepts only the right secret header, as the bot's must."""

    def __init__(self, secret: str) -> None:
        self.secret, self.received = secret, []

    def _serve(self, handler: FakeHandler) -> None:
        _, headers, body = handler.read_request()
        if headers.get("x-telegram-bot-api-secret-token") != self.secret:
            return handler.send_answer(401, {}, b"")
        self.received.append(json.loads(body))
        handler.send_answer(200, {}, b"")


def test_webhook_set_records_url_and_secret_and_delivers_with_the_header(fake_telegram):
    with _Hook("s3cret-Token_1") as hook:
        url = f"{hook.base_url}/telegram"

        async def scenario(bot: telegram.Bot) -> None:
            await bot.set_webhook(url, secret_token="s3cret-Token_1", allowed_updates=["message", "callback_query"])
            with pytest.raises(Conflict, match="webhook is active"):
                await bot.get_updates(timeout=0)
            with pytest.raises(BadRequest, match="unallowed characters"):
                await bot.set_webhook(url, secret_token="no spaces allowed")

        with_bot(fake_telegram, scenario)
        assert fake_telegram.webhook == {"url": url, "secret_token": "s3cret-Token_1",
                                         "allowed_updates": ["message", "callback_query"]}
        update = fake_telegram.user_message(CHAT, ANNA, "hei")
        assert fake_telegram.post_webhook(url, update, secret_token="wrong") == 401
        assert fake_telegram.post_webhook(url, update) == 401
        assert fake_telegram.pending_updates() == [update]
        assert fake_telegram.deliver_webhook() == [200]
        assert hook.received == [update] and fake_telegram.pending_updates() == []


def test_privacy_mode_hides_group_chatter_but_not_commands_or_replies_to_the_bot():
    with FakeTelegram(privacy_mode=True) as fake:
        sent = with_bot(fake, lambda bot: bot.send_message(CHAT, "alert"))
        fake.user_message(CHAT, ANNA, "Nordea ei vastaa")
        fake.user_message(CHAT, ANNA, "/queue")
        fake.user_message(CHAT, ANNA, "vastaus", reply_to=sent.message_id)
        fake.user_message(111111111, ANNA, "private chats always arrive")
        assert [u["message"]["text"] for u in fake.pending_updates()] == [
            "/queue", "vastaus", "private chats always arrive"]
        assert [u["message"]["text"] for u in fake.dropped_updates()] == ["Nordea ei vastaa"]
        assert fake.pending_updates()[0]["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_escaped_with_html_escape_is_shown_exactly(text):
    assert parse_html(html.escape(text)) == (text, [])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&/\"'= abi#;x")) | st.characters(), max_size=40))
def test_the_html_parser_answers_text_or_a_400(text):
    try:
        shown, entities = parse_html(text)
    except ApiError as e:
        assert e.code == 400 and e.description.startswith("Bad Request: can't parse entities: ")
    else:
        assert all(e["offset"] >= 0 and e["length"] > 0 for e in entities) and len(shown) <= len(text)
