"""The outbox worker with a handler that has a bug: the row backs off and is given up, the worker goes on."""

from __future__ import annotations

import io
import logging
import random

from hypothesis import HealthCheck, given, settings, strategies as st

from kuulo.bot.app import build_services, default_config
from kuulo.bot.clock import FrozenClock
from kuulo.bot.delivery import MAX_UNEXPECTED, backoff, deliver_pending, honoured
from kuulo.bot.limits import BACKOFF_BASE_S, BACKOFF_MAX_S, MAX_RETRY_AFTER_S
from kuulo.bot.errors import TransportError
from kuulo.handlers.console import ConsoleHandler
from kuulo.storage.db import write
from kuulo.handlers.base import ChatHolds
from kuulo.storage import outbox
from kuulo.storage.outbox import dead_items, enqueue, outbox_summary
from tests.builders import post
from tests.conftest import T0


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


class Scripted:
    """A chat handler that fails as told, one outcome per try (an exception to raise, or None to deliver)."""

    name = "console"

    def __init__(self, outcomes: list[Exception | None]) -> None:
        self.outcomes, self.delivered = list(outcomes), []

    def deliver(self, item, view, ref):
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        self.delivered.append(item.case_id)
        return f"console:{item.id}"


def _rows(services) -> list[dict]:
    return list(services.db["outbox"].rows_where(order_by="id"))


def test_rate_limit_waits_do_not_inflate_the_backoff_of_a_later_failure(services, clock):
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?"),
                              post("2", "Toimiiko Nordean kortti ulkomailla?", minutes=1)])
    limited = [TransportError("ratelimited", retry_after=30.0) for _ in range(6)]
    handler = Scripted([*limited, TransportError("cannot reach Slack (ConnectionResetError)")])
    for _ in limited:  # each wait honoured exactly, the clock stepping with it
        assert deliver_pending(services.db, handler, clock) == 0
        head = _rows(services)[0]
        assert head["next_try_ts"] == clock.now().timestamp() + 30
        clock.advance(seconds=30)
    assert deliver_pending(services.db, handler, clock) == 0  # the dropped connection
    head = _rows(services)[0]
    wait = head["next_try_ts"] - clock.now().timestamp()
    assert BACKOFF_BASE_S / 2 <= wait <= BACKOFF_BASE_S  # a first failure's backoff, not 2**7 of it
    assert (head["attempts"], head["failures"]) == (7, 1)

    clock.advance(seconds=wait - 0.5)
    assert deliver_pending(services.db, handler, clock) == 0  # the queue keeps its order meanwhile
    clock.advance(seconds=1)
    assert deliver_pending(services.db, handler, clock) == 2
    assert handler.delivered == [1, 2]


def test_a_row_that_is_only_rate_limited_is_never_given_up(services, clock):
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")])
    handler = Scripted([TransportError("ratelimited", retry_after=1.0) for _ in range(MAX_UNEXPECTED * 2)])
    for _ in range(MAX_UNEXPECTED * 2):
        assert deliver_pending(services.db, handler, clock) == 0
        clock.advance(seconds=1)
    assert deliver_pending(services.db, handler, clock) == 1
    [row] = _rows(services)
    assert (row["state"], row["attempts"], row["failures"]) == ("sent", MAX_UNEXPECTED * 2 + 1, 0)


def test_a_server_asking_for_a_year_is_waited_an_hour_and_that_is_logged(services, clock, caplog):
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")])
    handler = Scripted([TransportError("ratelimited", retry_after=365 * 86_400.0)])
    with caplog.at_level(logging.WARNING):
        assert deliver_pending(services.db, handler, clock) == 0
    assert _rows(services)[0]["next_try_ts"] == clock.now().timestamp() + MAX_RETRY_AFTER_S
    assert "console asked to wait 31536000.0 s; waiting 3600 s instead" in caplog.text
    clock.advance(seconds=MAX_RETRY_AFTER_S)
    assert deliver_pending(services.db, handler, clock) == 1


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_server_wait_is_never_negative_nor_longer_than_the_cap(wait):
    kept = honoured(wait, "fake")
    assert 0.0 <= kept <= MAX_RETRY_AFTER_S
    assert kept == wait or not 0.0 <= wait <= MAX_RETRY_AFTER_S


class FixedHalf:
    """A random source at its lowest: the jitter takes half the delay."""

    def random(self) -> float:
        return 0.0


def test_backoff_grows_with_real_failures_only():
    rng = random.Random(1)
    assert backoff(0, retry_after=194.0) == 194.0
    assert [round(backoff(n, rng=FixedHalf())) for n in range(4)] == [2, 5, 10, 20]  # 5 s doubling, jitter 0.5-1
    assert backoff(50, rng=rng) <= BACKOFF_MAX_S


