"""RSS/Atom source: feedparser behind a fake web server, conditional GET, cursors in real SQLite."""

from __future__ import annotations

import json
import logging
import random
import re
import time
from datetime import datetime, timezone

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import TransportError
from kuulo.bot.limits import MAX_RETRY_AFTER_S
from kuulo.bot.sources.bluesky_session import reset_in
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.storage.cursors import get_cursor
from kuulo.storage.mentions import get_mention
from tests.fakes.rss import FakeFeeds

NEW_ITEM = """<item><title>Nordea vastaa asiakkaille</title><link>https://uutiset.example/2026/11/vastaus</link>
<guid isPermaLink="false">uutiset-1002</guid><pubDate>Tue, 17 Nov 2026 09:40:00 GMT</pubDate>
<description>Pankki lupaa korjauksen.</description></item>"""


def feed_cfg(feeds: FakeFeeds, path: str = "/news.xml", name: str = "uutiset") -> SourceConfig:
    return SourceConfig(name=name, type="rss", every_seconds=600, options={"url": feeds.url(path)})


def with_new_item() -> str:
    from tests.fakes.rss import DATA

    return (DATA / "news.xml").read_text("utf-8").replace("<item>", NEW_ITEM + "<item>", 1)


def count(services, platform: str = "rss") -> int:
    return services.db.execute("SELECT count(*) FROM mentions WHERE platform = ?", (platform,)).fetchone()[0]


def test_first_poll_stores_items_and_keeps_validators_in_the_cursor(services, clock, fake_feeds, caplog):
    fake_feeds.publish("/news.xml", "news.xml")
    cfg = feed_cfg(fake_feeds)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 3, 0, 1)
    assert result.cases_opened == 1
    assert "source uutiset: skipped item #3 ('Ilman tunnistetta'): no id/guid and no link" in caplog.text
    item = get_mention(services.db, "rss", fake_feeds.url("/news.xml") + "#uutiset-1001")  # a guid of its feed
    assert item["author"] == "Maija Toimittaja" and item["lang"] == "fi"
    assert item["text"] == ("Nordea: verkkopankki ei toimi taas?\n\n"
                            "Asiakkaat kysyvät, miksi Nordean verkkopankki ei toimi & milloin vika korjataan.")
    assert item["created_at"] == "2026-11-17T08:30:00+00:00"
    assert item["url"] == "https://uutiset.example/2026/11/nordea-katko"
    by_link = get_mention(services.db, "rss", "https://uutiset.example/2026/11/korot")
    assert by_link["author"] == "Talousuutiset" and by_link["created_at"] == "2026-11-17T05:00:00+00:00"
    cursor = json.loads(get_cursor(services.db, "uutiset"))
    assert cursor["etag"].startswith('"') and cursor["modified"] == "Tue, 17 Nov 2026 07:20:00 GMT"
    assert "uutiset-1001" in cursor["seen"]


def test_undated_item_takes_the_time_kuulo_first_saw_it_and_says_so(services, clock, fake_feeds):
    fake_feeds.publish("/news.xml", "news.xml")
    cfg = feed_cfg(fake_feeds)
    poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    undated = [m for m in services.db.execute("SELECT id, created_at, raw FROM mentions WHERE text LIKE 'Päiväämätön%'")]
    assert len(undated) == 1
    assert undated[0][1] == clock.now().isoformat()
    assert json.loads(undated[0][2])["created_at_from"] == "first_seen"


def test_unchanged_feed_is_a_304_and_changes_nothing(services, clock, fake_feeds, caplog):
    fake_feeds.publish("/news.xml", "news.xml")
    cfg = feed_cfg(fake_feeds)
    source = build_source(cfg, {}, clock=clock)
    poll_once(services, cfg, source)
    cursor = get_cursor(services.db, "uutiset")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = poll_once(services, cfg, source)
    assert (again.ok, again.new, again.duplicates, again.skipped) == (True, 0, 0, 0)
    last = fake_feeds.requests[-1]
    assert last.status == 304
    assert last.headers["if-none-match"] == json.loads(cursor)["etag"]
    assert last.headers["if-modified-since"] == "Tue, 17 Nov 2026 07:20:00 GMT"
    assert get_cursor(services.db, "uutiset") == cursor
    assert "skipped" not in caplog.text  # the id-less item is reported once, not on every poll


