"""A doubtful name that a post treats as a shop, a branch, an employer or a company one contacts (Kylän Sale, the
local Sale, Myykö Sale, kesätyö Salella, Sale on maaseudun Alepa, call If, soitin Ifille).

A company named like a place or a word (needs_context) counts only beside a context word or a sign of a company; the
writer of a post about a chain's shop seldom uses the agency's context words, but speaks of it as of a shop: where it
stands (a village's, the local, a ... in Savonlinna), what one asks it does (Myykö Sale postimerkkejä: the verb and
its -ko before the name), where one works (kesätyö Salella, worked summers at a Sale), whom one calls or is a
customer of (call If, customer of If, soitin Ifille, Ifille ilmoitus), or another chain it is said to be (Sale on vaan
maaseudun Alepa, Sale is basically Alepa). A place, a word or a person takes none of these. Written
from Finnish and English usage, not from posts. The function returns why, or "".
"""

from __future__ import annotations

from typing import Sequence

from kuulo.rules.brand_signs import PostNames, branch_at
from kuulo.rules.everyday import COMPANY_ACTS
from kuulo.rules.lexicon import Hit
from kuulo.rules.normalise import NO_MARKS, TAG_CHARS, ClauseMarks, same_sentence

ASKING = ("ko", "kö")  # Myykö Sale, Vastaako Elisa: a company's act asked, its verb first
# A place's genitive before a chain's name makes it the branch there (Kylän Sale, maaseudun Alepa, kulman Siwa);
# the nearest or local one too.
PLACE_GENITIVES = ("kylän", "kaupungin", "keskustan", "lähiön", "maaseudun", "kulman", "naapuruston", "alueen",
                   "kunnan", "taajaman", "torin", "kadun")
LOCAL_FI = frozenset("""lähin lähimmän lähimmässä lähimmästä lähimpään lähimmällä lähimmältä paikallinen paikallisen
paikallisessa paikallisesta paikalliseen paikallisella paikalliselta""".split())
LOCAL_EN = frozenset("local nearest".split())  # the local Sale, our nearest Alepa
ARTICLES = frozenset("a the every another each one".split())  # a Sale in Savonlinna, the Sale in our village
LOCATING = frozenset("in near at".split())
PLACE_NOUNS = frozenset("""village town city neighbourhood neighborhood area street suburb centre center island
district""".split())
OWNERS = frozenset("our my the your their this that".split())  # the Sale in our village
# Capitalised words after 'in' that are no place: a language, a month, a day (the Kalevala in English)
NO_PLACES = frozenset("""english finnish swedish german french russian estonian spanish italian chinese japanese
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday""".split())
# Work where a company employs: kesätyö Salella, töissä Alepassa; worked summers at a Sale, my job at the local Alepa.
WORK_FI_ENDINGS = ("työ", "työt", "työssä", "töissä", "töihin", "duuni", "duunit", "duunissa", "harjoittelu",
                   "harjoittelussa", "harjoittelija")
WORK_FI = frozenset("työskentelin työskentelen työskentelee työskenteli työskentelit".split())
WORK_EN = frozenset("""work works worked working job jobs shift shifts intern interned internship summers employed
hired""".split())
WORK_REACH = 3  # words back from 'at' a word of work may stand (worked two summers at)
LOCAL_CASES = ("lla", "llä", "ssa", "ssä", "lle", "lta", "ltä", "sta", "stä", "aan", "ään", "een", "iin")
# A copula saying a name is another chain (Sale on vaan maaseudun Alepa, Sale is basically Alepa, Alepa = Sale).
COPULAS = frozenset("on oli is was =".split())
COPULA_REACH = 4  # words after the copula the other brand may stand (is basically just the rural Alepa)
# Contacting a company or being its customer: call If, emailed Sale, customer of If; soitin Ifille, Ifille ilmoitus.
CONTACT_EN = frozenset("""call called calling phone phoned phoning email emailed emailing contact contacted contacting
ring rang""".split())
CUSTOMERS_EN = frozenset("customer customers client clients member members employee employees shareholder".split())
CONTACT_FI = frozenset("""soitin soitan soitti soitettiin soittaa soita soittakaa laitoin lähetin kirjoitin valitin
ilmoitin reklamoin""".split())
CONTACT_AFTER_FI = frozenset("""ilmoitus ilmoituksen viesti viestin viestiä palaute palautetta reklamaatio reklamaation
hakemus hakemuksen valitus valituksen""".split())  # Ifille ilmoitus tehty, Aallolle hakemus


