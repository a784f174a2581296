"""Words of praise or judgement that judge nothing: a greeting or preface at a sentence's start (Good morning,
Quick question:), a label's name (best before, parasta ennen) and a judgement only asked about in a question's order
(is it rude to ...?, is that weird?).

Language knowledge, not configuration, read by classify.py beside tone.py's negation rules.
"""

from __future__ import annotations

from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.tone import asked, is_problem_word

# "Best before 12.12", "the best before date", "parasta ennen 2019": a praise word in a label's name praises nothing,
# wherever it stands.
LABELS = {"best": frozenset({"before"}), "parasta": frozenset({"ennen"}), "paras": frozenset({"ennen"})}
# "Good morning,", "Quick question:": a praise word that greets or prefaces at a sentence's start praises nothing.
PREFACES = {"good": frozenset("morning evening afternoon day night".split()),
            "quick": frozenset("question questions q".split()), **LABELS}  # every word preface() answers for


def preface(lows: list[str], start: int) -> bool:
    """True when the praise word at lows[start] greets or prefaces at its sentence's start ("Good evening.") or is
    part of a label's name ("best before")."""
    nexts = PREFACES.get(lows[start])
    return nexts is not None and start + 1 < len(lows) and lows[start + 1] in nexts and (
        start == 0 or lows[start] in LABELS or lows[start - 1][0] in BOUNDARY_CHARS
        or lows[start - 1] in ("hi", "hello", "hey", "and"))


# "Angry Birds", "Bad Bunny": a judging word that begins the name of a game, a film or an artist judges nothing.
TITLES = {"angry": frozenset({"birds", "bird"}), "bad": frozenset({"bunny"})}


def titled(lows: list[str], start: int) -> bool:
    """True when the judging word at lows[start] begins a name: "Angry Birds"."""
    return start + 1 < len(lows) and lows[start + 1] in TITLES.get(lows[start], ())


# "the kids lost their minds", "the whole cabin lost it": others' loss of their minds is excitement, no loss (not
# "losing my mind", the writer's own, which frustration tells).
EXCITED = frozenset({"lost"})
OTHERS_MINDS = frozenset("their his her your".split())
MINDS = frozenset("mind minds".split())
WHOLE = frozenset("whole everyone everybody crowd".split())  # "the whole room lost it", "everyone lost it"
WHOLE_REACH = 3  # words before "lost it" that its whole subject may stand


def excited(lows: list[str], start: int) -> bool:
    """True when "lost" at lows[start] tells of others' excitement: "lost their minds", "the whole cabin lost it"."""
    after = lows[start + 1:start + 3]
    if len(after) == 2 and after[0] in OTHERS_MINDS and after[1] in MINDS:
        return True
    return after[:1] == ["it"] and (len(after) < 2 or not after[1][0].isalnum()) and not WHOLE.isdisjoint(
        lows[max(0, start - WHOLE_REACH):start])


# "is it rude to keep your shoes on?", "..., is that weird?": a judging word only asked about, in a question's order.
ASK_VERBS = frozenset("is was would isn't wasn't".split())
ASK_SUBJECTS = frozenset("it that this".split())
ASK_REACH = 3  # words between the subject and the judging word: "is it too expensive", "would it be rude"


def judgement_asked(lows: list[str], at: int) -> bool:
    """True when the judging word at lows[at] is only asked about: "is it rude to ...?", "is that weird?"; not a
    problem word ("is this a known issue?" tells that the writer has it)."""
    if is_problem_word(lows[at]):
        return False
    for k in range(at - 1, max(0, at - 2 - ASK_REACH), -1):
        if lows[k][0] in BOUNDARY_CHARS:
            return False
        if lows[k] in ASK_SUBJECTS and lows[k - 1] in ASK_VERBS:
            return asked(lows, at)
    return False
