"""The alert message: Block Kit for a case as it stands now, and the one-line story of each change."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from kuulo.handlers.desk import lines
from kuulo.handlers.desk.choices import DISMISS_CHOICES, SNOOZE_CHOICES
from kuulo.handlers.desk.lines import HOW_LABELS, NOTE_TEXT, REASON_LABELS
from kuulo.handlers.slack.kit import button, context, section, static_select
from kuulo.handlers.slack.render import (MAX_NAME, SLACK_ICONS, Person, SlackMarkup, clock_time, escape, fit, link,
                                         nobody, quote, short)

ACTIONS_BLOCK = "kuulo_actions"
TEXT_PREVIEW = 1500  # characters of the post shown in the alert (a section holds 3000)
SUGGESTION_PREVIEW = 1900  # of each suggested reply: three of them and the head stay under a message's 12,000
WHY_TEXT = 1000
MAX_SUGGESTIONS = 3
STATE_ICONS = SLACK_ICONS
__all__ = ["HOW_LABELS", "NOTE_TEXT", "REASON_LABELS", "SNOOZE_CHOICES", "STATE_ICONS"]


def why(verdict: dict[str, Any]) -> str:
    """Why the post matched: the brand forms seen, question / negative, categories (escaped)."""
    return lines.why(SlackMarkup(), verdict)


def name(text: str | None) -> str:
    """A brand, platform or category on one line, escaped and cut (an imported platform can be 2,000 characters)."""
    return short(text, MAX_NAME)


def headline(view: dict[str, Any]) -> str:
    """The notification text: brand, platform and author (escaped)."""
    return (f"New {name(view['brand'])} mention on {name(view['platform'])} from {short(view['author'], 80)}"
            f" (case #{view['id']})")


def state_line(view: dict[str, Any], tz: ZoneInfo, now_ts: float, person: Person = nobody) -> str:
    """Where the case stands (the shared desk line in mrkdwn; the team's people, as `person` vouches for them, as
    mentions)."""
    return lines.state_line(SlackMarkup(person), view, tz, now_ts)


def timing(view: dict[str, Any], tz: ZoneInfo, now_ts: float, sla_seconds: int) -> str:
    """Age of the post and the SLA deadline."""
    return lines.timing(SlackMarkup(), view, tz, now_ts, sla_seconds)


def suggestion_blocks(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Up to three suggested replies, each with its length against the platform limit and an edit button."""
    blocks = []
    for n, s in enumerate(view["verdict"].get("suggestions", [])[:MAX_SUGGESTIONS], 1):
        size = f"{len(s['text'])}/{s['limit']}" if s.get("limit") else f"{len(s['text'])} chars"
        warn = " :warning: over the limit" if s.get("over_limit") else ""
        blocks.append(section(f"*Suggested reply {n}* ({size}{warn})\n{quote(s['text'], SUGGESTION_PREVIEW)}",
                              f"kuulo_suggestion_{n}", button("Edit & reply", "kuulo.reply", f"{view['id']}:{n}")))
    return blocks


def _select(placeholder: str, action_id: str, case_id: int, choices: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return static_select(placeholder, action_id, [(f"{case_id}:{key}", label) for key, label in choices])


def action_block(case_id: int) -> dict[str, Any]:
    """The six case actions; dismiss and snooze are selects whose option value is 'CASE:choice'."""
    value = str(case_id)
    return {"type": "actions", "block_id": ACTIONS_BLOCK, "elements": [
        button("Claim", "kuulo.claim", value),
        button("Reply", "kuulo.reply", value, "primary"),
        button("Mark answered", "kuulo.answered", value),
        _select("Dismiss…", "kuulo.dismiss", case_id, DISMISS_CHOICES),
        _select("Snooze…", "kuulo.snooze", case_id, SNOOZE_CHOICES),
        button("Escalate", "kuulo.escalate", value, "danger"),
    ]}


def alert_blocks(view: dict[str, Any], tz: ZoneInfo, now_ts: float, sla_seconds: int,
                 person: Person = nobody) -> list[dict[str, Any]]:
    """The whole alert for a case as it is now; a closed case keeps its story but loses its buttons."""
    closed = view["state"] in ("answered", "dismissed")
    author = link(view.get("url"), view["author"])
    blocks: list[dict[str, Any]] = [
        section(f"*{name(view['brand'])}* · {name(view['platform'])} · {escape(view['priority'])} priority · "
                f"case #{view['id']}\n{author} wrote:\n{quote(view['text'], TEXT_PREVIEW)}", "kuulo_head"),
        context(fit(f"Why: {why(view['verdict'])}", WHY_TEXT),
                timing(view, tz, now_ts, sla_seconds) if not closed else
                f"Posted {clock_time(view['created_ts'], tz, now_ts)}", block_id="kuulo_why"),
    ]
    if not closed:
        blocks += suggestion_blocks(view)
    blocks.append(context(state_line(view, tz, now_ts, person), block_id="kuulo_state"))
    if not closed:
        blocks.append(action_block(view["id"]))
    return blocks


def event_line(payload: dict[str, Any], tz: ZoneInfo, now_ts: float, person: Person = nobody) -> str:
    """One thread line per change: who did what (the reply's text quoted, escaped)."""
    return lines.event_line(SlackMarkup(person), payload, tz, now_ts)
