"""Brand forms built once per config: every spelling and case form of a name in the lexicon, typos, tags, fuzzy tables.

A short name (OP, Alko) and a name marked ambiguous carry the capitals they need; a form that is
an everyday word (Nesteen) is marked so; the slang an abbreviation is (OP, VR) goes with it.
match.py reads these tables for each post.
"""

from __future__ import annotations

import functools
import re
from typing import Container, Iterable, Mapping, Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.analysed import AnalysedForms, cased_prefix
from kuulo.rules.everyday import (COMPANY_WORDS, ENGLISH_WORDS, FAMILY, FAMILY_EN, FAMILY_STEMS, LEMMAS, LIFE_EVENTS,
                                  SLANG, everyday_forms)
from kuulo.rules.excludes import (by_initials, exclude_word, excluded_persons, first_phrase, phrase_at,
                                   shared_excludes, single_excludes, without_name_excludes)
from kuulo.rules.finnish import VOWELS, is_abbreviation, plural_name_forms, strong_reading, surface_forms, weak_stem
from kuulo.rules.fuzzy import FuzzyIndex, fuzzy_stem
from kuulo.rules.brand_signs import company_word
from kuulo.rules.context_emoji import context_emoji
from kuulo.rules.lexicon import Hit, Lexicon, PatternError, looks_finnish, parse_pattern
from kuulo.rules.names import GIVEN_NAMES, SURNAME_ENDING, SURNAMES
from kuulo.rules.normalise import NO_MARKS, TOKEN_RE, ClauseMarks, phrase_words
from kuulo.rules.specs import BrandSpec, MatchOptions, handle_of
from kuulo.rules.tags import HANDLE_SUFFIXES, TagIndex, handle_suffix
from kuulo.rules.topics import TOPICS, topic_brand
from kuulo.rules.waiting_forms import (CONTEXT_RANK, KEY_SAFE_LETTERS, Entry, Spelling, WaitingForms,
                                       waiting_key)
from kuulo.rules.word_readings import field_words


AMBIGUOUS_MAX_LETTERS = 5  # a name this short is also a common word somewhere (OP, Alko, Posti)
TITLE_CASE_MIN_LETTERS = 3  # an abbreviation this long may be written in title case (Yths:n, Hsl:n)
LOWER_CASE_ABBREVIATION_LETTERS = 4  # ... and this long, inflected without a colon, in lower case (ikeasta)
COORDINATORS = ("ja", "&")  # a name of two joined by one inflects both (Mustilla ja Mirrillä; mixed forms pass too)
AMPERSAND = "&"  # a lone one is no token (Lassila & Tikanoja reads as two words), one between short letter groups is
# part of a word (H&M, L&T:n)
STEM_EDITS = 1  # a misspelt stem before an ending is one typo away from the name's stem (a swap is one)
TYPO_MIN_LETTERS = 4  # a name this long, too short for fuzzy matching, still matches with a letter doubled: Ellisan
CONTEXT_STEM_MIN_LETTERS = 4  # a context pattern word* this long also reaches its stem changes (paketti* -> paketin)
HANDLE_NAME_LETTERS = 6  # a handle this long that is no name plus a suffix also names the brand in text (yleisradio)
HANDLE_SUFFIX_LETTERS = 3  # a handle's short addition to a name, as the brand's suffixes: elisaoyj, kelafpa
PLURAL_OI_SYLLABLES = 3  # a name in -a/-ä this long has -oi- plurals (rapaloita), a shorter one -o- (prismoja)
FAMILY_POSSESSIVES = ("ni", "si", "mme", "nne", "nsa", "nsä")  # tyttäreni, äitisi, veljemme
MONOSYLLABLE_LETTERS = 4  # a one-syllable name ending in a diphthong (Moi, Hai): moihin, moita
_NOT_WORD = re.compile(r"[\W_]+")
_CAMEL = re.compile(r"(?<=[a-zäöå])(?=[A-ZÄÖÅ])")

