"""A platform answer of the wrong shape (a list where an object is expected, null, a string, an object where a list is)
fails the poll with a TransportError naming the source, the call and what came; never an AttributeError or TypeError.
The platform's own error text in a message is one line and cut. Each source against its wire-format fake."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import TransportError
from kuulo.bot.limits import SHOWN_TEXT_CHARS
from kuulo.bot.sources.answers import expect_list, expect_object, kind
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.telegram import TelegramSource
from tests.test_sources_hostile import BSKY_ENV, REDDIT_ENV, bsky_cfg, ig_cfg, masto_cfg, reddit_cfg

MASTO_ENV, IG_ENV = {"MASTODON_TOKEN": "masto-test-token"}, {"IG_TOKEN": "ig-test-token"}
JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False,
                                                                                        allow_infinity=False)
                    | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=8)
FAKE_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HOSTILE = "\x1b]0;owned\x07\x1b[31mbad\nrequest\u202e" + "x" * 1_000


def polled(cfg: SourceConfig, env: dict, clock) -> str | None:
    """The TransportError of one poll of a freshly built source, or None when the poll went through."""
    try:
        build_source(cfg, env, clock=clock).poll(None)
    except TransportError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize("value, said", [([], "a JSON list"), ({}, "a JSON object"), (None, "nothing"),
                                         ("", "an empty string"), ("x", "a JSON string"), (3.5, "a JSON number"),
                                         (True, "JSON true")])
def test_kind_says_what_a_json_value_is(value, said):
    assert kind(value) == said


def test_the_checks_name_the_source_the_call_and_the_field():
    with pytest.raises(TransportError, match="^bluesky bsky: unusable answer from app.bsky.feed.searchPosts: "
                                             "expected an object, got a JSON list$"):
        expect_object([], "bluesky bsky", "app.bsky.feed.searchPosts")
    with pytest.raises(TransportError, match="^instagram insta: unusable answer from /1/media: data: expected a list, "
                                             "got a JSON string$"):
        expect_list("x", "instagram insta", "/1/media", "data")
    assert expect_list([1], "w", "p") == [1] and expect_object({"a": 1}, "w", "p") == {"a": 1}


@FAKE_SETTINGS
@given(answer=JSON)
def test_mastodon_any_answer_to_a_list_call_is_read_or_refused_by_shape(fake_mastodon, clock, answer):
    fake_mastodon.answer_next("/api/v1/notifications", answer)
    error = polled(masto_cfg(fake_mastodon), MASTO_ENV, clock)
    if not isinstance(answer, list):
        assert error == ("mastodon masto: unusable answer from /api/v1/notifications: expected a list, got "
                         + kind(answer))
    else:
        assert error is None  # its items are read or skipped one by one


@pytest.mark.parametrize("path, answer, said", [
    ("/api/v1/accounts/verify_credentials", [], "expected an object, got a JSON list"),
    ("/api/v1/accounts/verify_credentials", {"id": ["109001"]}, "id: expected a string, got a JSON list (['109001'])"),
    ("/api/v1/timelines/tag/nordea", {"data": "x"}, "expected a list, got a JSON object"),
    ("/api/v2/search", [], "expected an object, got a JSON list"),  # Mastodon.py itself stumbles over this one
    ("/api/v2/search", {"statuses": "x"}, "statuses: expected a list, got a JSON string"),
])
def test_mastodon_each_call_of_a_poll_checks_its_answer(fake_mastodon, clock, path, answer, said):
    cfg = masto_cfg(fake_mastodon)
    cfg = SourceConfig(**{**{f: getattr(cfg, f) for f in cfg.__slots__}, "options": {"hashtags": ["#nordea"],
                                                                                    "search": ["nordea"]}})
    fake_mastodon.answer_next(path, answer)
    assert polled(cfg, MASTO_ENV, clock) == f"mastodon masto: unusable answer from {path}: {said}"


def test_mastodon_the_servers_words_in_an_error_are_one_cut_line(fake_mastodon, clock):
    fake_mastodon.answer_next("/api/v1/accounts/verify_credentials", {"error": HOSTILE}, status=422)
    error = polled(masto_cfg(fake_mastodon), MASTO_ENV, clock)
    assert error.startswith("mastodon masto: request refused (") and "\x1b" not in error and "\n" not in error
    assert "\\x1b]0;owned\\x07\\x1b[31mbad↵request\\u202e" in error and len(error) < SHOWN_TEXT_CHARS + 100


@FAKE_SETTINGS
@given(answer=JSON)
def test_bluesky_any_answer_to_a_search_is_read_or_refused_by_shape(fake_bluesky, clock, answer):
    fake_bluesky.answer_next("app.bsky.feed.searchPosts", answer)
    error = polled(bsky_cfg(fake_bluesky), BSKY_ENV, clock)
    where = "bluesky bsky: unusable answer from app.bsky.feed.searchPosts: "
    if not isinstance(answer, dict):
        assert error == where + "expected an object, got " + kind(answer)
    elif not isinstance(answer.get("posts"), list):
        assert error == where + "posts: expected a list, got " + kind(answer.get("posts"))
    else:
        assert error is None


def test_bluesky_a_lookup_answered_in_the_wrong_shape_fails_and_says_no_post_is_gone(fake_bluesky, clock):
    source = build_source(bsky_cfg(fake_bluesky), BSKY_ENV, clock=clock)
    post = fake_bluesky.add_post("#nordea eka", handle="eka.bsky.social", created_at="2026-11-17T09:00:00.000Z")
    fake_bluesky.answer_next("app.bsky.feed.getPosts", {"posts": "x"})
    [(state, detail)] = [(found.state, found.detail) for found in source.lookup([post["uri"]]).values()]
    assert (state, detail) == ("failed", "bluesky bsky: unusable answer from app.bsky.feed.getPosts: posts: expected "
                                         "a list, got a JSON string")


def test_bluesky_the_servers_words_in_an_error_are_one_cut_line(fake_bluesky, clock):
    fake_bluesky.answer_next("app.bsky.feed.searchPosts", {"error": "InvalidRequest", "message": HOSTILE}, status=400)
    error = polled(bsky_cfg(fake_bluesky), BSKY_ENV, clock)
    assert error.startswith("bluesky bsky: request refused (HTTP 400 InvalidRequest: \\x1b]0;owned")
    assert "\n" not in error and len(error) < SHOWN_TEXT_CHARS + 100


@FAKE_SETTINGS
@given(answer=JSON)
def test_reddit_any_answer_to_a_listing_is_read_or_refused_by_shape(fake_reddit, clock, answer):
    fake_reddit.answer_next("/r/Suomi/new", answer)
    error = polled(reddit_cfg(fake_reddit), REDDIT_ENV, clock)
    where = "reddit reddit: unusable answer from /r/Suomi/new: "
    if not isinstance(answer, dict):
        assert error == where + "expected an object, got " + kind(answer)
    elif answer.get("kind") != "Listing":
        assert error.startswith(where + "kind: expected 'Listing', got ")
    else:
        assert error is None or error.startswith(where + "data")


@FAKE_SETTINGS
@given(answer=JSON)
def test_instagram_any_answer_to_a_list_is_read_or_refused_by_shape(fake_instagram, clock, answer):
    fake_instagram.answer_next(f"/{fake_instagram.user_id}/media", answer)
    error = polled(ig_cfg(fake_instagram), IG_ENV, clock)
    where = f"instagram insta: unusable answer from /{fake_instagram.user_id}/media: "
    if not isinstance(answer, dict):
        assert error == where + "expected an object, got " + kind(answer)
    elif "error" in answer:
        assert error.startswith("instagram insta: request refused (HTTP 200")  # a Graph error, however it is shaped
    elif not isinstance(answer.get("data"), list):
        assert error == where + "data: expected a list, got " + kind(answer.get("data"))
    else:
        assert error is None or error.startswith(where + "paging")


@pytest.mark.parametrize("answer, said", [
    ([], "expected an object, got a JSON list"),
    ({"data": [], "paging": {"next": "https://graph.facebook.com/v26.0/x?after=QQ", "cursors": []}},
     "paging.cursors: expected an object, got a JSON list"),
    ({"data": [], "paging": {"next": "https://graph.facebook.com/v26.0/x?after=QQ", "cursors": {"after": 5}}},
     "paging.cursors.after: expected a string, got a JSON number"),
])
def test_instagram_a_top_level_list_or_broken_paging_is_refused(fake_instagram, clock, answer, said):
    fake_instagram.answer_next(f"/{fake_instagram.user_id}/media", answer)
    assert polled(ig_cfg(fake_instagram), IG_ENV, clock) == (
        f"instagram insta: unusable answer from /{fake_instagram.user_id}/media: {said}")


def test_instagram_the_graphs_words_in_an_error_are_one_cut_line(fake_instagram, clock):
    fake_instagram.answer_next(f"/{fake_instagram.user_id}/media", {"error": {"message": HOSTILE, "code": 100}},
                               status=400)
    error = polled(ig_cfg(fake_instagram), IG_ENV, clock)
    assert error.startswith("instagram insta: request refused (HTTP 400, code 100: \\x1b]0;owned\\x07")
    assert "\n" not in error and len(error) < SHOWN_TEXT_CHARS + 100


@settings(max_examples=100, deadline=None)
@given(update=JSON)
def test_telegram_any_update_is_fed_read_or_skipped(update):
    source = TelegramSource("tg", frozenset({-1005550000001}))
    source.feed(update)
    source.feed({"message": update})
    mentions, _ = source.poll(None)  # never raises: a message of the wrong shape is one skipped item
    assert len(mentions) + len(source.last_poll.skipped) <= 1
