"""Hashtags, one reading for every source and import: a post's text is NFKC-normalised before its tags are read, and
a tag is compared NFKC and case-folded, so #valiokesä typed with a combining diaeresis, a fullwidth ＃ or fullwidth
letters is the one tag #valiokesä (as handles are compared, bot/handles.py)."""

from __future__ import annotations

import re
import unicodedata

_TAG = re.compile(r"(?<![\w#])#(\w+)")
_URL = re.compile(r"https?://\S+")  # a link's #fragment is no hashtag


def hashtags_in(text: str) -> list[str]:
    """The text's hashtags without '#', lower case, each once, in order of appearance."""
    if "#" not in text and "\uff03" not in text and "\ufe5f" not in text:  # '#', fullwidth and small number signs
        return []
    plain = unicodedata.normalize("NFKC", text)
    return list(dict.fromkeys(t.lower() for t in _TAG.findall(_URL.sub(" ", plain))))


def norm_tag(tag: str) -> str:
    """A hashtag as compared: without '#', NFKC, case-folded (#ValioKesä, #valiokesä, #ｖａｌｉｏｋｅｓä: one)."""
    return unicodedata.normalize("NFKC", tag.strip()).lstrip("#").casefold()
