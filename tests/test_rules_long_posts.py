"""A long hostile post costs work linear in its words: the rules that pair or look around words (a frame's two word
lists, a quoted question) look only within reach or once a post, and answer as before. Work is counted, not timed
(bench/ times)."""

from __future__ import annotations

import builtins

import pytest

from kuulo.rules import brand_forms, classify, lexicon, match, tone, tone_curious, tone_irony
from kuulo.rules.brand_signs import PostNames
from kuulo.rules.engine import Engine
from kuulo.rules.question_apart import quoted
from kuulo.rules.question_words import PUZZLED_CLAUSE
from kuulo.rules.questions import puzzled
from kuulo.rules.specs import BrandSpec
from kuulo.rules.tone import ASKED_REACH, THEN_REACH, better_before
from kuulo.rules.tone_asides import judgement_asked
from kuulo.rules.tone_events_fi import STILL_ASK_REACH, asked_if_still
from kuulo.rules.tone_irony import quoted_back
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


class _CountedWords(list):
    """A post's lowered words that count the looks at them."""

    looks = 0

    def __getitem__(self, index: object) -> object:
        _CountedWords.looks += 1
        return super().__getitem__(index)


def test_a_judgement_looks_a_bounded_way_for_its_question_mark() -> None:
    lows = _CountedWords("is it rude".split() * REPEATS)  # one sentence, no mark: each 'rude' asks where it ends
    _CountedWords.looks = 0
    assert not any([judgement_asked(lows, at) for at in range(2, len(lows), 3)])
    assert _CountedWords.looks < REPEATS * (ASKED_REACH + 20)  # the whole sentence: ~3 * REPEATS a word
    assert judgement_asked("is it rude to keep your shoes on ?".split(), 2)


def test_enaa_looks_back_a_bounded_way_for_its_question_verb() -> None:
    lows = _CountedWords("saako kortilla enää".split() * REPEATS)
    _CountedWords.looks = 0
    assert all([asked_if_still(lows, at) for at in range(2, len(lows), 3)])  # each asked whether it still holds
    assert _CountedWords.looks < REPEATS * (STILL_ASK_REACH + 10)  # the whole sentence before it: ~1.5 * REPEATS
    assert not asked_if_still("saako sitä ei enää".split(), 3)  # a negator keeps the loss


def test_a_better_past_looks_a_bounded_way_for_its_word_of_then() -> None:
    lows = _CountedWords("it was better".split() * REPEATS)  # one sentence, no word of then: each 'better' looks
    _CountedWords.looks = 0
    assert not any([better_before(lows, at) for at in range(2, len(lows), 3)])
    assert _CountedWords.looks < REPEATS * (2 * THEN_REACH + 20)  # the whole sentence: ~3 * REPEATS a word
    assert better_before("ennen laatu oli parempaa".split(), 3)


def test_a_negator_s_phrases_after_fillers_are_tried_by_the_word_that_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Telia")
    tries = 0

    def counted(words: object) -> bool:
        nonlocal tries
        tries += 1
        return builtins.all(words)  # type: ignore[call-overload]

    monkeypatch.setattr(lexicon, "all", counted, raising=False)  # a phrase's words are matched with all
    # each 'ei' has a filler after it (kukaan): the ~110 phrases of 'ei' were each tried after it, a phrase a word
    assert not engine.evaluate("kukaan ei " * REPEATS, lang="fi").negative
    assert tries < 10 * REPEATS
    assert engine.evaluate("Teliassa ei kukaan vastaa puhelimeen", lang="fi").negative_terms == ("ei kukaan vastaa",)
    assert engine.evaluate("Telia ei ole koskaan vastannut", lang="fi").negative_terms == ("ei ole koskaan vastannut",)


