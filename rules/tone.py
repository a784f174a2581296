"""Tone beyond single pack words: negation over a few words, problems said to be solved or only asked
about, and complaints told without a negative word.

Language knowledge, not configuration: which words negate (ei, never), which may stand between a
negator and what it negates (ei *ole ollut mitään* ongelmia), which say a problem was solved, and when
the words of complaints.py (liian, charged twice, waited 3 weeks) count: a concession (vaikka olin
kotona), a loss (ei saa enää), a why-question about a failure, praise or laughter that outweighs them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter, methodcaller

from kuulo.rules.normalise import BOUNDARY_CHARS, in_sentence_before
from kuulo.rules.tone_curious import curious
from kuulo.rules.tone_events_fi import asked_if_still
from kuulo.rules.tone_irony import DRY_THANKS
from kuulo.rules.tone_undone import no_fix, to_be_done

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
taaskaan edelleenkään nytkään tänäänkään millään mitenkään
a an the any too that so very really at all had have has been was is were be ever even much one still
actually yet more longer
""".split())
# "sorted my card issue", "vika korjattiin": a problem word said to be solved is no complaint.
SOLVED_PREFIXES = (
    "sorted", "sorting", "solved", "solving", "fixed", "fixing", "resolved", "resolving", "helped", "refunded",
    "korjas", "korjat", "korjaan", "korjaut", "korjaant", "ratkes", "ratkais", "ratkas", "hoitu", "hoidet", "hoidi",
    "hoiti", "selvis", "selvit", "auttoi", "autett",
    "replaced", "swapped", "exchanged", "vaihtoivat", "vaihdettiin",
)
PROBLEM_PREFIXES = (
    "issue", "problem", "trouble", "error", "bug", "glitch", "lost", "missing", "broken", "delay", "outage",
    "ongelm", "vika", "vikaa", "viassa", "vian", "häiriö", "virhe", "moka", "sotku", "kadon", "kateissa", "hukassa",
    "rikki", "katko", "viive", "cancel", "peru", "reklamaa", "hukka", "puuttu", "myöhä", "vauri", "damage",
    "late", "refund", "hyvity",
)


NEGATION_CUES = NEGATORS | FILLERS  # the word before a negated word is one of these
# Sentence adverbs of regret, which a negator before them does not negate: "ei valitettavasti onnistu".
REGRETS = frozenset("valitettavasti harmillisesti unfortunately sadly".split())


# Words that stand only under a negation: one right after a negative word says that a negator before it, past the
# word's subject, denies it ("eikä netti katkennu kertaakaan", "ei sovellus kaatunut koskaan"). Not "yhtään", which
# asks as often ("onko yhtään vapaana").
POLARITY = frozenset("kertaakaan koskaan ikinä lainkaan ollenkaan".split())
POLARITY_REACH = 4  # words before the negative word its negator may stand


def negated_by_polarity(lows: list[str], start: int) -> bool:
    """True when a negative-polarity word (POLARITY) follows the word at lows[start] and a negator stands at most
    POLARITY_REACH words before it in its sentence: "eikä netti katkennu kertaakaan"."""
    return start + 1 < len(lows) and lows[start + 1] in POLARITY and in_sentence_before(lows, start, NEGATORS,
                                                                                         POLARITY_REACH)


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


# "katkos ohi", "häiriö on jo ohi", "ongelma meni ohi": the problem is over. Said of anything else ("bussi ajoi
# ohi") it tells of a thing going past, so it solves only a problem word just before it.
OVER = "ohi"
OVER_BETWEEN = frozenset("on oli ovat olivat meni menivät menny mennyt jo nyt vihdoin viimein onneksi".split())
OVER_WINDOW = 2  # words of OVER_BETWEEN between the problem word and "ohi"
# Phrases that tell a problem was made good: "refund came back in 3 days", "hyvitys tuli heti".
SOLVED_PHRASES = ("refund came", "got a refund", "got my refund", "got my money back", "paid out", "hyvitys tuli",
                  "sain hyvityksen", "rahat tuli takaisin", "sain rahat takaisin", "hyvitettiin",
                  "found it", "found them", "found my", "finding my", "handed it in", "handed in",  # a lost thing back
                  "refund received", "refund arrived", "refund landed", "compensation landed", "compensation arrived",
                  OVER)
