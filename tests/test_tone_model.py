"""The learned tone model beside the rules: its features, how it joins the rules' answer, what `explain` says, its
weights file's checks and the phenomena tables with it (that the file is what bench/train_tone.py writes:
tests/test_rules_devset.py, beside the out-of-batch fit it shares)."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.packs import parse_tone_model
from kuulo.rules.specs import BrandSpec
from kuulo.rules.tone_model import (
    BRAND, NEGATIVE, NOT_NEGATIVE, OUTWEIGHED, PRAISED, ToneModel, features, rules_answer, sigmoid,
)
from tests import test_rules_phenomena as phenomena
from tests.processes import KUULO
from tests.rules_support import bench_module, shipped

ROOT = Path(__file__).resolve().parent.parent
PACKS = ("banking-fi", "sentiment-fi", "sentiment-en")


def _engine(model: ToneModel | None, brands: tuple[BrandSpec, ...] = (BrandSpec("Alepa"),)) -> Engine:
    return Engine(brands, [shipped(p) for p in PACKS], {}, tone_model=model)



def test_features_mask_brands_and_handles_and_keep_words_stems_pairs_and_marks() -> None:
    names = _engine(None).tone_inputs("Alepan jono ei liiku @matti_m 😤 taas!!", lang="fi")[0]
    assert "w:<brand>" in names and "w:<handle>" in names
    assert not any("alepa" in n or "matti" in n for n in names), names
    assert {"w:jono", "w:😤", "b:jono ei", "n:liiku", "!:2"} <= set(names)
    assert "s:alepa" not in names  # a masked brand has no stem either
    assert "s:odotu" in _engine(None).tone_inputs("Odotusaika oli pitkä", lang="fi")[0]


def test_the_model_can_call_a_post_negative_that_the_rules_do_not_and_explain_shows_why() -> None:
    model = ToneModel({"w:kassajono": 3.0, "w:alepassa": 9.0}, -1.0, 1.5, {"fi": 0.5})
    verdict = _engine(model).evaluate("Alepassa oli taas tänään pitkä kassajono", lang="fi")
    assert verdict.negative and verdict.needs_reply
    assert verdict.negative_terms == ("model 0.62: 'kassajono' +3.00, rules -1.50",)  # sigmoid(-1 + 3 - 1.5)
    assert verdict.negative_terms[0] in verdict.notes
    # the brand is masked: its weight never counts
    assert _engine(None).tone_inputs("Alepassa oli taas tänään kassajono", lang="fi")[0].count("w:<brand>") == 1


def test_the_model_can_overrule_the_rules_negative_and_drops_their_categories() -> None:
    text = "Verkkopankki on tänään taas aivan surkea"
    rules = _engine(None).evaluate(text, lang="fi")
    assert rules.negative and rules.categories == ("verkkopankki",)
    model = ToneModel({"w:tänään": -4.0, "w:aivan": -1.0}, 0.0, 1.5, {"fi": 0.5})
    verdict = _engine(model).evaluate(text, lang="fi")
    assert not verdict.negative and verdict.categories == () and verdict.negative_terms == ()
    assert verdict.priority == "low"
    assert "model 0.03: 'tänään' -4.00, 'aivan' -1.00, rules +1.50 (outweighs the rules' surkea)" in verdict.notes


def test_the_vote_against_takes_the_share_of_what_the_rules_saw() -> None:
    # Nothing at all: half the vote against; praise and nothing negative: one and a half (rules_shares).
    model = ToneModel({"w:kassajono": 3.0}, -1.0, 1.5, {"fi": 0.5}, silent_share=0.5, praised_share=1.5)
    assert (model.vote(NEGATIVE), model.vote(NOT_NEGATIVE), model.vote(PRAISED)) == (1.5, -0.75, -2.25)
    silent = _engine(model).evaluate("Alepassa oli taas tänään pitkä kassajono", lang="fi")
    assert silent.negative and silent.negative_terms == ("model 0.78: 'kassajono' +3.00, rules -0.75",)
    assert not _engine(model).evaluate("Alepassa oli tänään kassajono ja ihana palvelu", lang="fi").negative  # praise
    full = ToneModel({"w:kassajono": 3.0}, -1.0, 1.5, {"fi": 0.5})  # a file without shares: the full vote both ways
    assert full.vote(NOT_NEGATIVE) == full.vote(PRAISED) == -1.5


def test_a_short_post_is_left_to_the_rules() -> None:
    model = ToneModel({"w:miksi": 9.0}, 0.0, 1.5, {"fi": 0.5})
    assert not _engine(model).evaluate("Miksi ei?", lang="fi").negative
    assert not _engine(model).evaluate("Miksi kuu näyttää isommalta horisontissa?", lang="fi").negative  # 5 words
    assert _engine(model).evaluate("Miksi kuu näyttää niin isolta horisontissa?", lang="fi").negative  # 6: the model's


def test_a_language_the_model_was_not_trained_on_is_left_to_the_rules() -> None:
    model = ToneModel({"w:huono": -9.0}, -5.0, 1.5, {"fi": 0.5})
    assert not _engine(model).evaluate("Tämä palvelu on ollut aivan huono", lang="fi").negative
    assert _engine(model).evaluate("Tämä palvelu on ollut aivan huono", lang="sv").negative  # the rules' answer


def test_a_negative_word_the_rules_excused_stays_excused() -> None:
    """Negated, solved, only asked about, outweighed by praise: the model's words know no such reason."""
    model = ToneModel({"w:ongelmia": 9.0, "w:ollut": 9.0}, 0.0, 1.5, {"fi": 0.5})
    verdict = _engine(model).evaluate("Ei ole ollut mitään ongelmia", lang="fi")
    assert not verdict.negative and verdict.notes == ("negated 'ongelmia'",)
    assert _engine(model).evaluate("Paketti on ollut matkalla viikon", lang="fi").negative  # nothing excused


