"""The tone model's neighbours: how often the development posts that read most like a post were negative, one more
log-odds beside the sentence prior (rules/sentence_prior.py).

The store (rules/packs/tone-neighbours.npz, built by bench/build_tone_neighbours.py) holds every development post's
sentence embedding as multilingual-e5-small reads it untuned (the brand reader's encoder, bot/encoder.py), reduced by
PCA to a few dimensions and rounded to int8 (a scale per dimension), and whether the post is negative. A post's k
nearest posts of its language vote, each weighed by how much closer it is than the nearest (exp((s - s_top) / tau),
the weights summed to k): log((negative + 1) / (not negative + 1)). The encoder is injected and the store parsed from
arrays, so this module stays pure; the tuned encoder's prior and this vote hear different things (its fine-tuning
learnt the labels; the untuned one only says which posts are alike), which is why both are read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.sentence_prior import Encoder

REMEDY = "run python bench/build_tone_neighbours.py --vectors DIR --write (its docstring)"
ARRAYS = ("mean", "basis", "vectors", "scale", "negative", "langs", "ids", "tau", "encoder")


def vote_of(similar: Any, negative: Any, tau: float) -> Any:
    """The vote of rows of k neighbours (their cosines `similar` and 0/1 `negative`, arrays of one shape, the last
    axis the k): log((weighed negatives + 1) / (weighed others + 1)), one a row."""
    import numpy as np

    s = np.asarray(similar, dtype=np.float64)
    weights = np.exp((s - s.max(axis=-1, keepdims=True)) / tau)
    weights *= s.shape[-1] / weights.sum(axis=-1, keepdims=True)
    bad = (weights * negative).sum(axis=-1)
    return np.log((bad + 1.0) / (weights.sum(axis=-1) - bad + 1.0))


@dataclass(frozen=True, slots=True)
class Table:
    """One language's posts: their reduced embeddings (unit rows, as rounded) and whether each is negative."""

    vectors: Any  # float32, posts x dims
    negative: Any  # float64 0/1, one a post

    def vote(self, query: Any, k: int, tau: float) -> float:
        """The vote of the k posts nearest a reduced, unit query."""
        import numpy as np

        similar = self.vectors @ query
        k = min(k, len(similar))
        near = np.argpartition(-similar, k - 1)[:k]
        return float(vote_of(similar[near], self.negative[near], tau))


@dataclass(frozen=True, slots=True)
class NeighbourStore:
    """The development posts as the vote reads them: the reduction, each language's table, tau and the encoder."""

    mean: Any  # float32, the encoder's dims
    basis: Any  # float32, the encoder's dims x the reduced dims
    tables: Mapping[str, Table]
    tau: float
    encoder: Encoder = field(compare=False)

    def reduce(self, vector: Sequence[float]) -> Any:
        """An embedding in the store's space: centred, projected, made unit length."""
        import numpy as np

        projected = (np.asarray(vector, dtype=np.float32) - self.mean) @ self.basis
        return projected / max(float(np.linalg.norm(projected)), 1e-12)


@dataclass(frozen=True, slots=True)
class Neighbours:
    """The vote as the tone model adds it: k neighbours, times weight, from a store read on the first vote."""

    k: int
    weight: float
    load: Callable[[], NeighbourStore] = field(compare=False)
    _store: list[NeighbourStore] = field(default_factory=list, compare=False, repr=False)  # the store, once read

    @property
    def reach(self) -> float:
        """The most the vote can move a post's log-odds either way: all k neighbours of one answer."""
        return self.weight * math.log(self.k + 1)

    def store(self) -> NeighbourStore:
        """The store (read on first use: a few MB and numpy, not at start-up)."""
        if not self._store:  # a slice assignment: two threads reading it at once leave one store
            self._store[:] = [self.load()]
        return self._store[0]

    def vote(self, text: str, lang: str) -> float | None:
        """weight x the vote of the post's k nearest development posts of its language; None where the store has no
        post of it or the text is not encoded yet (all zeros: the judging worker's first pass, bot/judging.py)."""
        store = self.store()
        table = store.tables.get(lang)
        if table is None:
            return None
        vector = store.encoder.embed(text)
        if not any(vector):  # an embedding is L2-normalised: never all zeros
            return None
        return self.weight * table.vote(store.reduce(vector), self.k, store.tau)


def parse_store(arrays: Mapping[str, Any], source: str, encoder: Encoder) -> NeighbourStore:
    """The store from its arrays (bench/build_tone_neighbours.py's npz), or ConfigError naming the source and key."""
    import numpy as np

    missing = [name for name in ARRAYS if name not in arrays]
    if missing:
        raise ConfigError(f"{source}: no {', '.join(missing)}; {REMEDY}")
    if str(arrays["encoder"]) != encoder.name:
        raise ConfigError(f"{source} encoder: built with {str(arrays['encoder'])!r}, but this Kuulo encodes with "
                          f"{encoder.name!r}; {REMEDY}")
    mean, basis, vectors, scale = (np.asarray(arrays[name]) for name in ("mean", "basis", "vectors", "scale"))
    negative, langs = np.asarray(arrays["negative"]), np.asarray(arrays["langs"])
    dims = basis.shape[1] if basis.ndim == 2 else -1
    shapes = {"mean": (mean.shape, (encoder.dims,)), "basis": (basis.shape, (encoder.dims, dims)),
              "vectors": (vectors.shape, (len(negative), dims)), "scale": (scale.shape, (dims,)),
              "langs": (langs.shape, negative.shape)}
    if len(negative) == 0:
        raise ConfigError(f"{source} negative: no posts; {REMEDY}")
    for name, (found, wanted) in shapes.items():
        if found != wanted:
            raise ConfigError(f"{source} {name}: shape {found}, expected {wanted} ({len(negative)} posts of {dims} "
                              f"dims); {REMEDY}")
    if vectors.dtype != np.int8 or not np.isin(negative, (0, 1)).all():
        raise ConfigError(f"{source} vectors, negative: expected int8 vectors and 0/1 labels; {REMEDY}")
    tau = float(arrays["tau"])
    if not tau > 0:
        raise ConfigError(f"{source} tau: expected a number above 0, got {tau}; {REMEDY}")
    rounded = vectors.astype(np.float32) * scale.astype(np.float32)
    tables = {str(lang): Table(np.ascontiguousarray(rounded[langs == lang]), negative[langs == lang].astype(np.float64))
              for lang in sorted(set(langs.tolist()))}
    return NeighbourStore(mean.astype(np.float32), basis.astype(np.float32), tables, tau, encoder)


def parse_neighbours(body: object, source: str, load: Callable[[], NeighbourStore]) -> Neighbours:
    """The vote's settings from the tone model's JSON ("neighbours": {"k": 10, "weight": 1.0, ...}), or ConfigError."""
    if not isinstance(body, dict):
        raise ConfigError(f"{source} neighbours: expected an object with k and weight")
    k, weight = body.get("k"), body.get("weight")
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ConfigError(f"{source} neighbours.k: expected a whole number, 1 or more, got {k!r}")
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
        raise ConfigError(f"{source} neighbours.weight: expected a number, 0 or more, got {weight!r}")
    return Neighbours(k, float(weight), load)
