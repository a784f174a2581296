"""A brand named like an English function word (rules/function_names.py): the word in an English clause, whatever the
context words; the name in a Finnish post, with a Finnish ending or a capital inside a Finnish sentence.

The brand here (Next, the clothes shop) is none of the development set's, so nothing is tuned to it.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.function_names import english_word, finnish_form
from kuulo.rules.normalise import ClauseMarks, clean, tokenize
from kuulo.rules.specs import BrandSpec
from tests.rules_support import shipped

BRANDS = (BrandSpec("Next", context=("vaate*", "clothes", "order*", "tilau*", "store", "palautu*"),
                    needs_context=True),)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("sentiment-fi"), shipped("sentiment-en")], {})


def gap(reason: str, *values: object) -> object:
    """A case the readings do not tell apart yet."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


MUST_MATCH = [  # (text, lang)
    ("Ordered clothes from next, the store in Tampere is closing", "en"),  # a comma after it: no clause of its own
    ("clothes shopping: asos or next?", "en"),
    ("Next's clothes order came in two days", "en"),  # English possessive: the name
    ("Anyone know if Next ships clothes to Finland", "en"),  # the conjunction is 'if'; Next keeps its capital
    ("switched my clothes orders to next last year", "en"),  # after a preposition of dealing: the name
    ("anyone with next store card? is the order process ok", "en"),
    ("Nextin mekot on aina liian pieniä", "fi"),  # a Finnish ending: no English word, no context word needed
    ("Ostin mekon Nextiltä viime viikolla", "fi"),
    ("Ostin Next mekon eilen", "fi"),  # a capital inside a Finnish sentence
]
MUST_NOT_MATCH = [
    ("i was wondering if the next size up fits, the store did not know", "en"),  # a word of its sentence after it
    ("What happens next with my order? the store won't say", "en"),  # no: 'with' after it -- see the reading below
    ("Next you should check the store's return policy", "en"),  # opening a sentence before a subject
    ("Excelin NEXT-funktio on kätevä taulukoissa", "fi"),  # a compound: its head decides
    ("Next level meininki koko ilta", "fi"),  # at a sentence start: no capital that decides
    ("se oli ihan next level meininki", "fi"),  # lower case: no Finnish ending, no capital
    gap("a common phrase opening the sentence before no subject ('Next time') is not told from the name's verb",
        "Next time I order clothes I'll read the reviews", "en"),
]


@pytest.mark.parametrize("text, lang", MUST_MATCH)
def test_must_match(engine: Engine, text: str, lang: str) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert [m.brand for m in verdict.brands] == ["Next"], verdict.notes


@pytest.mark.parametrize("text, lang", MUST_NOT_MATCH)
def test_must_not_match(engine: Engine, text: str, lang: str) -> None:
    verdict = engine.evaluate(text, lang=lang)
    assert not verdict.brands, verdict.notes


@pytest.mark.parametrize("text, lang, note", [
    ("i was wondering if the next size fits the order", "en",
     "'next' is not Next: the English word 'next' in lower case, a word of its sentence after it, whatever the "
     "context words"),
    ("Next you should check the store", "en",
     "'Next' is not Next: the English word 'Next' opening a sentence, 'you' after it begins its clause, whatever the "
     "context words"),
    ("Nextin mekot on kivoja", "fi", "'Nextin' is Next: 'Nextin' has a Finnish ending, and 'next' is a word only in "
     "English"),
    ("Ostin Next mekon eilen", "fi",
     "'Next' is Next: 'Next' with its capital inside a Finnish sentence, where 'next' is no word"),
])
def test_explain_says_why(engine: Engine, text: str, lang: str, note: str) -> None:
    assert note in engine.evaluate(text, lang=lang).notes


def _read(text: str) -> tuple[list[str], list[str], ClauseMarks]:
    text = clean(text)
    tokens = tokenize(text)
    return tokens, [t.lower() for t in tokens], ClauseMarks(text, tokens)


@pytest.mark.parametrize("text, start, word", [
    ("wondering if anyone has flown", 1, True),
    ("If your card is blocked call them", 0, True),
    ("lähitapiola or if ?", 2, False),  # a mark after it: a list of names
    ("if or lähitapiola", 0, False),  # a joiner after it
    ("If covers dental", 0, False),  # the name as a subject
    ("sampo's if, lähitapiola", 1, False),
    ("the insurance bit is 'if' in finland", 4, False),  # in quotes: the word itself
])
def test_english_word_reads_the_conjunction(text: str, start: int, word: bool) -> None:
    tokens, lows, marks = _read(text)
    assert bool(english_word(tokens, lows, start, marks)) is word, tokens


@pytest.mark.parametrize("text, start, name, named", [
    ("Sampo kommentoi Ifin kasvua", 2, "if", True),
    ("Miks If tarvii kuitin", 1, "if", True),
    ("Miks If you know", 1, "if", False),  # English beside it
    ("Kaikki If-lauseet", 1, "if", False),  # a compound
    ("Hän sanoi Onko hyvä", 2, "on", False),  # a Finnish word too: Onko, no niin
    ("Tuli Ifs", 1, "if", False),  # an English plural
])
def test_finnish_form_reads_the_name(text: str, start: int, name: str, named: bool) -> None:
    tokens, lows, _ = _read(text)
    assert bool(finnish_form(tokens, lows, start, name)) is named, tokens


def test_the_brands_context_word_right_after_it_is_its_product() -> None:
    tokens, lows, marks = _read("if insurance paid my claim")
    assert not english_word(tokens, lows, 0, marks, "insurance")  # the name and its product (If Insurance)
    assert english_word(tokens, lows, 0, marks, "claim")  # a context word further on: the conjunction still
