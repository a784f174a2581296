"""The case loop through the real Bolt app over signed HTTP: alert -> claim -> reply modal -> answered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kuulo.bot.case_views import shown_case
from kuulo.bot.report import build_report
from kuulo.handlers.slack.views import REPLY_BLOCK, REPLY_CALLBACK, REPLY_INPUT
from kuulo.storage.ledger import case_events
from tests.fakes.bolt_http import post, serve_bolt
from tests.fakes.slack_signing import block_actions_body, signed_headers, slash_command_body, view_submission_body
from tests.slack_support import (
    ALERTS, AINO, BANK, OLLI, SANNA, SECRET, Env, action_ids, click, ephemerals, mrkdwn_texts, signed_post)

SIX = {"kuulo.claim", "kuulo.reply", "kuulo.answered", "kuulo.dismiss", "kuulo.snooze", "kuulo.escalate"}


def submit_reply(url: str, case_id: int, text: str, user: str = AINO) -> tuple[int, bytes]:
    body = view_submission_body(REPLY_CALLBACK, str(case_id),
                                {REPLY_BLOCK: {REPLY_INPUT: {"type": "plain_text_input", "value": text}}}, user)
    return signed_post(url, body)


def test_question_to_answer_through_slack(env: Env) -> None:
    case_id = env.ingest("1")
    assert env.desk.flush() == 1

    [alert] = env.fake.calls_to("chat.postMessage")
    assert alert.params["channel"] == BANK  # routed: Nordea + verkkopankki
    assert action_ids(alert.params["blocks"]) == SIX
    head = mrkdwn_texts(alert.params["blocks"])[0]
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|click me&gt; &amp; co" in head
    assert "<https://x.com/matti/status/1|matti>" in head
    channel, ts = env.alert_ref(case_id)

    with serve_bolt(env.app) as url:
        assert click(url, env, "kuulo.claim", str(case_id), AINO, case_id) == 200
        assert env.case(case_id)["claimed_by"] == "aino (U0AINO001)"
        assert "claimed by <@U0AINO001>" in str(env.fake.message(channel, ts)["blocks"])

        assert click(url, env, "kuulo.reply", f"{case_id}:2", AINO, case_id) == 200
        [opened] = env.fake.calls_to("views.open")
        shown = shown_case(env.services.db, env.services.engine, case_id)  # stored without them, shown with
        suggestions = [s["text"] for s in shown["verdict"]["suggestions"]]
        assert opened.params["view"]["callback_id"] == REPLY_CALLBACK
        assert opened.params["view"]["private_metadata"] == str(case_id)
        prefilled = opened.params["view"]["blocks"][1]["element"]["initial_value"]
        assert prefilled == suggestions[1]  # suggestion 2 as raw text (plain_text is never parsed)
        assert "limit 280 characters" in opened.params["view"]["blocks"][1]["label"]["text"]
        # an imported post: the modal says the reply is recorded, not sent
        assert opened.params["view"]["submit"]["text"] == "Record, not sent"
        assert "post it on x yourself" in opened.params["view"]["blocks"][1]["hint"]["text"]

        env.clock.advance(minutes=5)
        status, answer = submit_reply(url, case_id, "Hei matti! <!here> Katsotaan heti.")
    assert (status, answer) == (200, b"")

    case = env.case(case_id)
    assert (case["state"], case["responded_how"], case["responded_by"]) == (  # an import: Kuulo cannot post on x
        "answered", "recorded", "aino (U0AINO001)")
    message = env.fake.message(channel, ts)
    assert "kuulo.claim" not in str(message["blocks"])  # closed: no buttons left
    assert ("Answered by <@U0AINO001> with a reply recorded in Kuulo (not sent by Kuulo), 15m after the post"
            in str(message["blocks"]))
    thread = [m["text"] for m in env.fake.thread(channel, ts)[1:]]
    assert thread[-1] == ("<@U0AINO001> recorded a reply (not sent by Kuulo: post it on the platform yourself):\n"
                          "> Hei matti! &lt;!here&gt; Katsotaan heti.")
    assert [e["kind"] for e in case_events(env.services.db, case_id)] == ["opened", "claimed", "answered"]
    report = build_report(env.services.db, since=env.clock.now() - timedelta(days=1), until=env.clock.now(),
                          now=env.clock.now(), sla_seconds=3600)
    assert (report["total"]["answered"], report["total"]["frt_median_s"]) == (1, 900.0)


def test_forged_or_stale_signature_gets_401_and_changes_nothing(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    channel, ts = env.alert_ref(case_id)
    body = block_actions_body("kuulo.claim", str(case_id), AINO, channel, ts)
    now = int(datetime.now(timezone.utc).timestamp())

    with serve_bolt(env.app) as url:
        forged = post(url, body, signed_headers(body, "not-the-secret", now))[0]
        stale = post(url, body, signed_headers(body, SECRET, now - 600))[0]
        unsigned = post(url, body, {"Content-Type": "application/x-www-form-urlencoded"})[0]

    assert (forged, stale, unsigned) == (401, 401, 401)
    assert env.case(case_id)["state"] == "open"
    assert env.fake.calls_to("chat.update") == []


def test_someone_not_an_agent_is_refused_and_nothing_changes(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()

    with serve_bolt(env.app) as url:
        assert click(url, env, "kuulo.claim", str(case_id), OLLI, case_id) == 200
        assert click(url, env, "kuulo.reply", str(case_id), OLLI, case_id) == 200
        status, answer = submit_reply(url, case_id, "sneaky", user=OLLI)

    assert "not allowed" in ephemerals(env.fake, OLLI)[0]
    assert len(ephemerals(env.fake, OLLI)) == 2
    assert status == 200 and b"not allowed" in answer  # the modal shows the refusal
    assert env.case(case_id)["state"] == "open"
    assert [e["kind"] for e in case_events(env.services.db, case_id)] == ["opened"]
    assert env.fake.calls_to("chat.update") == [] and env.fake.calls_to("views.open") == []


def test_supervisor_may_act_via_group_and_dismiss_asks_the_reason(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.dismiss", str(case_id), SANNA, case_id, selected=f"{case_id}:spam")

    case = env.case(case_id)
    assert (case["state"], case["dismiss_reason"]) == ("dismissed", "spam")
    channel, ts = env.alert_ref(case_id)
    assert env.fake.thread(channel, ts)[-1]["text"] == "<@U0SANNA01> dismissed it: Spam."
    assert "Dismissed: Spam" in str(env.fake.message(channel, ts)["blocks"])


def test_snooze_tomorrow_is_nine_in_the_team_time_zone(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.snooze", str(case_id), AINO, case_id, selected=f"{case_id}:tomorrow")

    until = datetime.fromtimestamp(env.case(case_id)["snooze_until"], env.cfg.tz)
    assert (until.date(), until.hour, until.minute) == (env.clock.now().astimezone(env.cfg.tz).date()
                                                        + timedelta(days=1), 9, 0)


def test_an_action_that_does_not_fit_is_explained_only_to_the_clicker(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.answered", str(case_id), AINO, case_id)
        click(url, env, "kuulo.escalate", str(case_id), AINO, case_id)

    assert ephemerals(env.fake, AINO) == [
        "case 1 is already answered (by aino (U0AINO001), manual)"]
    assert env.case(case_id)["state"] == "answered"


def test_escalate_button_posts_to_the_escalation_channel_with_a_link(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.escalate", str(case_id), AINO, case_id)

    [escalated] = env.fake.messages("G0CRISIS1")
    assert "*Case #1*" in escalated["text"] and "|Open the alert>" in escalated["text"]
    assert "&lt;!channel&gt;" in escalated["text"] and "<!channel>" not in escalated["text"]
    assert env.case(case_id)["state"] == "escalated"


def test_an_over_long_reply_is_refused_in_the_modal(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        status, answer = submit_reply(url, case_id, "x" * 281)

    assert status == 200 and b"281 characters: the platform allows 280." in answer
    assert env.case(case_id)["state"] == "open"


def test_group_membership_and_names_are_cached_for_a_few_minutes(env: Env) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.claim", str(case_id), AINO, case_id)
        click(url, env, "kuulo.claim", str(case_id), AINO, case_id)
        assert len(env.fake.calls_to("usergroups.users.list")) == 1
        assert len(env.fake.calls_to("users.info")) == 1
        env.clock.advance(minutes=6)
        click(url, env, "kuulo.escalate", str(case_id), AINO, case_id)  # a change (a claim again would be none)

    assert len(env.fake.calls_to("usergroups.users.list")) == 2


def test_an_unexpected_failure_is_logged_with_its_traceback(env: Env, monkeypatch, caplog) -> None:
    case_id = env.ingest("1")
    env.desk.flush()

    def broken(cmd: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(env.desk.cases, "apply", broken)
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.claim", str(case_id), AINO, case_id)

    [record] = [r for r in caplog.records if r.name == "kuulo.handlers.slack.app"]
    assert record.getMessage() == "Slack listener failed on block_actions"
    assert record.exc_info and "disk on fire" in str(record.exc_info[1])
    assert ephemerals(env.fake, AINO) == []  # not a KuuloError: nothing half-true is shown


FORGED_NUMBERS = ["99999999999999999999", "9" * 5000, "²", "١", "", "abc"]


def test_a_control_or_form_with_a_forged_case_number_is_refused_in_words(env: Env, caplog) -> None:
    case_id = env.ingest("1")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        for forged in FORGED_NUMBERS:
            assert click(url, env, "kuulo.claim", forged, AINO, case_id) == 200
            status, answer = signed_post(url, view_submission_body(
                REPLY_CALLBACK, forged, {REPLY_BLOCK: {REPLY_INPUT: {"type": "plain_text_input", "value": "x"}}},
                AINO))
            assert status == 200 and b"no case id" in answer
        assert signed_post(url, slash_command_body("/kuulo", "case " + "9" * 5000, AINO, ALERTS))[0] == 200
    said = ephemerals(env.fake, AINO)
    assert len([t for t in said if "carries no case id" in t]) == len(FORGED_NUMBERS)
    assert env.case(case_id)["state"] == "open"  # '١' is no case 1
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
