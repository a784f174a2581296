"""Property tests: whatever a line or an item holds (arbitrary bytes, JSON and dates), the import parser and every
source's item conversion give a Mention that storage can hold, or their named error; never another exception. And
`kuulo import` of a file mixing good and hostile lines stores every good line."""

from __future__ import annotations

import importlib
import io
import json
import tempfile
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any, Callable

from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from kuulo.bot.cli import cli
from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_csv import parse_csv_record
from kuulo.bot.import_json import parse_json_line
from kuulo.bot.import_record import parse_record
from kuulo.bot.importer import read_rows
from kuulo.bot.models import Mention, unstorable
from kuulo.bot.sources import bluesky_posts, instagram, mastodon, reddit, rss
from kuulo.bot.sources.base import BadItem, convert
from kuulo.storage.db import open_db

importlib.import_module("kuulo.bot.commands")  # registers `import` on `cli`

BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 11, 17, 10, tzinfo=timezone.utc)

# --- strategies ----------------------------------------------------------------------------

scalars = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
offsets = st.builds(timezone, st.timedeltas(min_value=timedelta(hours=-23, minutes=59),
                                            max_value=timedelta(hours=23, minutes=59)).map(
    lambda d: timedelta(minutes=d // timedelta(minutes=1))))
aware = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59), timezones=offsets)
edge_dates = st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "9999-12-31T23:59:59Z",
                              "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2026-11-17T08:14:00",
                              "2026-11-17T08:14:00+0200", "NaN", "1e400", "-1", "", "eilen"])
dates = (aware.map(datetime.isoformat) | aware.map(lambda d: d.isoformat().replace("+00:00", "Z")) | aware
         | st.datetimes() | edge_dates | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | json_values)
texts = st.text() | st.sampled_from(["\ud83d half", "nul\x00", "x" * 3000, "", " "])


