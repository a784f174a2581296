"""Import parsing: every kind of bad line gets its exact error and the good lines still come through."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone

import pytest

from kuulo.bot.errors import ImportRowError
from kuulo.bot.import_record import parse_mention
from kuulo.bot.importer import read_rows

GOOD = {"platform": "x", "id": "1", "author": "matti", "text": "Miksi Nordean sovellus ei toimi?",
        "created_at": "2026-11-17T08:14:00+02:00"}


def rows(data: bytes, name: str = "posts.jsonl", fmt: str | None = None):
    return list(read_rows(io.BytesIO(data), name, fmt))


def line(**changes) -> bytes:
    record = {**GOOD, **changes}
    return (json.dumps({k: v for k, v in record.items() if v is not ...}, ensure_ascii=False) + "\n").encode()


def test_a_good_line_becomes_a_mention_in_utc():
    (row,) = rows(line(hashtags=None, in_reply_to=7, like_count=3, extra_field="kept"))
    m = row.mention
    assert row.error is None and row.where == "posts.jsonl:1"
    assert m.created_at == datetime(2026, 11, 17, 6, 14, tzinfo=timezone.utc)
    assert m.in_reply_to == "7" and m.like_count == 3 and m.raw == {"extra_field": "kept"}


def test_hashtags_are_parsed_from_text_when_absent():
    (row,) = rows(line(text="Kuva kisaan #NordeaJoulu #joulu ja https://x.example/#anchor"))
    assert row.mention.hashtags == ("nordeajoulu", "joulu")


@pytest.mark.parametrize(("listed", "text", "tags"), [
    ([], "Kesäkuva #valiokesä", ("valiokesä",)),  # an exporter's empty column does not hide the caption's tags
    (["#Kuva"], "Kesä #valiokesä", ("kuva", "valiokesä")),
    (None, "Kesä #valiokesa\u0308", ("valiokesä",)),  # typed with a combining diaeresis (NFD)
    (None, "Kesä \uff03\uff56\uff41\uff4c\uff49\uff4f", ("valio",)),  # a fullwidth ＃ and letters
    (["\uff56\uff41\uff4c\uff49\uff4f"], "", ("valio",)),
    ([" ", "#", " #Valio ", "\u3000"], "", ("valio",)),  # blank tags (an ideographic space too) are no tags
])
def test_a_posts_hashtags_are_the_listed_and_the_texts_in_one_normal_form(listed, text, tags):
    (row,) = rows(line(text=text, hashtags=listed) if listed is not None else line(text=text))
    assert row.mention.hashtags == tags


def test_epoch_numbers_are_accepted():
    (row,) = rows(line(created_at=1763360040))
    assert row.mention.created_at == datetime.fromtimestamp(1763360040, timezone.utc)


@pytest.mark.parametrize("bad, error", [
    (b'{"platform": "x", "id": \n', "not valid JSON (Expecting value at column 25)"),
    (b'["a list"]\n', "expected a JSON object, got a list (Kuulo reads JSON Lines: one object a line, no [ ] around"
                      " them)"),
    (line(author=...), "author: required field is missing"),
    (line(created_at=None), "created_at: expected ISO 8601 or a Unix epoch, got null"),
    (line(text=None), "text: expected a string (may be empty), got null"),  # there, but null: not "missing"
    (line(author=None), "author: expected a string, got null"),
    (line(created_at="2016-12-31T12:00:60Z"),
     "created_at: second 60 is a leap second only at 23:59:60 UTC ('2016-12-31T12:00:60Z')"),
    (line(created_at="yesterday"), "created_at: not ISO 8601 or a Unix epoch ('yesterday')"),
    (line(created_at="2026-11-17T08:14:00"), "created_at: no time zone in '2026-11-17T08:14:00' (add Z or +02:00)"),
    (line(text=42), "text: expected a string, got a number"),
    (line(id=["1"]), "id: expected a string, got a list"),
    (line(like_count="many"), "like_count: expected a whole number of 0 or more, got a string"),
    (line(hashtags="#a"), "hashtags: expected a list of strings, got a string"),
    (line(lang="finnish"), "lang: expected an ISO 639-1 code like fi or en, got 'finnish'"),
    (line(text="a" * 100_001), "text: 100,001 characters, over the limit of 100,000"),
    (line(text="nul\u0000byte"), "text: contains a NUL byte"),
    (line(platform=""), "platform: must not be empty"),
    (b'{"platform": "x", "id": "1", "author": "\xff\xfe", "text": "", "created_at": 0}\n',
     "not valid UTF-8 (byte 41 of the line)"),
])
def test_each_bad_line_is_reported_and_the_rest_goes_in(bad, error):
    result = rows(line(id="a") + bad + line(id="b"))
    assert [r.mention.id for r in result if r.mention] == ["a", "b"]
    (failed,) = [r for r in result if r.error]
    assert failed.where == "posts.jsonl:2"
    assert failed.error == error


@pytest.mark.parametrize("written", ["2016-12-31T23:59:60Z", "2016-12-31T23:59:60.25Z", "2017-01-01T01:59:60+02:00",
                                     "2016-12-31 23:59:60z"])
def test_a_leap_second_is_stored_as_the_last_moment_of_its_minute(written):
    """Valid ISO 8601 that datetime cannot hold: 23:59:59.999999, still before the next day's first second."""
    (row,) = rows(line(created_at=written))
    assert row.error is None and row.mention.created_at == datetime(2016, 12, 31, 23, 59, 59, 999_999, timezone.utc)


