"""The engine's fast paths answer as the plain forms they stand for: the tokeniser's first-character test, the
remembered -ko/-kö answers, misspellings, tags and words of parts, the tone model's note without feature names, a
negator's phrases after fillers looked up by the word that goes on, the matches' two stable sorts, the readings that
probe for their words before they walk, the ironic tails told by the post's last places found once."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kuulo.bot.packloader import builtin_tone_model
from kuulo.rules import lexicon, match, questions
from kuulo.rules.brand_results import distinct
from kuulo.rules.brand_signs import COMPOUND_HEAD_AT, company_word, has_capitals
from kuulo.rules.classify import DRY_THANKS_REACH, _says_none
from kuulo.rules.complaints import eased, gave, someone_peeled, someones_act, served_cold
from kuulo.rules.engine import Engine
from kuulo.rules.finnish import surface_forms
from kuulo.rules.fuzzy import FuzzyIndex
from kuulo.rules.lexicon import Lexicon
from kuulo.rules.name_readings import SCORE_WINDOW, SCORES, scorer
from kuulo.rules.normalise import (
    BOUNDARY_CHARS, CUT_ABBREVIATION, DOMAIN, PLUS_NAME, TOKEN_RE, TOKEN_START, WORD_TAIL, ClauseMarks, lower_tokens,
    sentence_end, tokenize,
)
from kuulo.rules.question_clitics import CLITIC_MEMO, clitic_question, verb_clitic
from kuulo.rules.question_exclaims import LAUGHS, REACTIONS, has_laugh
from kuulo.rules.specs import BrandSpec, MatchOptions
from kuulo.rules.tags import TagIndex
from kuulo.rules.tone import ABESSIVE, FILLERS, NEGATORS, without_problem
from kuulo.rules.tone_asides import ASK_SUBJECTS, ASK_VERBS, judgement_asked
from kuulo.rules.tone_curious import CURIOUS_PAIRS, CURIOUS_WORDS, curious
from kuulo.rules.tone_irony import (
    DRY_THANKS, IRONY_BEFORE, SARCASM_TAIL_WORDS, consoling, consoling_places, dry_thanks, ironic_tail, last_places,
    lone_tail, quoted_back, sarcastic_tail, short_run,
)
from kuulo.rules.tone_model import SHOWN_FEATURES, _shown, explain, features, sigmoid
from tests.rules_support import bench_module, table_engine

# Letters, digits, marks, emoticon and emoji characters, and what stands between tokens.
TEXT_CHARS = list("aäöAÄÖzZ09_ \t\n@#>:;<=.!?-'’()/|DPdp3\"“”…—–,%€+") + ["😡", "👏", "➀", "☀", "⭐", "ß", "İ", "٣", "²"]
PLAIN_TOKEN_RE = re.compile(TOKEN_RE.pattern.removeprefix(f"(?={TOKEN_START})(?:").removesuffix(")"))


def test_the_plain_pattern_is_the_token_pattern_without_its_first_character_test() -> None:
    assert TOKEN_RE.pattern == f"(?={TOKEN_START})(?:{PLAIN_TOKEN_RE.pattern})"
    assert PLAIN_TOKEN_RE.findall("Moi @a_b #c :-) 😡 x.comista? ok!") == [
        "Moi", "@a_b", "#c", ":-)", "😡", "x.comista", "?", "ok", "!"]


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from(TEXT_CHARS), max_size=40)
       | st.sampled_from(["x.com", "Verkkokauppa.comista", "a.fi:n", "loppui.fiksua", ":-) :( ;) <3 =) >:( :'(",
                          "@a_b #c-d", "Koti- ja", "S-Pankki, OP:n", "(ehkä ?)", "1,5 € – 2 €"]))
def test_the_first_character_test_finds_and_splits_as_the_plain_pattern(text: str) -> None:
    assert TOKEN_RE.findall(text) == PLAIN_TOKEN_RE.findall(text)
    assert TOKEN_RE.split(text) == PLAIN_TOKEN_RE.split(text)


UNGUARDED_TAIL = rf"(?:{CUT_ABBREVIATION})?{PLUS_NAME}(?:{DOMAIN}(?:[-:'’]\w+)*)?"
UNGUARDED_TOKEN_RE = re.compile(TOKEN_RE.pattern.replace(WORD_TAIL, UNGUARDED_TAIL))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TEXT_CHARS) | st.sampled_from(["tl;dr", "TL;DR", "tl;drx", ".com", ".fi:n", ".comista",
                                                                "Disney+", "+:lla", "C++", "18+", "Ruutu+Liiga"]),
                max_size=20).map("".join))
def test_a_words_tail_is_looked_for_only_before_a_semicolon_plus_or_dot_and_found_as_without_the_test(text: str) -> None:
    assert WORD_TAIL in TOKEN_RE.pattern and UNGUARDED_TOKEN_RE.pattern != TOKEN_RE.pattern
    assert TOKEN_RE.findall(text) == UNGUARDED_TOKEN_RE.findall(text)
    assert tokenize("tl;dr Disney+:lla Verkkokauppa.comista 18+") == ["tl;dr", "Disney+:lla", "Verkkokauppa.comista",
                                                                     "18"]


CLITIC_WORDS = ["toimiiko", "onko", "onkohan", "onks", "pitäiskö", "voiko", "oletteko", "kiitos", "tauko", "sisko",
                "kesäsisko", "mobiili-tiktok-tauko", "koko", "marimekko", "jako", "teko", "ootko", "oisko", "kuka"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CLITIC_WORDS) | st.text(st.sampled_from(list("aäökostnhi-")), min_size=1, max_size=9),
                max_size=12))
def test_the_remembered_clitic_answers_are_the_plain_functions(words: list[str]) -> None:
    for word in words + words:  # the second time from the memo
        assert clitic_question(word) == clitic_question.__wrapped__(word), word
        assert verb_clitic(word) == verb_clitic.__wrapped__(word), word
    assert clitic_question("toimiiko") and verb_clitic("toimiiko") and not verb_clitic("kesäsisko")
    assert clitic_question.cache_info().maxsize == verb_clitic.cache_info().maxsize == CLITIC_MEMO


def test_a_word_of_parts_is_scanned_alike_each_time_and_afresh_after_a_new_pattern() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("kortti", "card")
    lexicon.add_pattern("*pizza*", "pizza")
    lexicon.mark(lambda word: word.startswith("nord"))
    lows = ["nordea-kortti", "ja", "koti-pizza"]
    scans = []
    for _ in range(2):  # the second time from what the first remembered
        marked: list[int] = []
        scans.append((lexicon.scan(lows, " ".join(lows), marked), marked))
    assert scans[0] == scans[1] == ([(0, 1, 7, "card"), (2, 3, 0, "pizza")], [0])
    lexicon.add_pattern("*kort*", "part")
    lexicon.add_pattern("nordea", "bank")
    assert lexicon.scan(lows, " ".join(lows), []) == [(0, 1, 7, "card"), (0, 1, 0, "bank"), (2, 3, 0, "pizza"),
                                                      (0, 1, 0, "part")]  # the parts last, as they always come


def test_a_word_that_hit_nothing_is_passed_over_and_scanned_afresh_after_a_new_pattern_or_mark() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("kortti", "card")
    lows = ["nordea", "kortti", "lasku", "kortti", "kiitos"]
    text = " ".join(lows)
    for _ in range(2):  # the second time nordea, lasku and kiitos are known to hit nothing
        assert lexicon.scan(lows, text, []) == [(1, 2, 0, "card"), (3, 4, 0, "card")]
    assert lexicon._nothing == {"nordea", "lasku", "kiitos"}
    lexicon.add_pattern("lasku*", "bill")  # a stem
    assert lexicon.scan(lows, text, []) == [(1, 2, 0, "card"), (2, 3, 0, "bill"), (3, 4, 0, "card")]
    lexicon.add_pattern("kiitos", "thanks")  # a word's forms
    assert (4, 5, 0, "thanks") in lexicon.scan(lows, text, [])
    lexicon.mark(lambda word: word.startswith("nord"))
    marked: list[int] = []
    lexicon.scan(lows, text, marked)
    assert marked == [0]
    lexicon.add_form("lasku", "alone")  # one form
    assert (2, 3, 0, "alone") in lexicon.scan(lows, text, [])
    lexicon = Lexicon()
    lexicon.scan(lows, text, [])
    lexicon.add_pattern("*orde*", "part")  # a part
    assert lexicon.scan(lows, text, []) == [(0, 1, 0, "part")]
    lexicon = Lexicon()
    lexicon.scan(lows, text, [])
    lexicon.add_pattern("nordea kortti", "phrase")  # a phrase's first word
    assert lexicon.scan(lows, text, []) == [(0, 2, 0, "phrase")]


def test_a_word_s_forms_added_in_one_loop_are_the_forms_added_one_by_one() -> None:
    bulk, one_by_one = Lexicon(), Lexicon()
    for each in (bulk, one_by_one):
        each.add_pattern("ei toimi", "phrase")
        each.add_pattern("toimi", "stem-free")
    lows = ["ei", "toimi", "laskukin", "laskussa", "lasku", "laskuttaja", "ei", "toimi"]
    assert bulk.scan(lows, " ".join(lows)) == one_by_one.scan(lows, " ".join(lows))  # each remembers these words
    bulk.add_pattern("lasku", "bill")
    for form in surface_forms("lasku"):
        one_by_one.add_form(form, "bill")
    assert bulk._forms == one_by_one._forms and bulk._peel_keys == one_by_one._peel_keys
    assert bulk.scan(lows, " ".join(lows)) == one_by_one.scan(lows, " ".join(lows)) == [
        (0, 2, 0, "phrase"), (1, 2, 0, "stem-free"), (2, 3, 0, "bill"), (3, 4, 0, "bill"), (4, 5, 0, "bill"),
        (6, 8, 0, "phrase"), (7, 8, 0, "stem-free")]  # afresh after the new word: laskukin peeled, laskuttaja none


def test_a_misspelling_is_read_alike_each_time() -> None:
    index = FuzzyIndex([("nordea", "Nordea"), ("finnair", "Finnair"), ("iittala", "Iittala")], 85.0, 5)
    for token in ["nordae", "finair", "ittala", "nordic", "nordea", "nrodea"] * 2:  # the second round remembered
        assert index.best(token) == index._closest(token), token
    assert index.best("finair") == ("Finnair", pytest.approx(92.3, abs=0.1)) and index.best("nordic") is None


def test_a_word_s_misspelt_name_is_guessed_alike_each_time() -> None:
    """BrandMatcher remembers each word's guess (a misspelt name or none): as a fresh engine reads each post."""
    def engine() -> Engine:
        return Engine((BrandSpec("Nordea"), BrandSpec("Finnair"), BrandSpec("Veikkaus")), [], {}, MatchOptions(fuzzy=True))

    posts = ["Nordae ei toimi", "Finairilta ei vastausta", "nordae taas", "Toimiiko teillä", "veikauksen sivut",
             "ostin 800 nordae", "Finairilta tuli viesti"]
    shared = engine()
    assert [shared.evaluate(p) for p in posts * 2] == [engine().evaluate(p) for p in posts] * 2
    assert [m.how for m in shared.evaluate("Finairilta ei vastausta").brands] == ["fuzzy"]
    assert not shared.evaluate("Toimiiko teillä").brands


