"""One item never stops a live source: extreme dates, unstorable text and unforeseen errors skip that item alone,
the rest of the poll goes in and the cursor moves (each source against its wire-format fake, real SQLite)."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.limits import MAX_FIELD_CHARS, MAX_RAW_DEPTH, MAX_RAW_FIELDS
from kuulo.bot.models import Mention
from kuulo.bot.sources.base import BadItem, Harvest, PollNotes
from kuulo.bot.sources.poller import poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.storage.cursors import get_cursor
from kuulo.storage.mentions import get_mention
from tests.conftest import T0

YEAR_0 = "0001-01-01T00:00:00+01:00"  # year 0 in UTC: datetime cannot hold it
PAST_9999 = "9999-12-31T23:59:59-05:00"  # year 10000 in UTC
LOG = "kuulo.bot.sources"


def stored(services, platform: str) -> set[str]:
    return {r[0] for r in services.db.execute("SELECT id FROM mentions WHERE platform = ?", (platform,))}


def poll(services, clock, cfg: SourceConfig, env: dict, caplog):
    with caplog.at_level(logging.WARNING, logger=LOG):
        return poll_once(services, cfg, build_source(cfg, env, clock=clock, db=services.db))


def at(minutes: float) -> str:
    """An ISO time `minutes` after 09:00 on the test day, as Bluesky writes it."""
    return (T0 - timedelta(hours=1, minutes=-minutes)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


BSKY_ENV = {"BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}
REDDIT_ENV = {"REDDIT_CLIENT_ID": "app-id", "REDDIT_CLIENT_SECRET": "app-secret", "REDDIT_USERNAME": "nordea",
              "REDDIT_PASSWORD": "hunter2"}


def bsky_cfg(fake) -> SourceConfig:
    return SourceConfig(name="bsky", type="bluesky", every_seconds=120, base_url=fake.base_url,
                        options={"handle": "nordeasuomi.bsky.social", "password_env": "BLUESKY_APP_PASSWORD",
                                 "hashtags": ("#nordea",)})


def masto_cfg(fake) -> SourceConfig:
    return SourceConfig(name="masto", type="mastodon", every_seconds=120, base_url=fake.base_url,
                        token_env="MASTODON_TOKEN", options={"hashtags": ["#nordea"]})


def reddit_cfg(fake) -> SourceConfig:
    return SourceConfig(name="reddit", type="reddit", every_seconds=120, base_url=fake.base_url,
                        options={"subreddits": ("r/Suomi",), "client_id_env": "REDDIT_CLIENT_ID",
                                 "client_secret_env": "REDDIT_CLIENT_SECRET", "username_env": "REDDIT_USERNAME",
                                 "password_env": "REDDIT_PASSWORD"})


def ig_cfg(fake) -> SourceConfig:
    return SourceConfig(name="insta", type="instagram", every_seconds=300, base_url=fake.base_url,
                        token_env="IG_TOKEN", options={"user_id": fake.user_id})


# --- the shared guard -------------------------------------------------------------------

def good(mention_id: str) -> Mention:
    return Mention(platform="x", id=mention_id, author="a", text="t", created_at=T0)


def test_any_error_of_one_item_is_logged_as_skipped_and_the_rest_goes_on(caplog):
    harvest = Harvest("feed")
    with caplog.at_level(logging.WARNING, logger=LOG):
        assert harvest.add("a", lambda: good("a")) is True
        assert harvest.add("b", lambda: 1 / 0) is False
        year_1 = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))
        assert harvest.add("c", lambda: year_1.astimezone(timezone.utc)) is False
        assert harvest.add("d", lambda: good("d")) is True
    assert [m.id for m in harvest.ordered()] == ["a", "d"]
    assert [i for i, _ in harvest.skipped] == ["b", "c"]
    assert "source feed: skipped item b: unexpected ZeroDivisionError: division by zero" in caplog.text
    assert "source feed: skipped item c: unexpected OverflowError: date value out of range" in caplog.text
    assert "Traceback" in caplog.text  # an error nobody foresaw keeps its traceback for the fix


def test_a_skipped_items_id_and_reason_reach_the_log_defused(caplog):
    """kuulo poll and kuulo run log to the terminal: a platform's id or words there must not steer it."""
    harvest = Harvest("masto")
    with caplog.at_level(logging.WARNING, logger=LOG):
        assert harvest.add("9\x1b]0;pwned\x07\u202e", lambda: 1 / 0) is False
        harvest.add("x" * 500, lambda: (_ for _ in ()).throw(ValueError("bad\x1b[2J\nline")))
    assert r"source masto: skipped item 9\x1b]0;pwned\x07\u202e: unexpected ZeroDivisionError" in caplog.text
    assert "skipped item " + "x" * 199 + "…: unexpected ValueError: bad\\x1b[2J↵line" in caplog.text
    assert not set("\x1b\x07\u202e") & set("".join(r.getMessage() for r in caplog.records))


