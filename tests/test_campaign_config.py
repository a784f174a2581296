"""The `campaigns:` section (closed schema, file:line errors, time zones) and the calendar, as text and as iCalendar
read by a real parser."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from kuulo.bot.campaigns_calendar import calendar, to_ics
from kuulo.bot.cli import main
from kuulo.bot.config import load_config
from kuulo.bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, campaigns: str) -> Path:
    path = tmp_path / "my.yaml"
    path.write_text(f"database: {tmp_path / 'k.db'}\ncampaigns:\n{campaigns}", encoding="utf-8")
    return path


def test_the_example_campaign_loads():
    [kesa] = load_config(ROOT / "config.example.yaml").campaigns
    assert (kesa.name, kesa.hashtags, kesa.match, kesa.entry, kesa.platforms) == (
        "kesa2026", ("valiokesä",), "all", "hashtag", ("instagram",))
    assert kesa.start == datetime(2026, 5, 31, 21, tzinfo=timezone.utc) and kesa.media_required
    assert (kesa.exclude_accounts, kesa.moderation, kesa.one_per_person) == (("valio_staff",), "required", True)


def test_dates_without_an_offset_are_in_the_campaigns_or_the_teams_zone(tmp_path):
    cfg = load_config(write(tmp_path, """  - name: a
    hashtags: "#Joulu"
    start: 2026-12-01
    end: "2026-12-24T18:00"
  - name: b
    entry: comment
    post: 17900000000000001
    timezone: America/New_York
    start: 2026-12-01
    end: 2026-12-02
"""))
    a, b = cfg.campaigns
    assert a.start == datetime(2026, 12, 1, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert a.end == datetime(2026, 12, 24, 18, tzinfo=ZoneInfo("Europe/Helsinki")) and a.hashtags == ("joulu",)
    assert b.end == datetime(2026, 12, 2, 23, 59, 59, 999_999, tzinfo=ZoneInfo("America/New_York"))  # all of it
    assert (b.post_id, b.post_url) == ("17900000000000001", None)


@pytest.mark.parametrize("campaigns, message", [
    ("  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n    end: 2026-07-01\n    prize: car\n",
     "my.yaml:7 campaigns[0].prize: unknown key; known keys: cta, end, entry, exclude_accounts, hashtags, match, "
     "media_required, min_tagged_friends, moderation, name, one_per_person, platforms, post, rules_url, start, "
     "timezone"),
    ("  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n",
     "my.yaml:3 campaigns[0]: missing required key 'end'"),
    ("  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n    end: 2026-05-01\n",
     "my.yaml:6 campaigns[0].end: the campaign ends (2026-05-01T23:59:59+03:00) before it starts "
     "(2026-06-01T00:00:00+03:00)"),
    ("  - name: a\n    entry: comment\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:3 campaigns[0]: an entry: comment campaign needs post: the contest post's link or id"),
    ("  - name: a\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:3 campaigns[0]: an entry: hashtag campaign needs hashtags"),
    ("  - name: a\n    hashtags: [x]\n    match: most\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:5 campaigns[0].match: expected all or any, got a string ('most')"),
    ("  - name: a\n    hashtags: [x]\n    start: next monday\n    end: 2026-07-01\n",
     "my.yaml:5 campaigns[0].start: expected a date or time like 2026-06-01 or 2026-06-01T00:00:00+03:00, got a "
     "string ('next monday')"),
    ("  - name: a b\n    hashtags: [x]\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:3 campaigns[0].name: expected a short name of letters, digits, '-', '_' or '.' (used on the command "
     "line), got a string ('a b')"),
    ("  - name: a\n    hashtags: [x]\n    min_tagged_friends: -1\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:5 campaigns[0].min_tagged_friends: expected a whole number from 0 to 50, got a number (-1)"),
    ("  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n    end: 2026-07-01\n"
     "  - name: A\n    hashtags: [y]\n    start: 2026-06-01\n    end: 2026-07-01\n",
     "my.yaml:7 campaigns[1].name: campaign 'A' is listed twice"),
    ("  - name: a\n    hashtags: [x]\n    start: 2026-03-29T03:30:00\n    end: 2026-07-01\n",
     "my.yaml:5 campaigns[0].start: 2026-03-29 03:30:00 does not happen in Europe/Helsinki (the clocks skip it): "
     "write the time with its offset, or another time"),
    ("  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n    end: '2026-10-25T03:30:00'\n",
     "my.yaml:6 campaigns[0].end: 2026-10-25 03:30:00 happens twice in Europe/Helsinki (the clocks turn back): "
     "write it with its offset, +03:00 or +02:00"),
])
def test_mistakes_name_the_file_line_and_key(tmp_path, campaigns, message):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, campaigns))
    assert str(err.value) == message.replace("my.yaml", str(tmp_path / "my.yaml"))


CALENDAR = """  - name: kesa
    hashtags: ["#valiokesä", "#kesä"]
    start: 2026-06-01
    end: 2026-08-31
    cta: "Jaa kesäkuvasi; voita, kesäksi!"
    rules_url: https://example.com/saannot
  - name: joulu
    entry: comment
    post: https://www.instagram.com/p/CJOULU/
    start: 2026-12-01T08:00:00+02:00
    end: 2026-12-24T12:00:00+02:00
  - name: talvi
    hashtags: ["#talvi"]
    start: 2026-01-10
    end: 2026-02-10
