"""A running campaign's hashtags are read by the live sources without being listed under `sources:`, within
Instagram's hashtag budget, with the 24-hour gap warning."""

from __future__ import annotations

from kuulo.bot.app import build_services
from kuulo.bot.config import load_config
from kuulo.bot.sources.poller import poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.storage import campaigns as rows
from kuulo.storage.hashtag_budget import record_search

ENV = {"IG_TOKEN": "ig-test-token"}


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