@pytest.mark.parametrize("field, value, reason", [
    ("text", "half an emoji \ud83d", "text: contains an unpaired surrogate (not valid Unicode)"),
    ("like_count", 2**63, "like_count: expected a whole number that fits 64 bits"),
    ("url", {"href": "x"}, "url: expected a string, got dict"),
    ("created_at", datetime(2300, 1, 1, tzinfo=timezone.utc), "created_at: outside the years 1970–2199"),
    ("raw", {"k": "\udc80"}, "raw: cannot be stored as JSON (UnicodeEncodeError)"),
])
def test_a_mention_storage_cannot_hold_is_an_item_error_not_a_failed_batch(field, value, reason):
    harvest = Harvest("feed")
    bad = Mention(**{"platform": "x", "id": "b", "author": "a", "text": "t", "created_at": T0, field: value})
    assert harvest.add("b", lambda: bad) is False
    assert harvest.skipped == [("b", reason)]


def test_an_author_longer_than_an_import_allows_is_cut_and_the_post_kept():
    harvest = Harvest("feed")
    long = Mention(platform="x", id="b", author="A" * 20_000, text="t", created_at=T0)
    assert harvest.add("b", lambda: long) is True
    assert [len(m.author) for m in harvest.mentions.values()] == [MAX_FIELD_CHARS]


# --- each source ----------------------------------------------------------------------------

def test_bluesky_a_post_dated_year_0_or_in_the_future_keeps_its_indexed_time_and_the_source_goes_on(
        services, clock, fake_bluesky, caplog):
    cfg = bsky_cfg(fake_bluesky)
    first = fake_bluesky.add_post("#nordea eka", handle="eka.bsky.social", created_at=at(0))
    assert poll(services, clock, cfg, BSKY_ENV, caplog).new == 1
    year0 = fake_bluesky.add_post("#nordea toimiiko?", handle="matti.bsky.social", created_at=YEAR_0,
                                  indexed_at=at(10), rkey="3zero0000aa22")
    future = fake_bluesky.add_post("#nordea huomenna?", handle="liisa.bsky.social", created_at="2150-01-01T00:00:00Z",
                                   indexed_at=at(11))
    result = poll(services, clock, cfg, BSKY_ENV, caplog)
    assert (result.ok, result.new, result.skipped) == (True, 2, 0)
    assert get_mention(services.db, "bluesky", year0["uri"])["created_at"] == "2026-11-17T09:10:00+00:00"
    assert get_mention(services.db, "bluesky", future["uri"])["created_at"] == "2026-11-17T09:11:00+00:00"
    later = fake_bluesky.add_post("#nordea myöhemmin?", handle="anna.bsky.social", created_at=at(20))
    clock.advance(minutes=5)
    assert poll(services, clock, cfg, BSKY_ENV, caplog).new == 1  # the cursor moved on, nothing after is lost
    assert stored(services, "bluesky") == {first["uri"], year0["uri"], future["uri"], later["uri"]}


def test_bluesky_a_post_without_any_usable_time_is_an_item_error():
    from kuulo.bot.sources.bluesky_posts import to_mention

    post = {"uri": "at://did:plc:x/app.bsky.feed.post/3far", "author": {"did": "did:plc:x", "handle": "x.bsky.social"},
            "record": {"$type": "app.bsky.feed.post", "text": "hei", "createdAt": PAST_9999}, "indexedAt": "eilen"}
    with pytest.raises(BadItem, match=r"^createdAt and indexedAt outside the years 1970–2199 \('9999-12-31T23"):
        to_mention(post, "tag:nordea")


