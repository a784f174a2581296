"""Does a post ask something? A sentence-ending '?', a clause-initial question word, a -ko/-kö verb,
an indirect question ("kertokaa miten", "I was wondering if") or a plea ("please help", "auttakaa").

Noise that is not a question: '???!!!' runs and a lone '?!' after an exclamation, a '?' inside a
word or link or as a hedge in parentheses ("(ehkä ?)"), exclamations ("Mitä ihmettä!", "What a
day"), and -kko/-kkö and other nouns in -ko (Marimekko, koko).
"""

from __future__ import annotations

import re
from typing import Container

from kuulo.rules.finnish import VOWELS
from kuulo.rules.normalise import BOUNDARY_CHARS, TAG_CHARS

FI_INTERROGATIVES = frozenset("""
miksi miksei mikset miks miten mitenkä mites milloin milloinka missä missäs mistä mistäs mihin
mihinkä minne mikä mikäs mitä mitäs minkä millä miltä mille millainen millaista millaisen
minkälainen minkälaista kuka kukas ketä kenen kenelle keneltä kenellä keneen kehen kenestä kenet kuinka kuinkas
paljonko montako kauanko kumpi kumman kumpaa kumpaan kummasta kummalla
mitenhän mikähän mitähän missähän mistähän mihinhän milloinhan kukahan kenenhän miksihän paljonkohan
""".split())
# Words after a question word that make an exclamation: "Mitä ihmettä!", "Kuinka ihanaa".
FI_EXCLAMATIVE_NEXT = frozenset("""
ihmettä ihme hittoa helvettiä hemmettiä vittua perkelettä päivä ihana ihanaa kiva kivaa upea upeaa
hieno hienoa mahtava mahtavaa loistava loistavaa tuuri säkä fiasko sotku farssi soppa surkea
surkeaa kamala kamalaa kauhea kauheaa hyvä hyvää ihmeen tahansa hyvänsä ikinä enemmän vähemmän
""".split())
EN_ALWAYS = frozenset({"why", "who", "whom", "whose", "what", "which", "whats", "what's", "who's", "where's",
                       "how's", "why's"})
