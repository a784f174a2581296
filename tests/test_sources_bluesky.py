"""Bluesky source: the real atproto client against a fake PDS; cases and cursors in real SQLite."""

from __future__ import annotations

import json
import logging
import random
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import CaseStateError, KuuloError
from kuulo.bot.sources import bluesky
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.replies import send_reply
from kuulo.storage.cases import case_for_mention, get_case
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.ledger import case_events, verify_ledger
from kuulo.storage.mentions import get_mention
from tests.fakes.bluesky import TID, FakeBluesky
from tests.sources_support import assert_a_restart_misses_nothing, kuulo, team_config

BRAND = "nordeasuomi.bsky.social"
CUSTOMER = "asiakas.bsky.social"
ENV = {"BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}
SEARCH = "app.bsky.feed.searchPosts"
NOTIFICATIONS = "app.bsky.notification.listNotifications"
CREATE = "com.atproto.repo.createRecord"


def bsky_cfg(fake: FakeBluesky, **options) -> SourceConfig:
    return SourceConfig(name="bsky", type="bluesky", every_seconds=120, base_url=fake.base_url,
                        options={"handle": BRAND, "password_env": "BLUESKY_APP_PASSWORD", "hashtags": ("#nordea",),
                                 **options})


def at(minutes: float) -> str:
    """An ISO time `minutes` after 09:00 on the test day, as Bluesky writes it."""
    when = datetime(2026, 11, 17, 9, tzinfo=timezone.utc) + timedelta(minutes=minutes)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ts(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def ids(services) -> list[str]:
    return [r[0] for r in services.db.execute("SELECT id FROM mentions WHERE platform = 'bluesky' ORDER BY id")]


def state(services) -> dict:
    return json.loads(get_cursor(services.db, "bsky"))


def test_first_poll_reads_notifications_hashtags_and_search(services, clock, fake_bluesky):
    asked = fake_bluesky.add_post(f"@{BRAND} miksi verkkopankki ei toimi?", handle=CUSTOMER, created_at=at(0))
    tagged = fake_bluesky.add_post("Onko #Nordea sovellus taas rikki?", handle="matti.example.fi", created_at=at(5),
                                   indexed_at=at(5.1), langs=("fi-FI",))
    found = fake_bluesky.add_post("Nordea vai OP, kumpi on parempi?", handle="liisa.bsky.social", created_at=at(6))
    fake_bluesky.add_post("Hyvää huomenta kaikille", handle="liisa.bsky.social", created_at=at(7))
    cfg = bsky_cfg(fake_bluesky, search=("nordea vai",))
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 3, 0, 0)
    post = get_mention(services.db, "bluesky", asked["uri"])
    assert post["author"] == "asiakas" and post["author_id"] == asked["author"]["did"]
    assert post["text"] == f"@{BRAND} miksi verkkopankki ei toimi?" and post["lang"] == "fi"
    assert post["created_at"] == "2026-11-17T09:00:00+00:00"
    assert post["url"] == f"https://bsky.app/profile/{CUSTOMER}/post/{asked['uri'].rsplit('/', 1)[1]}"
    tag_post = get_mention(services.db, "bluesky", tagged["uri"])
    assert tag_post["author"] == "matti.example.fi" and tag_post["hashtags"] == ["#Nordea"]
    assert get_mention(services.db, "bluesky", found["uri"])["author"] == "liisa"
    assert state(services)["tag:nordea"] == {"seen": at(5), "recent": {tagged["uri"]: at(5)}}
    assert state(services)["own"] == {"empty": True}  # the own feed is empty: the next poll reads all it finds
    [notifications] = fake_bluesky.calls_to(NOTIFICATIONS)
    assert notifications.params["reasons"] == ["mention", "reply", "quote"]
    assert notifications.headers["authorization"].startswith("Bearer ey")
    [tag, query] = sorted(fake_bluesky.calls_to(SEARCH), key=lambda c: c.param("q"))
    assert [tag.param(k) for k in ("q", "sort", "limit", "since")] == ["#nordea", "latest", "100", None]
    assert query.param("q") == "nordea vai"
    [feed] = fake_bluesky.calls_to("app.bsky.feed.getAuthorFeed")
    assert (feed.param("actor"), feed.param("filter")) == (fake_bluesky.me, "posts_with_replies")
    [login] = fake_bluesky.calls_to("com.atproto.server.createSession")
    assert login.body == {"identifier": BRAND, "password": ENV["BLUESKY_APP_PASSWORD"]}


def test_incremental_poll_reads_back_to_the_cursor_and_pages_through(services, clock, fake_bluesky):
    first = fake_bluesky.add_post("#nordea eka", handle="matti.bsky.social", created_at=at(0))
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    later = [fake_bluesky.add_post(f"Miksi #nordea kortti {i} ei käy?", handle=f"user{i}.bsky.social",
                                   created_at=at(10 + i / 100))["uri"] for i in range(230)]
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (230, 0)
    assert set(later) <= set(ids(services)) and first["uri"] in ids(services)
    walk = fake_bluesky.calls_to(SEARCH)[1:]
    assert [(c.param("since"), c.param("cursor")) for c in walk] == [(at(-15), None), (at(-15), "100"),
                                                                      (at(-15), "200")]
    assert state(services)["tag:nordea"]["seen"] == at(10 + 229 / 100)
    again = poll_once(services, cfg, source)
    assert (again.new, again.duplicates) == (0, 0)
    assert fake_bluesky.calls_to(SEARCH)[-1].param("since") == at(10 + 229 / 100 - 15)


def test_a_stream_empty_at_its_first_poll_reads_all_that_came_after_it(services, clock, fake_bluesky):
    """A hashtag nobody had used yet when Kuulo first looked (or the brand's own feed of a new account): the polls
    after read every post since then, not only the newest page of them (found by a crash probe: 131 of 265 brand
    replies were never read, and their cases stayed open)."""
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 0
    posted = [fake_bluesky.add_post(f"Miksi #nordea kortti {i} ei käy?", handle=f"user{i}.bsky.social",
                                    created_at=at(61 + i / 100))["uri"] for i in range(230)]
    clock.advance(minutes=10)
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (230, 0) and set(posted) == set(ids(services))
    assert (poll_once(services, cfg, source).new, len(ids(services))) == (0, 230)


def test_a_search_empty_at_its_first_look_brings_back_no_older_posts_as_news(services, clock, fake_bluesky):
    """A hashtag search that answered nothing for a moment (an index hiccup) and then its whole history: posts dated
    before the first look, less the late window, are history, not alerts; a state written before the look's time
    was kept reads all it finds, as it did."""
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    source = build_source(cfg, ENV, clock=clock)  # the clock stands at at(60), 10:00
    assert poll_once(services, cfg, source).new == 0
    assert state(services)["tag:nordea"] == {"empty": at(60)} and state(services)["own"] == {"empty": True}
    history = [fake_bluesky.add_post(f"#nordea vanha {i}", handle=f"old{i}.bsky.social",
                                     created_at=at(i))["uri"] for i in range(40)]
    late = fake_bluesky.add_post("#nordea juuri ennen", handle="late.bsky.social", created_at=at(50))["uri"]
    news = fake_bluesky.add_post("#nordea uusi", handle="new.bsky.social", created_at=at(63))["uri"]
    clock.advance(minutes=5)
    assert poll_once(services, cfg, source).new == 2 and set(ids(services)) == {late, news}
    with services.db.conn:  # a state an older Kuulo wrote: the marker without its time
        set_cursor(services.db, "bsky", json.dumps({"tag:nordea": {"empty": True}, "own": {"empty": True}}), 0.0)
    assert poll_once(services, cfg, source).new == len(history)


def test_an_older_kuulos_marker_on_a_search_still_empty_takes_this_looks_time(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    with services.db.conn:
        set_cursor(services.db, "bsky", json.dumps({"tag:nordea": {"empty": True}, "own": {"empty": True}}), 0.0)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock)).new == 0
    assert state(services)["tag:nordea"] == {"empty": at(60)} and state(services)["own"] == {"empty": True}


