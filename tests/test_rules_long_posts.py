"""A long hostile post costs work linear in its words: the rules that pair or look around words (a frame's two word
lists, a quoted question) look only within reach or once a post, and answer as before. Work is counted, not timed
(bench/ times)."""

from __future__ import annotations

import builtins

import pytest

from kuulo.rules import classify
from kuulo.rules.question_apart import quoted
from tests.rules_support import table_engine

REPEATS = 300  # the post's phrase written again this many times: a quadratic rule does ~REPEATS**2 steps


def test_a_frame_s_word_lists_are_paired_only_within_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Telia")
    pairs = 0

    def counted(*args: int) -> int:
        nonlocal pairs
        pairs += 1
        return builtins.min(*args)

    monkeypatch.setattr(classify, "min", counted, raising=False)  # classify pairs a frame's words with min and max
    verdict = engine.evaluate("Telia " + "laskuttaa edelleen " * REPEATS, lang="fi")
    assert verdict.negative_terms == ("laskuttaa … edelleen", "edelleen … laskuttaa")  # still a thing still stuck
    assert pairs < 10 * REPEATS  # each word meets its neighbours, not every word of the other list


class _CountedText(str):
    """A post's text that counts the searches made in it."""

    searches = 0

    def find(self, *args: object) -> int:
        _CountedText.searches += 1
        return super().find(*args)

    def startswith(self, *args: object) -> bool:
        _CountedText.searches += 1
        return super().startswith(*args)


def test_a_quoted_question_is_looked_for_once_a_post_not_at_every_place_its_word_stands() -> None:
    text = _CountedText("Telia " + "don't eikö " * REPEATS)  # apostrophes aplenty, none opening a quotation
    _CountedText.searches = 0
    assert not any([quoted(text, "eikö") for _ in range(REPEATS)])  # as questions.py asks of each '-kö' word
    assert _CountedText.searches < REPEATS
    assert quoted('Sanoi kassalle "eikö tää oo ilmanen"', "eikö")
    assert quoted("Miksi? Hän kysyi 'Miksi minä?'", "Miksi")  # a quoted one after the same word unquoted
    assert not quoted("Miksi? Hän kysyi miksi", "Miksi")
