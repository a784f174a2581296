"""Untrusted text in Slack messages: shown literally, pinging and linking no one."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest

from kuulo.handlers.slack.blocks import alert_blocks, event_line
from kuulo.handlers.slack.render import escape, link, quote
from kuulo.handlers.slack.views import reply_modal
from tests.slack_support import HOSTILE, action_ids, mrkdwn_texts

CONTROL = ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<https://evil.example|click me>", "<#C0SECRET>")


def hostile_view() -> dict:
    return {
        "id": 7, "platform": "x", "brand": "Nordea", "category": None, "priority": "high", "state": "open",
        "created_ts": 1_795_000_000.0, "claimed_by": None, "author": "<!everyone> <@U0BOSS>",
        "url": "https://evil.example|click me", "text": HOSTILE + "\n<#C0SECRET> second line",
        "verdict": {"brands": [{"brand": "Nordea", "form": "<!here>", "how": "exact"}], "is_question": True,
                    "negative": False, "categories": ["<@U9>"],
                    "suggestions": [{"template": "t", "text": "Hei <!channel>!", "limit": 280, "over_limit": False}]},
    }


@pytest.mark.parametrize("text, shown", [
    ("<!channel>", "&lt;!channel&gt;"),
    ("<@U123> & <https://evil.example|click me>", "&lt;@U123&gt; &amp; &lt;https://evil.example|click me&gt;"),
    ("*bold* _it_ `code`", "*bold* _it_ `code`"),  # only &, < and > are control characters
    ("&lt;", "&amp;lt;"),
])
def test_escape_only_the_three_control_characters(text: str, shown: str) -> None:
    assert escape(text) == shown


def test_link_refuses_urls_that_could_break_out() -> None:
    assert link("https://x.com/a?b=1&c=2", "<@U1>") == "<https://x.com/a?b=1&amp;c=2|&lt;@U1&gt;>"
    assert link("https://evil.example|click me", "matti") == "matti"
    assert link("javascript:alert(1)", "matti") == "matti"
    assert link(None, "<!here>") == "&lt;!here&gt;"


def test_quote_keeps_every_line_quoted_and_escaped() -> None:
    assert quote("a <!here>\nb", 100) == "> a &lt;!here&gt;\n> b"
    assert quote("x" * 10, 8) == "> xxxxx…"
    long = quote("<" * 5000, 3000)  # escaping grows the text: the limit holds after it (Block Kit's 3000)
    assert len(long) <= 3000 and long.endswith("&lt;…")


def test_alert_shows_hostile_text_literally_everywhere() -> None:
    blocks = alert_blocks(hostile_view(), tz=ZoneInfo("Europe/Helsinki"),
                          now_ts=1_795_000_600.0, sla_seconds=3600)
    texts = "\n".join(mrkdwn_texts(blocks))
    for control in CONTROL:
        assert control not in texts
    assert "&lt;!channel&gt;" in texts and "&lt;!everyone&gt; &lt;@U0BOSS&gt;" in texts
    assert "> &lt;#C0SECRET&gt; second line" in texts
    assert "Why: Nordea (&lt;!here&gt;, exact) · question · category &lt;@U9&gt;" in texts
    assert "Hei &lt;!channel&gt;!" in texts and "(15/280)" in texts
    assert action_ids(blocks) == {"kuulo.claim", "kuulo.reply", "kuulo.answered", "kuulo.dismiss", "kuulo.snooze",
                                  "kuulo.escalate"}
    assert "10m ago" in texts and "50m left" in texts


def test_buttons_carry_the_case_id() -> None:
    blocks = alert_blocks(hostile_view(), ZoneInfo("UTC"), 1_795_000_600.0, 3600)
    actions = next(b for b in blocks if b["type"] == "actions")["elements"]
    buttons = {e["action_id"]: e["value"] for e in actions if e["type"] == "button"}
    selects = {e["action_id"]: [o["value"] for o in e["options"]] for e in actions if e["type"] == "static_select"}
    assert buttons == {"kuulo.claim": "7", "kuulo.reply": "7", "kuulo.answered": "7", "kuulo.escalate": "7"}
    assert selects["kuulo.dismiss"] == ["7:not_a_question", "7:spam", "7:handled_elsewhere", "7:duplicate", "7:other"]
    assert selects["kuulo.snooze"] == ["7:30m", "7:2h", "7:tomorrow"]


def test_reply_line_and_modal_treat_text_right() -> None:
    line = event_line({"event": "reply_queued", "actor": "<!here> (U0AINO001)",
                       "text": "ok <!channel>"}, ZoneInfo("UTC"), 0.0, person=lambda user: user == "U0AINO001")
    assert line == "<@U0AINO001> replied (on its way to the platform):\n> ok &lt;!channel&gt;"
    line = event_line({"event": "answered", "how": "recorded", "actor": "<!here> (U0AINO001)",
                       "text": "ok <!channel>"}, ZoneInfo("UTC"), 0.0, person=lambda user: user == "U0AINO001")
    assert line.endswith("post it on the platform yourself):\n> ok &lt;!channel&gt;")
    assert event_line({"event": "claimed", "actor": "<!here>"}, ZoneInfo("UTC"), 0.0) == "&lt;!here&gt; claimed it."
    modal = json.dumps(reply_modal(hostile_view()))
    assert "Hei <!channel>!" in modal  # plain_text initial value: Slack never parses it
    assert "&lt;!everyone&gt;" in modal and "<!everyone>" not in modal


def test_alert_sections_stay_within_block_kit_limits_for_huge_posts() -> None:
    view = hostile_view() | {"author": "<" * 2000, "url": "https://x.com/" + "a" * 1990, "text": "<&>\n" * 25000}
    blocks = alert_blocks(view, ZoneInfo("UTC"), 1_795_000_600.0, 3600)
    assert max(len(t) for t in mrkdwn_texts(blocks)) <= 3000
    assert "https://x.com/aaa" not in json.dumps(blocks)  # too long to link
