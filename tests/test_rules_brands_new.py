"""Properties of the readings added for brands new to the engine (batch 12): a brand's own exclude phrases never turn
its own name into a word of the field they speak of, and a name's endings keep the harmony of its back vowels."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from kuulo.rules.brand_forms import known_words
from kuulo.rules.finnish import harmony, name_harmony, surface_forms
from kuulo.rules.word_readings import field_words

NAMES = st.text(alphabet="aeiouyäökmnprstvl", min_size=4, max_size=9)
WORDS = st.text(alphabet="aeiouyäökmnprstvlh", min_size=2, max_size=8)


@settings(max_examples=150, deadline=None)
@given(name=NAMES, before=WORDS, after=WORDS)
def test_exclude_phrases_never_make_the_name_a_field_word(name: str, before: str, after: str) -> None:
    exclude = (f"{before}{name}", f"{name}-{after}", f"{name} {after}", f"{name}n {after}", f"{name}n")
    fields = field_words((name.capitalize(),), exclude, known_words())
    assert name not in fields and f"{name}n" not in fields, (name, sorted(fields)[:10])


@settings(max_examples=200, deadline=None)
@given(name=NAMES)
def test_a_names_endings_keep_the_harmony_of_the_word(name: str) -> None:
    assert set(harmony(name)) <= set(name_harmony(name))
    forms = surface_forms(name.capitalize(), name=True)
    assert all(f.startswith(name[:2]) for f in forms), name
