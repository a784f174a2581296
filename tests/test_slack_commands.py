"""`/kuulo` and the App Home through the real Bolt app over signed HTTP."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, strategies as st

from kuulo.bot.cases import CaseCommand
from kuulo.handlers.slack.auth import NOT_AGENT, NOT_SUPERVISOR
from kuulo.handlers.slack.home import refresh_homes
from tests.fakes.bolt_http import serve_bolt
from tests.fakes.slack_payloads import event_callback_payload
from tests.slack_support import AINO, MIKKO, OLLI, SANNA, Env, click, command, ephemerals, signed_post

QUESTION = "Onko S-Pankin sovellus rikki? <!channel>"


def test_queue_lists_open_cases_oldest_first_only_to_the_asker(env: Env) -> None:
    newer = env.ingest("1", QUESTION, minutes_ago=5)
    older = env.ingest("2", QUESTION + " Taas?", minutes_ago=90, author="<@U0BOSS>")
    env.services.cases.apply(CaseCommand("claim", newer, "mikko (U0MIKKO01)"))
    with serve_bolt(env.app) as url:
        status, _ = command(url, "queue", AINO)

    [text] = ephemerals(env.fake, AINO)
    assert status == 200
    lines = text.splitlines()
    assert lines[0] == "*Open cases* (2), oldest first:"
    assert lines[1].startswith(f"• *#{older}* open · S-Pankki · x · 1h 30m :rotating_light: breached · &lt;@U0BOSS&gt;")
    assert lines[2].startswith(f"• *#{newer}* claimed · <@U0MIKKO01> · S-Pankki · x · 5m · matti: ")
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text


def test_report_and_stats_are_for_supervisors(env: Env) -> None:
    case_id = env.ingest("1", QUESTION, minutes_ago=30)
    env.services.cases.apply(CaseCommand("answer", case_id, "aino (U0AINO001)"))
    with serve_bolt(env.app) as url:
        command(url, "report week", AINO)
        command(url, "report week", SANNA)
        command(url, "stats 7d", SANNA)
        command(url, "report year", SANNA)

    assert ephemerals(env.fake, AINO) == [NOT_SUPERVISOR]
    report, stats, wrong = ephemerals(env.fake, SANNA)
    assert report.startswith("*Kuulo report, this week so far*\n```\nKuulo report ") and "brand: S-Pankki" in report
    assert "1 cases · 1 answered" in stats and "median 30m" in stats
    assert wrong == "report: expected today, yesterday, week, last-week, month, last-month, got 'year'"


def test_case_help_and_unknown(env: Env) -> None:
    case_id = env.ingest("1", QUESTION)
    env.services.cases.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    with serve_bolt(env.app) as url:
        command(url, f"case {case_id}", MIKKO)
        command(url, "case 999", MIKKO)
        command(url, "help", MIKKO)
        command(url, "frobnicate", MIKKO)

    shown, missing, helptext, unknown = ephemerals(env.fake, MIKKO)
    assert shown.startswith(f"*Case #{case_id}* · S-Pankki · x")
    assert "\n:raising_hand: Claimed · claimed by <@U0AINO001>\n" in shown
    assert shown.endswith("*History:*\n• 12:00 opened by kuulo\n• 12:00 claimed by <@U0AINO001>")
    assert missing == "case 999 does not exist"
    assert "`/kuulo queue`" in helptext and "`kuulo.snooze`" in helptext
    assert unknown.startswith("unknown subcommand 'frobnicate'.")


@pytest.mark.parametrize("text, answer", [
    ("stats 100000000d", "stats: a period of at most 3660d (ten years), got '100000000d'"),
    ("stats 99999999999999999999999999w",
     "stats: a period of at most 3660d (ten years), got '99999999999999999999999999w'"),
    ("stats " + "9" * 50 + "d", "stats: expected a period like 7d or 24h, got '" + "9" * 39 + "…'"),
    ("stats 0d", "stats: expected a period like 7d or 24h, got '0d'"),
    ("stats -5d", "stats: expected a period like 7d or 24h, got '-5d'"),
    ("stats <!channel>", "stats: expected a period like 7d or 24h, got '&lt;!channel&gt;'"),
    ("case 99999999999999999999999", "case 99999999999999999999999 does not exist"),
    ("case ١٢", "usage: `/kuulo case ID`, e.g. `/kuulo case 42`"),  # Arabic-Indic digits are digits to isdigit()
    ("report <@U0AINO001>", "report: expected today, yesterday, week, last-week, month, last-month, "
                            "got '&lt;@u0aino001&gt;'"),
    ("<!here>", "unknown subcommand '&lt;!here&gt;'."),
])
def test_absurd_arguments_get_a_clear_answer(env: Env, text: str, answer: str) -> None:
    with serve_bolt(env.app) as url:
        assert command(url, text, SANNA)[0] == 200
    [shown] = ephemerals(env.fake, SANNA)
    assert shown.split("\n")[0] == answer


def test_a_bug_in_a_subcommand_still_answers_and_is_logged(env: Env, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    from kuulo.handlers.slack import commands

    def broken(*args: object, **kwargs: object) -> str:
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(commands, "queue_text", broken)
    with serve_bolt(env.app) as url:
        command(url, "queue", AINO)
    assert ephemerals(env.fake, AINO) == [commands.FAILED]
    assert "ZeroDivisionError: boom" in caplog.text


def test_outsider_command_is_refused_in_the_ack(env: Env) -> None:
    env.ingest("1", QUESTION)
    with serve_bolt(env.app) as url:
        status, body = command(url, "queue", OLLI)

    assert (status, body.decode()) == (200, NOT_AGENT)
    assert env.fake.calls_to("chat.postEphemeral") == []


def test_app_home_shows_my_claims_and_the_queue(env: Env) -> None:
    for n in range(30):  # more than the tab shows: it reads its rows and a count, never the whole queue
        env.ingest(f"old{n}", QUESTION)
    mine = env.ingest("1", QUESTION)
    env.ingest("2", QUESTION + " Taas?")
    env.services.cases.apply(CaseCommand("claim", mine, "aino (U0AINO001)"))
    env.services.cases.apply(CaseCommand("claim", mine - 1, "x (U0AINO0011)"))  # another id that ends alike
    events = [event_callback_payload({"type": "app_home_opened", "user": user, "channel": "D0HOME1", "tab": "home",
                                      "event_ts": "1700000000.000200"}, event_id=f"Ev{user}") for user in (AINO, OLLI)]
    with serve_bolt(env.app) as url:
        for payload in events:
            assert signed_post(url, json.dumps(payload).encode(), "application/json")[0] == 200

    home = env.fake.state.home_views[AINO]["blocks"]
    texts = [b["text"]["text"] for b in home if b["type"] in ("section", "header")]
    assert texts[0] == "Your claimed cases" and texts[1].startswith(f"*#{mine}*")
    assert texts[2] == "Open queue (32)" and len(texts) == 3 + 20
    assert "not one of this team's Kuulo agents" in str(env.fake.state.home_views[OLLI]["blocks"])


def _open_home(url: str, user: str) -> None:
    payload = event_callback_payload({"type": "app_home_opened", "user": user, "channel": "D0HOME1", "tab": "home",
                                      "event_ts": "1700000000.000200"}, event_id=f"Ev{user}{time.time_ns()}")
    assert signed_post(url, json.dumps(payload).encode(), "application/json")[0] == 200


def _queue_heading(fake, user: str) -> str:
    blocks = fake.state.home_views[user]["blocks"]
    return next(b["text"]["text"] for b in blocks if b["type"] == "header" and "Open queue" in b["text"]["text"])


def test_open_home_tabs_follow_the_queue(env: Env) -> None:
    first = env.ingest("1", QUESTION)
    env.desk.flush()
    assert refresh_homes(env.desk, env.client) == []  # nobody has the tab open
    with serve_bolt(env.app) as url:
        _open_home(url, AINO)
        assert _queue_heading(env.fake, AINO) == "Open queue (1)"
        publishes = len(env.fake.calls_to("views.publish"))

        assert refresh_homes(env.desk, env.client) == []  # nothing went out since: no redraw
        env.ingest("2", QUESTION + " Taas?")
        env.desk.flush()
        assert refresh_homes(env.desk, env.client) == [AINO]
        assert _queue_heading(env.fake, AINO) == "Open queue (2)"

        click(url, env, "kuulo.answered", str(first), MIKKO, first)  # an action redraws at once
        assert _queue_heading(env.fake, AINO) == "Open queue (1)"
        assert len(env.fake.calls_to("views.publish")) == publishes + 2

        env.clock.advance(hours=9)  # the tab is long forgotten: no more redraws for aino
        env.ingest("3", QUESTION + " Vieläkin?")
        env.desk.flush()
        assert refresh_homes(env.desk, env.client) == []


def test_someone_not_an_agent_sees_the_refusal_once_and_is_not_redrawn(env: Env) -> None:
    first = env.ingest("1", QUESTION)
    env.desk.flush()
    with serve_bolt(env.app) as url:
        _open_home(url, OLLI)  # before aino: a stranger kept as a viewer was redrawn first
        _open_home(url, AINO)
        env.ingest("2", QUESTION + " Taas?")
        env.desk.flush()
        assert refresh_homes(env.desk, env.client) == [AINO]
        click(url, env, "kuulo.answered", str(first), MIKKO, first)
    to_olli = [c for c in env.fake.calls_to("views.publish") if c.params["user_id"] == OLLI]
    assert len(to_olli) == 1 and "not one of this team's Kuulo agents" in str(to_olli[0].params["view"])
    assert list(env.desk.home_viewers) == [AINO]


def test_a_home_tab_that_cannot_be_drawn_does_not_stop_the_others(env: Env) -> None:
    env.ingest("1", QUESTION)
    env.desk.flush()
    refresh_homes(env.desk, env.client)
    with serve_bolt(env.app) as url:
        _open_home(url, AINO)
        _open_home(url, MIKKO)
    env.ingest("2", QUESTION + " Taas?")
    env.desk.flush()
    env.fake.fail_next("views.publish", kind="ratelimited")
    assert refresh_homes(env.desk, env.client) == []  # Slack asked to slow down: everyone next time
    env.fake.fail_next("views.publish", kind="error:user_not_found")
    assert refresh_homes(env.desk, env.client) == [MIKKO]  # aino's account is gone: dropped, mikko redrawn
    env.ingest("3", QUESTION + " Vieläkin?")
    env.desk.flush()
    assert refresh_homes(env.desk, env.client) == [MIKKO]


@given(st.integers(0, 2**63 - 1), st.integers(0, 40))
def test_a_number_with_leading_zeros_is_the_number_and_only_ascii_digits_are_one(number, zeros):
    from kuulo.handlers.desk.choices import plain_number

    assert plain_number("0" * zeros + str(number)) == number
    assert plain_number(str(2**63)) is None and plain_number("²") is None and plain_number("") is None
