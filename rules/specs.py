"""What the rules engine is built from: brands, packs, templates and options (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OpenFor = Literal["needs_reply", "questions", "all"]


def handle_of(author: str) -> str:
    """An account name as the brands' handles are kept: without '@' or the spaces of a spreadsheet's cell, lower case
    ("@NordeaSuomi " is nordeasuomi; no platform allows a space in a handle)."""
    return author.strip().lstrip("@").strip().lower()


@dataclass(frozen=True, slots=True)
class BrandSpec:
    """A brand to watch, as configured under `brands:`."""

    name: str
    aliases: tuple[str, ...] = ()
    # platform -> handles without '@', lower-cased; the key "*" applies on every platform
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hashtags: tuple[str, ...] = ()  # without '#', lower-cased
    exclude: tuple[str, ...] = ()  # words or phrases that are never this brand
    stems: tuple[str, ...] = ()  # extra inflection stems (Veikkaukse, S-Pankin -> "S-Panki")
    ambiguous: bool | None = None  # None = decide from the term (short terms are ambiguous)
    context: tuple[str, ...] = ()  # words that confirm an ambiguous lower-case mention
    needs_context: bool = False  # a one-word name is also a place or a word (Kemijoki the river): needs context

    def is_own_handle(self, platform: str, author: str) -> bool:
        """True when `author` is one of the brand's own accounts on `platform`."""
        who = handle_of(author)
        return who in self.handles.get("*", ()) or who in self.handles.get(platform, ())


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Fuzzy-matching knobs, `matching:` in the config."""

    fuzzy: bool = True
    fuzzy_threshold: float = 85.0
    fuzzy_min_length: int = 6


@dataclass(frozen=True, slots=True)
class CategorySpec:
    """A Sentimentti-style category: a domain word AND a negative word of its pack."""

    name: str
    label: str
    words: tuple[str, ...]  # domain list; patterns: "word", "stem*", "*part*"
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> templates


@dataclass(frozen=True, slots=True)
class Pack:
    """A rule pack: keyword lists, categories and templates, from YAML."""

    name: str
    negative: tuple[str, ...] = ()  # negative-emotion words (patterns as above)
    positive: tuple[str, ...] = ()  # words that mark praise
    categories: tuple[CategorySpec, ...] = ()
    templates: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)


PLATFORM_LIMITS: dict[str, int] = {"x": 280, "bluesky": 300, "mastodon": 500, "instagram": 2200}
