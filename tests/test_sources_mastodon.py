"""Mastodon source: the real Mastodon.py against a fake instance; cases and cursors in real SQLite."""

from __future__ import annotations

import json
import logging
import random
from datetime import datetime

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import CaseStateError, KuuloError, TransportError
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.replies import send_reply
from kuulo.storage.cases import case_for_mention, get_case
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.ledger import case_events, verify_ledger
from kuulo.storage.mentions import get_mention
from tests.fakes.mastodon import DATA, FakeMastodon
from tests.sources_support import assert_a_restart_misses_nothing

CUSTOMER = "asiakas@example.social"
ENV = {"MASTODON_TOKEN": "masto-test-token"}


def masto_cfg(fake: FakeMastodon, **options) -> SourceConfig:
    return SourceConfig(name="masto", type="mastodon", every_seconds=120, base_url=fake.base_url,
                        token_env="MASTODON_TOKEN", options={"hashtags": ["#nordea"], **options})


def ts(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def ids(services) -> list[str]:
    return [r[0] for r in services.db.execute("SELECT id FROM mentions WHERE platform = 'mastodon' ORDER BY id")]


def test_first_poll_reads_mentions_and_hashtags(services, clock, fake_mastodon):
    asked = fake_mastodon.add_status("Hei @NordeaSuomi, miksi verkkopankki ei toimi?", acct=CUSTOMER,
                                     created_at="2026-11-17T09:00:00.000Z", mention=True)
    tagged = fake_mastodon.add_status("Onko #Nordea sovellus taas rikki?", acct="matti",
                                      created_at="2026-11-17T09:05:00.000Z")
    fake_mastodon.add_status("Hyvää huomenta kaikille", acct="liisa", created_at="2026-11-17T09:06:00.000Z")
    cfg = masto_cfg(fake_mastodon)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.duplicates, result.skipped, result.cases_opened) == (True, 2, 0, 0, 2)
    post = get_mention(services.db, "mastodon", asked["id"])
    assert post["author"] == CUSTOMER and post["author_id"] == asked["account"]["id"]
    assert post["text"] == "Hei @NordeaSuomi, miksi verkkopankki ei toimi?"
    assert post["created_at"] == "2026-11-17T09:00:00+00:00" and post["lang"] == "fi"
    assert get_mention(services.db, "mastodon", tagged["id"])["hashtags"] == ["#nordea"]
    assert json.loads(get_cursor(services.db, "masto")) == {
        "notifications": "34975001", "tag:nordea": tagged["id"], "own": "0"}  # no own posts yet: all later ones are new
    [notifications] = fake_mastodon.calls_to("GET", "/api/v1/notifications")
    assert notifications.params["types[]"] == ["mention"] and notifications.headers["authorization"] == "Bearer masto-test-token"


def tag_questions(fake_mastodon, n: int, created_at: str = "2026-11-17T09:10:00.000Z") -> list[str]:
    """n statuses asking under #nordea (at 09:10); their ids."""
    return [fake_mastodon.add_status(f"Miksi #nordea kortti {i} ei käy?", acct=f"user{i}",
                                     created_at=created_at)["id"] for i in range(n)]


def test_incremental_poll_pages_forward_through_link_headers(services, clock, fake_mastodon):
    first = fake_mastodon.add_status("#nordea eka", acct="matti", created_at="2026-11-17T09:00:00.000Z")
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    later = tag_questions(fake_mastodon, 95)
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (95, 0)
    assert set(later) <= set(ids(services))
    tag_calls = fake_mastodon.calls_to("GET", "/api/v1/timelines/tag/nordea")[1:]
    assert [c.params["min_id"] for c in tag_calls] == [first["id"], later[39], later[79], later[94]]
    assert len(tag_calls) == 4  # 40 + 40 + 15, then an empty page ends the walk
    assert json.loads(get_cursor(services.db, "masto"))["tag:nordea"] == later[-1]


