"""Instagram source: the requests-based Graph client against a fake Graph API; cases, cursors and the hashtag budget
in real SQLite."""

from __future__ import annotations

import json
import logging
import random
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.sources import instagram
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.replies import send_reply
from kuulo.storage.cases import case_for_mention, get_case
from kuulo.storage.cursors import get_cursor
from kuulo.storage.hashtag_budget import hashtags_in_window, record_search
from kuulo.storage.ledger import case_events, verify_ledger
from kuulo.storage.mentions import get_mention
from tests.fakes.instagram import FakeInstagram
from tests.sources_support import assert_a_restart_misses_nothing, kuulo

ENV = {"IG_TOKEN": "ig-test-token"}
CUSTOMER = "asiakas_fi"
QUESTION = "Nordea, miksi korttini ei toimi verkkokaupassa?"


def ig_cfg(fake: FakeInstagram, **options) -> SourceConfig:
    return SourceConfig(name="insta", type="instagram", every_seconds=300, base_url=fake.base_url,
                        token_env="IG_TOKEN", options={"user_id": fake.user_id, **options})


def ids(services) -> list[str]:
    return [r[0] for r in services.db.execute("SELECT id FROM mentions WHERE platform = 'instagram' ORDER BY id")]


def ts(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def post_with_question(fake: FakeInstagram, at: datetime | None = None) -> tuple[dict, dict]:
    """A post of the account and a customer's question under it an hour later (at: the post's time, or 17.11.)."""
    at = at or datetime(2026, 11, 17, 8, tzinfo=timezone.utc)
    post = fake.add_media("Uusi kortti on täällä! #nordea", timestamp=at.strftime("%Y-%m-%dT%H:%M:%S+0000"))
    asked = fake.add_comment(post["id"], QUESTION, username=CUSTOMER,
                             timestamp=(at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+0000"))
    return post, asked


def test_first_poll_reads_posts_comments_tags_and_hashtags(services, clock, fake_instagram):
    fake_instagram.now = clock.now()
    post, asked = post_with_question(fake_instagram)
    tagged = fake_instagram.add_tagged("Kiitos @NordeaSuomi, mutta miksi sovellus kaatuu?", username="matti",
                                       timestamp="2026-11-17T09:05:00+0000")
    found = fake_instagram.add_hashtag_media("Onko #Nordea sovellus taas rikki? #pankki", username="liisa",
                                             timestamp="2026-11-17T09:10:00+0000")
    cfg = ig_cfg(fake_instagram, hashtags=("#nordea",))
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 4, 0, 0)
    assert (result.brand_replies, result.cases_opened) == (1, 3)
    stored = get_mention(services.db, "instagram", asked["id"])
    assert (stored["author"], stored["in_reply_to"], stored["text"]) == (CUSTOMER, post["id"], QUESTION)
    assert stored["created_at"] == "2026-11-17T09:00:00+00:00" and stored["author_id"] == asked["from"]["id"]
    assert get_mention(services.db, "instagram", post["id"])["kind"] == "brand_reply"
    assert get_mention(services.db, "instagram", tagged["id"])["author"] == "matti"
    by_hashtag = get_mention(services.db, "instagram", found["id"])
    assert by_hashtag["author"] == "(unknown)" and by_hashtag["hashtags"] == ["#nordea", "#pankki"]
    assert by_hashtag["url"] == found["permalink"]
    cursor = json.loads(get_cursor(services.db, "insta"))
    assert cursor["tags"] == {"ts": "2026-11-17T09:05:00+00:00", "ids": [tagged["id"]]}
    assert cursor["comments"] == {post["id"]: {}}  # every comment stored: nothing else to remember
    assert cursor["hashtag:nordea"]["read_at"] == clock.now().isoformat()
    [comments] = fake_instagram.calls_to("GET", f"/{post['id']}/comments")
    assert comments.params["fields"] == ("id,text,timestamp,username,from,parent_id,"
                                         "replies{id,text,timestamp,username,from}")
    assert all(c.headers["authorization"] == "Bearer ig-test-token" and "access_token" not in c.params
               for c in fake_instagram.calls)
    [recent] = fake_instagram.calls_to("GET", "/17843")
    assert recent.path.endswith("/recent_media") and recent.params["user_id"] == fake_instagram.user_id


def tagged_questions(fake_instagram, n: int) -> list[str]:
    """n media tagging the account, one a minute from 08:01; their ids."""
    return [fake_instagram.add_tagged(f"@NordeaSuomi kysymys {i}", username=f"user{i}",
                                      timestamp=f"2026-11-17T{8 + (i + 1) // 60:02d}:{(i + 1) % 60:02d}:00+0000")["id"]
            for i in range(n)]


def test_incremental_poll_pages_back_to_the_mark_and_keeps_a_gap_for_the_next(services, clock, fake_instagram,
                                                                            monkeypatch):
    first = fake_instagram.add_tagged("@NordeaSuomi eka", username="matti", timestamp="2026-11-17T08:00:00+0000")
    cfg = ig_cfg(fake_instagram, comments=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    assert poll_once(services, cfg, source).new == 1
    later = tagged_questions(fake_instagram, 120)
    monkeypatch.setattr(instagram, "MAX_PAGES_PER_STREAM", 2)
    cut = poll_once(services, cfg, source)
    assert (cut.new, cut.duplicates) == (100, 0)
    gap = json.loads(get_cursor(services.db, "insta"))["tags"]["gap"]
    assert gap["stop"] == {"ts": "2026-11-17T08:00:00+00:00", "ids": [first["id"]]}
    rest = poll_once(services, cfg, source)
    assert (rest.new, rest.duplicates) == (20, 0)
    assert set(later) | {first["id"]} == set(ids(services))
    tags_calls = fake_instagram.calls_to("GET", f"/{fake_instagram.user_id}/tags")
    assert [c.params.get("after") for c in tags_calls[1:3]] == [None, tags_calls[2].params["after"]]
    assert tags_calls[4].params["after"] == gap["after"]  # the third poll: its top page, then the saved gap
    assert "gap" not in json.loads(get_cursor(services.db, "insta"))["tags"]


def test_a_stream_empty_at_its_first_poll_reads_all_that_came_after_it(services, clock, fake_instagram):
    """No media tagged the account yet when Kuulo first looked: the polls after read every item since, not only the
    newest page of 50 (the same loss a crash probe found on Bluesky, Reddit and Mastodon)."""
    cfg = ig_cfg(fake_instagram, comments=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    assert poll_once(services, cfg, source).new == 0
    later = tagged_questions(fake_instagram, 120)
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (120, 0) and set(later) == set(ids(services))
    assert poll_once(services, cfg, source).new == 0


def test_a_hashtag_empty_at_its_first_look_brings_back_no_older_posts_as_news(services, clock, fake_instagram):
    """recent_media answered nothing for a moment, then its last 24 hours: posts dated before the first look, less the
    late window, are history, not alerts; tagged media, which name the account, keep no such floor."""
    cfg = ig_cfg(fake_instagram, hashtags=("#Nordea",), comments=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)  # the clock stands at 10:00
    assert poll_once(services, cfg, source).new == 0
    state = json.loads(get_cursor(services.db, "insta"))
    assert state["hashtag:nordea"]["ts"] == clock.now().isoformat() and "ts" not in state["tags"]
    for i in range(60):
        fake_instagram.add_hashtag_media(f"#nordea vanha {i}", username=f"old{i}",
                                         timestamp=f"2026-11-17T08:{i:02}:00+0000")
    late = fake_instagram.add_hashtag_media("#nordea juuri ennen", username="late",
                                            timestamp="2026-11-17T09:50:00+0000")
    news = fake_instagram.add_hashtag_media("#nordea uusi", username="new", timestamp="2026-11-17T10:03:00+0000")
    tagged = fake_instagram.add_tagged("@NordeaSuomi vanha kysymys?", username="liisa",
                                       timestamp="2026-11-17T08:00:00+0000")
    clock.advance(minutes=5)
    assert poll_once(services, cfg, source).new == 3
    assert set(ids(services)) == {late["id"], news["id"], tagged["id"]}


def test_restart_in_between_misses_nothing_and_repeats_nothing(tmp_path, clock, fake_instagram):
    cfg = ig_cfg(fake_instagram)
    post, _ = post_with_question(fake_instagram)

    def while_down() -> list[str]:
        comments = [fake_instagram.add_comment(post["id"], f"Nordea, kysymys {i}: miksi kortti ei toimi?",
                                               username=f"user{i}", timestamp="2026-11-17T09:20:00+0000")["id"]
                    for i in range(3)]
        return comments + [fake_instagram.add_tagged("@NordeaSuomi miksi?", username="liisa",
                                                     timestamp="2026-11-17T09:21:00+0000")["id"]]

    assert_a_restart_misses_nothing(tmp_path, clock, cfg,
                                    lambda services: build_source(cfg, ENV, clock=clock, db=services.db),
                                    while_down, ids, before=2)


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S+0000")


def test_a_comment_shown_late_or_dated_before_one_seen_is_still_read(services, clock, fake_instagram):
    post, asked = post_with_question(fake_instagram)  # asked at 09:00
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    assert poll_once(services, cfg, source).new == 2
    held = fake_instagram.add_comment(post["id"], "Miksi Nordea ei vastaa?", username="liisa",
                                      timestamp="2026-11-17T08:45:00+0000")  # held for review, approved now
    clock.advance(hours=3)
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (1, 0)
    assert get_mention(services.db, "instagram", held["id"])["in_reply_to"] == post["id"]
    assert (poll_once(services, cfg, source).new, poll_once(services, cfg, source).duplicates) == (0, 0)


def test_a_comment_dated_in_the_future_hides_none_written_after_it(services, clock, fake_instagram):
    post, _ = post_with_question(fake_instagram)
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    fake_instagram.add_comment(post["id"], "Nordea?", username="matti", timestamp="2031-01-01T00:00:00+0000")
    assert poll_once(services, cfg, source).new == 3
    written = [fake_instagram.add_comment(post["id"], f"Nordea, kortti {i} ei toimi?", username=f"user{i}",
                                          timestamp=iso(clock.now() + timedelta(minutes=i)))["id"] for i in range(5)]
    clock.advance(minutes=5)
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (5, 0) and set(written) <= set(ids(services))


def test_media_dated_in_the_future_or_listed_late_hides_nothing(services, clock, fake_instagram):
    now = clock.now()
    fake_instagram.add_tagged("@NordeaSuomi eka", username="matti", timestamp=iso(now - timedelta(minutes=30)))
    cfg = ig_cfg(fake_instagram, comments=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    future = fake_instagram.add_tagged("@NordeaSuomi kello väärin", username="x",
                                       timestamp="2031-01-01T00:00:00+0000")
    assert poll_once(services, cfg, source).new == 1  # the mark: now plus 5 minutes, not 2031
    assert json.loads(get_cursor(services.db, "insta"))["tags"]["ts"] == (now + timedelta(minutes=5)).isoformat()
    after = fake_instagram.add_tagged("@NordeaSuomi miksi?", username="liisa",
                                      timestamp=iso(now + timedelta(minutes=2)))
    late = fake_instagram.add_tagged("@NordeaSuomi myöhässä", username="aino",  # indexed late: below the mark
                                     timestamp=iso(now - timedelta(minutes=5)))
    clock.advance(minutes=5)
    result = poll_once(services, cfg, source)  # the future one stays on top of the list: passed over, not a stop
    assert (result.new, result.duplicates) == (2, 0)
    assert {future["id"], after["id"], late["id"]} <= set(ids(services))
    clock.advance(minutes=5)
    assert (poll_once(services, cfg, source).new, poll_once(services, cfg, source).duplicates) == (0, 0)


@pytest.mark.parametrize("status, code", [(429, 80002), (403, 4), (400, 17), (400, 32), (400, 613)])
def test_throttling_is_backed_off_until_access_returns_then_retried(services, clock, fake_instagram, status, code):
    post_with_question(fake_instagram)
    fake_instagram.fail_next(f"/{fake_instagram.user_id}/media", status=status, code=code, regain_minutes=7)
    cfg = ig_cfg(fake_instagram)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock, db=services.db))],
                          rng=random.Random(3))
    [limited] = runner.run_due(clock.now())
    assert limited.error == (f"instagram insta: rate limited (HTTP {status}, code {code}: There have been too many"
                             " calls to this Instagram account. Wait a bit and try again.)")
    assert limited.retry_after == 420.0 and not limited.permanent
    assert ids(services) == [] and get_cursor(services.db, "insta") is None
    assert runner.next_at("insta") == clock.now().timestamp() + 420
    assert runner.due(clock.advance(seconds=419)) == []
    [retried] = runner.run_due(clock.advance(seconds=1))
    assert retried.ok and retried.new == 2 and runner.failures("insta") == 0


def test_usage_near_the_limit_pauses_the_source(services, clock, fake_instagram):
    fake_instagram.usage_pct, fake_instagram.regain_minutes = 97, 15
    cfg = ig_cfg(fake_instagram)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock, db=services.db))])
    [result] = runner.run_due(clock.now())
    assert result.ok and result.cooldown_s == 900.0
    assert runner.next_at("insta") == clock.now().timestamp() + 900


