"""Brands in @handles and #hashtags: configured ones, ones that begin with the brand, hashtags that hold it.

#omastockmann and #rakastanmotonet hold a long name anywhere; a short (ambiguous) name counts
only at a change of case (#MinunAlko, #KONEhissit, #KONEBusiness), at the start of a hashtag before
a word or a suffix brands use when the name is no everyday word (#fazersininen, #powerfinland), before
an English word a tag adds to any name (#postifail, #nestelife), and in an @handle only before such a
suffix (@OPryhma, @VR_Suomi), never in a person's handle (@OPettaja_Anna, @VRfan123).
"""

from __future__ import annotations

import re
from typing import Iterable

from kuulo.rules.finnish import surface_forms

_TAG_END = re.compile(r"[:'’]")
INSIDE_MIN_LETTERS = 5  # a long name found inside a hashtag counts (#omaprisma); shorter ones only at a case change
# Words that, right after a brand, name a league, a venue or a foundation named after it: another entity.
ENTITY_HEADS = ("liiga", "areena", "arena", "stadion", "stadium", "säätiö", "foundation", "cup")
# ... a head's own forms (liigan, areenalla, säätiöltä) after a name: a compound of one is a word of its own (Ruudun
# liigapaketti: the streamer's package, no league)
ENTITY_FORMS = frozenset(form for head in ENTITY_HEADS for form in surface_forms(head, name=True))
# ... and capitalised words after a sponsor's name that make it an event or a venue: Nordea Open, Telia Parken.
ENTITY_NAMES = frozenset({"open", "parken", "center", "centre", "masters", "games", "classic", "trophy"})
# Capitalised words before a name that make it a venue's: Sokos Hotel Presidentti, Ravintola Sampo, Café Aalto.
VENUE_WORDS = frozenset("hotel hotelli ravintola restaurant café cafe kahvila bar baari pub teatteri theatre".split())
ABBREVIATION_TAG_MIN_LETTERS = 3  # a plain abbreviation this long begins a hashtag before any word: #hslratikka
TAG_WORD_MIN_LETTERS = 4  # ... a word of at least this many letters (not #hslfi's suffix)
HANDLE_ENDINGS = ("in", "n", "lle", "lta", "ltä", "lla", "llä", "ssa", "ssä", "sta", "stä", "a", "ä")  # @x_fi:n, @x_fin
TAG_MEMO = 50_000  # tags whose brands are remembered: a brand's handle and hashtags recur in post after post
# English words a hashtag adds to any name, a word's too (#postifail, #nestelife): Finnish compounds none of them
TAG_ENGLISH = frozenset("fail fails life love lover lovers fan fans team".split())
HANDLE_SUFFIXES = frozenset("""
fi suomi finland ryhma ryhmä group oy oyj official virallinen tuki support help apua asiakaspalvelu
asiakaspalvelut news uutiset app mobile mobiili global com helsinki hki tampere turku oulu espoo vantaa
""".split())  # and the home cities brands name their accounts after (@HSLhelsinki)