def test_a_post_indexed_late_is_still_read(services, clock, fake_bluesky):
    """A post whose createdAt lies before the newest one seen (slow indexing, a phone's clock) is not lost."""
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    source = build_source(cfg, ENV, clock=clock)
    fake_bluesky.add_post("#nordea uusin", handle="matti.bsky.social", created_at=at(10))
    poll_once(services, cfg, source)
    late = fake_bluesky.add_post("#nordea myöhässä", handle="liisa.bsky.social", created_at=at(4), indexed_at=at(11))
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (1, 0) and late["uri"] in ids(services)


def test_a_walk_cut_short_by_the_page_cap_continues_on_the_next_poll(services, clock, fake_bluesky, monkeypatch):
    monkeypatch.setattr(bluesky, "MAX_PAGES_PER_STREAM", 2)
    cfg = bsky_cfg(fake_bluesky, notifications=False)
    source = build_source(cfg, ENV, clock=clock)
    fake_bluesky.add_post("#nordea eka", handle="matti.bsky.social", created_at=at(0))
    poll_once(services, cfg, source)
    for i in range(250):
        fake_bluesky.add_post(f"#nordea {i}", handle=f"user{i}.bsky.social", created_at=at(30 + i / 100))
    cut = poll_once(services, cfg, source)
    assert cut.new == 200
    assert {k: v for k, v in state(services)["tag:nordea"].items() if k != "recent"} == {
        "seen": at(0), "page": "200", "top": at(30 + 249 / 100)}
    rest = poll_once(services, cfg, source)
    assert (rest.new, rest.duplicates) == (50, 0) and len(ids(services)) == 251
    assert fake_bluesky.calls_to(SEARCH)[-1].param("cursor") == "200"
    assert state(services)["tag:nordea"]["seen"] == at(30 + 249 / 100) and "page" not in state(services)["tag:nordea"]
    assert (poll_once(services, cfg, source).new, len(ids(services))) == (0, 251)