def test_bluesky_a_future_post_without_an_indexed_time_cannot_move_the_cursor_past_later_posts(
        services, clock, fake_bluesky, caplog):
    cfg = bsky_cfg(fake_bluesky)
    fake_bluesky.add_post("#nordea eka", handle="eka.bsky.social", created_at=at(0))
    poll(services, clock, cfg, BSKY_ENV, caplog)
    future = fake_bluesky.add_post("#nordea 2150?", handle="liisa.bsky.social", created_at="2150-01-01T00:00:00Z")
    fake_bluesky.replace_post(future["uri"], {k: v for k, v in future.items() if k != "indexedAt"})
    poll(services, clock, cfg, BSKY_ENV, caplog)
    seen = json.loads(get_cursor(services.db, "bsky"))["tag:nordea"]["seen"]
    assert datetime.fromisoformat(seen) <= clock.now() + timedelta(minutes=5)
    clock.advance(minutes=10)
    later = fake_bluesky.add_post("#nordea myöhemmin?", handle="anna.bsky.social", created_at=at(65))
    assert poll(services, clock, cfg, BSKY_ENV, caplog).new == 1
    assert later["uri"] in stored(services, "bluesky")


def test_rss_an_item_dated_year_0_or_10000_is_kept_dated_by_first_sight_with_a_warning(services, clock, fake_feeds,
                                                                                         caplog):
    items = "".join(f'<item><title>{title}</title><guid isPermaLink="false">{guid}</guid>'
                    f"<pubDate>{date}</pubDate></item>" for
                    title, guid, date in [("Nordea vastaa", "ok-1", "Tue, 17 Nov 2026 09:40:00 GMT"),
                                          ("Vuosi nolla", "zero", YEAR_0),
                                          ("Vuosi 10000", "far", PAST_9999),
                                          ("Nordea taas", "ok-2", "Tue, 17 Nov 2026 09:45:00 GMT")])
    fake_feeds.publish("/f.xml", f'<rss version="2.0"><channel><title>Uutiset</title>{items}</channel></rss>')
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/f.xml")})
    result = poll(services, clock, cfg, {}, caplog)
    assert (result.ok, result.new, result.skipped) == (True, 4, 0)
    of_feed = lambda guid: fake_feeds.url("/f.xml") + f"#{guid}"  # a guid of its feed
    assert stored(services, "rss") == {of_feed(guid) for guid in ("ok-1", "zero", "far", "ok-2")}
    for odd in ("zero", "far"):
        row = get_mention(services.db, "rss", of_feed(odd))
        assert row["created_at"] == clock.now().isoformat()
        assert json.loads(row["raw"])["created_at_from"] == "first_seen"
    assert get_mention(services.db, "rss", of_feed("ok-1"))["created_at"] == "2026-11-17T09:40:00+00:00"
    assert result.warnings == (
        f"item 'zero': date '{YEAR_0}': outside the years 1970–2199; dated by Kuulo's first sight of it",
        f"item 'far': date '{PAST_9999}': outside the years 1970–2199; dated by Kuulo's first sight of it")
    assert "source uutiset: item 'zero': date" in caplog.text and "skipped" not in caplog.text
    assert sorted(json.loads(get_cursor(services.db, "uutiset"))["seen"]) == ["far", "ok-1", "ok-2", "zero"]
    assert poll(services, clock, cfg, {}, caplog).warnings == ()  # said once, when the item is new


def test_rss_a_date_feedparser_cannot_read_is_said_too(services, clock, fake_feeds, caplog):
    item = '<item><title>Nordea?</title><guid isPermaLink="false">eilen</guid><pubDate>eilen \x1b[31m</pubDate></item>'
    fake_feeds.publish("/f.xml", f'<rss version="2.0"><channel><title>Uutiset</title>{item}</channel></rss>')
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/f.xml")})
    result = poll(services, clock, cfg, {}, caplog)
    assert (result.new, result.warnings) == (1, (
        "item 'eilen': date 'eilen \\x1b[31m': not a date feedparser reads; dated by Kuulo's first sight of it",))


