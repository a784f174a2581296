"""The Instagram Graph API client of the Instagram source.

No maintained Python SDK covers the Instagram Graph API, so a small client on requests.Session lives here: timeouts,
the token in an `Authorization: Bearer` header (never in URLs or messages), Graph errors mapped to TransportError.

Platform rules followed (developers.facebook.com: graph-api overview/rate-limiting and guides/error-handling):
- Lists page with paging.cursors.after; paging.next is absent on the last page.
- Throttling: codes 4, 17, 32, 613, 80002 or HTTP 429 -> retry after the usage headers' estimated_time_to_regain_access
  (minutes); X-App-Usage / X-Business-Use-Case-Usage at NEAR_LIMIT_PCT % on a success -> a cooldown.
"""

from __future__ import annotations

import json
import math
from typing import Any, Mapping

from kuulo.bot.clock import Clock
from kuulo.bot.errors import TransportError
from kuulo.bot.sources.answers import expect_list, expect_object, kind, platform_text, unusable
from kuulo.bot.sources.times import retry_after_header

DEFAULT_BASE_URL = "https://graph.facebook.com/v26.0"  # v26.0: the newest version named in Meta's changelog
PAGE_LIMIT = 50  # recent_media's maximum per page; asked of every list
NEAR_LIMIT_PCT = 95
NEAR_LIMIT_COOLDOWN_S = 300.0
REQUEST_TIMEOUT_S = 20.0
THROTTLED = frozenset({4, 17, 32, 613, 80002})
USER_AGENT = "Kuulo/0.1 (+community-manager bot)"

Page = tuple[list[Any], str | None]