def test_restart_in_between_misses_nothing_and_repeats_nothing(tmp_path, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    fake_bluesky.add_post("Miksi #nordea ei vastaa?", handle="matti.bsky.social", created_at=at(0))

    def while_down() -> list[str]:
        return [fake_bluesky.add_post(f"@{BRAND} kysymys {i}: miksi kortti ei toimi?", handle=CUSTOMER,
                                      created_at=at(20 + i))["uri"] for i in range(3)]

    assert_a_restart_misses_nothing(tmp_path, clock, cfg, lambda _: build_source(cfg, ENV, clock=clock),
                                    while_down, ids)


def test_rate_limit_is_backed_off_until_the_reset_then_retried(services, clock, fake_bluesky):
    fake_bluesky.add_post(f"@{BRAND} miksi kortti ei toimi?", handle=CUSTOMER, created_at=at(0))
    fake_bluesky.fail_next(NOTIFICATIONS, kind="ratelimited", reset_in=42)
    cfg = bsky_cfg(fake_bluesky)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock))], rng=random.Random(3))
    [limited] = runner.run_due(clock.now())
    assert limited.error == "bluesky bsky: rate limited (HTTP 429)"
    assert limited.retry_after == 42.0 and not limited.permanent
    assert ids(services) == [] and get_cursor(services.db, "bsky") is None
    assert runner.next_at("bsky") == clock.now().timestamp() + 42
    assert runner.due(clock.advance(seconds=41)) == []
    [retried] = runner.run_due(clock.advance(seconds=1))
    assert retried.ok and retried.new == 1 and runner.failures("bsky") == 0
    assert [c.status for c in fake_bluesky.calls_to(NOTIFICATIONS)] == [429, 200]
    assert len(fake_bluesky.calls_to("com.atproto.server.createSession")) == 1  # the session is kept


