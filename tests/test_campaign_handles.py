"""One person, however the handle is written: look-alike letters, invisible characters and fullwidth forms of a handle
are the same person in a contest and cannot pose as the brand's own account; real Instagram handles stay apart; the
certificate hashes the person counted beside the handle as written (lists frozen before, the handle alone)."""

from __future__ import annotations

import hmac
import hashlib
import json
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from kuulo.bot import campaigns_certificate as certs, campaigns_draw as pure
from kuulo.bot.app import build_services
from kuulo.bot.cli import main
from kuulo.bot.config import load_config
from kuulo.bot.handles import disguise_note, handle_key
from kuulo.bot.models import Mention
from kuulo.storage import campaigns as rows

CONFIG = """database: {db}
brands:
  - name: Valio
    handles: [valio]
campaigns:
  - name: kesa2026
    hashtags: ["#valiokesä"]
    start: 2026-06-01T00:00:00+03:00
    end: 2026-08-31T23:59:59+03:00
    platforms: [instagram, telegram]
    exclude_accounts: ["@staff_anna"]
    moderation: none
"""
START = datetime(2026, 6, 2, 7, tzinfo=timezone.utc)
INSTAGRAM = "abcdefghijklmnopqrstuvwxyz0123456789._"
CYRILLIC = {"a": "а", "c": "с", "e": "е", "i": "і", "j": "ј", "o": "о", "p": "р", "s": "ѕ", "x": "х", "y": "у"}
GREEK = {"a": "α", "i": "ι", "o": "ο", "p": "ρ", "v": "ν"}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\ufe0f", "\U000e0041"]

handles = st.text(INSTAGRAM, min_size=1, max_size=20).filter(lambda h: h.strip("._"))


@st.composite
def variants(draw: st.DrawFn, handle: str) -> str:
    """The handle in disguise: some letters as Cyrillic or Greek look-alikes or upper case, some fullwidth, invisible
    characters between, a leading @ and blanks."""
    out = []
    for c in handle:
        form = draw(st.sampled_from(["same", "lookalike", "upper", "fullwidth"]))
        if form == "lookalike" and c in CYRILLIC | GREEK:
            c = draw(st.sampled_from([m[c] for m in (CYRILLIC, GREEK) if c in m]))
        elif form == "upper":
            c = c.upper()
        elif form == "fullwidth":
            c = chr(ord(c) + 0xFEE0)
        out.append(c + "".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=2))))
    return draw(st.sampled_from(["", "@", " ", "\u200b@"])) + "".join(out) + draw(st.sampled_from(["", " "]))


@given(handles.flatmap(lambda h: st.tuples(st.just(h), variants(h))))
def test_a_handle_in_any_disguise_has_the_handles_key(pair):
    handle, variant = pair
    assert handle_key(variant) == handle_key(handle)


@given(handles)
def test_an_instagram_handle_is_its_own_key_so_two_real_handles_never_meet(handle):
    assert handle_key(handle) == handle
    assert handle_key(handle.upper()) == handle
    assert disguise_note(handle) is None


def test_the_probes_handles_compare_as_one_person_and_look_alikes_of_ascii_stay_apart():
    same = ["liisa", "LIISA", "lііsa", "liisa\u200b", "ｌｉｉｓａ", " liisa ", "@liisa", "LІISA", "𝐥𝐢𝐢𝐬𝐚"]
    assert {handle_key(h) for h in same} == {"liisa"}
    assert handle_key("Liſa") == handle_key("lisa") == "lisa"  # the long s is an s: Liſa is lisa, not liisa
    assert len({handle_key(h) for h in ["liisa", "liisa.", "l1isa", "rn", "m"]}) == 5
    assert handle_key("vаlio") == handle_key("VАLIO") == handle_key("ѵаlіо") == "valio"
    assert disguise_note("lііsa") == "handle written with look-alike Cyrillic letters: compared as @liisa"
    assert disguise_note("liisa\u200b") == "handle written with invisible characters: compared as @liisa"
    assert disguise_note("ｌｉｉｓａ") == ("handle written with compatibility forms (fullwidth or styled letters): "
                                        "compared as @liisa")


def services_at(directory: Path, clock):
    path = directory / "team.yaml"
    path.write_text(CONFIG.format(db=directory / "kuulo.db"), encoding="utf-8")
    return build_services(load_config(path), clock=clock), str(path)


def entry(n: int, author: str, platform: str = "instagram") -> Mention:
    return Mention(platform=platform, id=f"{n:04d}", author=author, text="Kesä! #valiokesä",
                   hashtags=("#valiokesä",), created_at=START + timedelta(hours=n),
                   media_url=f"https://cdn.example/{n}.jpg")