@pytest.mark.parametrize("figure", ["high", [1], {"x": 1}, "NaN", "1e999", True], ids=repr)
def test_a_usage_figure_that_is_no_number_is_read_as_none_and_the_poll_stored(services, clock, fake_instagram, figure):
    post, asked = post_with_question(fake_instagram)
    fake_instagram.usage_pct = figure  # in both usage headers, as JSON
    cfg = ig_cfg(fake_instagram)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert (result.ok, result.new, result.cooldown_s) == (True, 2, None)
    assert ids(services) == sorted([post["id"], asked["id"]])


def test_malformed_items_are_logged_and_skipped(services, clock, fake_instagram, caplog):
    post, asked = post_with_question(fake_instagram)
    fake_instagram.add_comment(post["id"], "ignored", username="x", timestamp="x",
                               raw={"id": "17999000000000001", "text": "Nordea?", "timestamp": "eilen",
                                    "username": "matti"})
    fake_instagram.add_comment(post["id"], "ignored", username="x", timestamp="x",
                               raw={"id": "17999000000000002", "text": "Nordea?",
                                    "timestamp": "2026-11-17T09:01:00+0000"})
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, source)
    assert (result.ok, result.new, result.skipped) == (True, 2, 2)
    assert ids(services) == sorted([post["id"], asked["id"]])
    assert ("source insta: skipped item comment 17999000000000001: timestamp missing or not ISO 8601 ('eilen')"
            in caplog.text)
    assert ("source insta: skipped item comment 17999000000000002: username (or from.username): expected a string,"
            " got nothing") in caplog.text
    assert poll_once(services, cfg, source).skipped == 0  # both are remembered in the post's mark: logged once


