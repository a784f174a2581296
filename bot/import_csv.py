"""CSV import: records read across physical lines, a quote that never closes rejected alone, cells turned into the
fields an import record has."""

from __future__ import annotations

import csv
import json
import re
from typing import Any, Callable, Iterator

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_record import REQUIRED, LongLine, Row, guarded, parse_record
from kuulo.bot.models import SQLITE_INT, Mention


BOM = "\ufeff"
# csv's words for what strict reading refuses, as our user would say them: a quote that runs to the end of the input,
# or closes before the field does, is a stray quote, and the records it ran over are read again as their own
# (non-strict csv joined them into its field, and took the next quoted cell's quote as its end)
_CSV_ERRORS = {
    "unexpected end of data": "a quote that never closes",
    "',' expected after '\"'": "a quote closes before its field ends",
    "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?":
        "a carriage return (CR) inside a field that is not quoted",  # csv's hint at universal-newline mode
}
HOLD_CHARS = 64 << 20  # how much of a record past csv's field limit is held to be read again, were it a stray quote


def read_csv(lines: Iterator[bytes], name: str) -> Iterator[Row]:
    """The records of a CSV file, each a Row; a quote that never closes is rejected alone, at the line it opens on,
    and the lines it swallowed are read again as records of their own (one stray quote loses nothing else); a record
    whose quoted field closes but runs past csv's field limit is rejected whole (text inside it is never a record).
    A record that is a header again (files joined with cat; their columns may be ordered otherwise) gives the records
    after it their columns, and byte-order marks before a record are passed over."""
    bad: dict[int, str] = {}
    held: list[tuple[int, str]] = []  # the physical lines (number, text) of the record being read
    again: list[tuple[int, str]] = []  # lines to read once more, last first (a rejected record swallowed them)
    physical = enumerate(lines, 1)

    def pull() -> tuple[int, str] | None:
        if again:
            return again.pop()
        item = next(physical, None)
        if item is None:
            return None
        number, raw = item
        if isinstance(raw, LongLine):  # its record is rejected with its length; an empty line stands in for it
            bad[number] = raw.error
            return number, "\n"
        try:
            return number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad[number] = f"not valid UTF-8 (byte {exc.start + 1} of the line)"
            return number, raw.decode("utf-8", errors="replace")

    def feed() -> Iterator[str]:
        while (item := pull()) is not None:
            if not any(text.strip() for _, text in held):  # a record starts: byte-order marks before it passed over
                item = item[0], item[1].lstrip(BOM)  # (files joined with cat carry one at the start of each)
            held.append(item)
            yield item[1]

    reader = csv.reader(feed(), strict=True)
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
        except csv.Error as exc:  # a field over csv's size limit (a stray quote, or a field that long), or a lone CR
            exc = csv.Error(_CSV_ERRORS.get(str(exc), str(exc)))
            long = "field limit" in str(exc)
            span, columns = _rest_of_record(held[:], pull) if held and long else (held[:], 0)
            held.clear()
            where = f"{name}:{span[0][0] if span else '?'}"
            if long and columns == len(header):  # its quotes close where a record of this header ends: one, too long
                yield Row(where, None, f"not valid CSV: a field of this record (lines {span[0][0]}-{span[-1][0]}) "
                                       f"is over csv's limit of {csv.field_size_limit():,} characters")
            elif sum(len(text) for _, text in span) > HOLD_CHARS:
                yield Row(where, None, f"not valid CSV ({exc}): a quote opened on this line runs on to line "
                                       f"{span[-1][0]}, too far to read the lines after it again")
            else:
                yield Row(where, None, f"not valid CSV ({exc})" + (
                    f": a quote opened on this line runs on to line {span[-1][0]}; the lines after it were read "
                    "again as records of their own" if len(span) > 1 else ""))
                again.extend(reversed(span[1:]))
            reader = csv.reader(feed(), strict=True)
            continue
        record = held[:]
        held.clear()
        where = f"{name}:{record[0][0]}"
        broken = next((bad[n] for n, _ in record if n in bad), None)
        if broken:
            yield Row(where, None, broken)
        elif (next_header := header_again(cells)) is not None:  # the next of files joined with cat: its header,
            header = next_header  # whose columns may come in another order (another tool's export)
            continue
        elif cells and any(c.strip() for c in cells):
            if len(cells) != len(header) and len(record) > 1:  # a stray quote ran on: read the rest again
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}: a quote opened on this "
                                       f"line runs on to line {record[-1][0]}; the lines after it were read again as "
                                       "records of their own")
                again.extend(reversed(record[1:]))
                reader = csv.reader(feed(), strict=True)
            elif len(cells) != len(header):
                yield Row(where, None, f"expected {len(header)} columns, got {len(cells)}")
            else:
                yield guarded(where, lambda: parse_csv_record(dict(zip(header, cells))))


def header_again(cells: list[str]) -> list[str] | None:
    """A record that is a header (every required column named, each name once): the columns of the records after it;
    None for a record of posts (no post's created_at is the word 'created_at')."""
    names = [c.strip() for c in cells]
    if all(names) and len(set(names)) == len(names) and set(REQUIRED) <= set(names):
        return names
    return None


def _rest_of_record(span: list[tuple[int, str]],
                    pull: Callable[[], tuple[int, str] | None]) -> tuple[list[tuple[int, str]], int]:
    """A record's physical lines read on until its quotes close (or the input ends, or HOLD_CHARS is passed), and its
    number of columns if they closed (0 if not), counted as csv's default dialect reads quotes."""
    quoted, commas, size = False, 0, 0
    for _, text in span:
        quoted, commas = _quotes_and_commas(text, quoted, commas)
        size += len(text)
    while quoted and size <= HOLD_CHARS and (item := pull()) is not None:
        span.append(item)
        quoted, commas = _quotes_and_commas(item[1], quoted, commas)
        size += len(item[1])
    return span, 0 if quoted else commas + 1


def _quotes_and_commas(text: str, quoted: bool, commas: int) -> tuple[bool, int]:
    """Whether a quoted field is open at the end of this physical line, and the delimiters outside quotes so far: a
    quote opens a field only at its start, and "" inside one is a quote of its text."""
    at = 0
    while True:
        quote = text.find('"', at)
        plain = text[at:] if quote < 0 else text[at:quote]
        if not quoted:
            commas += plain.count(",")
        if quote < 0:
            return quoted, commas
        if quoted and text.startswith('""', quote):
            at = quote + 2
            continue
        if quoted:
            quoted = False
        elif quote == 0 or text[quote - 1] == ",":
            quoted = True
        at = quote + 1


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
