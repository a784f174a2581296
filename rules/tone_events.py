"""English complaints told as events, without a judging word: a state that lasts ("'in transit' for 9 days now",
"it's been a week", "pending since Tuesday", "applied 6 weeks ago and nothing") and a count of tries or days from the
second on ("3rd time asking", "second week in a row").

Language knowledge, not configuration, read by classify.py beside complaints.py's words: a post that counts how long
something has stayed as it is tells of a wait. Praise, laughter or a fix outweighs it as it does complaints.py's words.
"""

from __future__ import annotations

from kuulo.rules.normalise import BOUNDARY_CHARS, in_sentence_before

UNITS = frozenset("min mins minute minutes hour hours hr hrs h day days week weeks month months".split())
COUNT_WORDS = frozenset("""
a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty few couple several
""".split())
# Between "for"/"since" and the count: "for over 2 weeks", "for the past 3 days", "for almost a month".
BEFORE_COUNT = frozenset("over almost nearly about around more than the past last full whole good".split())
# A state that can last, told just before "for"/"since": "has been out for 2 weeks", "is pending for 7 weeks",
# "has said in transit for 9 days" (quotes are gone from the tokens), "sitting outside Pasila for 25 minutes".
STATES = frozenset("""
been said says saying shows showing stuck sitting sat pending processing processed transit down closed stopped
waiting waited queued queueing queuing broken dead missing gone late delayed stranded blocked frozen offline
""".split())
STATE_REACH = 3  # words between the state and "for"/"since"
THEN_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december yesterday
""".split())
LAST_PERIODS = frozenset("week month night weekend friday saturday sunday monday tuesday wednesday thursday".split())
# "it's been 12.", "its been 1h20": the time it has been, told bare after a promise of less.
BEEN = ("it's been", "its been", "it has been", "it been")
# After "N days ago", a sign that nothing came of it: "applied 6 weeks ago and nothing", "5 weeks ago, no decision".
NOTHING_CAME = frozenset("no nothing still yet not never nobody none".split())
AGO_REACH = 10  # words after "ago" in which NOTHING_CAME must stand
LASTING_WORDS = (*UNITS, "since", *BEEN)  # the words classify.py registers for lasting()
# An ordinal from the second on, and what it counts that tells of a repeat: "3rd time asking", "second week in a row",
# "fourth email", "2nd technician visit" (one word may stand between). Not a date ("the second week of May").
ORDINALS = frozenset("""
2nd 3rd 4th 5th 6th 7th 8th 9th 10th second third fourth fifth sixth seventh eighth ninth tenth
""".split())
COUNTED = frozenset("""
time times week weeks day days month months round visit visits attempt call calls email emails try message messages
reminder request complaint ticket order parcel delivery
""".split())
DATE_BEFORE = frozenset("on since from by until till before after".split())  # "on the 3rd": a date
# An escalation: a way of reaching the brand or of trying again, and a count of it from the second on, within a frame
# (complaints.FRAMES): "I've called twice", "reported it 4 times", "DM'd you three times", "tried 5 times", "has now
# attempted delivery 3 times". A count alone is as often a schedule or a size ("twice a week", "twice the price").
TRIES = ("called", "rang", "phoned", "emailed", "e-mailed", "mailed", "messaged", "dm'd", "dmd", "dmed", "texted",
         "wrote", "asked", "reported", "complained", "contacted", "chatted", "tried", "attempted", "sent", "resent",
         "submitted", "resubmitted", "reinstalled", "restarted", "rebooted", "reset")
TRIED_COUNTS = ("twice", "thrice", "times")  # "times" after a count: 3 times, several times
# A trip or a wait made in vain, within a frame (complaints.FRAMES): "drove 45 min for nothing", "walked there twice for
# nothing", "came by bus for nothing"; not what cost nothing ("got it for nothing").
TRIPS = ("drove", "walked", "came", "went", "travelled", "traveled", "waited", "queued", "biked", "cycled", "rode",
         "trekked", "paid")
IN_VAIN = ("for nothing",)
MONTHS = THEN_WORDS - {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday"}


def _count(word: str) -> bool:
    """True for a count of time: 9, 2-3, a, three, couple; a time told with its unit (1h20, 2h, 45min)."""
    return word in COUNT_WORDS or word[:1].isdigit()


def _clock(word: str) -> bool:
    """True for a bare count or a time with its unit glued on: 12, 1h20, 2h, 45min, 3days."""
    return word[:1].isdigit() and (word.isdigit() or word.rstrip("0123456789").lstrip("0123456789") in UNITS
                                   or word.lstrip("0123456789") in UNITS)


def _state_before(lows: list[str], at: int) -> bool:
    """True when a state word stands at most STATE_REACH words before lows[at] in its sentence."""
    return in_sentence_before(lows, at, STATES, STATE_REACH + 1)


def _since_then(lows: list[str], at: int) -> bool:
    """True when the "since" at lows[at] names a recent day or count: since Tuesday, since the 14th, since 40 min."""
    nxt = lows[at + 1] if at + 1 < len(lows) else ""
    after = lows[at + 2] if at + 2 < len(lows) else ""
    if nxt in THEN_WORDS or nxt == "this" and after in ("morning", "week", "month"):
        return True
    if nxt == "last":
        return after in LAST_PERIODS
    if nxt == "the":
        return after[:1].isdigit() and after.endswith(("st", "nd", "rd", "th"))  # the 14th, not the 80s
    return _count(nxt) and (after in UNITS or _clock(nxt) and not nxt.isdigit())


def _nothing_after(lows: list[str], at: int) -> str:
    """The first word of nothing coming of it within AGO_REACH words after lows[at], or ""."""
    return next((w for w in lows[at + 1:at + 1 + AGO_REACH] if w in NOTHING_CAME or w.endswith("n't")), "")


def lasting(lows: list[str], start: int, end: int) -> str | None:
    """The words that tell how long a state has lasted, for the cue at lows[start:end], or None: "for 9 days now"."""
    word = lows[start] if end == start + 1 else " ".join(lows[start:end])
    n = len(lows)
    if word in BEEN:  # "it's been 12.", "it's been 1h20": a bare count (a count with its unit is the unit's cue)
        if end < n and _clock(lows[end]) and (end + 1 == n or lows[end + 1][0] in BOUNDARY_CHARS):
            return f"{word} {lows[end]}"
        return None
    if word == "since":
        return f"since {lows[start + 1]}" if _since_then(lows, start) else None
    k = start - 1  # the unit: its count before it
    if k < 0 or not _count(lows[k]):
        return None
    told = f"{lows[k]} {word}"
    if end < n and lows[end] == "now":  # "for 9 days now", "2 months now"
        return f"{told} now"
    if end < n and lows[end] == "ago":  # "applied 6 weeks ago and nothing"
        came = _nothing_after(lows, end)
        return f"{told} ago … {came}" if came else None
    k -= 1
    while k >= 0 and lows[k] in BEFORE_COUNT:
        k -= 1
    if k < 0:
        return None
    if lows[k] == "been" and k and lows[k - 1] in ("it's", "its", "has", "have", "it"):
        return f"been {told}"  # "it's been 6 days", "has been 3 weeks"
    if lows[k] in ("for", "since") and _state_before(lows, k):
        return f"{lows[k]} {told}"  # "has been pending for 5 weeks"
    return None


def repeated(lows: list[str], at: int) -> str | None:
    """The ordinal at lows[at] and what it counts, when it tells of a repeat ("3rd time", "second … visit"), or None."""
    if at > 1 and lows[at - 1] == "the" and lows[at - 2] in DATE_BEFORE:
        return None  # "ordered on the 3rd, delivery ...": a day of the month (the comma is gone from the tokens)
    for k in (at + 1, at + 2):
        if k >= len(lows) or lows[k][0] in BOUNDARY_CHARS:
            return None
        if lows[k] in COUNTED:
            if lows[k + 1:k + 2] == ["of"] and lows[k + 2:k + 3] and lows[k + 2] in MONTHS:
                return None  # "the second week of May": a date
            return f"{lows[at]} {lows[k]}" if k == at + 1 else f"{lows[at]} … {lows[k]}"
    return None
