"""Question shapes that fresh posts brought (batch 14 on arrival): must and must-not rows, other brands and words.

Asking: every question word with the wondering -han/-hän ("Kuinkahan monta"); every form of kuka and kumpi after a
comma ("..., kenelle tästä valitetaan"); the brand's @handle first, then an auxiliary ("@HSL is the metro running");
a short noun phrase and 'vai' ("kausilippu vai kertaliput jos ..."); which or what with a noun, an auxiliary and a
subject after a comma ("..., which one should I buy"); a call back asked for ("call me back").
Asking nothing, each named by `kuulo explain`: a question word's clause closed by a laugh or a blush instead of a '?'
("Valio mitä tapahtuu 😄"); 'help' as a noun ("thanks for the help!!"); a brand greeted as a stranger for the better
("who are you and what have you done with ..."); a guess-verb teaser ("Arvaatteko kuka"); a -ko verb in quotes; a
subject before 'selittää' ("tämä selittää miksi"); a plea to the readers about their own ("tarkistakaa omat lennot");
who-did-this in the perfect ("kuka tän on kirjoittanut"); an age met with '??' ("täyttää 130 vuotta??"); an echo
("viihdettä. Viihdettä?") and thanks alone ("Kiitos?") with a '?'; self-reproach ("Miks mä tulin tänne"); 'did a ...'
with no subject ("Did a DNA test and ..."); set phrases ("What could possibly go wrong"). Each has rows of the same
shape that must still ask: a frown, a party, 'who else', a -ko verb, an @handle or 'you', a code, a subject and verb.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kuulo.rules.engine import Engine
from kuulo.rules.question_exclaims import AGE_WONDER, ECHOED, THANKED
from kuulo.rules.question_told import LAUGHED, OWN, QUOTED, SELF, SET_PHRASE, STRANGER, TEASES
from tests.processes import KUULO
from tests.rules_support import expect_model, table_engines


engine = table_engines("Valio", "Fazer", "Elisa")


QUESTIONS = [
    # the wondering -han/-hän on any question word, at a clause start or after a comma
    ("Kuinkahan kauan Elisan korjaus kestää", True),
    ("Montakohan Fazerin myymälää Oulussa on", True),
    ("Valion tehdas suljetaan, mitenkähän työntekijöille käy", True),
    ("Kenellehän tästä Elisan laskusta pitää soittaa", True),
    ("Kuinkahan ihanaa Valion uusi jäätelö on", False),
    # every form of kuka and kumpi opens a question after a comma, as kuka does
    ("Elisan lasku tuli kahteen kertaan, kenelle tästä pitää soittaa", True),
    ("Fazerin lahjakortti ei käy kassalla, keneen voi ottaa yhteyttä", True),
    ("Valion ja Arlan maito samaan hintaan, kumpaa te ostatte", True),
    ("Fazerin kahvilassa oli mukava myyjä, jolle annoin kiitokset", False),
    ("Elisan myyjä, joka soitti eilen, lupasi alennuksen", False),
    # a question word's clause closed by a laugh or a blush, no '?': it wonders or jokes
    ("Elisan kuuluvuus mökillä parempi ku kotona. Elisa mitä tapahtuu 😄", False),
    ("Miks mä aina ostan Fazerin karkkia kassalta vaikka en aio 😂", False),
    ("Valion ja Arlan jogurtti samassa hyllyssä, kumpi on makeampi 🙈", False),
    ("Fazerin kassalla jonossa 40 min. Ei kysytä miksi 🤣", False),
    ("why does the Fazer café always run out of buns by noon 😂😂", False),
    ("Elisa vastasi minuutissa, mitä ihmettä 👏", False),
    # ... a frown or sigh, a '?' after the laugh, a -ko verb, or others called in still ask
    ("Elisan netti taas poikki, miks tää ei toimi 😤", True),
    ("Miks Fazerin kahvila on kiinni 😂?", True),
    ("Fazerin kahvila kiinni, onko se auki huomenna 😅", True),
    ("kuka muu syö Fazerin sinistä aamupalaksi 😂", True),
    ("who else buys Valio milk just for the carton 😂", True),
    ("Miks Fazerin kahvila on kiinni? 😂", True),
    ("Fazerin tehtaan kierros lauantaina, kuka lähtee mukaan 🎉", True),  # a party invites
    # 'help' after a determiner, a possessive or 'for' is a noun
    ("@Elisa got my router back today, thanks for the help!!", False),
    ("Valio sorted it in a day, thank you for all your help!", False),
    ("@Elisa my router is dead. Help!", True),
    ("@Fazer please help!", True),
    ("@Elisa my router died again. any help!", True),
    # a changed brand greeted as a stranger: praise; a plain 'who are you' still asks
    ("Elisa answered in a minute. who are you and what have you done with the old Elisa", False),
    ("@Valio_fi who are you, and why do you have my number", True),
    # a guess-verb teaser tells; a plain -ko verb asks
    ("Arvaatteko kuka sai Elisalta kolmannen laskun samasta kuusta", False),
    ("Arvaatko mitä Fazer teki sinisen pakkaukselle?", False),
    ("Arvioitteko Elisan uuden hinnaston jo", True),
    ("Tiedättekö milloin Fazerin myymälä aukeaa", True),
    # the brand's @handle first addresses it; a bare name first is the subject
    ("@Elisa is the outage in Kallio over yet", True),
    ("@Valio is there lactose in the new oat drink", True),
    ("@Fazer is it possible to order the blue in bulk", True),
    ("@Elisa are you open on Sunday", True),
    ("@Fazer is a legend for bringing back the old wrapper", False),
    ("@Valio is the best dairy in the world", False),
    ("@Elisa is my favourite operator, fast and cheap", False),
    ("Elisa is the only operator with coverage at our cottage", False),
    ("Valio is there for farmers, says the ad", False),
    # a -ko verb in quotes mid-sentence is another's; a thing before 'selittää' its subject; own things advise
    ('Fazerilla töissä, joka päivä joku huutaa kassalle "onko tää alennuksessa" 😂', False),
    ("Elisan vika on kai verkossa, jos se selittää miksi lataus kesti", False),
    ("Elisan vika korjattiin tunnissa, jos tämä kertoo miten nopeasti ne toimii", False),
    ("Fazerin myymälä muuttaa, tarkistakaa omat tilauksenne ennen perjantaita", False),
    ("Elisan hinnat nousee taas, laittakaa itse kilpailutus käyntiin", False),
    ('Fazerin kassalla kysyin "onko tää alennuksessa", toimiiko teillä hinnoittelu', True),
    ("Jos joku tietää Elisalta, kertoisi miksi lasku tuplaantui", True),
    ("@Elisa tarkistakaa mun liittymän hinta, lasku on tuplat", True),
    ("Valio korjatkaa tää maito, se on kokkareista", True),
    ("@Elisa hoitakaa itse tämä sotku, älkää pompotelko asiakasta", True),  # an @handle: a plea to the brand
    # a short noun phrase and 'vai' offer a choice: it asks which
    ("Elisan kuitu vai Telian 5G jos tekee etätöitä kotoa", True),
    ("Fazerin sininen vai Pandan maitosuklaa tuliaisiksi Saksaan", True),
    ("Fazerin pulla 5,90 €. En tiedä itkenkö vai nauranko", False),
    ("Elisan sovellus jumitti ja nyt en tiiä meniks maksu vai ei", False),
    ("Fazerin kahvila oli kiinni eilen vai ei ollut", False),
    ("Elisa sanoo että vika on korjattu. Vai niin.", False),
    ("Valion uusi jogurtti maistuu oudolta vai onko se vaan mun suussa", True),  # the -ko verb asks
    # who-did-this closing a post that names no brand blames, in the perfect and with verbs of making too; at a brand
    # it asks (rule (d)); who-will-fix-this asks
    ("Taloyhtiön pihassa kolme eri roskista, kuka tän on suunnitellut 🙄", False),
    ("Uus sakset ei leikkaa mitään. kuka tän teki", False),
    ("the new tram stop has no bench. who made this", False),
    ("Elisan sovelluksessa kolme eri kirjautumista, kuka tän on suunnitellut 🙄", True),
    ("Valio's new cap leaks every time. who made this", True),
    ("Elisan lasku on väärin taas. kuka tän korjaa", True),
    ("Fazerin paketti hajosi matkalla, kuka tän on korvaamassa", True),
    # an age met with '??' is wonder; any other figure met with '??' asks the company to account (ruling (c))
    ("Valio täyttää 120 vuotta?? tunnen itseni nuoreksi", False),
    ("Fazer turns 130 this year?? feeling old", False),
    ("Kotipizza on jo 35-vuotias?? aika rientää", False),
    ("Fazerin suklaarasiassa parasta ennen 2019?? 😳", True),
    ("Elisa closes its shop at 16 on weekdays?? wild", True),
    ("Fazer's new bar lasted 2 weeks in stores?? gone already", True),
    ("Valion maidon hinta 2,19?? ennen 1,49", True),
    ("My Fazer order turned up 3 days late??", True),  # a verb of age elsewhere in the sentence: no age
    ("The Valio app turns off after 5 minutes??", True),
    ("Elisa täytti laskuun 30 € lisää??", True),
    ("@Elisa your anniversary offer is 30€ now??", True),  # put to the brand
    ("Hesburger täytti jo 40?? aika rientää", False),
    ("Onko 3 päivää liikaa odottaa Elisan asentajaa??", True),
    ("How is Valio butter 4 times the price it was??", True),
    ("@Elisa my fibre has been down for 3 days??", True),
    ("Elisa your fibre has been down for 3 days??", True),
    ("Fazer order 4402918 still not here??", True),
    ("Elisa case EL2231 closed without a reply??", True),
    # an echo of the sentence before with a '?' scorns it; thanks alone with a '?' is irony
    ("Elisa kutsuu chatbottia asiakaspalveluksi. Asiakaspalveluksi?", False),
    ("Fazer calls the new bar an improvement. An improvement?", False),
    ("Valion paketti tuli rikki ja hyvitykseksi 50 senttiä. Kiitos?", False),
    ("Fazer sent me a voucher for a bar they discontinued. Thanks?", False),
    ("Elisan lasku tuli kahdesti. Miksi? Miksi?", True),
    ("Valion maito loppui kaupasta. Hyvitys?", True),
    ("Fazerin kahvila kiinni. Kiitos? Mistä saa vielä pullaa", True),
    # after a comma, which or what with a noun, an auxiliary and a subject asks; a relative does not
    ("Fazer blue vs Valio chocolate, which one should I bring to my host family", True),
    ("Elisa fibre or DNA 5G, what plan do you use for gaming", True),
    ("Fazer replaced the broken bar, which was nice of them", False),
    ("Elisa upgraded my plan, which means I pay less now", False),
    # why asked of oneself about one's own past doing is self-reproach; what befell the writer or an address asks
    ("Vaihdoin Elisalle ja lasku puolittui. Miks en vaihtanut jo aiemmin", False),
    ("Fazerin tehtaanmyymälässä jono ulos asti. Miks mä menin sinne lauantaina", False),
    ("moved to Elisa, half the price. why did I stay with the old operator for years", False),
    ("why did I get charged twice by Elisa this month", True),
    ("Miks en saanut Elisalta vastausta viestiin", True),
    ("@Elisa why did I pay twice this month", True),
    ("Elisa, why did I pay 40€ when the offer said 20€", True),
    ("why did I pay Fazer 5€ for shipping, can you refund it", True),
    ("Miks mä maksan Elisalle tästä lisäpalvelusta", True),
    # a call back asked for at a clause start pleads
    ("@Elisa you doubled my bill without asking. call me back", True),
    ("Fazer's order line dropped me twice. ring us back today", True),
    ("call me crazy but Valio's new milk tastes better", False),
    ("Elisa said they would call me back, and they did. Great service", False),
    # 'did a ...' with its subject left out, then 'and' another verb or a full stop, tells
    ("Did a taste test of Fazer and Valio chocolate and honestly Fazer wins", False),
    ("Did a big Fazer shop today.", False),
    ("Did a courier from Elisa come by today", True),
    ("Did a refund from Fazer come through yet", True),
    ("Did a courier come and leave a note? nothing here from Elisa", True),
    # set phrases shaped as questions exclaim or mock
    ("Elisa moved all support to a chatbot. What could possibly go wrong", False),
    ("a guy in the Fazer thread rates every bar 1/10. who hurt you", False),
    ("Elisa's prices went up again. what else is new", False),
    ("What could go wrong if I switch from Elisa to DNA", True),
    ("who hurt the cat outside the Fazer shop, did anyone see it", True),
]


@pytest.mark.parametrize("text, expected", QUESTIONS)
def test_questions(request: pytest.FixtureRequest, engine: Engine, text: str, expected: bool) -> None:
    expect_model(request, engine, text)  # a '??' is a question only where the post complains: the model may overrule
    verdict = engine.evaluate(text)
    assert verdict.is_question is expected, verdict.question_reasons


@pytest.mark.parametrize("text, reason", [
    ("Kuinkahan kauan Elisan korjaus kestää", "interrogative 'kuinkahan'"),
    ("Elisan lasku tuli kahteen kertaan, kenelle tästä pitää soittaa", "interrogative 'kenelle'"),
    ("Elisan kuitu vai Telian 5G jos tekee etätöitä kotoa", "choice 'elisan kuitu vai telian'"),
])
def test_the_reason_names_the_mechanism(engine: Engine, text: str, reason: str) -> None:
    assert reason in engine.evaluate(text).question_reasons


def test_explain_names_the_laugh_for_a_mark(engine: Engine) -> None:
    verdict = engine.evaluate("Valion ja Arlan jogurtti samassa hyllyssä, kumpi on makeampi 🙈")
    assert verdict.question_discounted == (("kumpi on makeampi", LAUGHED),)
    verdict = engine.evaluate("Elisa mitä tapahtuu 😄")
    assert verdict.question_discounted == (("mitä tapahtuu", LAUGHED),)


@pytest.mark.parametrize("text, words, why", [
    ("Arvaatteko kuka sai Elisalta kolmannen laskun", "Arvaatteko kuka sai", TEASES),
    ("Elisa answered in a minute. who are you and what have you done with the old Elisa", "who are you", STRANGER),
    ('Fazerilla töissä, joka päivä joku huutaa kassalle "onko tää alennuksessa" 😂', "onko tää alennuksessa", QUOTED),
    ("Fazerin myymälä muuttaa, tarkistakaa omat tilauksenne", "tarkistakaa omat tilauksenne", OWN),
    ("Fazerin tehtaanmyymälässä jono ulos asti. Miks mä menin sinne", "Miks mä menin", SELF),
    ("Elisa moved all support to a chatbot. What could possibly go wrong", "What could possibly", SET_PHRASE),
])
def test_explain_names_each_word_told_apart(engine: Engine, text: str, words: str, why: str) -> None:
    verdict = engine.evaluate(text)
    assert not verdict.is_question, verdict.question_reasons
    assert (words, why) in verdict.question_discounted, verdict.question_discounted


def test_explain_names_the_age_met_with_wonder(engine: Engine) -> None:
    verdict = engine.evaluate("Valio täyttää 120 vuotta?? tunnen itseni nuoreksi")
    assert verdict.question_discounted == (("Valio täyttää 120 vuotta??", AGE_WONDER),)


@pytest.mark.parametrize("text, sentence, why", [
    ("Elisa kutsuu chatbottia asiakaspalveluksi. Asiakaspalveluksi?", "Asiakaspalveluksi?", ECHOED),
    ("Valion paketti tuli rikki ja hyvitykseksi 50 senttiä. Kiitos?", "Kiitos?", THANKED),
])
def test_explain_names_the_echo_and_the_thanks(engine: Engine, text: str, sentence: str, why: str) -> None:
    assert engine.evaluate(text).question_discounted == ((sentence, why),)


def test_kuulo_explain_says_why_each_fresh_shape_asked_nothing(tmp_path: Path) -> None:
    def explain(*args: str) -> str:
        result = subprocess.run([KUULO, "explain", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    shown = explain("Fazer täyttää 130 vuotta?? tunnen itseni nuoreksi")
    assert (f"  question:    no; '?' not counted: 'Fazer täyttää 130 vuotta??', {AGE_WONDER}"
            in shown.splitlines()), shown
    shown = explain("Fazerin jono ulos asti. Miks mä tulin tänne")
    assert f"  question:    no; not asked: 'Miks mä tulin', {SELF}" in shown.splitlines(), shown
    as_json = json.loads(explain("--format", "json", "Elisa väittää sitä palveluksi. Palveluksi?"))
    assert as_json["is_question"] is False
    assert as_json["question_discounted"] == [{"text": "Palveluksi?", "why": ECHOED}]
