"""Delivery to Slack through the outbox: outages, rate limits, permanent errors, reminders and escalations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.slack_response import SlackResponse

from kuulo.bot.cases import CaseCommand
from kuulo.bot.errors import TransportError
from kuulo.bot.models import Mention
from kuulo.handlers.slack.transport import translate
from kuulo.storage.db import write
from kuulo.storage.cases import case_view
from kuulo.storage.outbox import dead_items, enqueue, next_due
from tests.slack_support import ALERTS, BANK, ESCALATION, Env, make_env

QUESTION = "Onko S-Pankin sovellus rikki? Ei aukea."  # routed to the default channel


def alert_texts(env: Env, channel: str = ALERTS) -> list[str]:
    return [m["text"] for m in env.fake.messages(channel) if not m.get("thread_ts")]


def test_slack_down_for_a_while_then_every_alert_arrives_once_in_order(env: Env) -> None:
    ids = [env.ingest(str(n), f"{QUESTION} ({n})", author=f"user{n}") for n in range(3)]
    env.fake.down()
    assert env.desk.flush() == 0
    first = env.outbox()[0]
    assert first["attempts"] == 1 and "cannot reach Slack (ConnectionRefusedError" in first["last_error"]
    assert first["next_try_ts"] > env.clock.now().timestamp()  # backoff, not a hot loop

    env.clock.advance(minutes=5)
    assert env.desk.flush() == 0
    assert env.outbox()[0]["attempts"] == 2
    env.fake.up()
    assert env.desk.flush() == 0  # still waiting for its retry time: order kept, nothing skipped ahead
    env.clock.advance(minutes=15)
    assert env.desk.flush() == 3
    env.clock.advance(hours=1)
    assert env.desk.flush() == 0

    assert alert_texts(env) == [f"New S-Pankki mention on x from user{n} (case #{i})" for n, i in enumerate(ids)]
    assert [r["state"] for r in env.outbox()] == ["sent"] * 3


def test_ratelimited_waits_exactly_retry_after(env: Env) -> None:
    env.ingest("1", QUESTION)
    env.fake.fail_next("chat.postMessage", kind="ratelimited", retry_after=7)
    now = env.clock.now().timestamp()

    assert env.desk.flush() == 0
    [row] = env.outbox()
    assert (row["state"], row["next_try_ts"], row["attempts"]) == ("pending", now + 7, 1)
    assert "ratelimited" in row["last_error"]
    env.clock.advance(seconds=6)
    assert env.desk.flush() == 0 and len(env.fake.calls_to("chat.postMessage")) == 1
    env.clock.advance(seconds=1)
    assert env.desk.flush() == 1 and len(alert_texts(env)) == 1


def test_permanent_error_marks_the_row_dead_and_the_queue_moves_on(env: Env) -> None:
    env.ingest("1", QUESTION)
    env.ingest("2", QUESTION + " Vieläkin?")
    env.fake.fail_next("chat.postMessage", kind="error:channel_not_found")

    assert env.desk.flush() == 1
    env.clock.advance(hours=1)
    assert env.desk.flush() == 0  # no retry of the dead row

    [dead] = dead_items(env.services.db)
    assert dead["case_id"] == 1 and "channel_not_found" in dead["last_error"]
    assert len(env.fake.calls_to("chat.postMessage")) == 2
    assert [r["state"] for r in env.outbox()] == ["dead", "sent"]


def test_5xx_is_retried(env: Env) -> None:
    env.ingest("1", QUESTION)
    env.fake.fail_next("chat.postMessage", kind="5xx")
    assert env.desk.flush() == 0
    assert "HTTP 503" in env.outbox()[0]["last_error"]
    env.clock.advance(minutes=30)
    assert env.desk.flush() == 1


def test_an_update_that_failed_half_way_does_not_repeat_its_first_half(env: Env) -> None:
    case_id = env.ingest("1", QUESTION)
    env.desk.flush()
    env.services.cases.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    env.fake.fail_next("chat.postMessage", kind="5xx")  # the thread line fails after chat.update went through

    assert env.desk.flush() == 0
    env.clock.advance(minutes=30)
    assert env.desk.flush() == 1

    assert len(env.fake.calls_to("chat.update")) == 1
    channel, ts = env.alert_ref(case_id)
    assert [m["text"] for m in env.fake.thread(channel, ts)[1:]] == ["<@U0AINO001> claimed it."]


def test_a_restart_between_the_halves_does_not_repeat_the_first(env: Env, tmp_path) -> None:
    case_id = env.ingest("1", QUESTION)
    env.desk.flush()
    env.services.cases.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    env.fake.fail_next("chat.postMessage", kind="5xx")
    assert env.desk.flush() == 0
    env.desk.close()

    restarted = make_env(env.fake, tmp_path, env.clock)  # a new process: same database, empty memory
    env.clock.advance(minutes=30)
    assert restarted.desk.flush() == 1

    assert len(env.fake.calls_to("chat.update")) == 1
    channel, ts = env.alert_ref(case_id)
    assert [m["text"] for m in env.fake.thread(channel, ts)[1:]] == ["<@U0AINO001> claimed it."]


def _queue(env: Env, kind: str, payload: dict) -> None:
    with write(env.services.db) as db:
        enqueue(db, ("slack",), kind=kind, case_id=payload["case_id"], payload=payload,
                ts=env.clock.now().timestamp())


def test_reminder_mentions_the_claimer_or_the_routes_on_duty_group(env: Env) -> None:
    claimed = env.ingest("1", QUESTION)
    routed = env.ingest("2")  # Nordea + verkkopankki: on duty S0CMTEAM1
    env.desk.flush()
    env.services.cases.apply(CaseCommand("claim", claimed, "aino (U0AINO001)"))
    _queue(env, "reminder", {"case_id": claimed, "claimed_by": "aino (U0AINO001)"})
    _queue(env, "reminder", {"case_id": routed, "claimed_by": None})
    assert env.desk.flush() == 3

    channel, ts = env.alert_ref(claimed)
    assert env.fake.thread(channel, ts)[-1]["text"].startswith("<@U0AINO001> :alarm_clock: Case #1 is close to")
    channel, ts = env.alert_ref(routed)
    assert channel == BANK
    assert env.fake.thread(channel, ts)[-1]["text"].startswith("<!subteam^S0CMTEAM1> :alarm_clock: Case #2")


def test_a_reminder_that_waited_past_the_target_is_dropped_and_one_at_the_target_goes(env: Env) -> None:
    """At exactly the target a case is within it, as the sweep and the report count (the desk dropped that
    reminder); a second after it the escalation speaks, not a reminder."""
    sla_minutes = env.services.config.sla_seconds / 60
    at_target = env.ingest("1", QUESTION, minutes_ago=sla_minutes)
    past = env.ingest("3", f"{QUESTION} (3)", author="user3", minutes_ago=sla_minutes + 1 / 60)
    env.desk.flush()
    for case_id in (at_target, past):
        _queue(env, "reminder", {"case_id": case_id})
    assert env.desk.flush() == 2
    reminded = [case_id for case_id in (at_target, past)
                if "close to its first-response target" in env.fake.thread(*env.alert_ref(case_id))[-1]["text"]]
    assert reminded == [at_target]


def test_a_reminder_that_waited_pings_who_holds_the_case_now_and_none_after_a_snooze(env: Env) -> None:
    taken, snoozed = env.ingest("1", QUESTION), env.ingest("3", f"{QUESTION} (3)", author="user3")
    for case_id in (taken, snoozed):
        env.services.cases.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
        _queue(env, "reminder", {"case_id": case_id, "claimed_by": "aino (U0AINO001)"})  # as a sweep queued it
    env.services.cases.apply(CaseCommand("claim", taken, "mikko (U0MIKKO01)"))  # taken over while it waited
    env.services.cases.apply(CaseCommand("snooze", snoozed, "aino (U0AINO001)",
                                         until=env.clock.now() + timedelta(hours=2)))
    env.desk.flush()

    channel, ts = env.alert_ref(taken)
    reminders = [m["text"] for m in env.fake.thread(channel, ts) if ":alarm_clock:" in m["text"]]
    assert len(reminders) == 1 and reminders[0].startswith("<@U0MIKKO01> :alarm_clock: Case #1")
    channel, ts = env.alert_ref(snoozed)
    assert not [m for m in env.fake.thread(channel, ts) if ":alarm_clock:" in m["text"]]


def test_escalation_at_breach_posts_a_link_and_redraws_the_alert(env: Env) -> None:
    case_id = env.ingest("1", QUESTION, minutes_ago=61)
    env.desk.flush()
    _queue(env, "escalation", {"case_id": case_id, "reason": "sla_breach"})
    assert env.desk.flush() == 1

    [post] = env.fake.messages(ESCALATION)
    channel, ts = env.alert_ref(case_id)
    assert f"archives/{channel}/p{ts.replace('.', '')}|Open the alert>" in post["text"]
    assert "SLA breached" in post["text"]
    assert "breached 1m ago" in str(env.fake.message(channel, ts)["blocks"])
    assert env.fake.thread(channel, ts)[-1]["text"] == ":rotating_light: Escalated: SLA breached."
    # what quotes a post is a verbatim section, so Slack links none of its bare addresses or #channels
    for message in (post, env.fake.thread(channel, ts)[-1]):
        [block] = message["blocks"]
        assert block["text"] == {"type": "mrkdwn", "text": message["text"], "verbatim": True}


@pytest.mark.parametrize("gone", ["message_not_found", "channel_not_found", "not_in_channel", "is_archived"])
def test_an_escalation_reaches_the_escalation_channel_when_the_alert_is_gone(env: Env, gone: str) -> None:
    case_id = env.ingest("1", QUESTION, minutes_ago=61)
    env.desk.flush()
    _queue(env, "escalation", {"case_id": case_id, "reason": "sla_breach"})
    env.fake.fail_next("chat.update", 1, kind=f"error:{gone}")  # deleted, or the bot removed, or archived
    env.fake.fail_next("chat.getPermalink", 1, kind=f"error:{gone}")
    assert env.desk.flush() == 1
    [post] = env.fake.messages(ESCALATION)
    assert post["text"].startswith(":rotating_light: *Case #1* (S-Pankki, x) SLA breached.\nmatti wrote:")  # no link
    assert dead_items(env.services.db) == []


def test_an_agents_escalation_reaches_the_escalation_channel_when_the_alert_is_gone(env: Env) -> None:
    case_id = env.ingest("1", QUESTION)
    env.desk.flush()
    env.fake.fail_next("chat.update", 2, kind="error:message_not_found")
    env.services.cases.apply(CaseCommand("escalate", case_id, "aino (U0AINO001)"))
    env.desk.flush()
    assert [m["text"].split(".", 1)[0] for m in env.fake.messages(ESCALATION)] == [
        ":rotating_light: *Case #1* (S-Pankki, x) escalated by aino (U0AINO001)"]
    assert dead_items(env.services.db) == []


def test_reminder_for_a_case_answered_meanwhile_is_dropped(env: Env) -> None:
    case_id = env.ingest("1", QUESTION)
    env.desk.flush()
    _queue(env, "reminder", {"case_id": case_id, "claimed_by": None})
    env.services.cases.apply(CaseCommand("answer", case_id, "aino (U0AINO001)"))
    posts_before = len(env.fake.calls_to("chat.postMessage"))
    assert env.desk.flush() == 2

    assert [c.params["text"] for c in env.fake.calls_to("chat.postMessage")[posts_before:]] == [
        "<@U0AINO001> marked it answered."]


@pytest.mark.parametrize("error, permanent", [
    ("not_in_channel", True), ("invalid_blocks", True), ("missing_scope", True),
    ("invalid_auth", False), ("account_inactive", False), ("token_revoked", False)])
def test_a_messages_own_refusal_is_permanent_and_the_tokens_waits(error: str, permanent: bool) -> None:
    response = SlackResponse(client=None, http_verb="POST", api_url="x", req_args={}, data={"ok": False,
                             "error": error}, headers={}, status_code=200)
    exc = translate(SlackApiError("refused", response), "chat.postMessage")
    assert isinstance(exc, TransportError) and exc.permanent == permanent and error in str(exc)


def test_a_token_refused_for_a_while_loses_no_alert(env: Env) -> None:
    """invalid_auth refused every message alike: each was marked dead in one round and none ever sent (found by a
    red-team probe); now they wait, in order, until the token works again."""
    ids = [env.ingest(str(n), f"{QUESTION} ({n})", author=f"user{n}") for n in range(5)]
    env.fake.fail_next("chat.postMessage", 3, kind="error:invalid_auth")
    for _ in range(3):
        assert env.desk.flush() == 0
        env.clock.advance(hours=1)
    assert dead_items(env.services.db) == []
    assert "Slack refused the token (invalid_auth)" in env.outbox()[0]["last_error"]
    assert env.desk.flush() == 5
    assert alert_texts(env) == [f"New S-Pankki mention on x from user{n} (case #{i})" for n, i in enumerate(ids)]


def test_the_brands_own_reply_on_the_platform_closes_the_alert(env: Env) -> None:
    case_id = env.ingest("1", QUESTION, minutes_ago=20)
    env.desk.flush()
    reply = Mention(platform="x", id="2", author="SPankki", text="Hei! Korjattu jo.", in_reply_to="1",
                    created_at=env.clock.now() - timedelta(minutes=5))
    env.services.pipeline.ingest([reply])
    assert env.desk.flush() == 1

    channel, ts = env.alert_ref(case_id)
    blocks = str(env.fake.message(channel, ts)["blocks"])
    assert "Answered by @SPankki on the platform, 15m after the post" in blocks and "kuulo.claim" not in blocks
    assert env.fake.thread(channel, ts)[-1]["text"] == "Answered on the platform by the brand's own account."


def test_a_row_two_workers_picked_up_is_sent_once(env: Env) -> None:
    case_id = env.ingest("1", QUESTION)
    [item] = next_due(env.services.db, "slack", env.clock.now().timestamp())
    view = case_view(env.services.db, case_id)

    first = env.desk.handler.deliver(item, view, None)  # e.g. the scheduler's worker
    second = env.desk.handler.deliver(item, view, None)  # a listener's flush that read the row before it was marked

    assert first == second and len(env.fake.calls_to("chat.postMessage")) == 1


def test_a_refused_telegram_token_waits_too_and_a_chat_that_is_gone_is_given_up() -> None:
    from telegram.error import BadRequest, InvalidToken

    from kuulo.handlers.telegram.transport import translate as telegram_translate

    token = telegram_translate(InvalidToken(), "sendMessage", "123:secret")
    gone = telegram_translate(BadRequest("Chat not found"), "sendMessage", "123:secret")
    assert (token.permanent, gone.permanent) == (False, True)
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in str(token) and "secret" not in str(token)


@pytest.mark.parametrize("header, wait", [("7", 7.0), ("0", 1.0), ("-5", 30.0), ("nan", 30.0), ("abc", 30.0),
                                          ("inf", 30.0)])
def test_a_rate_limits_wait_is_a_number_of_seconds_or_the_default(header: str, wait: float) -> None:
    """'-5' or '0' made the row due at once and, a rate limit being no failure, asked again every half second for as
    long as the server said so; 'nan' waited an hour where 'abc' waited 30 s (found by a red-team probe)."""
    response = SlackResponse(client=None, http_verb="POST", api_url="x", req_args={}, data={"ok": False,
                             "error": "ratelimited"}, headers={"Retry-After": header}, status_code=429)
    assert translate(SlackApiError("limited", response), "chat.postMessage").retry_after == wait


def test_a_rate_limit_in_one_channel_holds_only_that_channel(env: Env) -> None:
    first = env.ingest("1", f"{QUESTION} (1)", author="user1")
    second = env.ingest("2", f"{QUESTION} (2)", author="user2")
    env.ingest("3")  # Nordea's online bank: routed to BANK
    env.fake.fail_next("chat.postMessage", kind="ratelimited", retry_after=60, channel=ALERTS)

    assert env.desk.flush() == 1  # BANK's alert went; the default channel's two wait
    assert len(alert_texts(env, BANK)) == 1 and alert_texts(env) == []

    def asked(channel: str) -> int:
        return [c.params.get("channel") for c in env.fake.calls_to("chat.postMessage")].count(channel)
    assert asked(ALERTS) == 1  # the second alert waited without asking Slack again
    env.clock.advance(seconds=59)
    assert env.desk.flush() == 0 and asked(ALERTS) == 1
    env.clock.advance(seconds=1)
    assert env.desk.flush() == 2
    assert alert_texts(env) == [f"New S-Pankki mention on x from user{n} (case #{i})"
                                for n, i in ((1, first), (2, second))]
