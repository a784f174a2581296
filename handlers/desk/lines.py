"""The words of the desk, transport-neutral: why a post matched, where a case stands, the one-line story of each
change, reminders and escalations. Each takes the chat's Markup, which escapes every piece of untrusted text."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kuulo.bot.durations import format_duration
from kuulo.handlers.base import why_line
from kuulo.handlers.desk.markup import MAX_NAME, Markup, clock_time, name

NOTE_TEXT = 500
REASON_LABELS = {"not_a_question": "Not a question", "spam": "Spam", "handled_elsewhere": "Handled elsewhere",
                 "duplicate": "Duplicate", "other": "Other"}
HOW_LABELS = {"platform_reply": "on the platform", "kuulo_reply": "through Kuulo", "manual": "marked by hand",
              "recorded": "with a reply recorded in Kuulo (not sent by Kuulo)"}


def why(m: Markup, verdict: dict[str, Any]) -> str:
    """Why the post matched: the brand forms seen, question / negative, categories (escaped)."""
    brands = [f"{name(m, b['brand'])} ({m.short(b['form'], 40)}, {m.escape(b['how'])})"
              for b in verdict.get("brands", [])]
    return why_line(brands, verdict, lambda text: name(m, text))


def reason_label(m: Markup, reason: str | None) -> str:
    """A dismissal reason as people read it."""
    return REASON_LABELS.get(reason or "", None) or name(m, reason)


def state_line(m: Markup, view: dict[str, Any], tz: ZoneInfo, now_ts: float) -> str:
    """Where the case stands: who claimed it, who answered it and how fast, or why it was dismissed (the team's
    people, as the markup vouches for them, as mentions)."""
    state, icon = view["state"], m.icons.get(view["state"], "")
    if state == "answered":
        took = format_duration(max(0.0, view["responded_ts"] - view["created_ts"]))
        how = HOW_LABELS.get(view["responded_how"], m.escape(view["responded_how"]))
        who = m.event_actor(view["responded_by"], "answered", view["responded_how"])
        return f"{icon} Answered by {who} {how}, {took} after the post"
    if state == "dismissed":
        return f"{icon} Dismissed: {reason_label(m, view['dismiss_reason'])}"
    if state == "snoozed":
        return f"{icon} Snoozed until {clock_time(view['snooze_until'], tz, now_ts)}"
    if state == "merged":
        return f"{icon} Merged into case #{view['merged_into']}: its post follows up that case"
    if state == "reply_pending":
        return f"{icon} Reply pending: waiting for {name(m, view['platform'])} to take it"

    line = f"{icon} {state.capitalize()}"
    if view.get("claimed_by"):
        line += f" · claimed by {m.event_actor(view['claimed_by'], 'claimed', None)}"
    if view.get("reply_error"):
        line += f" · the last reply did not go out: {m.short(view['reply_error'], 200)}"
    return line


def timing(m: Markup, view: dict[str, Any], tz: ZoneInfo, now_ts: float, sla_seconds: int) -> str:
    """Age of the post and the SLA deadline."""
    deadline = view["created_ts"] + sla_seconds
    left = deadline - now_ts
    due = f"{format_duration(left)} left" if left > 0 else m.bold(f"breached {format_duration(-left)} ago")
    return (f"Posted {clock_time(view['created_ts'], tz, now_ts)} ({format_duration(now_ts - view['created_ts'])} ago)"
            f" · reply by {clock_time(deadline, tz, now_ts)} ({due})")


def event_line(m: Markup, payload: dict[str, Any], tz: ZoneInfo, now_ts: float) -> str:
    """One line per change, said under the alert: who did what (the reply's text quoted, escaped)."""
    event = payload.get("event")
    who = m.event_actor(payload.get("actor"), event, payload.get("how"))
    if event == "answered" and payload.get("how") == "kuulo_reply":
        return "The reply went out on the platform: the case is answered."
    if event == "answered" and payload.get("how") == "recorded":
        return (f"{who} recorded a reply (not sent by Kuulo: post it on the platform yourself):\n"
                f"{m.quote(payload.get('text', ''), 2800)}")
    if event == "reply_queued":
        return f"{who} replied (on its way to the platform):\n{m.quote(payload.get('text', ''), 2800)}"
    if event == "reply_failed":
        return (f"{m.icons.get('warning', '')} The reply did not go out: {m.short(payload.get('reason', ''), 500)}."
                + (" The case is open again." if payload.get("reopened", True) else ""))
    if event == "merged":
        return f"Merged into case #{payload.get('into')}: this post follows up that case."
    if event in ("reopened", "restored", "first_response_corrected", "regrouped"):
        return f"Kuulo corrected this case ({name(m, event.replace('_', ' '))}): a late post changed the thread."
    if event == "answered" and payload.get("how") == "platform_reply":
        return "Answered on the platform by the brand's own account."
    if event == "answered":
        note = f" ({m.short(payload['note'], NOTE_TEXT)})" if payload.get("note") else ""
        return f"{who} marked it answered{note}."
    if event == "dismissed":
        return f"{who} dismissed it: {reason_label(m, payload.get('reason'))}."
    if event == "snoozed":
        until = datetime.fromisoformat(payload["until"]).timestamp()
        return f"{who} snoozed it until {clock_time(until, tz, now_ts)}."
    if event == "woke":
        return "The snooze is over: the case is back in the queue."
    return f"{who} {name(m, event or 'changed')} it."


def reminder_line(m: Markup, view: dict[str, Any], who: str, tz: ZoneInfo, now_ts: float, sla_seconds: int) -> str:
    """The reminder at remind_at of the SLA; `who` is the chat's mention of the claimer or the on-duty group."""
    deadline = clock_time(view["created_ts"] + sla_seconds, tz, now_ts)
    return (f"{who}{m.icons.get('alarm', '')} Case #{view['id']} is close to its first-response target: "
            f"reply by {deadline}.")


def escalation_reason(m: Markup, payload: dict[str, Any]) -> str:
    """Why a case went to the escalation chat: the SLA, or the reason given."""
    return "SLA breached" if payload.get("reason") == "sla_breach" else name(m, payload.get("reason"))


def escalated_by(m: Markup, payload: dict[str, Any]) -> str:
    """The escalation text for a person's escalation."""
    return f"escalated by {m.short(payload.get('actor'), MAX_NAME)}"