def test_no_requests_left_pauses_the_source_until_the_reset(services, clock, fake_bluesky):
    fake_bluesky.remaining = 4  # login, notifications, own feed, then the hashtag answers RateLimit-Remaining: 0
    fake_bluesky.reset_in = 900
    cfg = bsky_cfg(fake_bluesky)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock))])
    [result] = runner.run_due(clock.now())
    assert result.ok and result.cooldown_s == 900.0
    assert runner.next_at("bsky") == clock.now().timestamp() + 900


def test_malformed_items_are_logged_and_skipped(services, clock, fake_bluesky, caplog):
    good = fake_bluesky.add_post(f"@{BRAND} miksi sovellus kaatuu?", handle=CUSTOMER, created_at=at(0))
    tagged = fake_bluesky.add_post("#nordea auki taas", handle="liisa.bsky.social", created_at=at(3))
    broken = fake_bluesky.add_post("Onko #nordea auki?", handle="matti.bsky.social", created_at=at(1))
    fake_bluesky.replace_post(broken["uri"], {**broken, "record": {**broken["record"], "createdAt": "eilen"},
                                              "indexedAt": "eilen"})
    nameless = fake_bluesky.add_notification({"uri": f"at://{fake_bluesky.me}x/app.bsky.feed.post/3n2iaaaaaaa22",
                                              "cid": "bafyreiaaaa", "reason": "mention", "isRead": False,
                                              "author": {"did": "did:plc:abc"}, "record": good["record"],
                                              "indexedAt": at(2), "labels": []})
    cfg = bsky_cfg(fake_bluesky)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.skipped) == (True, 2, 2)
    assert set(ids(services)) == {good["uri"], tagged["uri"]}
    assert (f"source bsky: skipped item tag:nordea {broken['uri']}: createdAt and indexedAt missing or not"
            " ISO 8601 ('eilen')") in caplog.text
    assert (f"source bsky: skipped item notifications {nameless}: author.handle: expected a string, got nothing"
            in caplog.text)
    assert nameless in state(services)["notifications"]["recent"]  # remembered: not read (and logged) again
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock)).skipped == 0
    assert "skipped" not in caplog.text


def test_brand_reply_in_the_app_closes_the_case_at_its_platform_time(services, clock, fake_bluesky):
    asked = fake_bluesky.add_post(f"@{BRAND} miksi verkkopankki ei toimi?", handle=CUSTOMER, created_at=at(0))
    cfg = bsky_cfg(fake_bluesky)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).cases_opened == 1
    case = case_for_mention(services.db, "bluesky", asked["uri"])
    assert case["state"] == "open"
    fake_bluesky.add_post(f"@{CUSTOMER} Hei! Vika on korjattu.", handle=BRAND, created_at="2026-11-17T09:12:30.000Z",
                          indexed_at="2026-11-17T09:12:31.204Z", reply_to=asked["uri"])
    clock.advance(minutes=40)  # Kuulo sees it late; the response time is the platform's
    result = poll_once(services, cfg, source)
    assert (result.brand_replies, result.cases_closed) == (1, 1)
    closed = get_case(services.db, case["id"])
    assert closed["state"] == "answered" and closed["responded_how"] == "platform_reply"
    assert closed["responded_ts"] == ts("2026-11-17T09:12:30+00:00") and closed["responded_by"] == "@nordeasuomi"
    assert closed["responded_ts"] - closed["created_ts"] == 750


