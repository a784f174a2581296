"""One bad line never stops `kuulo import`: whatever a line holds, it is a stored post or `file:line: reason` naming
the key, and the rest goes in; BOM and extension-less JSONL are read as JSONL; unknown fields are bounded."""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from kuulo.bot.cli import cli
from kuulo.bot.durations import format_duration
from kuulo.bot.import_csv import _rest_of_record
from kuulo.bot.importer import read_rows
from kuulo.storage.db import open_db

importlib.import_module("kuulo.bot.commands")  # registers import and doctor on `cli`

GOOD = {"platform": "x", "id": "1", "author": "matti", "text": "Miksi Nordean sovellus ei toimi?",
        "created_at": "2026-11-17T08:14:00+02:00"}


def rows(data: bytes, name: str = "posts.jsonl", fmt: str | None = None):
    return list(read_rows(io.BytesIO(data), name, fmt))


def line(**changes) -> bytes:
    record = {**GOOD, **changes}
    return (json.dumps({k: v for k, v in record.items() if v is not ...}) + "\n").encode()


@pytest.mark.parametrize("bad, error", [
    (b'{"platform": "x", "id": "2", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
     "not valid JSON (nested too deeply)"),
    (b'{"platform": "x", "id": ' + b"1" * 5000 + b"}\n",
     "not valid JSON (Exceeds the limit (4300 digits) for integer string conversion)"),
    (line(created_at="9999-12-31T23:59:59-05:00"),
     "created_at: outside the years 1970–2199 ('9999-12-31T23:59:59-05:00')"),
    (line(created_at="0001-01-01T00:00:00+01:00"),
     "created_at: outside the years 1970–2199 ('0001-01-01T00:00:00+01:00')"),
    (line(created_at=1763360040000), "created_at: epoch 1763360040000 is outside the years 1970–2199"
                                     " (milliseconds? Kuulo reads seconds)"),
    (line(created_at=-1), "created_at: epoch -1 is outside the years 1970–2199"),
    (line(created_at="\uff11\uff12\uff13"), "created_at: not ISO 8601 or a Unix epoch ('\uff11\uff12\uff13')"),
    (line(created_at="\u0661\u0667\u0666\u0663\u0663\u0666\u0660\u0660\u0664\u0660"),
     "created_at: not ISO 8601 or a Unix epoch ('\u0661\u0667\u0666\u0663\u0663\u0666\u0660\u0660\u0664\u0660')"),
    (b'{"platform": "x", "id": "2", "author": "a", "text": "", "created_at": NaN}\n',
     "created_at: epoch nan is outside the years 1970–2199"),
    (line(created_at=10**400), "created_at: epoch a number too large is outside the years 1970–2199"),
    (line(like_count=10**30), "like_count: out of range (at most 9,223,372,036,854,775,807)"),
    (line(id=10**45), "id: a number of more than 40 digits is not an id"),
    (line(text="half an emoji \ud83d"), "text: contains an unpaired surrogate at character 15 (not valid Unicode)"),
    (line(author="\udc80"), "author: contains an unpaired surrogate at character 1 (not valid Unicode)"),
    (line(author="nul\u0000"), "author: contains a NUL byte"),
    (line(hashtags=["#ok", "#" + "a" * 300_000]), "hashtags: item 2 is 300,001 characters, over the limit of 140"),
    (line(hashtags=["#ok", "#no\u0000pe"]), "hashtags: item 2: contains a NUL byte"),
    (line(hashtags=[f"#t{n}" for n in range(101)]), "hashtags: 101 listed, over the limit of 100"),
    # a wrong type for every field names the key
    (line(platform=7), "platform: expected a string, got a number"),
    (line(id=1.5), "id: expected a string or a whole number, got 1.5"),  # whole numbers are ids (42)
    (line(author=""), "author: must not be empty (the author's handle or display name)"),
    (line(author=" \t"), "author: must not be empty (the author's handle or display name)"),
    (line(created_at="2026-11-17T08:14:00Z\u0000"), "created_at: contains a NUL byte"),
    (line(author=["a"]), "author: expected a string, got a list"),
    (line(text={"t": 1}), "text: expected a string, got an object"),
    (line(created_at=["2026"]), "created_at: not ISO 8601 or a Unix epoch (a list)"),
    (line(in_reply_to={"id": 1}), "in_reply_to: expected a string, got an object"),
    (line(url=5), "url: expected a string, got a number"),
    (line(lang=["fi"]), "lang: expected a string, got a list"),
    (line(author_id=True), "author_id: expected a string, got a boolean"),
    (line(hashtags=[1]), "hashtags: item 1 is a number, not a string"),
    (line(media_url=False), "media_url: expected a string, got a boolean"),
    (line(like_count=1.5), "like_count: expected a whole number of 0 or more, got a number"),
    (line(comment_count="3"), "comment_count: expected a whole number of 0 or more, got a string"),
    (line(like_count=-1), "like_count: expected a whole number of 0 or more, got -1"),
    (b'{"platform": "x", "text": "Nordea\x00?"}\n', "not valid JSON (Invalid control character at column 34)"),
    (b"null\n", "expected a JSON object, got null"),
])
def test_each_hostile_line_is_named_and_the_rest_goes_in(bad, error):
    result = rows(line(id="a") + bad + line(id="b"))
    assert [r.mention.id for r in result if r.mention] == ["a", "b"]
    (failed,) = [r for r in result if r.error]
    assert (failed.where, failed.error) == ("posts.jsonl:2", error)


