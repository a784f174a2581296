"""Brand mentions: names and aliases in every Finnish form, @handles, #hashtags, misspellings.

Short names (OP, Alko, Valio) and names marked ambiguous count only when written with their
capitals, as a tag, or beside one of the brand's context words; `exclude` overrules all.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.finnish import surface_forms
from kuulo.rules.fuzzy import FuzzyIndex
from kuulo.rules.lexicon import Hit, Lexicon, PatternError
from kuulo.rules.normalise import TOKEN_RE, TAG_CHARS
from kuulo.rules.specs import BrandSpec, MatchOptions
from kuulo.rules.verdict import BrandMatch

AMBIGUOUS_MAX_LETTERS = 5  # a name this short is also a common word somewhere (OP, Alko, Posti)
_NOT_WORD = re.compile(r"[\W_]+")
_TAG_END = re.compile(r"[:']")


class BrandHit:
    """Payload of a brand form: which brand and term, and the capitals an ambiguous form needs."""

    __slots__ = ("brand", "term", "caps")

    def __init__(self, brand: int, term: str, caps: tuple[int, ...] | None) -> None:
        self.brand, self.term, self.caps = brand, term, caps


class ContextHit:
    """Payload of a context word: it confirms an ambiguous mention of `brand`."""

    __slots__ = ("brand",)

    def __init__(self, brand: int) -> None:
        self.brand = brand


def is_ambiguous(spec: BrandSpec, term: str) -> bool:
    """The spec's own setting, else True for terms of AMBIGUOUS_MAX_LETTERS letters or fewer."""
    if spec.ambiguous is not None:
        return spec.ambiguous
    return sum(c.isalpha() for c in term) <= AMBIGUOUS_MAX_LETTERS


def capitals(prefix: str) -> tuple[int, ...]:
    """Positions of the capitals in a cased prefix; () means only the first letter must be one."""
    return tuple(k for k, c in enumerate(prefix) if c.isupper())


