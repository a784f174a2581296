"""What a stranger writes reaches a person's terminal, spreadsheet or script only defused: one sanitiser, CSV cells
that cannot run, JSON that keeps the data, and explain --file output that pairs with its input line by line."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kuulo.bot.report_format import FORMATS, md_cell, sheet_cell
from kuulo.handlers.console import json_line, safe
from tests.builders import TEAM_CONFIG
from tests.processes import KUULO

ESC, BEL, CSI = "\x1b", "\x07", "\x9b"
FORGED = "── case #999 · Nordea · x · high priority ──"
HOSTILE = [
    {"platform": "x", "id": f"1{ESC}[2J", "author": f"mallory\n{FORGED}",
     "text": f"Miksi Nordea ei vastaa? \u202eevil\u202c zero\u200bwidth{CSI}31m\r\n{FORGED}",
     "created_at": "2026-11-17T08:00:00Z", "url": f"https://e.example/{ESC}[31mred\u2066", "hashtags": ["#nordea\u2067"]},
    {"platform": "facebook", "id": "2\u200f", "author": "=HYPERLINK(\"http://evil.example\")" + "\u00a0" * 3 + "y" * 1900,
     "text": "Miksi Nordea ei toimi?", "created_at": "2026-11-17T08:01:00Z"},
    {"platform": "x", "id": "r1", "author": "NordeaSuomi", "text": "Hei! Selvitämme.",
     "created_at": "2026-11-17T08:30:00Z", "in_reply_to": "2"},
    {"platform": "x", "id": "3", "author": "eve\ufeff\u2060", "text": "Toimiiko Nordean kortti?",
     "created_at": "2026-11-17T08:02:00Z"},
    # a platform is a name: these are refused, and the refusal shows them escaped
    {"platform": f"x{ESC}]0;pwned{BEL}", "id": "4", "author": "a", "text": "Nordea?", "created_at": "2026-11-17T08:03:00Z"},
    {"platform": "@SUM(1+1)", "id": "5", "author": "a", "text": "Nordea?", "created_at": "2026-11-17T08:04:00Z"},
]
# What must never reach a terminal raw: C0/C1 controls but the line feed, DEL, bidi and zero-width characters.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def kuulo(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([KUULO, "--config", "team.yaml", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "team.yaml").write_text(TEAM_CONFIG.format(db=tmp_path / "kuulo.db"), encoding="utf-8")
    (tmp_path / "h.jsonl").write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    return tmp_path


def assert_defused(result: subprocess.CompletedProcess) -> str:
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert not RAW.search(out), repr(RAW.search(out))
    for line in out.splitlines():
        assert not line.lstrip().startswith("── case #999"), f"forged line: {line!r}"
        assert "y" * 100 not in line, "a long one-line field was not cut"
    return out


def test_hostile_import_reaches_no_terminal_raw(hostile):
    imported = kuulo("import", "h.jsonl", cwd=hostile)
    assert imported.returncode == 3, imported.stderr  # the two platforms that are no names
    out = assert_defused(imported)
    assert "cases opened 3" in out and f"mallory↵{FORGED}" in out  # the newline is shown, the forgery is inline
    assert r"x\x1b]0;pwned\x07" in out and r"\u202eevil\u202c" in out and r"\x9b31m" in out
    listed = assert_defused(kuulo("cases", "--all", cwd=hostile))
    assert listed.count("\n") == 3 and r"1" in listed
    shown = assert_defused(kuulo("case", "1", "show", cwd=hostile))
    assert shown.splitlines()[0] == "── case #1 · Nordea · x · high priority ──"
    assert r"https://e.example/\x1b[31mred\u2066" in shown and "opened" in shown
    for fmt in ("table", "md", "csv"):
        assert_defused(kuulo("report", "--since", "2026-11-01", "--until", "2026-12-01", "--format", fmt, cwd=hostile))
    explained = assert_defused(kuulo("explain", "--file", "h.jsonl", cwd=hostile))
    assert r"[1\x1b[2J]" in explained and "NordeaSuomi is Nordea's own account" in explained
    assert_defused(kuulo("doctor", cwd=hostile))


def test_json_outputs_keep_the_data_but_no_raw_control_bytes(hostile):
    kuulo("import", "h.jsonl", "-q", cwd=hostile)
    for args in (("cases", "--all", "--format", "json"), ("explain", "--file", "h.jsonl", "--format", "json"),
                 ("report", "--since", "2026-11-01", "--until", "2026-12-01", "--format", "json")):
        result = kuulo(*args, cwd=hostile)
        assert not RAW.search(result.stdout), (args, repr(RAW.search(result.stdout)))
        assert [json.loads(line) for line in result.stdout.splitlines()]
    cases = [json.loads(line) for line in kuulo("cases", "--all", "--format", "json", cwd=hostile).stdout.splitlines()]
    assert cases[0]["author"] == HOSTILE[0]["author"] and cases[0]["text"] == HOSTILE[0]["text"]
    assert cases[0]["platform"] == HOSTILE[0]["platform"]


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[31mb", r"a\x1b[31mb"),
    ("title\x1b]0;pwned\x07", r"title\x1b]0;pwned\x07"),
    ("c1\x9b2J\x85", r"c1\x9b2J\x85"),
    ("two\nlines\r\nthree\rfour", "two↵lines↵three↵four"),
    ("tab\there", "tab here"),
    ("rtl\u202eoverride\u2066isolate\u2069", r"rtl\u202eoverride\u2066isolate\u2069"),
    ("zero\u200bwidth\u2060joiner\ufeffbom\u200d", r"zero\u200bwidth\u2060joiner\ufeffbom\u200d"),
    ("tag\U000e0041", r"tag\U000e0041"),
    ("soft\u00adhyphen \u3164\u115f\u1160\uffa0 fillers", r"soft\xadhyphen \u3164\u115f\u1160\uffa0 fillers"),
    ("not UTF-8 \udc9b", r"not UTF-8 \udc9b"),
    ("Hyvää päivää – ok 👍", "Hyvää päivää – ok 👍"),
])
def test_safe_shows_what_would_steer_a_terminal(text, shown):
    assert safe(text, None) == shown
    assert safe(safe(text, None), None) == shown  # safe twice is safe once


def test_safe_cuts_long_fields_and_takes_anything():
    assert safe("x" * 500) == "x" * 79 + "…" and safe("x" * 500, 10) == "x" * 9 + "…"
    assert safe(None) == "" and safe(42) == "42" and safe("x" * 500, None) == "x" * 500


def test_json_line_round_trips_every_string():
    data = {"a": "\x1b[2J\x9b\u202e\u200b\ufeff\U000e0041\x7f", "n": -1.5}
    text = json_line(data)
    assert json.loads(text) == data and not RAW.search(text) and "\U000e0041" not in text
    assert json_line({"a": "\udc9b\u3164"}) == r'{"a": "\udc9b\u3164"}'  # a lone surrogate cannot be written raw


def test_an_argument_that_is_not_utf8_reaches_no_terminal_raw(hostile):
    """Python reads an argument's bytes that are not UTF-8 as lone surrogates: shown as code points, never written
    back as the raw byte (0x9b is a C1 CSI) or stopping a strict UTF-8 stream with a traceback."""
    for fmt in ("text", "json"):
        result = subprocess.run([KUULO, "--config", "team.yaml", "explain", b"Onko Nordea hyv\x9b? Ei.", "--format", fmt],
                                cwd=hostile, capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr[-400:]
        assert b"\x9b" not in result.stdout and rb"\udc9b" in result.stdout


HOW = {"answered_on_platform": 1, "answered_sent": 0, "answered_recorded": 0, "answered_manual": 0,
       "replies_pending": 0}  # as build_report gives them
REPORT = {
    "since": "2026-11-01T00:00:00+02:00", "until": "2026-12-01T00:00:00+02:00", "sla_seconds": 3600,
    "total": {"mentions": 3, "cases": 3, "answered": 1, "dismissed": 0, "open": 2, "frt_median_s": 60.0,
              "frt_p90_s": 60.0, "within_sla_pct": 50.0, "breached": 1, "oldest_open_age_s": -5.0, **HOW},
    "by": {"agent": [
        {"key": key, "mentions": 1, "cases": 1, "answered": 1, "dismissed": 0, "open": 0, "frt_median_s": -60.0,
         "frt_p90_s": 60.0, "within_sla_pct": None, "breached": 0, "oldest_open_age_s": None, **HOW}
        for key in ("=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =spaced", "anna", "a|b\nc")]},
}


def test_csv_cells_cannot_start_a_formula_but_numbers_stay_numbers():
    rows = list(csv.reader(io.StringIO(FORMATS["csv"](REPORT))))
    keys = [row[1] for row in rows[2:]]
    assert keys[:7] == ["'=cmd|' /C calc'!A0", "'+1", "'-2+3", "'@SUM(A1)", "' x", "'↵x", "'  =spaced"]
    assert keys[7:] == ["anna", "a|b↵c"]
    oldest = rows[0].index("oldest_open_age_s")
    assert rows[1][oldest] == "-5.0" and rows[2][7] == "-60.0"  # numbers Kuulo computed are not user text
    assert sheet_cell(-5) == -5 and sheet_cell(None) is None


def test_markdown_cells_escape_pipes_and_line_breaks():
    table = FORMATS["md"](REPORT)
    lines = table.splitlines()
    assert len(lines) == 4 + 1 + 9  # title, blank, head, rule, total, one line per agent
    for line in lines[2:]:
        assert len(re.findall(r"(?<!\\)\|", line)) == 12, line  # 11 cells, none split by a key's pipe
    assert r"agent: a\|b↵c" in table and "agent: '=cmd" in table


def test_markdown_text_keeps_no_entity_and_the_certificate_no_formula_mark_of_its_own():
    from kuulo.bot.commands.campaigns import certificate_markdown

    assert md_cell("&#x202e;evil &lt;b&gt;") == r"\&\#x202e;evil \&lt;b\&gt;"  # rendered, a bidi override and a tag
    place = {"rank": 1, "platform": "instagram", "entry_id": "1", "author": "&#x202e;nimda", "url": None}
    cert = {"campaign": "kesa", "rules_url": None, "entries": 1, "frozen_at": "F", "list_sha256": "0" * 64,
            "merkle_root": "1" * 64, "seed": "a|b", "drawn_at": "D", "algorithm": "kuulo-draw-1", "winners": [place],
            "alternates": []}
    text = certificate_markdown(cert)
    assert "- rules: -\n" in text and "- seed: a\\|b (drawn D)" in text  # no "'-", no escapes shown in a code span
    assert r"| 1 | instagram | 1 | \&\#x202e;nimda |  |" in text


def test_explain_file_json_is_one_object_per_line_in_order(hostile):
    lines = [*HOSTILE[:4], {"platform": "x", "id": "bad"}, {"platform": "x", "id": "4", "author": "NordeaSuomi",
                                                        "text": "Miksi Nordea? Kerro!", "created_at": 1794902400}]
    (hostile / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    result = kuulo("explain", "--file", "p.jsonl", "--format", "json", cwd=hostile)
    assert result.returncode == 3 and "p.jsonl:5: author: required field is missing" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in HOSTILE[:4]] + [None, "4"]
    assert [o["line"] for o in out] == [1, 2, 3, 4, 5, 6]
    assert [o.get("own_post") for o in out] == [None, None, "Nordea", None, None, "Nordea"]
    assert out[4]["error"] == "author: required field is missing"
    assert not out[5]["needs_reply"] and out[5]["suggestions"] == []  # a brand's own post never opens a case
    assert out[0]["needs_reply"] and out[0]["suggestions"]
    text = kuulo("explain", "--file", "p.jsonl", cwd=hostile).stdout
    assert text.count("own post:") == 2 and "[r1] Hei! Selvitämme." in text


def test_errors_quoting_a_name_are_defused_too(hostile):
    kuulo("import", "h.jsonl", "-q", cwd=hostile)
    assert kuulo("case", "1", "answer", "--by", f"anna{ESC}]0;x{BEL}\u202e", cwd=hostile).returncode == 0
    refused = kuulo("case", "1", "dismiss", "--by", "bob", "--reason", "spam", cwd=hostile)
    assert refused.returncode == 1
    assert refused.stderr.strip() == r"error: case 1 is already answered (by anna\x1b]0;x\x07\u202e, manual)"


@pytest.mark.parametrize("args", [("case", "1", "claim", "--by", b"anna\x9b"), ("case", "1", "answer", "--by", "anna",
                                   "--note", b"\xff"), ("cases", "--brand", b"Nordea\xe4")])
def test_a_name_or_note_that_is_not_utf8_is_a_usage_error(hostile, args):
    kuulo("import", "h.jsonl", "-q", cwd=hostile)
    result = subprocess.run([KUULO, "--config", "team.yaml", *args], cwd=hostile, capture_output=True, timeout=120)
    assert result.returncode == 2 and b"Traceback" not in result.stderr, result.stderr[-400:]
    assert b"not valid UTF-8 (byte 0x" in result.stderr


def test_doctor_shows_the_configs_warnings_defused(tmp_path):
    (tmp_path / "team.yaml").write_text(f"database: {tmp_path / 'kuulo.db'}\nbrands:\n"
                                        '  - name: "Nordea\\e]0;pwned\\a\\u202e"\n    handles: [NordeaSuomi]\n',
                                        encoding="utf-8")
    kuulo("import", "-", cwd=tmp_path, stdin="")
    doctor = kuulo("doctor", cwd=tmp_path)
    assert doctor.returncode == 0 and "apply on every platform" in doctor.stderr
    assert_defused(doctor)
    assert r"Nordea\x1b]0;pwned\x07\u202e's cases" in doctor.stderr


def test_a_log_record_and_its_traceback_reach_the_terminal_defused():
    """An exception may quote a post or a platform's answer: the log line and each traceback line are defused, the
    traceback keeps its lines."""
    from kuulo.handlers.console import SafeLogFormatter

    try:
        raise ValueError(f"bad post {ESC}]0;owned{BEL} \u202eevil\r\n{FORGED}")
    except ValueError:
        record = logging.LogRecord("kuulo.bot.sources", logging.WARNING, __file__, 1, "skipped %s", (f"x{CSI}2J",),
                                   sys.exc_info())
    shown = SafeLogFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert not RAW.search(shown)
    lines = shown.split("\n")
    assert lines[0] == "WARNING kuulo.bot.sources: skipped x\\x9b2J" and lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == f"ValueError: bad post \\x1b]0;owned\\x07 \\u202eevil↵{FORGED}"


def test_kuulo_logs_through_that_formatter_and_kuulo_run_sets_it_again():
    """`kuulo` logs warnings through SafeLogFormatter from its start; `kuulo run -v` keeps the handler and sets its
    level and format."""
    from kuulo.handlers.console import SafeLogFormatter, log_to_terminal

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers = []
    try:
        log_to_terminal(logging.WARNING)
        log_to_terminal(logging.INFO, "%(levelname)s: %(message)s")  # kuulo run -v: the same handler, set again
        [handler] = root.handlers
        assert isinstance(handler.formatter, SafeLogFormatter) and root.level == logging.INFO
        record = logging.LogRecord("k", logging.INFO, "", 1, f"a{ESC}[2Jb", (), None)
        assert handler.format(record) == "INFO: a\\x1b[2Jb"
    finally:
        root.handlers, _ = saved
        root.setLevel(saved[1])


def test_explain_cuts_a_post_of_thousands_of_brand_tags_to_one_readable_line(hostile):
    tags = " ".join(f"#nordea{k}" for k in range(3000))
    result = kuulo("explain", tags, cwd=hostile)
    [brands] = [line for line in result.stdout.splitlines() if line.startswith("  brands:")]
    assert len(brands) < 500 and brands.startswith("  brands:      Nordea (#nordea0, hashtag), Nordea (#nordea1,")
    shown = brands.count("Nordea (")
    assert brands.endswith(f", … {3000 - shown:,} more")
