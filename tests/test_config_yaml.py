"""The YAML under config and packs: duplicate keys, aliases, odd keys and types are located errors, never tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from kuulo.bot.app import build_engine
from kuulo.bot.config import BRAND_KEYS, load_config, parse_config
from kuulo.bot.config_chat import SOURCE_TYPES
from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import load_packs, parse_pack_text
from kuulo.bot.yamlsrc import load_yaml

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
brands: [*i]
"""


def config_error(tmp_path: Path, text: str | bytes, name: str = "team.yaml") -> str:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ConfigError) as err:
        cfg = load_config(path)
        build_engine(cfg)
    return str(err.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("text, message", [
    ("brands:\n  - name: Nordea\ndatabase: k.db\nbrands:\n  - name: OP\n",
     "team.yaml:4 brands: duplicate key (first at line 1)"),
    ("brands:\n  - name: Nordea\n    handles: [a]\n    aliases: [b]\n    handles: [c]\n",
     "team.yaml:5 brands[0].handles: duplicate key (first at line 3)"),
    ("slack:\n  channel: C0ALERTS01\n  summaries:\n    daily: {time: '09:00', channel: C0ALERTS01, time: '10:00'}\n",
     "team.yaml:4 slack.summaries.daily.time: duplicate key (first at line 4)"),
    ("timezone: UTC\nTimezone: UTC\ntimezone: UTC\n", "team.yaml:3 timezone: duplicate key (first at line 1)"),
])
def test_duplicate_keys_name_both_lines(tmp_path, text, message):
    assert config_error(tmp_path, text) == message


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    # refused, not bounded: a config is short and written by hand, and a value reached through an alias has no
    # line of its own to name in an error
    assert config_error(tmp_path, BOMB) == (
        "team.yaml:1: YAML anchors and aliases are not allowed (&a): write the value out; quote a word that "
        "starts with '*' (\"*part*\")")


@pytest.mark.parametrize("text, message", [
    ("brands:\n  - name: A\n    context: [*pankki]\n",
     "team.yaml:3: YAML anchors and aliases are not allowed (*pankki): write the value out; quote a word that "
     "starts with '*' (\"*part*\")"),
    ("base: {database: k.db}\n<<: {timezone: UTC}\n", "team.yaml:2: merge keys (<<) are not allowed: write the keys out"),
    ("brands:\n  - ? [a, b]\n    : 1\n", "team.yaml:2 brands[0]: a key must be a plain name, not a list or a mapping"),
    ("brands: " + "[" * 60 + "]" * 60 + "\n", "team.yaml:1: nested deeper than 40 levels"),
    ("brands:\n  - name: A\x00\n", "team.yaml:2: not valid YAML (character U+0000 is not allowed)"),
    (b"brands:\n  - name: Nordea\n  - name: S\xe4\xe4st\xf6pankki\n", "team.yaml:3: not UTF-8 text (byte 36); save the config as UTF-8"),
])
def test_yaml_that_is_not_plain_data_is_refused_with_its_line(tmp_path, text, message):
    assert config_error(tmp_path, text) == message


@pytest.mark.parametrize("text, message", [
    ("sources:\n  - name: a\n    type: [rss]\n    url: https://example.com/feed\n",
     "team.yaml:3 sources[0].type: expected one of rss, mastodon, bluesky, reddit, instagram, telegram, got a list"),
    ("sources:\n  - name: a\n    type: {rss: 1}\n", "team.yaml:3 sources[0].type: expected one of rss, mastodon, "
     "bluesky, reddit, instagram, telegram, got a mapping"),
    ("brands:\n  - name: [A]\n", "team.yaml:2 brands[0].name: expected a non-empty string, got a list"),
    ("packs: {banking-fi: 1}\n", "team.yaml:1 packs: expected a list of pack names or paths, got a mapping"),
    ("brands:\n  - name: OP\n    context: [pankki, 'laina*x']\n",
     "team.yaml:3 brands[0].context[1]: expected a word, 'stem*' or '*part*' ('*' only at the start and end), "
     "got 'laina*x'"),
    ("brands:\n  - name: OP\n    context: '@op'\n",
     "team.yaml:3 brands[0].context: expected letters and digits, joined by - : or ' (a phrase: words and spaces), "
     "got '@op'"),
    ("brands:\n  - name: Wärtsilä\n    context: [engine*, power plant*]\n",
     "team.yaml:3 brands[0].context[1]: a '*' ends one word, not a phrase: list the phrase's forms instead ('new car, "
     "new cars'), got 'power plant*'"),
    ("packs: [banking-fl]\n", "team.yaml:1 packs[0]: unknown pack 'banking-fl' (built-in: banking-fi, sentiment-en, "
     "sentiment-fi; a file path must end in .yaml)"),
    ("packs: [sentiment-fi, mine.yaml]\n", "team.yaml:1 packs[1]: pack file mine.yaml does not exist (or is not a file)"),
    ("packs: [/etc/passwd]\n", "team.yaml:1 packs[0]: pack file /etc/passwd must end in .yaml (or .yml)"),
    ("packs: [sentiment-fi, ../team.yaml.bak]\n",
     "team.yaml:1 packs[1]: pack file ../team.yaml.bak must end in .yaml (or .yml)"),
])
def test_wrong_types_and_context_words_are_located(tmp_path, text, message):
    assert config_error(tmp_path, text) == message


SLACK_AND_TELEGRAM = "slack: {{channel: C0ALERTS01{}}}\ntelegram: {{chat: -1001234567890{}}}\n"


@pytest.mark.parametrize("slack, telegram, share", [
    ("", "", 0.8), (", remind_at: 0.9", "", 0.9), ("", ", remind_at: 0.5", 0.5),
    (", remind_at: 0.7", ", remind_at: 0.7", 0.7),
])
def test_one_reminder_share_for_both_desks_whichever_section_says_it(slack, telegram, share):
    assert parse_config(load_yaml(SLACK_AND_TELEGRAM.format(slack, telegram), "team.yaml")).remind_at == share


def test_two_desks_reminding_at_different_shares_are_refused(tmp_path):
    assert config_error(tmp_path, SLACK_AND_TELEGRAM.format(", remind_at: 0.9", ", remind_at: 0.5")) == (
        "team.yaml:2 telegram.remind_at: expected the same share as slack.remind_at (0.9): one sweep reminds both "
        "desks at one share of the SLA; write it in one of them, got a number (0.5)")


@pytest.mark.parametrize("pack, message", [
    (b"name: mine\nnegative: [huono, kamala]\npositive:\n  - hyv\xe4\n", "mine.yaml:4: not UTF-8 text (byte 54); "
     "save the pack as UTF-8"),
    ("name: mine\nnegative:\n  - huono\n  - 'ka*la'\n", "mine.yaml:4 negative[1]: expected a word, 'stem*' or "
     "'*part*' ('*' only at the start and end), got 'ka*la'"),
    ("name: mine\ncategories:\n  kortit:\n    label: cards\n    words: 3\n",
     "mine.yaml:5 categories.kortit.words: expected a list of words, got a number"),
    ("name: mine\ntemplates:\n  question:\n    fi: ['Hei {authr}']\n", "mine.yaml:4 templates.question.fi[0]: unknown "
     "variable {authr}; use {author}, {brand}, {platform}, {category}"),
    ("name: mine\nnegative: [huono]\nnegative: [kamala]\n", "mine.yaml:3 negative: duplicate key (first at line 2)"),
    ("name: mine\nnegative: [*huono]\n", "mine.yaml:2: YAML anchors and aliases are not allowed (*huono): write the "
     "value out; quote a word that starts with '*' (\"*part*\")"),
])
def test_pack_errors_name_the_file_and_line(tmp_path, pack, message):
    (tmp_path / "mine.yaml").write_bytes(pack if isinstance(pack, bytes) else pack.encode("utf-8"))
    with pytest.raises(ConfigError) as err:
        load_packs(["mine.yaml"], tmp_path, "team.yaml")
    assert str(err.value).replace(str(tmp_path) + "/", "") == message


# Arbitrary documents shaped like the schema (its keys, with any value under them), so fuzzing reaches every check.
WORDS = ["x", "fi", "default", "auto", "all", "30m", "1s", "0s", "99999999999999w", "https://example.com/",
         "file:///etc/passwd", "C0ALERTS01", "U0AGENT01", "09:00", "Europe/Helsinki", ":memory:", "*", "@a", "a*b"]
SCALARS = (st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True)
           | st.sampled_from(WORDS) | st.text(max_size=12))
