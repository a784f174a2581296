"""The shipped rule packs, as the rules tests build their engines from them."""

from __future__ import annotations

from importlib import resources

import yaml

from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import Pack


def shipped(name: str) -> Pack:
    """One pack of rules/packs, parsed as Kuulo loads it."""
    text = (resources.files("kuulo.rules") / "packs" / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_pack(yaml.safe_load(text), f"{name}.yaml")
