"""Warnings for a config that loads but misleads: nothing to match, polls too eager, own handles a stranger can hold."""

from __future__ import annotations

from typing import Sequence

from kuulo.bot.config_chat import REPLYING_TYPES, SourceConfig
from kuulo.bot.durations import format_duration
from kuulo.bot.limits import MIN_POLL_SECONDS
from kuulo.bot.yamlsrc import Located
from kuulo.rules.excludes import name_excludes
from kuulo.rules.specs import BrandSpec

# Platforms a post may come from (live sources or imports); a plain handle list applies on all of them.
PLATFORMS = ("x", "instagram", "facebook", "mastodon", "bluesky", "reddit", "rss", "telegram")
BLUESKY_SUFFIX = ".bsky.social"  # stored authors drop it (bot/sources/bluesky_posts.py)


def config_warnings(root: Located, brands: Sequence[BrandSpec], sources: Sequence[SourceConfig]) -> tuple[str, ...]:
    """Every warning of a validated config, each `file:line key: what and how to fix it`."""
    out = []
    if not brands:
        out.append(root.child("brands").say("no brands are configured, so no post will ever match; "
                                             "add at least one (brands: [{name: Nordea}])"))
    nodes = root.child("sources")
    for i, source in enumerate(sources):
        floor = MIN_POLL_SECONDS.get(source.type, 0)
        if source.every_seconds < floor:
            out.append(nodes.child(i).child("every").say(
                f"polling {source.type} every {format_duration(source.every_seconds)} spends the platform's request "
                f"budget (and may get the account limited); {format_duration(floor)} or more is sane"))
    return tuple(out + exclude_warnings(root, brands) + handle_warnings(root, brands, sources))


def exclude_warnings(root: Located, brands: Sequence[BrandSpec]) -> list[str]:
    """An `exclude` entry that reads as the brand's own name alone (its marks dropped): the engine leaves it out."""
    out = []
    for bi, brand in enumerate(brands):
        for phrase in name_excludes(brand):
            node = root.child("brands").child(bi).child("exclude")
            if isinstance(node.value, list) and phrase in node.value:
                node = node.child(node.value.index(phrase))
            out.append(node.say(
                f"'{phrase}' reads as {brand.name}'s own name alone (words are matched without their punctuation), "
                "so it would exclude every mention; Kuulo leaves it out: write the words that stand beside the name "
                f"when it is not {brand.name} (exclude: [{phrase.split()[0]} juna, {phrase.split()[0]} means])"))
    return out


def source_account(source: SourceConfig) -> str | None:
    """The account a source logs in as, as its posts' author reads, when the config names it (Bluesky's handle)."""
    handle = source.options.get("handle") if source.type == "bluesky" else None
    if not handle:
        return None
    handle = handle.lstrip("@").lower()
    return handle.removesuffix(BLUESKY_SUFFIX)


def handle_warnings(root: Located, brands: Sequence[BrandSpec], sources: Sequence[SourceConfig]) -> list[str]:
    """Plain handle lists (every platform) that a stranger could register: per brand, and per logged-in source."""
    accounts: dict[str, set[str]] = {}
    for source in sources:
        account = source_account(source)
        if account:
            accounts.setdefault(source.type, set()).add(account)
    logins = [(i, s) for i, s in enumerate(sources) if s.type in REPLYING_TYPES]
    example_platforms = list(dict.fromkeys(s.type for _, s in logins)) or ["x", "instagram"]
    out = []
    for bi, brand in enumerate(brands):
        plain = brand.handles.get("*", ())
        if not plain:
            continue
        node = root.child("brands").child(bi).child("handles")
        written = _written(node, plain)
        names = ", ".join(written)
        example = ", ".join(f"{p}: [{written[0]}]" for p in example_platforms)
        unverified = [p for p in PLATFORMS if not set(plain) <= accounts.get(p, set())]
        out.append(node.say(
            f"handles {names} apply on every platform, so an account of that name on {', '.join(unverified)} or any "
            f"other platform (anyone can register one) would close {brand.name}'s cases as the brand's own reply; "
            f"give the handles per platform: handles: {{{example}}}"))
        for si, source in logins:
            account = source_account(source)
            stray = [w for h, w in zip(plain, written) if h != account]
            if not stray:
                continue
            logs_in = f"logs in on {source.type} as {account}" if account else f"logs in on {source.type}"
            out.append(root.child("sources").child(si).say(
                f"source {source.name} {logs_in}, but {brand.name}'s {source.type} handles come from its plain "
                f"list ({', '.join(stray)}), unverified there; list the account under handles: "
                f"{{{source.type}: [{account or '...'}]}} for {brand.name}"))
    return out


def _written(node: Located, plain: tuple[str, ...]) -> list[str]:
    """The plain handles as the config spells them (the spec keeps them lower-cased)."""
    value = node.value.get("*") if isinstance(node.value, dict) else node.value
    raw = [value] if isinstance(value, str) else list(value or ())
    return [str(h).lstrip("@") for h in raw] if len(raw) == len(plain) else list(plain)
