"""Asking without a question's form: pleas and politeness formulas ("please help", "auttakaa", "kindly advise",
"grateful if", "I need a human", "Pyytäisin"), advice asked for ("kokemuksia otetaan vastaan", "tips welcome", "send
tips") and thanks given before the help ("Thanks in advance"). rules/questions.py calls them for its cue words."""

from __future__ import annotations

import re

from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.question_words import (
    ADVICE_FILLERS, ADVICE_GIVE, ADVICE_WANTED, ADVICE_WELCOME, AGAIN, AGAIN_BEFORE, ALONE_PLEAS, ALONG, ALONG_WINDOW,
    ASKING_AGAIN, BACK, BRING, BRING_ALONG, CALL_BACK, DO_OBJECTS, EMOJI_FROM, EN_PLEA_LEAD, EN_PLEA_PAIRS,
    EN_PLEA_VERBS, EN_REQUESTS, EN_REQUESTS_ME, EN_REQUEST_ME_NEXT, EN_REQUEST_NEXT, FI_NOT_REQUEST_NEXT, FI_PLEAS,
    FI_REQUEST_VERBS, GRATEFUL, GRATEFUL_IF, HELP_TAKERS, HOPE, HOPE_CAN, HOPE_SOMEONE, LIKE_OBJECTS, NEEDFUL, NEEDS,
    NEED_ARTICLES, NEED_OBJECTS, NOT_AGAIN, NOT_REQUEST_VERBS, NOT_WONDERING, OFFER_FOR, OFFER_IF, OFFER_VERBS,
    OWN_WORDS, PLEASE, PLEA_ADVERBS, POLITE, RECALL_STARTS, RECALL_VERBS, REFLEXIVES, REMINDER_OPENINGS,
    REQUEST_OBJECTS, REQUEST_VERB_MIN_LETTERS, TELL, TELL_WHOM, THANKS, TIP_HEAD, TIP_WORDS, WOULD,
)

CLOSING_PLEASE_WINDOW = 10  # words a closing 'please' looks back for its clause's request verb

_TIP_OPENING = re.compile(rf"\W*(\w+)[^:.!?\n]{{0,{TIP_HEAD}}}:")


def plea(word: str, nxt: str, initial: bool, third: str = "", before: str = "") -> str | None:
    """The plea a word starts ("please help", "auttakaa", "kindly advise", "grateful if", "I need a human"), or None."""
    # nxt is the next word or mark, third the word after it, before the word before
    if word in FI_PLEAS:
        return word
    if word in EN_PLEA_LEAD:
        if nxt in EN_PLEA_VERBS and third not in REFLEXIVES or nxt.endswith(("kaa", "kää")):  # pls tuokaa
            return f"{word} {nxt}"
        if word in POLITE and requested(nxt, third):
            return f"{word} {nxt} {third}"  # "please sand it", "please clear the road"
        if nxt in PLEA_ADVERBS and third in EN_PLEA_VERBS or nxt == "do" and third in DO_OBJECTS:
            return f"{word} {nxt} {third}"  # "Please just call me back", "please do something"
    if (word, nxt) in EN_PLEA_PAIRS:
        return f"{word} {nxt}"  # "Request you to kindly unblock"
    if word in FI_REQUEST_VERBS:
        return None if nxt in FI_NOT_REQUEST_NEXT else word  # "Pyytäisin tarkistamaan tilaukseni"
    if word == NEEDFUL:
        return "the needful" if before == "the" else None
    if word in HOPE and nxt in HOPE_SOMEONE and third in HOPE_CAN:
        return f"{word} {nxt} {third}"  # "Hoping someone can help", not "I hope someone gets a raise"
    if word == "like" and before in WOULD and nxt in LIKE_OBJECTS:
        return f"{before} like {nxt}"  # "I'd like a manager to call me"
    if word == TELL and nxt in TELL_WHOM and (third == "" or third[0] in BOUNDARY_CHARS):
        return f"tell {nxt}"  # "patience or instant happiness, tell me"
    if word in CALL_BACK and initial and nxt in TELL_WHOM and third == "back":
        return f"{word} {nxt} back"  # "... now the price is 10€ more. call me back"
    if word == "appreciate" and before in WOULD:
        return f"{before} {word}"  # "I would appreciate a call back"
    if word in GRATEFUL and (nxt in GRATEFUL_IF or third in GRATEFUL_IF):
        return f"{word} {nxt if nxt in GRATEFUL_IF else f'{nxt} {third}'}"  # "grateful if", "appreciate it if"
    if word in NEEDS and before not in NOT_WONDERING and (
            nxt in NEED_OBJECTS or nxt in NEED_ARTICLES and third in NEED_OBJECTS):
        return f"{word} {nxt} {third}" if nxt in NEED_ARTICLES else f"{word} {nxt}"  # "I need a human!!"
    if word in ASKING_AGAIN and (nxt in AGAIN or before in AGAIN_BEFORE) and before not in NOT_AGAIN:
        return f"{before} {word}" if before in AGAIN_BEFORE else f"{word} {nxt}"  # "Third time asking.", "asking again"
    if word in ALONE_PLEAS and (nxt.startswith("!") and before not in HELP_TAKERS or (
            initial and nxt in ("", "me", "us", "please", "pls"))):
        return word  # "Apua!", "Help me"; not "thank u so much for the help!!", a noun
    if word in EN_REQUESTS and initial and (nxt in EN_REQUEST_NEXT or nxt[:1] in BOUNDARY_CHARS):
        return f"{word} {nxt}".strip()
    if word in EN_REQUESTS_ME and initial and nxt in EN_REQUEST_ME_NEXT:
        return f"{word} {nxt}"  # "Fix pls", "Message me if you have one"
    return None


