"""The brand reader: a small head over the sentence encoder's reading of a name the rules argued about.

The matcher notes why a doubtful name is or is not its brand (rules/match.py); those names are contested. For each,
the reader embeds the words around it, the post and the brand's own description (name, aliases, context words:
what the config says the company is about) and a head fitted by bench/train_reader.py gives the chance that the name
is the company. It overrules the rules only when sure: a name the rules took is dropped under `low`, one they refused
is taken over `high`. It reads the posts of its `languages` only (English: where it was measured to help, the
Finnish names that are English words, places and people). The encoder is injected, so this module stays pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.brand_results import Found
from kuulo.rules.lexicon import Hit
from kuulo.rules.sentence_prior import Encoder, SentenceHead, parse_head
from kuulo.rules.specs import BrandSpec

REMEDY = "run python bench/train_reader.py --cache DIR --write"
WINDOW = 10  # tokens either side of a contested name: the words the reader reads it among
ALIASES, CONTEXT_WORDS = 5, 20  # of the brand's description: its first aliases and context words
Contest = tuple[int, int, Any, str, bool]  # start, end, the hit's payload (BrandHit), form, whether the rules took it


def brand_text(spec: BrandSpec) -> str:
    """What the config says a brand is: its name, first aliases and context words (their '*' dropped)."""
    words = [*spec.aliases[:ALIASES], *(word.rstrip("*") for word in spec.context[:CONTEXT_WORDS])]
    return f"{spec.name}: {', '.join(words)}"


def window(tokens: Sequence[str], start: int, end: int) -> str:
    """The name with WINDOW tokens either side, as the reader reads it."""
    return " ".join(tokens[max(0, start - WINDOW):end + WINDOW])


def features(around: Sequence[float], post: Sequence[float], brand: Sequence[float], taken: bool, finnish: bool,
             capital: bool) -> Any:
    """A contest's input row: the window's, post's and brand's embeddings, their agreement and three flags."""
    import numpy as np  # a dependency; the encoder has loaded it already

    w, p, b = (np.asarray(v, dtype=np.float64) for v in (around, post, brand))
    return np.concatenate([w, b, w * b, p, [w @ b, p @ b, float(taken), float(finnish), float(capital)]])


def contests(tokens: Sequence[str], hits: Sequence[Hit], found: Sequence[Found], notes: Sequence[str],
             names: Sequence[str]) -> list[Contest]:
    """The one-word and phrase hits the rules argued about: a note says the form is, or is not, the brand."""
    said = [note for note in notes if note[:1] == "'"]  # "'form' is Name: why", "'form' is not Name: why"
    taken = {(f[0], f[2]) for f in found}
    out: list[Contest] = []
    seen: set[tuple[int, int]] = set()
    for start, end, _, hit in hits:
        if (start, hit.brand) in seen:
            continue
        form = tokens[start] if end == start + 1 else " ".join(tokens[start:end])
        took = (start, hit.brand) in taken
        said_so = f"'{form}' is {'' if took else 'not '}{names[hit.brand]}:"
        if any(note.startswith(said_so) for note in said):
            seen.add((start, hit.brand))
            out.append((start, end, hit, form, took))
    return out


@dataclass(frozen=True, slots=True)
class BrandReader:
    """The head, its thresholds and the languages it reads; `for_brands` binds it to a config's brands."""

    head: SentenceHead  # hidden ReLU units and logistic over `features` (dims: 4 x the encoder's + 5)
    low: float
    high: float
    languages: frozenset[str]
    encoder: Encoder = field(compare=False)

    def probability(self, text: str, tokens: Sequence[str], contest: Contest, brand: str, finnish: bool) -> float:
        """The chance that a contested name is the company."""
        import math

        start, end, _, form, taken = contest
        embed = self.encoder.embed
        row = features(embed(window(tokens, start, end)), embed(text), embed(brand), taken, finnish,
                       form[:1].isupper())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.head.log_odds(row)))))

    def reads(self, language: str) -> bool:
        """Whether the reader reads posts in this language."""
        return language in self.languages

    def settle(self, text: str, finnish: bool, names: Sequence[str], brands: Sequence[str], tokens: Sequence[str],
               hits: Sequence[Hit], found: list[Found], notes: list[str]) -> list[Found]:
        """The found names after the reader's word on each contested one (`brands`: each brand's brand_text)."""
        for contest in contests(tokens, hits, found, notes, names):
            start, end, hit, form, taken = contest
            chance = self.probability(text, tokens, contest, brands[hit.brand], finnish)
            name = names[hit.brand]
            if taken and chance < self.low:
                found = [f for f in found if (f[0], f[2]) != (start, hit.brand)]
                notes.append(f"'{form}' is not {name}: the brand reader reads no company here ({chance:.2f}), "
                             "against the rules")
            elif not taken and chance > self.high:
                words = " ".join(tokens[start:end]).lower()
                found.append((start, end, hit.brand, hit.term, form, "exact" if words == hit.low else "inflected",
                              100.0))
                notes.append(f"'{form}' is {name}: the brand reader reads the company here ({chance:.2f}), against "
                             "the rules")
        return found


class ContestLog:
    """A reader that changes nothing and keeps each contest (bench/train_reader.py trains on them)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, bool, bool, bool]] = []  # text, brand, form, window, taken, capital,
        # finnish

    def reads(self, language: str) -> bool:
        """Every language: training reads them all."""
        return True

    def settle(self, text: str, finnish: bool, names: Sequence[str], brands: Sequence[str], tokens: Sequence[str],
               hits: Sequence[Hit], found: list[Found], notes: list[str]) -> list[Found]:
        """found unchanged; the contests noted in rows."""
        for start, end, hit, form, taken in contests(tokens, hits, found, notes, names):
            self.rows.append((text, names[hit.brand], form, window(tokens, start, end), taken, form[:1].isupper(),
                              finnish))
        return found


def parse_brand_reader(data: object, source: str, encoder: Encoder) -> BrandReader:
    """The reader from bench/train_reader.py's parsed JSON, or ConfigError naming the source and key."""
    # {"encoder": name, "dims": 384, "low": 0.1, "high": 0.9, "languages": ["en"], "head": {"hidden": [[...]],
    #  "hidden_bias": [...], "coefficients": [...], "bias": b}}: the head over 4 x dims + 5 inputs
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise ConfigError(f"{source}: expected an object with encoder, dims, low, high, languages and head; {REMEDY}")
    if data.get("encoder") != encoder.name:
        raise ConfigError(f"{source} encoder: fitted on {data.get('encoder')!r}, but this Kuulo encodes with "
                          f"{encoder.name!r}; {REMEDY}")
    if data.get("dims") != encoder.dims:
        raise ConfigError(f"{source} dims: {data.get('dims')!r}, but the encoder gives {encoder.dims}; {REMEDY}")
    for key in ("low", "high"):
        value = data.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ConfigError(f"{source} {key}: expected a chance from 0 to 1; {REMEDY}")
    languages = data.get("languages")
    if not isinstance(languages, list) or not all(isinstance(lang, str) for lang in languages):
        raise ConfigError(f"{source} languages: expected a list of language codes; {REMEDY}")
    head = parse_head(data["head"], f"{source} head", 4 * encoder.dims + 5, encoder, REMEDY)
    return BrandReader(head, float(data["low"]), float(data["high"]), frozenset(languages), encoder)
