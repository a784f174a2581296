"""Does a post ask something? A sentence-ending '?', a clause-initial question word, a -ko/-kö verb,
an indirect question ("kertokaa miten", "I was wondering if"), a plea or politeness formula ("please help",
"auttakaa", "kindly advise", "grateful if", "thanks in advance") or advice asked for ("tips welcome").

Noise that is not a question: '???!!!' runs and a lone '?!' after an exclamation, a '?' inside a
word or link or as a hedge in parentheses ("(ehkä ?)"), a '?' the writer answers at once or meets with
amazement ("Worth it? No.", "Miten? 😮"), a quoted question, exclamations ("Mitä ihmettä!", "What a
day", "Kuka olis uskonu"), relatives ("what he did ... is", "Which explains"), reported questions ("en tiedä
onko ... vai"), the negative imperative (älkää tilatko) and -kko/-kkö and other nouns in -ko (Marimekko, koko).
The word classes are in rules/question_words.py, the -ko/-kö verb in rules/question_clitics.py, the '?' of
wonder at an age, a hedge or a laugh and who-did-this in rules/question_exclaims.py, a choice offered with 'vai' in
rules/question_choices.py, which question words ask nothing (a relative, self-reproach, a laugh for a '?') in
rules/question_apart.py, and why a word asked nothing, as explain says it, in rules/question_told.py.
"""

from __future__ import annotations

import re
from typing import Container, Sequence

from kuulo.rules.normalise import BOUNDARY_CHARS, TAG_CHARS
from kuulo.rules.question_choices import choice
from kuulo.rules.question_clitics import CLITIC_TAILS as _CLITIC_TAILS, clitic_question, verb_clitic
from kuulo.rules.question_apart import quoted, told, within_quotes
from kuulo.rules.question_exclaims import laughed
from kuulo.rules.question_marks import answered_after, has_question_mark, unsure_asides
from kuulo.rules.question_requests import (
    advice, closing_please, for_themselves, invitation, offered, plea, thanks_ahead, tip_post,
)
from kuulo.rules.question_told import (
    ADVISES, FORBIDS, INVITES, LAUGHED, NOUN, OFFERS, OWN, QUOTED, REPORTED, SHOWN_WORDS, SUBJECT, refuse,
)
from kuulo.rules.question_words import (
    ADVICE_NOUNS, AHEAD, ALONE_PLEAS, ANNOUNCED, ANY_ASKING_NEXT, ANY_PARTICIPLE_END, ANY_STATEMENT_VERBS, ANY_WORDS,
    ASKED_BY_OTHERS, CLITIC_PRONOUNS, EN_ASKING, FI_INTENSIFIERS, INTERJECTED,
    ASKING_AGAIN, BARE_PLURAL_AUX, CALL_BACK, CANNOT, CONCESSIVE_STEM, DISCOURSE_MARKERS, EMOJI_FROM,
    EN_AFTER_COMMA_SUBJECTS, EN_ALWAYS, EN_ASK,
    EN_ASK_PAIRS, EN_AUX, EN_BE, EN_EXCLAMATIVE, EN_EXCLAMATIVE_NEXT, EN_HOW_NEXT, EN_INDIRECT_NEXT, EN_PERSONS,
    EN_PLEA_LEAD, EN_PLEA_PAIRS, EN_PROGRESSIVE, EN_REQUESTS, EN_REQUESTS_ME, EN_STATES, EN_SUBJECTS, EN_WHEN,
    FAR_NEGATORS,
    FAR_NEGATOR_WINDOW, FI_AFTER_COMMA, FI_ASK, FI_ASK_CONDITIONAL, FI_EVERYONE, FI_EXCLAMATIVE_NEXT, FI_INTERROGATIVES,
    FI_JOINERS,
    FI_KNOW_WANTERS, FI_NEG_IMPERATIVE, FI_NOT_ASKING, FI_PLEAS, FI_REPORTING, FI_REQUEST_VERBS, FI_SAID, FI_SOMEONE,
    FI_TELLERS, FI_VERBLESS_FAULTS, FI_WHERE_AFTER_COMMA, FI_ZERO_OBJECTS, FI_ZERO_PERSON, FI_ASKING_PARTICLES,
    GRATEFUL, GREETINGS, HANDLE_SUBJECTS, HOPE, HOW_SUBJECTS, IF_ANYONE, IF_ANYONE_VERBS,
    IF_ANYONE_WINDOW, IF_NOT_ASKING, INDIRECT_WINDOW, KNOW_ASKERS,
    KNOW_OBJECT_STARTS, KNOW_WANTERS, KNOW_YOU, NEEDFUL, NEEDS, NOT_A_SUBJECT, NOT_TRAILING_WHY, NOT_WONDERING,
    PERSON_POSSESSIVES, PLEASE, PLEASE_AUX, PUZZLED, PUZZLED_AT_PEOPLE, PUZZLED_CLAUSE, PUZZLED_DEGREE, PUZZLED_FILLERS,
    PUZZLED_NEGATORS, PUZZLED_NEXT, RHETORICAL, TASK_VERBS, TELL, TIP_WORDS, TRAILING_WHY,
)

