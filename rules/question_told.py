"""Why a word that looks like a question asks nothing, as `kuulo explain` says it beside each '?' that did not count.

rules/questions.py records them only when asked to (a list passed in): the words shown and the reason."""

from __future__ import annotations

# Why a question word, a -ko/-kö word or a plea asks nothing.
REPORTED = "reported: another's question"  # "en tiedä onko", "katotaan onko", "en tiedä itkenkö vai nauranko"
FORBIDS = "a negative imperative: it forbids"  # "älkää ikinä tilatko"
SUBJECT = "a noun before a verb of saying: its subject"  # "Pikkusisko kysyi", "Isosisko on"
NOUN = "a noun in -ko: no verb form before it"  # "Kesätauko ohi", "mobiili-tiktok-tauko"
WHO_WOULD = "who would have thought: an exclamation"  # "Kuka olis uskonu"
STRANGER = "who are you and what have you done: praise, an idiom"  # of a brand that changed for the better
SET_PHRASE = "a set phrase: it exclaims or mocks"  # "What could possibly go wrong", "who hurt you"
BLAME = "who-did-this closing the post: blame"  # "kuka tän keksi", "who plans this"
LAUGHED = "closed by a laugh instead of a '?': it wonders"  # "HSL mitä tapahtuu 😄"
SELF = "why asked of oneself: self-reproach"  # "Miks mä tulin tänne", "why did I pay Telia 35 for years"
RELATIVE = "a relative clause, not a question"  # "What he did is not legal", "Which means"
DID_IT = "'did it' or 'was there' with its subject left out: it tells"  # "did it last month", "Was there at 3am"
QUOTED = "in quotes: another's words"  # '"Why are Finns so quiet?" asks', "The answer: 'please call us'"
INVITES = "bring or take along: an invitation"  # "Tuokaa hyvä mieli mukaan"
OFFERS = "an offer of details: no plea"  # "DM me for details", "message me if interested"
OWN = "the readers told to see to their own: advice"  # "tarkistakaa omat lennot", "tehkää valmennus itse"
ADVISES = "in a tip: it advises"  # "Vinkki: ottakaa eväät mukaan"
TEASES = "a teaser: it tells"  # "Arvaatteko kuka sai laskun", as "Tiesittekö että ...?"
SHOWN_WORDS = 3  # words shown from the one that looked like a question


def refuse(refused: list[tuple[str, str]] | None, tokens: list[str], i: int, why: str,
           shown: int = SHOWN_WORDS) -> None:
    """Record that tokens[i] (and the words after it, `shown` in all) asked nothing, and why, when asked to."""
    if refused is None:
        return
    words = []
    for token in tokens[i:i + shown]:
        if not (token[0].isalnum() or token[0] in "@#"):
            break  # the sentence's end: its words only
        words.append(token)
    refused.append((" ".join(words), why))