def test_a_stream_empty_at_its_first_poll_reads_all_that_came_after_it(services, clock, fake_mastodon):
    """A hashtag nobody had used yet when Kuulo first looked: the polls after read every status since, not only the
    newest page (found by a crash probe: 303 of 400 statuses never read)."""
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)  # the clock stands at 10:00
    assert poll_once(services, cfg, source).new == 0
    later = tag_questions(fake_mastodon, 95, created_at="2026-11-17T10:10:00.000Z")
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (95, 0) and set(later) == set(ids(services))
    assert poll_once(services, cfg, source).new == 0


def test_a_hashtag_empty_at_its_first_look_brings_back_no_older_statuses_as_news(services, clock, fake_mastodon):
    """A hashtag timeline that answered nothing for a moment, then its whole history: statuses created before the
    first look, less the late window, are history, not alerts (min_id=0 would read all of it, oldest first); a cursor
    of an older Kuulo (a bare "0") reads all it finds, as it did."""
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)  # the clock stands at 10:00
    assert poll_once(services, cfg, source).new == 0
    looked = json.loads(get_cursor(services.db, "masto"))
    assert looked["tag:nordea"] == f"0@{int(clock.now().timestamp())}" and looked["own"] == "0"
    history = tag_questions(fake_mastodon, 90)  # 09:10
    late = fake_mastodon.add_status("#nordea juuri ennen", acct="late", created_at="2026-11-17T09:50:00.000Z")["id"]
    news = tag_questions(fake_mastodon, 50, created_at="2026-11-17T10:03:00.000Z")
    clock.advance(minutes=5)
    result = poll_once(services, cfg, source)
    assert (result.new, set(ids(services))) == (51, {late, *news})
    assert poll_once(services, cfg, source).new == 0
    with services.db.conn:
        set_cursor(services.db, "masto", json.dumps({**looked, "tag:nordea": "0"}), 0.0)
    assert poll_once(services, cfg, source).new == len(history)


def test_an_older_kuulos_marker_on_a_hashtag_still_empty_takes_this_looks_time(services, clock, fake_mastodon):
    cfg = masto_cfg(fake_mastodon)
    with services.db.conn:
        set_cursor(services.db, "masto", json.dumps({"tag:nordea": "0", "own": "0"}), 0.0)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock)).new == 0
    marks = json.loads(get_cursor(services.db, "masto"))
    assert marks["tag:nordea"] == f"0@{int(clock.now().timestamp())}" and marks["own"] == "0"


def test_a_walk_down_to_the_first_looks_floor_that_the_page_cap_stops_goes_on_at_the_next_poll(services, clock,
                                                                                              fake_mastodon):
    """More statuses since an empty first look than a poll reads (10 pages of 40): the rest, below where the walk
    stopped, come at the next poll beside what is new on top (review: they were lost)."""
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 0
    tag_questions(fake_mastodon, 90)  # 09:10: history
    since_look = tag_questions(fake_mastodon, 450, created_at="2026-11-17T10:03:00.000Z")
    clock.advance(minutes=5)
    assert poll_once(services, cfg, source).new == 400
    assert "tag:nordea#gap" in json.loads(get_cursor(services.db, "masto"))
    on_top = tag_questions(fake_mastodon, 5, created_at="2026-11-17T10:06:00.000Z")
    assert poll_once(services, cfg, source).new == 55
    assert set(ids(services)) == {*since_look, *on_top} and poll_once(services, cfg, source).new == 0
    assert "tag:nordea#gap" not in json.loads(get_cursor(services.db, "masto"))


def test_restart_in_between_misses_nothing_and_repeats_nothing(tmp_path, clock, fake_mastodon):
    cfg = masto_cfg(fake_mastodon)
    fake_mastodon.add_status("Miksi #nordea ei vastaa?", acct="matti", created_at="2026-11-17T09:00:00.000Z")

    def while_down() -> list[str]:
        return [fake_mastodon.add_status(f"@NordeaSuomi kysymys {i}: miksi kortti ei toimi?", acct=CUSTOMER,
                                         created_at="2026-11-17T09:20:00.000Z", mention=True)["id"] for i in range(3)]

    assert_a_restart_misses_nothing(tmp_path, clock, cfg, lambda _: build_source(cfg, ENV, clock=clock),
                                    while_down, ids)


