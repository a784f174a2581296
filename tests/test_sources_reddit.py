"""Reddit source: the real PRAW/prawcore against a fake Reddit (token endpoint and API); cases, cursors in SQLite."""

from __future__ import annotations

import json
import logging
import random
from datetime import datetime

import pytest

from kuulo.bot.app import build_services, default_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.bot.sources.replies import send_reply
from kuulo.storage.cases import case_for_mention, get_case
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.ledger import case_events, verify_ledger
from kuulo.storage.mentions import get_mention
from tests.fakes.reddit import WINDOW, FakeReddit
from tests.sources_support import assert_a_restart_misses_nothing, kuulo, team_config

ENV = {"REDDIT_CLIENT_ID": "app-id", "REDDIT_CLIENT_SECRET": "app-secret", "REDDIT_USERNAME": "nordea",
       "REDDIT_PASSWORD": "hunter2"}
QUESTION = "Miksi Nordean verkkopankki ei toimi?"


def reddit_cfg(fake: FakeReddit, **options) -> SourceConfig:
    merged = {"subreddits": ("r/Suomi",), "client_id_env": "REDDIT_CLIENT_ID",
              "client_secret_env": "REDDIT_CLIENT_SECRET", "username_env": "REDDIT_USERNAME",
              "password_env": "REDDIT_PASSWORD", **options}
    return SourceConfig(name="reddit", type="reddit", every_seconds=120, base_url=fake.base_url,
                        options={k: v for k, v in merged.items() if v is not None})


def at(hhmmss: str) -> float:
    return datetime.fromisoformat(f"2026-11-17T{hhmmss}+00:00").timestamp()


def ids(services) -> list[str]:
    return [r[0] for r in services.db.execute("SELECT id FROM mentions WHERE platform = 'reddit' ORDER BY id")]


def cursor(services) -> dict:
    return json.loads(get_cursor(services.db, "reddit"))


def test_first_poll_reads_posts_comments_and_logs_in_as_the_account(services, clock, fake_reddit):
    post = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"),
                                selftext="Sovellus sanoo vain virhe 500.")
    comment = fake_reddit.add_comment("Sama juttu, Nordea ei vastaa", author="matti", parent=post["name"],
                                      created_utc=at("09:05:00"))
    fake_reddit.add_post("Nordea muualla", author="liisa", subreddit="Sweden", created_utc=at("09:06:00"))
    cfg = reddit_cfg(fake_reddit)
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.duplicates, result.skipped) == (True, 2, 0, 0)
    assert result.cases_opened >= 1
    stored = get_mention(services.db, "reddit", post["name"])
    assert stored["author"] == "asiakas" and stored["author_id"] == post["author_fullname"]
    assert stored["text"] == f"{QUESTION}\n\nSovellus sanoo vain virhe 500."
    assert stored["created_at"] == "2026-11-17T09:00:00+00:00"
    assert stored["url"] == f"https://www.reddit.com{post['permalink']}"
    assert get_mention(services.db, "reddit", comment["name"])["in_reply_to"] == post["name"]
    assert cursor(services) == {"posts:Suomi": {"name": post["name"], "created": at("09:00:00")},
                                "comments:Suomi": {"name": comment["name"], "created": at("09:05:00")},
                                "own": {"empty": True}}  # the account's comments: none yet, all later ones are new
    [token] = fake_reddit.calls_to("POST", "/api/v1/access_token")
    assert token.params == {"grant_type": "password", "username": "nordea", "password": "hunter2"}
    assert token.headers["authorization"] == "Basic YXBwLWlkOmFwcC1zZWNyZXQ="  # app-id:app-secret
    [new] = fake_reddit.calls_to("GET", "/r/Suomi/new")
    assert new.params["limit"] == "100" and "before" not in new.params
    assert new.headers["authorization"] == "bearer tok-1" and "kuulo" in new.headers["user-agent"]
    assert [c.path for c in fake_reddit.calls_to("GET", "/user/")] == ["/user/nordea/comments"]


