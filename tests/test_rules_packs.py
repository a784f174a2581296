"""Rule packs: the closed schema with pinned error texts, and the packs shipped as package data."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from kuulo.bot.errors import ConfigError
from kuulo.rules.packs import parse_pack
from kuulo.rules.specs import CategorySpec, Pack

SHIPPED = ("banking-fi", "sentiment-fi", "sentiment-en")
BANKING_CATEGORIES = ("asiakaspalvelu", "palvelun_nopeus", "verkkopankki", "konttoriverkosto", "pankkikortit")


def pack_text(name: str) -> str:
    return (resources.files("kuulo.rules") / "packs" / f"{name}.yaml").read_text(encoding="utf-8")


def test_parse_minimal_and_full() -> None:
    assert parse_pack({"name": "tiny"}, "tiny.yaml") == Pack("tiny")
    pack = parse_pack({
        "name": "mini-fi",
        "negative": ["huono*", "ei toimi"],
        "positive": ["kiitos"],
        "categories": {"kortit": {"words": ["*kortti*"], "templates": {"fi": ["Hei {author}"]}}},
        "templates": {"question": {"fi": ["Hei?"], "en": ["Hi?"]}},
    }, "mini-fi.yaml")
    assert pack.negative == ("huono*", "ei toimi")
    assert pack.categories == (CategorySpec("kortit", "kortit", ("*kortti*",), {"fi": ("Hei {author}",)}),)
    assert pack.templates == {"question": {"fi": ("Hei?",), "en": ("Hi?",)}}


@pytest.mark.parametrize("data, message", [
    ({"name": "banking-fi", "categories": {"verkkopankki": {"words": ["x"], "wrods": ["y"]}}},
     "banking-fi.yaml categories.verkkopankki.wrods: unknown key; did you mean 'words'? "
     "allowed keys: label, words, templates"),
    ({"name": "banking-fi", "negatve": []},
     "banking-fi.yaml negatve: unknown key; did you mean 'negative'? "
     "allowed keys: name, negative, positive, categories, templates"),
    ({"name": "banking-fi", "categories": {"verkkopankki": {"words": 3}}},
     "banking-fi.yaml categories.verkkopankki.words: expected a list of words, got a number"),
    ({"name": "banking-fi", "negative": "huono*"},
     "banking-fi.yaml negative: expected a list of words, got a string"),
    ({"name": "banking-fi", "positive": ["kiitos", 5]},
     "banking-fi.yaml positive[1]: expected a non-empty string, got a number"),
    ({"name": "banking-fi", "negative": ["huo*no"]},
     "banking-fi.yaml negative[0]: expected a word, 'stem*' or '*part*' ('*' only at the start and end), got 'huo*no'"),
    ({"name": "banking-fi", "negative": ["*huono"]},
     "banking-fi.yaml negative[0]: expected a word, 'stem*' or '*part*' (a leading '*' needs a trailing one), "
     "got '*huono'"),
    ({"negative": []}, "banking-fi.yaml name: required key is missing (e.g. name: banking-fi)"),
    ({"name": 7}, "banking-fi.yaml name: expected a pack name of lower-case letters, digits, - and _, got a number"),
    ({"name": "banking-fi", "categories": {"kortit": {"label": "kortit"}}},
     "banking-fi.yaml categories.kortit.words: required key is missing (the category's domain words)"),
    ({"name": "banking-fi", "categories": ["kortit"]},
     "banking-fi.yaml categories: expected a mapping from category name to its words, got a list"),
    ({"name": "banking-fi", "templates": {"question": {"fi": "Hei"}}},
     "banking-fi.yaml templates.question.fi: expected a list of templates, got a string"),
    ({"name": "banking-fi", "templates": {"question": {"suomi": ["Hei"]}}},
     "banking-fi.yaml templates.question.suomi: expected a language code like fi or en"),
    ({"name": "banking-fi", "templates": {"question": {"fi": ["Hei {authr}"]}}},
     "banking-fi.yaml templates.question.fi[0]: unknown variable {authr}; use {author}, {brand}, {platform}, {category}"),
    (["name"], "banking-fi.yaml: expected a mapping with name, negative, positive, categories, templates, got a list"),
])
def test_errors_name_source_and_key(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_pack(data, "banking-fi.yaml")
    assert str(err.value) == message


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_packs_parse_and_document_the_schema(name: str) -> None:
    text = pack_text(name)
    pack = parse_pack(yaml.safe_load(text), f"{name}.yaml")
    assert pack.name == name
    assert "# Schema (closed" in text and "`stem*`" in text
    assert pack.negative


def test_banking_pack_has_the_sentimentti_categories() -> None:
    pack = parse_pack(yaml.safe_load(pack_text("banking-fi")), "banking-fi.yaml")
    assert tuple(c.name for c in pack.categories) == BANKING_CATEGORIES
    labels = {c.name: c.label for c in pack.categories}
    assert labels["palvelun_nopeus"] == "palvelun nopeus"
    for cat in pack.categories:
        assert set(cat.templates) == {"fi", "en"}, cat.name
        assert all("{author}" in t for t in cat.templates["fi"] + cat.templates["en"])


@pytest.mark.parametrize("name", ("sentiment-fi", "sentiment-en"))
def test_sentiment_packs_have_the_generic_templates(name: str) -> None:
    pack = parse_pack(yaml.safe_load(pack_text(name)), f"{name}.yaml")
    assert set(pack.templates) == {"default", "question", "negative", "praise"}
    for key, langs in pack.templates.items():
        assert set(langs) == {"fi", "en"}, key
        assert all(len(t) <= 280 for ts in langs.values() for t in ts)


def test_lexicons_are_a_few_hundred_words() -> None:
    packs = [parse_pack(yaml.safe_load(pack_text(n)), n) for n in ("sentiment-fi", "sentiment-en")]
    assert sum(len(p.negative) + len(p.positive) for p in packs) >= 300