def statuses(services) -> dict[str, tuple[str, list[str], str | None]]:
    return {e["id"]: (e["status"], [code for code, _ in e["reasons"]], e["note"])
            for e in rows.list_entries(services.db, "kesa2026")}


def test_look_alike_entries_of_one_person_are_second_entries_and_the_brand_in_disguise_is_refused(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    authors = ["liisa", "lііsa", "liisa\u200b", "ｌｉｉｓａ", "liisa.", "Liſa", "vаlio", "staff_аnna", "matti"]
    services.pipeline.ingest([entry(n, a) for n, a in enumerate(authors)])
    got = statuses(services)
    assert {i: s[:2] for i, s in got.items()} == {
        "0000": ("approved", []),
        "0001": ("ineligible", ["second_entry"]),
        "0002": ("ineligible", ["second_entry"]),
        "0003": ("ineligible", ["second_entry"]),
        "0004": ("approved", []),  # liisa. is another Instagram account
        "0005": ("approved", []),  # Liſa is lisa
        "0006": ("ineligible", ["own_account"]),
        "0007": ("ineligible", ["excluded_account"]),
        "0008": ("approved", []),
    }
    why = {e["id"]: dict(e["reasons"]) for e in rows.list_entries(services.db, "kesa2026")}
    assert why["0006"]["own_account"] == "@vаlio (read as @valio) is the brand's own account"
    assert why["0007"]["excluded_account"] == "@staff_аnna (read as @staff_anna) is excluded (exclude_accounts)"
    assert got["0001"][2] == "handle written with look-alike Cyrillic letters: compared as @liisa"
    assert got["0000"][2] is None
    assert got["0004"][2] == "handle like @liisa (instagram/0000) but for . and _: one person?"  # for moderators
    assert [e["author"] for e in rows.list_entries(services.db, "kesa2026")][:4] == authors[:4]  # kept as written


def test_a_person_on_another_platform_is_another_person(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "liisa"), entry(1, "lііsa", "telegram")])
    assert {i: s[0] for i, s in statuses(services).items()} == {"0000": "approved", "0001": "approved"}


def test_the_entry_list_shows_how_a_disguised_handle_is_compared(tmp_path, clock, capsys):
    services, cfg = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "liisa"), entry(1, "lііsa")])
    services.db.close()
    assert main(["--config", cfg, "campaign", "entries", "kesa2026"]) in (0, None)
    line = [row for row in capsys.readouterr().out.splitlines() if row.startswith("instagram:0001")][0]
    assert line.endswith("note: handle written with look-alike Cyrillic letters: compared as @liisa")


def _hmac(salt: str, person: str) -> str:
    return hmac.new(salt.encode(), person.encode(), hashlib.sha256).hexdigest()