def test_brand_reply_in_the_app_closes_the_case_at_its_platform_time(services, clock, fake_instagram):
    _, asked = post_with_question(fake_instagram)
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    assert poll_once(services, cfg, source).cases_opened == 1
    case = case_for_mention(services.db, "instagram", asked["id"])
    assert case["state"] == "open"
    answer = fake_instagram.add_comment(asked["media"]["id"], f"@{CUSTOMER} Hei! Vika on korjattu.",
                                        username="NordeaSuomi", timestamp="2026-11-17T09:12:30+0000",
                                        parent_id=asked["id"])
    clock.advance(minutes=40)  # Kuulo sees it late; the response time is the platform's
    result = poll_once(services, cfg, source)
    assert (result.brand_replies, result.cases_closed) == (1, 1)
    closed = get_case(services.db, case["id"])
    assert closed["state"] == "answered" and closed["responded_how"] == "platform_reply"
    assert closed["responded_ts"] == ts("2026-11-17T09:12:30+00:00") and closed["responded_by"] == "@NordeaSuomi"
    assert get_mention(services.db, "instagram", answer["id"])["in_reply_to"] == asked["id"]


def test_reply_written_in_kuulo_is_posted_once_and_recorded(services, clock, fake_instagram):
    _, asked = post_with_question(fake_instagram)
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "instagram", asked["id"])
    clock.advance(minutes=5)
    fake_instagram.now = clock.now()
    reply_id = send_reply(services, source, case["id"], "U0AGENT01", "Hei! Laitoimme viestin, katso DM.")
    [posted] = fake_instagram.calls_to("POST", f"/{asked['id']}/replies")
    assert posted.params == {"message": f"@{CUSTOMER} Hei! Laitoimme viestin, katso DM."}
    assert posted.headers["authorization"] == "Bearer ig-test-token"
    assert fake_instagram.comment(reply_id)["parent_id"] == asked["id"]
    answered = get_case(services.db, case["id"])
    assert answered["state"] == "answered" and answered["responded_how"] == "kuulo_reply"
    sent = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert [e["data"] for e in sent] == [{"reply_id": reply_id, "source": "insta", "closure": True}]
    assert verify_ledger(services.db).ok
    result = poll_once(services, cfg, source)  # the reply comes back among the comments: stored once, closes nothing
    assert (result.new, result.brand_replies, result.cases_closed) == (1, 1, 0)
    assert get_mention(services.db, "instagram", reply_id)["kind"] == "brand_reply"