CSV_HEAD = "platform,id,author,text,created_at,hashtags,like_count\n"


@pytest.mark.parametrize("cells, error", [
    ('x,2,matti,Nordea?,2026-11-17T08:14:00Z,[#nordea,', "hashtags: not a JSON list (Expecting value at column 2);"
     ' write tags separated by spaces, or a JSON list like ["#nordea"]'),
    ("x,2,matti,Nordea?,2026-11-17T08:14:00Z,#a," + "9" * 30,
     "like_count: 999999999999999999999999… is out of range (at most 9,223,372,036,854,775,807)"),
    ("x,2,matti,Nordea?,2026-11-17T08:14:00Z,#a,9223372036854775808",
     "like_count: out of range (at most 9,223,372,036,854,775,807)"),
    ("x,2,mat\x00ti,Nordea?,2026-11-17T08:14:00Z,,", "author: contains a NUL byte"),
    ("x,2,matti,Nordea?,9999-12-31T23:59:59-05:00,,", "created_at: outside the years 1970–2199"
     " ('9999-12-31T23:59:59-05:00')"),
])
def test_each_hostile_csv_row_is_named_and_the_rest_goes_in(cells, error):
    data = CSV_HEAD + "x,a,matti,Nordea?,2026-11-17T08:14:00Z,,\n" + cells + "\n" + "x,b,liisa,OP?,0,,1\n"
    result = rows(data.encode(), "posts.csv")
    assert [r.mention.id for r in result if r.mention] == ["a", "b"]
    assert [(r.where, r.error) for r in result if r.error] == [("posts.csv:3", error)]


TWO_LINES = '"kaksi\nriviä"'  # a quoted cell that rightly runs over two lines


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=19), st.integers(min_value=0, max_value=6), st.booleans(),
       st.sets(st.integers(min_value=0, max_value=19)))
def test_a_quote_that_never_closes_loses_only_its_own_record(stray: int, column: int, multiline: bool,
                                                             quoted: set[int]):
    # in any column, the last too (its field would run to the end of the file), and with quoted cells after it (whose
    # quotes csv would pair with it, taking the records between into its field)
    assume(not multiline or stray != 7)  # a stray quote inside the quoted cell itself: no record to tell apart
    texts = [TWO_LINES if multiline and k == 7 else f'"Nordea {k}?"' if k in quoted else f"Nordea {k}?"
             for k in range(20)]
    good = [f"x,p{k},matti,{text},2026-11-17T08:14:00Z,," for k, text in enumerate(texts)]
    cells = good[stray].split(",")
    cells[column] = '"' + cells[column]  # a quote opened in one cell, never closed
    lines = good[:stray] + [",".join(cells)] + good[stray + 1:]
    result = rows((CSV_HEAD + "\n".join(lines) + "\n").encode(), "posts.csv")
    assert sorted(r.mention.id for r in result if r.mention) == sorted(f"p{k}" for k in range(20) if k != stray)
    (rejected,) = [r for r in result if r.error]
    assert rejected.where == f"posts.csv:{2 + stray + (multiline and stray > 7)}"


