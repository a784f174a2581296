"""The rules engine: every lookup table built once, then one pass per post from text to Verdict."""

from __future__ import annotations

import copy
from functools import partial
from operator import itemgetter
from typing import Any, Container, Mapping, Sequence

from kuulo.rules.analysed import AnalysedForms
from kuulo.rules.brand_reader import BrandReader, ContestLog, brand_text
from kuulo.rules.classify import Classifier, Tone
from kuulo.rules.lang import detect
from kuulo.rules.lexicon import Lexicon
from kuulo.rules.lures import lure
from kuulo.rules.match import BrandHit, BrandMatcher, ContextHit
from kuulo.rules.normalise import NO_MARKS, ClauseMarks, clean, lower_tokens, tokenize
from kuulo.rules.prior_text import without_brands
from kuulo.rules.question_marks import discounted_marks, surprise_told, surprised
from kuulo.rules.questions import question_reasons
from kuulo.rules.specs import PLATFORM_LIMITS, BrandSpec, MatchOptions, OpenFor, Pack
from kuulo.rules.templates import Chooser, fill_parts, merge
from kuulo.rules.tone_model import ToneModel, features, rules_answer, weigh
from kuulo.rules.verdict import Priority, Suggestion, Verdict

_FIRST = itemgetter(0)  # a hit's first token, a found brand's token index
_MARK_ALONE = ("question mark",)  # the reasons of a post that asks by its '?' alone
_MARKS_ALONE_NEGATIVE = (("?!",), ("??",))  # the rules' negative terms of a post whose one sign is its '?!' or '??'