def test_rate_limit_is_backed_off_until_the_reset_then_retried(services, clock, fake_mastodon):
    fake_mastodon.add_status("@NordeaSuomi miksi kortti ei toimi?", acct=CUSTOMER,
                             created_at="2026-11-17T09:00:00.000Z", mention=True)
    fake_mastodon.fail_next("/api/v1/notifications", kind="ratelimited", reset_in=42)
    cfg = masto_cfg(fake_mastodon)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock))], rng=random.Random(3))
    [limited] = runner.run_due(clock.now())
    assert limited.error == "mastodon masto: rate limited (HTTP 429: Too many requests)"
    assert limited.retry_after == 42.0
    assert ids(services) == [] and get_cursor(services.db, "masto") is None
    assert runner.next_at("masto") == clock.now().timestamp() + 42
    assert runner.due(clock.advance(seconds=41)) == []
    [retried] = runner.run_due(clock.advance(seconds=1))
    assert retried.ok and retried.new == 1 and runner.failures("masto") == 0
    assert [c.status for c in fake_mastodon.calls_to("GET", "/api/v1/notifications")] == [429, 200]


def test_no_requests_left_pauses_the_source_until_the_reset(services, clock, fake_mastodon):
    fake_mastodon.remaining = 1  # the poll spends it: the last answer says X-RateLimit-Remaining: 0
    fake_mastodon.reset_in = 900
    cfg = masto_cfg(fake_mastodon, notifications=False)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock))])
    [result] = runner.run_due(clock.now())
    assert result.ok and result.cooldown_s == 900.0
    assert runner.next_at("masto") == clock.now().timestamp() + 900


def test_malformed_item_is_logged_and_skipped(services, clock, fake_mastodon, caplog):
    good = fake_mastodon.add_status("@NordeaSuomi miksi sovellus kaatuu?", acct=CUSTOMER,
                                    created_at="2026-11-17T09:00:00.000Z", mention=True)
    broken = fake_mastodon.add_status("@NordeaSuomi hei", acct="matti", created_at="2026-11-17T09:01:00.000Z")
    broken["created_at"] = "eilen"
    bad_id = fake_mastodon.add_notification(None, raw={"type": "mention", "created_at": "2026-11-17T09:01:00.000Z",
                                                       "account": broken["account"], "status": broken})
    empty_id = fake_mastodon.add_notification(None, raw={"type": "mention", "created_at": "2026-11-17T09:02:00.000Z",
                                                         "account": broken["account"], "status": None})
    cfg = masto_cfg(fake_mastodon)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.skipped) == (True, 1, 2)
    assert ids(services) == [good["id"]]
    skipped = "source masto: skipped item notifications"
    assert f"{skipped} {bad_id}: created_at missing or not ISO 8601 ('eilen')" in caplog.text
    assert f"{skipped} {empty_id}: status: expected an object, got nothing" in caplog.text
    assert json.loads(get_cursor(services.db, "masto"))["notifications"] == empty_id  # skipped, not re-read


def test_a_leap_second_is_a_time_and_a_second_60_elsewhere_is_named(services, clock, fake_mastodon, caplog):
    leap = fake_mastodon.add_status("@NordeaSuomi miksi sovellus kaatuu?", acct=CUSTOMER,
                                    created_at="2016-12-31T23:59:60.000Z", mention=True)
    odd = fake_mastodon.add_status("@NordeaSuomi hei?", acct=CUSTOMER, created_at="2016-12-31T12:00:60.000Z",
                                   mention=True)
    cfg = masto_cfg(fake_mastodon)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.skipped) == (True, 1, 1)
    assert get_mention(services.db, "mastodon", leap["id"])["created_at"] == "2016-12-31T23:59:59.999999+00:00"
    assert get_mention(services.db, "mastodon", odd["id"]) is None
    assert ": created_at second 60 is a leap second only at 23:59:60 UTC ('2016-12-31T12:00:60.000Z')" in caplog.text


