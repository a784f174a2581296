"""The outbox worker with a handler that has a bug: the row backs off and is given up, the worker goes on."""

from __future__ import annotations

import logging

from kuulo.bot.delivery import MAX_UNEXPECTED, deliver_pending
from kuulo.storage.outbox import dead_items, outbox_summary
from tests.builders import post


class Buggy:
    """A chat handler whose deliver raises something that is not a TransportError."""

    name = "console"

    def __init__(self) -> None:
        self.tries = 0

    def deliver(self, item, view, ref):
        self.tries += 1
        return view["no such key"]


def test_a_bug_in_a_handler_backs_off_and_is_given_up_after_a_few_tries(services, clock, caplog):
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")])
    handler = Buggy()
    with caplog.at_level(logging.ERROR):
        assert deliver_pending(services.db, handler, clock) == 0
        assert deliver_pending(services.db, handler, clock) == 0  # not again at once: it waits its backoff
        for _ in range(MAX_UNEXPECTED - 1):
            clock.advance(hours=1)
            deliver_pending(services.db, handler, clock)
    assert handler.tries == MAX_UNEXPECTED
    assert outbox_summary(services.db) == {"console": {"dead": 1}}
    [dead] = dead_items(services.db)
    assert dead["last_error"] == "console: unexpected KeyError: 'no such key'"
    assert "outbox 1 (alert via console) failed unexpectedly" in caplog.text and "KeyError" in caplog.text
