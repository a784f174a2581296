"""The alert message in Telegram HTML for a case as it stands now, its inline keyboard, the choice keyboards
(dismiss reasons, snooze lengths) and the ForceReply prompt that asks for a reply."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from kuulo.handlers.desk import lines
from kuulo.handlers.desk.choices import DISMISS_CHOICES, SNOOZE_CHOICES, chosen_suggestion, reply_limit
from kuulo.handlers.desk.markup import clock_time, name
from kuulo.handlers.telegram.callbacks import callback_data
from kuulo.handlers.telegram.render import MESSAGE_TEXT, TelegramMarkup, escape, fit, link, quote, short

TEXT_PREVIEW = 1200  # characters of the post in the alert, after escaping
SUGGESTION_PREVIEW = 500  # of each suggested reply: the whole alert stays within 4,096
WHY_TEXT = 500
MAX_SUGGESTIONS = 3
# How the bot's own alert (its first line ends "… priority · case #ID": a platform name that imitates it comes first
# and loses) and its reply prompt (it begins "Reply to case #ID") name their case. Other messages of the bot carry
# strangers' text in their first line (an escalation post names the platform), so a reply to an alert counts only
# where the message is the alert Kuulo recorded for that case (listeners.on_reply).
ALERT_CASE = re.compile(r"\A[^\n]* priority · case #(\d{1,19})(?=\n|\Z)")
PROMPT_CASE = re.compile(r"\AReply to case #(\d{1,19})\b")
Keyboard = dict[str, Any]


def alert_html(view: dict[str, Any], m: TelegramMarkup, tz: ZoneInfo, now_ts: float, sla_seconds: int) -> str:
    """The whole alert: brand, platform, priority and case, the author linked to the post, the text quoted, why it
    matched, age and SLA deadline, suggested replies with their length, and where the case stands."""
    closed = view["state"] in ("answered", "dismissed")
    parts = [f"<b>{name(m, view['brand'])}</b> · {name(m, view['platform'])} · {escape(view['priority'])} priority"
             f" · case #{view['id']}",
             f"{link(view.get('url'), view['author'])} wrote:",
             quote(view["text"], TEXT_PREVIEW),
             fit(f"Why: {lines.why(m, view['verdict'])}", WHY_TEXT),
             lines.timing(m, view, tz, now_ts, sla_seconds) if not closed
             else f"Posted {clock_time(view['created_ts'], tz, now_ts)}"]
    if not closed:
        for n, s in enumerate(view["verdict"].get("suggestions", [])[:MAX_SUGGESTIONS], 1):
            size = f"{len(s['text'])}/{s['limit']}" if s.get("limit") else f"{len(s['text'])} chars"
            warn = f" {m.icons['warning']} over the limit" if s.get("over_limit") else ""
            parts.append(f"<b>Suggested reply {n}</b> ({size}{warn})\n{quote(s['text'], SUGGESTION_PREVIEW)}")
    parts.append(lines.state_line(m, view, tz, now_ts))
    return fit("\n".join(parts), MESSAGE_TEXT)


def _button(text: str, action: str, case_id: int, choice: str | None = None) -> dict[str, str]:
    return {"text": text, "callback_data": callback_data(action, case_id, choice)}


def alert_keyboard(view: dict[str, Any]) -> Keyboard | None:
    """Claim, Reply, Answered, No reply needed, Snooze, Escalate (and a reply button per suggestion); none once the
    case is closed."""
    if view["state"] in ("answered", "dismissed"):
        return None
    case_id = view["id"]
    rows = []
    count = min(MAX_SUGGESTIONS, len(view["verdict"].get("suggestions", [])))
    if count > 1:
        rows.append([_button(f"Reply with {n}", "reply", case_id, str(n)) for n in range(1, count + 1)])
    rows += [[_button("Claim", "claim", case_id), _button("Reply", "reply", case_id)],
             [_button("Answered", "answered", case_id), _button("No reply needed", "dismiss", case_id)],
             [_button("Snooze", "snooze", case_id), _button("Escalate", "escalate", case_id)]]
    return {"inline_keyboard": rows}


def choice_keyboard(action: str, case_id: int) -> Keyboard:
    """The reasons of a dismissal or the lengths of a snooze, as buttons that carry the choice."""
    choices = DISMISS_CHOICES if action == "dismiss" else SNOOZE_CHOICES
    return {"inline_keyboard": [[_button(label, action, case_id, key)] for key, label in choices]}


def choice_question(action: str, case_id: int) -> str:
    """The question above a choice keyboard."""
    if action == "dismiss":
        return f"Case #{case_id} needs no reply: why?"
    return f"Snooze case #{case_id} until when?"


def reply_prompt(view: dict[str, Any], n: int, *, sends: bool) -> str:
    """The ForceReply message that asks for a reply, with the chosen suggestion to copy; says plainly whether
    Kuulo posts the reply or only records it."""
    platform = short(view["platform"], 40)
    limit = reply_limit(view)
    limit_note = f", at most {limit} characters" if limit else ""
    suggestion = chosen_suggestion(view, n)
    lines_out = [f"Reply to case #{view['id']} ({short(view['author'], 40)} on {platform}{limit_note}): answer this "
                 "message with your reply."]
    if sends:
        lines_out.append(f"Kuulo posts it on {platform}; the case is answered when {platform} has taken it.")
    else:
        lines_out.append(f"Kuulo cannot post on {platform} for this case: it records your reply on the case, marked"
                         f" as not sent. Post it on {platform} yourself.")
    if suggestion:
        lines_out.append(f"Suggested (tap to copy):\n<code>{escape(suggestion['text'][:2000])}</code>")
    return fit("\n".join(lines_out), MESSAGE_TEXT)


def case_of_message(text: str | None) -> tuple[int, bool] | None:
    """The case an alert or a reply prompt of the bot names (`case #ID`), and whether it is the prompt."""
    found = PROMPT_CASE.match(text or "")
    if found:
        return int(found.group(1)), True
    found = ALERT_CASE.match(text or "")
    return (int(found.group(1)), False) if found else None
