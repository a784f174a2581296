"""A stranger's name in a suggested reply: never a link, a mention or hidden characters the brand would send."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.limits import MAX_TEMPLATE_NAME
from kuulo.rules.engine import Engine
from kuulo.rules.specs import BrandSpec
from kuulo.rules.templates import fill, safe_name

TEMPLATE = "Hei {author}! Kiitos viestistä, {brand} auttaa ({platform})."


def test_the_phishing_display_name_is_not_one_click_from_being_sent() -> None:
    filled = fill(TEMPLATE, {"author": "Mallory https://evil.example/login free prize!", "brand": "Nordea",
                             "platform": "x"})
    assert filled == "Hei Mallory free prize!! Kiitos viestistä, Nordea auttaa (x)."


@pytest.mark.parametrize("name, safe", [
    ("Matti", "Matti"),
    ("Anna-Liisa O'Neil", "Anna-Liisa O'Neil"),
    ("S. Virtanen", "S. Virtanen"),
    ("Ääkkönen 😀", "Ääkkönen 😀"),
    ("@matti@mastodon.social", "matti"),  # the person's own name stays, the mention goes
    ("Bob @ceo @@competitor", "Bob ceo competitor"),
    ("Bob evil.com/x?y=1 & www.x.fi", "Bob &"),
    ("Bob evil。example", "Bob"),  # an ideographic full stop is a dot to IDNA
    ("mail me: user@example.com", "mail me:"),
    ("<!channel> <https://evil.example|click> Eve", "Eve"),
    ("Eve <b", "Eve"),
    ("A\u202eB\u200bC\u2066D", "ABCD"),  # bidi override, zero-width space, isolate
    ("line\nbreak\tand\u2028more", "line break and more"),
    ("x" * 100, "x" * MAX_TEMPLATE_NAME),
])
def test_names_are_stripped_of_links_mentions_tags_and_hidden_characters(name: str, safe: str) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize("name, safe", [
    ("x" * 100_000, "x" * MAX_TEMPLATE_NAME),  # read only as far as the cut needs (a live source's hostile author)
    ("ab." * 50_000, ""),  # a link as long as the name: gone, in one bounded pass
    ("Eve" + " " * 310 + "evil.example/x", "Eve"),  # a link cut where reading stops is no link left behind
    ("@" * 400 + "Eve", ""),
], ids=["letters", "link", "cut-link", "mentions"])
def test_a_long_name_is_cleaned_as_its_beginning_is(name: str, safe: str) -> None:
    assert safe_name(name) == safe


def test_only_the_strangers_values_are_cleaned() -> None:
    values = {"author": "@x", "brand": "Verkkokauppa.com", "platform": "evil.example", "category": "<kortit>"}
    assert fill("{author}|{brand}|{platform}|{category}", values) == "x|Verkkokauppa.com||<kortit>"


def test_the_engine_fills_suggestions_with_the_safe_name() -> None:
    engine = Engine([BrandSpec(name="Nordea")], [], {"default": {"fi": [TEMPLATE]}})
    verdict = engine.evaluate("Miksi Nordea ei vastaa?", platform="x", author="Mallory <https://evil.example|x>")
    assert [s.text for s in verdict.suggestions] == ["Hei Mallory! Kiitos viestistä, Nordea auttaa (x)."]


_LINKISH = re.compile(r"://|www\.|[\w-]\.[^\W\d_]{2}", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
       | st.lists(st.sampled_from(["@", "<", ">", "http://", "evil", ".", "。", "com", " ", "\u202e", "\u200b",
                                   "\n", "matti", "|", "/"]), max_size=30).map("".join))
def test_any_name_comes_out_short_and_without_links_mentions_or_hidden_characters(name: str) -> None:
    safe = safe_name(name)
    assert len(safe) <= MAX_TEMPLATE_NAME
    assert not set(safe) & set("@<>")
    assert not _LINKISH.search(unicodedata.normalize("NFKC", safe).replace("。", "."))
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") for c in safe)
    assert safe_name(safe) == safe  # stable: cleaning a clean name changes nothing


@pytest.mark.parametrize("template, author, filled", [
    ("Hi {author}, good question!", "priya.silva.bsky.social", "Hi, good question!"),  # a handle that is a link
    ("Hei {author}! Kiitos.", "", "Hei! Kiitos."),
    ("Hei {author} ja kiitos", "", "Hei  ja kiitos"),  # no punctuation after it: the text is left as written
    ("Hi {author}, thanks", "Maija", "Hi Maija, thanks"),
])
def test_a_name_that_comes_out_empty_leaves_no_space_before_the_punctuation(template: str, author: str,
                                                                             filled: str) -> None:
    assert fill(template, {"author": author}) == filled
