"""YAML loading that keeps line numbers, so config errors can name file, line and key."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Iterator

import yaml

from kuulo.bot.durations import parse_duration
from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import MAX_YAML_DEPTH

Path = tuple[str | int, ...]


def _describe(value: Any) -> str:
    """How a wrong value is shown in an error: its type, and the value when short."""
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string",
            list: "a list", dict: "a mapping", type(None): "nothing"}.get(type(value), type(value).__name__)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and len(repr(value)) <= 40:
        return f"{kind} ({value!r})"
    return kind


def format_path(path: Path) -> str:
    """brands[2].handles style."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True, slots=True)
class Located:
    """A YAML value with its source file, key path and line, for precise error messages."""

    value: Any
    path: Path
    source: str
    lines: dict[Path, int]

    @property
    def line(self) -> int | None:
        """The 1-based line of this value, or of its nearest located parent."""
        path = self.path
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def where(self) -> str:
        """`file:line key.path` for messages."""
        loc = f"{self.source}:{self.line}" if self.line else self.source
        return f"{loc} {format_path(self.path)}" if self.path else loc

    def error(self, expected: str) -> ConfigError:
        """A ConfigError saying what was expected here and what was found."""
        return ConfigError(f"{self.where()}: expected {expected}, got {_describe(self.value)}")

    def fail(self, message: str) -> ConfigError:
        """A ConfigError with a free message at this location."""
        return ConfigError(self.say(message))

    def say(self, message: str) -> str:
        """`file:line key.path: message`, for errors and warnings."""
        return f"{self.where()}: {message}"

    def child(self, key: str | int) -> Located:
        """The located value under key (None when absent)."""
        value = self.value.get(key) if isinstance(self.value, dict) else self.value[key]
        return Located(value, (*self.path, key), self.source, self.lines)

    def mapping(self, allowed: set[str] | frozenset[str], required: tuple[str, ...] = ()) -> Located:
        """Check this is a mapping with only the allowed keys (a closed schema)."""
        if not isinstance(self.value, dict):
            raise self.error("a mapping")
        for key in self.value:
            if key not in allowed:
                hint = f"; known keys: {', '.join(sorted(allowed))}" if allowed else ""
                raise Located(self.value[key], (*self.path, key), self.source, self.lines).fail(
                    f"unknown key{hint}")
        for key in required:
            if self.value.get(key) is None:
                raise self.fail(f"missing required key '{key}'")
        return self

    def items(self) -> Iterator[Located]:
        """The located elements of a list."""
        if not isinstance(self.value, list):
            raise self.error("a list")
        return (self.child(i) for i in range(len(self.value)))

    def string(self, *, allow_empty: bool = False) -> str:
        """The value as a string, rejecting other types."""
        if not isinstance(self.value, str) or (not allow_empty and not self.value.strip()):
            raise self.error("a non-empty string" if not allow_empty else "a string")
        return self.value

    def seconds(self, expected: str, maximum: int) -> int:
        """A duration like 30m or 1h30m in seconds, above zero and at most `maximum`."""
        text = self.value if isinstance(self.value, str) and len(self.value) <= 40 else None
        seconds = parse_duration(text) if text is not None else None
        if not seconds:
            raise self.error(expected)
        if seconds > maximum:
            raise self.fail(f"{text.strip()} is longer than {maximum // 86_400} days, the most Kuulo accepts here")
        return seconds

    def strings(self, what: str = "a list of strings") -> tuple[str, ...]:
        """A list of non-empty strings (a single string is accepted as a one-item list)."""
        if isinstance(self.value, str) and self.value.strip():
            return (self.value,)
        if not isinstance(self.value, list):
            raise self.error(what)
        for item in self.items():
            item.string()
        return tuple(self.value)


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character[:1] or "\0")