def test_changed_feed_brings_only_the_new_item_even_after_a_restart(tmp_path, clock, fake_feeds):
    database = str(tmp_path / "restart.db")
    fake_feeds.publish("/news.xml", "news.xml")
    cfg = feed_cfg(fake_feeds)
    first = build_services(default_config(database), clock=clock)
    assert poll_once(first, cfg, build_source(cfg, {}, clock=clock)).new == 3
    first.db.close()

    fake_feeds.publish("/news.xml", with_new_item(), modified_ts=1_794_910_000)
    clock.advance(minutes=10)
    restarted = build_services(default_config(database), clock=clock)  # a new process on the same file
    result = poll_once(restarted, cfg, build_source(cfg, {}, clock=clock))
    assert (result.new, result.duplicates) == (1, 0)
    assert count(restarted) == 4
    new_item = get_mention(restarted.db, "rss", fake_feeds.url("/news.xml") + "#uutiset-1002")
    assert new_item["created_at"] == "2026-11-17T09:40:00+00:00"
    assert fake_feeds.requests[-1].status == 200 and "if-none-match" in fake_feeds.requests[-1].headers


def test_atom_feed_uses_entry_id_and_feed_author(services, clock, fake_feeds):
    fake_feeds.publish("/atom.xml", "atom.xml", kind="atom")
    cfg = feed_cfg(fake_feeds, "/atom.xml", "bankwatch")
    result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert result.new == 1
    entry = get_mention(services.db, "rss", "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
    assert entry["author"] == "Bank watch desk" and entry["lang"] == "en"
    assert entry["text"] == "S-Pankki app outage\n\nCustomers report the S-Pankki app is down."
    assert entry["url"] == "https://bankwatch.example/s-pankki-outage"


def test_rate_limited_feed_waits_for_retry_after_then_catches_up(services, clock, fake_feeds):
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.fail_next("/news.xml", status=429, retry_after="120")
    cfg = feed_cfg(fake_feeds)
    runner = SourceRunner(services, [(cfg, build_source(cfg, {}, clock=clock))], rng=random.Random(1))
    [failed] = runner.run_due(clock.now())
    assert not failed.ok and failed.retry_after == 120.0
    assert failed.error == f"rss uutiset: HTTP 429 from {cfg.options['url']}"
    assert count(services) == 0 and get_cursor(services.db, "uutiset") is None
    assert runner.next_at("uutiset") == clock.now().timestamp() + 120
    clock.advance(seconds=119)
    assert runner.run_due(clock.now()) == []
    clock.advance(seconds=1)
    [ok] = runner.run_due(clock.now())
    assert ok.ok and ok.new == 3 and runner.failures("uutiset") == 0
    assert runner.next_at("uutiset") == clock.now().timestamp() + 600


def test_retry_after_as_an_http_date(services, clock, fake_feeds):
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.fail_next("/news.xml", status=503, retry_after="Tue, 17 Nov 2026 10:05:00 GMT")
    cfg = feed_cfg(fake_feeds)
    result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert result.retry_after == 300.0 and not result.permanent


@pytest.mark.parametrize("header", ["\u00b2", "1\u00b3", "soon", "-5", "1.", ".5", "1.\u00b2"])
def test_a_retry_after_that_is_no_number_is_logged_and_cut_to_an_hour(services, clock, fake_feeds, caplog, header):
    """'²' (byte 0xB2, as urllib reads it) passes str.isdigit() but not float(): the 503 it came with is still a 503,
    not an unexpected ValueError, and the wait it asked for, unreadable, is taken as the hour README promises."""
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.fail_next("/news.xml", status=503, retry_after=header)
    cfg = feed_cfg(fake_feeds)
    with caplog.at_level(logging.WARNING):
        result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert result.error == f"rss uutiset: HTTP 503 from {cfg.options['url']}"
    assert result.retry_after == MAX_RETRY_AFTER_S and not result.permanent
    assert f"Retry-After {header!r} is neither seconds nor an HTTP date; waiting 3600 s" in caplog.text


@pytest.mark.parametrize(("headers", "wait"), [
    ({"retry-after": " 42 "}, 42.0), ({"retry-after": "\u00b2"}, MAX_RETRY_AFTER_S),
    ({"retry-after": "\u0663"}, MAX_RETRY_AFTER_S), ({"retry-after": ""}, None), ({"retry-after": "  "}, None),
    ({"ratelimit-reset": "\u00b2"}, None), ({"ratelimit-reset": "\u0663"}, None),
])
def test_rate_limit_headers_are_read_in_ascii_digits_only(clock, headers, wait):
    assert reset_in({"retry-after": "1.5"}, clock) == 1.5  # a decimal some servers send is read as one
    reset = {"ratelimit-reset": str(int(clock.now().timestamp()) + 90)}
    assert reset_in({"retry-after": "soon", **reset}, clock) == 90.0  # an unreadable one yields to a valid reset
    assert reset_in(headers, clock) == wait


def test_server_errors_back_off_exponentially_with_jitter(services, clock, fake_feeds):
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.fail_next("/news.xml", 3, status=500)
    cfg = feed_cfg(fake_feeds)
    runner = SourceRunner(services, [(cfg, build_source(cfg, {}, clock=clock))], rng=random.Random(7))
    waits = []
    for _ in range(3):
        now = datetime.fromtimestamp(runner.next_at("uutiset"), timezone.utc) if waits else clock.now()
        [result] = runner.run_due(now)
        assert not result.ok and result.error.startswith("rss uutiset: HTTP 500")
        waits.append(runner.next_at("uutiset") - now.timestamp())
    assert runner.failures("uutiset") == 3
    for attempt, wait in enumerate(waits):  # 5 s * 2**attempt, jittered into [50 %, 100 %]
        assert 5 * 2 ** attempt * 0.5 <= wait <= 5 * 2 ** attempt
    assert len(set(waits)) == 3


def test_missing_feed_is_permanent_and_waits_the_longest(services, clock, fake_feeds):
    cfg = feed_cfg(fake_feeds, "/gone.xml")
    runner = SourceRunner(services, [(cfg, build_source(cfg, {}, clock=clock))])
    [result] = runner.run_due(clock.now())
    assert result.permanent and result.error.startswith("rss uutiset: HTTP 404")
    assert runner.next_at("uutiset") == clock.now().timestamp() + 600


def test_unreachable_feed_is_a_transport_error(services, clock):
    with FakeFeeds() as gone:
        url = gone.url("/news.xml")
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": url})
    result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert not result.ok and result.error.startswith(f"rss uutiset: cannot read {url} (")


def test_not_a_feed_is_reported(services, clock, fake_feeds):
    fake_feeds.publish("/news.xml", "<html><body>Kirjaudu sisään</body>")
    cfg = feed_cfg(fake_feeds)
    result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert not result.ok
    assert result.error.startswith(f"rss uutiset: {cfg.options['url']} did not return an RSS or Atom feed")


@pytest.mark.parametrize("options, message", [
    ({"url": "ftp://x/feed"}, "source 'uutiset': url must be an http(s) address, got 'ftp://x/feed'"),
])
def test_bad_rss_options_are_named(options, message):
    from kuulo.bot.errors import KuuloError

    with pytest.raises(KuuloError) as err:
        build_source(SourceConfig(name="uutiset", type="rss", every_seconds=600, options=options), {})
    assert str(err.value) == message


def test_url_is_resolved_against_base_url(clock, fake_feeds):
    cfg = SourceConfig(name="uutiset", type="rss", every_seconds=600, base_url=fake_feeds.url("/"),
                       options={"url": "/feeds/news.xml"})
    assert build_source(cfg, {}, clock=clock).url == fake_feeds.url("/feeds/news.xml")


@pytest.mark.parametrize("slow_head", [False, True], ids=["body", "headers"])
def test_a_feed_that_drips_is_given_up_at_the_deadline_for_the_whole_fetch(clock, fake_feeds, slow_head):
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.drip("/news.xml", 0.05, headers=slow_head)  # each byte far quicker than the read timeout
    assert_given_up_after_one_second(fake_feeds.url("/news.xml"), clock)


def assert_given_up_after_one_second(url: str, clock) -> None:
    """A poll of url with a deadline of 1 s fails at it, not long after, and says so."""
    from kuulo.bot.sources.rss import RssSource

    started = time.monotonic()
    with pytest.raises(TransportError) as raised:
        RssSource("uutiset", url, clock=clock, deadline=1.0).poll(None)
    assert 1.0 <= time.monotonic() - started < 3.0
    assert str(raised.value) == (f"rss uutiset: {url} took more than 1 s to read; given up (each read may take 20 s,"
                                 " the whole feed 1 s)")


def test_a_name_lookup_that_hangs_is_given_up_at_the_deadline(clock, fake_feeds, monkeypatch):
    import socket

    from kuulo.bot.sources.rss import RssSource

    fake_feeds.publish("/news.xml", "news.xml")
    real_lookup = socket.getaddrinfo

    def hanging_resolver(host, *args, **kwargs):  # a resolver that answers this name late (no test asks DNS)
        if host == "feeds.invalid":
            time.sleep(5)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hanging_resolver)
    assert_given_up_after_one_second("http://feeds.invalid/news.xml", clock)
    by_name = RssSource("uutiset", fake_feeds.url("/news.xml").replace("127.0.0.1", "localhost"), clock=clock)
    assert by_name.poll(None)[0]  # a name the resolver answers connects as before