def test_a_retried_reply_finds_the_first_instead_of_posting_again(services, clock, fake_instagram):
    _, asked = post_with_question(fake_instagram)
    later = fake_instagram.add_comment(asked["media"]["id"], "Sama juttu!", username="matti",
                                       timestamp="2026-11-17T09:05:00+0000", parent_id=asked["id"])
    cfg = ig_cfg(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    first = source.reply(later["id"], "Katsomme asiaa.")  # a reply to a reply goes under the top-level comment
    assert source.reply(later["id"], "Katsomme asiaa.") == first
    assert source.reply(later["id"], "Katsomme asiaa.\n") == first  # the same reply, give or take the line end
    assert len(fake_instagram.calls_to("POST", f"/{asked['id']}/replies")) == 1
    assert fake_instagram.comment(first)["text"] == "@matti Katsomme asiaa."


def test_a_reply_from_chat_waits_in_the_outbox_until_the_platform_takes_it(tmp_path, clock, fake_instagram):
    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.delivery import deliver_pending
    from kuulo.bot.sources.replies import ReplyHandler
    from kuulo.storage.outbox import outbox_summary

    cfg = ig_cfg(fake_instagram)
    services = build_services(replace(default_config(str(tmp_path / "k.db")), sources=(cfg,)), clock=clock)
    _, asked = post_with_question(fake_instagram)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "instagram", asked["id"])
    services.cases.apply(CaseCommand("reply", case["id"], "aino (U0AINO001)", text="Hei! Katsomme asiaa."))
    handler = ReplyHandler(source)
    fake_instagram.fail_next(f"/{asked['id']}/replies", kind="lost", method="POST")  # posted, but no answer
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    assert outbox_summary(services.db)["reply:insta"] == {"pending": 1}
    clock.advance(minutes=30)
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 1
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    [event] = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert event["actor"] == "aino (U0AINO001)" and event["data"]["source"] == "insta"
    assert fake_instagram.comment(event["data"]["reply_id"])["parent_id"] == asked["id"]
    assert [c.status for c in fake_instagram.calls_to("POST", f"/{asked['id']}/replies")] == [500]  # not again
    assert len([c for c in fake_instagram.calls_to("GET", f"/{asked['id']}/replies")]) == 2
    assert verify_ledger(services.db).ok


