"""The same item twice in one platform answer: the first copy is kept and the second ignored, not stored twice, not
counted twice as new or skipped, and the cursor is what one copy gives (each source through its wire-format fake)."""

from __future__ import annotations

import json

from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.sources.poller import poll_once
from kuulo.bot.sources.telegram import TelegramSource
from kuulo.storage.cursors import get_cursor
from tests.conftest import T0
from tests.test_sources_answers import IG_ENV, MASTO_ENV
from tests.test_sources_hostile import (BSKY_ENV, REDDIT_ENV, at, bsky_cfg, ig_cfg, masto_cfg, poll, reddit_cfg,
                                        stored)

LOG = "kuulo.bot.sources"


def skips_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "skipped item" in r.getMessage()]


def test_rss_an_item_twice_in_the_feed_is_one_item(services, clock, fake_feeds, caplog):
    item = ('<item><title>Nordea vastaa{}</title><guid isPermaLink="false">twice</guid>'
            "<pubDate>Tue, 17 Nov 2026 09:40:00 GMT</pubDate></item>")
    fake_feeds.publish("/f.xml", '<rss version="2.0"><channel><title>Uutiset</title>'
                                 f'{item.format("")}{item.format(" taas")}</channel></rss>')
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/f.xml")})
    result = poll(services, clock, cfg, {}, caplog)
    assert (result.new, result.duplicates, result.skipped) == (1, 0, 0)
    assert json.loads(get_cursor(services.db, "uutiset"))["seen"] == ["twice"]
    text = services.db.execute("SELECT text FROM mentions WHERE id = ?", (fake_feeds.url("/f.xml") + "#twice",)
                               ).fetchone()[0]
    assert text == "Nordea vastaa"  # the first copy


def test_rss_a_bad_item_twice_in_the_feed_is_skipped_once(services, clock, fake_feeds, monkeypatch, caplog):
    import kuulo.bot.sources.rss as rss

    def broken(*args, **kwargs):
        raise ValueError("a bug met by this item")

    item = '<item><title>Nordea?</title><guid isPermaLink="false">odd</guid></item>'
    fake_feeds.publish("/f.xml", f'<rss version="2.0"><channel><title>Uutiset</title>{item}{item}</channel></rss>')
    monkeypatch.setattr(rss, "to_mention", broken)
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/f.xml")})
    result = poll(services, clock, cfg, {}, caplog)
    assert (result.ok, result.new, result.skipped) == (True, 0, 1)
    assert len(skips_logged(caplog)) == 1


def test_mastodon_a_status_twice_in_one_page_is_one_post_and_one_skip(services, clock, fake_mastodon, caplog):
    first = fake_mastodon.add_status("#nordea toimiiko?", acct="asiakas", created_at="2026-11-17T09:00:00.000Z")
    broken = {**fake_mastodon.add_status("#nordea hei", acct="matti", created_at="2026-11-17T09:01:00.000Z"),
              "created_at": "eilen"}
    fake_mastodon.answer_next("/api/v1/timelines/tag/nordea", [broken, broken, first, {**first, "content": "x"}])
    result = poll(services, clock, masto_cfg(fake_mastodon), MASTO_ENV, caplog)
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 1, 0, 1)
    assert len(skips_logged(caplog)) == 1
    assert json.loads(get_cursor(services.db, "masto"))["tag:nordea"] == broken["id"]
    text = services.db.execute("SELECT text FROM mentions WHERE id = ?", (first["id"],)).fetchone()[0]
    assert text == "#nordea toimiiko?"


def test_bluesky_a_post_twice_in_one_page_is_one_post_and_one_skip(services, clock, fake_bluesky, caplog):
    post = fake_bluesky.add_post("#nordea toimiiko?", handle="asiakas.bsky.social", created_at=at(0))
    broken = {**post, "uri": post["uri"] + "b", "author": {"did": "did:plc:x"}}
    fake_bluesky.answer_next("app.bsky.feed.searchPosts", {"posts": [post, broken, post, broken]})
    result = poll(services, clock, bsky_cfg(fake_bluesky), BSKY_ENV, caplog)
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 1, 0, 1)
    assert len(skips_logged(caplog)) == 1
    recent = json.loads(get_cursor(services.db, "bsky"))["tag:nordea"]["recent"]
    assert set(recent) == {post["uri"], broken["uri"]}


def test_reddit_a_thing_twice_in_one_listing_is_one_post_and_one_skip(services, clock, fake_reddit, caplog):
    post = fake_reddit.add_post("Nordea?", author="asiakas", subreddit="Suomi", created_utc=T0.timestamp() - 60)
    bad = fake_reddit.add_post("Nordea??", author="matti", subreddit="Suomi", created_utc=T0.timestamp() - 30,
                               raw={"created_utc": "eilen"})
    things = [{"kind": "t3", "data": d} for d in (bad, post, bad, {**post, "title": "x"})]
    fake_reddit.answer_next("/r/Suomi/new", {"kind": "Listing", "data": {"after": None, "before": None,
                                                                         "children": things}})
    result = poll(services, clock, reddit_cfg(fake_reddit), REDDIT_ENV, caplog)
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 1, 0, 1)
    assert len(skips_logged(caplog)) == 1
    assert stored(services, "reddit") == {post["name"]}
    assert json.loads(get_cursor(services.db, "reddit"))["posts:Suomi"]["name"] == bad["name"]


def test_instagram_media_and_comments_twice_in_one_page_are_counted_once(services, clock, fake_instagram, caplog):
    media = fake_instagram.add_media("Uusi kortti! #nordea", timestamp="2026-11-17T08:00:00+0000")
    comment = fake_instagram.add_comment(media["id"], "Nordea, miksi?", username="asiakas",
                                         timestamp="2026-11-17T09:00:00+0000")
    bad = fake_instagram.add_comment(media["id"], "Nordea?", username="matti", timestamp="eilen")
    listed = {k: v for k, v in media.items()} | {"comments_count": 2, "like_count": 0}
    fake_instagram.answer_next(f"/{fake_instagram.user_id}/media", {"data": [listed, listed]})
    view = lambda c: {k: c[k] for k in ("id", "text", "timestamp", "username", "from")}  # noqa: E731
    fake_instagram.answer_next(f"/{media['id']}/comments", {"data": [view(bad), view(comment), view(bad),
                                                                     view(comment)]})
    result = poll(services, clock, ig_cfg(fake_instagram), IG_ENV, caplog)
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 2, 0, 1)
    assert len(skips_logged(caplog)) == 1
    state = json.loads(get_cursor(services.db, "insta"))
    assert state["media"]["ids"] == [media["id"]]
    assert state["comments"][media["id"]] == {"skipped": [bad["id"]]}  # the malformed one: not logged again


def test_telegram_the_same_message_fed_twice_is_one_post(services, clock):
    message = {"message_id": 12, "date": int(T0.timestamp()) - 60, "text": "Nordea, miksi?",
               "chat": {"id": -100555, "type": "supergroup"}, "from": {"id": 333, "first_name": "Matti"}}
    bad = {**message, "message_id": 13, "date": "eilen"}
    source = TelegramSource("tg", frozenset({-100555}))
    for update in (message, bad, message, bad):
        source.feed({"message": update})
    source.advance(5)
    cfg = SourceConfig(name="tg", type="telegram", every_seconds=60, options={"chats": ("-100555",)})
    result = poll_once(services, cfg, source)
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 1, 0, 1)