def test_a_feed_has_60_seconds_in_all_and_each_read_its_own_timeout(clock, fake_feeds):
    from kuulo.bot.sources.rss import FETCH_DEADLINE_S, FETCH_TIMEOUT_S, RssSource

    assert (FETCH_DEADLINE_S, FETCH_TIMEOUT_S) == (60.0, 20.0)
    source = build_source(feed_cfg(fake_feeds), {}, clock=clock)
    assert (source.deadline, source.timeout) == (60.0, 20.0)
    fake_feeds.publish("/news.xml", "news.xml")
    fake_feeds.drip("/news.xml", 1.0)  # a server that stalls: the read's own timeout ends it first
    stalled = RssSource("uutiset", fake_feeds.url("/news.xml"), clock=clock, timeout=0.3, deadline=30.0)
    started = time.monotonic()
    with pytest.raises(TransportError, match=r"^rss uutiset: cannot read http://127.0.0.1:\d+/news.xml \(timed out\)$"):
        stalled.poll(None)
    assert time.monotonic() - started < 3.0


def test_a_feed_cut_short_mid_answer_is_a_transport_error(clock):
    import socket
    import threading

    from kuulo.bot.sources.rss import RssSource

    listener = socket.create_server(("127.0.0.1", 0))

    def answer_short() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n<rss")

    server = threading.Thread(target=answer_short, daemon=True)
    server.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/cut.xml"
    try:
        with pytest.raises(TransportError, match=rf"^rss uutiset: cannot read {url} \(IncompleteRead\(4 bytes read, 96"):
            RssSource("uutiset", url, clock=clock).poll(None)
    finally:
        server.join(5)
        listener.close()