def test_a_tag_is_read_alike_each_time_and_afresh_after_a_new_tag() -> None:
    tags = TagIndex()
    tags.add_term("stockmann", 0, "Stockmann", False)
    for token in ["#omastockmann", "@stockmann_fi", "#stockmann", "#muuta"] * 2:
        assert tags.matches(token) == tags._find(token), token
    assert tags.matches("#muuta") == []
    tags.add_tag("#muuta", 1, "Muu")
    assert tags.matches("#muuta") == [(1, "Muu")]
    found = tags.matches("#stockmann")
    found.append((9, "x"))  # the caller's own list: the memo keeps its copy
    assert tags.matches("#stockmann") == [(0, "Stockmann")]


def test_the_model_s_note_weighs_the_features_training_names() -> None:
    """contributions (the note's features, named only when they weigh) are score(features(...))'s, in order."""
    model = builtin_tone_model()
    bench = bench_module("score_matching")
    engine = bench.build_engine(bench.load_brands())
    for post in bench.load_posts()[::5]:
        lows, _, masked, *_ = engine._read(post["text"], post["platform"], post["lang"])
        assert model.contributions(lows, masked) == model.score(features(lows, masked))[1], post["id"]


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False) | st.sampled_from([30.0, -30.0, 30.000000000000004, -0.0, math.inf, -math.inf]))
def test_the_model_s_sigmoid_clamps_as_min_and_max_do(z: float) -> None:
    assert sigmoid(z) == 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    assert sigmoid(math.nan) == sigmoid(30.0) and sigmoid(-31.0) == sigmoid(-30.0) < sigmoid(-29.0)