def test_brand_reply_in_the_app_closes_the_case_at_its_platform_time(services, clock, fake_mastodon):
    asked = fake_mastodon.add_status("@NordeaSuomi miksi verkkopankki ei toimi?", acct=CUSTOMER,
                                     created_at="2026-11-17T09:00:00.000Z", mention=True)
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).cases_opened == 1
    case = case_for_mention(services.db, "mastodon", asked["id"])
    assert case["state"] == "open"
    fake_mastodon.add_status(f"@{CUSTOMER} Hei! Vika on korjattu.", acct="NordeaSuomi",
                             created_at="2026-11-17T09:12:30.000Z", in_reply_to_id=asked["id"])
    clock.advance(minutes=40)  # Kuulo sees it late; the response time is the platform's
    result = poll_once(services, cfg, source)
    assert (result.brand_replies, result.cases_closed) == (1, 1)
    closed = get_case(services.db, case["id"])
    assert closed["state"] == "answered" and closed["responded_how"] == "platform_reply"
    assert closed["responded_ts"] == ts("2026-11-17T09:12:30+00:00") and closed["responded_by"] == "@NordeaSuomi"
    assert closed["responded_ts"] - closed["created_ts"] == 750


def test_reply_written_in_kuulo_is_posted_and_recorded(services, clock, fake_mastodon):
    asked = fake_mastodon.add_status("@NordeaSuomi miksi korttini ei toimi?", acct=CUSTOMER,
                                     created_at="2026-11-17T09:00:00.000Z", mention=True)
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "mastodon", asked["id"])
    clock.advance(minutes=5)
    reply_id = send_reply(services, source, case["id"], "U0AGENT01", "Hei! Laitoimme viestin, katso DM.")
    [posted] = fake_mastodon.calls_to("POST", "/api/v1/statuses")
    assert posted.params["status"] == f"@{CUSTOMER} Hei! Laitoimme viestin, katso DM."
    assert posted.params["in_reply_to_id"] == asked["id"]
    assert posted.headers["authorization"] == "Bearer masto-test-token" and posted.headers["idempotency-key"]
    assert fake_mastodon.status(reply_id)["in_reply_to_id"] == asked["id"]
    answered = get_case(services.db, case["id"])
    assert answered["state"] == "answered" and answered["responded_how"] == "kuulo_reply"
    assert answered["responded_by"] == "U0AGENT01" and answered["responded_ts"] == clock.now().timestamp()
    sent = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert sent == [{"seq": sent[0]["seq"], "ts": clock.now().timestamp(), "actor": "U0AGENT01", "kind": "reply_sent",
                     "data": {"reply_id": reply_id, "source": "masto", "closure": True}}]
    assert verify_ledger(services.db).ok
    # the reply comes back in the account's own posts: stored once, the case is not closed twice
    result = poll_once(services, cfg, source)
    assert (result.new, result.brand_replies, result.cases_closed) == (1, 1, 0)
    assert get_mention(services.db, "mastodon", reply_id)["kind"] == "brand_reply"
    with pytest.raises(CaseStateError, match=f"case {case['id']} is answered; nothing to reply to"):
        send_reply(services, source, case["id"], "U0AGENT01", "toinen")


def test_a_retried_reply_is_not_posted_twice(clock, fake_mastodon):
    asked = fake_mastodon.add_status("@NordeaSuomi hei?", acct=CUSTOMER, created_at="2026-11-17T09:00:00.000Z")
    source = build_source(masto_cfg(fake_mastodon), ENV, clock=clock)
    first = source.reply(asked["id"], "Hei!")
    assert source.reply(asked["id"], "Hei!") == first
    posts = fake_mastodon.calls_to("POST", "/api/v1/statuses")
    assert len(posts) == 2 and posts[0].headers["idempotency-key"] == posts[1].headers["idempotency-key"]