def test_an_author_hash_is_of_the_person_counted_and_the_handle_as_written(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "lііsa"), entry(1, "Matti")])
    campaign = services.config.campaigns[0]
    frozen = certs.freeze(services.db, campaign, now=clock.now().timestamp(), by="anna")
    assert frozen.public["author_key"] == "person+handle"
    persons = ['["instagram:liisa","instagram:lііsa"]', '["instagram:matti","instagram:matti"]']
    salt = hashlib.sha256(b"kuulo-salt-1" + json.dumps([["instagram", "0000", persons[0]], ["instagram", "0001",
                          persons[1]]], ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
    assert {e["id"]: e["author_hash"] for e in frozen.public["entries"]} == {"0000": _hmac(salt, persons[0]),
                                                                            "0001": _hmac(salt, persons[1])}


def test_two_telegram_accounts_called_matti_hash_apart_and_one_account_renamed_is_one_place(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    services.pipeline.ingest([replace(entry(0, "Matti", "telegram"), author_id="101"),
                              replace(entry(1, "Matti", "telegram"), author_id="202"),
                              replace(entry(2, "liisa", "telegram"), author_id="303"),
                              replace(entry(3, "liisa_k", "telegram"), author_id="303")])
    frozen = certs.freeze(services.db, services.config.campaigns[0], now=clock.now().timestamp(), by="anna")
    hashes = {e["id"]: e["author_hash"] for e in frozen.public["entries"]}
    assert sorted(hashes) == ["0000", "0001", "0002"]  # the renamed account's second entry is not approved
    assert len(set(hashes.values())) == 3  # handle-only hashes made the two Mattis one hash: one person twice


def _liisa_entries() -> list[Mention]:
    """One Telegram account, 303, entering four times: twice named by id, twice by handle only (an import), and
    another account, 404, once."""
    return [replace(entry(0, "liisa", "telegram"), author_id="303"), entry(1, "Liisa", "telegram"),
            replace(entry(2, "liisa", "telegram"), author_id="303"), entry(3, "@liisa", "telegram"),
            replace(entry(4, "matti", "telegram"), author_id="404")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(5)), cut=st.integers(1, 5))
def test_an_account_named_by_id_on_one_path_and_by_handle_on_another_is_one_person_in_any_order(order, cut, clock):
    with tempfile.TemporaryDirectory() as directory:
        services, _ = services_at(Path(directory), clock)
        posts = [_liisa_entries()[i] for i in order]
        services.pipeline.ingest(posts[:cut])
        services.pipeline.ingest(posts[cut:])
        got = {e["id"]: (e["person"], e["status"]) for e in rows.list_entries(services.db, "kesa2026")}
        services.db.close()
    assert got == {"0000": ("telegram#303", "approved"), "0001": ("telegram#303", "ineligible"),
                   "0002": ("telegram#303", "ineligible"), "0003": ("telegram#303", "ineligible"),
                   "0004": ("telegram#404", "approved")}


def test_a_handle_two_accounts_have_had_stays_its_own_person(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(1, "liisa", "telegram"), replace(entry(2, "liisa", "telegram"), author_id="303")])
    assert rows.list_entries(services.db, "kesa2026")[0]["person"] == "telegram#303"
    services.pipeline.ingest([replace(entry(3, "liisa", "telegram"), author_id="505")])  # the name changed hands
    assert {e["id"]: e["person"] for e in rows.list_entries(services.db, "kesa2026")} == {
        "0001": "telegram:liisa", "0002": "telegram#303", "0003": "telegram#505"}
    assert [s[0] for s in statuses(services).values()] == ["approved", "approved", "approved"]


def test_entries_judged_before_handles_were_kept_join_their_account_when_the_rules_judge_them_again(tmp_path, clock):
    services, _ = services_at(tmp_path, clock)
    services.pipeline.ingest(_liisa_entries())
    with services.db.conn:  # what schema 17 and rules 3 left: no handle, the handle-only entries their own person
        services.db.conn.execute("UPDATE campaign_entries SET handle = NULL, judged_by = 'rules 3'")
        services.db.conn.execute("UPDATE campaign_entries SET person = 'telegram:liisa', status = 'approved',"
                                 " reasons = '[]' WHERE author_id IS NULL")
    collector = services.pipeline.campaigns
    with services.db.conn:
        collector.refresh(services.db, services.config.campaigns[0], clock.now().timestamp())
    assert {e["id"]: (e["person"], e["status"]) for e in rows.list_entries(services.db, "kesa2026")}["0001"] == (
        "telegram#303", "ineligible")


def test_a_list_frozen_before_author_key_verifies_with_the_handle_as_written(tmp_path, clock, capsys):
    services, cfg = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "lііsa"), entry(1, "Matti")])
    campaign = services.config.campaigns[0]
    salt = hashlib.sha256(b"kuulo-salt-1" + b'[["instagram","0000","instagram:l\xd1\x96\xd1\x96sa"],'
                          b'["instagram","0001","instagram:matti"]]').hexdigest()
    legacy = pure.ordered([("instagram", "0000", _hmac(salt, "instagram:lііsa")),
                           ("instagram", "0001", _hmac(salt, "instagram:matti"))])
    public = {"campaign": "kesa2026", "rules_url": None, "frozen_at": "2026-06-02T08:00:00+00:00", "count": 2,
              "list_sha256": pure.list_sha256(legacy), "merkle_root": pure.merkle_root(legacy),
              "entries": [{"platform": p, "id": i, "author_hash": h} for p, i, h in legacy]}
    with services.db.conn:  # what an earlier version stored: no author_key, hashes of the handle as written
        rows.save_freeze(services.db, campaign.name, ts=clock.now().timestamp(), by="anna", salt=salt,
                         positions=legacy, list_sha256=public["list_sha256"], merkle_root=public["merkle_root"],
                         public_list=json.dumps(public, ensure_ascii=False))
    cert = certs.draw(services.db, campaign, seed="7 12 19", winners=1, alternates=0,
                      now=clock.now().timestamp(), by="anna")
    assert certs.verify_with_database(services.db, cert) == []
    with services.db.conn:
        services.db.conn.execute("UPDATE campaign_entries SET author = 'mallory' WHERE id = '0001'")
    assert certs.verify_with_database(services.db, cert)[0].startswith("entry instagram:0001 changed since the freeze")


@st.composite
def crowds(draw: st.DrawFn) -> list[str]:
    """Entrants' handles: a few people, each entering one to three times in disguise, shuffled."""
    people = draw(st.lists(handles, min_size=1, max_size=4, unique=True))
    written = [draw(variants(p)) for p in people for _ in range(draw(st.integers(1, 3)))]
    return draw(st.permutations(written))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(crowds())