def test_reply_written_in_kuulo_is_posted_in_the_thread_and_recorded(services, clock, fake_bluesky):
    root = fake_bluesky.add_post("Korttimaksut eivät mene läpi", handle="matti.bsky.social", created_at=at(0))
    asked = fake_bluesky.add_post(f"Sama täällä. @{BRAND} mitä teen?", handle=CUSTOMER, created_at=at(3),
                                  reply_to=root["uri"])
    cfg = bsky_cfg(fake_bluesky)
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "bluesky", asked["uri"])
    clock.advance(minutes=5)
    reply_uri = send_reply(services, source, case["id"], "U0AGENT01", "Hei! Katso ohjeet https://nordea.fi/kortit")
    [posted] = fake_bluesky.calls_to(CREATE)
    record = posted.body["record"]
    assert (posted.body["repo"], posted.body["collection"]) == (fake_bluesky.me, "app.bsky.feed.post")
    assert TID.match(posted.body["rkey"])
    assert reply_uri == f"at://{fake_bluesky.me}/app.bsky.feed.post/{posted.body['rkey']}"
    assert record["$type"] == "app.bsky.feed.post" and record["text"] == "Hei! Katso ohjeet https://nordea.fi/kortit"
    assert record["createdAt"] == "2026-11-17T10:05:00.000Z"
    assert (record["reply"]["parent"]["uri"], record["reply"]["parent"]["cid"]) == (asked["uri"], asked["cid"])
    assert (record["reply"]["root"]["uri"], record["reply"]["root"]["cid"]) == (root["uri"], root["cid"])
    assert record["facets"][0]["features"][0]["uri"] == "https://nordea.fi/kortit"
    assert posted.headers["authorization"].startswith("Bearer ")
    answered = get_case(services.db, case["id"])
    assert answered["state"] == "answered" and answered["responded_how"] == "kuulo_reply"
    assert answered["responded_by"] == "U0AGENT01" and answered["responded_ts"] == clock.now().timestamp()
    sent = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert sent == [{"seq": sent[0]["seq"], "ts": clock.now().timestamp(), "actor": "U0AGENT01", "kind": "reply_sent",
                     "data": {"reply_id": reply_uri, "source": "bsky", "closure": True}}]
    assert verify_ledger(services.db).ok
    # the reply comes back in the account's own posts: stored once, the case is not closed twice
    result = poll_once(services, cfg, source)
    assert (result.new, result.brand_replies, result.cases_closed) == (1, 1, 0)
    assert get_mention(services.db, "bluesky", reply_uri)["kind"] == "brand_reply"
    with pytest.raises(CaseStateError, match=f"case {case['id']} is answered; nothing to reply to"):
        send_reply(services, source, case["id"], "U0AGENT01", "toinen")


def test_a_reply_whose_answer_was_lost_is_not_posted_twice(clock, fake_bluesky):
    asked = fake_bluesky.add_post(f"@{BRAND} hei?", handle=CUSTOMER, created_at=at(0))
    source = build_source(bsky_cfg(fake_bluesky), ENV, clock=clock)
    fake_bluesky.fail_next(CREATE, kind="lost")  # the PDS wrote the post, the answer never came back
    with pytest.raises(KuuloError, match=r"^bluesky bsky: server error \(HTTP 502 UpstreamFailure: Upstream Failure"):
        source.reply(asked["uri"], "Hei!")
    clock.advance(minutes=2)
    uri = source.reply(asked["uri"], "Hei!")
    assert [p["uri"] for p in fake_bluesky.posts_by(BRAND)] == [uri]
    assert len(fake_bluesky.calls_to(CREATE)) == 1 and len(fake_bluesky.calls_to("com.atproto.repo.getRecord")) == 2
    other = source.reply(asked["uri"], "Toinen vastaus")  # other text, other record
    assert other != uri and len(fake_bluesky.posts_by(BRAND)) == 2


