"""A fixed support conversation (tests/data/threads/) gives the cases a person expects, in every arrival order,
and corrections are new ledger events with their reason."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import pytest

from kuulo.storage.db import open_db
from kuulo.storage.ledger import verify_ledger
from tests.thread_sets import import_rows, kuulo, outcome, write_config

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "data" / "threads" / "support_threads.jsonl").read_text(encoding="utf-8").splitlines()]


def _expected(case: dict) -> tuple:
    return (case["platform"], case["mention_id"], case["state"], case["responded_by"], case["responded_at"],
            case["parent_post"], case["follow_ups"])


EXPECTED = [
    ("mastodon", "a0", "answered", "@NordeaSuomi", "2026-11-16T11:20:00+02:00", None, []),
    # the brand answered the follow-up a1: that answers the case a0 opened
    ("x", "a0", "answered", "@NordeaSuomi", "2026-11-16T08:30:00+02:00", None, ["a1"]),
    # written after a0's answer: a new case linked to it; a4 came before a3 was answered
    ("x", "a3", "answered", "@NordeaSuomi", "2026-11-16T09:30:00+02:00", "a0", ["a4"]),
    # a question under the brand's own post, whichever of the two arrived first
    ("x", "b1", "open", None, None, None, ["b2"]),
]


@pytest.mark.parametrize("order", ["oldest first", "newest first", "replies first", "one by one, shuffled"])
def test_the_conversation_gives_the_same_cases_in_any_order(tmp_path, order):
    rows = {"oldest first": sorted(ROWS, key=lambda r: r["created_at"]),
            "newest first": sorted(ROWS, key=lambda r: r["created_at"], reverse=True),
            "replies first": sorted(ROWS, key=lambda r: "in_reply_to" not in r),
            "one by one, shuffled": [ROWS[i] for i in (4, 8, 2, 10, 0, 6, 3, 9, 1, 7, 5)]}[order]
    config = write_config(tmp_path)
    import_rows(config, rows, [1] * len(rows) if "one by one" in order else [len(rows)])
    cases, report = outcome(config)
    assert [_expected(c) for c in cases] == EXPECTED
    total = json.loads(report)["total"]
    assert (total["mentions"], total["cases"], total["answered"], total["open"]) == (4, 4, 3, 1)
    assert {g["key"]: g["mentions"] for g in json.loads(report)["by"]["brand"]} == {"Nordea": 4}
    assert verify_ledger(open_db(str(tmp_path / "kuulo.db"))).ok


def test_a_late_post_corrects_by_new_events_with_a_reason(tmp_path):
    """a1 (a follow-up naming the brand) arrives before a0: alone it opens a case; when a0 comes, that case is
    merged into a0's."""
    config = write_config(tmp_path)
    by_id = {r["id"]: r for r in ROWS if r["platform"] == "x"}
    import_rows(config, [by_id["a1"] | {"text": "Nordea, onko tähän mitään ratkaisua?"}], [1])
    import_rows(config, [by_id["a0"]], [1])
    db = open_db(str(tmp_path / "kuulo.db"))
    kinds = [(kind, mention) for kind, mention in db.execute(
        "SELECT kind, mention_id FROM events ORDER BY seq")]
    assert kinds == [("opened", "a1"), ("opened", "a0"), ("merged", "a1"), ("follow_up", "a1")]
    data = json.loads(db.execute("SELECT data FROM events WHERE kind = 'merged'").fetchone()[0])
    assert "follows up case #2" in data["reason"] and data["set"] == {"state": "merged", "merged_into": 2}
    listed = kuulo(config, "cases", "--all", "--format", "json")
    assert [json.loads(line)["mention_id"] for line in listed.splitlines()] == ["a0"]  # a merged case is no case


def test_a_platform_reply_found_later_is_the_first_response_when_it_was_earlier(tmp_path):
    """Someone marked the case answered at Kuulo's time; the brand's own reply, polled later, was written earlier:
    the earliest response is the first response, and the correction is an event."""
    config = write_config(tmp_path)
    masto = [r for r in ROWS if r["platform"] == "mastodon"]
    import_rows(config, masto[:1], [1])
    kuulo(config, "case", "1", "answer", "--by", "anna", "--note", "replied by phone")
    import_rows(config, masto[1:], [1])
    cases, _ = outcome(config)
    assert [(c["responded_by"], c["responded_how"], c["responded_at"]) for c in cases] == [
        ("@NordeaSuomi", "platform_reply", "2026-11-16T11:20:00+02:00")]
    db = open_db(str(tmp_path / "kuulo.db"))
    assert [k for (k,) in db.execute("SELECT kind FROM events WHERE case_id = 1 ORDER BY seq")] == [
        "opened", "answered", "first_response_corrected"]


def test_every_order_of_a_short_thread_agrees(tmp_path_factory):
    """All 24 orders of question, follow-up, brand answer, and a new question after the answer."""
    thread = [r for r in ROWS if r["platform"] == "x" and r["id"] in ("a0", "a1", "a2", "a3")]
    results = set()
    for perm in permutations(thread):
        config = write_config(tmp_path_factory.mktemp("perm"))
        import_rows(config, list(perm), [1] * 4)
        cases, report = outcome(config)
        results.add((json.dumps(cases, sort_keys=True), report))
    assert len(results) == 1
