"""Misspelled brand names (Nordae, Finair, Motnetilta): rapidfuzz's ratio over a first-letter, length shortlist."""

from __future__ import annotations

import functools
from bisect import insort
from operator import itemgetter
from typing import Any, Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA


# Endings a misspelt name may carry (an English possessive without its apostrophe too: Finairs); the stem before them
# is compared with the name's stems.
FUZZY_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "n", "a", "ä",
                 "t", "s")
_ENDINGS = {k: frozenset(e for e in FUZZY_ENDINGS if len(e) == k) for k in (1, 2, 3)}
TWO_TYPO_LETTERS = 10  # a word shorter than this is one typo from a name at most (kesken is no Keskinen)
BEST_MEMO = 50_000  # tokens whose closest term is remembered: a word that starts like a name recurs, and a typo does
_UNSEEN = object()
_PLACE = itemgetter(2)  # a bucket entry's place among the terms


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """fuzz.ratio, except that one swap of neighbouring letters counts as one edit, not two.

    Plain ratio scores Nordae/Nordea 83.3, below the default threshold of 85 for every
    6-letter name; counting the swap as one typo gives 91.7 (a wrong letter, Nordia, stays 83.3).
    """
    score = fuzz.ratio(a, b, score_cutoff=cutoff)
    if not score and len(a) == len(b) and OSA.distance(a, b, score_cutoff=1) == 1 and is_one_swap(a, b):
        score = 100.0 * (1.0 - 1.0 / (len(a) + len(b)))
    return score if score >= cutoff else 0.0


def is_one_swap(a: str, b: str) -> bool:
    """True when b is a with exactly two neighbouring letters swapped (Nordae, Nordea)."""
    if len(a) != len(b):
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


@functools.cache
def length_window(length: int, threshold: float) -> range:
    """Token lengths that can reach `threshold` against a term of `length` letters."""
    ratio = threshold / 100.0
    low = next(n for n in range(1, length + 1) if 2 * n / (n + length) >= ratio - 1e-9)
    high = max(n for n in range(length, 3 * length + 1) if 2 * length / (n + length) >= ratio - 1e-9)
    return range(low, high + 1)


def bucket_keys(low: str) -> set[str]:
    """The first two letters a token near `low` may begin with: as written, swapped (Nrodea), and with a doubled first
    letter written once (Ittala for Iittala, Aalto as Alto)."""
    keys = {low[:2], low[1::-1]}
    if low[0] == low[1]:
        keys.add(low[1:3])
    return keys


class FuzzyIndex:
    """Terms by (first two letters, token length), so most tokens cost one dict probe."""

    # A typo in the first two letters is not looked for, except a swap of them (Nrodea) and a doubled first letter
    # written once (Ittala); FINNISH.md
    # measured this 2-letter prefilter at 70,500 posts/s against 1,100 for rapidfuzz's WRatio.

    def __init__(self, terms: list[tuple[str, Any]], threshold: float, min_length: int,
                 max_edits: int | None = None) -> None:
        self.threshold = threshold
        self._min_length = min_length
        self._max_edits = max_edits  # also at most this many typos (a swap is one): for stems of long words
        self._buckets: dict[tuple[str, int], list[tuple[str, Any, Any]]] = {}
        self._best: dict[str, tuple[Any, float] | None] = {}  # token -> best(token), a memo until terms are added
        self.add((low, payload, k) for k, (low, payload) in enumerate(terms))

    def add(self, terms: Iterable[tuple[str, Any, Any]]) -> None:
        """More (term, payload, place) entries: each bucket keeps its terms by place, so the first of equal scores
        is the one an index built with every term at once would give (brand_forms adds a name's stems when a post
        first needs them)."""
        buckets = self._buckets
        for low, payload, place in terms:
            if len(low) < self._min_length or not low.isalpha():
                continue
            entry, keys = (low, payload, place), bucket_keys(low)
            for n in length_window(len(low), self.threshold):
                for key in keys:
                    bucket = buckets.get((key, n))
                    if bucket is None:
                        buckets[(key, n)] = [entry]
                    elif bucket[-1][2] <= place:
                        bucket.append(entry)
                    else:
                        insort(bucket, entry, key=_PLACE)
        self._best.clear()

    @property
    def keys(self) -> set[tuple[str, int]] | dict[tuple[str, int], Any]:
        """The (first two letters, length) keys that have terms: a token with another key has no match."""
        return self._buckets

    def __bool__(self) -> bool:
        return bool(self._buckets)

    def best(self, token: str) -> tuple[Any, float] | None:
        """The closest term's payload and score at or above the threshold, or None."""
        found = self._best.get(token, _UNSEEN)
        if found is _UNSEEN:
            found = self._closest(token)
            if len(self._best) < BEST_MEMO:
                self._best[token] = found
        return found  # type: ignore[return-value]

    def _closest(self, token: str) -> tuple[Any, float] | None:
        """best(token), worked out."""
        bucket = self._buckets.get((token[:2], len(token)))
        if not bucket:
            return None
        found: tuple[Any, float] | None = None
        for low, payload, _ in bucket:
            if low == token:
                continue
            score = similarity(token, low, self.threshold)
            edits = self._max_edits if self._max_edits is not None or len(token) >= TWO_TYPO_LETTERS else 1
            if score and edits is not None and OSA.distance(token, low, score_cutoff=edits) > edits:
                continue
            if score and (found is None or score > found[1]):
                found = (payload, score)
        return found


def fuzzy_stem(word: str) -> str:
    """The word without its longest FUZZY_ENDINGS ending, or "" when it has none."""
    for k in (3, 2, 1):
        if word[-k:] in _ENDINGS[k]:
            return word[:-k]
    return ""
