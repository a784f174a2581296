"""The Telegram alert's HTML, the callback_data contract and the `telegram:` config, without a network."""

from __future__ import annotations

import re
import textwrap
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.config import load_config
from kuulo.bot.errors import ConfigError, KuuloError
from kuulo.handlers.telegram.alert import alert_html, alert_keyboard, case_of_message, choice_keyboard, reply_prompt
from kuulo.handlers.telegram.callbacks import Callback, callback_data, parse_callback
from kuulo.handlers.telegram.render import TelegramMarkup, escape, fit, quote, short, units
from tests.fakes.telegram_html import ApiError, auto_entities, parse_html

HOSTILE = ('Miksi <b>Nordea</b> &amp; <a href="https://evil.example">klikkaa</a> <tg-spoiler>x</tg-spoiler>'
           " ei toimi?")
TZ = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc).timestamp()


def view(**changes) -> dict:
    base = {"id": 7, "brand": "Nordea", "platform": "x", "priority": "high", "state": "open", "category": None,
            "author": "matti <b>", "url": "https://x.com/matti/status/1", "text": HOSTILE,
            "created_ts": NOW - 600, "claimed_by": None, "reply_error": None,
            "verdict": {"brands": [{"brand": "Nordea", "form": "Nordea", "how": "exact"}], "is_question": True,
                        "suggestions": [{"text": "Hei matti & co!", "limit": 280, "over_limit": False},
                                        {"text": "Toinen <i>", "limit": 280, "over_limit": False}]}}
    return {**base, **changes}


def test_hostile_html_in_a_post_is_shown_literally() -> None:
    html = alert_html(view(), TelegramMarkup(), TZ, NOW, 3600)
    plain, entities = parse_html(html)  # Telegram's own parser: it would refuse a broken tag
    assert HOSTILE in plain
    assert "matti <b>" in plain
    assert not any(e["type"] == "spoiler" for e in entities)
    links = [e["url"] for e in entities if e["type"] == "text_link"]
    assert links == ["https://x.com/matti/status/1"]  # the author's link; the post's <a href> is text
    assert "Hei matti & co!" in plain and "high priority · case #7" in plain
    assert case_of_message(plain) == (7, False)
    forged, _ = parse_html(alert_html(view(platform="x · high priority · case #99"), TelegramMarkup(), TZ, NOW, 3600))
    assert case_of_message(forged) == (7, False)
    assert case_of_message("Snooze case #7 until when?") is None  # a reply to a question is no case's reply
    # an escalation post names the platform in its first line: it names no case (and on_reply checks the alert's id)
    assert case_of_message("🚨 Case #2 (Nordea, x priority · case #1) escalated by aino. Open the alert") is None


def test_a_long_post_is_cut_with_a_mark_within_4096_and_still_parses() -> None:
    html = alert_html(view(text="&<>" * 5000 + "😀" * 3000), TelegramMarkup(), TZ, NOW, 3600)
    plain, _ = parse_html(html)
    assert units(html) <= 4096 and "…" in plain


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=300), st.integers(min_value=10, max_value=200))
def test_fit_never_breaks_an_entity_or_a_tag(text: str, limit: int) -> None:
    html = fit(f"<b>{escape(text)}</b> <blockquote>{escape(text)}</blockquote>", limit)
    assert units(html) <= limit
    try:
        parse_html(html)
    except ApiError as exc:  # only emptiness is allowed to fail
        pytest.fail(f"{html!r}: {exc.description}")


def test_callback_data_contract() -> None:
    assert callback_data("dismiss", 42, "handled_elsewhere") == "dismiss:42:handled_elsewhere"
    assert parse_callback("snooze:42:tomorrow") == Callback("snooze", 42, "tomorrow")
    assert parse_callback("claim:9223372036854775807") == Callback("claim", 2**63 - 1)
    for forged in ("", "claim", "claim:x", "drop:1", "claim:-1", "claim:１２", "claim:²", "claim:١",
                   "answered:" + "9" * 30, "claim:1:x", "claim:1:2:3", "answered:1:note", "reply:1:9", "reply:1:0",
                   "reply:1:-1",
                   "snooze:1:forever", "dismiss:1:because"):  # choices Kuulo never writes (a probe)
        with pytest.raises(KuuloError):
            parse_callback(forged)
    keyboard = alert_keyboard(view(id=2**63 - 1))
    datas = [b["callback_data"] for row in keyboard["inline_keyboard"] for b in row]
    datas += [b["callback_data"] for action in ("dismiss", "snooze")
              for row in choice_keyboard(action, 2**63 - 1)["inline_keyboard"] for b in row]
    assert all(parse_callback(d) for d in datas)  # every button Kuulo writes reads back
    assert {d.split(":")[0] for d in datas} == {"claim", "reply", "answered", "dismiss", "snooze", "escalate"}
    assert max(len(d.encode()) for d in datas) <= 64
    assert alert_keyboard(view(state="answered")) is None


