"""Stand-ins for prawcore's rate limiter and retry strategy, so that a Reddit poll never sleeps and never retries.

Reddit allows about 100 requests a minute per app, counted in a 10-minute window and reported on every answer as
X-Ratelimit-Used / -Remaining / -Reset (seconds to the window's end). prawcore would sleep inside a poll (before
requests when the window is spent, and between retries of 5xx answers); with these stand-ins it never sleeps and
never retries: a spent window becomes PollNotes.cooldown_s (or TransportError(retry_after) if a poll starts inside it)
and Kuulo's scheduler and outbox do the waiting and retrying. prawcore has no public switch for either, so
RedditSource sets its cores' _rate_limiter to a Pace and _retry_strategy_class to NoRetry.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from kuulo.bot.clock import Clock


class WindowSpent(Exception):
    """Raised by Pace instead of sleeping: no requests are left in Reddit's window; `wait` seconds to its reset."""

    def __init__(self, wait: float):
        super().__init__(f"rate-limit window spent; resets in {wait:.0f}s")
        self.wait = wait


class Pace:
    """Stands in for prawcore's RateLimiter (same `call` signature): remembers X-Ratelimit-Remaining and -Reset,
    never sleeps; a request while the window is spent raises WindowSpent instead."""

    def __init__(self, clock: Clock):
        self.clock = clock
        self.remaining: float | None = None
        self.reset_at: float | None = None

    def call(self, *, method: str, request_function: Callable[..., Any], set_header_callback: Callable[[], dict],
             url: str, **kwargs: Any) -> Any:
        """Send the request through `request_function` unless the window is spent; note its rate-limit headers."""
        wait = self.wait()
        if wait:
            raise WindowSpent(wait)
        kwargs["headers"] = set_header_callback()
        response = request_function(method, url, **kwargs)
        self._update(response.headers)
        return response

    def wait(self) -> float | None:
        """Seconds until the window resets, when no requests remain in it."""
        if self.remaining is None or self.remaining >= 1 or self.reset_at is None:
            return None
        left = self.reset_at - self.clock.now().timestamp()
        return left if left > 0 else None

    def _update(self, headers: Mapping[str, str]) -> None:
        try:
            remaining, reset = float(headers["x-ratelimit-remaining"]), float(headers["x-ratelimit-reset"])
        except (KeyError, ValueError):
            return
        self.remaining, self.reset_at = remaining, self.clock.now().timestamp() + reset


class NoRetry:
    """Stands in for prawcore's FiniteRetryStrategy: no sleeping, no retries (the scheduler and outbox retry)."""

    def sleep(self) -> None:
        """Return at once; prawcore would sleep before a retry."""
        return None

    def should_retry_on_failure(self) -> bool:
        """Never: a failed request surfaces as TransportError and is retried by Kuulo."""
        return False

    def consume_available_retry(self) -> NoRetry:
        """This same strategy (there are no retries to count down)."""
        return self
