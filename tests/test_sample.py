"""The sample-data generator (bench/sample.py) and the bundled demo file it wrote."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "bot" / "demo" / "sample.jsonl"


def _load():
    name = "kuulo_bench_sample"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


sample = _load()
UTC = timezone.utc
START = datetime(2026, 11, 16, tzinfo=UTC)
END = START + timedelta(days=7)
OWN_HANDLES = {h for pair in sample.BRAND_HANDLES.values() for h in pair}


@pytest.fixture(scope="module")
def labeled():
    return sample.generate_labeled(400)


@pytest.fixture(scope="module")
def rows(labeled):
    return [row for row, _ in labeled]


def _when(row) -> datetime:
    return sample.parse_created_at(row["created_at"])


def test_same_seed_same_bytes_other_seed_other_rows():
    a = sample.to_jsonl(sample.generate(400))
    assert a == sample.to_jsonl(sample.generate(400))
    assert a != sample.to_jsonl(sample.generate(400, seed=8))


@pytest.mark.parametrize("n", [0, 1, 7, 49, 50, 99, 100, 400, 1000])
def test_exactly_n_rows(n):
    assert len(sample.generate(n)) == n


def test_rows_follow_the_import_format(rows):
    assert rows
    for row in rows:
        for field in sample.REQUIRED_FIELDS:
            assert field in row, (field, row)
        assert set(row) <= set(sample.FIELD_ORDER), row
        assert list(row) == [f for f in sample.FIELD_ORDER if f in row]  # stable key order
        assert row["platform"] in sample.PLATFORMS
        for field in ("id", "author", "text", "created_at", "url", "author_id"):
            assert isinstance(row.get(field, ""), str), (field, row)
        assert row["id"] and row["author"]
        if "lang" in row:
            assert row["lang"] in ("fi", "en")
        if "hashtags" in row:
            assert row["hashtags"] and all(isinstance(t, str) and not t.startswith("#") for t in row["hashtags"])
            assert all(f"#{t}" in row["text"] for t in row["hashtags"])
        for field in ("like_count", "comment_count"):
            if field in row:
                assert isinstance(row[field], int) and row[field] >= 0
        assert row["url"].startswith("https://")


def test_created_at_is_iso_with_zone_inside_the_window_and_sorted(rows):
    times = []
    for row in rows:
        dt = datetime.fromisoformat(row["created_at"])
        assert dt.tzinfo is not None, row
        assert START <= dt < END, row
        times.append(dt)
    assert times == sorted(times)
    suffixes = Counter(row["created_at"][-6:] if not row["created_at"].endswith("Z") else "Z" for row in rows)
    assert suffixes["Z"] > 0 and suffixes["+02:00"] > 0  # Helsinki is UTC+2 in November


def test_summer_window_uses_helsinki_summer_time():
    start = datetime(2026, 6, 1, tzinfo=UTC)
    rows = sample.generate(200, start=start, days=3)
    offsets = {r["created_at"][-6:] for r in rows if not r["created_at"].endswith("Z")}
    assert offsets == {"+03:00"}
    assert all(start <= _when(r) < start + timedelta(days=3) for r in rows)


def test_ids_unique_per_platform(rows):
    keys = [(r["platform"], r["id"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_large_runs_fast_with_unique_ids():
    began = time.perf_counter()
    rows = sample.generate(100_000, seed=11)
    elapsed = time.perf_counter() - began
    assert len(rows) == 100_000
    assert len({(r["platform"], r["id"]) for r in rows}) == 100_000
    assert elapsed < 30, elapsed  # a few seconds on a laptop; generous for slow CI


def test_replies_point_at_posts_in_the_sample(labeled):
    by_key = {(r["platform"], r["id"]): r for r, _ in labeled}
    unseen = 0
    for row, label in labeled:
        if "in_reply_to" not in row:
            continue
        target = by_key.get((row["platform"], row["in_reply_to"]))
        if "unseen_target" in label["variant"]:
            assert target is None
            unseen += 1
            continue
        assert target is not None, row
        assert _when(target) < _when(row)
    assert unseen >= 2


def test_brand_replies_come_from_own_handles_with_realistic_delays(labeled):
    by_key = {(r["platform"], r["id"]): r for r, _ in labeled}
    delays = []
    for row, label in labeled:
        if label["kind"] in ("brand_reply", "brand_post"):
            assert row["author"] in OWN_HANDLES
            assert row["author"] == sample.BRAND_HANDLES[label["brand"]][row["platform"] in ("instagram", "reddit")]
        else:
            assert row["author"] not in OWN_HANDLES, row
        if label["kind"] == "brand_reply" and "unseen_target" not in label["variant"]:
            target = by_key[(row["platform"], row["in_reply_to"])]
            assert target["author"] not in OWN_HANDLES
            delay = (_when(row) - _when(target)).total_seconds()
            assert 180 <= delay <= 2 * 86400 + 60, (delay, row)
            delays.append(delay)
    assert len(delays) >= 40
    delays.sort()
    assert delays[len(delays) // 2] < 4 * 3600  # most answers come the same morning
    assert delays[-1] > 8 * 3600  # and some wait overnight


def test_some_questions_stay_unanswered_and_some_customers_write_back(labeled):
    replied = {(r["platform"], r["in_reply_to"]) for r, lab in labeled if lab["kind"] == "brand_reply"}
    needing = [(r["platform"], r["id"]) for r, lab in labeled if lab["needs_reply"]]
    answered = sum(1 for k in needing if k in replied)
    assert 0.4 < answered / len(needing) < 0.9
    by_key = {(r["platform"], r["id"]): (r, lab) for r, lab in labeled}
    followups = [(r, lab) for r, lab in labeled if lab["kind"] == "followup"]
    assert len(followups) >= 3
    for row, _ in followups:
        parent, parent_label = by_key[(row["platform"], row["in_reply_to"])]
        assert parent_label["kind"] == "brand_reply"
        root, _ = by_key[(parent["platform"], parent["in_reply_to"])]
        assert root["author"] == row["author"]


def test_bundled_file_is_the_generator_output():
    text = BUNDLED.read_text(encoding="utf-8")
    assert text == sample.to_jsonl(sample.generate(400))
    first = json.loads(text.splitlines()[0])
    assert isinstance(first, dict) and first["platform"] in sample.PLATFORMS


def test_main_writes_jsonl_utf8(tmp_path):
    out = tmp_path / "deep" / "s.jsonl"
    assert sample.main(["--out", str(out), "--n", "60", "--seed", "3"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text == sample.to_jsonl(sample.generate(60, seed=3))
    assert "\\u00e4" not in text and "ä" in text  # ensure_ascii=False
    assert len(text.splitlines()) == 60


def test_mix_of_kinds_languages_and_brands(labeled):
    kinds = Counter(lab["kind"] for _, lab in labeled)
    for kind in ("question", "complaint", "praise", "neutral", "spam", "campaign", "decoy",
                 "brand_reply", "followup", "brand_post"):
        assert kinds[kind] > 0, kind
    categories = Counter(lab["category"] for _, lab in labeled if lab["kind"] == "complaint")
    for category in sample.COMPLAINT_CATEGORIES:
        assert categories[category] >= 3, category
    customer = [lab for _, lab in labeled if lab["kind"] not in ("brand_reply", "brand_post") and lab["lang"]]
    fi_share = sum(lab["lang"] == "fi" for lab in customer) / len(customer)
    assert 0.6 < fi_share < 0.8
    brands = Counter(lab["brand"] for lab in customer)
    assert brands["Nordea"] > brands["OP"] > brands["S-Pankki"] > 10
    platforms = Counter(r["platform"] for r, _ in labeled)
    assert set(platforms) == set(sample.PLATFORMS)


def test_brand_names_appear_in_many_forms(rows):
    blob = "\n".join(r["text"] for r in rows)
    for form in ("Nordean", "Nordeassa", "Nordealle", "Nordeaan", "Nordeasta", "@NordeaSuomi",
                 "OP:n", "OP-mobiili", "#OPmobiili", "@OPryhma", "S-Pankin", "S-Pankissa", "@SPankki",
                 "Nordae", "Nordan", "#nordeajoulu"):
        assert form in blob, form
    lower = [r["text"] for r in rows if r["platform"] == "reddit" and ("nordea" in r["text"] or "s-pank" in r["text"])]
    assert lower  # forum-style lower case


def test_decoys_name_no_brand(labeled):
    decoys = [r["text"] for r, lab in labeled if lab["kind"] == "decoy"]
    assert decoys
    for text in decoys:
        for name in ("Nordea", "nordea", "S-Pankki", "S-Pankin", "OP:", "OPryhma", "op_ryhma"):
            assert name not in text, text
    blob = " ".join(decoys)
    assert "alkoi" in blob and "Opiskelija" in blob and " op " in blob


def test_spam_and_campaign_posts(labeled):
    spam = [r for r, lab in labeled if lab["kind"] == "spam"]
    assert spam and all("https://" in r["text"] and "?" in r["text"] for r in spam)
    campaign = [r for r, lab in labeled if lab["kind"] == "campaign"]
    assert len(campaign) >= 5
    for row in campaign:
        assert row["platform"] == "instagram"
        assert "#nordeajoulu" in row["text"]
        assert row["media_url"].startswith("https://")
        assert isinstance(row["like_count"], int) and isinstance(row["comment_count"], int)
    authors = Counter(r["author"] for r in campaign)
    assert max(authors.values()) >= 2  # someone entered twice


def test_labels_are_not_leaked_into_rows(rows):
    for row in rows:
        assert "kind" not in row and "label" not in row