class ClosedPipe(io.StringIO):
    """A stdout whose reader has gone (`kuulo demo | head`)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_console_keeps_the_alert_waiting_without_a_traceback(services, clock, caplog):
    services.pipeline.ingest([post("1", "Miksi Nordean sovellus ei toimi?")])
    with caplog.at_level(logging.WARNING):
        assert deliver_pending(services.db, ConsoleHandler(ClosedPipe()), clock) == 0
    assert outbox_summary(services.db) == {"console": {"pending": 1}}
    [row] = _rows(services)
    assert row["last_error"] == "console: the output was closed"
    assert "failed unexpectedly" not in caplog.text and "Traceback" not in caplog.text
    clock.advance(hours=1)
    assert deliver_pending(services.db, ConsoleHandler(io.StringIO()), clock) == 1


class ClosesAfter(io.StringIO):
    """A stdout whose reader goes away after `lines` lines."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.left = lines

    def write(self, text: str) -> int:
        if text.strip() and self.left == 0:
            raise BrokenPipeError(32, "Broken pipe")
        self.left -= bool(text.strip())
        return super().write(text)


def _commits(services) -> list[str]:
    """The COMMITs the connection runs from now on."""
    seen: list[str] = []
    services.db.conn.set_trace_callback(lambda sql: seen.append(sql) if sql.strip().upper() == "COMMIT" else None)
    return seen


QUESTIONS = [post(str(i), f"Miksi Nordean sovellus ei toimi? ({i})") for i in range(6)]


def test_a_console_round_is_recorded_as_sent_in_one_transaction(services, clock):
    services.pipeline.ingest(QUESTIONS)
    commits = _commits(services)
    out = io.StringIO()
    assert deliver_pending(services.db, ConsoleHandler(out, compact=True), clock) == 6
    assert len(commits) == 1 and out.getvalue().count("case #") == 6
    assert outbox_summary(services.db) == {"console": {"sent": 6}}
    assert [r["ref"] for r in _rows(services)] == [f"console:{r['id']}" for r in _rows(services)]


def test_a_console_that_closes_mid_round_keeps_what_it_printed_recorded_and_the_rest_waiting(services, clock):
    services.pipeline.ingest(QUESTIONS)
    assert deliver_pending(services.db, ConsoleHandler(ClosesAfter(4), compact=True), clock) == 4
    assert [r["state"] for r in _rows(services)] == ["sent"] * 4 + ["pending"] * 2
    clock.advance(hours=1)
    out = io.StringIO()
    assert deliver_pending(services.db, ConsoleHandler(out, compact=True), clock) == 2
    assert [line.split()[1] for line in out.getvalue().splitlines()] == ["#5", "#6"]  # in order, none twice


class Stops(Scripted):
    """A chat transport (no confirms_in_rounds) during which the process is stopped at the n-th message."""

    def __init__(self, at: int) -> None:
        super().__init__([])
        self.at = at

    def deliver(self, item, view, ref):
        if len(self.delivered) == self.at:
            raise KeyboardInterrupt
        return super().deliver(item, view, ref)


def test_a_chat_transport_records_each_message_as_it_goes(services, clock):
    services.pipeline.ingest(QUESTIONS)
    try:
        deliver_pending(services.db, Stops(3), clock)
    except KeyboardInterrupt:
        pass
    assert [r["state"] for r in _rows(services)] == ["sent"] * 3 + ["pending"] * 3
    scripted = Scripted([])  # the next deliverer, at once: the stopped send was not left held for SEND_HOLD_S
    assert deliver_pending(services.db, scripted, clock) == 3


def test_a_run_starting_sends_what_a_dead_run_held_at_once(services, clock):
    """`kuulo run` alone sends to the chats: at its start a message an earlier run died sending is due again, not
    after the 5-minute hold that stopped every alert behind it (review of s61)."""
    from kuulo.bot.limits import SEND_HOLD_S
    from kuulo.storage import outbox

    services.pipeline.ingest(QUESTIONS)
    now = clock.now().timestamp()
    assert outbox.take(services.db, _rows(services)[0]["id"], now, now + SEND_HOLD_S)  # then killed
    assert deliver_pending(services.db, Scripted([]), clock) == 0
    assert outbox.retry_now(services.db, ("console", "slack"), now) == 1
    assert deliver_pending(services.db, Scripted([]), clock) == 6


class Replies:
    """A platform that takes replies (a reply handler), and the case service's side of it."""

    name = "reply:masto"

    def __init__(self) -> None:
        self.posted: list[int] = []
        self.sent: list[int] = []

    def deliver(self, item, view, ref):
        self.posted.append(item.id)
        return f"reply-{item.id}"

    def reply_sent(self, case_id, actor, source, reply_id):
        self.sent.append(case_id)

    def reply_failed(self, case_id, error):
        raise AssertionError(error)


