"""An id or handle of the wrong type (a JSON list, a number, an object where the platform writes a string; a string or
true where Telegram writes a whole number) skips that one item with a reason naming the field and the type; it is
never stored as the text of a list ("['903']")."""

from __future__ import annotations

import copy
import json
import logging
from functools import partial
from typing import Any, Callable

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.sources import bluesky_posts, instagram, mastodon, reddit, telegram
from kuulo.bot.sources.answers import kind
from kuulo.bot.models import unstorable
from kuulo.bot.sources.base import BadItem, convert
from kuulo.storage.cursors import get_cursor
from tests.test_sources_answers import JSON, MASTO_ENV
from tests.test_sources_hostile import masto_cfg, poll, stored

STATUS = {"id": "1130", "created_at": "2026-11-17T09:00:00.000Z", "content": "<p>Nordea?</p>",
          "account": {"id": "7", "acct": "matti"}, "in_reply_to_id": "1120"}
POST = {"uri": "at://did:plc:abc/app.bsky.feed.post/3k2a", "cid": "bafy", "indexedAt": "2026-11-17T09:00:00Z",
        "author": {"did": "did:plc:abc", "handle": "matti.bsky.social"},
        "record": {"$type": "app.bsky.feed.post", "text": "#nordea?", "createdAt": "2026-11-17T09:00:00Z"}}
THING = {"kind": "t1", "data": {"name": "t1_abc", "created_utc": 1_794_900_000.0, "author": "matti", "body": "Nordea?",
                                "parent_id": "t3_x", "author_fullname": "t2_m"}}
MEDIA = {"id": "17999", "timestamp": "2026-11-17T09:00:00+0000", "username": "matti", "caption": "#nordea"}
COMMENT = {"id": "17998", "timestamp": "2026-11-17T09:00:00+0000", "text": "Nordea?", "from": {"id": "5"},
           "username": "matti"}
MESSAGE = {"message_id": 12, "date": 1_794_900_000, "text": "Nordea?", "chat": {"id": -100555, "type": "supergroup"},
           "from": {"id": 333, "first_name": "Matti"}, "reply_to_message": {"message_id": 10}}

# (what converts, the item, the path of the field, whether it may be absent)
TEXT_IDS = [
    (partial(mastodon.to_mention, stream="tag:nordea"), STATUS, "id", False),
    (partial(mastodon.to_mention, stream="tag:nordea"), STATUS, "account.acct", False),
    (partial(mastodon.to_mention, stream="tag:nordea"), STATUS, "account.id", True),
    (partial(mastodon.to_mention, stream="tag:nordea"), STATUS, "in_reply_to_id", True),
    (partial(bluesky_posts.to_mention, stream="tag:nordea"), POST, "uri", False),
    (partial(bluesky_posts.to_mention, stream="tag:nordea"), POST, "cid", True),
    (partial(bluesky_posts.to_mention, stream="tag:nordea"), POST, "author.did", False),
    (partial(bluesky_posts.to_mention, stream="tag:nordea"), POST, "author.handle", False),
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.name", False),
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.author", True),
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.author_fullname", True),
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.parent_id", True),
    (partial(instagram.media_to_mention, kind="tagged"), MEDIA, "id", False),
    (partial(instagram.media_to_mention, kind="tagged"), MEDIA, "username", False),
    (partial(instagram.media_to_mention, kind="hashtag"), MEDIA, "username", True),
    (partial(instagram.comment_to_mention, media_id="17999", parent=None), COMMENT, "id", False),
    (partial(instagram.comment_to_mention, media_id="17999", parent=None), COMMENT, "from.id", True),
]
NUMBER_IDS = ["message_id", "chat.id", "from.id", "reply_to_message.message_id"]


def with_field(item: dict, path: str, value: Any) -> dict:
    """A deep copy of item with the field at path (a.b) set to value."""
    out = copy.deepcopy(item)
    *parents, last = path.split(".")
    where = out
    for key in parents:
        where = where[key]
    where[last] = value
    return out


def reason(build: Callable[[], Any]) -> str | None:
    """The BadItem reason of one conversion, or None when it made a mention."""
    try:
        convert(build)
    except BadItem as exc:
        return str(exc)
    return None


def shown_field(path: str) -> str:
    """The field as a reason names it (Reddit's fields are inside `data`)."""
    return path.removeprefix("data.")


@pytest.mark.parametrize("to_mention, item, path, optional", TEXT_IDS,
                         ids=[f"{t.func.__module__.rsplit('.', 1)[1]}.{p}" for t, _, p, _ in TEXT_IDS])
