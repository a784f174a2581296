"""Telegram's HTML parse mode as the Bot API applies it, and the entities it finds in what people type.

``parse_html(source)`` returns the text people see and its MessageEntity list, or raises ``ApiError`` with the real
400 ``Bad Request: can't parse entities: ...`` descriptions (byte offsets in UTF-8, as Telegram counts them). It
follows tdlib's parser (td/telegram/MessageEntity.cpp, ``parse_html``): only the documented tags are allowed
(core.telegram.org/bots/api#html-style); ``&lt; &gt; &amp; &quot;`` and numeric references are decoded, any other
``&`` stays literal; a ``<`` that does not open a supported tag is an error; so is a tag left open. Entity offsets
and lengths are UTF-16 code units.
"""

from __future__ import annotations

import re
from typing import Any

TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n\f\v"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")


class ApiError(Exception):
    """An answer of ``{"ok": false, "error_code", "description"[, "parameters"]}`` with that HTTP status."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """(visible text, entities) of an HTML-mode text; ApiError 400 for markup Telegram refuses."""
    return _Parser(source).run()


class _Parser:
    def __init__(self, source: str) -> None:
        self.src, self.i = source, 0
        self.out: list[str] = []
        self.utf16 = 0
        self.open: list[tuple[str, dict[str, str | None], int, int]] = []  # tag, attributes, utf16 start, out index
        self.entities: list[dict[str, Any]] = []

    def fail(self, what: str) -> ApiError:
        return bad_request(f"can't parse entities: {what}")

    def byte_offset(self, at: int) -> int:
        return len(self.src[:at].encode("utf-8", "surrogatepass"))

    def char(self, at: int) -> str:
        return self.src[at] if at < len(self.src) else ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < len(self.src):
            c = self.src[self.i]
            if c == "&":
                decoded, end = decode_reference(self.src, self.i)
                if decoded:
                    self.emit(decoded)
                    self.i = end
                    continue
            if c != "<":
                self.emit(c)
                self.i += 1
            elif self.char(self.i + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.open:
            raise self.fail(f"Can't find end tag corresponding to start tag \"{self.open[-1][0]}\"")
        for entity in self.entities:
            entity.pop("_language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities

    def start_tag(self) -> None:
        begin, src = self.i, self.src
        i = begin + 1
        while i < len(src) and src[i] not in _SPACE and src[i] != ">":
            i += 1
        if i >= len(src):
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = src[begin + 1 : i].lower()
        if name not in TAGS:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}')
        attributes: dict[str, str | None] = {}
        while True:
            while i < len(src) and src[i] in _SPACE:
                i += 1
            if i >= len(src):
                raise self.fail(f'Unclosed start tag "{name}" at byte offset {self.byte_offset(begin)}')
            if src[i] == ">":
                break
            i = self.attribute(name, begin, i, attributes)
        self.check_attributes(name, attributes, begin)
        self.open.append((name, attributes, self.utf16, len(self.out)))
        self.i = i + 1

    def attribute(self, tag: str, begin: int, i: int, attributes: dict[str, str | None]) -> int:
        src = self.src
        start = i
        while i < len(src) and src[i] not in _SPACE and src[i] not in "=>":
            i += 1
        name = src[start:i].lower()
        if not name:
            raise self.fail(f'Empty attribute name in the tag "{tag}" at byte offset {self.byte_offset(begin)}')
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if self.char(i) != "=":
            if tag == "blockquote" and name == "expandable":
                attributes[name] = None
                return i
            raise self.fail(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset '
                f"{self.byte_offset(begin)}"
            )
        i += 1
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if i >= len(src):
            raise self.fail(f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}')
        if src[i] in "'\"":
            quote, i, value = src[i], i + 1, []
            while i < len(src) and src[i] != quote:
                decoded, end = decode_reference(src, i) if src[i] == "&" else ("", i)
                value.append(decoded or src[i])
                i = end if decoded else i + 1
            if i >= len(src):
                raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
            attributes[name] = "".join(value)
            return i + 1
        token = _NAME_TOKEN.match(src, i)
        end = token.end() if token else i
        if self.char(end) not in tuple(_SPACE) + (">",):
            raise self.fail(f"Unexpected end of name token at byte offset {self.byte_offset(i)}")
        attributes[name] = src[i:end].lower()
        return end

    def check_attributes(self, tag: str, attributes: dict[str, str | None], begin: int) -> None:
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}')
        if tag == "tg-emoji" and not attributes.get("emoji-id"):
            raise self.fail(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {self.byte_offset(begin)}')

    def end_tag(self) -> None:
        begin, src = self.i, self.src
        if not self.open:
            raise self.fail(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        i = begin + 2
        while i < len(src) and src[i] not in _SPACE and src[i] != ">":
            i += 1
        name = src[begin + 2 : i]
        while i < len(src) and src[i] in _SPACE:
            i += 1
        if self.char(i) != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        tag, attributes, start, out_at = self.open.pop()
        if name and name.lower() != tag:
            raise self.fail(
                f'Unmatched end tag at byte offset {self.byte_offset(begin)}, expected "</{tag}>", found "</{name}>"'
            )
        if self.utf16 > start:
            self.add_entity(tag, attributes, start, "".join(self.out[out_at:]))
        self.i = i + 1

    def add_entity(self, tag: str, attributes: dict[str, str | None], start: int, inner: str) -> None:
        entity: dict[str, Any] = {"type": TAGS[tag], "offset": start, "length": self.utf16 - start}
        if tag == "a":
            url = attributes.get("href") or inner
            if not url.startswith(_URL_SCHEMES):
                return  # Telegram drops a link it cannot use and keeps the text
            entity["url"] = url
        elif tag == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag == "code" and (attributes.get("class") or "").startswith("language-"):
            entity["_language"] = (attributes["class"] or "")[len("language-") :]
        elif tag == "pre":
            last = self.entities[-1] if self.entities else None
            if last and last["type"] == "code" and (last["offset"], last["length"]) == (start, entity["length"]):
                self.entities.pop()
                if last.get("_language"):
                    entity["language"] = last["_language"]
        self.entities.append(entity)


def decode_reference(src: str, at: int) -> tuple[str, int]:
    """The character an ``&...`` reference at ``at`` stands for and where it ends; ("", at) if it is none."""
    i = at + 1
    if src[i : i + 1] == "#":
        i += 1
        hexadecimal = src[i : i + 1] in ("x", "X")
        i += hexadecimal
        start = i
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while i < len(src) and src[i] in digits:
            i += 1
        if i == start or i - at >= 10:
            return "", at
        value = int(src[start:i], 16 if hexadecimal else 10)
        if value == 0 or value >= 0x10FFFF:
            return "", at
        decoded = chr(value)
    else:
        start = i
        while i < len(src) and src[i].isascii() and src[i].isalpha():
            i += 1
        decoded = _NAMED.get(src[start:i], "")
        if not decoded:
            return "", at
    return decoded, i + 1 if src[i : i + 1] == ";" else i


_AUTO = [
    # TDLib's match_bot_commands: no word character, / < or > before the /, none of them after the command
    ("bot_command", re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")),
    # TDLib's match_mentions: no word character before the @ (another @ is none: "@@boss" mentions @boss)
    ("mention", re.compile(r"(?<!\w)@[A-Za-z0-9_]{5,32}(?!\w)")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]")),
]


def auto_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram marks in plain text people type: bot commands, @mentions, hashtags and URLs."""
    found: list[dict[str, Any]] = []
    for kind, pattern in _AUTO:
        for m in pattern.finditer(text):
            found.append({"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())})
    return sorted(found, key=lambda e: e["offset"])