"""


def test_the_calendar_lists_campaigns_in_time_order_with_their_status(tmp_path):
    cfg = load_config(write(tmp_path, CALENDAR))
    listed = calendar(None, cfg.campaigns, datetime(2026, 7, 1, tzinfo=timezone.utc))
    assert [(c["name"], c["status"], c["entries"]) for c in listed] == [
        ("talvi", "closed", 0), ("kesa", "running", 0), ("joulu", "upcoming", 0)]


def test_the_calendar_exports_as_icalendar_a_real_parser_reads(tmp_path, capsys):
    path = write(tmp_path, CALENDAR)
    out = tmp_path / "vuosikello.ics"
    assert (main(["--config", str(path), "campaigns", "--ics", str(out)]) or 0) == 0
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == {"kesa@kuulo", "joulu@kuulo", "talvi@kuulo"}
    kesa = events["kesa@kuulo"]
    assert kesa.decoded("DTSTART") == datetime(2026, 6, 1, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert kesa.decoded("DTEND") == datetime(2026, 9, 1, tzinfo=ZoneInfo("Europe/Helsinki"))  # exclusive: all of 31.8.
    assert str(kesa["SUMMARY"]) == "kesa #valiokesä #kesä"
    assert str(kesa["DESCRIPTION"]) == ("Hashtags: #valiokesä #kesä\nEntry: hashtag\n"
                                        "Jaa kesäkuvasi; voita, kesäksi!\nRules: https://example.com/saannot")
    assert str(events["joulu@kuulo"]["DESCRIPTION"]).startswith("Entry: comment on https://www.instagram.com/p/CJOULU/")


def test_a_long_line_is_folded_without_splitting_a_character(tmp_path):
    cfg = load_config(write(tmp_path, "  - name: x\n    hashtags: [x]\n    start: 2026-06-01\n    end: 2026-06-02\n"
                                      f"    cta: \"{'ä' * 100}\"\n"))
    raw = to_ics(cfg.campaigns, datetime(2026, 5, 1, tzinfo=timezone.utc)).encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["DESCRIPTION"]).endswith("ä" * 100)
    assert event.decoded("DTSTART") + timedelta(days=2) == event.decoded("DTEND")


def test_kuulo_campaigns_prints_the_calendar_before_any_database_exists(tmp_path, capsys):
    path = write(tmp_path, CALENDAR)
    assert (main(["--config", str(path), "campaigns"]) or 0) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["talvi", "kesa", "joulu"]
    assert lines[1].endswith("#valiokesä #kesä  entries 0")
    assert "2026-12-01 08:00 +02:00 – 2026-12-24 12:00 +02:00" in lines[2] and not (tmp_path / "k.db").exists()


def test_a_bare_end_date_is_the_whole_day_quoted_or_not(tmp_path):
    for end in ("2026-06-30", "'2026-06-30'", "'20260630'"):
        [campaign] = load_config(write(tmp_path, f"  - name: a\n    hashtags: [x]\n    start: 2026-06-01\n"
                                                 f"    end: {end}\n")).campaigns
        last = datetime(2026, 6, 30, 23, 59, 59, 500_000, tzinfo=ZoneInfo("Europe/Helsinki"))
        assert campaign.start.timestamp() < last.timestamp() <= campaign.end.timestamp() \
            < datetime(2026, 7, 1, tzinfo=ZoneInfo("Europe/Helsinki")).timestamp(), end
