"""Brand mentions: names and aliases in every Finnish form, @handles, #hashtags, misspellings.

Short names (OP, Alko, Valio) and names marked ambiguous count only when written with their
capitals, as a tag, or beside one of the brand's context words; an inflected form of a short
name that is no everyday word counts in lower case too (alepasta). A form that is an everyday
word (Nesteen: of a liquid) counts only capitalised inside a sentence or beside a context word;
an abbreviation that is slang (OP, VR) needs a context word in English and on Reddit. `exclude`
overrules all, in every inflected form. Each decision on an ambiguous form is noted for explain.
"""

from __future__ import annotations

import functools
import re
from typing import Container, Iterable, Mapping, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.analysed import AnalysedForms, cased_prefix
from kuulo.rules.everyday import (ACT_FILLERS, COMPANY_ACTS, COMPANY_WORDS, ENGLISH_WORDS, FAMILY, FAMILY_EN,
                                  JOINERS, LEMMAS, LIFE_EVENTS, PERSON_AFTER_EN, PERSON_HEAD_STEMS, PERSON_HEADS,
                                  SLANG, TITLES,
                                  everyday_forms)
from kuulo.rules.finnish import VOWELS, is_abbreviation, surface_forms
from kuulo.rules.fuzzy import FuzzyIndex, similarity
from kuulo.rules.lexicon import Hit, Lexicon, PatternError
from kuulo.rules.normalise import BOUNDARY_CHARS, TAG_CHARS, TOKEN_RE
from kuulo.rules.specs import BrandSpec, MatchOptions
from kuulo.rules.tags import ENTITY_HEADS, ENTITY_NAMES, TagIndex, handle_suffix
from kuulo.rules.verdict import BrandMatch

AMBIGUOUS_MAX_LETTERS = 5  # a name this short is also a common word somewhere (OP, Alko, Posti)
TITLE_CASE_MIN_LETTERS = 3  # an abbreviation this long may be written in title case (Yths:n, Hsl:n)
LOWER_CASE_ABBREVIATION_LETTERS = 4  # ... and this long, inflected without a colon, in lower case (ikeasta)
# Endings a misspelt name may carry; the stem before them is compared with the name's stems.
FUZZY_ENDINGS = ("ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "ksi", "na", "nä", "n", "a", "ä",
                 "t")
STEM_EDITS = 1  # a misspelt stem before an ending is one typo away from the name's stem (a swap is one)
TYPO_MIN_LETTERS = 4  # a name this long, too short for fuzzy matching, still matches with a letter doubled: Ellisan
CONTEXT_STEM_MIN_LETTERS = 4  # a context pattern word* this long also reaches its stem changes (paketti* -> paketin)
LOWER_CASE_POST_MIN_WORDS = 6  # a post this long in lower case throughout is forum style, not a missing capital
COMPOUND_HEAD_AT = 3  # a compound's head starts this many letters in at least (käsittely|maksu)
HANDLE_NAME_LETTERS = 6  # a handle this long that is no name plus a suffix also names the brand in text (yleisradio)
HANDLE_SUFFIX_LETTERS = 3  # a handle's short addition to a name, as the brand's suffixes: elisaoyj, kelafpa
SHOUT_WINDOW, SHOUT_WORDS = 2, 2  # two words in capitals within two of a name: shouting, not the brand's capitals
ARTICLES = frozenset({"the"})  # the DNA of a good company: a common English word, no brand
SLANG_CONTEXT_WINDOW = 6  # slang needs its context word this near (My OP bank card; not OP, ... the tax card)
PERSON_WINDOW = 4  # family words and life events this near a bare name make it a person's (Elisa täytti 40)
PERSON_JOINERS = frozenset({"ja", "and", "&"})  # Elisa ja Eemeli, Helen and I
MAX_ACT_FILLERS = 2  # words between a name and its act: Posti taas myöhässä, kela ei vieläkään vastannut
GENITIVE_ACTS = frozenset({"mukaan", "kautta"})  # acts only after a genitive: Postin mukaan (not: posti mukaan)
EXCLUDE_ENDING_LETTERS = 6  # an exclude word matches its inflected forms: arena -> arenalla, renkaat -> renkaiden
# What follows a name and a dot in a web address: Verkkokauppa.com, Verkkokauppa.comista, Posti.fi
WEB_DOMAIN = re.compile(r"(?:com|net|org)(?:i(?:n|a|in|sta|ssa|lla|lta|lle|ksi|na))?|fi(?::\w+)?")
_ENDINGS = {k: frozenset(e for e in FUZZY_ENDINGS if len(e) == k) for k in (1, 2, 3)}
_NOT_WORD = re.compile(r"[\W_]+")
_AGE = re.compile(r"\d{1,3}(?:v|-vuotias\w*|-v)")  # Hese 40v, Elisa 5-vuotias
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_CAMEL = re.compile(r"(?<=[a-zäöå])(?=[A-ZÄÖÅ])")