NOT_DONE_ENDS = ("kaa", "kää", "ko", "kö", "taan", "tään")  # korjatkaa, korjataanko, korjataan: not done yet


def negator_at(lows: list[str], start: int) -> int:
    """Where the negator before lows[start] stands (negated() said there is one)."""
    k = start - 1
    while k > 0 and lows[k] not in NEGATORS:
        k -= 1
    return k


def solved(lows: list[str], taken: set[int], at: list[int] | None = None) -> bool:
    """True when a word (at the positions `at`, when the scan found them) says a problem was solved, no negator
    denies it (never fixed), no fix is yet to come (korjattavana, yet to be fixed) and it names a fix, not a place
    nor a swap (the sorting centre, replaced it with one that ...: tone_undone)."""
    if at is None:
        at = [i for i, w in enumerate(lows) if w.startswith(SOLVED_PREFIXES)]
    return any(not negated(lows, i, taken) and not to_be_done(lows, i) and not no_fix(lows, i) for i in at)


# The problem words a Finnish compound ends in, as the packs' `*part*` patterns find them: sähkökatko, laskuvirhe.
PROBLEM_HEADS = ("katko", "häiriö", "ongelm", "virhe")


# "virheetön", "häiriöttömästi", "ongelmaton", "katkotta": a problem word's caritive (-tOn, -ttOmA-) or abessive
# (-ttA) says there was none. The stem before it: an e-word's e long (virhee-), a consonant stem's vowel (ongelma-).
WITHOUT_ENDS = ("ton", "tön", "ttom", "ttöm")
WITHOUT_ABESSIVE = ("tta", "ttä")  # not the partitive: virhettä is virhe-ttä, the abessive virhee-ttä


def without_problem(word: str) -> bool:
    """True for a problem word's caritive or abessive, which tells of none: "virheetön", "häiriöttä"."""
    for head in PROBLEM_HEADS:
        at = word.find(head)
        if at < 0:
            continue
        rest = word[at + len(head):]
        if head[-1] == "e" or head[-1] not in "aeiouyäö":  # virhe -> virhee-, ongelm -> ongelma-
            if rest[:1] not in ("e", "a", "ä") or head[-1] == "e" and rest[0] != "e":
                return False
            rest = rest[1:]
        return rest.startswith(WITHOUT_ENDS) or rest in WITHOUT_ABESSIVE
    return False


@lru_cache(maxsize=4096)
def is_problem_word(word: str) -> bool:
    """True for a word that names a problem rather than judging (issue, vika, sähkökatko), which a solving verb can
    close; not its caritive (virheetön)."""
    return (word.startswith(PROBLEM_PREFIXES) or any(head in word for head in PROBLEM_HEADS)) \
        and not without_problem(word)


def over(lows: list[str], at: int) -> bool:
    """True when the "ohi" at lows[at] says a problem word just before it is over: "katko ohi", "häiriö on ohi"."""
    for k in range(at - 1, max(-1, at - 2 - OVER_WINDOW), -1):
        if is_problem_word(lows[k]):
            return True
        if lows[k] not in OVER_BETWEEN:
            return False
    return False