def test_a_good_item_converts(to_mention, item, path, optional):
    assert reason(lambda: to_mention(item)) is None


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(TEXT_IDS), value=JSON.filter(lambda v: not isinstance(v, str)))
def test_an_id_that_is_no_string_skips_its_item_naming_field_and_type(case, value):
    to_mention, item, path, optional = case
    why = reason(lambda: to_mention(with_field(item, path, value)))
    if optional and value is None:
        assert why is None
    else:
        assert why is not None and why.startswith(f"{shown_field(path)}: expected a string, got {kind(value)}"), why


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(NUMBER_IDS), value=JSON.filter(lambda v: isinstance(v, bool) or not isinstance(v, int)))
def test_a_telegram_id_that_is_no_whole_number_skips_its_message(path, value):
    why = reason(lambda: telegram.to_mention(with_field(MESSAGE, path, value)))
    if path == "reply_to_message.message_id" and value is None:
        assert why is None  # no reply
    else:
        assert why is not None and why.startswith(f"{path}: expected a whole number, got {kind(value)}"), why


def test_the_reason_shows_the_value():
    assert reason(lambda: mastodon.to_mention(with_field(STATUS, "id", ["903"]), "tag:nordea")) == (
        "id: expected a string, got a JSON list (['903'])")
    assert reason(lambda: telegram.to_mention(with_field(MESSAGE, "message_id", True))) == (
        "message_id: expected a whole number, got JSON true (True)")


def test_mastodon_a_status_whose_id_is_a_list_is_skipped_and_never_moves_the_cursor(services, clock, fake_mastodon,
                                                                                      caplog):
    good = fake_mastodon.add_status("@NordeaSuomi toimiiko?", acct="asiakas", created_at="2026-11-17T09:00:00Z",
                                    mention=True)
    listed = {**fake_mastodon.add_status("@NordeaSuomi hei", acct="matti", created_at="2026-11-17T09:01:00Z"),
              "id": ["903"]}
    notification = fake_mastodon.add_notification(None, raw={"type": "mention", "created_at": "2026-11-17T09:01:00Z",
                                                             "account": listed["account"], "status": listed})
    fake_mastodon.add_notification(None, raw={"id": ["99999999999"], "type": "mention",
                                              "created_at": "2026-11-17T09:02:00Z", "account": listed["account"],
                                              "status": {**listed, "id": "904"}})
    result = poll(services, clock, masto_cfg(fake_mastodon), MASTO_ENV, caplog)
    assert (result.ok, result.skipped) == (True, 1)
    assert good["id"] in stored(services, "mastodon") and "['903']" not in stored(services, "mastodon")
    assert (f"source masto: skipped item notifications {notification}: id: expected a string, got a JSON list "
            "(['903'])") in caplog.text
    cursor = json.loads(get_cursor(services.db, "masto"))
    assert cursor["notifications"] == notification  # not the list that would sort after every real id
    assert "904" in stored(services, "mastodon")  # a notification's own id is only its place in the stream


def test_telegram_a_message_with_a_string_id_is_skipped_alone(caplog):
    source = telegram.TelegramSource("tg", frozenset({-100555}))
    source.feed({"message": MESSAGE})
    source.feed({"message": {**MESSAGE, "message_id": "13"}})
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        mentions, _ = source.poll(None)
    assert [m.id for m in mentions] == ["-100555:12"]
    assert source.last_poll.skipped == (
        ("-100555:13", "message_id: expected a whole number, got a JSON string ('13')"),)


@pytest.mark.parametrize(("to_mention", "item", "path", "kept"), [
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.score", lambda raw: raw),
    (partial(reddit.to_mention, stream="comments:Suomi"), THING, "data.edited", lambda raw: raw),
    (partial(mastodon.to_mention, stream="tag:nordea"), STATUS, "favourites_count", lambda raw: raw["status"]),
    (partial(bluesky_posts.to_mention, stream="tag:nordea"), POST, "record.score", lambda raw: raw["record"]),
])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), [1.0, float("-inf")]])
def test_nan_or_infinity_in_a_platforms_field_is_dropped_so_raw_is_json(to_mention, item, path, kept, value):
    """json (requests, prawcore) reads NaN and Infinity; raw keeps RFC 8259 JSON only and the post is never lost."""
    mention = convert(lambda: to_mention(with_field(item, path, value)))
    key = path.rsplit(".", 1)[-1]
    assert unstorable(mention) is None and key not in kept(mention.raw) and repr(key) in kept(mention.raw)["_dropped"]
    json.dumps(mention.raw, allow_nan=False)
