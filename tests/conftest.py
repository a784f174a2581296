"""Shared fixtures: no network, a frozen clock, and the embedded default wired to a fresh SQLite file."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kuulo.bot.app import Services, build_services, default_config
from kuulo.bot.clock import FrozenClock

pytest_plugins = [
    "tests.fakes.guard",  # autouse: no test reaches beyond loopback
    "tests.fakes.bluesky",
    "tests.fakes.instagram",
    "tests.fakes.mastodon",
    "tests.fakes.reddit",
    "tests.fakes.rss",
    "tests.fakes.slack_api",
    "tests.fakes.telegram",
    "tests.slack_support",
]

T0 = datetime(2026, 11, 17, 10, 0, tzinfo=timezone.utc)
# The files that run longest, longest first (seconds of the README test command on 2 cores, 2026-12-02): with --dist
# loadfile a worker takes the next file when it is free, so a long file started late runs alone at the end (the suite
# took 509 s with only the first of these first, its last 70 s on one worker).
LONGEST_FIRST = (
    "tests/test_sentence_prior.py",  # ~140: the encoder over every 8th development post, every 16th everywhere
    "tests/test_rules_devset.py",  # ~135: the development set scored, the tone model fitted per batch
    "tests/test_worker_encoder.py",  # ~55
    "tests/test_forms_build.py",  # ~50: the real analyser's build
    "tests/test_brand_reader.py",  # ~40
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files' tests first, longest first, the rest in their order."""
    rank = {path: k for k, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


@pytest.fixture(autouse=True)
def no_ledger_key(monkeypatch) -> None:
    """A KUULO_LEDGER_KEY in the developer's shell would add the switch event to every ledger (and subprocess)."""
    monkeypatch.delenv("KUULO_LEDGER_KEY", raising=False)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def services(tmp_path, clock) -> Services:
    """The demo brands and packs on a fresh database, with a frozen clock."""
    return build_services(default_config(str(tmp_path / "kuulo.db")), clock=clock)
