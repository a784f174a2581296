"""Import throughput: JSONL -> rules -> SQLite (mentions, matches, cases, ledger, outbox), end to end, in-process
through the import loop of `kuulo import` (batches judged in a worker process while the one before is stored).

Prints mentions/s and, beside it, a bare sqlite-utils insert_all of the same rows, as a ratio; --no-sentence-prior
imports with `matching.sentence_prior: false` (the tone model without its sentence encoder, as for a bulk backfill),
--no-brand-reader with `matching.brand_reader: false` (the rules alone decide the names they weighed).
--development imports the first N development posts (tests/data/matching: distinct real texts, where the generated
sample repeats its texts and the encoder's memo answers most of them) with the development set's brands configured.
Run: python bench/bench_import.py [N] [--no-sentence-prior] [--no-brand-reader] [--development]
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import bare_insert_seconds  # noqa: E402
from sample import generate  # noqa: E402
from score_matching import load_brands, load_posts  # noqa: E402

from kuulo.bot.app import build_services, default_config  # noqa: E402
from kuulo.bot.commands.output import ImportTally, import_stream  # noqa: E402


def development_rows(n: int) -> list[dict]:
    """The first n development posts as import lines: a minute apart, a writer of 97 each."""
    posts = load_posts()[:n]
    return [{"platform": p["platform"], "id": p["id"], "author": f"writer{i % 97}", "text": p["text"],
             "created_at": 1_794_000_000 + 60 * i, "lang": p["lang"]} for i, p in enumerate(posts)]


def main(n: int = 20_000, sentence_prior: bool = True, brand_reader: bool = True, development: bool = False) -> None:
    rows = development_rows(n) if development else generate(n, seed=11)
    n = len(rows)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    with tempfile.TemporaryDirectory() as tmp:
        config = default_config(str(Path(tmp) / "import.db"))
        if development:
            config = replace(config, brands=tuple(load_brands()))
        services = build_services(replace(config, sentence_prior=sentence_prior, brand_reader=brand_reader))
        started, tally = time.perf_counter(), ImportTally()
        import_stream(services.pipeline, io.BytesIO(data), "bench.jsonl", "jsonl", tally)  # as `kuulo import` does
        kuulo_s, stats_new = time.perf_counter() - started, tally.stats.new
        cases = services.db["cases"].count

        bare_s = bare_insert_seconds(rows, Path(tmp) / "bare.db")

    print(f"import: {n:,} posts ({stats_new:,} new, {cases:,} cases) in {kuulo_s:.2f} s = {n / kuulo_s:,.0f} mentions/s"
          f" (the sentence prior {'on' if sentence_prior else 'off'}, "
          f"the brand reader {'on' if brand_reader else 'off'}; "
          f"{'development posts' if development else 'the generated sample'})")
    print(f"bare insert_all of the same rows: {bare_s:.2f} s = {n / bare_s:,.0f} rows/s")
    print(f"ratio: import takes {kuulo_s / bare_s:.1f}x the bare insert")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 20_000, "--no-sentence-prior" not in sys.argv[1:],
         "--no-brand-reader" not in sys.argv[1:], "--development" in sys.argv[1:])
