"""A learned tone model beside the rules: a logistic regression over a post's words, stems, emoji and marks, with the
rules' answer as one more vote; its weights come parsed (rules/packs/tone-model.json, written by bench/train_tone.py).

Features come from the tokens the engine already has; the brands it found and every @handle are masked, so the
model learns how people complain, not which companies this set's writers complained about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any, Collection, Iterable, Mapping, Sequence

from kuulo.rules.classify import Tone
from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.prior_text import without_brands
from kuulo.rules.sentence_prior import SentenceHead
from kuulo.rules.tone import FILLERS, NEGATORS
from kuulo.rules.tone_neighbours import Neighbours
from kuulo.rules.verdict import BrandMatch

STEM = 5  # a Finnish word's first letters stand for its inflected forms: odotin, odotan, odotusta -> odot
BRAND = "<brand>"
HANDLE = "<handle>"
NUMBER = "<num>"
SHOWN_FEATURES = 3  # the strongest contributions `kuulo explain` shows
SHOWN_PARTS = 20_000  # features whose shown text is remembered (_part)
MIN_WORDS = 6  # a shorter post's words ("Miksi ei?", "Ei tarvinnut odottaa yhtään") are too few to overrule the rules
# (6, not 5: the same figures within three posts on both protocols, and five words of a curiosity question, "Miksi
# kuu näyttää isommalta horisontissa?", are left to the rules instead of a "miksi" that complains in most posts)
NEGATION_REACH = 4  # a word this near after a negator, with only fillers between, is a negated word (ei ole vielä tullut)
# The log-odds from the threshold (the words and the rules' vote summed) past which the sentence prior is not asked: its
# encoder costs ~23 ms a post (one thread). Measured, not a bound: of the 11,289 development posts, asked everywhere the
# model weighs in (10,727) against asked within 2 of the threshold (2,453): 5 verdicts differ; within 3 (3,478 asked):
# 3; within 1.5 (2,029): 12; within 1 (1,678): 48 (2026-11-30 11:04 UTC). A head weighted above 1 moves a post further,
# so it is asked that much further out: the English head at 1.5 (2026-12-01, the heads' out-of-batch log-odds before the
# retrain, threshold 0.26) asked within 2 would have left 113 of its verdicts on the development posts unread (83 of
# them right), within 3: 32 (24 right).
SENTENCE_REACH = 2.0
# The sentence log-odds (its head's, before the language's weight) at which the sentence prior calls negative a post
# whose negative words the rules excused (negated, solved, only asked about; or praise outweighed them where the model
# keeps out): the encoder reads the whole sentence, which the excuse's reasons come from. Out of batch on the 25,687
# development posts (the folds' out-of-fold log-odds, a batch's threshold chosen on the other batches from 0.5-5):
# Finnish F1 0.8894 -> 0.8923, English 0.8941 -> 0.8965; at 2 on every batch 0.8920 / 0.8968 (1: the same, 3: 0.8912
# / 0.8966). Of the 466 excused posts (84 negative), 55 are called negative, 6 of them wrongly, all of MIN_WORDS words
# or more (2026-12-04 01:00 UTC); a shorter post is left to the rules, as the words model leaves it ("Ongelmaton
# palautus Motonetissa": +2.24, 'ongelma' read in 'ongelmaton'). Short posts the rules did not excuse gained nothing
# the same way either.
EXCUSE_OVERRULED_AT = 2.0
TOKEN_CACHE = 50_000  # tokens whose weights are remembered; the memo starts over past it
PLAIN, NEGATOR, FILLER, MARK = range(4)  # PLAIN is 0: ToneModel.weigh asks a token's role only when it is not
NEGATIVE, NOT_NEGATIVE, EXCUSED, PRAISED, OUTWEIGHED = 1, 0, -1, 2, 3  # the rules' answer: a negative word, nothing
# at all, a negative word they discounted, praise and nothing negative, or words of theirs that praise outweighed
OUTWEIGHED_NOTES = ("praise outweighs", "praise after a contrast")  # classify.py's notes when praise outweighs
KINDS = {"w": 0, "s": 1, "n": 3, "!": 4, "?": 4}  # feature kind -> ToneModel table (pairs "b": table 2; marks by name)
_NO_PAIRS: dict[str, float] = {}
_PARTS: dict[tuple[str, float], str] = {}  # (feature, weight) -> its text in a note: see _part


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), with z kept within +-30."""
    # min(30.0, z) then max(-30.0, .) compared inline: two builtin calls a post fewer, the same float (NaN too: 30.0)
    z = z if z < 30.0 else 30.0
    return 1.0 / (1.0 + math.exp(-(z if z > -30.0 else -30.0)))


