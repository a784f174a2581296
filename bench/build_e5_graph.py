"""Write rules/packs/e5-layers.onnx: multilingual-e5-small's twelve post-LN BERT layers (bot/e5_model.token_states)
as an ONNX graph whose weights are external, named as bot/e5_onnx.layer_weights names them and handed to ONNX Runtime
at run time. Needs onnx (the test extra); the same model always gives the same bytes.

    python bench/build_e5_graph.py
"""

from __future__ import annotations

import sys
from math import sqrt
from pathlib import Path

import numpy as np
import onnx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kuulo.bot.e5_model import E5Model, read_model  # noqa: E402
from kuulo.bot.e5_onnx import GRAPH, NORMS, layer_weights  # noqa: E402

OPSET = 17  # LayerNormalization's first opset
IN_MEMORY = "kuulo-memory"  # the external data "file" every weight names: the session is handed them as arrays
OUT = Path(__file__).resolve().parent.parent / "rules" / "packs" / GRAPH


def graph(model: E5Model) -> onnx.ModelProto:
    """The layers as an ONNX model whose weights are external."""
    helper, proto = onnx.helper, onnx.TensorProto
    hidden, heads = model.hidden, model.heads
    size = hidden // heads
    tensors: list[onnx.TensorProto] = []
    for name, array in layer_weights(model).items():
        tensor = proto(name=name, data_type=proto.FLOAT, dims=list(array.shape), data_location=proto.EXTERNAL)
        for key, value in (("location", IN_MEMORY), ("offset", "0"), ("length", str(array.nbytes))):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, value
        tensors.append(tensor)
    tensors += [onnx.numpy_helper.from_array(np.array(v, np.int64), n)
                for n, v in (("split", [0, heads, size]), ("join", [0, hidden]))]
    tensors += [onnx.numpy_helper.from_array(np.array(v, np.float32), n)
                for n, v in (("scale", 1 / sqrt(size)), ("half", 0.5), ("one", 1.0), ("root_half", 1 / sqrt(2.0)))]
    nodes: list[onnx.NodeProto] = []

    def op(kind: str, inputs: list[str], out: str, **attributes: object) -> str:
        nodes.append(helper.make_node(kind, inputs, [out], **attributes))
        return out

    x = "x"
    for n in range(model.n_layers):
        at = f"l{n}."

        def linear(inp: str, name: str) -> str:  # x @ w.T + b, w as the model keeps it: (out, in)
            return op("Gemm", [inp, f"{at}{name}.w", f"{at}{name}.b"], f"{at}{name}", transB=1)

        def split(inp: str, perm: list[int]) -> str:
            return op("Transpose", [op("Reshape", [inp, "split"], f"{inp}.r")], f"{inp}.t", perm=perm)

        def norm(inp: str, which: str) -> str:
            return op("LayerNormalization", [inp, f"{at}{which}.w", f"{at}{which}.b"], f"{at}{which}", axis=-1,
                      epsilon=model.eps)

        q, k, v = split(linear(x, "q"), [1, 0, 2]), split(linear(x, "k"), [1, 2, 0]), split(linear(x, "v"), [1, 0, 2])
        scores = op("Mul", [op("MatMul", [q, k], f"{at}qk"), "scale"], f"{at}scores")
        context = op("MatMul", [op("Softmax", [scores], f"{at}att", axis=-1), v], f"{at}ctx")
        context = op("Reshape", [op("Transpose", [context], f"{at}ctx.t", perm=[1, 0, 2]), "join"], f"{at}ctx.j")
        x = norm(op("Add", [x, linear(context, "ao")], f"{at}res1"), NORMS[0])
        inner = linear(x, "fi")  # GELU with erf, as e5.c: 0.5 x (1 + erf(x / sqrt 2))
        erf = op("Erf", [op("Mul", [inner, "root_half"], f"{at}fi.s")], f"{at}fi.erf")
        gelu = op("Mul", [op("Mul", [inner, "half"], f"{at}fi.h"), op("Add", [erf, "one"], f"{at}fi.e1")],
                  f"{at}gelu")
        x = norm(op("Add", [x, linear(gelu, "fo")], f"{at}res2"), NORMS[1])
    nodes.append(helper.make_node("Identity", [x], ["y"]))
    tokens = lambda name: helper.make_tensor_value_info(name, proto.FLOAT, ["tokens", hidden])  # noqa: E731
    built = helper.make_model(helper.make_graph(nodes, "e5-layers", [tokens("x")], [tokens("y")], tensors),
                              opset_imports=[helper.make_opsetid("", OPSET)], producer_name="kuulo")
    built.ir_version = 8  # what every ONNX Runtime since 1.10 reads
    return built


def graph_file(model: E5Model) -> bytes:
    """The graph's bytes, the same for the same model."""
    return graph(model).SerializeToString(deterministic=True)


def main() -> None:
    data = graph_file(read_model())
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(OUT.parent.parent.parent)}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