class TagIndex:
    """Compact brand terms (stockmann, s_pankki) for @handle and #hashtag lookups."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.exact: dict[str, list[tuple[int, str]]] = {}  # "#tag" / "@handle" -> (brand, term)
        self._words = frozenset(words) | HANDLE_SUFFIXES  # what may follow a short name in a hashtag
        self._plain: set[str] = set()  # short names that are no everyday word or slang (fazer, not posti)
        self._abbreviations: set[str] = set()  # plain abbreviations, which may begin any tag word (#hslratikka)
        self._context: dict[int, tuple[str, ...]] = {}  # brand -> its context words' stems (#veikkauslotto)
        self._prefixes: dict[str, list[tuple[str, int, str, bool]]] = {}
        self._inside: dict[str, list[tuple[str, int, str, bool]]] = {}  # first two letters -> terms
        self._matches: dict[str, tuple[tuple[int, str], ...]] = {}  # token -> matches(token), a memo until an add_*

    def add_tag(self, key: str, brand: int, term: str) -> None:
        """A configured handle ("@nordeasuomi") or hashtag ("#nordea"), lower-case."""
        self.exact.setdefault(key, []).append((brand, term))
        self._matches.clear()

    def add_term(self, compact: str, brand: int, term: str, ambiguous: bool, plain: bool = False,
                 abbreviation: bool = False) -> None:
        """A term written without spaces (stockmann, spankki, s_pankki) that tags may begin with or hold;
        `plain`: a short name that is no everyday word, which may begin a hashtag before a word (#fazersininen);
        `abbreviation`: a plain one is no word's beginning, so it may begin a hashtag before any word (#hslratikka)."""
        self._matches.clear()
        if plain:
            self._plain.add(compact)
            if abbreviation and len(compact) >= ABBREVIATION_TAG_MIN_LETTERS:
                self._abbreviations.add(compact)
        self._prefixes.setdefault(compact[0], []).append((compact, brand, term, ambiguous))
        if ambiguous or len(compact) >= INSIDE_MIN_LETTERS:
            self._inside.setdefault(compact[:2], []).append((compact, brand, term, ambiguous))

    def add_context(self, brand: int, stems: tuple[str, ...]) -> None:
        """The stems of a brand's context words: a hashtag that begins with the name and goes on with one counts."""
        self._context[brand] = stems
        self._matches.clear()

    def matches(self, token: str) -> list[tuple[int, str]]:
        """(brand, term) of an @handle or #hashtag token."""
        found = self._matches.get(token)
        if found is None:
            found = tuple(self._find(token))
            if len(self._matches) < TAG_MEMO:
                self._matches[token] = found
        return list(found)

    def _find(self, token: str) -> list[tuple[int, str]]:
        """matches(token), worked out."""
        body = _TAG_END.split(token[1:], 1)[0]
        low = body.lower()
        out = list(self.exact.get(token[0] + low, ()) or self.exact.get(token[0] + low.replace("_", ""), ()))
        handle = token[0] == "@"
        begun: list[tuple[str, int, str]] = []  # the terms the tag begins with
        for compact, bi, term, ambiguous in self._prefixes.get(low[:1], ()):
            if low.startswith(compact) and not names_another(low[len(compact):]):
                rest = low[len(compact):]
                if not ambiguous or (handle_suffix(rest) if handle else tag_boundary(body, len(compact)) or (
                        compact in self._plain and rest in self._words or rest in TAG_ENGLISH) or rest.startswith(
                        self._context.get(bi, ("\0",))) or compact in self._abbreviations and (
                        len(rest) >= TAG_WORD_MIN_LETTERS and rest.isalpha())):
                    begun.append((compact, bi, term))
        out += [(bi, term) for compact, bi, term in begun
                if not _cut_capitals(body, low, compact, begun, bi, self._words)]
        if not handle:
            inside = self._inside
            for at in range(1, len(low) - 1):
                for compact, bi, term, ambiguous in inside.get(low[at:at + 2], ()):
                    if low.startswith(compact, at) and (not ambiguous or (
                            body[at].isupper() and body[at - 1].islower() and tag_boundary(body, at + len(compact)))):
                        out.append((bi, term))
        return out


def _cut_capitals(body: str, low: str, compact: str, begun: list[tuple[str, int, str]], brand: int,
                  words: frozenset[str]) -> bool:
    """True when a name in capitals that a tag begins with is cut from a longer one's capitals that it also begins
    with, and the longer one ends at a word (#HSLhelsinki: HSL, not HS before an L; #HSLive: either)."""
    n = len(compact)
    return body[:n + 1].isupper() and any(len(other) > n and other.startswith(compact) and b != brand and (
        low[len(other):] in words or handle_suffix(low[len(other):])) for other, b, _ in begun)


def names_another(rest: str) -> bool:
    """True when what follows a name makes it another entity's name: #Veikkausliiga, Nokia Arena, Koneen Säätiö."""
    return rest.startswith(ENTITY_HEADS)


def handle_suffix(rest: str) -> bool:
    """True when what follows a short name in a handle is a suffix brands use (_fi, Suomi, ryhma) or nothing."""
    # also with a Finnish case ending after the handle (@Telia_Finlandin, @VR_Suomelle: Suomi's stem as Suome-)
    rest = rest.strip("_").rstrip("0123456789").strip("_")
    return rest == "" or rest in HANDLE_SUFFIXES or any(
        rest.endswith(e) and (rest[:-len(e)] in HANDLE_SUFFIXES or rest[:-len(e)] + "i" in HANDLE_SUFFIXES or (
            rest[:-len(e)].endswith("e") and rest[:-len(e) - 1] + "i" in HANDLE_SUFFIXES)) for e in HANDLE_ENDINGS)


def tag_boundary(body: str, n: int) -> bool:
    """True when a short name ends a word inside a tag: at its end, before _ or a digit, or at a case change."""
    if n >= len(body):
        return True
    after, before = body[n], body[n - 1]
    if not after.isalpha() or after.isupper() != before.isupper():
        return True
    return after.isupper() and n + 1 < len(body) and body[n + 1].islower()  # #KONEBusiness
