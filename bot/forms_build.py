"""The analyser's build step: brand words to forms and everyday readings, cached in a file beside the database.

pypykko (4-21 s and 1-1.7 GB to load) runs only here, in a child process (bot/forms_worker.py), when the cache is
missing, stale or corrupt; every other start reads the cache file in milliseconds. The cache is keyed by a hash of
the words asked about, the analyser's version and the forms our own generator makes of them, so a change of brands
(or of the generator) rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from kuulo.bot.errors import AnalyserError, ConfigError
from kuulo.bot.limits import FORMS_BUILD_TIMEOUT_S
from kuulo.rules.analysed import AnalysedForms
from kuulo.rules.finnish import surface_forms
from kuulo.rules.match import spellings
from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.specs import BrandSpec

CACHE_FORMAT = 4  # bump when the file's shape or the worker's rules change
CACHE_SUFFIX = ".forms.json"
EXCLUDE_MIN_LETTERS = 3  # an exclude word shorter than this (a, ja) is not worth inflecting


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: why it ran, what it asked and found, and what it cost."""

    path: str
    reason: str  # "missing", "stale: ...", "corrupt: ...", "asked"
    words: int
    extra_forms: int
    readings: int
    seconds: float
    peak_mb: float  # the child process's peak resident memory


def brand_words(brands: Iterable[BrandSpec]) -> tuple[list[str], list[str]]:
    """(words to inflect: each spelling of a name or alias, a phrase's last word, exclude words; words whose forms
    are read for everyday words: the names and aliases written as one word)."""
    out: dict[str, None] = {}
    read: dict[str, None] = {}
    for spec in brands:
        for term in (spec.name, *spec.aliases):
            for written in spellings(term):
                out.setdefault(written.split()[-1], None)
                if " " not in written:
                    read.setdefault(written, None)
        for phrase in spec.exclude:
            for word in TOKEN_RE.findall(phrase.lstrip("#")):
                if sum(c.isalpha() for c in word) >= EXCLUDE_MIN_LETTERS:
                    out.setdefault(word, None)
    return list(out), list(read)


def analyser_version(source: str) -> str:
    """"pypykko 0.3.0" without loading it; a ConfigError saying how to install it when it is missing."""
    try:
        return f"pypykko {metadata.version('pypykko')}"
    except metadata.PackageNotFoundError:
        raise ConfigError(f"{source}: matching.analyser: pypykko is not installed; "
                          "`pip install pypykko kfst-rs`, or set analyser: none") from None


def cache_key(words: tuple[list[str], list[str]], version: str) -> str:
    """A hash of the words, the analyser's version and our generator's forms of them."""
    ours = [sorted(surface_forms(w)) for w in words[0] + words[1]]
    blob = json.dumps([CACHE_FORMAT, version, words, ours], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def cache_path(database: str) -> Path | None:
    """The cache file beside the database (kuulo.db -> kuulo.db.forms.json); None for an in-memory database."""
    return None if database == ":memory:" else Path(database + CACHE_SUFFIX)


def read_cache(path: Path, key: str) -> tuple[AnalysedForms | None, str]:
    """(the cached data, "") when the file is current, else (None, why: missing, stale or corrupt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "missing"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, f"corrupt: {type(exc).__name__}: {exc}"
    problem = _shape_problem(data)
    if problem:
        return None, f"corrupt: {problem}"
    if data["format"] != CACHE_FORMAT or data["key"] != key:
        return None, "stale: the brands, the analyser or the generator changed"
    return AnalysedForms({w: tuple(f) for w, f in data["forms"].items()}, dict(data["readings"])), ""


def _shape_problem(data: Any) -> str:
    """What is wrong with a cache file's JSON, or ""."""
    if not isinstance(data, dict) or not isinstance(data.get("format"), int) or not isinstance(data.get("key"), str):
        return "not a Kuulo forms cache (no format and key)"
    forms, readings = data.get("forms"), data.get("readings")
    if not isinstance(forms, dict) or not all(isinstance(v, list) and all(isinstance(f, str) for f in v)
                                              for v in forms.values()):
        return "'forms' is not a mapping of word to a list of forms"
    if not isinstance(readings, dict) or not all(isinstance(v, str) for v in readings.values()):
        return "'readings' is not a mapping of form to a reading"
    return ""


def run_worker(words: tuple[list[str], list[str]]) -> tuple[dict[str, Any], float, float]:
    """The worker's answer for the words, its wall time in seconds and its peak memory in MB."""
    started = time.perf_counter()
    try:
        request = json.dumps({"words": words[0], "read": words[1]})
        done = subprocess.run([sys.executable, "-m", "kuulo.bot.forms_worker"], input=request, capture_output=True,
                              text=True, encoding="utf-8", timeout=FORMS_BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise AnalyserError(f"the pypykko build did not finish in {FORMS_BUILD_TIMEOUT_S} s") from None
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise AnalyserError(f"the pypykko build failed (exit {done.returncode}): {last}")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise AnalyserError("the pypykko build wrote no JSON answer") from None
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return answer, seconds, peak_mb


def build(brands: Sequence[BrandSpec], path: Path | None, source: str,
          reason: str = "asked") -> tuple[AnalysedForms, BuildReport]:
    """Run the analyser on the brands' words, write the cache (atomically) and return its data and a report."""
    words = brand_words(brands)
    version = analyser_version(source)
    answer, seconds, peak_mb = run_worker(words)
    data = {"format": CACHE_FORMAT, "key": cache_key(words, version), "analyser": answer.get("analyser", version),
            "built_seconds": round(seconds, 2), "words": words[0], "read": words[1], "forms": answer["forms"],
            "readings": answer["readings"]}
    if _shape_problem(data):
        raise AnalyserError(f"the pypykko build answered in an unexpected shape: {_shape_problem(data)}")
    if path is not None:
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        os.replace(tmp, path)
    forms = AnalysedForms({w: tuple(f) for w, f in data["forms"].items()}, dict(data["readings"]))
    extra = sum(len(f) for f in forms.forms.values())
    return forms, BuildReport(str(path or "(in memory)"), reason, len(words[0]), extra, len(forms.readings), seconds,
                              peak_mb)


def analysed_forms(brands: Sequence[BrandSpec], analyser: str, database: str, source: str,
                   say: Callable[[str], None] | None = None) -> AnalysedForms | None:
    """The analyser's data for a config: None when it asks for none, else the cache, built first when needed."""
    if analyser == "none" or not brands:
        return None
    words = brand_words(brands)
    path = cache_path(database)
    reason = "missing"
    if path is not None:
        cached, reason = read_cache(path, cache_key(words, analyser_version(source)))
        if cached is not None:
            return cached
    if say is not None:
        say(f"kuulo: building Finnish brand forms with pypykko ({len(words[0])} words; cache {path or '(none)'}: "
            f"{reason}); this takes a few seconds once")
    forms, report = build(brands, path, source, reason)
    if say is not None:
        say(f"kuulo: {describe(report)}")
    return forms


def describe(report: BuildReport) -> str:
    """One line about a build: words, forms added, everyday readings, time, memory, file."""
    return (f"analysed {report.words} words with pypykko in {report.seconds:.1f} s (peak {report.peak_mb:.0f} MB): "
            f"{report.extra_forms} forms the generator lacked, {report.readings} forms with an everyday reading; "
            f"cache {report.path}")