TAG_WORDS = LEMMAS | frozenset(COMPANY_WORDS)  # words a hashtag may hold after a short name: #fazersininen, #woltkuski
# Letters Finnish writers put for a foreign name's: pizza -> pitsa, Fazer -> Fatser, Stockmann -> Stokmann.
SPELLINGS = ((("zz", "ts"), ("z", "ts")), (("ck", "k"),), (("kk", "ck"),))


class BrandHit:
    """Payload of a brand form: brand, term, the capitals it needs, and whether it is an everyday word."""

    __slots__ = ("brand", "term", "caps", "everyday", "slang", "typo", "spelt", "low", "later", "made_at")

    def __init__(self, brand: int, term: str, caps: tuple[int, ...] | None, everyday: bool = False,
                 slang: str = "", typo: str = "", later: tuple[int, ...] = ()) -> None:
        self.brand, self.term, self.caps, self.everyday, self.slang = brand, term, caps, everyday, slang
        self.low = term.lower()
        self.typo = typo  # the right form, when this one is it with a letter doubled or undoubled (Ellisan)
        self.spelt = ""  # such a form itself: dropped where it is a word of its own (BrandForms.real_typos)
        self.later = later  # a phrase's later words that need their capital, by place (Lapin Kulta: (1,))
        self.made_at: tuple[int, int] | None = None  # where a build of every form at once would have added it (_make)


class ContextHit:
    """Payload of a context word: it confirms an ambiguous mention of `brand` (a negative `brand`: a topic's word)."""

    __slots__ = ("brand", "made_at")

    def __init__(self, brand: int, made_at: tuple[int, int] | None = None) -> None:
        self.brand = brand
        self.made_at = made_at  # as BrandHit's: after every brand form, for a context word's waiting forms


def is_ambiguous(spec: BrandSpec, term: str) -> bool:
    """The spec's own setting, else True for terms of AMBIGUOUS_MAX_LETTERS letters or fewer, and for one-word
    terms of a brand given context words (its name is also a word or a person's: Keskinen)."""
    if spec.ambiguous is not None:
        return spec.ambiguous
    return len(term) <= AMBIGUOUS_MAX_LETTERS or sum(map(str.isalpha, term)) <= AMBIGUOUS_MAX_LETTERS or bool(
        spec.context) and " " not in term  # (no more letters than characters: the long terms alone are counted)


_HARMONY = str.maketrans("äöy", "aou")  # the generator's vowels may not be the writer's: Oikotiellä, oikotiella
NAME_ENDING_MAX_LETTERS = 4  # letters after a name that are its case ending at most (Normalissa, Oikotiehen)


def name_form(term: str, name: str) -> bool:
    """True when `term` is a form of the brand's `name`, of its first word or of the name written as one word, a
    compound of one or a phrase (Oikotiellä, Normaleissa, Aalto, Isku-sohva, Vero.fi, Hongkongissa); False for a name
    of its own (OmaVero, Verohallinto)."""
    low = term.lower().translate(_HARMONY)
    if " " in low:
        return True
    for head in {name.lower(), re.split(r"[\s-]", name.lower())[0], re.sub(r"[\s-]", "", name.lower())}:  # Hongkongissa
        folded = head.translate(_HARMONY)
        if low.startswith(folded) and (len(low) - len(folded) <= NAME_ENDING_MAX_LETTERS or (
                low[len(folded)] in "-.:'")) or low in _folded_forms(head):
            return True  # an ending, not a word of its own after the name (Normalissa; not Verohallinto); a stem
            # change (Nelosella, Otolta)
    return False


@functools.cache
def _folded_forms(head: str) -> frozenset[str]:
    """The generated forms of a name's head with its vowels folded (name_form asks once per head, not per alias)."""
    return frozenset(f.translate(_HARMONY) for f in surface_forms(head, name=True))


@functools.cache
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


def changing_stem(pattern: str) -> str:
    """The stem of a `word*` context pattern whose forms do not all begin with it (paketti*: paketin), or ""."""
    stem = pattern.strip().lower()
    if not stem.endswith("*") or stem.startswith("*"):
        return ""
    stem = stem[:-1]
    return stem if len(stem) >= CONTEXT_STEM_MIN_LETTERS and stem.isalpha() else ""