TAG_WORDS = LEMMAS | frozenset(COMPANY_WORDS)  # words a hashtag may hold after a short name: #fazersininen, #woltkuski
# Letters Finnish writers put for a foreign name's: pizza -> pitsa, Fazer -> Fatser, Stockmann -> Stokmann.
SPELLINGS = ((("zz", "ts"), ("z", "ts")), (("ck", "k"),), (("kk", "ck"),))
Found = tuple[int, int, int, str, str, str, float]  # start, end, brand, term, form, how, score


class BrandHit:
    """Payload of a brand form: brand, term, the capitals it needs, and whether it is an everyday word."""

    __slots__ = ("brand", "term", "caps", "everyday", "slang", "typo", "low")

    def __init__(self, brand: int, term: str, caps: tuple[int, ...] | None, everyday: bool = False,
                 slang: str = "", typo: str = "") -> None:
        self.brand, self.term, self.caps, self.everyday, self.slang = brand, term, caps, everyday, slang
        self.low = term.lower()
        self.typo = typo  # the right form, when this one is it with a letter doubled or undoubled (Ellisan)


class ContextHit:
    """Payload of a context word: it confirms an ambiguous mention of `brand`."""

    __slots__ = ("brand",)

    def __init__(self, brand: int) -> None:
        self.brand = brand


def is_ambiguous(spec: BrandSpec, term: str) -> bool:
    """The spec's own setting, else True for terms of AMBIGUOUS_MAX_LETTERS letters or fewer, and for one-word
    terms of a brand given context words (its name is also a word or a person's: Keskinen)."""
    if spec.ambiguous is not None:
        return spec.ambiguous
    return sum(c.isalpha() for c in term) <= AMBIGUOUS_MAX_LETTERS or bool(spec.context) and " " not in term


def capitals(prefix: str) -> tuple[int, ...]:
    """Positions of the capitals in a cased prefix; () means only the first letter must be one."""
    return tuple(k for k, c in enumerate(prefix) if c.isupper())


def doubled_letters(form: str, name: str) -> list[str]:
    """A form of the name with one of the name's consonants between vowels doubled, or one double consonant
    single (Ellisan, Sokkoksen, Tokmanilla); `form` must agree with `name` around the letter."""
    out = []
    for k in range(1, len(name) - 1):
        c = name[k]
        if c in VOWELS or not c.isalpha() or not form.startswith(name[:k + 2]):
            continue
        if name[k - 1] in VOWELS and name[k + 1] in VOWELS:
            out.append(form[:k] + c + form[k:])
        elif name[k + 1] == c:
            out.append(form[:k] + form[k + 1:])
    return out


def stem_changes(pattern: str) -> list[str]:
    """Forms of a `word*` context pattern that do not begin with it: paketti* -> paketin, osinko* -> osingon."""
    stem = pattern.strip().lower()
    if not stem.endswith("*") or stem.startswith("*"):
        return []
    stem = stem[:-1]
    if len(stem) < CONTEXT_STEM_MIN_LETTERS or not stem.isalpha():
        return []
    return [form for form in surface_forms(stem) if not form.startswith(stem) and form.isalpha()]


def spellings(term: str) -> list[str]:
    """The term, its hyphen, space and joined variants (Halpa-Halli, Halpahalli, Halpa Halli; Lähi-Tapiola; Koti
    Pizza, Koti-Pizza, Kotipizza) and its Finnish spellings (Fazer: Fatser; Stockmann: Stokmann; Stokka: Stocka)."""
    out = [term]
    words = term.split()
    parts = term.split("-") if "-" in term and " " not in term else _CAMEL.split(term) if " " not in term else words
    if len(parts) == 2 and all(len(p) >= 2 and p.isalpha() for p in parts):
        out += ["".join(parts[:1] + [p.lower() for p in parts[1:]]), "-".join(parts), " ".join(parts)]
    for spelling in list(out):
        for letters in SPELLINGS:
            changed = spelling
            for old, new in letters:
                changed = changed.replace(old, new)
            if changed != spelling and " " not in changed:
                out.append(changed)
    return list(dict.fromkeys(out))