_CUES = (FI_PLEAS | EN_PLEA_LEAD | ALONE_PLEAS | EN_REQUESTS | EN_REQUESTS_ME | FI_ASK | EN_ASK
         | {a for a, _ in EN_ASK_PAIRS} | ADVICE_NOUNS | {a for a, _ in EN_PLEA_PAIRS} | GRATEFUL | NEEDS | {NEEDFUL}
         | AHEAD | FI_REQUEST_VERBS | HOPE | TIP_WORDS | ASKING_AGAIN | CALL_BACK | PUZZLED | {"like"})
# plea()'s words
_PLEA_WORDS = (FI_PLEAS | EN_PLEA_LEAD | ALONE_PLEAS | EN_REQUESTS | EN_REQUESTS_ME | {a for a, _ in EN_PLEA_PAIRS}
               | GRATEFUL | NEEDS | {NEEDFUL} | FI_REQUEST_VERBS | HOPE | ASKING_AGAIN | CALL_BACK | {"like", TELL})
_CUES_OR_JOINERS = _CUES | FI_JOINERS
_KO = ("ko", "kö", "ks", "kohan", "köhän")
AGREEING_SUBJECTS = frozenset("i we you they he she everyone".split())  # "so am I", "so do we"
REPORTING_REACH = 3  # words back a reporting verb may stand from its -ko word: "kysyin Fazerin myyjältä onko" (four
# would reach across a quoted question to a real one: Fazerin kassalla kysyin "onko tää alennuksessa", toimiiko teillä)
_KO_LAST = frozenset("oösn")  # a last-letter test first: cheaper than endswith for the words that end otherwise

_RHETORICAL_FIRST = frozenset(first for first, _ in RHETORICAL)
_MID_STARTERS = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN | EN_AUX | ANNOUNCED  # asks after a comma or colon
_MID_CUES = _MID_STARTERS | _CUES_OR_JOINERS
_ASKING_WORDS = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN
_INITIAL = _ASKING_WORDS | EN_AUX  # words that may begin a question
_AFTER_PLEASE = _ASKING_WORDS | PLEASE_AUX  # a question after please: "Please can you", "Nordea pls miks"
# A post with none of these words (and no '?', no -ko/-kö/-ks) asks nothing.
_TRIGGERS = _INITIAL | _MID_CUES | FI_PLEAS | ALONE_PLEAS | EN_PLEA_LEAD | FI_ASK | EN_ASK
_VAI = "vai"
_INDIRECT_FILLERS = frozenset({"you", "to", "i", "us", "again"})  # between an asking verb and its question word
_OPENERS = GREETINGS | DISCOURSE_MARKERS  # words that leave a clause start open
_NONE: frozenset[int] = frozenset()  # no token indices (a post without a doubted aside)
# Tokens that ask nothing inside a clause (no cue, no -ko/-kö/-ks shape, no emoji's first character), as
# question_reasons found them: most words, looked up once instead of tested each time; remembered up to a limit
_PLAIN_TOKENS: set[str] = set()
PLAIN_TOKENS_MEMO = 50_000


