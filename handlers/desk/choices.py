"""What a button means, whatever the chat: the action, the case, the choice (a snooze length, a dismissal reason,
a suggestion), turned into a CaseCommand; and what a reply needs before it is taken."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kuulo.bot.cases import DISMISS_REASONS, CaseCommand
from kuulo.bot.errors import KuuloError
from kuulo.handlers.desk.lines import REASON_LABELS

SNOOZE_MORNING = time(9, 0)
SNOOZE_CHOICES = (("30m", "30 minutes"), ("2h", "2 hours"), ("tomorrow", "Tomorrow 9:00"))
DISMISS_CHOICES = tuple((r, REASON_LABELS[r]) for r in DISMISS_REASONS)
# The desk's actions (Slack `kuulo.<action>`, Telegram `<action>:<case>[:<choice>]`) and the case verb each is.
ACTIONS = {"claim": "claim", "reply": "reply", "answered": "answer", "dismiss": "dismiss", "snooze": "snooze",
           "escalate": "escalate"}


LARGEST_ID = 2**63 - 1  # SQLite's largest INTEGER: no case, route or suggestion number is larger


def plain_number(text: str | None) -> int | None:
    """A number written in ASCII digits that fits SQLite (not '²' or '١', which pass isdigit, nor 5,000 digits), or
    None: every case, route and suggestion number a button, command or form carries is read by it."""
    if not (text and text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"  # 007 is 7, however many zeros lead
    return int(digits) if len(digits) <= len(str(LARGEST_ID)) and int(digits) <= LARGEST_ID else None


def parse_value(value: str | None) -> tuple[int, str | None]:
    """A control's value: 'CASE' or 'CASE:choice'."""
    case_id, _, choice = (value or "").partition(":")
    number = plain_number(case_id)
    if number is None:
        raise KuuloError(f"this control carries no case id ({value!r:.60}): the alert may be from an older Kuulo")
    return number, choice or None


def snooze_until(choice: str | None, now: datetime, tz: ZoneInfo) -> datetime:
    """30m, 2h, or tomorrow 9:00 in the team's time zone."""
    if choice == "30m":
        return now + timedelta(minutes=30)
    if choice == "2h":
        return now + timedelta(hours=2)
    if choice == "tomorrow":
        return datetime.combine(now.astimezone(tz).date() + timedelta(days=1), SNOOZE_MORNING, tzinfo=tz)
    raise KuuloError(f"snooze: choose 30 minutes, 2 hours or tomorrow (got {choice!r})")


def case_command(action: str, case_id: int, actor: str, choice: str | None, now: datetime,
                 tz: ZoneInfo) -> CaseCommand:
    """The CaseCommand of a button: claim, answered, escalate, dismiss (needs a reason), snooze (needs a length)."""
    if action == "dismiss":
        if not choice:
            raise KuuloError("dismiss: choose a reason")
        return CaseCommand("dismiss", case_id, actor, reason=choice)
    if action == "snooze":
        return CaseCommand("snooze", case_id, actor, until=snooze_until(choice, now, tz))
    if action not in ("claim", "answered", "escalate"):
        raise KuuloError(f"unknown action {action!r}")
    return CaseCommand(ACTIONS[action], case_id, actor)


def chosen_suggestion(view: dict[str, Any], n: int) -> dict[str, Any] | None:
    """Suggestion n (1-based) of a case, or the first, or None when the case has none."""
    suggestions = view["verdict"].get("suggestions", [])
    if not suggestions:
        return None
    return suggestions[n - 1] if 1 <= n <= len(suggestions) else suggestions[0]


def reply_limit(view: dict[str, Any]) -> int | None:
    """The platform's length limit for a reply to this case, when the rules know it."""
    limits = [s["limit"] for s in view["verdict"].get("suggestions", []) if s.get("limit")]
    return limits[0] if limits else None


def reply_problem(text: str, limit: int | None) -> str | None:
    """Why a submitted reply cannot be recorded, or None."""
    if not text.strip():
        return "Write a reply first."
    if limit and len(text) > limit:
        return f"{len(text)} characters: the platform allows {limit}."
    return None
