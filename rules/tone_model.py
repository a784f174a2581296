"""A learned tone model beside the rules: a logistic regression over a post's words, stems, emoji and marks, with the
rules' answer as one more vote; its weights come parsed (rules/packs/tone-model.json, written by bench/train_tone.py).

Features come from the tokens the engine already has; the brands it found and every @handle are masked, so the
model learns how people complain, not which companies this set's writers complained about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Container, Iterable, Mapping

from kuulo.rules.classify import Tone
from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.tone import FILLERS, NEGATORS

STEM = 5  # a Finnish word's first letters stand for its inflected forms: odotin, odotan, odotusta -> odot
BRAND = "<brand>"
HANDLE = "<handle>"
NUMBER = "<num>"
SHOWN_FEATURES = 3  # the strongest contributions `kuulo explain` shows
MIN_WORDS = 4  # in a shorter post ("Miksi ei?", "Gigantti 👎") a word or two is too little to overrule the rules


def long_enough(lows: list[str]) -> bool:
    """True when a post has MIN_WORDS words (emoji count) or more: the model weighs in on it."""
    return sum(1 for low in lows if low[0] not in BOUNDARY_CHARS) >= MIN_WORDS


def _marks(counts: int) -> str:
    """A count of marks as a small bucket: 0, 1, 2 or more."""
    return "2" if counts >= 2 else str(counts)


def features(lows: list[str], masked: Container[int], lang: str) -> list[str]:
    """The post's feature names: words, stems, word pairs, negator-word pairs and marks."""
    words: list[str] = []
    out: list[str] = []
    add = out.append
    excl = ques = 0
    for i, low in enumerate(lows):
        first = low[0]
        if first in BOUNDARY_CHARS:
            excl += low.count("!")
            ques += low.count("?")
            words.append("|")
            continue
        if i in masked:
            low = BRAND
        elif first == "@":
            low = HANDLE
        elif first.isdigit():
            low = NUMBER
        words.append(low)
        add(f"w:{low}")
        if len(low) > STEM + 1 and first.isalpha():
            add(f"s:{low[:STEM]}")
    for one, two in zip(words, words[1:]):
        if one != "|" and two != "|":
            add(f"b:{one} {two}")
    for i, word in enumerate(words):
        if word in NEGATORS:
            for k in range(i + 1, min(len(words), i + 5)):
                nxt = words[k]
                if nxt == "|":
                    break
                if nxt not in FILLERS and nxt not in NEGATORS:
                    add(f"n:{nxt[:STEM + 1]}")
                    break
    if excl:
        add(f"!:{_marks(excl)}")
    if ques:
        add(f"?:{_marks(ques)}")
    return out


@dataclass(frozen=True, slots=True)
class ToneModel:
    """Word weights, a bias, the rules' vote and a threshold per language:
    P(negative) = sigmoid(bias + the post's weights + rules_weight if the rules say negative, else - rules_weight)."""

    weights: Mapping[str, float]
    bias: float
    rules_weight: float
    thresholds: Mapping[str, float]
    digest: str = ""  # the SHA-256 of the posts the weights were trained on (bench/train_tone.py)

    def score(self, names: Iterable[str], rules_negative: bool | None = None) -> tuple[float, list[tuple[str, float]]]:
        """The probability that the post is negative, and every feature that weighs in, with its weight (the
        rules' vote as "rules"; None leaves it out: the words alone)."""
        get = self.weights.get
        seen = [(name, w) for name in dict.fromkeys(names) if (w := get(name))]
        if rules_negative is not None and self.rules_weight:
            seen.append(("rules", self.rules_weight if rules_negative else -self.rules_weight))
        z = self.bias + sum(w for _, w in seen)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z)), seen

    def threshold(self, lang: str) -> float:
        """The probability from which a post in `lang` is negative."""
        return self.thresholds.get(lang, self.thresholds.get("*", 0.5))


def _shown(name: str) -> str:
    """A feature as `kuulo explain` shows it: 'still', 'odota*', 'still waiting', 'not work*', '!!'."""
    kind, _, value = name.partition(":")
    if kind == "s":
        return f"{value}*"
    if kind == "n":
        return f"not {value}*"
    if kind in ("!", "?"):
        return f"{kind} x{value}"
    return value or name


def explain(probability: float, seen: list[tuple[str, float]], negative: bool) -> str:
    """"model 0.82: 'still' +0.90, '😤' +1.10, rules +1.00": the probability and what pushed it most."""
    strongest = sorted(seen, key=lambda s: (-s[1] if negative else s[1], s[0]))[:SHOWN_FEATURES]
    shown = ", ".join(f"rules {w:+.2f}" if name == "rules" else f"'{_shown(name)}' {w:+.2f}" for name, w in strongest)
    return f"model {probability:.2f}: {shown}" if shown else f"model {probability:.2f}"


def weigh(model: ToneModel, lows: list[str], masked: Container[int], lang: str, tone: Tone) -> Tone:
    """The rules' tone with the model's say: its probability decides a post of MIN_WORDS words or more, and a note
    tells why whenever it calls a post negative or overrules the rules' negative words."""
    if not long_enough(lows):
        return tone
    rules_say = bool(tone.negative_terms)
    probability, seen = model.score(features(lows, masked, lang), rules_say)
    says = probability >= model.threshold(lang)
    if not says and not rules_say:
        return tone
    note = explain(probability, seen, says)
    if not says:  # the rules' words are outweighed: no negative, no complaint category
        note = f"{note} (outweighs the rules' {', '.join(tone.negative_terms)})"
        return replace(tone, negative_terms=(), categories=(), category_terms=(), notes=(*tone.notes, note))
    if not rules_say:
        return replace(tone, negative_terms=(note,), notes=(*tone.notes, note))
    return replace(tone, notes=(*tone.notes, note))