def spellings(term: str) -> list[str]:
    """The term, its hyphen, space and joined variants (Halpa-Halli, Halpahalli, Halpa Halli; Lähi-Tapiola; Koti
    Pizza, Koti-Pizza, Kotipizza; S-Pankki, Spankki) and its Finnish spellings (Fazer: Fatser; Stockmann: Stokmann; a
    name in -ia spoken with a j: Telija, Aktija)."""
    out = [term]
    words = term.split()
    parts = term.split("-") if "-" in term and " " not in term else _CAMEL.split(term) if " " not in term else words
    if len(parts) == 2 and all(len(p) >= 2 and p.isalpha() for p in parts):
        out += ["".join(parts[:1] + [p.lower() for p in parts[1:]]), "-".join(parts), " ".join(parts)]
    elif len(parts) == 2 and "-" in term and len(parts[0]) == 1 and parts[1].isalpha():
        out.append(parts[0] + parts[1].lower())  # S-Pankki: Spankki (not S Pankki: a letter of its own)
    if len(words) == 3 and words[1] == AMPERSAND:  # Lassila & Tikanoja: also Lassila ja Tikanoja; S & M: S&M (one
        glued = f"{words[0]}{AMPERSAND}{words[2]}"  # token, and no "S ja M": sizes)
        out.append(glued if TOKEN_RE.fullmatch(glued) else f"{words[0]} ja {words[2]}")
    if term[-2:].lower() == "ia" and term[-3:-2].isalpha() and " " not in term:  # spoken Finnish: Telija, Aktija
        out.append(term[:-1] + "ja")
    for spelling in list(out):
        for letters in SPELLINGS:
            changed = spelling
            for old, new in letters:
                changed = changed.replace(old, new)
            if changed != spelling and " " not in changed:
                out.append(changed)
    return list(dict.fromkeys(out))