EN_EXCLAMATIVE_NEXT = frozenset({"a", "an", "the"})  # "What a day", "What the hell"
EN_WHEN = frozenset({"how", "when", "where"})  # questions only before an auxiliary: "When will ..."
EN_AUX = frozenset("""
can could does do did is are was were will would should shall has have had may might am
isn't aren't doesn't don't didn't wasn't weren't won't wouldn't can't couldn't shouldn't haven't hasn't
""".split())
EN_HOW_NEXT = frozenset({"much", "many", "long", "often", "far", "soon", "old", "come", "to"}) | EN_AUX
# After an auxiliary, a subject makes a question ("Can I ...", "Is the app ...", "Does Nordea ...").
EN_SUBJECTS = frozenset("""
i you we they he she it there this that these those my your our their his her its the a an
anyone anybody someone somebody everyone anything something
""".split())
EN_PERSONS = frozenset("i you we they anyone anybody someone somebody".split())  # "Nordea can I ..."
GREETINGS = frozenset("hei moi moikka terve huomenta iltaa heippa morjes hi hey hello dear yo".split())
EMOJI_FROM = "\u2000"  # a token beginning above this is an emoji (letters of Latin, Greek, Cyrillic are below)
# Please before a question word leaves the clause open for it: "Nordea pls miks ..." (not "Please don't").
PLEASE = frozenset("pls please plz plis pliis".split())
# "orion miks 😤", "...and now this. why": a why-word closing its clause asks, unless it is told
# ("en tiedä miks", "no idea why", "that's why").
TRAILING_WHY = frozenset("miks miksi why".split())
NOT_TRAILING_WHY = frozenset("""
tiedä tiedän tietää ymmärrä ymmärrän muista siks siksi sen se sanoa sano sanoi kertoa kerro kertoi selittää
that's thats that this idea know wonder reason is see why tell told say said explain explained me us mulle meille
""".split())
# Finnish words that begin a new clause: the word after them is clause-initial ("mutta toimiiko").
FI_JOINERS = frozenset("mutta että eli vai entä siis joten mut et tai but so".split())
CLITICS = ("kohan", "köhän", "kos", "kös", "ko", "kö", "ks")  # -ks is spoken: onks, voiks
# Verbs that take the spoken -ks: a list, since -ks is also the spoken translative (uusiks, pieniks) and English
# plural (thanks, weeks).
KS_VERBS = frozenset("""
on oli olis ois voi vois saa sais tulee menee toimii löytyy pitää pitäis osaa tietää tiedätte kannattaa
kannattais näkyy käy pääsee riittää maksaa tarvii tarttee jaksaa onnistuu ehtii vastaa auttaa
""".split())
_CLITIC_LAST = frozenset("oösn")  # the last letters of CLITICS
NOT_CLITIC_ENDS = ("katko", "jatko", "tanko", "sanko", "aurinko", "osinko", "vahinko")  # huoltokatko, vesivahinko
NOT_CLITIC = frozenset("""
jako pako lako rako tako teko seko reko jatko ruoko niko heiko hanko kanko sanko punko renko
koko joko eko miko kaiko laiko pako moko katko tanko sanko vanko pinko aurinko osinko eiköhän tiesittekö tiesitkö
""".split())
# Indirect questions: a request or wish to know, then a question word within INDIRECT_WINDOW words.
FI_ASK = frozenset("""
kertokaa kertoisitte kertoisitko neuvokaa neuvoisitte tietää tietäisin ihmettelen mietin pohdin
kysyisin kysyn selittäkää sanokaa
""".split())
EN_ASK = frozenset("wondering wonder tell know idea explain ask asking".split())
EN_INDIRECT_NEXT = frozenset("if whether why how what when where who which who's what's".split()) | {"me"}
INDIRECT_WINDOW = 3
ANY_WORDS = frozenset({"any", "anyone", "anybody"})
NOT_WONDERING = frozenset("no don't dont didn't never en ei nobody".split())  # "no idea why", "I don't know why"
EN_ASK_PAIRS = frozenset({("how", "about"), ("what", "about"), ("any", "idea"), ("any", "ideas"),
                          ("anyone", "know"), ("anybody", "know"), ("somebody", "explain"),
                          ("any", "update"), ("any", "updates"), ("any", "news"), ("need", "help"),
                          ("let", "me"), ("anyone", "got"), ("anyone", "have"), ("anyone", "tried"),
                          ("anyone", "else"), ("anyone", "recommend"), ("any", "tips"), ("any", "advice"),
                          ("any", "recommendations"), ("any", "suggestions"), ("any", "other"),
                          ("any", "estimate"), ("any", "eta"), ("any", "word"), ("any", "info"), ("any", "chance"),
                          ("anyone", "else's"), ("anyone", "managed"), ("anyone", "done"), ("anyone", "seen"),
                          ("anyone", "used"), ("anyone", "noticed"), ("anyone", "experienced"), ("anyone", "been"),
                          ("anyone", "having"), ("anyone", "getting"), ("anybody", "else"), ("anybody", "got")})
# Pleas at the brand: a reply is owed without a '?'.
FI_PLEAS = frozenset("""
auttakaa auttaisitteko vastatkaa vastaisitteko soittakaa korjatkaa hoitakaa palauttakaa
selvittäkää tehkää pliis ottakaa laittakaa lähettäkää tarkistakaa hyvittäkää toimittakaa ilmoittakaa
neuvokaa tuokaa suositelkaa selittäkää kertokaa vinkatkaa äänestäkää
""".split())
ALONE_PLEAS = frozenset({"apua", "help"})  # a plea when they begin a clause or end in '!': "Apua!", "Help me"
EN_PLEA_LEAD = frozenset({"please", "pls", "plz", "plis", "someone", "somebody"})
EN_PLEA_VERBS = frozenset("""
help respond reply answer fix call contact refund advise check sort look get dm assist bring add send give
stop change update restock open keep put tell explain confirm cancel let make
""".split())
# Requests that begin a clause and end it or take please/me: "Explain.", "refund pls", "dm me if ...".
EN_REQUESTS = frozenset("explain refund dm advise respond reply".split())
EN_REQUEST_NEXT = frozenset({"", "please", "pls", "plz", "me", "us", "asap"})
_MARKS = re.compile(r"[.!?\n]+")
_QUOTED = re.compile(r"[\"“”][^\"“”\n]*[\"“”]|(?<!\w)'[^'\n]*'(?!\w)")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_CUES = FI_PLEAS | EN_PLEA_LEAD | ALONE_PLEAS | EN_REQUESTS | FI_ASK | EN_ASK | {a for a, _ in EN_ASK_PAIRS}
_CUES_OR_JOINERS = _CUES | FI_JOINERS
_KO = ("ko", "kö", "ks")

