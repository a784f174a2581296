"""Config loading: the example stays valid, and every mistake names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuulo.bot.config import load_config
from kuulo.bot.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_handles_under_a_platform_in_compatibility_letters_are_that_platforms(tmp_path):
    # an import files a post from "Ｘ" under x (bot/import_record.platform_name): the brand's handles there must apply
    cfg = load_config(write(tmp_path, "brands:\n  - name: A\n    handles: {'\uff38': [a], X: ['@b']}\n"))
    assert cfg.brands[0].handles == {"x": ("a", "b")}


def test_example_config_loads_with_every_documented_key():
    cfg = load_config(ROOT / "config.example.yaml")
    assert [b.name for b in cfg.brands] == ["Nordea", "OP", "Veikkaus", "Kemijoki Oy"]
    nordea, op, veikkaus, kemijoki = cfg.brands
    assert kemijoki.needs_context and not op.needs_context
    assert nordea.handles["reddit"] == ("nordea_official",) and "*" not in nordea.handles
    assert cfg.warnings == ()  # the example shows the form check-config does not warn about
    assert op.handles == {"x": ("opryhma",), "instagram": ("op_ryhma",)}
    assert op.is_own_handle("x", "@OPryhma") and not op.is_own_handle("instagram", "OPryhma")
    assert veikkaus.stems == ("Veikkaukse",)
    assert cfg.sla_seconds == 3600 and cfg.open_for == "needs_reply"
    assert cfg.matching.fuzzy_threshold == 85 and cfg.matching.fuzzy_min_length == 6
    assert cfg.packs == ("banking-fi", "sentiment-fi", "sentiment-en")
    assert cfg.templates["verkkopankki"]["fi"][0].startswith("Hei {author}!")
    assert cfg.database == str(ROOT / "kuulo.db")


def test_defaults_for_an_empty_file(tmp_path):
    cfg = load_config(write(tmp_path, ""))
    assert cfg.brands == () and cfg.sla_seconds == 3600 and cfg.open_for == "needs_reply"
    assert cfg.database == str(tmp_path / "kuulo.db")


@pytest.mark.parametrize("text, message", [
    ("brands:\n  - name: A\n  - name: B\n  - name: C\n    handles: 5\n",
     "my.yaml:5 brands[2].handles: expected a list of handles, or a mapping from platform to a list of handles, got a number (5)"),
    ("brands:\n  - name: A\n    handles: [x, 7]\n",
     "my.yaml:3 brands[0].handles[1]: expected a non-empty string, got a number (7)"),
    ("brands:\n  - name: A\n    handles: {x: [a], '<!channel>': [b]}\n",
     "my.yaml:3 brands[0].handles.<!channel>: '<!channel>' is not a platform name (like x, instagram or "
     "google-reviews: letters, digits, space, . _ -)"),
    ("brands:\n  - name: A\n    handles: {'': [b]}\n",
     "my.yaml:3 brands[0].handles.: '' is not a platform name (like x, instagram or google-reviews: letters, "
     "digits, space, . _ -)"),
    ("sla:\n  first_response: '9'\n",
     "my.yaml:2 sla.first_response: expected a duration like 30m, 1h or 1d, got a string ('9')"),
    ("sla:\n  first_response: 30\n",
     "my.yaml:2 sla.first_response: expected a duration like 30m, 1h or 1d, got a number (30)"),
    ("brand:\n  - name: A\n",
     "my.yaml:1 brand: unknown key; known keys: brands, campaigns, cases, database, matching, packs, sla, slack, sources, telegram, templates, timezone"),
    ("brands:\n  - name: A\n    hashtag: [x]\n",
     "my.yaml:3 brands[0].hashtag: unknown key; known keys: aliases, ambiguous, context, exclude, handles, hashtags, name, needs_context, stems"),
    ("brands:\n  - name: A\n    needs_context: yes please\n",
     "my.yaml:3 brands[0].needs_context: expected true or false, got a string ('yes please')"),
    ("brands:\n  - aliases: [x]\n", "my.yaml:2 brands[0]: missing required key 'name'"),
    ("brands:\n  - name: A\n  - name: a\n", "my.yaml:3 brands[1].name: brand 'a' is listed twice"),
    ("cases:\n  open_for: everything\n",
     "my.yaml:2 cases.open_for: expected one of needs_reply, questions, all, got a string ('everything')"),
    ("matching:\n  fuzzy_threshold: 120\n",
     "my.yaml:2 matching.fuzzy_threshold: expected a score from 50 to 100, got a number (120)"),
    ("timezone: Mars/Olympus\n",
     "my.yaml:1 timezone: expected an IANA time zone such as Europe/Helsinki, got a string ('Mars/Olympus')"),
    ("templates:\n  default: hello\n",
     "my.yaml:2 templates.default: expected a mapping from language (fi, en, ...) to a template or a list of templates, got a string ('hello')"),
    ("brands: [\n", "my.yaml:2: not valid YAML (expected the node content, but found '<stream end>')"),
    ("- just\n- a list\n", "my.yaml:1: expected a mapping, got a list"),
])
def test_config_errors_name_file_line_and_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert str(err.value) == message.replace("my.yaml", str(tmp_path / "my.yaml"))


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


@pytest.mark.parametrize("text, message", [
    ("sources:\n  - name: uutiset\n    type: rss\n", "my.yaml:2 sources[0]: missing required key 'url'"),
    ("sources:\n  - name: uutiset\n    type: rss\n    url: 5\n",
     "my.yaml:4 sources[0].url: expected a non-empty string, got a number (5)"),
    ("sources:\n  - name: m\n    type: mastodon\n    hashtags: [nordea, 1]\n",
     "my.yaml:4 sources[0].hashtags[1]: expected a non-empty string, got a number (1)"),
    ("sources:\n  - name: m\n    type: mastodon\n    notifications: 'yes'\n",
     "my.yaml:4 sources[0].notifications: expected true or false, got a string ('yes')"),
    ("sources:\n  - name: m\n    type: mastodon\n    url: x\n",
     "my.yaml:4 sources[0].url: unknown key; known keys: base_url, every, hashtags, name, notifications, search,"
     " token_env, type"),
    ("sources:\n  - name: i\n    type: instagram\n    user_id: [1]\n",
     "my.yaml:4 sources[0].user_id: expected a non-empty string, got a list"),
])
def test_source_option_errors_name_the_line(tmp_path, text, message):
    test_config_errors_name_file_line_and_key(tmp_path, text, message)


def test_source_options_are_read_as_their_kind(tmp_path):
    cfg = load_config(write(tmp_path, "sources:\n  - name: m\n    type: mastodon\n    hashtags: '#nordea'\n"
                                      "  - name: i\n    type: instagram\n    user_id: 17841400000000000\n"))
    assert cfg.sources[0].options == {"hashtags": ("#nordea",)}
    assert cfg.sources[1].options == {"user_id": "17841400000000000"}


def test_brand_list_files_read_every_key_a_config_reads(tmp_path):
    # the matching data's brand files are read as a config's `brands:`, so the bench scores what a user configures
    from kuulo.bot.config import load_brand_list

    path = write(tmp_path, "- name: Oras\n  handles: ['@OrasGroup']\n  context: [hana*]\n  needs_context: true\n")
    (oras,) = load_brand_list(path)
    assert oras.needs_context and oras.context == ("hana*",) and oras.handles == {"*": ("orasgroup",)}
    bad = write(tmp_path, "- name: Oras\n  context: [power plant*]\n")
    with pytest.raises(ConfigError, match=r"my\.yaml:2.*context.*power plant\*"):
        load_brand_list(bad)


def test_the_matching_data_brand_files_load():
    from kuulo.bot.config import load_brand_list

    data = ROOT / "tests" / "data" / "matching"
    names = [b.name for f in sorted(data.glob("brands*.yaml")) for b in load_brand_list(f)]
    assert len(names) == len(set(names)) == 219
