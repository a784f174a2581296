"""Tone beyond single pack words: negation over a few words, problems said to be solved or only asked
about, and complaints told without a negative word.

Language knowledge, not configuration: which words negate (ei, never), which may stand between a
negator and what it negates (ei *ole ollut mitään* ongelmia), which say a problem was solved, and when
the words of complaints.py (liian, charged twice, waited 3 weeks) count: a concession (vaikka olin
kotona), a loss (ei saa enää), a why-question about a failure, praise or laughter that outweighs them.
"""

from __future__ import annotations

from functools import lru_cache

from kuulo.rules.normalise import BOUNDARY_CHARS

# Words that negate what follows them within NEGATION_WINDOW words.
NEGATORS = frozenset("""
ei eikä en et emme ette eivät ilman vailla
not no never nobody none nothing without isn't wasn't aren't weren't don't doesn't didn't won't
can't cannot couldn't hasn't haven't hadn't wouldn't shouldn't neither nor
""".split())
NEGATION_WINDOW = 3  # words between a negator and the negated word, when they are all FILLERS
FILLERS = frozenset("""
ole ollut olleet olisi ollenkaan lainkaan yhtään mitään mikään kovin niin oikein erityisen kauhean
pahemmin sen se mun mulla minulla meillä vielä vieläkään enää koskaan kertaakaan
kukaan kenellekään keneltäkään edes liian oo ollu yhtäkään ikinä mennyt menny mennykään mennytkään
kyllä kyl nyt ihan ees tarvinnu tarvinnut tarvitse tarvii
a an the any too that so very really at all had have has been was is were be ever even much one still
actually yet more longer
""".split())
# "sorted my card issue", "vika korjattiin": a problem word said to be solved is no complaint.
SOLVED_PREFIXES = (
    "sorted", "sorting", "solved", "solving", "fixed", "fixing", "resolved", "resolving", "helped", "refunded",
    "korjas", "korjat", "korjaan", "korjaut", "korjaant", "ratkes", "ratkais", "hoitu", "hoidet", "hoidi",
    "hoiti", "selvis", "selvit", "auttoi", "autett",
)
PROBLEM_PREFIXES = (
    "issue", "problem", "trouble", "error", "bug", "glitch", "lost", "missing", "broken", "delay", "outage",
    "ongelm", "vika", "vikaa", "viassa", "vian", "häiriö", "virhe", "moka", "sotku", "kadon", "kateissa", "hukassa",
    "rikki", "katko", "viive", "cancel", "peru", "reklamaa", "hukka", "puuttu", "myöhä", "vauri", "damage",
    "late", "refund", "hyvity",
)


NEGATION_CUES = NEGATORS | FILLERS  # the word before a negated word is one of these


def negated(lows: list[str], start: int, taken: set[int]) -> bool:
    """True when a negator (not one a negative phrase already uses) stands before lows[start]."""
    k = start - 1
    for _ in range(NEGATION_WINDOW + 1):
        if k < 0:
            return False
        word = lows[k]
        if word in NEGATORS:
            return k not in taken
        if word not in FILLERS:
            return False
        k -= 1
    return False


# Phrases that tell a problem was made good: "refund came back in 3 days", "hyvitys tuli heti".
SOLVED_PHRASES = ("refund came", "got a refund", "got my refund", "got my money back", "paid out", "hyvitys tuli",
                  "sain hyvityksen", "rahat tuli takaisin", "sain rahat takaisin", "hyvitettiin")
NOT_DONE_ENDS = ("kaa", "kää", "ko", "kö", "taan", "tään")  # korjatkaa, korjataanko, korjataan: not done yet


def negator_at(lows: list[str], start: int) -> int:
    """Where the negator before lows[start] stands (negated() said there is one)."""
    k = start - 1
    while k > 0 and lows[k] not in NEGATORS:
        k -= 1
    return k


def solved(lows: list[str], taken: set[int], at: list[int] | None = None) -> bool:
    """True when a word (at the positions `at`, when the scan found them) says a problem was solved, and no
    negator denies it (never fixed)."""
    if at is None:
        at = [i for i, w in enumerate(lows) if w.startswith(SOLVED_PREFIXES)]
    return any(not negated(lows, i, taken) for i in at)


@lru_cache(maxsize=4096)
def is_problem_word(word: str) -> bool:
    """True for a word that names a problem rather than judging (issue, vika), which a solving verb can close."""
    return word.startswith(PROBLEM_PREFIXES)