def closing_please(tokens: list[str], lows: list[str], i: int) -> str | None:
    """The plea a 'please' closing a clause ends when the clause opens with a request verb ("Sort it out please",
    "@Posti fix the tracking pls", "Bring back the old recipe pls"), or None ("Yes please", "more of this please")."""
    if i + 1 < len(tokens) and tokens[i + 1][0].isalnum():
        return None  # a word follows: not the clause's last (an emoji, a handle or a mark may)
    start = i
    while start and tokens[start - 1][0] not in BOUNDARY_CHARS and i - start < CLOSING_PLEASE_WINDOW:
        start -= 1
    if start and tokens[start - 1][0] not in BOUNDARY_CHARS:
        return None  # too far from the clause's start
    if start + 1 < i and (tokens[start][0] == "@" or tokens[start][:1].isupper() and lows[start] not in EN_PLEA_VERBS):
        start += 1  # the brand spoken to first: "@Posti fix ...", "Valio bring back ..."
    verb = lows[start]
    if start == i or verb not in EN_PLEA_VERBS and not requested(verb, lows[start + 1]) or (
            verb == "keep" and lows[start + 1] == "it"):
        return None  # "Keep it up please", "Keep it going please": cheering, not asking
    return f"{verb} ... {lows[i]}"


def requested(verb: str, nxt: str) -> bool:
    """Whether a word before an object reads as a request's verb no list holds ("sand the ramps", "salt it")."""
    return nxt in REQUEST_OBJECTS and len(verb) >= REQUEST_VERB_MIN_LETTERS and verb.isalpha() and (
        verb not in NOT_REQUEST_VERBS and verb not in REQUEST_OBJECTS)


def tip_post(text: str, lows: list[str]) -> bool:
    """True when the post opens as a tip, a warning or a reminder to its readers ("Vinkki muille
    asunnonetsijöille: laittakaa hakuvahti päälle", "Varoitus: ... Tarkistakaa päiväys", "Muistakaa että"), or is a
    recall notice addressing no one (@Atria ... palauttakaa rahat pleads): its Finnish pleas advise."""
    if lows and lows[0] in REMINDER_OPENINGS or "akaisin" in text and "@" not in text and recall(lows):
        return True
    if not lows or lows[0] not in TIP_WORDS:
        return False  # one set probe: the pattern is matched only after a tip word (most posts open otherwise)
    opening = _TIP_OPENING.match(text)
    return opening is not None and opening.group(1).lower() in TIP_WORDS


def recall(lows: list[str]) -> bool:
    """True for a recall notice: "vetää takaisin broileripakkauksia", "takaisinveto", "Fazerin takaisinvedossa"."""
    return any(low.startswith(RECALL_STARTS) or low == "takaisin" and k and lows[k - 1] in RECALL_VERBS
               for k, low in enumerate(lows))


