"""A curiosity disclaimer: "genuinely asking", "honest question", "eli5", "just curious". A why-question in a post that
says it asks out of curiosity asks; it does not complain ("why does every finnish person ... eli5").

Language knowledge, not configuration, read by tone.why_complaint.
"""

from __future__ import annotations

# The disclaimers, as one word or a word and the one after it.
CURIOUS_WORDS = frozenset({"eli5"})
CURIOUS_PAIRS = frozenset({
    ("genuinely", "asking"), ("genuine", "question"), ("honest", "question"), ("serious", "question"),
    ("just", "curious"), ("not", "trolling"), ("not", "complaining"), ("of", "curiosity"), ("curious", "why"),
})
CURIOUS_FIRSTS = frozenset(first for first, _ in CURIOUS_PAIRS)


def curious(lows: list[str]) -> bool:
    """True when the post says it asks out of curiosity: "genuinely asking", "honest question", "eli5"."""
    if CURIOUS_FIRSTS.isdisjoint(lows) and CURIOUS_WORDS.isdisjoint(lows):
        return False  # no disclaimer's word (most posts): two probes in C, not a walk
    for k, word in enumerate(lows):
        if word in CURIOUS_WORDS or word in CURIOUS_FIRSTS and (word, lows[k + 1] if k + 1 < len(lows) else "") \
                in CURIOUS_PAIRS:
            return True
    return False