def test_a_reply_answered_by_a_proxy_page_is_retried_with_the_same_key(clock, fake_mastodon):
    """A 200 whose body is a proxy's HTML says nothing of whether the reply was posted: it is a transient failure, and
    the retry's Idempotency-Key is the first one's, so the instance posts it at most once."""
    asked = fake_mastodon.add_status("@NordeaSuomi hei?", acct=CUSTOMER, created_at="2026-11-17T09:00:00.000Z")
    source = build_source(masto_cfg(fake_mastodon), ENV, clock=clock)
    fake_mastodon.answer_body_next("/api/v1/statuses$", PROXY_503, content_type="text/html")
    with pytest.raises(TransportError) as failed:
        source.reply(asked["id"], "Hei!")
    assert not failed.value.permanent
    assert str(failed.value).startswith("mastodon masto: unusable answer from /api/v1/statuses: not JSON (HTTP 200, "
                                        f"{len(PROXY_503)} bytes of text/html: ")
    reply_id = source.reply(asked["id"], "Hei!")
    first, second = fake_mastodon.calls_to("POST", "/api/v1/statuses")
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert fake_mastodon.status(reply_id)["in_reply_to_id"] == asked["id"]


def test_a_direct_message_is_answered_directly(clock, fake_mastodon):
    asked = fake_mastodon.add_status("@NordeaSuomi tilinumeroni on...", acct=CUSTOMER,
                                     created_at="2026-11-17T09:00:00.000Z", visibility="direct")
    source = build_source(masto_cfg(fake_mastodon), ENV, clock=clock)
    reply_id = source.reply(asked["id"], "Älä jaa tilitietoja julkisesti.")
    assert fake_mastodon.status(reply_id)["visibility"] == "direct"


def test_search_stream_is_read_with_min_id(services, clock, fake_mastodon):
    found = fake_mastodon.add_status("OP-ryhmä ja Nordea vertailussa", acct="matti",
                                     created_at="2026-11-17T09:00:00.000Z")
    cfg = SourceConfig(name="masto", type="mastodon", every_seconds=120, base_url=fake_mastodon.base_url,
                       token_env="MASTODON_TOKEN", options={"search": ("nordea",), "notifications": False})
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    poll_once(services, cfg, source)
    [first, second] = fake_mastodon.calls_to("GET", "/api/v2/search")
    assert first.params["type"] == "statuses" and "min_id" not in first.params
    assert second.params["min_id"] == found["id"]


def test_refused_token_is_permanent(services, clock, fake_mastodon):
    cfg = masto_cfg(fake_mastodon)
    result = poll_once(services, cfg, build_source(cfg, {"MASTODON_TOKEN": "wrong"}, clock=clock))
    assert result.permanent
    assert result.error == ("mastodon masto: the token was refused (HTTP 401 Unauthorized: The access token is"
                            " invalid); check token_env")


@pytest.mark.parametrize("path, status, answer, said", [
    ("/api/v1/notifications", 500, {"error": "PG::ConnectionBad: connection to server failed"},
     "server error (HTTP 500 Internal Server Error: PG::ConnectionBad: connection to server failed)"),
    ("/api/v1/accounts/109001/statuses", 503, {"error": "Remote data could not be fetched"},
     "server error (HTTP 503 Service Unavailable: Remote data could not be fetched)"),
    ("/api/v1/timelines/tag/nordea", 401, {"error": "invalid_token", "error_description": "The access token expired"},
     "the token was refused (HTTP 401 Unauthorized: invalid_token: The access token expired); check token_env"),
], ids=["notifications", "own statuses", "tag timeline"])
def test_a_list_endpoints_error_says_the_servers_words(services, clock, fake_mastodon, path, status, answer, said):
    """Mastodon.py drops the server's {"error": ...} where it expects a list; Kuulo reads it from the answer."""
    fake_mastodon.add_status("Miksi #nordea ei vastaa?", acct="matti", created_at="2026-11-17T09:00:00.000Z")
    fake_mastodon.answer_next(path, answer, status=status)
    cfg = masto_cfg(fake_mastodon)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert result.error == f"mastodon masto: {said}"
    assert result.permanent == (status == 401)
    assert ids(services) == [] and get_cursor(services.db, "masto") is None


