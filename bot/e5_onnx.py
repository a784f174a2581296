"""The encoder layers of an E5Model (bot/e5_model.py) run by ONNX Runtime: the same post-LN BERT layers as
e5_model.token_states, its weights prepacked once, ~1.9x faster a text on one thread (the README, Speed). One window
a run, so a text's vector never depends on the texts read beside it.

The graph, without its weights (29 kB), ships as rules/packs/e5-layers.onnx, written by `python
bench/build_e5_graph.py` with onnx's helpers (onnx takes ~0.8 s to import: a build step's cost, not a post's); at
run time the model's own arrays are handed to the session by name, uncopied."""

from __future__ import annotations

from importlib import resources

import numpy as np

from kuulo.bot.e5_model import LAYER_TENSORS, E5Model, LayersRun
from kuulo.bot.errors import ConfigError

GRAPH = "e5-layers.onnx"  # in kuulo.rules' packs
NORMS = ("aln", "oln")  # a layer's two LayerNorms: after attention, after the feed-forward part


def layer_weights(model: E5Model) -> dict[str, np.ndarray]:
    """The layers' arrays by the names the graph gives them: l{n}.{matrix}.w as (out, in) and its .b, l{n}.{norm}.w
    and .b; the model's own arrays, not copies."""
    out: dict[str, np.ndarray] = {}
    for n, layer in enumerate(model.layers):
        for name in LAYER_TENSORS:
            out[f"l{n}.{name}.w"], out[f"l{n}.{name}.b"] = layer.w[name], layer.b[f"{name}.b"]
        for norm in NORMS:
            out[f"l{n}.{norm}.w"], out[f"l{n}.{norm}.b"] = layer.b[f"{norm}.w"], layer.b[f"{norm}.b"]
    return {name: np.ascontiguousarray(array, np.float32) for name, array in out.items()}


def graph_bytes() -> bytes:
    """The shipped graph (bench/build_e5_graph.py)."""
    return (resources.files("kuulo.rules") / "packs" / GRAPH).read_bytes()


def layers_session(model: E5Model, threads: int = 1, graph: bytes | None = None) -> LayersRun:
    """A function that runs the model's layers over one window's embedded tokens (e5_model.embedded)."""
    try:
        import onnxruntime as ort  # noqa: PLC0415 (~0.1 s: only a post that reaches the encoder needs it)
    except ImportError as exc:
        raise ConfigError(f"the tone model's sentence encoder needs ONNX Runtime ({exc}): pip install onnxruntime") \
            from None
    weights = layer_weights(model)
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    options.log_severity_level = 3  # errors only: its notes on a graph it optimised are not the user's business
    values = {name: ort.OrtValue.ortvalue_from_numpy(array) for name, array in weights.items()}
    options.add_external_initializers(list(values), list(values.values()))
    try:
        session = ort.InferenceSession(graph or graph_bytes(), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - ONNX Runtime's own error types: a damaged or mismatched graph file
        raise ConfigError(f"{GRAPH}: ONNX Runtime cannot run the encoder's layers ({str(exc)[:200]}): "
                          "python bench/build_e5_graph.py") from None
    return _running(session, (values, weights))


def _running(session: object, kept: tuple) -> LayersRun:
    """The session's run over one window, holding the arrays it reads its weights from (the model's own: not
    copied)."""
    def run(x: np.ndarray) -> np.ndarray:
        assert kept  # alive as long as the session runs
        return session.run(None, {"x": x})[0]
    return run
