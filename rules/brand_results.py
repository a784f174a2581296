"""The brand matches of a post as the matcher hands them on: one per brand and form, in text order."""

from __future__ import annotations

from collections import Counter
from operator import itemgetter
from typing import Any, Iterable, Sequence

from kuulo.rules.fuzzy import similarity
from kuulo.rules.normalise import TAG_CHARS, phrase_words
from kuulo.rules.verdict import BrandMatch

Found = tuple[int, int, int, str, str, str, float]  # start, end, brand, term, form, how, score
_START, _END = itemgetter(0), itemgetter(1)


def how_found(hit: Any, tokens: list[str], lows: list[str], start: int, end: int) -> tuple[str, float]:
    """How a name's form was found (BrandMatch.how) and its score: a tag, a misspelling by its similarity, or written
    out."""
    if tokens[start][0] in TAG_CHARS:
        return ("hashtag" if tokens[start][0] == "#" else "handle"), 100.0
    if hit.typo:
        return "fuzzy", round(similarity(lows[start], hit.typo), 1)
    if end == start + 1:
        return ("exact" if lows[start] == hit.low else "inflected"), 100.0
    written = " ".join(lows[start:end])  # the tokens drop a lone '&': "Lassila & Tikanoja" is written out whole
    return ("exact" if written == hit.low or written == " ".join(phrase_words(hit.low)) else "inflected"), 100.0


def written_word(form: str) -> str:
    """The word a found form is written as: its first, without a tag's mark or a compound's later parts."""
    return form.lstrip("#@").lower().split("-")[0].split()[0]


def is_case_of(word: str, term: str) -> bool:
    """True when a written word is the name with letters after it, as a case ending (lumon of Lumo), not another
    word (Ruutu+, Posti-Matkahuolto)."""
    term = term.lower()
    return word.startswith(term) and word[len(term):].isalpha()


def own_words_first(found: list[Found], context_at: Iterable[tuple[int, int]]) -> list[Found]:
    """found without one brand's case form at a word another brand's name is written as (Lumon: the glazing company,
    and Lumo's genitive), or without that name, when the post holds more context words of the one than of the other;
    as many of each, some, keeps both."""
    if len({f[0] for f in found}) == len({(f[0], f[2]) for f in found}):
        return found  # no word two brands were found at (a tag and a name of one brand may be): most posts
    own = {f[0]: f[2] for f in found if written_word(f[4]) == written_word(f[3])}  # a name as configured: Lumon
    if not own:
        return found
    cased = {f[0]: f[2] for f in found if own.get(f[0], f[2]) != f[2] and is_case_of(written_word(f[4]), f[3])}
    if not cased:
        return found
    words = Counter(bi for bi, _ in context_at)
    out = []
    for f in found:
        at = f[0]
        if at in cased:
            named, case = words[own[at]], words[cased[at]]
            if f[2] == cased[at] and named >= case and not (named == case > 0):
                continue  # Kiitos Lumon, Lumon lasit: the name as written
            if f[2] == own[at] and case > named:
                continue  # Asun Lumon kerrostalossa: the other's genitive, by its context words
        out.append(f)
    return out


def distinct(found: list[Found], names: Sequence[str], masked: set[int] | None = None) -> list[tuple[int, BrandMatch]]:
    """(token index, BrandMatch) for each brand and form found, in text order; `names`: the brands' names by index."""
    # a phrase (OP Pohjolan) hides its own words; `masked` gets every token of every mention found, a phrase's every
    # word and a form written twice (Posti ... Posti) too: what the tone model and its sentence prior must not read
    if masked is not None:
        for f in found:
            if f[1] == f[0] + 1:
                masked.add(f[0])
            else:
                masked.update(range(f[0], f[1]))
    if len(found) < 2:  # no list comprehension's frame for one match or none: most posts
        if not found:
            return []
        start, _, bi, term, form, how, score = found[0]
        return [(start, BrandMatch(names[bi], term, form, how, score))]  # type: ignore[arg-type]
    # by start, a longer match there first: stable sorts by end (descending), then by start; no key function's frame
    found.sort(key=_END, reverse=True)
    found.sort(key=_START)
    seen: set[tuple[int, str]] = set()
    covered: dict[int, int] = {}  # brand -> end of its last phrase
    out: list[tuple[int, BrandMatch]] = []
    for start, end, bi, term, form, how, score in found:
        if (bi, form) in seen or start < covered.get(bi, 0):
            continue
        seen.add((bi, form))
        if end > start + 1:
            covered[bi] = end
        out.append((start, BrandMatch(names[bi], term, form, how, score)))  # type: ignore[arg-type]
    return out
