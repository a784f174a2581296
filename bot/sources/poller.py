"""Polling, scheduler-friendly: poll_once for one source, SourceRunner for `kuulo run` (backoff per source)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Mapping

from kuulo.bot.app import Services
from kuulo.bot.campaigns_sources import follow_running_campaigns
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.delivery import backoff, honoured
from kuulo.bot.errors import TransportError
from kuulo.bot.limits import BACKOFF_MAX_S
from kuulo.bot.models import Mention
from kuulo.bot.pipeline import IngestStats
from kuulo.bot.sources.base import STOPS_EVERY_SOURCE, Source, skip, unexpected
from kuulo.storage.cursors import get_cursor

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one source did; error is set (and nothing stored) when the platform could not be read."""

    source: str
    new: int = 0
    duplicates: int = 0
    skipped: int = 0
    brand_replies: int = 0
    cases_opened: int = 0
    cases_closed: int = 0
    error: str | None = None
    retry_after: float | None = None
    permanent: bool = False
    cooldown_s: float | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def poll_once(services: Services, src_cfg: SourceConfig, source: Source) -> PollResult:
    """Read from the saved cursor, store the posts and the new cursor in one go; a TransportError becomes a result."""
    cursor = get_cursor(services.db, src_cfg.name)
    watching = follow_running_campaigns(services.config.campaigns, src_cfg, source, services.db,
                                        services.clock.now())  # a campaign may have started or ended since
    try:
        mentions, new_cursor = source.poll(cursor)
    except TransportError as exc:
        return PollResult(src_cfg.name, error=str(exc), retry_after=exc.retry_after, permanent=exc.permanent)
    try:
        stats, unstored = _store(services, src_cfg.name, mentions, new_cursor)
    except STOPS_EVERY_SOURCE:
        given_back = getattr(source, "not_stored", None)  # a source fed by an update loop keeps what it was fed
        if given_back is not None:
            given_back()
        raise
    notes = source.last_poll
    for warning in (*watching, *notes.warnings):
        log.warning("source %s: %s", src_cfg.name, warning)
    return PollResult(src_cfg.name, new=stats.new, duplicates=stats.duplicates,
                      skipped=len(notes.skipped) + len(unstored),
                      brand_replies=stats.brand_replies, cases_opened=stats.cases_opened,
                      cases_closed=stats.cases_closed, cooldown_s=notes.cooldown_s,
                      warnings=(*watching, *notes.warnings))


def _store(services: Services, name: str, mentions: list[Mention],
           cursor: str | None) -> tuple[IngestStats, list[tuple[str, str]]]:
    """Store a poll's mentions and move the cursor; when storing fails for a reason other than the database itself
    (a bug met by one post's content), store them one by one and skip the ones that fail, so one post never holds
    the cursor back for good. Returns the stats and the posts skipped."""
    try:
        return services.pipeline.ingest(mentions, source=name, cursor=cursor), []
    except STOPS_EVERY_SOURCE:  # no post can go in: the whole poll is tried again later
        raise
    except Exception:  # noqa: BLE001
        log.exception("source %s: storing the poll failed; storing its posts one by one", name)
    stats, skipped = IngestStats(), []
    for mention in mentions:
        try:
            stats.add(services.pipeline.ingest_batch([mention], source=name, advance=False))
        except STOPS_EVERY_SOURCE:
            raise
        except Exception as exc:  # noqa: BLE001
            skip(name, mention.id, f"not stored: {type(exc).__name__}: {str(exc)[:200]}", skipped, trace=True)
    stats.add(services.pipeline.ingest_batch([], source=name, cursor=cursor))
    return stats, skipped


@dataclass(slots=True)
class _Slot:
    config: SourceConfig
    source: Source
    next_ts: float = 0.0
    failures: int = 0


class SourceRunner:
    """Keeps each source's next allowed time: its interval after success, backoff with jitter after a failure
    (the platform's retry-after when given), the platform's rate-limit reset when no requests remain."""

    def __init__(self, services: Services, sources: Iterable[tuple[SourceConfig, Source]],
                 rng: random.Random | None = None):
        self.services, self.rng = services, rng or random.Random()
        self._slots = {cfg.name: _Slot(cfg, source) for cfg, source in sources}

    @classmethod
    def from_config(cls, services: Services, env: Mapping[str, str], only: str | None = None) -> SourceRunner:
        """A runner for the configured sources (or the one named); a source that cannot be built stops here."""
        from kuulo.bot.sources.registry import build_source

        configs = [c for c in services.config.sources if only is None or c.name == only]
        return cls(services, [(c, build_source(c, env, clock=services.clock, db=services.db)) for c in configs])

    def sources(self) -> list[Source]:
        """The built sources, in config order."""
        return [slot.source for slot in self._slots.values()]

    def due(self, now: datetime) -> list[str]:
        """Names of the sources whose time has come."""
        ts = now.timestamp()
        return [name for name, slot in self._slots.items() if slot.next_ts <= ts]

    def next_at(self, name: str) -> float:
        """When a source may be polled next (epoch seconds)."""
        return self._slots[name].next_ts

    def failures(self, name: str) -> int:
        """Failed polls in a row."""
        return self._slots[name].failures

    def run_due(self, now: datetime | None = None, between: Callable[[], object] | None = None) -> list[PollResult]:
        """Poll every due source once (now: the services' clock); one failing source never stops the others.
        between: what to run after each source's poll (kuulo run's delivery: the alerts of one source go out while
        the next is polled, not after all)."""
        now = now or self.services.clock.now()
        results = []
        for k, name in enumerate(self.due(now)):
            if k and between is not None:
                between()
            slot = self._slots[name]
            try:
                result = poll_once(self.services, slot.config, slot.source)
            except Exception as exc:  # a bug in a source or bad data: traceback kept, the loop goes on
                log.exception("source %s: poll failed", name)
                result = PollResult(name, error=unexpected(exc))
            self._schedule(slot, result, now.timestamp())
            results.append(result)
        return results

    def _schedule(self, slot: _Slot, result: PollResult, ts: float) -> None:
        if result.ok:
            slot.failures = 0
            cooldown = honoured(result.cooldown_s, f"source {slot.config.name}") if result.cooldown_s else 0.0
            slot.next_ts = ts + max(float(slot.config.every_seconds), cooldown)
            return
        if result.permanent:
            wait = BACKOFF_MAX_S
        else:
            wait = backoff(slot.failures, result.retry_after, self.rng, what=f"source {slot.config.name}")
        slot.failures += 1
        slot.next_ts = ts + wait
        log.warning("source %s: %s; next try in %.0fs (failure %d in a row)", slot.config.name, result.error, wait,
                    slot.failures)