TEASERS = frozenset({"tiesittekö", "tiesitkö", "arvatkaa", "arvaa"})  # "did you know ...?" tells something
LONG_EXCLAMATION = 6  # an exclamative start ("Mikä ihme") before '?!' still asks when this many words follow
HEDGE_WORDS = 3  # a '?' closing a parenthesis of this many words or fewer is a hedge: (ehkä ?)
# The tokeniser drops commas and colons; a clause they open is found in the text: "sovellus: miten saa",
# "Ostin lipun, toimiiko se", "Ordered on Monday, when will it come".
# Question words that are seldom relative pronouns, so a comma before them opens a question.
FI_AFTER_COMMA = frozenset("""
miksi miks miksei milloin miten mitenkä kuinka paljonko montako kauanko kuka kumpi kumpaan mihin minne mitä
""".split()) | {w for w in FI_INTERROGATIVES if w.endswith(("hän", "han"))}
# Words before a comma that make the clause after it an object, not a question: "Kerro, mitä tarvitset".
FI_NOT_ASKING = frozenset("""
kerro kerron kerroin kerrottiin tiedä tiedän tiedät tiedetään ymmärrä ymmärrän ymmärsin muista muistan
katso katsotaan näet nähdään selvisi riippuu väliä huomaa huomasin arvaa ihme sama kaikki kaiken se sen
sitä siitä jotain mitään ne niitä niistä asia juuri ainoa paikka paikkaan
""".split())
# Verbs before a -ko/-kö word that report a question rather than ask one: "en tiedä onko", "kysy tuunko".
FI_REPORTING = frozenset("""
tiedä tiennyt tiedetä kysy kysyi kysyy kysyivät kysyttiin muista muistanut katsotaan katson katsoin
tarkistan tarkistin tarkistetaan selvitän selvitin selvitetään riippuu väliä nähdä
""".split())
# Exclamations that look like questions: "Mihin tää maailma menee", "Who knew".
RHETORICAL = frozenset({("mihin", "tää"), ("mihin", "tämä"), ("minne", "tässä"), ("minne", "ollaan"),
                        ("mitä", "tää"), ("who", "knew"), ("who", "cares")})
_RHETORICAL_FIRST = frozenset(first for first, _ in RHETORICAL)
ANNOUNCED = frozenset("kysymys kysymyksiä question questions kysyisin".split())  # "Elisalle kysymys: toimiiko"
EN_AFTER_COMMA_SUBJECTS = frozenset("i you we they he she it there that this anyone anybody someone somebody".split())
_MID_STARTERS = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN | EN_AUX | ANNOUNCED  # asks after a comma or colon
_MID_CUES = _MID_STARTERS | _CUES_OR_JOINERS
_ASKING_WORDS = FI_INTERROGATIVES | EN_ALWAYS | EN_WHEN
_INITIAL = _ASKING_WORDS | EN_AUX  # words that may begin a question
# A post with none of these words (and no '?', no -ko/-kö/-ks) asks nothing.
_TRIGGERS = _INITIAL | _MID_CUES | FI_PLEAS | ALONE_PLEAS | EN_PLEA_LEAD | FI_ASK | EN_ASK
# Endings of a verb stem before -ko/-kö: a long vowel or diphthong (toimiiko, voiko), a conditional (olisiko),
# a personal ending (oletteko, olenko, ovatko); a noun's short vowel (jako, teko) is none.
VERB_STEM_ENDS = ("aa", "ee", "ii", "oo", "uu", "yy", "ää", "öö", "au", "ou", "eu", "iu", "äy", "öy", "ey", "iy",
                  "i", "tte", "mme", "is")  # vois-, pitäis-: the spoken conditional
