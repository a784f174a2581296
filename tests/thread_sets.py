"""Thread-rich sets of posts for order-independence tests: long threads with several cases, follow-ups before and
after answers, brand replies that arrive before what they answer, brand posts with comments, skewed clocks."""

from __future__ import annotations

import importlib
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from kuulo.bot.cli import cli

importlib.import_module("kuulo.bot.commands")  # registers the commands on `cli`

BASE = datetime(2026, 11, 16, 7, 0, tzinfo=timezone.utc)
BRAND = "NordeaSuomi"
ROOTS = ("@NordeaSuomi miksi verkkopankki ei toimi?", "Nordea on ihan ok pankki", "hyvää huomenta kaikille",
         "Onko Nordealla vikaa korttimaksuissa?", "Nordea customer service is terrible, nobody answers")
CUSTOMER = ("Miksi tähän menee näin kauan?", "kiitos!", "tämä on surkeaa palvelua", "Toimiiko se nyt?",
            "Nordea, vastaatteko koskaan?", "ok", "Why is my card still blocked?")
REPLY = "Hei, pahoittelut! Autamme mielellämme yksityisviestillä."
BRAND_POST = "Uusi mobiilisovellus on julkaistu, kokeile!"


def thread_set(rng: random.Random, threads: int = 6, max_replies: int = 9) -> list[dict[str, Any]]:
    """Import rows (the JSONL fields) for a few threads on two platforms that share post ids."""
    rows: list[dict[str, Any]] = []
    for platform in ("x", "mastodon"):
        for t in range(threads):
            root_ts = BASE + timedelta(minutes=rng.randrange(0, 2000))
            own_root = rng.random() < 0.25
            posts = [_row(platform, f"{t}-0", BRAND if own_root else f"user{t}",
                          BRAND_POST if own_root else rng.choice(ROOTS), root_ts, None)]
            for i in range(1, rng.randrange(1, max_replies + 1)):
                parent = rng.choice(posts)
                gap = rng.choice((-3, 1, 4, 10, 25, 50, 70, 120, 400))  # -3: a clock a little behind
                ts = datetime.fromisoformat(parent["created_at"]) + timedelta(minutes=gap)
                if rng.random() < 0.35:
                    posts.append(_row(platform, f"{t}-{i}", BRAND, REPLY, ts, parent["id"]))
                else:
                    author = rng.choice((f"user{t}", f"other{i}"))
                    posts.append(_row(platform, f"{t}-{i}", author, rng.choice(CUSTOMER), ts, parent["id"]))
            rows.extend(posts)
    rows.extend(rng.sample(rows, k=min(4, len(rows))))  # duplicates
    return rows


def _row(platform: str, id: str, author: str, text: str, ts: datetime, parent: str | None) -> dict[str, Any]:
    row = {"platform": platform, "id": id, "author": author, "text": text, "created_at": ts.isoformat()}
    if parent is not None:
        row["in_reply_to"] = parent
    return row


def write_config(tmp: Path, db: str = "kuulo.db") -> Path:
    """A team config with the demo brands and `open_for: all`, on a database in tmp."""
    path = tmp / "team.yaml"
    path.write_text(f"""database: {tmp / db}
timezone: Europe/Helsinki
brands:
  - name: Nordea
    handles: [{BRAND}]
    hashtags: ["#nordea"]
cases:
  open_for: all
sla:
  first_response: 1h
packs: [banking-fi, sentiment-fi, sentiment-en]
""", encoding="utf-8")
    return path


def import_rows(config: Path, rows: list[dict[str, Any]], batches: list[int]) -> None:
    """`kuulo import` of the rows, split into files of the given sizes (the last takes the rest)."""
    start, n = 0, 0
    sizes = iter(batches)
    while start < len(rows):
        size = next(sizes, len(rows))
        path = config.parent / f"part{n}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows[start:start + size]), encoding="utf-8")
        kuulo(config, "import", "-q", str(path))
        start, n = start + size, n + 1


def outcome(config: Path) -> tuple[list[dict[str, Any]], str]:
    """`kuulo cases --all --format json` without case ids and Kuulo's own times, and `kuulo report --format json`."""
    listed = kuulo(config, "cases", "--all", "--limit", "100000", "--format", "json")
    cases = [json.loads(line) for line in listed.splitlines()]
    for case in cases:
        for key in ("id", "age_s", "parent_case_id", "opened_at"):
            case.pop(key, None)
    report = kuulo(config, "report", "--since", "2026-11-15", "--until", "2026-11-20", "--format", "json")
    return sorted(cases, key=lambda c: (c["platform"], c["mention_id"])), report


def kuulo(config: Path, *args: str) -> str:
    """`kuulo --config CONFIG ARGS` in-process; its output, after checking it succeeded."""
    result = CliRunner().invoke(cli, ["--config", str(config), *args], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert result.return_value in (0, None), result.output
    return result.output
