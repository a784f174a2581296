"""A shopping centre named as the place of another brand's shop: a mention of the shop, not of the centre (Sellon
Prisma, Stadiumilla Jumbossa, Telian kauppa Itiksessä, DNA store in Iso Omena, the Kamppi Alko, your Forum store).

A brand is a shopping centre when its name is one place_names knows as a centre, or an alias of it sets a centre's word
beside its name (Kauppakeskus Sello, Ideapark mall). Its name counts as a place where it stands in a place's reading
right beside another brand the post mentions: its genitive or its name before the brand (Sellon Alkosta, the Jumbo
Lidl, Itis's Prisma), its bare name after the brand's (Intersport Sello), its local case after the brand's or the
brand's shop (Myyjä Stadiumilla Sellossa, Elisan myymälän tyyppi Sellossa), 'in' or 'at' it after the brand or its
shop (Stadium checkout in Sello), or a shop's word after it while another brand is named (your Sello store). A word or
a clause mark between them (Sellossa oli ruuhkaa ja Alkossa jono) joins nothing. The centre stays mentioned when it is
named anywhere else in the post, or the post speaks of what a centre itself has (its parking, toilets, signs: Etsin
Sellon Alkoa kun opasteet osoittaa väärään suuntaan). A department store sells in its own name and is no centre here
(Sellon Stockmannissa: Stockmann). Written from Finnish and English usage, not from posts. The function returns the
mentions to keep, and says why a centre's went in `notes`.
"""

from __future__ import annotations

import re
from typing import Any, Container, Sequence

from kuulo.rules.brand_signs import COMPOUND_HEAD_AT
from kuulo.rules.everyday import JOINERS
from kuulo.rules.going_to import ILLATIVE  # Selloon, Kamppiin, Itikseen; not Sellon
from kuulo.rules.name_readings import INSIDE, OUTER
from kuulo.rules.normalise import NO_MARKS, ClauseMarks, same_sentence
from kuulo.rules.place_names import CENTRES
from kuulo.rules.place_sites import SITES_EN, SITES_FI
from kuulo.rules.specs import BrandSpec

CENTRE_WORDS_FI = ("kauppakeskus", "ostoskeskus")  # a word's start: Kauppakeskus Sellossa, Sello-kauppakeskus
CENTRE_WORDS_EN = ("mall", "shopping centre", "shopping center", "shopping mall")
_CENTRE_EN = re.compile(r"\b(?:" + "|".join(map(re.escape, CENTRE_WORDS_EN)) + r")\b")  # a whole word or phrase
_WORDS = re.compile(r"[\s-]+")
# A shop's or a stand's words between a brand and the centre it stands in, as stems and compounds' heads: Telian
# kauppa Sellossa, postin pakettiautomaatti Sellossa, Elisan myymälän myyjä Sellossa; DNA store in Sello, the Stadium
# checkout in Sello, KONE elevator in Sello.
SHOPS_FI = (*SITES_FI, "kauppa", "kaupa", "automaat", "piste", "osasto", "kassa", "kassoi", "tiski", "myyjä",
            "henkilökun")
SHOPS_EN = SITES_EN | frozenset("""checkout checkouts till tills counter kiosk locker lockers machine booth stand desk
staff clerk cashier elevator elevators lift lifts""".split())
SHOP_GAP = 2  # words a brand's shop, its stand or its staff may take between it and the centre
LOCAL_FI = INSIDE + OUTER  # Sellossa, Sellosta, Jumbolla, Jumbolta, Jumbolle
AT_EN = frozenset({"in", "at"})
# What a centre itself has, which a post about a shop in it may speak of: then the centre is talked about too.
CENTRE_OWN_FI = ("parkki", "pysäköin", "p-hall", "vessa", "opaste", "kyltti", "kylti", "laajennu")
CENTRE_OWN_EN = frozenset("""parking carpark toilet toilets restroom restrooms bathroom bathrooms signs signage
wayfinding""".split())


def is_centre(spec: BrandSpec) -> bool:
    """Whether a configured brand is a shopping centre: a centre place_names knows, or an alias that sets a centre's
    word beside its name (Kauppakeskus Sello, Sello mall)."""
    name = spec.name.lower()
    if name in CENTRES or name.replace(" ", "") in CENTRES or name.replace(" ", "-") in CENTRES:
        return True
    for alias in spec.aliases:
        low = alias.lower()
        words = _WORDS.split(low)
        if len(words) > 1 and (any(w.startswith(CENTRE_WORDS_FI) for w in words) or _CENTRE_EN.search(low)):
            return True
    return False


