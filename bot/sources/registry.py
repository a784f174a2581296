"""From a `sources:` entry to a live Source: each platform module's from_config, imported only when used.

Option types are already checked by the config (bot/config_chat.py, SOURCE_TYPES); a module's from_config checks
what depends on several keys and reads its secrets from the environment.
"""

from __future__ import annotations

import importlib
import logging
from typing import Mapping

from kuulo.bot.clock import Clock, SystemClock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError
from kuulo.bot.sources.base import STOPS_EVERY_SOURCE, Source, unexpected
from kuulo.storage.db import Database

MODULES = {"rss": "rss", "mastodon": "mastodon", "bluesky": "bluesky", "reddit": "reddit", "instagram": "instagram",
           "telegram": "telegram"}
SUPPORTED = tuple(MODULES)
log = logging.getLogger(__name__)


def build_source(src: SourceConfig, env: Mapping[str, str], *, clock: Clock | None = None,
                 db: Database | None = None) -> Source:
    """The Source for one config entry; a KuuloError names the source and what to fix (an error nobody foresaw is
    logged with its traceback and named). `db` is for sources that keep platform state of their own (the Instagram
    hashtag budget)."""
    if src.type not in MODULES:
        raise KuuloError(f"source '{src.name}': type {src.type} cannot be polled yet"
                         f" (supported: {', '.join(SUPPORTED)})")
    module = importlib.import_module(f"kuulo.bot.sources.{MODULES[src.type]}")
    try:
        return module.from_config(src, env, clock or SystemClock(), db)
    except (KuuloError, *STOPS_EVERY_SOURCE):
        raise
    except Exception as exc:  # a bug met by this entry: the same KuuloError for `kuulo run` and `kuulo poll`
        log.exception("source %s: cannot be set up", src.name)
        raise KuuloError(f"source '{src.name}': cannot be set up: {unexpected(exc)}") from exc


def token_from_env(src: SourceConfig, env: Mapping[str, str], *, required: bool) -> str | None:
    """The source's token from the environment variable named by token_env."""
    if not src.token_env:
        if required:
            raise KuuloError(f"source '{src.name}': set token_env to the name of the environment variable"
                             " that holds the access token")
        return None
    return secret_from_env(src, env, src.token_env, "token_env")


def secret_from_env(src: SourceConfig, env: Mapping[str, str], variable: str, key: str) -> str:
    """The value of the environment variable `variable` (named by config key `key`); an error when unset."""
    value = env.get(variable, "").strip()
    if not value:
        raise KuuloError(f"source '{src.name}': environment variable {variable} is not set ({key})")
    return value