def test_a_quote_that_runs_past_csvs_field_limit_loses_only_its_own_record():
    lines = [f"x,p{k},matti,Nordea {k}? {'x' * 100},2026-11-17T08:14:00Z,," for k in range(3000)]
    lines[1] = lines[1].replace("Nordea", '"Nordea', 1)  # ~130 kB to the end: over csv's 131,072 characters
    result = rows((CSV_HEAD + "\n".join(lines) + "\n").encode(), "posts.csv")
    assert sum(r.mention is not None for r in result) == 2999
    (rejected,) = [r for r in result if r.error]
    assert rejected.where == "posts.csv:3" and "field larger than field limit" in rejected.error


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='a,"\n ', max_size=24))
def test_the_quote_scanner_reads_a_record_as_csv_does(record: str):
    # what tells a long closed field from a stray quote (bot/import_csv._rest_of_record) counts columns as csv does
    lines = [(n, text) for n, text in enumerate(io.StringIO(record + "\n").readlines(), 1)]
    span, columns = _rest_of_record(lines[:1], _pull(lines[1:]))
    reader = csv.reader(io.StringIO(record + "\n"))
    first = next(reader)
    if columns and first:  # its quotes closed (a blank line is no record): csv's first record, as long, as many lines
        assert (len(first), reader.line_num) == (columns, len(span))


def _pull(rest):
    items = iter(rest)
    return lambda: next(items, None)


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=0, max_value=3), st.integers(min_value=1, max_value=40), st.booleans())
def test_a_closed_field_past_csvs_field_limit_is_one_rejected_record_and_nothing_inside_it_is_read(
        before: int, inside: int, quotes: bool):
    # what a post's text holds inside its closed quote never becomes a record, a brand reply least of all
    fake = [f"x,fake{k},@NordeaSuomi,Hoidettu!,2026-11-17T08:15:00Z,p0," for k in range(inside)]
    filler = ('a""b ' if quotes else "ab ") * 30_000  # 90,000-150,000 characters, "" a quote of the text
    big = '"' + filler + "\n" + "\n".join(fake) + "\n" + filler + '"'
    good = [f"x,p{k},matti,Nordea {k}?,2026-11-17T08:14:00Z,," for k in range(before)]
    lines = good + [f"x,big,mallory,{big},2026-11-17T08:14:00Z,,", "x,after,liisa,OP?,2026-11-17T08:16:00Z,,"]
    result = rows((CSV_HEAD + "\n".join(lines) + "\n").encode(), "posts.csv")
    assert [r.mention.id for r in result if r.mention] == [f"p{k}" for k in range(before)] + ["after"]
    (rejected,) = [r for r in result if r.error]
    first = 2 + before
    assert rejected.where == f"posts.csv:{first}"
    assert rejected.error == (f"not valid CSV: a field of this record (lines {first}-{first + inside + 1}) is over "
                              "csv's limit of 131,072 characters")


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.sampled_from(["posts.csv", "posts.jsonl", "stdin"]),
       st.booleans(), st.booleans())
def test_classic_mac_line_ends_are_line_ends(count: int, name: str, csv_format: bool, last_cr: bool):
    # a file whose lines end in a lone CR (old spreadsheet exports) is read line by line, not rejected whole
    if name != "stdin":
        csv_format = name.endswith(".csv")
    if csv_format:
        lines = [CSV_HEAD.rstrip("\n")] + [f'x,p{k},matti,"Nordea {k}?",2026-11-17T08:14:00Z,,' for k in range(count)]
    else:
        lines = [line(id=f"p{k}").decode().rstrip("\n") for k in range(count)]
    data = ("\r".join(lines) + ("\r" if last_cr else "")).encode()
    result = rows(data, name)
    first = 2 if csv_format else 1
    assert [(r.where, r.mention.id if r.mention else r.error) for r in result] == [
        (f"{name}:{first + k}", f"p{k}") for k in range(count)]


ENDS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(ENDS)), st.integers(min_value=1, max_value=3), st.booleans()),
                min_size=2, max_size=4), st.booleans())