PROXY_503 = (DATA / "proxy_503.html").read_bytes()
PROXY_408 = b"<html><head><title>408 Request Time-out</title></head><body><h1>408 Request Time-out</h1></body></html>"
CUT_OFF = b'[{"id":"113000000000000103","created_at":"2026-11-17T09:1'  # a page cut off mid-JSON
DEEP = b"[" * 100_000 + b"]" * 100_000  # RecursionError in any JSON parser, Mastodon.py's too


@pytest.mark.parametrize("status, body, content_type, said", [
    (503, PROXY_503, "text/html", "server error (HTTP 503 Service Unavailable)"),
    (408, PROXY_408, "text/html", "server error (HTTP 408 Request Timeout)"),
    (200, CUT_OFF, "application/json; charset=utf-8", "unusable answer from /api/v1/timelines/tag/nordea: not JSON "
     "(HTTP 200, 57 bytes of application/json; charset=utf-8: Unterminated string starting at: line 1 column 42"
     " (char 41))"),
    (200, DEEP, "application/json", "unusable answer from /api/v1/timelines/tag/nordea: not JSON (HTTP 200, 200000 "
     "bytes of application/json: nested deeper than the parser reads)"),
], ids=["proxy page 503", "proxy page 408", "cut-off 200", "nested 100,000 deep"])
def test_an_answer_that_is_not_json_is_retried_and_loses_nothing(services, clock, fake_mastodon, status, body,
                                                                  content_type, said):
    """A proxy's page or a body cut off mid-JSON fails the poll for now: the cursor stays, the next poll reads all."""
    first = fake_mastodon.add_status("Miksi #nordea ei vastaa?", acct="matti", created_at="2026-11-17T09:00:00.000Z")
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    cursor = get_cursor(services.db, "masto")
    later = [fake_mastodon.add_status(f"#nordea kortti {i} ei käy", acct=f"user{i}",
                                      created_at="2026-11-17T09:10:00.000Z")["id"] for i in range(2)]
    fake_mastodon.answer_body_next("/api/v1/timelines/tag/nordea", body, status=status, content_type=content_type)
    failed = poll_once(services, cfg, source)
    assert (failed.error, failed.permanent) == (f"mastodon masto: {said}", False)
    assert ids(services) == [first["id"]] and get_cursor(services.db, "masto") == cursor
    retried = poll_once(services, cfg, source)
    assert (retried.ok, retried.new) == (True, 2) and set(later) <= set(ids(services))
    assert json.loads(get_cursor(services.db, "masto"))["tag:nordea"] == later[-1]


def test_a_first_look_at_only_unreadable_items_sets_no_floor_and_the_next_poll_stores_the_page(services, clock,
                                                                                               fake_mastodon):
    real = fake_mastodon.add_status("Miksi #nordea ei vastaa?", acct="matti", created_at="2026-11-17T09:00:00.000Z")
    fake_mastodon.answer_body_next("/api/v1/timelines/tag/nordea", b'[null, 5, "x"]')
    cfg = masto_cfg(fake_mastodon)
    source = build_source(cfg, ENV, clock=clock)
    junk = poll_once(services, cfg, source)
    assert (junk.ok, junk.new, junk.skipped) == (True, 0, 3)
    assert "tag:nordea" not in json.loads(get_cursor(services.db, "masto") or "{}")
    clock.advance(minutes=10)
    later = poll_once(services, cfg, source)
    assert (later.ok, later.new) == (True, 1) and ids(services) == [real["id"]]  # an hour older than the first look