def test_a_reply_another_deliverer_takes_after_it_was_listed_is_not_posted_twice_nor_lost(services, clock, tmp_path,
                                                                                          monkeypatch):
    from kuulo.bot.limits import SEND_HOLD_S
    from kuulo.storage import outbox
    from kuulo.storage.db import open_db, write

    with write(services.db) as tx:
        outbox.enqueue(tx, ("reply:masto",), kind="reply", case_id=None, payload={"text": "Hei!"},
                       ts=clock.now().timestamp())
    other = open_db(str(tmp_path / "kuulo.db"))  # `kuulo poll` beside `kuulo run`
    listed = outbox.due_and_held

    def raced(db, transport, now_ts, limit=50):
        due, held = listed(db, transport, now_ts, limit)  # listed here; the other process takes it before the send
        assert outbox.take(other, due[0].id, now_ts, now_ts + SEND_HOLD_S)
        return due, held

    monkeypatch.setattr(outbox, "due_and_held", raced)
    platform = Replies()
    assert deliver_pending(services.db, platform, clock, replies=platform) == 0 and platform.posted == []
    monkeypatch.setattr(outbox, "due_and_held", listed)
    clock.advance(seconds=SEND_HOLD_S + 1)  # it died holding it: the reply is tried again, not lost
    assert deliver_pending(services.db, platform, clock, replies=platform) == 1 and platform.posted == [1]
    other.conn.close()


class ChatPerCase:
    """A chat transport whose cases each land in one chat (odd cases in "A", even in "B"); a chat under a rate
    limit refuses with a wait until its time, as Telegram and Slack do for one chat."""

    name = "console"

    def __init__(self, clock, limits: dict[str, tuple[float, float]]) -> None:
        self.clock, self.limits, self.asked_while_limited = clock, limits, 0
        self.sent: list[tuple[int, int, str]] = []  # (outbox id, case, chat) as they went

    def deliver(self, item, view, ref):
        chat = "A" if item.case_id % 2 else "B"
        start, end = self.limits.get(chat, (0.0, 0.0))
        now = self.clock.now().timestamp()
        if start <= now < end:
            self.asked_while_limited += 1
            raise TransportError(f"{chat} is rate limited", retry_after=end - now, chat=chat)
        self.sent.append((item.id, item.case_id, chat))
        return f"{chat}:{item.id}"


def _cases_with_updates(services, clock, cases: int, updates: list[int]) -> list[int]:
    """`cases` cases (an alert each), then an update row per entry of `updates` (an index into the cases)."""
    services.pipeline.ingest([post(str(n), f"Miksi Nordean sovellus ei toimi ({n})?", author=f"user{n}", minutes=n)
                              for n in range(cases)])
    ids = [r[0] for r in services.db.execute("SELECT id FROM cases ORDER BY id")]
    with write(services.db) as tx:
        for k in updates:
            enqueue(tx, ["console"], kind="update", case_id=ids[k % len(ids)], payload={"event": "note"},
                    ts=clock.now().timestamp())
    return ids


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.integers(2, 6), updates=st.lists(st.integers(0, 5), max_size=8),
       limited=st.sampled_from(["A", "B"]), start=st.integers(0, 3), length=st.integers(1, 200))
def test_a_rate_limit_in_one_chat_holds_only_that_chats_cases_and_order_is_kept(tmp_path_factory, cases, updates,
                                                                                 limited, start, length):
    clock = FrozenClock(T0)
    services = build_services(default_config(str(tmp_path_factory.mktemp("lanes") / "kuulo.db")), clock=clock)
    _cases_with_updates(services, clock, cases, updates)
    t0 = clock.now().timestamp()
    handler = ChatPerCase(clock, {limited: (t0 + start * 10, t0 + start * 10 + length)})
    rows = {r["id"]: r["case_id"] for r in services.db["outbox"].rows_where(order_by="id")}
    for round_ in range(30):
        deliver_pending(services.db, handler, clock)
        if round_ == 0:  # the other chat's messages all went at once, whatever waits in the limited one
            assert {i for i, _, chat in handler.sent if chat != limited} == {
                i for i, c in rows.items() if ("A" if c % 2 else "B") != limited}
        clock.advance(seconds=10)
    assert sorted(i for i, _, _ in handler.sent) == sorted(rows)  # every message once
    for case in set(rows.values()):
        assert [i for i, c, _ in handler.sent if c == case] == sorted(i for i, c in rows.items() if c == case)
    assert handler.asked_while_limited <= cases  # a case asks once, then waits out the time it was told


