"""From mention to case to answer: the pipeline and case service on real SQLite."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kuulo.bot.cases import CaseCommand
from kuulo.bot.errors import CaseStateError
from kuulo.bot.report import build_report
from kuulo.bot.sla import sweep
from kuulo.handlers.slack.blocks import why
from kuulo.storage.case_replay import replay_cases
from kuulo.storage.cases import case_for_mention, get_case
from kuulo.storage.ledger import case_events, verify_ledger
from kuulo.storage.mentions import get_mention
from kuulo.storage.outbox import outbox_summary
from tests.builders import BASE, post

QUESTION = "Miksi Nordean sovellus ei toimi taas?"


def counts(db) -> dict[str, int]:
    return {t: db[t].count for t in ("mentions", "matches", "cases", "events", "outbox")}


def test_a_question_opens_a_case_with_an_alert_and_reimport_changes_nothing(services):
    stats = services.pipeline.ingest([post("1", QUESTION), post("2", "Kaunis päivä tänään.")])
    assert (stats.new, stats.cases_opened, stats.duplicates) == (2, 1, 0)
    case = case_for_mention(services.db, "x", "1")
    assert case["state"] == "open" and case["brand"] == "Nordea" and case["created_ts"] == BASE.timestamp()
    assert outbox_summary(services.db) == {"console": {"pending": 1}}
    before = counts(services.db)
    again = services.pipeline.ingest([post("1", QUESTION), post("2", "Kaunis päivä tänään.")])
    assert (again.new, again.duplicates, again.cases_opened) == (0, 2, 0)
    assert counts(services.db) == before


def test_the_brands_own_reply_answers_the_case_at_the_platform_time(services):
    services.pipeline.ingest([post("1", QUESTION)])
    stats = services.pipeline.ingest([post("r1", "Hei! Selvitämme asiaa.", author="@NordeaSuomi", minutes=12,
                                           in_reply_to="1")])
    assert (stats.brand_replies, stats.cases_closed) == (1, 1)
    case = case_for_mention(services.db, "x", "1")
    assert case["state"] == "answered" and case["responded_how"] == "platform_reply"
    assert case["responded_ts"] - case["created_ts"] == 12 * 60
    assert case["responded_by"] == "@NordeaSuomi"


def test_a_reply_imported_before_its_post_closes_the_case_when_the_post_arrives(services, clock):
    services.pipeline.ingest([post("r1", "Hei, katsotaan!", author="nordea", minutes=25, in_reply_to="1")])
    assert services.db["cases"].count == 0
    stats = services.pipeline.ingest([post("1", QUESTION)])
    assert (stats.cases_opened, stats.cases_closed) == (1, 1)
    case = case_for_mention(services.db, "x", "1")
    assert case["state"] == "answered" and case["responded_ts"] - case["created_ts"] == 25 * 60
    assert outbox_summary(services.db) == {}  # answered on arrival: no alert to show
    report = build_report(services.db, since=BASE - timedelta(days=1), until=BASE + timedelta(days=1),
                          now=clock.now(), sla_seconds=3600)
    assert report["total"]["frt_median_s"] == 1500.0 and report["total"]["within_sla_pct"] == 100.0


def test_a_follow_up_after_an_answer_opens_a_new_linked_case(services):
    services.pipeline.ingest([
        post("1", QUESTION),
        post("r1", "Hei! Päivitä sovellus, niin ongelma korjaantuu.", author="NordeaSuomi", minutes=5, in_reply_to="1"),
        post("2", "Päivitin, mutta miksi se kaatuu edelleen?", minutes=30, in_reply_to="r1"),
    ])
    first, second = case_for_mention(services.db, "x", "1"), case_for_mention(services.db, "x", "2")
    assert first["state"] == "answered"
    assert second["state"] == "open" and second["parent_case_id"] == first["id"]
    assert second["thread_root"] == first["thread_root"] == "1" and second["brand"] == "Nordea"


def test_a_follow_up_while_open_joins_the_open_case(services):
    services.pipeline.ingest([post("1", QUESTION), post("2", "Onko kukaan siellä?", minutes=10, in_reply_to="1")])
    assert services.db["cases"].count == 1
    case = case_for_mention(services.db, "x", "1")
    assert [e["kind"] for e in case_events(services.db, case["id"])] == ["opened", "follow_up"]


def test_case_actions_record_who_when_and_how(services, clock):
    services.pipeline.ingest([post("1", QUESTION), post("2", "OP:n kortti ei toimi, miksi?")])
    one, two = (case_for_mention(services.db, "x", i)["id"] for i in ("1", "2"))
    services.cases.apply(CaseCommand("claim", one, "anna"))
    clock.advance(minutes=20)
    row = services.cases.apply(CaseCommand("answer", one, "anna", note="replied by DM"))
    assert row["state"] == "answered" and row["responded_how"] == "manual" and row["responded_by"] == "anna"
    assert row["responded_ts"] == clock.now().timestamp()
    with pytest.raises(CaseStateError, match=r"^case \d+ is already answered \(by anna, manual\)$"):
        services.cases.apply(CaseCommand("dismiss", one, "bob", reason="spam"))
    with pytest.raises(CaseStateError, match="dismiss needs a reason"):
        services.cases.apply(CaseCommand("dismiss", two, "bob"))
    with pytest.raises(CaseStateError, match=r"needs a reason: one of .* \(got 'x{40}'…\)$") as refused:
        services.cases.apply(CaseCommand("dismiss", two, "bob", reason="x" * 100_000))
    assert len(str(refused.value)) < 200  # a pasted novel is not echoed back whole
    services.cases.apply(CaseCommand("dismiss", two, "bob", reason="spam"))
    assert get_case(services.db, two)["dismiss_reason"] == "spam"
    kinds = [(e["kind"], e["actor"]) for e in case_events(services.db, one)]
    assert kinds == [("opened", "kuulo"), ("claimed", "anna"), ("answered", "anna")]
    data = case_events(services.db, one)[-1]["data"]
    assert data.pop("set")["responded_by"] == "anna"  # what the event changed, so the row can be replayed
    assert data == {"from": "claimed", "how": "manual", "note": "replied by DM", "closure": True}
    assert verify_ledger(services.db).ok


def woken(services, clock) -> list[int]:
    """The cases an SLA sweep (as kuulo run's) wakes now, with a target no case here reaches."""
    return sweep(services.db, clock, services.cases, sla_seconds=10 ** 6, remind_at=services.config.remind_at,
                 transports=()).woken


def test_snoozed_cases_wake_in_their_old_state(services, clock):
    services.pipeline.ingest([post("1", QUESTION)])
    case_id = case_for_mention(services.db, "x", "1")["id"]
    services.cases.apply(CaseCommand("claim", case_id, "anna"))
    services.cases.apply(CaseCommand("snooze", case_id, "anna", until=clock.now() + timedelta(minutes=30)))
    assert woken(services, clock) == []
    clock.advance(minutes=31)
    assert woken(services, clock) == [case_id]
    assert get_case(services.db, case_id)["state"] == "claimed"


def test_claiming_a_case_one_holds_changes_nothing_but_a_note(services, clock):
    """A repeated claim by the holder kept no event, no chat update and the claim time (it moved the report's
    time-to-claim and queued an update; found by a crash probe); a note with it is recorded, a takeover is not a
    repeat."""
    services.pipeline.ingest([post("1", QUESTION)])
    case_id = case_for_mention(services.db, "x", "1")["id"]
    claimed = services.cases.apply(CaseCommand("claim", case_id, "anna"))
    before = (counts(services.db), outbox_summary(services.db))
    clock.advance(minutes=5)
    again = services.cases.apply(CaseCommand("claim", case_id, "anna"))
    assert again["unchanged"] and again["claimed_ts"] == claimed["claimed_ts"]
    assert (counts(services.db), outbox_summary(services.db)) == before
    noted = services.cases.apply(CaseCommand("claim", case_id, "anna", note="calling them"))
    assert "unchanged" not in noted and get_case(services.db, case_id)["claimed_ts"] == claimed["claimed_ts"]
    clock.advance(minutes=5)
    taken = services.cases.apply(CaseCommand("claim", case_id, "bob"))
    assert taken["claimed_by"] == "bob" and taken["claimed_ts"] == clock.now().timestamp()
    kinds = [(e["kind"], e["actor"], e["data"].get("note")) for e in case_events(services.db, case_id)]
    assert kinds == [("opened", "kuulo", None), ("claimed", "anna", None), ("claimed", "anna", "calling them"),
                     ("claimed", "bob", None)]
    assert verify_ledger(services.db).ok and not replay_cases(services.db).mismatches


def test_a_chat_user_claiming_again_under_another_display_name_is_the_same_holder(services):
    """A desk names an actor 'display name (user id)': a rename, or a name lookup that failed once, is one person."""
    services.pipeline.ingest([post("1", QUESTION)])
    case_id = case_for_mention(services.db, "x", "1")["id"]
    services.cases.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    assert services.cases.apply(CaseCommand("claim", case_id, "Aino Virtanen (U0AINO001)"))["unchanged"]
    assert services.cases.apply(CaseCommand("claim", case_id, "aino (U0MIKKO01)"))["claimed_by"] == "aino (U0MIKKO01)"
    assert services.cases.apply(CaseCommand("claim", case_id, "aino"))["claimed_by"] == "aino"  # a CLI name: another


def test_an_action_the_state_refuses_is_named_by_its_verb(services, clock):
    services.pipeline.ingest([post("1", QUESTION)])
    case_id = case_for_mention(services.db, "x", "1")["id"]
    services.cases.apply(CaseCommand("snooze", case_id, "anna", until=clock.now() + timedelta(minutes=30)))
    with pytest.raises(CaseStateError, match=f"^case {case_id} is snoozed: cannot snooze it$"):
        services.cases.apply(CaseCommand("snooze", case_id, "anna", until=clock.now() + timedelta(hours=1)))


def test_unknown_case_is_a_clear_error(services):
    with pytest.raises(CaseStateError, match="^case 999 does not exist$"):
        services.cases.apply(CaseCommand("claim", 999, "anna"))


def test_a_tampered_event_is_named_by_verify(services):
    services.pipeline.ingest([post(str(i), f"{QUESTION} ({i})", minutes=i) for i in range(5)])
    assert verify_ledger(services.db).ok and verify_ledger(services.db).events == 5
    services.db.execute("UPDATE events SET actor = 'mallory' WHERE seq = 3")
    services.db.conn.commit()
    check = verify_ledger(services.db)
    assert (check.ok, check.bad_seq, check.events) == (False, 3, 2)
    assert check.reason == "content does not match its hash (row changed)"


def test_a_question_under_the_brands_own_post_opens_a_case_without_naming_the_brand(services):
    services.pipeline.ingest([
        post("p1", "Uusi sovellusversio julkaistu!", author="NordeaSuomi"),
        post("c1", "Miksi kirjautuminen ei toimi?", minutes=5, in_reply_to="p1"),
        post("c2", "Kiva kuva", minutes=6, in_reply_to="p1"),
        post("c3", "Miksi kirjautuminen ei toimi?", minutes=7),
    ])
    case = case_for_mention(services.db, "x", "c1")
    assert case["state"] == "open" and case["brand"] == "Nordea" and case["thread_root"] == "p1"
    assert why(get_mention(services.db, "x", "c1")["verdict"]).startswith("on Nordea's own post · question")
    assert case_for_mention(services.db, "x", "c2") is None  # not a question: no case, still counted for the brand
    assert case_for_mention(services.db, "x", "c3") is None  # no brand, no brand post: not ours
    kinds = dict(services.db.execute("SELECT id, kind FROM mentions WHERE id IN ('c1', 'c2', 'c3')").fetchall())
    assert kinds == {"c1": "mention", "c2": "mention", "c3": "post"}
    stats = services.pipeline.ingest([post("r1", "Hei! Korjaus tulossa.", author="NordeaSuomi", minutes=20,
                                           in_reply_to="c1")])
    assert stats.cases_closed == 1 and get_case(services.db, case["id"])["state"] == "answered"
