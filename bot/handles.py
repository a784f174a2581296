"""Who a handle is: one comparison key for "the same person" and "the brand's own account", so look-alike spellings
(Cyrillic і for i, a zero-width space, fullwidth letters) of one handle count as one person. The handle is stored and
shown as written; only comparisons use the key.

The key is NFKC, invisible characters removed, casefolded, and every non-ASCII letter that Unicode's confusables.txt
(UTS #39, 13.0) maps to a single Latin letter or digit replaced by it: a skeleton in the spirit of TR39, restricted to
non-ASCII letters, so ASCII handles that differ (`rn` and `m`, `l` and `1`, `liisa.` and `liisa`) stay different
people, as they are on Instagram (handles `[a-z0-9._]`, case-insensitive).
"""

from __future__ import annotations

import unicodedata

# (script, sources, what each looks like): confusables.txt rows whose source is a single NFKC-stable letter of the
# script and whose prototype is one ASCII letter or digit (an upper-case look-alike of l is taken as I)
_LOOKALIKES = (
    ("Latin", "ƧꝚƷȜꝪꞫƼȢȣꝮɑꞴƄᴄꬲꞘẝꞙꬵƍɡᶃƖıɩɪꞲǀᴏᴑꬽƦꭇꭈƽꜱʋᴜꞟꭎꭒᴠɯᴡꞳɣʏᶌỿꭚᴢ",
     "2233335889aBbceFfffgggIiiiJloooRrrssuuuuuvwwXyyyyyz"),
    ("Cyrillic", "ꙄЗӠбАаВЬСсԁЕеҽԌНһІӀіӏꙇЈјКМОоРрԛгЅѕТѴѵԜѡԝХхУҮуү",
     "2336AaBbCcdEeeGHhIIiiiJjKMOoPpqrSsTVvWwwXxYYyy"),
    ("Greek", "ΑαΒΕϜΗΙιͿϳΚΜϺΝΟοσΡρᴦΤυνΧΥγΖ", "AaBEFHIiJjKMMNOooPprTuvXYyZ"),
    ("Armenian", "քցհոռՕօգզՏՍսա", "fghnnOoqqSUuw"),
    ("Cherokee", "ᏎᏮᎪᏴᏏᏟᎠᏧᎬᏀᏳᎻᏂᎥᎫᏦᏞᎷᏢᎡᏒᏕᏚᎢᏙᎳᏔᎩᎽᏃ", "46ABbCDdEGGHhiJKLMPRRSSTVWWYYZ"),
)
_TO_LATIN = str.maketrans({source: latin for _, sources, latins in _LOOKALIKES
                           for source, latin in zip(sources, latins, strict=True)})
_SCRIPT_OF = {source: script for script, sources, _ in _LOOKALIKES for source in sources}
# default-ignorable characters that are not format characters (Cf): variation selectors, fillers, the grapheme joiner
_INVISIBLE = frozenset({0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0x180B, 0x1810),
                        *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})


def _visible(text: str) -> str:
    """The text without format characters (zero-width spaces and joiners, bidi controls, soft hyphens, tags) and
    other invisible ones (variation selectors, fillers)."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf" and ord(c) not in _INVISIBLE)


def _bare(handle: str) -> str:
    """NFKC, invisible characters removed, surrounding blanks and a leading @ dropped."""
    return _visible(unicodedata.normalize("NFKC", handle)).strip().lstrip("@").strip()


def handle_key(handle: str) -> str:
    """The comparison key of a handle: NFKC, invisibles removed, casefolded, non-ASCII look-alikes as Latin."""
    folded = _bare(handle).translate(_TO_LATIN).casefold().translate(_TO_LATIN)
    return unicodedata.normalize("NFKC", folded)


def disguise_note(handle: str) -> str | None:
    """For a handle whose key differs from its plain lower-case spelling, what made it differ and the key it is
    compared as (for moderators); None for a plain handle."""
    key, plain = handle_key(handle), handle.strip().lstrip("@").strip().casefold()
    if key == plain:
        return None
    nfkc = unicodedata.normalize("NFKC", handle)
    scripts = sorted({_SCRIPT_OF[c] for c in nfkc + nfkc.casefold() if c in _SCRIPT_OF})
    parts = ([f"look-alike {'/'.join(scripts)} letters"] if scripts else []) \
        + (["invisible characters"] if _visible(nfkc) != nfkc else []) \
        + (["compatibility forms (fullwidth or styled letters)"] if nfkc != handle else [])
    return f"handle written with {', '.join(parts) or 'other forms'}: compared as @{key}"