def _logit(p: float) -> float:
    """The log-odds of a probability between 0 and 1."""
    return math.log(p / (1.0 - p))


def _marks(counts: int) -> str:
    """A count of marks as a small bucket: 1, or 2 for more."""
    return "2" if counts >= 2 else "1"


class _Every:
    """A table in which every key weighs 1: walking a post with it names all its features."""

    def get(self, key: str, default: Any = None) -> Any:
        """1.0 for any feature key; itself for a pair's first word, so every pair weighs."""
        return self if default is _NO_PAIRS else 1.0


_EVERY = _Every()


def masked_words(lows: list[str], masked: Collection[int]) -> list[str]:
    """The tokens with each run of brand tokens (`masked`: the engine's) read as one BRAND: Tallink Silja, Posti."""
    # Every mention, however many words its name has, is one <brand>: the model learns no name, and a post weighs the
    # same whichever brand it names.
    out = lows.copy()
    for i in masked:
        out[i] = BRAND
    if len(masked) > 1 and (later := [i for i in masked if i - 1 in masked]):  # one brand token: no run
        for i in sorted(later, reverse=True):
            del out[i]
    return out


def features(lows: list[str], masked: Collection[int]) -> list[str]:
    """The post's feature names, once per occurrence: words, stems, word pairs, negated words, !/? counts."""
    # ToneModel.weigh sums the same weights without building the names (a test holds the two together).
    return [name for name, _ in _weighed(lows, masked, _EVERY, _EVERY, _EVERY, _EVERY, _EVERY)]


def _own(low: str, words: Any, stems: Any) -> tuple[tuple[str, float], ...]:
    """A word's own features with a weight in the tables given: the word, its stem."""
    w, stem = words.get(low), low[:STEM] if len(low) > STEM + 1 and low[0].isalpha() else ""
    ws = stems.get(stem) if stem else None
    if not ws:
        return ((f"w:{low}", w),) if w else ()
    return ((f"w:{low}", w), (f"s:{stem}", ws)) if w else ((f"s:{stem}", ws),)


def _weighed(lows: list[str], masked: Collection[int], words: Any, stems: Any, pairs: Any, after: Any,
             marks: Any, named: dict[str, tuple[tuple[str, float], ...]] | None = None) -> list[tuple[str, float]]:
    """Each feature of the post that has a weight in the tables given, with its weight, in the post's order."""
    # A negated word is the first word after a negator, with only fillers between, within NEGATION_REACH words;
    # `named` remembers a word's own features (its word and stem, _own), which no neighbour changes.
    if masked:
        lows = masked_words(lows, masked)
    out: list[tuple[str, float]] = []
    add = out.append
    excl = ques = 0
    prev = ""
    negator = -NEGATION_REACH - 1
    for i, low in enumerate(lows):
        first = low[0]
        if first in BOUNDARY_CHARS:
            excl += low.count("!")
            ques += low.count("?")
            prev = ""
            negator = -NEGATION_REACH - 1
            continue
        if first == "@":  # BRAND (masked_words) is neither a handle nor a number
            low = HANDLE
        elif first.isdigit():
            low = NUMBER
        own = named.get(low) if named is not None else None
        if own is None:
            own = _own(low, words, stems)
            if named is not None and len(named) < TOKEN_CACHE:
                named[low] = own
        if own:
            out += own
        if prev and (w := pairs.get(prev, _NO_PAIRS).get(low)):
            add((f"b:{prev} {low}", w))
        prev = low
        if low in NEGATORS:
            negator = i
        elif low not in FILLERS:
            if i - negator <= NEGATION_REACH and (w := after.get(low[:STEM + 1])):
                add((f"n:{low[:STEM + 1]}", w))
            negator = -NEGATION_REACH - 1
    if excl and (w := marks.get(f"!:{_marks(excl)}")):
        add((f"!:{_marks(excl)}", w))
    if ques and (w := marks.get(f"?:{_marks(ques)}")):
        add((f"?:{_marks(ques)}", w))
    return out