class BrandMatcher:
    """Brand forms registered in a shared Lexicon; `resolve` turns scan hits into BrandMatches."""

    def __init__(self, brands: Sequence[BrandSpec], options: MatchOptions, lexicon: Lexicon) -> None:
        self._names = [b.name for b in brands]
        self._exclude = [[tuple(t.lstrip("#").lower() for t in TOKEN_RE.findall(x)) for x in b.exclude]
                         for b in brands]
        self._tags: dict[str, list[tuple[int, str]]] = {}
        self._prefixes: dict[str, list[tuple[str, int, str, bool]]] = {}
        self._own: dict[tuple[str, str], str] = {}
        fuzzy_terms: list[tuple[str, object]] = []
        for bi, spec in enumerate(brands):
            for term in (spec.name, *spec.aliases):
                ambiguous = is_ambiguous(spec, term)
                self._add_term(lexicon, bi, term, ambiguous, spec.stems if term == spec.name else ())
                for compact in {_NOT_WORD.sub("", term.lower()), _NOT_WORD.sub("_", term.lower())}:
                    if compact:
                        self._prefixes.setdefault(compact[0], []).append((compact, bi, term, ambiguous))
                if not ambiguous and " " not in term:
                    fuzzy_terms.append((term.lower(), BrandHit(bi, term, None)))
            for platform, handles in spec.handles.items():
                for handle in handles:
                    self._tags.setdefault("@" + handle.lower(), []).append((bi, "@" + handle))
                    self._own.setdefault((platform, handle.lower()), spec.name)
            for tag in spec.hashtags:
                self._tags.setdefault("#" + tag.lstrip("#").lower(), []).append((bi, "#" + tag.lstrip("#")))
            for word in spec.context:
                try:
                    lexicon.add_pattern(word, ContextHit(bi))
                except PatternError as exc:
                    raise ConfigError(f"brand {spec.name} context '{word}': {exc}") from None
        self._fuzzy = (FuzzyIndex(fuzzy_terms, options.fuzzy_threshold, options.fuzzy_min_length)
                       if options.fuzzy else None)

    @staticmethod
    def _add_term(lexicon: Lexicon, bi: int, term: str, ambiguous: bool, stems: Iterable[str]) -> None:
        """Register every surface form of a name or alias (a phrase inflects its last word)."""
        hits: dict[str, BrandHit] = {}

        def hit(prefix: str) -> BrandHit:
            if prefix not in hits:
                hits[prefix] = BrandHit(bi, term, capitals(prefix) if ambiguous else None)
            return hits[prefix]

        words = term.split()
        if len(words) > 1:
            rest = tuple(frozenset({w.lower()}) for w in words[1:-1]) + (frozenset(surface_forms(words[-1])),)
            lexicon.add_form(words[0].lower(), hit(words[0]), rest)
            return
        for form, prefix in surface_forms(term, stems).items():
            lexicon.add_form(form, hit(prefix))

    def own_brand(self, platform: str, author: str) -> str | None:
        """The brand whose own account `author` is on `platform`, or None."""
        who = author.lstrip("@").lower()
        return self._own.get((platform, who)) or self._own.get(("*", who))

    def resolve(self, tokens: list[str], lows: list[str], hits: list[Hit], context: set[int],
                unmatched: Iterable[int]) -> list[tuple[int, BrandMatch]]:
        """(token index, BrandMatch) for each distinct brand and form, in the order written."""
        found: list[tuple[int, int, int, str, str, str, float]] = []  # start, end, brand, term, form, how, score
        for start, end, offset, hit in hits:
            token = tokens[start]
            tag = token[0] in TAG_CHARS
            if hit.caps is not None and not tag and hit.brand not in context:
                if not _has_capitals(token, offset, hit.caps):
                    continue
            if self._excluded(hit.brand, lows, start, end):
                continue
            form = token if end == start + 1 else " ".join(tokens[start:end])
            if tag:
                how = "hashtag" if token[0] == "#" else "handle"
            else:
                how = "exact" if " ".join(lows[start:end]) == hit.term.lower() else "inflected"
            found.append((start, end, hit.brand, hit.term, form, how, 100.0))
        for i, token in enumerate(tokens):
            if token[0] in TAG_CHARS:
                for bi, term in self._tag_matches(token):
                    if not self._excluded(bi, lows, i, i + 1):
                        found.append((i, i + 1, bi, term, token, "hashtag" if token[0] == "#" else "handle", 100.0))
        if self._fuzzy:
            for i in unmatched:
                best = self._fuzzy.best(lows[i])
                if best is not None and not self._excluded(best[0].brand, lows, i, i + 1):
                    hit, score = best
                    found.append((i, i + 1, hit.brand, hit.term, tokens[i], "fuzzy", round(score, 1)))
        return self._distinct(found)

    def _distinct(self, found: list[tuple[int, int, int, str, str, str, float]]) -> list[tuple[int, BrandMatch]]:
        """One match per brand and form, in text order; a phrase (OP Pohjolan) hides its own words."""
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        seen: set[tuple[int, str]] = set()
        covered: dict[int, int] = {}  # brand -> end of its last phrase
        out: list[tuple[int, BrandMatch]] = []
        for start, end, bi, term, form, how, score in found:
            if (bi, form) in seen or start < covered.get(bi, 0):
                continue
            seen.add((bi, form))
            if end > start + 1:
                covered[bi] = end
            out.append((start, BrandMatch(self._names[bi], term, form, how, score)))  # type: ignore[arg-type]
        return out

    def _tag_matches(self, token: str) -> list[tuple[int, str]]:
        """Brands of an @handle or #hashtag: configured ones, or ones the tag begins with."""
        body = _TAG_END.split(token[1:], 1)[0]
        low = body.lower()
        out = list(self._tags.get(token[0] + low, ()))
        for compact, bi, term, ambiguous in self._prefixes.get(low[:1], ()):
            if low.startswith(compact) and (not ambiguous or _tag_boundary(body, len(compact))):
                out.append((bi, term))
        return out

    def _excluded(self, bi: int, lows: list[str], start: int, end: int) -> bool:
        """True when a word or phrase of the brand's `exclude` covers tokens start..end."""
        for phrase in self._exclude[bi]:
            n = len(phrase)
            for s in range(max(0, end - n), start + 1):
                if tuple(lows[s:s + n]) == phrase:
                    return True
        return False


def _has_capitals(token: str, offset: int, caps: tuple[int, ...]) -> bool:
    """True when the token shows the capitals of the term (its first letter when it has none)."""
    if not caps:
        return token[offset:offset + 1].isupper()
    return all(offset + k < len(token) and token[offset + k].isupper() for k in caps)


def _tag_boundary(body: str, n: int) -> bool:
    """True when a short name ends a word inside a tag: at its end, before _ or a digit, or at a case change."""
    if n >= len(body):
        return True
    after, before = body[n], body[n - 1]
    return not after.isalpha() or after.isupper() != before.isupper()

