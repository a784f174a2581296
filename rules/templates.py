"""Reply templates: merged from packs and config, chosen for a verdict, filled in safely."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from kuulo.rules.specs import Pack

VARIABLES = ("author", "brand", "platform", "category")
MAX_SUGGESTIONS = 3
FALLBACK_LANGS = ("fi", "en")
# Only these four names are replaced, in one pass: a filled-in value is never read again, so an
# author called "{brand}" stays literal, and "{0.__class__}" or "{x}" is left as it is.
_VARIABLE_RE = re.compile(r"\{(author|brand|platform|category)\}")

Table = dict[str, dict[str, tuple[str, ...]]]
Pick = tuple[str, str, int, str]  # (key, language, index, template)


def merge(packs: Sequence[Pack], overrides: Mapping[str, Mapping[str, Sequence[str]]]) -> Table:
    """Templates by key then language: packs' lists joined in pack order; config replaces per key+language."""
    table: Table = {}
    for pack in packs:
        sources = [(cat.name, cat.templates) for cat in pack.categories] + list(pack.templates.items())
        for key, langs in sources:
            for lang, items in langs.items():
                have = table.setdefault(key, {}).get(lang, ())
                table[key][lang] = have + tuple(t for t in items if t not in have)
    for key, langs in overrides.items():
        for lang, items in langs.items():
            table.setdefault(str(key), {})[str(lang)] = (items,) if isinstance(items, str) else tuple(items)
    return table


def choose(table: Table, keys: Sequence[str], lang: str, limit: int = MAX_SUGGESTIONS) -> list[Pick]:
    """Up to `limit` templates: the first of each key in order, then the second of each, and so on.

    Each key uses the post's language, else the other of fi/en, else any language it has.
    """
    order = [lang, *(other for other in FALLBACK_LANGS if other != lang)]
    lists: list[tuple[str, str, tuple[str, ...]]] = []
    for key in dict.fromkeys(keys):
        langs = table.get(key)
        if not langs:
            continue
        use = next((code for code in order if langs.get(code)), None) or next((c for c in langs if langs[c]), None)
        if use is not None:
            lists.append((key, use, langs[use]))
    picks: list[Pick] = []
    depth = 0
    while len(picks) < limit and any(depth < len(items) for _, _, items in lists):
        for key, use, items in lists:
            if depth < len(items) and len(picks) < limit:
                picks.append((key, use, depth, items[depth]))
        depth += 1
    return picks


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with {author}, {brand}, {platform} and {category} replaced; nothing else touched."""
    return fill_parts(split(template), values)


def split(template: str) -> tuple[str, ...]:
    """Literal text and variable names, alternating (literal first), for fill_parts."""
    return tuple(_VARIABLE_RE.split(template))


def fill_parts(parts: tuple[str, ...], values: Mapping[str, str]) -> str:
    """Join a split template, each variable name replaced by its value."""
    return "".join(part if k % 2 == 0 else values.get(part, "") for k, part in enumerate(parts))


class Chooser:
    """`choose` and `split` over one table, remembered per (keys, language): the hot path does no parsing."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self._cache: dict[tuple[tuple[str, ...], str], list[tuple[str, tuple[str, ...]]]] = {}

    def __call__(self, keys: tuple[str, ...], lang: str) -> list[tuple[str, tuple[str, ...]]]:
        """(template key like "verkkopankki.fi.0", split template) for up to MAX_SUGGESTIONS picks."""
        found = self._cache.get((keys, lang))
        if found is None:
            found = [(f"{key}.{used}.{index}", split(template))
                     for key, used, index, template in choose(self.table, keys, lang)]
            self._cache[(keys, lang)] = found
        return found


def unknown_variables(template: str) -> list[str]:
    """Names in {braces} that are not template variables (for pack validation)."""
    return [name for name in re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", template) if name not in VARIABLES]
