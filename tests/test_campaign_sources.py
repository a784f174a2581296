"""A running campaign's hashtags are read by the live sources without being listed under `sources:`, within
Instagram's hashtag budget, with the 24-hour gap warning."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kuulo.bot.app import build_services
from kuulo.bot.config import load_config
from kuulo.bot.sources.poller import SourceRunner, poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.storage import campaigns as rows
from kuulo.storage.hashtag_budget import record_search

ENV = {"IG_TOKEN": "ig-test-token"}
HELSINKI = ZoneInfo("Europe/Helsinki")


def team(tmp_path, clock, fake, *, hashtags: list[str], start="2026-11-01", end="2026-12-24"):
    path = tmp_path / "team.yaml"
    listed = f"    hashtags: {hashtags}\n" if hashtags else ""
    path.write_text(f"""database: {tmp_path / 'kuulo.db'}
brands:
  - name: Nordea
    handles: [NordeaSuomi]
sources:
  - name: insta
    type: instagram
    user_id: "{fake.user_id}"
    token_env: IG_TOKEN
    base_url: {fake.base_url}
{listed}campaigns:
  - name: joulu
    hashtags: ["#joulukuva", "#joulu2026"]
    match: any
    start: {start}
    end: {end}
""", encoding="utf-8")
    return build_services(load_config(path), clock=clock)


def poll(services, clock):
    [cfg] = services.config.sources
    return poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))


def test_a_running_campaigns_tags_are_read_without_being_listed(tmp_path, clock, fake_instagram):
    fake_instagram.now = clock.now()
    found = fake_instagram.add_hashtag_media("Kuusi #joulukuva", username="liisa", timestamp="2026-11-17T08:00:00+0000")
    services = team(tmp_path, clock, fake_instagram, hashtags=[])
    assert services.config.sources[0].options["hashtags"] == ("#joulukuva", "#joulu2026")
    assert poll(services, clock).ok
    assert sorted(fake_instagram.searched) == ["joulu2026", "joulukuva"]
    assert [e["id"] for e in rows.list_entries(services.db, "joulu")] == [found["id"]]

    clock.advance(hours=30)
    fake_instagram.now = clock.now()
    result = poll(services, clock)
    assert any(w.startswith("#joulukuva: not read for 30 h") for w in result.warnings)


def test_a_campaign_that_has_not_started_is_not_read(tmp_path, clock, fake_instagram):
    services = team(tmp_path, clock, fake_instagram, hashtags=["#nordea"], start="2026-12-01")
    assert services.config.sources[0].options["hashtags"] == ("#nordea",)


def test_campaign_tags_beyond_instagrams_budget_are_named_in_a_warning(tmp_path, clock, fake_instagram):
    listed = [f"#tag{n}" for n in range(28)]
    first = team(tmp_path, clock, fake_instagram, hashtags=[])
    record_search(first.db, fake_instagram.user_id, "vanha", "1784", clock.now().timestamp() - 3600)
    first.db.close()
    services = team(tmp_path, clock, fake_instagram, hashtags=listed)
    assert services.config.sources[0].options["hashtags"] == (*listed, "#joulukuva")
    [warning] = [w for w in services.config.warnings if "campaign hashtags not watched" in w]
    assert warning.startswith("source 'insta': campaign hashtags not watched: #joulu2026 (joulu): Instagram allows "
                              "30 unique hashtags per account in 7 days (28 listed under sources, 1 searched in the "
                              "last 7 days); a slot frees up at 2026-11-24 09:00 UTC")


def test_kuulo_run_reads_a_campaigns_tags_from_its_start_to_its_end_in_the_teams_zone(tmp_path, clock, fake_instagram,
                                                                                      fake_mastodon):
    path = tmp_path / "team.yaml"
    path.write_text(f"""database: {tmp_path / 'kuulo.db'}
timezone: Europe/Helsinki
brands:
  - name: Nordea
    handles: [NordeaSuomi]
sources:
  - {{name: insta, type: instagram, user_id: "{fake_instagram.user_id}", token_env: IG_TOKEN,
      base_url: {fake_instagram.base_url}, comments: false}}
  - {{name: masto, type: mastodon, base_url: {fake_mastodon.base_url}, token_env: MASTODON_TOKEN,
      notifications: false, hashtags: ["#nordea"]}}
campaigns:
  - name: joulu
    hashtags: ["#joulukuva"]
    start: 2026-11-18
    end: 2026-11-20
