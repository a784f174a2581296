"""A queued summary as Slack blocks: each number with its change against the previous period."""

from __future__ import annotations

from typing import Any

from kuulo.bot.durations import format_duration
from kuulo.handlers.slack.blocks import name
from kuulo.handlers.slack.kit import MESSAGE_BLOCKS, context, header, section
from kuulo.handlers.slack.render import escape, short

OLDEST_PREVIEW = 80


def _change(now: float | None, before: float | None, unit: str = "") -> str:
    if now is None or before is None:
        return ""
    diff = now - before
    if abs(diff) < 0.05:
        return " (±0)"
    sign = "+" if diff > 0 else "−"
    shown = format_duration(abs(diff)) if unit == "s" else f"{abs(diff):.1f}".removesuffix(".0") + unit
    return f" ({sign}{shown})"


def _answered_pct(total: dict[str, Any]) -> float | None:
    return round(100 * total["answered"] / total["cases"], 1) if total["cases"] else None


def number_lines(total: dict[str, Any], previous: dict[str, Any]) -> list[str]:
    """The headline numbers, each with its change against the previous period."""
    answered, answered_before = _answered_pct(total), _answered_pct(previous)
    sla = total["within_sla_pct"]
    return [
        f"Mentions: *{total['mentions']}*{_change(total['mentions'], previous['mentions'])}",
        f"Cases: *{total['cases']}*{_change(total['cases'], previous['cases'])}",
        f"Answered: *{total['answered']}* ({'–' if answered is None else f'{answered:.1f}%'})"
        f"{_change(answered, answered_before, ' pp')}",
        f"Dismissed: *{total['dismissed']}* · still open: *{total['open']}*",
        f"First response median: *{format_duration(total['frt_median_s'])}*"
        f"{_change(total['frt_median_s'], previous['frt_median_s'], 's')}"
        f" · p90: *{format_duration(total['frt_p90_s'])}*{_change(total['frt_p90_s'], previous['frt_p90_s'], 's')}",
        f"Within SLA: *{'–' if sla is None else f'{sla:.1f}%'}*{_change(sla, previous['within_sla_pct'], ' pp')}"
        f" · breached: *{total['breached']}*{_change(total['breached'], previous['breached'])}",
    ]


def group_line(dim: str, group: dict[str, Any]) -> str:
    """One row of a breakdown; agents by name only, so a summary pings no one."""
    key = group["key"].rsplit(" (", 1)[0] if dim == "agent" else group["key"]
    sla = "" if group["within_sla_pct"] is None else f", {group['within_sla_pct']:.0f}% within SLA"
    return (f"• {name(key)}: {group['cases']} cases, {group['answered']} answered, median "
            f"{format_duration(group['frt_median_s'])}{sla}")


def summary_text(payload: dict[str, Any]) -> str:
    """The notification text of a summary."""
    t = payload["total"]
    return (f"{payload['title']}: {t['cases']} cases, {t['answered']} answered,"
            f" median {format_duration(t['frt_median_s'])}")


def summary_blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Title, numbers with changes, breakdowns (brand, platform, category, agent) and the oldest open cases."""
    blocks: list[dict[str, Any]] = [
        header(payload["title"]),
        section("\n".join(number_lines(payload["total"], payload["previous"]))),
        context("Changes are against the previous period.",
                *([f"Ledger anchor `{escape(payload['anchor'])}` (check: `kuulo verify-ledger --expect` with it)"]
                  if payload.get("anchor") else [])),  # the ledger's tip, kept in the channel
    ]
    by = payload.get("by") or {"brand": payload.get("by_brand", [])}  # by_brand: rows queued by Kuulo 0.1
    for dim, groups in by.items():
        if groups:
            blocks.append(section(f"*By {name(dim)}*\n" + "\n".join(group_line(dim, g) for g in groups)))
    lines = []
    for case in payload["oldest"]:
        age = format_duration(payload["as_of"] - case["created_ts"])
        lines.append(f"• *#{case['id']}* {name(case['brand'])} · {name(case['platform'])} · {case['state']} · "
                     f"{age} old · {short(case['author'], 40)}: {short(case['text'], OLDEST_PREVIEW)}")
    blocks.append(section("*Oldest open cases*\n" + ("\n".join(lines) if lines else "_None: the queue is empty._")))
    return blocks[:MESSAGE_BLOCKS]
