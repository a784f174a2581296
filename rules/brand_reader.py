"""The brand reader: a small head over the sentence encoder's reading of a name the rules weighed.

The matcher weighs a name that is also a word, a place or a person by its readings and signs (rules/match.py) and
hands those names here, never one it settled by an exclude phrase, a comma, a measure, a person or its spelling. For
each, the reader embeds the words around it, the post and the brand's own description (name, aliases, context words:
what the config says the company is about) and a head fitted by bench/train_reader.py gives the chance that the name
is the company. It overrules the rules only when sure: a name they took is dropped under `low`, one they refused is
taken over `high`. It reads the posts of its `languages` only. The encoder is injected, so this module stays pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import MAX_NAMES_READ
from kuulo.rules.brand_results import Found, how_found
from kuulo.rules.sentence_prior import Encoder, SentenceHead, check_encoder, parse_head
from kuulo.rules.specs import BrandSpec
from kuulo.rules.tone_model import sigmoid

REMEDY = "run python bench/train_reader.py --cache DIR --write"
WINDOW = 10  # tokens either side of a weighed name: the words the reader reads it among
ALIASES, CONTEXT_WORDS = 5, 20  # of the brand's description: its first aliases and context words
Contest = tuple[int, int, Any, str, bool]  # start, end, the hit's payload (a BrandHit), form, whether the rules took it
Verdicts = list[tuple[bool | None, float]]  # each name: take it, drop it, or leave the rules' answer; the chance read
Reader = Callable[[list[str], list[Contest]], Verdicts]  # a reader bound to a post: tokens, its weighed names


def brand_text(spec: BrandSpec) -> str:
    """What the config says a brand is: its name, first aliases and context words (their '*' dropped)."""
    words = [*spec.aliases[:ALIASES], *(word.rstrip("*") for word in spec.context[:CONTEXT_WORDS])]
    return f"{spec.name}: {', '.join(words)}"


def window(tokens: Sequence[str], start: int, end: int) -> str:
    """The name with WINDOW tokens either side, as the reader reads it."""
    return " ".join(tokens[max(0, start - WINDOW):end + WINDOW])


def features(around: Sequence[float], post: Sequence[float], brand: Sequence[float], taken: bool, finnish: bool,
             capital: bool) -> Any:
    """A name's input row (a numpy array): the window's, brand's, their product and the post's embeddings, then the
    window's and the post's agreement with the brand and three flags."""
    import numpy as np  # a dependency; the encoder has loaded it already

    w, p, b = (np.asarray(v, dtype=np.float64) for v in (around, post, brand))
    return np.concatenate([w, b, w * b, p, [w @ b, p @ b, float(taken), float(finnish), float(capital)]])


def read_names(reader: Reader, names: Sequence[str], tokens: list[str], lows: list[str],
               weighed: list[tuple[int, int, Any, str]], found: list[Found], notes: list[str]) -> list[Found]:
    """found after the reader's word on the names the rules weighed (the first MAX_NAMES_READ), each change noted."""
    taken = {f[:3] for f in found}  # a refused name another mention took back (rules/second_look.py) is taken too
    contests = [(start, end, hit, form, (start, end, hit.brand) in taken)
                for start, end, hit, form in dict.fromkeys(weighed)][:MAX_NAMES_READ]
    for (start, end, hit, form, _), (verdict, chance) in zip(contests, reader(tokens, contests)):
        if verdict is False:
            found = [f for f in found if f[:3] != (start, end, hit.brand)]
            notes.append(f"'{form}' is not {names[hit.brand]}: the brand reader reads no company here ({chance:.2f}), "
                         "against the rules")
        elif verdict:
            found.append((start, end, hit.brand, hit.term, form, *how_found(hit, tokens, lows, start, end)))
            notes.append(f"'{form}' is {names[hit.brand]}: the brand reader reads the company here ({chance:.2f}), "
                         "against the rules")
    return found


@dataclass(frozen=True, slots=True)
class BrandReader:
    """The head, its thresholds and the languages it reads."""

    head: SentenceHead  # hidden ReLU units and logistic over `features` (4 x the encoder's dims + 5 inputs)
    low: float
    high: float
    languages: frozenset[str]
    encoder: Encoder = field(compare=False)

    def reads(self, language: str) -> bool:
        """Whether the reader reads posts in this language."""
        return language in self.languages

    def chance(self, text: str, tokens: Sequence[str], contest: Contest, brand: str, finnish: bool) -> float | None:
        """The chance that a weighed name is the company; None while a text is not encoded yet (all zeros: the judging
        worker's first pass, bot/judging.py), when the rules' answer stands."""
        start, end, _, form, taken = contest
        vectors = [self.encoder.embed(t) for t in (window(tokens, start, end), text, brand)]
        if not all(any(vector) for vector in vectors):  # an embedding is L2-normalised: never all zeros
            return None
        return sigmoid(self.head.log_odds(features(*vectors, taken, finnish, form[:1].isupper())))

    def verdicts(self, text: str, finnish: bool, names: Sequence[str], brands: Sequence[str], tokens: list[str],
                 contests: list[Contest]) -> Verdicts:
        """Each weighed name's verdict where the reader is sure (`brands`: each brand's brand_text), and its chance."""
        out: Verdicts = []
        for contest in contests:
            chance = self.chance(text, tokens, contest, brands[contest[2].brand], finnish)
            taken = contest[4]
            sure = chance is not None and (chance < self.low if taken else chance > self.high)
            out.append((not taken if sure else None, chance or 0.0))
        return out


class ContestLog:
    """A reader that changes nothing and keeps each weighed name (bench/train_reader.py trains on them)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, bool, bool, bool]] = []  # text, brand, form, window, taken,
        # capital, finnish

    def reads(self, language: str) -> bool:
        """Every language: training reads them all."""
        return True

    def verdicts(self, text: str, finnish: bool, names: Sequence[str], brands: Sequence[str], tokens: list[str],
                 contests: list[Contest]) -> Verdicts:
        """No verdict; each name noted in rows."""
        for start, end, hit, form, taken in contests:
            self.rows.append((text, names[hit.brand], form, window(tokens, start, end), taken, form[:1].isupper(),
                              finnish))
        return [(None, 0.0)] * len(contests)


def parse_brand_reader(data: object, source: str, encoder: Encoder) -> BrandReader:
    """The reader from bench/train_reader.py's parsed JSON, or ConfigError naming the source and key."""
    # {"encoder": name, "dims": 384, "low": 0.1, "high": 0.9, "languages": ["en"], "head": {"weight": 1, "bias": b,
    #  "coefficients": [...units], "hidden": [[...4 x dims + 5 numbers], ...units], "hidden_bias": [...units]}}
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise ConfigError(f"{source}: expected an object with encoder, dims, low, high, languages and head; {REMEDY}")
    check_encoder(data, source, encoder, REMEDY)
    for key in ("low", "high"):
        value = data.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ConfigError(f"{source} {key}: expected a chance from 0 to 1, got {value!r}; {REMEDY}")
    if data["low"] >= data["high"]:
        raise ConfigError(f"{source} low: {data['low']!r} is not below high ({data['high']!r}); {REMEDY}")
    languages = data.get("languages")
    if not isinstance(languages, list) or not all(isinstance(lang, str) for lang in languages):
        raise ConfigError(f"{source} languages: expected a list of language codes, got {languages!r}; {REMEDY}")
    head = parse_head(data["head"], f"{source} head", 4 * encoder.dims + 5, encoder, REMEDY)
    return BrandReader(head, float(data["low"]), float(data["high"]), frozenset(languages), encoder)
