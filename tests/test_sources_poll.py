"""`kuulo poll` on a config file pointing at the fakes, and the runner with several sources."""

from __future__ import annotations

import logging
import re

import pytest
from click.testing import CliRunner

from kuulo.bot.cli import cli
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.limits import MAX_RETRY_AFTER_S
from kuulo.bot.sources.base import PollNotes
from kuulo.bot.sources.poller import SourceRunner
from kuulo.bot.sources.registry import build_source
from tests.sources_support import kuulo, team_config

SOURCES = """sources:
  - name: uutiset
    type: rss
    url: {feed}
    every: 10m
  - name: masto
    type: mastodon
    base_url: {masto}
    token_env: MASTODON_TOKEN
    hashtags: ["#nordea"]
    every: 2m
"""
LINE = re.compile(r"new (\d+) · duplicates (\d+) · skipped (\d+) · brand replies (\d+) · cases opened (\d+)"
                  r" · cases closed (\d+)")


@pytest.fixture
def config(tmp_path, fake_feeds, fake_mastodon):
    fake_feeds.publish("/news.xml", "news.xml")
    fake_mastodon.add_status("@NordeaSuomi miksi verkkopankki ei toimi?", acct="asiakas@example.social",
                             created_at="2026-11-17T09:00:00.000Z", mention=True)
    return str(team_config(tmp_path, SOURCES.format(feed=fake_feeds.url("/news.xml"), masto=fake_mastodon.base_url)))


def poll(*args: str, env: dict | None = None):
    env = {"MASTODON_TOKEN": "masto-test-token"} if env is None else env
    return kuulo(*args, env=env)


def counts(output: str, name: str) -> tuple[int, ...]:
    line = next(l for l in output.splitlines() if l.startswith(f"{name} ("))
    return tuple(int(n) for n in LINE.search(line).groups())


def test_poll_every_source_then_again(config):
    first = poll("--config", config, "poll", "-q")
    assert first.exception is None and first.return_value == 0, first.output
    assert counts(first.output, "uutiset") == (3, 0, 1, 0, 1, 0)
    assert counts(first.output, "masto") == (1, 0, 0, 0, 1, 0)
    second = poll("--config", config, "poll", "-q")
    assert second.return_value == 0
    assert counts(second.output, "uutiset") == (0, 0, 0, 0, 0, 0)
    assert counts(second.output, "masto") == (0, 0, 0, 0, 0, 0)


def test_poll_one_source_by_name_and_show_alerts(config):
    result = poll("--config", config, "poll", "masto")
    assert result.return_value == 0
    assert "uutiset (" not in result.output and counts(result.output, "masto")[0] == 1
    assert "miksi verkkopankki ei toimi?" in result.output  # the console alert


def test_a_failing_source_exits_1_and_the_others_still_run(config, fake_mastodon):
    fake_mastodon.fail_next("/api/v1/notifications", kind="ratelimited", reset_in=60)
    result = poll("--config", config, "poll", "-q")
    assert result.return_value == 1
    assert "masto (mastodon): failed: mastodon masto: rate limited (HTTP 429: Too many requests) (retry in 60s)" in result.output
    assert counts(result.output, "uutiset")[0] == 3


def test_unknown_name_is_refused_with_the_configured_names(config):
    result = poll("--config", config, "poll", "nope")
    assert "no source named 'nope'; configured: uutiset, masto" in str(result.exception)


def test_missing_token_names_the_variable_and_the_sources_after_it_are_still_polled(tmp_path, fake_feeds,
                                                                                    fake_mastodon):
    fake_feeds.publish("/news.xml", "news.xml")
    rss, masto = SOURCES.removeprefix("sources:\n").split("  - name: masto")
    config = team_config(tmp_path, ("sources:\n  - name: masto" + masto + rss).format(
        feed=fake_feeds.url("/news.xml"), masto=fake_mastodon.base_url))
    result = poll("--config", str(config), "poll", "-q", env={"MASTODON_TOKEN": ""})
    assert result.exception is None and result.return_value == 1
    assert result.stderr.splitlines() == [
        "masto (mastodon): failed: source 'masto': environment variable MASTODON_TOKEN is not set (token_env)"]
    assert counts(result.stdout, "uutiset")[0] == 3


def test_a_bug_met_by_one_source_is_its_own_failure_and_the_next_source_is_polled(config, monkeypatch, caplog):
    from kuulo.bot.sources.rss import RssSource

    def broken(self, cursor):
        raise KeyError("id")

    monkeypatch.setattr(RssSource, "poll", broken)
    with caplog.at_level(logging.ERROR):
        result = poll("--config", config, "poll", "-q")
    assert result.exception is None and result.return_value == 1
    assert "uutiset (rss): failed: unexpected KeyError: 'id' (see the log)" in result.stderr.splitlines()
    assert "source uutiset: poll failed" in caplog.text and "KeyError: 'id'" in caplog.text  # with its traceback
    assert counts(result.stdout, "masto")[0] == 1


def test_a_source_whose_replies_cannot_be_sent_fails_alone(config, monkeypatch, caplog):
    import kuulo.bot.commands.poll as command

    def deliver(*args, **kwargs):
        raise RuntimeError("outbox bug")

    monkeypatch.setattr(command, "deliver_pending", deliver)
    with caplog.at_level(logging.ERROR):
        result = poll("--config", config, "poll", "-q")
    assert result.exception is None and result.return_value == 1
    assert counts(result.stdout, "uutiset")[0] == 3 and counts(result.stdout, "masto")[0] == 1  # both polled
    assert result.stderr.splitlines() == [
        "masto (mastodon): failed: sending its replies: unexpected RuntimeError: outbox bug (see the log)"]