def test_reply_prompt_says_when_a_reply_is_only_recorded() -> None:
    recorded, _ = parse_html(reply_prompt(view(), 2, sends=False))
    assert "records your reply on the case, marked as not sent" in recorded and "Toinen <i>" in recorded
    sent, _ = parse_html(reply_prompt(view(), 1, sends=True))
    assert "Kuulo posts it on x" in sent and case_of_message(sent) == (7, True)


def write(tmp_path, body: str):
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_issue_config_loads(tmp_path) -> None:
    cfg = load_config(write(tmp_path, """\
        telegram:
          api_url: https://api.telegram.org/bot
          chat: -1001234567890
          topic: 12
          routes:
            - {brand: Nordea, category: verkkopankki, chat: -1009876543210, topic: 7}
          escalation_chat: -1001111111111
          allowed_chats: [-1001234567890]
          agents: [111111111]
          supervisors: [222222222]
          summaries:
            daily: {time: "09:00", chat: -1001234567890}
        """)).telegram
    assert (cfg.chat, cfg.topic, cfg.mode, cfg.pace) == (-1001234567890, 12, "polling", (20, 60))
    assert cfg.route_for("Nordea", "verkkopankki").channel == "-1009876543210"
    assert cfg.route_for("Nordea", None).topic == 12
    assert cfg.daily.channel == "-1001234567890"


@pytest.mark.parametrize("body, message", [
    ("telegram:\n  chat: -100\n  agents: [alice]\n", "team.yaml:3 telegram.agents[0]: expected a Telegram user id"),
    ("telegram:\n  chat: -100\n  chanel: -100\n", "team.yaml:3 telegram.chanel: unknown key"),
    ("telegram:\n  chat: -100\n  mode: webhook\n", "missing required key 'webhook_url'"),
    ("telegram:\n  chat: -100\n  mode: webhook\n  webhook_url: http://x.example/tg\n", "an https:// URL"),
    ("telegram:\n  chat: general\n", "team.yaml:2 telegram.chat: expected a Telegram chat id"),
])
def test_config_errors_name_file_line_and_key(tmp_path, body: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, body))
    assert message in str(err.value)


_MENTION_OR_COMMAND = re.compile(r"(?<!\w)@\w|(?<![\w/<>])/\w")  # what Telegram makes a mention or a command


def test_a_posts_mentions_and_commands_reach_nobody_and_a_suggestion_copies_as_written() -> None:
    post = view(text="@boss katso /claim_all ja mailaa a@b.fi 80 km/h", author="@mallory",
                verdict={**view()["verdict"], "suggestions": [{"text": "Hei @matti!", "limit": 280,
                                                               "over_limit": False}]})
    plain, entities = parse_html(alert_html(post, TelegramMarkup(), TZ, NOW, 3600))
    shown = plain.replace("\u2060", "")
    assert "@boss katso /claim_all ja mailaa a@b.fi 80 km/h" in shown and "@mallory" in shown  # read as written
    assert not _MENTION_OR_COMMAND.search(plain)  # the suggestion's preview too: "Hei @boss!" would ping
    prompt, _ = parse_html(reply_prompt(post, 1, sends=True))
    assert "Hei @matti!" in prompt  # in <code>, to copy: as written, no joiner inside


def test_an_at_after_another_at_still_reaches_nobody() -> None:
    """TDLib's match_mentions: '@@boss_man' mentions @boss_man (an @ is no word character), and notifies them."""
    for text in ("@@boss_man katso", "apua @@@boss_man", "(@@boss_man)"):
        plain, _ = parse_html(quote(text, 500))
        assert plain.replace("\u2060", "") == text and not auto_entities(plain), plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("@/ab_1 .&<>;\n(:\",\u2014"), max_size=60))
def test_no_text_becomes_a_mention_or_a_command(text: str) -> None:
    for shown in (quote(text, 500), short(text, 500)):
        plain, _ = parse_html(shown)
        assert not _MENTION_OR_COMMAND.search(plain), plain
        assert not [e for e in auto_entities(plain) if e["type"] in ("mention", "bot_command")], plain
