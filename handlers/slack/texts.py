"""What `/kuulo` answers: the queue, stats, a report, one case, and help (mrkdwn, user text escaped)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from kuulo.bot.durations import format_duration
from kuulo.bot.report_format import as_table
from kuulo.handlers.slack.blocks import name, state_line, why
from kuulo.handlers.slack.kit import MESSAGE_TEXT
from kuulo.handlers.slack.render import Person, clock_time, escape, event_actor, fit, link, nobody, quote, short

QUEUE_ROWS = 25
HELP = """*Kuulo* `/kuulo` commands:
• `/kuulo queue`: open cases, oldest first (only you see it)
• `/kuulo stats [7d]`: numbers for the last days (supervisors)
• `/kuulo report [week|month|last-week|last-month|today|yesterday]`: the full response-time report for a calendar
  period in the team's time zone; week and month are so far (supervisors)
• `/kuulo case ID`: one case and its history
• `/kuulo routes`: where alerts go, first match wins
• `/kuulo route add [brand:NAME] [category:NAME] #channel [on-duty:@group]`, `/kuulo route remove ID`:
  change where alerts go, without editing the config (supervisors)
• `/kuulo help`: this text
Alert buttons: `kuulo.claim`, `kuulo.reply`, `kuulo.answered`, `kuulo.dismiss`, `kuulo.snooze`, `kuulo.escalate`."""


def queue_text(rows: list[dict[str, Any]], now_ts: float, sla_seconds: int, person: Person = nobody) -> str:
    """The open cases, oldest first, with age and a flag when the SLA is breached."""
    if not rows:
        return "The queue is empty: every case has been handled."
    lines = [f"*Open cases* ({len(rows)}{'+' if len(rows) >= QUEUE_ROWS else ''}), oldest first:"]
    for row in rows[:QUEUE_ROWS]:
        age = now_ts - row["created_ts"]
        flag = " :rotating_light: breached" if age > sla_seconds else ""
        who = f" · {event_actor(row['claimed_by'], 'claimed', None, person)}" if row["claimed_by"] else ""
        lines.append(f"• *#{row['id']}* {row['state']}{who} · {name(row['brand'])} · {name(row['platform'])} · "
                     f"{format_duration(age)}{flag} · {short(row['author'], 40)}: {short(row['text'], 80)}")
    return "\n".join(lines)


def stats_text(report: dict[str, Any], label: str) -> str:
    """The headline numbers of a report in a few lines."""
    t = report["total"]
    sla = "–" if t["within_sla_pct"] is None else f"{t['within_sla_pct']:.1f}%"
    lines = [f"*Kuulo stats, {label}*",
             f"{t['mentions']} mentions · {t['cases']} cases · {t['answered']} answered · {t['dismissed']} dismissed"
             f" · {t['open']} open",
             f"First response: median {format_duration(t['frt_median_s'])}, p90 {format_duration(t['frt_p90_s'])}"
             f" · within SLA {sla} · breached {t['breached']}"]
    for group in report["by"].get("brand", [])[:10]:
        lines.append(f"• {name(group['key'])}: {group['cases']} cases, {group['answered']} answered, median "
                     f"{format_duration(group['frt_median_s'])}")
    return "\n".join(lines)


def report_text(report: dict[str, Any], label: str) -> str:
    """The period's name and the report table in a code block."""
    return f"*Kuulo report, {label}*\n```\n{fit(escape(as_table(report)), MESSAGE_TEXT - 100)}\n```"


def case_text(view: dict[str, Any], events: list[dict[str, Any]], tz: ZoneInfo, now_ts: float,
              person: Person = nobody) -> str:
    """One case: its post, why it matched, where it stands, and its ledger events (a person's own actions by the
    team's people as mentions; a follow-up's author, whatever their name says, as text)."""
    lines = [f"*Case #{view['id']}* · {name(view['brand'])} · {name(view['platform'])} · {escape(view['priority'])}",
             f"{link(view.get('url'), view['author'])} wrote:", quote(view["text"], 1500),
             f"Why: {why(view['verdict'])}", state_line(view, tz, now_ts, person), "*History:*"]
    for event in events[-15:]:
        who = event_actor(event["actor"], event["kind"], (event.get("data") or {}).get("how"), person)
        lines.append(f"• {clock_time(event['ts'], tz, now_ts)} {name(event['kind'])} by {who}")
    return "\n".join(lines)
