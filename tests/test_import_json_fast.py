"""orjson where it gives json's answer, else json: a JSON line gives the same mention or the same error either way,
and a ledger event the same stored data and hashed bytes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot import import_json
from kuulo.bot.errors import ImportRowError


def _outcome(raw: bytes) -> object:
    try:
        return import_json.parse_json_line(raw)
    except ImportRowError as exc:
        return f"error: {exc}"


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """(the outcome as read, the outcome with json alone)."""
    fast = _outcome(raw)
    with monkeypatch.context() as patched:
        patched.setattr(import_json, "_MANY_BRACKETS", 0)  # every line goes to json
        slow = _outcome(raw)
    return fast, slow


BASE = {"platform": "x", "id": "1", "author": "anna", "text": "Miksi Nordea ei vastaa?",
        "created_at": "2026-11-01T10:00:00Z"}
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                    st.floats(allow_nan=False), st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                               max_size=3), max_leaves=8)


@settings(max_examples=600, deadline=None)
@given(field=st.sampled_from(["id", "like_count", "created_at", "text", "hashtags", "extra", "in_reply_to", "platform",
                              "author", "url", "lang", "author_id", "media_url", "comment_count"]),
       value=VALUES | st.sampled_from(["", " ", " 7 ", "fi", "FI", "fin", "e1", "a\x00b", "x" * 5000]),
       other=st.sampled_from([{}, {"lang": "en"}, {"in_reply_to": ""}, {"url": None}, {"author_id": " 9"},
                              {"created_at": None}, {"created_at": 1.7e9}, {"lang": ""}]))
def test_any_field_value_reads_the_same_as_with_json_alone(field, value, other):
    """The same mention or the same error, whichever way the line is read: orjson, then the one-pass check of a
    record of text fields (import_json._plain_mention) or parse_mention's field by field; or json alone."""
    raw = (json.dumps({**BASE, **other, field: value}, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _both(raw, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("raw", [
    b'{"platform": "x", "id": 18446744073709551616, "author": "a", "text": "t", "created_at": 1.7e9}',  # past 64 bits
    b'{"platform": "x", "id": "1", "author": "a", "text": "t", "created_at": 1.7e9, "like_count": -9223372036854775809}',
    b'{"platform": "x", "id": "1", "author": "a", "text": "\\ud83d", "created_at": 1.7e9}',  # half an emoji
    b'{"platform": "x", "id": "1", "author": "a", "text": "t", "created_at": NaN}',
    b'{"platform": "x", "id": "1", "author": "a", "text": "t", "created_at": 1e400}',
    b'{"platform": "x", "id": "1", "author": "a", "text": "t", "created_at": 1.7e9, "x": ' + b"[" * 995 + b"]" * 995
    + b"}",
    b'{"platform": "x", "id": "1", "author": "a", "text": "\xff", "created_at": 1.7e9}',
    b'{"platform": "x", "id": "1", "author": "a", "text": "t", "created_at": 1.7e9}\r\n',
])
def test_lines_orjson_reads_otherwise_read_as_json_reads_them(raw, monkeypatch):
    fast, slow = _both(raw, monkeypatch)
    assert fast == slow


KEYS = st.text(max_size=6)
EVENT_DATA = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(min_value=-2 ** 70, max_value=2 ** 70),
                                    st.text(max_size=20)),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                          max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(KEYS, EVENT_DATA, max_size=5),
       stamp=st.floats(min_value=1e-3, max_value=8e9), tiny=st.floats(allow_nan=False, allow_infinity=False))
def test_an_events_data_is_stored_as_json_writes_it(data, stamp, tiny):
    """Ledger payloads (written by orjson) are json's compact text with sorted keys (numbers past 64 bits fall back
    to json); a float of any size reads back the same, though orjson writes 1e16 and 0.00001 where json writes 1e+16
    and 1e-05."""
    from kuulo.storage.jsontext import compact_json as _payload

    data = {**data, "ts": stamp}
    assert _payload(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert json.loads(_payload({**data, "x": tiny})) == {**data, "x": tiny}


@settings(max_examples=400, deadline=None)
@given(seq=st.integers(min_value=1, max_value=2 ** 70), ts=st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                                                                      st.integers(min_value=0, max_value=2 ** 40)),
       case_id=st.none() | st.integers(min_value=1, max_value=2 ** 63), texts=st.lists(st.text(), min_size=5,
                                                                                         max_size=5))
def test_an_events_hashed_bytes_are_json_s_whatever_writes_them(seq, ts, case_id, texts):
    """The bytes an event's hash covers are json's canonical form, so ledgers written before orjson keep verifying."""
    from kuulo.storage.ledger import _body, _canonical

    row = ["0" * 64, seq, ts, case_id, *texts]
    try:
        expected = _canonical(row).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: json cannot write it either
        return
    assert _body(*row) == expected
