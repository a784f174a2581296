"""Irony and sarcasm in tone: an "as ever" last sentence (Taas., of course.), a doubting one (Oikeesti?), praise that
is meant the other way (... ei oo missään. Hienoa., Great, cancelled again) and praise that only consoles (The human
was great though).

Language knowledge, not configuration, read by classify.py beside tone.py's negation and complaint rules.
"""

from __future__ import annotations

from typing import Sequence

from kuulo.rules.normalise import BOUNDARY_CHARS

# Praise in a sentence that concedes is a consolation: "The human was great though", "at least the snow is pretty".
CONSOLATIONS = frozenset("though tho sentään least".split())
CONSOLING_WALKS = 4  # praise places a post's sentences are walked for one by one; past it, the post is read once
# After these a complaint is no praise even with a praise word: "Great, cancelled again".
SARCASM_HINTS = frozenset("again taas jälleen classic klassikko tyypillistä vaan".split())
SARCASM_TAIL_WORDS = 3
TAIL_RUN_WORDS = 2  # words of each sentence in a run of short ones that ends the post: "Nice. Cool. Love it."
TAIL_RUN_TOKENS = 12  # tokens of such a run, words and marks
TAIL_HINT_WORDS = 1  # "Telia. Taas.": one word before an "as ever" sentence is enough
# A last sentence of one word that says "as ever": "Taas.", "again.", "Tietysti.", "of course".
TAIL_HINTS = frozenset({"taas", "again", "tietysti", "tietenkin", "tietenki", "of course", "as usual", "as always",
                        "kuten aina", "kuten tavallista", "totta kai", "heh"})
# A last sentence that says nothing came of what the post told: 'Sain kaksi viestiä "melkein valmis". Sit ei
# mitään.', "Isännöitsijälle on ilmoitettu 4 kertaa. Ei mitään"; after a told event, not a word or two ("Alepa.
# Ei mitään.").
NOTHING_TAILS = frozenset({"ei mitään", "eikä mitään", "sit ei mitään", "sitten ei mitään", "ja ei mitään"})
NOTHING_BEFORE = 3  # words of the sentences before it
# A claim quoted back as the last sentence, which the post before it belies: "... took 25 minutes for one burger. Fast
# food, they said.", "turned my ears green after a week. Silver, they said."
SAID = "said"
SAID_BY = frozenset("they he she you it".split())
SAID_CLAIM_WORDS = 3  # words of the claim before "they said"
SAID_BEFORE = 3  # words of the sentences before it
# A last sentence that doubts what the post told, asked: "89 € kangaskassi? Oikeesti?", "Nyt Fortumkin lopettaa
# kiinteät? Oikeesti?" (all nine such posts of the development set but one complain; "Oikeesti." affirms: "Paras
# kahvi ikinä. Oikeesti.").
DOUBT_TAILS = frozenset({"oikeesti", "oikeasti", "oikeesti nyt", "ihan oikeesti", "siis oikeesti", "nyt oikeesti"})
# a post may end in one unmarked
TAIL_ENDS = frozenset({*(hint.rsplit(" ", 1)[-1] for hint in TAIL_HINTS | NOTHING_TAILS | DOUBT_TAILS), SAID})
# Before a one-word praise sentence, these make it ironic: "ruokaa ei oo missään. Hienoa." ("no fuss. Great."
# stays praise: only a verb's negator counts).
IRONY_BEFORE = frozenset("""
ei eikä en et emme ette eivät not never isn't wasn't aren't weren't don't doesn't didn't won't can't cannot
couldn't hasn't haven't mutta mut but taas again vieläkään
""".split())


# Thanks as the whole last sentence, bare or for "this", closed by a full stop or by nothing: "... Kerroin putosi.
# Kiitos.", "Kiitos tästä kokemuksesta." A thankful writer marks it ("Kiitos!", "Kiitos 🙏") or says for what
# ("Kiitos asiakaspalveluun.", "kiitos kaikille neuvoista").
DRY_THANKS = frozenset("kiitos kiitti kiitoksia".split())
THANKS_FOR_THIS = frozenset("tästä siitä tästäkin".split())
DRY_ENDS = frozenset({".", "..."})
DRY_THANKS_WORDS = 3  # the words of the sentences before it
# Thanks in advance close a question or a request: "Onko auki juhannuksena? Kiitos.", "Lähettäkää kuitti. Kiitos."
ASKING_ENDS = ("kaa", "kää", "isitteko", "isittekö", "isitkö", "isitko")


