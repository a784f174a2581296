"""Why-questions that praise: the writer's regret of not having found a good thing sooner (Why did I wait 5 years.,
why didn't I do this years ago, why didn't anyone tell me earlier, miks en tehny tätä aiemmin) and a wish that every
other were like the one praised (Why doesn't every shop do this?, why can't every company be like this); and the same
regret told as what the writer should have done (olis pitäny vaihtaa jo vuosia sitten, should've switched years ago).

Language knowledge, not configuration, read by classify.py before tone.why_complaint (and nobody_for_me, which the
"nobody" of "why did nobody tell me this years ago" would otherwise count).
"""

from __future__ import annotations

from kuulo.rules.normalise import sentence_end

# Measured (2026-12-07, the development set's English posts): the eight why-questions of these two shapes are all
# labelled not negative; out of batch, with the rules' vote, 6 false positives fewer and no post flipped wrongly.
# "why did I", "why didn't anyone": the past of the writer's own choice, or of a tip nobody gave
REGRET_VERBS = frozenset("did didn't".split())
SHOULD_REACH = 8  # words after "should have" its choice and time are looked for in
REGRET_SELVES = frozenset("i we".split())
REGRET_OTHERS = frozenset("nobody noone anyone anybody".split())  # "no one" is read as two words
# the why of a clause, told: "no idea why I waited so long", "why we didn't switch years ago" (not "that's why I
# waited 47 minutes": no time before now)
TOLD_REGRETS = frozenset("waited didn't hadn't never".split())
TOLD = frozenset("tell told".split())
# A time before now that the regret names: "years ago", "for years", "earlier", "sooner", "so long".
SOONER = frozenset("sooner earlier before ago years".split())
LONG_AFTER = frozenset("so this that".split())  # "so long", "this long"
# "why doesn't every shop do this", "why can't every company be like this", "why don't all banks do that"
ALL_VERBS = frozenset("doesn't don't can't isn't aren't won't".split())
ALL_WORDS = frozenset("every all everyone everybody other".split())
THIS = frozenset("this that".split())

# The Finnish regret: "miks en tehny tätä aiemmin", "miksi emme vaihtaneet jo vuosia sitten" (measured 2026-12-07 on
# the development set: the two such posts are labelled not negative and were false positives out of batch). The why,
# the writer's own negator, a participle of a choice and a time before now; not a thing that was done to the writer
# ("miksi en saanut tietoa aiemmin" complains).
WHY_FI = frozenset("miksi miks".split())
SELF_NEGATORS_FI = frozenset("en emme".split())
SOONER_FI = frozenset("aiemmin aikaisemmin aikasemmin ennemmin aikoja vuosia vuosikausia ajat".split())
# what the writer chose to do, as the stems of its participle (tehny, vaihtanu, liittynyt, kokeillut) and its
# infinitive (tehdä, tehä, vaihtaa, liittyä)
CHOICES_FI = ("teh", "vaiht", "vaihd", "liit", "ost", "kokeil", "hank", "siirt", "aloit", "tilan", "tilat", "otta",
              "tien", "kuul", "löy")
PARTICIPLE_ENDS = ("nut", "nyt", "nu", "ny", "lut", "lyt", "lu", "ly", "sut", "syt", "su", "sy", "eet")
# "should have", a redress of complaints.REDRESS, and what makes it the writer's regret: a choice ("vaihtaa", "done
# it", "switched") and a time before now in its sentence ("olis pitäny tehä jo aikoja sitten", "Should've done it
# years ago"); not what someone else should have done ("paketin olis pitäny tulla jo viikko sitten"), nor a lesson
# ("olis pitäny lukea sopimus ennen allekirjotusta")
SHOULD_HAVE = ("ois pitäny", "olis pitäny", "should have", "should've")
CHOICES_EN = frozenset("done switched joined tried moved bought changed started made".split())


def _sooner(words: list[str]) -> bool:
    """True when the words name a time before now: "years ago", "earlier", "so long"."""
    return not SOONER.isdisjoint(words) or any(
        w == "long" and k and words[k - 1] in LONG_AFTER for k, w in enumerate(words))


def _sooner_fi(words: list[str]) -> bool:
    """True when the words name a time before now in Finnish: "aiemmin", "vuosia sitten", "aikoja sitten"."""
    return not SOONER_FI.isdisjoint(words)


def _chose_fi(word: str, ends: tuple[str, ...]) -> bool:
    """True when the word is a form with one of `ends` of a verb of the writer's choice: tehny, vaihtaa."""
    return word.startswith(CHOICES_FI) and word.endswith(ends)


def should_have_sooner(lows: list[str], start: int, end: int) -> str:
    """The note when the "should have" at lows[start:end] regrets not having made a choice sooner ("olis pitäny
    vaihtaa jo vuosia sitten", "should've done it years ago"), "" when it does not."""
    words = lows[end:sentence_end(lows, end, min(len(lows), end + SHOULD_REACH))]
    if (any(_chose_fi(w, ("a", "ä")) for w in words) and _sooner_fi(words)) or (
            not CHOICES_EN.isdisjoint(words) and _sooner(words)):
        return f"'{' '.join(lows[start:end])}' regrets not doing it sooner"
    return ""


def why_praises(lows: list[str], at: int) -> str:
    """The note when the why-question at lows[at] regrets not having done a good thing sooner ("Why did I wait 5
    years.") or wishes every other did as the one praised ("Why doesn't every shop do this?"); "" when it does not."""
    words = lows[at:sentence_end(lows, at, len(lows))]
    if len(words) < 3:
        return ""
    verb, who = words[1], words[2]
    if words[0] in WHY_FI:
        if verb in SELF_NEGATORS_FI and any(_chose_fi(w, PARTICIPLE_ENDS) for w in words[2:]) and _sooner_fi(words):
            return f"'{words[0]} {verb}' regrets not doing it sooner"
        return ""
    asked = " ".join(words[:4] if who == "no" else words[:3])
    if verb in REGRET_SELVES and who in TOLD_REGRETS and _sooner(words[3:]):  # "no idea why I waited so long"
        return f"'{asked}' regrets not doing it sooner"
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
