"""Start-up: `kuulo explain` of one post, wall time and peak memory, with the embedded demo config and with a config
of the development set's brands (147 brands, about 4,300 aliases: an agency's biggest).

Each run is a fresh process (the engine's tables are built at every start, a brand's forms when the post first needs
them); the post is one the tone model decides without its encoder, so what is timed is imports, the config, the
engine's build and the forms the post makes. Timed as every start after an install's first runs: with Python's
bytecode cache (in a temporary folder, written by one untimed run); the cold figure, each module compiled from its
source (`PYTHONDONTWRITEBYTECODE=1`, as a fresh clone's first run), is printed beside it.
Run: python bench/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "matching"
POST = "Kiitos Nordea, kortti toimii taas!"  # decided by the rules and the tone model alone
TARGET_S = 1.0


def big_config(folder: Path) -> Path:
    """A config of every development brand (bench/score_matching.DEV_BRANDS' files, in their order)."""
    files = [DATA / "brands.yaml", *sorted(DATA.glob("brands-batch*.yaml"), key=lambda p: int(p.stem[12:]))]
    brands = [b for f in files for b in _brands(yaml.safe_load(f.read_text(encoding="utf-8")))]
    path = folder / "agency.yaml"
    path.write_text(yaml.safe_dump({"database": str(folder / "kuulo.db"), "brands": brands}, allow_unicode=True),
                    encoding="utf-8")
    return path


def _brands(doc: dict | list) -> list:
    """A brand file's list: a `brands:` key, or the list alone."""
    return doc["brands"] if isinstance(doc, dict) else doc


def timed(args: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """The best wall time of `runs` fresh processes, and the largest peak memory (MB) any child so far had."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - t0)
    return best, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def environments(cache: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The environment of a start with a bytecode cache in `cache` (not the repo), and of one without any."""
    warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**warm, "PYTHONPYCACHEPREFIX": str(cache)}, {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def forms_made(config: Path) -> tuple[float, int, int, int]:
    """In this process: the config's engine build (s), and the lexicon entries it holds at its start, after the post,
    and with every waiting form made."""
    from kuulo.bot.app import build_engine
    from kuulo.bot.config import load_config

    cfg = load_config(str(config))
    build_engine(cfg)  # the tone model and the packs, read once a process
    t0 = time.perf_counter()
    engine = build_engine(cfg)
    built = time.perf_counter() - t0

    def entries() -> int:
        return sum(map(len, engine._lexicon._forms.values()))

    start = entries()
    engine.evaluate(POST)
    after = entries()
    engine._brands.make_all()
    return built, start, after, entries()


def main(runs: int = 5) -> None:
    kuulo = [sys.executable, "-c", "from kuulo.bot.cli import main; main()"]
    with tempfile.TemporaryDirectory() as tmp:
        config = big_config(Path(tmp))
        brands = yaml.safe_load(config.read_text(encoding="utf-8"))["brands"]
        aliases = sum(len(b.get("aliases", [])) for b in brands)
        warm, cold = environments(Path(tmp) / "pycache")
        big_args = [*kuulo, "--config", str(config), "explain", POST]
        subprocess.run([*kuulo, "explain", POST], check=True, stdout=subprocess.DEVNULL, env=warm)  # writes the
        # bytecode cache
        demo, demo_mb = timed([*kuulo, "explain", POST], runs, warm)
        big, big_mb = timed(big_args, runs, warm)
        demo_cold, _ = timed([*kuulo, "explain", POST], runs, cold)
        big_cold, _ = timed(big_args, runs, cold)
        built, start, after, every = forms_made(config)
    print(f"start-up, `kuulo explain` of one post (wall time, best of {runs} fresh processes, with a bytecode cache; "
          f"target < {TARGET_S:.0f} s):")
    print(f"  the demo config: {demo:.2f} s, {demo_mb:.0f} MB peak (cold: {demo_cold:.2f} s)")
    print(f"  {len(brands)} brands, {aliases:,} aliases (the development set's): {big:.2f} s, {big_mb:.0f} MB peak "
          f"(cold: {big_cold:.2f} s)")
    print(f"  its engine built in {built:.2f} s (in one process, the tone model read before); lexicon entries: "
          f"{start:,} at the start, {after:,} after the post, {every:,} with every brand's form made")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
