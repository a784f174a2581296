"""Pacing of sends per chat, so a burst of alerts goes out in order without a 429: Telegram allows about 20
messages a minute in one group and about 30 a second in all."""

from __future__ import annotations

import threading
import time
from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterator

from kuulo.bot.errors import TransportError

OVERALL = (30, 1.0)  # messages per second over all chats
MARGIN = 0.05  # a window is taken 5 % (and 50 ms) longer than the server's


class Pacer:
    """Sliding windows per chat and overall; `turn(chat)` waits until a message may go and counts it when its call
    returns: the server counts a message when it arrives, which is after it was sent and before the answer came."""

    def __init__(self, per_chat: tuple[int, float], overall: tuple[int, float] = OVERALL,
                 now: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] = time.sleep):
        self.per_chat, self.overall, self.now, self.sleep = per_chat, overall, now, sleep
        self._sent: dict[int | None, deque[float]] = {}
        self._lock = threading.Lock()

    def _wait(self, key: int | None, limit: tuple[int, float], now: float) -> float:
        window, span = self._sent.setdefault(key, deque()), limit[1] * (1 + MARGIN) + MARGIN
        while window and window[0] <= now - span:
            window.popleft()
        return 0.0 if len(window) < limit[0] else window[0] + span - now

    def delay(self, chat: int) -> float:
        """Seconds until a message to `chat` may go (0 when it may go now)."""
        with self._lock:
            now = self.now()
            return max(self._wait(chat, self.per_chat, now), self._wait(None, self.overall, now))

    @contextmanager
    def turn(self, chat: int, longest: float | None = None) -> Iterator[float]:
        """Wait until a message to `chat` may go, count it, and count it again when the block (its call) ends, so a
        slow request never lets the next one arrive early; yields how long it waited. A `sleep` that answers true (a
        stop event's wait) ends the wait with a TransportError: the message stays in the outbox. A wait longer than
        `longest` is not slept: a TransportError names the chat and the wait (the outbox sends other chats' messages
        meanwhile)."""
        waited, taken = self._take(chat, longest)
        try:
            yield waited
        finally:
            with self._lock:
                stamp = self.now()
                for key in (chat, None):
                    window = self._sent[key]
                    if taken in window:
                        window.remove(taken)
                    window.append(stamp)

    def _take(self, chat: int, longest: float | None = None) -> tuple[float, float]:
        """Wait until a message to `chat` may go and count it: (seconds waited, the stamp it was counted at)."""
        waited = 0.0
        while True:
            wait = self.delay(chat)
            if wait <= 0:
                break
            if longest is not None and wait > longest:
                raise TransportError(f"telegram: chat {chat} takes no more messages for {wait:.0f}s (paced)",
                                     retry_after=wait, chat=str(chat))
            if self.sleep(wait):
                raise TransportError(f"telegram: stopping while paced for chat {chat}: the message waits")
            waited += wait
        with self._lock:
            stamp = self.now()
            self._sent.setdefault(chat, deque()).append(stamp)
            self._sent.setdefault(None, deque()).append(stamp)
        return waited, stamp