PERSONAL_ENDS = ("n", "t")  # olen-, voit-, ovat-: a stem of four letters or more (jatko, kanko are nouns)
SHORT_VERBS = frozenset({"on", "en", "et", "ei"})  # onko, enkö, etkö, eikö


def clitic_question(word: str) -> bool:
    """True for a verb with the -ko/-kö question clitic: toimiiko, onko, pitääkö, onkohan."""
    if word[-1:] not in _CLITIC_LAST or len(word) < 4 or word in NOT_CLITIC or word.endswith(NOT_CLITIC_ENDS):
        return False
    for clitic in CLITICS:
        if word.endswith(clitic):
            base = word[:-len(clitic)]
            if clitic == "ks":
                return base in KS_VERBS
            return len(base) >= 2 and (base[-1] in VOWELS or base[-1] in "nt" or base.endswith("is"))  # not -kko
    return False


def verb_clitic(word: str) -> bool:
    """True for a -ko/-kö word whose stem ends like a verb (toimiiko, voiko, oletteko), not a noun (jako, teko)."""
    if word[-1:] not in _CLITIC_LAST or not clitic_question(word):
        return False
    for clitic in CLITICS:
        if word.endswith(clitic):
            return clitic == "ks" or _verb_stem(word[:-len(clitic)])  # -ks: clitic_question asked KS_VERBS
    return False


def _verb_stem(base: str) -> bool:
    """True for what a verb looks like before -ko/-kö/-ks: toimii, voi, olette, olen, vois (spoken)."""
    if base in SHORT_VERBS:
        return True
    if base.endswith(PERSONAL_ENDS):
        return len(base) >= 4 and base[-2] in VOWELS
    return len(base) >= 3 and base.endswith(VERB_STEM_ENDS)


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


def _inner_verb_reason(word: str, before: str, earlier: str) -> str | None:
    """A -ko/-kö verb inside a sentence ("eilen toimiiko se"), not a reported one ("en tiedä onko",
    "katsotaan huomenna onko"), or None."""
    if verb_clitic(word) and before not in FI_REPORTING and earlier not in FI_REPORTING:
        return f"clitic '{word}'"
    return None


def mid_reason(text: str, token: str, word: str, before: str, nxt: str, third: str) -> str | None:
    """Why a word inside a sentence asks something: a question word after a comma or colon, which the
    tokens do not show ("sovellus: miten saa", "Monday, when will it"), or a word announcing a question."""
    if word in ANNOUNCED:
        return f"announced '{word}:'" if f"{token}:" in text else None
    mark = _mark_before(text, token)
    if not mark or (before in FI_NOT_ASKING and mark == ","):
        return None
    if word in FI_INTERROGATIVES:
        if (mark == ":" or word in FI_AFTER_COMMA) and nxt not in FI_EXCLAMATIVE_NEXT:
            return f"interrogative '{word}'"
    elif word in EN_AUX:
        subjects = EN_SUBJECTS if mark == ":" else EN_AFTER_COMMA_SUBJECTS  # "Question: is the store open"
        if nxt in subjects and word not in ("am", "had", "has", "have"):
            return f"interrogative '{word}'"
    elif word not in ("which", "whose", "whom") and nxt in EN_AUX and third in EN_AFTER_COMMA_SUBJECTS:
        return f"interrogative '{word}'"
    return None


def has_question_mark(text: str) -> bool:
    """True when a run of '?' (or one '?!') ends a sentence that has a word in it, and is no hedge."""
    if "?" not in text:
        return False
    if '"' in text or "'" in text or "“" in text or "”" in text:
        text = _QUOTED.sub(lambda m: " " * len(m.group()), text)  # a title or sign quoted: 'Why Him?'
        if "?" not in text:
            return False
    prev = 0
    for m in _MARKS.finditer(text):
        run = m.group()
        if "?" in run and _LETTER.search(text, prev, m.start()):
            if _counts(run, text, prev, m.start(), m.end()):
                return True
        prev = m.end()
    return False