def test_an_item_past_an_imports_limits_is_cut_to_them_and_an_id_that_long_is_skipped(services, clock, fake_feeds,
                                                                                      caplog):
    long_text = "Nordea " + "ä" * 150_000
    items = (f"<item><title>Pitkä</title><guid>long-1</guid><description>{long_text}</description>"
             f"<link>https://uutiset.example/{'x' * 3_000}</link></item>"
             f"<item><title>Liian pitkä tunniste</title><guid>{'g' * 5_000}</guid></item>")
    fake_feeds.publish("/news.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
                                    "</channel></rss>")
    cfg = feed_cfg(fake_feeds)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, {}, clock=clock))
    assert (result.new, result.skipped) == (1, 1)
    [kept] = services.db["mentions"].rows_where("platform = 'rss'")
    assert len(kept["text"]) == 100_000 and kept["text"].startswith("Pitkä\n\nNordea ää")
    assert json.loads(kept["raw"])["text_chars"] == len("Pitkä\n\n" + long_text) and kept["url"] is None
    assert re.search(r"skipped item http://\S+/g{100}.*: id: 5,\d{3} characters, over the limit of 2,000", caplog.text)


def _numbered(title: str, guid: str = "1") -> str:
    """A feed whose CMS numbers its items (guid 1, not a permalink)."""
    return (f'<rss version="2.0"><channel><title>{title}</title><item><title>{title}: miksi Nordean verkkopankki ei '
            f'toimi?</title><guid isPermaLink="false">{guid}</guid><pubDate>Tue, 17 Nov 2026 09:40:00 GMT</pubDate>'
            "</item></channel></rss>")