def test_tagged_media_is_answered_through_mentions_and_hashtag_media_not_at_all(services, clock, fake_instagram):
    fake_instagram.now = clock.now()
    tagged = fake_instagram.add_tagged("@NordeaSuomi miksi kortti ei toimi?", username="matti",
                                       timestamp="2026-11-17T09:05:00+0000")
    found = fake_instagram.add_hashtag_media("#nordea miksi?", username="liisa", timestamp="2026-11-17T09:10:00+0000")
    cfg = ig_cfg(fake_instagram, hashtags=("nordea",))
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    reply_id = source.reply(tagged["id"], "Hei! Katso DM.")
    assert source.reply(tagged["id"], "Hei! Katso DM.") == reply_id
    [posted] = fake_instagram.calls_to("POST", f"/{fake_instagram.user_id}/mentions")
    assert posted.params == {"media_id": tagged["id"], "message": "@matti Hei! Katso DM."}
    with pytest.raises(TransportError) as err:
        source.reply(found["id"], "Hei!")
    assert err.value.permanent and str(err.value) == (
        "instagram insta: media found by hashtag cannot be commented on through the API (Instagram's rule);"
        " reply in the Instagram app")


@pytest.mark.parametrize("kind, message", [
    ("token", "instagram insta: the access token was refused (HTTP 400, code 190: Error validating access token:"
              " Session has expired on Monday, 16-Nov-26 09:00:00 PST.); check token_env (long-lived tokens last"
              " 60 days)"),
    ("permission", "instagram insta: permission denied (HTTP 403, code 10: (#10) Application does not have"
                   " permission for this action); check the token's permissions (instagram_basic,"
                   " instagram_manage_comments, pages_read_engagement; Instagram Public Content Access for"
                   " hashtags)"),
])
def test_refused_token_or_permission_is_permanent(services, clock, fake_instagram, kind, message):
    fake_instagram.fail_next("/", kind=kind)
    cfg = ig_cfg(fake_instagram)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert result.permanent and result.error == message


