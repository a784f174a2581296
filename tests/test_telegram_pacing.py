"""Pacing of Telegram sends on a fake clock: a message is counted when its call returns, so the server, which counts
it on arrival, never sees more than the limit in a window however slow or uneven the requests are."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.bot.errors import TransportError
from kuulo.handlers.telegram.pacing import Pacer


class Clock:
    """A monotonic clock that moves only when told or slept on."""

    def __init__(self) -> None:
        self.t = 100.0

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> bool:
        self.t += seconds
        return False


def test_a_slow_request_delays_the_next_window_from_its_answer() -> None:
    clock = Clock()
    pacer = Pacer((2, 1.0), now=clock.now, sleep=clock.sleep)
    with pacer.turn(1):
        clock.t += 0.8  # the first request is slow: it arrives late
    with pacer.turn(1):
        pass
    with pacer.turn(1) as waited:
        pass
    assert waited > 0.8  # a window counted from the first answer (100.8), not from when it was sent (100.0)
    assert clock.t >= 100.8 + 1.0


def test_other_chats_are_not_held_back_and_the_overall_limit_holds() -> None:
    clock = Clock()
    pacer = Pacer((1, 1.0), overall=(2, 1.0), now=clock.now, sleep=clock.sleep)
    with pacer.turn(1) as first, pacer.turn(2) as second:
        assert first == 0 and second == 0
    assert pacer.delay(3) > 1.0  # two messages in the last second over all chats
    assert pacer.delay(1) > 1.0


def test_a_stop_while_paced_leaves_the_message_waiting() -> None:
    clock = Clock()
    pacer = Pacer((1, 1.0), now=clock.now, sleep=lambda seconds: True)
    with pacer.turn(1):
        pass
    with pytest.raises(TransportError, match="chat 1: the message waits"):
        with pacer.turn(1):
            pass


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 0.6), st.floats(0, 0.6), st.sampled_from([1, 2])), min_size=1, max_size=30))
def test_arrivals_never_exceed_the_limit_whatever_the_latencies(sends: list[tuple[float, float, int]]) -> None:
    clock = Clock()
    limit, span = 3, 1.0
    pacer = Pacer((limit, span), now=clock.now, sleep=clock.sleep)
    arrivals: dict[int, list[float]] = {1: [], 2: []}
    for there, back, chat in sends:  # one request at a time: latency out, then latency back
        with pacer.turn(chat):
            clock.t += there
            arrivals[chat].append(clock.t)
            clock.t += back
    for times in arrivals.values():
        for i in range(len(times) - limit):
            assert times[i + limit] - times[i] > span