def test_words_praise_outweighed_are_weighed_with_their_share_and_kept_excused_without_one() -> None:
    text = "Alepa delivery took 3 weeks, the driver was lovely"  # praise outweighs 'took … weeks'
    kept = ToneModel({"w:took": 9.0}, 0.0, 1.5, {"en": 0.5})  # a file without the outweighed share
    verdict = _engine(kept).evaluate(text, lang="en")
    assert not verdict.negative and "praise outweighs 'took … weeks'" in verdict.notes
    weighed = ToneModel({"w:took": 9.0}, 0.0, 1.5, {"en": 0.5}, outweighed_share=1.0)
    assert weighed.vote(OUTWEIGHED) == -1.5 and kept.vote(OUTWEIGHED) == 0.0
    verdict = _engine(weighed).evaluate(text, lang="en")
    assert verdict.negative and "praise outweighs 'took … weeks'" in verdict.notes, verdict.notes
    assert verdict.negative_terms == ("model 1.00: 'took' +9.00, rules -1.50",)
    negated = _engine(weighed).evaluate("Alepa delivery took 3 weeks, not a problem at all, lovely", lang="en")
    assert not negated.negative  # another excuse beside the praise: the rules' answer stands
    tone = _engine(None)._read(text, "twitter", "en")[4]
    assert rules_answer(tone) == OUTWEIGHED


def test_when_model_and_rules_agree_the_rules_reasons_stand_alone() -> None:
    verdict = _engine(builtin_tone_model()).evaluate("Tilaus ei ole vieläkään tullut, aivan surkeaa palvelua 😡",
                                                     lang="fi")
    assert verdict.negative and "surkeaa" in verdict.negative_terms
    assert not any(n.startswith("model ") for n in verdict.notes), verdict.notes


def test_inference_weighs_a_post_as_training_names_its_features() -> None:
    """ToneModel.weigh (the engine's path, no feature names) sums what score(features(...)) (training's) sums."""
    model, engine = builtin_tone_model(), bench_module("score_matching").build_engine(bench_module("score_matching").load_brands())
    for post in bench_module("score_matching").load_posts()[::7]:
        lows, _, masked, *_ = engine._read(post["text"], post["platform"], post["lang"])
        z, words = model.weigh(lows, masked)
        assert sigmoid(z) == pytest.approx(model.score(features(lows, masked))[0], abs=1e-9), post["id"]
        assert words == sum(name.startswith("w:") for name in features(lows, masked))


# Tokens of every role: plain words (one long enough for a stem), negators, fillers (often: a negation reaches over
# them), marks, a handle, a number, a brand
_TOKENS = ("jono", "odotusaika", "toimi", "good", "ei", "not", "vielä", "still", "the", "vielä", "still", "the", ".",
           "!", "?!", "\n", "@matti", "42", "😤", BRAND)
_NAMES = sorted({*features(_TOKENS, ()), "!:1", "!:2", "?:1", "?:2", *(f"n:{w[:6]}" for w in _TOKENS),
                 *(f"b:{a} {b}" for a in _TOKENS for b in _TOKENS)})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14), st.integers(0, 2**32), st.floats(0.05, 1))
