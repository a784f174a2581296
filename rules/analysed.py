"""What a morphological analyser said about the brand words: pure data, built once per config by bot/forms_build.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True, slots=True)
class AnalysedForms:
    """Forms the generator lacks, per configured word, and the everyday readings of brand forms."""

    # a word as configured (a name, an alias, a phrase's last word, an exclude word) -> lower-case forms to add
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # a lower-case brand form that is also a common word -> that reading ("oppia, verb past 1sg")
    readings: Mapping[str, str] = field(default_factory=dict)

    def extra(self, word: str) -> tuple[str, ...]:
        """The analyser's forms of a configured word that the generator does not make, lower-cased."""
        return self.forms.get(word, ())


def cased_prefix(term: str, form: str) -> str:
    """The part of the term, as written, that a lower-case form begins with (Marimekko, marimekoin: Marimek)."""
    n = 0
    for a, b in zip(term.lower(), form):
        if a != b:
            break
        n += 1
    return term[:n] or term
