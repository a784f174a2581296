"""Telegram group messages as Mentions: ids, authors, reply threads, links, and one bad item skipped alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.models import unstorable
from kuulo.bot.sources.telegram import TelegramSource, from_config, to_mention

GROUP = -1005550000001


def message(id: int, text: str = "Miksi Nordea ei vastaa?", **extra) -> dict:
    return {"message_id": id, "date": 1763373600 + id, "text": text,
            "chat": {"id": GROUP, "type": "supergroup", "title": "Pankit", "username": "pankit"},
            "from": {"id": 333, "is_bot": False, "first_name": "Matti", "last_name": "M"}, **extra}


def test_a_message_becomes_a_mention_with_its_thread_and_link() -> None:
    reply = to_mention(message(12, reply_to_message={"message_id": 10, "chat": {"id": GROUP}}))
    assert (reply.platform, reply.id, reply.author, reply.author_id) == ("telegram", f"{GROUP}:12", "Matti M", "333")
    assert reply.in_reply_to == f"{GROUP}:10" and reply.url == "https://t.me/pankit/12"
    topic = to_mention(message(13, is_topic_message=True, message_thread_id=5,
                               reply_to_message={"message_id": 5, "chat": {"id": GROUP}}))
    assert topic.in_reply_to is None  # a forum topic's own root is no reply
    private = to_mention({**message(14), "chat": {"id": GROUP, "type": "supergroup"}}, public=True)
    assert private.url is None
    assert to_mention(message(15, text="", new_chat_members=[{"id": 1}])) is None
    channel = to_mention({**message(16), "from": None,
                          "sender_chat": {"id": -100777, "title": "Nordea", "username": "NordeaSuomi"}})
    assert channel.author == "NordeaSuomi"
    # as Telegram sends it: `from` holds a placeholder bot for a message on behalf of a chat (a probe found the
    # brand's channel answering as "Channel_Bot", a stranger, and its linked channel's posts as "Telegram")
    for placeholder in ({"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"},
                        {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"},
                        {"id": 777000, "is_bot": False, "first_name": "Telegram"}):
        sent = to_mention({**message(17), "from": placeholder,
                           "sender_chat": {"id": -100777, "title": "Nordea", "username": "NordeaSuomi"}})
        assert (sent.author, sent.author_id) == ("NordeaSuomi", "-100777")


def test_one_bad_item_is_skipped_and_the_cursor_moves() -> None:
    source = from_config(SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)}),
                         {}, clock=None)
    assert isinstance(source, TelegramSource) and source.chats == frozenset({GROUP})
    for update in ({"update_id": 1, "message": message(1)}, {"update_id": 2, "message": message(2, date=None)},
                   {"update_id": 3, "edited_message": message(1, text="muokattu")}):
        source.feed(update)
    source.advance(4)
    mentions, cursor = source.poll("2")
    assert [m.id for m in mentions] == [f"{GROUP}:1"] and cursor == "4"
    assert [reason for _, reason in source.last_poll.skipped] == ["date missing or not a number (None)"]
    assert source.poll("4") == ([], "4")


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "date", "from", "reply_to_message", "caption", "message_id",
                                        "is_topic_message", "message_thread_id", "sender_chat"]),
                       st.one_of(st.none(), st.integers(-2**70, 2**70), st.text(max_size=20), st.booleans(),
                                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))))
def test_any_message_gives_a_storable_mention_or_is_skipped(fields: dict) -> None:
    source = TelegramSource("tg", frozenset({GROUP}))
    source.feed({"message": {**message(1), **fields}})
    mentions, _ = source.poll(None)
    assert all(unstorable(m) is None for m in mentions)
    assert len(mentions) + len(source.last_poll.skipped) <= 1


@pytest.mark.parametrize("stored", ["-1001:²", "١:5", "x:5", "-100:"])
def test_a_stored_id_that_is_no_chat_id_message_id_is_a_permanent_error_naming_it(stored: str) -> None:
    from kuulo.bot.errors import TransportError

    source = from_config(SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)}),
                         {}, clock=None)
    source.attach(object(), object(), "token")  # a reply is checked before anything is sent
    with pytest.raises(TransportError, match="is not a chat_id:message_id") as refused:
        source.reply(stored, "Hei!")
    assert refused.value.permanent


def test_a_poll_that_could_not_be_stored_gets_its_messages_back_whatever_another_thread_polled_meanwhile() -> None:
    import threading

    source = from_config(SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)}),
                         {}, clock=None)
    source.feed({"update_id": 1, "message": message(1)})
    first, _ = source.poll(None)  # the update loop's store of these will fail (the database locked)
    scheduler = threading.Thread(target=source.poll, args=(None,))  # `kuulo run`'s scheduler polls meanwhile
    scheduler.start()
    scheduler.join()
    source.not_stored()
    again, _ = source.poll(None)
    assert [m.id for m in first] == [m.id for m in again] == [f"{GROUP}:1"]


def test_a_group_upgraded_to_a_supergroup_is_said_with_the_id_to_put_in_chats(caplog) -> None:
    """Its messages come from the new id, which the source does not read: they were lost without a word (found by a
    red-team probe)."""
    import logging

    source = from_config(SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": (str(GROUP),)}),
                         {}, clock=None)
    with caplog.at_level(logging.WARNING):
        source.feed({"update_id": 1, "message": {**message(1, text=""), "migrate_to_chat_id": -1009990000001}})
    said = f"group {GROUP} became the supergroup -1009990000001: put -1009990000001 in this source's chats"
    assert said in caplog.text
    source.poll(None)
    assert any(said in warning for warning in source.last_poll.warnings)
    source.poll(None)
    assert not any(said in warning for warning in source.last_poll.warnings)  # said once a poll, as it came


def test_a_button_press_delivered_twice_is_one_line_in_the_log_not_an_error(caplog) -> None:
    import asyncio
    import logging
    from types import SimpleNamespace

    from telegram.error import BadRequest

    from kuulo.handlers.telegram.listeners import on_error

    update = SimpleNamespace(update_id=7)
    with caplog.at_level(logging.INFO, logger="kuulo.handlers.telegram"):
        asyncio.run(on_error(update, SimpleNamespace(error=BadRequest(
            "Query is too old and response timeout expired or query id is invalid"))))
        assert [r.levelno for r in caplog.records] == [logging.INFO] and "answered already" in caplog.text
        asyncio.run(on_error(update, SimpleNamespace(error=ValueError("a bug"))))
    assert caplog.records[-1].levelno == logging.ERROR and caplog.records[-1].exc_info
