"""Reply templates: merged from packs and config, chosen for a verdict, filled in safely."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Mapping, Sequence

from kuulo.bot.limits import MAX_TEMPLATE_NAME
from kuulo.rules.specs import Pack

VARIABLES = ("author", "brand", "platform", "category")
MAX_SUGGESTIONS = 3
FALLBACK_LANGS = ("fi", "en")
# Only these four names are replaced, in one pass: a filled-in value is never read again, so an
# author called "{brand}" stays literal, and "{0.__class__}" or "{x}" is left as it is.
_VARIABLE_RE = re.compile(r"\{(author|brand|platform|category)\}")
# Values a stranger writes (a display name, an imported platform); brand and category come from the config.
UNTRUSTED = frozenset({"author", "platform"})
_TAG_RE = re.compile(r"<[^>]*>?|>")  # <https://x|y>, <!channel>, <@U1>, <b>, an unclosed "<…", a stray ">"
_DOT = r"[.\u3002\uff0e\uff61]"  # and the ideographic full stops that IDNA reads as dots
_LINK_RE = re.compile(rf"\S*(?:://|www{_DOT})\S*|[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[^\W\d_]{{2,}}(?::\d+)?(?:/\S*)?")
_CLOSING = frozenset(",.!?;:")  # what ends a greeting whose name came out empty
_MENTION_RE = re.compile(r"@+([\w.-]*)(?:@[\w.-]+)*")  # @matti@mastodon.social -> matti (after NFKC: ＠ is @)
_PLAIN = re.compile(r"[\w .,'-]*")
NAME_READ_CHARS = 8 * MAX_TEMPLATE_NAME  # a name's first characters read at all: what the cut keeps, and room for
# links, tags and spaces removed before it

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
    """Join a split template, each variable name replaced by its value (a stranger's through safe_name); a variable
    left empty takes the space before it along when punctuation follows (Hi {author}, -> Hi, not Hi ,)."""
    filled = [part if k % 2 == 0 else safe_name(values.get(part, "")) if part in UNTRUSTED
              else values.get(part, "") for k, part in enumerate(parts)]
    for k in range(1, len(filled), 2):
        if not filled[k] and filled[k + 1][:1] in _CLOSING:
            filled[k - 1] = filled[k - 1].rstrip(" ")
    return "".join(filled)


@lru_cache(maxsize=4096)
def safe_name(name: str) -> str:
    """A stranger's name fit for the brand's reply: no links, @mentions, <…> or control/bidi/zero-width
    characters, at most MAX_TEMPLATE_NAME characters."""
    if len(name) <= MAX_TEMPLATE_NAME and _PLAIN.fullmatch(name) and "." not in name:
        return name.strip()  # the common case, untouched
    name = name[:NAME_READ_CHARS]  # the link pattern backtracks over a long run of non-spaces: bounded, not quadratic
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in name
                   if unicodedata.category(c) != "Cf")  # Cf: bidi overrides, zero-width and other format characters
    text = _TAG_RE.sub(" ", unicodedata.normalize("NFKC", text))
    text = _MENTION_RE.sub(lambda m: m.group(1), text)
    text = _LINK_RE.sub(" ", text)  # after the mentions: user@evil.com -> userevil.com is a link too
    text = " ".join(text.split())
    return text[:MAX_TEMPLATE_NAME].rstrip(" .,-")


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