def dry_thanks(lows: list[str]) -> str | None:
    """The thanks that makes the post's whole last sentence without a mark of warmth ("Kiitos.", "Kiitti tästä."),
    or None."""
    n = len(lows) - 1 if lows and lows[-1] in DRY_ENDS else len(lows)
    k = n - 1
    while k >= 0 and lows[k][0].isalnum() and n - k <= 3:
        k -= 1
    k += 1  # the last sentence is lows[k:n], at most three words
    if not 0 < k < n or lows[k - 1][0] not in BOUNDARY_CHARS or lows[k] not in DRY_THANKS:
        return None
    if n - k > 1 and lows[k + 1] not in THANKS_FOR_THIS:
        return None  # "Kiitos asiakaspalveluun.": thanks for something named
    if sum(w[0].isalnum() for w in lows[:k]) < DRY_THANKS_WORDS or any(
            w[0] == "?" or w.endswith(ASKING_ENDS) for w in lows[:k]):
        return None
    return " ".join(lows[k:n])


def tail_hint(lows: list[str]) -> str | None:
    """The "as ever" or "nothing came of it" words that make the post's whole last sentence ("Taas.", "of course.",
    "Sit ei mitään."), or the claim it quotes back ("Fast food, they said."), or None."""
    n = len(lows)
    while n and (lows[n - 1][0] in BOUNDARY_CHARS or not lows[n - 1][0].isalnum()):
        n -= 1  # marks and emoji after it: "Räntää. Taas. 🌧️"
    if n > 2 and lows[n - 1] == SAID:
        return said_so(lows, n)
    for size in (1, 2, 3):
        k = n - size
        if k > 0 and lows[k - 1][0] in BOUNDARY_CHARS:
            words = lows[k] if size == 1 else " ".join(lows[k:n])
            if words in TAIL_HINTS and sum(w[0].isalnum() for w in lows[:k]) >= TAIL_HINT_WORDS or (
                    words in NOTHING_TAILS and sum(w[0].isalnum() for w in lows[:k]) >= NOTHING_BEFORE) or (
                    words in DOUBT_TAILS and n < len(lows) and lows[n][0] == "?"
                    and sum(w[0].isalnum() for w in lows[:k]) >= NOTHING_BEFORE):
                return words
    return None


def said_so(lows: list[str], n: int) -> str | None:
    """"… they said" when the last sentence (ending at lows[n]) is a short claim quoted back after a longer post:
    "Silver, they said."; else None."""
    if lows[n - 2] not in SAID_BY:
        return None
    k = n - 2
    while k > 0 and lows[k - 1][0] not in BOUNDARY_CHARS:
        k -= 1
    if not 0 < k or not 1 <= n - 2 - k <= SAID_CLAIM_WORDS or sum(w[0].isalnum() for w in lows[:k]) < SAID_BEFORE:
        return None
    return f"{lows[n - 2]} {SAID}"


def quoted_back(lows: list[str], at: int) -> bool:
    """True when the praise word at lows[at] is in the claim a post quotes back at its end: "Fast food, they said."."""
    # the post's last word, 'said', within reach after it: marks after it looked for from there, forward (a long run of
    # marks or emoji ending a hostile post is not walked again from the end for each praise word)
    n = len(lows)
    for k in range(at - 1 if at else 0, min(n, at + SAID_CLAIM_WORDS + 2)):  # at - 1: a praise emoji after it
        if lows[k] == SAID and all(lows[j][0] in BOUNDARY_CHARS or not lows[j][0].isalnum() for j in range(k + 1, n)):
            return said_so(lows, k + 1) is not None
    return False


def last_places(lows: list[str]) -> tuple[int, int]:
    """Where the post's last boundary mark and its last other token stand (-1: none): found once a post, as the caller
    hands them to lone_tail and sarcastic_tail for each praise word (which looked through the rest of the post)."""
    mark = word = -1
    k = len(lows) - 1
    while k >= 0 and (mark < 0 or word < 0):
        if lows[k][0] in BOUNDARY_CHARS:
            if mark < 0:
                mark = k
        elif word < 0:
            word = k
        k -= 1
    return mark, word


