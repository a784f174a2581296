"""The brand reader (rules/brand_reader.py): which names it reads, how it overrules the rules and says so, the shipped
head (exactly what bench/train_reader.py writes, from posts.jsonl), its config switch and its errors."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from kuulo.bot.app import build_engine
from kuulo.bot.config import parse_config
from kuulo.bot.encoder import DIMS, ENCODER
from kuulo.bot.errors import ConfigError
from kuulo.bot.limits import MAX_NAMES_READ
from kuulo.bot.packloader import builtin_brand_reader
from kuulo.bot.yamlsrc import load_yaml
from kuulo.rules.brand_reader import BrandReader, ContestLog, brand_text, features, parse_brand_reader, window
from kuulo.rules.engine import Engine
from kuulo.rules.sentence_prior import SentenceHead
from kuulo.rules.specs import BrandSpec
from tests.rules_support import ROOT, FixedEncoder, bench_module, config_error, shipped

INPUTS = 4 * DIMS + 5
VALLILA = BrandSpec("Vallila", context=("verho*", "kangas*", "curtain*", "fabric*"), needs_context=True)
HELEN = BrandSpec("Helen", context=("sähkö*", "lasku*", "electricity", "bill*"))
STOCKMANN = BrandSpec("Stockmann")


def _reader(log_odds: float, encoder: FixedEncoder, languages: frozenset[str] = frozenset({"en"})) -> BrandReader:
    """A reader whose head answers log_odds for every name (no hidden layer: the bias alone)."""
    return BrandReader(SentenceHead((0.0,) * INPUTS, log_odds, 1.0, encoder), 0.1, 0.9, languages, encoder)


def _engine(reader: object, *brands: BrandSpec) -> Engine:
    packs = [shipped(name) for name in ("banking-fi", "sentiment-fi", "sentiment-en")]
    return Engine(brands or (VALLILA, HELEN, STOCKMANN), packs, {}, reader=reader)


def test_a_name_the_rules_took_without_doubt_is_never_read() -> None:
    fake = FixedEncoder(1.0)
    verdict = _engine(_reader(-9.0, fake)).evaluate("Stockmann lost my order again", lang="en", suggest=False)
    assert [m.brand for m in verdict.brands] == ["Stockmann"] and fake.asked == []


def test_a_post_without_a_name_never_asks_the_encoder() -> None:
    fake = FixedEncoder(1.0)
    _engine(_reader(-9.0, fake)).evaluate("the bus was late again, as always", lang="en", suggest=False)
    assert fake.asked == []


def test_a_contested_name_the_rules_took_is_dropped_when_the_reader_is_sure_and_explain_says_why() -> None:
    text = "Ask Helen in HR about the parking rules"
    assert [m.brand for m in _engine(None).evaluate(text, lang="en").brands] == ["Helen"]  # the rules take it
    fake = FixedEncoder(1.0)
    verdict = _engine(_reader(-5.0, fake)).evaluate(text, lang="en")
    assert verdict.brands == () and not verdict.needs_reply
    assert "'Helen' is not Helen: the brand reader reads no company here (0.01), against the rules" in verdict.notes
    # it read the words around the name, the post and the brand's own description
    assert window(text.split(), 1, 2) in fake.asked and text in fake.asked and brand_text(HELEN) in fake.asked


def test_a_contested_name_the_rules_refused_is_taken_when_the_reader_is_sure() -> None:
    text = "we moved to Vallila last spring and love it"
    assert _engine(None).evaluate(text, lang="en").brands == ()  # needs_context, no context word: refused
    verdict = _engine(_reader(5.0, FixedEncoder(1.0))).evaluate(text, lang="en")
    assert [(m.brand, m.form, m.how) for m in verdict.brands] == [("Vallila", "Vallila", "exact")]
    assert "'Vallila' is Vallila: the brand reader reads the company here (0.99), against the rules" in verdict.notes


@pytest.mark.parametrize("text", ["the slush fund story gets worse every day. 'consultancy fees' my foot",
                                  "who approved a slush fund for the mayor's branding? genuinely asking"])
def test_a_name_its_brands_exclude_phrase_covers_is_never_taken_back(text: str) -> None:
    slush = BrandSpec("Slush", context=("startup*", "investor*", "ticket*"), exclude=("slush fund",))
    verdict = _engine(_reader(5.0, FixedEncoder(1.0)), slush).evaluate(text, lang="en")
    assert verdict.brands == ()
    assert "'slush' is not Slush: an exclude phrase covers it" in verdict.notes


@pytest.mark.parametrize("log_odds", [-2.0, 0.0, 2.0])
def test_a_reader_that_is_not_sure_leaves_the_rules_answer(log_odds: float) -> None:
    texts = ["Ask Helen in HR about the parking rules", "we moved to Vallila last spring"]
    plain, read = _engine(None), _engine(_reader(log_odds, FixedEncoder(1.0)))
    for text in texts:
        assert read.evaluate(text, lang="en").brands == plain.evaluate(text, lang="en").brands


def test_an_abbreviation_its_spelling_settles_is_never_read() -> None:
    # a two-letter abbreviation without its capitals is a word (rules/match.py): a sure reader may not take it back
    fake = FixedEncoder(1.0)
    engine = _engine(_reader(9.0, fake), BrandSpec("Ilta-Sanomat", aliases=("IS",), context=("paywall",)))
    assert engine.evaluate("Is the paywall down or is it my wifi?", lang="en").brands == () and fake.asked == []


@pytest.mark.parametrize("text, brand", [
    ("The tram stops on Stockmann street now", BrandSpec("Stockmann", exclude=("Stockmann street",))),  # exclude
    ("bought 1 rapala lure and lost it in the first cast", BrandSpec("Rapala")),  # a measure
    ("my boss is named Helen and she loves the new office", HELEN),  # a person
])
def test_a_name_the_rules_settled_is_never_read(text: str, brand: BrandSpec) -> None:
    fake = FixedEncoder(1.0)
    assert _engine(_reader(9.0, fake), brand).evaluate(text, lang="en").brands == () and fake.asked == []


def test_a_phrase_taken_without_doubt_stays_when_the_same_word_elsewhere_is_dropped() -> None:
    orion = BrandSpec("Orion", aliases=("Orion Pharma",), context=("pharma*", "medicine*"))
    text = "Orion Pharma recalled the pills, and Orion was bright in the sky tonight"
    verdict = _engine(_reader(-9.0, FixedEncoder(1.0)), orion).evaluate(text, lang="en")
    assert [(m.brand, m.form) for m in verdict.brands] == [("Orion", "Orion Pharma")], verdict.notes


def test_a_text_not_encoded_yet_leaves_the_rules_answer() -> None:
    # the judging worker's first pass reads texts not encoded yet as zeros (bot/encoder.DEFERRED)
    text = "Ask Helen in HR about the parking rules"
    verdict = _engine(_reader(-9.0, FixedEncoder(0.0))).evaluate(text, lang="en")
    assert [m.brand for m in verdict.brands] == ["Helen"]


def test_a_post_of_many_weighed_names_has_only_its_first_read() -> None:
    fake = FixedEncoder(1.0)
    text = " ".join(f"ask Helen nr{k} about it." for k in range(60))
    _engine(_reader(0.0, fake)).evaluate(text, lang="en")
    assert 0 < len(fake.asked) <= 3 * MAX_NAMES_READ


def test_the_reader_reads_only_its_languages() -> None:
    fake = FixedEncoder(1.0)
    verdict = _engine(_reader(-9.0, fake)).evaluate("Helenin lasku tuli taas myöhässä", lang="fi")
    assert [m.brand for m in verdict.brands] == ["Helen"] and fake.asked == []


def test_the_contest_log_keeps_each_contest_and_changes_nothing() -> None:
    text = "Ask Helen in HR about the parking rules"
    log = ContestLog()
    verdict = _engine(log).evaluate(text, lang="en")
    assert verdict.brands == _engine(None).evaluate(text, lang="en").brands
    assert [(brand, form, taken) for _, brand, form, _, taken, *_ in log.rows] == [("Helen", "Helen", True)]


def test_a_dropped_name_is_no_mention_the_tone_model_must_not_read() -> None:
    # the tone model reads a mention found as <brand> (masked); a name the reader drops is a word again
    text = "Ask Helen in HR about the parking rules"
    plain, read = _engine(None).tone_inputs(text, lang="en")[0], _engine(_reader(-5.0, FixedEncoder(1.0))).tone_inputs(
        text, lang="en")[0]
    assert "w:<brand>" in plain and "w:helen" not in plain
    assert "w:helen" in read and "w:<brand>" not in read


def test_features_are_the_three_embeddings_their_agreement_and_the_flags() -> None:
    row = features([1.0] * DIMS, [0.5] * DIMS, [2.0] * DIMS, True, False, True)
    assert len(row) == INPUTS and list(row[-5:]) == [2.0 * DIMS, 1.0 * DIMS, 1.0, 0.0, 1.0]


@pytest.mark.parametrize("data, message", [
    ([], "expected an object with encoder, dims, low, high, languages and head"),
    ({"encoder": "bert", "dims": DIMS, "head": {}}, "encoder: fitted on 'bert'"),
    ({"encoder": ENCODER, "dims": 2, "head": {}}, "dims: 2, but the encoder gives 384"),
    ({"encoder": ENCODER, "dims": DIMS, "low": -1, "high": 0.9, "head": {}}, "low: expected a chance from 0 to 1"),
    ({"encoder": ENCODER, "dims": DIMS, "low": 0.1, "high": True, "head": {}}, "high: expected a chance from 0 to 1"),
    ({"encoder": ENCODER, "dims": DIMS, "low": 0.9, "high": 0.1, "head": {}}, "low: 0.9 is not below high (0.1)"),
    ({"encoder": ENCODER, "dims": DIMS, "low": 0.1, "high": 0.9, "languages": "en", "head": {}},
     "languages: expected a list of language codes"),
    ({"encoder": ENCODER, "dims": DIMS, "low": 0.1, "high": 0.9, "languages": ["en"],
      "head": {"weight": 1, "bias": 0, "coefficients": [0] * DIMS}}, f"head.coefficients: expected a list of {INPUTS}"),
    ({"encoder": ENCODER, "dims": DIMS, "low": 0.1, "high": 0.9, "languages": ["en"],
      "head": {"weight": 1, "bias": 0, "coefficients": [0], "hidden": [[0] * DIMS], "hidden_bias": [0]}},
     f"head.hidden: expected a list of units, each a list of {INPUTS} numbers"),
])
def test_a_broken_reader_file_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    error = config_error(lambda d, s: parse_brand_reader(d, s, FixedEncoder(1.0)), data, "brand-reader.json")
    assert error.startswith("brand-reader.json") and message in error, error


def test_the_shipped_reader_was_fitted_on_todays_posts_jsonl_and_not_edited_by_hand() -> None:
    data = json.loads((resources.files("kuulo.rules") / "packs" / "brand-reader.json").read_text(encoding="utf-8"))
    posts = bench_module("train_reader").reader_digest(ROOT / "tests" / "data" / "matching" / "posts.jsonl")
    assert data["digest"] == posts, "posts.jsonl's texts or brands changed: run python bench/train_reader.py --cache " \
                                    "DIR --write"
    body = ("encoder", "dims", "low", "high", "languages", "head")
    assert data["weights_sha256"] == bench_module("train_tone").hash_of(data, body), "edited by hand"
    reader = builtin_brand_reader()
    assert reader.languages == frozenset({"en"}) and len(reader.head.hidden[0]) == INPUTS


@pytest.mark.parametrize("decoy, company, brand", [
    ("Orion was so bright over the lake last night, winter nights are the best",  # no sky word: topics.py's
     "Orion's pharmacy helpline never answers, been trying for two days", "Orion"),
    ("Halti was beautiful, we hiked up from Kilpisjärvi in two days",
     "My Halti jacket's zipper broke after one winter", "Halti"),
])
def test_the_shipped_reader_tells_an_english_decoy_from_the_company(decoy: str, company: str, brand: str) -> None:
    # the real encoder and the shipped head on Finnish brand names that are English words and places: the rules
    # take both (a capital), the reader drops the star and the fell and keeps the company
    scorer = bench_module("score_matching")
    plain = scorer.build_engine(scorer.load_brands())
    read = scorer.build_engine(scorer.load_brands(), reader=builtin_brand_reader())
    for text in (decoy, company):
        assert brand in {m.brand for m in plain.evaluate(text, lang="en").brands}, text
    verdict = read.evaluate(decoy, lang="en")
    assert brand not in {m.brand for m in verdict.brands}
    assert any(note.startswith(f"'{brand}' is not {brand}: the brand reader reads no company here") for note in
               verdict.notes), verdict.notes
    assert brand in {m.brand for m in read.evaluate(company, lang="en").brands}


@pytest.mark.parametrize("value, expected", [(None, True), (True, True), (False, False)])
def test_a_config_may_turn_the_brand_reader_off(value: bool | None, expected: bool, tmp_path: Path) -> None:
    matching = "" if value is None else f"matching:\n  brand_reader: {str(value).lower()}\n"
    cfg = parse_config(load_yaml(f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Alepa\n{matching}", "team.yaml"))
    assert cfg.brand_reader is expected
    assert (build_engine(cfg).reader is not None) is expected


def test_brand_reader_must_be_true_or_false() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(load_yaml("database: k.db\nmatching:\n  brand_reader: maybe\n", "team.yaml"))
    assert "team.yaml:3" in str(err.value) and "brand_reader" in str(err.value) and "true or false" in str(err.value)