# Negative-polarity words that tell of a loss or a wait: "ei saa enää käteistä", "ei ole vieläkään tullut".
# They stand after a negator by nature, so no negator cancels them.
LOSS = ("enää", "vieläkään", "anymore", "no longer")
NOT_A_LOSS_AFTER = frozenset("tarvii tarvitse tarvitsee tarviikaan need needs have".split())  # ei tarvii enää
# "Why doesn't X work", "miks ... ei voi", "why is it always": a why-question about a failure complains.
WHY = ("miksi", "miks", "why")
WHY_COMPLAINT = NEGATORS | frozenset("aina taas vieläkin always again still so charged".split())
# "why does the new recipe taste like ...", "why do I have to": an English why-question with do/does at a brand
WHY_DO = frozenset("does do did".split())
# "miks teidän sovellus", "why is my bill": a why-question about the brand's or the writer's own thing complains.
WHY_PERSONAL = frozenset("teidän teillä teiltä teitä te mun minun mulle mua my your you me".split())
WHY_WINDOW = 6
# Laughter that makes a weak sign of a complaint a joke: "joka kerta jotain mitä en tienny tarvitsevani 😂".
LAUGHS = ("😂", "🤣", "😅", "😆", "lol", "haha", "hahaha", "hah", "hehe", "xd")
# "vaikka olin kotona", "even though I paid": a concession that something happened anyway.
CONCESSIVES = ("vaikka", "even though", "although", "despite")
NOT_CONCESSIVE_NEXT = frozenset("""
mitä mitään kuinka miten millainen kuka missä minne mihin mistä milloin huomenna tänään ensi näin noin
ja tai se sen
""".split())  # "vaikka mitä", "vaikka huomenna": for example
ASKED_REACH = 60  # words after a word that its sentence's '?' may stand: a longer run asks nothing
FRAME_WINDOW = 4  # the two words of a frame (complaints.FRAMES) stand at most this many words apart
QUICK = frozenset("vain vaan alle only just under within less in".split())  # "kesti vain päivän"
QUICK_MINUTES = 15  # a wait of this many minutes or fewer is quick
MINUTES = frozenset("min mins minutes minuuttia minuutin".split())
FEW = frozenset("pari muutama viis viisi kymmenen one two three five ten few couple".split())
POLITE = frozenset({"kiitos", "kiitti", "kiitän", "thanks", "thank", "thx", "ty", "🙏"})  # thanks, not praise
# Words that turn what follows: "alkoi huonosti mut kääntyi lopussa 💪" is praise.
CONTRASTS = frozenset("mutta mut but silti kuitenkin however".split())
ABESSIVE = ("itta", "ittä")  # ongelmitta, virheittä: without problems
# "onko Oulussa katko?", "is there an outage": asking whether a problem exists is no complaint, unless
# the asker has it too ("onko muillakin", "anyone else").
STATUS_ASKS = frozenset("onko onkohan onks onkos oliko there any".split())
STATUS_WINDOW = 3
OUTAGES = ("katko", "häiriö", "outage", "disruption", "huoltokatko", "jakeluhäiriö")
_OUTAGE = re.compile("|".join(map(re.escape, OUTAGES)))  # one search for any of them inside a word
NOT_ONLY_ME = ("muill", "muulla", "else", "myös", "too", "also", "other")
_SAYS_OTHERS = methodcaller("startswith", NOT_ONLY_ME)  # a word of NOT_ONLY_ME's, tested in C


# "aito vai huijaus?", "scam or real?": a word that is one side of an either-or question is only asked about,
# unless the asker has it ("is it just me or", "vai onko vika mun päässä") or presses ("or what?", "vai mitä").
ALTERNATIVES = frozenset({"vai", "or"})
NOT_ALTERNATIVE_NEXT = frozenset("what not mitä mikä ei eikö".split())
ALT_WINDOW = 4  # the word stands this near the vai/or: "aito vai huijaus", not "kamalaa ääntä ... vai"
QUESTION_VERB_ENDS = ("ko", "kö", "ks")
QUESTION_VERBS = frozenset("am is are was were do does did should can could".split())
ASKER_HAS_IT = frozenset("""
me my mun mulla mulle minulla minussa mussa minua meillä meidän mä minä your teidän teillä
""".split())
# "nobody told me", "no one at the office could tell us": nobody did a thing for the writer.
NOBODY = ("nobody", "no one", "noone")
NOBODY_TO = frozenset({"me", "us"})
NOBODY_WINDOW = 6
# "nobody has called", "no one answers", "nobody picks up", "nobody knows where it is": nobody did what was due.
NOBODY_DUTIES = frozenset("""
called calls call answered answers answer answering replied replies reply replying responded responds respond
responding picks picked pick knows knew know came comes come showed shows contacted helps helped help cares cared
checked checks fixed fixes told tells
""".split())
NOBODY_BETWEEN = frozenset("has have is was ever even actually will could can".split())
# "eikä vastausta", "ei mitään reaktiota": no answer where one was due (the negator stands before it).
NO_ANSWER = ("vastausta", "vastauksia", "reaktiota", "kuittausta", "yhteydenottoa", "tiedotetta", "soittoa",
             "päätöstä", "palautetta", "takaisinsoittoa", "pahoittelua", "pahoitteluja", "anteeksipyyntöä")