def _counts(run: str, text: str, start: int, at: int, end: int) -> bool:
    """True when the mark run `run` at text[at:end], closing the sentence from `start`, asks something."""
    first = _WORD.search(text, start, at)
    if first and first.group().lower() in TEASERS:
        return False  # "Tiesittekö että palautusaika on 365 päivää?" tells, does not ask
    if "!" in run:
        if run.count("?") != 1 or not run.startswith("?"):
            return False  # ???!!! and !? runs are noise
        words = _WORD.findall(text, start, at)
        if len(words) < 3 or (len(words) < LONG_EXCLAMATION and _exclamative(words[0].lower(), words[1].lower())):
            return False  # "Mitä ihmettä Nordea?!", but "Mikä ihme siinä on ettei junissa toimi lämmitys?!" asks
    after = text[end:end + 1]
    if after.isalnum() and not (after.isupper() and text[at - 1:at].islower()):
        return False  # a?b is no sentence end, but "lisää?Sähköinen" is
    rest = text[end:end + 3].lstrip()
    if rest.startswith(")"):
        opened = text.rfind("(", start, at)
        if opened >= 0 and len(_WORD.findall(text, opened, at)) <= HEDGE_WORDS:
            return False  # "(ehkä ?)", "(I think?)"
    return True


def _exclamative(first: str, second: str) -> bool:
    """True for an exclamation that begins like a question: "Mitä ihmettä", "What a"."""
    return ((first in FI_INTERROGATIVES and second in FI_EXCLAMATIVE_NEXT)
            or (first in EN_ALWAYS and second in EN_EXCLAMATIVE_NEXT))


def plea(word: str, nxt: str, initial: bool) -> str | None:
    """The plea a word starts ("please help", "auttakaa"), or None; nxt is the next word or mark."""
    if word in FI_PLEAS:
        return word
    if word in EN_PLEA_LEAD and (nxt in EN_PLEA_VERBS or nxt.endswith(("kaa", "kää"))):  # pls tuokaa
        return f"{word} {nxt}"
    if word in ALONE_PLEAS and (nxt.startswith("!") or (initial and nxt in ("", "me", "us", "please", "pls"))):
        return word
    if word in EN_REQUESTS and initial and (nxt in EN_REQUEST_NEXT or nxt[:1] in BOUNDARY_CHARS):
        return f"{word} {nxt}".strip()
    return None


def indirect(lows: list[str], i: int, initial: bool = True) -> str | None:
    """The indirect question starting at lows[i] ("kertokaa miten", "wondering if"), or None ("no idea why");
    "any ..." and "anyone ..." ask only at a clause start ("Any estimate", not "can't get any info")."""
    word = lows[i]
    if i and (lows[i - 1] in NOT_WONDERING or i > 1 and lows[i - 2] in NOT_WONDERING) or (
            not initial and word in ANY_WORDS):  # "nobody could tell me why"
        return None
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if (word, nxt) in EN_ASK_PAIRS:
        if word == "let":  # "let me know", not "let me tell you"
            return "let me know" if i + 2 < len(lows) and lows[i + 2] == "know" else None
        return f"{word} {nxt}"
    if word in FI_ASK:
        for k in range(i + 1, min(i + 1 + INDIRECT_WINDOW, len(lows))):
            if lows[k] in FI_INTERROGATIVES or clitic_question(lows[k]):
                return " ".join(lows[i:k + 1])
    elif word in EN_ASK:
        for k in range(i + 1, min(i + 1 + INDIRECT_WINDOW, len(lows))):
            if lows[k] in EN_INDIRECT_NEXT and lows[k] != "me":
                return " ".join(lows[i:k + 1])
            if lows[k] not in EN_INDIRECT_NEXT and lows[k] not in ("you", "to", "i", "again"):
                break
    return None