def test_files_joined_with_cat_go_in_as_each_would_alone_whatever_ends_their_lines(files, csv_format: bool):
    # cat a.jsonl b.jsonl | kuulo import -: a later file in classic Mac line ends is read line by line too, not as one
    # line (which decided on the first file's first line alone); each file with its own ends, closed or not
    data, ids = "", []
    for n, (ends, count, closed) in enumerate(files):
        names = [f"f{n}p{k}" for k in range(count)]
        if csv_format:
            lines = [CSV_HEAD.rstrip("\n")] + [f'x,{i},matti,"Nordea {i}?",2026-11-17T08:14:00Z,,' for i in names]
        else:
            lines = [line(id=i).decode().rstrip("\n") for i in names]
        last = n == len(files) - 1
        data += ENDS[ends].join(lines) + (ENDS[ends] if closed or not last else "")
        ids += names
    result = rows(data.encode(), "stdin")
    assert [r.error for r in result if r.error] == []
    assert [r.mention.id for r in result] == ids


def test_a_lone_cr_in_an_unquoted_csv_field_is_named_and_a_quoted_one_is_text():
    data = (CSV_HEAD + "x,a,matti,Nordea?,0,,\n" + "x,b,matti,Nordea?\rinjected,0,,\n" + 'x,c,liisa,"OP\r?",0,,\n')
    result = rows(data.encode(), "posts.csv")
    assert [(r.where, r.mention.id if r.mention else r.error) for r in result] == [
        ("posts.csv:2", "a"), ("posts.csv:3", "not valid CSV (a carriage return (CR) inside a field that is not quoted)"),
        ("posts.csv:4", "c")]
    assert result[2].mention.text == "OP\r?"


@pytest.mark.parametrize("written", ["\uff38", "\u2179", "X", " x ", "\uff58"])
def test_a_platform_written_in_compatibility_letters_is_the_platform(written):
    # fullwidth Ｘ or the numeral ⅹ would otherwise file a post under a platform of its own, beside x
    (row,) = rows(line(platform=written))
    assert row.mention.platform == "x"


@pytest.mark.parametrize("name", ["posts.jsonl", "posts", "stdin"])
def test_a_byte_order_mark_keeps_the_first_line_and_jsonl_is_recognised_without_an_extension(name):
    result = rows(b"\xef\xbb\xbf" + line(id="a") + line(id="b"), name)
    assert [(r.where, r.mention.id if r.mention else r.error) for r in result] == [(f"{name}:1", "a"),
                                                                                  (f"{name}:2", "b")]


@pytest.mark.parametrize("name", ["posts.jsonl", "stdin"])
def test_joined_exports_each_with_a_byte_order_mark_go_in_whole(name):
    """`cat a.jsonl b.jsonl | kuulo import -`: each part starts with a mark, and an empty part's adds to the next."""
    bom = b"\xef\xbb\xbf"
    result = rows(bom + line(id="a") + bom + line(id="b") + bom + bom + line(id="c"), name)
    assert [(r.where, r.mention.id if r.mention else r.error) for r in result] == [
        (f"{name}:1", "a"), (f"{name}:2", "b"), (f"{name}:3", "c")]
    assert [r.mention.id for r in rows(bom + b"\n" + bom + line(id="d"), "stdin")] == ["d"]


@pytest.mark.parametrize("name", ["posts.csv", "stdin"])
def test_joined_csv_exports_each_with_a_byte_order_mark_and_header_go_in_whole(name):
    part = "\ufeff" + CSV_HEAD + "x,{0},a,t,0,,\n"
    result = rows((part.format(1) + part.format(2) + "\ufeff" + "x,3,a,t,0,,\n").encode(), name)
    assert [(r.where, r.mention.id if r.mention else r.error) for r in result] == [
        (f"{name}:2", "1"), (f"{name}:4", "2"), (f"{name}:5", "3")]


def test_a_byte_order_mark_inside_a_quoted_csv_field_is_text():
    (row,) = rows((CSV_HEAD + 'x,1,a,"eka\n\ufefftoka",0,,\n').encode(), "posts.csv")
    assert row.mention.text == "eka\n\ufefftoka"


