"""The emoji that stand for a thing a brand's context words name: a cold Karhu 🍺 is the beer when "olut*" is context.

Posts show what they speak of as often as they say it ("saunan jälkeen karhu kylmänä 🍺", "Mökki grill night 🔥 Karhu
and a lake view 🍻"), so a brand whose context words name a thing takes that thing's emoji as context words too. Only
emoji of one thing each: not 🔥, ❤️ or 👍, which praise anything.
"""

from __future__ import annotations

from typing import Iterable

# (the stems of words that name a thing, Finnish and English; its emoji)
THINGS = (
    (("olut", "olue", "kalja", "bisse", "beer", "lager", "pint", "panimo", "brewery"), "🍺🍻"),
    (("viini", "wine"), "🍷🍾"),
    (("kahvi", "coffee", "espresso", "latte", "cappuccino"), "☕"),
    (("pizza", "pitsa"), "🍕"),
    (("hampurilai", "burger"), "🍔"),
    (("jäätelö", "ice cream"), "🍦🍨"),
    (("suklaa", "chocolate", "karkki", "candy", "sweets"), "🍫🍬"),
    (("leipä", "leivä", "bread"), "🍞🥖"),
    (("juna", "train", "raide", "rail"), "🚆🚄🚇"),
    (("bussi", "linja-auto", "bus"), "🚌"),
    (("lento", "flight", "plane", "airport", "lentokone"), "🛫🛬"),
    (("puhelin", "phone", "älypuhelin", "smartphone"), "📱"),
    (("kenkä", "kengä", "lenkkari", "shoe", "sneaker"), "👟"),
    (("paketti", "paketi", "parcel", "package"), "📦"),
    (("lääke", "lääkke", "medicine", "pill"), "💊"),
    (("kirja", "book"), "📚📖"),
    (("peli", "game", "gaming"), "🎮"),
    (("jääkiekko", "kiekko", "hockey"), "🏒"),
)


PREFIX_LETTERS = 5  # a stem this long names its thing at the start of a longer word (kahvila*, lentokenttä*); a shorter
# one only alone or in the plural (bus, not business; pint, not pinta; peli, not pelikaani)


# each thing's stems as a whole word (alone or in the plural) and, the long ones, as a word's start: by its index
_WHOLE = {form: k for k, (stems, _) in enumerate(THINGS) for stem in stems for form in (stem, stem + "s", stem + "es")}
_STARTS = {stem: k for k, (stems, _) in enumerate(THINGS) for stem in stems if len(stem) >= PREFIX_LETTERS}
_START_LENGTHS = sorted({len(stem) for stem in _STARTS})


def context_emoji(context: Iterable[str]) -> list[str]:
    """The emoji of the things these context patterns name ("olut*" -> 🍺, 🍻), each once, in THINGS' order."""
    # one probe a length, not a scan of every stem: an engine of 195 brands asks it of ~9,000 context words at start
    named = set()
    for word in context:
        head = word.strip().strip("*").lower()
        if head in _WHOLE:
            named.add(_WHOLE[head])
        named.update(_STARTS[head[:n]] for n in _START_LENGTHS if head[:n] in _STARTS)
    return [emoji for k in sorted(named) for emoji in THINGS[k][1]]
