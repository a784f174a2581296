"""`kuulo campaign check` and the check `freeze` runs first: each entry looked up again on its platform through the
fake platform servers (gone, still there, a temporary failure), imports and X said to be not checkable."""

from __future__ import annotations

import importlib
import json
import re
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from kuulo.bot.app import build_services
from kuulo.bot.campaigns_check import check
from kuulo.bot.cli import cli
from kuulo.bot.config import load_config
from kuulo.bot.errors import CampaignError, KuuloError
from kuulo.bot.models import Mention
from kuulo.bot.sources.registry import build_source
from kuulo.storage import campaigns as rows

importlib.import_module("kuulo.bot.commands")  # registers the commands on `cli`

ENV = {"IG_TOKEN": "ig-test-token", "MASTODON_TOKEN": "masto-test-token", "BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop",
       "REDDIT_CLIENT_ID": "app-id", "REDDIT_CLIENT_SECRET": "app-secret", "REDDIT_USERNAME": "nordea",
       "REDDIT_PASSWORD": "hunter2"}
WHEN = datetime(2026, 11, 17, 8, 0, tzinfo=timezone.utc)


class World:
    """The four platform fakes behind one team config with a running campaign (`kesa`, tag #kesakuva)."""

    def __init__(self, tmp_path, clock, ig, masto, bsky, reddit, *, moderation="none"):
        self.ig, self.masto, self.bsky, self.reddit, self.clock = ig, masto, bsky, reddit, clock
        self.path = tmp_path / "team.yaml"
        self.path.write_text(f"""database: {tmp_path / 'kuulo.db'}
timezone: Europe/Helsinki
brands:
  - name: Nordea
    handles: [NordeaSuomi]
sources:
  - {{name: insta, type: instagram, user_id: "{ig.user_id}", token_env: IG_TOKEN, base_url: {ig.base_url}}}
  - {{name: masto, type: mastodon, base_url: {masto.base_url}, token_env: MASTODON_TOKEN}}
  - {{name: bsky, type: bluesky, base_url: {bsky.base_url}, handle: nordeasuomi.bsky.social,
      password_env: BLUESKY_APP_PASSWORD}}
  - {{name: reddit, type: reddit, base_url: {reddit.base_url}, subreddits: [Suomi], client_id_env: REDDIT_CLIENT_ID,
      client_secret_env: REDDIT_CLIENT_SECRET, username_env: REDDIT_USERNAME, password_env: REDDIT_PASSWORD}}
campaigns:
  - name: kesa
    hashtags: ["#kesakuva"]
    start: 2026-11-01
    end: 2026-12-24
    moderation: {moderation}
""", encoding="utf-8")
        self.services = build_services(load_config(self.path), clock=clock)
        self.n = 0

    def enter(self, platform: str, post_id: str, author: str, source: str | None, **raw) -> str:
        """Store a post carrying the tag as the named source (None: imported) delivered it."""
        self.n += 1
        mention = Mention(platform=platform, id=post_id, author=author, text=f"Kesäkuva {self.n} #kesakuva",
                          created_at=WHEN.replace(minute=self.n), hashtags=("#kesakuva",), raw=raw or None)
        self.services.pipeline.ingest([mention], source=source)
        return post_id

    def statuses(self) -> dict[str, tuple[str, list[str]]]:
        return {e["id"]: (e["status"], [code for code, _ in e["reasons"]])
                for e in rows.list_entries(self.services.db, "kesa")}

    def kuulo(self, *args: str):
        return CliRunner().invoke(cli, ["--config", str(self.path), *args], env=ENV, standalone_mode=False)

    def events(self, kind: str) -> list[dict]:
        out = []
        for mention_id, data in self.services.db.execute("SELECT mention_id, data FROM events WHERE kind = ?",
                                                         (kind,)):
            out.append({"id": mention_id, **json.loads(data)})
        return out


@pytest.fixture
def world(tmp_path, clock, fake_instagram, fake_mastodon, fake_bluesky, fake_reddit):
    return World(tmp_path, clock, fake_instagram, fake_mastodon, fake_bluesky, fake_reddit)