""", encoding="utf-8")
    services = build_services(load_config(path), clock=clock)  # 2026-11-17 12:00 Helsinki: not started
    runner = SourceRunner.from_config(services, {**ENV, "MASTODON_TOKEN": "masto-test-token"})
    tag_reads = lambda: (len(fake_instagram.calls_to("GET", f"/{fake_instagram.hashtag_id('joulukuva')}/recent_media")),
                         len(fake_mastodon.calls_to("GET", "/api/v1/timelines/tag/joulukuva")))

    def step(local: str) -> None:
        clock.set(datetime.fromisoformat(local).replace(tzinfo=HELSINKI))
        fake_instagram.now = clock.now()
        assert all(r.ok for r in runner.run_due())

    step("2026-11-17T23:50")
    assert tag_reads() == (0, 0) and fake_instagram.searched == []
    ig = fake_instagram.add_hashtag_media("Kuusi #joulukuva", username="liisa", timestamp="2026-11-17T22:20:00+0000")
    toot = fake_mastodon.add_status("Piparit #joulukuva", acct="maija", created_at="2026-11-17T22:25:00.000Z")
    step("2026-11-18T00:30")  # 22:30 UTC: the campaign runs in Helsinki's day, not yet in UTC's
    assert tag_reads() == (1, 2) and fake_instagram.searched == ["joulukuva"]  # Mastodon: down to the start
    assert {e["id"] for e in rows.list_entries(services.db, "joulu")} == {ig["id"], toot["id"]}

    step("2026-11-20T23:50")
    assert tag_reads() == (2, 3)
    step("2026-11-21T00:10")  # ended: no longer read, the listed tag still is
    step("2026-11-21T01:10")
    assert tag_reads() == (2, 3)
    assert len(fake_mastodon.calls_to("GET", "/api/v1/timelines/tag/nordea")) == 5


def test_a_source_that_only_watches_campaigns_starts_before_the_first_campaign_and_reads_it(tmp_path, clock,
                                                                                            fake_mastodon):
    path = tmp_path / "team.yaml"
    path.write_text(f"""database: {tmp_path / 'kuulo.db'}
brands:
  - name: Nordea
sources:
  - {{name: masto, type: mastodon, base_url: {fake_mastodon.base_url}, notifications: false}}
campaigns:
  - name: joulu
    hashtags: ["#joulukuva"]
    start: 2026-12-01
    end: 2026-12-24
""", encoding="utf-8")
    services = build_services(load_config(path), clock=clock)  # 2026-11-17: no campaign runs yet
    runner = SourceRunner.from_config(services, {})
    assert all(r.ok for r in runner.run_due())
    assert fake_mastodon.calls_to("GET", "/api/v1/timelines/tag/joulukuva") == []
    toot = fake_mastodon.add_status("Piparit #joulukuva", acct="maija", created_at="2026-12-02T10:00:00.000Z")
    clock.set(datetime(2026, 12, 2, 12, tzinfo=HELSINKI))
    assert all(r.ok for r in runner.run_due())
    assert [e["id"] for e in rows.list_entries(services.db, "joulu")] == [toot["id"]]


def test_a_campaign_found_running_is_read_from_its_start_every_page_and_nothing_before(tmp_path, clock,
                                                                                      fake_instagram, fake_mastodon,
                                                                                      fake_bluesky):
    """kuulo run was down when the campaign started: its first look reads every entry since the start (more than a
    page on each platform), as if a look at the start had found the tag empty, and no post from before it."""
    path = tmp_path / "team.yaml"
    path.write_text(f"""database: {tmp_path / 'kuulo.db'}
brands:
  - name: Nordea
sources:
  - {{name: insta, type: instagram, user_id: "{fake_instagram.user_id}", token_env: IG_TOKEN,
      base_url: {fake_instagram.base_url}, comments: false, mentions: false}}
  - {{name: masto, type: mastodon, base_url: {fake_mastodon.base_url}, token_env: MASTODON_TOKEN,
      notifications: false}}
  - {{name: bsky, type: bluesky, base_url: {fake_bluesky.base_url}, handle: nordeasuomi.bsky.social,
      password_env: BLUESKY_APP_PASSWORD, notifications: false}}
campaigns:
  - name: joulu
    hashtags: ["#joulukuva"]
    start: "2026-11-16T12:00:00+00:00"
    end: 2026-12-24
""", encoding="utf-8")
    fake_instagram.now = clock.now()  # 2026-11-17 10:00 UTC
    before = "2026-11-16T11:50:00"
    old = {fake_instagram.add_hashtag_media("Vanha #joulukuva", username="ville", timestamp=before + "+0000")["id"],
           fake_mastodon.add_status("Vanha #joulukuva", acct="ville", created_at=before + ".000Z")["id"],
           fake_bluesky.add_post("Vanha #joulukuva", handle="ville.bsky.social", created_at=before + ".000Z")["uri"]}
    new = set()
    for n in range(105):  # more than a page of each: Instagram 50, Mastodon 40, Bluesky 100
        when = f"2026-11-16T{12 + n // 60:02d}:{n % 60:02d}:30"
        new |= {fake_instagram.add_hashtag_media(f"Kuva {n} #joulukuva", username=f"u{n}",
                                                 timestamp=when + "+0000")["id"],
                fake_mastodon.add_status(f"Kuva {n} #joulukuva", acct=f"u{n}", created_at=when + ".000Z")["id"],
                fake_bluesky.add_post(f"Kuva {n} #joulukuva", handle=f"u{n}.bsky.social",
                                      created_at=when + ".000Z")["uri"]}
    services = build_services(load_config(path), clock=clock)
    runner = SourceRunner.from_config(services, {**ENV, "MASTODON_TOKEN": "masto-test-token",
                                                 "BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"})
    assert all(r.ok for r in runner.run_due())
    entries = {e["id"] for e in rows.list_entries(services.db, "joulu")}
    assert entries == new and not entries & old