def test_jsonl_is_sniffed_by_its_first_non_blank_byte():
    result = rows(b"\xef\xbb\xbf\n  \r\n" + line(id="a"), "stdin")
    assert [(r.where, r.mention.id) for r in result] == [("stdin:3", "a")]
    assert [r.mention.id for r in rows(b"\n" + CSV_HEAD.encode() + b"x,1,a,t,0,,\n", "stdin")] == ["1"]


def test_unknown_fields_over_a_limit_are_dropped_and_said_the_post_is_kept():
    extra = {"note": "kept", "big": "x" * 20_000, "nul": "a\u0000b", "deep": json.loads("[" * 30 + "]" * 30),
             "k" * 3000: 1}
    extra.update({f"f{n}": n for n in range(60)})
    (row,) = rows(line(**extra))
    assert row.error is None and row.mention.id == "1"
    raw = row.mention.raw
    assert raw["note"] == "kept" and raw["f0"] == 0 and "big" not in raw and "nul" not in raw and "deep" not in raw
    assert len([k for k in raw if k != "_dropped"]) == 50
    assert raw["_dropped"][:4] == ["'big'", "'nul'", "'deep'", repr("k" * 39 + "…")]
    (note,) = row.notes
    assert note.startswith("unknown field(s) dropped: 'big' (20,011 characters as JSON, over the limit of 10,000);"
                           " 'nul' (contains a NUL byte); 'deep' (nested more than 20 levels); and 12 more")


def test_nan_and_infinity_in_unknown_fields_are_dropped_and_said_so_raw_is_always_json():
    """json reads NaN and Infinity (orjson, jq and RFC 8259 do not): such a field is dropped like one over a limit."""
    (row,) = rows(line(id="n", note="kept")[:-2] + b', "score": NaN, "deep": {"a": [1, -Infinity]}, "inf": Infinity}\n')
    assert row.error is None and row.mention.raw == {"note": "kept", "_dropped": ["'score'", "'deep'", "'inf'"]}
    assert row.notes == ("unknown field(s) dropped: 'score' (NaN or Infinity, not a JSON number); 'deep' (NaN or "
                         "Infinity, not a JSON number); 'inf' (NaN or Infinity, not a JSON number)",)


def test_a_stored_raw_is_rfc_8259_json(tmp_path):
    result = kuulo(tmp_path, "import", "-", stdin=line(id="n")[:-2] + b', "score": NaN, "ok": 1.5}\n')
    assert result.return_value == 0 and "stdin:1: note: unknown field(s) dropped: 'score' (NaN or Infinity" in (
        result.stderr)
    (raw,) = open_db(str(tmp_path / "kuulo.db")).execute("SELECT raw FROM mentions").fetchone()
    assert json.loads(raw, parse_constant=lambda c: pytest.fail(f"{c} in raw")) == {"ok": 1.5, "_dropped": ["'score'"]}


def test_hashtags_parsed_from_text_leave_out_over_long_ones():
    (row,) = rows(line(text="#ok #" + "a" * 200 + " #fine"))
    assert row.mention.hashtags == ("ok", "fine")


def test_no_duration_is_shown_negative():
    assert format_duration(-90) == "0s" and format_duration(float("nan")) == "–"


# --- through the CLI ---------------------------------------------------------------------------

def kuulo(tmp_path: Path, *args: str, stdin: bytes | None = None):
    config = tmp_path / "team.yaml"
    if not config.exists():
        config.write_text(f"database: {tmp_path / 'kuulo.db'}\nbrands:\n  - name: Nordea\n"
                          "packs: [banking-fi, sentiment-fi, sentiment-en]\n", encoding="utf-8")
    return CliRunner().invoke(cli, ["--config", str(config), *args], input=stdin, standalone_mode=False)