# Words that make or unmake dry thanks (tone_irony.dry_thanks) and an asked judging word (tone_asides.judgement_asked).
GUARDED_WORDS = ["kiitos", "kiitti", "kiitoksia", "tästä", "siitä", ".", "...", "!", "?", "is", "was", "would", "it",
                 "that", "this", "rude", "weird", "virheetön", "ongelmitta", "häiriöttä", "katko", "ok", "auttakaa",
                 "😡"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(GUARDED_WORDS), min_size=1, max_size=12))
@example(["ok", "ok", "ok", ".", "kiitos", "tästä", "ok", "."])  # thanks opening the longest last sentence
@example(["ok", "rude", "it", "rude", "?"])  # a subject without its verb
def test_classify_s_guards_skip_only_what_the_rules_they_guard_would_pass_over(lows: list[str]) -> None:
    if DRY_THANKS.isdisjoint(lows[-DRY_THANKS_REACH:]):
        assert dry_thanks(lows) is None, lows
    if ASK_SUBJECTS.isdisjoint(lows) or ASK_VERBS.isdisjoint(lows):
        assert not any(judgement_asked(lows, at) for at in range(len(lows))), lows
    for word in lows + lows:  # the second time from the memo
        assert _says_none(word) == (word.endswith(ABESSIVE) or without_problem(word)), word