def lone_tail(lows: list[str], start: int, end: int, last_word: int | None = None) -> bool:
    """True when lows[start:end] is the whole last sentence, after at least SARCASM_TAIL_WORDS words (`last_word`: where
    the post's last token other than a boundary mark stands, last_places')."""
    if last_word is None:
        last_word = last_places(lows)[1]
    if not start or lows[start - 1][0] not in BOUNDARY_CHARS or last_word >= end:  # only marks from lows[end] on
        return False
    return sum(w[0].isalnum() for w in lows[:start]) >= SARCASM_TAIL_WORDS


def ironic_tail(lows: list[str], at: int, last_word: int | None = None) -> bool:
    """True for one praise word as the last sentence after a failure or a contrast: "... ei oo missään. Hienoa."."""
    return lone_tail(lows, at, at + 1, last_word) and any(w in IRONY_BEFORE or w.endswith("n't") for w in lows[:at])


def sarcastic(lows: list[str]) -> bool:
    """True when a word hints that praise is meant the other way ("taas", "again")."""
    return any(w in SARCASM_HINTS for w in lows)


def consoling_places(lows: list[str], ats: Sequence[int]) -> set[int]:
    """The places among ats for which consoling() holds, the post read once past CONSOLING_WALKS places, so that a
    long sentence of praise words is not walked again for each of them."""
    if len(ats) <= CONSOLING_WALKS:
        return {at for at in ats if consoling(lows, at)}
    wanted, found, n, k = set(ats), set(), len(lows), 0
    while k < n:
        if lows[k][0] in BOUNDARY_CHARS:  # a mark after a mark (or first): its sentence is empty, nothing concedes
            k += 1
            continue
        start, concedes = k, False
        while k < n and lows[k][0] not in BOUNDARY_CHARS:
            concedes = concedes or lows[k] in CONSOLATIONS
            k += 1
        if concedes:  # its words, and the mark that ends it (consoling() reads the sentence before a mark)
            found.update(j for j in range(start, min(k + 1, n)) if j in wanted)
        k += 1
    return found


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


def short_run(lows: list[str], start: int) -> bool:
    """True when the sentence from lows[start] on and each one after it hold at most TAIL_RUN_WORDS words: "Nice. Cool.
    Love it."; at most TAIL_RUN_TOKENS tokens (words and marks) to the end, so that a long post is not walked again
    for each praise word."""
    if len(lows) - start > TAIL_RUN_TOKENS:
        return False
    words = 0
    for w in lows[start:]:
        if w[0] in BOUNDARY_CHARS:
            words = 0
        elif w[0].isalnum():
            words += 1
            if words > TAIL_RUN_WORDS:
                return False
    return True


def sarcastic_tail(lows: list[str], at: int, places: tuple[int, int] | None = None) -> bool:
    """True for a praise word in a short last sentence after a longer one ("...didn't even stop. Lovely."), or in a run
    of short sentences that ends the post ("...raised our insurance 18% without any claim. Nice. Cool. Love it.");
    `places`: the post's last mark and last other token, last_places'."""
    n = len(lows)
    mark, word = last_places(lows) if places is None else places
    later = mark > at and word > at  # a sentence ends after it, and words follow: not in the last sentence
    # the mark that begins its sentence, looked for only as far back as an answer needs it: a run of short sentences
    # lies within TAIL_RUN_TOKENS of the end; a short last sentence within SARCASM_TAIL_WORDS of the praise word
    floor = max(0, n - TAIL_RUN_TOKENS - 1 if later else at - SARCASM_TAIL_WORDS)
    k = at - 1
    while k >= floor and lows[k][0] not in BOUNDARY_CHARS:
        k -= 1
    if later and not (k >= 0 and short_run(lows, k + 1)):
        return quoted_back(lows, at)  # not in the last sentence, nor in a run of short ones: in a claim quoted back?
    if k < 0 or at - k > SARCASM_TAIL_WORDS:
        return False
    return sum(w[0].isalnum() for w in lows[:k]) >= SARCASM_TAIL_WORDS
