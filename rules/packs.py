"""Rule packs from loaded YAML: a closed schema, checked key by key, errors naming source and key.

    name: banking-fi                  # required
    negative: [huono*, ...]           # negative-emotion words
    positive: [kiitos, ...]           # words of praise
    categories:                       # name -> a domain list; matches with a negative word of this pack
      verkkopankki:
        label: online bank / app      # shown as {category}; default: the name
        words: [verkkopankki*, ...]   # required
        templates: {fi: [...], en: [...]}
    templates:                        # generic templates by key, then language
      question: {fi: [...], en: [...]}

Words are `word` (whole token, Finnish endings added), `stem*` or `*part*`; several words make a phrase.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Mapping

from kuulo.bot.errors import ConfigError
from kuulo.rules.lexicon import PatternError, parse_pattern
from kuulo.rules.sentence_prior import SentenceHead, is_number
from kuulo.rules.specs import CategorySpec, Pack
from kuulo.rules.tone_model import ToneModel
from kuulo.rules.tone_neighbours import NeighbourStore, parse_neighbours
from kuulo.rules.templates import VARIABLES, unknown_variables

PACK_KEYS = ("name", "negative", "positive", "categories", "templates")
CATEGORY_KEYS = ("label", "words", "templates")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")


def _describe(value: Any) -> str:
    """How a wrong value is named in an error."""
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", str: "a string", list: "a list", dict: "a mapping",
            type(None): "nothing"}.get(type(value), type(value).__name__)


Path = tuple[Any, ...]


def _format(path: Path) -> str:
    """categories.verkkopankki.words[3] style."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) and not isinstance(part, bool) else (f".{part}" if out else str(part))
    return out