# Plain words of approval, too common to praise, that complain when negated: "ei mikään hyvä aamu", "Ei
# naurata.", "not fair", "ei ok".
# (Not "hyvää", "ok", "fun": as common as they are, every post would pay for them, and no post here needed them.)
GOOD_IF_NEGATED = ("hyvä", "hyvältä", "hauska", "hauskalta", "reilu", "reilua", "järkevä", "järkevää", "fair",
                   "naurata", "naurattanut", "huvita",
                   # "ei ihan odotusten mukainen": short of what was promised
                   "odotusten mukainen", "odotusten mukaista", "odotusten mukaiset", "odotusten mukaisia",
                   # "reittihausta ei saa mitään selvää", "en saanu selvää": nothing to be made of it
                   "saa selvää", "saa mitään selvää", "saanut selvää", "saanu selvää",
                   "saanut mitään selvää", "saanu mitään selvää")
# "aikoja ei oo vapaana", "ei yhtään kärryä vapaana", "not available": nothing to be had. The thing may stand
# between the negator and the word: one word other than FILLERS ("ei hätää, aikoja on vapaana" has two).
NOT_AVAILABLE = ("vapaana", "vapaata", "saatavilla", "saatavana", "available", "in stock")
MISSING_WINDOW = 4


def negator_near(lows: list[str], start: int) -> int:
    """Where a negator stands at most MISSING_WINDOW words before lows[start] with at most one word other than
    FILLERS between, or -1."""
    others = 0
    for k in range(start - 1, max(-1, start - 1 - MISSING_WINDOW), -1):
        word = lows[k]
        if word in NEGATORS:
            return k
        if word[0] in BOUNDARY_CHARS:
            return -1
        if word not in FILLERS:
            others += 1
            if others > 1:
                return -1
    return -1


# "säästin kympin kuussa", "lidl was €14 cheaper": a saving outweighs the price words beside it.
SAVINGS = ("säästä*", "säästi*", "säästy*", "saved", "save", "saves", "saving", "halvemp*", "cheaper")
# "kahdesti vuodessa", "three times a year": a count per period is a schedule, not a repeat.
PER_PERIOD = frozenset("""
vuodessa kuussa kuukaudessa viikossa päivässä vuorokaudessa vuoteen kuukauteen viikkoon päivään per a
""".split())
PERIODS = frozenset("year month week day".split())
# "sori tyhmä kysymys", "dumb question but": a judging word about the writer's own question.
OWN_QUESTION = frozenset("kysymys kysymyksen kyssäri question q".split())


def per_period(lows: list[str], end: int) -> bool:
    """True when the count ending at lows[end] goes on with a period: "kahdesti vuodessa", "twice a year"."""
    if end >= len(lows) or lows[end] not in PER_PERIOD:
        return False
    return lows[end] != "a" or end + 1 < len(lows) and lows[end + 1] in PERIODS


def sentence_span(lows: list[str], at: int, reach: int = 0) -> tuple[int, int]:
    """Where the sentence holding lows[at] begins, and where its end mark stands (len(lows) when none); with a reach,
    at most that many words either side of lows[at] (the end then need not be a mark)."""
    first, n = (max(0, at - reach), min(len(lows), at + reach + 1)) if reach else (0, len(lows))
    k = at
    while k > first and lows[k - 1][0] not in BOUNDARY_CHARS:
        k -= 1
    e = at
    while e < n and lows[e][0] not in BOUNDARY_CHARS:
        e += 1
    return k, e


# "Ennen laatu oli parempaa", "the old ones were better": a past that was better tells that the present is worse
# ("parempi kuin ennen", "better than before" praise: the better word needs a past copula before it).
BETTER = ("parempi", "parempaa", "parempia", "paremmin", "parempaan", "better")
PAST_BE = frozenset("oli olivat olleet was were".split())
THEN = frozenset("ennen aiemmin silloin vanha vanhat vanhaa vanhoja entinen old before ago previously".split())
PAST_BE_WINDOW = 3  # the copula stands at most this many words before the better word
THAN = (["than"], ["kuin"], ["ku"])
THEN_REACH = 30  # words either side of the better word that its word of then may stand, in its sentence


