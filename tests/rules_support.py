"""The shipped rule packs, as the rules tests build their engines from them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType
from dataclasses import dataclass, field
from typing import Callable, Sequence

import pytest
import yaml

from kuulo.bot.encoder import DIMS, ENCODER
from kuulo.bot.errors import ConfigError
from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import BrandSpec, Pack
from kuulo.rules.verdict import Verdict
from tests.processes import KUULO

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def shipped(name: str) -> Pack:
    """One pack of rules/packs, parsed as Kuulo loads it."""
    text = (resources.files("kuulo.rules") / "packs" / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_pack(yaml.safe_load(text), f"{name}.yaml")


# Rows of the phenomena tables whose rules' answer the shipped tone model overrules (its probability in the comment, at
# the retraining of 2026-11-30 03:22 UTC on 9,490 posts with the vote shares silent 0.5, praised 1.5): the rules'
# mechanism is still held by the "rules" run; the "rules+model" run is expected to fail (strict), so a retraining that
# agrees again shows here and the row leaves this list (each retraining moves a few: 03:10 had two others).
MODEL_OVERRULES = frozenset({
    "Gigantin kassalla jäi hetki aikaa jutella",  # model 0.45: 'jäi' +0.96, 'kassa*' +0.50
    # the sentence prior decides a regret negative beside a bill (+4.30, 2026-12-07), as it did the development set's
    # fi-2732 out of batch: the rules' excuse is set aside
    "Vaihdoin Gigantin liittymään ja lasku puolittui. Miks en tehny tätä aiemmin",
    # the model of 10,390 posts (batch 16 joined, 2026-11-30 06:25; its English threshold 0.28, Finnish 0.44):
    # ("Took 2 weeks but the Gigantti repair is spotless" was overruled here; the fine-tuned encoder's model agrees again)
    # the model and word-piece tables of 2026-11-30 08:10, the Finnish prior among them (its threshold 0.42):
    # ("Motonetin kassalla ei mitään jonoa, nopeeta" was overruled here; the model of 25,687 posts agrees again)
    # the model with the sentence prior (2026-11-30 11:05; thresholds en 0.18, fi 0.30) overruled "The Alepa cashier
    # was rude to my mother"; the model of 14,887 posts (batch 21 joined, 19:30) agrees with it again
    # the sentence heads with a hidden layer (2026-11-30 13:50) overruled "Motonet mechanic scratched the rim" on
    # 12,187 posts; the model of 13,087 (batch 19 joined, 14:25), which agrees again with "Ordered from Gigantti",
    # "They replaced my chipped bowl" and "The queue was too long", overrules three rows the model of 13:50 kept:
    # ("Motonet mechanic scratched the rim" was overruled here; the model of 22,087 posts agrees again)
    # the model of 13,987 posts (batch 20 joined, 16:55), which agrees again with "Ihanko oikeesti Motonet", "Kuva
    # on vinossa" and "Myyjä soitti", overrules five rows the model of 14:25 kept:
    # ("Ei ollu kyllä kovin kummonen kokemus" was overruled here; the model of 24,787 posts agrees again)
    # ("They replaced my chipped bowl the same week" was overruled here; the model of 22,087 posts agrees again)
    "The queue was too long but the staff were lovely",  # model 0.40 beside a brand: 'the queue' +0.97
    # the model of 15,787 posts (batch 22 joined, 2026-11-30 23:00) overruled "Hinnat ovat samat kuin viime vuonna";
    # the model of 17,587 posts (batch 24 joined, 2026-12-01 01:30) agrees with it again
    # the model of 16,687 posts (batch 23 joined, 2026-12-01 00:45), which agrees again with "Teacher had no answer to
    # that one" (overruled at 16:55), overrules three rows every model since 19:30 kept:
    # ("Ihanko oikeesti Motonet vaatii paperisen kuitin" was overruled here; the model of 19,387 posts agrees again)
    # ("The Alepa cashier was rude to my mother" was overruled here; the fine-tuned encoder's model agrees again)
    # the model of 17,587 posts (batch 24 joined, 01:30), which agreed again with "Motonet irtisanoo sopimuksen",
    # overruled "Kuva on vinossa. Ennen laatu oli parempaa."; the model of 18,487 posts (batch 25 joined, 04:10)
    # agrees with it again and overrules the other once more:
    # ("Motonet irtisanoo sopimuksen automaattisesti vuoden päästä" was overruled here; the model of 25,687 posts
    # agrees again)
    # the model of 19,387 posts (batch 26 joined, 2026-12-01 06:40; its English threshold chosen lower, P 0.857
    # R 0.889 out of batch), which agrees again with "Ihanko oikeesti Motonet", overrules three neutral rows:
    # ("Hinnat ovat samat kuin viime vuonna" was overruled here; the model of 22,987 posts agrees again)
    # the model of 20,287 posts (batch 27 joined, 2026-12-01 08:54), which agrees again with "I was peeling an
    # orange and listening to a podcast", overruled "Myyjä soitti ja myi mulle liittymän jota en tarvinnu"; the model
    # of 21,187 posts (batch 28 joined, 2026-12-01 11:50; thresholds en 0.28, fi 0.28), which agrees again with it,
    # "Ordered from Gigantti on the 3rd" and "The new Motonet car wash is silent", overrules three negative rows:
    # ("The Alepa cashier was angry at my kid for no rea" was overruled here; the fine-tuned encoder's model agrees again)
    # ("Kuva on vinossa. Ennen laatu oli parempaa." was overruled here; the fine-tuned encoder's model agrees again)
    # ("Ihanko oikeesti Motonet vaatii paperisen kuitin" was overruled here; the model of 22,087 posts agrees again)
    # the model of 21,187 posts without the English word-piece prior (2026-12-01 15:05; thresholds en 0.26, fi 0.28)
    # overrules three neutral English rows the English pieces had kept below the threshold:
    # ("Haul from Gigantti: a new kettle and way too muc" was overruled here; the fine-tuned encoder's model agrees again)
    "Teacher had no answer to that one, we laughed for ten minutes lol",  # model 0.33: 'not answer*' +1.05
    # ("The new Motonet car wash is silent, weirdly satisfying" was overruled here; the model of 22,987 posts agrees)
    # the model of 22,087 posts (batch 29 joined, 2026-12-01 16:00; thresholds en 0.22, fi 0.24), which agrees again
    # with the three rows noted above, overrules a neutral row the models since 08:54 kept:
    # ("I was peeling an orange and listening to a podcast" was overruled here; the model of 22,987 posts agrees)
    # the model of 22,987 posts (batch 30 joined, 2026-12-01 20:20; thresholds en 0.26, fi 0.32, both chosen higher),
    # which agrees again with the three rows noted above, overrules three negative rows:
    # ("Myyjä soitti ja myi mulle liittymän jota en tarvinnu" was overruled here; the model of 24,787 posts agrees)
    # ("Motonet mechanic scratched the rim and didn't ev" was overruled here; the fine-tuned encoder's model agrees again)
    # ("Ihanko oikeesti Motonet vaatii paperisen kuitin" was overruled here; the model of 27,487 posts agrees again)
    # the models retrained with the English sentence head weighed 1.5 (2026-12-01 22:50; thresholds en 0.26, fi
    # 0.32) overrule an English row of each side, the head deciding both:
    # ("Peeling paint all over the bench we bought" was overruled here; the model of 23,887 posts agrees again)
    # ("The new Motonet car wash is silent, weirdly satisfying" was overruled here; the model of 25,687 posts agrees)
    # the model of 23,887 posts (batch 31 joined, 2026-12-02 01:34; its English threshold chosen lower, 0.26 to
    # 0.18), which agrees again with the row noted above, overrules two neutral English rows:
    # ("They replaced my chipped bowl the same week" was overruled here; the fine-tuned encoder's model agrees again)
    # ("Ordered from Gigantti on the 3rd, delivery next week" was overruled here; the model of 24,787 posts agrees)
    # the model of 24,787 posts (batch 32 joined, 2026-12-02 06:15; thresholds en 0.18, fi 0.28), which agrees again
    # with the three rows noted above, overrules a negative English row once more:
    # ("Peeling paint all over the bench we bought" was overruled here; the fine-tuned encoder's model agrees again)
    # the model of 25,687 posts (batch 33 joined, 2026-12-02 08:55; thresholds en 0.28, fi 0.32, both chosen higher),
    # which agrees again with the three Motonet rows noted above, overrules two negative Finnish rows once more:
    # ("Ei ollu kyllä kovin kummonen kokemus" was overruled here; the model of 26,587 posts agrees again)
    # ("Myyjä soitti ja myi mulle liittymän jota en tarvinnu" was overruled here; the model of 26,587 posts agrees)
    # the fine-tuned tone encoder in place of the frozen head (2026-12-02 15:34, the model of 25,687 posts), which agrees
    # again with the eight rows noted above, overrules four rows (the Elisa row: a question only if it complains):
    "I was peeling an orange and listening to a podcast",  # model 0.67: sentence +1.60 (decide it)
    # ("Itsepalvelukassalla pitää aina odottaa että joku tulee" was overruled here; the model of 27,487 posts agrees)
    "Alepan oma jogurtti maistuu samalta kuin merkkituote",  # model 0.48: sentence +2.06 (decide it)
    # ("Elisa closes its shop at 16 on weekdays?? wild" was overruled here; the model of 28,627 posts with every post labelled twice agrees again)
    # the sentence prior's say on a post whose negative words the rules excused (tone_model.EXCUSE_OVERRULED_AT,
    # 2026-12-04: out of batch +0.003 / +0.002, 55 development posts called negative, 6 wrongly) overrules a negated
    # negative; the rules' negation is still held by the "rules" run:
    "Vaihdoin Alepaan ja säästän 20 e kuussa, ei enää palvelumaksuja",  # model sentence +3.13 (decide it)
    # the model of 26,587 posts (batch 34 joined, 2026-12-04 06:35; its sentence log-odds by the shipped encoder,
    # --extend), which agrees again with the two Finnish rows noted above, overrules a row of each side:
    # ("Alepa ilman jonoa, ilman hälinää. Upeaa." was overruled here; the model without the word pieces agrees again)
    # ("Motonet mechanic scratched the rim and didn't even apologise" was overruled here; the model of 28,627 posts
    # with batches 34-35's labels adjudicated agrees again)
    # the model of 27,487 posts (batch 35 joined, 2026-12-04 08:25; its Finnish threshold chosen lower, P 0.864
    # R 0.908 out of batch), which agrees again with the two Finnish rows noted above, overrules three neutral ones:
    # ("Gigantissa kaikki kassat auki ja nopeeta" was overruled here; the model without the word pieces agrees again)
    # ("Motonetin kassalla ei mitään jonoa, nopeeta" was overruled here; the model of 28,387 posts agrees again)
    # ("Motonet irtisanoo sopimuksen automaattisesti vuoden päästä" was overruled here; the model without the word
    # pieces agrees again)
    # the model of 28,387 posts (batch 36 joined, 2026-12-04 21:00; out of batch fi P 0.877 R 0.906), which agrees
    # again with the row noted above, overrules two negative Finnish rows once more:
    # ("Itsepalvelukassalla pitää aina odottaa että joku tulee" was overruled here; the model of 28,627 posts with every post labelled twice agrees again)
    # ("Ihanko oikeesti Motonet vaatii paperisen kuitin" was overruled here; the model of 28,627 posts with every post labelled twice agrees again)
    # the model of 28,627 posts (batch 37 joined, batches 34-35's disagreements adjudicated, 2026-12-05 18:05; out
    # of batch fi P 0.877 R 0.911) overrules a neutral English row and the two Finnish rows above once more:
    # ("Myyjä soitti ja myi mulle liittymän jota en tarvinnu" was overruled at batch 37's join; this model agrees)
    # ("Gigantti staff raised 900 € for the children's hospital" was overruled here; the words model of 40,000 weights
    # agrees again)
    # the model of 28,627 posts refitted without the Finnish word-piece prior, on the earlier batches' labels settled by
    # a third annotator (2026-12-05; thresholds en 0.22, fi 0.40; out of batch fi P 0.895 R 0.895, en P 0.899
    # R 0.900), which agrees again with the three Finnish rows noted above, overrules a negative English row once more
    # (English posts never had the pieces: the relabelled posts' weights and threshold move it):
    "Motonet mechanic scratched the rim and didn't even apologise",  # model 0.16: sentence -1.91 (decide it)
    # the model of 28,627 posts with every post labelled twice (2026-12-05 22:40; 219 labels moved by a majority of
    # three; thresholds en 0.18, fi 0.30; out of batch fi P 0.889 R 0.898, en P 0.901 R 0.899), which agrees again
    # with the three rows noted above, overrules a praising Finnish row once more:
    # ("Alepa ilman jonoa, ilman hälinää. Upeaa." was overruled here; the words model of 40,000 weights agrees again)
    # the words model of 40,000 weights (bench/train_tone.KEEP, 2026-12-06 02:35; out of batch fi P 0.894 R 0.901, en
    # P 0.902 R 0.899), which agrees again with the two rows noted above, overrules a negative Finnish row and the
    # Elisa row once more:
    # ("Itsepalvelukassalla pitää aina odottaa että joku tulee" was overruled here; the model of 29,587 posts agrees)
    # ("Elisa closes its shop at 16 on weekdays?? wild" was overruled here; the model with the neighbours vote agrees)
    # the model of 29,587 posts (batch 41 joined, 2026-12-07 00:40; thresholds en 0.22, fi 0.30, the Finnish one chosen
    # lower again on a flat plateau; out of batch fi P 0.882 R 0.907, en P 0.900 R 0.898), which agrees again with the
    # negative Finnish row noted above, overrules the praising Finnish row once more:
    # ("Alepa ilman jonoa, ilman hälinää. Upeaa." was overruled here; the model with the neighbours vote agrees:
    # 2026-12-07, thresholds en 0.12, fi 0.32, out of batch fi P 0.901 R 0.901, en P 0.896 R 0.909)
    # the same model overruled the rules' tone of the Fazer best-before row too (model 0.02: sentence -3.32), but its
    # 😳 kept the '??' from being the rules' one negative sign; with 😳 no negative word (2026-12-07, s68) the '??'
    # stands alone, and a '??' the model calls no complaint reads as surprise: no question with the model
    "Fazerin suklaarasiassa parasta ennen 2019?? 😳",
    # the model of 29,827 posts (batch 42 joined, 2026-12-07 08:05; out of batch fi P 0.893 R 0.909, en P 0.898
    # R 0.906) overrules the two rows the neighbours vote's model agreed with once more:
    "Alepa ilman jonoa, ilman hälinää. Upeaa.",  # model 0.26: neighbours -0.75, sentence +2.38 (decide it)
    "Elisa closes its shop at 16 on weekdays?? wild",  # model 0.00: sentence -6.21 (decide it); a question if it
    # complains
})


def expect_model(request: pytest.FixtureRequest, engine: Engine, text: str) -> None:
    """Mark a table row the shipped model overrules (MODEL_OVERRULES) as an expected failure of the rules+model run."""
    if engine.tone_model is not None and text in MODEL_OVERRULES:
        request.applymarker(pytest.mark.xfail(strict=True, reason="the shipped tone model overrules this row"))


def tone_row(request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool,
             lang: str | None = None) -> Verdict:
    """A tone table's row: the post is negative as the row says (an expected failure where the model overrules it)."""
    expect_model(request, engine, text)
    verdict = engine.evaluate(text, lang=lang)
    assert verdict.negative is negative, (verdict.negative_terms, verdict.notes)
    return verdict