@dataclass(frozen=True, slots=True)
class ToneModel:
    """Feature weights, a bias, the rules' vote and a threshold per language."""

    # P(negative) = sigmoid(bias + the post's weights + rules_weight if the rules say negative, else - rules_weight
    # times the share of their answer: silent_share when they saw nothing at all, praised_share when only praise,
    # outweighed_share when praise outweighed their words; without an outweighed_share such a post keeps the rules'
    # answer, as one they excused for another reason does)

    weights: Mapping[str, float]
    bias: float
    rules_weight: float
    thresholds: Mapping[str, float]
    digest: str = ""  # the SHA-256 of the posts the weights were trained on (bench/train_tone.py)
    silent_share: float = 1.0  # of the vote against a post in which the rules saw nothing at all
    praised_share: float = 1.0  # of the vote against a post in which the rules saw praise and nothing negative
    outweighed_share: float | None = None  # of the vote against a post whose words praise outweighed; None: excused
    # the sentence priors (rules/sentence_prior.py) by language: an encoder's embedding of the post, read in context
    sentences: Mapping[str, SentenceHead] = field(default_factory=dict)
    # the thresholds chosen without the sentence priors, for a config that turns them off (without_sentences)
    plain_thresholds: Mapping[str, float] = field(default_factory=dict)
    # the neighbours vote (rules/tone_neighbours.py), added to the sentence prior where it is read
    neighbours: Neighbours | None = None
    # The weights by kind, keyed by the token itself, so that a post is weighed without building feature names.
    _tables: tuple[dict[str, Any], ...] = field(init=False, repr=False, compare=False)
    _cache: dict[str, tuple[float, Any, float, int, str]] = field(init=False, repr=False, compare=False)
    _named: dict[str, tuple[tuple[str, float], ...]] = field(init=False, repr=False, compare=False)  # see _weighed
    _votes: dict[int, float] = field(init=False, repr=False, compare=False)
    _other_langs: float | None = field(init=False, repr=False, compare=False)
    _cuts: dict[str, float] = field(init=False, repr=False, compare=False)  # a threshold's log-odds, by language

    def __post_init__(self) -> None:
        tables: tuple[dict[str, Any], ...] = ({}, {}, {}, {}, {})  # words, stems, pairs, after a negator, marks
        for name, weight in self.weights.items():
            kind, _, key = name.partition(":")
            if kind == "b":
                one, _, two = key.partition(" ")
                tables[2].setdefault(one, {})[two] = weight
            elif kind in KINDS:
                tables[KINDS[kind]][name if kind in "!?" else key] = weight
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_cache", {})  # token -> _token(token): a memo, pure like lru_cache
        object.__setattr__(self, "_named", {})  # token -> its own named features (_own), for contributions' notes
        # vote(answer) by answer, worked out once: weigh reads it for every post it weighs
        object.__setattr__(self, "_votes", {a: self._vote(a) for a in (NEGATIVE, NOT_NEGATIVE, EXCUSED, PRAISED,
                                                                        OUTWEIGHED)})
        object.__setattr__(self, "_other_langs", self.thresholds.get("*"))  # threshold's default, read once
        object.__setattr__(self, "_cuts", {lang: _logit(t) for lang, t in self.thresholds.items()})

    def score(self, names: Iterable[str], rules_negative: bool | None = None) -> tuple[float, list[tuple[str, float]]]:
        """The probability that the post is negative, and each feature that weighs in (the rules' vote as "rules")."""
        get = self.weights.get
        seen = [(name, w) for name in names if (w := get(name))]
        if rules_negative is not None and self.rules_weight:
            seen.append(("rules", self.rules_weight if rules_negative else -self.rules_weight))
        return sigmoid(self.bias + sum(w for _, w in seen)), seen

    def contributions(self, lows: list[str], masked: Collection[int]) -> list[tuple[str, float]]:
        """Each feature of the post that weighs in, with its weight: score(features(...))[1] without the rules' vote."""
        # The names are built only for the few features with a weight: the note of a post the model decides.
        return _weighed(lows, masked, *self._tables, self._named)

    def _learn(self, low: str) -> tuple[float, Any, float, int, str]:
        """_token(low), remembered."""
        info = self._cache[low] = self._token(low)
        return info

    def _token(self, low: str) -> tuple[float, Any, float, int, str]:
        """A token's word+stem weight, pair weights after it, weight when negated, role and feature form."""
        first = low[0]
        if first in BOUNDARY_CHARS:
            return 0.0, None, 0.0, MARK, low
        words, stems, pairs, after, _ = self._tables
        key = HANDLE if first == "@" else NUMBER if first.isdigit() else low  # BRAND stays itself
        w = words.get(key, 0.0)
        if len(key) > STEM + 1 and first.isalpha():
            w += stems.get(key[:STEM], 0.0)
        role = NEGATOR if key in NEGATORS else FILLER if key in FILLERS else PLAIN
        return w, pairs.get(key), after.get(key[:STEM + 1], 0.0), role, key

    def weigh(self, lows: list[str], masked: Collection[int]) -> tuple[float, int]:
        """The words' log-odds of a post (bias in, no rules' vote) and its number of words, as score(features())."""
        cache = self._cache
        if len(cache) > TOKEN_CACHE:
            cache.clear()
        if masked:
            if len(masked) == 1:  # one brand token: masked_words without its call
                lows = lows.copy()
                for i in masked:
                    lows[i] = BRAND
            else:
                lows = masked_words(lows, masked)
        get, learn = cache.get, self._learn
        mark, filler, plain, reach = MARK, FILLER, PLAIN, NEGATION_REACH  # locals: read for every token
        z = self.bias
        excl = ques = marks = 0
        nexts: Any = None
        j = -1  # the last negator's index
        for low in lows:
            try:  # a subscript, not get(): most tokens are remembered, and the lookup is made for each
                w, pairs, _, role, key = cache[low]
            except KeyError:
                w, pairs, _, role, key = learn(low)
            if role:  # not a plain word: most are
                if role == mark:
                    excl += low.count("!")
                    ques += low.count("?")
                    marks += 1
                    nexts = None
                    continue
                if role != filler:  # a negator: the first word after it, with only fillers between, within reach
                    j = lows.index(low, j + 1)  # each negator in turn: an earlier one of its word came before
                    for k in range(j + 1, min(j + reach + 1, len(lows))):
                        ahead = get(lows[k]) or learn(lows[k])
                        if ahead[3] != filler:  # a mark or another negator ends the reach; a plain word takes it
                            if ahead[3] == plain and ahead[2]:
                                z += ahead[2]
                            break
            z += w  # 0.0 for most words: a test would cost more
            if nexts is not None and key in nexts:  # a pair's weight: most pairs of words have none
                z += nexts[key]
            nexts = pairs
        if excl:  # _marks(excl) and _marks(ques) written out
            z += self._tables[4].get("!:2" if excl >= 2 else "!:1", 0.0)
        if ques:
            z += self._tables[4].get("?:2" if ques >= 2 else "?:1", 0.0)
        return z, len(lows) - marks

    def vote(self, answer: int) -> float:
        """The rules' vote in log-odds for their answer (rules_answer): + for NEGATIVE, - a share of it otherwise."""
        return self._votes[answer]

    def _vote(self, answer: int) -> float:
        """vote(answer), worked out."""
        if answer == NEGATIVE:
            return self.rules_weight
        return -self.rules_weight * (self.silent_share if answer == NOT_NEGATIVE else
                                     self.praised_share if answer == PRAISED else
                                     self.outweighed_share or 0.0 if answer == OUTWEIGHED else 1.0)

    def threshold(self, lang: str) -> float | None:
        """The probability from which a post in `lang` is negative; None: not trained on it, the rules judge."""
        return self.thresholds.get(lang, self._other_langs)