def question_reasons(text: str, tokens: list[str], lows: list[str], skip: Container[int]) -> tuple[str, ...]:
    """Why the post is a question: "question mark", "interrogative 'miksi'", "clitic 'toimiiko'", "plea 'apua'"."""
    if "?" not in text and _TRIGGERS.isdisjoint(lows) and not (
            "ko" in text or "kö" in text or "ks" in text or "KO" in text or "KÖ" in text or "KS" in text):
        return ()  # no word that could ask: most posts, at the cost of one set probe a word
    reasons = ["question mark"] if has_question_mark(text) else []
    start = True
    after_brand = False
    n = len(tokens)
    marks = "," in text or ":" in text  # a comma or colon may open a question inside a sentence
    ko = "k" in text or "K" in text  # a -ko/-kö/-ks verb may be there
    boundary, mid_cues, ko_ends = BOUNDARY_CHARS, _MID_CUES, _KO
    for i, token in enumerate(tokens):
        first = token[0]
        if first in boundary:
            start, after_brand = True, False
            continue
        word = lows[i]
        if not start:
            if word not in mid_cues:
                if ko and word.endswith(ko_ends) and first not in TAG_CHARS and i not in skip:
                    reason = _inner_verb_reason(word, lows[i - 1], lows[i - 2] if i > 1 else "")
                    if reason:
                        _add(reasons, reason)
                elif first > EMOJI_FROM:
                    start, after_brand = True, False  # an emoji closes a clause: "kylmää 😡 kuka tän korvaa"
                continue
            if word in TRAILING_WHY and (i + 1 >= n or not tokens[i + 1][0].isalnum()) \
                    and lows[i - 1] not in NOT_TRAILING_WHY and i not in skip:
                _add(reasons, f"interrogative '{word}'")
                continue
            if marks and word in _MID_STARTERS and i not in skip:
                reason = mid_reason(text, token, word, lows[i - 1], lows[i + 1] if i + 1 < n else "",
                                    lows[i + 2] if i + 2 < n else "")
                if reason:
                    _add(reasons, reason)
            if word not in _CUES_OR_JOINERS:
                continue
        elif not first.isalnum() and first not in TAG_CHARS:
            continue  # an emoji or emoticon does not begin the clause: "😡 Miksi ..."
        nxt = lows[i + 1] if i + 1 < n and tokens[i + 1][0] not in BOUNDARY_CHARS else ""
        if word in _CUES and first not in TAG_CHARS and i not in skip:
            found = plea(word, nxt if nxt or i + 1 >= n else tokens[i + 1], start)
            if found:
                _add(reasons, f"plea '{found}'")
            elif word in FI_ASK or word in EN_ASK or (word, nxt) in EN_ASK_PAIRS:
                found = indirect(lows, i, start)
                if found:
                    _add(reasons, f"indirect '{found}'")
        if word in FI_JOINERS:
            start = True
            continue
        if not start or first in TAG_CHARS or i in skip:
            after_brand = after_brand or (start and i in skip)
            continue
        if word in GREETINGS or word in PLEASE and nxt in _ASKING_WORDS:
            continue
        start = False
        if word in _INITIAL or word[-1:] in _CLITIC_LAST:
            reason = _initial_word_reason(word, nxt, tokens[i + 1] if nxt else "", i + 1 in skip, after_brand)
            if reason:
                _add(reasons, reason)
    return tuple(reasons)


def _add(reasons: list[str], reason: str) -> None:
    if reason not in reasons:
        reasons.append(reason)


def _initial_word_reason(word: str, nxt: str, next_token: str, next_is_brand: bool,
                         after_brand: bool = False) -> str | None:
    """The reason a clause-initial word makes a question, or None ("Motonet has a sale" is none)."""
    if word in _RHETORICAL_FIRST and (word, nxt) in RHETORICAL:
        return None
    if word in FI_INTERROGATIVES:
        return None if nxt in FI_EXCLAMATIVE_NEXT else f"interrogative '{word}'"
    if word in EN_ALWAYS:
        return None if nxt in EN_EXCLAMATIVE_NEXT else f"interrogative '{word}'"
    if word in EN_WHEN:
        ok = nxt in EN_HOW_NEXT if word == "how" else nxt in EN_AUX
        return f"interrogative '{word}'" if ok else None
    if word in EN_AUX:
        if word == "had":
            return None  # "Had the same issue as OP"
        if after_brand:
            return f"interrogative '{word}'" if nxt in EN_PERSONS else None
        subject = nxt in EN_SUBJECTS or next_is_brand or next_token[:1].isupper() or next_token[:1] in TAG_CHARS
        return f"interrogative '{word}'" if subject and nxt != "not" else None
    if verb_clitic(word):
        return f"clitic '{word}'"
    return None