def _mark_before(text: str, token: str) -> str:
    """":" or "," when the text has that mark just before the token (with a space or not), else ""."""
    for mark in (":", ","):
        for lead in (f"{mark} {token}", f"{mark}{token}"):
            at = text.find(lead)
            while at >= 0:
                end = at + len(lead)
                if end >= len(text) or not text[end].isalnum():
                    return mark
                at = text.find(lead, end)
    return ""


def mid_reason(text: str, token: str, word: str, before: str, nxt: str, third: str, fourth: str = "",
               clause: Sequence[str] = ()) -> str | None:
    """Why a word inside a sentence asks something: a question word after a comma or colon, which the
    tokens do not show ("sovellus: miten saa", "Monday, when will it"), or a word announcing a question (clause: the
    words after it to the clause's end, for missä / mistä)."""
    if word in ANNOUNCED:
        return f"announced '{word}:'" if f"{token}:" in text else None
    mark = _mark_before(text, token)
    if not mark or (before in FI_NOT_ASKING and mark == ","):
        return None
    if word in FI_INTERROGATIVES:
        if (mark == ":" or word in FI_AFTER_COMMA) and nxt not in FI_EXCLAMATIVE_NEXT or where_asks(word, clause):
            return f"interrogative '{word}'"
    elif word in EN_AUX:
        subjects = EN_SUBJECTS if mark == ":" else EN_AFTER_COMMA_SUBJECTS  # "Question: is the store open"
        if nxt in subjects and word not in ("am", "had", "has", "have"):
            return f"interrogative '{word}'"
    elif word not in ("which", "whose", "whom") and nxt in EN_AUX and (
            third in EN_AFTER_COMMA_SUBJECTS or nxt in EN_BE and third.endswith(EN_PROGRESSIVE)):
        return f"interrogative '{word}'"  # "..., when will it", "..., what is going on"
    elif word in ("which", "what") and nxt not in EN_AUX and third in EN_AUX and fourth in EN_AFTER_COMMA_SUBJECTS:
        return f"interrogative '{word}'"  # "..., which one should I buy", "..., what app do you use"
    return None


def quote_closed_after(text: str, nxt: str) -> bool:
    """Whether a '?' closes a quotation that the sentence goes on after ("'Why ...?' was the first thing")."""
    return re.search(r"\?[\"'”’»]\s+" + re.escape(nxt) + r"\b", text) is not None


def where_asks(word: str, clause: Sequence[str]) -> bool:
    """Whether missä / mistä after a comma asks rather than relates: a particle in its clause ("mistä näitä oikein
    löytää"), a verb of no person ("mistä sitä saa", "mistä näkee") or no verb ("missä vika")."""
    if word not in FI_WHERE_AFTER_COMMA or not clause:
        return False
    if not FI_ASKING_PARTICLES.isdisjoint(clause):
        return True
    verb = clause[1] if clause[0] in FI_ZERO_OBJECTS and len(clause) > 1 else clause[0]
    return verb in FI_ZERO_PERSON or (len(clause) == 1 and clause[0] in FI_VERBLESS_FAULTS)


def clause_after(lows: list[str], i: int, reach: int = 6) -> list[str]:
    """The words after lows[i] up to the clause's end (a sentence mark, a line), at most reach of them."""
    out: list[str] = []
    for low in lows[i + 1:i + 1 + reach]:
        if low[0] in BOUNDARY_CHARS:
            break
        out.append(low)
    return out


