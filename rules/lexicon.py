"""Word patterns compiled into lookup tables, and one scan of a post's tokens against all of them.

Patterns: `word` (the whole token, with Finnish endings for Finnish-looking words; several words
make a phrase), `stem*` (the token starts with stem), `*part*` (the token contains part).
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Any, Callable, Container, Iterable, Sequence

from kuulo.rules.finnish import PEELABLE, peel, surface_forms
from kuulo.rules.normalise import BOUNDARY_CHARS, TOKEN_RE
from kuulo.rules.tone import FILLERS, NEGATION_WINDOW, NEGATORS

PART_KEY = 2  # parts are tried in groups that begin with the same letters
STEM_KEY = 3  # stems are bucketed by their first letters: one dict probe per token
PEEL_KEY = 3  # tokens whose first letters start no form are never peeled of clitics
STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # a letter three times or more in a row, as emphasis stretches a word
PEEL_CACHE_WORDS = 50_000  # words whose peeling is remembered (milloin, tänään: tried in every post)
SEEN_WORDS = 50_000  # words whose hits are remembered: about 190 bytes each, 9.5 MB at most
COMPOUND_WORDS = 20_000  # hyphenated words whose hits are remembered with the token after them (Lexicon._compounds)
_FINNISH_LOOKING = re.compile(r"(?:[äö]|^[adehijklmnoprstuvy]+[aeiouyäönstlr]$)")

DOMAIN_DOT = re.compile(r"\w\.(?:com|fi|net|org|eu|io)")  # the dot of a web address inside a word (posti.fi)
PartNode = tuple[str, tuple[int, ...], tuple[Any, ...]]  # what the parts share, the parts that are it, the rest
WordEntry = tuple["tuple[Any, ...] | None", "frozenset[str] | None", bool, tuple[int, ...], bool]  # see Lexicon._seen
PhraseIndex = tuple[tuple[tuple[int, Any, Any], ...], dict[str, tuple[tuple[int, Any, Any], ...]]]
Hit = tuple[int, int, int, Any]  # (first token, token after the last, offset in the token, payload)
_NOTHING: WordEntry = ((), None, False, (), False)  # a word's entry when it hits nothing (see Lexicon._seen)


def _shared_start(words: list[str]) -> str:
    """The letters all the words begin with."""
    first = min(words, key=len)
    for k, c in enumerate(first):
        if any(w[k] != c for w in words):
            return first[:k]
    return first


def part_tree(parts: dict[str, list[int]], known: int = 0) -> tuple[PartNode, ...]:
    """Parts (text -> their indices) grouped by their first known + 1 letters, each group under what its parts
    share, so that a word is searched for the parts of a group only when it holds what they share."""
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[:known + 1], []).append(part)
    out = []
    for members in groups.values():
        shared = _shared_start(members)
        rest = {p: parts[p] for p in members if p != shared}
        out.append((shared, tuple(parts.get(shared, ())), part_tree(rest, len(shared)) if rest else ()))
    return tuple(out)


def parts_in(nodes: tuple[PartNode, ...], text: str, out: list[int]) -> None:
    """Add to `out` the indices of the parts under `nodes` that are in `text`."""
    for shared, indices, children in nodes:
        if shared in text:
            out += indices
            if children:
                parts_in(children, text, out)


_first = itemgetter(0)  # an indexed entry's place among its form's entries


class PatternError(ValueError):
    """A word pattern that is not `word`, `stem*` or `*part*`."""


def parse_pattern(pattern: str) -> tuple[str, str]:
    """("word" | "stem" | "part", lower-case text) of a pattern, or PatternError saying why not."""
    text = pattern.strip().lower()
    inner = text.strip("*")
    if not inner or "*" in inner:
        raise PatternError("expected a word, 'stem*' or '*part*' ('*' only at the start and end)")
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        kind = "part"
    elif text.endswith("*") and not text.startswith("*"):
        kind = "stem"
    elif "*" in text:
        raise PatternError("expected a word, 'stem*' or '*part*' (a leading '*' needs a trailing one)")
    else:
        kind = "word"
    words = inner.split()
    if any(TOKEN_RE.fullmatch(w) is None or w[0] in "@#" for w in words):
        raise PatternError("expected letters and digits, joined by - : or ' (a phrase: words and spaces)")
    if kind != "word" and len(words) > 1:
        raise PatternError("a '*' ends one word, not a phrase: list the phrase's forms instead ('new car, new cars')")
    return kind, " ".join(words)


def looks_finnish(word: str) -> bool:
    """True when a word should get Finnish case endings (ä/ö, or Finnish letters and ending)."""
    return _FINNISH_LOOKING.search(word) is not None


def _goes_on(lows: list[str], at: int, rest: tuple[frozenset[str], ...]) -> bool:
    """True when a phrase's later words (`rest`: the forms of each) stand in lows from `at` on."""
    for k, forms in enumerate(rest):  # a loop, not all() of a generator: asked at each word a phrase starts with
        if lows[at + k] not in forms:
            return False
    return True


