"""A platform answer of the wrong shape (a list where an object is expected, null, a string, an object where a list is)
fails the poll with a TransportError naming the source, the call and what came; never an AttributeError or TypeError.
The platform's own error text in a message is one line and cut. Each source against its wire-format fake."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import TransportError
from kuulo.bot.limits import SHOWN_TEXT_CHARS
from kuulo.bot.sources.answers import described, expect_list, expect_object, kind
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.telegram import TelegramSource
from tests.test_sources_hostile import BSKY_ENV, REDDIT_ENV, bsky_cfg, ig_cfg, masto_cfg, reddit_cfg

MASTO_ENV, IG_ENV = {"MASTODON_TOKEN": "masto-test-token"}, {"IG_TOKEN": "ig-test-token"}
JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False,
                                                                                        allow_infinity=False)
                    | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=8)
FAKE_SETTINGS = settings(max_examples=60, deadline=None)
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


def list_problem(answer: Any) -> str | None:
    """What a source must say of an answer that should be a list (None: it reads it)."""
    return None if isinstance(answer, list) else f"expected a list, got {kind(answer)}"


def object_problem(field: str) -> Callable[[Any], str | None]:
    """What a source must say of an answer that should be an object whose `field` is a list."""
    def problem(answer: Any) -> str | None:
        if not isinstance(answer, dict):
            return f"expected an object, got {kind(answer)}"
        found = answer.get(field)
        return None if isinstance(found, list) else f"{field}: expected a list, got {kind(found)}"
    return problem


def listing_problem(answer: Any) -> str | None:
    """What the Reddit source must say of an answer that should be a Listing."""
    if not isinstance(answer, dict):
        return f"expected an object, got {kind(answer)}"
    if answer.get("kind") != "Listing":
        return f"kind: expected 'Listing', got {described(answer.get('kind'))}"
    data = answer.get("data")
    if not isinstance(data, dict):
        return f"data: expected an object, got {kind(data)}"
    children = object_problem("children")(data)
    return children and "data." + children


def graph_problem(answer: Any) -> str | None:
    """What the Instagram source must say of an answer that should be a Graph list."""
    problem = object_problem("data")(answer)
    if problem or "error" in answer:
        return problem or ANY  # a Graph error, however it is shaped: refused
    paging = answer.get("paging", {})
    if not isinstance(paging, dict):
        return f"paging: expected an object, got {kind(paging)}"
    return ANY if paging.get("next") else None  # a next page asked of the fake: whatever it answers


ANY = "(any TransportError)"
SHAPES = [  # (the fake's fixture, the source's config, env, the call, what must be said of an answer)
    ("fake_mastodon", masto_cfg, MASTO_ENV, "/api/v1/notifications", list_problem),
    ("fake_bluesky", bsky_cfg, BSKY_ENV, "app.bsky.feed.searchPosts", object_problem("posts")),
    ("fake_reddit", reddit_cfg, REDDIT_ENV, "/r/Suomi/new", listing_problem),
    ("fake_instagram", ig_cfg, IG_ENV, "/17841400000000001/media", graph_problem),
]


@pytest.mark.parametrize("fake_name, cfg, env, path, problem", SHAPES, ids=[row[0][5:] for row in SHAPES])
def test_any_answer_to_a_poll_is_read_or_refused_by_its_shape(request, clock, fake_name, cfg, env, path, problem):
    fake = request.getfixturevalue(fake_name)
    config = cfg(fake)

    @FAKE_SETTINGS
    @given(answer=JSON)
    def check(answer: Any) -> None:
        fake.answer_next(path, answer)
        error, said = polled(config, env, clock), problem(answer)
        if said is None:
            assert error is None  # its items are read or skipped one by one
        elif said != ANY:
            assert error == f"{config.type} {config.name}: unusable answer from {path}: {said}"
        else:
            assert error is not None

    check()


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
