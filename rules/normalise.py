"""Text to tokens: links dropped; words, @handles, #tags, sentence marks, emoji and emoticons; lower-cased forms."""

from __future__ import annotations

import re

# A word may join parts with - : or an apostrophe (S-Pankki, OP:n, Nordea's); punctuation runs and line
# breaks are kept as tokens of their own because they end sentences. Each emoji is a token, and so is an
# emoticon standing alone (:( :-) ;) <3), so packs list them like words.
EMOJI = "\u2600-\u27BF\u2B00-\u2BFF\U0001F300-\U0001FAFF"
EMOTICON = r"(?<!\S)(?:>?:-?[()/|@DPdp]|:'\(|;-?\)|<3|=\))(?!\S)"
# A web address in a name is one word, with a Finnish ending too (Verkkokauppa.comista); "loppui.fiksua" is two.
DOMAIN = (r"(?:\.(?:com|fi|net|org|eu|io)(?:i?(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|a|ä|ta|tä|in|iin|ksi)"
          r"(?:kin|kaan|kään|han|hän|ko|kö)?)?(?!\w))")
TOKEN_RE = re.compile(rf"[@#]?\w+(?:[-:'’]\w+)*(?:{DOMAIN}(?:[-:'’]\w+)*)?|{EMOTICON}|[.!?;]+|\n|[{EMOJI}]")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
BOUNDARY_CHARS = frozenset(".!?;\n")
TAG_CHARS = frozenset("@#")


def clean(text: str) -> str:
    """The text without links: a link's ?query=1 is no question and its words no mention."""
    if "://" in text or "www." in text or "WWW." in text:
        text = URL_RE.sub(" ", text)
    return text


def tokenize(text: str) -> list[str]:
    """Word, @handle, #hashtag and sentence-mark tokens of cleaned text, in order."""
    return TOKEN_RE.findall(text)


def lower_tokens(tokens: list[str], text: str) -> list[str]:
    """Lower-cased tokens for lookups, with ’ as '; a #hashtag loses its '#' (its words still count)."""
    lows = [t[1:].lower() if t[0] == "#" else t.lower() for t in tokens] if "#" in text else [t.lower() for t in tokens]
    if "’" in text:
        lows = [t.replace("’", "'") for t in lows]
    return lows


def is_emoji(token: str) -> bool:
    """True for an emoji or emoticon token (😡, :( ), which carries tone but is no word of a sentence."""
    return not token[0].isalnum() and token[0] not in BOUNDARY_CHARS and token[0] not in TAG_CHARS


def is_word(token: str) -> bool:
    """True for a word token (not a sentence mark); @handles and #tags are words here."""
    return token[0] not in BOUNDARY_CHARS
