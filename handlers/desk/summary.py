"""A queued summary's words, whatever the chat: each number with its change against the previous period, the
breakdowns and the oldest open cases."""

from __future__ import annotations

from typing import Any

from kuulo.bot.durations import format_duration
from kuulo.handlers.desk.markup import Markup, name

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


def number_lines(m: Markup, total: dict[str, Any], previous: dict[str, Any]) -> list[str]:
    """The headline numbers, each with its change against the previous period."""
    answered, answered_before = _answered_pct(total), _answered_pct(previous)
    sla = total["within_sla_pct"]
    b = m.bold
    return [
        f"Mentions: {b(str(total['mentions']))}{_change(total['mentions'], previous['mentions'])}",
        f"Cases: {b(str(total['cases']))}{_change(total['cases'], previous['cases'])}",
        f"Answered: {b(str(total['answered']))} ({'–' if answered is None else f'{answered:.1f}%'})"
        f"{_change(answered, answered_before, ' pp')}",
        f"Dismissed: {b(str(total['dismissed']))} · still open: {b(str(total['open']))}",
        f"First response median: {b(format_duration(total['frt_median_s']))}"
        f"{_change(total['frt_median_s'], previous['frt_median_s'], 's')}"
        f" · p90: {b(format_duration(total['frt_p90_s']))}{_change(total['frt_p90_s'], previous['frt_p90_s'], 's')}",
        f"Within SLA: {b('–' if sla is None else f'{sla:.1f}%')}{_change(sla, previous['within_sla_pct'], ' pp')}"
        f" · breached: {b(str(total['breached']))}{_change(total['breached'], previous['breached'])}",
    ]


def group_line(m: Markup, dim: str, group: dict[str, Any]) -> str:
    """One row of a breakdown; agents by name only, so a summary pings no one."""
    key = group["key"].rsplit(" (", 1)[0] if dim == "agent" else group["key"]
    sla = "" if group["within_sla_pct"] is None else f", {group['within_sla_pct']:.0f}% within SLA"
    return (f"• {name(m, key)}: {group['cases']} cases, {group['answered']} answered, median "
            f"{format_duration(group['frt_median_s'])}{sla}")


def breakdowns(payload: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The breakdowns of a queued summary, by dimension (rows queued by Kuulo 0.1 had only by_brand)."""
    return payload.get("by") or {"brand": payload.get("by_brand", [])}


def oldest_lines(m: Markup, payload: dict[str, Any]) -> list[str]:
    """The oldest open cases of a summary, one line each."""
    lines = []
    for case in payload["oldest"]:
        age = format_duration(payload["as_of"] - case["created_ts"])
        number = m.bold(f"#{case['id']}")
        lines.append(f"• {number} {name(m, case['brand'])} · {name(m, case['platform'])} · {case['state']} · "
                     f"{age} old · {m.short(case['author'], 40)}: {m.short(case['text'], OLDEST_PREVIEW)}")
    return lines


def summary_text(payload: dict[str, Any]) -> str:
    """The notification text of a summary (plain: it holds no user text)."""
    t = payload["total"]
    return (f"{payload['title']}: {t['cases']} cases, {t['answered']} answered,"
            f" median {format_duration(t['frt_median_s'])}")
