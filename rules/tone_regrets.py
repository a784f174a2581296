"""Why-questions that praise: the writer's regret of not having found a good thing sooner (Why did I wait 5 years.,
why didn't I do this years ago, why didn't anyone tell me earlier) and a wish that every other were like the one
praised (Why doesn't every shop do this?, why can't every company be like this).

Language knowledge, not configuration, read by classify.py before tone.why_complaint (and nobody_for_me, which the
"nobody" of "why did nobody tell me this years ago" would otherwise count).
"""

from __future__ import annotations

from kuulo.rules.normalise import sentence_end

# Measured (2026-12-07, the development set's English posts): the eight why-questions of these two shapes are all
# labelled not negative; out of batch, with the rules' vote, 6 false positives fewer and no post flipped wrongly.
# "why did I", "why didn't anyone": the past of the writer's own choice, or of a tip nobody gave
REGRET_VERBS = frozenset("did didn't".split())
REGRET_SELVES = frozenset("i we".split())
REGRET_OTHERS = frozenset("nobody noone anyone anybody".split())  # "no one" is read as two words
TOLD = frozenset("tell told".split())
# A time before now that the regret names: "years ago", "for years", "earlier", "sooner", "so long".
SOONER = frozenset("sooner earlier before ago years".split())
LONG_AFTER = frozenset("so this that".split())  # "so long", "this long"
# "why doesn't every shop do this", "why can't every company be like this", "why don't all banks do that"
ALL_VERBS = frozenset("doesn't don't can't isn't aren't won't".split())
ALL_WORDS = frozenset("every all everyone everybody other".split())
THIS = frozenset("this that".split())


def _sooner(words: list[str]) -> bool:
    """True when the words name a time before now: "years ago", "earlier", "so long"."""
    return not SOONER.isdisjoint(words) or any(
        w == "long" and k and words[k - 1] in LONG_AFTER for k, w in enumerate(words))


def why_praises(lows: list[str], at: int) -> str:
    """The note when the why-question at lows[at] regrets not having done a good thing sooner ("Why did I wait 5
    years.") or wishes every other did as the one praised ("Why doesn't every shop do this?"); "" when it does not."""
    words = lows[at:sentence_end(lows, at, len(lows))]
    if len(words) < 3:
        return ""
    verb, who = words[1], words[2]
    asked = " ".join(words[:4] if who == "no" else words[:3])
    if verb in REGRET_VERBS:
        if who == "no" and words[3:4] == ["one"]:
            who, words = "noone", words[:3] + words[4:]
        if who in REGRET_SELVES and _sooner(words[3:]) or (
                who in REGRET_OTHERS and TOLD.intersection(words[3:5]) and _sooner(words[4:])):
            return f"'{asked}' regrets not doing it sooner"
        return ""
    if verb in ALL_VERBS and who in ALL_WORDS and not THIS.isdisjoint(words[3:]):
        return f"'{asked}' wishes every other did the same"
    return ""


def regretted_nobody(lows: list[str], at: int) -> bool:
    """True when the "nobody" (or "no one") at lows[at] is the one of a why-question's regret: "why did nobody tell me
    this years ago"."""
    return at >= 2 and lows[at - 2] in ("why", "miksi", "miks") and bool(why_praises(lows, at - 2))