class _Reader:
    """Raises ConfigError at `source:line path` for the pack being read (the line when `lines` knows it)."""

    def __init__(self, source: str, lines: Mapping[Path, int] | None = None) -> None:
        self.source, self.lines = source, lines or {}

    def fail(self, path: Path, message: str) -> ConfigError:
        at = path
        while at and at not in self.lines:
            at = at[:-1]
        line = self.lines.get(at)
        where = f"{self.source}:{line}" if line else self.source
        return ConfigError(f"{where} {_format(path)}: {message}" if path else f"{where}: {message}")

    def expect(self, path: Path, what: str, value: Any) -> ConfigError:
        return self.fail(path, f"expected {what}, got {_describe(value)}")

    def mapping(self, path: Path, value: Any, what: str, keys: tuple[str, ...] | None = None) -> dict[Any, Any]:
        """The value as a dict, with no keys outside `keys` (a close key is suggested)."""
        if not isinstance(value, dict):
            raise self.expect(path, what, value)
        for key in value:
            if keys is not None and key not in keys:
                close = difflib.get_close_matches(str(key), keys, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise self.fail((*path, key), f"unknown key; {hint}allowed keys: {', '.join(keys)}")
        return value

    def strings(self, path: Path, value: Any, what: str) -> list[str]:
        """A list of non-empty strings."""
        if not isinstance(value, list):
            raise self.expect(path, what, value)
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.expect((*path, i), "a non-empty string", item)
        return value

    def words(self, path: Path, value: Any) -> tuple[str, ...]:
        """A list of word patterns, each checked."""
        items = self.strings(path, value, "a list of words")
        for i, word in enumerate(items):
            try:
                parse_pattern(word)
            except PatternError as exc:
                raise self.fail((*path, i), f"{exc}, got '{word}'") from None
        return tuple(items)

    def templates(self, path: Path, value: Any) -> dict[str, tuple[str, ...]]:
        """language -> list of templates, with no unknown {variables}."""
        langs = self.mapping(path, value, "a mapping from language (fi, en, ...) to a list of templates")
        out: dict[str, tuple[str, ...]] = {}
        for lang, items in langs.items():
            where = (*path, lang)
            if not isinstance(lang, str) or not _LANG_RE.match(lang):
                raise self.fail(where, "expected a language code like fi or en")
            for i, template in enumerate(self.strings(where, items, "a list of templates")):
                unknown = unknown_variables(template)
                if unknown:
                    allowed = ", ".join("{" + v + "}" for v in VARIABLES)
                    raise self.fail((*where, i), f"unknown variable {{{unknown[0]}}}; use {allowed}")
            out[lang] = tuple(items)
        return out


def _optional(data: dict[Any, Any], key: str, default: Any) -> Any:
    """data[key], or default when the key is absent or empty (`key:` with nothing after it)."""
    value = data.get(key)
    return default if value is None else value


def parse_pack(data: object, source: str, lines: Mapping[Path, int] | None = None) -> Pack:
    """A Pack from YAML data, or ConfigError naming `source`, the line (when `lines` maps key paths to lines) and the
    key path of the first problem."""
    r = _Reader(source, lines)
    top = r.mapping((), data, "a mapping with name, negative, positive, categories, templates", PACK_KEYS)
    if "name" not in top:
        raise r.fail(("name",), "required key is missing (e.g. name: banking-fi)")
    name = top["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise r.expect(("name",), "a pack name of lower-case letters, digits, - and _", name)
    negative = r.words(("negative",), _optional(top, "negative", []))
    positive = r.words(("positive",), _optional(top, "positive", []))
    categories = []
    cats = r.mapping(("categories",), _optional(top, "categories", {}), "a mapping from category name to its words")
    for cat_name, body in cats.items():
        path = ("categories", cat_name)
        if not isinstance(cat_name, str) or not _NAME_RE.match(cat_name):
            raise r.fail(path, "expected a category name of lower-case letters, digits, - and _")
        body = r.mapping(path, body, "a mapping with label, words, templates", CATEGORY_KEYS)
        if "words" not in body:
            raise r.fail((*path, "words"), "required key is missing (the category's domain words)")
        label = _optional(body, "label", cat_name.replace("_", " "))
        if not isinstance(label, str) or not label.strip():
            raise r.expect((*path, "label"), "a label (text)", label)
        words = r.words((*path, "words"), body["words"])
        if not words:
            raise r.fail((*path, "words"), "expected at least one word")
        templates = r.templates((*path, "templates"), _optional(body, "templates", {}))
        categories.append(CategorySpec(cat_name, label, words, templates))
    generic = r.mapping(("templates",), _optional(top, "templates", {}), "a mapping from template key to languages")
    templates = {str(key): r.templates(("templates", key), langs) for key, langs in generic.items()}
    return Pack(name, negative, positive, tuple(categories), templates)


def parse_tone_model(data: object, source: str, sentences: Mapping[str, SentenceHead] | None = None,
                     store: Callable[[], NeighbourStore] | None = None) -> ToneModel:
    """A ToneModel (with sentence priors by language, and the neighbours vote read from `store`, if given) from
    train_tone's JSON, or ConfigError naming the key."""
    # {"weights": {feature: w}, "bias": b, "rules_weight": r, "thresholds": {lang: p}, "digest": sha256,
    #  "rules_shares": {"silent": s, "praised": s, "outweighed": s}, "neighbours": {"k": k, "weight": w, ...}}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected an object with weights, bias, rules_weight, thresholds")
    weights = data.get("weights")
    if not isinstance(weights, dict) or not all(is_number(v) for v in weights.values()):
        raise ConfigError(f"{source} weights: expected an object of feature name -> number")
    for key in ("bias", "rules_weight"):
        if not is_number(data.get(key)):
            raise ConfigError(f"{source} {key}: expected a number, got {_describe(data.get(key))}")
    thresholds = data.get("thresholds")
    if not isinstance(thresholds, dict) or not thresholds or not all(
            is_number(v) and 0 < v < 1 for v in thresholds.values()):
        raise ConfigError(f"{source} thresholds: expected an object of language -> a probability between 0 and 1")
    shares = data.get("rules_shares", {})  # optional: the full vote both ways before it
    if not isinstance(shares, dict) or set(shares) - {"silent", "praised", "outweighed"} or not all(
            is_number(v) and v >= 0 for v in shares.values()):
        raise ConfigError(f"{source} rules_shares: expected an object of silent, praised, outweighed -> a number, 0 or "
                          f"more")
    plain = data.get("sentence_off_thresholds", {})  # optional: a file written before the sentence priors has none
    if not isinstance(plain, dict) or not all(is_number(v) and 0 < v < 1 for v in plain.values()):
        raise ConfigError(f"{source} sentence_off_thresholds: expected an object of language -> a probability "
                          f"between 0 and 1")
    return ToneModel({str(k): float(v) for k, v in weights.items()}, float(data["bias"]), float(data["rules_weight"]),
                     {str(k): float(v) for k, v in thresholds.items()}, str(data.get("digest", "")),
                     float(shares.get("silent", 1.0)), float(shares.get("praised", 1.0)),
                     float(shares["outweighed"]) if "outweighed" in shares else None,  # none: such a post excused
                     dict(sentences or {}), {str(k): float(v) for k, v in plain.items()},
                     parse_neighbours(data["neighbours"], source, store) if store and "neighbours" in data else None)