class BrandMatcher:
    """Brand forms registered in a shared Lexicon; `resolve` turns scan hits into BrandMatches."""

    def __init__(self, brands: Sequence[BrandSpec], options: MatchOptions, lexicon: Lexicon,
                 analysed: AnalysedForms | None = None) -> None:
        self._analysed = analysed or AnalysedForms()  # an analyser's extra forms and everyday readings
        self._names = [b.name for b in brands]
        self._strict = {bi for bi, b in enumerate(brands) if b.ambiguous is True}  # every form needs its capitals
        self._places = {bi for bi, b in enumerate(brands) if b.needs_context}  # one-word names need context
        self._context_heads: dict[int, list[str]] = {}  # context words as the head of a compound
        self._family = family_forms()
        self._person_words = self._family | LIFE_EVENTS
        # later words of the brand's own names: Yle Areena's areena is no other entity after Yle
        self._own_heads = [tuple(w.lower() for t in b.aliases + (b.name,) for w in t.split()[1:]) or ("\0",)
                           for b in brands]
        self._exclude = [[tuple(_exclude_word(t) for t in TOKEN_RE.findall(x.lower())) for x in b.exclude]
                         for b in brands]
        self._tags = TagIndex(TAG_WORDS)
        self._own: dict[tuple[str, str], str] = {}
        terms = [(bi, spec, term) for bi, spec in enumerate(brands) for term in (spec.name, *spec.aliases)]
        terms += [(bi, spec, handle.capitalize()) for bi, spec in enumerate(brands) for handle in handle_names(spec)]
        self._short = {t for _, spec, t in terms if is_ambiguous(spec, t) and " " not in t and not is_abbreviation(t)}
        self._everyday = everyday_forms({w.lower()[:2] for _, _, t in terms for w in _NOT_WORD.split(t) if w})
        self._everyday |= frozenset(self._analysed.readings)
        self._exclude_forms = {w.lower(): frozenset(self._analysed.extra(w)) for b in brands for x in b.exclude
                               for w in TOKEN_RE.findall(x) if self._analysed.extra(w)}
        fuzzy_terms: dict[tuple[str, int], BrandHit] = {}
        fuzzy_stems: dict[tuple[str, int], BrandHit] = {}
        short: list[tuple[str, dict[str, BrandHit]]] = []  # names too short for fuzzy matching, and their forms
        for bi, spec, term in terms:
            ambiguous = is_ambiguous(spec, term)
            strict = spec.ambiguous is True  # set by hand: every form needs its capitals
            for written in spellings(term):
                forms = self._add_term(lexicon, bi, written, term, ambiguous, spec.stems if term == spec.name else (),
                                       strict)
                if options.fuzzy and " " not in written and not is_abbreviation(term) and (
                        TYPO_MIN_LETTERS <= len(written) < options.fuzzy_min_length):
                    short.append((written.lower(), forms))
                if not ambiguous and " " not in written:
                    hit = BrandHit(bi, term, None)
                    fuzzy_terms.setdefault((written.lower(), bi), hit)
                    for form in forms:
                        stem = _stem(form)
                        if stem and stem.isalpha():
                            fuzzy_stems.setdefault((stem, bi), hit)
            for compact in {_NOT_WORD.sub("", term.lower()), _NOT_WORD.sub("_", term.lower())}:
                if compact:
                    plain = compact not in self._everyday and compact not in SLANG
                    self._tags.add_term(compact, bi, term, ambiguous, plain)
        for name, forms in short:  # after every brand's own forms, so no typo takes one of them
            self._add_typos(lexicon, name, forms)
        for bi, spec in enumerate(brands):
            for platform, handles in spec.handles.items():
                for handle in handles:
                    self._tags.add_tag("@" + handle.lower(), bi, "@" + handle)
                    self._own.setdefault((platform, handle.lower()), spec.name)
            for tag in spec.hashtags:
                self._tags.add_tag("#" + tag.lstrip("#").lower(), bi, "#" + tag.lstrip("#"))
            for word in spec.context:
                try:
                    lexicon.add_pattern(word, ContextHit(bi))
                except PatternError as exc:
                    raise ConfigError(f"brand {spec.name} context '{word}': {exc}") from None
                for form in stem_changes(word):  # paketti* reaches paketin, osinko* osingon
                    lexicon.add_form(form, ContextHit(bi))
                head = word.strip().strip("*").lower()
                if len(head) >= CONTEXT_STEM_MIN_LETTERS and head.isalpha():
                    self._context_heads.setdefault(bi, []).append(head)  # latausaseman: lataus|asema*
        # read only when an everyday form starts a sentence, so the lexicon (and every post) does not carry them
        self._company_forms = company_forms()
        self._fuzzy = None
        self._fuzzy_stems = None
        self._stem_keys: frozenset[str] = frozenset()
        if options.fuzzy:
            terms_list = [(low, hit) for (low, _), hit in fuzzy_terms.items()]
            self._fuzzy = FuzzyIndex(terms_list, options.fuzzy_threshold, options.fuzzy_min_length)
            stems = [(stem, hit) for (stem, _), hit in fuzzy_stems.items()]
            self._fuzzy_stems = FuzzyIndex(stems, options.fuzzy_threshold, options.fuzzy_min_length, STEM_EDITS)
            self._stem_keys = frozenset(key for stem, _ in stems for key in _typo_keys(stem))
            self._fuzzy_2 = frozenset(key for key, _ in self._fuzzy.keys)
            self._min_stem = options.fuzzy_min_length

    def _add_typos(self, lexicon: Lexicon, name: str, forms: Mapping[str, BrandHit]) -> None:
        """Register the forms of a name too short for fuzzy matching with a letter doubled or undoubled."""
        for form, hit in forms.items():
            for typo in doubled_letters(form, name):
                if typo not in self._everyday and typo not in lexicon:
                    lexicon.add_form(typo, BrandHit(hit.brand, hit.term, hit.caps, hit.everyday, hit.slang, form),
                                     peelable=False)

    def _add_term(self, lexicon: Lexicon, bi: int, written: str, term: str, ambiguous: bool,
                  stems: Iterable[str], strict: bool = False) -> dict[str, BrandHit]:
        """Register every surface form of one spelling of a name or alias (a phrase inflects its last word)."""
        hits: dict[tuple[str, tuple[int, ...] | None, bool], BrandHit] = {}
        low = term.lower()
        slang = SLANG.get(low, "")

        def hit(prefix: str, caps: tuple[int, ...] | None, everyday: bool = False) -> BrandHit:
            key = (prefix, caps, everyday)
            if key not in hits:
                hits[key] = BrandHit(bi, term, caps, everyday, slang)
            return hits[key]

        words = written.split()
        if len(words) > 1:
            last = frozenset(surface_forms(words[-1], name=True)) | frozenset(self._analysed.extra(words[-1]))
            rest = tuple(frozenset({w.lower()}) for w in words[1:-1]) + (last,)
            lexicon.add_form(words[0].lower(), hit(words[0], capitals(words[0]) if ambiguous else None), rest)
            return {}
        wlow = written.lower()
        abbreviation = is_abbreviation(term)
        letters = sum(c.isalpha() for c in term)
        title_case = abbreviation and letters >= TITLE_CASE_MIN_LETTERS and low not in self._everyday
        out = {}
        generated = surface_forms(written, stems, name=True)
        for extra in self._analysed.extra(written):  # the analyser's forms the generator lacks (Vierumäkien)
            generated.setdefault(extra, cased_prefix(written, extra))
        for form, prefix in generated.items():
            everyday = form in self._everyday
            inflected = form.startswith(wlow) and form[len(wlow):].isalpha()  # the whole name and an ending
            if title_case and letters >= LOWER_CASE_ABBREVIATION_LETTERS and inflected and not everyday and not strict:
                caps: tuple[int, ...] | None = None  # ikeasta, ythsin: read like a word
            elif title_case:
                caps = (0,)
            elif abbreviation or (ambiguous and (strict or everyday or not inflected)):
                caps = capitals(prefix)  # the bare name, OP:n, Alko's, a stem change (sammon): capitals decide
            else:
                caps = None  # alepasta, prismassa: the whole name and an ending, no everyday word
            out[form] = hit(prefix, caps, everyday)
            lexicon.add_form(form, out[form])
        return out

    def own_brand(self, platform: str, author: str) -> str | None:
        """The brand whose own account `author` is on `platform`, or None."""
        who = author.lstrip("@").lower()
        return self._own.get((platform, who)) or self._own.get(("*", who))

    def resolve(self, tokens: list[str], lows: list[str], hits: list[Hit], context: Mapping[int, str],
                matched: Container[int], strict_slang: bool = False, finnish: bool = True,
                notes: list[str] | None = None, tagged: bool = True) -> list[tuple[int, BrandMatch]]:
        """(token index, BrandMatch) for each distinct brand and form, in order; the reasons go to `notes`."""
        # Words not `matched` by the lexicon may be misspelt names; `strict_slang`: English or Reddit, where a
        # bare OP is the original poster; `finnish`: an everyday Finnish form (Postin) is doubtful; `tagged`:
        # False when the text has no @ or # (no token is a handle or a hashtag).
        notes = [] if notes is None else notes
        places, everyday_words, exclude = self._places, self._everyday, self._exclude
        found: list[Found] = []
        persons: set[int] = set()  # brands whose name is a person's somewhere in the post: so it is all through
        for start, end, offset, hit in hits:
            token = tokens[start]
            tag = token[0] in TAG_CHARS
            form = token if end == start + 1 else " ".join(tokens[start:end])
            doubtful = hit.caps is not None or hit.everyday or hit.slang or hit.brand in places or (
                end == start + 1 and lows[start] in everyday_words)  # a peeled word: Yleensä
            if tag and hit.slang and hit.brand not in context:  # #vr beside VR-lasit: virtual reality
                notes.append(f"'{token}' is not {self._names[hit.brand]}: also slang, and no context word")
                continue
            if not tag and doubtful and not self._accepted(hit, tokens, lows, start, end, offset, context, strict_slang,
                                                           finnish, notes, hits, persons):
                continue
            if not doubtful and not tag and (start and (lows[start - 1] in TITLES or start > 1 and (
                    lows[start - 2] in TITLES)) and _titled(tokens, lows, start) or hit.term in self._short and (
                    _personish(lows, start, end, LIFE_EVENTS) and self._person(hit, tokens, lows, start, end, hits, near=False))):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: a person's name here")  # Elisan ja Mikon
                persons.add(hit.brand)
                continue
            if exclude[hit.brand] and self._excluded(hit.brand, lows, start, end):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: an exclude phrase covers it")
                continue
            after = lows[end] if end < len(lows) else ""
            if "-" in lows[start] and offset == 0:
                after = _after_name(lows, start, end, offset, hit.term)
            if after and after.startswith(ENTITY_HEADS) and not after.startswith(self._own_heads[hit.brand]) or (
                    end < len(tokens) and after in ENTITY_NAMES and tokens[end][0].isupper()):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: '{after}' names another entity after it")
                continue
            if start and tokens[start - 1][0].isdigit() and not tag and _NUMBER.fullmatch(tokens[start - 1]) and (
                    token[offset:offset + 1].islower()):
                notes.append(f"'{form}' is not {self._names[hit.brand]}: after '{tokens[start - 1]}' it is a measure")
                continue
            score = 100.0
            if tag:
                how = "hashtag" if token[0] == "#" else "handle"
            elif hit.typo:
                how, score = "fuzzy", round(similarity(lows[start], hit.typo), 1)
            else:
                how = "exact" if (lows[start] if end == start + 1 else " ".join(lows[start:end])) == hit.low else (
                    "inflected")
            found.append((start, end, hit.brand, hit.term, form, how, score))
        for i, token in enumerate(tokens) if tagged else ():
            if token[0] in TAG_CHARS:
                for bi, term in self._tags.matches(token):
                    if lows[i] in SLANG and bi not in context:  # #vr beside VR-lasit: virtual reality
                        notes.append(f"'{token}' is not {self._names[bi]}: also slang, and no context word")
                        continue
                    if not (exclude[bi] and self._excluded(bi, lows, i, i + 1)):
                        found.append((i, i + 1, bi, term, token, "hashtag" if token[0] == "#" else "handle", 100.0))
        if self._fuzzy:
            best_of, stem_keys, keys, keys_2 = self._fuzzy.best, self._stem_keys, self._fuzzy.keys, self._fuzzy_2
            # most words start as no name does: two set probes in one comprehension, no loop of our own
            shortest = self._min_stem  # a shorter word is never a misspelling (nor a stem and an ending)
            candidates = [i for i, low in enumerate(lows) if len(low) >= shortest and i not in matched and (
                low[:2] in keys_2 or low[:3] in stem_keys) and tokens[i][0] not in TAG_CHARS]
            for i in candidates:
                low = lows[i]
                best = best_of(low) if (low[:2], len(low)) in keys and len(low) >= self._min_stem else None
                if best is None and low[:3] in stem_keys:
                    best = self._stem_match(low)
                if best is not None and low not in everyday_words and not (
                        exclude[best[0].brand] and self._excluded(best[0].brand, lows, i, i + 1)):
                    found.append((i, i + 1, best[0].brand, best[0].term, tokens[i], "fuzzy", round(best[1], 1)))
        if persons:  # Helen from accounting ... Helen is the real MVP: one post, one Helen
            for bi in persons:
                if any(f[2] == bi and f[5] not in ("hashtag", "handle") for f in found):
                    notes.append(f"'{self._names[bi]}' names a person elsewhere in the post, so here too")
            found = [f for f in found if f[2] not in persons or f[5] in ("hashtag", "handle")]
        return self._distinct(found)

    def _accepted(self, hit: BrandHit, tokens: list[str], lows: list[str], start: int, end: int, offset: int,
                  context: Mapping[int, str], strict_slang: bool, finnish: bool, notes: list[str],
                  hits: Sequence[Hit] = (), persons: set[int] | None = None) -> bool:
        """Whether a form written in the text is the brand; notes why, when the form is ambiguous."""
        token = tokens[start]
        name = self._names[hit.brand]
        form = token if end == start + 1 else " ".join(tokens[start:end])
        word = context.get(hit.brand)
        if word is None and finnish and hit.brand in self._context_heads:  # English compounds are two words
            word = self._compound_context(hit.brand, tokens, lows)
        if hit.slang and strict_slang:
            if word is not None and word in tokens and abs(tokens.index(word) - start) > SLANG_CONTEXT_WINDOW:
                word = None  # OP, did you ever sort out the tax card thing: the card is the poster's
            sign = "" if word is not None else self._company_sign(tokens, lows, start, end, hits, acts=False)
            if sign:  # Nordea or OP, VR conductor
                notes.append(f"'{form}' is {name}: {sign}")
                return True
            if word is None:
                notes.append(f"'{form}' is not {name}: also slang for '{hit.slang}', and no context word")
                return False
        if "." in token:
            notes.append(f"'{form}' is {name}: a web address")
            return True
        everyday = finnish and (hit.everyday or (end == start + 1 and token.lower() in self._everyday))  # Yleensä
        if hit.caps is None and not everyday:
            return True
        if word is not None:
            notes.append(f"'{form}' is {name}: context word '{word}'")
            return True
        if hit.brand in self._places and end == start + 1:  # Kemijoella uitettiin tukkeja: the river
            sign = self._company_sign(tokens, lows, start, end, hits)
            notes.append(f"'{form}' is {name}: {sign}" if sign else
                         f"'{form}' is not {name}: the name is also a place or a word (needs_context), and no context word")
            return bool(sign)
        if "-" in token and offset == 0 and end == start + 1 and (hit.slang or hit.term.lower() in ENGLISH_WORDS) and (
                is_abbreviation(hit.term) or hit.term.lower() in ENGLISH_WORDS):  # Power-jooga
            head = lows[start].split("-", 1)[1]
            if not self._company_word(head):  # DNA-näyte, VR-lasit: the head says which reading
                notes.append(f"'{form}' is not {name}: the compound's head '{head}' speaks of no company")
                return False
        person = "" if word is not None or (everyday or is_abbreviation(hit.term)) and "-" not in token or not _personish(
            lows, start, end, self._person_words) else self._person(hit, tokens, lows, start, end, hits)
        if person:  # Elisa ja Eemeli, Helen and I, Tohtori Stockmann
            notes.append(f"'{form}' is not {name}: a person, {person}")
            if persons is not None:
                persons.add(hit.brand)
            return False
        if everyday and start and self._owned(hit, tokens, start, hits):  # Stockmann’s verkkokaupasta
            notes.append(f"'{form}' is not {name}: it is {tokens[start - 1]}'s, another brand's")
            return False
        lower = hit.caps is not None and (not _has_capitals(token, offset, hit.caps) or (
            token.isupper() and shouting(tokens, start)))
        if not lower and everyday and offset == 0 and _styled(token, hit.term) and not shouting(tokens, start):
            notes.append(f"'{form}' is {name}: written in capitals as the brand writes it")  # SATOlla, SATOn
            return True
        relaxed = lower and hit.brand not in self._strict and lower_case_post(tokens)
        if relaxed and not everyday and not hit.slang and end == start + 1 and lows[start] not in self._everyday and (
                hit.term.lower() not in ENGLISH_WORDS):
            notes.append(f"'{form}' is {name}: the post is in lower case throughout, and '{lows[start]}' is no"
                         " everyday word")
            return True
        if lower and (offset or end > start + 1 or is_abbreviation(hit.term) and (everyday or not relaxed)):
            notes.append(f"'{form}' is not {name}: written without its capitals, and no context word")
            return False
        sentence_start = not token.isupper() and (start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS)
        article = start and (lows[start - 1] in ARTICLES or start > 1 and lows[start - 2] in ARTICLES and (
            tokens[start - 1].islower()))  # the DNA of, the famous DNA double helix
        if article and hit.term.lower() in ENGLISH_WORDS and not self._company_word(lows[end] if end < len(lows) else ""):
            notes.append(f"'{form}' is not {name}: the common word after 'the'")
            return False
        if sentence_start and not everyday and not lower and hit.term.lower() in ENGLISH_WORDS and (
                not is_abbreviation(hit.term)):
            everyday = True  # Power outage, Power naps: a common English word starts the sentence
        if (lower and hit.brand not in self._strict or everyday) and offset == 0 and "-" not in token and (
                ":" not in token):
            sign = self._company_sign(tokens, lows, start, end, hits)
            if sign:  # Posti hukkasi paketin, telia nosti hintoja, posti vai matkahuolto
                notes.append(f"'{form}' is {name}: {sign}")
                return True
        if lower:
            notes.append(f"'{form}' is not {name}: written without its capitals, and no context word")
            return False
        if everyday and sentence_start:
            if offset == 0 and "-" not in token:  # Neste-kortti is no liquid
                company = next((t for t in tokens if t.lower() in self._company_forms), None)
                if company is None:
                    notes.append(f"'{form}' is not {name}: the everyday word '{token.lower()}'{self._reading(token)}"
                                 " at a sentence start")
                    return False
                notes.append(f"'{form}' is {name}: at a sentence start, but '{company}' speaks of a company")
                return True
        if everyday and not token[offset:offset + 1].isupper():
            notes.append(f"'{form}' is not {name}: the everyday word '{token.lower()}'{self._reading(token)}"
                         " in lower case")
            return False
        notes.append(f"'{form}' is {name}: written with its capitals" + (" inside a sentence" if everyday else ""))
        return True

    def _company_sign(self, tokens: list[str], lows: list[str], start: int, end: int,
                      hits: Sequence[Hit], acts: bool = True) -> str:
        """Why a doubtful name reads as a company here ("'hukkasi' after it ..."), or "" when nothing says so;
        `acts`: a verb after it may say so (not for slang: "OP lost" is a person)."""
        if end + 1 < len(lows) and lows[end] == "." and WEB_DOMAIN.fullmatch(lows[end + 1]):
            return f"'.{tokens[end + 1]}' after it makes it a web address"  # Verkkokauppa.comin: no online shop
        k = end
        while acts and k < len(lows) and k - end < MAX_ACT_FILLERS and lows[k] in ACT_FILLERS:
            k += 1
        if acts and k < len(lows) and lows[k] in COMPANY_ACTS and (lows[k] not in GENITIVE_ACTS or lows[end - 1][-1] == "n"):
            return f"'{tokens[k]}' after it says what a company does"
        for j in range(k, min(k + 2, len(lows))):  # OP's mobile app, VR restaurant car
            if tokens[j][0] in BOUNDARY_CHARS:
                break
            if self._company_word(lows[j]):
                return f"'{tokens[j]}' after it speaks of a company"
        relaxed = lower_case_post(tokens)  # forum text: a short name without capitals is as sure as any
        sure = [h[0] for h in hits if h[0] != start and (h[3].caps is None or relaxed and not h[3].slang and (
                lows[h[0]] not in ENGLISH_WORDS)) and not h[3].everyday and lows[h[0]] not in self._everyday
                and tokens[h[0]][0] not in TAG_CHARS]
        for other in sure:
            if other == end or other == start - 1 or (other == end + 1 and lows[end] in JOINERS) or (
                    other == start - 2 and lows[start - 1] in JOINERS):
                return f"named beside '{tokens[other]}', another company"
        return ""

    def _person(self, hit: BrandHit, tokens: list[str], lows: list[str], start: int, end: int,
                hits: Sequence[Hit], near: bool = True) -> str:
        """Why a capitalised name is a person's here ("joined to 'Eemeli'"), or ""; `near`: family words and
        life events near a bare name count too."""
        low, n = lows[start], len(lows)
        head = low.split("-", 1)[1] if "-" in low else ""
        if head and (head in PERSON_HEADS or len(head) > 3 and head.startswith(PERSON_HEAD_STEMS)):
            return f"'{head}' after it"  # Sato-san, Silja-mummo, Sato-sensein
        if start and _titled(tokens, lows, start):
            return "a title before it"
        others = {h[0] for h in hits}
        for k in (end + 1, start - 2):
            if 0 <= k < n and lows[start - 1 if k < start else end] in PERSON_JOINERS and k not in others:
                other = tokens[k]
                if other in ("I", "minä", "mä") or other.istitle() and k and tokens[k - 1][0] not in BOUNDARY_CHARS:
                    return f"joined to '{other}'"
        if end < n and (_AGE.fullmatch(lows[end]) or near and lows[end] in PERSON_AFTER_EN and (
                start == 0 or tokens[start - 1][0] in BOUNDARY_CHARS)):  # Hese 40v, Helen from accounting
            return f"'{tokens[end]}' after it"
        if not low.startswith(hit.term.lower()) or len(low) - len(hit.term) > 2:  # Helen, Helenin; not Helenille
            return ""
        for word in lows[max(0, start - PERSON_WINDOW):start] + lows[end:end + PERSON_WINDOW]:
            if word in LIFE_EVENTS or near and word in self._family:  # Helenin synttärit, Elisa täytti 40
                return f"'{word}' near it"
        return ""

    def _owned(self, hit: BrandHit, tokens: list[str], start: int, hits: Sequence[Hit]) -> bool:
        """True when another brand's genitive or handle comes right before an everyday form (Tokmannin verkkokauppa)."""
        before = tokens[start - 1]
        owner = before[0] in TAG_CHARS or before.endswith(("n", "'s", "’s"))
        return owner and any(h[1] == start and h[3].brand != hit.brand for h in hits)

    def _compound_context(self, bi: int, tokens: list[str], lows: list[str]) -> str | None:
        """A word of the post whose head is one of the brand's context words (takuuvuokra: vuokra*), or None."""
        joined = " ".join(lows)
        heads = [head for head in self._context_heads[bi] if head in joined]  # most posts hold none of them
        if not heads:
            return None
        for i, low in enumerate(lows):
            if len(low) > COMPOUND_HEAD_AT + CONTEXT_STEM_MIN_LETTERS and any(
                    low.find(head, COMPOUND_HEAD_AT) > 0 for head in heads):
                return tokens[i]
        return None

    def _company_word(self, word: str) -> bool:
        """True for a word that speaks of a company, also as a compound's head (käsittelymaksu, kassajono)."""
        forms = self._company_forms
        return word in forms or any(word[k:] in forms for k in range(COMPOUND_HEAD_AT, len(word) - 2))

    def _stem_match(self, low: str) -> tuple[BrandHit, float] | None:
        """A misspelt name before an ending (Motnetilta: motneti ~ motoneti), as (hit, score), or None."""
        stem = _stem(low)
        if stem and len(stem) >= self._min_stem and stem not in self._everyday:
            return self._fuzzy_stems.best(stem)  # type: ignore[union-attr]
        return None

    def _distinct(self, found: list[Found]) -> list[tuple[int, BrandMatch]]:
        """One match per brand and form, in text order; a phrase (OP Pohjolan) hides its own words."""
        if len(found) < 2:
            return [(f[0], BrandMatch(self._names[f[2]], f[3], f[4], f[5], f[6])) for f in found]  # type: ignore[arg-type]
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

    def _reading(self, token: str) -> str:
        """' (oppia, verb past 1sg)' when the analyser read the token as an everyday word, else ""."""
        found = self._analysed.readings.get(token.lower())
        return f" ({found})" if found else ""

    def _excluded(self, bi: int, lows: list[str], start: int, end: int) -> bool:
        """True when a word or phrase of the brand's `exclude`, in any inflected form, covers tokens start..end."""
        extra = self._exclude_forms  # the analyser's forms of exclude words (lahden for Lahti)
        for phrase in self._exclude[bi]:
            n = len(phrase)
            for s in range(max(0, end - n), start + 1):
                if s + n <= len(lows) and all(_inflects(lows[s + k], w) or lows[s + k] in extra.get(w[0], ())
                                              for k, w in enumerate(phrase)):
                    return True
        return False


