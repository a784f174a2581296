"""Campaign entries from the live Instagram source (the fake Graph API): a hashtag contest and a comment giveaway,
each across two polls, entered once."""

from __future__ import annotations

from datetime import datetime, timezone

from kuulo.bot.app import build_services
from kuulo.bot.config import load_config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.models import Mention
from kuulo.bot.sources.poller import poll_once
from kuulo.bot.sources.registry import build_source
from kuulo.storage import campaigns as rows

ENV = {"IG_TOKEN": "ig-test-token"}


def team(tmp_path, clock, campaign: str):
    path = tmp_path / "team.yaml"
    path.write_text(f"database: {tmp_path / 'kuulo.db'}\nbrands:\n  - name: Nordea\n    handles: [NordeaSuomi]\n"
                    f"campaigns:\n{campaign}", encoding="utf-8")
    return build_services(load_config(path), clock=clock)


def poll(services, fake, clock, **options):
    cfg = SourceConfig(name="insta", type="instagram", every_seconds=600, base_url=fake.base_url,
                       token_env="IG_TOKEN", options={"user_id": fake.user_id, **options})
    result = poll_once(services, cfg, build_source(cfg, ENV, clock=clock, db=services.db))
    assert result.ok
    return result


def entries(services, name):
    return {e["id"]: e for e in rows.list_entries(services.db, name)}


HASHTAG = """  - name: joulu
    hashtags: ["#joulukuva"]
    start: 2026-11-01
    end: 2026-12-24
    media_required: true
"""


def test_a_hashtag_contest_across_two_polls_enters_each_post_once(tmp_path, clock, fake_instagram):
    fake_instagram.now = clock.now()
    services = team(tmp_path, clock, HASHTAG)
    first = fake_instagram.add_hashtag_media("Kuusi valmiina #joulukuva", username="liisa",
                                             timestamp="2026-11-17T08:00:00+0000")
    tagged = fake_instagram.add_tagged("@NordeaSuomi meidän kuusi #JouluKuva", username="matti",
                                       timestamp="2026-11-17T08:30:00+0000")
    poll(services, fake_instagram, clock, hashtags=("#joulukuva",), comments=False, mentions=False)
    found = entries(services, "joulu")
    assert set(found) == {first["id"], tagged["id"]}
    assert found[first["id"]]["author"] == "(unknown)" and "carry no username" in found[first["id"]]["note"]
    assert found[first["id"]]["status"] == "eligible"  # an Instagram post is a photo or video

    clock.advance(minutes=10)
    second = fake_instagram.add_hashtag_media("Pipareita #joulukuva", username="kaisa",
                                              timestamp="2026-11-17T09:50:00+0000")
    again = poll(services, fake_instagram, clock, hashtags=("#joulukuva",), comments=False, mentions=True)
    found = entries(services, "joulu")
    assert set(found) == {first["id"], tagged["id"], second["id"]}
    # the media that @mentions the account came again through /tags, with its author: linked to the entry
    assert (found[tagged["id"]]["author"], found[tagged["id"]]["note"]) == ("matti", None)
    assert again.duplicates >= 1
    linked = services.db.execute("SELECT count(*) FROM events WHERE kind = 'campaign_entry_linked'").fetchone()[0]
    assert linked == 1
    poll(services, fake_instagram, clock, hashtags=("#joulukuva",), comments=False, mentions=True)
    assert len(entries(services, "joulu")) == 3


