"""Moderation, the freeze and the draw through the CLI: a certificate anyone can recompute, from the database or from
the public list alone, that fails on a changed or removed entry and a different seed; inclusion proofs; the purge."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot import campaigns_draw as pure
from kuulo.bot.app import build_services
from kuulo.bot.cli import main
from kuulo.bot.config import load_config
from kuulo.bot.models import Mention

CAMPAIGN = """campaigns:
  - name: kesa2026
    hashtags: ["#valiokesä"]
    start: 2026-06-01T00:00:00+03:00
    end: 2026-08-31T23:59:59+03:00
    rules_url: https://example.com/saannot
"""
START = datetime(2026, 6, 1, 9, tzinfo=timezone.utc)
AUTHORS = ["liisa", "matti", "kaisa", "pekka", "olli", "tiina", "=HYPERLINK(\"http://evil\")", "anna", "ville", "sari",
           "juha", "emma"]


def posts() -> list[Mention]:
    return [Mention(platform="instagram", id=f"1790{n:04d}", author=author, text="Kesä! #valiokesä",
                    hashtags=("#valiokesä",), created_at=START + timedelta(hours=n),
                    url=f"https://www.instagram.com/p/C{n:04d}/")
            for n, author in enumerate(AUTHORS)]


def database(tmp_path, clock, name: str, order: list[Mention]) -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"database: {tmp_path / name}.db\nbrands:\n  - name: Valio\n    handles: [valio]\n{CAMPAIGN}",
                    encoding="utf-8")
    services = build_services(load_config(path), clock=clock)
    for mention in order:
        services.pipeline.ingest([mention])
    services.db.close()
    return str(path)


def kuulo(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args)) or 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def drawn(tmp_path, clock, capsys, monkeypatch):
    """A campaign moderated, frozen and drawn through the CLI; (config, certificate, public list)."""
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "a", posts())
    assert kuulo(capsys, "--config", cfg, "campaign", "reject", "kesa2026", "17900003", "--reason", "not summer",
                 "--by", "anna")[0] == 0
    assert kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")[0] == 0
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--out", "list.json")
    assert code == 0 and "frozen kesa2026: 11 entries" in out
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "3", "--alternates",
                         "2", "--seed", "lotto 2026-09-05: 3 7 12 19 25 31 38", "--out", "cert")
    assert code == 0 and out.count("winner ") == 3 and out.count("alternate ") == 2
    return cfg, tmp_path / "cert.json", tmp_path / "list.json"


def test_moderation_by_cli_is_kept_with_who_and_when_and_in_the_ledger(tmp_path, clock, capsys):
    cfg = database(tmp_path, clock, "m", posts())
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "17900000", "instagram:17900001",
                         "--by", "anna")
    assert (code, out.strip()) == (0, "approved 2 entries of kesa2026")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "reject", "kesa2026", "17900002", "--reason",
                         "copied photo", "--by", "ville")
    assert code == 0
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "entries", "kesa2026", "--format", "json")
    shown = {e["id"]: e for e in map(json.loads, out.splitlines())}
    assert (shown["17900000"]["status"], shown["17900000"]["moderated_by"]) == ("approved", "anna")
    assert (shown["17900002"]["status"], shown["17900002"]["decision_reason"]) == ("rejected", "copied photo")
    assert shown["17900003"]["status"] == "eligible" and shown["17900003"]["moderated_at"] is None
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "entries", "kesa2026", "--status", "rejected")
    assert out.startswith("instagram:17900002  rejected by ville") and "[copied photo]" in out
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "nope", "--by", "anna")
    assert code == 1 and "no entry 'nope' in campaign kesa2026" in err
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "1", "--seed", "x")
    assert code == 1 and "campaign kesa2026 is not frozen" in err
    import sqlite3
    with sqlite3.connect(tmp_path / "m.db") as conn:
        events = conn.execute("SELECT actor, mention_id, data FROM events WHERE kind = 'campaign_moderated'"
                              " ORDER BY seq").fetchall()
    assert [(a, m, json.loads(d)["decision"]) for a, m, d in events] == [
        ("anna", "17900000", "approved"), ("anna", "17900001", "approved"), ("ville", "17900002", "rejected")]


def test_the_export_never_starts_a_cell_with_a_formula(tmp_path, clock, capsys):
    cfg = database(tmp_path, clock, "x", posts())
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "export", "kesa2026", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(table) == len(AUTHORS)
    assert {r["author"] for r in table} >= {"'=HYPERLINK(\"http://evil\")", "liisa"}
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in table for cell in r.values())


def test_freeze_then_draw_is_the_same_on_two_databases_filled_in_different_orders(tmp_path, clock, capsys,
                                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    shuffled = posts()
    random.Random(7).shuffle(shuffled)
    certificates = []
    for name, order in (("one", posts()), ("two", shuffled)):
        cfg = database(tmp_path, clock, name, order)
        assert kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "a")[0] == 0
        assert kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--out", f"{name}-list.json")[0] == 0
        assert kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "2", "--alternates", "3",
                     "--seed", "drand round 4711", "--out", name)[0] == 0
        certificates.append(json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")))
    same = lambda c: {k: c[k] for k in ("entries", "list_sha256", "merkle_root", "seed", "winners", "alternates")}
    assert same(certificates[0]) == same(certificates[1])
    assert set(certificates[0]) >= {"campaign", "rules_url", "entries", "list_sha256", "merkle_root", "seed",
                                    "algorithm", "winners", "alternates"}
    assert {"entry_id", "platform", "author", "url"} <= set(certificates[0]["winners"][0])


def test_the_certificate_verifies_and_fails_naming_a_changed_or_removed_entry_or_another_seed(drawn, capsys,
                                                                                              tmp_path):
    cfg, cert, _ = drawn
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "verify", str(cert))
    assert code == 0 and out.startswith("certificate holds: 11 entries")
    data = json.loads(cert.read_text(encoding="utf-8"))
    other = tmp_path / "other-seed.json"
    other.write_text(json.dumps({**data, "seed": "lotto 2026-09-12"}), encoding="utf-8")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "verify", str(other))
    assert code == 1 and "seed: the certificate says 'lotto 2026-09-12', the draw used" in err
    assert "winner 1: the certificate names" in err or "winner 2: the certificate names" in err
    import sqlite3
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("UPDATE campaign_entries SET author = 'mallory' WHERE id = '17900005'")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "verify", str(cert))
    assert code == 1 and "entry instagram:17900005 changed since the freeze" in err and "list_sha256:" in err
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("UPDATE campaign_entries SET author = 'tiina' WHERE id = '17900005'")
        conn.execute("DELETE FROM campaign_entries WHERE id = '17900008'")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "verify", str(cert))
    assert code == 1 and "entry instagram:17900008 of the frozen list is missing from the database" in err
    assert "entries: the certificate says 11, the list has 10" in err


def edited(data: dict, edits: dict, folder, prefix: str = ""):
    """(name, the path of a copy of data with that edit made) for each edit."""
    for name, edit in edits.items():
        changed = json.loads(json.dumps(data))
        edit(changed)
        path = folder / f"{prefix}{name}.json"
        path.write_text(json.dumps(changed), encoding="utf-8")
        yield name, path


def test_a_certificate_edited_where_people_read_it_does_not_hold(drawn, capsys, tmp_path):
    """The names and links, the split of winners and alternates, the rules and the times are the draw's: a
    certificate naming someone else as winner 1 holds against nothing (found by a contest probe)."""
    cfg, cert, public = drawn
    data = json.loads(cert.read_text(encoding="utf-8"))
    assert (data["winners_asked"], data["alternates_asked"]) == (3, 2)
    first = data["winners"][0]
    edits = {"author": lambda d: d["winners"][0].update(author="operators_cousin"),
             "url": lambda d: d["winners"][0].update(url="https://www.instagram.com/p/Cfake/"),
             "hash": lambda d: d["winners"][0].pop("author_hash"),
             "split": lambda d: d["winners"].append(d["alternates"].pop(0)),
             "fewer": lambda d: d.update(winners=d["winners"][:1], winners_asked=1),
             "rules": lambda d: d.update(rules_url="https://example.com/other"),
             "frozen": lambda d: d.update(frozen_at="2026-09-01T00:00:00+00:00"),
             "ranks": lambda d: (d["winners"][0].update(rank=2), d["winners"][1].update(rank=1))}
    said = {"author": f"winner 1: author is 'operators_cousin', the draw recorded {first['author']!r}",
            "url": "winner 1: url is 'https://www.instagram.com/p/Cfake/'",
            "hash": f"winner 1: {first['platform']}:{first['entry_id']} has no author hash",
            "split": "winners: the certificate lists 4, the draw drew 3",
            "fewer": "winners: the certificate lists 1, the draw drew 3",
            "rules": "rules_url: the certificate says 'https://example.com/other'",
            "frozen": "frozen_at: the certificate says '2026-09-01T00:00:00+00:00'",
            "ranks": "winner 1: rank 2, position"}
    for name, path in edited(data, edits, tmp_path):
        code, _, err = kuulo(capsys, "--config", cfg, "campaign", "verify", str(path))
        assert code == 1 and said[name] in err, (name, err)
        if name in ("hash", "rules", "frozen", "ranks"):  # what the public list knows too
            code, _, err = kuulo(capsys, "campaign", "verify", str(path), "--entries", str(public))
            assert code == 1, name


def test_a_link_given_to_a_place_the_draw_recorded_without_one_does_not_hold(drawn, capsys, tmp_path):
    """An entry with no link (an import without url): a certificate that adds one to it is forged (it was not
    compared where the draw recorded none; found by a contest probe)."""
    import sqlite3

    cfg, cert, _ = drawn
    with sqlite3.connect(tmp_path / "a.db") as conn:  # as the draw of an entry without a link recorded it
        conn.execute("UPDATE campaign_draws SET certificate = json_set(certificate, '$.alternates[0].url', NULL)")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "verify", str(cert))
    linked = json.loads(cert.read_text(encoding="utf-8"))["alternates"][0]["url"]
    assert code == 1 and f"alternate 1: url is {linked!r}, the draw recorded None" in err


def test_a_draw_of_more_places_than_entries_says_so(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "few", posts()[:2])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    code, out, err = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "5",
                           "--alternates", "3", "--seed", "x")
    assert code == 0 and out.count("winner ") == 2
    assert "note: 2 entries: 2 winner(s) and 0 alternate(s) drawn of the 5 and 3 asked" in err


def test_the_public_list_alone_verifies_the_certificate(drawn, capsys, tmp_path):
    _, cert, public = drawn
    listed = json.loads(public.read_text(encoding="utf-8"))
    assert "liisa" not in public.read_text(encoding="utf-8") and len(listed["entries"]) == 11
    code, out, _ = kuulo(capsys, "campaign", "verify", str(cert), "--entries", str(public))
    assert code == 0 and "certificate holds" in out
    listed["entries"].pop(4)
    shorter = tmp_path / "shorter.json"
    shorter.write_text(json.dumps(listed), encoding="utf-8")
    code, _, err = kuulo(capsys, "campaign", "verify", str(cert), "--entries", str(shorter))
    assert code == 1 and "list_sha256: the certificate says" in err
    # the list's own statements hold too: entrants read its root to check their proofs
    stated = json.loads(public.read_text(encoding="utf-8"))
    edits = {"root": lambda d: d.update(merkle_root="0" * 64), "count": lambda d: d.update(count=99),
             "number id": lambda d: d["entries"][0].update(id=int(d["entries"][0]["id"])),
             "no campaign": lambda d: d.pop("campaign")}
    said = {"root": f"merkle_root: the public list states '{'0' * 64}', its entries give",
            "count": "count: the public list states 99, its entries give 11",
            "number id": "the public list's entry 1 is not text in platform, id and author_hash",
            "no campaign": "the public list lacks campaign: it is not the list a freeze wrote"}
    for name, path in edited(stated, edits, tmp_path, prefix="list-"):
        code, _, err = kuulo(capsys, "campaign", "verify", str(cert), "--entries", str(path))
        assert code == 1 and said[name] in err, (name, err)


def test_an_inclusion_proof_verifies_and_a_forged_one_does_not(drawn, capsys, tmp_path):
    cfg, cert, _ = drawn
    root = json.loads(cert.read_text(encoding="utf-8"))["merkle_root"]
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "proof", "kesa2026", "17900006")
    proof = json.loads(out)
    assert code == 0 and proof["entry"]["id"] == "17900006" and proof["merkle_root"] == root
    (tmp_path / "proof.json").write_text(out, encoding="utf-8")
    code, out, _ = kuulo(capsys, "campaign", "verify-proof", str(tmp_path / "proof.json"), "--root", root)
    assert code == 0 and out.startswith("proof holds")
    proof["entry"]["id"] = "17900003"  # the rejected entry was never in the list
    (tmp_path / "forged.json").write_text(json.dumps(proof), encoding="utf-8")
    code, _, err = kuulo(capsys, "campaign", "verify-proof", str(tmp_path / "forged.json"), "--root", root)
    assert code == 1 and "proof does NOT hold" in err
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "proof", "kesa2026", "17900003")
    assert code == 1 and "is not in the frozen list" in err


def test_purge_deletes_personal_data_and_the_certificate_still_verifies(drawn, capsys, tmp_path):
    cfg, cert, _ = drawn
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "purge", "kesa2026")
    assert code == 0 and "purged the personal data of 12 entries" in out
    import sqlite3
    with sqlite3.connect(tmp_path / "a.db") as conn:
        left = conn.execute("SELECT count(*) FROM campaign_entries WHERE author IS NOT NULL OR text IS NOT NULL"
                            " OR url IS NOT NULL").fetchone()[0]
        stored = conn.execute("SELECT certificate, salt FROM campaign_draws").fetchone()
    assert left == 0 and stored[1] is None and "liisa" not in stored[0]
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "verify", str(cert))
    assert code == 0 and "certificate holds" in out
    with sqlite3.connect(tmp_path / "a.db") as conn:  # nor do the stored posts keep them (the salt is gone for good)
        posts = conn.execute("SELECT count(*), sum(author = '' AND text = '' AND url IS NULL AND raw IS NULL)"
                             " FROM mentions WHERE platform = 'instagram'").fetchone()
        purged = json.loads(conn.execute("SELECT data FROM events WHERE kind = 'campaign_purged'").fetchone()[0])
    assert posts == (12, 12) and purged["posts"] == 12


def test_the_draw_algorithm_gives_the_documented_answer():
    records = [("instagram", str(n), "00" * 32) for n in range(10)]
    digest = pure.list_sha256(records)
    assert pure.draw(10, "seed", digest, 3) == pure.draw(10, "seed", digest, 10)[:3]
    assert sorted(pure.draw(10, "seed", digest, 10)) == list(range(10))
    assert pure.draw(10, "seed", digest, 3) != pure.draw(10, "seed2", digest, 3)
    for index in range(len(records)):  # every leaf proves; odd levels carry their last node up
        assert pure.root_from_proof(records[index], pure.inclusion_proof(records, index)) == pure.merkle_root(records)


def test_the_readme_script_checks_a_certificate_with_the_standard_library_alone(drawn, tmp_path):
    import re
    import subprocess
    import sys
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Contests"):]
    script = re.search(r"```python\n(.*?)```", section, re.S)[1]
    assert len(script.splitlines()) <= 35
    (tmp_path / "verify_certificate.py").write_text(script, encoding="utf-8")
    _, cert, public = drawn
    check = lambda c: subprocess.run([sys.executable, "-I", str(tmp_path / "verify_certificate.py"), str(c),
                                      str(public)], capture_output=True, text=True, timeout=60)
    done = check(cert)
    assert (done.returncode, done.stdout.strip()) == (0, "certificate holds")
    data = json.loads(cert.read_text(encoding="utf-8"))
    data["winners"][0], data["alternates"][0] = data["alternates"][0], data["winners"][0]
    swapped = tmp_path / "swapped.json"
    swapped.write_text(json.dumps(data), encoding="utf-8")
    done = check(swapped)
    assert (done.returncode, done.stdout.strip()) == (1, "certificate does NOT hold")


def test_a_frozen_campaign_is_neither_moderated_nor_drawn_twice(drawn, capsys):
    cfg, _, _ = drawn
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "reject", "kesa2026", "17900000", "--reason", "late",
                         "--by", "anna")
    assert code == 1 and "campaign kesa2026 is frozen: its entry list is fixed" in err
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "3", "--seed", "other")
    assert code == 1 and "was already drawn (seed 'lotto 2026-09-05: 3 7 12 19 25 31 38'" in err
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026")
    assert code == 1 and "campaign kesa2026 is already frozen" in err
    code, out, _ = kuulo(capsys, "--config", cfg, "campaigns")
    assert out.split()[:2] == ["kesa2026", "drawn"]


def test_a_running_campaign_is_frozen_only_early_on_purpose(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "run", posts()[:3])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    from kuulo.bot.clock import SystemClock

    monkeypatch.setattr(SystemClock, "now", lambda self: datetime(2026, 8, 1, tzinfo=timezone.utc))  # the CLI's
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    assert code != 0 and "campaign kesa2026 runs until 2026-08-31 23:59 +03:00" in err and "--early" in err
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check", "--early")
    assert code == 0 and "frozen kesa2026: 3 entries" in out


def test_a_freeze_or_draw_whose_file_cannot_be_written_loses_nothing(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "w", posts()[:3])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check", "--out",
                         str(tmp_path / "missing" / "list.json"))  # a typo is caught before anything is frozen
    assert code == 2 and "does not exist" in err
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check", "--out", "-")
    assert code == 2 and "name a file" in err and not (tmp_path / "-").exists()
    from pathlib import Path

    real = Path.write_text
    monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: (_ for _ in ()).throw(OSError(28, "No space left")))
    code, out, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    assert code == 0 and "cannot write kesa2026-entries.json (No space left)" in err
    printed = json.loads(out[:out.index("\nfrozen kesa2026")])
    monkeypatch.setattr(Path, "write_text", real)
    code, again, _ = kuulo(capsys, "--config", cfg, "campaign", "public-list", "kesa2026")
    assert code == 0 and json.loads(again) == printed and printed["count"] == 3
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "1", "--seed", "x")
    assert "certificate kesa2026-certificate.json and kesa2026-certificate.md" in out
    code, cert, _ = kuulo(capsys, "--config", cfg, "campaign", "certificate", "kesa2026")
    assert code == 0 and json.loads(cert) == json.loads((tmp_path / "kesa2026-certificate.json").read_text())


def test_the_seed_source_named_at_the_freeze_is_published_and_held_to(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "src", posts()[:5])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    source = "drand quicknet round 15000000, its randomness in hex"
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check", "--seed-source",
                         source, "--out", "list.json")
    assert code == 0 and "no --seed-source" not in err
    assert json.loads((tmp_path / "list.json").read_text())["seed_source"] == source
    code, out, _ = kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "1", "--seed",
                         " 4f1c ", "--out", "cert")  # blanks around a seed are no second seed to choose
    assert code == 0 and f"seed '4f1c', for the source named at the freeze: {source}" in out
    cert = json.loads((tmp_path / "cert.json").read_text())
    assert (cert["seed"], cert["seed_source"]) == ("4f1c", source)
    assert f"seed source named at the freeze: {source}" in (tmp_path / "cert.md").read_text()
    (tmp_path / "other.json").write_text(json.dumps({**cert, "seed_source": "Lotto 36/2026"}), encoding="utf-8")
    for where in (("--config", cfg, "campaign", "verify", "other.json"),
                  ("campaign", "verify", "other.json", "--entries", "list.json")):
        code, _, err = kuulo(capsys, *where)
        assert code == 1 and "seed_source: the certificate says 'Lotto 36/2026'" in err, where


def test_a_freeze_without_a_seed_source_says_what_it_leaves_open(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = database(tmp_path, clock, "nosrc", posts()[:2])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    code, _, err = kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    assert code == 0 and "note: no --seed-source named" in err


def test_printed_lists_and_certificates_cannot_steer_a_terminal(tmp_path, clock, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hostile = [Mention(platform="instagram", id="17901", author="evil\x1b]8;;http://x\x07\u202e", text="#valiokesä",
                       hashtags=("#valiokesä",), created_at=START)]
    cfg = database(tmp_path, clock, "esc", hostile)
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "1", "--seed", "x")
    code, cert, _ = kuulo(capsys, "--config", cfg, "campaign", "certificate", "kesa2026")
    assert code == 0 and "\x1b" not in cert and "\u202e" not in cert and "\\u001b" in cert
    assert json.loads(cert)["winners"][0]["author"] == hostile[0].author  # the data kept, only its bytes escaped


def test_the_purge_keeps_a_post_that_is_also_a_case(tmp_path, clock, capsys, monkeypatch):
    """An entry that also asks the brand something is a case: its post stays for the customer-service record; the
    other entries' posts are emptied."""
    monkeypatch.chdir(tmp_path)
    asking = Mention(platform="instagram", id="17950", author="kysyja", text="Valio, milloin voittajat julkaistaan? "
                     "#valiokesä", hashtags=("#valiokesä",), created_at=START)
    cfg = database(tmp_path, clock, "case", [*posts()[:2], asking])
    kuulo(capsys, "--config", cfg, "campaign", "approve", "kesa2026", "--all-eligible", "--by", "anna")
    kuulo(capsys, "--config", cfg, "campaign", "freeze", "kesa2026", "--no-check")
    kuulo(capsys, "--config", cfg, "campaign", "draw", "kesa2026", "--winners", "1", "--seed", "x")
    assert kuulo(capsys, "--config", cfg, "campaign", "purge", "kesa2026")[0] == 0
    import sqlite3
    with sqlite3.connect(tmp_path / "case.db") as conn:
        kept = dict(conn.execute("SELECT id, author FROM mentions WHERE platform = 'instagram'").fetchall())
        is_case = conn.execute("SELECT case_id IS NOT NULL FROM mentions WHERE id = '17950'").fetchone()[0]
    assert is_case and kept == {"17900000": "", "17900001": "", "17950": "kysyja"}
