"""From a `sources:` entry to a live Source: options checked, token read from the environment."""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import urljoin

from kuulo.bot.clock import Clock, SystemClock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError
from kuulo.bot.sources.base import Source

SUPPORTED = ("rss", "mastodon")


def build_source(src: SourceConfig, env: Mapping[str, str], *, clock: Clock | None = None) -> Source:
    """The Source for one config entry; a KuuloError names the source and what to fix."""
    clock = clock or SystemClock()
    if src.type == "rss":
        from kuulo.bot.sources.rss import RssSource

        url = _string(src, "url", required=True)
        if src.base_url:
            url = urljoin(src.base_url, url)
        if not url.startswith(("http://", "https://")):
            raise KuuloError(f"source '{src.name}': url must be an http(s) address, got {url!r}")
        return RssSource(src.name, url, clock=clock)
    if src.type == "mastodon":
        from kuulo.bot.sources.mastodon import MastodonSource

        if not src.base_url:
            raise KuuloError(f"source '{src.name}': mastodon needs base_url, the instance (e.g. https://mastodon.social)")
        notifications = src.options.get("notifications", True)
        if not isinstance(notifications, bool):
            raise KuuloError(f"source '{src.name}': notifications must be true or false, got {notifications!r}")
        hashtags, search = _strings(src, "hashtags"), _strings(src, "search")
        token = token_from_env(src, env, required=notifications)
        if not (notifications or hashtags or search):
            raise KuuloError(f"source '{src.name}': nothing to read; set hashtags, search or notifications: true")
        return MastodonSource(src.name, src.base_url, token, clock=clock, hashtags=hashtags, search=search,
                              notifications=notifications)
    raise KuuloError(f"source '{src.name}': type {src.type} cannot be polled yet (supported: {', '.join(SUPPORTED)})")


def token_from_env(src: SourceConfig, env: Mapping[str, str], *, required: bool) -> str | None:
    """The source's token from the environment variable named by token_env."""
    if not src.token_env:
        if required:
            raise KuuloError(f"source '{src.name}': set token_env to the name of the environment variable"
                             " that holds the access token")
        return None
    token = env.get(src.token_env, "").strip()
    if not token:
        raise KuuloError(f"source '{src.name}': environment variable {src.token_env} is not set (token_env)")
    return token


def _string(src: SourceConfig, key: str, *, required: bool = False) -> str:
    value: Any = src.options.get(key)
    if value is None and required:
        raise KuuloError(f"source '{src.name}': {src.type} needs {key}")
    if not isinstance(value, str) or not value.strip():
        raise KuuloError(f"source '{src.name}': {key} must be a non-empty string, got {value!r}")
    return value.strip()


def _strings(src: SourceConfig, key: str) -> tuple[str, ...]:
    value: Any = src.options.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KuuloError(f"source '{src.name}': {key} must be a string or a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)