def test_a_reply_from_chat_waits_in_the_outbox_until_the_platform_takes_it(tmp_path, clock, fake_bluesky):
    """As the Slack reply modal does it: a plain `reply` action; the post's source sends it, retried, once."""
    from dataclasses import replace

    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.delivery import deliver_pending
    from kuulo.bot.sources.replies import ReplyHandler
    from kuulo.storage.outbox import outbox_summary

    cfg = bsky_cfg(fake_bluesky)
    services = build_services(replace(default_config(str(tmp_path / "k.db")), sources=(cfg,)), clock=clock)
    asked = fake_bluesky.add_post(f"@{BRAND} miksi sovellus kaatuu?", handle=CUSTOMER, created_at=at(0))
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "bluesky", asked["uri"])
    services.cases.apply(CaseCommand("reply", case["id"], "aino (U0AINO001)", text="Hei! Katsomme asiaa."))
    assert get_case(services.db, case["id"])["state"] == "reply_pending"
    handler = ReplyHandler(source)
    fake_bluesky.fail_next(CREATE, kind="5xx")
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    assert outbox_summary(services.db)["reply:bsky"] == {"pending": 1}
    clock.advance(minutes=30)
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 1
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    [event] = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert event["actor"] == "aino (U0AINO001)" and event["data"]["source"] == "bsky"
    assert fake_bluesky.post(event["data"]["reply_id"])["record"]["reply"]["parent"]["uri"] == asked["uri"]
    assert [c.status for c in fake_bluesky.calls_to(CREATE)] == [500, 200] and len(fake_bluesky.posts_by(BRAND)) == 1
    assert get_case(services.db, case["id"])["responded_how"] == "kuulo_reply"
    assert verify_ledger(services.db).ok


def test_a_short_lived_access_token_is_refreshed_by_the_client(services, clock, fake_bluesky):
    fake_bluesky.access_ttl = 600  # inside the SDK's 15-minute margin: it refreshes before the next call
    cfg = bsky_cfg(fake_bluesky)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock)).ok
    refreshes = fake_bluesky.calls_to("com.atproto.server.refreshSession")
    assert refreshes and all(c.status == 200 for c in refreshes)
    assert len(fake_bluesky.calls_to("com.atproto.server.createSession")) == 1


def test_a_revoked_session_logs_in_again(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).ok
    fake_bluesky.revoke_sessions()
    fake_bluesky.add_post(f"@{BRAND} hei?", handle=CUSTOMER, created_at=at(1))
    result = poll_once(services, cfg, source)
    assert result.ok and result.new == 1
    assert [c.status for c in fake_bluesky.calls_to(NOTIFICATIONS)] == [200, 400, 200]
    assert len(fake_bluesky.calls_to("com.atproto.server.createSession")) == 2


