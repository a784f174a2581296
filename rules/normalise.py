"""Text to tokens: links dropped; words, @handles, #tags, sentence marks, emoji and emoticons; lower-cased forms;
the clause marks the tokens drop (ClauseMarks)."""

from __future__ import annotations

import html
import re
from collections.abc import Set as AbstractSet
from html.entities import html5

# A word may join parts with - : or an apostrophe (S-Pankki, OP:n, Nordea's), and letters of three or fewer with '&'
# (H&M, AT&T, L&T:n; Telia&Elisa and Musti&Mirri stay two words, as with a lone '&'); punctuation runs and line
# breaks are kept as tokens of their own because they end sentences. Each emoji is a token, and so is an
# emoticon standing alone (:( :-) ;) <3), so packs list them like words. A named internet abbreviation cut by a ';'
# (CUT_ABBREVIATIONS: tl;dr in any case) is one word, its dr no title; any other letters either side of a ';' stay
# words of their own (OP;DNA;HSL lists three names).
CUT_ABBREVIATIONS = ("tl;dr",)
CUT_ABBREVIATION = r"(?=;)(?i:" + "|".join(  # tried only where a ';' follows the word's letters, its head
    rf"(?<=(?<![^\W_]){re.escape(head)});{re.escape(tail)}"
    for head, tail in (a.split(";") for a in CUT_ABBREVIATIONS)) + r")(?!\w)"
EMOJI = "\u2600-\u27BF\u2B00-\u2BFF\U0001F300-\U0001FAFF"
EMOTICON = r"(?<!\S)(?:>?:-?[()/|@DPdp]|:'\(|;-?\)|<3|=\))(?!\S)"
# A web address in a name is one word, with a Finnish ending too (Verkkokauppa.comista); "loppui.fiksua" is two.
DOMAIN = (r"(?:\.(?:com|fi|net|org|eu|io)(?:i?(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|a|ä|ta|tä|in|iin|ksi)"
          r"(?:kin|kaan|kään|han|hän|ko|kö)?)?(?!\w))")
# A plus glued to a word's last letter names a service (Ruutu+, Wolt+, Disney+:lla, C++): part of the word, with a
# Finnish ending after its colon; a plus between words (Ruutu+Liiga) or after a number (18+) is none
PLUS_NAME = r"(?:(?=\+)(?<=[^\W\d_])\++(?![\w+])(?::\w+)?)?"  # the '+' first: the lookbehind only before one
# '&' between letter groups of three or fewer; the '&' first, so a word's end that has none fails at once
SHORT_AMPERSAND = r"&(?<![^\W_]{4}&)(?=[^\W_]{1,3}(?![^\W_]))\w+"
# Every token begins with one of these; the lookahead tests it first, so a space or comma between tokens fails at once
# instead of against each alternative (a tenth of tokenize's time).
TOKEN_START = rf"[\w@#>:;<=.!?\n{EMOJI}]"
# What may follow a word's letters: an abbreviation's ';' tail, a plus or a web address; one lookahead for the three,
# so that the common word, followed by none of ; + or ., skips them at once (a fifth of tokenize's time)
WORD_TAIL = rf"(?:(?=[;+.])(?:{CUT_ABBREVIATION})?{PLUS_NAME}(?:{DOMAIN}(?:[-:'’]\w+)*)?)?"
TOKEN_RE = re.compile(
    rf"(?={TOKEN_START})(?:[@#]?\w+(?:[-:'’]\w+|{SHORT_AMPERSAND})*{WORD_TAIL}|{EMOTICON}|"
    rf"[.!?;]+|\n|[{EMOJI}])")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
BOUNDARY_CHARS = frozenset(".!?;\n")
TAG_CHARS = frozenset("@#")
# What the tokens drop between two words that still parts them: a comma, a colon, a bracket, an ellipsis, a dash
# standing alone (a hyphen only with a space either side: not "Koti- ja", "-40 %"; an em dash anywhere, but not
# the en dash of a range, 2–4), a plus or an equals sign standing alone (Ruutu plus + Liiga = ilta). A comma between
# digits is a decimal (12,6), no mark.
CLAUSE_GAP = re.compile(r"[,:()\[\]…]|\s[-–—+=]+\s|—")
QUOTES = "\"“”'‘’«»"
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")


# Characters that show nothing and may hide a name from the tokens (Nor\u200bdea): zero-width spaces and joiners,
# the word joiner, a soft hyphen, the byte-order mark and the bidi controls; a zero-width joiner only between letters
# (in emoji it joins the picture: 👨‍👩‍👧).
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|"
                        r"(?<=[^\W\d_])\u200d(?=[^\W\d_])")
_MAY_HIDE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")  # one class:
# searched in C at 0.2 us a post, where _INVISIBLE's joiner test costs 1.7


def clean(text: str) -> str:
    """The text without links (a link's ?query=1 is no question and its words no mention), with its character
    references read as what they stand for (X's API and Reddit's JSON write H&amp;M; the post stays as typed) and
    without the invisible characters that would part a word (Nor\u200bdea)."""
    if not text.isascii() and _MAY_HIDE.search(text):
        text = _INVISIBLE.sub("", text)
    if "://" in text or "www." in text or "WWW." in text:
        text = URL_RE.sub(" ", text)
    if "&" in text and ";" in text:
        text = decode_references(text)
    return text


def decode_references(text: str) -> str:
    """Character references written out in full (&amp; &lt; &#39; &#x1F600;) decoded; a bare '&' (AT&T, "&notice",
    "&amp" without its ';') and an unknown name stay as typed."""
    return _REFERENCE.sub(_decoded, text)


