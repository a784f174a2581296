"""What the desk's commands answer, whatever the chat: the queue, one case, stats, a report (and who may ask)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable, Protocol, TypeVar
from zoneinfo import ZoneInfo

from kuulo.bot.app import Services
from kuulo.bot.durations import format_duration, parse_duration
from kuulo.bot.errors import KuuloError, MarkupError
from kuulo.bot.limits import MAX_DURATION_DAYS, MAX_TIME_INPUT_CHARS
from kuulo.bot.periods import PERIODS, calendar_period
from kuulo.bot.report import build_report
from kuulo.bot.report_format import as_table
from kuulo.handlers.desk.choices import plain_number
from kuulo.handlers.desk.lines import state_line, why
from kuulo.handlers.desk.markup import Markup, clock_time, name
from kuulo.storage.cases import case_view, list_cases
from kuulo.storage.ledger import case_events

T = TypeVar("T")
QUEUE_ROWS = 25
PERIOD_LABELS = {"today": "today", "yesterday": "yesterday", "week": "this week so far",
                 "last-week": "last week", "month": "this month so far", "last-month": "last month"}
DEFAULT_STATS = "7d"
MAX_CASE_ID = 2**63 - 1  # SQLite's largest integer: a longer number is no case
COMMANDS = ("queue", "case", "stats", "report")  # answered here; routes and help are each chat's own


class Reader(Protocol):
    """Runs a storage read on the desk's connection."""

    def __call__(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...


def stats_span(m: Markup, span: str) -> int:
    """The seconds of a stats period like 7d or 24h, at most MAX_DURATION_DAYS; MarkupError otherwise."""
    seconds = parse_duration(span) if len(span) <= MAX_TIME_INPUT_CHARS else None
    if not seconds:
        raise MarkupError(f"stats: expected a period like 7d or 24h, got '{m.short(span, 40)}'")
    if seconds > MAX_DURATION_DAYS * 86_400:
        raise MarkupError(f"stats: a period of at most {MAX_DURATION_DAYS}d (ten years), got '{m.short(span, 40)}'")
    return seconds


def case_number(args: list[str], usage: str) -> int:
    """The case id of `case ID` (or `#ID`); KuuloError with the usage otherwise."""
    written = args[0].lstrip("#") if len(args) == 1 else ""
    number = plain_number(written)
    if number is None and written.isascii() and written.isdigit():
        raise MarkupError(f"case {written[:40]}{'…' if len(written) > 40 else ''} does not exist")  # past any id
    if number is None:
        raise KuuloError(usage)
    return number


def answer_command(m: Markup, read: Reader, services: Services, sub: str, args: list[str], *, may_report: bool,
                   refusal: str, case_usage: str, report_limit: int) -> str:
    """The text for queue, case ID, stats [7d] and report [period]; KuuloError for a bad argument or a refusal
    (stats and reports are for supervisors)."""
    now = services.clock.now()
    cfg = services.config
    if sub == "queue":
        return queue_text(m, read(list_cases, limit=QUEUE_ROWS), now.timestamp(), cfg.sla_seconds)
    if sub == "case":
        case_id = case_number(args, case_usage)
        view = read(case_view, case_id) if case_id <= MAX_CASE_ID else None
        if view is None:
            raise MarkupError(f"case {m.short(args[0].lstrip('#'), 40)} does not exist")
        return case_text(m, view, read(case_events, case_id), cfg.tz, now.timestamp())
    if sub not in ("stats", "report"):
        raise ValueError(f"answer_command cannot answer {sub!r}")
    if not may_report:
        raise KuuloError(refusal)
    if sub == "stats":
        span = args[0] if args else DEFAULT_STATS
        seconds = stats_span(m, span)
        report = read(build_report, since=now - timedelta(seconds=seconds), until=now, now=now,
                      sla_seconds=cfg.sla_seconds, by=("brand",))
        return stats_text(m, report, f"last {span}")
    span = args[0].lower() if args else "week"
    if span not in PERIODS:
        raise MarkupError(f"report: expected {', '.join(PERIODS)}, got '{m.short(span, 40)}'")
    since, until = calendar_period(span, now, cfg.tz)
    report = read(build_report, since=since, until=until, now=now, sla_seconds=cfg.sla_seconds)
    return report_text(m, report, PERIOD_LABELS[span], report_limit)


def queue_text(m: Markup, rows: list[dict[str, Any]], now_ts: float, sla_seconds: int) -> str:
    """The open cases, oldest first, with age and a flag when the SLA is breached."""
    if not rows:
        return "The queue is empty: every case has been handled."
    lines = [m.bold("Open cases") + f" ({len(rows)}{'+' if len(rows) >= QUEUE_ROWS else ''}), oldest first:"]
    for row in rows[:QUEUE_ROWS]:
        age = now_ts - row["created_ts"]
        flag = f" {m.icons.get('breached', '')} breached" if age > sla_seconds else ""
        who = f" · {m.event_actor(row['claimed_by'], 'claimed', None)}" if row["claimed_by"] else ""
        number = m.bold(f"#{row['id']}")
        lines.append(f"• {number} {row['state']}{who} · {name(m, row['brand'])} · "
                     f"{name(m, row['platform'])} · {format_duration(age)}{flag} · {m.short(row['author'], 40)}: "
                     f"{m.short(row['text'], 80)}")
    return "\n".join(lines)


def stats_text(m: Markup, report: dict[str, Any], label: str) -> str:
    """The headline numbers of a report in a few lines."""
    t = report["total"]
    sla = "–" if t["within_sla_pct"] is None else f"{t['within_sla_pct']:.1f}%"
    lines = [m.bold(f"Kuulo stats, {label}"),
             f"{t['mentions']} mentions · {t['cases']} cases · {t['answered']} answered · {t['dismissed']} dismissed"
             f" · {t['open']} open",
             f"First response: median {format_duration(t['frt_median_s'])}, p90 {format_duration(t['frt_p90_s'])}"
             f" · within SLA {sla} · breached {t['breached']}"]
    for group in report["by"].get("brand", [])[:10]:
        lines.append(f"• {name(m, group['key'])}: {group['cases']} cases, {group['answered']} answered, median "
                     f"{format_duration(group['frt_median_s'])}")
    return "\n".join(lines)


def report_text(m: Markup, report: dict[str, Any], label: str, limit: int) -> str:
    """The period's name and the report table as preformatted text, within `limit` characters."""
    return f"{m.bold(f'Kuulo report, {label}')}\n{m.pre(m.fit(m.escape(as_table(report)), limit))}"


def case_text(m: Markup, view: dict[str, Any], events: list[dict[str, Any]], tz: ZoneInfo, now_ts: float) -> str:
    """One case: its post, why it matched, where it stands, and its ledger events (a person's own actions by the
    team's people as mentions; a follow-up's author, whatever their name says, as text)."""
    title = m.bold(f"Case #{view['id']}")
    lines = [f"{title} · {name(m, view['brand'])} · {name(m, view['platform'])} · "
             f"{m.escape(view['priority'])}",
             f"{m.link(view.get('url'), view['author'])} wrote:", m.quote(view["text"], 1500),
             f"Why: {why(m, view['verdict'])}", state_line(m, view, tz, now_ts), m.bold("History:")]
    for event in events[-15:]:
        who = m.event_actor(event["actor"], event["kind"], (event.get("data") or {}).get("how"))
        lines.append(f"• {clock_time(event['ts'], tz, now_ts)} {name(m, event['kind'])} by {who}")
    return "\n".join(lines)
