"""Support conversations as a community manager reads them: only the case's brand answers its case, every customer's
question in a thread is a case of its own, and a question later in a conversation is linked to it whatever post it
replies to (found by a probe of real-looking threads, 2026-12-06)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from kuulo.bot.cases import CaseCommand
from kuulo.bot.models import Mention
from kuulo.bot.threads import ThreadPost, plan_thread
from kuulo.storage.cases import case_for_mention, get_case

QUESTION = dict(needs_reply=True, is_question=True, negative=False)
CHAT = dict(needs_reply=False, is_question=False, negative=False)


def post(id: str, minute: float, author: str, parent: str | None = None, *, own: str | None = None,
         brand: str | None = "Nordea", **kind: bool) -> ThreadPost:
    return ThreadPost(id, parent, minute * 60, author, own, None if own else brand, None, "normal",
                      **(kind or (CHAT if own else QUESTION)))


def answered_by(plan, case: str) -> list[str]:
    return [r.by for r in plan.cases[case].responses]


def test_another_brands_account_answers_nobody_elses_case():
    plan = plan_thread([post("q", 0, "tero"), post("r", 5, "OPryhma", "q", own="OP"),
                        post("q2", 1, "noora", brand="S-Pankki"), post("r2", 3, "NordeaSuomi", "q2", own="Nordea")],
                       (), "needs_reply")
    assert answered_by(plan, "q") == [] and answered_by(plan, "q2") == []
    plan = plan_thread([post("q", 0, "tero"), post("r", 5, "NordeaSuomi", "q", own="Nordea")], (), "needs_reply")
    assert answered_by(plan, "q") == ["@NordeaSuomi"]


def test_a_question_after_thanks_is_a_case_linked_to_the_conversation():
    thread = [post("q", 0, "raili"), post("a", 10, "NordeaSuomi", "q", own="Nordea"),
              post("k", 12, "raili", "a", brand=None, **CHAT),  # "Kiitos!": no case
              post("n", 107, "raili", "k", brand=None)]  # "Ei toimi sittenkään, miksi …?" replying to her thanks
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["n", "q"] and plan.cases["n"].parent == "q" and plan.cases["n"].brand == "Nordea"


def test_another_customers_question_in_the_thread_is_their_own_case():
    thread = [post("m", 0, "marko"), post("l", 5, "leena", "m"),  # "Sama ongelma! Miksi minunkaan …?"
              post("r", 20, "NordeaSuomi", "m", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["l", "m"] and plan.cases["l"].parent == "m"
    assert answered_by(plan, "m") == ["@NordeaSuomi"] and answered_by(plan, "l") == []


def test_two_accounts_of_one_name_are_two_customers_and_one_renamed_account_is_one():
    thread = [replace(post("q", 0, "Anu Laine"), author_id="111"),
              replace(post("q2", 5, "Anu Laine", "q"), author_id="999"),  # another Anu Laine asks too
              post("r", 20, "NordeaSuomi", "q2", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["q", "q2"] and plan.cases["q2"].parent == "q"
    assert answered_by(plan, "q") == [] and answered_by(plan, "q2") == ["@NordeaSuomi"]
    renamed = [thread[0], replace(post("f", 5, "Anu L.", "q"), author_id="111")]  # the same account, renamed
    plan = plan_thread(renamed, (), "needs_reply")
    assert sorted(plan.cases) == ["q"] and plan.cases["q"].follow_ups == ["f"]
    plain = [post("q", 0, "Anu Laine"), replace(post("f", 5, "@anu laine", "q"), author_id="999")]  # an id on one
    assert plan_thread(plain, (), "needs_reply").cases["q"].follow_ups == ["f"]  # side only: the handle decides


def test_a_reply_to_another_customers_me_too_does_not_answer_the_first_customer():
    thread = [post("a", 0, "aki"), post("s", 1, "minna", "a", brand=None, **CHAT),  # "Sama täällä"
              post("r", 10, "NordeaSuomi", "s", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["a"] and answered_by(plan, "a") == []


def test_the_customers_own_follow_ups_still_join_their_case():
    thread = [post("a", 0, "aki"), post("s", 1, "minna", "a", brand=None, **CHAT),
              post("f", 2, "aki", "s", brand=None), post("f2", 3, "aki", "a", brand=None),
              post("r", 10, "NordeaSuomi", "f", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["a"] and plan.cases["a"].follow_ups == ["f", "f2"]
    assert answered_by(plan, "a") == ["@NordeaSuomi"]


def test_the_customers_reply_under_a_competitors_answer_follows_up_their_own_case():
    """A competitor's "switch to us" is not the customer's case's post, but the customer's reply to it is still their
    own case's follow-up, which their brand then answers (it opened an OP case "on OP's own post"; a probe)."""
    thread = [post("q", 0, "aki"), post("op", 5, "OPryhma", "q", own="OP"),  # "Switch to OP!"
              post("f", 10, "aki", "op", brand=None),  # "Hmm OK, why should I?"
              post("r", 30, "NordeaSuomi", "f", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["q"] and plan.cases["q"].follow_ups == ["f"]
    assert answered_by(plan, "q") == ["@NordeaSuomi"] and plan.cases["q"].response.ts == 30 * 60


def test_the_customers_reply_under_another_customers_answered_case_follows_up_their_own_open_one():
    thread = [post("c1", 0, "carol"), post("c2", 5, "dan", "c1"),  # "same problem here, why?"
              post("c3", 10, "NordeaSuomi", "c2", own="Nordea"),  # answers dan
              post("c4", 15, "carol", "c3", brand=None), post("c5", 16, "carol", "c2", brand=None)]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["c1", "c2"] and plan.cases["c1"].follow_ups == ["c4", "c5"]
    assert answered_by(plan, "c1") == [] and answered_by(plan, "c2") == ["@NordeaSuomi"]
    answered = [*thread, post("c6", 20, "NordeaSuomi", "c4", own="Nordea")]  # the brand answers her follow-up
    plan = plan_thread(answered, (), "needs_reply")
    assert answered_by(plan, "c1") == ["@NordeaSuomi"]
    later = [*answered, post("c7", 25, "carol", "c3", brand=None)]  # after her answer: a new case, linked to her own
    plan = plan_thread(later, (), "needs_reply")
    assert plan.cases["c7"].parent == "c1" and plan.cases["c1"].follow_ups == ["c4", "c5"]


def test_a_reply_naming_another_brand_is_no_follow_up_of_the_customers_case_elsewhere():
    thread = [post("q", 0, "aki"), post("op", 5, "OPryhma", "q", own="OP"),
              post("f", 10, "aki", "op", brand="OP")]  # "OP, what is your margin then?": a question to OP
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["f", "q"] and plan.cases["q"].follow_ups == []


def test_a_reply_naming_another_brand_under_the_customers_own_case_opens_that_brands_case():
    """Wherever it sits, "@OPryhma can I move my account to you?" is a question to OP: under the customer's own
    Nordea question it was folded into the Nordea case and OP's answer answered nothing (found by a probe)."""
    for parent in ("q", "m"):  # under her own question, under another customer's "same here"
        thread = [post("q", 0, "ella"), post("m", 1, "outi", "q", brand=None, **CHAT),
                  post("f", 10, "ella", parent, brand="OP"), post("r", 20, "OPryhma", "f", own="OP")]
        plan = plan_thread(thread, (), "needs_reply")
        assert sorted(plan.cases) == ["f", "q"] and plan.cases["q"].follow_ups == []
        assert plan.cases["f"].brand == "OP" and answered_by(plan, "f") == ["@OPryhma"]


def test_a_customer_asking_again_under_another_customers_post_is_linked_to_their_own_first_case():
    thread = [post("a1", 0, "anna"), post("r1", 20, "NordeaSuomi", "a1", own="Nordea"),
              post("b1", 30, "ben", "a1"),  # Ben's own question: linked to Anna's, the conversation's
              post("a2", 40, "anna", "b1")]  # Anna again, after her answer, replying to Ben
    plan = plan_thread(thread, (), "needs_reply")
    assert plan.cases["b1"].parent == "a1" and plan.cases["a2"].parent == "a1"


def test_a_brands_reply_to_a_same_here_answers_that_customers_open_case_and_a_question_under_it_is_linked():
    """Sanna's "same here" joins no case; her own question a minute later does. The brand's reply to her "same here"
    answers her open case (it answered none), and Outi's question under a brand reply that answered no case is
    linked to the conversation's case (it was unlinked; found by a probe)."""
    thread = [post("m", 0, "matti"), post("s", 5, "sanna", "m", brand=None, **CHAT),
              post("q", 10, "sanna", "m"), post("r", 30, "OPryhma", "s", own="OP")]
    plan = plan_thread([replace(p, brand="OP") if not p.own_brand and p.brand else p for p in thread], (),
                       "needs_reply")
    assert answered_by(plan, "q") == ["@OPryhma"] and answered_by(plan, "m") == []
    thread = [post("h", 0, "heikki"), post("o", 5, "outi", "h", brand=None, **CHAT),
              post("r", 10, "NordeaSuomi", "o", own="Nordea"), post("o2", 20, "outi", "r", brand=None)]
    plan = plan_thread(thread, (), "needs_reply")
    assert plan.cases["o2"].parent == "h" and answered_by(plan, "h") == []


@pytest.mark.parametrize("written", ["Aki", "@aki", " aki ", "AKI"])
def test_the_customer_is_one_account_however_the_export_wrote_the_handle(written):
    thread = [post("a", 0, "aki"), post("f", 2, written, "a", brand=None),
              post("r", 10, "NordeaSuomi", "f", own="Nordea")]
    plan = plan_thread(thread, (), "needs_reply")
    assert sorted(plan.cases) == ["a"] and plan.cases["a"].follow_ups == ["f"]
    assert answered_by(plan, "a") == ["@NordeaSuomi"]


def test_a_brand_reply_from_a_spreadsheets_padded_handle_closes_the_case(services):
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    services.pipeline.ingest([
        Mention(platform="x", id="1", author="matti", text="Miksi Nordean sovellus ei toimi?", created_at=t0),
        Mention(platform="x", id="2", author=" @NordeaSuomi ", text="Hei! Katsotaan.", in_reply_to="1",
                created_at=t0 + timedelta(minutes=7))])
    case = get_case(services.db, case_for_mention(services.db, "x", "1")["id"])
    assert case["state"] == "answered" and case["responded_ts"] - case["created_ts"] == 7 * 60
    assert case["responded_by"] == "@NordeaSuomi"  # one agent in the report, however the cell was padded


def test_a_claim_on_a_follow_ups_case_holds_the_question_it_joins(services, clock):
    """A follow-up that came before its question opened a case someone claimed; when the question arrives the case
    merges into the question's, and the claim holds that case, as if the posts had come in order (report probe)."""
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    question = Mention(platform="x", id="q", author="matti", text="Miksi Nordean sovellus ei toimi?", created_at=t0)
    follow_up = Mention(platform="x", id="f", author="matti", text="Nordea, miksi kukaan ei vastaa?", in_reply_to="q",
                        created_at=t0 + timedelta(minutes=5))
    services.pipeline.ingest([follow_up])
    early = case_for_mention(services.db, "x", "f")["id"]
    services.cases.apply(CaseCommand("claim", early, "Bob"))
    services.pipeline.ingest([question])
    case = get_case(services.db, case_for_mention(services.db, "x", "q")["id"])
    assert get_case(services.db, early)["state"] == "merged"
    assert (case["state"], case["claimed_by"]) == ("claimed", "Bob")


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_the_brands_reply_to_the_second_of_two_namesakes_answers_only_the_second(services, order):
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
    posts = [Mention(platform="x", id="1", author="Anu Laine", author_id="111", created_at=t0,
                     text="Miksi Nordean sovellus ei toimi?"),
             Mention(platform="x", id="2", author="Anu Laine", author_id="999", in_reply_to="1",
                     created_at=t0 + timedelta(minutes=5), text="Nordea, miksi korttini ei käy?"),
             Mention(platform="x", id="3", author="NordeaSuomi", in_reply_to="2", text="Hei! Katsotaan.",
                     created_at=t0 + timedelta(minutes=20))]
    for i in order:
        services.pipeline.ingest([posts[i]])
    first, second = (get_case(services.db, case_for_mention(services.db, "x", i)["id"]) for i in "12")
    assert (first["state"], second["state"]) == ("open", "answered")
    assert second["responded_ts"] - second["created_ts"] == 15 * 60