def shop_sign(tokens: list[str], lows: list[str], start: int, end: int, hits: Sequence[Hit], brand: int,
              names: PostNames, bare: bool, finnish: bool, marks: ClauseMarks = NO_MARKS) -> str:
    """Why a one-word name of `brand` at `start` is a chain's shop, a branch or an employer here, or ""; `hits` and
    `names`: the post's brand names (another chain it is said to be); `bare`: the name has no ending (Sale, not
    Salella)."""
    before = lows[start - 1] if start and start - 1 not in marks and tokens[start - 1][0] not in TAG_CHARS else ""
    if before and finnish and bare and before.endswith(ASKING) and before[:-2] in COMPANY_ACTS:
        return f"'{tokens[start - 1]}' before it asks what a company does"  # Myykö Sale postimerkkejä
    if before and tokens[start][:1].isupper() and (
            before.endswith(PLACE_GENITIVES) or before in LOCAL_FI or before in LOCAL_EN):
        return f"'{tokens[start - 1]}' before it: a chain's shop at a place"  # Kylän Sale, the local Sale
    if bare and tokens[start][:1].isupper() and (why := branch_at(tokens, end, marks)):
        return why  # Sale Kontula, Stadium Jumbo
    if not finnish and start and lows[start - 1] in ARTICLES and tokens[start][:1].isupper() and (
            end + 1 < len(lows) and lows[end] in LOCATING and end - 1 not in marks) and (
            tokens[end + 1][:1].isupper() and tokens[end + 1].isalpha() and lows[end + 1] not in NO_PLACES or (
                lows[end + 1] in OWNERS) and (
                end + 2 < len(lows) and lows[end + 2] in PLACE_NOUNS)):
        where = " ".join(tokens[end:end + (2 if tokens[end + 1][:1].isupper() else 3)])
        return f"'{tokens[start - 1]} {tokens[start]} {where}': a chain's shop at a place"  # a Sale in Pello
    if why := _employer(tokens, lows, start, bare, finnish, marks) or _contacted(tokens, lows, start, finnish, marks):
        return why
    return _said_to_be(tokens, lows, start, end, hits, brand, names, marks) if bare else ""


def _employer(tokens: list[str], lows: list[str], start: int, bare: bool, finnish: bool, marks: ClauseMarks) -> str:
    """Why the name is where someone works (kesätyö Salella, worked summers at a Sale), or ""."""
    if finnish:
        if bare or not lows[start].endswith(LOCAL_CASES):
            return ""
        for k in range(max(0, start - 2), start):
            if (lows[k].endswith(WORK_FI_ENDINGS) or lows[k] in WORK_FI) and not marks.inside(k, start + 1):
                return f"'{tokens[k]}' before it: where someone works"
        return ""
    at = start - 1 if start and lows[start - 1] == "at" else start - 2 if start > 1 and lows[start - 2] == "at" and (
        lows[start - 1] in ARTICLES or lows[start - 1] in LOCAL_EN) else -1
    for k in range(max(0, at - WORK_REACH), at if at > 0 else 0):
        if lows[k] in WORK_EN and not marks.inside(k, start + 1) and same_sentence(tokens, k, start):
            return f"'{tokens[k]} … {tokens[at]}' before it: where someone works"
    return ""


def _contacted(tokens: list[str], lows: list[str], start: int, finnish: bool, marks: ClauseMarks) -> str:
    """Why the name is a company one contacts or is a customer of (call If, customer of If, soitin Ifille), or ""."""
    if not finnish:  # with its capital: call if you see him is no company
        if not tokens[start][:1].isupper():
            return ""
        if start and lows[start - 1] in CONTACT_EN and start - 1 not in marks:
            return f"'{tokens[start - 1]}' before it: a company one contacts"
        if start > 1 and lows[start - 1] == "of" and lows[start - 2] in CUSTOMERS_EN and not marks.inside(start - 2,
                                                                                                         start + 1):
            return f"'{tokens[start - 2]} of' before it: a company's customer"
        return ""
    if not lows[start].endswith("lle"):
        return ""
    for k in (start - 2, start - 1, start + 1, start + 2):
        if 0 <= k < len(lows) and (lows[k] in CONTACT_FI if k < start else lows[k] in CONTACT_AFTER_FI) and (
                not marks.inside(min(k, start), max(k, start) + 1)):
            return f"'{tokens[k]}' beside its allative: a company one contacts"
    return ""


def _said_to_be(tokens: list[str], lows: list[str], start: int, end: int, hits: Sequence[Hit], brand: int,
                names: PostNames, marks: ClauseMarks) -> str:
    """Why the bare name is said to be another chain, or another chain it (Sale on vaan maaseudun Alepa), or ""."""
    if not (end < len(lows) and lows[end] in COPULAS or start and lows[start - 1] in COPULAS):
        return ""
    sure = names.sure()
    sure = {h[0] for h in hits if h[3].brand != brand and not h[3].everyday and h[1] == h[0] + 1 and (
        h[0] in sure or tokens[h[0]][:1].isupper()) and lows[h[0]] == h[3].low}  # its bare name (not Prismassa)
    if end < len(lows) and lows[end] in COPULAS:  # the name, the copula, then the other chain
        for k in range(end + 1, min(len(lows), end + 1 + COPULA_REACH)):
            if k in sure and not marks.inside(start, k + 1) and same_sentence(tokens, start, k):
                return f"'{tokens[end]}' after it says it is '{tokens[k]}', another company"
    if start and lows[start - 1] in COPULAS:  # the other chain, the copula, then the name
        for k in range(max(0, start - 1 - COPULA_REACH), start - 1):
            if k in sure and not marks.inside(k, start + 1) and same_sentence(tokens, k, start):
                return f"'{tokens[k]} {tokens[start - 1]}' before it says another company is it"
    return ""