ANY = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                   | st.dictionaries(st.sampled_from(WORDS) | st.text(max_size=6), inner, max_size=3), max_leaves=12)


def shaped(keys, value=ANY, **special):
    """A mapping whose keys come from `keys` (plus a stray one), each holding `special[key]` or any value."""
    return st.fixed_dictionaries({}, optional={k: special.get(k, value) for k in [*sorted(keys), "typo"]}) | ANY


SOURCE_KEYS = {"name", "type", "every", "base_url", "token_env"} | {k for own in SOURCE_TYPES.values() for k in own}
SLACK_KEYS = {"mode", "http_port", "api_url", "channel", "routes", "escalation_channel", "agents", "supervisors",
              "summaries", "remind_at"}
SECTIONS = {
    "database": st.just(":memory:") | ANY,
    "brands": st.lists(shaped(BRAND_KEYS, name=st.sampled_from(["Nordea", "OP", "op"]) | ANY,
                              handles=st.lists(st.text(max_size=8), max_size=3)
                              | st.dictionaries(st.sampled_from(["x", "*", "reddit"]), ANY, max_size=2) | ANY),
                       max_size=3) | ANY,
    "sources": st.lists(shaped(SOURCE_KEYS, type=st.sampled_from(sorted(SOURCE_TYPES)) | ANY,
                               name=st.sampled_from(["a", "b"]) | ANY), max_size=3) | ANY,
    "slack": shaped(SLACK_KEYS, channel=st.just("C0ALERTS01") | ANY,
                    summaries=shaped({"daily", "weekly"}, shaped({"time", "channel", "day"}))),
    "sla": shaped({"first_response"}), "cases": shaped({"open_for"}),
    "matching": shaped({"fuzzy", "fuzzy_threshold", "fuzzy_min_length"}),
    "templates": ANY, "packs": ANY, "timezone": ANY,
}
ENGINE_SECTIONS = {"brands", "matching", "packs", "templates", "cases"}  # what the rules engine is built from