def _shown(name: str) -> str:
    """A feature as `kuulo explain` shows it: 'still', 'odota*', 'still waiting', 'not toimi*', '!!'."""
    kind, _, value = name.partition(":")
    if kind == "s":
        return f"{value}*"
    if kind == "n":
        return f"not {value}*"
    if kind in ("!", "?"):
        return kind * int(value)
    return value


def explain(probability: float, seen: list[tuple[str, float]], negative: bool, first: str = "") -> str:
    """"model 0.82: 'still' +0.90, '😤' +1.10, rules +1.50": the probability and what pushed it most (after first)."""
    # by weight (the strongest for the answer first), then by name: one sort by weight, and where two of the shown or
    # the first left out weigh the same, a sort by name before a stable one by weight
    strongest = sorted(seen, key=itemgetter(1), reverse=negative)[:SHOWN_FEATURES + 1]
    if len(set(map(itemgetter(1), strongest))) < len(strongest):
        strongest = sorted(sorted(seen), key=itemgetter(1), reverse=negative)
    parts = [_PARTS.get(feature) or _part(feature) for feature in strongest[:SHOWN_FEATURES]]
    shown = ", ".join([first, *parts] if first else parts)
    return f"model {probability:.2f}: {shown}" if shown else f"model {probability:.2f}"


