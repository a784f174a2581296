"""bench/tone_votes.py: the rules' vote against a post they saw nothing in, by the cue that gave it, and thresholds chosen
only before a batch."""

from __future__ import annotations

import math

import pytest

from tests.rules_support import bench_module

V = bench_module("tone_votes")
T = bench_module("train_tone")


def _row(p: float, rules: int, silent: bool, label: bool, batch: str = "9 W9b") -> object:
    return V.Row(p, rules, silent, True, label, "en", batch)


def test_the_silent_and_praised_shares_scale_only_the_vote_against_their_posts() -> None:
    half = V.Variant("half", vote=2.0, silent=0.5)
    logit = lambda q: math.log(q / (1 - q))  # noqa: E731
    assert logit(V.score(_row(0.5, T.NOT_NEGATIVE, True, False), half)) == pytest.approx(-1.0)
    assert logit(V.score(_row(0.5, T.NOT_NEGATIVE, False, False), half)) == pytest.approx(-2.0)  # praise or an excuse seen
    assert logit(V.score(_row(0.5, T.NEGATIVE, False, True), half)) == pytest.approx(2.0)
    praised = V.Row(0.5, T.NOT_NEGATIVE, False, True, False, "en", "9 W9b", praised=True)
    assert logit(V.score(praised, V.Variant("more", vote=2.0, praised=1.5))) == pytest.approx(-3.0)
    assert logit(V.score(praised, half)) == pytest.approx(-2.0)  # praise seen: the full vote
    # an excused post or one too short for the model keeps the rules' answer, whatever the threshold
    assert V.flag(_row(0.99, T.EXCUSED, False, True), half, 0.01) is False
    short = V.Row(0.99, T.NEGATIVE, False, False, True, "en", "9 W9b")
    assert V.flag(short, half, 0.99) is True


def test_on_arrival_a_batch_is_judged_at_a_threshold_chosen_before_it() -> None:
    # The first arrival only teaches; the second is judged at the cut its predecessors chose. Its own posts would
    # choose a cut over 0.5 (their negatives at 0.7, the others at 0.5), the earlier ones one under 0.35: the
    # earlier one is used, and flags the 0.5 posts too.
    earlier = [_row(0.35, T.NOT_NEGATIVE, False, True, "8 HO2") for _ in range(20)] + \
              [_row(0.1, T.NOT_NEGATIVE, False, False, "8 HO2") for _ in range(20)]
    later = [_row(0.7, T.NOT_NEGATIVE, False, True, "9 W9b") for _ in range(10)] + \
            [_row(0.5, T.NOT_NEGATIVE, False, False, "9 W9b") for _ in range(10)]
    plain = V.Variant("plain", vote=0.0)
    for cuts in ("batches", "arrivals"):
        way = V.Variant("plain", vote=0.0, cuts=cuts)
        arrived = [("8", [], earlier), ("9", earlier, later)]
        score = V.on_arrival(arrived, way, "en")
        assert (score.tp, score.fp, score.fn) == (10, 10, 0), cuts
    assert V.cut_on(later, plain, "en") > 0.5  # what peeking at the batch itself would have chosen


def test_a_weak_cue_alone_gets_its_share_of_the_vote_for_and_other_answers_the_strong_share() -> None:
    logit = lambda q: math.log(q / (1 - q))  # noqa: E731
    way = V.Variant("cues", vote=2.0, weak=0.5, strong=1.25, weak_cues=V.WEAK_CUES)
    why = V.Row(0.5, T.NEGATIVE, False, True, True, "en", "9 W9b", cue="why")
    framed = V.Row(0.5, T.NEGATIVE, False, True, True, "en", "9 W9b", cue="frame")
    several = V.Row(0.5, T.NEGATIVE, False, True, True, "en", "9 W9b")
    assert logit(V.score(why, way)) == pytest.approx(1.0)
    assert logit(V.score(framed, way)) == pytest.approx(2.5)
    assert logit(V.score(several, way)) == pytest.approx(2.5)
    assert logit(V.score(_row(0.5, T.NOT_NEGATIVE, False, False), way)) == pytest.approx(-2.0)  # the vote against


@pytest.mark.parametrize("terms, cue", [
    (["why …"], "why"), (["??"], "marks"), (["?!"], "marks"), (["angry"], "pack word"), (["raised … rent"], "frame"),
    (["😡"], "emoji"), (["bring back"], "complaint loss"), (["broken", "??"], ""), ([], ""),
])
def test_the_cue_class_is_that_of_the_only_term(terms: list[str], cue: str) -> None:
    assert V.cue_class({"terms": terms, "notes": [], "positive": False}) == cue


def test_a_post_whose_words_praise_outweighed_keeps_the_rules_answer_unless_the_variant_weighs_it() -> None:
    row = V.Row(0.9, T.OUTWEIGHED, False, True, True, "en", "9 W9b")
    assert V.flag(row, V.Variant("kept"), 0.5) is False
    weighs = V.Variant("weighs", vote=1.0, outweighed=True)
    assert V.flag(row, weighs, 0.5) is True  # logit(0.9) - 1.0 = 1.2 > 0: the full vote against
    assert V.flag(V.Row(0.6, T.OUTWEIGHED, False, True, True, "en", "9 W9b"), weighs, 0.5) is False
    assert V.flag(V.Row(0.99, T.EXCUSED, False, True, True, "en", "9 W9b"), weighs, 0.5) is False  # excused: stands
    assert V.CHOSEN["outweighed"] is ("outweighed" in T.RULES_SHARES)  # what --write ships