@pytest.mark.parametrize("cfg, env, message", [
    (dict(options={"hashtags": ["#nordea"]}), {}, "source 'masto': environment variable MASTODON_TOKEN is not set (token_env)"),
    (dict(token_env=None, options={"hashtags": ["#nordea"]}), {},
     "source 'masto': set token_env to the name of the environment variable that holds the access token"),
    (dict(base_url=None), ENV, "source 'masto': mastodon needs base_url, the instance (e.g. https://mastodon.social)"),
    (dict(options={"notifications": False}), ENV,
     "source 'masto': nothing to read; set hashtags, search or notifications: true"),
])
def test_bad_mastodon_config_is_named(cfg, env, message):
    base = dict(name="masto", type="mastodon", every_seconds=120, base_url="http://127.0.0.1:9", token_env="MASTODON_TOKEN")
    with pytest.raises(KuuloError) as err:
        build_source(SourceConfig(**{**base, **cfg}), env)
    assert str(err.value) == message


def test_unsupported_type_is_named():
    with pytest.raises(KuuloError, match=r"source 'fb': type facebook cannot be polled yet \(supported: rss, "):
        build_source(SourceConfig(name="fb", type="facebook", every_seconds=60), {})


def _polled_question(tmp_path, clock, fake_mastodon):
    """A Mastodon question polled into a fresh database: (services, its source, the status, its case)."""
    from dataclasses import replace

    cfg = masto_cfg(fake_mastodon)
    services = build_services(replace(default_config(str(tmp_path / "k.db")), sources=(cfg,)), clock=clock)
    asked = fake_mastodon.add_status("@NordeaSuomi miksi sovellus kaatuu?", acct=CUSTOMER,
                                     created_at="2026-11-17T09:00:00.000Z", mention=True)
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    return services, source, asked, case_for_mention(services.db, "mastodon", asked["id"])


def test_a_reply_from_chat_waits_in_the_outbox_until_the_platform_takes_it(tmp_path, clock, fake_mastodon):
    """As the Slack reply modal does it: a plain `reply` action; the post's source sends it, retried, once."""
    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.delivery import deliver_pending
    from kuulo.bot.sources.replies import ReplyHandler
    from kuulo.storage.outbox import outbox_summary

    services, source, asked, case = _polled_question(tmp_path, clock, fake_mastodon)
    services.cases.apply(CaseCommand("reply", case["id"], "aino (U0AINO001)", text="Hei! Katsomme asiaa."))
    assert get_case(services.db, case["id"])["state"] == "reply_pending"  # not answered until the platform has it
    handler = ReplyHandler(source)
    fake_mastodon.fail_next("/api/v1/statuses", kind="5xx")
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    assert outbox_summary(services.db)["reply:masto"] == {"pending": 1}
    assert get_case(services.db, case["id"])["state"] == "reply_pending"
    clock.advance(minutes=30)
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 1
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    [event] = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert event["actor"] == "aino (U0AINO001)" and event["data"]["source"] == "masto"
    answered = get_case(services.db, case["id"])
    assert (answered["state"], answered["responded_how"], answered["responded_by"]) == (
        "answered", "kuulo_reply", "aino (U0AINO001)")
    assert answered["responded_ts"] == clock.now().timestamp()  # when the platform confirmed it
    assert fake_mastodon.status(event["data"]["reply_id"])["in_reply_to_id"] == asked["id"]
    assert verify_ledger(services.db).ok


