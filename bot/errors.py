"""Kuulo's exception hierarchy; each surface (CLI, Slack, Telegram) translates it once."""

from __future__ import annotations

from typing import Any


class KuuloError(Exception):
    """Base of every error Kuulo raises on purpose; its text is shown to the user as is."""


class ConfigError(KuuloError):
    """A config file or rule pack is invalid; the message names the file, line and key."""


class MarkupError(KuuloError):
    """A KuuloError whose text is already in the asking chat's markup (what people typed in it escaped by the chat's
    Markup): a surface shows it as is, where it escapes any other KuuloError's text."""


class ImportRowError(KuuloError):
    """One imported line is malformed; the message names the field and the reason."""


class CaseStateError(KuuloError):
    """A case action does not fit the case's current state (or the case does not exist)."""


class BadTime(KuuloError):
    """A time or duration a person typed (--until, --since) is not understood or out of range."""


class DatabaseNotFound(KuuloError):
    """A command that only reads was pointed at a database file that does not exist."""


class NotAuthorised(KuuloError):
    """The actor may not act on cases."""


class TransportError(KuuloError):
    """A chat or platform call failed; retry_after is seconds to wait, permanent stops retries, progress holds the
    steps of a multi-step delivery that went through (kept with the outbox row for the retry), chat the one chat a
    rate limit holds (None: the whole transport waits, as for an outage)."""

    def __init__(self, message: str, *, retry_after: float | None = None, permanent: bool = False,
                 progress: dict[str, Any] | None = None, chat: str | None = None):
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.progress = progress
        self.chat = chat


class LedgerError(KuuloError):
    """The ledger cannot be written or checked as asked: its key is missing or wrong, or an anchor is malformed."""


class CampaignError(KuuloError):
    """A contest command does not fit the campaign (unknown, frozen, not drawn) or names entries it does not have."""


class AnalyserError(KuuloError):
    """The morphological analyser's build step failed (crashed, timed out, answered nonsense); the cache is kept."""
