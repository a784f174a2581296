"""What a stranger writes never misleads the desk: no forged mentions, no reordered or hidden text, and no alert
that Slack refuses because escaping grew it past Block Kit's limits."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from kuulo.bot.cases import CaseCommand
from kuulo.bot.models import Mention
from kuulo.bot.summaries import queue_summary
from kuulo.handlers.slack.blocks import alert_blocks, headline
from kuulo.handlers.slack.home import publish_home
from kuulo.handlers.slack.render import escape, fit, link, neutral, quote, short
from kuulo.handlers.slack.views import reply_modal
from tests.fakes.bolt_http import serve_bolt
from tests.fakes.slack_blocks import check_blocks, check_view
from tests.slack_support import AINO, ALERTS, DIGEST, OLLI, SANNA, Env, click, command, ephemerals, mrkdwn_texts

INVISIBLE = "\u202e\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad\x1b\x07"
HUGE_PLATFORM = "p<&>" * 500  # 2,000 characters, 5,000 after escaping
AMP_URL = "https://evil.example/?" + "a=1&" * 110  # 462 characters, 902 after escaping


def _post(env: Env, id: str, *, platform: str = "x", author: str = "matti", text: str = "Miksi Nordea ei vastaa?",
          url: str | None = None, in_reply_to: str | None = None, minutes_ago: float = 10) -> list[int]:
    mention = Mention(platform=platform, id=id, author=author, text=text, url=url, in_reply_to=in_reply_to,
                      created_at=env.clock.now() - timedelta(minutes=minutes_ago))
    return env.services.pipeline.ingest([mention]).opened_ids


# --- mentions: only the team's people acting on a case --------------------------------------------------------


def test_a_follow_ups_author_named_like_a_supervisor_is_shown_as_text(env: Env) -> None:
    [case_id] = _post(env, "1", author="mallory (U0SANNA01)")  # a follow-up is its customer's own
    _post(env, "2", author="mallory (U0SANNA01)", text="Nordea? <!here> still waiting", in_reply_to="1",
          minutes_ago=5)
    env.desk.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    env.services.cases.apply(CaseCommand("escalate", case_id, "olli (U0OLLI001)"))  # not an agent: `kuulo case`

    with serve_bolt(env.app) as url:
        assert command(url, f"case {case_id}", AINO)[0] == 200
    [shown] = ephemerals(env.fake, AINO)
    history = shown.split("*History:*\n")[1].splitlines()
    assert [line.split(" ", 2)[2] for line in history] == [
        "opened by kuulo", "follow_up by mallory (U0SANNA01)", "claimed by <@U0AINO001>",
        "escalated by olli (U0OLLI001)"]
    assert f"<@{SANNA}>" not in shown and f"<@{OLLI}>" not in shown


def test_the_queue_and_the_alert_mention_only_configured_people(env: Env) -> None:
    [case_id] = _post(env, "1")
    env.services.cases.apply(CaseCommand("claim", case_id, "mallory (U0EVIL001)"))  # `kuulo case 1 claim --by …`
    env.desk.flush()
    channel, ts = env.alert_ref(case_id)
    assert "claimed by mallory (U0EVIL001)" in str(env.fake.message(channel, ts)["blocks"])
    with serve_bolt(env.app) as url:
        command(url, "queue", AINO)
    assert " · mallory (U0EVIL001) · " in ephemerals(env.fake, AINO)[0]
    assert "<@U0EVIL001>" not in json.dumps(env.fake.calls_to("chat.postMessage")[0].params)


def test_a_refusal_naming_who_closed_the_case_is_escaped(env: Env) -> None:
    [case_id] = _post(env, "1")
    env.desk.flush()
    disguised = "<https://evil.example/login|Sanna (supervisor)> <!channel> & co (U0MIKKO01)"  # a display name
    env.services.cases.apply(CaseCommand("answer", case_id, disguised))
    with serve_bolt(env.app) as url:
        click(url, env, "kuulo.answered", str(case_id), AINO, case_id)  # the alert's button, still shown
    [refusal] = ephemerals(env.fake, AINO)
    assert refusal == (f"case {case_id} is already answered (by &lt;https://evil.example/login|Sanna (supervisor)&gt; "
                       "&lt;!channel&gt; &amp; co (U0MIKKO01), manual)")


def test_a_brand_reply_seen_on_the_platform_is_never_a_mention() -> None:
    view = _view() | {"state": "answered", "responded_ts": 1_795_000_300.0, "responded_how": "platform_reply",
                      "responded_by": "@nordea (U0AINO001)"}
    blocks = alert_blocks(view, ZoneInfo("UTC"), 1_795_000_600.0, 3600, person=lambda user: True)
    assert "Answered by @nordea (U0AINO001) on the platform" in str(blocks)


def test_a_posts_bare_links_channels_and_names_stay_text(env: Env) -> None:
    [case_id] = _post(env, "1", author="@here", text="Nordea? see https://evil.example/x and #general, ask @channel")
    env.desk.flush()
    blocks = env.fake.message(*env.alert_ref(case_id))["blocks"]

    def objects(node: object) -> list[dict]:
        if isinstance(node, dict):
            return ([node] if node.get("type") == "mrkdwn" else []) + [o for v in node.values() for o in objects(v)]
        return [o for v in node for o in objects(v)] if isinstance(node, list) else []

    texts = objects(blocks)
    assert any("https://evil.example/x and #general" in o["text"] for o in texts)
    assert all(o.get("verbatim") is True for o in texts)  # Slack auto-links none of it


# --- invisible characters ---------------------------------------------------------------------------------------


def test_bidi_overrides_and_zero_width_characters_never_reach_slack(env: Env) -> None:
    sneaky = "Miksi Nordea \u202e!ecnalab ym\u202c ei toimi?\u200b <!here\u2060>"
    [case_id] = _post(env, "1", author="\u202emat\u200bti", text=sneaky, platform="x\u2066y")
    env.desk.flush()
    with serve_bolt(env.app) as url:
        command(url, f"case {case_id}", AINO)
        command(url, "queue", AINO)
    sent = json.dumps([c.params for c in env.fake.calls if c.method in ("chat.postMessage", "chat.postEphemeral")],
                      ensure_ascii=False)
    assert not set(sent) & set(INVISIBLE)
    assert "Miksi Nordea !ecnalab ym ei toimi? &lt;!here&gt;" in sent and "matti" in sent


def test_neutral_keeps_what_people_write() -> None:
    assert neutral("Hyvää päivää 👨‍👩‍👧 مرحبا\tå\n") == "Hyvää päivää 👨‍👩‍👧 مرحبا\tå\n"  # the ZWJ of emoji stays
    assert neutral("a" + INVISIBLE + "b") == "ab"
    assert escape("\u202e<b>") == "&lt;b&gt;"


# --- Block Kit limits after escaping ---------------------------------------------------------------------------


def _view(**fields: object) -> dict:
    long_reply = "Hei & <kiitos> " * 160  # 2,400 characters, more after escaping
    return {"id": 7, "platform": "x", "brand": "Nordea", "category": None, "priority": "high", "state": "open",
            "created_ts": 1_795_000_000.0, "claimed_by": None, "author": "matti", "url": None, "text": "Miksi?",
            "verdict": {"brands": [{"brand": "Nordea", "form": "Nordea", "how": "exact"}], "is_question": True,
                        "negative": False, "categories": [],
                        "suggestions": [{"template": f"t{n}", "text": long_reply, "limit": 2200, "over_limit": True}
                                        for n in range(3)]}} | fields


def test_an_alert_with_every_field_at_its_worst_fits_block_kit(env: Env) -> None:
    view = _view(platform=HUGE_PLATFORM, url=AMP_URL, author="<" * 2000, text="<&>\n" * 25_000,
                 brand="Nordea" * 20, claimed_by="<" * 300 + " (U0AINO001)", state="claimed")
    view["verdict"]["brands"][0]["form"] = "&" * 2000
    view["verdict"]["categories"] = ["<" * 2000] * 3
    blocks = alert_blocks(view, ZoneInfo("UTC"), 1_795_000_600.0, 3600)
    check_blocks(blocks)  # raises on any broken limit
    assert env.client.chat_postMessage(channel=ALERTS, text=headline(view), blocks=blocks)["ok"]
    head = mrkdwn_texts(blocks)[0]
    assert head.endswith("…") and len(head) <= 3000
    assert env.client.views_open(trigger_id="1.2.x", view=reply_modal(view))["ok"]


def test_hostile_imports_are_alerted_updated_summarised_and_shown_at_home(env: Env) -> None:
    env.clock.set(datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc))
    [case_id] = _post(env, "1", platform=HUGE_PLATFORM, url=AMP_URL, author="<@U0AINO001> " * 150,
                      text="Miksi Nordea ei toimi? " + "<&>" * 30_000)
    assert env.desk.flush() == 1
    env.desk.apply(CaseCommand("claim", case_id, "aino (U0AINO001)"))
    assert env.desk.flush() == 1
    assert env.outbox()[-1]["state"] == "sent" and {r["state"] for r in env.outbox()} == {"sent"}
    publish_home(env.desk, env.client, AINO)
    check_view(env.fake.calls_to("views.publish")[-1].params["view"])

    env.clock.set(datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc))
    queue_summary(env.services, env.cfg.slack, "daily", env.clock.now())
    assert env.desk.flush() == 1
    [summary] = [c for c in env.fake.calls_to("chat.postMessage") if c.params["channel"] == DIGEST]
    assert "…" in str(summary.params["blocks"])
    assert "<@U0AINO001>" not in str(summary.params["blocks"])


# --- the one truncation helper -------------------------------------------------------------------------------

_BROKEN_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def test_fit_never_splits_an_entity_or_a_link() -> None:
    assert fit("&amp;&amp;&amp;", 8) == "&amp;…"
    assert fit("ab &lt;c", 7) == "ab …"
    linked = "see " + link("https://x.com/a?b=1&c=2", "matti") + " now"
    assert fit(linked, 20) == "see …"
    assert fit(linked, len(linked)) == linked
    assert short("<" * 100, 10) == "&lt;&lt;…" and quote("&" * 100, 12) == "> &amp;…"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab &<>|\n\u202e") | st.characters(codec="utf-8"), max_size=120),
       st.integers(min_value=1, max_value=150), st.booleans())
def test_any_text_fits_its_limit_after_escaping_without_a_broken_entity(text: str, limit: int, as_link: bool) -> None:
    mrkdwn = link("https://x.com/?a=1&b=2", text) + " &amp; " + escape(text) if as_link else escape(text)
    out = fit(mrkdwn, limit)
    assert len(out) <= limit
    assert out == mrkdwn or (out.endswith("…") and mrkdwn.startswith(out[:-1]))
    assert not _BROKEN_ENTITY.search(out)
    assert out.count("<") == out.count(">")
    for shown in (short(text, limit), quote(text, limit)):
        assert len(shown) <= limit and not _BROKEN_ENTITY.search(shown) and "<" not in shown


_FIELD = st.text(alphabet=st.sampled_from("a<&>|*\n \u202e") | st.characters(codec="utf-8"), max_size=2000)


@settings(max_examples=60, deadline=None)
@given(platform=_FIELD, author=_FIELD, text=st.text(max_size=5000).map(lambda t: t * 3), brand_form=_FIELD,
       url=st.just("https://x.com/?") | st.builds(lambda s: "https://x.com/?" + s, _FIELD),
       suggestion=st.text(alphabet=st.sampled_from("&<>x \n"), max_size=2200), claimed_by=_FIELD,
       state=st.sampled_from(["open", "claimed", "answered", "dismissed", "snoozed"]))
def test_any_case_becomes_blocks_slack_accepts(platform: str, author: str, text: str, brand_form: str, url: str,
                                               suggestion: str, claimed_by: str, state: str) -> None:
    view = _view(platform=platform, author=author, text=text, url=url, claimed_by=claimed_by or None, state=state,
                 responded_ts=1_795_000_100.0, responded_how="manual", responded_by=claimed_by,
                 dismiss_reason=brand_form, snooze_until=1_795_100_000.0)
    view["verdict"]["brands"][0]["form"] = brand_form
    for s in view["verdict"]["suggestions"]:
        s["text"] = suggestion
    blocks = alert_blocks(view, ZoneInfo("UTC"), 1_795_000_600.0, 3600)
    assert check_blocks(blocks) <= 12_000  # raises on a broken limit; the total is msg_blocks_too_long's
    check_view(reply_modal(view))


def test_a_name_with_backticks_cannot_end_the_reports_preformatted_block(env: Env) -> None:
    [case_id] = _post(env, "1")
    env.services.cases.apply(CaseCommand("claim", case_id, "mallory ```*<!channel>*``` `x"))  # `kuulo case … --by`
    with serve_bolt(env.app) as url:
        command(url, "report week", SANNA)
    [report] = ephemerals(env.fake, SANNA)
    assert report.count("```") == 2 and report.startswith("*Kuulo report") and report.endswith("\n```")
    assert "agent: mallory ˋˋˋ*&lt;!channel&gt;*ˋˋˋ ˋx" in report
