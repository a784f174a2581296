"""Question shapes fresh posts brought (batch 12 on arrival): must and must-not rows, other brands and words.

The -ko/-kö clitic belongs on a verb form: a noun in -ko (a break, a sister, a rail, a strike; a hyphenated compound)
or a word before a verb of saying or 'on' (its subject) asks nothing, while spoken and short verb forms (ootko, juoko,
pääsiskö) and -kohan mid-sentence ask. Spoken and umlaut-less question words (millon, mita), 'mites' after a comma,
'anyone want', 'please can you', 'what is going on' after a comma and an announced 'kysymystä:' ask; spoken reporting
verbs (katotaan onko) report. Bring or take along invites, a plea in quotes is another's, and who-did-this closing a
post without a '?' blames. A price met with '??' asks the company to account (the rulings' (c)); a word or two sought
after '...' ("is... fine?") asks nothing (rules/question_exclaims.py, named by `kuulo explain`); an answer word and a
comma after a '?' answer it ("lotto? no, the insurance"), and a laugh or applause after a statement's '?' meets it
("ostettu lokakuussa? 😅"); a dot between digits (24.12?) ends no sentence. Each mechanism has rows that must ask and
rows of the same shape that must not. `kuulo explain` names each word told apart from a question and why
(rules/question_told.py).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.rules.engine import Engine
from kuulo.rules.normalise import lower_tokens, tokenize
from kuulo.rules.question_exclaims import REACTED, SOUGHT
from kuulo.rules.question_marks import has_question_mark
from kuulo.rules.question_told import (
    ADVISES, BLAME, INVITES, NOUN, QUOTED, RELATIVE, REPORTED, SUBJECT, WHO_WOULD,
)
from kuulo.rules.questions import question_reasons, verb_clitic
from tests.processes import KUULO
from tests.rules_support import table_engines


engine = table_engines("Valio", "Fazer", "Elisa")


QUESTIONS = [
    # a noun in -ko is no -ko verb: a break, a sister, a rail; a hyphenated compound; a subject before a verb of saying
    ("Kesätauko ohi, Fazerin tehdasmyymälä taas auki", False),
    ("some-tauko ohi ja heti Valion mainos vastassa 😅", False),
    ("Sisko osti Fazerin suklaata koko rahalla", False),
    ("Ratikan kisko katki Hakaniemessä, bussit korvaa", False),
    ("Veljenpoika kysyi miks Elisan mainoksessa on kissa", False),
    ("Isosisko on töissä Valiolla", False),
    ("Isosisko kysyi onko Fazerin kauppa auki", False),
    ("Tauko Elisan verkossa kesti koko illan", False),
    ("Onko isosisko jo käynyt Fazerilla", True),
    ("Ootko kokeillu Valion uutta jogurttia", True),
    ("Juoko kukaan enää Valion kevytmaitoa", True),
    ("Pääsiskö Elisan kauppaan ilman ajanvarausta", True),
    ("Käykö Fazerin lahjakortti myös kahvilassa", True),
    # -kohan mid-sentence asks, as -ko does
    ("Elisalla on uusi liittymätarjous, onkohan se yhtään halvempi", True),
    ("Valion uusi kaurajuoma kaupassa, maistuukohan se miltään", True),
    # spoken and umlaut-less question words, 'mites' after a comma; a spoken reporting verb reports
    ("Fazer nosti taas hintoja. millon tää loppuu", True),
    ("Elisan vai Telian liittymä, mita kannattaa", True),
    ("Maito on jäätävän kylmää, mites te lämmitätte sitä", True),
    ("Fazerin uusi karkki tulee ensi viikolla. katotaan onko parempi ku vanha", False),
    ("Elisan uusi hinnasto tuli. tsekataan onko se halvempi", False),
    # another's doubt and advice to check report too; the asker's own wondering and asking still ask
    ("Elisa nosti hintoja. Kaveri miettii nyt vaihtaako liittymää ollenkaan.", False),
    ("Fazer kerää kuoret takaisin, kannattaa tsekata onko teidän kauppa mukana.", False),
    # what an app or a sign shows reports too (batch 43): one sees there whether; asked of it, it still asks
    ("Elisan sovelluksesta näkee heti onko liittymä aktivoitu. Hyvä ratkaisu", False),
    ("Fazerin kaupan ovesta näkyy onko auki vai ei", False),
    ("Näkyykö Elisan sovelluksesta onko liittymä aktivoitu", True),
    ("Valion uusi jogurtti. Mietin onko se yhtään parempi", True),
    ("Haluaisin kysyä onko Fazerin myymälä auki", True),
    ("Mika Häkkinen mainostaa nyt Valion maitoa", False),
    ("Milla osti Fazerin suklaata koko rahalla", False),
    # an announced question in the partitive
    ("Kolme kysymystä: 1) Fazer vai Panda, 2) mistä halvimmalla", True),
    # anyone want, please can you, what is going on after a comma; please don't is no question
    ("Got two spare tickets to the Fazer factory tour. anyone want to come along", True),
    ("Anybody want my old Elisa router, free", True),
    ("Good morning. I ordered on 3.11 and nothing yet. Please can you check order 55120", True),
    ("Please could you tell me when the shop opens", True),
    ("Milk went from 1.19 to 1.59 in a year, what is going on @Valio", True),
    ("Ice on the bay is thin already. Please don't, it isn't safe", False),
    ("We went to the store, which was closing early", False),
    # a price met with '??' is disbelief that asks the company to account (ruling (c)), as one asked about does
    ("Fazerin sininen 4,99€ Alepassa?? ihan älytöntä", True),
    ("Elisan lasku taas 15e isompi ku viime kuussa??", True),
    ("Valio butter is 6.20€ now?? dairy is a luxury", True),
    ("€12 for a sandwich at the Fazer café??", True),
    ("Kahden päivän katko ja hyvitykseksi tarjotaan 2€?? Naurettavaa", True),
    ("Onko 30e liikaa Fazerin kakusta??", True),
    ("Paljonko Elisan liittymä maksaa, 20e??", True),
    ("Is 17€ the student price at Fazer??", True),
    ("anybody else's Elisa bill suddenly 5e more??", True),
    ("Elisan palvelumaksu 2,90 € per kuukausi?", True),
    ("Valion maito 1,89€?? Kaupassa hyllyssä lukee 1,49€. Miksi eri hinta", True),
    # bring or take along invites; a plea in quotes is another's words; a plea to the brand still asks
    ("Fazer täyttää 130, juhlat kahvilassa! Tuokaa kaverit mukaan 🎉", False),
    ("Mökkireissu Elisan porukalla, ottakaa uikkarit mukaan", False),
    ("Launch party at the Valio café on Friday, please bring your friends along", False),
    ("Fazer pls tuokaa vanha Pantteri takaisin", True),
    ("@Elisa tuokaa mun liittymä kuntoon", True),
    ("Elisa replied after two weeks. Their advice: 'please restart the router'. 🙄", False),
    ("Asiakaspalvelu vastasi vain \"soittakaa huomenna\" 🤦", False),
    ("@Valio please call me back about the recall", True),
    ("Lost my gloves at the Fazer café. If anyone finds them please message me", True),  # a plea to the readers
    ("The Fazer café's gingerbread latte is back and so am I ☕", False),  # agreement, no question
    ("So do you ship Fazer chocolate to Norway", True),
    ("Kysyin. Tänään onko Fazerin kahvila auki", True),  # a reporting verb in another sentence reports nothing
    # who-did-this closing a post without a '?' blames nobody asked when no brand is named; at a brand it asks the
    # brand to account, as the development set's rule (d) labels it; a '?', a remedy or more words ask
    ("Elisan sovellus kysyy nyt tunnukset joka kerta. kuka tän keksi", True),
    ("Fazerin lasku taas 8 e isompi kuin sovittiin. Kuka näitä tarkistaa 🙄", True),
    ("the Valio café has one till open at lunch. who plans this", True),
    ("Naapurin uusi aita on pinkki. kuka tän keksi", False),
    ("the new bus shelter has no roof. who plans this", False),
    ("Elisan sovellus kysyy tunnukset joka kerta. kuka tän keksi?", True),
    ("Paketti jäi sateeseen ja kastui 😡 kuka tän korvaa", True),
    ("who approved this and can I talk to them", True),
    ("Who will fix this", True),
    # an emoticon after them counts no more than an emoji
    ("Naapurin aita on pinkki. kuka tän keksi :D", False),
    ("the bus shelter has no roof. who plans this :(", False),
    # a word or two sought after an ellipsis is a hedge; a question word or a longer sentence still asks
    ("Fazer's new mint bar is... okay? Like, it exists.", False),
    ("The Elisa router works, just... slowly?", False),
    ("Valion uusi jogurtti on... kiva?", False),
    ("The Fazer café is... open? Is it?", True),
    ("Valio's new oat milk is... where? Not in any shop", True),
    ("Elisa... when will my router arrive?", True),
    ("Valion uusi jogurtti on… kiva?", False),
    # an answer word and a comma right after a '?' answer it, as one word alone does
    ("Fazer lotto? no, Fazer the sweets. the café is in Vantaa", False),
    ("Valio's new butter? nope, just the old one in a new box", False),
    ("Toimiiko Elisan verkko? Ei, ei toimi taas", False),
    ("Is the Elisa shop open? No reply from anyone yet", True),
    # asking again follows up an open question; not asking again does not
    ("@Elisa my ticket 44120 is open since October, no reply to emails. Second time asking.", True),
    ("Fazer, asking again about the refund for order 7781", True),
    ("Valio, kolmatta kertaa kysyn tilauksen perään", True),
    ("Elisa never replied and I'm not asking again", False),
    ("She kept asking for more Fazer chocolate", False),
    # how hard can it be exclaims; with a '?' it asks
    ("Elisan lasku tuli taas tuplana. kuinka vaikeeta voi olla", False),
    ("Kuinka hankalaa voi olla tehdä toimiva sovellus 🙄", False),
    ("Kuinka vaikeaa on vaihtaa Elisan liittymä toiselle?", True),
    ("Elisa billed me twice again. how hard can it be", False),
    ("How hard is it to get a Fazer café job?", True),
    # a statement's '?' met with a laugh or applause asks nothing; a question word or a thinking face still asks
    ("Fazerin joulusuklaat loppu jo, kaikki ostettu lokakuussa? 😅", False),
    ("Elisan asiakaspalvelu vastasi minuutissa, mitä ihmettä? 👏", False),
    ("Valio's new lactose-free cheese is actually good? 😂", False),
    ("Fazerin joulusuklaat loppu jo, kaikki ostettu lokakuussa?  😅", False),
    ("Elisan asiakaspalvelu vastasi minuutissa?\t 👏", False),
    ("Onko Fazerin joulusuklaat jo loppu? 😅", True),
    ("Elisa got slower again? or my phone older? 🤔", True),
    ("Why is the Valio café closed today? 😂", True),
    # a dot between digits ends no sentence: a date or a price before the '?'
    ("@Fazer is the Kamppi café open on 24.12? and until when", True),
    ("Elisan kauppa auki 6.1.? kiitos", True),
]


@pytest.mark.parametrize("text, expected", QUESTIONS)
def test_questions(engine: Engine, text: str, expected: bool) -> None:
    verdict = engine.evaluate(text)
    assert verdict.is_question is expected, verdict.question_reasons


@pytest.mark.parametrize("text, reason", [
    ("Elisalla on uusi tarjous, onkohan se halvempi", "clitic 'onkohan'"),
    ("Fazer nosti taas hintoja. millon tää loppuu", "interrogative 'millon'"),
    ("Got spare tickets. anyone want to come along", "indirect 'anyone want'"),
    ("Please can you check order 55120", "interrogative 'can'"),
    ("@Fazer is the Kamppi café open on 24.12? and until when", "question mark"),
])
def test_the_reason_names_the_mechanism(engine: Engine, text: str, reason: str) -> None:
    assert reason in engine.evaluate(text).question_reasons


def test_explain_names_the_word_sought(engine: Engine) -> None:
    verdict = engine.evaluate("Fazer's new mint bar is... okay? Like, it exists.")
    assert verdict.question_discounted == (("okay?", SOUGHT),)


@pytest.mark.parametrize("text", ["Onko Valion uusi jogurtti… hyvää?", "Elisa, mikä on… vikana?",
                                  "Onko Fazerin kahvila... auki?", "Is the Elisa router... broken?",
                                  "Fazer, why is the café... closed?", "Mikä... siinä... maksaa?"])
def test_a_word_that_asks_before_the_ellipsis_keeps_its_mark(engine: Engine, text: str) -> None:
    # The sentence runs on through '...' or '…': a question word, a -ko verb or an auxiliary first before it still asks.
    assert has_question_mark(text), text
    assert engine.evaluate(text).question_discounted == ()


def test_explain_names_the_reaction(engine: Engine) -> None:
    verdict = engine.evaluate("Fazerin joulusuklaat loppu jo, kaikki ostettu lokakuussa? 😅")
    assert verdict.question_discounted == (("Fazerin … kaikki ostettu lokakuussa?", REACTED),)


# (text, the words shown, why they asked nothing): explain names each word told apart from a question
TOLD = [
    ("Naapurin aita on pinkki. kuka tän keksi", "kuka tän keksi", BLAME),
    ("Kesätauko ohi, Fazerin myymälä taas auki", "Kesätauko", NOUN),
    ("Isosisko kysyi onko Fazerin kauppa auki", "Isosisko kysyi", SUBJECT),
    ("Fazer täyttää 130! Tuokaa kaverit mukaan 🎉", "Tuokaa kaverit mukaan", INVITES),
    ("Elisa replied after a week. The answer: 'please call us'. 🤦", "please call us", QUOTED),
    ("Uusi Fazerin karkki tulee. katotaan onko parempi", "katotaan onko", REPORTED),
    ("Uusi Fazerin karkki tulee. katsotaan huomenna onko parempi", "katsotaan huomenna onko", REPORTED),
    ("Kysyin Fazerin myyjältä onko uutta makua tulossa. Ei ollut.", "Kysyin Fazerin myyjältä onko", REPORTED),
    ("Vinkki: ottakaa eväät mukaan Fazerin reissulle", "ottakaa eväät mukaan", ADVISES),
    ("Elisan verkko toimii taas. Kuka olis uskonu 😅", "Kuka olis uskonu", WHO_WOULD),
    ("Valion maito loppui. Which means a trip to Fazer again.", "Which means a", RELATIVE),
]


@pytest.mark.parametrize("text, words, why", TOLD)
def test_explain_names_each_word_told_apart(engine: Engine, text: str, words: str, why: str) -> None:
    verdict = engine.evaluate(text)
    assert not verdict.is_question, verdict.question_reasons
    assert (words, why) in verdict.question_discounted, verdict.question_discounted


def test_a_question_names_no_word_told_apart(engine: Engine) -> None:
    assert engine.evaluate("Onko Fazerin kahvila auki huomenna").question_discounted == ()


def test_kuulo_explain_says_which_words_asked_nothing(tmp_path: Path) -> None:
    result = subprocess.run([KUULO, "explain", "Naapurin aita on pinkki. kuka tän keksi"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"  question:    no; not asked: 'kuka tän keksi', {BLAME}" in result.stdout.splitlines(), result.stdout
    as_json = subprocess.run([KUULO, "explain", "--format", "json", "Pikkusisko kysyi miks Elisa"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert json.loads(as_json.stdout)["question_discounted"] == [{"text": "Pikkusisko kysyi", "why": SUBJECT}]


NOUN_ENDS = ["tauko", "lakko", "ukko", "joukko", "pelko", "kiekko", "vihko", "jako", "rauko"]
VERBS = ["onko", "voiko", "saako", "tietääkö", "pitäiskö", "ootko", "oletko", "voisitko", "osaisko", "toimiiko",
         "käykö", "juoko", "syökö", "viekö", "olisko", "pääsiskö", "eikö", "menikö", "onkohan", "oonko",
         "meneeko"]
HEADS = ["", "kesä", "pikku", "iso", "ruoka", "työ", "kahvi", "ilta", "some-", "sähkö-"]
FRONT_HEADS = ["", "kesä", "työ", "sähkö", "kylä", "some-"]


@settings(max_examples=120, deadline=None)
@given(head=st.sampled_from(HEADS), noun=st.sampled_from(NOUN_ENDS))
def test_a_noun_in_ko_is_no_verb_whatever_comes_before_it(head: str, noun: str) -> None:
    # A compound or a hyphenated word ending in a noun in -ko is that noun: tauko, kesätauko, some-tauko.
    assert not verb_clitic(f"{head}{noun}"), f"{head}{noun}"


@settings(max_examples=60, deadline=None)
@given(head=st.sampled_from(FRONT_HEADS), noun=st.sampled_from(["sisko", "kisko"]))
def test_sisko_is_no_spoken_conditional_unless_context_says(head: str, noun: str) -> None:
    # -is after no vowel is no conditional (sis-ko), and front vowels before -ko mix harmonies (kesä-sisko); after a
    # back-vowel head (pikkusisko) only the context tells: a verb of saying or 'on' after it (test rows above).
    assert not verb_clitic(f"{head}{noun}"), f"{head}{noun}"


@settings(max_examples=80, deadline=None)
@given(verb=st.sampled_from(VERBS))
def test_a_verb_in_the_wrong_harmony_is_no_verb(verb: str) -> None:
    # A verb has one harmony: swap the whole clitic's (onkohan -> onköhän) where the stem has a front or back vowel
    # and it is no verb; a stem of e and i alone (eikö, meneeko) takes either, as the umlaut-less typing does.
    cut = verb.rfind("k")
    stem, swapped = verb[:cut], verb[:cut] + verb[cut:].translate(str.maketrans("aoäö", "äöao"))
    assert swapped != verb
    if any(v in stem for v in "äöyaou"):
        assert not verb_clitic(swapped), swapped
    else:
        assert verb_clitic(swapped), swapped


@pytest.mark.parametrize("verb", VERBS)
def test_a_verb_form_takes_the_clitic(verb: str) -> None:
    assert verb_clitic(verb)


ASKED = ["Did the parcel come", "Onko Alepa auki", "Toimiiko Fazerin kahvila", "Is the app down"]
ANSWERS = ["No", "nope", "Ei", "joo", "Yes", "kyllä", "Absolutely"]
RESTS = [" it came yesterday", " ei ollut", " all fine", " 🙂", ""]


@settings(max_examples=120, deadline=None)
@given(asked=st.sampled_from(ASKED), answer=st.sampled_from(ANSWERS), space=st.sampled_from([" ", "  ", "\t"]),
       rest=st.sampled_from(RESTS))
def test_an_answer_and_a_comma_settle_the_mark_and_the_words_alike(asked: str, answer: str, space: str,
                                                                  rest: str) -> None:
    # The '?' is judged on the text, the words on the tokens (which drop the comma): both see the answer.
    text = f"{asked}?{space}{answer},{rest}"
    reasons = question_reasons(text, tokenize(text), lower_tokens(tokenize(text), text), ())
    assert reasons == (), reasons


PRICES = ["6,49€", "40e", "17 €", "€17", "5.49 euros", "12 eur", "$5", "1,99 e"]
PRICE_SENTENCES = ["Fazerin sininen {p} Alepassa", "Elisan lasku taas {p} isompi", "Valio butter is {p} now",
                   "{p} for a coffee at the airport", "hyvitykseksi tarjotaan {p}"]
ASKING_HEADS = ["Miksi", "Onko", "Why is", "Is", "Paljonko on", "anyone else's", "Kuka maksaa"]


@settings(max_examples=150, deadline=None)
@given(price=st.sampled_from(PRICES), sentence=st.sampled_from(PRICE_SENTENCES), marks=st.sampled_from(["??", "???"]),
       tail=st.sampled_from(["", " ihan älytöntä", " 🙄", " mitä ihmettä", "\nmitä ihmettä"]))
def test_a_price_met_with_doubled_marks_asks(price: str, sentence: str, marks: str, tail: str) -> None:
    text = f"{sentence.format(p=price)}{marks}{tail}"
    assert has_question_mark(text), text


AGE_SENTENCES = ["Fazer täyttää {a} vuotta", "Valio turns {a}", "Kotipizza on jo {a}-vuotias", "Elisa is {a} years old",
                 "Stockmannin {a}-vuotisjuhla jo"]


@settings(max_examples=80, deadline=None)
@given(age=st.sampled_from(["30", "120", "35", "7"]), sentence=st.sampled_from(AGE_SENTENCES),
       marks=st.sampled_from(["??", "???"]), tail=st.sampled_from(["", " tunnen itseni vanhaksi", " 🎉", "\nwow"]))
def test_an_age_met_with_doubled_marks_asks_nothing(age: str, sentence: str, marks: str, tail: str) -> None:
    text = f"{sentence.format(a=age)}{marks}{tail}"
    assert not has_question_mark(text), text


@settings(max_examples=150, deadline=None)
@given(price=st.sampled_from(PRICES), sentence=st.sampled_from(PRICE_SENTENCES), head=st.sampled_from(ASKING_HEADS),
       marks=st.sampled_from(["?", "??"]))
def test_a_price_asked_about_or_with_one_mark_keeps_its_question(price: str, sentence: str, head: str,
                                                                 marks: str) -> None:
    asked = f"{head} {sentence.format(p=price)}{marks}"
    assert has_question_mark(asked), asked
    assert has_question_mark(f"{sentence.format(p=price)}?"), sentence