def test_a_contest_of_disguised_entries_draws_each_person_at_most_once(clock, written):
    with tempfile.TemporaryDirectory() as directory:
        services, _ = services_at(Path(directory), clock)
        services.pipeline.ingest([entry(n, a) for n, a in enumerate(written)])
        campaign = services.config.campaigns[0]
        certs.freeze(services.db, campaign, now=clock.now().timestamp(), by="anna")
        cert = certs.draw(services.db, campaign, seed="s", winners=len(written), alternates=0,
                          now=clock.now().timestamp(), by="anna")
        services.db.close()
    people = [handle_key(w["author"]) for w in cert["winners"]]
    assert sorted(people) == sorted({handle_key(a) for a in written})


def _as_an_older_kuulo_keyed_them(services) -> None:
    """Entries as Kuulo stored them before handle_key: the person the handle lower-cased, nobody a second entry."""
    for e in rows.list_entries(services.db, "kesa2026"):
        services.db.execute("UPDATE campaign_entries SET person = ?, reasons = '[]', own_reasons = '[]',"
                            " status = 'approved' WHERE campaign = ? AND platform = ? AND id = ?",
                            (f"instagram:{e['author'].strip().lstrip('@').lower()}", "kesa2026", e["platform"],
                             e["id"]))
    services.db.execute("UPDATE campaign_entries SET judged_by = NULL")  # it never said what it judged them by
    services.db.conn.commit()


def test_entries_keyed_by_an_older_kuulo_meet_their_person_at_the_next_batch(tmp_path, clock):
    services, cfg = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "liisa"), entry(1, "lііsa"), entry(2, "vаlio"), entry(3, "matti")])
    _as_an_older_kuulo_keyed_them(services)
    assert {s[0] for s in statuses(services).values()} == {"approved"}
    services.db.close()
    services, _ = services_at(tmp_path, clock)  # a new process: its first batch keys the campaign's entries again
    services.pipeline.ingest([entry(4, "pekka")])
    assert {i: s[:2] for i, s in statuses(services).items()} == {
        "0000": ("approved", []), "0001": ("ineligible", ["second_entry"]), "0002": ("ineligible", ["own_account"]),
        "0003": ("approved", []), "0004": ("approved", [])}
    kinds = [r["kind"] for r in services.db["events"].rows_where("kind LIKE 'campaign_entry_%'", order_by="seq")]
    assert kinds.count("campaign_entry_rekeyed") == 2  # lііsa and vаlio; liisa, matti and pekka were keyed alike
    services.db.close()
    assert main(["--config", cfg, "verify-ledger"]) in (0, None)


def test_a_freeze_keys_entries_of_an_older_kuulo_first_so_one_person_is_listed_once(tmp_path, clock, capsys):
    services, cfg = services_at(tmp_path, clock)
    services.pipeline.ingest([entry(0, "liisa"), entry(1, "ｌｉｉｓａ"), entry(2, "matti")])
    _as_an_older_kuulo_keyed_them(services)
    services.db.close()
    out = tmp_path / "list.json"
    assert main(["--config", cfg, "campaign", "freeze", "kesa2026", "--no-check", "--out", str(out)]) in (0, None)
    assert "frozen kesa2026: 2 entries" in capsys.readouterr().out


@st.composite
def dotted(draw: st.DrawFn, handle: str) -> str:
    """The handle with a . or _ put in or taken out somewhere (another Instagram account, maybe the same person's)."""
    at = draw(st.integers(0, len(handle)))
    other = handle[:at] + draw(st.sampled_from("._")) + handle[at:]
    return other.replace(".", "", 1) if draw(st.booleans()) and "." in handle else other


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(handles.flatmap(lambda h: st.tuples(st.just(h), dotted(h), handles)))
def test_a_handle_the_same_but_for_dots_and_underscores_is_pointed_out_to_moderators(clock, trio):
    first, alike, stranger = trio
    with tempfile.TemporaryDirectory() as directory:
        services, _ = services_at(Path(directory), clock)
        services.pipeline.ingest([entry(0, first), entry(1, alike), entry(2, stranger)])
        notes = {i: s[2] for i, s in statuses(services).items()}
        services.db.close()
    strip = lambda h: h.replace(".", "").replace("_", "")  # noqa: E731
    assert notes["0000"] is None  # the first one has nobody before it
    if alike != first:
        assert notes["0001"] == f"handle like @{first} (instagram/0000) but for . and _: one person?"
    if strip(stranger) not in {strip(first)} and stranger not in (first, alike):
        assert notes["0002"] is None