def better_before(lows: list[str], at: int) -> bool:
    """True when the better word at lows[at] tells of a better past: a past copula just before it, and a word of
    then in its sentence ("Ennen laatu oli parempaa", "2 years ago was better")."""
    if not any(w in PAST_BE for w in lows[max(0, at - PAST_BE_WINDOW):at]) or (
            lows[at + 1:at + 2] in THAN and lows[at + 2:at + 3] and lows[at + 2] in THEN):
        return False  # "it was better than before": a change for the better
    start, end = sentence_span(lows, at, THEN_REACH)  # bounded: a run of "was better" each looks around
    return any(w in THEN for w in lows[start:end])


def asked(lows: list[str], at: int) -> bool:
    """True when the sentence holding lows[at] ends in a '?' within ASKED_REACH words: "milloin tää hoituu?"."""
    for end in range(at, min(len(lows), at + ASKED_REACH)):  # each word of a long sentence looks a bounded way
        if lows[end][0] in BOUNDARY_CHARS:
            return "?" in lows[end]
    return False


def alternative_question(lows: list[str], at: int) -> bool:
    """True when the word at lows[at] is one side of an either-or question: "aito vai huijaus?"."""
    k, e = sentence_span(lows, at)
    marked = e < len(lows) and lows[e][0] == "?"
    if not marked and e < len(lows):
        return False
    sentence = lows[k:e]
    if not ASKER_HAS_IT.isdisjoint(sentence) or any(map(_SAYS_OTHERS, sentence)):
        return False  # "vai onko vika minussa", "toimiiko teillä muilla"
    for i, w in enumerate(sentence[:-1]):
        if w in ALTERNATIVES and sentence[i + 1] not in NOT_ALTERNATIVE_NEXT and abs(k + i - at) <= ALT_WINDOW:
            # without a '?' the post's last words must ask: "vai luinko väärin", "or am I"
            if marked or sentence[i + 1].endswith(QUESTION_VERB_ENDS) or sentence[i + 1] in QUESTION_VERBS:
                return True
    return False


def nobody_for_me(lows: list[str], end: int) -> bool:
    """True when "nobody" before lows[end] did something for the writer ("nobody told me", "no one ... tell us") or
    did what was due ("nobody has called", "no one answers")."""
    k = end + 1 if end < len(lows) and lows[end] in NOBODY_BETWEEN else end
    if k < len(lows) and lows[k] in NOBODY_DUTIES:
        return True
    for k in range(end, min(len(lows), end + NOBODY_WINDOW)):
        if lows[k][0] in BOUNDARY_CHARS:
            return False
        if lows[k] in NOBODY_TO:
            return True
    return False


def polite(word: str) -> bool:
    """True for thanks, which close complaints as often as praise."""
    return word in POLITE


def loss(lows: list[str], start: int) -> bool:
    """True when a loss word tells of one ("ei saa enää käteistä"), not of a relief ("ei tarvii enää") nor a question
    whether a thing still holds ("saako kortilla enää etuja")."""
    return not any(w in NOT_A_LOSS_AFTER for w in lows[max(0, start - 2):start]) and not asked_if_still(lows, start)


def why_complaint(lows: list[str], start: int, curiosity: bool | None = None) -> bool:
    """True when the why-question at lows[start] asks about a failure ("miksi ... ei voi", "why doesn't"), not out of
    a curiosity the post owns to ("genuinely asking": tone_curious; `curiosity`: the caller's answer, found once)."""
    if curious(lows) if curiosity is None else curiosity:
        return False
    for k in range(start + 1, min(len(lows), start + 1 + WHY_WINDOW)):
        word = lows[k]
        if word[0] in BOUNDARY_CHARS:
            return False
        if word in WHY_COMPLAINT and (k > start + 1 or k + 1 < len(lows) and lows[k + 1][0].isalnum()):
            return True  # "miksi ei?" alone says "why not"
        if k == start + 1 and word in WHY_DO or word in WHY_PERSONAL:
            return True
    return False