def sentiment_engine(brands: tuple[BrandSpec, ...]) -> Engine:
    """The rules alone with the shipped sentiment packs and these brands, as the brand-reading tables run them."""
    return Engine(brands, [shipped("sentiment-fi"), shipped("sentiment-en")], {})


def config_error(parse: Callable[[object, str], object], data: object, source: str) -> str:
    """The ConfigError a parser of packaged data raises on this data (fails when it raises none)."""
    with pytest.raises(ConfigError) as err:
        parse(data, source)
    return str(err.value)


def brands_found(engine: Engine, text: str, lang: str) -> set[str]:
    """The names of the brands the engine finds in a post of this language."""
    return {m.brand for m in engine.evaluate(text, lang=lang).brands}


def table_engine(mode: str, *brands: str) -> Engine:
    """The engine the phenomena tables run on: the shipped packs, these brands, and (mode "rules+model") the shipped
    tone model as Kuulo runs it, or (mode "rules") the rules alone."""
    packs = [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")]
    model = builtin_tone_model() if mode == "rules+model" else None
    return Engine(tuple(BrandSpec(name) for name in brands), packs, {}, tone_model=model)


def table_engines(*brands: str) -> Callable[[pytest.FixtureRequest], Engine]:
    """A table module's `engine` fixture: table_engine of these brands, the rules alone and rules+model."""
    # each table holds for both: what the rules do, and what Kuulo shows with the model's say
    @pytest.fixture(scope="module", params=["rules", "rules+model"])
    def engine(request: pytest.FixtureRequest) -> Engine:
        return table_engine(request.param, *brands)

    return engine


def bench_module(name: str) -> ModuleType:
    """A bench/ script as a module (score_matching and train_tone first: the others import them by name)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    for module_name in dict.fromkeys(("score_matching", "train_tone", name)):
        if module_name not in sys.modules:
            spec = importlib.util.spec_from_file_location(module_name, BENCH / f"{module_name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module  # its dataclass looks itself up there
            spec.loader.exec_module(module)
    return sys.modules[name]


def explained_tone(text: str, lang: str, cwd: Path) -> str:
    """The "negative:" line `kuulo explain --lang LANG TEXT` prints (no config: the embedded default's engine)."""
    result = subprocess.run([KUULO, "explain", "--lang", lang, text], cwd=cwd, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.strip().startswith("negative:"))


@dataclass
class FixedEncoder:
    """An encoder that gives every text one vector of `value`s and keeps the texts it is asked for."""

    value: float = 0.0
    name: str = ENCODER
    dims: int = DIMS
    asked: list[str] = field(default_factory=list)

    def embed(self, text: str) -> Sequence[float]:
        """`dims` numbers, each `value`."""
        self.asked.append(text)
        return [self.value] * self.dims
