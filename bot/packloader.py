"""Finding and reading rule packs: built-in ones as package data of kuulo.rules, or the user's YAML files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.yamlsrc import load_yaml
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import Pack


def builtin_packs() -> list[str]:
    """Names of the packs shipped with Kuulo."""
    folder = resources.files("kuulo.rules") / "packs"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_packs(names: Sequence[str], base_dir: Path, config_source: str = "config") -> list[Pack]:
    """Read each pack by built-in name or by path (relative to the config file)."""
    packs = []
    for name in names:
        if name.endswith((".yaml", ".yml")) or "/" in name:
            path = Path(name) if Path(name).is_absolute() else base_dir / name
            try:
                text, source = path.read_text(encoding="utf-8"), str(path)
            except OSError as exc:
                raise ConfigError(f"{config_source} packs: cannot read pack file {name} ({exc.strerror})") from None
        else:
            resource = resources.files("kuulo.rules") / "packs" / f"{name}.yaml"
            if not resource.is_file():
                raise ConfigError(f"{config_source} packs: unknown pack '{name}' "
                                  f"(built-in: {', '.join(builtin_packs())}; a file path must end in .yaml)")
            text, source = resource.read_text(encoding="utf-8"), f"{name}.yaml"
        packs.append(parse_pack(load_yaml(text, source).value, source))
    return packs