def test_the_guards_let_through_the_thanks_and_the_question_they_stand_before() -> None:
    assert dry_thanks(["a", "b", "c", ".", "kiitos", "tästä", "."]) == "kiitos tästä"
    assert judgement_asked(["is", "it", "rude", "to", "ask", "?"], 2)
    assert _says_none("ongelmitta") and _says_none("virheetön") and not _says_none("virhe")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*sorted(REACTIONS), "🤔", "😤", "a", " ", "?", "h"]), max_size=10))
def test_the_laugh_check_tests_every_laugh_and_nothing_else(text: str) -> None:
    # has_laugh writes out the laughs as one `in` test each: it must hold every one of LAUGHS and no other reaction
    assert has_laugh(text) == any(laugh in text for laugh in LAUGHS), text
    assert all(has_laugh(f"miks {laugh}") for laugh in LAUGHS)
    assert not has_laugh("".join(REACTIONS - LAUGHS))


GAP_ENGINE = table_engine("rules", "Telia")
GAP_WORDS = ["ei", "en", "not", "kukaan", "ihan", "koskaan", "edes", "vastaa", "vastannut", "toimi", "toimii",
             "working", "even", "ever", "been", "answered", "hyvä", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(GAP_WORDS), min_size=1, max_size=10))
@example(["ei", "kukaan", "vastaa"])
@example(["not", "even", "working"])
def test_a_negator_s_phrases_after_fillers_are_the_plain_lookup_s(lows: list[str]) -> None:
    lex = GAP_ENGINE._lexicon
    for i, word in enumerate(lows):
        if word not in NEGATORS or i + 1 >= len(lows) or lows[i + 1] not in FILLERS:
            continue
        fast: list = []
        lex._word_hits(word, i, 0, lows, fast)
        plain: list = []  # every entry of the word tried, in order, as before the index
        lex._gap_hits(lex._lookup(word), lexicon._gap_starts(lows, i + 1), lows[i + 1], i, 0, lows, plain)
        lex._stem_hits(word, i, 0, plain)
        assert fast == plain, (lows, i)


# Forms that are a word of their own and begin phrases, before or after them in the form's entries, and the words after
PHRASE_WORDS = GAP_WORDS + ["hyvä", "palvelu", "thanks", "for", "taas", "kerran", "kiitti", "vaan", "good", "job",
                            "nobody", "answered", "mitä", "ihmettä", "on", "hold"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_WORDS), min_size=1, max_size=8))