def populate(w: World) -> dict[str, str]:
    """One entry kept and one deleted per platform (Reddit: also one removed by a moderator), an Instagram hashtag
    post, an imported post and an X post."""
    contest = w.ig.add_media("Kommentoi kesäkuvasi!", timestamp="2026-11-10T08:00:00+0000")["id"]
    ig = [w.ig.add_comment(contest, "#kesakuva", username=u, timestamp="2026-11-17T08:00:00+0000")["id"]
          for u in ("iida", "ilkka")]
    hashtag_media = w.ig.add_hashtag_media("#kesakuva", username="hanna", timestamp="2026-11-17T08:00:00+0000")["id"]
    masto = [w.masto.add_status("#kesakuva", acct=u, created_at="2026-11-17T08:00:00.000Z")["id"]
             for u in ("maija", "mikko@example.social")]
    bsky = [w.bsky.add_post("#kesakuva", handle=h, created_at="2026-11-17T08:00:00.000Z")["uri"]
            for h in ("bea.bsky.social", "bo.bsky.social")]
    at = WHEN.timestamp()
    post = "t3_" + w.reddit.add_post("Kesäkuva", author="rauha", subreddit="Suomi", created_utc=at)["id"]
    reddit = [post] + ["t1_" + w.reddit.add_comment("#kesakuva", author=u, parent=post, created_utc=at)["id"]
                       for u in ("reino", "riku")]
    ids = {
        "ig kept": w.enter("instagram", ig[0], "iida", "insta", kind="comment", media_id=contest),
        "ig gone": w.enter("instagram", ig[1], "ilkka", "insta", kind="comment", media_id=contest),
        "ig hashtag": w.enter("instagram", hashtag_media, "(unknown)", "insta", kind="hashtag"),
        "masto kept": w.enter("mastodon", masto[0], "maija", "masto"),
        "masto gone": w.enter("mastodon", masto[1], "mikko@example.social", "masto"),
        "bsky kept": w.enter("bluesky", bsky[0], "bea", "bsky"),
        "bsky gone": w.enter("bluesky", bsky[1], "bo", "bsky"),
        "reddit kept": w.enter("reddit", reddit[0], "rauha", "reddit"),
        "reddit deleted": w.enter("reddit", reddit[1], "reino", "reddit"),
        "reddit removed": w.enter("reddit", reddit[2], "riku", "reddit"),
        "imported": w.enter("mastodon", "999", "tuonti", None),
        "x": w.enter("x", "1850000000000000001", "xavier", None),
    }
    w.ig.delete(ig[1])
    w.masto.delete_status(masto[1])
    w.bsky.delete_post(bsky[1])
    w.reddit.delete(reddit[1], by="author")
    w.reddit.delete(reddit[2], by="moderator")
    return ids


