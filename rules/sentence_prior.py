"""The tone model's sentence prior: a small head over a sentence encoder's embedding of a post, one a language,
fitted by bench/train_sentence.py (rules/packs/tone-sentence.json): a layer of ReLU units, then logistic (or, without
the layer, logistic over the embedding itself).

The encoder (multilingual-e5-small, bot/encoder.py) reads the post in context, so it hears what a flat report, an
understatement or a complaint politely framed says. rules/tone_model.py adds the head's log-odds, times its weight,
where it may tip a post: the encoder is injected (Encoder), so this module stays pure; it reads the post without the
brands the engine found (rules/prior_text.py), as the words model masks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import mul
from typing import Any, Protocol, Sequence

from kuulo.bot.errors import ConfigError

REMEDY = "run python bench/train_encoder.py --final --write (its docstring)"


class Encoder(Protocol):
    """What turns a text into its embedding (bot/encoder.py's E5Encoder)."""

    name: str
    dims: int

    def embed(self, text: str) -> Sequence[float]:
        """The text's embedding: as many numbers as the head has coefficients."""
        ...


@dataclass(frozen=True, slots=True)
class SentenceHead:
    """One language's head: hidden ReLU units over the embedding (none: the embedding itself), logistic over them."""

    coefficients: tuple[float, ...]  # log-odds = bias + coefficients . units (units: the embedding without a layer)
    bias: float
    weight: float
    encoder: Encoder = field(compare=False)
    hidden: tuple[tuple[float, ...], ...] = ()  # a unit's weights over the embedding, the standardisation folded in
    hidden_bias: tuple[float, ...] = ()
    _layer: list[Any] = field(default_factory=list, compare=False, repr=False)  # the layer as numpy arrays, built once

    def __post_init__(self) -> None:
        units = len(self.hidden)
        if len(self.hidden_bias) != units or len({len(row) for row in self.hidden}) > 1 or (
                units and len(self.coefficients) != units):
            raise ValueError(f"a head of {units} hidden units needs {units} biases and coefficients, and rows of one "
                             f"length; got {len(self.hidden_bias)} and {len(self.coefficients)}")

    def score(self, text: str) -> float:
        """The post's sentence log-odds."""
        return self.log_odds(self.encoder.embed(text))

    def log_odds(self, vector: Sequence[float]) -> float:
        """The head's log-odds of an input vector (the embedding, or rules/brand_reader.py's features)."""
        dims = len(self.hidden[0]) if self.hidden else len(self.coefficients)
        if len(vector) != dims:
            raise ValueError(f"{len(vector)} numbers for a head over {dims}")
        if not self.hidden:
            return self.bias + sum(map(mul, self.coefficients, vector))
        # 128 x 384 multiply-adds: ~1 ms in Python, ~7 us in numpy (a dependency; the encoder has loaded it already)
        import numpy as np

        if not self._layer:  # a slice assignment: two threads building it at once leave it whole
            self._layer[:] = (np.array(self.hidden), np.array(self.hidden_bias), np.array(self.coefficients))
        weights, biases, coefficients = self._layer
        units = np.maximum(weights @ np.asarray(vector, dtype=np.float64) + biases, 0.0)
        return self.bias + float(units @ coefficients)


def parse_sentence_heads(data: object, source: str, encoder: Encoder) -> dict[str, SentenceHead]:
    """The heads by language from bench/train_sentence.py's parsed JSON, or ConfigError naming the source and key."""
    # {"encoder": name, "dims": 384, "languages": {lang: {"weight": k, "bias": b, "coefficients": [...],
    #  "hidden": [[...dims numbers], ...units], "hidden_bias": [...units]}}, ...}: without hidden, coefficients of dims
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict) or not data["languages"]:
        raise ConfigError(f"{source}: expected an object with encoder, dims and languages; {REMEDY}")
    check_encoder(data, source, encoder, REMEDY)
    dims = encoder.dims
    return {str(lang): parse_head(body, f"{source} languages.{lang}", dims, encoder, REMEDY)
            for lang, body in data["languages"].items()}


def check_encoder(data: dict[str, Any], source: str, encoder: Encoder, remedy: str) -> None:
    """ConfigError unless the file's encoder and dims are this Kuulo's encoder's (its numbers fit those vectors)."""
    if data.get("encoder") != encoder.name:
        raise ConfigError(f"{source} encoder: fitted on {data.get('encoder')!r}, but this Kuulo encodes with "
                          f"{encoder.name!r}; {remedy}")
    if data.get("dims") != encoder.dims:
        raise ConfigError(f"{source} dims: {data.get('dims')!r}, but the encoder gives {encoder.dims}; {remedy}")


def parse_head(body: object, where: str, dims: int, encoder: Encoder, remedy: str) -> SentenceHead:
    """One head over `dims` inputs from its parsed JSON, or ConfigError naming where and the key."""
    if not isinstance(body, dict):
        raise ConfigError(f"{where}: expected an object with weight, bias, coefficients; {remedy}")
    for key in ("weight", "bias"):
        if not is_number(body.get(key)):
            raise ConfigError(f"{where}.{key}: expected a number; {remedy}")
    hidden = body.get("hidden", [])
    if not isinstance(hidden, list) or not all(_numbers(row, dims) for row in hidden):
        raise ConfigError(f"{where}.hidden: expected a list of units, each a list of {dims} numbers (dims); {remedy}")
    if (hidden or "hidden_bias" in body) and not _numbers(body.get("hidden_bias"), len(hidden)):
        raise ConfigError(f"{where}.hidden_bias: expected a list of {len(hidden)} numbers (one a unit); {remedy}")
    width = len(hidden) or dims
    if not _numbers(body.get("coefficients"), width):
        raise ConfigError(f"{where}.coefficients: expected a list of {width} numbers "
                          f"({'one a hidden unit' if hidden else 'dims'}); {remedy}")
    return SentenceHead(tuple(map(float, body["coefficients"])), float(body["bias"]), float(body["weight"]), encoder,
                        tuple(tuple(map(float, row)) for row in hidden), tuple(map(float, body.get("hidden_bias", []))))


def _numbers(values: object, count: int) -> bool:
    """Whether values is a list of exactly count numbers."""
    return isinstance(values, list) and len(values) == count and all(map(is_number, values))


def is_number(value: object) -> bool:
    """True for an int or a float (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
