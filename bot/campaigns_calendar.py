"""The communication calendar: campaigns with their status and entry counts, and as iCalendar (RFC 5545)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Sequence

from kuulo.bot.campaigns_config import Campaign
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database, snapshot

STATUSES = ("eligible", "ineligible", "approved", "rejected")
ICS_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded


def calendar(db: Database | None, campaigns: Sequence[Campaign], now: datetime) -> list[dict[str, Any]]:
    """Each campaign in start order: name, tags, window, status (upcoming, running, closed, frozen, drawn), counts."""
    counts, draws = {}, {}
    if db is not None:
        with snapshot(db):
            counts, draws = rows.status_counts(db), rows.draw_rows(db)
    out = []
    for c in sorted(campaigns, key=lambda c: (c.start, c.name)):
        state = draws.get(c.name)
        status = "drawn" if state and state["seed"] else "frozen" if state else c.status_at(now)
        by_status = {s: counts.get(c.name, {}).get(s, 0) for s in STATUSES}
        out.append({"name": c.name, "hashtags": ["#" + t for t in c.hashtags], "entry": c.entry,
                    "start": c.start.isoformat(), "end": c.end.isoformat(), "status": status,
                    "entries": sum(by_status.values()), "by_status": by_status, "platforms": list(c.platforms),
                    "cta": c.cta, "rules_url": c.rules_url})
    return out


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
            .replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> list[str]:
    """A content line folded at 75 octets without splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = ICS_LINE_OCTETS if not out else ICS_LINE_OCTETS - 1
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def _utc(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def to_ics(campaigns: Sequence[Campaign], now: datetime, host: str = "kuulo") -> str:
    """A VCALENDAR with one VEVENT per campaign (times in UTC, CRLF line ends)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kuulo//Campaign calendar//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for c in sorted(campaigns, key=lambda c: (c.start, c.name)):
        tags = " ".join("#" + t for t in c.hashtags)
        about = [f"Hashtags: {tags}" if tags else "", f"Entry: {c.entry}" + (f" on {c.post}" if c.post else ""),
                 c.cta or "", f"Rules: {c.rules_url}" if c.rules_url else ""]
        lines += ["BEGIN:VEVENT", f"UID:{_escape(c.name)}@{host}", f"DTSTAMP:{_utc(now)}",
                  f"DTSTART:{_utc(c.start)}", f"DTEND:{_utc(c.end + timedelta(microseconds=1))}",  # DTEND: exclusive
                  f"SUMMARY:{_escape(f'{c.name} {tags}'.strip())}",
                  f"DESCRIPTION:{_escape(chr(10).join(a for a in about if a))}",
                  "CATEGORIES:CAMPAIGN"]
        if c.rules_url:
            lines.append(f"URL:{c.rules_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
