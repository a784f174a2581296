"""CSV import: records read across physical lines, a quote that never closes rejected alone, cells turned into the
fields an import record has."""

from __future__ import annotations

import csv
import json
import re
from typing import Any, Iterator

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_record import REQUIRED, Row, guarded, parse_record
from kuulo.bot.models import SQLITE_INT, Mention


def read_csv(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    """The records of a CSV file, each a Row; a quote that never closes is rejected alone, at the line it opens on,
    and the lines it swallowed are read again as records of their own (one stray quote loses nothing else)."""
    bad: dict[int, str] = {}
    held: list[tuple[int, str]] = []  # the physical lines (number, text) of the record being read
    again: list[tuple[int, str]] = []  # lines to read once more, last first (a rejected record swallowed them)
    physical = enumerate(lines, 1)

    def feed() -> Iterator[str]:
        while True:
            if again:
                held.append(again.pop())
            else:
                item = next(physical, None)
                if item is None:
                    return
                number, raw = item
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    bad[number] = f"not valid UTF-8 (byte {exc.start + 1} of the line)"
                    text = raw.decode("utf-8", errors="replace")
                held.append((number, text))
            yield held[-1][1]

    reader = csv.reader(feed())
    try:
        header = next(reader, None)
        while header == []:  # blank lines before the header
            header = next(reader, None)
    except csv.Error as exc:
        yield Row(f"{name}:{held[-1][0] if held else 1}", None, f"not valid CSV in the header ({exc})")
        return
    if header is None:
        return
    header = [h.strip() for h in header]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        yield Row(f"{name}:1", None, f"CSV header lacks required column(s): {', '.join(missing)}")
        return
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:  # which of the two would a row mean?
        yield Row(f"{name}:1", None, f"CSV header names a column twice: {', '.join(twice)}")
        return
    held.clear()
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over csv's size limit: a stray quote ran on through thousands of lines
            yield Row(f"{name}:{held[0][0] if held else '?'}", None, f"not valid CSV ({exc})" + (
                f": a quote opened on this line runs on to line {held[-1][0]}; the lines after it were read again as "
                "records of their own" if len(held) > 1 else ""))
            again.extend(reversed(held[1:]))
            held.clear()
            reader = csv.reader(feed())
            continue
        record = held[:]
        held.clear()
        where = f"{name}:{record[0][0]}"
        broken = next((bad[n] for n, _ in record if n in bad), None)
        if broken:
            yield Row(where, None, broken)
        elif cells and any(c.strip() for c in cells):
            if len(cells) != len(header) and len(record) > 1:  # a stray quote ran on: read the rest again
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}: a quote opened on this "
                                       f"line runs on to line {record[-1][0]}; the lines after it were read again as "
                                       "records of their own")
                again.extend(reversed(record[1:]))
                reader = csv.reader(feed())
            elif len(cells) != len(header):
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}")
            else:
                yield guarded(where, lambda: parse_csv_record(dict(zip(header, cells))))


def parse_csv_record(cells: dict[str, str]) -> tuple[Mention, tuple[str, ...]]:
    """One CSV record (header -> cell) as a Mention and notes; ImportRowError says why not."""
    return parse_record(_csv_values(cells))


def _csv_values(data: dict[str, str]) -> dict[str, Any]:
    """CSV cells are text: empty optional cells are absent; hashtags may be a JSON list or space/comma separated."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value == "" and key not in REQUIRED:
            continue
        if key == "hashtags":
            value = _csv_hashtags(value)
        elif key in ("like_count", "comment_count") and re.fullmatch(r"-?\d+", value.strip()):
            value = _whole(key, value.strip())
        out[key] = value
    return out


def _csv_hashtags(value: str) -> Any:
    if not value.lstrip().startswith("["):
        return [t for t in re.split(r"[\s,]+", value) if t]
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ImportRowError(f"hashtags: not a JSON list ({exc.msg} at column {exc.colno}); write tags separated "
                             "by spaces, or a JSON list like [\"#nordea\"]") from None
    except (RecursionError, ValueError):
        raise ImportRowError("hashtags: not a JSON list (nested too deeply or a number too long)") from None


def _whole(key: str, digits: str) -> int:
    if len(digits) > 20:  # int() of a very long string is slow, and no count needs it
        raise ImportRowError(f"{key}: {digits[:24]}… is out of range (at most {SQLITE_INT[1]:,})")
    return int(digits)