@pytest.mark.parametrize("section", sorted(SECTIONS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_yaml_document_gives_a_config_or_a_config_error(section, data):
    # one section at a time: a wrong value in an early section would hide the later ones
    text = yaml.safe_dump({section: data.draw(SECTIONS[section])}, allow_unicode=True)
    try:
        cfg = parse_config(load_yaml(text, "<fuzz>.yaml"))
        if section in ENGINE_SECTIONS:
            build_engine(cfg)
    except ConfigError:
        pass


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.fixed_dictionaries({}, optional=SECTIONS) | ANY)
def test_any_whole_document_gives_a_config_or_a_config_error(data):
    try:
        build_engine(parse_config(load_yaml(yaml.safe_dump(data, allow_unicode=True), "<fuzz>.yaml")))
    except ConfigError:
        pass


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab:-[]{}&*!|>'\"#%@`,? \n\t\\x0é"), max_size=60))
def test_any_text_gives_a_config_or_a_config_error(text):
    try:
        parse_config(load_yaml(text, "<fuzz>.yaml"))
    except ConfigError:
        pass


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=80) | ANY.map(lambda d: yaml.safe_dump({"name": "fuzz", "categories": d}).encode())
       | shaped({"name", "negative", "positive", "categories", "templates"}).map(lambda d: yaml.safe_dump(d).encode()))
def test_any_pack_file_gives_a_pack_or_a_config_error(data):
    try:
        parse_pack_text(data, "fuzz.yaml")
    except ConfigError:
        pass


def _read_both(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """load_yaml's outcome with libyaml and with PyYAML's pure loader: (value, lines) or the error's message."""
    out = []
    for fast in (True, False):
        monkeypatch.setattr(yaml, "__with_libyaml__", fast)
        try:
            root = load_yaml(text, "both.yaml")
            out.append((root.value, root.lines))
        except ConfigError as exc:
            out.append((str(exc),))
    return out


SHIPPED_YAML = [Path("config.example.yaml"), Path("bot/demo/config.yaml"), *sorted(Path("rules/packs").glob("*.yaml"))]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml reads with its pure loader only")
@pytest.mark.parametrize("path", SHIPPED_YAML, ids=str)
def test_libyaml_reads_the_shipped_files_as_the_pure_loader_does(path, monkeypatch):
    text = (Path(__file__).resolve().parent.parent / path).read_text(encoding="utf-8")
    fast, pure = _read_both(text, monkeypatch)
    assert len(fast) == 2 and fast == pure


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml reads with its pure loader only")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from("ab:-[]{}&*!|>'\"#%@`,? \n\t\\x0é"), max_size=60)
       | ANY.map(lambda d: yaml.safe_dump(d, allow_unicode=True)))
@example(text="*0\t")  # an alias to libyaml, a tab no token starts with to PyYAML: the same answer either way
def test_libyaml_and_the_pure_loader_agree_on_any_text(text, monkeypatch):
    # the fast path refuses anchors and deep nesting from its events, and hands syntax errors and tags to the pure
    # loader; the two grammars differ at their edges ('>#' is an empty folded scalar to libyaml, an error to PyYAML)
    fast, pure = _read_both(text, monkeypatch)
    assert fast == pure or len(fast) != len(pure)