def test_server_trouble_and_no_connection_are_retried_without_leaking_the_token(services, clock, fake_instagram):
    fake_instagram.fail_next("/", kind="5xx")
    cfg = ig_cfg(fake_instagram)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert not result.permanent and result.error.startswith("instagram insta: server error (HTTP 500, code 2:")
    closed = replace(cfg, base_url="http://127.0.0.1:9/v26.0")
    down = poll_once(services, closed, build_source(closed, ENV, clock=clock, db=services.db))
    assert down.error == "instagram insta: cannot reach http://127.0.0.1:9/v26.0 (ConnectionError)"
    assert not down.permanent and "ig-test-token" not in down.error


def test_a_hashtag_is_searched_once_per_window_and_again_after_it(services, clock, fake_instagram):
    cfg = ig_cfg(fake_instagram, hashtags=("#Nordea",), comments=False, mentions=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    poll_once(services, cfg, source)
    clock.advance(hours=2)
    poll_once(services, cfg, source)
    assert fake_instagram.searched == ["nordea"]
    [query] = hashtags_in_window(services.db, fake_instagram.user_id, clock.now().timestamp())
    assert query.first_ts == ts("2026-11-17T10:00:00+00:00")
    clock.advance(days=7)
    poll_once(services, cfg, source)
    assert fake_instagram.searched == ["nordea", "nordea"]
    [query] = hashtags_in_window(services.db, fake_instagram.user_id, clock.now().timestamp())
    assert query.first_ts == clock.now().timestamp()  # the reuse restarts the 7 days


def fill_budget(services, fake: FakeInstagram, clock, n: int) -> None:
    for i in range(n):
        record_search(services.db, fake.user_id, f"vanha{i}", fake.hashtag_id(f"vanha{i}"),
                      clock.now().timestamp() + i * 3600)


def test_the_budget_refuses_a_31st_hashtag_and_says_when_a_slot_frees_up(services, clock, fake_instagram):
    many = ig_cfg(fake_instagram, hashtags=tuple(f"#tag{i}" for i in range(31)))
    with pytest.raises(KuuloError) as err:
        build_source(many, ENV, clock=clock, db=services.db)
    assert str(err.value) == ("source 'insta': 31 hashtags exceed Instagram's 30 unique hashtags per 7 days;"
                              " list at most 30")
    fill_budget(services, fake_instagram, clock, 29)
    two_new = ig_cfg(fake_instagram, hashtags=("#nordea", "#vanha3", "#op"))
    with pytest.raises(KuuloError) as err:
        build_source(two_new, ENV, clock=clock, db=services.db)
    assert str(err.value) == ("source 'insta': #nordea, #op would exceed Instagram's 30 unique hashtags per 7 days"
                              " (29 searched in the last 7 days); a slot frees up at 2026-11-24 10:00 UTC")
    one_new = ig_cfg(fake_instagram, hashtags=("#nordea", "#vanha3"))
    assert build_source(one_new, ENV, clock=clock, db=services.db).hashtags == ("nordea", "vanha3")


def test_budget_used_up_by_another_process_skips_the_hashtag_with_a_warning(services, clock, fake_instagram):
    cfg = ig_cfg(fake_instagram, hashtags=("nordea", "vanha0"))
    fill_budget(services, fake_instagram, clock, 1)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    fill_budget(services, fake_instagram, clock, 30)  # meanwhile
    result = poll_once(services, cfg, source)
    assert result.ok and result.warnings == (
        "#nordea: not searched; the account's 30 hashtags per 7 days are used up (by another source?);"
        " a slot frees up at 2026-11-24 10:00 UTC",)
    assert fake_instagram.searched == []  # vanha0 kept its id from the budget table
    vanha0 = fake_instagram.hashtag_id("vanha0")
    assert [c.path for c in fake_instagram.calls_to("GET", f"/{vanha0}")] == [f"/{vanha0}/recent_media"]


def test_a_gap_longer_than_24_hours_is_reported(services, clock, fake_instagram):
    cfg = ig_cfg(fake_instagram, hashtags=("nordea",), comments=False, mentions=False)
    source = build_source(cfg, ENV, clock=clock, db=services.db)
    assert poll_once(services, cfg, source).warnings == ()
    clock.advance(hours=30)
    assert poll_once(services, cfg, source).warnings == (
        "#nordea: not read for 30 h (since 2026-11-17 10:00 UTC); recent_media keeps only 24 h, so posts from up to"
        " 6 h may have been missed",)
    clock.advance(hours=3)
    assert poll_once(services, cfg, source).warnings == ()


@pytest.mark.parametrize("cfg, env, message", [
    (dict(), {}, "source 'insta': environment variable IG_TOKEN is not set (token_env)"),
    (dict(token_env=None), ENV,
     "source 'insta': set token_env to the name of the environment variable that holds the access token"),
    (dict(options={"user_id": "1", "comments": False, "mentions": False}), ENV,
     "source 'insta': nothing to read; set hashtags, comments: true or mentions: true"),
])
def test_bad_instagram_config_is_named(cfg, env, message):
    base = dict(name="insta", type="instagram", every_seconds=300, token_env="IG_TOKEN", options={"user_id": "1"})
    with pytest.raises(KuuloError) as err:
        build_source(SourceConfig(**{**base, **cfg}), env)
    assert str(err.value) == message


def test_kuulo_poll_reads_instagram_from_a_config_file(tmp_path, fake_instagram):
    # the real clock: comments are read for COMMENT_DAYS, so the post is of yesterday, whatever day the test runs
    post_with_question(fake_instagram, datetime.now(timezone.utc) - timedelta(days=1))
    path = tmp_path / "team.yaml"
    path.write_text(f"""
database: {tmp_path / 'kuulo.db'}
brands:
  - name: Nordea
    handles: [NordeaSuomi, nordea]
packs: [banking-fi, sentiment-fi, sentiment-en]
sources:
  - name: insta
    type: instagram
    base_url: {fake_instagram.base_url}
    token_env: IG_TOKEN
    user_id: {fake_instagram.user_id}
    hashtags: ["#nordea"]
    every: 5m
""", encoding="utf-8")
    result = kuulo("--config", str(path), "poll", "-q", env=ENV)
    assert result.exception is None and result.return_value == 0, result.output
    assert ("insta (instagram): new 2 · duplicates 0 · skipped 0 · brand replies 1 · cases opened 1"
            " · cases closed 0" in result.output)


def test_replies_beyond_the_inline_page_are_read_through_the_replies_edge(services, clock, fake_instagram):
    _, asked = post_with_question(fake_instagram)
    replies = [fake_instagram.add_comment(asked["media"]["id"], f"Sama {i}", username=f"user{i}",
                                          timestamp=f"2026-11-17T09:{10 + i:02d}:00+0000", parent_id=asked["id"])["id"]
               for i in range(30)]
    cfg = ig_cfg(fake_instagram, mentions=False)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert result.new == 32 and set(replies) <= set(ids(services))
    [edge] = fake_instagram.calls_to("GET", f"/{asked['id']}/replies")
    assert edge.params["fields"] == "id,text,timestamp,username,from"


def test_no_reply_when_the_account_cannot_recognise_its_own_replies(services, clock):
    with FakeInstagram(username="") as fake:
        _, asked = post_with_question(fake)
        cfg = ig_cfg(fake)
        source = build_source(cfg, ENV, clock=clock, db=services.db)
        poll_once(services, cfg, source)
        with pytest.raises(TransportError, match="answered without a username; not replying"):
            source.reply(asked["id"], "Katsomme asiaa.")
        assert fake.calls_to("POST", f"/{asked['id']}/replies") == []