def test_mastodon_a_status_dated_year_0_is_skipped_and_the_rest_goes_in(services, clock, fake_mastodon, caplog):
    good_one = fake_mastodon.add_status("@NordeaSuomi toimiiko?", acct="asiakas", created_at="2026-11-17T09:00:00Z",
                                        mention=True)
    broken = fake_mastodon.add_status("@NordeaSuomi hei", acct="matti", created_at=YEAR_0, mention=True)
    surrogate = fake_mastodon.add_status("@NordeaSuomi \ud83d", acct="liisa", created_at="2026-11-17T09:02:00Z",
                                         mention=True)
    result = poll(services, clock, masto_cfg(fake_mastodon), {"MASTODON_TOKEN": "masto-test-token"}, caplog)
    assert (result.ok, result.skipped) == (True, 2)
    assert stored(services, "mastodon") == {good_one["id"]}
    assert "skipped item notifications" in caplog.text and "created_at outside the years 1970–2199" in caplog.text
    assert "text: contains an unpaired surrogate" in caplog.text and broken["id"] not in stored(services, "mastodon")
    assert surrogate["id"] not in stored(services, "mastodon")


def test_reddit_an_item_with_an_impossible_created_utc_is_skipped(services, clock, fake_reddit, caplog):
    first = fake_reddit.add_post("Miksi Nordean verkkopankki ei toimi?", author="asiakas", subreddit="Suomi",
                                 created_utc=T0.timestamp() - 3600)
    huge = fake_reddit.add_post("Nordea?", author="matti", subreddit="Suomi", created_utc=1e20)
    nan = fake_reddit.add_post("Nordea??", author="liisa", subreddit="Suomi", created_utc=T0.timestamp() - 3480,
                               raw={"created_utc": -5.0, "score": 10**30})
    result = poll(services, clock, reddit_cfg(fake_reddit), REDDIT_ENV, caplog)
    assert (result.ok, result.new, result.skipped) == (True, 1, 2)
    assert stored(services, "reddit") == {first["name"]}
    assert f"skipped item posts:Suomi {huge['name']}: created_utc outside the years 1970–2199 (1e+20)" in caplog.text
    assert f"skipped item posts:Suomi {nan['name']}: created_utc outside the years 1970–2199 (-5.0)" in caplog.text
    assert poll(services, clock, reddit_cfg(fake_reddit), REDDIT_ENV, caplog).ok  # the next poll reads on


def test_instagram_a_comment_dated_year_0_is_skipped_and_the_rest_goes_in(services, clock, fake_instagram, caplog):
    post = fake_instagram.add_media("Uusi kortti on täällä! #nordea", timestamp="2026-11-17T08:00:00+0000")
    asked = fake_instagram.add_comment(post["id"], "Nordea, miksi korttini ei toimi?", username="asiakas_fi",
                                       timestamp="2026-11-17T09:00:00+0000")
    fake_instagram.add_comment(post["id"], "ignored", username="x", timestamp="x",
                               raw={"id": "17999000000000003", "text": "Nordea?",
                                    "timestamp": "0001-01-01T00:00:00+0100",
                                    "username": "matti"})
    fake_instagram.add_comment(post["id"], "ignored", username="x", timestamp="x",
                               raw={"id": "17999000000000004", "text": "Nordea?",
                                    "timestamp": "2026-11-17T09:03:00+0000",
                                    "username": "liisa", "like_count": 10**40})
    result = poll(services, clock, ig_cfg(fake_instagram), {"IG_TOKEN": "ig-test-token"}, caplog)
    assert (result.ok, result.skipped) == (True, 1)
    assert stored(services, "instagram") == {post["id"], asked["id"], "17999000000000004"}
    assert ("source insta: skipped item comment 17999000000000003: timestamp outside the years 1970–2199"
            in caplog.text)
    assert get_mention(services.db, "instagram", "17999000000000004")["like_count"] is None  # not worth a post



def test_bluesky_hashtags_written_by_the_client_are_bounded():
    from kuulo.bot.sources.bluesky_posts import to_mention

    record = {"$type": "app.bsky.feed.post", "text": "hei", "createdAt": "2026-11-17T09:00:00Z",
              "tags": ["ok", "a" * 300_000, "nul\u0000", *[f"t{n}" for n in range(200)]]}
    post = {"uri": "at://did:plc:x/app.bsky.feed.post/3k", "author": {"did": "did:plc:x", "handle": "x.bsky.social"},
            "record": record, "indexedAt": "2026-11-17T09:00:01Z"}
    tags = to_mention(post, "tag:nordea").hashtags
    assert tags[:2] == ("#ok", "#t0") and len(tags) == 100 and max(map(len, tags)) <= 141