@functools.cache
def company_forms() -> frozenset[str]:
    """Every form of the words that speak of a company (built once a process: they are constants)."""
    plurals = ("ien", "iden", "ita", "itä")  # korttien, maksuja: a name's plurals, not its spoken endings (fee-l)
    out: set[str] = set()
    for word in COMPANY_WORDS:
        plain = surface_forms(word)
        out.update(f for f in surface_forms(word, name=True) if f in plain or f.endswith(plurals))
    return frozenset(out)


@functools.cache
def family_forms() -> frozenset[str]:
    """Every form of the family words, Finnish and English (built once a process)."""
    return FAMILY_EN | frozenset(f for word in FAMILY for f in surface_forms(word) if f.isalpha())


def _personish(lows: list[str], start: int, end: int, words: frozenset[str]) -> bool:
    """A cheap first look: a joiner, an age, a title or one of `words` beside a name that may be a person's."""
    after = lows[end] if end < len(lows) else ""
    before = lows[start - 1] if start else ""
    return (after in PERSON_JOINERS or before in PERSON_JOINERS or before in TITLES or after[:1].isdigit()
            or "-" in lows[start] or start > 1 and lows[start - 2] in TITLES or after in PERSON_AFTER_EN
            or not words.isdisjoint(lows[max(0, start - PERSON_WINDOW):end + PERSON_WINDOW]))


