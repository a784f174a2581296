"""A brand's forms wait until a post holds a word of their key (rules/brand_forms.py, Lexicon.defer): every form is
made before a word that may be it is looked up, and a post is judged as by an engine with every form made at once,
whatever the posts before it, their order and the threads that read them."""

from __future__ import annotations

import functools
import threading

from hypothesis import HealthCheck, given, settings, strategies as st

from kuulo.rules.brand_forms import BrandHit
from kuulo.rules.waiting_forms import stem_changes, waiting_key
from kuulo.rules.engine import Engine
from kuulo.rules.finnish import surface_forms
from kuulo.rules.fuzzy import FuzzyIndex, bucket_keys, fuzzy_stem
from kuulo.rules.lexicon import Lexicon
from kuulo.rules.specs import BrandSpec, MatchOptions
from tests.rules_support import bench_module

score_matching = bench_module("score_matching")


@functools.cache
def dev_posts() -> tuple[dict, ...]:
    """The development set's posts."""
    return tuple(score_matching.load_posts())


def dev_engine() -> Engine:
    """A fresh engine of the development set's brands, its forms waiting."""
    return score_matching.build_engine(score_matching.load_brands(), fresh=True)


@functools.cache
def made_engine() -> Engine:
    """An engine of the development set's brands with every form made at its start."""
    engine = dev_engine()
    engine._brands.make_all()
    return engine


def test_every_form_waits_under_a_key_that_a_word_of_it_makes() -> None:
    brands = dev_engine()._brands
    groups = brands._waiting

    def made_by(form: str, group: object) -> bool:
        return any(groups.get(form[:n]) is group for n in (3, 2, 1))

    spellings = contexts = 0
    for group in groups.values():
        for w in group.spellings:
            entries: list = []
            forms = brands._add_term(entries, w.brand, w.written, w.term, w.ambiguous, w.stems, w.strict, w.cased)
            assert all(made_by(entry[0], group) for entry in entries), w.written
            for stem in filter(str.isalpha, map(fuzzy_stem, forms)) if w.stem_hit is not None else ():
                for start in bucket_keys(stem) if len(stem) > 2 else ():  # a misspelt stem's search makes its key
                    assert any(groups.get(key) is group for key in brands._stem_sources.get(start, ())), stem
            spellings += 1
        for text, _, changed in group.context:
            assert all(made_by(form, group) for form in (stem_changes(text) if changed else surface_forms(text)))
            contexts += 1
    assert spellings > 8_000 and contexts > 5_000  # the set's 155 brands: their spellings and context words wait


def test_a_key_is_the_letters_every_form_keeps() -> None:
    assert waiting_key("stockmann") == "sto" and waiting_key("lahti") == "la"  # lahden: a stem changes late
    assert waiting_key("apu") == "a" and waiting_key("s-pankki") == "s" and waiting_key("l & t") == "l"  # avussa
    assert waiting_key("lapin kulta") == "la" and waiting_key("helsingin sanomat") == "hel"  # the first word's
    assert waiting_key("sampo", ["ampo"]) == ""  # an analyser's form that begins otherwise: made at the start


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 28_000), min_size=1, max_size=40))
def test_a_post_is_judged_as_with_every_form_made_whatever_came_before(picks: list[int]) -> None:
    posts = [dev_posts()[k % len(dev_posts())] for k in picks]
    waiting, made = dev_engine(), made_engine()
    for post in posts:
        kwargs = {"platform": post["platform"], "lang": post["lang"]}
        assert waiting.evaluate(post["text"], **kwargs) == made.evaluate(post["text"], **kwargs), post["id"]


def test_threads_reading_one_engine_judge_as_one_with_every_form_made() -> None:
    posts = [p for p in dev_posts()[::97]][:240]
    engine, made = dev_engine(), made_engine()
    got: dict[str, object] = {}

    def read(share: list[dict]) -> None:
        for post in share:
            got[post["id"]] = engine.evaluate(post["text"], platform=post["platform"], lang=post["lang"])

    threads = [threading.Thread(target=read, args=(posts[k::4],)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {p["id"]: made.evaluate(p["text"], platform=p["platform"], lang=p["lang"]) for p in posts} == got


def test_a_form_two_keys_make_keeps_the_order_of_one_build() -> None:
    """Jysk waits under jy, its alias Jyskistä (a case of it) under jys: each makes the form jyskistä, and the name
    configured first stays the first reading, whichever key a post makes first."""
    brands = (BrandSpec("Jysk", aliases=("Jyskistä",)),)

    def term(*posts: str) -> str:
        engine = Engine(brands, [], {}, MatchOptions())
        verdicts = [engine.evaluate(post, lang="fi") for post in posts]
        return verdicts[-1].brands[0].term

    made = Engine(brands, [], {}, MatchOptions())
    made._brands.make_all()
    expected = made.evaluate("Ostin Jyskistä tyynyn", lang="fi").brands[0].term
    assert term("Ostin Jyskistä tyynyn") == term("Jyrä tuli", "Ostin Jyskistä tyynyn") == expected == "Jysk"


def test_forms_added_first_go_before_those_held_in_the_order_of_their_rank() -> None:
    lexicon = Lexicon()
    lexicon.add_form("kauppa", "pack word")
    rank = lambda payload: getattr(payload, "made_at", None)  # noqa: E731

    def hit(place: int) -> BrandHit:
        made = BrandHit(place, f"term {place}", None)
        made.made_at = (0, place)
        return made

    late, early = hit(5), hit(1)
    lexicon.add_first([("kauppa", (), late, True), ("kaupassa", (), late, True)], rank)
    lexicon.add_first([("kauppa", (), early, True)], rank)
    lows = ["kauppa", "kaupassako"]  # the second peeled of its clitic
    assert [payload for _, _, _, payload in lexicon.scan(lows, " ".join(lows))] == [early, late, "pack word", late]


def test_terms_added_later_score_as_if_added_at_once() -> None:
    """Equal scores go to the term placed first, as one build of every term would have them."""
    terms = [("nordea", "Nordea", 0), ("nordia", "Nordia", 1), ("nordeo", "Nordeo", 2)]
    at_once = FuzzyIndex([(low, payload) for low, payload, _ in terms], 80.0, 5)
    later = FuzzyIndex([], 80.0, 5)
    for term in reversed(terms):
        later.add([term])
    for token in ("nordex", "nrodea", "nordiaa", "nordeo"):
        assert later.best(token) == at_once.best(token), token
    assert later.best("nordex")[0] == "Nordea"  # three at one typo: the first placed
