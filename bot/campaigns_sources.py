"""A running campaign's hashtags are watched by the configured sources that read hashtags, without being listed
again under `sources:`; on Instagram only as far as the 30-hashtags-in-7-days budget allows (the rest is a warning)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Sequence

from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.hashtags import norm_tag
from kuulo.bot.config import Config
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.sources.base import HashtagSource
from kuulo.storage import hashtag_budget as budget
from kuulo.storage.db import Database

HASHTAG_TYPES = frozenset({"instagram", "mastodon", "bluesky"})  # sources that read hashtags


def _on(campaign: Campaign, platform: str) -> bool:
    """Whether a hashtag campaign collects entries on a platform."""
    return campaign.entry == "hashtag" and (not campaign.platforms or platform in campaign.platforms)


def running_tags(campaigns: Sequence[Campaign], platform: str, now: datetime) -> dict[str, str]:
    """The hashtags of the hashtag campaigns running now on a platform, each with the first campaign that has it."""
    out: dict[str, str] = {}
    for c in campaigns:
        if _on(c, platform) and c.start <= now <= c.end:
            for tag in c.hashtags:
                out.setdefault(tag, c.name)
    return out


def running_starts(campaigns: Sequence[Campaign], platform: str, now: datetime) -> dict[str, datetime]:
    """The hashtags of the hashtag campaigns running now on a platform, each with the earliest start among them."""
    out: dict[str, datetime] = {}
    for c in campaigns:
        if _on(c, platform) and c.start <= now <= c.end:
            for tag in c.hashtags:
                out[tag] = min(out.get(tag, c.start), c.start)
    return out


def watch_campaign_tags(cfg: Config, db: Database | None, now: datetime) -> Config:
    """The config with each hashtag-reading source also reading the running campaigns' tags (the ones added are
    kept in the option `campaign_hashtags`, so each poll can re-evaluate them: watched_hashtags)."""
    if not cfg.campaigns or not cfg.sources:
        return cfg
    sources, warnings = [], list(cfg.warnings)
    for src in cfg.sources:
        tags, added, refused = watched_hashtags(cfg.campaigns, src, db, now)
        warnings += refused
        if added:
            src = replace(src, options={**src.options, "hashtags": tags, "campaign_hashtags": added})
        if src.type in HASHTAG_TYPES and any(_on(c, src.type) for c in cfg.campaigns):
            src = replace(src, options={**src.options, "campaign_watch": True})  # may read nothing until one starts
        sources.append(src)
    return replace(cfg, sources=tuple(sources), warnings=tuple(warnings))


def watched_hashtags(campaigns: Sequence[Campaign], src: SourceConfig, db: Database | None,
                     now: datetime) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """What a source reads now: the hashtags listed under it and those of the campaigns running now on its platform
    (on Instagram as far as the budget allows); the campaign tags among them; and a warning naming the refused ones."""
    added = {norm_tag(t) for t in src.options.get("campaign_hashtags", ())}
    listed_tags = tuple(t for t in src.options.get("hashtags", ()) if norm_tag(t) not in added)
    wanted = running_tags(campaigns, src.type, now) if src.type in HASHTAG_TYPES else {}
    listed = {norm_tag(t) for t in listed_tags}
    extra = [t for t in wanted if t not in listed]
    warnings = []
    if extra and src.type == "instagram":
        extra, refused = _within_budget(src, listed, extra, db, now)
        if refused:
            warnings.append(_budget_warning(src, listed, refused, wanted, db, now))
    extra_tags = tuple("#" + t for t in extra)
    return (*listed_tags, *extra_tags), extra_tags, warnings


def follow_running_campaigns(campaigns: Sequence[Campaign], src: SourceConfig, source: object, db: Database | None,
                             now: datetime) -> list[str]:
    """Before a poll: point a hashtag-reading source at the tags of the campaigns running now (one that started
    since the last poll is read, one that ended is not); the warnings for the poll's result."""
    if not campaigns or not isinstance(source, HashtagSource):
        return []
    tags, _, warnings = watched_hashtags(campaigns, src, db, now)
    source.watch_hashtags(tags, running_starts(campaigns, src.type, now))
    return warnings


def _within_budget(src: SourceConfig, listed: set[str], extra: list[str], db: Database | None,
                   now: datetime) -> tuple[list[str], list[str]]:
    """The campaign tags that fit the account's budget (tags searched in the last 7 days cost nothing), and the rest."""
    used = {q.hashtag for q in budget.hashtags_in_window(db, src.options["user_id"], now.timestamp())} if db else set()
    room = budget.HASHTAG_LIMIT - len(listed | used)
    fit, refused = [], []
    for tag in extra:
        if tag in used:
            fit.append(tag)
        elif room > 0:
            fit.append(tag)
            room -= 1
        else:
            refused.append(tag)
    return fit, refused


def _budget_warning(src: SourceConfig, listed: set[str], refused: list[str], wanted: dict[str, str],
                    db: Database | None, now: datetime) -> str:
    queries = budget.hashtags_in_window(db, src.options["user_id"], now.timestamp()) if db else []
    frees = (f"; a slot frees up at {datetime.fromtimestamp(queries[0].frees_ts, timezone.utc):%Y-%m-%d %H:%M} UTC"
             if queries else "")
    tags = ", ".join(f"#{t} ({wanted[t]})" for t in refused)
    return (f"source '{src.name}': campaign hashtags not watched: {tags}: Instagram allows {budget.HASHTAG_LIMIT} "
            f"unique hashtags per account in 7 days ({len(listed)} listed under sources, {len(queries)} searched in "
            f"the last 7 days){frees}; list fewer hashtags under sources")
