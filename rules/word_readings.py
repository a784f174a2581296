"""A brand named like an everyday word, read as the word: someone's (mun veikkaus), in quotes ("roviolla"), or beside
the words its own `exclude` phrases use for the word (storm for a Supercell, juhannus and kokko for a Rovio).

Only for a brand given context words (the agency has said its name is also a word), for a name written in lower case
with no context word in the post. Written from Finnish and English usage, not from posts. A genitive before the name
(juhannuksen rovio) was tried for every homonym and left out: a place's is as common before a chain's name (itiksen
prisma); it counts only where the brand's own exclude phrases write the name after a genitive (Lapin lumo, talven
lumo: a noun a genitive governs), and in a governed noun's case (musiikin lumossa, sarjan lumoon; not lumolta).
Each function returns why, or "".
"""

from __future__ import annotations

import re
from typing import Container, Iterable, Sequence

from kuulo.rules.brand_signs import COMPOUND_HEAD_AT  # a field word counts as a compound's part so long (-kokon)
from kuulo.rules.finnish import VOWELS, surface_forms
from kuulo.rules.going_to import GOING
from kuulo.rules.normalise import NO_MARKS, ClauseMarks, same_sentence

POSSESSIVES = frozenset("mun minun sun sinun meidän teidän my your our".split())  # mun veikkaus: my guess
FIELD_MIN_LETTERS = 4  # a word of an exclude phrase this long speaks of the word's field (kokko, storm; not of, day)
FIELD_WINDOW = 10  # words either side of a name a field word may stand, in its sentence
GENITIVE_MIN_LETTERS = 4  # a lower-case genitive this long before the name governs the word (musiikin lumossa)
# ... in the cases a governed noun takes (lumo, lumossa, lumosta and the illative lumoon), not a company's (lumolta)
GOVERNED_ENDINGS = ("", "n", "ssa", "ssä", "sta", "stä")  # musiikin lumon hetki: a genitive of a genitive too
NOT_GENITIVES = frozenset("""ihan aivan eilen ennen sitten täysin ainakin kauan vihdoin niin usein pian vähän paljon
melkein vasta""".split())  # words in -n that are no genitive (olin ihan lumossa)
_WORDS = re.compile(r"[^\W\d_]+")
# Spoken pasts that are also a name in lower case (alko: alkoi, began); an infinitive after one is the verb's
# (alko sataa, pesukone alko vuotaa, sykevyö alko heti pätkiä), where the company does things (alko avaa, alko myy).
SPOKEN_PASTS = frozenset({"alko"})
BEGAN_FILLERS = frozenset("heti taas jo vasta just sitten yhtäkkiä uudestaan vähitellen pikkuhiljaa kunnolla".split())
INFINITIVE_ENDINGS = ("maan", "mään", "da", "dä", "lla", "llä", "nna", "nnä", "rra", "rrä", "sta", "stä", "ata",
                      "ätä", "ota", "ötä", "uta", "ytä", "ita", "itä", "eta", "etä", "aa", "ää", "ia", "iä", "ua",
                      "yä", "ea", "eä", "oa", "öä")
INFINITIVE_MIN_LETTERS = 4
BEGAN_SUBJECTS = frozenset("kaikki homma juttu".split())  # kaikki alko, homma alko: it began (not se, tää: se alko
# kampissa may point at the shop)
PLURAL_SUBJECT_MIN_LETTERS = 5  # a plural noun before the past (hiihtolomat alko), not 'ett' or 'mut'


def field_words(names: Iterable[str], exclude: Iterable[str], known: Container[str]) -> frozenset[str]:
    """Every form of the words a brand's `exclude` phrases use beside its name (storm in 'supercell storm', kokko in
    'kokkorovio'), which speak of the word the name also is; `known`: everyday and company words, which do not."""
    # the name's parts long enough to be a word (not K- of K-Rauta: kukkapenkki), and their forms (Sammon: Sampo's)
    lows = [w for n in names for w in _WORDS.findall(n.lower()) if len(w) >= FIELD_MIN_LETTERS]
    own: dict[str, frozenset[str]] = {}  # a name part's forms, made when a word starting as it does needs them

    def owns(word: str) -> bool:
        for w in lows:
            if w[0] == word[0]:  # every form of a word of 4 letters or more begins with its letter
                if w not in own:
                    own[w] = frozenset(surface_forms(w, name=True))
                if word in own[w]:
                    return True
        return False

    words: set[str] = set()
    for phrase in exclude:
        for word in _WORDS.findall(phrase.lower()):
            rest = next((word[len(n):].removeprefix("n") if word.startswith(n) else word[:-len(n)] for n in lows
                         if word != n and (word.startswith(n) or word.endswith(n))), word)  # Kalevalankatu: katu
            if rest != word and len(rest) < FIELD_MIN_LETTERS:
                continue  # the name and an ending (Wärtsilän kylä): no word of the field
            if len(rest) >= FIELD_MIN_LETTERS and rest not in known and not owns(rest):
                words.add(rest)  # supercell-ukkonen: ukkonen; juhannusrovio: juhannus; supercell storm: storm
    return frozenset(f for w in words for f in surface_forms(w, name=True) if f.isalpha())