def test_a_post_s_curiosity_is_looked_for_once_not_at_every_why(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Telia")
    walks = 0

    def counted(lows: list[str]) -> bool:
        nonlocal walks
        walks += 1
        return tone_curious.curious(lows)

    monkeypatch.setattr(tone, "curious", counted)  # each why-question asked it of the whole post
    monkeypatch.setattr(classify, "curious", counted, raising=False)
    verdict = engine.evaluate("why doesn't Telia work " * REPEATS, lang="en")
    assert verdict.negative_terms == ("why …",)
    assert walks < REPEATS
    assert not engine.evaluate("honest question, why doesn't Telia open on Sundays", lang="en").negative


def test_a_claim_quoted_back_is_looked_for_from_the_praise_word_not_from_the_post_s_end() -> None:
    lows = _CountedWords("great .".split() * REPEATS + ["😡"] * REPEATS)  # a long run of emoji ends the post
    _CountedWords.looks = 0
    assert not any([quoted_back(lows, at) for at in range(0, 2 * REPEATS, 2)])  # as sarcastic_tail asks of each
    assert _CountedWords.looks < 20 * REPEATS  # the run from the end for each praise word: ~REPEATS a word
    said = "it took 25 minutes for one burger . fast food , they said .".split()
    assert quoted_back(said, 9) and quoted_back([*said, "😡", "😡"], 9) and not quoted_back(said, 1)
    assert quoted_back(said[:-1] + ["👍", "."], 13)  # a praise emoji after it, as before


class _CountedSpans(_CountedWords):
    """A post's lowered words that count the looks at them, a slice's every word."""

    def __getitem__(self, index: object) -> object:
        if isinstance(index, slice):  # a slice copies its words: the rest of the post, once a praise word
            _CountedWords.looks += len(range(*index.indices(len(self))))
        return super().__getitem__(index)


def test_an_ironic_tail_is_told_by_the_post_s_last_places_not_by_the_rest_of_the_post(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Telia")

    def counted(rule: object) -> object:
        return lambda lows, *args: rule(_CountedSpans(lows), *args)  # type: ignore[operator]

    for name in ("ironic_tail", "sarcastic_tail"):  # as classify asks each praise word, the post's words counted
        monkeypatch.setattr(classify, name, counted(getattr(tone_irony, name)))
    _CountedWords.looks = 0
    verdict = engine.evaluate("Telia ei toimi. " + "Hienoa. Kiva. " * REPEATS, lang="fi")  # a praise word a sentence
    assert verdict.negative_terms == ("ei toimi",)
    assert _CountedWords.looks < 100 * REPEATS  # the rest of the post for each praise word: ~12 * REPEATS ** 2
    ironic = engine.evaluate("Teliassa ruokaa ei oo missään. Hienoa.", lang="fi")
    assert ironic.negative_terms == ("… hienoa",)  # praise as the last sentence after a failure: ironic, as before
    raised = engine.evaluate("Telia raised our fee 18% this year. Nice. Cool. Love it.", lang="en")
    assert raised.negative_terms == ("raised … fee",) and raised.negative  # the short run still no praise


def test_a_long_sentence_of_praise_is_read_once_for_a_consolation(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Telia")
    monkeypatch.setattr(classify, "consoling_places",
                        lambda lows, ats: tone_irony.consoling_places(_CountedWords(lows), ats))
    _CountedWords.looks = 0
    verdict = engine.evaluate("Telia ei toimi. " + "hienoa kiva " * REPEATS, lang="fi")  # one sentence of praise
    assert verdict.negative_terms == ("ei toimi",)
    assert _CountedWords.looks < 10 * REPEATS  # its sentence walked for each praise word: ~4 * REPEATS ** 2
    conceded = engine.evaluate("Telia ei toimi, but the support was great though", lang="en")
    assert not conceded.praise and conceded.negative  # praise in a sentence that concedes is a consolation, as before


class _CountedReadingWords(frozenset):
    """other_readings.READING_WORDS that counts the posts looked through for them."""

    looks = 0

    def isdisjoint(self, words: object) -> bool:
        _CountedReadingWords.looks += 1
        return super().isdisjoint(words)  # type: ignore[arg-type]


def test_a_post_of_names_is_looked_through_once_for_the_words_other_readings_need(
        monkeypatch: pytest.MonkeyPatch) -> None:
    engine = table_engine("rules", "Nordea", "Telia")
    monkeypatch.setattr(match, "READING_WORDS", _CountedReadingWords(match.READING_WORDS))
    monkeypatch.setattr(_CountedReadingWords, "looks", 0)
    verdict = engine.evaluate("Nordea ja Telia " * REPEATS)
    assert [b.brand for b in verdict.brands] == ["Nordea", "Telia"]
    assert _CountedReadingWords.looks == 1  # once a post, not once for each of its names


def test_puzzlement_looks_a_bounded_way_for_its_exclamation_mark() -> None:
    lows = _CountedWords("en ymmärrä miks hinta nousee".split() * REPEATS)  # one sentence, no mark
    _CountedWords.looks = 0
    assert all(puzzled(lows, at) for at in range(1, len(lows), 5))
    assert _CountedWords.looks < REPEATS * (PUZZLED_CLAUSE + 20)
    assert puzzled("en tajua miten tää voi olla näin hyvää !".split(), 1) is None


def test_a_slang_spelled_out_is_looked_for_once_a_post() -> None:
    lows = _CountedWords("vr day".split() * REPEATS)
    names = PostNames(list(lows), lows, [], frozenset())
    _CountedWords.looks = 0
    assert all(names.said_at("virtual reality") == -1 for _ in range(REPEATS))
    assert _CountedWords.looks < 4 * len(lows)
    assert PostNames([], "vr day : virtual reality goggles".split(), [], frozenset()).said_at("virtual reality") == 3


def test_an_abbreviation_s_spelled_out_name_is_looked_for_once_a_post(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine((BrandSpec("Lassila & Tikanoja", aliases=("L&T",), exclude=("Larsen & Toubro",)),), [], {})
    scans = 0
    first_phrase = brand_forms.first_phrase

    def counted(*args: object) -> tuple[int, int]:
        nonlocal scans
        scans += 1
        return first_phrase(*args)

    monkeypatch.setattr(brand_forms, "first_phrase", counted)
    assert engine.evaluate("L&T:n auto " * REPEATS + "Larsen & Toubro").brands  # the phrase after them: L&T's own
    assert scans == 1
