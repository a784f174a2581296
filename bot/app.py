"""Wiring: one place builds the services from a Config and hands each transport only what it needs."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from importlib import resources

from kuulo.bot.campaigns import EntryCollector, brand_handles
from kuulo.bot.campaigns_sources import watch_campaign_tags
from kuulo.bot.cases import CaseService
from kuulo.bot.clock import Clock, SystemClock
from kuulo.bot.config import Config, parse_config
from kuulo.bot.config_chat import REPLYING_TYPES
from kuulo.bot.errors import DatabaseNotFound
from kuulo.bot.forms_build import analysed_forms
from kuulo.bot.heap import building
from kuulo.bot.packloader import builtin_brand_reader, builtin_known_words, builtin_tone_model, load_packs
from kuulo.bot.pipeline import Pipeline
from kuulo.bot.yamlsrc import load_yaml
from kuulo.rules.engine import Engine
from kuulo.rules.tone_model import without_sentences
from kuulo.storage.ledger import Ledger
from kuulo.storage.db import Database, open_db


def default_config(database: str | None = None) -> Config:
    """The embedded default: the demo brands, built-in packs, console output."""
    text = (resources.files("kuulo.bot") / "demo" / "config.yaml").read_text(encoding="utf-8")
    cfg = parse_config(load_yaml(text, "<default>"))
    return cfg if database is None else replace(cfg, database=database)


def build_engine(cfg: Config) -> Engine:
    """The rules engine for a config: its brands, packs, templates, matching options and analyser data."""
    packs = load_packs(cfg.packs, cfg.base_dir, cfg.source)
    analysed = analysed_forms(cfg.brands, cfg.analyser, cfg.database, cfg.source, say=_to_stderr)
    model = builtin_tone_model() if cfg.sentence_prior else without_sentences(builtin_tone_model())
    reader = builtin_brand_reader() if cfg.brand_reader else None
    with building():
        return Engine(cfg.brands, packs, cfg.templates, cfg.matching, cfg.open_for, analysed, model, reader,
                      words=builtin_known_words())


def _to_stderr(message: str) -> None:
    """Progress of a build step, on stderr so that --format json output stays clean."""
    print(message, file=sys.stderr, flush=True)


def chat_transports(cfg: Config) -> tuple[str, ...]:
    """Where alerts go: the configured chats, or the console when none is configured."""
    chats = tuple(name for name, section in (("slack", cfg.slack), ("telegram", cfg.telegram)) if section is not None)
    return chats or ("console",)


@dataclass(frozen=True, slots=True)
class Services:
    """The small services a command or transport may be handed."""

    config: Config
    db: Database
    engine: Engine
    pipeline: Pipeline
    cases: CaseService
    clock: Clock


def open_database(cfg: Config, *, create: bool = False) -> Database:
    """The config's database; without create, a missing file is an error naming the path and the config."""
    try:
        return open_db(cfg.database, create=create)
    except DatabaseNotFound as exc:
        where = (f"check `database:` in {cfg.source}" if cfg.source != "<default>"
                 else "no config given, so the default ./kuulo.db; use --config")
        raise DatabaseNotFound(f"{exc} ({where}; `kuulo import` creates it)") from None


def writing_services(cfg: Config, clock: Clock | None = None) -> Services:
    """build_services for a command that writes events (import, poll, run): a ledger it may not extend (keyed, and
    KUULO_LEDGER_KEY missing or another key) stops it at once, before anything is read or sent."""
    services = build_services(cfg, clock)
    Ledger(services.db)  # raises LedgerError with what to set
    return services


def build_services(cfg: Config, clock: Clock | None = None, *, create: bool = True) -> Services:
    """Open the database (create=False: only an existing one) and build the pipeline and case service for a config."""
    clock = clock or SystemClock()
    db = open_database(cfg, create=create)
    cfg = watch_campaign_tags(cfg, db, clock.now())  # running campaigns' hashtags join the sources that read tags
    engine = build_engine(cfg)
    transports = chat_transports(cfg)
    replying = frozenset(s.name for s in cfg.sources if s.type in REPLYING_TYPES)
    collector = EntryCollector(cfg.campaigns, engine.own_brand, brand_handles(cfg.brands)) if cfg.campaigns else None
    return Services(cfg, db, engine, Pipeline(db, engine, clock, open_for=cfg.open_for, transports=transports,
                                              campaigns=collector),
                    CaseService(db, clock, transports=transports, reply_sources=replying, open_for=cfg.open_for), clock)