# "... sulki sen heti ja uusi tuli hotelliin. Ei huono.": a negated negative that opens the post's last sentence is
# the writer's verdict on what the post told (the development set's 16 posts with "ei huono", "ei paha" or "ei
# hassumpi" opening a sentence are all not negative; "paha" and "hassumpi" are no words of the packs).
VERDICT_NEGATORS = frozenset("ei eipä".split())
VERDICT_AFTER = 3  # words of the last sentence after the negated word: "Ei huono tää kuu", "ei huono ollenkaan"


# "kiitos nopeasta hyvityksestä": a redress in the elative after thanks (tone_irony.DRY_THANKS' words) is what the
# writer thanks for, not what they ask for (complaints.REDRESS).
THANKED_REDRESS = ("hyvity", "korvau")
THANKS_REACH = 4  # words between the thanks and the thing thanked for: "kiitos Motonetille pahoittelusta ja"


def thanked_for(lows: list[str], start: int) -> bool:
    """True when the redress word at lows[start] is what a thanks before it thanks for: "kiitos hyvityksestä"."""
    word = lows[start]
    return word.startswith(THANKED_REDRESS) and word.endswith(("sta", "stä")) and not DRY_THANKS.isdisjoint(
        lows[max(0, start - THANKS_REACH - 1):start])


def closing_verdict(lows: list[str], at: int) -> bool:
    """True when the negated negative word at lows[at] opens the post's last sentence after its negator, after a
    sentence that told something: "... tuli hotelliin. Ei huono.", "ei huono ollenkaan"."""
    if at < 2 or lows[at - 1] not in VERDICT_NEGATORS or lows[at - 2][0] not in BOUNDARY_CHARS:
        return False
    words, ended = 0, False
    for word in lows[at + 1:]:
        if word[0] in BOUNDARY_CHARS:
            ended = True
        elif word[0].isalnum():
            words += 1
            if ended or words > VERDICT_AFTER:
                return False
    return True


def turned(lows: list[str], last_negative: int, praise_at: list[int]) -> bool:
    """True when a contrast word stands after every negative word and praise after it: "huonosti mut 💪"."""
    for k in range(last_negative + 1, len(lows)):
        if lows[k] in CONTRASTS:
            return any(p > k for p in praise_at)
    return False


def conceded(lows: list[str], praise_at: list[int], complaint: int) -> list[int]:
    """The praise words left when the last contrast before the complaint at lows[complaint] concedes those before
    it: "kauniita mutta sirut syntyy liian helposti", "nice staff but the queue was too long"."""
    for k in range(complaint - 1, -1, -1):
        if lows[k] in CONTRASTS:
            return [p for p in praise_at if p > k]
    return praise_at


def concession(lows: list[str], end: int) -> bool:
    """True when the concessive word ending at lows[end] opens a clause ("vaikka olin"), not "vaikka mitä"."""
    return end < len(lows) and lows[end][0].isalnum() and lows[end] not in NOT_CONCESSIVE_NEXT


def status_question(lows: list[str], start: int) -> bool:
    """True when the outage word at lows[start] is only asked about: "onko Kalliossa katko", "any outage".

    Only a service's state is asked about so: "onko sovellus rikki?" tells that it fails for the writer."""
    if not _OUTAGE.search(lows[start]) or STATUS_ASKS.isdisjoint(lows[max(0, start - STATUS_WINDOW):start]):
        return False
    return not any(w.startswith(NOT_ONLY_ME) for w in lows)


def same_sentence(lows: list[str], first: int, last: int) -> bool:
    """True when no sentence mark stands between lows[first] and lows[last]: "8€ less a month. took" is two."""
    return BOUNDARY_CHARS.isdisjoint(map(itemgetter(0), lows[first + 1:last]))  # each word's first character


def quick(lows: list[str], first: int, last: int) -> bool:
    """True when a word between or just before two frame words says it was quick ("vain päivän"), or the
    length is a few minutes ("took 5 minutes", "kesti 10 min"; not "1 h 45 min")."""
    if not QUICK.isdisjoint(lows[max(0, first - 1):last]):
        return True
    for k in range(max(1, first), last + 1):
        if lows[k] in MINUTES:
            count = lows[k - 1]
            return count in FEW or count.isdigit() and int(count) <= QUICK_MINUTES
    return False
