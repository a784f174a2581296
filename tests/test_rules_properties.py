"""Properties of the rules engine over generated text: it never fails on a post, and every form it generates matches."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from kuulo.rules.engine import Engine
from kuulo.rules.finnish import surface_forms
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import BrandSpec

PACKS = [parse_pack(yaml.safe_load((resources.files("kuulo.rules") / "packs" / f"{name}.yaml").read_text("utf-8")),
                    name) for name in ("banking-fi", "sentiment-fi", "sentiment-en")]
BRANDS = (BrandSpec("Nordea", handles={"*": ("nordeasuomi",)}), BrandSpec("OP", context=("pankki*",)),
          BrandSpec("Alko"), BrandSpec("KONE"), BrandSpec("Halpa-Halli"), BrandSpec("LähiTapiola"),
          BrandSpec("Vierumäki"), BrandSpec("Nokia", exclude=("Nokia Arena",)), BrandSpec("YTHS"))
# Letters, Finnish letters, digits, the marks the rules read (? ! ( ) : ' ’ - # @ _), emoji and emoticon parts.
ALPHABET = "aeinoprstuvkylmäöAEIOPSTKLNÄÖ019 ?!.,;:()'’-#@_\n😡👏🙂❤⭐<3=/"
NAME_LETTERS = "aeiouyäöklmnprstvhj"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, PACKS, {})


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=80), platform=st.sampled_from(["", "x", "reddit", "instagram"]))
def test_any_text_gets_a_consistent_verdict(engine: Engine, text: str, platform: str) -> None:
    verdict = engine.evaluate(text, platform=platform)
    assert verdict.is_question == bool(verdict.question_reasons)
    assert verdict.negative == bool(verdict.negative_terms)
    assert not verdict.needs_reply or verdict.brands
    assert all(isinstance(note, str) and note for note in verdict.notes)


@settings(max_examples=60, deadline=None)
@given(name=st.text(alphabet=NAME_LETTERS, min_size=6, max_size=10).map(str.capitalize))
def test_every_generated_form_matches_capitalised_inside_a_sentence(name: str) -> None:
    engine = Engine((BrandSpec(name),), [], {})
    for form in surface_forms(name):
        written = form[0].upper() + form[1:]
        assert [m.brand for m in engine.evaluate(f"Kävin {written} eilen").brands] == [name], form