# Negative-polarity words that tell of a loss or a wait: "ei saa enää käteistä", "ei ole vieläkään tullut".
# They stand after a negator by nature, so no negator cancels them.
LOSS = ("enää", "vieläkään", "anymore", "no longer")
NOT_A_LOSS_AFTER = frozenset("tarvii tarvitse tarvitsee tarviikaan need needs have".split())  # ei tarvii enää
# "Why doesn't X work", "miks ... ei voi", "why is it always": a why-question about a failure complains.
WHY = ("miksi", "miks", "why")
WHY_COMPLAINT = NEGATORS | frozenset("aina taas vieläkin always again still so charged".split())
# "why does the new recipe taste like ...", "why do I have to": an English why-question with do/does at a brand
WHY_DO = frozenset("does do did".split())
# Praise in a sentence that concedes is a consolation: "The human was great though", "at least the snow is pretty".
CONSOLATIONS = frozenset("though tho sentään least".split())
WHY_WINDOW = 6
# Laughter that makes a weak sign of a complaint a joke: "joka kerta jotain mitä en tienny tarvitsevani 😂".
LAUGHS = ("😂", "🤣", "😅", "😆", "lol", "haha", "hahaha", "hah", "hehe", "xd")
# "vaikka olin kotona", "even though I paid": a concession that something happened anyway.
CONCESSIVES = ("vaikka", "even though", "although", "despite")
NOT_CONCESSIVE_NEXT = frozenset("""
mitä mitään kuinka miten millainen kuka missä minne mihin mistä milloin huomenna tänään ensi näin noin
ja tai se sen
""".split())  # "vaikka mitä", "vaikka huomenna": for example
FRAME_WINDOW = 4  # the two words of a frame (complaints.FRAMES) stand at most this many words apart
QUICK = frozenset("vain vaan alle only just under within less in".split())  # "kesti vain päivän"
POLITE = frozenset({"kiitos", "kiitti", "kiitän", "thanks", "thank", "thx", "ty", "🙏"})  # thanks, not praise
# After these a complaint is no praise even with a praise word: "Great, cancelled again".
SARCASM_HINTS = frozenset("again taas jälleen classic klassikko tyypillistä vaan".split())
# Words that turn what follows: "alkoi huonosti mut kääntyi lopussa 💪" is praise.
CONTRASTS = frozenset("mutta mut but silti kuitenkin however".split())
SARCASM_TAIL_WORDS = 3
ABESSIVE = ("itta", "ittä")  # ongelmitta, virheittä: without problems
# "onko Oulussa katko?", "is there an outage": asking whether a problem exists is no complaint, unless
# the asker has it too ("onko muillakin", "anyone else").
STATUS_ASKS = frozenset("onko onkohan onks onkos oliko there any".split())
STATUS_WINDOW = 3
OUTAGES = ("katko", "häiriö", "outage", "disruption", "huoltokatko", "jakeluhäiriö")
NOT_ONLY_ME = ("muill", "muulla", "else", "myös", "too", "also", "other")


def polite(word: str) -> bool:
    """True for thanks, which close complaints as often as praise."""
    return word in POLITE


def sarcastic(lows: list[str]) -> bool:
    """True when a word hints that praise is meant the other way ("taas", "again")."""
    return any(w in SARCASM_HINTS for w in lows)


def loss(lows: list[str], start: int) -> bool:
    """True when a loss word tells of one ("ei saa enää käteistä"), not of a relief ("ei tarvii enää")."""
    return not any(w in NOT_A_LOSS_AFTER for w in lows[max(0, start - 2):start])


def why_complaint(lows: list[str], start: int) -> bool:
    """True when the why-question at lows[start] asks about a failure: "miksi ... ei voi", "why doesn't"."""
    for k in range(start + 1, min(len(lows), start + 1 + WHY_WINDOW)):
        word = lows[k]
        if word[0] in BOUNDARY_CHARS:
            return False
        if word in WHY_COMPLAINT and (k > start + 1 or k + 1 < len(lows) and lows[k + 1][0].isalnum()):
            return True  # "miksi ei?" alone says "why not"
        if k == start + 1 and word in WHY_DO:
            return True
    return False


def consoling(lows: list[str], at: int) -> bool:
    """True when the praise word at lows[at] stands in a sentence that concedes: "great though", "at least"."""
    k = at
    while k > 0 and lows[k - 1][0] not in BOUNDARY_CHARS:
        k -= 1
    n = len(lows)
    while k < n and lows[k][0] not in BOUNDARY_CHARS:
        if lows[k] in CONSOLATIONS:
            return True
        k += 1
    return False


def sarcastic_tail(lows: list[str], at: int) -> bool:
    """True for a praise word in a short last sentence after a longer one: "...didn't even stop. Lovely."."""
    n = len(lows)
    if any(w[0] in BOUNDARY_CHARS for w in lows[at + 1:n]) and not all(w[0] in BOUNDARY_CHARS for w in lows[at + 1:n]):
        return False  # not in the last sentence
    k = at - 1
    while k >= 0 and lows[k][0] not in BOUNDARY_CHARS:
        k -= 1
    if k < 0 or at - k > SARCASM_TAIL_WORDS:
        return False
    return sum(w[0].isalnum() for w in lows[:k]) >= SARCASM_TAIL_WORDS


def turned(lows: list[str], last_negative: int, praise_at: list[int]) -> bool:
    """True when a contrast word stands after every negative word and praise after it: "huonosti mut 💪"."""
    for k in range(last_negative + 1, len(lows)):
        if lows[k] in CONTRASTS:
            return any(p > k for p in praise_at)
    return False


def concession(lows: list[str], end: int) -> bool:
    """True when the concessive word ending at lows[end] opens a clause ("vaikka olin"), not "vaikka mitä"."""
    return end < len(lows) and lows[end][0].isalnum() and lows[end] not in NOT_CONCESSIVE_NEXT


def status_question(lows: list[str], start: int) -> bool:
    """True when the outage word at lows[start] is only asked about: "onko Kalliossa katko", "any outage".

    Only a service's state is asked about so: "onko sovellus rikki?" tells that it fails for the writer."""
    if not lows[start].startswith(OUTAGES) or not any(
            w in STATUS_ASKS for w in lows[max(0, start - STATUS_WINDOW):start]):
        return False
    return not any(w.startswith(NOT_ONLY_ME) for w in lows)


def quick(lows: list[str], first: int, last: int) -> bool:
    """True when a word between or just before two frame words says it was quick ("vain päivän")."""
    return any(w in QUICK for w in lows[max(0, first - 1):last])
