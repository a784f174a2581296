"""Campaign entries: every post that fits becomes one entry, judged with every reason, whatever the arrival order."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from kuulo.bot.app import build_services
from kuulo.bot.campaigns_rescan import rescan
from kuulo.bot.config import load_config
from kuulo.bot.models import Mention
from kuulo.bot.when import shown_apart
from kuulo.storage import campaigns as rows

CAMPAIGN = """
  - name: kesa2026
    hashtags: ["#valiokesä", "#kesä"]
    match: {match}
    start: 2026-06-01T00:00:00+03:00
    end: 2026-08-31T23:59:59+03:00
    platforms: [instagram]
    media_required: true
    min_tagged_friends: {friends}
    exclude_accounts: ["@staff_anna"]
    moderation: {moderation}
    one_per_person: {one_per_person}
"""


def team(tmp_path, clock, *, match="all", friends=0, moderation="required", db="kuulo.db", one_per_person=True):
    path = tmp_path / f"{db}.yaml"
    campaign = CAMPAIGN.format(match=match, friends=friends, moderation=moderation,
                               one_per_person=str(one_per_person).lower())
    path.write_text(f"database: {tmp_path / db}\nbrands:\n  - name: Valio\n    handles: [valio]\n"
                    f"campaigns:{campaign}",
                    encoding="utf-8")
    return build_services(load_config(path), clock=clock)


def post(pid: str, author: str, text: str, when: str = "2026-06-10T12:00:00+03:00", *, media: bool = True,
         platform: str = "instagram") -> Mention:
    tags = tuple(dict.fromkeys(w.lower() for w in text.split() if w.startswith("#")))
    return Mention(platform=platform, id=pid, author=author, text=text, hashtags=tags,
                   created_at=datetime.fromisoformat(when).astimezone(timezone.utc),
                   media_url=f"https://cdn.example/{pid}.jpg" if media else None)


def judged(services) -> dict[str, tuple[str, list[str]]]:
    return {e["id"]: (e["status"], [code for code, _ in e["reasons"]])
            for e in rows.list_entries(services.db, "kesa2026")}


def test_each_rule_is_named_on_the_entry(tmp_path, clock):
    services = team(tmp_path, clock, friends=1)
    services.pipeline.ingest([
        post("ok", "liisa", "Uimarannalla #valiokesä #kesä @matti"),
        post("early", "pekka", "#valiokesä #kesä @matti", "2026-05-31T23:59:59+03:00"),
        post("late", "pekka2", "#valiokesä #kesä @matti", "2026-09-01T00:00:00+03:00"),
        post("onetag", "kaisa", "#valiokesä @matti"),
        post("nopic", "olli", "#valiokesä #kesä @matti", media=False),
        post("alone", "tiina", "#valiokesä #kesä @valio @tiina"),  # the brand and oneself are no friends
        post("alike", "sanna", "#valiokesä #kesä @v\u0430lio"),  # a Cyrillic а: the brand, not a friend @v
        post("staff", "staff_anna", "#valiokesä #kesä @matti"),
        post("brand", "valio", "#valiokesä #kesä @matti"),
        post("other", "x1", "#valiokesä #kesä @matti", platform="mastodon"),  # not a campaign platform
        post("none", "x2", "#talvi @matti"),  # no campaign tag: not an entry
    ])
    assert judged(services) == {
        "ok": ("eligible", []),
        "early": ("ineligible", ["outside_window"]),
        "late": ("ineligible", ["outside_window"]),
        "onetag": ("ineligible", ["missing_tag"]),
        "nopic": ("ineligible", ["no_media"]),
        "alone": ("ineligible", ["too_few_tagged"]),
        "alike": ("ineligible", ["too_few_tagged"]),
        "staff": ("ineligible", ["excluded_account"]),
        "brand": ("ineligible", ["own_account"]),
    }
    why = {e["id"]: dict(e["reasons"]) for e in rows.list_entries(services.db, "kesa2026")}
    assert why["early"]["outside_window"] == ("posted 2026-05-31 23:59 +03:00, outside 2026-06-01 00:00 +03:00 – "
                                              "2026-08-31 23:59 +03:00")
    assert why["onetag"]["missing_tag"] == "missing #kesä"
    assert why["alone"]["too_few_tagged"] == "tags 0 friend(s), the rules ask for 1"


def test_match_any_takes_one_tag_and_a_post_with_several_reasons_keeps_them_all(tmp_path, clock):
    services = team(tmp_path, clock, match="any")
    services.pipeline.ingest([post("one", "kaisa", "#kesä"),
                              post("two", "staff_anna", "#kesä", "2026-09-02T10:00:00+03:00", media=False)])
    assert judged(services) == {"one": ("eligible", []),
                                "two": ("ineligible", ["outside_window", "no_media", "excluded_account"])}


PERSON = [post("a1", "Liisa", "#valiokesä #kesä", "2026-06-05T10:00:00+03:00"),
          post("a2", "liisa", "#valiokesä #kesä", "2026-06-03T10:00:00+03:00", media=False),  # earliest, but no media
          post("a3", "@liisa", "#valiokesä #kesä", "2026-06-07T10:00:00+03:00"),
          post("b1", "matti", "#valiokesä #kesä", "2026-06-04T10:00:00+03:00")]


def test_one_entry_per_person_the_earliest_eligible_stays_in_every_arrival_order(tmp_path, clock):
    outcomes = set()
    for n, order in enumerate(itertools.permutations(PERSON)):
        services = team(tmp_path, clock, db=f"order{n}.db")
        for mention in order:  # one batch per post: the worst case for order
            services.pipeline.ingest([mention])
        outcomes.add(json.dumps(judged(services), sort_keys=True))
        services.db.close()
    assert len(outcomes) == 1
    assert json.loads(outcomes.pop()) == {"a1": ["eligible", []], "a2": ["ineligible", ["no_media"]],
                                          "a3": ["ineligible", ["second_entry"]], "b1": ["eligible", []]}


def test_reimporting_and_repolling_add_no_entry_and_no_event(tmp_path, clock):
    services = team(tmp_path, clock)
    services.pipeline.ingest(PERSON)
    events = services.db.execute("SELECT count(*) FROM events").fetchone()[0]
    services.pipeline.ingest(PERSON)
    services.pipeline.ingest(list(reversed(PERSON)))
    assert len(rows.list_entries(services.db, "kesa2026")) == 4
    assert services.db.execute("SELECT count(*) FROM events").fetchone()[0] == events
    kinds = [k for (k,) in services.db.execute("SELECT kind FROM events ORDER BY seq")]
    assert kinds.count("campaign_entry") == 4 and "campaign_entry_judged" in kinds


def test_moderation_none_approves_every_eligible_entry(tmp_path, clock):
    services = team(tmp_path, clock, moderation="none")
    services.pipeline.ingest(PERSON)
    assert {k: v[0] for k, v in judged(services).items()} == {"a1": "approved", "a2": "ineligible",
                                                               "a3": "ineligible", "b1": "approved"}


def test_an_entry_is_a_case_only_when_it_also_asks_something(tmp_path, clock):
    services = team(tmp_path, clock)
    asks = post("q", "liisa", "Valio, miksi kesämaito on loppu kaupasta? #valiokesä #kesä")
    plain = post("p", "matti", "Ihana kesäpäivä #valiokesä #kesä")
    stats = services.pipeline.ingest([asks, plain])
    bare = build_services(load_config(_no_campaigns(tmp_path)), clock=clock)
    expected = bare.pipeline.ingest([asks, plain])
    assert (stats.cases_opened, expected.cases_opened) == (1, 1)
    assert set(judged(services)) == {"q", "p"}


def _no_campaigns(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(f"database: {tmp_path / 'bare.db'}\nbrands:\n  - name: Valio\n    handles: [valio]\n",
                    encoding="utf-8")
    return path


def test_a_persons_entries_and_known_entries_are_found_through_indexes(tmp_path, clock):
    services = team(tmp_path, clock)
    services.pipeline.ingest(PERSON)
    plans = []
    services.db.conn.set_trace_callback(lambda sql: plans.append(sql) if "campaign_entries" in sql else None)
    rows.person_entries(services.db, "kesa2026", "instagram:liisa")
    rows.entries_by_id(services.db, "kesa2026", [("instagram", "a1"), ("instagram", "a2")])
    rows.look_alikes(services.db, "kesa2026", "instagram", "instagram:liisa")
    services.db.conn.set_trace_callback(None)
    details = [" ".join(r[3] for r in services.db.execute(f"EXPLAIN QUERY PLAN {sql}")) for sql in plans]
    assert details[:2] == ["SEARCH campaign_entries USING INDEX campaign_entries_person (campaign=? AND person=?)",
                           "SEARCH campaign_entries USING PRIMARY KEY (campaign=? AND platform=? AND id=?)"]
    assert details[2].startswith("SEARCH campaign_entries USING INDEX campaign_entries_look (campaign=? AND platform=?"
                                 " AND <expr>=?)")


def test_one_per_person_false_lets_a_person_enter_more_than_once(tmp_path, clock):
    services = team(tmp_path, clock, one_per_person=False)
    services.pipeline.ingest([post("a", "liisa", "#valiokesä #kesä"),
                              post("b", "liisa", "#valiokesä #kesä", "2026-06-11T12:00:00+03:00")])
    assert judged(services) == {"a": ("eligible", []), "b": ("eligible", [])}


def test_a_rescan_enters_posts_stored_before_the_campaign_was_configured_once(tmp_path, clock):
    before = tmp_path / "before.yaml"
    before.write_text(f"database: {tmp_path / 'kuulo.db'}\nbrands:\n  - name: Valio\n    handles: [valio]\n",
                      encoding="utf-8")
    old = build_services(load_config(before), clock=clock)
    old.pipeline.ingest([post("a", "liisa", "#valiokesä #kesä"), post("b", "pekka", "#valiokesä"),
                         post("c", "liisa", "#valiokesä #kesä", "2026-06-11T12:00:00+03:00"),
                         post("d", "olli", "#muuta kesä"),
                         post("e", "kaisa", "#valiokesä #kesä", "2026-05-20T12:00:00+03:00")])  # before the window
    old.db.close()
    services = team(tmp_path, clock)
    assert judged(services) == {}
    first = rescan(services.db, services.config.campaigns[0], services.engine.own_brand, clock.now().timestamp())
    assert (first.posts, first.new_entries) == (4, 3)
    assert judged(services) == {"a": ("eligible", []), "b": ("ineligible", ["missing_tag"]),
                                "c": ("ineligible", ["second_entry"])}
    again = rescan(services.db, services.config.campaigns[0], services.engine.own_brand, clock.now().timestamp())
    assert (again.posts, again.new_entries) == (4, 0)
    kinds = [k for (k,) in services.db.execute("SELECT kind FROM events WHERE kind LIKE 'campaign%' ORDER BY seq")]
    assert kinds.count("campaign_entry") == 3 and kinds.count("campaign_rescanned") == 2


def test_a_media_link_that_is_no_web_address_is_no_photo(tmp_path, clock):
    services = team(tmp_path, clock, friends=1)
    fake = [replace(post(pid, f"a{pid}", "#valiokesä #kesä @matti"), media_url=url)
            for pid, url in (("formula", '=HYPERLINK("http://evil.example","x")'), ("dash", "-1"),
                             ("photo", "https://cdn.example/p.jpg"))]
    # an import's own "kind" column is no Instagram item (a live source's raw holds the Graph item beside its kind)
    fake.append(replace(post("column", "acolumn", "#valiokesä #kesä @matti", media=False), raw={"kind": "hashtag"}))
    services.pipeline.ingest(fake)
    assert judged(services) == {"formula": ("ineligible", ["no_media"]), "dash": ("ineligible", ["no_media"]),
                                "photo": ("eligible", []), "column": ("ineligible", ["no_media"])}


def test_a_refusal_shows_seconds_or_less_when_minutes_would_put_the_post_inside_the_window(tmp_path, clock):
    services = team(tmp_path, clock)
    services.pipeline.ingest([
        post("last", "kaisa", "#valiokesä #kesä", "2026-08-31T20:59:59.999999+00:00"),  # 23:59:59.999 local
        post("second", "pekka", "#valiokesä #kesä", "2026-08-31T21:00:00+00:00"),
        post("first", "matti", "#valiokesä #kesä", "2026-05-31T23:59:30+03:00"),
        post("late", "olli", "#valiokesä #kesä", "2026-09-01T00:05:00+03:00"),
    ])
    why = {e["id"]: dict(e["reasons"])["outside_window"] for e in rows.list_entries(services.db, "kesa2026")}
    assert why == {
        "last": "posted 2026-08-31 23:59:59.999 +03:00, outside 2026-06-01 00:00:00.000 +03:00 – "
                "2026-08-31 23:59:59.000 +03:00",
        "second": "posted 2026-09-01 00:00 +03:00, outside 2026-06-01 00:00 +03:00 – 2026-08-31 23:59 +03:00",
        "first": "posted 2026-05-31 23:59 +03:00, outside 2026-06-01 00:00 +03:00 – 2026-08-31 23:59 +03:00",
        "late": "posted 2026-09-01 00:05 +03:00, outside 2026-06-01 00:00 +03:00 – 2026-08-31 23:59 +03:00",
    }


def test_times_shown_apart_take_the_coarsest_unit_that_keeps_different_instants_apart():
    helsinki = ZoneInfo("Europe/Helsinki")
    close = datetime(2026, 8, 31, 23, 59, 30, tzinfo=helsinki)
    assert shown_apart([close, close + timedelta(seconds=20)], helsinki) == [
        "2026-08-31 23:59:30 +03:00", "2026-08-31 23:59:50 +03:00"]
    assert shown_apart([close, close + timedelta(seconds=40)], helsinki) == [
        "2026-08-31 23:59 +03:00", "2026-09-01 00:00 +03:00"]
    assert shown_apart([close.timestamp(), close.timestamp()], helsinki) == ["2026-08-31 23:59 +03:00"] * 2
    assert shown_apart([close, close + timedelta(microseconds=1)], helsinki)[1] == "2026-08-31 23:59:30.000001 +03:00"