def test_a_reply_the_platform_refuses_for_good_reopens_the_case_and_says_why(tmp_path, clock, fake_mastodon):
    """A permanent refusal (here a revoked token) is never a response: the case waits again, with the reason."""
    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.delivery import deliver_pending
    from kuulo.bot.report import build_report
    from kuulo.bot.sources.replies import ReplyHandler
    from kuulo.storage.cases import list_cases
    from kuulo.storage.outbox import outbox_summary

    services, source, _, case = _polled_question(tmp_path, clock, fake_mastodon)
    services.cases.apply(CaseCommand("claim", case["id"], "aino"))
    services.cases.apply(CaseCommand("reply", case["id"], "aino", text="Hei! Katsomme asiaa."))
    fake_mastodon.fail_next("/api/v1/statuses", kind="unauthorized")
    assert deliver_pending(services.db, ReplyHandler(source), clock, replies=services.cases) == 0
    assert outbox_summary(services.db)["reply:masto"] == {"dead": 1}
    row = get_case(services.db, case["id"])
    assert row["state"] == "claimed" and row["responded_ts"] is None
    assert "the token was refused" in row["reply_error"]
    assert [c["reply_error"] for c in list_cases(services.db)] == [row["reply_error"]]  # shown in `kuulo cases`
    kinds = [e["kind"] for e in case_events(services.db, case["id"])]
    assert kinds[-2:] == ["reply_queued", "reply_failed"] and "reply_sent" not in kinds
    updates = [json.loads(r[0]) for r in services.db.execute(
        "SELECT payload FROM outbox WHERE kind = 'update' AND case_id = ? ORDER BY id", (case["id"],))]
    assert updates[-1]["event"] == "reply_failed" and "token was refused" in updates[-1]["reason"]
    report = build_report(services.db, since=datetime.fromisoformat("2026-11-17T00:00:00+00:00"),
                          until=clock.now(), now=clock.now(), sla_seconds=3600)
    assert (report["total"]["answered"], report["total"]["open"]) == (0, 1)
    assert verify_ledger(services.db).ok


def test_a_case_with_a_reply_on_its_way_is_neither_marked_answered_nor_dismissed(tmp_path, clock, fake_mastodon):
    """The platform's verdict on the reply decides the case: "Mark answered" before it would say answered when
    nothing may go out, and a dismissal would still send the brand's public reply (desk probe)."""
    from kuulo.bot.cases import CaseCommand

    services, _, _, case = _polled_question(tmp_path, clock, fake_mastodon)
    services.cases.apply(CaseCommand("reply", case["id"], "aino", text="Hei! Katsomme asiaa."))
    for command in (CaseCommand("answer", case["id"], "mikko"), CaseCommand("dismiss", case["id"], "mikko",
                                                                             reason="spam")):
        with pytest.raises(CaseStateError, match=f"case {case['id']} has a reply on its way to the platform"):
            services.cases.apply(command)
    assert get_case(services.db, case["id"])["state"] == "reply_pending"


def test_a_reply_refused_after_the_case_was_answered_otherwise_is_recorded_and_said(tmp_path, clock, fake_mastodon):
    from kuulo.bot.cases import CaseCommand

    services, _, _, case = _polled_question(tmp_path, clock, fake_mastodon)
    services.cases.apply(CaseCommand("reply", case["id"], "aino", text="Hei! Katsomme asiaa."))
    with services.db.conn as db:  # answered on the platform meanwhile (as a poll of the brand's reply does)
        db.execute("UPDATE cases SET state = 'answered' WHERE id = ?", (case["id"],))
    services.cases.reply_failed(case["id"], "HTTP 404: the post was deleted")
    row = get_case(services.db, case["id"])
    assert (row["state"], row["reply_error"]) == ("answered", "HTTP 404: the post was deleted")
    assert [e["kind"] for e in case_events(services.db, case["id"])][-1] == "reply_failed"
    [update] = [json.loads(r[0]) for r in services.db.execute(
        "SELECT payload FROM outbox WHERE kind = 'update' AND case_id = ? ORDER BY id DESC LIMIT 1", (case["id"],))]
    assert (update["event"], update["reopened"]) == ("reply_failed", False)
