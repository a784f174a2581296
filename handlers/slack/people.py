"""Who is who in the workspace: user-group members and display names, cached for a few minutes."""

from __future__ import annotations

import logging
import threading
from typing import Callable, TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from kuulo.bot.actors import actor_name
from kuulo.bot.clock import Clock

log = logging.getLogger(__name__)
T = TypeVar("T")
CACHE_SECONDS = 300.0


class Directory:
    """Looks people and user groups up through the Web API; answers from a cache for CACHE_SECONDS."""

    def __init__(self, client: WebClient, clock: Clock, ttl: float = CACHE_SECONDS):
        self.client, self.clock, self.ttl = client, clock, ttl
        self._cache: dict[tuple[str, str], tuple[float, object]] = {}
        self._lock = threading.Lock()

    def members(self, group_id: str) -> frozenset[str]:
        """The user ids in a user group (usergroups.users.list); empty when Slack cannot say."""
        def fetch() -> frozenset[str]:
            return frozenset(self.client.usergroups_users_list(usergroup=group_id)["users"])
        return self._cached("group", group_id, fetch, frozenset())

    def display_name(self, user_id: str, fallback: str | None = None) -> str:
        """A person's display name (users.info), else `fallback`, else the id."""
        def fetch() -> str:
            user = self.client.users_info(user=user_id)["user"]
            profile = user.get("profile", {})
            return profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user["name"]
        return self._cached("name", user_id, fetch, fallback or user_id)

    def actor(self, user_id: str, fallback: str | None = None) -> str:
        """How events record a Slack person: 'display name (U123)'."""
        return actor_name(self.display_name(user_id, fallback), user_id)

    def _cached(self, kind: str, key: str, fetch: Callable[[], T], default: T) -> T:
        now = self.clock.now().timestamp()
        with self._lock:
            hit = self._cache.get((kind, key))
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]  # type: ignore[return-value]
        try:
            value = fetch()
        except (SlackApiError, OSError) as exc:  # a failed lookup is not cached: the next one asks again
            log.warning("Slack lookup of %s %s failed: %s", kind, key, exc)
            return default
        with self._lock:
            self._cache[(kind, key)] = (now, value)
        return value
