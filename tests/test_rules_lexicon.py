"""The lexicon's scan: remembered words, phrases beside single words, and parts in the order they were added."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kuulo.rules.lexicon import Lexicon, part_tree, parts_in


def hits(lexicon: Lexicon, text: str) -> list[tuple[int, int, str]]:
    """(first token, token after the last, payload) of each hit in a space-separated lower-case text."""
    lows = text.split()
    return [(start, end, payload) for start, end, _, payload in lexicon.scan(lows, text)]


def test_a_word_scanned_before_a_pattern_was_added_gets_its_hits_after() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("kortti", "card", inflect=False)
    assert hits(lexicon, "korttimaksu kortti") == [(1, 2, "card")]
    lexicon.add_form("korttimaksu", "fee")
    assert hits(lexicon, "korttimaksu kortti") == [(0, 1, "fee"), (1, 2, "card")]
    lexicon.add_pattern("kortti*", "card stem")
    assert hits(lexicon, "korttimaksu kortti") == [(0, 1, "fee"), (0, 1, "card stem"), (1, 2, "card"),
                                                   (1, 2, "card stem")]


def test_a_phrase_is_found_only_before_its_next_word_and_the_single_word_every_time() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("ei", "not", inflect=False)
    lexicon.add_pattern("ei toimi", "broken", inflect=False)
    assert hits(lexicon, "ei toimi") == [(0, 1, "not"), (0, 2, "broken")]
    assert hits(lexicon, "ei se") == [(0, 1, "not")]
    assert hits(lexicon, "toimi ei") == [(1, 2, "not")]  # remembered 'ei', and no word after it
    reverse = Lexicon()  # a phrase added before its first word alone: its hit comes first
    reverse.add_pattern("ei toimi", "broken", inflect=False)
    reverse.add_pattern("ei vastaa", "silent", inflect=False)
    reverse.add_pattern("ei", "not", inflect=False)
    assert hits(reverse, "ei toimi ei vastaa") == [(0, 2, "broken"), (0, 1, "not"), (2, 4, "silent"), (2, 3, "not")]


def test_a_peeled_word_keeps_its_hits_when_seen_again() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("posti", "brand", inflect=False)
    assert hits(lexicon, "postikin toimii") == [(0, 1, "brand")]
    assert hits(lexicon, "postikin toimii") == [(0, 1, "brand")]


def test_parts_come_in_the_order_they_were_added_whatever_they_share() -> None:
    lexicon = Lexicon()
    for part in ("kortit", "konttori", "korttej", "kortti", "jono"):
        lexicon.add_pattern(f"*{part}*", part)
    found = hits(lexicon, "lähikonttori pankkikortti puhelinjono kortti")
    assert found == [(0, 1, "konttori"), (1, 2, "kortti"), (3, 4, "kortti"), (2, 3, "jono")]


def test_the_part_tree_finds_every_part_in_a_text_and_no_other() -> None:
    parts = {"kortti": [0], "kortit": [1], "kort": [2], "konttori": [3], "häka": [4], "x": [5]}
    tree = part_tree(parts, 1)
    for text, want in (("kortti", [0, 2]), ("kortit ja konttori", [1, 2, 3]), ("häkä", []), ("xhäkax", [4, 5])):
        found: list[int] = []
        parts_in(tree, text, found)
        assert sorted(found) == want, text


def test_a_part_added_after_a_word_was_seen_is_found_in_it_and_never_across_two_words() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("jono", "queue", inflect=False)
    assert hits(lexicon, "puhelinjonossa jono") == [(1, 2, "queue")]
    lexicon.add_pattern("*jono*", "queue part")
    assert hits(lexicon, "puhelinjonossa jono") == [(1, 2, "queue"), (0, 1, "queue part"), (1, 2, "queue part")]
    assert hits(lexicon, "jo no") == []


def test_scan_lists_the_words_marked_whether_remembered_hyphenated_or_new() -> None:
    lexicon = Lexicon()
    lexicon.add_pattern("kortti", "card", inflect=False)
    assert hits(lexicon, "nordae kortti") == [(1, 2, "card")]  # seen before the test was set
    lexicon.mark(lambda word: word.startswith("nord"))
    for _ in range(2):  # the second time from remembered words
        marked: list[int] = []
        lows = "nordae kortti nordea-kortti nordic".split()
        lexicon.scan(lows, " ".join(lows), marked)
        assert marked == [0, 2, 3]


def _compound_hits_joined(lexicon: Lexicon, word: str, lows: list[str]) -> list:
    """A hyphenated word's hits as _compound_hits found them before it was bounded: every leading run of parts joined
    and looked up, quadratic in the parts (the reference the bounded one must equal)."""
    out: list = []
    lexicon._word_hits(word, 0, 0, lows, out)
    parts = word.split("-")
    offset = 0
    for k, part in enumerate(parts):
        if k and part:
            lexicon._word_hits(part, 0, offset, lows, out, phrases=k == len(parts) - 1)
        offset += len(part) + 1
    if parts[0]:
        for k in range(len(parts) - 1, 0, -1):
            lexicon._word_hits("-".join(parts[:k]), 0, 0, lows, out, phrases=False)
    return out


def _compound_lexicon() -> Lexicon:
    lexicon = Lexicon()
    for pattern in ("s-pankki", "s-etu-kortti", "kortti", "ei toimi", "s-pank*", "s-e*", "ruuhk*", "yt*", "sisu",
                    "sisu-auto", "*etu*", "s-s-s-s-etu*"):  # forms of two hyphens at most; a stem of four
        lexicon.add_pattern(pattern, pattern)
    return lexicon


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["s", "S", "pankki", "pankkikin", "etu", "kortti", "korttini", "ruuhka", "yt", "", "sisu",
                                 "auto", "ei"]), min_size=2, max_size=14), st.sampled_from(["", "toimi", "kortti"]))
@example(["s", "etu", "kortti", "s", "s"], "")  # a form of two hyphens leading: looked up
@example(["s", "etu", "korttini", "s"], "")  # and peeled
@example(["s", "s", "s", "s", "etu", "s"], "")  # s-s-s-s: past two hyphens, yet shorter than the stem s-s-s-s-etu
def test_a_hyphenated_word_hits_as_if_every_leading_run_of_parts_were_looked_up(parts: list, after: str) -> None:
    lexicon = _compound_lexicon()
    word = "-".join(parts).lower()
    lows = [word, after] if after else [word]
    out: list = []
    lexicon._compound_hits(word, 0, lows, out)
    assert out == _compound_hits_joined(lexicon, word, lows)


def test_a_hostile_hyphenated_word_is_looked_up_in_work_linear_in_its_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = _compound_lexicon()
    looked_up: list[int] = []
    word_hits = Lexicon._word_hits

    def counted(self: Lexicon, word: str, *args: Any, **kwargs: Any) -> None:
        looked_up.append(len(word))
        word_hits(self, word, *args, **kwargs)

    for word in ("s-" * 20_000, "ruuhka-" * 3_000 + "s-pankki", "s-pankki-" * 3_000):
        joined = _compound_hits_joined(lexicon, word, [word])  # the quadratic reference, the right answer
        looked_up.clear()
        monkeypatch.setattr(Lexicon, "_word_hits", counted)
        out: list = []
        lexicon._compound_hits(word, 0, [word], out)
        monkeypatch.setattr(Lexicon, "_word_hits", word_hits)
        assert out == joined and len(out) >= word.count("ruuhka")  # each leading run begins with ruuhk*: a hit each
        assert sum(looked_up) <= 4 * len(word), (len(word), sum(looked_up))  # was ~len(word) ** 2 / 4


def _phrase_lexicon() -> Lexicon:
    lexicon = _compound_lexicon()
    for pattern in ("kortti ei toimi", "s-pankki ei", "ei vastaa", "etu loppui", "pankki taas kiinni"):
        lexicon.add_pattern(pattern, pattern, inflect=False)  # phrases of two and three words, one a negator's
    return lexicon


_WORDS = ["s-pankki", "s-etu-kortti", "x-kortti", "y-ei", "s-etu", "z-pankki", "kortti", "ei", "toimi", "kukaan",
          "vastaa", "taas", "kiinni", "loppui", "yt-neuvottelut", "sisu-auto", ".", "...", "?!", "posti.fi"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7), min_size=1, max_size=6))
@example([["x-kortti", "ei", "toimi"], ["x-kortti", "ei", "."]])  # a three-word phrase from a word's last part
@example([["y-ei", "kukaan", "vastaa"], ["y-ei", "kukaan", "."]])  # a negator's phrase across a filler
@example([["s-pankki", "ei", "toimi"], ["s-pankki", "ei"]])
def test_a_hyphenated_word_remembered_hits_as_if_each_post_were_the_first(posts: list[list[str]]) -> None:
    remembering = _phrase_lexicon()
    for lows in posts:
        text = " ".join(lows)
        assert remembering.scan(lows, text) == _phrase_lexicon().scan(lows, text), lows


def test_a_run_of_sentence_marks_is_remembered_like_a_word_not_looked_up_in_each_post(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = _phrase_lexicon()
    lexicon.add_pattern("...", "dots", inflect=False)
    looked_up: list[str] = []
    word_hits = Lexicon._word_hits

    def counted(self: Lexicon, word: str, *args: Any, **kwargs: Any) -> None:
        looked_up.append(word)
        word_hits(self, word, *args, **kwargs)

    monkeypatch.setattr(Lexicon, "_word_hits", counted)
    for _ in range(3):  # a dot ends most sentences: the one-word entry made once, like any word's
        assert hits(lexicon, "kortti . taas ... kortti ?! yt-neuvottelut .") == [(0, 1, "kortti"), (3, 4, "dots"),
                                                                                  (4, 5, "kortti"), (6, 7, "yt*"),
                                                                                  (6, 7, "yt*")]  # word, part
    assert looked_up.count(".") == looked_up.count("?!") == 0 and looked_up.count("yt-neuvottelut") == 1