@example(["hyvä", "palvelu"])
@example(["kiitti", "vaan"])
@example(["ei", "toimi"])
def test_a_word_s_phrases_by_the_word_after_are_the_plain_lookup_s(lows: list[str]) -> None:
    # _word_hits takes a form's phrases that go on with the word after it, merged with its one-word entries once and
    # kept (_phrase_index), instead of sorting the two together in each post: the hits of every entry tried in order
    lex = GAP_ENGINE._lexicon
    for i, word in enumerate(lows):
        after = lows[i + 1] if i + 1 < len(lows) else ""
        if word not in lex or after in FILLERS and word in NEGATORS:
            continue  # no form, or a negator's phrases after fillers (the test before)
        fast: list = []
        lex._word_hits(word, i, 0, lows, fast)
        plain: list = []
        lex._gap_hits(lex._lookup(word), (), after, i, 0, lows, plain)
        lex._stem_hits(word, i, 0, plain)
        assert fast == plain, (lows, i)


NOTE_NAMES = ["w:a", "w:b", "w:a b", "s:odot", "b:ei toimi", "n:toimi", "!:2", "?:1", "rules"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NOTE_NAMES), st.sampled_from([1.5, -1.5, 0.25, -0.25]) | st.floats(-5, 5)),
                max_size=8), st.booleans())
@example([("w:b", 1.0), ("w:a", 1.0), ("rules", 1.0), ("s:odot", -1.0)], True)  # ties told apart by name
def test_the_note_s_strongest_features_are_the_plain_sort_s(seen: list[tuple[str, float]], negative: bool) -> None:
    # explain sorts by name, then stably by weight, instead of one sort with a (weight, name) key a feature: its text
    # names the plain sort's first SHOWN_FEATURES, in that order
    plain = sorted(seen, key=lambda s: (-s[1] if negative else s[1], s[0]))[:SHOWN_FEATURES]
    parts = [f"rules {w:+.2f}" if name == "rules" else f"'{_shown(name)}' {w:+.2f}" for name, w in plain]
    assert explain(0.5, list(seen), negative) == "model 0.50" + (": " + ", ".join(parts) if parts else ""), seen


def test_a_zero_weight_shows_its_own_sign_whichever_came_first() -> None:
    # the shown texts are remembered by (feature, weight), and 0.0 == -0.0: a remembered "-0.00" showed for +0.0
    assert explain(0.5, [("w:zero", -0.0)], False) == "model 0.50: 'zero' -0.00"
    assert explain(0.5, [("w:zero", 0.0)], False) == "model 0.50: 'zero' +0.00"


def test_the_note_names_the_strongest_features_for_its_answer_ties_by_name() -> None:
    seen = [("w:b", 1.0), ("s:odot", -1.0), ("w:a", 1.0), ("rules", 1.0), ("!:2", -0.25)]
    assert explain(0.5, seen, True) == "model 0.50: rules +1.00, 'a' +1.00, 'b' +1.00"
    assert explain(0.5, seen, False) == "model 0.50: 'odot*' -1.00, '!!' -0.25, rules +1.00"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(1, 3), st.integers(0, 2), st.sampled_from(["Posti", "posti"])),
                max_size=6))
@example([(2, 1, 0, "Posti"), (2, 3, 0, "Posti"), (0, 1, 1, "posti"), (2, 3, 1, "posti")])
def test_the_matches_are_sorted_as_the_plain_key_sorts_them(spans: list[tuple[int, int, int, str]]) -> None:
    # distinct sorts by end (descending), then by start, both stable: by start, a longer match first, ties kept
    found = [(start, start + size, bi, form.lower(), form, "exact", float(k)) for k, (start, size, bi, form)
             in enumerate(spans)]
    plain = sorted(found, key=lambda f: (f[0], f[0] - f[1]))
    if len(found) > 1:  # distinct sorts the list it is given (one match or none: left as it is)
        distinct(found, ["Posti", "Elisa", "Alko"])
        assert found == plain, spans


