"""Entries judged again: a changed config reaches entries already collected (an excluded employee cannot be approved
or drawn), one person is one account where the platform gives its id, and a rejected earliest entry lets the
person's next one count (found by a contest probe, 2026-12-06)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kuulo.bot.app import build_services
from kuulo.bot.campaigns_moderation import reject
from kuulo.bot.config import load_config
from kuulo.bot.errors import CampaignError
from kuulo.bot.models import Mention
from kuulo.storage import campaigns as rows
from kuulo.storage.db import write
from tests.builders import kesa_config
from tests.test_campaign_draw import kuulo

def post(pid: str, author: str, when: str, *, author_id: str | None = None, platform: str = "instagram") -> Mention:
    return Mention(platform=platform, id=pid, author=author, author_id=author_id, text="Kesä! #valiokesä",
                   hashtags=("#valiokesä",), created_at=datetime.fromisoformat(when).astimezone(timezone.utc))


def judged(services) -> dict[str, tuple[str, list[str]]]:
    return {e["id"]: (e["status"], [code for code, _ in e["reasons"]]) for e in rows.list_entries(services.db, "kesa")}


def test_a_changed_config_reaches_the_entries_already_collected(tmp_path, clock, capsys):
    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    services.pipeline.ingest([post("c1", "staff_pekka", "2026-06-10T12:00:00+03:00"),
                              post("c2", "maija", "2026-06-11T12:00:00+03:00"),
                              post("c3", "late_liisa", "2026-09-01T10:00:00+03:00")])
    assert judged(services)["c1"] == ("eligible", []) and judged(services)["c3"][1] == ["outside_window"]
    services.db.close()
    changed = kesa_config(tmp_path, end="2026-09-02", excluded="staff_pekka")
    code, _, err = kuulo(capsys, "--config", changed, "campaign", "approve", "kesa", "c1", "c2", "--by", "anna")
    assert code != 0 and "staff_pekka is excluded (exclude_accounts)" in err and "nothing was approved" in err
    services = build_services(load_config(changed), clock=clock)
    assert judged(services) == {"c1": ("ineligible", ["excluded_account"]), "c2": ("eligible", []),
                                "c3": ("eligible", [])}
    kinds = [k for (k,) in services.db.execute("SELECT kind FROM events WHERE kind LIKE 'campaign_entry%'")]
    assert kinds.count("campaign_entry_rules") == 2  # c1 and c3, each with why in the ledger
    collector = services.pipeline.campaigns
    assert not collector.needs_refresh(services.db, collector.campaigns[0])  # every entry says it was judged so
    with write(services.db):  # once judged under these rules, nothing changes again (kuulo run's start)
        assert collector.refresh_all(services.db, clock.now().timestamp()) == 0
    services.db.close()
    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)  # the rules as they were
    with write(services.db):
        assert services.pipeline.campaigns.refresh_all(services.db, clock.now().timestamp()) == 2
    assert judged(services)["c1"] == ("eligible", [])


def test_one_person_is_one_account_where_the_platform_gives_its_id(tmp_path, clock):
    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    services.pipeline.ingest([
        post("n1", "liisa", "2026-06-10T12:00:00+03:00", author_id="777"),
        post("n2", "liisa.k", "2026-06-11T12:00:00+03:00", author_id="777"),  # the same account, renamed
        post("t1", "Matti", "2026-06-10T12:00:00+03:00", author_id="1111", platform="telegram"),
        post("t2", "Matti", "2026-06-11T12:00:00+03:00", author_id="2222", platform="telegram"),  # another Matti
        post("h1", "sanna", "2026-06-10T12:00:00+03:00"), post("h2", "@Sanna", "2026-06-12T12:00:00+03:00"),
        # a Mastodon instance's own account numbers: the same number on two instances is two people
        post("m1", "liisa@mastodon.social", "2026-06-10T12:00:00+03:00", author_id="109", platform="mastodon"),
        post("m2", "pekka@mstdn.fi", "2026-06-11T12:00:00+03:00", author_id="109", platform="mastodon")])
    assert judged(services) == {"n1": ("eligible", []), "n2": ("ineligible", ["second_entry"]),
                                "t1": ("eligible", []), "t2": ("eligible", []),
                                "h1": ("eligible", []), "h2": ("ineligible", ["second_entry"]),
                                "m1": ("eligible", []), "m2": ("eligible", [])}


def test_a_rejected_earliest_entry_lets_the_persons_next_one_count(tmp_path, clock):
    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    services.pipeline.ingest([post("r1", "maija", "2026-06-10T12:00:00+03:00"),
                              post("r2", "maija", "2026-06-11T12:00:00+03:00")])
    assert judged(services) == {"r1": ("eligible", []), "r2": ("ineligible", ["second_entry"])}
    campaign = services.config.campaigns[0]
    reject(services.db, campaign, ["r1"], reason="not her photo", by="anna", now=clock.now().timestamp())
    assert judged(services) == {"r1": ("rejected", []), "r2": ("eligible", [])}


def test_approve_all_from_a_digest_approves_what_the_digest_showed(tmp_path, clock):
    from kuulo.bot.campaigns_moderation import approve
    from kuulo.handlers.desk.campaign_digest import digest_facts

    services = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    campaign = services.config.campaigns[0]
    services.pipeline.ingest([post("a0", "aino", "2026-06-10T12:00:00+03:00"),
                              post("a1", "bea", "2026-06-11T12:00:00+03:00")])
    shown = digest_facts(campaign, rows.list_entries(services.db, "kesa")).shown
    assert shown[1] == 2
    clock.advance(minutes=5)  # entries nobody saw in that digest
    services.pipeline.ingest([post("b0", "cia", "2026-06-12T12:00:00+03:00"),
                              post("b1", "dan", "2026-06-12T13:00:00+03:00")])
    assert approve(services.db, campaign, None, by="anna", now=clock.now().timestamp(), shown=shown) == 2
    assert {k: v[0] for k, v in judged(services).items()} == {"a0": "approved", "a1": "approved",
                                                              "b0": "eligible", "b1": "eligible"}
    later = digest_facts(campaign, rows.list_entries(services.db, "kesa")).shown  # b0 and b1
    approve(services.db, campaign, ["b1"], by="anna", now=clock.now().timestamp())  # one of them by hand
    with pytest.raises(CampaignError, match=r"waiting now \(1\) are not the 2 this digest showed: nothing was"):
        approve(services.db, campaign, None, by="anna", now=clock.now().timestamp(), shown=later)
    assert judged(services)["b0"][0] == "eligible"


def test_entries_another_process_judged_by_older_rules_are_judged_again(tmp_path, clock):
    """A `kuulo run` still on the old config enters posts after a command judged the rest by the new: each entry
    says which rules judged it, so the next refresh finds exactly those (found by a review)."""
    old = build_services(load_config(kesa_config(tmp_path)), clock=clock)
    new = build_services(load_config(kesa_config(tmp_path, excluded="staff_pekka")), clock=clock)
    with write(new.db):
        new.pipeline.campaigns.refresh_all(new.db, clock.now().timestamp())
    old.pipeline.ingest([post("c9", "staff_pekka", "2026-06-10T12:00:00+03:00")])  # judged by the old rules
    assert judged(new)["c9"] == ("eligible", [])
    fresh = build_services(load_config(kesa_config(tmp_path, excluded="staff_pekka")), clock=clock)
    assert fresh.pipeline.campaigns.needs_refresh(fresh.db, fresh.config.campaigns[0])
    with write(fresh.db):
        assert fresh.pipeline.campaigns.refresh_all(fresh.db, clock.now().timestamp()) == 1
    assert judged(fresh)["c9"] == ("ineligible", ["excluded_account"])