def puzzled(lows: list[str], i: int) -> str | None:
    """The puzzlement put as a question at lows[i] ("en ymmärrä miks", "do not understand why"), or None."""
    k = i - 1
    while k >= 0 and lows[k] in PUZZLED_FILLERS:
        k -= 1
    if k < 0 or lows[k] not in PUZZLED_NEGATORS or i + 1 >= len(lows) or lows[i + 1] not in PUZZLED_NEXT or (
            i + 2 < len(lows) and lows[i + 2] in PUZZLED_AT_PEOPLE):
        return None
    last = min(len(lows), i + 2 + PUZZLED_CLAUSE)
    end = next((e for e in range(i + 2, last) if lows[e][0] in BOUNDARY_CHARS), last)
    if end < len(lows) and lows[end][0] == "!" and not PUZZLED_DEGREE.isdisjoint(lows[i + 2:end]):
        return None  # "en tajua miten tää voi olla näin hyvää!": wonder, not a question
    return " ".join(lows[k:i + 2])


def if_anyone(lows: list[str], i: int) -> str | None:
    """The request to the readers an 'if' at lows[i] starts ("if anyone in Kallio has", "if someone has a car"), or
    None: not "as if anyone cares", "surprised if anyone noticed", "Not sure if anyone has noticed"."""
    who = lows[i + 1] if i + 1 < len(lows) else ""
    if who not in IF_ANYONE or i and lows[i - 1] in IF_NOT_ASKING:
        return None
    for k in range(i + 2, min(i + 2 + IF_ANYONE_WINDOW, len(lows))):
        if lows[k] in IF_ANYONE_VERBS:
            return f"if {who} {lows[k]}"
        if lows[k][0] in BOUNDARY_CHARS:
            break
    return None


def indirect(lows: list[str], i: int, initial: bool = True, text: str = "") -> str | None:
    """The indirect question starting at lows[i] ("kertokaa miten", "wondering if"), or None ("no idea why");
    "any ..." and "anyone ..." ask only at a clause start ("Any estimate", not "can't get any info")."""
    word = lows[i]
    if i and (lows[i - 1] in NOT_WONDERING or lows[i - 1] in CANNOT or i > 1 and lows[i - 2] in NOT_WONDERING) or (
            not initial and word in ANY_WORDS):  # "nobody could tell me why"
        return None
    for k in range(i - 1, max(-1, i - FAR_NEGATOR_WINDOW - 1), -1):
        if lows[k][0] in BOUNDARY_CHARS:
            break
        if lows[k] in FAR_NEGATORS:
            return None  # "nobody is going to be able to tell you if"
    if word == "know" and (not i or lows[i - 1] not in KNOW_ASKERS or lows[i - 1] in KNOW_YOU and (
            i < 2 or lows[i - 2] not in EN_AUX) or lows[i - 1] == "to" and (i < 2 or lows[i - 2] not in KNOW_WANTERS)):
        return None  # "now I know what", "you know what", "good to know what"; "anyone know if", "do you know if",
        # "I'd like to know if" ask
    if word in EN_ASKING and i and lows[i - 1] in ASKED_BY_OTHERS and "i" not in lows[max(0, i - 3):i]:
        return None  # "my coworkers keep asking me if", "they asked whether": another's question told, not the writer's
    if word in FI_ASK_CONDITIONAL and (FI_SOMEONE.isdisjoint(lows[max(0, i - 2):i]) or i and lows[i - 1] in FI_TELLERS):
        return None  # "hän kertoisi miten", "jos tämä selittää miksi"; "jos joku vastais miks" asks
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if word == "know" and lows[i - 1] == "to" and i > 1 and lows[i - 2] in KNOW_WANTERS and (
            nxt in KNOW_OBJECT_STARTS and "not" not in lows[max(0, i - 4):i]):
        return f"{lows[i - 2]} to know {nxt}"  # "I want to know the price", not "I did not need to know this"
    if word == "tietää" and i and lows[i - 1] in FI_KNOW_WANTERS:
        return f"{lows[i - 1]} tietää"  # "Haluaisin tietää paketin sijainnin"
    if word == "tietää" and i and lows[i - 1] in FI_EVERYONE:
        return None  # "Kaikki tietää kuka toi mitä": it tells
    if word in ANY_WORDS and word != "any" and nxt.endswith(ANY_PARTICIPLE_END) and len(nxt) > 4:
        for k in range(i + 2, min(i + 8, len(lows))):
            if lows[k] in ANY_STATEMENT_VERBS:
                return None  # "Anyone saying otherwise is wrong"
            if lows[k][0] in BOUNDARY_CHARS:
                break
        return f"{word} {nxt}"  # "anyone holding long term"
    if nxt in ANY_ASKING_NEXT and word in ANY_WORDS and word != "any":
        if i + 2 < len(lows) and lows[i + 2] in PERSON_POSSESSIVES:
            return None  # "Anyone in their right mind"
        return f"{word} {nxt}"  # "anyone in Oulu with a trailer"
    if (word, nxt) in EN_ASK_PAIRS:
        if word == "let":  # "let me know", not "let me tell you"
            return "let me know" if i + 2 < len(lows) and lows[i + 2] == "know" else None
        return f"{word} {nxt}"
    if word in FI_ASK:
        if nxt in FI_INTERROGATIVES and i + 2 < len(lows) and lows[i + 2][:CONCESSIVE_STEM] == word[:CONCESSIVE_STEM]:
            return None  # "Sanokaa mitä sanotte": say what you will, a concession
        for k in range(i + 1, min(i + 1 + INDIRECT_WINDOW, len(lows))):
            if lows[k] in FI_INTERROGATIVES or clitic_question(lows[k]):
                return " ".join(lows[i:k + 1])
    elif word in EN_ASK:
        for k in range(i + 1, min(i + 1 + INDIRECT_WINDOW, len(lows))):
            if lows[k] in EN_INDIRECT_NEXT and lows[k] != "me":
                if lows[k] == "which" and (", which" in text or ", Which" in text):
                    return None  # "without me even asking, which was nice" relates
                return " ".join(lows[i:k + 1])
            if lows[k] not in EN_INDIRECT_NEXT and lows[k] not in _INDIRECT_FILLERS and lows[k][0] != "@":
                break  # "asking @Posti whether", "tell us when" go on
    return None