def test_check_marks_the_deleted_entries_on_every_platform_and_says_what_it_could_not_check(world):
    ids = populate(world)
    assert {s for s, _ in world.statuses().values()} == {"approved"}  # moderation: none
    result = world.kuulo("campaign", "check", "kesa")
    assert result.exception is None, result.output
    lines = dict(line.split("  ", 1) for line in result.output.splitlines()[:-1])
    platform = {"ig": "instagram", "masto": "mastodon", "bsky": "bluesky", "reddit": "reddit",
                "imported": "mastodon", "x": "x"}
    said = {name: lines[f"{platform[name.split()[0]]}:{post_id}"] for name, post_id in ids.items()}
    for name in ("ig kept", "masto kept", "bsky kept", "reddit kept"):
        assert said[name] == "still there"
    assert said["ig gone"] == f"gone: Instagram answers code 100, subcode 33 for {ids['ig gone']} (deleted)"
    assert said["masto gone"] == f"gone: {world.masto.base_url} answers 404 for status {ids['masto gone']} " \
                                 "(deleted)"
    assert said["bsky gone"] == "gone: app.bsky.feed.getPosts no longer returns it (deleted or taken down)"
    assert said["reddit deleted"] == "gone: deleted by its author ([deleted] on Reddit)"
    assert said["reddit removed"] == "gone: removed by the subreddit's moderators ([removed] on Reddit)"
    assert said["ig hashtag"] == ("not checkable: Instagram does not look up other accounts' media by id (found by "
                                  "hashtag)")
    assert said["imported"] == "not checkable: imported (kuulo import): no live source to look it up"
    assert said["x"] == "not checkable: X is import only (its API is paid)"
    assert result.output.splitlines()[-1] == ("kesa: 12 entries looked up: 9 checked, 5 gone (5 newly marked "
                                              "deleted, 0 back), 0 could not be checked, 3 not checkable")

    statuses = world.statuses()
    gone = {ids[n] for n in ("ig gone", "masto gone", "bsky gone", "reddit deleted", "reddit removed")}
    assert {i for i, (s, _) in statuses.items() if s == "ineligible"} == gone
    assert all(statuses[i][1] == ["deleted"] for i in gone)
    [entry] = [e for e in rows.list_entries(world.services.db, "kesa") if e["id"] == ids["masto gone"]]
    assert re.fullmatch(r"gone from the platform \(found 20\d\d-\d\d-\d\d \d\d:\d\d \+0[23]:00\): "
                        + re.escape(said["masto gone"].removeprefix("gone: ")), entry["reasons"][0][1])
    events = world.events("campaign_entry_deleted")
    assert {e["id"] for e in events} == gone
    [found_at] = {e["found_at"] for e in events}  # the CLI's clock is the wall clock
    assert abs(datetime.fromisoformat(found_at) - datetime.now(timezone.utc)).total_seconds() < 60
    [run] = world.events("campaign_checked")
    assert (run["present"], run["gone"], run["failed"], run["uncheckable"]) == (4, 5, 0, 3)

    again = world.kuulo("campaign", "check", "kesa", "--format", "json")
    assert again.exception is None
    found = [json.loads(line) for line in again.output.splitlines()]
    assert {f["id"] for f in found if f["result"] == "gone"} == gone  # looked up again, not marked twice
    assert len(world.events("campaign_entry_deleted")) == 5


def test_a_temporary_failure_is_could_not_check_never_deleted(world):
    ids = populate(world)
    world.ig.fail_next(f"/{ids['ig gone']}", kind="5xx")
    world.masto.fail_next(f"/api/v1/statuses/{ids['masto gone']}", kind="5xx")
    world.bsky.fail_next("app.bsky.feed.getPosts", kind="5xx")
    world.reddit.fail_next("/api/info", kind="ratelimited")
    report = check(world.services.db, world.services.config.campaigns[0], world.services.config.sources,
                   lambda cfg: build_source(cfg, ENV, clock=world.clock, db=world.services.db),
                   world.clock.now().timestamp())
    failed = {r.id: r.detail for r in report.results if r.state == "failed"}
    assert set(failed) == {ids[n] for n in ("ig gone", "masto gone", "bsky kept", "bsky gone", "reddit kept",
                                            "reddit deleted", "reddit removed")}
    assert failed[ids["masto gone"]].startswith("mastodon masto: server error")
    assert failed[ids["reddit kept"]].startswith("reddit reddit: rate limited (HTTP 429)")
    assert {r.id for r in report.results if r.state == "present"} == {ids["ig kept"], ids["masto kept"]}
    assert report.newly_deleted == 0
    assert {s for s, _ in world.statuses().values()} == {"approved"}

    later = world.kuulo("campaign", "check", "kesa")
    assert later.output.splitlines()[-1].startswith("kesa: 12 entries looked up: 9 checked, 5 gone (5 newly")