@example(["ei", "vielä", "still", "the", "toimi"], 1, 1.0).via("the farthest word a negator reaches")
@example(["ei", "vielä", "still", "the", "vielä", "toimi"], 1, 1.0).via("one word too far")
def test_weigh_sums_what_the_feature_names_sum_for_any_run_of_tokens(lows: list[str], seed: int, share: float) -> None:
    """Negators, fillers and marks in any order (weigh looks ahead from a negator; training walks on)."""
    rng = random.Random(seed)
    model = ToneModel({n: rng.uniform(-3, 3) for n in _NAMES if rng.random() < share}, 0.25, 1.0, {"fi": 0.5})
    z, words = model.weigh(lows, ())
    assert z == pytest.approx(model.bias + sum(w for _, w in model.score(features(lows, ()))[1]), abs=1e-9)
    assert words == sum(name.startswith("w:") for name in features(lows, ()))


@pytest.mark.parametrize("text, tone", phenomena.TONE)
def test_the_phenomena_tone_table_holds_with_the_model(text: str, tone: str) -> None:
    verdict = _engine(builtin_tone_model(), phenomena.BRANDS).evaluate(text)
    assert verdict.negative is (tone == "negative"), verdict.notes


@pytest.mark.parametrize("text, needs_reply", phenomena.PLEAS)
def test_the_pleas_table_holds_with_the_model(text: str, needs_reply: bool) -> None:
    assert _engine(builtin_tone_model(), phenomena.BRANDS).evaluate(text).needs_reply is needs_reply


@pytest.mark.parametrize("data, message", [
    ([], "tone-model.json: expected an object with weights, bias, rules_weight, thresholds"),
    ({"weights": {"w:a": "x"}, "bias": 0, "rules_weight": 1, "thresholds": {"fi": 0.5}},
     "tone-model.json weights: expected an object of feature name -> number"),
    ({"weights": {}, "bias": True, "rules_weight": 1, "thresholds": {"fi": 0.5}},
     "tone-model.json bias: expected a number, got true/false"),
    ({"weights": {}, "bias": 0, "thresholds": {"fi": 0.5}},
     "tone-model.json rules_weight: expected a number, got nothing"),
    ({"weights": {}, "bias": 0, "rules_weight": 1, "thresholds": {"fi": 1.5}},
     "tone-model.json thresholds: expected an object of language -> a probability between 0 and 1"),
    ({"weights": {}, "bias": 0, "rules_weight": 1, "thresholds": {"fi": 0.5}, "rules_shares": {"silent": -1}},
     "tone-model.json rules_shares: expected an object of silent, praised, outweighed -> a number, 0 or more"),
    ({"weights": {}, "bias": 0, "rules_weight": 1, "thresholds": {"fi": 0.5}, "rules_shares": {"excused": 1}},
     "tone-model.json rules_shares: expected an object of silent, praised, outweighed -> a number, 0 or more"),
])
def test_a_broken_weights_file_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_tone_model(data, "tone-model.json")
    assert str(err.value) == message


def test_kuulo_explain_shows_the_model_when_it_decides(tmp_path: Path) -> None:
    # Through the CLI, as a user tunes with it: a complaint without a negative word, and why.
    result = subprocess.run([KUULO, "explain", "Pysäkillä 20 min eikä ketään. Onks se bussi vaan lähtenyt?"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    negative = next(line for line in result.stdout.splitlines() if line.strip().startswith("negative:"))
    assert re.match(r"  negative:    yes \(model [01]\.\d\d: ", negative) and "'eikä' +" in negative, result.stdout
    assert re.search(r"^  why:         model [01]\.\d\d: ", result.stdout, re.MULTILINE)


@pytest.mark.parametrize("text, asks", [
    ("Hartwallin jouluinen Jaffa on taas kaupoissa?! Lapsuuden maku 🍊", False),
    ("Fazer's gingerbread chocolate is back in stores?! Christmas can start 🎄", False),
    ("Hartwallin Jaffa-pullo vuoti koko kassin läpi?! Ei voi olla totta", True),  # (a drink sold out: the model of
    # 24,787 posts finds no complaint in it, as the set's ruling on products sold out has it)
    ("Fazerin suklaa on taas kallistunut?! Ei tätä voi enää ostaa", True),
])
def test_a_surprised_mark_the_model_finds_no_complaint_asks_nothing(text: str, asks: bool) -> None:
    # the rules read a '?!' as a negative sign; where it is their only one and the model outweighs it, it is delight
    verdict = _engine(builtin_tone_model(), (BrandSpec("Hartwall"), BrandSpec("Fazer"))).evaluate(text)
    assert (verdict.is_question, verdict.negative) == (asks, asks), (verdict.question_reasons, verdict.negative_terms)