class Engine:
    """Brands, packs and templates compiled into lookup tables; `evaluate` judges one post."""

    def __init__(self, brands: Sequence[BrandSpec], packs: Sequence[Pack],
                 templates: Mapping[str, Mapping[str, Sequence[str]]],
                 options: MatchOptions = MatchOptions(), open_for: OpenFor = "needs_reply",
                 analysed: AnalysedForms | None = None, tone_model: ToneModel | None = None,
                 reader: BrandReader | ContestLog | None = None, words: Container[str] = frozenset()) -> None:
        self.open_for: OpenFor = open_for
        self.tone_model = tone_model
        self.reader = reader  # the brand reader (rules/brand_reader.py): the last word on the names the rules weighed
        self._names = tuple(spec.name for spec in brands)
        self._brand_texts = tuple(map(brand_text, brands))  # what the reader reads of each brand
        self._lexicon = Lexicon()
        self._brands = BrandMatcher(brands, options, self._lexicon, analysed, words)
        self._classifier = Classifier(packs, self._lexicon)
        self._choose = Chooser(merge(packs, templates))
        self._labels = {cat.name: cat.label for pack in packs for cat in pack.categories}
        self._fuzzy = options.fuzzy
        self._fuzzy_names = self._brands.fuzzy_on
        if self._fuzzy_names:
            self._lexicon.mark(self._brands.may_be_misspelt)

    def with_models(self, tone_model: ToneModel | None, reader: BrandReader | ContestLog | None) -> Engine:
        """This engine with another tone model and brand reader: a copy sharing its tables (seconds to build)."""
        twin = copy.copy(self)
        twin.tone_model, twin.reader = tone_model, reader
        return twin

    @property
    def categories(self) -> dict[str, str]:
        """The categories the packs define: name -> label."""
        return dict(self._labels)

    def own_brand(self, platform: str, author: str) -> str | None:
        """The brand whose own handle wrote the post (a brand reply, not a mention), or None."""
        return self._brands.own_brand(platform, author)

    def _read(self, text: str, platform: str, lang: str | None) -> tuple[Any, ...]:
        """Tokens, brands found, question reasons and the rules' tone of a post, with notes on the brands and the text
        without its links."""
        text = clean(text)
        tokens = tokenize(text)
        lows = lower_tokens(tokens, text)
        brand_hits, word_hits = [], []
        context: dict[int, str] = {}
        context_at: set[tuple[int, int]] = set()  # (brand, token index) of every context word
        marked: list[int] | None = [] if self._fuzzy_names else None  # words that may be misspelt names
        hits = self._lexicon.scan(lows, text.lower(), marked)
        matched = set(map(_FIRST, hits))  # each hit's first token, in C
        for hit in hits:
            start, end, _, payload = hit
            kind = type(payload)
            if kind is BrandHit:
                brand_hits.append(hit)
            elif kind is ContextHit:
                context.setdefault(payload.brand, tokens[start])
                context_at.add((payload.brand, start))
            else:
                word_hits.append(hit)
            if end > start + 1:
                matched.update(range(start + 1, end))  # a phrase's later words are no misspellings
        language = lang.split("-")[0].lower() if lang else detect(lows, text)
        notes: list[str] = []
        masked: set[int] = set()  # every token of every mention: the tone model and its sentence prior read no brand
        reader = None
        if brand_hits and self.reader is not None and self.reader.reads(language):
            reader = partial(self.reader.verdicts, text, language != "en", self._names, self._brand_texts)
        found = self._brands.resolve(tokens, lows, brand_hits, context, matched,
                                     language == "en" or platform == "reddit", language != "en", notes,
                                     "@" in text or "#" in text, marked,
                                     ClauseMarks(text, tokens) if brand_hits else NO_MARKS,  # the commas tokens drop
                                     masked, reader, context_at)
        places = set(map(_FIRST, found)) if found else ()  # the brands' tokens, which ask nothing
        refused: list[tuple[str, str]] = []  # words that looked like a question and asked nothing, for explain
        reasons = question_reasons(text, tokens, lows, places, refused)
        tone = self._classifier.classify(lows, word_hits)
        return lows, found, masked, reasons, tone, language, notes, text, refused

    def tone_inputs(self, text: str, *, platform: str = "", lang: str | None = None) -> tuple[list[str], int]:
        """The tone model's features of a post and the rules' answer, as bench/train_tone.py trains on them."""
        lows, _, masked, _, tone, *_ = self._read(text, platform, lang)
        return features(lows, masked), rules_answer(tone)

    def prior_text(self, text: str, *, platform: str = "", lang: str | None = None) -> str:
        """The text the sentence prior reads, as bench/train_encoder.py fits it: no link, no brand."""
        _, found, masked, *_, cleaned, _ = self._read(text, platform, lang)
        return without_brands(cleaned, found, masked)

    def evaluate(self, text: str, *, platform: str = "", author: str = "", lang: str | None = None,
                 suggest: bool = True) -> Verdict:
        """Brands, question, negativity, categories, reply need, priority and (unless not to suggest) suggestions of
        a post."""
        lows, found, masked, reasons, tone, language, notes, cleaned, refused = self._read(text, platform, lang)
        brands = (found[0][1],) if len(found) == 1 else tuple([m for _, m in found]) if found else ()  # one: most
        marked = tone.negative_terms in _MARKS_ALONE_NEGATIVE  # the rules' one negative sign is the '?!' or '??'
        if self.tone_model is not None:
            tone = weigh(self.tone_model, lows, masked, language, tone, cleaned, found)
        negative = bool(tone.negative_terms)
        if reasons == _MARK_ALONE and not negative and (tone.positive or marked) and surprised(cleaned):
            # delight, no question: "Geisha ice cream is back in stores?! Fazer you absolute legends", "Jaffa on taas
            # kaupoissa?! Lapsuuden maku 🍊", "the new reindeer pizza is actually good??" (no complaint, the model says)
            reasons = ()
            refused = [*refused, surprise_told(cleaned)]
        is_question = bool(reasons)
        if negative and not is_question and (why := lure(text, lows)):  # "Tilisi on lukittu. Vahvista tunnuksesi: …"
            negative, tone = False, Tone((), False, (), (), (*tone.notes, why))  # nor a complaint's category
        if self.open_for == "all":
            needs_reply = bool(brands)
        elif self.open_for == "questions":
            needs_reply = bool(brands) and is_question
        else:
            needs_reply = bool(brands) and (is_question or negative)
        priority: Priority = "low"
        if (is_question and negative) or tone.categories:
            priority = "high"
        elif is_question or negative:
            priority = "normal"
        praise = tone.positive and not negative
        suggestions = self.suggest(brands[0].brand, tone.categories, is_question, negative, praise, language,
                                   platform, author) if brands and suggest else ()
        discounted = discounted_marks(cleaned) if "?" in cleaned and "question mark" not in reasons else ()
        if refused:
            discounted = (*discounted, *refused)  # and the words told apart: "kuka tän keksi", "Kesätauko"
        return Verdict(brands, is_question, reasons, negative, tone.negative_terms, tone.categories,
                       tone.category_terms, needs_reply, priority, language, suggestions,
                       (*notes, *tone.notes) if notes else tone.notes, praise, discounted)

    def suggest(self, brand: str, categories: Sequence[str], is_question: bool, negative: bool, praise: bool,
                lang: str, platform: str, author: str) -> tuple[Suggestion, ...]:
        """1-3 filled templates for a verdict's facts (as evaluate found them, or as stored): the categories' first,
        then negative, question, praise (not with negative), then default: a complaint that asks is met with an
        apology before "good question!"."""
        keys = [*categories, *(("negative",) if negative else ()), *(("question",) if is_question else ()),
                *(("praise",) if praise and not negative else ()), "default"]
        limit = PLATFORM_LIMITS.get(platform)
        first_label = self._labels.get(categories[0], categories[0]) if categories else ""
        out = []
        values = {"author": author, "brand": brand, "platform": platform, "category": first_label}
        for name, parts in self._choose(tuple(keys), lang):
            values["category"] = self._labels.get(name.split(".", 1)[0], first_label)
            filled = fill_parts(parts, values)
            out.append(Suggestion(name, filled, limit, limit is not None and len(filled) > limit))
        return tuple(out)
