"""A large import has each batch judged in a worker process while the batch before it is stored: the posts, cases,
ledger (hashes too) and outbox come out as when every post is judged in-process, and a worker that fails changes
nothing but the speed."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from kuulo.bot import judging, pipeline
from kuulo.bot.app import build_services, default_config
from kuulo.bot.commands import output
from kuulo.bot.commands.output import ImportTally, import_stream, summary_line
from tests.builders import post
from tests.processes import KUULO, wait_for

BATCH = 40
TEXTS = ("Miksi Nordean sovellus ei toimi taas?", "Toimiiko Nordean kortti ulkomailla?",
         "S-Pankin verkkopankki on ollut jumissa koko aamun, tosi huonoa palvelua", "Kiitos OP, hyvää palvelua!",
         "Why is the Nordea app down again?", "Ihan tavallinen päivä tänään.")


def _lines(n: int) -> bytes:
    """n posts: questions, complaints and other posts, replies among them and the brand's own replies."""
    rows = []
    for i in range(n):
        row = {"platform": "x" if i % 5 else "reddit", "id": f"p{i}", "author": f"user{i % 13}",
               "text": f"{TEXTS[i % len(TEXTS)]} #{i}", "created_at": 1_794_000_000 + 60 * (i * 7 % n)}
        if i % 9 == 4:
            row |= {"in_reply_to": f"p{i - 4}", "platform": rows[i - 4]["platform"]}
        if i % 11 == 10:
            row |= {"author": "NordeaSuomi", "text": "Hei! Katsotaan asiaa.", "in_reply_to": f"p{i - 1}",
                    "platform": rows[i - 1]["platform"]}
        rows.append(row)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _import(path: Path, clock, data: bytes) -> str:
    services = build_services(default_config(str(path)), clock=clock)
    tally = ImportTally()
    import_stream(services.pipeline, io.BytesIO(data), "posts.jsonl", None, tally)
    services.db.conn.close()
    return summary_line(tally)


def _contents(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
                for table in ("mentions", "matches", "mention_brands", "cases", "events", "outbox")}


@pytest.fixture
def batches(monkeypatch) -> bytes:
    monkeypatch.setattr(output, "IMPORT_BATCH", BATCH)
    return _lines(4 * BATCH)  # whole batches only: with a worker, none is judged in-process


@pytest.fixture
def in_process(tmp_path, clock, batches, monkeypatch) -> tuple[str, dict[str, list[tuple]]]:
    """The same import judged in-process (as on a machine with one core)."""
    with monkeypatch.context() as one_core:
        one_core.setattr(judging, "spare_core", lambda: False)
        summary = _import(tmp_path / "one.db", clock, batches)
    return summary, _contents(tmp_path / "one.db")


def _refuse(*args: object) -> None:
    raise AssertionError("judged in-process")


@pytest.mark.parametrize("run", [judging.JUDGING_MIN_RUN, 7])  # 7: a batch cut in runs among the workers
def test_batches_judged_in_the_worker_store_what_judging_in_process_stores(tmp_path, clock, batches, in_process,
                                                                             monkeypatch, run):
    monkeypatch.setattr(judging, "spare_core", lambda: True)
    monkeypatch.setattr(judging, "usable_cores", lambda: 3)
    monkeypatch.setattr(judging, "JUDGING_MIN_RUN", run)
    monkeypatch.setattr(pipeline, "judge", _refuse)  # the importing process: every verdict must come from the worker
    summary = _import(tmp_path / "two.db", clock, batches)
    assert summary == in_process[0] and "new 160 · duplicates 0 · brand replies 14" in summary
    contents = _contents(tmp_path / "two.db")
    assert contents == in_process[1]
    assert len(contents["cases"]) > 60 and {kind for *_, kind, _, _, _ in contents["events"]} >= {"opened"}