CURIOUS_WORDS_AROUND = [*sorted(CURIOUS_WORDS), *sorted({w for pair in CURIOUS_PAIRS for w in pair}), "why", "."]
ACTS_WORDS = ["chipped", "peeling", "cold", "in", "for", "we", "i", "was", "potatoes", "beer", "drink", "a",
              "didn't even", "need", "water", "."]
SCORE_WORDS = [*sorted(SCORES)[:3], "Stockmann", "teki", "maalin", ".", "!", "ja"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CURIOUS_WORDS_AROUND + ACTS_WORDS + SCORE_WORDS), min_size=1, max_size=10))
@example(["just", "curious", "why"])
@example(["we", "all", "chipped", "in", "for"])
@example(["i", "didn't even", "need", "to"])
@example(["a", "cold", "beer", "and", "peeling", "potatoes"])
@example(["Stockmann", "teki", "hattutempun"])
def test_the_guarded_readings_are_the_plain_ones(lows: list[str]) -> None:
    # curious, someones_act and scorer probe for their words before they walk: the answers of the plain walks
    assert curious(lows) == any(w in CURIOUS_WORDS or (w, lows[k + 1] if k + 1 < len(lows) else "") in CURIOUS_PAIRS
                                for k, w in enumerate(lows)), lows
    for start in range(len(lows)):
        end = start + 1
        plain = gave(lows, start, end) or lows[start] == "peeling" and someone_peeled(lows, start) or eased(
            lows, start, end) or lows[start] == "cold" and served_cold(lows, start)
        assert someones_act(lows, start, end) == plain, (lows, start)
        stop = sentence_end(lows, start + 1, min(len(lows), start + 1 + SCORE_WINDOW))
        told = next((f"'{lows[k]}' after it: a player" for k in range(start + 1, stop) if lows[k] in SCORES), "")
        assert scorer(lows, lows, start) == told, (lows, start)


# Words, marks and emoji around a praise word at a post's end (tone_irony's tails, a claim quoted back).
TAIL_WORDS = ["nice", "cool", "lovely", "again", "ei", "they", "said", "food", ".", "!", "?", "\n", ";", ",", "😡", "👍"]


def _plain_lone_tail(lows: list[str], start: int, end: int) -> bool:
    """lone_tail as it looked through the rest of the post for each praise word (before last_places)."""
    if not start or lows[start - 1][0] not in BOUNDARY_CHARS or any(w[0] not in BOUNDARY_CHARS for w in lows[end:]):
        return False
    return sum(w[0].isalnum() for w in lows[:start]) >= SARCASM_TAIL_WORDS


def _plain_sarcastic_tail(lows: list[str], at: int) -> bool:
    """sarcastic_tail as it walked its sentence and looked through the rest of the post for each praise word."""
    n = len(lows)
    k = at - 1
    while k >= 0 and lows[k][0] not in BOUNDARY_CHARS:
        k -= 1
    if any(w[0] in BOUNDARY_CHARS for w in lows[at + 1:n]) and not all(w[0] in BOUNDARY_CHARS for w in lows[at + 1:n]) \
            and not (k >= 0 and short_run(lows, k + 1)):
        return quoted_back(lows, at)
    if k < 0 or at - k > SARCASM_TAIL_WORDS:
        return False
    return sum(w[0].isalnum() for w in lows[:k]) >= SARCASM_TAIL_WORDS


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TAIL_WORDS), min_size=1, max_size=24), st.integers(0, 25))
@example("they said no . food , they said . nice".split(), 0)  # a praise word as the last sentence
@example("ei ei ei ei . nice . cool . lovely !".split(), 0)  # a run of short sentences that ends the post
@example("ei ei ei ei . food , they said . nice".split(), 0)
@example("ei ei ei ei ei ei ei ei ei ei ei ei . nice cool lovely nice .".split(), 0)  # a long way to its run's start
@example(["nice", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "ei", "."], 0)
@example("ei ei ei . ei nice . a . b . c . d . e .".split(), 0)  # its sentence begins just past a run's reach
@example("ei ei ei . ei ei nice .".split(), 0)  # the post's last word, marks after it: its last sentence
def test_the_tails_told_by_the_post_s_last_places_are_the_plain_walks(lows: list[str], end: int) -> None:
    places = last_places(lows)
    assert places[0] == max((k for k, w in enumerate(lows) if w[0] in BOUNDARY_CHARS), default=-1), lows
    assert places[1] == max((k for k, w in enumerate(lows) if w[0] not in BOUNDARY_CHARS), default=-1), lows
    for at in range(len(lows)):
        plain = _plain_sarcastic_tail(lows, at)
        assert sarcastic_tail(lows, at, places) == plain and sarcastic_tail(lows, at) == plain, (lows, at)
        for stop in (at + 1, at + end):
            assert lone_tail(lows, at, stop, places[1]) == _plain_lone_tail(lows, at, stop), (lows, at, stop)
        plain_irony = _plain_lone_tail(lows, at, at + 1) and any(w in IRONY_BEFORE or w.endswith("n't")
                                                                 for w in lows[:at])
        assert ironic_tail(lows, at, places[1]) == plain_irony == ironic_tail(lows, at), (lows, at)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TAIL_WORDS, "though", "least", "sentään"]), min_size=1, max_size=30), st.data())
