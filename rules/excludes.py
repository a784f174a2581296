"""A brand's `exclude` words and the inflected forms they cover (arena: arenalla; renkaat: renkaiden; meri: meren)."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Container, Mapping, Sequence

from kuulo.rules.everyday import FAMILY
from kuulo.rules.finnish import VOWELS, surface_forms
from kuulo.rules.name_readings import NAMING_VERBS
from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.specs import BrandSpec

Phrase = tuple[tuple[str, str], ...]  # an exclude phrase: each word and the stem its inflected forms begin with
INITIALS_SKIP = frozenset({"ja", "&", "and"})  # words an abbreviation leaves out (Larsen and Toubro: L&T)

EXCLUDE_ENDING_LETTERS = 6  # an exclude word matches its inflected forms: arena -> arenalla, renkaat -> renkaiden
EXCLUDE_I_STEM_LETTERS = 4  # an exclude word in -i this long changes it in its endings: meri -> meren, kivi -> kiven


def exclude_word(word: str) -> tuple[str, str]:
    """An exclude word and the stem its inflected forms begin with (arena: arena; renkaat: renka; meri: mer)."""
    word = word.lstrip("#")
    if word.endswith("i") and len(word) >= EXCLUDE_I_STEM_LETTERS and word[-2] not in VOWELS:
        return word, word[:-1]
    return word, word[:-2] if word.endswith("t") and len(word) > 4 else word


def inflects(token: str, word: tuple[str, str]) -> bool:
    """True when token is the exclude word or an inflected form of it (arenalla, renkaiden, rosenlewin)."""
    full, stem = word
    if token == full:
        return True
    if not token.startswith(stem) or not 0 < len(token) - len(full) <= EXCLUDE_ENDING_LETTERS:
        return False
    # a plural's stem goes on with a vowel (renkaat: renkaiden, renkaita); 'strait' covers 'straits', not 'straddle'
    return stem == full or full[-1] == "i" or token[len(stem)] in VOWELS


@functools.cache
def stem_changed(word: str) -> frozenset[str]:
    """The generator's forms of an exclude word that do not begin with its stem (ranta: rannassa; Saunalahti:
    saunalahdessa), made once a process, when a post's word is first compared with it."""
    stem = exclude_word(word)[1]
    return frozenset(f for f in surface_forms(word, name=True) if not f.startswith(stem))


def phrase_at(lows: list[str], s: int, phrase: Phrase, extra: Mapping[str, Container[str]] | None = None) -> bool:
    """True when the phrase stands at lows[s], each word in any inflected form, a stem change too (or in `extra`'s
    forms of it: the analyser's, lahden for Lahti)."""
    if s + len(phrase) > len(lows):
        return False
    for k, w in enumerate(phrase):  # a loop, not all() of a generator: asked at each word an exclude may start
        low = lows[s + k]
        if not (inflects(low, w) or low in stem_changed(w[0]) or extra is not None and low in extra.get(w[0], ())):
            return False
    return True


def first_phrase(lows: list[str], phrases: Sequence[Phrase],
                 extra: Mapping[str, Container[str]] | None = None) -> tuple[int, int]:
    """Where the first of these phrases to stand in the post begins, and its length; (-1, 0) when none does."""
    for s in range(len(lows)):
        for phrase in phrases:
            if phrase_at(lows, s, phrase, extra):
                return s, len(phrase)
    return -1, 0


def name_excludes(spec: BrandSpec) -> tuple[str, ...]:
    """The brand's `exclude` entries that read as one of its own names alone once the tokens drop their marks
    ('menevä =': menevä): each would exclude every mention, so the engine leaves them out (and check-config says so)."""
    names = {tuple(TOKEN_RE.findall(t.lower())) for t in (spec.name, *spec.aliases)}
    return tuple(x for x in spec.exclude if tuple(TOKEN_RE.findall(x.lower())) in names)