def placed_centres(tokens: list[str], lows: list[str], found: list[tuple[Any, ...]], centres: Container[int],
                   names: Sequence[str], notes: list[str], finnish: bool, marks: ClauseMarks = NO_MARKS,
                   masked: set[int] | None = None) -> list[tuple[Any, ...]]:
    """`found` (BrandMatcher's tuples: start, end, brand, term, form, how, score) without the mentions of a centre
    named only as where another brand's shop is; why goes to `notes`, and their tokens to `masked` (a name still,
    which the tone model and its sentence prior read no more than a mention's)."""
    shops = [f for f in found if f[2] not in centres]
    if not shops:
        return found
    placed: dict[int, list[tuple[tuple[Any, ...], str]]] = {}
    kept: set[int] = set()  # centres named elsewhere in the post too
    for f in found:
        if f[2] not in centres:
            continue
        why = "" if f[5] in ("hashtag", "handle") else _shop_at(tokens, lows, f, shops, names, finnish, marks)
        if why:
            placed.setdefault(f[2], []).append((f, why))
        else:
            kept.add(f[2])
    gone = {bi for bi in placed if bi not in kept}
    if not gone:
        return found
    own = _centre_own(lows)
    for bi in gone:
        for f, why in dict(((f[4], f[0]), (f, why)) for f, why in placed[bi]).values():  # a form once
            if own:
                notes.append(f"'{f[4]}' is {names[bi]}: {why}, but '{own}' speaks of the centre itself")
            else:
                notes.append(f"'{f[4]}' is not {names[bi]}: {why}: the centre is its place")
    if own:
        return found
    if masked is not None:
        masked.update(k for bi in gone for f, _ in placed[bi] for k in range(f[0], f[1]))
    return [f for f in found if f[2] not in gone]


def _shop_at(tokens: list[str], lows: list[str], centre: tuple[Any, ...], shops: Sequence[tuple[Any, ...]],
             names: Sequence[str], finnish: bool, marks: ClauseMarks) -> str:
    """Why a centre's mention names where another brand's shop is, or ""."""
    start, end, bi = centre[0], centre[1], centre[2]
    last = lows[end - 1]
    bare = last == names[bi].lower().rsplit(" ", 1)[-1]
    after = next((f for f in shops if f[0] == end), None) if end - 1 not in marks else None
    if after is not None and (bare or _genitive(last)):  # Sellon Prisma, Sello's Prisma, the Sello Alko
        return f"'{after[4]}' after it, a shop in the centre"
    before = next((f for f in shops if f[1] == start), None) if start - 1 not in marks else None
    if before is not None and bare and tokens[start][:1].isupper():  # Intersport Sello, Prisma Jumbo
        return f"'{before[4]}' before it, the shop's branch named for the centre"
    if finnish and (last.endswith(LOCAL_FI) or ILLATIVE.search(last)):  # Stadiumilla Sellossa, Telian kauppa Sellossa
        for f in shops:
            gap = range(f[1], start)
            if len(gap) <= SHOP_GAP and f[1] <= start and not marks.inside(f[1] - 1, start + 1) and (
                    not gap or _shop_words(lows, gap, SHOPS_FI) or _shop_head(lows[f[1] - 1])) and all(
                    lows[k].isalpha() and tokens[k].islower() and lows[k] not in JOINERS for k in gap):
                return f"'{f[4]}' before it, a shop in the centre"
    if start and lows[start - 1] in AT_EN or start > 1 and lows[start - 1] == "the" and lows[start - 2] in AT_EN:
        at = start - 1 if lows[start - 1] in AT_EN else start - 2  # DNA store in Sello, Stadium in Sello
        for f in shops:
            if (f[1] == at or f[1] == at - 1 and lows[at - 1] in SHOPS_EN) and not marks.inside(f[1] - 1, start + 1):
                return f"'{f[4]} … {tokens[at]}' before it, a shop in the centre"
        if at and lows[at - 1] in SHOPS_EN and not marks.inside(at - 1, start + 1) and (
                other := _named(tokens, shops, start)):  # @Posti hi, the parcel locker at Sello
            return f"'{tokens[at - 1]} {tokens[at]}' before it, the shop of '{other}'"
    site = lows[end] if end < len(lows) and end - 1 not in marks else ""
    if site and (bare and site in SITES_EN or _genitive(last) and site.startswith(SITES_FI)) and (
            other := _named(tokens, shops, start)):  # @normal_fi your Sello store
        return f"'{tokens[end]}' after it, the shop of '{other}'"
    return ""


def _named(tokens: list[str], shops: Sequence[tuple[Any, ...]], at: int) -> str:
    """Another brand addressed by its handle, or named in the sentence of token `at`, whose shop a word may be."""
    return next((f[4] for f in shops if f[5] == "handle" or same_sentence(tokens, f[0], at)), "")


def _genitive(low: str) -> bool:
    """Whether a name's last word is a genitive (Sellon, Ison Omenan, Sello's), not an illative (Selloon)."""
    return low.endswith(("'s", "’s")) or low.endswith("n") and not ILLATIVE.search(low)


def _shop_words(lows: list[str], gap: range, words: tuple[str, ...]) -> bool:
    """Whether a word between a brand and a centre is its shop's, or a compound with such a head (kauppa, myymälän,
    pakettiautomaatti)."""
    return any(lows[k].startswith(words) or any(w in lows[k][COMPOUND_HEAD_AT:] for w in words) for k in gap)


def _shop_head(low: str) -> bool:
    """Whether a brand's compound names its shop (DNA-kauppa, Alko-myymälä)."""
    return "-" in low and low.split("-", 1)[1].startswith(SHOPS_FI)


def _centre_own(lows: list[str]) -> str:
    """A word of the post that speaks of what a centre itself has (parking, toilets, signs), or ""."""
    return next((w for w in lows if w.startswith(CENTRE_OWN_FI) or w in CENTRE_OWN_EN), "")