def test_import_of_a_hostile_file_stores_every_good_line_names_each_bad_one_and_exits_3(tmp_path):
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    data = (b"\xef\xbb\xbf" + line(id="g1") + line(id="b1", created_at="9999-12-31T23:59:59-05:00")
            + b'{"platform": "x", "id": "b2", "x": ' + b"[" * 50_000 + b"\n"
            + line(id="b3", hashtags=["#" + "n" * 300_000]) + b"\xff\xfe garbage\n" + line(id="g2", created_at=tomorrow)
            + line(id="g3", extra="\u0000"))
    (tmp_path / "posts").write_bytes(data)
    result = kuulo(tmp_path, "import", "-q", str(tmp_path / "posts"))
    assert result.exception is None and result.return_value == 3
    assert result.stdout.strip().endswith("· rejected 4 · cases opened 3 · cases closed 0 · future-dated 1")
    assert result.stdout.startswith("read 7 · new 3 ·")
    name = str(tmp_path / "posts")
    assert f"{name}:2: created_at: outside the years 1970–2199" in result.stderr
    assert f"{name}:3: not valid JSON" in result.stderr
    assert f"{name}:4: hashtags: item 1 is 300,001 characters, over the limit of 140" in result.stderr
    assert f"{name}:5: not valid UTF-8 (byte 1 of the line)" in result.stderr
    assert f"{name}:6: note: created_at {tomorrow[:19]}" in result.stderr and "in the future" in result.stderr
    assert f"{name}:7: note: unknown field(s) dropped: 'extra' (contains a NUL byte)" in result.stderr
    db = open_db(str(tmp_path / "kuulo.db"))
    assert sorted(r[0] for r in db.execute("SELECT id FROM mentions")) == ["g1", "g2", "g3"]
    listed = [json.loads(x) for x in kuulo(tmp_path, "cases", "--all", "--format", "json").stdout.splitlines()]
    assert [c["age_s"] for c in listed if c["mention_id"] == "g2"] == [0.0]  # never a negative age
    assert " 0s  matti:" in kuulo(tmp_path, "cases", "--all").stdout
    doctor = kuulo(tmp_path, "doctor")
    assert ("1 post(s) dated more than 5m after Kuulo stored them, likely a time-zone mistake in the import"
            " (e.g. x g2, 23h 59m ahead)") in doctor.stderr or "(e.g. x g2, 1d 0h ahead)" in doctor.stderr


def test_a_duplicate_id_with_other_content_is_named_and_the_stored_copy_kept(tmp_path):
    """Which copy of a conflicting duplicate is kept depends on import order (README, Known limits): say so per line."""
    first = line(id="77", text="Nordea, miksi verkkopankki ei toimi?") + line(id="same")
    assert kuulo(tmp_path, "import", "-q", "-", stdin=first).return_value == 0
    again = (line(id="same")  # the same post again: no note
             + line(id="77", text="Kiitos Nordea, nyt toimii!", created_at="2026-11-17T09:00:00+02:00")
             + line(id="78", author="liisa") + line(id="78", author="pekka", in_reply_to="77")
             + line(id="78", author="liisa") + line(id="same", author_id="4242"))  # who it is decides follow-ups
    result = kuulo(tmp_path, "import", "-q", "-", stdin=again)
    assert result.return_value == 0 and "read 6 · new 1 · duplicates 5 ·" in result.stdout
    assert result.stderr.splitlines() == [
        "stdin:2: note: x id 77 was stored before with other text and created_at; the stored copy is kept",
        "stdin:4: note: x id 78 came earlier in this import with other author and in_reply_to; the first copy is kept",
        "stdin:6: note: x id same was stored before with other author_id; the stored copy is kept"]
    db = open_db(str(tmp_path / "kuulo.db"))
    assert db.execute("SELECT id, author, text, in_reply_to FROM mentions WHERE id IN ('77', '78') ORDER BY id"
                      ).fetchall() == [("77", "matti", "Nordea, miksi verkkopankki ei toimi?", None),
                                       ("78", "liisa", GOOD["text"], None)]


def test_import_from_stdin_with_a_byte_order_mark(tmp_path):
    result = kuulo(tmp_path, "import", "-q", "-", stdin=b"\xef\xbb\xbf" + line(id="s1") + line(id="s2"))
    assert result.return_value == 0 and "read 2 · new 2 ·" in result.stdout and result.stderr == ""