def test_a_persons_next_entry_counts_when_the_first_is_deleted_and_a_post_found_again_is_restored(world):
    first = world.masto.add_status("#kesakuva", acct="maija", created_at="2026-11-17T08:00:00.000Z")
    second = world.masto.add_status("#kesakuva toinen", acct="maija", created_at="2026-11-17T09:00:00.000Z")
    world.enter("mastodon", first["id"], "maija", "masto")
    world.enter("mastodon", second["id"], "maija", "masto")
    assert world.statuses()[second["id"]] == ("ineligible", ["second_entry"])
    world.masto.delete_status(first["id"])
    assert world.kuulo("campaign", "check", "kesa").exception is None
    assert world.statuses() == {first["id"]: ("ineligible", ["deleted"]), second["id"]: ("approved", [])}

    world.masto.add_status("#kesakuva", acct="maija", created_at="2026-11-17T08:00:00.000Z", status_id=first["id"])
    out = world.kuulo("campaign", "check", "kesa").output
    assert "(0 newly marked deleted, 1 back)" in out
    assert world.statuses() == {first["id"]: ("approved", []), second["id"]: ("ineligible", ["second_entry"])}
    assert [e["id"] for e in world.events("campaign_entry_restored")] == [first["id"]]


def test_freeze_checks_first_so_a_deleted_post_is_never_frozen(world, tmp_path):
    ids = populate(world)
    result = world.kuulo("campaign", "freeze", "kesa", "--early", "--out", str(tmp_path / "list.json"))
    assert result.exception is None, result.output
    out = result.output.splitlines()
    assert out[0] == ("check: 12 entries looked up: 9 checked, 5 gone (5 newly marked deleted, 0 back), 0 could not "
                      "be checked, 3 not checkable")
    assert f"  mastodon:{ids['masto gone']}  gone: {world.masto.base_url} answers 404 for status " \
           f"{ids['masto gone']} (deleted)" in out
    assert "  not checkable: 1 entry: X is import only (its API is paid)" in out
    assert "frozen kesa: 7 entries" in out
    public = json.loads((tmp_path / "list.json").read_text(encoding="utf-8"))
    assert {e["id"] for e in public["entries"]} == {ids[n] for n in ("ig kept", "ig hashtag", "masto kept",
                                                                     "bsky kept", "reddit kept", "imported", "x")}
    with pytest.raises(CampaignError, match="campaign kesa is frozen: its entry list is fixed"):
        check(world.services.db, world.services.config.campaigns[0], (), lambda cfg: None, 0.0)


def test_freeze_no_check_looks_nothing_up(world, tmp_path):
    ids = populate(world)
    before = len(world.masto.calls)
    result = world.kuulo("campaign", "freeze", "kesa", "--no-check", "--early", "--out", str(tmp_path / "list.json"))
    assert result.exception is None and not result.output.startswith("check:")
    assert len(world.masto.calls) == before
    assert "frozen kesa: 12 entries" in result.output
    assert ids["masto gone"] in (tmp_path / "list.json").read_text(encoding="utf-8")


def test_a_source_that_cannot_be_built_or_breaks_leaves_its_entries_unchecked(world, caplog):
    ids = populate(world)

    def build(cfg):
        if cfg.name == "masto":
            raise KuuloError("source 'masto': environment variable MASTODON_TOKEN is not set (token_env)")
        source = build_source(cfg, ENV, clock=world.clock, db=world.services.db)
        if cfg.name == "bsky":
            source.lookup = lambda post_ids: 1 / 0
        return source

    report = check(world.services.db, world.services.config.campaigns[0], world.services.config.sources, build,
                   world.clock.now().timestamp())
    failed = {r.id: r.detail for r in report.results if r.state == "failed"}
    assert failed == {ids["masto kept"]: "source 'masto': environment variable MASTODON_TOKEN is not set (token_env)",
                      ids["masto gone"]: "source 'masto': environment variable MASTODON_TOKEN is not set (token_env)",
                      ids["bsky kept"]: "unexpected ZeroDivisionError (see the log)",
                      ids["bsky gone"]: "unexpected ZeroDivisionError (see the log)"}
    assert "campaign check: source bsky failed to look entries up" in caplog.text
