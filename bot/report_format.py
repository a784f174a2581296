"""Showing a report: a table for terminals, markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from kuulo.bot.durations import format_duration

COLUMNS = ("mentions", "cases", "answered", "dismissed", "open", "frt_median_s", "frt_p90_s",
           "within_sla_pct", "breached", "oldest_open_age_s")
HEADINGS = ("mentions", "cases", "answered", "dismissed", "open", "FRT median", "FRT p90", "within SLA",
            "breached", "oldest open")


def _cell(column: str, value: Any) -> str:
    if column.endswith("_s"):
        return format_duration(value)
    if column == "within_sla_pct":
        return "–" if value is None else f"{value:.1f}%"
    return str(value)


def _rows(report: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(dimension, key, fields) with the total first."""
    rows = [("total", "all", report["total"])]
    for dim, groups in report["by"].items():
        rows.extend((dim, g["key"], g) for g in groups)
    return rows


def _title(report: dict[str, Any]) -> str:
    return (f"Kuulo report {report['since'][:16]} – {report['until'][:16]} "
            f"(SLA first response {format_duration(report['sla_seconds'])})")


def as_table(report: dict[str, Any]) -> str:
    """Aligned columns with a blank line between dimensions."""
    head = ("", *HEADINGS)
    body, previous = [], None
    for dim, key, fields in _rows(report):
        if previous is not None and dim != previous:
            body.append(None)
        label = "TOTAL" if dim == "total" else f"{dim}: {key}"
        body.append((label, *(_cell(c, fields[c]) for c in COLUMNS)))
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
        safe_key = key.replace("|", "\\|")
        label = "**total**" if dim == "total" else f"{dim}: {safe_key}"
        out.append(f"| {label} | " + " | ".join(_cell(c, fields[c]) for c in COLUMNS) + " |")
    return "\n".join(out)


def as_csv(report: dict[str, Any]) -> str:
    """One row per group, raw numbers (seconds, percent)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("dimension", "key", *COLUMNS))
    for dim, key, fields in _rows(report):
        writer.writerow((dim, key, *("" if fields[c] is None else fields[c] for c in COLUMNS)))
    return buf.getvalue().rstrip("\n")


def as_json(report: dict[str, Any]) -> str:
    """Exactly one JSON object."""
    return json.dumps(report, ensure_ascii=False)


FORMATS = {"table": as_table, "md": as_markdown, "csv": as_csv, "json": as_json}
