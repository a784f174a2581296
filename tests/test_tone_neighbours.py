"""The tone model's neighbours vote (rules/tone_neighbours.py): its formula, its nearest posts, its store's checks,
how weigh adds it and `explain` names it, and that training never lets a post's own batch vote."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.bot import packloader
from kuulo.bot.encoder import DIMS, ENCODER
from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.sentence_prior import Encoder, SentenceHead
from kuulo.rules.specs import BrandSpec
from kuulo.rules.tone_model import without_sentences
from kuulo.rules.tone_neighbours import Neighbours, NeighbourStore, Table, parse_neighbours, parse_store, vote_of
from tests.rules_support import bench_module, shipped
from tests.test_sentence_prior import NEAR_TEXTS

REDUCED = 4


@dataclass
class Lookup:
    """An encoder that gives each text its vector from a table (zeros for one it lacks: not encoded yet)."""

    vectors: dict[str, Sequence[float]]
    name: str = ENCODER
    dims: int = DIMS
    asked: list[str] = field(default_factory=list)

    def embed(self, text: str) -> Sequence[float]:
        self.asked.append(text)
        return self.vectors.get(text, [0.0] * self.dims)


def _direction(axis: int, lean: float = 0.0) -> list[float]:
    """A unit embedding along one of the first REDUCED axes, leaning a little towards the next."""
    out = [0.0] * DIMS
    out[axis] = 1.0
    out[(axis + 1) % REDUCED] = lean
    norm = math.hypot(1.0, lean)
    return [x / norm for x in out]


def _arrays(**changes: object) -> dict[str, object]:
    """A store of eight posts: four Finnish ones near axis 0 (three negative), four English ones near axis 2 (none)."""
    basis = np.zeros((DIMS, REDUCED), np.float32)
    basis[np.arange(REDUCED), np.arange(REDUCED)] = 1.0
    rows = np.array([_direction(0, lean)[:REDUCED] for lean in (0.0, 0.1, 0.2, 0.3)]
                    + [_direction(2, lean)[:REDUCED] for lean in (0.0, 0.1, 0.2, 0.3)])
    scale = np.abs(rows).max(axis=0).clip(1e-6) / 127
    arrays = {"mean": np.zeros(DIMS, np.float32), "basis": basis,
              "vectors": np.round(rows / scale).astype(np.int8), "scale": scale.astype(np.float32),
              "negative": np.array([1, 1, 1, 0, 0, 0, 0, 0], np.uint8), "langs": np.array(["fi"] * 4 + ["en"] * 4),
              "ids": np.array([f"fi-{n}" for n in range(4)] + [f"en-{n}" for n in range(4)]), "tau": np.array(0.05),
              "encoder": np.array(ENCODER)}
    return arrays | changes


def _neighbours(encoder: Lookup, k: int = 3, weight: float = 1.0) -> Neighbours:
    store = parse_store(_arrays(), "test store", encoder)
    return Neighbours(k, weight, lambda: store)


def test_the_vote_is_the_weighed_share_of_negative_neighbours() -> None:
    assert float(vote_of([0.9, 0.9], [1, 0], 0.1)) == pytest.approx(0.0)  # one each: even
    assert float(vote_of([0.5] * 10, [1] * 10, 0.1)) == pytest.approx(math.log(11))  # all negative, k 10
    # the nearer neighbour weighs e^((s - s_top) / tau) times the farther one's, the weights summed to k
    near, far = 1.0, math.exp(-0.1 / 0.05)
    bad = 2 * near / (near + far)
    assert float(vote_of([0.8, 0.7], [1, 0], 0.05)) == pytest.approx(math.log((bad + 1) / (2 - bad + 1)))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(-1, 1), st.booleans()), min_size=1, max_size=12), st.floats(0.01, 1.0))
def test_the_vote_is_bounded_by_k_and_ignores_the_neighbours_order(neighbours: list[tuple[float, bool]],
                                                                   tau: float) -> None:
    similar, negative = map(np.array, zip(*neighbours))
    vote = float(vote_of(similar, negative.astype(float), tau))
    bound = math.log(len(neighbours) + 1)
    assert -bound - 1e-9 <= vote <= bound + 1e-9
    order = np.argsort(-similar, kind="stable")
    assert float(vote_of(similar[order], negative[order].astype(float), tau)) == pytest.approx(vote)
    flipped = float(vote_of(similar, 1.0 - negative, tau))
    assert flipped == pytest.approx(-vote)


def test_a_post_hears_its_nearest_posts_of_its_own_language() -> None:
    text_fi, text_en = "odotin ja odotin", "waited and waited"
    encoder = Lookup({text_fi: _direction(0, 0.05), text_en: _direction(2, 0.05)})
    neighbours = _neighbours(encoder, k=3)
    # the three nearest Finnish posts are the three negative ones; every English post is not negative
    assert neighbours.vote(text_fi, "fi") > 0.5
    assert neighbours.vote(text_en, "en") == pytest.approx(-math.log(4))
    # the English table is asked for an English post even when it reads like the Finnish ones
    assert neighbours.vote(text_fi, "en") == pytest.approx(-math.log(4))
    assert _neighbours(encoder, k=3, weight=0.5).vote(text_en, "en") == pytest.approx(-0.5 * math.log(4))


def test_no_vote_in_a_language_the_store_lacks_or_for_a_text_not_encoded_yet() -> None:
    encoder = Lookup({"hej": _direction(0)})
    neighbours = _neighbours(encoder)
    assert neighbours.vote("hej", "sv") is None and encoder.asked == []  # no table: the encoder is not asked
    assert neighbours.vote("not encoded yet", "fi") is None  # all zeros: the judging worker's first pass


def test_the_store_is_read_once_on_the_first_vote() -> None:
    reads: list[int] = []
    store = parse_store(_arrays(), "test store", Lookup({"a": _direction(0)}))

    def load() -> NeighbourStore:
        reads.append(1)
        return store

    neighbours = Neighbours(3, 1.0, load)
    assert reads == []
    neighbours.vote("a", "fi")
    neighbours.vote("a", "fi")
    assert reads == [1]


@pytest.mark.parametrize("changes, message", [
    ({"tau": np.array(0.0)}, "tau: expected a number above 0"),
    ({"encoder": np.array("another encoder")}, "encoder: built with 'another encoder'"),
    ({"scale": np.ones(REDUCED + 1, np.float32)}, "scale: shape (5,), expected (4,)"),
    ({"langs": np.array(["fi"] * 7)}, "langs: shape (7,), expected (8,)"),
    ({"mean": np.zeros(DIMS - 1, np.float32)}, f"mean: shape ({DIMS - 1},), expected ({DIMS},)"),
    ({"vectors": np.zeros((8, REDUCED), np.float32)}, "expected int8 vectors and 0/1 labels"),
    ({"negative": np.array([2] * 8, np.uint8)}, "expected int8 vectors and 0/1 labels"),
])
def test_a_broken_store_is_a_config_error_naming_the_array(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match="build_tone_neighbours") as caught:
        parse_store(_arrays(**changes), "tone-neighbours.npz", Lookup({}))
    assert message in str(caught.value) and str(caught.value).startswith("tone-neighbours.npz")


def test_a_store_without_an_array_names_it() -> None:
    arrays = _arrays()
    del arrays["tau"], arrays["ids"]
    with pytest.raises(ConfigError, match=r"tone-neighbours.npz: no ids, tau"):
        parse_store(arrays, "tone-neighbours.npz", Lookup({}))


@pytest.mark.parametrize("body, message", [
    ([], "neighbours: expected an object"), ({"k": 0, "weight": 1.0}, "neighbours.k: expected a whole number"),
    ({"k": True, "weight": 1.0}, "neighbours.k"), ({"k": 10, "weight": -1}, "neighbours.weight: expected a number"),
    ({"k": 10}, "neighbours.weight"),
])
def test_broken_vote_settings_are_a_config_error_naming_the_key(body: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_neighbours(body, "tone-model.json", lambda: None)  # type: ignore[arg-type, return-value]


def test_a_store_other_than_the_one_the_model_was_trained_with_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    (tmp_path / "tone-neighbours.npz").write_bytes(b"another store")
    monkeypatch.setattr(packloader, "_packaged", lambda name: tmp_path / name)
    settings_ = {"neighbours": {"k": 10, "weight": 1.0, "store_sha256": "0" * 64}}
    with pytest.raises(ConfigError, match="not the store tone-model.json was trained with"):
        packloader._neighbour_store(settings_)
    settings_["neighbours"]["store_sha256"] = hashlib.sha256(b"another store").hexdigest()
    load = packloader._neighbour_store(settings_)
    assert load is not None
    with pytest.raises(ConfigError, match="not the tone model's neighbour store"):
        load()  # the bytes are no npz: found on the first vote, named


def test_the_shipped_model_votes_with_its_shipped_store() -> None:
    model = builtin_tone_model()
    assert model.neighbours is not None and model.neighbours.k >= 1
    store = model.neighbours.store()
    assert set(store.tables) == {"fi", "en"} and all(len(t.negative) > 10_000 for t in store.tables.values())
    # a post that reads like many complaints, and one that reads like much praise
    assert model.neighbours.vote("Paketti ei vieläkään tullut ja asiakaspalvelu ei vastaa", "fi") > 1.0
    assert model.neighbours.vote("Thank you so much, lovely staff and quick help today!", "en") < -1.0


def _engine_voting(vote: float, encoder: Lookup, neighbours: bool = True) -> Engine:
    """An English engine whose sentence head reads 0 and whose one stored neighbour votes `vote` for every post."""
    table = Table(np.array([[1.0, 0.0, 0.0, 0.0]], np.float32), np.array([1.0 if vote > 0 else 0.0]))
    store = NeighbourStore(np.zeros(DIMS, np.float32), np.eye(DIMS, REDUCED, dtype=np.float32), {"en": table},
                           1.0, encoder)
    heads = {"en": SentenceHead((0.0,) * DIMS, 0.0, 1.0, encoder)}
    weight = abs(vote) / math.log(2)  # one neighbour: log(2) times the weight
    tuned = replace(builtin_tone_model(), sentences=heads,
                    neighbours=Neighbours(1, weight, lambda: store) if neighbours else None)
    return Engine((BrandSpec("Alepa"),), [shipped("sentiment-en")], {}, tone_model=tuned)


class Everything(Lookup):
    """A Lookup whose every text reads along axis 0."""

    def embed(self, text: str) -> Sequence[float]:
        self.asked.append(text)
        return _direction(0)


@pytest.mark.parametrize("vote", [8.0, -8.0])
def test_weigh_adds_the_vote_where_it_reads_the_sentence_prior_and_names_it(vote: float) -> None:
    for text in NEAR_TEXTS:  # one whose words and rules alone say the other answer, near enough to read the prior
        encoder = Everything({})
        before = _engine_voting(vote, encoder, neighbours=False).evaluate(text, lang="en", suggest=False)
        if encoder.asked and before.negative is (vote < 0):
            break
    else:
        raise AssertionError(f"no text of NEAR_TEXTS stands near the threshold with negative={vote < 0}: add one")
    verdict = _engine_voting(vote, encoder).evaluate(text, lang="en", suggest=False)
    assert verdict.negative is (vote > 0), verdict.notes
    notes = verdict.negative_terms if verdict.negative else verdict.notes  # tipped, or the rules' answer kept
    assert any(f"neighbours {vote:+.2f}, sentence +0.00 (decide it)" in n or
               f"neighbours {vote:+.2f}, sentence +0.00 keeps the rules' answer" in n for n in notes), notes


def test_the_sentence_prior_off_turns_the_vote_off_too() -> None:
    assert without_sentences(builtin_tone_model()).neighbours is None


def test_training_never_lets_a_post_of_its_own_batch_vote(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    train = bench_module("train_tone")
    rng = np.random.default_rng(7)
    ids = [f"fi-{n}" for n in (1, 2, 3, 470, 480, 900, 910)] + [f"en-{n}" for n in (1, 2, 260, 270)]
    rows = rng.normal(size=(len(ids), REDUCED))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    scale = np.abs(rows).max(axis=0) / 127
    negative = rng.integers(0, 2, len(ids)).astype(np.uint8)
    store = tmp_path / "tone-neighbours.npz"
    np.savez_compressed(store, ids=np.array(ids), langs=np.array([i[:2] for i in ids]),
                        vectors=np.round(rows / scale).astype(np.int8), scale=scale.astype(np.float32),
                        negative=negative, tau=np.array(0.1))
    monkeypatch.setattr(train, "NEIGHBOURS", store)
    monkeypatch.setattr(train, "NEIGHBOUR_K", 2)
    posts = [{"id": i, "lang": i[:2]} for i in ids] + [{"id": "fi-99999", "lang": "fi"}]
    votes = train.neighbour_votes(posts)
    rounded = np.round(rows / scale) * scale
    for i, post_id in enumerate(ids):
        others = [j for j in range(len(ids)) if ids[j][:2] == post_id[:2]
                  and train.batch_of(ids[j]) != train.batch_of(post_id)]
        near = sorted(others, key=lambda j: -float(rounded[j] @ rounded[i]))[:2]
        expected = vote_of(np.array([rounded[j] @ rounded[i] for j in near]), negative[near].astype(float), 0.1)
        assert votes[i] == pytest.approx(train.NEIGHBOUR_WEIGHT * float(expected), rel=1e-5), post_id
    assert votes[-1] == 0.0  # a post the store lacks: no vote


@dataclass
class Counting:
    """An encoder that keeps the texts it is asked for and asks another for their embeddings."""

    inner: Encoder
    asked: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dims(self) -> int:
        return self.inner.dims

    def embed(self, text: str) -> Sequence[float]:
        self.asked.append(text)
        return self.inner.embed(text)


class Everywhere(Neighbours):
    """The shipped vote, read wherever the sentence prior is, however far the post stands from the threshold."""

    @property
    def reach(self) -> float:
        return math.inf


def test_the_vote_is_read_only_where_it_can_tip_a_post_and_skipping_it_changes_no_verdict() -> None:
    scorer = bench_module("score_matching")
    posts = scorer.load_posts()[3::150]
    model = builtin_tone_model()
    assert model.neighbours is not None
    counted: dict[str, Counting] = {}

    def verdicts(kind: type[Neighbours]) -> list[bool]:
        store = model.neighbours.store()
        counted[kind.__name__] = encoder = Counting(store.encoder)
        near = kind(model.neighbours.k, model.neighbours.weight, model.neighbours.load,
                    [replace(store, encoder=encoder)])
        engine = scorer.build_engine(scorer.load_brands(), tone_model=replace(model, neighbours=near))
        return [engine.evaluate(p["text"], platform=p["platform"], lang=p["lang"], suggest=False).negative
                for p in posts]

    assert verdicts(Neighbours) == verdicts(Everywhere)
    skipped, read = len(counted["Neighbours"].asked), len(counted["Everywhere"].asked)
    assert 0 < skipped < read, (skipped, read)


def test_the_shipped_store_holds_every_development_post_with_its_label() -> None:
    # a post joined or relabelled since the store was built votes with its old label (or not at all): rebuild it
    # (bench/build_tone_neighbours.py) and retrain (bench/train_tone.py --write)
    scorer = bench_module("score_matching")
    posts = scorer.load_posts()
    with np.load(bench_module("train_tone").NEIGHBOURS) as npz:
        ids, negative, langs = npz["ids"].tolist(), npz["negative"].tolist(), npz["langs"].tolist()
    assert ids == [p["id"] for p in posts], "the store is of other posts: rebuild it"
    assert negative == [int(p["negative"]) for p in posts], "labels changed since the store was built: rebuild it"
    assert langs == [p["lang"] for p in posts]


def test_training_warns_when_the_store_read_other_texts_than_the_engine_hands_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = bench_module("train_tone")
    engine = Engine((BrandSpec("Alepa"),), [shipped("sentiment-fi")], {})
    posts = [{"id": "fi-1", "text": "Alepan jono oli taas pitkä", "platform": "x", "lang": "fi"}]
    store = tmp_path / "tone-neighbours.npz"
    monkeypatch.setattr(train, "NEIGHBOURS", store)
    read = [engine.prior_text(posts[0]["text"], platform="x", lang="fi")]
    assert "Alepa" not in read[0]  # the brand blanked, as the encoder reads it
    np.savez(store, keys_sha256=np.array(train.keys_digest(train.prior_keys(posts, read))))
    train.check_store_texts(engine, posts)
    assert capsys.readouterr().err == ""
    np.savez(store, keys_sha256=np.array(train.keys_digest(train.prior_keys(posts, ["Alepan jono oli taas pitkä"]))))
    train.check_store_texts(engine, posts)
    assert "read other prior texts" in capsys.readouterr().err