def test_an_outage_still_holds_every_message_behind_the_first(services, clock):
    _cases_with_updates(services, clock, 3, [])
    handler = Scripted([TransportError("cannot reach Slack (ConnectionRefusedError)")])
    assert deliver_pending(services.db, handler, clock) == 0
    assert handler.delivered == [] and [r["attempts"] for r in _rows(services)] == [1, 0, 0]
    clock.advance(hours=1)
    assert deliver_pending(services.db, handler, clock) == 3


def test_a_chats_rate_limit_lets_the_next_case_go_and_holds_its_own_update(services, clock):
    first, second = _cases_with_updates(services, clock, 2, [0])
    handler = Scripted([TransportError("flood", retry_after=30.0, chat="C1")])
    assert deliver_pending(services.db, handler, clock) == 1
    assert handler.delivered == [second]  # the first case's update waits behind its alert
    assert deliver_pending(services.db, handler, clock) == 0  # and again in the next round
    waiting = _rows(services)[0]
    assert (waiting["waits_on"], waiting["failures"]) == ("C1", 0)
    clock.advance(seconds=30)
    assert deliver_pending(services.db, handler, clock) == 2
    assert handler.delivered == [second, first, first]


def test_a_held_chat_is_one_warning_a_round_not_one_a_message(services, clock, caplog):
    _cases_with_updates(services, clock, 6, [])
    t0 = clock.now().timestamp()
    handler = ChatPerCase(clock, {"A": (t0, t0 + 60)})
    with caplog.at_level(logging.WARNING):
        assert deliver_pending(services.db, handler, clock) == 3  # B's three cases
    warned = [r for r in caplog.records if "A is rate limited" in r.getMessage()]
    assert len(warned) == 1 and handler.asked_while_limited == 3


class LimitedServer:
    """A chat server that answers 429 (retry after `wait`) to the first message it gets in a limited chat, and a
    transport in front of it that keeps a ChatHolds as the Slack and Telegram handlers do."""

    name = "console"

    def __init__(self, clock, chat_of, limited: set[str], wait: float = 60.0) -> None:
        self.clock, self.chat_of, self.limited, self.wait = clock, chat_of, set(limited), wait
        self.holds = ChatHolds(lambda: clock.now().timestamp())
        self.asked: list[tuple[int, str]] = []  # (outbox id, chat) of every request the server got
        self.sent: list[tuple[int, str]] = []

    def deliver(self, item, view, ref):
        chat = self.chat_of(item.case_id)
        self.holds.check(chat, f"outbox {item.id}")
        self.asked.append((item.id, chat))
        if chat in self.limited:
            self.limited.discard(chat)
            raise self.holds.noted(TransportError(f"{chat}: 429", retry_after=self.wait), chat)
        self.sent.append((item.id, chat))
        return f"{chat}:{item.id}"


def test_a_long_backlog_in_a_held_chat_does_not_delay_another_chat(services, clock):
    ids = _cases_with_updates(services, clock, 41, [])
    server = LimitedServer(clock, lambda case: "B" if case == ids[-1] else "A", {"A"})
    deliver_pending(services.db, server, clock, limit=10)
    assert server.sent == [(41, "B")]  # in the same call, behind forty alerts waiting on A
    assert server.asked == [(1, "A"), (41, "B")]  # A was asked once


def test_a_restart_remembers_the_held_chat_from_the_outbox(services, clock):
    first, second = _cases_with_updates(services, clock, 2, [])
    before = LimitedServer(clock, lambda case: "A", {"A"})
    assert deliver_pending(services.db, before, clock) == 0  # the first alert met a 429; the second waits behind it
    after = LimitedServer(clock, lambda case: "A", set())  # `kuulo run` restarted: its memory of A is gone
    services.pipeline.ingest([post("new", "Miksi Nordean kortti ei toimi?", author="user9", minutes=9)])  # a third
    # case's alert, never tried, to the same chat
    clock.advance(seconds=30)
    assert deliver_pending(services.db, after, clock) == 0 and after.asked == []  # A is not asked before its time
    clock.advance(seconds=30)
    assert deliver_pending(services.db, after, clock) == 3
    assert [i for i, _ in after.sent] == [1, 2, 3]


def test_a_message_being_sent_holds_every_later_one_whatever_it_waited_on_before(services, clock):
    _cases_with_updates(services, clock, 2, [])
    now = clock.now().timestamp()
    outbox.mark_retry(services.db, 1, now, "A: 429", waits_on="A")  # due again, its old chat still noted
    assert outbox.take(services.db, 1, now, now + 300)  # another deliverer is sending it now
    assert outbox.due_and_held(services.db, "console", now) == ([], {})