def someones_own(tokens: list[str], lows: list[str], start: int, marks: Container[int] = ()) -> str:
    """Why the word at `start` is someone's own, a possessive right before it ("'mun' before it, someone's own: the
    word"), or ""; `marks`: the tokens a clause mark follows, across which it is no one's."""
    if start and lows[start - 1] in POSSESSIVES and start - 1 not in marks:
        return f"'{tokens[start - 1]}' before it, someone's own: the word"
    return ""


def genitive_names(exclude: Iterable[Sequence[tuple[str, str]]]) -> frozenset[str]:
    """The bare names an exclude phrase writes after another word's genitive (Lapin lumo, talven lumo: lumo): the
    agency says the name is a noun a genitive governs; `exclude`: the phrases as (word, stem) pairs (excludes.py)."""
    return frozenset(p[1][0] for p in exclude if len(p) == 2 and p[0][0].endswith("n") and not p[0][0].startswith(
        p[1][0]))


def word_reading(tokens: list[str], lows: list[str], start: int, low: str, fields: frozenset[str],
                 marks: ClauseMarks = NO_MARKS, genitive: bool = False) -> str:
    """Why a homonym's one-word form written in lower case is the everyday word here, or ""; `low`: the name in lower
    case, `fields`: the forms of field_words, `marks`: the clause marks and quotes the tokens drop, `genitive`: the
    brand's exclude phrases write the name after a genitive (genitive_names)."""
    if marks.quoted(start):
        return "in quotes: the word itself"  # opettaja korjas "roviolla", why is it "roviolla"
    if lows[start] == low and (own := someones_own(tokens, lows, start, marks)):
        return own  # mun veikkaus on, my supercell footage
    before = tokens[start - 1] if genitive and start and start - 1 not in marks else ""
    ending = lows[start][len(low):] if lows[start].startswith(low) else None
    genitive_before = len(before) >= GENITIVE_MIN_LETTERS and before.endswith("n") and before.islower() and (
        before.replace("-", "").isalpha() and before not in NOT_GENITIVES and before not in GOING and not (
            before.endswith("iin")))  # talvi-illan lumon; not: menin lumoon, mentiin (going there)
    if genitive_before and (ending in GOVERNED_ENDINGS or ending == low[-1:] + "n"):
        return f"'{before}' before it: a genitive governs the word, as the brand's exclude phrases write it"
    if fields:
        for k in range(max(0, start - FIELD_WINDOW), min(len(lows), start + FIELD_WINDOW + 1)):
            word = lows[k]
            if k != start and (word in fields or any(word[j:] in fields or word[:-j] in fields for j in range(
                    COMPOUND_HEAD_AT, len(word) - FIELD_MIN_LETTERS + 1))) and same_sentence(tokens, k, start):
                return f"'{tokens[k]}' near it speaks of the word, as the brand's exclude phrases do"
    return ""


def began(lows: list[str], start: int, acts: Container[str]) -> str:
    """Why a lower-case name at `start` is a spoken past with its infinitive (alko sataa: began to rain), or "";
    `acts`: what a company does, which read as the company's verb after its name (alko avaa, alko myy)."""
    if lows[start] not in SPOKEN_PASTS:
        return ""
    k = start + 1
    while k < len(lows) and lows[k] in BEGAN_FILLERS:
        k += 1
    after = lows[k] if k < len(lows) else ""
    if len(after) >= INFINITIVE_MIN_LETTERS and after.isalpha() and after.endswith(INFINITIVE_ENDINGS) and (
            after not in acts):
        return f"'{after}' after it: the spoken past of a verb, with its infinitive"
    before = lows[start - 1] if start else ""
    if before in BEGAN_SUBJECTS or len(before) >= PLURAL_SUBJECT_MIN_LETTERS and before.isalpha() and (
            before[-1] == "t" and before[-2] in VOWELS):  # hiihtolomat alko, kaikki alko: no name after a noun
        return f"'{before}' before it: the spoken past of a verb, with its subject"
    return ""
