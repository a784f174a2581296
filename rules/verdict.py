"""The engine's output: a frozen verdict with its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from kuulo.rules.frozen import quick_init

How = Literal["exact", "inflected", "fuzzy", "handle", "hashtag"]
Priority = Literal["high", "normal", "low"]


@quick_init
@dataclass(frozen=True, slots=True)
class BrandMatch:
    """One brand found in a post: the configured term, the form seen, how, and a 0-100 score."""

    brand: str
    term: str
    form: str
    how: How
    score: float


@quick_init
@dataclass(frozen=True, slots=True)
class Suggestion:
    """A reply template filled in, with the platform's length limit."""

    template: str  # the template's key, e.g. "verkkopankki.fi.0"
    text: str
    limit: int | None
    over_limit: bool

    def to_json(self) -> dict[str, Any]:
        """The suggestion as `kuulo explain --format json` shows it."""
        return {"template": self.template, "text": self.text, "limit": self.limit, "over_limit": self.over_limit}


@quick_init
@dataclass(frozen=True, slots=True)
class Verdict:
    """Everything the rules decided about one post, and why."""

    brands: tuple[BrandMatch, ...]
    is_question: bool
    question_reasons: tuple[str, ...]
    negative: bool
    negative_terms: tuple[str, ...]
    categories: tuple[str, ...]
    category_terms: tuple[str, ...]
    needs_reply: bool
    priority: Priority
    lang: str
    suggestions: tuple[Suggestion, ...]
    # Why an ambiguous brand form was taken or refused, a negative word did not count, ...: for `kuulo explain`.
    notes: tuple[str, ...] = ()
    praise: bool = False  # a positive word and no negative one: the reply suggestions thank
    # Each '?' that asked nothing, as (its sentence, why): "Worth it?", "answered at once: 'No'"; then each word that
    # looked like a question and asked nothing: ("kuka tän keksi", "who-did-this closing the post: blame"). Explain.
    question_discounted: tuple[tuple[str, str], ...] = ()


    def to_json(self, post_id: str | None = None) -> dict[str, Any]:
        """The stored verdict's part of `kuulo explain --format json` (a contract); explain adds its own fields."""
        return {
            "id": post_id,
            "brands": [
                {"brand": b.brand, "term": b.term, "form": b.form, "how": b.how, "score": b.score}
                for b in self.brands
            ],
            "is_question": self.is_question,
            "negative": self.negative,
            "categories": list(self.categories),
            "needs_reply": self.needs_reply,
            "priority": self.priority,
            "lang": self.lang,
            "praise": self.praise,
            "suggestions": [s.to_json() for s in self.suggestions],
        }