def _part(feature: tuple[str, float]) -> str:
    """A feature as a note shows it ("'still' +0.90", "rules -0.75"), remembered: a model's weights are few."""
    name, w = feature
    part = f"rules {w:+.2f}" if name == "rules" else f"'{_shown(name)}' {w:+.2f}"
    if w and len(_PARTS) < SHOWN_PARTS:  # not a zero: 0.0 and -0.0 are one key but show "+0.00" and "-0.00"
        _PARTS[feature] = part
    return part


def without_sentences(model: ToneModel) -> ToneModel:
    """The model without its sentence priors and neighbours vote, at the thresholds chosen without them
    (`matching.sentence_prior: false`: a post read in microseconds, not milliseconds)."""
    return replace(model, sentences={}, thresholds=dict(model.plain_thresholds or model.thresholds), neighbours=None)


def _sentence_shown(sentence: float | None, decides: bool, near: float | None = None) -> str:
    """"neighbours +0.85, sentence -1.20 (decide it)": the neighbours vote and the sentence prior as read, marked where
    they tipped the post ("": not read, None)."""
    if sentence is None:
        return ""
    voted = f"neighbours {near:+.2f}, " if near else ""
    return f"{voted}sentence {sentence:+.2f}{' (decide it)' if decides else ''}"


def rules_answer(tone: Tone) -> int:
    """NEGATIVE, OUTWEIGHED (words of theirs that praise outweighed), EXCUSED (a negative word discounted for another
    stated reason, which the model keeps), PRAISED, or NOT_NEGATIVE (nothing at all)."""
    # Negated, solved, only asked about: the model's words know no such reason. Praise that outweighed a complaint
    # the words may weigh themselves (ToneModel.outweighed_share).
    if tone.negative_terms:
        return NEGATIVE
    if tone.notes:
        return OUTWEIGHED if outweighed(tone.notes) else EXCUSED
    return PRAISED if tone.positive else NOT_NEGATIVE


def outweighed(notes: Sequence[str]) -> bool:
    """True when every note tells of praise that outweighed the rules' words ("praise outweighs 'took … weeks'")."""
    return all(note.startswith(OUTWEIGHED_NOTES) for note in notes)


def excuse_overruled(model: ToneModel, lows: list[str], masked: Collection[int], lang: str, tone: Tone, text: str,
                     found: Sequence[tuple[int, BrandMatch]]) -> Tone:
    """The rules' excused tone, or negative where the sentence prior reads a post of MIN_WORDS words or more as
    negative all the same (EXCUSE_OVERRULED_AT)."""
    head = model.sentences.get(lang)
    if head is None or model.weigh(lows, masked)[1] < MIN_WORDS:
        return tone
    sentence = head.score(without_brands(text, found, masked))
    if sentence < EXCUSE_OVERRULED_AT:
        return tone
    note = (f"model sentence {sentence:+.2f} (decide it): negative from {EXCUSE_OVERRULED_AT:+.2f}, "
            "the rules' excuse aside")
    return Tone((note,), tone.positive, tone.categories, tone.category_terms, (*tone.notes, note))


