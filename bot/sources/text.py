"""Platform HTML (Mastodon content, feed summaries) and escaped exports to plain text, as the rules expect it."""

from __future__ import annotations

import html
import re
from html.entities import html5
from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre"})
_SKIP = frozenset({"script", "style"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n{3,}")
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str | None) -> str:
    """Tags dropped, entities decoded, paragraphs kept as blank lines, runs of spaces squeezed."""
    if not html:
        return ""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = _SPACES.sub(" ", "".join(parser.parts))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def decode_references(text: str) -> str:
    """Character references written out in full (&amp; &lt; &#39; &#x1F600;) decoded, as X's and Reddit's exports
    escape them; a bare '&' (AT&T, "&notice", "&amp" without its ';') and an unknown name stay as typed."""
    return _REFERENCE.sub(_decoded, text) if "&" in text else text


def _decoded(match: re.Match[str]) -> str:
    ref = match.group()
    if ref[1] == "#":
        return html.unescape(ref)  # a NUL, a surrogate or a number past U+10FFFF becomes U+FFFD
    return html5.get(ref[1:], ref)  # the name whole: html.unescape would read "&amplifier;" as "&" + "lifier;"
