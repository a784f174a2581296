"""The alert message: Block Kit for a case as it stands now, and the one-line story of each change."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kuulo.bot.cases import DISMISS_REASONS
from kuulo.bot.durations import format_duration
from kuulo.handlers.base import why_line
from kuulo.handlers.slack.kit import button, context, section, static_select
from kuulo.handlers.slack.render import (MAX_NAME, Person, clock_time, escape, event_actor, fit, link, nobody, quote,
                                         short)

ACTIONS_BLOCK = "kuulo_actions"
TEXT_PREVIEW = 1500  # characters of the post shown in the alert (a section holds 3000)
SUGGESTION_PREVIEW = 1900  # of each suggested reply: three of them and the head stay under a message's 12,000
WHY_TEXT = 1000
NOTE_TEXT = 500
MAX_SUGGESTIONS = 3
SNOOZE_CHOICES = (("30m", "30 minutes"), ("2h", "2 hours"), ("tomorrow", "Tomorrow 9:00"))
REASON_LABELS = {"not_a_question": "Not a question", "spam": "Spam", "handled_elsewhere": "Handled elsewhere",
                 "duplicate": "Duplicate", "other": "Other"}
HOW_LABELS = {"platform_reply": "on the platform", "kuulo_reply": "through Kuulo", "manual": "marked by hand",
              "recorded": "with a reply recorded in Kuulo (not sent by Kuulo)"}
STATE_ICONS = {"open": ":large_blue_circle:", "claimed": ":raising_hand:", "snoozed": ":zzz:",
               "escalated": ":rotating_light:", "answered": ":white_check_mark:", "dismissed": ":wastebasket:",
               "reply_pending": ":outbox_tray:", "merged": ":link:"}


def why(verdict: dict[str, Any]) -> str:
    """Why the post matched: the brand forms seen, question / negative, categories (escaped)."""
    brands = [f"{name(b['brand'])} ({short(b['form'], 40)}, {escape(b['how'])})" for b in verdict.get("brands", [])]
    return why_line(brands, verdict, name)


def name(text: str | None) -> str:
    """A brand, platform or category on one line, escaped and cut (an imported platform can be 2,000 characters)."""
    return short(text, MAX_NAME)


def headline(view: dict[str, Any]) -> str:
    """The notification text: brand, platform and author (escaped)."""
    return (f"New {name(view['brand'])} mention on {name(view['platform'])} from {short(view['author'], 80)}"
            f" (case #{view['id']})")


def state_line(view: dict[str, Any], tz: ZoneInfo, now_ts: float, person: Person = nobody) -> str:
    """Where the case stands: who claimed it, who answered it and how fast, or why it was dismissed (the team's
    people, as `person` vouches for them, as mentions)."""
    state, icon = view["state"], STATE_ICONS.get(view["state"], "")
    if state == "answered":
        took = format_duration(max(0.0, view["responded_ts"] - view["created_ts"]))
        how = HOW_LABELS.get(view["responded_how"], escape(view["responded_how"]))
        who = event_actor(view["responded_by"], "answered", view["responded_how"], person)
        return f"{icon} Answered by {who} {how}, {took} after the post"
    if state == "dismissed":
        return f"{icon} Dismissed: {REASON_LABELS.get(view['dismiss_reason'], name(view['dismiss_reason']))}"
    if state == "snoozed":
        return f"{icon} Snoozed until {clock_time(view['snooze_until'], tz, now_ts)}"
    if state == "merged":
        return f"{icon} Merged into case #{view['merged_into']}: its post follows up that case"
    if state == "reply_pending":
        return f"{icon} Reply pending: waiting for {name(view['platform'])} to take it"

    line = f"{icon} {state.capitalize()}"
    if view.get("claimed_by"):
        line += f" · claimed by {event_actor(view['claimed_by'], 'claimed', None, person)}"
    if view.get("reply_error"):
        line += f" · the last reply did not go out: {short(view['reply_error'], 200)}"
    return line


def timing(view: dict[str, Any], tz: ZoneInfo, now_ts: float, sla_seconds: int) -> str:
    """Age of the post and the SLA deadline."""
    deadline = view["created_ts"] + sla_seconds
    left = deadline - now_ts
    due = f"{format_duration(left)} left" if left > 0 else f"*breached {format_duration(-left)} ago*"
    return (f"Posted {clock_time(view['created_ts'], tz, now_ts)} ({format_duration(now_ts - view['created_ts'])} ago)"
            f" · reply by {clock_time(deadline, tz, now_ts)} ({due})")


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
        _select("Dismiss…", "kuulo.dismiss", case_id, tuple((r, REASON_LABELS[r]) for r in DISMISS_REASONS)),
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
    event = payload.get("event")
    who = event_actor(payload.get("actor"), event, payload.get("how"), person)
    if event == "answered" and payload.get("how") == "kuulo_reply":
        return "The reply went out on the platform: the case is answered."
    if event == "answered" and payload.get("how") == "recorded":
        return (f"{who} recorded a reply (not sent by Kuulo: post it on the platform yourself):\n"
                f"{quote(payload.get('text', ''), 2800)}")
    if event == "reply_queued":
        return f"{who} replied (on its way to the platform):\n{quote(payload.get('text', ''), 2800)}"
    if event == "reply_failed":
        return f":warning: The reply did not go out: {short(payload.get('reason', ''), 500)}. The case is open again."
    if event == "merged":
        return f"Merged into case #{payload.get('into')}: this post follows up that case."
    if event in ("reopened", "restored", "first_response_corrected", "regrouped"):
        return f"Kuulo corrected this case ({name(event.replace('_', ' '))}): a late post changed the thread."
    if event == "answered" and payload.get("how") == "platform_reply":
        return "Answered on the platform by the brand's own account."
    if event == "answered":
        note = f" ({short(payload['note'], NOTE_TEXT)})" if payload.get("note") else ""
        return f"{who} marked it answered{note}."
    if event == "dismissed":
        return f"{who} dismissed it: {REASON_LABELS.get(payload.get('reason'), name(payload.get('reason')))}."
    if event == "snoozed":
        until = datetime.fromisoformat(payload["until"]).timestamp()
        return f"{who} snoozed it until {clock_time(until, tz, now_ts)}."
    if event == "woke":
        return "The snooze is over: the case is back in the queue."
    return f"{who} {name(event or 'changed')} it."
