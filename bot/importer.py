"""JSON Lines and CSV import: each line becomes a Mention, or an error naming file, line and field."""

from __future__ import annotations

import contextlib
import csv
import gc
import json
import re
from typing import BinaryIO, Iterator

from kuulo.bot.import_csv import header_again, read_csv
from kuulo.bot.import_json import read_jsonl, without_bom
from kuulo.bot.import_record import LongLine, Row
from kuulo.bot.limits import MAX_LINE_BYTES


@contextlib.contextmanager
def bulk_gc() -> Iterator[None]:
    """During an import: no garbage collection (a post's objects are freed by reference counting), one at its end."""
    # Collections that walked the rules engine's tables every few thousand posts took about a seventh of the importing
    # process's CPU (1.5 of 10.8 s for 100,000 posts); with those frozen, collections of the import's own objects still
    # took 0.3 s and found nothing: an import makes no reference cycles (tests/test_import_gc.py holds it).
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()  # only what the import made: the rest is frozen
        gc.unfreeze()
        if enabled:
            gc.enable()


def read_rows(stream: BinaryIO, name: str, fmt: str | None = None) -> Iterator[Row]:
    """Rows of a JSONL or CSV stream; the format comes from fmt, the file name, or the first non-blank byte."""
    fmt = fmt or _guess_format(name)
    lines: Iterator[bytes] = _capped(stream)
    if fmt is None:
        fmt, lines = _sniff(lines)  # its first byte is the same whatever ends the lines
    lines = _line_ends(lines, fmt)
    return read_jsonl(lines, name) if fmt == "jsonl" else read_csv(lines, name)


_LONE_CR = re.compile(rb"\r(?!\n)")
_SKIP_BYTES = 1 << 20  # the rest of a line over MAX_LINE_BYTES is read past this much at a time
_AFTER_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _line_ends(lines: Iterator[bytes], fmt: str) -> Iterator[bytes]:
    """The stream's lines; when its first line holds a carriage return not followed by a line feed (classic Mac OS
    line ends, as old spreadsheet exports write), every such CR ends a line too; and so they do in a later line that
    begins as a file does (files joined with cat: a JSON record, or a CSV header, before its first lone CR)."""
    first = next(lines, None)
    if first is None:
        return
    if _LONE_CR.search(first):
        for chunk in _chain([first], lines):
            yield from _split_at_lone_crs(chunk)
        return
    yield first
    for line in lines:
        if (cr := _LONE_CR.search(line)) is None or not _begins_a_file(line[:cr.start()], fmt):
            yield line  # a CR inside a quoted CSV cell, or between a JSON record's tokens, is the record's
        else:
            yield from _split_at_lone_crs(line)


def _split_at_lone_crs(chunk: bytes) -> Iterator[bytes]:
    if isinstance(chunk, LongLine):
        return iter((chunk,))
    return (piece for piece in _AFTER_LONE_CR.split(chunk) if piece)


def _capped(stream: BinaryIO) -> Iterator[bytes]:
    """The stream's lines, each read up to MAX_LINE_BYTES: a longer one is read past in chunks and given as a
    LongLine (its error names its length), so no line fills the memory."""
    while line := stream.readline(MAX_LINE_BYTES + 1):
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while more := stream.readline(_SKIP_BYTES):
            length += len(more)
            if more.endswith(b"\n"):
                break
        yield LongLine(length)


def _begins_a_file(head: bytes, fmt: str) -> bool:
    """Whether the text before a line's first lone CR is what a file of this format begins with: a whole JSON object
    or list, or a CSV header."""
    text = without_bom(head).decode("utf-8", errors="replace")
    if fmt == "jsonl":
        try:
            return isinstance(json.loads(text), (dict, list))
        except (ValueError, RecursionError):
            return False
    try:
        return any(header_again(cells) is not None for cells in csv.reader([text]))
    except csv.Error:  # a field past csv's limit: no header
        return False


def _sniff(lines: Iterator[bytes]) -> tuple[str, Iterator[bytes]]:
    """JSONL when the first non-blank byte (after byte-order marks) opens a JSON object or list, else CSV; the lines
    read to decide are given back in front of the rest."""
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        first = without_bom(line)
        if first.strip():
            return ("jsonl" if first.lstrip()[:1] in (b"{", b"[") else "csv"), _chain(head, lines)
    return "jsonl", iter(head)


def _chain(head: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest


def _guess_format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    return None
