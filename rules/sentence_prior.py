"""The tone model's sentence prior: a linear head over a sentence encoder's embedding of a post, one a language,
fitted by bench/train_sentence.py (rules/packs/tone-sentence.json).

The word-piece priors (rules/word_pieces.py) read each piece alone; the encoder (multilingual-e5-small, bot/encoder.py)
reads the post in context, so it hears what a flat report, an understatement or a complaint politely framed says.
rules/tone_model.py adds the head's log-odds, times its weight, where it may tip a post: the encoder is injected
(Encoder), so this module stays pure; it reads the post without the brands the engine found, as the pieces do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import mul
from typing import Protocol, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.word_pieces import is_number

REMEDY = "run python bench/train_sentence.py --cache DIR --write"


class Encoder(Protocol):
    """What turns a text into its embedding (bot/encoder.py's E5Encoder)."""

    name: str
    dims: int

    def embed(self, text: str) -> Sequence[float]:
        """The text's embedding: as many numbers as the head has coefficients."""
        ...


@dataclass(frozen=True, slots=True)
class SentenceHead:
    """One language's coefficients over the embedding, its bias and the weight the tone model gives it."""

    coefficients: tuple[float, ...]  # the standardisation folded in: log-odds = bias + coefficients . embedding
    bias: float
    weight: float
    encoder: Encoder = field(compare=False)

    def score(self, text: str) -> float:
        """The post's sentence log-odds."""
        vector = self.encoder.embed(text)
        if len(vector) != len(self.coefficients):
            raise ValueError(f"the encoder gave {len(vector)} numbers for a head of {len(self.coefficients)}")
        return self.bias + sum(map(mul, self.coefficients, vector))


def parse_sentence_heads(data: object, source: str, encoder: Encoder) -> dict[str, SentenceHead]:
    """The heads by language from bench/train_sentence.py's parsed JSON, or ConfigError naming the source and key."""
    # {"encoder": name, "dims": 384, "languages": {lang: {"weight": k, "bias": b, "coefficients": [...]}}, ...}
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict) or not data["languages"]:
        raise ConfigError(f"{source}: expected an object with encoder, dims and languages; {REMEDY}")
    if data.get("encoder") != encoder.name:
        raise ConfigError(f"{source} encoder: fitted on {data.get('encoder')!r}, but this Kuulo encodes with "
                          f"{encoder.name!r}; {REMEDY}")
    dims = data.get("dims")
    if dims != encoder.dims:
        raise ConfigError(f"{source} dims: {dims!r}, but the encoder gives {encoder.dims}; {REMEDY}")
    heads = {}
    for lang, body in data["languages"].items():
        where = f"{source} languages.{lang}"
        if not isinstance(body, dict):
            raise ConfigError(f"{where}: expected an object with weight, bias, coefficients; {REMEDY}")
        for key in ("weight", "bias"):
            if not is_number(body.get(key)):
                raise ConfigError(f"{where}.{key}: expected a number; {REMEDY}")
        values = body.get("coefficients")
        if not isinstance(values, list) or len(values) != dims or not all(map(is_number, values)):
            raise ConfigError(f"{where}.coefficients: expected a list of {dims} numbers (dims); {REMEDY}")
        heads[str(lang)] = SentenceHead(tuple(map(float, values)), float(body["bias"]), float(body["weight"]), encoder)
    return heads