def _decoded(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] == "#":
        return html.unescape(ref)  # a NUL, a surrogate or a number past U+10FFFF becomes U+FFFD
    return html5.get(ref[1:], ref)  # the name whole: html.unescape would read "&amplifier;" as "&" + "lifier;"


def tokenize(text: str) -> list[str]:
    """Word, @handle, #hashtag and sentence-mark tokens of cleaned text, in order."""
    return TOKEN_RE.findall(text)


def phrase_words(phrase: str) -> list[str]:
    """A configured phrase's words as the tokens read them: a lone '&' between two is none (Lassila & Tikanoja: two
    words; & Other Stories keeps it, and matches nothing rather than 'other stories')."""
    words = phrase.split()
    if "&" not in words[1:-1]:
        return words
    return [w for k, w in enumerate(words) if w != "&" or k == 0 or k == len(words) - 1]


def lower_tokens(tokens: list[str], text: str) -> list[str]:
    """Lower-cased tokens for lookups, with ’ as '; a #hashtag loses its '#' (its words still count)."""
    lows = [t[1:].lower() if t[0] == "#" else t.lower() for t in tokens] if "#" in text else [*map(str.lower, tokens)]
    if "’" in text:
        lows = [t.replace("’", "'") for t in lows]
    return lows


def is_emoji(token: str) -> bool:
    """True for an emoji or emoticon token (😡, :( ), which carries tone but is no word of a sentence."""
    return not token[0].isalnum() and token[0] not in BOUNDARY_CHARS and token[0] not in TAG_CHARS


def is_word(token: str) -> bool:
    """True for a word token (not a sentence mark); @handles and #tags are words here."""
    return token[0] not in BOUNDARY_CHARS


def sentence_end(tokens: list[str], start: int, stop: int) -> int:
    """The first token from `start` before `stop` that ends a sentence (. ! ? ; or a line break), or `stop`."""
    for k in range(start, stop):  # a loop, not next() of a generator: asked for most words a rule weighs
        if tokens[k][0] in BOUNDARY_CHARS:
            return k
    return stop


def in_sentence_before(tokens: list[str], at: int, words: AbstractSet[str], reach: int) -> bool:
    """True when one of `words` stands among the `reach` tokens before tokens[at], in its sentence."""
    for k in range(at - 1, max(-1, at - 1 - reach), -1):
        word = tokens[k]
        if word[0] in BOUNDARY_CHARS:
            return False
        if word in words:
            return True
    return False


def same_sentence(tokens: list[str], a: int, b: int) -> bool:
    """True when no token between tokens `a` and `b` (either first) ends a sentence."""
    low, high = (a, b) if a < b else (b, a)
    return sentence_end(tokens, low + 1, high) == high


class ClauseMarks:
    """Which tokens a clause mark follows (see CLAUSE_GAP), found on the first question: `i in marks` is True when a
    comma, colon, bracket, ellipsis, or a dash, plus or equals sign standing alone comes between tokens i and i + 1."""

    __slots__ = ("_text", "_tokens", "_after", "_gaps")

    def __init__(self, text: str, tokens: list[str]) -> None:
        self._text, self._tokens = text, tokens  # the cleaned text the tokens were found in
        self._after: dict[int, str] | None = None
        self._gaps: list[str] | None = None  # the text between tokens, when asked for

    def __contains__(self, i: object) -> bool:
        after = self._after if self._after is not None else self._find()
        return i in after

    def mark(self, i: int) -> str:
        """The first clause mark between tokens i and i + 1 (",", ":", "(", "-" ...), or ""."""
        after = self._after if self._after is not None else self._find()
        return after.get(i, "")

    def inside(self, start: int, end: int) -> str:
        """The first clause mark between two of the tokens start..end - 1 (Koti, pizza), or ""."""
        return next((self.mark(k) for k in range(start, end - 1) if k in self), "")

    def quoted(self, i: int) -> bool:
        """True when quotation marks stand right around token i alone ("moi", 'sato')."""
        if self._gaps is None:
            self._gaps = TOKEN_RE.split(self._text)
        if i + 1 >= len(self._gaps):
            return False  # NO_MARKS, or a token of another text
        before, after = self._gaps[i], self._gaps[i + 1]
        return bool(before) and before[-1] in QUOTES and bool(after) and after[0] in QUOTES

    def gap(self, i: int) -> str:
        """The text between tokens i and i + 1 as written ("," in 7,49; "% " in -30% alepassa), or ""."""
        if self._gaps is None:
            self._gaps = TOKEN_RE.split(self._text)
        return self._gaps[i + 1] if 0 <= i and i + 1 < len(self._gaps) - 1 else ""

    def _find(self) -> dict[int, str]:
        """Index -> mark for each pair of tokens a clause mark stands between, from the text TOKEN_RE splits."""
        text, tokens = self._text, self._tokens
        after: dict[int, str] = {}
        if CLAUSE_GAP.search(text):
            gaps = self._gaps = TOKEN_RE.split(text)  # gaps[i + 1] stands between tokens[i] and tokens[i + 1]
            last = len(tokens) - 1
            for i in [i for i, gap in enumerate(gaps) if gap != " " and 0 < i <= last]:  # most gaps are one space
                gap = gaps[i]
                if gap != "," or not (tokens[i - 1][-1].isdigit() and tokens[i][0].isdigit()):
                    found = CLAUSE_GAP.search(gap)
                    if found:
                        after[i - 1] = found.group().strip()[0]
        self._after = after
        return after


def _no_marks() -> ClauseMarks:
    """Marks of no text, built already found (no mark, no gap), so that asking never changes the shared object."""
    marks = ClauseMarks("", [])
    marks._after, marks._gaps = {}, TOKEN_RE.split("")
    return marks


NO_MARKS = _no_marks()  # for callers that have no text: no token is followed by a mark
