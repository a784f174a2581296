"""Showing a report: a table for terminals, markdown, CSV and JSON."""

from __future__ import annotations

import csv
import math
import io
from datetime import datetime
from typing import Any

from kuulo.bot.durations import format_duration
from kuulo.bot.report import HOW_FIELDS
from kuulo.bot.when import offset
from kuulo.handlers.console import json_line, safe

COLUMNS = ("mentions", "cases", "answered", "dismissed", "open", "frt_median_s", "frt_p90_s",
           "within_sla_pct", "breached", "oldest_open_age_s")
# the CSV's columns after the table's: how the answered cases were answered, and replies waiting for the platform
CSV_MORE = (*HOW_FIELDS.values(), "replies_pending")
HEADINGS = ("mentions", "cases", "answered", "dismissed", "open", "FRT median", "FRT p90", "within SLA",
            "breached", "oldest open")


def _cell(column: str, value: Any, sla: float | None = None) -> str:
    if column.endswith("_s"):
        shown = format_duration(value)
        if column.startswith("frt_") and sla is not None and value is not None and value != sla \
                and shown == format_duration(sla):  # 3601 s is not "1h 00m" beside an SLA of 1h 00m
            return _beside_target(value, sla)
        return shown
    if column == "within_sla_pct":
        return "–" if value is None else f"{value:.1f}%"
    return str(value)


def _beside_target(value: float, sla: float) -> str:
    """A time the short form would show as the target itself, to the second and rounded away from the target (a
    breach of 3600.4 s is 1h 00m 01s, not 1h 00m 00s): hours, minutes and seconds, days too past one."""
    s = math.ceil(value) if value > sla else math.floor(value)
    days, rest = divmod(s, 86400)
    clock = f"{rest // 3600}h {rest % 3600 // 60:02d}m {rest % 60:02d}s"
    return f"{days}d {clock}" if days else clock


def _rows(report: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(dimension, key, fields) with the total first."""
    rows = [("total", "all", report["total"])]
    for dim, groups in report["by"].items():
        rows.extend((dim, g["key"], g) for g in groups)
    return rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula (OWASP)
# Markdown's own characters, and & (a stranger's &#x202e; would be a bidi override in the rendered page)
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\|*_`[]<>#&"})


def sheet_cell(value: Any) -> Any:
    """A CSV or Markdown cell for text from outside: terminal-safe, and with a leading ' when a spreadsheet would read
    it as a formula (it starts, or starts after blanks, with = + - @ tab or CR); numbers Kuulo computed stay numbers."""
    if not isinstance(value, str):
        return value
    text = safe(value, None)
    risky = any(t.startswith(FORMULA_STARTS) or t.lstrip().startswith(FORMULA_STARTS) for t in (value, text))
    return "'" + text if risky else text


def md_cell(value: Any) -> str:
    """Text from outside for Markdown (a table cell, a list item): terminal-safe, on one line, no formula, Markdown's
    own characters and entities escaped."""
    return str(sheet_cell("" if value is None else str(value))).translate(_MARKDOWN)


def _title(report: dict[str, Any]) -> str:
    return (f"Kuulo report {_span(report['since'], report['until'])} "
            f"(SLA first response {format_duration(report['sla_seconds'])})")


def _span(since: str, until: str) -> str:
    """[since, until) to the minute in the zone the report was asked in, its offset written once when shared."""
    start, end = datetime.fromisoformat(since), datetime.fromisoformat(until)
    zone = lambda t: f" {offset(t)}" if t.tzinfo else ""
    first = f"{start:%Y-%m-%d %H:%M}" + ("" if zone(start) == zone(end) else zone(start))
    return f"{first} – {end:%Y-%m-%d %H:%M}{zone(end)}"


def as_table(report: dict[str, Any]) -> str:
    """Aligned columns with a blank line between dimensions."""
    head = ("", *HEADINGS)
    body, previous = [], None
    for dim, key, fields in _rows(report):
        if previous is not None and dim != previous:
            body.append(None)
        label = "TOTAL" if dim == "total" else f"{dim}: {safe(key)}"
        body.append((label, *(_cell(c, fields[c], report["sla_seconds"]) for c in COLUMNS)))
        previous = dim
    widths = [max(len(str(r[i])) for r in [head, *filter(None, body)]) for i in range(len(head))]
    line = lambda r: "  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w) for i, (v, w) in enumerate(zip(r, widths)))
    out = [_title(report), line(head), "  ".join("-" * w for w in widths)]
    out.extend("" if r is None else line(r) for r in body)
    return "\n".join(out)


def as_markdown(report: dict[str, Any]) -> str:
    """A GitHub-flavoured markdown table."""
    out = [f"**{_title(report)}**", "", "| group | " + " | ".join(HEADINGS) + " |",
           "|---|" + "---:|" * len(HEADINGS)]
    for dim, key, fields in _rows(report):
        label = "**total**" if dim == "total" else f"{dim}: {md_cell(key)}"
        out.append(f"| {label} | " + " | ".join(_cell(c, fields[c], report["sla_seconds"]) for c in COLUMNS) + " |")
    return "\n".join(out)


def as_csv(report: dict[str, Any]) -> str:
    """One row per group, raw numbers (seconds, percent)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = (*COLUMNS, *CSV_MORE)
    writer.writerow(("dimension", "key", *columns))
    for dim, key, fields in _rows(report):
        writer.writerow((dim, sheet_cell(key), *("" if fields[c] is None else fields[c] for c in columns)))
    return buf.getvalue().rstrip("\n")


def as_json(report: dict[str, Any]) -> str:
    """Exactly one JSON object."""
    return json_line(report)


FORMATS = {"table": as_table, "md": as_markdown, "csv": as_csv, "json": as_json}
