"""slack_sdk failures as TransportError: what to retry, how long to wait, what will never work."""

from __future__ import annotations

import http.client
import math
import urllib.error
from typing import Callable, TypeVar

from slack_sdk.errors import SlackApiError, SlackRequestError

from kuulo.bot.errors import TransportError

T = TypeVar("T")
# API errors worth another try; any other `ok: false` answer would fail the same way again.
RETRYABLE = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
                       "team_added_to_org"})
DEFAULT_RATE_WAIT_S = 30.0
MIN_RATE_WAIT_S = 1.0  # a rate limit's wait is never shorter: 'Retry-After: 0' asked again and again is no loop
# Errors of the token or the workspace, not of one message: every message would fail the same way until someone fixes
# the token, so they wait (backing off) like an outage instead of each being refused for good (a brief invalid_auth
# killed the whole backlog; found by a red-team probe). A scope a method lacks stays the message's own.
CREDENTIALS = frozenset({"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
                         "team_access_not_granted", "org_login_required", "ekm_access_denied"})


def _retry_after(headers: object) -> float | None:
    """A 429's Retry-After in seconds, at least MIN_RATE_WAIT_S; None when it is absent or no wait ('abc', 'nan',
    '-5': each then waits DEFAULT_RATE_WAIT_S alike, and a server that keeps saying 0 is not asked in a hot loop)."""
    items = getattr(headers, "items", None)
    for name, value in (items() if items else []):
        if name.lower() == "retry-after":
            try:
                wait = float(value[0] if isinstance(value, list) else value)
            except (TypeError, ValueError):
                return None
            return max(MIN_RATE_WAIT_S, wait) if math.isfinite(wait) and wait >= 0 else None
    return None


def translate(exc: Exception, what: str) -> TransportError:
    """The TransportError for a failed call: 429 waits Retry-After, 5xx and network trouble retry, others stop."""
    if isinstance(exc, SlackApiError):
        status, error = exc.response.status_code, exc.response.get("error", "unknown_error")
        if status == 429 or error == "ratelimited":
            wait = _retry_after(exc.response.headers)
            return TransportError(f"{what}: Slack rate limit (ratelimited)",
                                  retry_after=DEFAULT_RATE_WAIT_S if wait is None else wait)
        if status >= 500 or error in RETRYABLE:
            return TransportError(f"{what}: Slack answered HTTP {status} ({error})")
        if error in CREDENTIALS:
            return TransportError(f"{what}: Slack refused the token ({error}): check SLACK_BOT_TOKEN; the messages "
                                  "wait")
        return TransportError(f"{what}: Slack refused: {error}", permanent=True)
    if isinstance(exc, SlackRequestError):  # e.g. a file upload the upload URL refused
        return TransportError(f"{what}: {exc}")
    if isinstance(exc, (urllib.error.URLError, OSError, http.client.HTTPException)):
        reason = getattr(exc, "reason", None) or exc
        return TransportError(f"{what}: cannot reach Slack ({type(reason).__name__}: {reason})")
    return TransportError(f"{what}: {type(exc).__name__}: {exc}")


def call(what: str, fn: Callable[[], T]) -> T:
    """Run one Web API call, translating its failure."""
    try:
        return fn()
    except (SlackApiError, SlackRequestError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise translate(exc, what) from exc
