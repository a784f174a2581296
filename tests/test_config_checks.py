"""Values that load but would fail later or mislead: errors or warnings at config time, each with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuulo.bot.config import load_config
from kuulo.bot.errors import ConfigError
from kuulo.rules.engine import Engine

BRAND = "brands:\n  - name: Nordea\n    handles: {x: [NordeaSuomi]}\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    return str(err.value).replace(str(tmp_path) + "/", "").replace(str(tmp_path), "TMP")


def warnings(tmp_path: Path, text: str) -> list[str]:
    return [w.replace(str(tmp_path) + "/", "") for w in load_config(write(tmp_path, text)).warnings]


@pytest.mark.parametrize("text, message", [
    ("database: /nonexistent/dir/k.db\n" + BRAND,
     "team.yaml:1 database: the folder /nonexistent/dir does not exist; create it first"),
    ("database: data/k.db\n" + BRAND, "team.yaml:1 database: the folder data does not exist; create it first"),
    ("database: .\n" + BRAND, "team.yaml:1 database: TMP is a folder; name a database file in it, like kuulo.db"),
    ("database: team.yaml\n" + BRAND,
     "team.yaml:1 database: team.yaml is not an SQLite database (is it the config or another file?)"),
    ("database: " + "a" * 300 + ".db\n" + BRAND, "team.yaml:1 database: cannot use " + "a" * 300 + ".db (File name "
     "too long)"),
    ("database: /dev/null\n" + BRAND, "team.yaml:1 database: /dev/null is not a regular file"),
    (BRAND + "packs: [" + "p" * 300 + ".yaml]\n", "team.yaml:4 packs[0]: cannot use pack file " + "p" * 300 + ".yaml "
     "(File name too long)"),
    (BRAND + "sla:\n  first_response: 99999999999999w\n",
     "team.yaml:5 sla.first_response: 99999999999999w is longer than 90 days, the most Kuulo accepts here"),
    (BRAND + "sla:\n  first_response: " + "9" * 5000 + "s\n",
     "team.yaml:5 sla.first_response: expected a duration like 30m, 1h or 1d, got a string"),
    (BRAND + "sources:\n  - name: feed\n    type: rss\n    url: file:///etc/passwd\n",
     "team.yaml:7 sources[0].url: expected an http:// or https:// URL with a host name, got a string "
     "('file:///etc/passwd')"),
    (BRAND + "sources:\n  - name: feed\n    type: rss\n    url: https://\n",
     "team.yaml:7 sources[0].url: expected an http:// or https:// URL with a host name, got a string ('https://')"),
    (BRAND + "sources:\n  - name: m\n    type: mastodon\n    base_url: ftp://files.example.com\n",
     "team.yaml:7 sources[0].base_url: expected an http:// or https:// URL with a host name, got a string "
     "('ftp://files.example.com')"),
    (BRAND + "sources:\n  - name: feed\n    type: rss\n    url: https://example.com/feed\n    every: 9999999w\n",
     "team.yaml:8 sources[0].every: 9999999w is longer than 7 days, the most Kuulo accepts here"),
])
def test_errors_at_config_time(tmp_path, text, message):
    assert error(tmp_path, text) == message


def test_an_existing_database_and_a_new_one_beside_the_config_pass(tmp_path):
    assert load_config(write(tmp_path, "database: k.db\n" + BRAND)).warnings == ()
    (tmp_path / "k.db").write_bytes(b"")  # an empty file is what SQLite makes of a new database
    assert load_config(write(tmp_path, "database: k.db\n" + BRAND)).database == str(tmp_path / "k.db")


@pytest.mark.parametrize("text, message", [
    ("brands: []\n", "team.yaml:1 brands: no brands are configured, so no post will ever match; add at least one "
     "(brands: [{name: Nordea}])"),
    ("timezone: UTC\n", "team.yaml:1 brands: no brands are configured, so no post will ever match; add at least one "
     "(brands: [{name: Nordea}])"),
    (BRAND + "sources:\n  - name: feed\n    type: rss\n    url: https://example.com/feed\n    every: 1s\n",
     "team.yaml:8 sources[0].every: polling rss every 1s spends the platform's request budget (and may get the "
     "account limited); 5m or more is sane"),
    (BRAND + "sources:\n  - name: m\n    type: mastodon\n    every: 30s\n",
     "team.yaml:7 sources[0].every: polling mastodon every 30s spends the platform's request budget (and may get "
     "the account limited); 1m or more is sane"),
])
def test_warnings_name_the_line(tmp_path, text, message):
    assert warnings(tmp_path, text) == [message]


def test_a_sane_config_has_no_warnings(tmp_path):
    assert warnings(tmp_path, BRAND + "sources:\n  - name: m\n    type: mastodon\n    every: 2m\n"
                              "  - name: feed\n    type: rss\n    url: https://example.com/feed\n") == []


PLAIN = "brands:\n  - name: Nordea\n    handles: [NordeaSuomi]\n"


def test_a_plain_handle_list_warns_naming_handles_and_platforms(tmp_path):
    assert warnings(tmp_path, PLAIN) == [
        "team.yaml:3 brands[0].handles: handles NordeaSuomi apply on every platform, so an account of that name on "
        "x, instagram, facebook, mastodon, bluesky, reddit, rss, telegram or any other platform (anyone can register "
        "one) would close Nordea's cases as the brand's own reply; give the handles per platform: handles: "
        "{x: [NordeaSuomi], instagram: [NordeaSuomi]}"]


def test_a_plain_list_still_applies_everywhere_and_the_mapping_per_platform(tmp_path):
    plain, mapped = load_config(write(tmp_path, PLAIN + "  - name: OP\n    handles: {X: [OPryhma], reddit: [op_ryhma]}\n"
                                                "    aliases: [OP-ryhmä]\n")).brands
    engine = Engine([plain, mapped], [], {})
    assert engine.own_brand("reddit", "NordeaSuomi") == "Nordea"  # imports rely on the plain list
    assert engine.own_brand("reddit", "op_ryhma") == "OP" and engine.own_brand("x", "@OPryhma") == "OP"
    assert engine.own_brand("reddit", "OPryhma") is None and engine.own_brand("mastodon", "op_ryhma") is None
    assert engine.own_brand("bluesky", "OPryhma") is None


def test_a_logged_in_source_verifies_its_platform_and_warns_for_the_others(tmp_path):
    text = (PLAIN + "  - name: OP\n    handles: {bluesky: [opryhma]}\n"
            "sources:\n  - name: bsky\n    type: bluesky\n    handle: NordeaSuomi.bsky.social\n"
            "  - name: reddit\n    type: reddit\n    username_env: REDDIT_USERNAME\n"
            "  - name: feed\n    type: rss\n    url: https://example.com/feed\n")
    assert warnings(tmp_path, text) == [
        "team.yaml:3 brands[0].handles: handles NordeaSuomi apply on every platform, so an account of that name on "
        "x, instagram, facebook, mastodon, reddit, rss, telegram or any other platform (anyone can register one) "
        "would close Nordea's cases as the brand's own reply; give the handles per platform: handles: "
        "{bluesky: [NordeaSuomi], reddit: [NordeaSuomi]}",
        "team.yaml:10 sources[1]: source reddit logs in on reddit, but Nordea's reddit handles come from its plain "
        "list (NordeaSuomi), unverified there; list the account under handles: {reddit: [...]} for Nordea"]


def test_a_plain_handle_that_is_not_the_logged_in_account_warns(tmp_path):
    text = ("brands:\n  - name: Nordea\n    handles: [NordeaSuomi, nordea]\n"
            "sources:\n  - name: bsky\n    type: bluesky\n    handle: nordeasuomi.bsky.social\n")
    found = warnings(tmp_path, text)
    assert len(found) == 2 and "on x, instagram, facebook, mastodon, bluesky, reddit" in found[0]
    assert found[1] == ("team.yaml:5 sources[0]: source bsky logs in on bluesky as nordeasuomi, but Nordea's bluesky "
                        "handles come from its plain list (nordea), unverified there; list the account under handles: "
                        "{bluesky: [nordeasuomi]} for Nordea")


def test_handles_per_platform_do_not_warn(tmp_path):
    text = ("brands:\n  - name: Nordea\n    handles: {bluesky: [NordeaSuomi], reddit: [Nordea_official]}\n"
            "sources:\n  - name: bsky\n    type: bluesky\n    handle: nordeasuomi.bsky.social\n"
            "  - name: reddit\n    type: reddit\n")
    assert warnings(tmp_path, text) == []


def test_an_exclude_that_reads_as_the_name_alone_is_left_out_and_named(tmp_path: Path) -> None:
    text = ("brands:\n  - name: Menevä\n    context: [taksi*, driver*]\n    needs_context: true\n"
            "    exclude: [menevä juna, \"menevä =\"]\n")
    assert warnings(tmp_path, text) == [
        "team.yaml:5 brands[0].exclude[1]: 'menevä =' reads as Menevä's own name alone (words are matched without "
        "their punctuation), so it would exclude every mention; Kuulo leaves it out: write the words that stand "
        "beside the name when it is not Menevä (exclude: [menevä juna, menevä means])"]
    cfg = load_config(write(tmp_path, text))
    engine = Engine(cfg.brands, [], {})
    assert [m.brand for m in engine.evaluate("Menevä charged me a fee, the driver never came").brands] == ["Menevä"]
    assert [m.brand for m in engine.evaluate("menevältä tilattu taksi ei tullut").brands] == ["Menevä"]
    assert not engine.evaluate("menevä juna oli myöhässä, taksi olisi ollut parempi").brands  # the real exclude holds