def test_a_database_error_stops_the_whole_command(config, monkeypatch):
    import sqlite3

    import kuulo.bot.commands.poll as command

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(command, "poll_once", locked)
    result = poll("--config", config, "poll", "-q")
    assert isinstance(result.exception, sqlite3.OperationalError)  # nothing could be stored for any source


def test_no_sources_configured(tmp_path):
    path = tmp_path / "bare.yaml"
    path.write_text(f"database: {tmp_path / 'k.db'}\n", encoding="utf-8")
    result = poll("--config", str(path), "poll")
    assert f"no sources in {path}; add a sources: section" in str(result.exception)


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["poll", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "kuulo --config team.yaml poll uutiset" in result.output


class Exploding:
    name, platform, last_poll = "broken", "rss", PollNotes()

    def poll(self, cursor):
        raise ValueError("a bug in a source")


def test_runner_keeps_going_when_a_source_has_a_bug(services, clock, fake_feeds, caplog):
    fake_feeds.publish("/news.xml", "news.xml")
    good = SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/news.xml")})
    bad = SourceConfig(name="broken", type="rss", every_seconds=600, options={"url": "http://127.0.0.1:9/x"})
    runner = SourceRunner(services, [(bad, Exploding()), (good, build_source(good, {}, clock=clock))])
    assert runner.due(clock.now()) == ["broken", "uutiset"]
    with caplog.at_level(logging.ERROR):
        results = runner.run_due()  # the services' clock
    assert [(r.source, r.error) for r in results] == [
        ("broken", "unexpected ValueError: a bug in a source (see the log)"), ("uutiset", None)]
    assert "source broken: poll failed" in caplog.text and "ValueError: a bug in a source" in caplog.text
    assert runner.failures("broken") == 1 and runner.due(clock.now()) == []


def test_a_source_that_meets_a_bug_while_it_is_set_up_is_a_kuulo_error_naming_it(services, monkeypatch, caplog):
    from dataclasses import replace

    import kuulo.bot.sources.rss as rss

    def broken(*args):
        raise TypeError("a bug in from_config")

    monkeypatch.setattr(rss, "from_config", broken)
    cfg = replace(services.config, sources=(
        SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": "http://127.0.0.1:9/x"}),))
    with caplog.at_level(logging.ERROR), pytest.raises(KuuloError) as raised:
        SourceRunner.from_config(replace(services, config=cfg), {})  # `kuulo run` stops at start, as for a config error
    assert str(raised.value) == ("source 'uutiset': cannot be set up: unexpected TypeError: a bug in from_config"
                                 " (see the log)")
    assert "source uutiset: cannot be set up" in caplog.text and "Traceback" in caplog.text


def test_runner_from_config_builds_each_source(services, fake_feeds):
    from dataclasses import replace

    cfg = replace(services.config, sources=(
        SourceConfig(name="uutiset", type="rss", every_seconds=600, options={"url": fake_feeds.url("/news.xml")}),))
    runner = SourceRunner.from_config(replace(services, config=cfg), {})
    assert runner.due(services.clock.now()) == ["uutiset"]


class Parked:
    """A source whose platform asks for a wait of a year: as a rate-limit reset, then as a Retry-After."""

    name, platform = "parked", "rss"

    def __init__(self) -> None:
        self.last_poll, self.polls = PollNotes(), 0

    def poll(self, cursor):
        self.polls += 1
        if self.polls == 1:
            self.last_poll = PollNotes(cooldown_s=365 * 86_400.0)
            return [], cursor
        raise TransportError("rss parked: HTTP 429", retry_after=float("inf"))


def test_a_platform_cannot_park_a_source_for_more_than_an_hour(services, clock, caplog):
    cfg = SourceConfig(name="parked", type="rss", every_seconds=600, options={"url": "http://127.0.0.1:9/x"})
    runner = SourceRunner(services, [(cfg, Parked())])
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            [result] = runner.run_due(clock.now())
            assert runner.next_at("parked") == clock.now().timestamp() + MAX_RETRY_AFTER_S
            clock.advance(seconds=MAX_RETRY_AFTER_S)
    assert not result.ok and runner.failures("parked") == 1
    assert "source parked asked to wait inf s; waiting 3600 s instead" in caplog.text


def test_what_runs_between_sources_runs_after_each_poll_but_the_last(services, clock, fake_feeds):
    """kuulo run delivers there: the first source's alerts go out before the second source is polled."""
    fake_feeds.publish("/news.xml", "news.xml")
    order: list[str] = []

    class Logged(Exploding):
        def __init__(self, name: str) -> None:
            self.name = name

        def poll(self, cursor):
            order.append(self.name)
            return [], cursor

    configs = [SourceConfig(name=n, type="rss", every_seconds=600, options={"url": "http://127.0.0.1:9/x"})
               for n in ("a", "b", "c")]
    runner = SourceRunner(services, [(cfg, Logged(cfg.name)) for cfg in configs])
    results = runner.run_due(clock.now(), between=lambda: order.append("deliver"))
    assert [r.ok for r in results] == [True] * 3
    assert order == ["a", "deliver", "b", "deliver", "c"]
