"""Frozen domain objects shared by sources, the pipeline and storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Mention:
    """One post on a platform, as every source and importer delivers it."""

    platform: str
    id: str
    author: str
    text: str
    created_at: datetime  # aware, UTC
    in_reply_to: str | None = None
    url: str | None = None
    lang: str | None = None
    author_id: str | None = None
    hashtags: tuple[str, ...] = ()
    media_url: str | None = None
    like_count: int | None = None
    comment_count: int | None = None
    raw: dict[str, Any] | None = field(default=None, compare=False, hash=False)
