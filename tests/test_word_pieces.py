"""The English word-piece tone prior (rules/word_pieces.py): BERT's tokenisation as the HF tokenizer gives it, the
shipped table (exactly what bench/train_pieces.py writes, from posts.jsonl), and how the tone model adds it."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.bot.packloader import builtin_finnish_pieces, builtin_piece_table, builtin_tone_model
from kuulo.rules import word_pieces
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from kuulo.rules.normalise import tokenize
from kuulo.rules.verdict import BrandMatch
from kuulo.rules.word_pieces import PieceTable, blank_tokens, parse_piece_table, text_pieces, without_brands
from tests.rules_support import bench_module, config_error, shipped, shipped_piece_table

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "data" / "word_pieces" / "golden.json").read_text(encoding="utf-8"))
VOCABULARY = 30_522  # all-MiniLM-L6-v2's BERT uncased vocabulary



@pytest.fixture(scope="module")
def table() -> PieceTable:
    return builtin_piece_table()


def _direct(table: PieceTable, text: str) -> float:
    """The piece log-odds without the memo: the bias plus the mean scalar of the text's pieces (BERT's, or the
    SentencePiece vocabulary's for the Finnish table; 0 for a piece without a scalar)."""
    pieces = table.vocab.text_pieces(text) if table.vocab else text_pieces(text, table.scalars)
    return table.bias + sum(table.scalars.get(p, 0.0) for p in pieces) / len(pieces) if pieces else table.bias


@pytest.mark.parametrize("case", GOLDEN, ids=lambda case: repr(case["text"][:24]))
def test_pieces_are_the_hf_tokenizers(table: PieceTable, case: dict) -> None:
    """Accents stripped, punctuation split, ##continuations, [UNK] past 100 letters and for emoji, controls dropped:
    the fixture is the HF tokenizer's own output (bench/train_pieces.py --golden, in its venv)."""
    assert text_pieces(case["text"], table.scalars) == case["pieces"]


def test_the_golden_cases_cover_what_they_name() -> None:
    pieces = {case["text"]: case["pieces"] for case in GOLDEN}
    assert pieces["Café déjà vu, naïve résumé"][:3] == ["cafe", "de", "##ja"]
    assert pieces["a" * 101] == ["[UNK]"] and "[UNK]" not in pieces["b" * 100]
    assert pieces["great😡service"] == ["[UNK]"] and pieces["Worst. Service. Ever!!!"][-3:] == ["!"] * 3
    assert pieces["tab\there\x0bvt\x1cfs\x85nl"][1:3] == ["here", "##v"]  # a control joins, as BERT deletes it
    assert any(p.startswith("##") for p in pieces["unbelievably unhelpful customer-service"])


@pytest.mark.parametrize("load", [cache(builtin_piece_table), cache(builtin_finnish_pieces)], ids=["en", "fi"])
@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ÄäöéΣς😡!.,-\t\n\x0b\x1c\x85\u00a0\u200b\u200d\u2028\ufe0fXyzkiäs'#@"),
               max_size=40))
def test_the_memoised_score_is_the_mean_over_the_whole_texts_pieces(load, text: str) -> None:
    table = load()
    assert table.score(text) == pytest.approx(_direct(table, text), abs=1e-9)
    assert table.score(text) == pytest.approx(_direct(table, text), abs=1e-9)  # from the memo now


def test_the_memo_starts_over_past_its_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_pieces, "PIECE_MEMO", 10)
    table = PieceTable({"a": 1.0, "##b": 2.0}, 0.5, 0.25)
    for n in range(30):
        assert table.score(f"a{'b' * n}") == pytest.approx(0.5 + (1 + 2 * n) / (1 + n))
        assert len(table._memo) <= 10
    table.score("a" + "b" * 200)  # a run past MAX_WORD_CHARS is scored, not kept
    assert "a" + "b" * 200 not in table._memo
    table.score(" ".join(f"a{'b' * n}" for n in range(50)))  # one post of many new words keeps to the bound too
    assert 0 < len(table._memo) <= 10


def test_the_shipped_table_was_fitted_on_todays_posts_jsonl_and_not_edited_by_hand(table: PieceTable) -> None:
    # Its digest names the posts it was fitted on: a change to posts.jsonl asks for a rerun, as the tone model does;
    # its hash that nobody edited it. Whether a rerun would write the same table needs the vectors (train_pieces).
    data, _ = shipped_piece_table("tone-pieces.json", "tone-pieces-oob.json",
                                  "bench/train_pieces.py --cache DIR --write (docstring)")
    assert data["weight"] == table.weight and len(table.scalars) == VOCABULARY and "[UNK]" in table.scalars and "##ing" in table.scalars


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


BRANDS = ("Posti", "Finnair", "Tallink Silja", "Musti ja Mirri", "Alko")