def test_incremental_poll_reads_forward_with_before_oldest_page_first(services, clock, fake_reddit):
    first = fake_reddit.add_post("eka", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    later = [fake_reddit.add_post(f"Nordea kortti {i} ei käy", author=f"user{i}", subreddit="Suomi",
                                  created_utc=at("09:10:00") + i)["name"] for i in range(150)]
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (150, 0)
    assert set(later) <= set(ids(services))
    calls = fake_reddit.calls_to("GET", "/r/Suomi/new")[1:]
    assert [c.params.get("before") for c in calls] == [first["name"], later[99]]  # 100, then 50: a short page ends
    assert cursor(services)["posts:Suomi"]["name"] == later[-1]


def test_a_poll_cut_short_by_the_page_cap_continues_next_time(services, clock, fake_reddit):
    fake_reddit.add_post("eka", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    later = [fake_reddit.add_post(f"viesti {i}", author="matti", subreddit="Suomi",
                                  created_utc=at("09:10:00") + i)["name"] for i in range(520)]
    assert poll_once(services, cfg, source).new == 500  # 5 pages a poll
    assert cursor(services)["posts:Suomi"]["name"] == later[499]
    assert poll_once(services, cfg, source).new == 20
    assert set(later) <= set(ids(services))


def test_a_stream_empty_at_its_first_poll_reads_all_that_came_after_it(services, clock, fake_reddit):
    """A subreddit without comments yet, or a brand account that never commented, when Kuulo first looked: the polls
    after read every item since, not only the newest page (found by a crash probe: 319 comments never read)."""
    post = fake_reddit.add_post("eka", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    later = [fake_reddit.add_comment(f"Nordea, miksi kortti {i} ei käy?", author=f"user{i}", parent=post["name"],
                                     created_utc=at("09:10:00") + i)["name"] for i in range(620)]
    first = poll_once(services, cfg, source)
    assert first.new == 500 and "more than 500 new items" in " ".join(first.warnings)  # 5 pages a poll
    assert poll_once(services, cfg, source).new == 120
    assert set(later) <= set(ids(services)) and poll_once(services, cfg, source).new == 0


def test_a_deleted_anchor_falls_back_to_the_newest_page(services, clock, fake_reddit):
    gone = fake_reddit.add_post("poistetaan", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    older = fake_reddit.add_post("vanha", author="liisa", subreddit="Suomi", created_utc=at("08:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 2
    fake_reddit.hide(gone["name"])
    fresh = fake_reddit.add_post("Nordea?", author="asiakas", subreddit="Suomi", created_utc=at("09:20:00"))
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (1, 0)  # the older post is before the anchor's time: not re-read
    calls = fake_reddit.calls_to("GET", "/r/Suomi/new")[1:]
    assert [c.params.get("before") for c in calls] == [gone["name"], None]
    assert cursor(services)["posts:Suomi"]["name"] == fresh["name"]
    assert poll_once(services, cfg, source).new == 0  # quiet: before= finds nothing, the newest page confirms it
    assert [c.params.get("before") for c in fake_reddit.calls_to("GET", "/r/Suomi/new")[-2:]] == [fresh["name"], None]
    assert older["name"] in ids(services)


def test_restart_in_between_misses_nothing_and_repeats_nothing(tmp_path, clock, fake_reddit):
    cfg = reddit_cfg(fake_reddit)
    fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))

    def while_down() -> list[str]:
        return [fake_reddit.add_post(f"kysymys {i}: miksi Nordea kortti ei toimi?", author="asiakas",
                                     subreddit="Suomi", created_utc=at("09:20:00") + i)["name"] for i in range(3)]

    assert_a_restart_misses_nothing(tmp_path, clock, cfg, lambda _: build_source(cfg, ENV, clock=clock),
                                    while_down, ids)


def test_rate_limit_is_backed_off_until_the_reset_then_retried(services, clock, fake_reddit):
    fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    fake_reddit.fail_next("/r/Suomi/new", kind="ratelimited", reset_in=42)
    cfg = reddit_cfg(fake_reddit)
    runner = SourceRunner(services, [(cfg, build_source(cfg, ENV, clock=clock))], rng=random.Random(3))
    [limited] = runner.run_due(clock.now())
    assert limited.error == "reddit reddit: rate limited (HTTP 429)" and limited.retry_after == 42.0
    assert ids(services) == [] and get_cursor(services.db, "reddit") is None
    assert runner.next_at("reddit") == clock.now().timestamp() + 42
    assert runner.due(clock.advance(seconds=41)) == []
    fake_reddit.used = 0  # a new window
    [retried] = runner.run_due(clock.advance(seconds=1))
    assert retried.ok and retried.new == 1 and runner.failures("reddit") == 0
    assert [c.status for c in fake_reddit.calls_to("GET", "/r/Suomi/new")] == [429, 200]


def test_no_requests_left_pauses_the_source_until_the_reset(services, clock, fake_reddit):
    fake_reddit.used, fake_reddit.reset_in = WINDOW - 3, 540  # the poll's 3 requests spend the window
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    runner = SourceRunner(services, [(cfg, source)])
    [result] = runner.run_due(clock.now())
    assert result.ok and result.cooldown_s == 540.0
    assert runner.next_at("reddit") == clock.now().timestamp() + 540
    with pytest.raises(TransportError) as early:  # polled anyway: refused at once, nothing sent, no sleeping
        source.poll(get_cursor(services.db, "reddit"))
    assert early.value.retry_after == 540.0 and "no requests left" in str(early.value)
    assert len(fake_reddit.calls_to("GET", "/")) == 3


def test_malformed_items_are_logged_and_skipped(services, clock, fake_reddit, caplog):
    good = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    broken = fake_reddit.add_post("hei", author="matti", subreddit="Suomi", created_utc=at("09:01:00"),
                                  raw={"created_utc": "eilen"})
    removed = fake_reddit.add_comment("[removed]", author="[deleted]", parent=good["name"], created_utc=at("09:02:00"))
    orphan = fake_reddit.add_post("tili poistettu, Nordea?", author="x", subreddit="Suomi", created_utc=at("09:03:00"),
                                  raw={"author": "[deleted]", "author_fullname": None})
    cfg = reddit_cfg(fake_reddit)
    with caplog.at_level(logging.WARNING, logger="kuulo.bot.sources"):
        result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (result.ok, result.new, result.skipped) == (True, 2, 2)
    assert ids(services) == sorted([good["name"], orphan["name"]])
    assert get_mention(services.db, "reddit", orphan["name"])["author"] == "[deleted]"
    assert (f"source reddit: skipped item posts:Suomi {broken['name']}: created_utc missing or not a number"
            in caplog.text)
    assert (f"source reddit: skipped item comments:Suomi {removed['name']}: comment body removed or deleted on Reddit"
            in caplog.text)


def test_brand_reply_on_reddit_closes_the_case_at_its_platform_time(services, clock, fake_reddit):
    asked = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).cases_opened == 1
    case = case_for_mention(services.db, "reddit", asked["name"])
    assert case["state"] == "open"
    fake_reddit.add_comment("Hei! Vika on korjattu.", author="nordea", parent=asked["name"], created_utc=at("09:12:30"))
    clock.advance(minutes=40)  # Kuulo sees it late; the response time is Reddit's
    result = poll_once(services, cfg, source)
    assert (result.brand_replies, result.cases_closed) == (1, 1)
    closed = get_case(services.db, case["id"])
    assert closed["state"] == "answered" and closed["responded_how"] == "platform_reply"
    assert closed["responded_ts"] == at("09:12:30") and closed["responded_ts"] - closed["created_ts"] == 750


def test_reply_written_in_kuulo_is_posted_and_recorded(services, clock, fake_reddit):
    asked = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "reddit", asked["name"])
    clock.advance(minutes=5)
    reply_id = send_reply(services, source, case["id"], "U0AGENT01", "Hei! Laitoimme viestin, katso chat.")
    [posted] = fake_reddit.calls_to("POST", "/api/comment")
    assert posted.params["thing_id"] == asked["name"] and posted.params["api_type"] == "json"
    assert posted.params["text"] == "Hei! Laitoimme viestin, katso chat."
    assert reply_id.startswith("t1_") and fake_reddit.thing(reply_id)["parent_id"] == asked["name"]
    answered = get_case(services.db, case["id"])
    assert answered["state"] == "answered" and answered["responded_how"] == "kuulo_reply"
    sent = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert [e["data"] for e in sent] == [{"reply_id": reply_id, "source": "reddit", "closure": True}]
    assert verify_ledger(services.db).ok
    result = poll_once(services, cfg, source)  # the reply comes back (subreddit comments and own): stored once
    assert (result.new, result.brand_replies, result.cases_closed) == (1, 1, 0)
    assert get_mention(services.db, "reddit", reply_id)["kind"] == "brand_reply"


def test_a_retried_reply_is_not_posted_twice(clock, fake_reddit):
    asked = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    source = build_source(reddit_cfg(fake_reddit), ENV, clock=clock)
    first = source.reply(asked["name"], "Hei!")
    assert source.reply(asked["name"], "Hei!") == first  # e.g. the first answer timed out after Reddit took it
    assert len(fake_reddit.calls_to("POST", "/api/comment")) == 1
    assert source.reply(asked["name"], "Toinen viesti") != first


def test_a_reply_from_chat_waits_in_the_outbox_until_the_platform_takes_it(tmp_path, clock, fake_reddit):
    """As the Slack reply modal does it: a plain `reply` action; the post's source sends it, retried, once."""
    from dataclasses import replace

    from kuulo.bot.cases import CaseCommand
    from kuulo.bot.delivery import deliver_pending
    from kuulo.bot.sources.replies import ReplyHandler
    from kuulo.storage.outbox import outbox_summary

    cfg = reddit_cfg(fake_reddit)
    services = build_services(replace(default_config(str(tmp_path / "k.db")), sources=(cfg,)), clock=clock)
    asked = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    case = case_for_mention(services.db, "reddit", asked["name"])
    services.cases.apply(CaseCommand("reply", case["id"], "aino (U0AINO001)", text="Hei! Katsomme asiaa."))
    handler = ReplyHandler(source)
    fake_reddit.fail_next("/api/comment", kind="5xx")
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    assert outbox_summary(services.db)["reply:reddit"] == {"pending": 1}
    clock.advance(minutes=30)
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 1
    assert deliver_pending(services.db, handler, clock, replies=services.cases) == 0
    assert [c.status for c in fake_reddit.calls_to("POST", "/api/comment")] == [503, 200]
    [event] = [e for e in case_events(services.db, case["id"]) if e["kind"] == "reply_sent"]
    assert event["actor"] == "aino (U0AINO001)" and event["data"]["source"] == "reddit"
    assert fake_reddit.thing(event["data"]["reply_id"])["parent_id"] == asked["name"]
    assert verify_ledger(services.db).ok


def test_search_reads_the_newest_page_back_to_the_last_seen(services, clock, fake_reddit):
    found = fake_reddit.add_post("OP vai Nordea?", author="matti", subreddit="Finance", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit, subreddits=(), search=("nordea",))
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    fake_reddit.add_post("Nordea korot nousee", author="liisa", subreddit="Finance", created_utc=at("09:30:00"))
    result = poll_once(services, cfg, source)
    assert (result.new, result.duplicates) == (1, 0)
    [first, second] = fake_reddit.calls_to("GET", "/search")
    assert (first.params["q"], first.params["sort"], first.params["type"]) == ("nordea", "new", "link")
    assert "before" not in second.params and cursor(services)["search:nordea"]["created"] == at("09:30:00")
    assert found["name"] in ids(services)


def test_a_search_empty_at_its_first_look_brings_back_no_older_posts_as_news(services, clock, fake_reddit):
    """Reddit search answered nothing for a moment, then its whole history: posts created before the first look, less
    the late window, are history, not alerts, and the walk stops at them; a cursor of an older Kuulo (the marker
    without its time) reads all it finds, as it did."""
    cfg = reddit_cfg(fake_reddit, subreddits=(), search=("nordea",))
    source = build_source(cfg, ENV, clock=clock)  # the clock stands at 10:00
    assert poll_once(services, cfg, source).new == 0
    assert cursor(services)["search:nordea"] == {"empty": True, "looked": at("10:00:00")}
    history = [fake_reddit.add_post(f"Nordea vanha {i}", author=f"old{i}", subreddit="Finance",
                                    created_utc=at("08:00:00") + 60 * i)["name"] for i in range(90)]
    late = fake_reddit.add_post("Nordea juuri ennen", author="late", subreddit="Finance", created_utc=at("09:50:00"))
    news = fake_reddit.add_post("Nordea uusi", author="new", subreddit="Finance", created_utc=at("10:03:00"))
    clock.advance(minutes=5)
    assert poll_once(services, cfg, source).new == 2 and set(ids(services)) == {late["name"], news["name"]}
    with services.db.conn:
        set_cursor(services.db, "reddit", json.dumps({"search:nordea": {"empty": True}}), 0.0)
    assert poll_once(services, cfg, source).new == len(history)


def test_an_older_kuulos_marker_on_a_search_still_empty_takes_this_looks_time(services, clock, fake_reddit):
    cfg = reddit_cfg(fake_reddit, subreddits=(), search=("nordea",))
    with services.db.conn:
        set_cursor(services.db, "reddit", json.dumps({"search:nordea": {"empty": True}}), 0.0)
    assert poll_once(services, cfg, build_source(cfg, ENV, clock=clock)).new == 0
    assert cursor(services)["search:nordea"] == {"empty": True, "looked": at("10:00:00")}


BACKLOG = 650  # new items since the last poll: more than the 500 a stream reads a poll


def backlog(fake: FakeReddit, text: str, since: str = "09:10:00") -> list[str]:
    """BACKLOG posts in r/Suomi a second apart from `since`, oldest first; their fullnames."""
    return [fake.add_post(f"{text} {i}", author=f"user{i}", subreddit="Suomi", created_utc=at(since) + i)["name"]
            for i in range(BACKLOG)]


def test_a_search_with_more_new_results_than_a_poll_reads_keeps_the_rest_for_the_next_polls(services, clock,
                                                                                          fake_reddit):
    first = fake_reddit.add_post("nordea eka", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit, subreddits=(), search=("nordea",))
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    later = backlog(fake_reddit, "nordea kysymys")
    cut = poll_once(services, cfg, source)
    assert (cut.new, cut.duplicates) == (500, 0)
    assert cut.warnings == ("search:nordea: more than 500 new items since the last poll; the older ones are read on"
                            " the next polls, as far back as Reddit's listing goes (about 1,000 items)",)
    entry = cursor(services)["search:nordea"]
    assert entry["name"] == later[-1] and entry["gap"] == {"after": later[150], "created": at("09:10:00") + 150,
                                                           "stop": {"name": first["name"], "created": at("09:00:00")}}
    rest = poll_once(services, cfg, source)
    assert (rest.new, rest.duplicates, rest.warnings) == (150, 0, ())
    assert [c.params.get("after") for c in fake_reddit.calls_to("GET", "/search")[-3:]] == [None, later[150], later[50]]
    assert set(later) | {first["name"]} == set(ids(services))
    assert cursor(services)["search:nordea"] == {"name": later[-1], "created": at("09:10:00") + BACKLOG - 1}
    assert (poll_once(services, cfg, source).new, len(fake_reddit.calls_to("GET", "/search"))) == (0, 10)


def test_a_deleted_anchor_with_more_new_posts_than_a_poll_reads_loses_none_across_a_restart(tmp_path, clock,
                                                                                            fake_reddit):
    gone = fake_reddit.add_post("poistetaan", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit)
    database = str(tmp_path / "restart.db")
    before = build_services(default_config(database), clock=clock)
    assert poll_once(before, cfg, build_source(cfg, ENV, clock=clock)).new == 1
    fake_reddit.hide(gone["name"])
    later = backlog(fake_reddit, "Nordea kysymys")
    assert poll_once(before, cfg, build_source(cfg, ENV, clock=clock)).new == 500
    assert cursor(before)["posts:Suomi"]["gap"]["stop"] == {"name": gone["name"], "created": at("09:00:00")}
    before.db.close()
    newer = [fake_reddit.add_post(f"uusi {i}", author="liisa", subreddit="Suomi",
                                  created_utc=at("09:30:00") + i)["name"] for i in range(30)]
    clock.advance(minutes=30)
    after = build_services(default_config(database), clock=clock)  # a new process: only the stored cursor
    source = build_source(cfg, ENV, clock=clock)
    result = poll_once(after, cfg, source)
    assert (result.new, result.duplicates) == (30 + 150, 0)  # what is new on top, then the stretch left unread
    assert set(later) | set(newer) <= set(ids(after)) and "gap" not in cursor(after)["posts:Suomi"]
    assert cursor(after)["posts:Suomi"]["name"] == newer[-1]
    assert (poll_once(after, cfg, source).new, poll_once(after, cfg, source).duplicates) == (0, 0)


def test_a_gap_whose_place_was_deleted_is_found_again_from_the_newest_page(services, clock, fake_reddit):
    first = fake_reddit.add_post("nordea eka", author="matti", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit, subreddits=(), search=("nordea",))
    source = build_source(cfg, ENV, clock=clock)
    poll_once(services, cfg, source)
    later = backlog(fake_reddit, "nordea kysymys")
    assert poll_once(services, cfg, source).new == 500
    fake_reddit.hide(cursor(services)["search:nordea"]["gap"]["after"])  # after= it now answers an empty page
    polls = [poll_once(services, cfg, source) for _ in range(3)]
    assert [(p.new, p.duplicates) for p in polls] == [(0, 0), (150, 0), (0, 0)]  # the first passes over 300 read
    calls = fake_reddit.calls_to("GET", "/search")[6:]
    assert [c.params.get("after") for c in calls[:7]] == [None, later[150], None, later[550], later[450],  # cut
                                                          None, later[350]]  # the next poll goes on from there
    assert set(later) | {first["name"]} == set(ids(services))
    assert "gap" not in cursor(services)["search:nordea"]


def test_without_an_account_it_reads_app_only_and_cannot_reply(services, clock, fake_reddit):
    asked = fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Suomi", created_utc=at("09:00:00"))
    cfg = reddit_cfg(fake_reddit, username_env=None, password_env=None)
    source = build_source(cfg, ENV, clock=clock)
    assert poll_once(services, cfg, source).new == 1
    [token] = fake_reddit.calls_to("POST", "/api/v1/access_token")
    assert token.params == {"grant_type": "client_credentials"}
    assert fake_reddit.calls_to("GET", "/user/") == []
    with pytest.raises(TransportError) as refused:
        source.reply(asked["name"], "Hei!")
    assert refused.value.permanent
    assert str(refused.value) == ("reddit reddit: replying needs the brand's Reddit account; set username_env and"
                                  " password_env")


@pytest.mark.parametrize("env, message", [
    ({**ENV, "REDDIT_CLIENT_SECRET": "wrong"}, "reddit reddit: Reddit refused the app's credentials (HTTP 401);"
                                               " check client_id_env and client_secret_env"),
    ({**ENV, "REDDIT_PASSWORD": "wrong"}, "reddit reddit: Reddit refused the login (invalid_grant);"
                                          " check username_env and password_env"),
])
def test_refused_credentials_are_permanent(services, clock, fake_reddit, env, message):
    cfg = reddit_cfg(fake_reddit)
    result = poll_once(services, cfg, build_source(cfg, env, clock=clock))
    assert result.permanent and result.error == message


def test_server_errors_and_refused_connections_are_retried_later(services, clock, fake_reddit):
    cfg = reddit_cfg(fake_reddit)
    fake_reddit.fail_next("/r/Suomi/new", kind="5xx")
    failed = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert (failed.error, failed.permanent) == ("reddit reddit: server error (HTTP 503)", False)
    assert len(fake_reddit.calls_to("GET", "/r/Suomi/new")) == 1  # prawcore did not retry (nor sleep) on its own
    fake_reddit.fail_next("/r/Suomi/new", kind="unauthorized")
    expired = poll_once(services, cfg, build_source(cfg, ENV, clock=clock))
    assert not expired.permanent and "the access token was refused (HTTP 401)" in expired.error
    down = SourceConfig(**{**_fields(cfg), "base_url": "http://127.0.0.1:9"})
    unreachable = poll_once(services, down, build_source(down, ENV, clock=clock))
    assert not unreachable.permanent and unreachable.error.startswith("reddit reddit: cannot reach http://127.0.0.1:9")


@pytest.mark.parametrize("options, env, message", [
    (dict(subreddits=(), search=()), ENV, "source 'reddit': nothing to read; set subreddits or search"),
    (dict(client_secret_env=None), ENV, "source 'reddit': set client_id_env and client_secret_env to the environment"
     " variables that hold the Reddit app's client id and secret (a 'script' app, reddit.com/prefs/apps)"),
    (dict(password_env=None), ENV, "source 'reddit': set both username_env and password_env (the brand's Reddit"
     " account, a developer of the app), or neither to read without an account"),
    (dict(subreddits=("r/suomi ja ruotsi",)), ENV,
     "source 'reddit': subreddits: 'r/suomi ja ruotsi' is not a subreddit name (like nordea or r/nordea)"),
    ({}, {**ENV, "REDDIT_PASSWORD": ""},
     "source 'reddit': environment variable REDDIT_PASSWORD is not set (password_env)"),
])
def test_bad_reddit_config_is_named(options, env, message):
    base = {"subreddits": ("Suomi",), "client_id_env": "REDDIT_CLIENT_ID", "client_secret_env": "REDDIT_CLIENT_SECRET",
            "username_env": "REDDIT_USERNAME", "password_env": "REDDIT_PASSWORD"}
    merged = {k: v for k, v in {**base, **options}.items() if v is not None}
    with pytest.raises(KuuloError) as err:
        build_source(SourceConfig(name="reddit", type="reddit", every_seconds=120, options=merged), env)
    assert str(err.value) == message


def test_token_env_is_refused_with_a_hint():
    cfg = SourceConfig(name="reddit", type="reddit", every_seconds=120, token_env="X", options={"search": ("nordea",)})
    with pytest.raises(KuuloError, match="reddit does not use token_env; set client_id_env and client_secret_env"):
        build_source(cfg, {})


SOURCES = """sources:
  - name: reddit
    type: reddit
    base_url: {base}
    subreddits: [Suomi, r/Finland]
    client_id_env: REDDIT_CLIENT_ID
    client_secret_env: REDDIT_CLIENT_SECRET
    username_env: REDDIT_USERNAME
    password_env: REDDIT_PASSWORD
    user_agent: "python:kuulo-test:0.1 (by /u/nordea)"
    every: 2m
"""


def test_kuulo_poll_reads_reddit_from_a_config_file(tmp_path, fake_reddit):
    fake_reddit.add_post(QUESTION, author="asiakas", subreddit="Finland", created_utc=at("09:00:00"))
    path = team_config(tmp_path, SOURCES.format(base=fake_reddit.base_url))
    result = kuulo("--config", str(path), "poll", "-q", env=ENV)
    assert result.exception is None and result.return_value == 0, result.output
    assert "reddit (reddit)" in result.output and "new 1 ·" in result.output
    [listing] = fake_reddit.calls_to("GET", "/r/Suomi+Finland/new")
    assert listing.headers["user-agent"].startswith("python:kuulo-test:0.1 (by /u/nordea)")


def _fields(cfg: SourceConfig) -> dict:
    from dataclasses import fields

    return {f.name: getattr(cfg, f.name) for f in fields(cfg)}