class GraphClient:
    """Graph API calls for one source (`name` in error messages), remembering the last answer's headers."""

    def __init__(self, name: str, token: str, *, clock: Clock, base_url: str = DEFAULT_BASE_URL,
                 timeout: float = REQUEST_TIMEOUT_S):
        from kuulo.bot.sources.bounded_http import BoundedSession  # lazy: config loading stays light

        self.name, self.clock = name, clock
        self.who = f"instagram {name}"
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        self._headers: Mapping[str, str] = {}
        self._last_error: tuple[Any, Any] | None = None  # (code, error_subcode) of the last Graph error
        self._session = BoundedSession()
        self._session.headers.update({"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT})

    def all(self, path: str, params: dict[str, Any], max_pages: int) -> list[Any]:
        """Every item of a list, up to `max_pages` pages."""
        items, after = [], None
        for _ in range(max_pages):
            data, after = self.page(path, params, after)
            items.extend(data)
            if after is None:
                break
        return items

    def page(self, path: str, params: dict[str, Any], after: str | None) -> Page:
        """One page of a list and the after cursor of the next (None on the last page)."""
        body = self.get(path, {**params, "limit": PAGE_LIMIT, **({"after": after} if after else {})})
        where = f"/{path}"
        data = expect_list(body.get("data"), self.who, where, "data")
        paging = expect_object(body.get("paging", {}), self.who, where, "paging")
        if not paging.get("next"):
            return data, None
        next_after = expect_object(paging.get("cursors"), self.who, where, "paging.cursors").get("after")
        if not isinstance(next_after, str) or not next_after:
            raise unusable(self.who, where, f"paging.cursors.after: expected a string, got {kind(next_after)}")
        return data, next_after

    def get(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        """GET base_url/path with query parameters; the JSON body."""
        return self.request("GET", path, params=params)

    def node(self, path: str, params: dict[str, Any]) -> dict[str, Any] | None:
        """GET one object; None when the Graph API answers that it does not exist (code 100, error_subcode 33, what
        a deleted comment gives)."""
        self._last_error = None
        try:
            return self.get(path, params)
        except TransportError:
            if self._last_error == (100, 33):
                return None
            raise

    def post(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        """POST form data to base_url/path; the JSON body."""
        return self.request("POST", path, data=data)

    def request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """A JSON object from the Graph API, or TransportError for a failure or a Graph error body."""
        import requests

        from kuulo.bot.sources.bounded_http import BoundedAnswer

        try:
            response = self._session.request(method, f"{self.base_url}/{path}", timeout=self.timeout, **kwargs)
        except BoundedAnswer as exc:  # too slow or too large: its text says which, without the URL
            raise TransportError(f"instagram {self.name}: {exc}") from None
        except requests.RequestException as exc:  # its text would repeat the URL; the type says enough
            raise TransportError(f"instagram {self.name}: cannot reach {self.base_url}"
                                 f" ({type(exc).__name__})") from None
        self._headers = response.headers
        try:
            body = response.json()
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser reads
            body = None
        if response.status_code >= 400 or (isinstance(body, dict) and "error" in body):
            raise self._error(response.status_code, body)
        return dict(expect_object(body, self.who, f"/{path}"))

    def cooldown(self) -> float | None:
        """A pause when the last answer's usage headers say the budget is (nearly) spent."""
        pct, regain = self._usage()
        return max(regain, NEAR_LIMIT_COOLDOWN_S) if pct >= NEAR_LIMIT_PCT else None

    def _error(self, status: int, body: Any) -> TransportError:
        """A Graph error body ({"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}) as a
        TransportError: throttled waits, token and permission errors are permanent, server trouble is retried."""
        error = body.get("error") if isinstance(body, dict) and isinstance(body.get("error"), dict) else {}
        code = error.get("code")
        self._last_error = (code, error.get("error_subcode"))
        why = f"HTTP {status}" + (f", code {platform_text(code)}: {platform_text(error.get('message'))}"
                                  if code is not None else "")
        where = f"instagram {self.name}: "
        if code in THROTTLED or status == 429:
            return TransportError(f"{where}rate limited ({why})", retry_after=self._regain_s())
        if code == 190:
            return TransportError(f"{where}the access token was refused ({why}); check token_env (long-lived tokens"
                                  " last 60 days)", permanent=True)
        if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
            return TransportError(f"{where}permission denied ({why}); check the token's permissions (instagram_basic,"
                                  " instagram_manage_comments, pages_read_engagement; Instagram Public Content Access"
                                  " for hashtags)", permanent=True)
        if status >= 500 or code in (1, 2) or error.get("is_transient"):
            return TransportError(f"{where}server error ({why})",
                                  retry_after=retry_after_header(self._headers.get("Retry-After"), self.clock))
        return TransportError(f"{where}request refused ({why}); check user_id", permanent=True)

    def _usage(self) -> tuple[float, float]:
        """The highest usage percentage in X-App-Usage / X-Business-Use-Case-Usage, and the longest
        estimated_time_to_regain_access in seconds."""
        entries: list[Any] = []
        for header in ("X-App-Usage", "X-Business-Use-Case-Usage"):
            try:
                value = json.loads(self._headers.get(header) or "null")
            except (ValueError, RecursionError):
                continue
            if isinstance(value, dict) and "call_count" in value:
                entries.append(value)
            elif isinstance(value, dict):
                entries.extend(e for v in value.values() if isinstance(v, list) for e in v)
        pct = [_number(e.get(k)) for e in entries if isinstance(e, dict)
               for k in ("call_count", "total_time", "total_cputime")]
        regain = [_number(e.get("estimated_time_to_regain_access")) * 60 for e in entries if isinstance(e, dict)]
        return max(pct, default=0.0), max(regain, default=0.0)

    def _regain_s(self) -> float | None:
        after = retry_after_header(self._headers.get("Retry-After"), self.clock)
        regain = self._usage()[1]
        return after if after is not None else (regain or None)


def _number(value: Any) -> float:
    """A usage header's figure as a number: 0 for one that is none ("high", a list, NaN), as if the header lacked it."""
    try:
        number = float(value or 0)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return number if math.isfinite(number) else 0.0