class _Fixed:
    """A source that returns the same mentions on every poll."""

    name, platform = "stub", "x"

    def __init__(self, mentions: list[Mention]):
        self.mentions, self.last_poll = mentions, PollNotes()

    def poll(self, cursor):
        return list(self.mentions), "cursor-after"


def test_a_post_that_breaks_storing_is_skipped_alone_and_the_cursor_still_moves(services, monkeypatch, caplog):
    engine_type = type(services.pipeline.engine)
    real = engine_type.evaluate

    def evaluate(self, text, **kw):  # a bug in the rules met by one post's content
        if "boom" in text:
            raise ValueError("a rules bug")
        return real(self, text, **kw)

    monkeypatch.setattr(engine_type, "evaluate", evaluate)
    posts = [Mention(platform="x", id=i, author="matti", text=text, created_at=T0)
             for i, text in (("1", "Nordea, miksi?"), ("2", "boom Nordea?"), ("3", "Nordea taas?"))]
    cfg = SourceConfig(name="stub", type="rss", every_seconds=60, options={"url": "https://f.example"})
    with caplog.at_level(logging.WARNING, logger=LOG):
        result = poll_once(services, cfg, _Fixed(posts))
    assert (result.ok, result.new, result.skipped) == (True, 2, 1)
    assert stored(services, "x") == {"1", "3"}
    assert get_cursor(services.db, "stub") == "cursor-after"
    assert "source stub: skipped item 2: not stored: ValueError: a rules bug" in caplog.text


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_mastodon_raw_stays_bounded_however_deep_or_large_the_status(services, clock, fake_mastodon, caplog):
    status = fake_mastodon.add_status("@NordeaSuomi toimiiko?", acct="asiakas", created_at="2026-11-17T09:00:00Z")
    hostile = {**status, "x_deep": nested(400), "x_huge": "a" * 200_000,
               **{f"x_{n}": n for n in range(MAX_RAW_FIELDS)}}
    fake_mastodon.add_notification(None, raw={"type": "mention", "created_at": status["created_at"],
                                              "account": status["account"], "status": hostile})
    result = poll(services, clock, masto_cfg(fake_mastodon), {"MASTODON_TOKEN": "masto-test-token"}, caplog)
    assert (result.ok, result.new, result.skipped) == (True, 1, 0)
    raw = get_mention(services.db, "mastodon", status["id"])["raw"]
    kept = json.loads(raw)["status"]
    assert {"'x_deep'", "'x_huge'"} <= set(kept["_dropped"]) and "x_deep" not in kept and "x_huge" not in kept
    assert kept["id"] == status["id"] and len(kept) <= MAX_RAW_FIELDS + 1 and len(raw) < 60_000


def test_mastodon_a_status_nested_past_the_recursion_limit_is_kept_without_that_field():
    from kuulo.bot.sources.mastodon import to_mention

    status = {"id": "1130", "created_at": "2026-11-17T09:00:00.000Z", "content": "<p>Nordea?</p>",
              "account": {"id": "7", "acct": "matti"}, "x_deep": nested(50_000)}
    mention = to_mention(status, "tag:nordea")  # no RecursionError
    assert mention.raw["status"]["_dropped"] == ["'x_deep'"]  # named as an import names a dropped field


def test_bluesky_a_record_stays_bounded():
    from kuulo.bot.sources.bluesky_posts import to_mention

    post = {"uri": "at://did:plc:x/app.bsky.feed.post/3k", "author": {"did": "did:plc:x", "handle": "x.bsky.social"},
            "indexedAt": "2026-11-17T09:00:01Z",
            "record": {"$type": "app.bsky.feed.post", "text": "hei", "createdAt": "2026-11-17T09:00:00Z",
                       "x_deep": nested(MAX_RAW_DEPTH + 5), "x_huge": "a" * 100_000}}
    record = to_mention(post, "tag:nordea").raw["record"]
    assert record["text"] == "hei" and record["_dropped"] == ["'x_deep'", "'x_huge'"]
