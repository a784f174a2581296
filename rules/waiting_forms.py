"""A brand's forms wait until a post holds a word of their first letters (Lexicon.defer): a big config's 825,000
lexicon entries took 3.5 s of every start, and one post needs a few thousand of them.

BrandForms files each spelling of a name and each context word under its key, the first letters every form of it
keeps (waiting_key); _make adds a key's forms, their typos and misspelt stems when the lexicon or a misspelt stem's
search first needs them, each entry ranked (made_at) so that a form's entries are in the order one build of them all
gives: a post is judged alike whatever the posts before it.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple, Sequence

from kuulo.rules.finnish import surface_forms
from kuulo.rules.fuzzy import FuzzyIndex, bucket_keys, fuzzy_stem
from kuulo.rules.lexicon import Lexicon

if TYPE_CHECKING:
    from kuulo.rules.brand_forms import BrandHit, ContextHit

KEY_SAFE_LETTERS = 4  # a name's first word this long keeps its first two letters in every form (not Apu: avussa)
KEY_3_LETTERS = 6  # ... and this long, its first three (a stem changes from its third letter from the end on: lisen)
CONTEXT_RANK = (2, 0)  # a context word's waiting forms go after the brand forms (0, place) and typos (1, place)
Entry = tuple[str, tuple[frozenset[str], ...], Any, bool]  # Lexicon.add_first's (form, rest, payload, peelable)


class Spelling(NamedTuple):
    """A spelling of a name or alias whose forms wait for a post that needs them."""

    place: int  # in the order of every brand's terms and spellings
    brand: int
    written: str
    term: str
    ambiguous: bool
    stems: Sequence[str]  # the config's stems of the name
    strict: bool
    cased: bool
    short: bool  # too short for fuzzy matching: its forms' typos are added
    stem_hit: BrandHit | None  # its stems' payload in the misspelt stems' index, if it has one


@dataclasses.dataclass(slots=True)
class Waiting:
    """The spellings whose forms wait under a key, in the order of the terms, and its context words."""

    spellings: list[Spelling]
    context: list[tuple[str, ContextHit, bool]]  # (text, payload, whether only its changed stem's forms)


def waiting_key(low: str, forms: Iterable[str] = ()) -> str:
    """The key a lower-case spelling's forms wait under: the first letters every form of it keeps, three of a first
    word of KEY_3_LETTERS letters or more, two of one of KEY_SAFE_LETTERS, else one; fewer when some of `forms` (an
    analyser's) begin otherwise."""
    head = low.split(" ", 1)[0]
    n = 3 if len(head) >= KEY_3_LETTERS and head[:3].isalpha() else 2 if len(head) >= KEY_SAFE_LETTERS else 1
    key = low[:n] if low[1:n].isalpha() else low[:1]
    for form in forms:
        while not form.startswith(key):
            key = key[:-1]
    return key


def stem_changes(stem: str) -> list[str]:
    """The forms of a context pattern's changing stem that do not begin with it: paketti -> paketin, osinko ->
    osingon."""
    return [form for form in surface_forms(stem) if not form.startswith(stem) and form.isalpha()]


def made_at(payload: Any) -> tuple[int, int] | None:
    """Where a payload a key's making added goes among a form's entries (None for one added at the start)."""
    return getattr(payload, "made_at", None)


class WaitingForms:
    """The waiting forms of BrandForms: filed by key at the start, made when a word or a misspelt stem needs them."""

    _fuzzy_stems: FuzzyIndex | None

    def _start_waiting(self, lexicon: Lexicon) -> None:
        """No form waits yet; `lexicon` gets them when made."""
        self._lexicon = lexicon
        self._waiting: dict[str, Waiting] = {}  # key -> its waiting forms
        self._stem_sources: dict[str, dict[str, None]] = {}  # a stem's first two letters -> keys whose stems may begin so
        self._stems_made: set[tuple[str, int]] = set()  # (stem, brand) in the misspelt stems' index
        self._making = threading.Lock()  # one thread makes a key's forms while another waits for them

    def _wait(self, key: str) -> Waiting:
        """The forms waiting under `key`."""
        group = self._waiting.get(key)
        if group is None:
            group = self._waiting[key] = Waiting([], [])
        return group

    def _stems_begin(self, low: str, key: str) -> None:
        """Let a misspelt stem that begins as one of `low` (a name written in letters alone: its stems begin as it
        does) make `key`."""
        for start in bucket_keys(low):
            self._stem_sources.setdefault(start, {})[key] = None

    def _defer(self) -> None:
        """Hand the waiting forms to the lexicon (the stems of names too short to tell them first filed), and make those
        no first letter tells now."""
        for group in self._waiting.values():
            for w in group.spellings:
                if w.stem_hit is not None and len(w.written.split(" ", 1)[0]) < KEY_SAFE_LETTERS:  # Apu: avutt
                    forms = self._add_term([], w.brand, w.written, w.term, w.ambiguous, w.stems, w.strict, w.cased)
                    for stem in filter(str.isalpha, map(fuzzy_stem, forms)):
                        if len(stem) > 2:
                            self._stems_begin(stem, waiting_key(w.written.lower()))
        self._lexicon.defer(self._waiting, self._make)
        self._make("")  # an analyser's forms that begin otherwise than their name

    def make_all(self) -> None:
        """Make every waiting form now (what posts would make of them, for a test or a measure)."""
        for key in list(self._waiting):
            self._make(key)

    def _make_stems(self, stem: str) -> None:
        """Make the keys whose stems a misspelt one may be near (before the misspelt stems' index is asked)."""
        for key in self._stem_sources.get(stem[:2], ()):
            if key in self._waiting:
                self._make(key)

    def _make(self, key: str) -> None:
        """Add the forms of the spellings and context words waiting under `key`, the spellings' typos and stems."""
        with self._making:
            group = self._waiting.get(key)
            if group is None:
                return  # another thread made them
            entries: list[Entry] = []
            short: list[tuple[str, dict[str, BrandHit], int]] = []  # names too short for fuzzy matching, their forms
            stems: list[tuple[str, BrandHit, tuple[int, int]]] = []
            for w in group.spellings:
                before = len(entries)
                forms = self._add_term(entries, w.brand, w.written, w.term, w.ambiguous, w.stems, w.strict, w.cased)
                for entry in entries[before:]:
                    entry[2].made_at = (0, w.place)
                if w.short:
                    short.append((w.written.lower(), forms, w.place))
                for n, form in enumerate(forms if w.stem_hit is not None else ()):
                    stem = fuzzy_stem(form)
                    if len(stem) > 2 and stem.isalpha() and (stem, w.brand) not in self._stems_made:  # not Hanna's na
                        self._stems_made.add((stem, w.brand))
                        stems.append((stem, w.stem_hit, (w.place, n)))
            made = {entry[0] for entry in entries}
            for name, forms, place in short:  # after the key's own forms, so no typo takes one of them
                self._add_typos(entries, made, name, forms, place)
            for text, payload, changed in group.context:  # a context word's endings, a stem's changes
                entries.extend((form, (), payload, True) for form in (stem_changes(text) if changed else surface_forms(
                    text)))
            self._lexicon.add_first(entries, made_at)
            if stems:
                self._fuzzy_stems.add(stems)  # type: ignore[union-attr]
            del self._waiting[key]

    def _add_term(self, entries: list[Entry], bi: int, written: str, term: str, ambiguous: bool,
                  stems: Iterable[str], strict: bool = False, cased: bool = False) -> dict[str, BrandHit]:
        """Add a spelling's forms to `entries`, returning the one-word ones (BrandForms')."""
        raise NotImplementedError

    def _add_typos(self, entries: list[Entry], made: set[str], name: str, forms: dict[str, BrandHit],
                   place: int) -> None:
        """Add a short name's forms with a letter doubled or undoubled to `entries` (BrandForms')."""
        raise NotImplementedError
