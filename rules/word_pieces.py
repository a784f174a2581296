"""The word-piece tone prior: a scalar a piece of multilingual-e5-small's SentencePiece vocabulary and a bias, distilled
from the encoder by bench/train_pieces.py (rules/packs/tone-pieces-fi.json), the pieces cut by rules/sentence_pieces.py.

A post's piece log-odds is the bias plus the mean of its pieces' scalars; rules/tone_model.py adds it, times the
table's weight, to a Finnish post's log-odds where the model weighs in. English posts have none: their table (BERT's
pieces, from all-MiniLM-L6-v2) earned nothing beside the sentence prior and was dropped on 2026-12-01. The prior reads
the post without the brands the engine found (without_brands), as the words model masks them: a brand's past posts
must not tilt its next ones.
"""

from __future__ import annotations

from itertools import chain
from dataclasses import dataclass, field
from typing import Collection, Mapping, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import PIECE_MEMO
from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.sentence_pieces import DELETE_JOINING, JOINING, MAX_WORD_CHARS, UnigramVocab
from kuulo.rules.sentence_pieces import UNKNOWN as UNKNOWN_PIECE
from kuulo.rules.verdict import BrandMatch

_PLAIN_NUMBERS = frozenset({int, float})  # a bool is neither type


def without_brands(text: str, found: Sequence[tuple[int, BrandMatch]], masked: Collection[int]) -> str:
    """The text with the tokens of the brands found blanked to a space each: `masked`, every mention's tokens."""
    # The engine's `found` (index of the first token, BrandMatch) and `masked` (brand_results.distinct), in
    # tone_model.weigh and Engine.prior_text (bench/train_pieces.py) alike. When every form found is one token written
    # once in the text, `masked` holds just those tokens, blanked by str.replace in C; a phrase's words (Tallink Silja)
    # and a form written twice (Posti ... Posti) are found by TOKEN_RE, up to the last one blanked (tokenize's).
    if not masked:
        return text
    if len(found) == 1 and len(masked) == 1:  # one brand, one word: most posts'
        form = found[0][1].form
        return text.replace(form, " ", 1) if " " not in form and text.count(form) == 1 else blank_tokens(text, masked)
    if len(masked) == len(found) and all(" " not in match.form and text.count(match.form) == 1 for _, match in found):
        for _, match in found:
            text = text.replace(match.form, " ", 1)
        return text
    return blank_tokens(text, masked)


def blank_tokens(text: str, gone: Collection[int]) -> str:
    """The text with the tokens (normalise.tokenize's) of these indices blanked to a space each, the rest kept."""
    if not gone:
        return text
    last = max(gone)
    parts: list[str] = []
    at = 0
    for k, token in enumerate(TOKEN_RE.finditer(text)):
        if k in gone:
            parts.append(text[at:token.start()])
            parts.append(" ")
            at = token.end()
        if k >= last:
            break
    parts.append(text[at:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class PieceTable:
    """A scalar for every vocabulary piece, a bias, the weight the tone model gives the prior, and the vocabulary that
    cuts a post into pieces."""

    scalars: Mapping[str, float]  # every piece of the vocabulary and <unk>, zeros too (_aligned)
    bias: float
    weight: float
    vocab: UnigramVocab  # the SentencePiece vocabulary the table was fitted to (rules/sentence_pieces.py)
    digest: str = ""  # the SHA-256 of the posts it was fitted on (bench/train_pieces.py)
    # A whitespace-separated word -> (its pieces' scalar sum, its number of pieces): a memo, pure like lru_cache,
    # as rules/question_clitics.py memoises a word's answer; PIECE_MEMO words of MAX_WORD_CHARS at most, then it
    # starts over.
    _memo: dict[str, tuple[float, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_memo", {})

    def _word(self, word: str) -> tuple[float, int]:
        """A whitespace-separated word's scalar sum and number of pieces."""
        scalars = self.scalars
        pieces = self.vocab.pieces(word)
        return sum(scalars.get(p, 0.0) for p in pieces), len(pieces)

    def score(self, text: str) -> float:
        """The post's piece log-odds: the bias plus the mean scalar of its pieces (the bias alone for none)."""
        if JOINING.search(text):  # controls the vocabulary's normaliser deletes, joining the words around them
            text = text.translate(DELETE_JOINING)
        memo = self._memo
        get, make = memo.get, self._word
        total, count = 0.0, 0
        for word in text.split():  # the vocabulary cuts each whitespace-separated word alone (UnigramVocab.text_pieces)
            hit = get(word)
            if hit is None:
                hit = make(word)
                if len(word) <= MAX_WORD_CHARS:  # a hostile post's long runs are not kept
                    if len(memo) >= PIECE_MEMO:  # checked per word kept: one long post cannot overfill it
                        memo.clear()
                    memo[word] = hit
            total += hit[0]
            count += hit[1]
        return self.bias + total / count if count else self.bias


def parse_piece_table(data: object, source: str, vocab: UnigramVocab) -> PieceTable:
    """A PieceTable cut by `vocab` from bench/train_pieces.py's parsed JSON, or ConfigError naming the source and the
    key."""
    # {"scalars": [scalar, ...] in the vocabulary's order, <unk> last, "vocab_sha256": its digest, "bias": b,
    #  "weight": k, "digest": sha256, "weights_sha256": ...}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected an object with scalars, bias, weight")
    for key in ("bias", "weight"):
        if not is_number(data.get(key)):
            raise ConfigError(f"{source} {key}: expected a number; "
                              "run python bench/train_pieces.py --encoder e5 --cache DIR --write")
    return PieceTable(_aligned(data, source, vocab), float(data["bias"]), float(data["weight"]), vocab,
                      str(data.get("digest", "")))


def _aligned(data: dict, source: str, vocab: UnigramVocab) -> dict[str, float]:
    """A SentencePiece table's scalars by piece: its list in the vocabulary's order, keyed by the vocabulary's own
    strings (115,818 pieces held once)."""
    values = data.get("scalars")
    if data.get("vocab_sha256") != vocab.digest:
        raise ConfigError(f"{source} vocab_sha256: the table was fitted to another vocabulary than the one given; "
                          f"run python bench/train_pieces.py --encoder e5 --cache DIR --write")
    kinds = set(map(type, values)) if isinstance(values, list) else None
    if kinds is None or len(values) != len(vocab.order) + 1 or not kinds <= _PLAIN_NUMBERS:
        raise ConfigError(f"{source} scalars: expected a list of {len(vocab.order) + 1} numbers, one a piece of the "
                          f"vocabulary and <unk> last")
    return dict(zip(chain(vocab.order, (UNKNOWN_PIECE,)), values if kinds == {float} else map(float, values)))


def is_number(value: object) -> bool:
    """True for an int or a float (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)
