"""The engine end to end: banking categories, reply need, priority, language, suggestions, JSON."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from kuulo.rules.templates import fill
from kuulo.rules.tone_model import without_sentences
from tests.rules_support import shipped

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


PACKS = [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")]
BRANDS = (BrandSpec("Nordea"), BrandSpec("OP"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, PACKS, {})


@pytest.mark.parametrize("text, category, domain_word, negative_word", [
    ("Nordean asiakaspalvelu oli tyly ja ylimielinen", "asiakaspalvelu", "asiakaspalvelu", "tyly"),
    ("Jonotin Nordean puhelinjonossa tunnin, ärsyttää", "palvelun_nopeus", "puhelinjonossa", "ärsyttää"),
    ("Nordean verkkopankki ei toimi taas", "verkkopankki", "verkkopankki", "ei toimi"),
    ("Nordean sovellus kaatuu kirjautuessa", "verkkopankki", "sovellus", "kaatuu"),
    ("Nordea lakkautti lähikonttorin, surkeaa", "konttoriverkosto", "lähikonttorin", "surkeaa"),
    ("OP:n kortti hylättiin kaupassa, huono juttu", "pankkikortit", "kortti", "hylättiin"),
])
def test_banking_categories(engine: Engine, text: str, category: str, domain_word: str, negative_word: str) -> None:
    verdict = engine.evaluate(text, platform="x", author="matti")
    assert category in verdict.categories
    assert domain_word in verdict.category_terms
    assert negative_word in verdict.category_terms
    assert verdict.priority == "high"
    assert verdict.suggestions[0].template == f"{category}.fi.0"


def test_category_needs_a_negative_word_of_its_own_pack(engine: Engine) -> None:
    no_negative = engine.evaluate("Nordean verkkopankki toimii hyvin")
    other_pack = engine.evaluate("Nordean verkkopankki on inhottava")  # 'inho*' is in sentiment-fi only
    assert no_negative.categories == () and not no_negative.negative
    assert other_pack.negative and other_pack.categories == ()


def test_category_terms_in_text_order(engine: Engine) -> None:
    verdict = engine.evaluate("Jonotin Nordean puhelinjonossa tunnin, ärsyttää")
    assert verdict.category_terms == ("jonotin", "puhelinjonossa", "tunnin", "ärsyttää")


@pytest.mark.parametrize("open_for, text, needs", [
    ("needs_reply", "Miksi Nordea ei vastaa", True),
    ("needs_reply", "Nordea on surkea", True),
    ("needs_reply", "Kävin Nordeassa", False),
    ("needs_reply", "Miksi sovellus kaatuu?", False),  # no brand
    ("questions", "Miksi Nordea ei vastaa", True),
    ("questions", "Nordea on surkea", False),
    ("all", "Kävin Nordeassa", True),
    ("all", "Kävin kaupassa", False),
])
def test_needs_reply_by_open_for(open_for, text: str, needs: bool) -> None:
    assert Engine(BRANDS, PACKS, {}, open_for=open_for).evaluate(text).needs_reply is needs


@pytest.mark.parametrize("text, priority", [
    ("Miksi Nordean palvelu on niin huono?", "high"),  # question and negative
    ("Nordean verkkopankki ei toimi", "high"),  # a category
    ("Milloin Nordea aukeaa?", "normal"),
    ("Nordea on surkea", "normal"),
    ("Kävin Nordeassa", "low"),
])
def test_priority(engine: Engine, text: str, priority: str) -> None:
    assert engine.evaluate(text).priority == priority


@pytest.mark.parametrize("text, lang, expected", [
    ("Why is the Nordea app not working again?", None, "en"),
    ("Miksi Nordean sovellus ei toimi?", None, "fi"),
    ("Nordea", None, "fi"),
    ("Why is the Nordea app not working again?", "fi", "fi"),
    ("Miksi Nordean sovellus ei toimi?", "en-GB", "en"),
])
def test_language(engine: Engine, text: str, lang: str | None, expected: str) -> None:
    assert engine.evaluate(text, lang=lang).lang == expected


def test_suggestions_filled_in_the_post_language(engine: Engine) -> None:
    fi = engine.evaluate("Miksi Nordean verkkopankki ei toimi?", platform="x", author="@matti")
    en = engine.evaluate("Why is the Nordea app not working again?", platform="x", author="@mary")
    assert [s.template for s in fi.suggestions] == ["verkkopankki.fi.0", "negative.fi.0", "question.fi.0"]
    assert fi.suggestions[0].text.startswith("Hei matti, pahoittelemme verkkopankin")  # the @ goes: no mention
    assert fi.suggestions[0].text.endswith("T. Nordea")
    assert [s.template for s in en.suggestions] == ["negative.en.0", "question.en.0", "default.en.0"]
    assert en.suggestions[1].text == "Hi mary, good question! We'll find out and get back to you as soon as we can. – Nordea"
    for s in fi.suggestions + en.suggestions:
        assert "{" not in s.text


@pytest.mark.parametrize("text, first", [
    ("OP's app crashes every time I try to pay a bill. Please fix it @OPryhma 🙄", "negative.en.0"),  # not "good question!"
    ("Does Nordea's app support Apple Pay?", "question.en.0"),
    ("Love the new Nordea app! Does it support Apple Pay?", "question.en.0"),  # the question before the thanks
    ("Onko vain mulla vai onko Nordean mobiilisovellus ihan rikki? 😡", "negative.fi.0"),
])
def test_a_complaint_that_asks_is_met_with_an_apology_first(engine: Engine, text: str, first: str) -> None:
    verdict = engine.evaluate(text, author="a")
    assert [s.template for s in verdict.suggestions if s.template.startswith(("negative.", "question.", "praise."))][
        0] == first  # after a category's own template, if one matched


def test_praise_and_default(engine: Engine) -> None:
    verdict = engine.evaluate("Kiitos Nordea, hyvää palvelua!", author="liisa")
    assert [s.template for s in verdict.suggestions] == ["praise.fi.0", "default.fi.0", "praise.fi.1"]


def test_no_brand_no_suggestions(engine: Engine) -> None:
    assert engine.evaluate("Miksi sovellus kaatuu?").suggestions == ()


def test_language_fallback_and_config_override() -> None:
    templates = {"question": {"fi": ["Oma vastaus {author}: {category}"]}, "kampanja": {"en": ["x"]}}
    engine = Engine(BRANDS, PACKS, templates)
    fi = engine.evaluate("Onko Nordealla konttori Oulussa?", author="matti")
    assert fi.suggestions[0].template == "question.fi.0"
    assert fi.suggestions[0].text == "Oma vastaus matti: "
    en = engine.evaluate("Does Nordea have a branch in Oulu?", author="mary")
    assert en.suggestions[0].template == "question.en.0"  # the config replaced fi only
    only_fi = Engine(BRANDS, [], {"default": {"fi": ["Hei {author}"]}})
    assert [(s.template, s.text) for s in only_fi.evaluate("Why Nordea", author="mary").suggestions] == [
        ("default.fi.0", "Hei mary")]


def test_category_variable_is_the_label() -> None:
    engine = Engine(BRANDS, PACKS, {"palvelun_nopeus": {"fi": ["Aihe: {category} / {platform} / {brand}"]}})
    verdict = engine.evaluate("Jonotin Nordeassa tunnin, ärsyttää", platform="mastodon")
    assert verdict.suggestions[0].text == "Aihe: palvelun nopeus / mastodon / Nordea"


def test_safe_substitution() -> None:
    templates = {"default": {"fi": ["Hei {author}! {0.__class__} {x} {brand} {{author}}"]}}
    engine = Engine(BRANDS, [], templates)
    verdict = engine.evaluate("Nordea {0.__class__} {brand}", author="{brand}", platform="x")
    assert verdict.suggestions[0].text == "Hei {brand}! {0.__class__} {x} Nordea {{brand}}"
    assert fill("{platform}{author}{category}", {"author": "{platform}", "platform": "x", "category": ""}) == "x{platform}"


def test_over_limit_on_x() -> None:
    long = "Hei {author}! " + "a" * 300
    engine = Engine(BRANDS, [], {"default": {"fi": [long, "lyhyt"]}})
    on_x = engine.evaluate("Nordea", platform="x", author="matti").suggestions
    assert [(s.limit, s.over_limit) for s in on_x] == [(280, True), (280, False)]
    elsewhere = engine.evaluate("Nordea", platform="instagram").suggestions
    assert [(s.limit, s.over_limit) for s in elsewhere] == [(2200, False), (2200, False)]
    unknown = engine.evaluate("Nordea", platform="forum").suggestions
    assert [(s.limit, s.over_limit) for s in unknown] == [(None, False), (None, False)]


def test_to_json_field_names(engine: Engine) -> None:
    data = engine.evaluate("Miksi Nordean verkkopankki ei toimi?", platform="x", author="matti").to_json("p1")
    assert list(data) == ["id", "brands", "is_question", "negative", "categories", "needs_reply", "priority", "lang",
                          "praise", "suggestions"]
    assert (data["lang"], data["praise"]) == ("fi", False)
    assert data["id"] == "p1"
    assert data["brands"] == [{"brand": "Nordea", "term": "Nordea", "form": "Nordean", "how": "inflected", "score": 100.0}]
    assert (data["is_question"], data["negative"], data["categories"]) == (True, True, ["verkkopankki"])
    assert list(data["suggestions"][0]) == ["template", "text", "limit", "over_limit"]
    assert data["suggestions"][0]["limit"] == 280


def test_rules_stay_pure() -> None:
    forbidden = re.compile(r"\b(open\(|import (os|io|sqlite3|sqlite_utils|time|datetime|socket|requests)\b|"
                           r"from (os|io|sqlite3|sqlite_utils|time|datetime|pathlib|importlib)\b|datetime\.now)")
    offenders = [p.name for p in RULES_DIR.glob("*.py") if forbidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_an_engine_with_other_models_judges_as_one_built_with_them() -> None:
    # Engine.with_models lends a built engine's tables to another tone model (bench/score_matching.build_engine)
    texts = ["Soitin Nordeaan kolme kertaa eikä kukaan osannut auttaa",  # the model's say: negative
             "Shout out to Nordea customer service, they sorted my card issue in 10 minutes! 👏",
             "OP:n sovellus taas jumissa koko aamun", "Nordea why does the app log me out every five minutes"]
    model = without_sentences(builtin_tone_model())
    rules_only = Engine(BRANDS, PACKS, {})
    twin = rules_only.with_models(model, None)
    assert [twin.evaluate(t) for t in texts] == [Engine(BRANDS, PACKS, {}, tone_model=model).evaluate(t) for t in texts]
    alone = [rules_only.evaluate(t) for t in texts]
    assert rules_only.tone_model is None and alone == [Engine(BRANDS, PACKS, {}).evaluate(t) for t in texts]
    assert not alone[0].negative and twin.evaluate(texts[0]).negative  # the two differ where the model has its say