def test_a_second_import_of_the_same_posts_judges_none_of_them(tmp_path, clock, batches, monkeypatch):
    monkeypatch.setattr(judging, "spare_core", lambda: True)
    _import(tmp_path / "two.db", clock, batches)
    before = _contents(tmp_path / "two.db")
    services = build_services(default_config(str(tmp_path / "two.db")), clock=clock)
    mixed = [post("p1", TEXTS[0]), post("new", TEXTS[0]), post("own", "Hei!", author="NordeaSuomi")]
    assert services.pipeline.to_judge(mixed) == [1]  # stored and the brand's own are not judged
    services.db.conn.close()
    monkeypatch.setattr(judging.JudgeAhead, "_futures", _refuse)  # nothing is sent to a worker
    monkeypatch.setattr(pipeline, "judge", _refuse)
    assert "new 0 · duplicates 160 ·" in _import(tmp_path / "two.db", clock, batches)
    assert _contents(tmp_path / "two.db") == before


def test_a_worker_that_fails_leaves_the_judging_to_the_importing_process(tmp_path, clock, batches, in_process,
                                                                         monkeypatch, caplog):
    monkeypatch.setattr(judging, "spare_core", lambda: True)
    monkeypatch.setattr(judging, "_judge_all", _refuse)  # the worker is a fork: it raises there
    assert _import(tmp_path / "two.db", clock, batches) == in_process[0]
    assert _contents(tmp_path / "two.db") == in_process[1]
    assert "a judging worker did not answer; judging in-process" in caplog.text


def test_a_killed_import_leaves_no_worker_behind(tmp_path):
    (tmp_path / "posts.jsonl").write_bytes(_lines(40_000))
    proc = subprocess.Popen([KUULO, "import", "-q", "posts.jsonl"], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    try:
        assert wait_for(lambda: children.read_text().split(), timeout=60), "no judging worker started"
        workers = children.read_text().split()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert wait_for(lambda: not any(_running(int(worker)) for worker in workers), timeout=10)


def test_a_worker_whose_import_died_before_it_started_ends_at_once():
    # the import killed between the fork and the worker's start: its parent is already another process
    child = multiprocessing.get_context("fork").Process(target=_started_after_its_import, args=(os.getppid(),))
    child.start()
    child.join(timeout=20)
    assert child.exitcode == 1  # not still waiting for work (a timed-out join leaves it None)


def _started_after_its_import(import_pid: int) -> None:
    try:
        judging._start(None, 1, import_pid)  # type: ignore[arg-type]
    except BaseException:  # noqa: BLE001 - an exit of its own, not the one that ends an orphan
        os._exit(3)
    time.sleep(60)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended (it waits for whoever adopted it to read its status)


def test_a_stored_verdict_is_the_explained_one_without_its_suggestions():
    """Judging for storage skips filling reply templates (they are rendered when a case is shown) and changes
    nothing else of the verdict."""
    engine = build_services(default_config(":memory:")).engine
    for i, text in enumerate(TEXTS):
        full = engine.evaluate(text, platform="x", author="user1", lang=None)
        assert full.suggestions or not full.brands
        stored = json.loads(judging.judge(engine, f"p{i}", text, "x", "user1", None).verdict)
        assert stored == {k: v for k, v in full.to_json(f"p{i}").items() if k != "suggestions"}


def test_a_batch_is_judged_before_its_write_transaction_so_others_may_write_meanwhile(tmp_path, clock, monkeypatch):
    # a verdict may ask the sentence encoder (20-40 ms a new text, a second for its model): judged inside the write
    # transaction, a live source's poll held the lock that long from a desk's click and from other imports
    path = tmp_path / "k.db"
    services = build_services(default_config(str(path)), clock=clock)
    lock_free: list[bool] = []

    def judge_while_another_writes(*args: object) -> judging.Judged:
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            lock_free.append(True)
        except sqlite3.OperationalError:  # database is locked
            lock_free.append(False)
        finally:
            other.close()
        return judging.judge(*args)

    monkeypatch.setattr(pipeline, "judge", judge_while_another_writes)
    posts = [post(f"p{i}", f"{TEXTS[i % len(TEXTS)]} #{i}", minutes=i) for i in range(12)]
    own = post("own", "Hei! Katsotaan asiaa.", author="NordeaSuomi", in_reply_to="p0")
    stats = services.pipeline.ingest([*posts, own, posts[3]])
    assert lock_free == [True] * len(posts)  # each new post judged once, the brand's own and the repeat not at all
    assert stats.duplicates == 1 and stats.cases_opened > 3
    again = services.pipeline.ingest(posts)
    assert again.duplicates == len(posts) and lock_free == [True] * len(posts)
    services.db.conn.close()