def weigh(model: ToneModel, lows: list[str], masked: Collection[int], lang: str, tone: Tone, text: str = "",
          found: Sequence[tuple[int, BrandMatch]] = ()) -> Tone:
    """The rules' tone with the model's say on a post of MIN_WORDS words or more that the rules did not excuse (an
    excused one: the sentence prior's alone, excuse_overruled)."""
    # A note tells why when the model calls negative a post the rules do not, or outweighs their negative words.
    # `text` is the cleaned text the tokens were found in; `masked`: every token of every mention the engine accepted
    # (a phrase's every word, a form written twice), which the words model reads as one <brand> a run (masked_words)
    # and the sentence prior reads blanked (without_brands; `found`: the engine's token index, BrandMatch).
    rules_say = bool(tone.negative_terms)
    threshold = model.thresholds.get(lang, model._other_langs)  # model.threshold(lang) without its call
    if threshold is None:
        return tone
    if not rules_say and tone.notes and (model.outweighed_share is None or not outweighed(tone.notes)):
        return excuse_overruled(model, lows, masked, lang, tone, text, found)
    z, words = model.weigh(lows, masked)
    if words < MIN_WORDS:
        return tone
    # rules_answer(tone) written out: never EXCUSED here, an excused post returned above (notes: praise outweighed)
    vote = model._votes[NEGATIVE if rules_say else OUTWEIGHED if tone.notes else PRAISED if tone.positive else
                        NOT_NEGATIVE]
    cut = model._cuts.get(lang)
    if cut is None:
        cut = _logit(threshold)
    # The sentence prior is asked where the words and the rules' vote stand within SENTENCE_REACH of the threshold or
    # overrule the rules (its note names it); further out it tipped almost no development post (SENTENCE_REACH).
    # The neighbours vote is read with it, of the same text (rules/tone_neighbours.py), where it can tip the post: its
    # untuned encoder costs as much again (~25-40 ms a text, one thread), and a post further from the threshold than the
    # vote's reach keeps its answer whatever the neighbours say.
    head = model.sentences.get(lang)
    gap = z + vote - cut
    before_say = gap >= 0  # the answer before the sentence prior
    within = SENTENCE_REACH * head.weight if head is not None and head.weight > 1.0 else SENTENCE_REACH
    sentence, near = 0.0, None
    asked = head is not None and (-within <= gap <= within or before_say is not rules_say)
    if asked:
        read = without_brands(text, found, masked)
        sentence = head.weight * head.score(read)
        if model.neighbours is not None and -model.neighbours.reach <= gap + sentence <= model.neighbours.reach:
            near = model.neighbours.vote(read, lang)
    total = z + vote + sentence + (near or 0.0)  # sigmoid(total) written out: a call fewer a post weighed
    total = total if total < 30.0 else 30.0
    probability = 1.0 / (1.0 + math.exp(-(total if total > -30.0 else -30.0)))
    says = probability >= threshold
    sentence_decides = asked and before_say is not says  # the sentence prior (and the neighbours) tip it
    if says is rules_say:
        if sentence_decides:  # the prior that kept it, by name
            note = f"model {probability:.2f}: {_sentence_shown(sentence, False, near)} keeps the rules' answer"
            return Tone(tone.negative_terms, tone.positive, tone.categories, tone.category_terms, (*tone.notes, note))
        return tone
    seen = model.contributions(lows, masked)  # the names, only for the note
    if model.rules_weight:
        seen.append(("rules", vote))
    note = explain(probability, seen, says, _sentence_shown(sentence if asked else None, sentence_decides, near))
    if says:
        return Tone((note,), tone.positive, tone.categories, tone.category_terms, (*tone.notes, note))
    note = f"{note} (outweighs the rules' {', '.join(tone.negative_terms)})"  # no negative, no complaint category
    return Tone((), tone.positive, (), (), (*tone.notes, note))