def test_the_consoled_places_read_once_are_the_plain_walks(lows: list[str], data: st.DataObject) -> None:
    ats = data.draw(st.lists(st.integers(0, len(lows) - 1), max_size=12))
    assert consoling_places(lows, ats) == {at for at in ats if consoling(lows, at)}, (lows, ats)


class _NoPlainPost:
    """READING_WORDS that every post holds a word of: BrandMatcher asks every bare name's other reading."""

    def isdisjoint(self, words: object) -> bool:
        return False


# A plain name (Nordea), persons' names too (Sampo, Elisa, Helen) and a homonym (Musti: it has context words); the
# words other readings look for beside a bare name (a first name, a kind, a score, a pet word) and others.
READING_ENGINE = Engine((BrandSpec("Nordea"), BrandSpec("Sampo"), BrandSpec("Elisa"), BrandSpec("Helen"),
                         BrandSpec("Musti", context=("lemmikki*",))), [], {})
READING_BRANDS = ["Nordea", "Nordean", "nordea", "Sampo", "Sammon", "Elisa", "Elisan", "Helen", "Helenin", "Musti",
                  "Mustin", "@nordea", "#sampo"]
READING_AROUND = ["Pekka", "Matti", "jäänmurtaja", "tähdistö", "hattutempun", "scored", "koira", "lenkillä", "kanssa",
                  "teki", "ja", "kävin", "pankki", "she", "my", "dog", "the", "icebreaker", ".", ",", "!", "?"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(READING_BRANDS + READING_AROUND), min_size=1, max_size=8))
@example(["Nordea", "teki", "hattutempun"])
@example(["jäänmurtaja", "Sampo"])
@example(["Pekka", "Nordea", "ja", "Elisa"])
@example(["Helenin", "kanssa", "kävin"])
@example(["Elisa", "the", "dog", "she"])
@example(["Lenkillä", "Mustin", "kanssa"])
def test_a_bare_name_s_other_readings_are_asked_only_where_they_may_apply(words: list[str]) -> None:
    # resolve asks _other_reading of a name that is no person's or homonym's only when the post holds a word a reading
    # looks for beside it (other_readings.READING_WORDS) or a topic: every verdict and note as when it asks always
    text = " ".join(words)
    guarded = READING_ENGINE.evaluate(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(match, "READING_WORDS", _NoPlainPost())
        assert READING_ENGINE.evaluate(text) == guarded, text


# Words a question may turn on inside a clause or at its start, in two cases, and others; marks, emoji, a tag.
ASKING_AROUND = ["toimiiko", "Toimiiko", "onko", "ONKO", "tauko", "Marimekko", "miksi", "why", "is", "please", "vai",
                 "kertokaa", "miten", "Posti", "posti", "ei", "toimi", "taas", "app", "working", "#toimiiko", "Kiitos",
                 "?", ".", "!", ",", ":", "😡", "Ɫoko", "\u212aissa"]


def _reasons(text: str, skip: set[int]) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    tokens = tokenize(text)
    refused: list[tuple[str, str]] = []
    return questions.question_reasons(text, tokens, lower_tokens(tokens, text), skip, refused), refused


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ASKING_AROUND), min_size=1, max_size=9), st.sets(st.integers(0, 8), max_size=2))
@example(["Posti", "toimiiko", "tänään"], {1})
def test_the_remembered_plain_tokens_ask_as_the_plain_loop(words: list[str], skip: set[int]) -> None:
    # question_reasons remembers the tokens that ask nothing inside a clause (the words of earlier posts too) and passes
    # over them: the reasons and the words told apart of the loop that tests each token (nothing remembered)
    text = " ".join(words)
    remembered, again = _reasons(text, skip), _reasons(text, skip)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(questions, "_PLAIN_TOKENS", set())
        patch.setattr(questions, "PLAIN_TOKENS_MEMO", 0)
        assert remembered == again == _reasons(text, skip), (text, skip)
        assert not questions._PLAIN_TOKENS
    assert _reasons("Posti toimiiko tänään", set()) == (("clitic 'toimiiko'",), [])  # not remembered where skipped