def with_hostile_values(base: dict[str, Any], keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A well-formed record with some of its fields (or any new ones) replaced by arbitrary values and dates."""
    values = json_values | texts | dates
    return st.builds(lambda changes, drop: {k: v for k, v in {**base, **changes}.items() if k not in drop},
                     st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), values, max_size=4),
                     st.sets(st.sampled_from(keys), max_size=2))


def assert_mention_or(error: type[Exception], build: Callable[[], Any]) -> None:
    """build() returns a storable Mention (or None, or a Mention with notes) or raises `error`; nothing else."""
    try:
        result = build()
    except error as exc:
        assert str(exc), "a named error says why"
        return
    mention = result[0] if isinstance(result, tuple) else result
    if mention is not None:
        assert isinstance(mention, Mention) and unstorable(mention) is None


# --- the import parser ------------------------------------------------------------------------

IMPORT_KEYS = ["platform", "id", "author", "text", "created_at", "in_reply_to", "url", "lang", "author_id",
               "hashtags", "media_url", "like_count", "comment_count"]
GOOD = {"platform": "x", "id": "1", "author": "matti", "text": "Nordea?", "created_at": "2026-11-17T08:14:00Z"}


@BOUNDED
@given(st.binary(max_size=300) | st.builds(lambda d: json.dumps(d).encode(), json_values)
       | st.builds(lambda d: json.dumps(d, default=str).encode(), with_hostile_values(GOOD, IMPORT_KEYS)))
def test_import_line_is_a_mention_or_a_named_error(line):
    assert_mention_or(ImportRowError, lambda: parse_json_line(line))


@BOUNDED
@given(with_hostile_values(GOOD, IMPORT_KEYS) | json_values)
def test_import_record_with_arbitrary_values_and_dates(record):
    assert_mention_or(ImportRowError, lambda: parse_record(record))


@BOUNDED
@given(st.dictionaries(st.sampled_from(IMPORT_KEYS) | st.text(max_size=5), st.text(max_size=40)
                       | st.sampled_from(["[#nordea", "[[[[", "9" * 30, "0001-01-01T00:00:00+01:00"]), max_size=8))
def test_csv_record_with_arbitrary_cells(cells):
    assert_mention_or(ImportRowError, lambda: parse_csv_record({**{k: str(v) for k, v in GOOD.items()}, **cells}))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=80), max_size=6), st.sampled_from(["p.jsonl", "p.csv", "stdin"]))
def test_every_line_of_any_stream_is_a_row_and_no_guess_was_needed(lines, name):
    for row in read_rows(io.BytesIO(b"".join(lines)), name):  # any bytes, their own newlines or none
        assert (row.mention is None) != (row.error is None)
        assert not (row.error or "").startswith("cannot be read ("), row.error  # the last-resort guard never fired


# --- each source's item conversion --------------------------------------------------------------

BSKY_POST = {"uri": "at://did:plc:abc/app.bsky.feed.post/3k2a", "cid": "bafy", "indexedAt": "2026-11-17T09:00:00Z",
             "author": {"did": "did:plc:abc", "handle": "matti.bsky.social"}, "likeCount": 1,
             "record": {"$type": "app.bsky.feed.post", "text": "#nordea?", "createdAt": "2026-11-17T09:00:00Z",
                        "langs": ["fi"], "facets": [{"features": [{"$type": "app.bsky.richtext.facet#tag",
                                                                   "tag": "nordea"}]}]}}


@BOUNDED
@given(with_hostile_values(BSKY_POST, list(BSKY_POST)) | json_values,
       with_hostile_values(BSKY_POST["record"], list(BSKY_POST["record"])))
def test_bluesky_item(item, record):
    assert_mention_or(BadItem, lambda: convert(partial(bluesky_posts.to_mention, item, "tag:nordea")))
    post = {**BSKY_POST, "record": record}
    assert_mention_or(BadItem, lambda: convert(partial(bluesky_posts.to_mention, post, "tag:nordea")))
    feed_item = {"post": post, "reason": None}
    assert_mention_or(BadItem, lambda: convert(partial(bluesky_posts.to_mention, feed_item, "own")))


MASTODON_STATUS = {"id": "1130", "created_at": "2026-11-17T09:00:00.000Z", "content": "<p>Nordea?</p>",
                   "account": {"id": "7", "acct": "matti"}, "url": "https://m.example/@matti/1130",
                   "language": "fi", "tags": [{"name": "nordea"}], "media_attachments": [],
                   "favourites_count": 0, "replies_count": 0, "in_reply_to_id": None}


@BOUNDED
@given(with_hostile_values(MASTODON_STATUS, list(MASTODON_STATUS)) | json_values)
def test_mastodon_status(status):
    assert_mention_or(BadItem, lambda: convert(partial(mastodon.to_mention, status, "notifications")))


REDDIT_THING = {"kind": "t1", "data": {"name": "t1_abc", "created_utc": 1_794_900_000.0, "author": "matti",
                                       "body": "Nordea?", "parent_id": "t3_x", "permalink": "/r/Suomi/x/abc/",
                                       "score": 1, "author_fullname": "t2_m"}}


@BOUNDED
@given(with_hostile_values(REDDIT_THING["data"], list(REDDIT_THING["data"]) + ["title", "selftext", "url"]),
       st.sampled_from(["t1", "t3"]) | json_values, json_values)
def test_reddit_thing(data, kind, anything):
    named = {**data, "name": f"{kind}_abc"} if isinstance(kind, str) else data
    thing = {"kind": kind, "data": named}
    assert_mention_or(BadItem, lambda: convert(partial(reddit.to_mention, thing, "posts:Suomi")))
    assert_mention_or(BadItem, lambda: convert(partial(reddit.to_mention, anything, "posts:Suomi")))


INSTAGRAM_ITEM = {"id": "17999", "timestamp": "2026-11-17T09:00:00+0000", "username": "matti", "text": "Nordea?",
                  "caption": "#nordea", "permalink": "https://instagram.com/p/x", "like_count": 1,
                  "from": {"id": "5", "username": "matti"}}


@BOUNDED
@given(with_hostile_values(INSTAGRAM_ITEM, list(INSTAGRAM_ITEM)) | json_values,
       st.sampled_from(["media", "tagged", "hashtag"]), st.none() | st.text(max_size=5))
def test_instagram_media_and_comment(item, kind, parent):
    assert_mention_or(BadItem, lambda: convert(partial(instagram.media_to_mention, item, kind)))
    assert_mention_or(BadItem, lambda: convert(partial(instagram.comment_to_mention, item, "1799", parent)))


xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="<&\x00"), max_size=40)
rss_dates = (st.sampled_from(["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "2026-13-45", "",
                              "Mon, 01 Jan 0001 00:00:00 +0100", "Fri, 31 Dec 9999 23:59:59 -0500",
                              "Tue, 17 Nov 2026 09:40:00 GMT"])
             | aware.map(datetime.isoformat) | xml_text)


@BOUNDED
@given(xml_text, xml_text, rss_dates, st.sampled_from(["pubDate", "dc:date", "atom:updated"]))
def test_rss_item_through_feedparser(title, guid, date, tag):
    import feedparser

    feed = feedparser.parse(f'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t'
                            f'</title><item><title>{title}</title><guid isPermaLink="false">x{guid}</guid>'
                            f"<{tag}>{date}</{tag}></item></channel></rss>".encode())
    for entry in feed.entries:
        assert_mention_or(BadItem, lambda: convert(partial(rss.to_mention, entry, feed.feed, entry.get("id") or "x",
                                                           feed_url="https://f.example/rss", now=NOW)))


@BOUNDED
@given(st.dictionaries(st.sampled_from(["title", "summary", "author", "link", "published_parsed", "updated_parsed",
                                        "published"]), json_values | st.tuples(*[st.integers()] * 9), max_size=5))
def test_rss_entry_of_any_shape(entry):
    assert_mention_or(BadItem, lambda: convert(partial(rss.to_mention, entry, {}, "x", feed_url="https://f.example",
                                                       now=NOW)))


# --- end to end ---------------------------------------------------------------------------------

CONFIG = "database: {db}\nbrands:\n  - name: Nordea\npacks: [banking-fi, sentiment-fi, sentiment-en]\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: each example is a whole import
@given(st.lists(st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" "))
                | st.builds(lambda d: json.dumps(d, default=str).encode(), with_hostile_values(GOOD, IMPORT_KEYS)),
                min_size=1, max_size=6),
       st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60),
                min_size=1, max_size=4), st.booleans())
def test_kuulo_import_stores_every_good_line_among_hostile_ones(hostile, good_texts, bom):
    good = [json.dumps({**GOOD, "id": f"good-{n}", "text": text}).encode() for n, text in enumerate(good_texts)]
    assume(not any(b'"good-' in line for line in hostile))  # a hostile line may not pose as a good one
    lines = [line for pair in zip(good, hostile) for line in pair] + good[len(hostile):] + hostile[len(good):]
    with tempfile.TemporaryDirectory() as tmp:
        config, posts = Path(tmp, "team.yaml"), Path(tmp, "posts")
        config.write_text(CONFIG.format(db=Path(tmp, "kuulo.db")), encoding="utf-8")
        posts.write_bytes((b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + b"\n")
        result = CliRunner().invoke(cli, ["--config", str(config), "import", "-q", str(posts)], standalone_mode=False)
        assert result.exception is None, result.exception
        assert result.return_value in (0, 3)
        db = open_db(str(Path(tmp, "kuulo.db")))
        try:
            stored = {r[0] for r in db.execute("SELECT id FROM mentions WHERE platform = 'x'")}
        finally:
            db.close()
    assert {f"good-{n}" for n in range(len(good))} <= stored


def _nested(depth: int) -> dict:
    """A dict nested `depth` levels deep."""
    value: dict = {}
    for _ in range(depth):
        value = {"x": value}
    return value


def test_a_live_items_oversized_fields_are_dropped_from_raw_and_named_the_post_kept():
    """Instagram's and Telegram's items pass keep_raw as Mastodon's and Bluesky's do: a field of 200,000 characters
    or 60 levels is dropped from raw and named in raw["_dropped"]; the post and the fields Kuulo reads stay."""
    from kuulo.bot.sources import telegram

    huge = {"giant": "x" * 200_000, "deep": _nested(60)}
    media = instagram.media_to_mention({**INSTAGRAM_ITEM, **huge}, "tagged")
    comment = instagram.comment_to_mention({**INSTAGRAM_ITEM, **huge}, "1799", "1800")
    message = telegram.to_mention({"message_id": 7, "date": 1763373600, "text": "Nordea?", **huge,
                                   "chat": {"id": -100555, "type": "supergroup", "username": "pankit"},
                                   "from": {"id": 333, "first_name": "Matti"}})
    for mention, item in ((media, media.raw["item"]), (comment, comment.raw["item"]), (message, message.raw)):
        assert unstorable(mention) is None and mention.text
        assert "giant" not in item and "deep" not in item and sorted(item["_dropped"]) == ["'deep'", "'giant'"]
        assert len(json.dumps(mention.raw)) < 5_000
    assert (media.raw["kind"], media.raw["item"]["caption"]) == ("tagged", "#nordea")
    assert (comment.raw["kind"], comment.raw["top_id"], comment.raw["media_id"]) == ("reply", "1800", "1799")
    assert message.raw["chat"]["username"] == "pankit" and message.url == "https://t.me/pankit/7"
