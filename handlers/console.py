"""The console transport: alerts and case updates printed as plain text (the embedded default)."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from kuulo.handlers.base import why_line
from kuulo.storage.outbox import OutboxItem

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TEXT_PREVIEW = 400


def safe(text: str) -> str:
    """Untrusted text made harmless for a terminal: control and escape characters shown as code points."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _local(created_at: str, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(created_at).astimezone(tz).strftime("%Y-%m-%d %H:%M")


def brand_list(brands: list[dict[str, Any]]) -> list[str]:
    """Each matched brand with the form seen and how it matched."""
    return [f"{b['brand']} ({safe(b['form'])}, {b['how']}" + (f" {b['score']:.0f}" if b["how"] == "fuzzy" else "") + ")"
            for b in brands]


def why(verdict: dict[str, Any]) -> str:
    """Why a post matched, in one line."""
    return why_line(brand_list(verdict.get("brands", [])), verdict, str)


def render_alert(view: dict[str, Any], tz: ZoneInfo) -> str:
    """The full alert: brand, platform, author, text, why, suggestions and the case id."""
    verdict = view["verdict"]
    text = safe(view["text"])
    if len(text) > TEXT_PREVIEW:
        text = text[:TEXT_PREVIEW] + "…"
    lines = [f"── case #{view['id']} · {view['brand']} · {view['platform']} · {view['priority']} priority ──",
             f"{safe(view['author'])} at {_local(view['created_at'], tz)}: {text}",
             f"why: {why(verdict)}"]
    for n, s in enumerate(verdict.get("suggestions", []), 1):
        over = " OVER LIMIT" if s["over_limit"] else ""
        limit = f" [{len(s['text'])}/{s['limit']}{over}]" if s["limit"] else ""
        lines.append(f"  reply {n}: {safe(s['text'])}{limit}")
    if view.get("url"):
        lines.append(f"  {safe(view['url'])}")
    return "\n".join(lines)


def render_update(item: OutboxItem, view: dict[str, Any] | None) -> str:
    """One line for a case change."""
    p = item.payload
    event, actor = p.get("event", item.kind), p.get("actor")
    detail = {"answered": f"answered ({p.get('how', 'manual')})", "dismissed": f"dismissed ({p.get('reason')})",
              "snoozed": f"snoozed until {p.get('until')}"}.get(event, event)
    who = f" by {safe(actor)}" if actor else ""
    brand = f" · {view['brand']}" if view else ""
    return f"case #{item.case_id}{brand}: {detail}{who}"


class ConsoleHandler:
    """Prints to a stream; never fails, so the outbox always drains."""

    name = "console"

    def __init__(self, stream: TextIO | None = None, tz: ZoneInfo | None = None, *, compact: bool = False):
        self.stream = stream or sys.stdout
        self.tz = tz or ZoneInfo("Europe/Helsinki")
        self.compact = compact

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if item.kind == "alert" and view is not None:
            if self.compact:
                text = safe(view["text"]).replace("\n", " ")
                print(f"case #{view['id']} [{view['priority']}] {view['brand']} · {view['platform']} · "
                      f"{safe(view['author'])}: {text[:90]}{'…' if len(text) > 90 else ''}", file=self.stream)
            else:
                print(render_alert(view, self.tz), file=self.stream)
            return f"console:{item.id}"
        print(render_update(item, view), file=self.stream)
        return None