def test_a_wrong_app_password_is_permanent(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    result = poll_once(services, cfg, build_source(cfg, {"BLUESKY_APP_PASSWORD": "wrong"}, clock=clock))
    assert result.permanent
    assert result.error == ("bluesky bsky: login as nordeasuomi.bsky.social refused (HTTP 401 AuthenticationRequired:"
                            " Invalid identifier or password); check handle and password_env (an app password)")


def test_server_errors_and_an_unreachable_service_are_retried(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    fake_bluesky.fail_next(SEARCH, kind="5xx")
    failed = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert failed.error == "bluesky bsky: server error (HTTP 500 InternalServerError: Internal Server Error)"
    assert not failed.permanent
    gone = SourceConfig(name="bsky", type="bluesky", every_seconds=60, base_url="http://127.0.0.1:9",
                        options=cfg.options)
    down = poll_once(services, gone, build_source(gone, ENV, clock=clock))
    assert down.error.startswith("bluesky bsky: cannot reach http://127.0.0.1:9 (") and not down.permanent


@pytest.mark.parametrize("cfg, env, message", [
    (dict(), {}, "source 'bsky': environment variable BLUESKY_APP_PASSWORD is not set (password_env)"),
    (dict(options={"handle": BRAND, "hashtags": ("#nordea",)}), ENV,
     "source 'bsky': set password_env to the name of the environment variable that holds the account's app password"),
    (dict(options={"password_env": "BLUESKY_APP_PASSWORD"}), ENV,
     "source 'bsky': set handle, the account Kuulo logs in as (e.g. nordeasuomi.bsky.social)"),
    (dict(token_env="BLUESKY_TOKEN"), ENV,
     "source 'bsky': bluesky logs in with handle and an app password; set password_env instead of token_env"),
    (dict(options={"handle": BRAND, "password_env": "BLUESKY_APP_PASSWORD", "notifications": False}), ENV,
     "source 'bsky': nothing to read; set search, hashtags or notifications: true"),
])
def test_bad_bluesky_config_is_named(cfg, env, message):
    base = dict(name="bsky", type="bluesky", every_seconds=120,
                options={"handle": BRAND, "password_env": "BLUESKY_APP_PASSWORD", "hashtags": ("#nordea",)})
    with pytest.raises(KuuloError) as err:
        build_source(SourceConfig(**{**base, **cfg}), env)
    assert str(err.value) == message


def test_reply_keys_are_valid_tids_and_stable():
    anchor = datetime(2026, 11, 17, 9, 0, 1, tzinfo=timezone.utc)
    key = bluesky.reply_rkey("bsky", "at://did:plc:x/app.bsky.feed.post/3n2iojcm3232b", "Hei!", anchor)
    assert TID.match(key) and key == bluesky.reply_rkey("bsky", "at://did:plc:x/app.bsky.feed.post/3n2iojcm3232b",
                                                        "Hei!", anchor)
    assert key != bluesky.reply_rkey("bsky", "at://did:plc:x/app.bsky.feed.post/3n2iojcm3232b", "Hei!!", anchor)
    micros = int("".join(f"{bluesky.TID_CHARS.index(c):05b}" for c in key), 2) >> 10
    assert 0 <= micros - anchor.timestamp() * 1_000_000 < 1_000_000  # anchored at the post's time, within a second


SOURCES = """sources:
  - name: bsky
    type: bluesky
    base_url: {pds}
    handle: nordeasuomi.bsky.social
    password_env: BLUESKY_APP_PASSWORD
    hashtags: ["#nordea"]
    every: 2m
"""


def test_kuulo_poll_reads_bluesky_from_a_config_file(tmp_path, fake_bluesky):
    fake_bluesky.add_post(f"@{BRAND} miksi verkkopankki ei toimi?", handle=CUSTOMER, created_at=at(0))
    path = team_config(tmp_path, SOURCES.format(pds=fake_bluesky.base_url))
    first = kuulo("--config", str(path), "poll", "-q", env=ENV)
    assert first.exception is None and first.return_value == 0, first.output
    assert "bsky (bluesky): new 1 · duplicates 0 · skipped 0 · brand replies 0 · cases opened 1" in first.output
    second = kuulo("--config", str(path), "poll", "-q", env=ENV)
    assert second.return_value == 0 and "bsky (bluesky): new 0 · duplicates 0" in second.output


def test_cron_runs_reuse_the_saved_session_instead_of_logging_in_each_time(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db)).ok
    saved = get_cursor(services.db, "session:bsky")
    assert saved and BRAND in saved
    fake_bluesky.add_post(f"@{BRAND} miksi kortti ei toimi?", handle=CUSTOMER, created_at=at(5))
    clock.advance(minutes=2)
    next_run = build_source(cfg, ENV, clock=clock, db=services.db)  # `kuulo poll` again: a new process
    assert poll_once(services, cfg, next_run).new == 1
    assert len(fake_bluesky.calls_to("com.atproto.server.createSession")) == 1


def test_a_saved_session_that_was_revoked_is_replaced_by_a_fresh_login(services, clock, fake_bluesky):
    cfg = bsky_cfg(fake_bluesky)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db)).ok
    old = get_cursor(services.db, "session:bsky")
    fake_bluesky.revoke_sessions()
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert result.ok
    assert len(fake_bluesky.calls_to("com.atproto.server.createSession")) == 2
    assert get_cursor(services.db, "session:bsky") not in (None, old)