def test_blank_lines_are_skipped_without_error():
    result = rows(line(id="a") + b"\n   \n" + line(id="b"))
    assert [r.mention.id for r in result] == ["a", "b"]


CSV = ("platform,id,author,text,created_at,hashtags,like_count\n"
       'x,1,matti,"Moi, toimiiko OP:n sovellus?",2026-11-17T08:14:00Z,,\n'
       'instagram,2,liisa,"Kuva ""kisaan""\nrivi kaksi",1763360040,#nordeajoulu #joulu,12\n'
       "x,3,pekka,rikki,eilen,,\n"
       "x,4,anna,liian,vähän\n")


def test_csv_rows_with_the_same_columns():
    result = rows(CSV.encode(), "posts.csv")
    good = [r.mention for r in result if r.mention]
    assert [m.id for m in good] == ["1", "2"]
    assert good[1].text == 'Kuva "kisaan"\nrivi kaksi' and good[1].hashtags == ("nordeajoulu", "joulu")
    assert good[1].like_count == 12
    errors = [(r.where, r.error) for r in result if r.error]
    assert errors == [("posts.csv:5", "created_at: not ISO 8601 or a Unix epoch ('eilen')"),
                      ("posts.csv:6", "expected 7 columns, got 5")]


def test_csv_header_must_name_the_required_columns():
    (row,) = rows(b"platform,id,text\nx,1,moi\n", "posts.csv")
    assert row.error == "CSV header lacks required column(s): author, created_at"


def test_csv_invalid_utf8_names_the_line():
    data = CSV.encode().replace(b"pekka", b"pek\xffka")
    result = rows(data, "posts.csv")
    assert ("posts.csv:5", "not valid UTF-8 (byte 8 of the line)") in [(r.where, r.error) for r in result]


def test_stdin_format_is_sniffed():
    assert rows(line(), "stdin")[0].mention.id == "1"
    assert [r.mention.id for r in rows(CSV.encode(), "stdin") if r.mention] == ["1", "2"]


@pytest.mark.parametrize("platform, ok", [
    ("x", True), ("Instagram", True), ("google-reviews", True), ("app store", True), ("vk.com", True),
    ("tiktok_shop", True), ("ö-kanava", True), ("y" * 40, True),
    ("x priority · case #1", False), ("#x", False), ("=cmd|' /C calc'!A0", False), ("@sum(1+1)", False),
    ("a\nb", False), ("x\x1b[31m", False), ("-x", False), ("y" * 41, False), ("x<!channel>", False),
])
def test_a_platform_is_a_name(platform: str, ok: bool) -> None:
    record = {"platform": platform, "id": "1", "author": "a", "text": "t", "created_at": "2026-11-17T08:00:00Z"}
    if ok:
        assert parse_mention(record).platform == platform.lower()
    else:
        with pytest.raises(ImportRowError, match="platform: expected a name"):
            parse_mention(record)


@pytest.mark.parametrize("line, key", [
    (b'{"platform":"x","id":"1","author":"a","text":"hi","text" : "<!channel>","created_at":"2026-11-17T08:00:00Z"}',
     "'text'"),
    (b'{"platform":"x","id":"1","id":"2","author":"a","text":"hi","created_at":"2026-11-17T08:00:00Z"}', "'id'"),
    (b'{"platform":"x","id":"1","author":"a","text":"hi","raw":{"k":1,"k":2},"created_at":"2026-11-17T08:00:00Z"}',
     "'k'"),
])
def test_a_key_written_twice_is_refused_not_read_one_way(line: bytes, key: str) -> None:
    [row] = list(read_rows(io.BytesIO(line + b"\n"), "posts.jsonl"))
    assert row.mention is None and row.error == f"a key written twice in one object: {key}"


def test_a_string_that_holds_a_key_end_is_still_one_reading() -> None:
    line = b'{"platform":"x","id":"1","author":"a","text":"he said \\":\\" here","created_at":"2026-11-17T08:00:00Z"}'
    [row] = list(read_rows(io.BytesIO(line + b"\n"), "posts.jsonl"))
    assert row.error is None and row.mention.text == 'he said ":" here'


def test_a_csv_header_naming_a_column_twice_is_refused() -> None:
    data = b"platform,id,author,text,text,created_at\nx,1,a,hi,<!channel>,2026-11-17T08:00:00Z\n"
    rows = list(read_rows(io.BytesIO(data), "posts.csv"))
    assert [(r.where, r.error) for r in rows] == [("posts.csv:1", "CSV header names a column twice: text")]