def _titled(tokens: list[str], lows: list[str], start: int) -> bool:
    """True when a title stands right before a name, or before a first name before it (Näyttelijä Marja Stockmann)."""
    return lows[start - 1] in TITLES or start > 1 and lows[start - 2] in TITLES and tokens[start - 1].istitle()


def handle_names(spec: BrandSpec) -> list[str]:
    """A brand's handles that are a word of their own (yleisradio for Yle), not its name and a suffix (elisaoyj)."""
    names = {_NOT_WORD.sub("", t.lower()) for t in (spec.name, *spec.aliases)}
    out = []
    for handle in dict.fromkeys(h.lower() for hs in spec.handles.values() for h in hs):
        if handle.isalpha() and len(handle) >= HANDLE_NAME_LETTERS and not any(handle.startswith(n) and (
                len(handle) - len(n) <= HANDLE_SUFFIX_LETTERS or handle_suffix(handle[len(n):])) for n in names):
            out.append(handle)
    return out


def shouting(tokens: list[str], at: int) -> bool:
    """True when other words in capitals stand near tokens[at] (KONE RIKKI TAAS): its capitals say nothing."""
    near = tokens[max(0, at - SHOUT_WINDOW):at] + tokens[at + 1:at + 1 + SHOUT_WINDOW]
    return sum(len(t) >= 3 and t.isalpha() and t.isupper() for t in near) >= SHOUT_WORDS


