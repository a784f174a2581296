"""The brands the tone model and its sentence prior must not read: every token of every mention the engine accepted
(a name of several words, a form written twice), so a brand's past posts cannot tilt its next ones."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.brand_results import distinct
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from kuulo.rules.tone_model import BRAND, ToneModel, masked_words
from tests.rules_support import shipped

BRANDS = ("Posti", "Finnair", "Tallink Silja", "Musti ja Mirri", "Kalevala Koru", "Moi Mobiili")
EN = "Booked {0} again for the weekend and {0} says the new timetable looks fine for the kids, we will see"
FI = "Tilasin {0} kautta ja {0} lupasi että paketti tulee huomenna, katsotaan nyt miten käy"


def _loud(model: ToneModel) -> ToneModel:
    """The shipped model as if fitted on these brands' complaints: every word of their names loud."""
    words = {w.lower() for name in BRANDS for w in name.split()} - {"ja"}  # a name's words, not the posts' own
    weights = dict(model.weights) | {f"w:{w}": 9.0 for w in words} | {f"s:{w[:5]}": 9.0 for w in words}
    return replace(model, weights=weights)


def _engine(model: ToneModel) -> Engine:
    packs = [shipped(p) for p in ("banking-fi", "sentiment-fi", "sentiment-en")]
    return Engine(tuple(BrandSpec(name) for name in BRANDS), packs, {}, tone_model=model)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return _engine(_loud(builtin_tone_model()))


@pytest.mark.parametrize("text, lang", [(EN, "en"), (FI, "fi")])
def test_a_name_of_several_words_and_a_repeat_weigh_as_any_other_brand(engine: Engine, text: str, lang: str) -> None:
    verdicts = [engine.evaluate(text.format(name), lang=lang, suggest=False) for name in BRANDS]
    assert [[b.brand for b in v.brands] for v in verdicts] == [[name] for name in BRANDS]  # one match, found twice
    rows = [engine.tone_inputs(text.format(name), lang=lang)[0] for name in BRANDS]
    assert all(row == rows[0] for row in rows), rows  # the words model's features, so its score: whatever the name
    assert rows[0].count(f"w:{BRAND}") == 2 and not any(w in n for n in rows[0] for w in ("post", "silja", "mirri"))
    model = engine.tone_model
    assert model is not None and len({model.score(row)[0] for row in rows}) == 1
    # the sentence prior's encoder reads the same text, every mention blanked
    reads = {" ".join(engine.prior_text(text.format(name), lang=lang).split()) for name in BRANDS}
    assert reads == {" ".join(text.format("").split())}
    # the tone as the shipped model has it, whichever brand: the loud names never count
    plain = _engine(builtin_tone_model()).evaluate(text.format("Posti"), lang=lang, suggest=False)
    assert {(v.negative, v.negative_terms) for v in verdicts} == {(plain.negative, plain.negative_terms)}


def test_every_mention_is_masked_and_the_verdict_keeps_one_match_per_form() -> None:
    # start, end, brand, term, form, how, score: Posti twice, Tallink Silja as a phrase over its own alias Silja
    found = [(0, 1, 0, "Posti", "Posti", "exact", 100.0), (5, 6, 0, "Posti", "Posti", "exact", 100.0),
             (2, 4, 1, "Tallink Silja", "Tallink Silja", "exact", 100.0), (3, 4, 1, "Silja", "Silja", "exact", 100.0)]
    masked: set[int] = set()
    out = distinct(found, ["Posti", "Tallink Silja"], masked)
    assert [(i, m.brand, m.form) for i, m in out] == [(0, "Posti", "Posti"), (2, "Tallink Silja", "Tallink Silja")]
    assert masked == {0, 2, 3, 5}
    one: set[int] = set()
    assert len(distinct([(1, 3, 0, "Moi Mobiili", "Moi Mobiili", "exact", 100.0)], ["Moi Mobiili"], one)) == 1
    assert one == {1, 2}


def test_a_run_of_brand_tokens_reads_as_one_brand() -> None:
    lows = ["tallink", "silja", "ja", "posti", "!", "musti", "ja", "mirri"]
    assert masked_words(lows, {0, 1, 3, 5, 6, 7}) == [BRAND, "ja", BRAND, "!", BRAND]
    assert masked_words(lows, set()) == lows and lows[0] == "tallink"  # the engine's tokens stay as they were
