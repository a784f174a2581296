"""The word-piece tone prior's table (rules/word_pieces.py): its memoised score, how it is parsed, the brands it does
not read, and that only Finnish posts have one (the English table was dropped on 2026-12-01; see the README)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.bot.packloader import builtin_finnish_pieces, builtin_tone_model
from kuulo.rules import word_pieces
from kuulo.rules.normalise import tokenize
from kuulo.rules.sentence_pieces import META, UNKNOWN, UnigramVocab
from kuulo.rules.verdict import BrandMatch
from kuulo.rules.word_pieces import PieceTable, blank_tokens, parse_piece_table, without_brands
from tests.rules_support import config_error


@pytest.fixture(scope="module")
def table() -> PieceTable:
    return builtin_finnish_pieces()


def _direct(table: PieceTable, text: str) -> float:
    """The piece log-odds without the memo: the bias plus the mean scalar of the text's pieces (0 for a piece without
    a scalar)."""
    pieces = table.vocab.text_pieces(text)
    return table.bias + sum(table.scalars.get(p, 0.0) for p in pieces) / len(pieces) if pieces else table.bias


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ÄäöéΣς😡!.,-\t\n\x0b\x1c\x85\u00a0\u200b\u200d\u2028\ufe0fXyzkiäs'#@"),
               max_size=40))
def test_the_memoised_score_is_the_mean_over_the_whole_texts_pieces(table: PieceTable, text: str) -> None:
    assert table.score(text) == pytest.approx(_direct(table, text), abs=1e-9)
    assert table.score(text) == pytest.approx(_direct(table, text), abs=1e-9)  # from the memo now


def test_the_memo_starts_over_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_pieces, "PIECE_MEMO", 10)
    vocab = UnigramVocab({f"{META}a": -1.0, "b": -1.0}, -20.0)  # a word a then b...: ▁a, then b a letter
    table = PieceTable({f"{META}a": 1.0, "b": 2.0}, 0.5, 0.25, vocab)
    for n in range(30):
        assert table.score(f"a{'b' * n}") == pytest.approx(0.5 + (1 + 2 * n) / (1 + n))
        assert len(table._memo) <= 10
    assert table.score("a" + "b" * 200) == pytest.approx(0.5)  # a run past MAX_WORD_CHARS: one <unk>, scored, not kept
    assert "a" + "b" * 200 not in table._memo
    table.score(" ".join(f"a{'b' * n}" for n in range(50)))  # one post of many new words keeps to the bound too
    assert 0 < len(table._memo) <= 10


def test_only_finnish_posts_have_a_word_piece_prior() -> None:
    # the English table (BERT's pieces of all-MiniLM-L6-v2) earned nothing beside the sentence prior: dropped, and
    # not shipped, so no English post is weighed by one and no start-up reads it
    assert set(builtin_tone_model().priors) == {"fi"}
    packs = resources.files("kuulo.rules") / "packs"
    assert not (packs / "tone-pieces.json").is_file() and (packs / "tone-pieces-fi.json").is_file()


@pytest.mark.parametrize("text, gone, read", [
    ("My Tallink Silja cabin was cold!", {1, 2}, "My     cabin was cold!"),  # each token a space, the gaps kept
    ("Posti's chat (#Posti) never answers", {0, 2}, "  chat ( ) never answers"),
    ("@Finnair lost my bag", {0}, "  lost my bag"),
    ("Nothing found here", set(), "Nothing found here"),
])
def test_blank_tokens_blanks_the_tokens_of_the_indices_given(text: str, gone: set, read: str) -> None:
    assert blank_tokens(text, gone) == read


def _found(*places: tuple[int, str]) -> list[tuple[int, BrandMatch]]:
    return [(i, BrandMatch("B", form, form, "exact", 100.0)) for i, form in places]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Posti", "posti", "Postin", "#Posti", "@Posti", "Tallink", "Silja", "ja", "!", "😤",
                                 ":(", "x:(", "-", ","]), min_size=1, max_size=12),
       st.lists(st.sampled_from([" ", "  ", "\n", ", "]), min_size=12, max_size=12), st.data())
def test_the_brands_are_blanked_by_replace_exactly_as_token_by_token(words: list, gaps: list, data) -> None:
    # without_brands takes a one-token form written once by str.replace: the same text as blank_tokens gives
    text = "".join(word + gap for word, gap in zip(words, gaps)).strip()
    tokens = tokenize(text)
    picked = data.draw(st.sets(st.integers(0, len(tokens) - 1), max_size=3)) if tokens else set()
    found = [(i, BrandMatch("B", tokens[i], tokens[i], "exact", 100.0)) for i in sorted(picked)]
    if len(tokens) > 1 and data.draw(st.booleans()):  # a phrase of two tokens, as a BrandMatch's form joins them
        found.append((0, BrandMatch("C", " ".join(tokens[:2]), " ".join(tokens[:2]), "exact", 100.0)))
        picked |= {0, 1}
    assert without_brands(text, found, picked) == blank_tokens(text, picked)


def test_a_form_written_twice_is_blanked_where_the_engine_found_it() -> None:
    # `masked`: every token of every mention the engine accepted (brand_results.distinct), a repeat's too
    assert without_brands("Postin kautta Posti ja Posti", _found((2, "Posti")), {2}) == "Postin kautta   ja Posti"
    assert without_brands("Postin kautta Posti ja Posti", _found((2, "Posti")), {2, 4}) == "Postin kautta   ja  "
    assert without_brands("Tallink  Silja, not Tallink Silja", _found((0, "Tallink Silja")), {0, 1}) == (
        "    , not Tallink Silja")


SMALL = UnigramVocab({"a": -1.0, "b": -2.5}, -30.0, order=("a", "b"), digest="s1")


@pytest.mark.parametrize("data, message", [
    ([], "tone-pieces-fi.json: expected an object with scalars, bias, weight"),
    ({"scalars": [0.5, 1.0, 0.0], "bias": True, "weight": 1, "vocab_sha256": "s1"},
     "tone-pieces-fi.json bias: expected a number; run python bench/train_pieces.py --encoder e5 --cache DIR --write"),
    ({"scalars": [0.5, 1.0, 0.0], "bias": 0, "vocab_sha256": "s1"},
     "tone-pieces-fi.json weight: expected a number; run python bench/train_pieces.py --encoder e5 --cache DIR "
     "--write"),
    ({"scalars": {"a": 0.5}, "bias": 0, "weight": 1, "vocab_sha256": "s1"},
     "tone-pieces-fi.json scalars: expected a list of 3 numbers, one a piece of the vocabulary and <unk> last"),
    ({"scalars": [0.5, True, 0.0], "bias": 0, "weight": 1, "vocab_sha256": "s1"},
     "tone-pieces-fi.json scalars: expected a list of 3 numbers, one a piece of the vocabulary and <unk> last"),
    ({"scalars": [0.5, "x", 0.0], "bias": 0, "weight": 1, "vocab_sha256": "s1"},
     "tone-pieces-fi.json scalars: expected a list of 3 numbers, one a piece of the vocabulary and <unk> last"),
    ({"scalars": [0.5, 1.0, 0.0], "bias": 0, "weight": 1},
     "tone-pieces-fi.json vocab_sha256: the table was fitted to another vocabulary than the one given; run python "
     "bench/train_pieces.py --encoder e5 --cache DIR --write"),
])
def test_a_broken_table_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    assert config_error(lambda d, s: parse_piece_table(d, s, SMALL), data, "tone-pieces-fi.json") == message


def test_a_table_of_integers_holds_floats_and_the_shipped_one_its_file_exactly(table: PieceTable) -> None:
    parsed = parse_piece_table({"scalars": [1, 0.5, -2], "bias": 0, "weight": 1, "vocab_sha256": "s1"}, "t", SMALL)
    assert parsed.scalars == {"a": 1.0, "b": 0.5, UNKNOWN: -2.0}
    assert {type(v) for v in parsed.scalars.values()} == {float} and (type(parsed.bias), type(parsed.weight)) == (
        float, float)
    shipped = json.loads((resources.files("kuulo.rules") / "packs" / "tone-pieces-fi.json").read_text(encoding="utf-8"))
    assert list(table.scalars.values()) == shipped["scalars"] and list(table.scalars) == [*table.vocab.order, UNKNOWN]
    assert (table.bias, table.weight, table.digest) == (shipped["bias"], shipped["weight"], shipped["digest"])


def test_a_start_reads_the_piece_table_and_its_vocabulary_only_when_a_post_needs_them() -> None:
    """70 ms and 32 MB off every start: a process that weighs no Finnish post near its threshold never reads them."""
    import subprocess
    import sys

    script = """
from kuulo.bot.app import build_engine, default_config
from kuulo.bot.packloader import builtin_e5_vocab, builtin_finnish_pieces
engine = build_engine(default_config(":memory:"))
engine.evaluate("Thanks Nordea, my card works again!", lang="en")
print(builtin_finnish_pieces.cache_info().currsize, builtin_e5_vocab.cache_info().currsize)
engine.tone_model.priors["fi"].score("kortti ei toimi")
print(builtin_finnish_pieces.cache_info().currsize, builtin_e5_vocab.cache_info().currsize)
"""
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert ran.stdout.split("\n")[:2] == ["0 0", "1 1"]