def advice(tokens: list[str], lows: list[str], i: int) -> str | None:
    """The words asking for the advice noun at lows[i] ("kokemuksia otetaan vastaan", "send tips"), or None."""
    # a welcome after it ("tips welcome"), a verb of wanting before it ("kaivataan vinkkejä", "need advice") or one of
    # giving at a clause start ("send tips"); not "thanks for the tips", nor the joke "send help"
    n = len(lows)
    if i and lows[i - 1] in NOT_WONDERING:
        return None  # "no help needed"
    for k in range(i + 1, min(i + 3, n)):  # the noun, then a word of welcome
        if tokens[k][0] in BOUNDARY_CHARS:
            break
        word = lows[k]
        if word in ADVICE_WELCOME:
            if word == "otetaan" and "vastaan" not in lows[k + 1:k + 3]:
                break
            return " ".join(lows[i:k + 1])
        if word not in ADVICE_FILLERS:
            break
    k = i - 1
    while k >= 0 and k > i - 3 and lows[k] in ADVICE_FILLERS:
        k -= 1
    if k < 0 or k and (lows[k - 1] in NOT_WONDERING or k > 1 and lows[k - 2] in NOT_WONDERING):
        return None  # "I don't need advice"
    word = lows[k]
    if word in ADVICE_WANTED or word in ADVICE_GIVE and lows[i] != "help" and (
            k == 0 or tokens[k - 1][0] in BOUNDARY_CHARS or lows[k - 1] in PLEASE or tokens[k - 1][0] > EMOJI_FROM):
        return " ".join(lows[k:i + 1])
    return None


def _in_clause(tokens: list[str], lows: list[str], i: int, words: frozenset[str]) -> bool:
    """True when one of `words` follows lows[i] within ALONG_WINDOW words, before a mark ends its clause."""
    for k in range(i + 1, min(i + 1 + ALONG_WINDOW, len(lows))):
        if tokens[k][0] in BOUNDARY_CHARS:
            return False
        if lows[k] in words:
            return True
    return False


def invitation(tokens: list[str], lows: list[str], i: int, unbranded: bool = False) -> bool:
    """True when the plea at lows[i] brings or takes along: an invitation ("Tuokaa hyvä mieli mukaan"), not a plea;
    `unbranded`: the post names no brand, so bringing anything but back invites ("Please bring something nut-free",
    "tuokaa makkaraa"; not "tuokaa Pommac takaisin")."""
    verb = i if lows[i] in BRING_ALONG else i + 1
    if verb >= len(lows) or lows[verb] not in BRING_ALONG:
        return False  # the verb itself or after please: "please bring your friends along"
    if _in_clause(tokens, lows, i, ALONG):
        return True
    return unbranded and lows[verb] in BRING and not _in_clause(tokens, lows, i, BACK)


def offered(lows: list[str], i: int) -> bool:
    """True when the request at lows[i] offers details: "DM me for details", "message me if interested" (an advert's,
    an organiser's), not "dm me if you have a spare ticket"."""
    if lows[i] not in OFFER_VERBS or lows[i + 1:i + 2] != ["me"]:
        return False
    after = lows[i + 2:i + 6]
    if after[:1] == ["for"]:
        return len(after) > 1 and after[1] in OFFER_FOR
    return after[:1] == ["if"] and any(tuple(after[1:1 + len(tail)]) == tail for tail in OFFER_IF)


def thanks_ahead(lows: list[str], i: int) -> bool:
    """True for thanks before the help: "Thanks in advance", "thank you in advance", "Kiitos jo etukäteen"."""
    if lows[i + 1:i + 3] == ["for", "nothing"]:
        return False  # "Thanks in advance for nothing"
    if lows[i] == "advance":
        return i > 1 and lows[i - 1] == "in" and not THANKS.isdisjoint(lows[max(0, i - 3):i - 1])
    return not THANKS.isdisjoint(lows[max(0, i - 2):i])


def for_themselves(tokens: list[str], lows: list[str], i: int) -> bool:
    """True when the plea at lows[i] has the readers' own things or themselves in its clause: advice to the readers."""
    # "tarkistakaa omat lennot", "tehkää pääsykoevalmennus itse"; not a plea to the brand
    if any(token[0] == "@" for token in tokens):
        return False  # "@Posti hoitakaa itse tämä sotku" pleads with the brand
    return _in_clause(tokens, lows, i, OWN_WORDS)
