"""Freeze, draw, verify, prove and purge: the contest's commitment and certificate (the pure parts are in
campaigns_draw)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from kuulo.bot import campaigns_draw as pure
from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.errors import CampaignError
from kuulo.bot.when import shown
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database, snapshot, write
from kuulo.storage.ledger import Ledger

CERT_KEYS = ("campaign", "rules_url", "entries", "list_sha256", "merkle_root", "seed", "algorithm", "winners",
             "alternates")


AUTHOR_KEY = "person+handle"  # the public list's author_key: what each author hash is taken of (hashed_person)


def person_key(platform: str, author: str | None, entry_id: str) -> str:
    """The handle part of an author hash: platform and handle in lower case as written, or the entry itself when the
    author is unknown (alone, the whole of it in lists frozen before author_key, which verify as they were frozen)."""
    name = (author or "").strip().lstrip("@").lower()
    return f"{platform}:{name}" if name and name != "(unknown)" else f"{platform}:unknown:{entry_id}"


def hashed_person(entry: dict[str, Any], author_key: str | None) -> str:
    """What an entry's author hash is taken of under the list's author_key: the canonical JSON of [the person
    one-per-person counted (the account id where the platform gives one, else the handle's comparison key), the
    handle as written], so two accounts of one name hash apart and an edited name shows; without author_key, the
    handle alone."""
    handle = person_key(entry["platform"], entry["author"], entry["id"])
    if author_key != AUTHOR_KEY:
        return handle
    return pure.canonical([entry["person"] or handle, handle]).decode("utf-8")  # no person: an unknown author


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat()


@dataclass(frozen=True, slots=True)
class Frozen:
    """What a freeze committed to."""

    entries: int
    list_sha256: str
    merkle_root: str
    public: dict[str, Any]
    left_out: int  # eligible entries nobody moderated (with --allow-pending)


def ready_to_freeze(campaign: Campaign, now: float, early: bool = False) -> None:
    """A CampaignError while the campaign still runs, unless `early`."""
    if now <= campaign.end.timestamp() and not early:
        raise CampaignError(f"campaign {campaign.name} runs until {shown(campaign.end, campaign.tz)}: a freeze now "
                            "shuts out every entry posted until then, against the published rules; wait for the end, "
                            "or freeze with --early")


def freeze(db: Database, campaign: Campaign, *, now: float, by: str, allow_pending: bool = False,
           early: bool = False, seed_source: str | None = None) -> Frozen:
    """Fix the approved entries in canonical order and commit to them (list hash, Merkle root, public list); before
    the campaign's end only when `early` (every entry posted until the end would be shut out)."""
    ready_to_freeze(campaign, now, early)
    with write(db):
        if rows.draw_row(db, campaign.name) is not None:
            raise CampaignError(f"campaign {campaign.name} is already frozen")
        pending = len(rows.list_entries(db, campaign.name, "eligible"))
        if pending and not allow_pending:
            raise CampaignError(f"campaign {campaign.name} has {pending} eligible entries nobody approved or "
                                "rejected: moderate them (kuulo campaign approve/reject) or freeze with "
                                "--allow-pending to leave them out")
        approved = rows.list_entries(db, campaign.name, "approved")
        if not approved:
            raise CampaignError(f"campaign {campaign.name} has no approved entries to freeze")
        persons = [(e["platform"], e["id"], hashed_person(e, AUTHOR_KEY)) for e in approved]
        salt = pure.entries_salt(persons)
        records = pure.ordered([(platform, entry_id, pure.author_hash(salt, person))
                                for platform, entry_id, person in persons])
        digest, root = pure.list_sha256(records), pure.merkle_root(records)
        source = " ".join((seed_source or "").split()) or None
        public = {"campaign": campaign.name, "rules_url": campaign.rules_url, "frozen_at": _iso(now),
                  "seed_source": source, "author_key": AUTHOR_KEY, "count": len(records), "list_sha256": digest,
                  "merkle_root": root,
                  "entries": [{"platform": p, "id": i, "author_hash": h} for p, i, h in records]}
        rows.save_freeze(db, campaign.name, ts=now, by=by, salt=salt, positions=records, list_sha256=digest,
                         merkle_root=root, public_list=json.dumps(public, ensure_ascii=False))
        Ledger(db).append(ts=now, actor=by, kind="campaign_frozen", data={
            "campaign": campaign.name, "entries": len(records), "list_sha256": digest, "merkle_root": root,
            "left_out_pending": pending, "seed_source": source})
    return Frozen(len(records), digest, root, public, pending)


def draw(db: Database, campaign: Campaign, *, seed: str, winners: int, alternates: int, now: float,
         by: str) -> dict[str, Any]:
    """Draw from a frozen campaign with a public seed; the certificate (also kept in the database)."""
    seed = seed.strip()  # "x" and "x " are one seed, not two draws to choose from
    if not seed:
        raise CampaignError("--seed: give the public value announced after the freeze")
    with write(db):
        state = rows.draw_row(db, campaign.name)
        if state is None:
            raise CampaignError(f"campaign {campaign.name} is not frozen: run kuulo campaign freeze {campaign.name} "
                                "and publish its list hash and Merkle root before the draw")
        if state["seed"] is not None:
            raise CampaignError(f"campaign {campaign.name} was already drawn (seed {state['seed']!r} at "
                                f"{_iso(state['drawn_ts'])}); a second draw would let anyone choose the result")
        entries = rows.frozen_entries(db, campaign.name)
        records = [(e["platform"], e["id"], e["author_hash"]) for e in entries]
        picked = pure.draw(len(records), seed, state["list_sha256"], winners + alternates)
        place = lambda rank, pos: {"rank": rank, "entry_id": entries[pos]["id"], "platform": entries[pos]["platform"],
                                   "author": entries[pos]["author"], "url": entries[pos]["url"],
                                   "author_hash": entries[pos]["author_hash"], "position": pos}
        cert = {"campaign": campaign.name, "rules_url": campaign.rules_url, "entries": len(records),
                "list_sha256": state["list_sha256"], "merkle_root": state["merkle_root"], "seed": seed,
                "algorithm": pure.ALGORITHM,
                "winners": [place(r + 1, p) for r, p in enumerate(picked[:winners])],
                "alternates": [place(r + 1, p) for r, p in enumerate(picked[winners:])],
                "frozen_at": _iso(state["frozen_ts"]), "drawn_at": _iso(now),
                "winners_asked": winners, "alternates_asked": alternates,
                "seed_source": json.loads(state["public_list"]).get("seed_source")}
        rows.save_draw(db, campaign.name, ts=now, by=by, seed=seed, certificate=json.dumps(cert, ensure_ascii=False))
        Ledger(db).append(ts=now, actor=by, kind="campaign_drawn", data={
            "campaign": campaign.name, "seed": seed, "list_sha256": state["list_sha256"],
            "winners": [f"{w['platform']}:{w['entry_id']}" for w in cert["winners"]],
            "alternates": [f"{a['platform']}:{a['entry_id']}" for a in cert["alternates"]]})
    return cert


def certificate_problems(cert: Any) -> list[str]:
    """What makes a file not a certificate (missing keys, wrong types); empty when it is one."""
    if not isinstance(cert, dict):
        return ["the certificate is not a JSON object"]
    missing = [k for k in CERT_KEYS if k not in cert]
    if missing:
        return [f"the certificate lacks {', '.join(missing)}"]
    if not isinstance(cert["seed"], str) or not isinstance(cert["winners"], list) \
            or not isinstance(cert["alternates"], list) or not isinstance(cert["entries"], int):
        return ["the certificate's seed, entries, winners or alternates have the wrong type"]
    return []


def _check(cert: dict[str, Any], records: list[pure.Record]) -> list[str]:
    """Recompute the commitment and the draw from records and say where the certificate differs."""
    problems = []
    if cert["entries"] != len(records):
        problems.append(f"entries: the certificate says {cert['entries']}, the list has {len(records)}")
    digest, root = pure.list_sha256(records), pure.merkle_root(records)
    if cert["list_sha256"] != digest:
        problems.append(f"list_sha256: the certificate says {cert['list_sha256']}, the list hashes to {digest}")
    if cert["merkle_root"] != root:
        problems.append(f"merkle_root: the certificate says {cert['merkle_root']}, the list gives {root}")
    winners, alternates = cert["winners"], cert["alternates"]
    picked = pure.draw(len(records), cert["seed"], digest, len(winners) + len(alternates))
    for label, listed, positions in (("winner", winners, picked[:len(winners)]),
                                     ("alternate", alternates, picked[len(winners):])):
        for rank, (place, pos) in enumerate(zip(listed, positions), 1):
            platform, entry_id, author_hash = records[pos]
            if not isinstance(place, dict) or (place.get("platform"), place.get("entry_id")) != (platform, entry_id):
                shown = f"{place.get('platform')}:{place.get('entry_id')}" if isinstance(place, dict) else "?"
                problems.append(f"{label} {rank}: the certificate names {shown}, the seed {cert['seed']!r} draws "
                                f"{platform}:{entry_id}")
            elif place.get("rank", rank) != rank or place.get("position", pos) != pos:
                problems.append(f"{label} {rank}: rank {place.get('rank')!r}, position {place.get('position')!r}; "
                                f"the seed draws it as {label} {rank}, position {pos}")
            elif place.get("author_hash") is None:
                problems.append(f"{label} {rank}: {platform}:{entry_id} has no author hash")
            elif place["author_hash"] != author_hash:
                problems.append(f"{label} {rank}: {platform}:{entry_id}'s author hash differs from the list's")
        if len(positions) < len(listed):
            problems.append(f"{label}s: the certificate lists {len(listed)}, the list has only {len(positions)} to "
                            "draw")
    return problems


def verify_with_database(db: Database, cert: dict[str, Any]) -> list[str]:
    """Recompute the certificate from the database: the frozen entries as they are now, against the list committed at
    the freeze and the certificate. Empty when everything holds; otherwise what differs."""
    problems = certificate_problems(cert)
    if problems:
        return problems
    with snapshot(db):
        state = rows.draw_row(db, str(cert["campaign"]))
        if state is None:
            return [f"campaign {cert['campaign']!r} was never frozen in this database"]
        entries = rows.frozen_entries(db, state["campaign"])
    public = json.loads(state["public_list"])
    committed = [(r["platform"], r["id"], r["author_hash"]) for r in public["entries"]]
    records = pure.ordered([(e["platform"], e["id"], _hash_now(e, state["salt"], public.get("author_key")))
                            for e in entries])
    problems = _differences(committed, records)
    if state["seed"] is not None and state["seed"] != cert["seed"]:
        problems.append(f"seed: the certificate says {cert['seed']!r}, the draw used {state['seed']!r}")
    stored = json.loads(state["certificate"]) if state["certificate"] else None
    purged = state["purged_ts"] is not None
    return problems + _check(cert, records) + (_against_drawn(cert, stored, purged) if stored else [])


PLACE_FIELDS = ("rank", "platform", "entry_id", "author", "url", "author_hash", "position")
PURGED_FIELDS = ("author", "url")  # what a purge empties in the stored certificate: not compared after it
LIST_STATEMENTS = ("campaign", "frozen_at", "count", "list_sha256", "merkle_root")  # what every public list states


def _against_drawn(cert: dict[str, Any], drawn: dict[str, Any], purged: bool) -> list[str]:
    """Where a certificate differs from the one the draw stored: every field and place, the names and links people
    read included (a link the entry never had too: none is none), but those a purge emptied in the database."""
    problems = [f"{key}: the certificate says {cert.get(key)!r}, the draw recorded {drawn[key]!r}"
                for key in ("rules_url", "frozen_at", "drawn_at", "winners_asked", "alternates_asked", "seed_source")
                if key in drawn and cert.get(key) != drawn[key]]
    for label, key in (("winner", "winners"), ("alternate", "alternates")):
        listed, kept = cert[key], drawn[key]
        if len(listed) != len(kept):
            problems.append(f"{key}: the certificate lists {len(listed)}, the draw drew {len(kept)}")
        for rank, (place, ours) in enumerate(zip(listed, kept), 1):
            for name in PLACE_FIELDS:
                theirs = place.get(name) if isinstance(place, dict) else None
                if (name in ours or theirs is not None) and theirs != ours.get(name) \
                        and not (purged and name in PURGED_FIELDS):
                    problems.append(f"{label} {rank}: {name} is {theirs!r}, the draw recorded {ours.get(name)!r}")
    return problems


def _hash_now(entry: dict[str, Any], salt: str | None, author_key: str | None) -> str:
    """The author hash from the entry's author as stored now (after a purge: the hash the freeze kept)."""
    if entry["author"] is None or salt is None:
        return entry["author_hash"]
    return pure.author_hash(salt, hashed_person(entry, author_key))


def _differences(committed: list[pure.Record], now: list[pure.Record]) -> list[str]:
    """Entries of the frozen list that are missing, added or changed in the database."""
    before, after = {(p, i): h for p, i, h in committed}, {(p, i): h for p, i, h in now}
    out = [f"entry {p}:{i} of the frozen list is missing from the database" for p, i in before if (p, i) not in after]
    out += [f"entry {p}:{i} is in the database's frozen list but was not frozen" for p, i in after
            if (p, i) not in before]
    out += [f"entry {p}:{i} changed since the freeze (its author hash differs)" for (p, i), h in after.items()
            if (p, i) in before and before[(p, i)] != h]
    return out


def verify_with_public_list(cert: dict[str, Any], public: Any) -> list[str]:
    """Check a certificate against the public entry list alone (no database)."""
    problems = certificate_problems(cert)
    if problems:
        return problems
    try:
        records = [(e["platform"], e["id"], e["author_hash"]) for e in public["entries"]]
    except (KeyError, TypeError):
        return ["the public list is not a Kuulo entry list (entries of platform, id and author_hash)"]
    odd = next((n for n, record in enumerate(records, 1) if not all(isinstance(v, str) for v in record)), None)
    if odd is not None:  # a number for an id hashes otherwise in every verifier that does not read it as Kuulo's
        return [f"the public list's entry {odd} is not text in platform, id and author_hash: {records[odd - 1]!r}"]
    if pure.ordered(records) != records:
        return ["the public list is not in canonical order (by platform, then id)"]
    missing = [key for key in LIST_STATEMENTS if key not in public]
    if missing:
        return [f"the public list lacks {', '.join(missing)}: it is not the list a freeze wrote"]
    listed = [f"{key}: the certificate says {cert.get(key)!r}, the public list {public.get(key)!r}"
              for key in ("campaign", "rules_url", "frozen_at", "seed_source")
              if (key in public or key in cert) and cert.get(key) != public.get(key)]
    stated = {"count": len(records), "list_sha256": pure.list_sha256(records), "merkle_root": pure.merkle_root(records)}
    listed += [f"{key}: the public list states {public[key]!r}, its entries give {value!r}"
               for key, value in stated.items() if public[key] != value]
    return listed + _check(cert, records)


def proof(db: Database, campaign: Campaign, ref: str) -> dict[str, Any]:
    """An inclusion proof of one frozen entry (ID or PLATFORM:ID) against the published Merkle root."""
    state = rows.draw_row(db, campaign.name)
    if state is None:
        raise CampaignError(f"campaign {campaign.name} is not frozen: there is no list to prove anything against")
    public = json.loads(state["public_list"])
    records = [(r["platform"], r["id"], r["author_hash"]) for r in public["entries"]]
    platform, _, entry_id = ref.strip().partition(":")
    at = [n for n, r in enumerate(records)
          if (entry_id and (r[0], r[1]) == (platform, entry_id)) or r[1] == ref.strip()]
    if len(at) != 1:
        raise CampaignError(f"entry {ref[:80]!r} is {'on several platforms' if at else 'not'} in the frozen list of "
                            f"{campaign.name}" + ("; write PLATFORM:ID" if at else ""))
    platform, entry_id, author_hash = records[at[0]]
    return {"campaign": campaign.name, "merkle_root": state["merkle_root"], "entries": len(records),
            "index": at[0], "entry": {"platform": platform, "id": entry_id, "author_hash": author_hash},
            "path": pure.inclusion_proof(records, at[0])}


def verify_proof(data: Any, root: str | None = None) -> tuple[bool, str]:
    """Whether a proof leads to the root (given, else the one the proof names); and what it leads to."""
    try:
        entry = data["entry"]
        got = pure.root_from_proof((str(entry["platform"]), str(entry["id"]), str(entry["author_hash"])),
                                   data["path"])
        expected = (root or data["merkle_root"]).strip().lower()
    except (KeyError, TypeError, ValueError, AttributeError):
        raise CampaignError("not a Kuulo inclusion proof (entry, path and merkle_root)") from None
    return got == expected, got


def purge(db: Database, campaign: Campaign, *, now: float, by: str) -> int:
    """Delete the entrants' personal data after the draw; the hashes stay, so the certificate still verifies."""
    with write(db):
        state = rows.draw_row(db, campaign.name)
        if state is None or state["seed"] is None:
            raise CampaignError(f"campaign {campaign.name} is not drawn yet: purge after the draw (the certificate "
                                "names the winners)")
        posts = rows.purge_posts(db, campaign.name)  # before the entries forget their authors
        count = rows.purge(db, campaign.name, now)
        cert = json.loads(state["certificate"])
        for place in cert["winners"] + cert["alternates"]:
            place["author"], place["url"] = None, None
        rows.save_draw(db, campaign.name, ts=state["drawn_ts"], by=state["drawn_by"], seed=state["seed"],
                       certificate=json.dumps(cert, ensure_ascii=False))
        Ledger(db).append(ts=now, actor=by, kind="campaign_purged", data={"campaign": campaign.name,
                                                                          "entries": count, "posts": posts})
    return count