class BrandForms(WaitingForms):
    """Brand forms registered in a shared Lexicon, and the tables BrandMatcher reads for each post."""

    def __init__(self, brands: Sequence[BrandSpec], options: MatchOptions, lexicon: Lexicon,
                 analysed: AnalysedForms | None = None, words: Container[str] = frozenset()) -> None:
        brands = [without_name_excludes(b) for b in brands]  # an exclude that is the name alone would exclude it all
        self._analysed = analysed or AnalysedForms()  # an analyser's extra forms and everyday readings
        self._words = words  # words of their own (e5 whole words, frequent words): never a misspelt name (milloin)
        self._names = [b.name for b in brands]
        self._strict = {bi for bi, b in enumerate(brands) if b.ambiguous is True}  # every form needs its capitals
        self._places = {bi for bi, b in enumerate(brands) if b.needs_context}  # one-word names need context
        # a needs_context brand's one-word aliases that are no form of its name: names of their own (OmaVero,
        # Verohallinto, Benecol), which stand as any alias does
        self._own_names = {(bi, t) for bi, b in enumerate(brands) if b.needs_context for t in b.aliases
                           if not name_form(t, b.name)}
        self._homonyms = {bi for bi, b in enumerate(brands) if b.context}  # names the agency knows are also words
        self._context_heads: dict[int, list[str]] = {}  # context words as the head of a compound
        self._family = family_forms()
        self._person_words = self._family | LIFE_EVENTS
        # later words of the brand's own names: Yle Areena's areena is no other entity after Yle
        self._own_heads = [tuple(w.lower() for t in b.aliases + (b.name,) for w in t.split()[1:]) or ("\0",)
                           for b in brands]
        self._exclude = [[tuple(exclude_word(t) for t in TOKEN_RE.findall(x.lower())) for x in b.exclude]
                         for b in brands]
        # exclude phrases of several words by their initials, which may spell the brand's abbreviation too: the post
        # that names Larsen & Toubro means them by L&T (_spelled_out)
        self._expansions = [by_initials(phrases, b) for phrases, b in zip(self._exclude, brands)]
        # ... and the phrases other brands that share a name exclude (Pohjolan Voima: OP's Pohjola too), after its own
        shared = shared_excludes(brands)
        for bi, phrases in enumerate(shared):
            self._exclude[bi] += [tuple(exclude_word(t) for t in TOKEN_RE.findall(x.lower())) for x in phrases]
        self._exclude_commas = [{k for k, x in enumerate(b.exclude + more) if "," in x}  # Lindstrom, MN
                                for b, more in zip(brands, shared)]
        # the forms a one-word exclude takes, which alone may cover a form of the brand's own name: exclude 'oraat'
        # (sprouts) covers oraat, not Oraksen, though both begin with its stem; and those of them the brand
        # configures as its names, which are its own when capitalised (exclude 'aurinkomatka', the generic trip:
        # Aurinkomatkat and Aurinkomatkoilla are the brand, "etsin halpoja aurinkomatkoja" the trips)
        self._exclude_specs = brands
        self._exclude_single: dict[int, tuple[frozenset[str], frozenset[str]]] = {}  # made when a post first asks
        self._tags = TagIndex(TAG_WORDS)
        self._own: dict[tuple[str, str], str] = {}
        terms = [(bi, spec, term) for bi, spec in enumerate(brands) for term in (spec.name, *spec.aliases)]
        terms += [(bi, spec, handle.capitalize()) for bi, spec in enumerate(brands) for handle in handle_names(spec)]
        # names made of everyday words (Koti Pizza): in lower case they may be the words
        self._worded = {bi for bi, _, t in terms if len(parts := re.split(r"[\s-]+", t.lower())) > 1 and all(
            p in LEMMAS for p in parts)}
        # names that are a person's first name or surname too (Sampo, Helen, Keskinen): a full name may hold them
        persons = [excluded_persons(b) for b in brands]  # the names the brand's excludes call a person's
        self._person_terms = {t for bi, _, t in terms if t.lower() in GIVEN_NAMES or t.lower() in SURNAMES or (
            t.lower().endswith(SURNAME_ENDING)) or t.lower() in persons[bi]}
        self._short = {t for _, spec, t in terms if is_ambiguous(spec, t) and " " not in t and not is_abbreviation(t)}
        self._everyday = everyday_forms({w.lower()[:2] for _, _, t in terms for w in _NOT_WORD.split(t) if w})
        self._everyday |= frozenset(self._analysed.readings)
        self._exclude_forms = {w.lower(): frozenset(self._analysed.extra(w)) for b in brands for x in b.exclude
                               for w in TOKEN_RE.findall(x) if self._analysed.extra(w)}
        fuzzy_terms: dict[tuple[str, int], BrandHit] = {}
        self._start_waiting(lexicon)  # a name's forms are made when a post first needs them (waiting_forms.py)
        place = 0
        for bi, spec, term in terms:
            ambiguous = is_ambiguous(spec, term)
            strict = spec.ambiguous is True  # set by hand: every form needs its capitals
            for written in spellings(term):
                wlow = written.lower()
                key = waiting_key(wlow, (*self._analysed.extra(written), *self._analysed.extra(written.split()[0])))
                stem_hit = None
                if " " not in written and (not ambiguous or not is_abbreviation(term) and not strict) and not (
                        term != spec.name and len(spec.name) < options.fuzzy_min_length and name_form(term, spec.name)):
                    # (an alias that is a short name's case, Varella for Väre, is no name long enough to misspell:
                    # varrella, tien varressa are the everyday word's)
                    stem_hit = BrandHit(bi, term, () if ambiguous else None)  # a misspelt ambiguous name needs its
                    fuzzy_terms.setdefault((wlow, bi), stem_hit)  # capital
                    if written.isalpha():
                        self._stems_begin(wlow, key)
                short = options.fuzzy and " " not in written and not is_abbreviation(term) and (
                    TYPO_MIN_LETTERS <= len(written) < options.fuzzy_min_length)
                self._wait(key).spellings.append(Spelling(
                    place, bi, written, term, ambiguous, spec.stems if term == spec.name else (), strict,
                    ambiguous or bool(spec.context), short, stem_hit if options.fuzzy else None))
                place += 1
            for compact in {_NOT_WORD.sub("", term.lower()), _NOT_WORD.sub("_", term.lower())}:
                if compact:
                    plain = compact not in self._everyday and compact not in SLANG
                    self._tags.add_term(compact, bi, term, ambiguous, plain, is_abbreviation(term) and (
                        compact not in ENGLISH_WORDS))
        for bi, spec in enumerate(brands):
            for platform, handles in spec.handles.items():
                for handle in handles:
                    self._tags.add_tag("@" + handle.lower(), bi, "@" + handle)
                    self._own.setdefault((platform, handle.lower()), spec.name)
            for tag in spec.hashtags:
                self._tags.add_tag("#" + tag.lstrip("#").lower(), bi, "#" + tag.lstrip("#"))
            for word in spec.context:
                try:
                    kind, text = parse_pattern(word)
                except PatternError as exc:
                    raise ConfigError(f"brand {spec.name} context '{word}': {exc}") from None
                if kind == "word" and len(text) >= KEY_SAFE_LETTERS and text.isalpha() and looks_finnish(text):
                    self._wait(waiting_key(text)).context.append((text, ContextHit(bi, CONTEXT_RANK), False))  # its
                    # endings, when a post needs them
                else:
                    lexicon.add_pattern(word, ContextHit(bi))
                if changing := changing_stem(word):  # paketti* reaches paketin, osinko* osingon, later
                    self._wait(waiting_key(changing)).context.append((changing, ContextHit(bi, CONTEXT_RANK), True))
                head = word.strip().strip("*").lower()
                if len(head) >= CONTEXT_STEM_MIN_LETTERS and head.isalpha():
                    self._context_heads.setdefault(bi, []).append(head)  # latausaseman: lataus|asema*
            for emoji in context_emoji(spec.context):  # "karhu kylmänä 🍺" with olut* among the context words
                lexicon.add_pattern(emoji, ContextHit(bi))
        for k, topic in enumerate(TOPICS.values()):  # words of a topic no customer post is about: DNA in biology
            for word in topic.split():
                lexicon.add_pattern(word, ContextHit(topic_brand(k)))
        for bi, heads in self._context_heads.items():
            self._tags.add_context(bi, tuple(heads))
        # a hyphenated word's head that begins as a context word does, in either grade (Sato-kodit: koti*)
        self._head_stems = {bi: tuple({w[:CONTEXT_STEM_MIN_LETTERS] for h in heads for w in (h, weak_stem(h) or h)})
                            for bi, heads in self._context_heads.items()}
        # read only when an everyday form starts a sentence, so the lexicon (and every post) does not carry them
        self._company_forms = company_forms()
        self._firm = functools.partial(company_word, forms=self._company_forms)  # speaks of a company (not a person)
        # the words a homonym's exclude phrases use for the word its name also is (storm, kokko): word_readings.py;
        # made when a post first needs a brand's (field_words), not by every start of a big config
        self._field_specs = {bi: b for bi, b in enumerate(brands) if bi in self._homonyms and b.exclude}
        self._fields: dict[int, frozenset[str]] = {}
        # names that are a kind of company themselves (Verkkokauppa: an online shop): a company word after them
        # says nothing
        self._generic = {bi for bi, _, t in terms if " " not in t and company_word(t.lower(), self._company_forms)}
        self._fuzzy = None
        self._fuzzy_stems = None
        self._stem_2: frozenset[str] = frozenset()
        if options.fuzzy:
            terms_list = [(low, hit) for (low, _), hit in fuzzy_terms.items()]
            self._fuzzy = FuzzyIndex(terms_list, options.fuzzy_threshold, options.fuzzy_min_length)
            self._fuzzy_stems = FuzzyIndex([], options.fuzzy_threshold, options.fuzzy_min_length, STEM_EDITS)
            self._stem_2 = frozenset(self._stem_sources)  # the first letters of every stem that may be misspelt
            self._fuzzy_2 = frozenset(key for key, _ in self._fuzzy.keys)
            self._min_stem = options.fuzzy_min_length
        self._defer()
        self.fuzzy_on = bool(self._fuzzy)  # some name is long enough for fuzzy matching

    def field_words_of(self, bi: int) -> frozenset[str]:
        """The words of the field the name of brand `bi` is also a word of (storm for Supercell), made when first
        asked."""
        found = self._fields.get(bi)
        if found is None:
            spec = self._field_specs.get(bi)
            found = field_words((spec.name, *spec.aliases), spec.exclude, known_words()) if spec else frozenset()
            self._fields[bi] = found
        return found

    def _stem_match(self, low: str) -> tuple[BrandHit, float] | None:
        """A misspelt name before an ending (Motnetilta: motneti ~ motoneti), as (hit, score), or None."""
        stem = fuzzy_stem(low)
        if stem and len(stem) >= self._min_stem and stem not in self._everyday:
            self._make_stems(stem)
            return self._fuzzy_stems.best(stem)  # type: ignore[union-attr]
        return None

    def real_typos(self, hits: list[Hit]) -> list[Hit]:
        """The hits without the forms of a letter doubled or undoubled that are words of their own (tien, not Tieto's
        misspelling): asked at a post's hit, so that the known words are read when a post first holds such a form."""
        return [h for h in hits if type(h[3]) is not BrandHit or not h[3].spelt or h[3].spelt not in self._words]

    def _add_typos(self, entries: list[Entry], made: set[str], name: str, forms: Mapping[str, BrandHit],
                   place: int) -> None:
        """Add to `entries` the forms of a name too short for fuzzy matching with a letter doubled or undoubled; `made`:
        the brand forms of their key so far; `place`: the name's (Spelling.place)."""
        for form, hit in forms.items():
            for typo in doubled_letters(form, name):
                if typo not in self._everyday and typo not in made:  # a word of its own (tien) is dropped at a hit
                    typed = BrandHit(hit.brand, hit.term, hit.caps, hit.everyday, hit.slang, form)
                    typed.spelt = typo
                    typed.made_at = (1, place)  # after every brand's own forms
                    entries.append((typo, (), typed, False))
                    made.add(typo)

    def _add_term(self, entries: list[Entry], bi: int, written: str, term: str, ambiguous: bool,
                  stems: Iterable[str], strict: bool = False, cased: bool = False) -> dict[str, BrandHit]:
        """Add to `entries` every surface form of one spelling of a name or alias (a phrase inflects its last word;
        `cased`: its later words' capitals decide, as for a brand given context words: Lapin Kulta, not Lapin
        kultaa); the one-word forms, returned."""
        hits: dict[tuple[str, tuple[int, ...] | None, bool, tuple[int, ...]], BrandHit] = {}
        low = term.lower()
        slang = SLANG.get(low, "")

        def hit(prefix: str, caps: tuple[int, ...] | None, everyday: bool = False,
                later: tuple[int, ...] = ()) -> BrandHit:
            key = (prefix, caps, everyday, later)
            if key not in hits:
                hits[key] = BrandHit(bi, term, caps, everyday, slang, later=later)
            return hits[key]

        spaced = written.split()
        both = len(spaced) == 3 and spaced[1].lower() in COORDINATORS  # Mustin ja Mirrin, Lassilan & Tikanojan
        words = phrase_words(written)  # a lone '&' is no word
        if len(words) > 1:
            last = frozenset(surface_forms(words[-1], name=True)) | frozenset(self._analysed.extra(words[-1])) | (
                frozenset(plural_name_forms(words[-1])))  # Helsingin Sanomissa
            rest = tuple(frozenset({w.lower()}) for w in words[1:-1]) + (last,)
            first = hit(words[0], capitals(words[0]) if ambiguous else None, later=tuple(
                k for k, w in enumerate(words) if k and w[:1].isupper()) if cased else ())
            entries.append((words[0].lower(), rest, first, True))
            if both:  # Mustin ja Mirrin: both names inflect
                for form in {*surface_forms(words[0], name=True), *self._analysed.extra(words[0])} - {words[0].lower()}:
                    entries.append((form, rest, first, True))
            return {}
        wlow = written.lower()
        abbreviation = is_abbreviation(term)
        letters = sum(c.isalpha() for c in term)
        title_case = abbreviation and letters >= TITLE_CASE_MIN_LETTERS and low not in self._everyday
        out = {}
        generated = surface_forms(written, stems, name=True)
        for extra in (*self._analysed.extra(written), *missing_forms(wlow, abbreviation), *(
                plural_name_forms(written) if "-" in written or wlow.endswith(("it", "at", "ät")) else ())):
            # the generator lacks them (Ilta-Sanomien, Jokereiden, Kärpissä)
            generated.setdefault(extra, cased_prefix(written, extra))
        for form, prefix in generated.items():
            everyday = form in self._everyday or self._stem_word(wlow, form, prefix.lower()) or self._graded_word(
                wlow, form)
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
        entries.extend([(form, (), hit, True) for form, hit in out.items()])
        return out

    def _stem_word(self, name: str, form: str, stem: str) -> bool:
        """True where a form on a changed stem is a word of its own, and so is the stem: Halti's hallissa is in the
        hall (halli), Rukka's Rukalla at Ruka, Presidentti's presidentin the president's; not matkahuollon, whose
        stem (matkahuollo) is no word."""
        return not name.startswith(stem) and stem in self._words and form in self._words

    def _graded_word(self, name: str, form: str) -> bool:
        """True where a form of a name that reads as another word's weak-grade stem is a word of its own, and so is
        that word: Halva's halvalla, halvan are halpa's (cheaply, cheap), not the sweets maker's in lower case."""
        strong = strong_reading(name)
        return strong is not None and strong in self._words and form in self._words

    def _excluded(self, bi: int, lows: list[str], start: int, end: int, own: bool = False,
                  capital: bool = False, marks: ClauseMarks = NO_MARKS) -> bool:
        """True when a word or phrase of the brand's `exclude`, in any inflected form, covers tokens start..end;
        `own`: the tokens are a form of the brand's own name, which a one-word exclude covers only in its own forms
        (and not a name the brand configures, written with its `capital`); `marks`: a phrase that a comma parts, and
        that is configured without one, is none (DNA-testi: not "dnalla, testasin"; "Lindstrom, MN" is)."""
        extra = self._exclude_forms  # the analyser's forms of exclude words (lahden for Lahti)
        single = self._exclude_single.get(bi)
        if single is None:
            single = self._exclude_single[bi] = single_excludes(self._exclude_specs[bi])
        forms, names = single
        if end == start + 1 and lows[start] in forms and not (own and capital and lows[start] in names):
            return True  # a fuzzy guess too: aurinkomatkoja is the trips' plural, however near a name
        for k, phrase in enumerate(self._exclude[bi]):
            n = len(phrase)
            if own and n == 1 and end == start + 1:
                continue
            for s in range(max(0, end - n), start + 1):
                if phrase_at(lows, s, phrase, extra) and (n == 1 or k in self._exclude_commas[bi] or all(
                        marks.mark(j) != "," for j in range(s, s + n - 1))):
                    return True
        return any("-" in lows[j] for j in range(start, end)) and self._excluded_joined(bi, lows, start, end)

    def _excluded_joined(self, bi: int, lows: list[str], start: int, end: int) -> bool:
        """True when a phrase of the brand's `exclude` is written with hyphens for its spaces over tokens start..end
        (goblin-and-bugbear for "goblin and bugbear", Finnair-arenalla for "Finnair Arena"): a hyphen inside the
        phrase's span, not only words beside a compound (onko ABC-asemat is no "on ABC")."""
        parts: list[str] = []
        owner: list[int] = []  # the token each part comes from
        first = last = 0
        for j, low in enumerate(lows):
            first = len(parts) if j == start else first
            split = [part for part in low.split("-") if part] or [low]
            parts.extend(split)
            owner.extend([j] * len(split))
            last = len(parts) if j == end - 1 else last
        return any(phrase_at(parts, s, phrase, self._exclude_forms) and any(
            owner[k] == owner[k + 1] for k in range(s, s + len(phrase) - 1))
                   for phrase in self._exclude[bi] if len(phrase) > 1
                   for s in range(max(0, first - len(phrase) + 1), min(last, len(parts) - len(phrase) + 1)))

    def _spelled_out(self, bi: int, lows: list[str], start: int, term: str,
                     seen: dict[tuple[int, str], tuple[int, int]]) -> str:
        """The exclude phrase earlier in the post whose initials `term` abbreviates (Larsen & Toubro ... L&T), or "";
        `seen`: the post's phrases found so far, by brand and initials (each looked for once a post)."""
        head = term.split(":")[0]
        letters = "".join(c for c in head.lower() if c.isalpha())
        if len(letters) < 2 or not is_abbreviation(head) or letters not in self._expansions[bi]:
            return ""
        if (bi, letters) not in seen:
            seen[bi, letters] = first_phrase(lows, self._expansions[bi][letters], self._exclude_forms)
        at, n = seen[bi, letters]
        return " ".join(lows[at:at + n]) if at >= 0 and at + n <= start else ""

    def _reading(self, token: str) -> str:
        """' (oppia, verb past 1sg)' when the analyser read the token as an everyday word, else ""."""
        found = self._analysed.readings.get(token.lower())
        return f" ({found})" if found else ""

    def own_brand(self, platform: str, author: str) -> str | None:
        """The brand whose own account `author` is on `platform`, or None."""
        who = handle_of(author)
        return self._own.get((platform, who)) or self._own.get(("*", who))


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
def known_words() -> frozenset[str]:
    """Every form of the everyday and company words, and what follows a company's name (Oy, Finland): built once a
    process, when a name may be a person's."""
    return everyday_forms({lemma[:2] for lemma in LEMMAS}) | company_forms() | HANDLE_SUFFIXES


