"""A Bluesky source's session and errors: the session kept in the database across runs, what the SDK reports
through its hooks, and the TransportError (with what to check, and how long to wait) for each SDK exception."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from kuulo.bot.clock import Clock
from kuulo.bot.errors import TransportError
from kuulo.bot.sources.answers import platform_text
from kuulo.bot.sources.times import ascii_digits, http_date, retry_after_header, retry_after_seconds
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.db import Database, write


class SavedSession:
    """The account's session (access and refresh tokens) kept in the database across runs."""

    def __init__(self, db: Database, source: str, clock: Clock):
        self.db, self.key, self.clock = db, f"session:{source}", clock

    def load(self) -> str | None:
        """The session string saved by the last login or refresh, if any."""
        return get_cursor(self.db, self.key)

    def save(self, session_string: str) -> None:
        """Keep the session string for the next run."""
        with write(self.db) as db:
            set_cursor(db, self.key, session_string, self.clock.now().timestamp())


class Wire:
    """What the SDK reports through hooks: the latest answer's headers (lower-case names) and the session's DID (and
    the session itself, to `save`). It holds no reference to the source, so a source can be collected and its
    connection pool closed."""

    def __init__(self, save: Callable[[str], None] | None = None) -> None:
        self.headers: Mapping[str, str] = {}
        self.did: str | None = None
        self.save = save

    def response(self, response: Any) -> None:
        """httpx response hook."""
        self.headers = {k.lower(): v for k, v in response.headers.items()}

    def session(self, event: Any, session: Any) -> None:
        """The SDK's session-change callback (login, refresh, import): whose repository we read and write."""
        self.did = str(session.did)
        if self.save is not None and str(getattr(event, "value", event)) != "import":
            self.save(session.export())


def transport_error(exc: Exception, where: str, base_url: str, handle: str, clock: Clock, *,
                    login: bool = False) -> TransportError:
    """The TransportError for an SDK exception: what failed (after `where`, "bluesky NAME: "), and what to check
    when it will not pass."""
    from atproto_client import exceptions as e

    response = getattr(exc, "response", None)
    if isinstance(exc, e.RateLimitExceededError):
        return TransportError(where + "rate limited (HTTP 429)", retry_after=reset_in(exc.response.headers, clock))
    if response is None:
        if isinstance(exc, e.NetworkError):
            return TransportError(where + f"cannot reach {base_url} ({exc.__cause__ or type(exc).__name__})")
        what = "unusable" if isinstance(exc, e.ModelError) else "unexpected"  # ModelError: not the lexicon's shape
        return TransportError(where + f"{what} answer ({type(exc).__name__}: {platform_text(exc)})")
    status, (error, message) = response.status_code, xrpc(exc)
    why = platform_text(f"HTTP {status} {error}: {message}".rstrip(": "))
    if login and error == "AuthFactorTokenRequired":
        return TransportError(where + f"login as {handle} asks for an emailed sign-in code ({why}); "
                              "put an app password in password_env", permanent=True)
    if login and status in (400, 401):
        return TransportError(where + f"login as {handle} refused ({why}); check handle and password_env "
                              "(an app password)", permanent=True)
    if status in (401, 403):
        return TransportError(where + f"request refused ({why}); check the account and its app password "
                              "(password_env)", permanent=True)
    if status >= 500 or isinstance(exc, e.NetworkError):
        return TransportError(where + f"server error ({why})",
                              retry_after=retry_after_header(response.headers.get("retry-after"), clock))
    if status in (404, 501):
        return TransportError(where + f"not served by {base_url} ({why}); check base_url", permanent=True)
    return TransportError(where + f"request refused ({why})", permanent=True)


def reset_in(headers: Mapping[str, str], clock: Clock) -> float | None:
    """Seconds to wait: a readable Retry-After, else RateLimit-Reset (epoch seconds) minus the server's Date, else
    an unreadable Retry-After's hour (retry_after_header)."""
    after = retry_after_seconds(headers.get("retry-after"), clock)
    reset = str(headers.get("ratelimit-reset") or "")
    if after is None and ascii_digits(reset):
        now = http_date(headers.get("date")) or clock.now()
        return max(0.0, float(reset) - now.timestamp())  # float: 5,000 digits are inf (cut to an hour), not an error
    return after if after is not None else retry_after_header(headers.get("retry-after"), clock)


def xrpc(exc: Exception) -> tuple[str, str]:
    """(error, message) of an XRPC error body."""
    content = getattr(getattr(exc, "response", None), "content", None)
    return str(getattr(content, "error", "") or ""), str(getattr(content, "message", "") or "")