def test_two_feeds_numbering_their_items_alike_store_both_items(services, clock, fake_feeds):
    fake_feeds.publish("/a.xml", _numbered("Blogi A"))
    fake_feeds.publish("/b.xml", _numbered("Foorumi B"))
    for path, name in (("/a.xml", "blog-a"), ("/b.xml", "forum-b")):
        cfg = feed_cfg(fake_feeds, path, name)
        assert poll_once(services, cfg, build_source(cfg, {}, clock=clock, db=services.db)).new == 1
    assert {get_mention(services.db, "rss", fake_feeds.url(p) + "#1")["author"] for p in ("/a.xml", "/b.xml")} == {
        "Blogi A", "Foorumi B"}


def test_an_item_stored_under_its_bare_guid_before_keeps_it_and_is_not_stored_again(services, clock, fake_feeds):
    fake_feeds.publish("/a.xml", _numbered("Blogi A"))
    cfg = feed_cfg(fake_feeds, "/a.xml", "blog-a")
    poll_once(services, cfg, build_source(cfg, {}, clock=clock, db=services.db))
    with services.db.conn:  # what Kuulo stored before ids were per feed, and a cursor that no longer lists it
        services.db.execute("UPDATE mentions SET id = '1' WHERE platform = 'rss'")
        services.db.execute("DELETE FROM cursors WHERE source = 'blog-a'")
    again = poll_once(services, cfg, build_source(cfg, {}, clock=clock, db=services.db))
    assert (again.new, again.duplicates) == (0, 1)
    assert count(services) == 1


@pytest.mark.parametrize("target", ["ftp://127.0.0.1:{port}/feed.xml", "file:///etc/passwd", "data:,<rss/>"])
def test_a_redirect_away_from_the_web_is_not_followed(clock, target):
    import socket
    import threading

    from kuulo.bot.sources.rss import RssSource

    listener, elsewhere = socket.create_server(("127.0.0.1", 0)), socket.create_server(("127.0.0.1", 0))
    elsewhere.settimeout(0.5)
    location = target.format(port=elsewhere.getsockname()[1])

    def redirect() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.0 302 Found\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n" % location.encode())

    server = threading.Thread(target=redirect, daemon=True)
    server.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml"
    scheme = location.split(":")[0]
    try:
        with pytest.raises(TransportError) as raised:
            RssSource("uutiset", url, clock=clock).poll(None)
        assert str(raised.value) == (f"rss uutiset: cannot read {url} (a redirect to {scheme}: is not followed, only "
                                     "to http: and https:)")
        with pytest.raises(TimeoutError):
            elsewhere.accept()  # nobody came
    finally:
        server.join(5)
        listener.close()
        elsewhere.close()
