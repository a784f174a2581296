"""English word pieces as BERT's uncased tokeniser cuts them (accents stripped, punctuation split, the longest
vocabulary piece first, then ##continuations) and a static tone prior over them: one scalar a piece and a bias,
distilled from the sentence encoder all-MiniLM-L6-v2 by bench/train_pieces.py (rules/packs/tone-pieces.json).

A post's piece log-odds is the bias plus the mean of its pieces' scalars; rules/tone_model.py adds it, times the
table's weight, to an English post's log-odds where the model weighs in. It reads the post without the brands the
engine found (without_brands), as the words model masks them: a brand's past posts must not tilt its next ones.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain
from dataclasses import dataclass, field
from typing import Collection, Container, Mapping, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import PIECE_MEMO
from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.sentence_pieces import DELETE_JOINING, JOINING, UnigramVocab
from kuulo.rules.sentence_pieces import UNKNOWN as UNKNOWN_PIECE
from kuulo.rules.verdict import BrandMatch

UNKNOWN = "[UNK]"  # a word no run of vocabulary pieces spells (an emoji, a word of another script)
MAX_WORD_CHARS = 100  # a longer word is UNKNOWN, as BERT's tokeniser has it
_PLAIN_NUMBERS = frozenset({int, float})  # a bool is neither type; a subclass of int or float is checked by is_number
# Control characters that str.split() takes for whitespace but BERT deletes, joining what stands around them.
_JOINING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f\x85]")
_DELETE_JOINING = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x1f\x85"))


def _is_punctuation(ch: str) -> bool:
    """BERT's punctuation: every ASCII non-letter, non-digit, non-space mark, and Unicode's P* categories."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    """A CJK ideograph, which BERT makes a word of its own."""
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)


def basic_words(text: str) -> list[str]:
    """BERT's basic tokenisation: controls dropped, lower case, accents stripped, each punctuation mark a word."""
    kept = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        category = unicodedata.category(ch)
        if ch in "\t\n\r" or category == "Zs":
            kept.append(" ")
        elif category.startswith("C"):
            continue
        elif _is_cjk(cp):
            kept.append(f" {ch} ")
        else:
            kept.append(ch)
    joined = "".join(kept)
    # Python lowers a word-final capital sigma to final sigma (ς); BERT lowers each letter alone (σ).
    lowered = "".join(ch.lower() for ch in joined) if "Σ" in joined else joined.lower()
    folded = unicodedata.normalize("NFD", lowered)
    folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    words: list[str] = []
    for chunk in folded.split():
        current = ""
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append(current)
                    current = ""
                words.append(ch)
            else:
                current += ch
        if current:
            words.append(current)
    return words


def word_pieces(word: str, vocab: Container[str]) -> list[str]:
    """One basic word as greedy longest-first vocabulary pieces (later ones with ##), or [UNKNOWN]."""
    if len(word) > MAX_WORD_CHARS:
        return [UNKNOWN]
    pieces, start = [], 0
    while start < len(word):
        end = len(word)
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                break
            end -= 1
        else:
            return [UNKNOWN]
        pieces.append(piece)
        start = end
    return pieces


def text_pieces(text: str, vocab: Container[str]) -> list[str]:
    """A text's word pieces, as the HF BERT uncased tokenizer gives them without [CLS] and [SEP]."""
    return [piece for word in basic_words(text) for piece in word_pieces(word, vocab)]


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
    """A scalar for every vocabulary piece, a bias and the weight the tone model gives the prior."""

    scalars: Mapping[str, float]  # BERT's: the full vocabulary, zeros too, as greedy matching needs every piece
    bias: float
    weight: float
    digest: str = ""  # the SHA-256 of the posts it was fitted on (bench/train_pieces.py)
    # The pieces cut by this SentencePiece vocabulary (rules/sentence_pieces.py) instead of BERT's; then `scalars`
    # holds the pieces whose scalar is not 0, and a piece it lacks weighs 0 but counts.
    vocab: UnigramVocab | None = None
    # A whitespace-separated word -> (its pieces' scalar sum, its number of pieces): a memo, pure like lru_cache,
    # as rules/question_clitics.py memoises a word's answer; PIECE_MEMO words of MAX_WORD_CHARS at most, then it
    # starts over.
    _memo: dict[str, tuple[float, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_memo", {})

    def _word(self, word: str) -> tuple[float, int]:
        """A whitespace-separated word's scalar sum and number of pieces."""
        scalars = self.scalars
        if self.vocab is not None:
            pieces = self.vocab.pieces(word)
        else:
            pieces = [p for w in basic_words(word) for p in word_pieces(w, scalars)]
        return sum(scalars.get(p, 0.0) for p in pieces), len(pieces)

    def score(self, text: str) -> float:
        """The post's piece log-odds: the bias plus the mean scalar of its pieces (the bias alone for none)."""
        vocab = self.vocab
        if vocab is None:
            if _JOINING_CONTROLS.search(text):
                text = text.translate(_DELETE_JOINING)
        elif JOINING.search(text):  # SentencePiece's
            text = text.translate(DELETE_JOINING)
        memo = self._memo
        get, make = memo.get, self._word
        total, count = 0.0, 0
        for word in text.split():  # BERT splits on whitespace first and works within each word after
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


def parse_piece_table(data: object, source: str, vocab: UnigramVocab | None = None) -> PieceTable:
    """A PieceTable (cut by `vocab`, if given) from bench/train_pieces.py's parsed JSON, or ConfigError naming the
    source and the key."""
    # {"pieces": {piece: scalar}, "bias": b, "weight": k, "digest": sha256, "weights_sha256": ...}; with a vocabulary,
    # "scalars": [scalar, ...] in its pieces' order, <unk> last, and "vocab_sha256": its digest
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected an object with {'scalars' if vocab else 'pieces'}, bias, weight")
    for key in ("bias", "weight"):
        if not is_number(data.get(key)):
            raise ConfigError(f"{source} {key}: expected a number; "
                              "run python bench/train_pieces.py --cache DIR --write")
    if vocab is not None:
        scalars = _aligned(data, source, vocab)
    else:
        pieces = data.get("pieces")
        # 30,522 pieces: their types are looked at once, in C (checked value by value, a third of the load's time)
        kinds = set(map(type, pieces.values())) if isinstance(pieces, dict) else None
        if not pieces or kinds is None or not (kinds <= _PLAIN_NUMBERS or all(map(is_number, pieces.values()))):
            raise ConfigError(f"{source} pieces: expected an object of word piece -> number")
        plain = kinds == {float} and set(map(type, pieces)) == {str}  # as JSON has them: what the table holds
        scalars = dict(pieces) if plain else {str(k): float(v) for k, v in pieces.items()}
    return PieceTable(scalars, float(data["bias"]), float(data["weight"]), str(data.get("digest", "")), vocab)


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