@functools.cache
def family_forms() -> frozenset[str]:
    """Every form of the family words, Finnish and English (built once a process)."""
    own = [w for w in FAMILY if w[-1] in VOWELS] + list(FAMILY_STEMS)  # tyttäreni Elisa, äitini Helen: one's own
    return FAMILY_EN | frozenset(f for word in FAMILY for f in surface_forms(word) if f.isalpha()) | frozenset(
        w + suffix for w in own for suffix in FAMILY_POSSESSIVES)


def handle_names(spec: BrandSpec) -> list[str]:
    """A brand's handles that are a word of their own (yleisradio for Yle), not its name and a suffix (elisaoyj)."""
    names = {_NOT_WORD.sub("", t.lower()) for t in (spec.name, *spec.aliases)}
    out = []
    for handle in dict.fromkeys(h.lower() for hs in spec.handles.values() for h in hs):
        if handle.isalpha() and len(handle) >= HANDLE_NAME_LETTERS and not any(handle.startswith(n) and (
                len(handle) - len(n) <= HANDLE_SUFFIX_LETTERS or handle_suffix(handle[len(n):])) for n in names):
            out.append(handle)
    return out


def missing_forms(low: str, abbreviation: bool = False) -> list[str]:
    """Forms of a one-word name the generator lacks (rapaloita, arabioiden; moihin, moita; an abbreviation's s-final
    letter merged with its ending's, written without the colon: ythssä, ythsta for YTHS:ssä, YTHS:stä)."""
    merged = [low + e[1:] for e in ("ssa", "ssä", "sta", "stä") if abbreviation and low.endswith(e[0])]
    # the -oi- plurals of a name of three syllables or more in -a/-ä (like kahviloita, historioita), and the endings
    # of a one-syllable name in a diphthong in -i (like voi: voihin, voita)
    if not low.isalpha():
        return merged
    syllables = len(re.findall(f"[{''.join(VOWELS)}]+", low))
    if syllables >= PLURAL_OI_SYLLABLES and low[-1] in "aä" and (low[-2] not in VOWELS or low[-2] == "i"):
        o = "o" if low[-1] == "a" else "ö"
        a = low[-1]
        return merged + [low[:-1] + o + e for e in (f"it{a}", "iden", "itten", f"iss{a}", f"ist{a}", f"ill{a}")]
    if syllables == 1 and len(low) <= MONOSYLLABLE_LETTERS and low[-1] == "i" and low[-2] in VOWELS:
        a = "ä" if any(c in "äöy" for c in low) else "a"
        return merged + [low + "hin", low + "t" + a, low + "ss" + a, low + "st" + a, low + "ll" + a, low + "lt" + a,
                         low + "lle", low + "ksi", low + "n" + a]
    return merged
