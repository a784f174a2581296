"""The shipped rule packs, as the rules tests build their engines from them."""

from __future__ import annotations

from importlib import resources

import yaml

from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import BrandSpec, Pack


def shipped(name: str) -> Pack:
    """One pack of rules/packs, parsed as Kuulo loads it."""
    text = (resources.files("kuulo.rules") / "packs" / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_pack(yaml.safe_load(text), f"{name}.yaml")


def table_engine(mode: str, *brands: str) -> Engine:
    """The engine the phenomena tables run on: the shipped packs, these brands, and (mode "rules+model") the shipped
    tone model as Kuulo runs it, or (mode "rules") the rules alone."""
    packs = [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")]
    model = builtin_tone_model() if mode == "rules+model" else None
    return Engine(tuple(BrandSpec(name) for name in brands), packs, {}, tone_model=model)