def _gap_starts(lows: list[str], at: int) -> list[int]:
    """Where a negator's phrase may go on after filler words from lows[at] on ("ei kukaan vastaa")."""
    out = []
    n = len(lows)
    k = at
    while k < n and k - at < NEGATION_WINDOW and lows[k] in FILLERS:
        k += 1
        out.append(k)
    return out


class Lexicon:
    """Lookup tables for word forms, stems and parts; `scan` finds them all in a token list."""

    def __init__(self) -> None:
        self._forms: dict[str, list[tuple[tuple[frozenset[str], ...], Any]]] = {}
        self._stems: dict[str, list[tuple[str, Any]]] = {}
        self._short_stems: list[tuple[str, Any]] = []
        self._parts: list[tuple[str, Any]] = []
        self._part_tree: tuple[PartNode, ...] | None = None  # built at the first scan
        self._part_min = 0  # the shortest part's letters
        self._peel_keys: set[str] = set()
        self._peeled: dict[str, list[tuple[tuple[frozenset[str], ...], Any]]] = {}  # word -> entries of its peeled form
        # a word seen in a post -> its one-word payloads (its own, its peeled form's, its stems'; None for a
        # hyphenated or dotted word that is no form, whose parts are looked up in each post), the words a
        # phrase it starts may go on with (None: it starts none), whether it is a negator (its phrase may go
        # on after fillers), the indices of the parts it holds and whether `mark` marks it; most words recur,
        # and most need no phrase check
        self._seen: dict[str, WordEntry] = {}
        self._nothing: set[str] = set()  # the words seen that hit nothing (no payload, phrase, part or mark): most
        # (hyphenated word, the token after it) -> its hits as (end - its index, offset, payload): a word none of whose
        # phrases can go on past the next token (S-Pankki, OP-ryhmän, Wolt-kuski) is not looked up part by part again
        self._compounds: dict[tuple[str, str], tuple[tuple[int, int, Any], ...]] = {}
        self._phrases: dict[str, PhraseIndex] = {}  # a form -> its entries indexed for _word_hits, made when needed
        self._hyphens = 0  # the most hyphens a form holds, kept as forms are added (a thread may add while one reads)
        self._mark: Callable[[str], bool] | None = None
        # keys (brand_forms.waiting_key) whose forms wait to be made, and what makes them: a big config's brand forms
        # are made when a word first needs their key (brand_forms.py), not at every start
        self._waiting: Container[str] = ()
        self._make: Callable[[str], None] = lambda key: None

    def add_form(self, form: str, payload: Any, rest: tuple[frozenset[str], ...] = (), peelable: bool = True) -> None:
        """One lower-case surface form (the first word of a phrase when `rest` is given)."""
        entries = self._forms.setdefault(form, [])
        entries.append((rest, payload))
        if "-" in form:
            self._hyphens = max(self._hyphens, form.count("-"))
        if peelable and not rest:
            self._peel_keys.add(form[:PEEL_KEY])
        if self._seen:
            self._forget()
        if self._phrases:
            self._phrases = {}

    def _forget(self) -> None:
        """Drop what was remembered of the words seen: a form, stem, part or mark was added."""
        self._seen, self._nothing, self._compounds = {}, set(), {}

    def defer(self, waiting: Container[str], make: Callable[[str], None]) -> None:
        """The forms filed under the keys in `waiting` (which `make` empties) are added by make(key) when a word
        first needs them: a word of that key, a word peeled to one, a part of a hyphenated word."""
        self._waiting, self._make = waiting, make

    def _need(self, word: str) -> None:
        """Make the waiting forms `word` may be, or be peeled to: those under its first three letters, two or one (a
        key is the first letters all its forms share: brand_forms.waiting_key)."""
        waiting = self._waiting
        if waiting:
            for key in (word[:3], word[:2], word[:1]):
                if key in waiting:
                    self._make(key)

    def add_first(self, entries: Iterable[tuple[str, tuple[frozenset[str], ...], Any, bool]],
                  rank: Callable[[Any], Any]) -> None:
        """(form, rest, payload, peelable) entries put before those each form held when they waited (defer), and
        among those added so before them by rank(payload) (None for an entry added otherwise): a key's forms, made
        before any word that may be them was looked up, so nothing remembered of a word changes, and each form's
        entries are in the order adding them all at once would have given."""
        grouped: dict[str, list[tuple[tuple[frozenset[str], ...], Any]]] = {}
        peel_keys = self._peel_keys
        for form, rest, payload, peelable in entries:
            found = grouped.get(form)
            if found is None:
                grouped[form] = [(rest, payload)]
            else:
                found.append((rest, payload))
            if peelable and not rest:
                peel_keys.add(form[:PEEL_KEY])
        table = self._forms
        for form, found in grouped.items():
            held = table.get(form)
            if not held:
                table[form] = found
                continue
            first = 0  # the entries added first before
            while first < len(held) and rank(held[first][1]) is not None:
                first += 1
            ranked = sorted(held[:first] + found, key=lambda entry: rank(entry[1])) if first else found
            table[form] = ranked + held[first:]
        self._hyphens = max(self._hyphens, max((form.count("-") for form in grouped if "-" in form), default=0))

    def mark(self, test: Callable[[str], bool]) -> None:
        """Have `scan` list the tokens for which test(word) is true (the words that may be misspelt names)."""
        self._mark = test
        self._forget()

    def __contains__(self, form: str) -> bool:
        self._need(form)
        return form in self._forms

    def add_pattern(self, pattern: str, payload: Any, inflect: bool = True) -> None:
        """A `word`, `stem*` or `*part*` pattern (raises PatternError when malformed)."""
        kind, text = parse_pattern(pattern)
        if kind == "part":
            self._parts.append((text, payload))
            self._part_tree = None
            if self._seen:
                self._forget()
        elif kind == "stem":
            if len(text) >= STEM_KEY:
                self._stems.setdefault(text[:STEM_KEY], []).append((text, payload))
            else:
                self._short_stems.append((text, payload))
            if self._seen:
                self._forget()
        else:
            words = text.split()
            if len(words) > 1:
                rest = tuple(frozenset({w}) for w in words[1:])
                self.add_form(words[0], payload, rest)
            else:
                forms: Iterable[str] = surface_forms(text) if inflect and looks_finnish(text) else (text,)
                self._add_words(forms, payload)

    def _add_words(self, forms: Iterable[str], payload: Any) -> None:
        """add_form for each of one word's forms (the packs' 31,000 forms at each engine's start)."""
        self.add_forms((form, payload) for form in forms)

    def add_forms(self, pairs: Iterable[tuple[str, Any]]) -> None:
        """add_form for each (one-word form, payload), peelable, in one loop (a big config's 700,000 brand forms)."""
        table, peel_keys = self._forms, self._peel_keys
        hyphened: list[str] = []
        for form, payload in pairs:
            entry = ((), payload)
            entries = table.get(form)
            if entries is None:
                table[form] = [entry]
            else:
                entries.append(entry)
            peel_keys.add(form[:PEEL_KEY])
            if "-" in form:
                hyphened.append(form)
        self._hyphens = max(self._hyphens, max((form.count("-") for form in hyphened), default=0))
        if self._seen:
            self._forget()
        if self._phrases:
            self._phrases = {}

    def _lookup(self, word: str) -> list[tuple[tuple[frozenset[str], ...], Any]]:
        """Entries for a word, trying it without clitics/possessives when it is not a form itself."""
        entries = self._forms.get(word)
        if entries is not None:
            return entries
        if word.endswith(PEELABLE) and word[:PEEL_KEY] in self._peel_keys:
            found = self._peeled.get(word)
            if found is None:
                bases = (base for base in peel(word) if base in self._forms)
                found = next(([e for e in self._forms[base] if not e[0]] for base in bases), [])
                if len(self._peeled) < PEEL_CACHE_WORDS:
                    self._peeled[word] = found
            return found
        return []

    def _word_hits(self, word: str, i: int, offset: int, lows: list[str], out: list[Hit], phrases: bool = True) -> None:
        """Append the hits of one word (a whole token or part of a hyphenated one)."""
        self._need(word)
        self._hits_of(word, i, offset, lows, out, phrases)

    def _hits_of(self, word: str, i: int, offset: int, lows: list[str], out: list[Hit], phrases: bool = True) -> None:
        """_word_hits of a word whose waiting forms are made: a token scan has looked up (_entry made them)."""
        after = lows[i + 1] if phrases and i + 1 < len(lows) else ""
        gaps = _gap_starts(lows, i + 1) if after in FILLERS and word in NEGATORS else ()
        if gaps and word in self._forms:  # only the phrases that go on with `after` or a word after fillers can match
            singles, by_next = self._phrases.get(word) or self._phrase_index(word)
            entries = {k: (rest, payload) for k, rest, payload in singles}  # in the form's order, as _lookup gives them
            for at in (i + 1, *gaps):
                if at < len(lows):
                    entries.update((k, (rest, payload)) for k, rest, payload in by_next.get(lows[at], ()))
            self._gap_hits([entries[k] for k in sorted(entries)], gaps, after, i, offset, lows, out)
            self._stem_hits(word, i, offset, out)
            return
        if word in self._forms:  # only the phrases that go on with `after` can match (ei: 90 entries)
            singles, by_next = self._phrases.get(word) or self._phrase_index(word)
            for _, rest, payload in by_next.get(after, singles):  # with the one-word entries, in the form's order
                if not rest:
                    out.append((i, i + 1, offset, payload))
                else:
                    end = i + 1 + len(rest)
                    if len(rest) == 1 or (end <= len(lows) and _goes_on(lows, i + 1, rest)):
                        out.append((i, end, offset, payload))
            self._stem_hits(word, i, offset, out)
            return
        self._gap_hits(self._lookup(word), gaps, after, i, offset, lows, out)
        self._stem_hits(word, i, offset, out)

    @staticmethod
    def _gap_hits(entries: Iterable[tuple[tuple[frozenset[str], ...], Any]], gaps: Sequence[int], after: str, i: int,
                  offset: int, lows: list[str], out: list[Hit]) -> None:
        """Append the hits of a word's entries: a phrase goes on right after it, or after the fillers (`gaps`)."""
        for rest, payload in entries:
            if not rest:
                out.append((i, i + 1, offset, payload))
            elif after and after in rest[0]:
                end = i + 1 + len(rest)
                if len(rest) == 1 or (end <= len(lows) and _goes_on(lows, i + 1, rest)):
                    out.append((i, end, offset, payload))
            else:
                for at in gaps:
                    end = at + len(rest)
                    if end <= len(lows) and _goes_on(lows, at, rest):
                        out.append((i, end, offset, payload))
                        break

    def _phrase_index(self, word: str) -> PhraseIndex:
        """A form's one-word entries, and by the word that goes on each of its phrases, those phrases and the one-word
        entries in the form's order, all with their places."""
        singles: list[tuple[int, tuple[frozenset[str], ...], Any]] = []
        by_next: dict[str, list[tuple[int, tuple[frozenset[str], ...], Any]]] = {}
        for k, (rest, payload) in enumerate(self._forms[word]):
            if not rest:
                singles.append((k, rest, payload))
            for after in rest[0] if rest else ():
                by_next.setdefault(after, []).append((k, rest, payload))
        index = (tuple(singles), {after: tuple(sorted(singles + entries, key=_first))
                                  for after, entries in by_next.items()})
        self._phrases[word] = index
        return index

    def _stem_hits(self, word: str, i: int, offset: int, out: list[Hit]) -> None:
        """Append the `stem*` hits of a word."""
        bucket = self._stems.get(word[:STEM_KEY])
        if bucket:
            for stem, payload in bucket:
                if word.startswith(stem):
                    out.append((i, i + 1, offset, payload))
        for stem, payload in self._short_stems:
            if word.startswith(stem):
                out.append((i, i + 1, offset, payload))

    def scan(self, lows: list[str], low_text: str, marked: list[int] | None = None) -> list[Hit]:
        """Every hit in the lower-cased tokens; `low_text` lets `*part*` patterns skip absent parts; `marked`
        gets the tokens `mark`'s test is true for."""
        out: list[Hit] = []
        mark = self._mark if marked is not None else None
        append = out.append
        dotted = "." in low_text and DOMAIN_DOT.search(low_text) is not None  # a web address among the words
        seen = self._seen
        last = len(lows) - 1
        held: list[tuple[int, int]] = []  # (part, token) of each part a token holds
        nothing = self._nothing
        compounds = self._compounds
        for i, word in enumerate(lows):
            if word in nothing:
                continue  # a word seen before that hits nothing, marks nothing and starts no phrase: one probe
            try:  # a subscript, not get(): most words are remembered
                payloads, firsts, negator, parts, marks = seen[word]
            except KeyError:
                payloads, firsts, negator, parts, marks = self._entry(word)
            if parts:
                held += zip(parts, repeat(i))  # (part, token) pairs without a generator's frame
            if marks and mark is not None:
                marked.append(i)  # type: ignore[union-attr]
            if payloads is None:  # a word of parts that is no form itself
                if "-" in word:
                    key = (word, lows[i + 1] if i < last else "")
                    found = compounds.get(key)
                    if found is None:
                        found = self._compound_entry(key, i, lows)
                    for end, offset, payload in found:
                        append((i, i + end, offset, payload))
                elif "+" in word:  # a service's plus: its own name's (Ruutu+ Sanoma's) and the word's (Wolt+ Wolt's)
                    if word in self._forms:
                        self._word_hits(word, i, 0, lows, out)
                    self._word_hits(word.replace("+", ""), i, 0, lows, out)
                elif dotted:  # a web address: posti.fi:n is Posti's
                    self._word_hits(word.split(".", 1)[0], i, 0, lows, out, phrases=False)
                else:
                    self._word_hits(word, i, 0, lows, out)
                continue
            if firsts is not None and i < last and (lows[i + 1] in firsts or negator and lows[i + 1] in FILLERS):
                self._hits_of(word, i, 0, lows, out)  # a phrase may start here
                continue
            for payload in payloads:
                append((i, i + 1, 0, payload))
            if dotted and "." in word:  # one brand's web address and another's name (kotiliesi.fi: Otava's Kotiliesi)
                self._word_hits(word.split(".", 1)[0], i, 0, lows, out, phrases=False)
        if held:  # part by part in the order they were added, as a part of the text (not across two words)
            held.sort()
            parts_list = self._parts
            for k, i in held:
                part, payload = parts_list[k]
                if part in low_text:
                    append((i, i + 1, 0, payload))
        return out

    def _entry(self, word: str) -> WordEntry:
        """What a word's hits are made of, remembered (see _seen)."""
        self._need(word)
        entries = self._forms.get(word) if "+" not in word else None  # a plus word is looked up in each post
        firsts: frozenset[str] | None = None
        singles: tuple[Any, ...] | None
        if entries is not None:
            singles = tuple(payload for rest, payload in entries if not rest)
            for rest, _ in entries:
                if rest:
                    firsts = rest[0] if firsts is None else firsts | rest[0]
        elif ("-" in word or "." in word or "+" in word) and word[0] not in BOUNDARY_CHARS:
            singles = None  # a hyphenated, dotted or plus word that is no form: its parts are looked up in each post
            # (not a run of sentence marks, "." or "...": no web address, remembered as hitting nothing like a word)
        elif STRETCHED.search(word):  # a letter held for emphasis: Ooomin, Woltttt, Postiiiin(kin)
            singles = self._squeezed(word)
        elif word[:PEEL_KEY] in self._peel_keys and word.endswith(PEELABLE):
            singles = tuple(payload for _, payload in self._lookup(word))  # a peeled form's one-word entries
        else:
            singles = ()
        if singles is not None:
            found = self._stems.get(word[:STEM_KEY], ())
            stems = [payload for stem, payload in found if word.startswith(stem)] if found else []
            stems += [payload for stem, payload in self._short_stems if word.startswith(stem)]
            singles += tuple(stems)
        entry = (singles, firsts, word in NEGATORS, self._parts_of(word) if self._parts else (),
                 self._mark is not None and self._mark(word))
        if len(self._seen) < SEEN_WORDS:
            self._seen[word] = entry
            if entry == _NOTHING:
                self._nothing.add(word)
        return entry

    def _squeezed(self, word: str) -> tuple[Any, ...]:
        """The one-word entries of a word with a letter written three times or more, read with it twice, else once
        (Postiiiin: Postiin; Ooomin: Oomin): no form holds a letter thrice."""
        for squeezed in (STRETCHED.sub(r"\1\1", word), STRETCHED.sub(r"\1", word)):
            self._need(squeezed)
            found = self._lookup(squeezed)
            if found:
                return tuple(payload for rest, payload in found if not rest)
        return ()

    def _parts_of(self, word: str) -> tuple[int, ...]:
        """The indices of the `*part*` patterns the word holds, in order."""
        if self._part_tree is None:
            texts: dict[str, list[int]] = {}
            for k, (part, _) in enumerate(self._parts):
                texts.setdefault(part, []).append(k)
            self._part_tree = part_tree(texts, PART_KEY - 1)
            self._part_min = min(map(len, texts))
        if len(word) < self._part_min:
            return ()
        found: list[int] = []
        parts_in(self._part_tree, word, found)
        return tuple(sorted(found)) if found else ()

    def _compound_entry(self, key: tuple[str, str], i: int, lows: list[str]) -> tuple[tuple[int, int, Any], ...]:
        """_compound_hits of the hyphenated word key[0] at lows[i] (key[1] after it), as (end - i, offset, payload);
        remembered when none of the word's phrases, nor its last part's, can go on past the next token."""
        hits: list[Hit] = []
        word = key[0]
        self._compound_hits(word, i, lows, hits)
        found = tuple([(end - i, offset, payload) for _, end, offset, payload in hits])
        if len(self._compounds) < COMPOUND_WORDS and not self._reaches_on(word) \
                and not self._reaches_on(word.rsplit("-", 1)[1]):
            self._compounds[key] = found
        return found

    def _reaches_on(self, word: str) -> bool:
        """True when a phrase the word may start can go on past the token after it: one of three words or more, or
        a negator's across fillers (ei kukaan vastaa)."""
        if word in NEGATORS:
            return True
        return bool(word) and any(len(rest) > 1 for rest, _ in self._lookup(word))

    def _compound_hits(self, word: str, i: int, lows: list[str], out: list[Hit]) -> None:
        """Hits in a hyphenated token: the whole token, its leading parts joined, then each part."""
        self._word_hits(word, i, 0, lows, out)
        parts = word.split("-")
        offset = 0
        for k, part in enumerate(parts):
            if k and part:
                self._word_hits(part, i, offset, lows, out, phrases=k == len(parts) - 1)
            offset += len(part) + 1
        if parts[0]:
            # Leading parts with more hyphens than any form has are no form, nor one peeled (a clitic or possessive
            # holds no hyphen): they hit only the stems the word begins with that are no longer than they are, so
            # their text is not built (S-S-S-...: 20,000 parts were 20,000 joins of up to 40,000 letters).
            most = self._hyphens
            stems: list[tuple[int, Any]] | None = None
            length = offset - 1  # of "-".join(parts[:k]), from the whole word down
            for k in range(len(parts) - 1, 0, -1):
                length -= len(parts[k]) + 1
                if k - 1 <= most:
                    self._word_hits("-".join(parts[:k]), i, 0, lows, out, phrases=False)
                    continue
                if stems is None:
                    stems = self._stems_of(word)
                for size, payload in stems:
                    if size <= length:
                        out.append((i, i + 1, 0, payload))

    def _stems_of(self, word: str) -> list[tuple[int, Any]]:
        """(length, payload) of each `stem*` the word begins with, in _stem_hits' order."""
        bucket = self._stems.get(word[:STEM_KEY], ())
        return [(len(stem), payload) for stem, payload in (*bucket, *self._short_stems) if word.startswith(stem)]