def test_the_prior_reads_no_brand_name_so_a_brands_past_posts_cannot_tilt_its_next(table: PieceTable) -> None:
    # A table that takes every piece of these brands' names for a complaint, as one fitted on their posts might.
    loud = dict(table.scalars)
    for name in BRANDS:
        loud.update(dict.fromkeys(text_pieces(name, loud), 400.0))
    model = replace(builtin_tone_model(), priors={"en": replace(table, scalars=loud)})
    packs = [shipped("sentiment-en")]
    engine = Engine(tuple(BrandSpec(name) for name in BRANDS), packs, {}, tone_model=model)
    text = "We booked the weekend trip with {} and the new timetable looks fine for the kids"
    verdicts = [engine.evaluate(text.format(name), lang="en", suggest=False) for name in BRANDS]
    assert [v.brands[0].brand for v in verdicts] == list(BRANDS)
    reads = {" ".join(engine.prior_text(text.format(name), lang="en").split()) for name in BRANDS}
    assert reads == {" ".join(text.format("").split())}  # BERT splits on whitespace first: blanks are no pieces
    assert not any(v.negative for v in verdicts) and not any("model" in n for v in verdicts for n in v.notes)


@pytest.mark.parametrize("data, message", [
    ([], "tone-pieces.json: expected an object with pieces, bias, weight"),
    ({"pieces": {"a": "x"}, "bias": 0, "weight": 1}, "tone-pieces.json pieces: expected an object of word piece -> "
                                                      "number"),
    ({"pieces": {"a": 0.5, "b": True}, "bias": 0, "weight": 1}, "tone-pieces.json pieces: expected an object of word "
                                                                "piece -> number"),
    ({"pieces": [0.5], "bias": 0, "weight": 1}, "tone-pieces.json pieces: expected an object of word piece -> number"),
    ({"pieces": {"a": 1}, "bias": True, "weight": 1},
     "tone-pieces.json bias: expected a number; run python bench/train_pieces.py --cache DIR --write"),
])
def test_a_broken_table_is_a_config_error_naming_the_key(data: object, message: str) -> None:
    assert config_error(parse_piece_table, data, "tone-pieces.json") == message


def test_a_table_of_integers_holds_floats_and_the_shipped_one_its_file_exactly(table: PieceTable) -> None:
    class Weight(int):  # no JSON parser makes one, but a table built in Python may
        pass

    parsed = parse_piece_table({"pieces": {"a": 1, "##b": 0.5, "c": Weight(2)}, "bias": 0, "weight": 1}, "t")
    assert parsed.scalars == {"a": 1.0, "##b": 0.5, "c": 2.0} and {type(v) for v in parsed.scalars.values()} == {float}
    shipped = json.loads((resources.files("kuulo.rules") / "packs" / "tone-pieces.json").read_text(encoding="utf-8"))
    assert table.scalars == shipped["pieces"] and table.scalars is not shipped["pieces"]
    assert (table.bias, table.weight, table.digest) == (shipped["bias"], shipped["weight"], shipped["digest"])


@pytest.fixture(scope="module")
def verdicts():
    """Each development post's verdict with the shipped model, with and without the English word pieces (without the
    sentence prior, whose encoder would read a third of them: tests/test_sentence_prior.py weighs it)."""
    scorer = bench_module("score_matching")
    model = replace(builtin_tone_model(), sentences={})
    assert set(model.priors) == {"en", "fi"}
    brands = scorer.load_brands()
    engines = scorer.build_engine(brands, tone_model=model), scorer.build_engine(brands, tone_model=replace(
        model, priors={"fi": model.priors["fi"]}))
    posts = scorer.load_posts()
    return [(post, *(e.evaluate(post["text"], platform=post["platform"], lang=post["lang"]) for e in engines))
            for post in posts]


def test_a_finnish_post_is_untouched_by_the_english_prior(verdicts) -> None:
    finnish = [(with_, without) for post, with_, without in verdicts if post["lang"] == "fi"]
    assert len(finnish) > 4000
    assert all(with_ == without for with_, without in finnish)


def test_an_english_posts_flag_moves_with_the_prior_and_the_note_says_so(verdicts, table: PieceTable) -> None:
    scorer = bench_module("score_matching")
    plain = scorer.build_engine(scorer.load_brands())
    moved = [(post, with_) for post, with_, without in verdicts if with_.negative != without.negative]
    assert all(post["lang"] == "en" for post, _ in moved) and len(moved) >= 20, len(moved)
    for post, with_ in moved:
        read = plain.prior_text(post["text"], platform=post["platform"], lang=post["lang"])  # no link, no brand
        assert with_.negative is (table.weight * table.score(read) > 0), post["id"]  # its way
        note = next(n for n in with_.notes if "word pieces" in n)
        assert "(decide it)" in note or "keep the rules' answer" in note, (post["id"], note)


@pytest.mark.xfail(strict=True, reason="the table of 21,187 posts (2026-12-01 11:50) moves 115 English posts without "
                   "the sentence prior, 56 rightly; English F1 in sample 0.9379 with it, 0.9387 without: see the README")
def test_the_english_prior_moves_more_posts_rightly_than_wrongly(verdicts) -> None:
    moved = [(post, with_) for post, with_, without in verdicts if with_.negative != without.negative]
    # the posts it moves are more often right than wrong (in sample: the table was fitted on them)
    right = sum(with_.negative is post["negative"] for post, with_ in moved)
    assert right > len(moved) - right, (right, len(moved))
