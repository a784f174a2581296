"""The e5 layers under ONNX Runtime (bot/e5_onnx.py), which the tone prior's encoder runs on: the numpy layers' states
(bot/e5_model.token_states) to float32's rounding, a text's vector the same bytes whatever was read before it, and
the shipped graph what bench/build_e5_graph.py writes."""

from __future__ import annotations

import numpy as np
import pytest

from kuulo.bot.e5_model import E5Model, embed, embedded, read_model, read_tuning, token_ids, token_states, tuned
from kuulo.bot.e5_onnx import graph_bytes, layers_session
from kuulo.bot.errors import ConfigError
from tests.rules_support import bench_module
from tests.test_e5_model import HOSTILE, posts
from tests.test_tuned_encoder import encoder_of


@pytest.fixture(scope="module")
def model() -> E5Model:
    return read_model()


def test_the_layers_give_the_numpy_layers_states(model: E5Model) -> None:
    run = layers_session(model)
    for text in posts(6) + HOSTILE:
        window = [model.bos, *token_ids(model, "query: " + text)[:510], model.eos]
        expected, _ = token_states(model, [window])
        got = run(np.ascontiguousarray(embedded(model, [window]), np.float32))
        assert got.shape == expected.shape and np.allclose(got, expected, atol=1e-4), text[:40]


def test_embeddings_through_the_session_are_the_numpy_ones(model: E5Model) -> None:
    texts = posts(12) + HOSTILE
    ours = embed(model, texts, one_window=True, layers=layers_session(model))
    assert (ours * embed(model, texts, one_window=True)).sum(1).min() >= 0.99999


def test_a_texts_vector_does_not_depend_on_what_was_read_before(model: E5Model, tmp_path) -> None:
    first, path = encoder_of(tmp_path)
    second = first.fresh()
    for text in posts(5):  # another history: other shapes run through the session first
        second.embed(text)
    text = "Laukku jäi Helsinkiin eikä kukaan vastaa 😡"
    assert bytes(first.embed(text)) == bytes(second.embed(text))
    fine = tuned(model, read_tuning(path), str(path))  # and it is the session's vector, not numpy's layers'
    by_session = embed(fine, [text], one_window=True, layers=layers_session(fine))[0]
    assert bytes(np.asarray(first.embed(text), np.float32)) == bytes(np.asarray(by_session, np.float32))
    by_numpy = embed(fine, [text], one_window=True)[0]
    assert bytes(np.asarray(by_numpy, np.float32)) != bytes(np.asarray(by_session, np.float32))


def test_the_shipped_graph_is_the_one_the_build_writes(model: E5Model) -> None:
    assert graph_bytes() == bench_module("build_e5_graph").graph_file(model)


def test_a_damaged_graph_is_a_config_error_naming_it(model: E5Model) -> None:
    with pytest.raises(ConfigError, match="e5-layers.onnx: ONNX Runtime cannot run the encoder's layers"):
        layers_session(model, graph=graph_bytes()[:5000])