def without_name_excludes(spec: BrandSpec) -> BrandSpec:
    """The brand without its name_excludes (itself when it has none)."""
    void = name_excludes(spec)
    return replace(spec, exclude=tuple(x for x in spec.exclude if x not in void)) if void else spec


SHARED_STEM_MIN_LETTERS = 4  # a shared name's first letters an exclude phrase must hold to be about it (Pohjolan)


def shared_excludes(brands: Sequence[BrandSpec]) -> list[tuple[str, ...]]:
    """By brand, the phrases of several words that other brands configured with one of its one-word names exclude:
    what a phrase names is a fact of the phrase, not of one brand (Pohjola Vakuutus excludes Pohjolan Voima, so OP's
    alias Pohjola does too); never a phrase that is one of the brand's own names."""
    names = [{t.lower() for t in (b.name, *b.aliases) if " " not in t} for b in brands]
    phrases = [[(x, TOKEN_RE.findall(x.lower())) for x in b.exclude] for b in brands]
    holders: dict[str, list[int]] = {}  # a one-word name -> the brands that have it (pairs, not every brand twice)
    for bj, own_names in enumerate(names):
        for name in own_names:
            holders.setdefault(name, []).append(bj)
    shared: list[tuple[str, ...]] = []
    for bi, spec in enumerate(brands):
        own = {tuple(TOKEN_RE.findall(t.lower())) for t in (spec.name, *spec.aliases)}
        found: list[str] = []
        for bj in sorted({bj for name in names[bi] for bj in holders[name] if bj != bi}):
            stems = tuple(t[:max(SHARED_STEM_MIN_LETTERS, len(t) - 1)] for t in names[bi] & names[bj])
            found += [x for x, words in phrases[bj] if len(words) > 1 and tuple(words) not in own and any(
                w.startswith(stems) for w in words) and x not in spec.exclude]
        shared.append(tuple(dict.fromkeys(found)))
    return shared


def single_excludes(spec: BrandSpec) -> tuple[frozenset[str], frozenset[str]]:
    """Every form of the brand's one-word excludes, and those of them that are the brand's own configured names or
    aliases, which the excludes do not spell (exclude 'aurinkomatka' and the brand Aurinkomatkat, its plural)."""
    words = [w[0].lstrip("#") for x in spec.exclude if len(w := TOKEN_RE.findall(x.lower())) == 1]
    forms = frozenset(f for word in words for f in surface_forms(word, name=True))
    own = {t.lower() for t in (spec.name, *spec.aliases)}.difference(words)
    return forms, forms & own


def by_initials(phrases: Sequence[Phrase], spec: BrandSpec) -> dict[str, list[Phrase]]:
    """Exclude phrases of two words or more by their words' initials, joining words left out (Larsen and Toubro: lt);
    left out, a phrase that holds an abbreviation (L&T Metro) or a word of the brand's own names (Hämeen Sanomat
    beside Helsingin Sanomat's HS: another paper of the same name, not what HS stands for)."""
    own = {w for t in (spec.name, *spec.aliases) for w in TOKEN_RE.findall(t.lower())}
    out: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        words = [w for w, _ in phrase if w not in INITIALS_SKIP]
        if len(words) > 1 and all(w.isalpha() for w in words) and own.isdisjoint(words):
            out.setdefault("".join(w[0] for w in words), []).append(phrase)
    return out


def excluded_persons(spec: BrandSpec) -> frozenset[str]:
    """The one-word names the brand's exclude phrases call a person's: with a naming word (named Meira, tyttö
    nimeltä Meira) or a family word joined to it (Meira-täti); as the lists of names know Helen and Keskinen."""
    out: set[str] = set()
    for phrase in spec.exclude:
        words = TOKEN_RE.findall(phrase.lower())
        if not NAMING_VERBS.isdisjoint(words):
            out.update(words)
        for w in words:  # each hyphen's prefix, when what follows the first hyphen is a family word
            if "-" in w and w.split("-", 1)[1].startswith(FAMILY):
                out.update(w[:k] for k, c in enumerate(w) if c == "-")
    return frozenset(out)
