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


def context_emoji(context: Iterable[str]) -> list[str]:
    """The emoji of the things these context patterns name ("olut*" -> 🍺, 🍻), each once, in THINGS' order."""
    heads = [word.strip().strip("*").lower() for word in context]
    return [emoji for stems, emojis in THINGS if any(_names(head, stems) for head in heads) for emoji in emojis]


def _names(head: str, stems: tuple[str, ...]) -> bool:
    """True when a context word's head names the thing of these stems."""
    return any(head == stem or head in (stem + "s", stem + "es") or len(stem) >= PREFIX_LETTERS and head.startswith(
        stem) for stem in stems)