def test_a_line_that_breaks_storing_is_rejected_alone(tmp_path, monkeypatch):
    from kuulo.rules.engine import Engine

    real = Engine.evaluate

    def evaluate(self, text, **kw):  # a bug in the rules met by one line's content
        if "boom" in text:
            raise ValueError("a rules bug")
        return real(self, text, **kw)

    monkeypatch.setattr(Engine, "evaluate", evaluate)
    (tmp_path / "posts.jsonl").write_bytes(line(id="a") + line(id="b", text="boom Nordea?") + line(id="c"))
    result = kuulo(tmp_path, "import", "-q", str(tmp_path / "posts.jsonl"))
    assert result.exception is None and result.return_value == 3
    assert "read 3 · new 2 · duplicates 0 · brand replies 0 · rejected 1 ·" in result.stdout
    assert result.stderr == f"{tmp_path / 'posts.jsonl'}:2: not stored (ValueError: a rules bug)\n"
    db = open_db(str(tmp_path / "kuulo.db"))
    assert sorted(r[0] for r in db.execute("SELECT id FROM mentions")) == ["a", "c"]


def test_joined_csv_exports_whose_columns_come_in_another_order_are_each_read_by_their_own_header():
    other = "text,created_at,id,author,platform\n"  # another tool's export of the same fields
    data = (CSV_HEAD + "x,1,aino,Miksi Nordea?,0,,\n" + other + "Onko OP auki?,60,2,pekka,x\n").encode()
    assert [(r.where, r.mention.id, r.mention.author, r.mention.text) for r in rows(data, "posts.csv")] == [
        ("posts.csv:2", "1", "aino", "Miksi Nordea?"), ("posts.csv:4", "2", "pekka", "Onko OP auki?")]


@pytest.mark.parametrize("name", ["posts.jsonl", "posts.csv"])
def test_a_line_over_the_limit_is_rejected_unread_and_the_rest_goes_in(monkeypatch, name):
    from kuulo.bot import importer, import_record

    monkeypatch.setattr(importer, "MAX_LINE_BYTES", 1_000)
    monkeypatch.setattr(import_record, "MAX_LINE_BYTES", 1_000)
    monkeypatch.setattr(importer, "_SKIP_BYTES", 300)  # read past in chunks
    if name.endswith(".csv"):
        good = [f'x,p{k},matti,"Nordea {k}?",2026-11-17T08:14:00Z,,\n' for k in range(3)]
        data = CSV_HEAD + good[0] + "x,long,matti," + "a" * 5_000 + ",2026-11-17T08:14:00Z,,\n" + good[1] + good[2]
    else:
        good = [line(id=f"p{k}").decode() for k in range(3)]
        data = good[0] + line(id="long", text="a" * 5_000).decode() + good[1] + good[2]
    result = rows(data.encode(), name)
    assert [r.mention.id for r in result if r.mention] == ["p0", "p1", "p2"]
    [(where, error)] = [(r.where, r.error) for r in result if r.error]
    first = 3 if name.endswith(".csv") else 2
    assert where == f"{name}:{first}" and re.fullmatch(r"a line of 5,\d{3} bytes, over the limit of 1,000; not read",
                                                        error)


def test_a_stream_of_no_line_ends_is_one_long_line_read_in_bounded_memory(monkeypatch):
    import tracemalloc

    from kuulo.bot import importer, import_record

    monkeypatch.setattr(importer, "MAX_LINE_BYTES", 1 << 20)
    monkeypatch.setattr(import_record, "MAX_LINE_BYTES", 1 << 20)
    tracemalloc.start()
    try:
        result = rows(b"\0" * (40 << 20), "stdin")  # /dev/zero's 40 MB
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.error for r in result] == [f"a line of {40 << 20:,} bytes, over the limit of 1,048,576; not read"]
    assert peak < (40 << 20) + (8 << 20)  # the input itself (held by the test) and a few chunks, not a copy of it


@pytest.mark.parametrize("args", [["import", "x\x1b]0;PWN\x07.jsonl"],
                                  ["report", "--chart", "/nonexist\x1b]0;PWN\x07/x.png"],
                                  ["campaigns", "--ics", "/nonexist\x1b]0;PWN\x07/x.ics"]])
def test_a_path_typed_with_terminal_escapes_is_shown_defused_in_its_error(tmp_path, monkeypatch, capsys, args):
    from kuulo.bot.cli import main

    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(args)
    err = capsys.readouterr().err
    assert exited.value.code in (1, 2)
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;PWN\\x07" in err