def _styled(token: str, term: str) -> bool:
    """True when a name that is no abbreviation is written in capitals before its ending (SATOlla, SATO:lle)."""
    n = len(term)
    return n >= 3 and term.isalpha() and token[:n].isupper() and token[:n].lower() == term.lower() and (
        len(token) > n and not token.isupper())


def lower_case_post(tokens: list[str]) -> bool:
    """True when no word but a sentence's first (or English I) has a capital: forum text, where capitals say nothing."""
    if len(tokens) < LOWER_CASE_POST_MIN_WORDS:
        return False
    after_boundary = True
    for token in tokens:
        first = token[0]
        if first in BOUNDARY_CHARS:
            after_boundary = True
            continue
        if not after_boundary and first not in TAG_CHARS and token[:2] not in ("I", "I'", "I’") and not token.islower() and (
                any(c.isupper() for c in token)):
            return False
        after_boundary = False
    return True


def _typo_keys(stem: str) -> set[str]:
    """First three letters of a stem as a typo may leave them: as written, two swapped, one dropped."""
    return {stem[:3], stem[1] + stem[0] + stem[2], stem[0] + stem[2] + stem[1], stem[:2] + stem[3:4],
            stem[0] + stem[2:4], stem[1:4]}


def _after_name(lows: list[str], start: int, end: int, offset: int, term: str) -> str:
    """What follows a matched name: the rest of a hyphenated word (Veikkaus-liiga) or the next word."""
    token = lows[start]
    if end == start + 1 and offset == 0 and "-" in token:
        head = token.split("-", 1)
        if head[0].replace("'", "") and not term.lower().startswith(token[:len(head[0]) + 1]):
            return head[1]
    return lows[end] if end < len(lows) else ""


def _stem(word: str) -> str:
    """The word without its longest FUZZY_ENDINGS ending, or "" when it has none."""
    for k in (3, 2, 1):
        if word[-k:] in _ENDINGS[k]:
            return word[:-k]
    return ""


def _exclude_word(word: str) -> tuple[str, str]:
    """An exclude word and the stem its inflected forms begin with (arena: arena; renkaat: renka)."""
    word = word.lstrip("#")
    return word, word[:-2] if word.endswith("t") and len(word) > 4 else word


def _inflects(token: str, word: tuple[str, str]) -> bool:
    """True when token is the exclude word or an inflected form of it (arenalla, renkaiden, rosenlewin)."""
    full, stem = word
    return token == full or (token.startswith(stem) and 0 < len(token) - len(full) <= EXCLUDE_ENDING_LETTERS)


def _has_capitals(token: str, offset: int, caps: tuple[int, ...]) -> bool:
    """True when the token shows the capitals of the term (its first letter when it has none)."""
    if not caps:
        return token[offset:offset + 1].isupper()
    return all(offset + k < len(token) and token[offset + k].isupper() for k in caps)