def _refuse(event: yaml.Event, depth: int, source: str) -> None:
    """A ConfigError for an anchor, an alias or nesting deeper than MAX_YAML_DEPTH at this event."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        mark = "*" if isinstance(event, yaml.AliasEvent) else "&"
        raise ConfigError(f"{source}:{event.start_mark.line + 1}: YAML anchors and aliases are not allowed "
                          f"({mark}{event.anchor}): write the value out; quote a word that starts with '*' "
                          f"(\"*part*\")")
    if depth > MAX_YAML_DEPTH:
        raise ConfigError(f"{source}:{event.start_mark.line + 1}: nested deeper than {MAX_YAML_DEPTH} levels")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors, aliases or deep nesting (a local subclass: the global loader is
    untouched)."""

    def __init__(self, text: str, source: str) -> None:
        super().__init__(text)
        self.source, self.depth = source, 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self.depth += 1
        _refuse(self.peek_event(), self.depth, self.source)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml(text: str, source: str) -> Located:
    """Parse YAML text into a Located root; bad syntax, duplicate keys, aliases and odd keys are ConfigErrors with
    the line."""
    loader = None
    try:
        loader, node = _composed(text, source)
        lines: dict[Path, int] = {}
        if node is None:
            return Located({}, (), source, lines)
        _index(node, (), lines, loader)
        value = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ConfigError(f"{source}:{line}: not valid YAML (character U+{_code(exc.character):04X} is not allowed)") from None
    except ValueError as exc:  # an integer of thousands of digits: Python will not convert it
        digits = re.search(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else None
        why = str(exc).split(":")[0]  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise ConfigError(f"{source}{f':{line}' if line else ''}: a number too long to read ({why})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: not valid YAML ({problem})") from None
    finally:
        if loader is not None:
            loader.dispose()
    return Located(value, (), source, lines)


def _composed(text: str, source: str) -> tuple[_Loader | _FastLoader, yaml.Node | None]:
    """The loader and the document's node: libyaml's, or on a syntax error or a refusal (and without libyaml)
    PyYAML's, whose messages say more ("expected the node content, but found '<stream end>'") and are the same with
    or without libyaml (libyaml reads '*0\t' as an alias where PyYAML stops at the tab first)."""
    if yaml.__with_libyaml__:
        try:
            fast = _FastLoader(text, source)
            return fast, fast.get_single_node()
        except (yaml.YAMLError, _Tagged, ConfigError):
            pass
    loader = _Loader(text, source)
    return loader, loader.get_single_node()


class _Tagged(Exception):
    """A document with an explicit tag, which the pure loader reads."""


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's safe loader (a 150-brand config read in 0.1 s, not 0.7), for the text a pass over its events has
    found free of what _Loader refuses while composing: the C composer follows aliases and recurses without bound."""

    def __init__(self, text: str, source: str) -> None:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            depth += isinstance(event, yaml.CollectionStartEvent)
            if getattr(event, "tag", None) is not None:
                raise _Tagged  # libyaml reads some tags unlike PyYAML ('!' alone: '' not None); rare in a config
            _refuse(event, depth + (not isinstance(event, yaml.CollectionStartEvent)), source)
        super().__init__(text)
        self.source = source


def _index(node: yaml.Node, path: Path, lines: dict[Path, int], loader: _Loader | _FastLoader) -> None:
    """Record the line of every mapping key and list item; refuse duplicate and non-scalar keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            where = f"{loader.source}:{line} {format_path(path)}".rstrip()
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConfigError(f"{where}: merge keys (<<) are not allowed: write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConfigError(f"{where}: a key must be a plain name, not a list or a mapping")
            key = loader.construct_object(key_node, deep=True)
            if key in first:
                shown = format_path((*path, key if isinstance(key, str) else str(key)))
                raise ConfigError(f"{loader.source}:{line} {shown}: duplicate key (first at line {first[key]})")
            first[key] = line
            _index(value_node, (*path, key), lines, loader)
            lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines, loader)
