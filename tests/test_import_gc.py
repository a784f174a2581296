"""An import runs without garbage collection and with a larger page cache. Without collections it is sound only
while an import makes no reference cycles, which these tests hold, and the one collection at its end frees any."""

from __future__ import annotations

import gc
import io
import json
import weakref

from kuulo.bot.app import build_services, default_config
from kuulo.bot.commands import output
from kuulo.bot.commands.output import ImportTally, import_stream, summary_line
from kuulo.bot.limits import IMPORT_CACHE_KIB


def _mixed() -> bytes:
    """Questions, complaints, replies, the brand's own replies, duplicates, bad lines and an unknown field."""
    rows: list[str] = []
    for i in range(300):
        row = {"platform": "x", "id": f"p{i}", "author": f"u{i % 7}", "created_at": 1_794_000_000 + 60 * i,
               "text": ("Miksi Nordean sovellus ei toimi?", "Kiitos OP!", "Why is the Nordea app down?")[i % 3]}
        if i % 10 == 3:
            row |= {"in_reply_to": f"p{i - 1}"}
        if i % 10 == 5:
            row |= {"author": "NordeaSuomi", "text": "Hei! Katsotaan.", "in_reply_to": f"p{i - 2}"}
        if i % 10 == 7:
            row |= {"extra": {"n": 123456789012345678901234}}  # wider than 64 bits: read by json, kept whole
        rows.append(json.dumps(row))
        if i % 25 == 0:
            rows += [rows[-1], "{not json", json.dumps({"platform": "x", "id": f"bad{i}"})]
    return ("\n".join(rows) + "\n").encode()


def test_an_import_makes_no_reference_cycles(tmp_path, clock):
    services = build_services(default_config(str(tmp_path / "kuulo.db")), clock=clock)
    found: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            found.append(info["collected"] + info["uncollectable"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        tally = ImportTally()
        import_stream(services.pipeline, io.BytesIO(_mixed()), "posts.jsonl", None, tally)
    finally:
        gc.callbacks.remove(count)
    assert "rejected 24" in summary_line(tally) and tally.stats.cases_opened > 100
    assert found and sum(found) == 0  # the one collection at the end, and it found nothing
    assert gc.isenabled()
    [(extra,)] = services.db.execute("SELECT raw FROM mentions WHERE id = 'p7'").fetchall()
    assert json.loads(extra) == {"extra": {"n": 123456789012345678901234}}


def test_a_cycle_made_during_an_import_is_freed_at_its_end(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(output, "IMPORT_FIRST_BATCH", 40)
    monkeypatch.setattr(output, "IMPORT_BATCH", 40)
    services = build_services(default_config(str(tmp_path / "kuulo.db")), clock=clock)
    made: list[weakref.ref] = []

    class Node:
        pass

    def make_cycle() -> None:  # after each batch stored but the last (then the import is over)
        if made:
            return
        node = Node()
        node.me = node
        made.append(weakref.ref(node))

    gc.disable()  # no automatic collection: only the import's own can free the cycle
    try:
        import_stream(services.pipeline, io.BytesIO(_mixed()), "posts.jsonl", None, ImportTally(),
                      after_batch=make_cycle)
        assert made and made[0]() is None
        assert not gc.isenabled()  # left as the import found it
    finally:
        gc.enable()


def test_an_import_has_a_larger_page_cache_and_gives_it_back(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(output, "IMPORT_BATCH", 40)
    services = build_services(default_config(str(tmp_path / "kuulo.db")), clock=clock)
    sizes: list[int] = []

    def look() -> None:
        sizes.append(services.db.execute("PRAGMA cache_size").fetchone()[0])

    before = services.db.execute("PRAGMA cache_size").fetchone()[0]
    import_stream(services.pipeline, io.BytesIO(_mixed()), "posts.jsonl", None, ImportTally(), after_batch=look)
    assert sizes[0] == -IMPORT_CACHE_KIB  # during the import (KiB are negative)
    assert sizes[-1] == before  # after it