def _reporting_before(lows: list[str], i: int) -> int:
    """The place of a verb reporting a question within REPORTING_REACH words before lows[i], or -1."""
    for verb in range(i - 1, max(i - 1 - REPORTING_REACH, -1), -1):
        if lows[verb] in FI_REPORTING:
            return verb
        if lows[verb][0] in BOUNDARY_CHARS:
            break  # another sentence's
    return -1


NAME_CLITICS = ("ko", "kö")  # the question clitic on a brand's name, after a case ending (not Marimekko's own -ko)
NAME_CASES = ("lla", "llä", "ssa", "ssä", "sta", "stä", "lta", "ltä", "lle", "ksi", "na", "nä", "an", "än", "iin")


def question_reasons(text: str, tokens: list[str], lows: list[str], skip: Container[int],
                     refused: list[tuple[str, str]] | None = None) -> tuple[str, ...]:
    """Why the post is a question: "question mark", "interrogative 'miksi'", "clitic 'toimiiko'", "plea 'apua'"."""
    # refused, when given, gets each word that looked like a question and why it asks nothing (question_told.py)
    if "?" not in text and _TRIGGERS.isdisjoint(lows) and not (
            "ko" in text or "kö" in text or "ks" in text or "KO" in text or "KÖ" in text or "KS" in text):
        return ()  # no word that could ask: most posts, at the cost of one set probe a word
    reasons = ["question mark"] if "?" in text and has_question_mark(text) else []
    branded = bool(skip)  # a brand was found
    doubted = unsure_asides(text) if "(" in text and "?" in text else _NONE  # "(vai oliko -50? en muista)"
    if doubted:
        skip = {*skip, *doubted}  # its words ask nothing
    start = True
    after_brand = False
    addressed = False  # the clause opened with the brand's @handle: "@HSL_HRT is the metro running"
    n = len(tokens)
    marks = "," in text or ":" in text  # a comma or colon may open a question inside a sentence
    ko = "k" in text or "K" in text  # a -ko/-kö/-ks verb may be there
    boundary, mid_cues, ko_ends, ko_last, plain = BOUNDARY_CHARS, _MID_CUES, _KO, _KO_LAST, _PLAIN_TOKENS
    said = len(reasons)  # the reasons before this sentence's
    reported = False  # a -ko/-kö verb of this sentence was reported: "en tiedä itkenkö vai nauranko"
    tip = tip_post(text, lows)  # the post opens as a tip: "Varoitus: ... Tarkistakaa ennen ostoa."
    advising = False  # this sentence was announced as a tip: "Vinkki: ottakaa eväät mukaan"
    for i, token in enumerate(tokens):
        if not start and token in plain:
            continue  # a word inside a clause that asks nothing there, seen before (lows[i] is its lower_tokens form)
        first = token[0]
        if first in boundary:
            if first == "?" and i + 1 < n and tokens[i + 1][:1].islower() and quote_closed_after(text, tokens[i + 1]):
                continue  # "'Why is power so dear?' was the first thing I read": the quote's sentence ends, not this
            if reasons:
                if first == "?" and i + 1 < n and answered_after(tokens, lows, i + 1, text):
                    del reasons[said:]  # "Did I enjoy it? Yes.": a question the writer answers asks nothing
                said = len(reasons)
            start, after_brand, addressed, reported, advising = True, False, False, False, False
            continue
        word = lows[i]
        if ko and i in skip and word.endswith(NAME_CLITICS) and word[:-2].endswith(NAME_CASES) and i not in doubted:
            _add(reasons, f"clitic '{word}'")  # a name's case asked of: "eckerölläkö pääsee halvemmalla"
        if not start:
            if word not in mid_cues:
                if ko and word[-1] in ko_last and word.endswith(ko_ends) and first not in TAG_CHARS and (
                        i not in skip and verb_clitic(word)):
                    if i + 1 < n and lows[i + 1] in FI_SAID:
                        refuse(refused, tokens, i, SUBJECT, 2)  # "ja pikkusisko kysyi"
                    elif (verb := _reporting_before(lows, i)) >= 0:
                        reported = True  # "en tiedä onko", "katsotaan huomenna onko", "kysyin Fazerin myyjältä onko"
                        refuse(refused, tokens, verb, REPORTED, i - verb + 1)
                    elif lows[i - 1] in FI_NEG_IMPERATIVE or i > 1 and lows[i - 2] in FI_NEG_IMPERATIVE:
                        refuse(refused, tokens, i, FORBIDS)  # "älkää ikinä tilatko" forbids
                    elif quoted(text, token):
                        refuse(refused, tokens, i, QUOTED)  # 'sanoo kassalle "onks tää ilmanen"': another's words
                    else:
                        _add(reasons, f"clitic '{word}'")
                elif first > EMOJI_FROM:
                    start, after_brand, addressed = True, False, False  # an emoji closes a clause: "kylmää 😡 kuka"
                elif len(plain) < PLAIN_TOKENS_MEMO and not (word[-1] in ko_last and word.endswith(ko_ends)):
                    plain.add(token)
                continue
            if word in TRAILING_WHY and (i + 1 >= n or not tokens[i + 1][0].isalnum()) \
                    and lows[i - 1] not in NOT_TRAILING_WHY and i not in skip:
                if laughed(text, tokens, lows, i):
                    refuse(refused, tokens, i, LAUGHED, 1)  # "Ei kysytä miksi 😂"
                else:
                    _add(reasons, f"interrogative '{word}'")
                continue
            if marks and word in _MID_STARTERS and i not in skip:
                reason = mid_reason(text, token, word, lows[i - 1], lows[i + 1] if i + 1 < n else "",
                                    lows[i + 2] if i + 2 < n else "", lows[i + 3] if i + 3 < n else "",
                                    clause_after(lows, i) if word in FI_WHERE_AFTER_COMMA else ())
                why = told(text, tokens, lows, i, False, skip) if reason else ""
                if reason and not why:
                    _add(reasons, reason)  # not "..., did it last month", "..., what he did is not legal"
                elif why:
                    refuse(refused, tokens, i, why)
            if word not in _CUES_OR_JOINERS:
                continue
        elif not first.isalnum() and first not in TAG_CHARS:
            continue  # an emoji or emoticon does not begin the clause: "😡 Miksi ..."
        nxt = lows[i + 1] if i + 1 < n and tokens[i + 1][0] not in BOUNDARY_CHARS else ""
        if word in _CUES and first not in TAG_CHARS and i not in skip:
            found = plea(word, nxt if nxt or i + 1 >= n else tokens[i + 1], start, lows[i + 2] if i + 2 < n else "",
                         lows[i - 1] if i else "") if word in _PLEA_WORDS else None
            if found is None and word in PLEASE and not laughed(text, tokens, lows, i):
                found = closing_please(tokens, lows, i)  # "Sort it out please"; not "... please 😂", a joke
            if found:
                # a tip's sentence advises ("Vinkki: ottakaa"), and a tip post's Finnish pleas ("Varoitus: ...
                # Tarkistakaa päiväys"); "The answer: 'please call us'", "Tuokaa X mukaan", "tarkistakaa omat lennot"
                quoted_here = quoted(text, token) or within_quotes(text, token)
                why = ADVISES if advising or tip and word in FI_PLEAS else QUOTED if quoted_here else (
                    INVITES if invitation(tokens, lows, i, not branded) else OFFERS if offered(lows, i) else
                    OWN if word in FI_PLEAS and for_themselves(tokens, lows, i) else "")
                if why:
                    refuse(refused, tokens, i, why)
                else:
                    _add(reasons, f"plea '{found}'")
            elif word in PUZZLED and (found := puzzled(lows, i)):
                _add(reasons, f"indirect '{found}'")
            elif word in IF_ANYONE and i and lows[i - 1] == "if" and (found := if_anyone(lows, i - 1)):
                _add(reasons, f"request to readers '{found}'")  # asked at 'anyone', already a cue: no 'if' trigger
            elif word in FI_ASK or word in EN_ASK or (word, nxt) in EN_ASK_PAIRS or word in ANY_WORDS:
                opened = start or word in ANY_WORDS and marks and _mark_before(text, token) != ""  # ", anyone in"
                found = indirect(lows, i, opened, text)
                if found:
                    _add(reasons, f"indirect '{found}'")
            elif word in TIP_WORDS and f"{token}:" in text:
                advising = True
            elif word in ADVICE_NOUNS:
                found = advice(tokens, lows, i)
                if found:
                    _add(reasons, f"advice asked for '{found}'")
            elif word in AHEAD and thanks_ahead(lows, i):
                _add(reasons, f"plea 'thanks {'in advance' if word == 'advance' else word}'")
        if word in FI_JOINERS:
            if word == _VAI and reasons == [] and i not in skip:
                found = choice(tokens, lows, i)  # "hsl:n kausilippu vai kertalippuja jos ..."
                if found:
                    _add(reasons, f"choice '{found}'")
            start = not (word == "so" and nxt in EN_AUX and _agreeing(tokens, lows, i))  # "and so am I": agreement
            continue
        if not start or first in TAG_CHARS or i in skip:
            # a brand first is the subject ("Nordea is the worst"), an @handle addressed
            if start and i in skip and i not in doubted:
                after_brand, addressed = (after_brand, True) if first == "@" else (True, addressed)
            continue
        if word in _OPENERS or word in PLEASE and nxt in _AFTER_PLEASE:
            continue
        start = False
        if word in _INITIAL or word[-2:] in _CLITIC_TAILS:
            # alone in its sentence, "what" and "siis mitä" are a bare interjection (a '?' after it still asks), but
            # "jakaja lomalla vai mitä" asks
            reason = None if not nxt and word in INTERJECTED and lows[i - 1] != _VAI else _initial_word_reason(
                word, nxt, tokens[i + 1] if nxt else "", i + 1 in skip, after_brand, lows[i + 2] if i + 2 < n else "",
                addressed, i + 2 in skip and i + 3 < n and tokens[i + 3][0].isalnum())
            if reason:
                why = REPORTED if reported and lows[i - 1] == _VAI else told(text, tokens, lows, i, True, skip)
            else:
                why = _not_a_verb(word, nxt) if refused is not None and word[-2:] in _CLITIC_TAILS else ""
            if reason and not why:
                if reason not in reasons:  # _add written out: most questions' reason, a call fewer
                    reasons.append(reason)
            elif why:
                refuse(refused, tokens, i, why, 1 if why == NOUN else 2 if why == SUBJECT else SHOWN_WORDS)
    return tuple(reasons)


