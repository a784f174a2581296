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
# The file that runs longest (the development set scored and the tone model fitted per batch, several minutes): first,
# so that with --dist loadfile one worker starts it while the other takes the rest, instead of it starting late and
# running alone at the end.
LONGEST_FIRST = ("tests/test_rules_devset.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest file's tests first, the rest in their order."""
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in LONGEST_FIRST)


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
