"""The encoder layers of an E5Model (bot/e5_model.py) run by ONNX Runtime: the same post-LN BERT layers as
e5_model.token_states, its weights prepacked once, ~2.3x faster a text on one thread (the README, Speed). One window
a run, so a text's vector never depends on the texts read beside it."""

from __future__ import annotations

from math import sqrt
import numpy as np

from kuulo.bot.e5_model import E5Model, LayersRun
from kuulo.bot.errors import ConfigError

OPSET = 17  # LayerNormalization's first opset
IN_MEMORY = "kuulo-memory"  # the external data "file" of every weight: they are handed to the session as arrays


def layers_session(model: E5Model, threads: int = 1) -> LayersRun:
    """A function that runs the model's layers over one window's embedded tokens (e5_model.embedded)."""
    try:
        import onnx  # noqa: PLC0415 (not at start-up: only a post that reaches the encoder needs them)
        import onnxruntime as ort  # noqa: PLC0415
    except ImportError as exc:
        raise ConfigError(f"the tone model's sentence encoder needs ONNX Runtime ({exc}): "
                          "pip install onnx onnxruntime") from None
    graph, weights = _graph(model, onnx)
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = threads
    options.log_severity_level = 3  # errors only: its notes on a graph it optimised are not the user's business
    values = {name: ort.OrtValue.ortvalue_from_numpy(array) for name, array in weights.items()}
    options.add_external_initializers(list(values), list(values.values()))
    session = ort.InferenceSession(graph.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return _running(session, (values, weights))


def _running(session: object, kept: tuple) -> LayersRun:
    """The session's run over one window, holding the arrays it reads its weights from (the model's own: not
    copied)."""
    def run(x: np.ndarray) -> np.ndarray:
        assert kept  # alive as long as the session runs
        return session.run(None, {"x": x})[0]
    return run


def _graph(model: E5Model, onnx) -> tuple[object, dict[str, np.ndarray]]:  # noqa: ANN001 - the onnx module
    """The layers as an ONNX graph whose large weights are external (named arrays, given to the session)."""
    helper, proto = onnx.helper, onnx.TensorProto
    hidden, heads = model.hidden, model.heads
    size = hidden // heads
    small: list = []
    weights: dict[str, np.ndarray] = {}
    nodes: list = []

    def const(name: str, array: np.ndarray) -> str:
        array = np.ascontiguousarray(array)
        if array.size > 1:
            weights[name] = array
            tensor = proto(name=name, data_type=proto.FLOAT, dims=list(array.shape), data_location=proto.EXTERNAL)
            for key, value in (("location", IN_MEMORY), ("offset", "0"), ("length", str(array.nbytes))):
                entry = tensor.external_data.add()
                entry.key, entry.value = key, value
            small.append(tensor)
        else:
            small.append(onnx.numpy_helper.from_array(array, name))
        return name

    def op(kind: str, inputs: list[str], out: str, **attributes: object) -> str:
        nodes.append(helper.make_node(kind, inputs, [out], **attributes))
        return out

    small += [onnx.numpy_helper.from_array(np.array(v, np.int64), n)
              for n, v in (("split", [0, heads, size]), ("join", [0, hidden]))]
    for name, value in (("scale", 1 / sqrt(size)), ("half", 0.5), ("one", 1.0), ("root_half", 1 / sqrt(2.0))):
        const(name, np.array(value, np.float32))
    x = "x"
    for n, layer in enumerate(model.layers):
        w, b, at = layer.w, layer.b, f"l{n}."

        def linear(inp: str, name: str) -> str:  # x @ w.T + b, w as the model keeps it: (out, in)
            return op("Gemm", [inp, const(f"{at}{name}.w", w[name]), const(f"{at}{name}.b", b[f"{name}.b"])],
                      f"{at}{name}", transB=1)

        def split(inp: str, perm: list[int]) -> str:
            return op("Transpose", [op("Reshape", [inp, "split"], f"{inp}.r")], f"{inp}.t", perm=perm)

        q, k, v = split(linear(x, "q"), [1, 0, 2]), split(linear(x, "k"), [1, 2, 0]), split(linear(x, "v"), [1, 0, 2])
        scores = op("Mul", [op("MatMul", [q, k], f"{at}qk"), "scale"], f"{at}scores")
        context = op("MatMul", [op("Softmax", [scores], f"{at}att", axis=-1), v], f"{at}ctx")
        context = op("Reshape", [op("Transpose", [context], f"{at}ctx.t", perm=[1, 0, 2]), "join"], f"{at}ctx.j")
        x = op("LayerNormalization", [op("Add", [x, linear(context, "ao")], f"{at}res1"),
                                      const(f"{at}aln.w", b["aln.w"]), const(f"{at}aln.b", b["aln.b"])],
               f"{at}aln", axis=-1, epsilon=model.eps)
        inner = linear(x, "fi")  # GELU with erf, as e5.c: 0.5 x (1 + erf(x / sqrt 2))
        erf = op("Erf", [op("Mul", [inner, "root_half"], f"{at}fi.s")], f"{at}fi.erf")
        gelu = op("Mul", [op("Mul", [inner, "half"], f"{at}fi.h"), op("Add", [erf, "one"], f"{at}fi.e1")],
                  f"{at}gelu")
        x = op("LayerNormalization", [op("Add", [x, linear(gelu, "fo")], f"{at}res2"),
                                      const(f"{at}oln.w", b["oln.w"]), const(f"{at}oln.b", b["oln.b"])],
               f"{at}oln", axis=-1, epsilon=model.eps)
    nodes.append(helper.make_node("Identity", [x], ["y"]))
    tokens = lambda name: helper.make_tensor_value_info(name, proto.FLOAT, ["tokens", hidden])  # noqa: E731
    graph = helper.make_graph(nodes, "e5-layers", [tokens("x")], [tokens("y")], small)
    built = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    built.ir_version = 8  # what every ONNX Runtime since 1.10 reads
    return built, weights