def test_every_media_the_hashtag_search_finds_is_an_entry_whatever_its_caption_shows(tmp_path, clock, fake_instagram):
    fake_instagram.now = clock.now()
    services = team(tmp_path, clock, HASHTAG.replace("#joulukuva", "#joulupäivä"))
    plain = fake_instagram.add_hashtag_media("Kuusi #joulupäivä", username="a", timestamp="2026-11-17T08:00:00+0000")
    decomposed = fake_instagram.add_hashtag_media("Kuusi #joulupa\u0308iva\u0308", username="b",  # NFD
                                                  timestamp="2026-11-17T08:01:00+0000")
    in_comment = fake_instagram.add_hashtag_media("Kuusi valmiina", first_comment="#joulupäivä #kuusi", username="c",
                                                  timestamp="2026-11-17T08:02:00+0000")
    poll(services, fake_instagram, clock, hashtags=("#joulupäivä",), comments=False, mentions=False)
    assert set(entries(services, "joulu")) == {plain["id"], decomposed["id"], in_comment["id"]}


def test_a_comment_giveaway_across_two_polls_enters_each_comment_once(tmp_path, clock, fake_instagram):
    fake_instagram.now = clock.now()
    contest = fake_instagram.add_media("ARVONTA! Kommentoi ja tägää kaveri", timestamp="2026-11-16T08:00:00+0000")
    other = fake_instagram.add_media("Aukioloajat", timestamp="2026-11-16T07:00:00+0000")
    services = team(tmp_path, clock, f"""  - name: arvonta
    entry: comment
    post: "{contest['permalink']}"
    min_tagged_friends: 1
    start: 2026-11-16T10:00:00+02:00
    end: 2026-11-30T23:59:59+02:00
""")
    liisa = fake_instagram.add_comment(contest["id"], "@matti osallistutaan!", username="liisa",
                                       timestamp="2026-11-16T09:00:00+0000")
    pekka = fake_instagram.add_comment(contest["id"], "Kiva", username="pekka", timestamp="2026-11-16T09:05:00+0000")
    fake_instagram.add_comment(contest["id"], "@liisa jes", username="matti", timestamp="2026-11-16T09:10:00+0000",
                               parent_id=liisa["id"])  # a reply under a comment is no entry
    fake_instagram.add_comment(other["id"], "@kaisa kato", username="olli", timestamp="2026-11-16T09:00:00+0000")
    poll(services, fake_instagram, clock)
    found = entries(services, "arvonta")
    assert {k: (e["author"], e["status"]) for k, e in found.items()} == {
        liisa["id"]: ("liisa", "eligible"), pekka["id"]: ("pekka", "ineligible")}
    assert found[liisa["id"]]["tagged"] == ["matti"]

    clock.advance(minutes=10)
    again = fake_instagram.add_comment(contest["id"], "@kaisa mukana taas", username="liisa",
                                       timestamp="2026-11-17T09:55:00+0000")
    brand = fake_instagram.add_comment(contest["id"], "Onnea kaikille @liisa", username="NordeaSuomi",
                                       timestamp="2026-11-17T09:56:00+0000")
    poll(services, fake_instagram, clock)
    poll(services, fake_instagram, clock)
    found = entries(services, "arvonta")
    assert {k: [c for c, _ in e["reasons"]] for k, e in found.items()} == {
        liisa["id"]: [], pekka["id"]: ["too_few_tagged"], again["id"]: ["second_entry"], brand["id"]: ["own_account"]}


def test_comments_stored_before_their_contest_post_enter_when_it_arrives(tmp_path, clock):
    services = team(tmp_path, clock, """  - name: arvonta
    entry: comment
    post: https://www.instagram.com/p/CABC/
    start: 2026-11-01
    end: 2026-11-30
""")
    at = datetime(2026, 11, 16, 9, tzinfo=timezone.utc)
    comment = Mention(platform="instagram", id="c1", author="liisa", text="mukana", created_at=at, in_reply_to="m1")
    services.pipeline.ingest([comment])
    assert entries(services, "arvonta") == {}
    services.pipeline.ingest([Mention(platform="instagram", id="m1", author="NordeaSuomi", text="ARVONTA",
                                      created_at=at, url="https://www.instagram.com/p/CABC?igsh=x")])
    assert set(entries(services, "arvonta")) == {"c1"}
