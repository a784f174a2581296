"""The console transport: alerts and case updates printed as plain text (the embedded default)."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from kuulo.bot.errors import TransportError
from kuulo.bot.limits import SHOWN_FIELD_CHARS, SHOWN_TEXT_CHARS
from kuulo.bot.when import shown
from kuulo.handlers.base import why_line
from kuulo.storage.outbox import OutboxItem

# C0 and C1 controls and DEL (ESC sequences, OSC window titles, CSI) and lone surrogates (an argument's bytes that
# are not UTF-8: \udc9b goes out as the byte 0x9b, a C1 CSI, or stops a strict UTF-8 stream), then characters that
# reorder or hide text: bidi marks, embeddings, overrides and isolates, zero-width characters, the soft hyphen, the
# blank Hangul fillers a name can be made of, line/paragraph separators, the BOM, interlinear annotations and the
# invisible tag characters (the chats' neutral() removes the same ones).
_CONTROL = "\x00-\x1f\x7f-\x9f\ud800-\udfff"
_INVISIBLE = ("\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0"
              "\ufff9-\ufffb\U000e0000-\U000e007f")
_UNSAFE = re.compile(f"\r\n|[{_CONTROL}{_INVISIBLE}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\ud800-\udfff{_INVISIBLE}]")
NEWLINE = "↵"  # how a line break inside a one-line field is shown
COMPACT_TEXT = 91  # characters of post text in a one-line alert


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in ("\n", "\r", "\r\n"):
        return NEWLINE
    if char == "\t":
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe(value: object, width: int | None = SHOWN_FIELD_CHARS) -> str:
    """Untrusted text made harmless for one terminal line: line breaks shown as ↵, controls, bidi and zero-width
    characters as their code points (\\x1b, \\u202e), cut to width characters (None: not cut)."""
    text = _UNSAFE.sub(_visible, "" if value is None else str(value))
    if width is not None and len(text) > width:
        return text[:width - 1] + "…"
    return text


class SafeLogFormatter(logging.Formatter):
    """Log records as terminal text: the message and each exception's own text (which may quote a post or a
    platform's answer) on one defused line each, so they can neither steer the terminal nor forge a log line; the
    traceback's frames (Kuulo's own files) keep their lines."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(logging.makeLogRecord(
            {**record.__dict__, "msg": safe(record.getMessage(), None), "args": None, "exc_text": None}))

    def formatException(self, ei: Any) -> str:
        parts = []
        for chunk in traceback.TracebackException(*ei).format():
            body = chunk.strip("\n")
            lines = body.split("\n") if chunk.startswith("  File ") else [body]
            lead, trail = chunk[:len(chunk) - len(chunk.lstrip("\n"))], chunk[len(chunk.rstrip("\n")):]
            parts.append(lead + "\n".join(safe(line, None) for line in lines) + trail)  # blank lines around a cause
        return "".join(parts).rstrip("\n")


def log_to_terminal(level: int, fmt: str = "%(message)s") -> None:
    """Log to stderr through SafeLogFormatter at `level`; a later call sets the level and format again. Leaves alone a
    process whose logging someone else set up (a test runner's capture)."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if isinstance(h.formatter, SafeLogFormatter)]
    if not ours and root.handlers:
        return
    if not ours:
        ours = [logging.StreamHandler()]
        root.addHandler(ours[0])
    ours[0].setFormatter(SafeLogFormatter(fmt))
    root.setLevel(level)


def json_line(value: Any, indent: int | None = None) -> str:
    """One JSON document whose strings keep their data but whose bytes cannot steer a terminal (escaped as \\uXXXX);
    on several lines with `indent`."""
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(value, ensure_ascii=False, indent=indent))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:  # a lone surrogate too (\udc9b), which no UTF encoding can carry
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def brand_list(brands: list[dict[str, Any]]) -> list[str]:
    """Each matched brand with the form seen and how it matched."""
    return [f"{safe(b['brand'])} ({safe(b['form'])}, {b['how']}"
            + (f" {b['score']:.0f}" if b["how"] == "fuzzy" else "") + ")" for b in brands]


def why(verdict: dict[str, Any]) -> str:
    """Why a post matched, in one line."""
    return why_line(brand_list(verdict.get("brands", [])), verdict, safe)


def head_line(view: dict[str, Any]) -> str:
    """The alert's first line: case id, brand, platform and priority."""
    return (f"── case #{view['id']} · {safe(view['brand'])} · {safe(view['platform'])} · "
            f"{safe(view['priority'])} priority ──")


def render_alert(view: dict[str, Any], tz: ZoneInfo) -> str:
    """The full alert: brand, platform, author, text, why, suggestions and the case id; one line per field."""
    verdict = view["verdict"]
    posted = shown(datetime.fromisoformat(view["created_at"]), tz)
    lines = [head_line(view), f"{safe(view['author'])} at {posted}: {safe(view['text'], SHOWN_TEXT_CHARS)}",
             f"why: {why(verdict)}"]
    for n, s in enumerate(verdict.get("suggestions", []), 1):
        over = " OVER LIMIT" if s["over_limit"] else ""
        limit = f" [{len(s['text'])}/{s['limit']}{over}]" if s["limit"] else ""
        lines.append(f"  reply {n}: {safe(s['text'], None)}{limit}")
    if view.get("url"):
        lines.append(f"  {safe(view['url'], SHOWN_TEXT_CHARS)}")
    return "\n".join(lines)


def render_update(item: OutboxItem, view: dict[str, Any] | None, tz: ZoneInfo | None = None) -> str:
    """One line for a case change (a snooze's end in the team's zone when tz is given)."""
    p = item.payload
    event, actor = p.get("event", item.kind), p.get("actor")
    detail = {"answered": f"answered ({safe(p.get('how', 'manual'))})",
              "dismissed": f"dismissed ({safe(p.get('reason'))})",
              "snoozed": f"snoozed until {_when(p.get('until'), tz)}"}.get(event, safe(event))
    who = f" by {safe(actor)}" if actor else ""
    brand = f" · {safe(view['brand'])}" if view else ""
    return f"case #{item.case_id}{brand}: {detail}{who}"


def _when(iso: str | None, tz: ZoneInfo | None) -> str:
    """An ISO time from a payload in the team's zone with its offset (as it came when it is not one)."""
    try:
        return shown(datetime.fromisoformat(iso), tz) if iso and tz is not None else safe(iso)
    except (TypeError, ValueError):
        return safe(iso)


def compact_line(view: dict[str, Any]) -> str:
    """An alert in one line, as `kuulo import` shows it."""
    return (f"case #{view['id']} [{safe(view['priority'])}] {safe(view['brand'])} · {safe(view['platform'])} · "
            f"{safe(view['author'])}: {safe(view['text'], COMPACT_TEXT)}")


class ConsoleHandler:
    """Prints to a stream; fails only when the stream was closed (then the outbox keeps the message)."""

    name = "console"
    confirms_in_rounds = True  # a line printed again after a crash does no harm: delivery records a round at once

    def __init__(self, stream: TextIO | None = None, tz: ZoneInfo | None = None, *, compact: bool = False):
        self.stream = stream or sys.stdout
        self.tz = tz or ZoneInfo("Europe/Helsinki")
        self.compact = compact

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        try:
            if item.kind == "alert" and view is not None:
                print(compact_line(view) if self.compact else render_alert(view, self.tz), file=self.stream)
                return f"console:{item.id}"
            print(render_update(item, view, self.tz), file=self.stream)
            return None
        except BrokenPipeError as exc:  # `kuulo demo | head`: nobody reads any more; the message waits in the outbox
            raise TransportError("console: the output was closed") from exc
