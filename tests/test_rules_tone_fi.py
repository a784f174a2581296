"""Finnish complaints told as events, without a judging word: must and must-not rows for each mechanism.

An ordinal count of days or times (kolmas päivä, jo toista viikkoa); thanks as a dry last sentence (... Kerroin
putosi. Kiitos.), or thanks again or with a goodbye (Kiitos taas., kiitos ja näkemiin); nobody did what was due
(kukaan ei vastannut); a taste or smell of something off (maistuu lääkkeeltä); a thing left undone (jää tulematta)
or still stuck (edelleen käsittelyssä); a queue to the door or few tills open (jono ulko-ovelle asti, yks kassa
auki); "enää" only asked about (saako kortilla enää etuja) is no loss. Every row holds for the rules alone and with
the shipped tone model (rules/tone_model.py), but the few the model overrules (tests/rules_support.MODEL_OVERRULES);
news, sport and praise that use the same words stay as they are.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from tests.rules_support import table_engine, table_engines, tone_row


engine = table_engines("Gigantti", "Motonet", "Alepa")


ORDINAL_COUNTS = [
    ("Kolmas päivä ja Gigantin paketti yhä Vantaalla", True),
    ("Odotan Motonetin pakettia jo toista viikkoa", True),
    ("Viidettä kertaa soitan Alepaan samasta asiasta", True),
    ("Gigantin tilaus: kolmas viikonloppu töissä odottamassa", True),
    ("Alepan jonossa jo kolmatta iltaa putkeen", True),
    ("Viidentenä päivänä paketti vihdoin liikkui", True),
    # an ordinal that counts no days nor times, a span, a row of wins, praise
    ("Alepa avaa kolmannen myymälän Tampereelle", False),
    ("Kolmas kerros, ovi vasemmalla", False),
    ("Tänään on kolmas adventti", False),
    ("HJK:lle kolmas mestaruus neljässä vuodessa", False),
    ("Kolmas voitto putkeen Motonetin joukkueelle", False),
    ("Kolmas päivä festareilla ja ihan huippua!", False),
    ("Toinen päivä Gigantin kurssilla alkaa", False),
]


@pytest.mark.parametrize("text, negative", ORDINAL_COUNTS)
def test_an_ordinal_count_of_days_or_times_complains(request: pytest.FixtureRequest,
                                                     engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


DRY_THANKS = [
    ("Motonetin sovellus kirjautti mut ulos kesken maksun. Kiitos.", True),
    ("Alepan kassa sulki just kun tulin jonoon. Kiitti", True),
    ("Gigantin kuriiri jätti paketin sateeseen pihalle. Kiitos tästä.", True),
    ("Gigantin kuriiri jätti paketin rappukäytävään. Kiitos tästä palvelusta.", True),
    # warm thanks (a mark, an emoji, thanks for something named), thanks in advance, thanks alone
    ("Motonetin myyjä auttoi kantamaan renkaat autoon. Kiitos!", False),
    ("Motonetin myyjä auttoi kantamaan renkaat autoon. Kiitos 🙏", False),
    ("Alepan kassa vaihtoi rikkinäisen kassin uuteen. Kiitos asiakaspalvelulle.", False),
    ("Onko Alepa auki juhannuksena? Kiitos.", False),
    ("Lähettäkää kuitti sähköpostiin Gigantille. Kiitos.", False),
    ("Alepa. Kiitos.", False),
]


@pytest.mark.parametrize("text, negative", DRY_THANKS)
def test_dry_thanks_as_the_last_sentence_is_irony(request: pytest.FixtureRequest,
                                                  engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


SARCASTIC_THANKS = [
    ("Gigantin toimitusmaksu nousi kympillä. Kiitos taas.", True),
    ("kiitti taas Gigantti, tilaus peruttu ilman selitystä", True),
    ("Alepan kahvi maksaa nyt 4 euroa. kiitos ja näkemiin", True),
    ("Gigantin kuljetus siirtyi kolmannen kerran, kiitos ja hei", True),
    # thanks that praise what was done, thanks and a wish, thanks for help again with praise
    ("Kiitos taas Motonet, renkaat vaihdettu nopeasti!", False),
    ("Kiitos ja hyvää viikonloppua Alepan väelle!", False),
    ("Gigantin myyjä auttoi taas. Kiitos ja hyvää joulua 🎄", False),
]


@pytest.mark.parametrize("text, negative", SARCASTIC_THANKS)
def test_thanks_again_or_with_a_goodbye_is_sarcasm(request: pytest.FixtureRequest,
                                                   engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


FLUSHED = [
    # 😳 tells surprise or embarrassment, at good news as often as at bad: a complaint needs another word
    ("Motonetin ale alkoi jo tänään 😳", False),
    ("Gigantin kuljettaja toi pesukoneen kymmenessä minuutissa 😳", False),
    ("Gigantin toimitus taas myöhässä 😳", True),
    ("Motonet toi akun väärään osoitteeseen 😳", True),
]


@pytest.mark.parametrize("text, negative", FLUSHED)
def test_a_flushed_face_alone_is_no_complaint(request: pytest.FixtureRequest,
                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


EXPLAIN_TO_ANYONE = [
    # a plea to explain put to anyone asks the readers, put to the company it asks for redress
    ("Joku selittäkää miten Motonetin kanta-asiakaspisteet lasketaan", False),
    ("Gigantin ja Motonetin hinnat samalle akulle eroaa, selittäkää joku kumpi on oikea malli", False),
    ("Alepa selittäkää tämä lasku", True),
]


@pytest.mark.parametrize("text, negative", EXPLAIN_TO_ANYONE)
def test_a_plea_to_explain_put_to_anyone_asks_the_readers(request: pytest.FixtureRequest,
                                                           engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


NOBODY_DID = [
    ("Gigantilta kukaan ei soittanut takaisin", True),
    ("Alepassa ei kukaan ehtinyt auttaa", True),
    ("Motonetin laskulla on lisäpalvelu jota kukaan meistä ei oo tilannut", True),
    ("Alepan aukioloajat muuttui ilman että kukaan kerto mitään", True),
    ("Alepan huolto vaihtui ja nyt kukaan ei tiedä kuka lumityöt tekee", True),
    # asked, a trick nobody noticed, news nobody knew, praise
    ("Tietääkö kukaan onko Alepa auki juhannuksena", False),
    ("Onko kukaan tilannut Gigantilta pesukonetta", False),
    ("Vaihdoin Alepan kahvin halvempaan, ei kukaan huomannut", False),
    ("Kukaan meistä ei tiennyt että Motonet on suomalainen", False),
    ("Ei kukaan ole koskaan palvellut yhtä hyvin kuin Gigantin myyjä tänään, kiitos!", False),
]


@pytest.mark.parametrize("text, negative", NOBODY_DID)
def test_nobody_did_what_was_due(request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


OFF_TASTES = [
    ("Alepan uus limu maistuu lääkkeeltä", True),
    ("Gigantin kahvi maistuu nykyään ihan erilaiselta, onks resepti muuttunu", True),
    ("Motonetin tuulilasinpesuneste haisee oudolle", True),
    ("Alepan leipä maistui muovilta", True),
    # a season, a better taste, the same, a smell of baking
    ("Alepan mansikat maistuu kesältä", False),
    ("Gigantin kahvi maistuu paremmalta kuin ennen", False),
    ("Alepan oma jogurtti maistuu samalta kuin merkkituote", False),
    ("Motonetin kahvilassa tuoksuu aina pullalta", False),
]


@pytest.mark.parametrize("text, negative", OFF_TASTES)
def test_a_taste_of_something_off_complains(request: pytest.FixtureRequest,
                                            engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


STILL_ASKED = [
    ("Saako Alepan kanta-asiakaskortilla enää mitään etuja?", False),
    ("Käykö kukaan enää Gigantin myymälässä Espoossa", False),
    ("Mietin vaan et saako Motonetin lahjakortin enää käyttää", False),
    ("Eikö Gigantilla oo enää myymälää Tampereella?", False),
    # a negator, or a question word, keeps the loss
    ("Alepasta ei saa enää käteistä", True),
    ("Miks Gigantista ei saa enää lankapuhelinta?", True),
    ("Kuka tätä Motonetin sovellusta enää käyttää", True),
]


@pytest.mark.parametrize("text, negative", STILL_ASKED)
def test_any_more_asked_without_a_negator_is_no_loss(request: pytest.FixtureRequest,
                                                     engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


@pytest.mark.parametrize("text, negative", [
    ("Gigantin toimitus peruttu, seuraava ensi viikolla", True),
    ("Onks Alepan kotiinkuljetus vaan peruttu?", True),
    ("Ei peruttu, Motonetin kurssi pidetään normaalisti", False),
])
def test_cancelled_as_a_participle_complains_as_its_verb_does(request: pytest.FixtureRequest,
                                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)  # the pack's perui, peruttiin and now peruttu


LEFT_UNDONE = [
    ("Alepan kuljetus jää taas kokonaan tulematta", True),
    ("Gigantin takia talo jää maalaamatta tänä kesänä", True),
    ("Motonetin akku ja auto jättää lähtemättä joka pakkasaamu", True),
    # an abessive with no leaving (incessantly), leaving with no abessive
    ("Alepassa myyjä auttoi taukoamatta koko illan", False),
    ("Gigantin kassalla jäi hetki aikaa jutella", False),
    ("Jätin Motonetin kuitin laatikkoon", False),
]


@pytest.mark.parametrize("text, negative", LEFT_UNDONE)
def test_a_thing_left_undone_complains(request: pytest.FixtureRequest,
                                       engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


STILL_STUCK = [
    ("Alepan hakemus edelleen käsittelyssä", True),
    ("Gigantti laskuttaa mua edelleen liittymästä jonka lopetin", True),
    ("Motonetin pesukone söi kympin ja auto yhä likainen", True),
    # a state good to keep, "vielä" (yet)
    ("Alepan pulla on edelleen paras", False),
    ("Gigantin vanha telkkari toimii yhä", False),
    ("Motonetin kurssi on vielä kesken", False),
]


@pytest.mark.parametrize("text, negative", STILL_STUCK)
def test_a_thing_still_stuck_complains(request: pytest.FixtureRequest,
                                       engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


QUEUES = [
    ("Alepan kassajono ulottui ovelle asti", True),
    ("Gigantissa jono kassalta ulko-ovelle saakka", True),
    ("Motonetissa yks kassa auki lauantaina", True),
    ("Alepassa kaks kassaa auki ja ruuhka-aika", True),
    ("Gigantissa ei ollut yhtäkään kassaa auki", True),
    # a queue alone, every till open, a till counted with no few
    ("Alepan jonossa tapasin vanhan ystävän", False),
    ("Gigantissa kaikki kassat auki ja nopeeta", False),
    ("Motonet avaa uuden kassan ensi viikolla", False),
]


@pytest.mark.parametrize("text, negative", QUEUES)
def test_a_queue_to_the_door_or_few_tills_open_complains(request: pytest.FixtureRequest,
                                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


DISBELIEF = [
    ("Alepan sähkölasku tuplasti viime kuuhun verrattuna. Mitä ihmettä?", True),
    ("Miten ihmeessä Gigantin Kamppi on aina täynnä", True),
    ("Ihanko oikeesti Motonet vaatii paperisen kuitin", True),
    ("Alepan joulukinkku 19,90 kilo. Anteeks mitä", True),
    ("Siis mitä? Gigantin valikoimasta poistettiin mun lempikaiutin?", True),
    # praise with the same words, a wonder that is no complaint
    ("Alepan kassa hoiti kaiken minuutissa, miten ihmeessä ne on noin nopeita 👏", False),
    ("Gigantin myyjä korjasi koneen, mitä ihmettä, kiitos!", False),
]


@pytest.mark.parametrize("text, negative", DISBELIEF)
def test_disbelief_complains(request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


WORDS_OF_THE_FRAMES = [
    ("Alepan uus logo? näyttää oudolta", True),
    ("Gigantin kuvassa sävy näytti ihan erilaiselta", True),
    ("Motonetin varaosaa ei saa eikä ketään tiedä mistä", True),
    ("Alepa korvasi kauramaidon lehmänmaidolla kysymättä", True),
    ("Gigantilta tuli vuokrankorotus 5 %", True),
    ("Motonet nostaa taas marginaalia", True),
    ("Miksi Gigantin sovelluksesta poistetaan kuittihistoria?", True),
    ("Gigantin kotivakuutus nousi 22 %, kilpailutanko", True),
    ("Motonetin kausilippu nousee taas vuodenvaihteessa", True),
    ("vero nousee ja Alepan palkka ei", True),
    ("Gigantin korvauspäätös tuli 11 viikon jälkeen", True),
    ("Motonetin lapaset hajosi saumasta kahden viikon jälkeen", True),
    # a look that is fine, nobody needed, a question about a rise, a bonus risen with thanks
    ("Alepan uus logo näyttää hyvältä", False),
    ("Gigantin autovakuutuksen bonus nousi 80 prosenttiin. Kiitos kolarittomat vuodet 🚗", False),
    ("Gigantin myymälä näytti samalta kuin ennen", False),
    ("Ei ketään jonossa Alepassa, nopeeta", False),
]


@pytest.mark.parametrize("text, negative", WORDS_OF_THE_FRAMES)
def test_looks_nobody_unasked_and_rises_complain(request: pytest.FixtureRequest,
                                                 engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


GONE_FOR_GOOD = [
    ("Alepan vanha leipä lopetettiin. RIP 🪦", True),
    ("Gigantin jonossa sijalla 214. Palaan huomenna 🫠", True),
    ("Motonet ☠️", True),
    # the same post with praise instead
    ("Alepan vanha leipä palasi hyllyyn 😍", False),
]


@pytest.mark.parametrize("text, negative", GONE_FOR_GOOD)
def test_a_thing_gone_for_good_or_a_melting_writer_complains(request: pytest.FixtureRequest,
                                                             engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


NOTHING_CAME = [
    ("Tilasin Alepasta tunti sitten. Sain viestin että melkein valmis. Sit ei mitään.", True),
    ("Gigantille ilmoitettu neljä kertaa. Ei mitään", True),
    # "ei mitään" inside a sentence, a reply with no complaint before it
    ("Motonetin kassalla ei mitään jonoa, nopeeta", False),
    ("Alepa. Ei mitään.", False),
]


@pytest.mark.parametrize("text, negative", NOTHING_CAME)
def test_nothing_as_the_last_sentence_complains(request: pytest.FixtureRequest,
                                                engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


def test_the_reading_is_the_reason_shown() -> None:
    verdict = table_engine("rules", "Alepa").evaluate("Odotan Alepan pakettia jo toista viikkoa")
    assert verdict.negative_terms == ("toista … viikkoa",)
    dry = table_engine("rules", "Alepa").evaluate("Alepan kassa sulki just kun tulin jonoon. Kiitti.")
    assert dry.negative_terms == ("… kiitti",)
    nobody = table_engine("rules", "Alepa").evaluate("Alepassa ei kukaan ehtinyt auttaa")
    assert nobody.negative_terms == ("kukaan … ehtinyt",)
    spoken = table_engine("rules", "Alepa").evaluate("Alepan varaosaa ei saa eikä ketään tiedä")
    assert spoken.negative_terms == ("ketään … tiedä",)


NO_SENSE = [
    ("@Motonet mitä järkeä on sulkea myymälä klo 17 lauantaina", True),
    ("Gigantin toimitusmaksu 19 € pieneen kaapeliin, missä järki?", True),
    # sense that is there, asked about in earnest, or advice
    ("Alepan juustot on yhtä hyviä ku muualla, hinta puolet. ei mitään järkeä maksaa enempää", False),
    ("Onko järkeä ostaa Gigantista pidennetty takuu telkkariin?", False),
    ("Alepan uusi kassajärjestely on tosi järkevä, jono liikkuu", False),
]


@pytest.mark.parametrize("text, negative", NO_SENSE)
def test_what_sense_is_there_complains(request: pytest.FixtureRequest,
                                       engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)


REGRETS_AND_FIXES_TO_COME = [
    # the writer's regret of not having chosen it sooner praises: a why with the writer's own negator, "should have"
    ("Vaihdoin Gigantin liittymään ja lasku puolittui. Miks en tehny tätä aiemmin", False),
    ("Alepan kotiinkuljetus toimii tosi kätevästi. miksi emme kokeilleet tätä jo vuosia sitten", False),
    ("Motonetin rengashotelliin liittyminen kesti 5 min. olis pitäny tehdä jo vuosia sitten", False),
    ("vaihoin Gigantin sähkösopimukseen ja se on halvempi. ois pitäny vaihtaa jo aikoja sitten", False),
    # a thing done to the writer, what someone else should have done, or a lesson without a time before now
    ("Miksi en saanut Gigantilta tietoa peruutuksesta aiemmin?", True),
    ("Motonetin paketin olis pitäny tulla jo viikko sitten", True),
    ("Gigantin takuuehdot olis pitäny lukea ennen ostoa, nyt jäi maksettavaa", True),
    # a fix to do or a solution asked for solves no problem (ei osaa korjata, ratkaisua ei ole); a fix done does
    ("Gigantissa kukaan ei osaa korjata vikaa", True),
    ("Alepan kassajärjestelmän ongelmaan ei ole vieläkään ratkaisua", True),
    ("Motonet hukkas mun tilauksen, selvitys kesken kolmatta viikkoa", True),
    ("Gigantin tuki ratkas ongelman 10 minuutissa", False),
    ("Motonetin huolto korjasi vian samana päivänä", False),
    # nothing to be made of it, short of what was expected, the told thing doubted as the last sentence
    ("Gigantin reittihausta ei saa mitään selvää", True),
    ("ostin Motonetin kellon, ei ihan odotusten mukainen 🥲", True),
    ("Nyt Alepakin lopettaa sunnuntaiaukiolon? Oikeesti?", True),
    ("Gigantin uusi kuljetus oli odotusten mukainen", False),
    ("Paras kahvi ikinä Alepassa. Oikeesti.", False),
    ("Motonetin uusi sauna-tuoksu? Oikeesti? Joku kokeillut?", False),
    # a word that stands only under a negation denies the negative word before it, past its subject
    ("vaihto Gigantille kesti kaks päivää eikä netti katkennu kertaakaan", False),
    ("Alepan kassajärjestelmä on uusi eikä se kaatunut koskaan joulun ruuhkassa", False),
    ("En ole koskaan nähnyt Alepassa noin huonoa palvelua", True),
    # a negated negative that opens the last sentence is the writer's verdict on what was told; not one said with
    # "taas" or an upside-down smile
    ("Kortti katosi lomalla, Gigantin asiakaspalvelu sulki sen heti ja uusi tuli hotelliin. Ei huono", False),
    ("Motonetin juna myöhässä tunnin. Ei huono alku viikolle 🙃", True),
    ("Alepan netti poikki taas. ei huono", True),
    # no apology where one was due, a gloom that never ends
    ("Gigantin kassajärjestelmä kaatui kesken ostosten. Ei mitään pahoitteluja.", True),
    ("Alepan marraskuun pimeys ei lopu ikinä", True),
    ("Kiitos Motonetille pahoittelusta ja hyvityksestä", False),
]


@pytest.mark.parametrize("text, negative", REGRETS_AND_FIXES_TO_COME)
def test_a_regret_praises_a_fix_to_come_solves_nothing_and_doubt_complains(
        request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative)