# The loops that stand for any()/all()/next() over a generator (a generator's frame cost more than the checks)

@given(st.text(alphabet="aAäÄ-1", max_size=8), st.integers(0, 3), st.lists(st.integers(0, 6), max_size=3))
def test_a_name_s_capitals_are_the_plain_all(token: str, offset: int, caps: list[int]) -> None:
    plain = all(offset + k < len(token) and token[offset + k].isupper() for k in caps) if caps else (
        token[offset:offset + 1].isupper())
    assert has_capitals(token, offset, tuple(caps)) == plain


@given(st.text(alphabet="akmsu", max_size=12), st.frozensets(st.text(alphabet="akmsu", min_size=1, max_size=5)))
def test_a_company_word_is_the_plain_any(word: str, forms: frozenset[str]) -> None:
    plain = word in forms or any(word[k:] in forms for k in range(COMPOUND_HEAD_AT, len(word) - 2))
    assert company_word(word, forms) == plain


@given(st.lists(st.sampled_from(["a", "b", ".", "?!", "\n", "#c"]), max_size=8), st.integers(0, 9), st.integers(0, 9))
def test_a_sentence_s_end_is_the_plain_next(tokens: list[str], start: int, stop: int) -> None:
    stop = min(stop, len(tokens))
    assert sentence_end(tokens, start, stop) == next(
        (k for k in range(start, stop) if tokens[k][0] in BOUNDARY_CHARS), stop)


@given(st.lists(st.sampled_from(["ei", "a", "b", "c"]), max_size=6), st.integers(0, 3),
       st.lists(st.frozensets(st.sampled_from(["a", "b", "c"]), max_size=2), min_size=1, max_size=3))
def test_a_phrase_goes_on_as_the_plain_all(lows: list[str], at: int, rest: list[frozenset[str]]) -> None:
    if at + len(rest) <= len(lows):  # as every caller has asked first
        assert lexicon._goes_on(lows, at, tuple(rest)) == all(lows[at + k] in f for k, f in enumerate(rest))


_GUESSING = Engine((BrandSpec("Prisma"), BrandSpec("Fortum"), BrandSpec("Motonet"), BrandSpec("Posti")), [], {},
                   MatchOptions(fuzzy=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Prisma", "Primsa", "prismasta", "Fortumin", "Fortmu's", "Motnetilta", "posti",
                                 "#prisma", "@posti", "ostin", "800", "forumista", "Milloin", "mitä", "pr", ",", "."]),
                min_size=1, max_size=8))
def test_no_misspelt_name_is_guessed_where_every_word_that_may_be_one_is_a_form(words: list[str]) -> None:
    """resolve leaves _misspelt out where the lexicon marked no word that no form matched: it finds nothing there."""
    text = " ".join(words)
    tokens = tokenize(text)
    lows = lower_tokens(tokens, text)
    marked: list[int] = []
    hits = _GUESSING._lexicon.scan(lows, text.lower(), marked)
    matched = {k for start, end, _, _ in hits for k in range(start, end)}
    notes: list[str] = []
    found = _GUESSING._brands._misspelt(tokens, lows, matched, marked, True, ClauseMarks(text, tokens), True, notes)
    if matched.issuperset(marked):
        assert found == [] and notes == []
