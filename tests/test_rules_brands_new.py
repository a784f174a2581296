"""Properties of the readings added for brands new to the engine (batch 12): a brand's own exclude phrases never turn
its own name into a word of the field they speak of, nor a part of another word, and a back-vowel name whose last
syllable has e or i takes endings of both harmonies (Supercellilla, Supercellillä), a plain back-vowel name back
ones."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kuulo.rules.brand_forms import known_words
from kuulo.rules.finnish import surface_forms
from kuulo.rules.word_readings import field_words

NAMES = st.text(alphabet="aeiouyäökmnprstvl", min_size=4, max_size=9)
WORDS = st.text(alphabet="aeiouyäökmnprstvlh", min_size=2, max_size=8)


@settings(max_examples=150, deadline=None)
@given(name=NAMES, before=WORDS, after=WORDS)
def test_exclude_phrases_never_make_the_name_a_field_word(name: str, before: str, after: str) -> None:
    exclude = (f"{before}{name}", f"{name}-{after}", f"{name} {after}", f"{name}n {after}", f"{name}n")
    fields = field_words((name.capitalize(),), exclude, known_words())
    assert name not in fields and f"{name}n" not in fields, (name, sorted(fields)[:10])


def test_a_short_name_part_or_the_names_own_form_is_no_field_word() -> None:
    known = known_words()
    rauta = field_words(("K-Rauta",), ("K-Rauta kukkapenkki",), known)  # k- strips no k from kukkapenkki
    assert "kukkapenkki" in rauta and "ukkapenkki" not in rauta
    sampo = field_words(("Sampo",), ("Sammon taonta",), known)  # the name's weak grade: the name's own
    assert "taonta" in sampo and "sammon" not in sampo and "sampo" not in sampo


CONSONANTS = "kmnprstvl"
BACK_START = st.tuples(st.sampled_from(CONSONANTS), st.sampled_from("aou"), st.text(alphabet=CONSONANTS + "aouei",
                                                                                     max_size=3),
                       st.sampled_from(CONSONANTS)).map("".join)  # kalo|m, su|pe|rc: a back vowel, then a consonant
E_I_NAMES = st.tuples(BACK_START, st.sampled_from(["e", "i", "ei", "ie", "ee", "ii"]),
                      st.sampled_from(["l", "n", "r", "s", "t", "ll", "nt", "st", "rt"])).map("".join).filter(
    lambda n: not n.endswith("nen"))  # Supercell, Kalomin (not -nen: Keskinen -> Keskisellä)
BACK_NAMES = st.tuples(BACK_START, st.sampled_from("aou"), st.sampled_from(["", "l", "n", "r", "s", "t"])).map("".join)


@settings(max_examples=150, deadline=None)
@given(name=E_I_NAMES)
def test_a_back_vowel_name_ending_in_e_or_i_takes_both_harmonies(name: str) -> None:
    forms = surface_forms(name.capitalize(), name=True)
    assert f"{name}illa" in forms and f"{name}illä" in forms, name  # Supercellilla, Supercellillä


@settings(max_examples=150, deadline=None)
@given(name=BACK_NAMES)
def test_a_plain_back_vowel_name_takes_back_endings_only(name: str) -> None:
    forms = surface_forms(name.capitalize(), name=True)
    front = [f for f in forms if "ä" in f[len(name):] and ":" not in f and "'" not in f]  # Moro: morolla, no morollä
    assert not front, (name, front[:5])