def _not_a_verb(word: str, nxt: str) -> str:
    """Why a clause-initial word in -ko is no -ko verb, for explain ("Kesätauko ohi", "Pikkusisko kysyi"), or ""."""
    if not clitic_question(word) and "-" not in word:
        return ""  # koko, jako, Marimekko: plainly nouns, not worth a line
    if not verb_clitic(word):
        return NOUN
    return SUBJECT if nxt in FI_SAID else ""


def _agreeing(tokens: list[str], lows: list[str], i: int) -> bool:
    """True for "so" + an auxiliary + a pronoun closing the clause at lows[i]: "so am I", "so do we" agree, ask nothing."""
    k = i + 3
    return k - 1 < len(lows) and lows[k - 1] in AGREEING_SUBJECTS and (k == len(lows) or not tokens[k][0].isalnum())


def _add(reasons: list[str], reason: str) -> None:
    if reason not in reasons:
        reasons.append(reason)


def _initial_word_reason(word: str, nxt: str, next_token: str, next_is_brand: bool,
                         after_brand: bool = False, third: str = "", addressed: bool = False,
                         brand_third: bool = False) -> str | None:
    """The reason a clause-initial word makes a question, or None ("Motonet has a sale" is none); `brand_third`: a
    brand's name is the third word, and the clause goes on after it."""
    if word in _RHETORICAL_FIRST and (word, nxt) in RHETORICAL:
        return None
    if word in FI_INTERROGATIVES:  # "Mitä ihmettä 😳", "Mitä ihmettä Nordea?!" exclaim; "mitä ihmettä Onnisella on
        # tapahtunut" asks the brand what it has done
        asks = nxt not in FI_EXCLAMATIVE_NEXT or nxt in FI_INTENSIFIERS and brand_third
        return f"interrogative '{word}'" if asks else None
    if word in EN_ALWAYS:
        return None if word == EN_EXCLAMATIVE and nxt in EN_EXCLAMATIVE_NEXT else f"interrogative '{word}'"
    if word in EN_WHEN:
        ok = nxt in EN_HOW_NEXT or nxt in HOW_SUBJECTS and third in TASK_VERBS or not nxt if word == "how" else (
            nxt in EN_AUX)  # "... 180 € in january. how": a sentence of its own
        return f"interrogative '{word}'" if ok else None
    if word in EN_AUX:
        if word == "had" or word == "have" and nxt in ("a", "an"):
            return None  # "Had the same issue as OP", "Have a great weekend"
        if after_brand:
            return f"interrogative '{word}'" if nxt in EN_PERSONS else None
        if addressed:  # "@HSL_HRT is the metro running", not "@Wolt is a joke", "@Fazer is the best"
            asks = nxt in EN_PERSONS or nxt in HANDLE_SUBJECTS and not (nxt == "the" and third in NOT_A_SUBJECT)
            return f"interrogative '{word}'" if asks else None
        subject = nxt in EN_SUBJECTS or next_is_brand or next_token[:1].isupper() or next_token[:1] in TAG_CHARS or (
            word in BARE_PLURAL_AUX and nxt.endswith("s") and nxt.isalpha() and (
                third.endswith("ing") or third in EN_STATES))  # are trains running, are stores open today
        return f"interrogative '{word}'" if subject and nxt != "not" else None
    if verb_clitic(word) and (nxt not in FI_SAID or word[:-2] in CLITIC_PRONOUNS):  # not "Pikkusisko kysyi": a noun
        # before a verb of saying; "Sekö on nyt uusi hinta" asks
        return f"clitic '{word}'"
    return None
