"""Issue 16's phenomena as a table: must-match and must-not-match cases, Finnish and English.

Brands here are other than the issue's own examples, so nothing is tuned to them. A case the
engine does not handle yet is xfail(strict=True) with the reason: the table shows the gap, and
a fix flips it (strict: an unexpected pass fails the run until the mark is removed).
"""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings, strategies as st

from kuulo.bot.packloader import builtin_known_words
from kuulo.rules.engine import Engine
from kuulo.rules import normalise
from kuulo.rules.normalise import NO_MARKS, ClauseMarks, is_emoji, same_sentence, sentence_end, tokenize
from kuulo.rules.specs import BrandSpec
from tests.rules_support import brands_found, shipped


BRANDS = (
    BrandSpec("Prisma"),
    BrandSpec("Alepa", handles={"*": ("alepakauppa",)}),
    BrandSpec("Gigantti", handles={"*": ("gigantti_fi",)}),
    BrandSpec("Motonet"),
    BrandSpec("Vierumäki Resort", aliases=("Vierumäki",)),
    BrandSpec("Kemijoki Oy", aliases=("Kemijoki",), context=("osinko*", "voimala*", "yhtiö*", "sähkö*"), needs_context=True),
    BrandSpec("Veljekset Keskinen", aliases=("Tuurin kyläkauppa", "Keskinen"), context=("kauppa*", "tarjous*")),
    BrandSpec("Kärkkäinen", aliases=("Jätti-Kärkkäinen",)),
    BrandSpec("Sokos"),
    BrandSpec("HSL", context=("bussi*", "juna*", "ratikka*", "matkakort*", "lippu*")),
    BrandSpec("YTHS"),
    BrandSpec("LähiTapiola"),
    BrandSpec("Halpa-Halli"),
    BrandSpec("KONE"),
    BrandSpec("Alko"),
    BrandSpec("Neste", context=("tankka*", "bensa*", "diesel*", "polttoaine*")),
    BrandSpec("Sato"),
    BrandSpec("OP", context=("pankki*", "osuuspankki*", "bank", "banking")),
    BrandSpec("VR", context=("juna*", "lähijuna*", "train*", "konduktööri*")),
    BrandSpec("Veikkaus"),
    BrandSpec("Nokia", exclude=("Nokia Arena", "Nokian Renkaat")),
    BrandSpec("Saunalahti", context=("liittymä*", "netti*"), exclude=("Espoon Saunalahti", "Saunalahden ranta")),
    BrandSpec("Bolt", context=("ride*", "driver*", "scooter*")),
    BrandSpec("K-Rauta"),
    BrandSpec("Verkkokauppa.com", aliases=("Verkkokauppa",)),
    BrandSpec("Hackman"),
    BrandSpec("Yle", handles={"*": ("yleisradio",)}),
    BrandSpec("Fazer"),
    BrandSpec("DNA", context=("liittymä*", "netti*")),
    BrandSpec("Power", context=("myymälä*", "tilaus*", "store", "order*")),
    BrandSpec("Wolt", handles={"*": ("woltsuomi",)}),
    BrandSpec("Telia"),
    BrandSpec("Nordea"),
    BrandSpec("Elisa"),
    BrandSpec("Helen", context=("sähkö*", "lasku*")),
    # names new to the engine like batch 11's, other brands: a multiword name of first names, a greeting, a town, a pet
    BrandSpec("Hanna ja Heikki", aliases=("Hanna",), context=("mekko*", "dress*")),
    BrandSpec("H&M"),  # names written with '&': letters joined, and two names joined
    BrandSpec("Turun Sanomat", aliases=("Aamu-Sanomat",), context=("lehti*", "toimittaja*")),  # in the plural
    BrandSpec("Procter & Gamble", aliases=("P&G",)),
    BrandSpec("Lassila & Tikanoja", aliases=("L&T",), exclude=("Larsen & Toubro", "Larsen and Toubro")),  # spelled out
    BrandSpec("Aurinkomatkat", aliases=("Aurinkomatkoilla", "Aurinkomatkoja"), exclude=("aurinkomatka",)),  # a plural of its exclude
    BrandSpec("Meira", context=("kahvi*", "coffee"), exclude=("Meira-täti", "named Meira")),  # a name its excludes
    # call a person's, which no list of first names holds
    BrandSpec("Moro Mobile", aliases=("Moro",), context=("liittymä*", "operaattori*", "sim*")),
    BrandSpec("Lapua", context=("patruun*", "ammus*", "ammo*", "cartridge*"), exclude=("Lapuan meri",)),
    BrandSpec("Botnia", context=("sellu*", "tehda*", "pulp*")),
    BrandSpec("Nalle Petshop", aliases=("Nalle",), context=("kauppa*", "store", "shop*")),
    BrandSpec("Aamulehti"),
    BrandSpec("Tampella"),
    BrandSpec("Harvia", context=("kiuas*", "kiukaa*", "sauna*", "stove*")),
    BrandSpec("Koi Mobile", aliases=("Koi",), context=("liittymä*", "operaattori*")),
    # two-word names whose words are everyday words: a comma between them parts them (Koti, sauna ja takka)
    BrandSpec("Koti Sauna", context=("kiuas*", "sauna*")),
    BrandSpec("Blue Lake", context=("hotel*", "spa")),
    # names new to the engine like batch 12's, other brands: a word in -s whose plural an exclude names, a foreign name
    BrandSpec("Kaunis", context=("ripsiväri*", "meikki*", "mascara*", "makeup"), exclude=("kauniit",)),
    BrandSpec("Solarcell", context=("paneeli*", "panel*")),
    BrandSpec("Tapiola Taide", aliases=("Tapiola",), context=("taulu*", "painat*", "print*", "poster*"),
              needs_context=True),  # a place's name and an ending: Tapiolassa
    BrandSpec("Lumeno"),  # a unit's look-alike: lumenia
    BrandSpec("Kokko", context=("grilli*", "grill*", "hiili*", "charcoal"),
              exclude=("juhannuskokko", "kokko bonfire")),  # a grill named like a bonfire, its word in its excludes
    BrandSpec("Sirius", context=("radio*", "kanava*", "channel*")),  # a star's name
    BrandSpec("K-Rauta"),  # a letter hyphenated to a word: written joined too (krautasta)
    BrandSpec("Valinta", context=("kauppa*", "myymälä*"), needs_context=True),  # a chain named like a word (a choice)
    BrandSpec("If", context=("vakuutus*", "insurance"), needs_context=True),  # a function word: no branch of it
    BrandSpec("Hurma", context=("ravintola*",), exclude=("kesän hurma", "joulun hurma")),  # rapture, after a genitive
    BrandSpec("Apu", aliases=("Apu-lehti",), context=("lehti*", "tilaus*", "ristikko*"), needs_context=True),  # help
    BrandSpec("HOK-Elanto", aliases=("HOK",)),  # an abbreviation that is a word's start (Hoka, the shoe)
    BrandSpec("MTV", aliases=("Katsomo+",)),  # a service named with a plus; Wolt+ is Wolt's by its word
    BrandSpec("Rovio", context=("peli*", "osake*")),  # a bonfire's word (rovio): capitals or a context word
    BrandSpec("Kainuun Kulta", context=("olut*", "oluen", "beer")),  # a phrase of words: the gold of Kainuu
    BrandSpec("Hong Kong", aliases=("Hongkongista", "Hongkongissa"), context=("kauppa*", "store"),
              needs_context=True),  # a city's name written as one word and in a case: still the name's form
    BrandSpec("Masku", aliases=("Maskuun", "Maskussa"), context=("sohva*", "sofa*"),
              exclude=("Maskun kirkko", "Masku municipality")),  # a town's name; its cases configured as aliases
    BrandSpec("Paulig", aliases=("Presidentti",)),  # a coffee named like a hotel (Sokos Hotel Presidentti)
    BrandSpec("Tupla", context=("suklaa*", "patukka*", "kauppa*", "kaupa*", "chocolate*")),  # an everyday word: double
    BrandSpec("Aura", context=("juusto*", "cheese")),  # a snowplough
    BrandSpec("Oras", context=("hana*", "faucet*")),  # a sprout
    BrandSpec("Halti", context=("takki*", "jacket*"), exclude=("Halti-tunturi", "Mount Halti")),  # a fell
    BrandSpec("ABC", context=("bensa*", "diesel*", "asema*")),  # the alphabet, fare zones A to C
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(BRANDS, [shipped("banking-fi"), shipped("sentiment-fi"), shipped("sentiment-en")], {})


def gap(reason: str, *values: object) -> object:
    """A case the engine does not handle yet."""
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


def brands(engine: Engine, text: str, platform: str = "") -> set[str]:
    return {m.brand for m in engine.evaluate(text, platform=platform).brands}


# (text, brand, platform)
MUST_MATCH = [
    ("Saunalahden liittymä pätkii taas koko illan", "Saunalahti", ""),  # the exclude's place is not here
    ("Saunalahdelta tuli lasku vaikka netti oli poikki", "Saunalahti", ""),
    ("took a bolt ride to the airport, the driver was great", "Bolt", ""),  # 'a' before a company's word
    ("Oltiin eilen K-Rauassa ja siellä oli ihan järkyttävä ruuhka", "K-Rauta", ""),  # spoken, without the d
    ("saunalahen liittymä loppu kesken lomamatkan", "Saunalahti", ""),
    ("Hotellin aamiaisella tarjottiin Presidenttiä ja pullaa", "Paulig", ""),  # the hotel's word, not right before it
    ("Ostin Hongkongista joulukoristeita, kauppa oli ihan täynnä", "Hong Kong", ""),
    ("Uusi sohva tuli Maskusta eilen", "Masku", ""),
    ("Tiijättekö onko Telijan kauppa auki aattona", "Telia", ""),  # a name in -ia spoken with a j
    # a phrase's later word with its capital, a phrase in lower-case text, at a sentence start, or with a context word
    ("Ostin mökille Kainuun Kultaa tarjouksesta", "Kainuun Kulta", ""),
    ("kainuun kulta loppu taas lähikaupasta", "Kainuun Kulta", ""),
    ("Kainuun kulta on mun lemppari", "Kainuun Kulta", ""),
    ("Mökillä juodaan aina Kainuun kultaa, kylmää olutta", "Kainuun Kulta", ""),
    ("We always brought Kainuun kulta beer home from Finland", "Kainuun Kulta", ""),
    ("Apun tilaus laskutettiin kahdesti, Nordea palautti toisen", "Apu", ""),  # its context word, beside a bank
    # ... but the company's acts after the lower-case name keep it the company (alko avaa, not began to open)
    ("alko avaa uuden myymälän kamppiin ensi viikolla", "Alko", ""),
    ("alko aukeaa vasta yhdeltätoista huomenna", "Alko", ""),
    ("muistakaa et alko menee kiinni jo kuudelta", "Alko", ""),
    ("alko myy nyt glögiä puoleen hintaan", "Alko", ""),
    ("se alko kampissa on aina täynnä", "Alko", ""),  # a demonstrative before the shop's name: no verb's subject
    # plural case forms
    ("Prismoissa on nyt ale", "Prisma", ""),
    ("Kävin kaikissa Alepoissa eikä maitoa ollut", "Alepa", ""),
    ("Giganteissa on jonot koko päivän", "Gigantti", ""),
    ("Gigantteihin tuli uusia puhelimia", "Gigantti", ""),
    ("Motoneteissa oli tyhjät hyllyt", "Motonet", ""),
    # spoken endings on a changed stem
    ("Turun Sokoksel oli välipäivien ale", "Sokos", ""),
    ("Veikkauksel on uus sovellus", "Veikkaus", ""),
    # a time in brackets after the name is no age
    ("Compared to Elisa (8 weeks for a fix) the new operator was fast", "Elisa", ""),
    ("Poll results so far: Elisa (12) and Telia (8)", "Elisa", ""),  # counts, not ages
    ("Prismas oli ihan hullu ruuhka", "Prisma", ""),  # spoken endings: -s, -st, -l, -lt
    ("Motonetil on hyvät tarjoukset", "Motonet", ""),
    ("The Prismas around here close at 9", "Prisma", ""),  # an English plural or possessive without apostrophe
    ("Motoneteja on joka kaupungissa", "Motonet", ""),  # partitive and genitive plurals
    ("Gigantteja on kolme Tampereella", "Gigantti", ""),
    ("Giganttien aukioloajat vaihtelevat", "Gigantti", ""),
    ("Kärkkäisten hyllyt ovat täynnä", "Kärkkäinen", ""),
    # stem changes in aliases and multiword names, not only in the main name
    ("Olimme viikonlopun Vierumäellä", "Vierumäki Resort", ""),
    ("Vierumäen kylpylä oli kiinni", "Vierumäki Resort", ""),
    ("Lähdetään Vierumäelle", "Vierumäki Resort", ""),
    ("Kemijoen osinko laski", "Kemijoki Oy", ""),
    ("Kemijoki Oy:n voimalat", "Kemijoki Oy", ""),
    ("Kemijoki Oy hired 40 engineers", "Kemijoki Oy", ""),  # a name of two words needs no context
    ("Kemijoki nosti osinkoaan", "Kemijoki Oy", ""),
    ("Ostin television Veljekset Keskiseltä", "Veljekset Keskinen", ""),
    ("naapurin Keskinen myy halvalla takkeja", "Veljekset Keskinen", ""),  # what the company does outweighs it
    # a family word in another case before a surname's case form: shopping, not a person (review of s62)
    ("Ostin vaimolle Kärkkäiseltä uuden pyörän", "Kärkkäinen", ""),
    ("Veli Kärkkäiseltä ostettu takki hajosi heti", "Kärkkäinen", ""),
    ("Kärkkäisen perhe on taas laajentanut Lahteen", "Kärkkäinen", ""),  # the owners' family: the firm
    ("Jätti-Kärkkäisen perheen kauppa on Tuurissa", "Kärkkäinen", ""),
    ("Tuurin kyläkaupassa oli ruuhkaa", "Veljekset Keskinen", ""),
    ("Jätti-Kärkkäiseltä sai halvalla", "Kärkkäinen", ""),
    ("Sokoksella on hulluja päiviä", "Sokos", ""),
    ("Sokoksen kassalla jonoa", "Sokos", ""),
    # abbreviations with an ending but no colon, or in title case
    ("YTHSn ajanvaraus ei toimi", "YTHS", ""),
    ("Ythsin lääkäri oli hyvä", "YTHS", ""),
    ("Yths:n hammaslääkäri", "YTHS", ""),
    ("HSLn sovellus kaatui taas", "HSL", ""),
    ("HSL:llä on uusi hinnasto", "HSL", ""),
    ("Hsl:n lippu kallistui", "HSL", ""),
    # lower-case forum text: a form that is no everyday word, or a context word
    ("ostin alepasta maitoa", "Alepa", ""),
    ("hsl:n bussi ei tullut", "HSL", ""),
    ("tilasin gigantista läppärin", "Gigantti", ""),
    ("hsl nosti lipun hintaa", "HSL", ""),  # a context word lippu* in its weak grade
    # a post in lower case throughout: a short name that is no everyday word needs no capitals there
    ("onko alepa auki jouluna? ei löydy mistään tietoa", "Alepa", "reddit"),
    ("anyone know if sokos is open on sundays", "Sokos", "reddit"),
    ("hsl:n sovellus kaatuu koko ajan, taas kerran", "HSL", "reddit"),
    ("switched from prisma to alepa, no regrets", "Alepa", "reddit"),
    ("alepa + sokos question: if I'm new in town where do I shop", "Alepa", "reddit"),
    ("Sato remontoi meidän kylppärin hienosti", "Sato", ""),  # what a company does
    ("Is the OP pankin app down for everyone?", "OP", "reddit"),
    # hyphen and space variants, typographic apostrophes
    ("Lähi-Tapiolan vakuutus", "LähiTapiola", ""),
    ("Lähi Tapiola ei vastaa", "LähiTapiola", ""),
    ("lähitapiolasta soitettiin", "LähiTapiola", ""),
    ("Halpahallista löytyi", "Halpa-Halli", ""),
    ("Halpa Hallissa oli ale", "Halpa-Halli", ""),
    ("Gigantti’s delivery was late", "Gigantti", ""),
    ("kysyin @Gigantti_fi’n kautta", "Gigantti", ""),
    # a web address, with a Finnish ending too
    ("verkkokauppa.comista tilasin puhelimen", "Verkkokauppa.com", ""),
    ("Verkkokauppa.comiltakin loppuivat ohjaimet", "Verkkokauppa.com", ""),
    ("Sokos.fi:n kassa kaatui", "Sokos", ""),
    ("Ordered a laptop from gigantti.com last week", "Gigantti", ""),
    ("Verkkokauppa.com's return process failed", "Verkkokauppa.com", ""),
    ("Tilasin Verkkokaupasta näytön", "Verkkokauppa.com", ""),  # an everyday word capitalised inside a sentence
    # hashtags and handles: the brand after another word, or run into one in capitals
    ("#omaprisma kampanja alkoi", "Prisma", ""),
    ("kesä #rakastanmotonet", "Motonet", ""),
    ("#KONEhissit toimivat", "KONE", ""),
    ("#KONEBusiness päivä", "KONE", ""),
    ("#HSLApp kaatui", "HSL", ""),
    ("#sokoskauppa on auki", "Sokos", ""),  # a short name that is no everyday word, before a word
    ("Love the new #sokosfinland campaign", "Sokos", ""),
    # misspellings that carry an ending: fuzzy on the stem
    ("Motnetilta sai osat", "Motonet", ""),
    ("Gigantilla oli ale", "Gigantti", ""),  # the weak grade: not a misspelling at all
    ("Giganitlta tilattu", "Gigantti", ""),
    ("Prsimassa jonoa", "Prisma", ""),
    ("Kärkäiseltä ostettu", "Kärkkäinen", ""),
    ("Hakmanin kattila kesti 20 vuotta", "Hackman", ""),  # Finnish spellings of a foreign name: ck -> k, z -> ts
    ("Fatserin suklaa on parasta", "Fazer", ""),
    ("My Hakman pan finally broke", "Hackman", ""),
    ("Allepassa oli jonoa", "Alepa", ""),  # a name too short for fuzzy matching, a letter doubled
    ("Sokkoksen ale alkoi", "Sokos", ""),
    ("Sokkos has a sale on", "Sokos", ""),
    # homonyms that context settles the brand's way
    ("KONE:n hissi jumissa taas", "KONE", ""),
    ("OP:n sovellus ei toimi", "OP", "reddit"),
    ("My OP bank card was declined", "OP", "reddit"),
    # slang for a person in an inner local case: nobody goes into or comes out of the poster
    ("Rahat lähti OP:sta perjantaina eikä ole vieläkään perillä. Tilisiirto ei voi kestää", "OP", "reddit"),
    ("soitin eilen op:hen ja kortti jäädytettiin", "OP", "reddit"),
    ("OP:ssa jonotin tunnin", "OP", "reddit"),
    ("On hold with OP for 30 minutes. This is ridiculous.", "OP", "instagram"),  # a company's line waited on
    ("been on hold with OP for an hour, great", "OP", "reddit"),
    ("VR:n juna myöhässä taas", "VR", ""),
    ("VR train to Tampere cancelled again", "VR", ""),
    ("Nokian uusi puhelin on hyvä", "Nokia", ""),
    # a name at the start of a sentence is still the brand when it is no everyday word there
    ("Alkossa oli jonoa", "Alko", ""),
    ("Alko closed early again, and my name is", "Alko", ""),  # no copula before the post's first word: not its end
    ("Alko suljettu jo, tarkista nimi on", "Alko", ""),
    ("Nesteellä tankkasin", "Neste", ""),
    ("Sadon asiakaspalvelu ei vastaa", "Sato", ""),  # an everyday word at a sentence start beside a company word
    # an everyday or lower-case name followed by what a company does, or named beside another company
    ("Neste nosti taas hintoja", "Neste", ""),
    ("sato nosti vuokraa ilmoittamatta", "Sato", ""),
    ("Nesteen mukaan hinnat laskevat", "Neste", ""),
    ("alepa lopetti yöaukiolon", "Alepa", ""),
    ("kumpi on halvempi, alepa vai prisma", "Alepa", ""),
    ("alepa or prisma, which one is open late?", "Alepa", ""),
    ("SATOlla oli taas vesivahinko", "Sato", ""),  # written in capitals as the brand writes it
    ("Yleisradion toimitus kertoi uutisesta", "Yle", ""),  # a handle that is a word of its own names the brand
    ("OP's mobile app logged me out again", "OP", "reddit"),  # slang, but a company word follows
    ("Elisan ja Telian liittymät ovat yhtä kalliita", "Elisa", ""),  # joined to another brand: no person
    ("Elisa nosti hintoja taas", "Elisa", ""),
    ("VR-junan vessa oli taas rikki", "VR", ""),  # a context word as the head
    ("DNA-kaupassa palvelu oli nopeaa", "DNA", ""),  # a company word as the head
    ("Power cancelled my order without a word", "Power", ""),  # a common English word, but an act and context
    ("Power avasi uuden myymälän Ouluun", "Power", ""),
    ("Vertasin Powerin ja Jimmsin hinnat samalle näytölle", "Power", ""),  # a pair of names before a company word
    ("Nesteellä kassajono oli pitkä", "Neste", ""),  # a company word after it, also as a compound's head
    ("Nesteellä autobensa kallistui taas", "Neste", ""),  # a context word as a compound's head
    ("VR:n yöjunan hytissä nukkui hyvin", "VR", ""),  # ... after the two-letter yö too
    ("In Tampere alepa cancelled my order", "Alepa", ""),
    ("Is the VR conductor always this friendly", "VR", ""),  # slang, but a company word follows
    ("Motonet’in kassalla jono taas", "Motonet", ""),  # an apostrophe before a Finnish ending keeps the name whole
    ("Kävin Alepa'ssa illalla", "Alepa", ""),
    ("Gigantti'lta tuli viesti tilauksesta", "Gigantti", ""),
    ("Lauantain ostokset #ythsvastaanotto #terveys", "YTHS", ""),  # a plain abbreviation begins a run-together tag
    ("Iltapäivän reissu #hslbussi", "HSL", ""),
    ("Perjantai-ilta #nestetankkaus", "Neste", ""),  # an everyday name before the brand's own context word
    ("Sunday plans #ythsappointment", "YTHS", ""),
    ("Helen-laskuni nousi taas", "Helen", ""),  # a name that is also a word: its context word as a compound's head
    ("Keskinen-kauppareissu venyi", "Veljekset Keskinen", ""),
    ("My Neste-card was declined at the pump", "Neste", ""),  # ... or a company word
    ("Neseteltä ostettu kahvi oli kylmää", "Neste", ""),  # a misspelt homonym with an ending, capitalised
    ("Kesknien's store in Tuuri was packed", "Veljekset Keskinen", ""),  # ... and before an English possessive
    ("Went to Gigatnti's outlet for a fridge", "Gigantti", ""),
    ("yths:l on nykyään ihan hyvä chat, sain vastauksen heti", "YTHS", ""),  # spoken endings after the colon
    ("miten yths:ää voi painostaa et aikoja tulis lisää", "YTHS", ""),
    ("Gigantil taas alennusmyynti", "Gigantti", ""),  # spoken endings on a weak-grade stem
    ("eli giganttii ei saa enää puhelimeen ollenkaan", "Gigantti", ""),  # a spoken partitive
    ("Neste vastatkaa jo, missä viipyy", "Neste", ""),  # a plural imperative addresses an organisation
    ("Keskinen Seinäjoki aukeaa taas maanantaina", "Veljekset Keskinen", ""),  # a homonym at a sentence start inside a longer name
    ("Helen on nostanut hintoja, sanoo sähkölasku", "Helen", ""),  # ... or with its context word
    # a first name that is a brand, before a product or a company word (not a surname)
    ("Elisa Viihde ei toimi taas, kuva pätkii", "Elisa", ""),
    ("Helen Oy nosti hintoja taas", "Helen", ""),
    ("Elisa Finland raised my bill again", "Elisa", ""),
    ("Elisa Ring ei yhdistä puheluita taas", "Elisa", ""),  # an unknown word after a first name, and no person
    ("Kauppaketju Prisma avaa uuden myymälän Ouluun", "Prisma", ""),  # a company's kind before it
    ("Usko Telian asiakaspalveluun on mennyt", "Telia", ""),  # a first name that is a word: faith
    # a topic word does not overrule a context word, and one topic word does not make a name that is no word one
    ("DNA:n netti pätkii taas biologian tunnilla", "DNA", ""),
    ("Gigantti myy kaukoputkia nyt puoleen hintaan", "Gigantti", ""),
    ("Kiitos Motonet, sain vihdoin uuden virvelin", "Motonet", ""),
    ("VR:n juna myöhässä, pelasin puhelimella koko matkan", "VR", ""),  # a context word outweighs the slang's field
    ("Power sold me a broken TV and won't take it back", "Power", ""),  # what a company does, after a common word
    ("Hackman cups are the best for coffee", "Hackman", ""),  # an English plural is no Cup after a sponsor's name
    ("mun helen sähkölasku nousi taas", "Helen", ""),  # a possessive before a name that is no everyday word
    # a brand's own multiword name holds its one-word alias: not a person joined to another (Hanna ja Heikki)
    ("Tilasin Hanna ja Heikiltä mekon ja se tuli heti", "Hanna ja Heikki", ""),
    ("Hanna ja Heikki shipped my dress in two days", "Hanna ja Heikki", ""),
    # a name that is a greeting, as the brand: inflected, inside a sentence, beside another operator
    ("Vaihdoin Elisalta Moroon ja kaikki toimii", "Moro Mobile", ""),
    ("Moro vai Telia lapselle, kumpi on halvempi liittymä?", "Moro Mobile", ""),
    ("Moro's app keeps crashing", "Moro Mobile", ""),
    ("Moro Alepa! Milloin avaatte uuden myymälän?", "Alepa", ""),
    # a town's name as the brand: with its context word, or capitalised and no place word beside it
    ("Lapuan patruunat loppu kaupasta taas", "Lapua", ""),
    ("Lapua ammo prices went up again", "Lapua", ""),
    ("Botnian sellutehdas seisoo taas", "Botnia", ""),
    # a pet shop's alias, no pet word beside it, or a pet's noun before what one buys for it, a visit
    ("Tilasin Nallelta uuden pedin ja se tuli nopeasti", "Nalle Petshop", ""),
    ("where do you buy cat food? nalle is so expensive", "Nalle Petshop", ""),
    ("Walked into Nalle to buy treats and left with a coat", "Nalle Petshop", ""),
    # a surname-like brand with its context word, no first name or title before it
    ("Harvian kiuas hajosi taas, sauna kylmä", "Harvia", ""),
    ("My Harvia stove broke after a year", "Harvia", ""),
    # forms the generator lacked: -oi- plurals of a name of three syllables in -a, a one-syllable name in -i
    ("Tampelloita on kaapissa vielä kolme", "Tampella", ""),
    ("vanhojen tampelloiden laatu oli parempi", "Tampella", ""),
    ("Koihin siirtyminen kesken ja vanha liittymä jo suljettu", "Koi Mobile", ""),
    ("itse käytän koita työpuhelimessa, liittymä on halpa", "Koi Mobile", ""),
    # a doubled first letter written once is a typo like any other
    ("Amulehti kirjoitti asiasta eilen", "Aamulehti", ""),
    ("Read it in Amulehti this morning", "Aamulehti", ""),
    # the commas, colons, brackets and dashes the tokens drop part a name from the word beside it: no first name, no
    # number, no venue across one; a name the agency gave context words, addressed at a sentence start, is the brand
    ("Lapua, miksi teidän sivut ei aukea?", "Lapua", ""),
    ("Kiitos Pekka, Harvian kiuas on paras", "Harvia", ""),
    ("Sorry Karl, Fazer makes the best chocolate anyway", "Fazer", ""),
    ("kaks vaihtoehtoa tänään: 1) wolt 2) kotiruoka, kumpi on parempi", "Wolt", ""),
    ("two options tonight: 1) wolt 2) cook at home, which one", "Wolt", ""),
    ("Ostin liput Gigantista, areenalle pääsee ratikalla", "Gigantti", ""),
    ("Ordered from Motonet, cup holders arrived broken", "Motonet", ""),
    ("Koti Saunan kiuas hajosi taas", "Koti Sauna", ""),
    ("Blue Lake hotel lost my booking again", "Blue Lake", ""),
    # a family word in another sentence makes no person of a name (Telia? My wife: the writer's)
    ("Which operator is best — DNA, Elisa or Telia? My wife and I both need data", "Telia", ""),
    ("Kumpi on parempi, Elisa vai Telia? Vaimo tarvitsee liittymän", "Telia", ""),
    # slang before a comma at a sentence start addresses the original poster, unless a list of brands goes on
    ("any bank works for the strong identification. op, nordea or s-pankki, pick the closest branch", "OP", "reddit"),
    # a one-word exclude (kauniit, the word's plural) covers its own forms, not the brand's that begin alike
    ("Kauniksen asiakaspalvelu vastasi heti", "Kaunis", ""),
    ("Kaunis-ripsiväri loppui taas kaupasta", "Kaunis", ""),
    ("Kaunis's new mascara smudges all day", "Kaunis", ""),
    # a foreign name ends in the vowel harmony of its last syllable as well as of its back vowels
    ("Solarcelliltä tuli uudet paneelit", "Solarcell", ""),
    ("solarcellilläkään ei ollut varastossa yhtään paneelia", "Solarcell", ""),
    ("Solarcellilta tuli uudet paneelit", "Solarcell", ""),
    ("Tapiolan painatteet loppuivat kaupasta taas", "Tapiola Taide", ""),
    ("Tapiola's posters sold out in a day", "Tapiola Taide", ""),
    # a name that is an everyday word: its context word, or its capital inside a sentence, says the brand
    ("Elisa cut my line and my mum says she will switch", "Elisa", ""),  # another's she, out of reach
    ("My mum said she'd never leave Elisa", "Elisa", ""),  # a she before the name is not the name's
    # a name that is also a word, spoken to: a question word, a plea, thanks or a plural imperative after its comma
    ("If, miten on mahdollista ettei kasko korvaa hirvikolaria", "If", ""),
    ("Valinta, korjatkaa jo ne kassajonot", "Valinta", ""),
    ("Sato, milloin patterit korjataan?", "Sato", ""),
    ("kävin kaupassa ja ostin tuplan", "Tupla", ""),
    ("auran sinihomejuusto on parasta salaatissa", "Aura", ""),
    ("Oraksen keittiöhana vuotaa taas", "Oras", ""),
    ("Haltilta tilasin uuden takin", "Halti", ""),  # the fell's case, and a context word
    ("The ABC in Kuopio had cheaper diesel than the one in zone C", "ABC", ""),  # a context word outweighs it
    ("Haltilla on tosi hyvä asiakaspalvelu", "Halti", ""),  # ... and a company word
    ("Halti is my favourite brand for hiking gear", "Halti", ""),
    ("Tuplan suklaa on muuttunut, maistuu ihan erilaiselta", "Tupla", ""),
    ("Eilen söin Tuplan ja se oli hyvä", "Tupla", ""),
    # a homonym's word readings give way to a company word after it
    ("mun kokko tilaus ei ole vieläkään tullut, mistä kysyn", "Kokko", ""),
    ("my kokko order never arrived and nobody answers", "Kokko", ""),
    ("kokon asiakaspalvelu vastasi heti ja lähetti uuden kannen", "Kokko", ""),
    # the words of another brand's name beside a short name make no person of it (Koti Saunan ja Alepan)
    ("Ostin Koti Saunan ja Alepan tarjouksista kaiken", "Alepa", ""),
    ("Blue Lake and Alepa both had sales this weekend", "Alepa", ""),
    # a name given to a company, not to a person; a company spoken with (a context word)
    ("A Finnish company called Harvia makes the best stoves", "Harvia", ""),
    ("his company is called Harvia and it makes sauna stoves", "Harvia", ""),
    ("Suomalainen yritys nimeltään Harvia tekee parhaat kiukaat", "Harvia", ""),
    ("Helenin kanssa sovittiin uusi sähkösopimus", "Helen", ""),
    ("naapurin Elisan liittymä on halvempi kuin mun", "Elisa", ""),  # the neighbour's subscription: a company word
    ("Gigantttiin meni koko kesäpalkka", "Gigantti", ""),  # a letter held for emphasis: Giganttiin
    ("Alepaaaan kassat taas kiinni", "Alepa", ""),
    ("Sokoooos on paras", "Sokos", ""),
    ("Kiitos naapurin, Elisan ansiosta pääsin nettiin", "Elisa", ""),  # a comma: no genitive owns the name
    ("Elisan kanssa riitelin taas laskusta koko aamun", "Elisa", ""),  # with a company: its bill
    ("itiksen kokko on paras grilli mitä oon ikinä omistanu", "Kokko", ""),  # a place's genitive: the shop's brand
    ("Kärkkäisen kanssa oli säätöä koko viikko", "Kärkkäinen", ""),
    ("Harvia vs Botnia, kumpi on parempi työpaikka?", "Harvia", ""),  # set against another company's name
    ("Kokko vs Harvia: which grill lasts longer?", "Kokko", ""),  # a surname-shaped name: a firm too
    ("Sirius dropped my favourite channel again, so annoying", "Sirius", ""),
    ("Fazer is the name of my favourite chocolate brand", "Fazer", ""),  # a name, but not a person's
    ("Helen raised the price again, they never answer the phone", "Helen", ""),  # a company is it or they
    ("Helen sent me a bill twice and my wife says she will switch", "Helen", ""),
    ("Which is cheaper to switch from Lapua to another brand of ammo?", "Lapua", ""),
    # a name without its capitals in an English post where English puts a company's name: after a preposition of
    # dealing with someone, or opening a clause before its verb (a Finnish word too: kone, sato)
    ("got a job offer from kone in tampere, is the pay ok? I have no idea", "KONE", "reddit"),
    ("heard sato is raising the rent again, any tips?", "Sato", ""),
    ("I work at alko part time, AMA", "Alko", "reddit"),
    ("if sato raises the rent again I'm moving out", "Sato", ""),  # after an opener, a verb in -s
    ("rant: wolt changed the app AGAIN", "Wolt", ""),  # a company's act after it: changed, updated, hired
    # a name hyphenated to a head that speaks of a company, or begins as one of its context words do, in either grade
    # (lippu*: lipun), in lower case or as slang too
    ("dna-sopimus loppuu ens kuussa, kannattaako jatkaa", "DNA", ""),
    ("Kone-yhtiön osinko tuli tilille", "KONE", ""),
    ("hsl-lipun hinta nousi taas", "HSL", ""),
    ("VR-kortti discount doesn't show up in the app", "VR", "reddit"),
    # an abbreviation that is slang for a thing (virtual reality) is the company when a company's act follows it
    ("VR cancelled the 7:05 again and nobody told us", "VR", "reddit"),
    ("paljonko vr veloittaa pyörästä?", "VR", "reddit"),
    # English words of a company after a name, as their Finnish ones (ravintola, osake)
    ("is the VR restaurant car open tonight?", "VR", "reddit"),
    ("neste shares dropped today", "Neste", "reddit"),
    ("sato maintenance fixed our radiator within a day", "Sato", "reddit"),
    # a name that is a word with a stem change keeps its strong grade where the word has the weak one (sato: sadolta,
    # the landlord Satolta): that form is no everyday word, at a sentence start and in lower case
    ("Satolta tuli tiedote putkiremontista", "Sato", ""),
    ("satolla asuminen on ollu ihan ok, huoltoon saa yhteyden sovelluksella ja kaikki korjataan", "Sato", "reddit"),
    # an abbreviation that is an English word too, in lower case with a colon before its Finnish ending, in forum text
    # written in lower case throughout
    ("vaihdoin elisalle dna:lta puoli vuotta sitten eikä oo ollu katkoja", "DNA", "reddit"),
    ("dnan mokkula toimii mökillä paremmin ku kuitu kotona", "DNA", "reddit"),  # inflected without the colon too
    # a first-name brand before a capitalised word that is a word of its own (Store), or in a Finnish post (a
    # sub-brand: Saunalahti), is the company
    ("Elisa Store in Kamppi was closed today", "Elisa", ""),
    ("Elisa Saunalahti nosti hintoja taas", "Elisa", ""),
    ("ythssä lääkäriaika kolmen viikon päähän", "YTHS", ""),  # YTHS:ssä, its s and the ending's written once
    ("krautasta sain vihdoin oikeat ruuvit", "K-Rauta", ""),  # K-Rauta joined: a letter and a word
    ("neste ilmotti yt-neuvotteluista porvoossa, pahalta näyttää", "Neste", "reddit"),  # an act as spoken: ilmotti
    # thanked, spoken to: a company (not slang for a person: thanks OP)
    ("kiitti taas sato 🙃 remontti venyy", "Sato", ""),
    ("thanks vr 🙂 another delay", "VR", "reddit"),
    # a handle with a Finnish ending written after it, or with an underscore the configured one lacks
    ("@Wolt_Suomelle terveisiä: tilaus myöhässä taas", "Wolt", ""),
    ("@Alepa_kauppa why is the self checkout always broken", "Alepa", ""),
    ("Uusi voimala valmis #kemijoki", "Kemijoki Oy", "instagram"),
    ("Hyvä vuosi #kemijokioy", "Kemijoki Oy", "instagram"),
    # a name of two joined by 'ja' inflects both, as people write it
    ("Hannan ja Heikin uusi mallisto on ihana", "Hanna ja Heikki", ""),
    ("Ostin Hannalta ja Heikiltä takin alennuksesta", "Hanna ja Heikki", ""),
    # a family word near a capitalised name that no person has makes no person of it (Helen, Elisa and Keskinen may be)
    ("Telia from my dad's account still bills me", "Telia", ""),
    # a company's act after a name, or a salutation before it, outweighs a family word near it (not for a first name)
    ("Telia sold my dad a package that doesn't work in his area", "Telia", ""),
    ("Dear Fazer, my father has eaten your chocolate every Sunday since 1962", "Fazer", ""),
    # a misspelt name with the English possessive written without its apostrophe (Motnets: Motonet's)
    ("Motnets app is down again?", "Motonet", ""),
    # a hashtag that adds an English word to a short name, a word's too (#postifail, #nestelife)
    ("Iltavuoroon taas #nestelife", "Neste", "instagram"),
    ("#alkofail kiinni jo kuudelta", "Alko", ""),
    # an illative that is also a word (alkoon: let it begin) beside a verb of going: a place one goes to
    ("Alkoon ehdin vielä ennen kuutta", "Alko", ""),
    ("kannattaako alkoon lähteä lauantaina", "Alko", ""),
    # ... and an ablative beside a verb of getting: a sender
    ("Nesteeltä ei ole tullut vastausta viikkoon", "Neste", ""),
    # an everyday name at a sentence start before a capitalised place: a chain's branch
    ("Neste Lahdentie auki 24h?", "Neste", ""),
    ("Nesteellä Kempeleessä parhaat munkit", "Neste", ""),
    # the partitive of a name in -s (the -s/-kse- class), its plural partitive and genitive
    ("Veikkausta syytetään taas pelihaitoista", "Veikkaus", ""),
    ("En suosittele Sokosta kenellekään, jono oli tunnin", "Sokos", ""),
    ("Kuuntelen Siriusta radiosta joka aamu", "Sirius", ""),
    ("Veikkausten mainokset ovat joka paikassa", "Veikkaus", ""),
    # a company word's forms in the strong grade of an e-final word (tuote: tuotteet, tuotteiden)
    ("Nesteen tuotteet ovat kalliita", "Neste", ""),
    ("Power-tuotteiden takuu on hyvä", "Power", ""),
    gap("liike (a shop) speaks of a company only as a compound's head: after a name it is movement (Helen oli"
        " liikkeellä), and company_word does not tell the two apart", "Power-liikkeen parkkipaikka oli taas täynnä",
        "Power", ""),
    # the spoken clitic -ki (-kin) after a name or its case ending, its colon too
    ("Alkoki oli jo kiinni kun ehdin", "Alko", ""),
    ("Nesteelläki oli jono", "Neste", ""),
    ("HSL:ki nosti lippujen hintoja", "HSL", ""),
    ("Even Alkoki was closed by the time I got there", "Alko", ""),
    # an abbreviation cut by ';' is one word: tl;dr's dr is no title before the name after it
    ("tl;dr Nordea closed my account and nobody answers", "Nordea", ""),
    ("TL;DR: Nordea sulki tilini ilman syytä", "Nordea", ""),
    ("tl;dr Fazer raised prices again", "Fazer", ""),
    ("Prisma;Alepa ei kumpikaan auki", "Alepa", ""),  # two names cut by ';' stay two words
    # a chain named like a word (needs_context) spoken of as a shop with none of its context words (brand_shops.py):
    # where it stands, what one asks it does, where one works, another chain it is said to be, its shop's acts
    ("Kylän Valinta on kesän paras paikka", "Valinta", ""),
    ("mökille ostokset lähimmästä Valinnasta", "Valinta", ""),
    ("Cabin weekend, bread from the local Valinta", "Valinta", ""),
    ("Worked two summers at a Valinta in Kuopio", "Valinta", ""),
    ("the Valinta in our village closed early again", "Valinta", ""),
    ("Myykö Valinta nykyään postimerkkejä?", "Valinta", ""),
    ("Kesätyö Valinnalla oli yllättävän kiva", "Valinta", ""),
    ("I had a summer job at the Valinta up north", "Valinta", ""),
    ("Valinta on vaan maaseudun Alepa", "Valinta", ""),
    ("Valinta is basically Alepa up north", "Valinta", ""),
    ("Valinta aukeaa sunnuntaisin vasta kahdelta", "Valinta", ""),
    ("Valinnan pakettipiste lopetettiin", "Valinta", ""),
    ("Had to call Valinta twice about it", "Valinta", ""),  # a company one contacts or is a customer of
    ("Customer of Valinta for ten years, no complaints", "Valinta", ""),
    ("Soitin Valinnalle kahdesti", "Valinta", ""),
    ("Valinnalle palaute lähetetty", "Valinta", ""),
    ("Valinta korvasi rikkinäisen kassin", "Valinta", ""),  # an insurer's or a landlord's act
    ("Valinta kunnosti pihan", "Valinta", ""),
    # a doubtful name joined to a company the post names is one too (brand_lists.py)
    ("Valinta ja Alko kilpailutettu, Alko voitti", "Valinta", ""),
    ("Vaihdan liittymää Savossa, dna vai telia vai moro?", "Telia", ""),
    ("Elisa's Q3 beat expectations, turns out people still buy phones", "Elisa", ""),  # turns out: no birthday
    ("Nesteen kahvilan munkki oli kuivaa", "Neste", ""),  # a café is a company's
    ("Gigantti, verkkokauppa ja Prisma auki jouluna", "Verkkokauppa.com", ""),  # a list: beside another company
    # ... a name its excludes write after a genitive (kesän hurma) is the word only after one, in a governed noun's case
    ("haluan hurmalta pöydän perjantaiksi", "Hurma", ""),  # a verb in -n, and a company's case
    ("söin eilen hurmassa, tosi hyvää", "Hurma", ""),  # an adverb in -n
    ("menin hurmaan syömään", "Hurma", ""),  # a verb of going
    ("VR train to Turku was late again", "VR", ""),  # a train operator: its context word, not a train's name
    # a company's act after an everyday form: its subject, the nominative with its clitics, or its place with 'kukaan'
    ("nestekin nosti taas hintoja", "Neste", ""),
    ("Nesteellä ei kukaan vastaa puhelimeen", "Neste", ""),
    # ... where another company is, a name its excludes call a place is the place; a chain is where one shops
    ("Lapua ammo in Prisma is sold out", "Lapua", ""),  # its context word; Prisma the shop
    ("Olin töissä Lapuassa kolme vuotta", "Lapua", ""),  # work, not a place inside a place
    ("Pappa Alepassa kaatui kassan edessä", "Alepa", ""),  # a family word before a name no person has: the shop
    ("Elisa Yrityksen asiakaspalvelu ei vastaa", "Elisa", ""),  # no -nen surname after it: a vowel before -sen
    ("Kirjoitin Turun Sanomiin mielipiteen", "Turun Sanomat", ""),  # the plural's illative
    ("Fazer candy on sale in Nalle today", "Nalle Petshop", ""),  # no exclude names Nalle a place: a shop
    # '&' in a name: the tokens keep it inside a word and drop it alone, and so does the configured name
    ("H&M:n ale alkoi tänään", "H&M", ""),
    ("Returned a dress to H&M yesterday, refund still pending", "H&M", ""),
    ("Returned a dress to H&amp;M yesterday, refund still pending", "H&M", "x"),  # as X's API writes it
    ("P&G:n osake laski", "Procter & Gamble", ""),
    ("Procter & Gamblelta ei vastausta", "Procter & Gamble", ""),  # both words, the last inflected
    ("Procter&Gamble raised prices again", "Procter & Gamble", ""),  # the name written as one word
    ("Procter ja Gamblen tuotteet kallistui", "Procter & Gamble", ""),  # '&' said as 'ja': both may inflect
    ("Vertailin Telia&Elisa liittymiä", "Telia", ""),  # two names glued by '&' are two names
    ("Vertailin Telia&Elisa liittymiä", "Elisa", ""),
    # a name in the plural nominative takes the plural's cases (a hyphen of its own is no compound with the name)
    ("Luin Turun Sanomista että tie suljetaan", "Turun Sanomat", ""),
    ("Aamu-Sanomien otsikot on pelkkää klikkiä", "Turun Sanomat", ""),
    # an abbreviation is the brand's unless a phrase its excludes name spells it out in the same post
    ("L&T:n jäteauto ei taaskaan tullut", "Lassila & Tikanoja", ""),
    ("L&T:n roska-auto jätti astiat tyhjentämättä. Larsen & Toubro on eri firma", "Lassila & Tikanoja", ""),  # after it
    ("Uusi nimi Elisa kuulostaa tutulta, liittymä on sama", "Elisa", ""),  # a name noun, but nobody's name
    ("VR:n juna oli taas myöhässä ja junassa ei toiminut edes virtual reality -demo", "VR", ""),  # the train nearer
    # slang for a thing (virtual reality) takes its context word anywhere in the post; slang for a person (the
    # original poster) only near it, where the things are the poster's
    ("Kannattaako VR:n kausilippu vai Onnibus ja kaupunkilippu? Juna 1h 5min, bussi reilu puolitoista", "VR",
     "reddit"),
    ("Every Danish train was on time, all week long. Meanwhile my VR ride home from Pasila: 40 min late", "VR", ""),
    # a one-word exclude covers its forms, save the names the brand configured (the generic trip, the brand plural)
    ("Aurinkomatkat perui lennon eikä kukaan vastaa", "Aurinkomatkat", ""),
    ("Meira nosti kahvin hintaa taas", "Meira", ""),
    ("Meiran kahvi on loppu joka kaupasta", "Meira", ""),
    ("Olin Aurinkomatkoilla Kreetalla, opas oli loistava", "Aurinkomatkat", ""),
    # a chain's name right before a place a list knows is its branch there, in either language
    ("Power Tammisto, I was promised a callback two weeks ago. Still nothing.", "Power", ""),
    ("Valinta Kontula on kiinni joulupäivänä", "Valinta", ""),
    ("Valinta Kallio's new opening hours are great for shift workers", "Valinta", ""),
    ("OP:n kanssa neuvottelin lainasta koko syksyn", "OP", ""),  # with the bank, not agreeing with a poster
    ("OP right now offers banking customers 2 %", "OP", ""),
    ("Soitin Lapualle patruunoista eilen", "Lapua", ""),  # an outer case with no word of living: the company
    # a slang hashtag's context word may stand as a Finnish compound's head: kaukojuna, juna*
    ("#VR Pendolino 55 min myöhässä ja kaukojuna Tampereelle peruttu", "VR", ""),
    # a plus glued to a name: the service's own name with its ending, and a name's word with a plus
    ("Katsomo+ pätkii taas koko illan", "MTV", ""),
    ("Peruin Katsomo+:n tilauksen eilen", "MTV", ""),
    ("Katsomo+:lla ei näy Salattuja elämiä", "MTV", ""),
    ("Wolt+ paid for itself this month", "Wolt", ""),
    ("Tilasin Wolt+:n kokeilun", "Wolt", ""),
    ("Kylän nuoret pelaa Rovion uutta peliä", "Rovio", ""),
    ("rovion osake nousi taas", "Rovio", ""),  # in lower case beside a context word
    # an abbreviation's ending after an apostrophe, as after its colon
    ("YTHS’n vastaanotolle pääsee vasta tammikuussa", "YTHS", ""),
    ("HSL'n lippu kallistuu taas", "HSL", ""),
    # a post in lower case but for a code's capitals is forum text still: yths:n without its capitals counts
    ("yths:n ajanvaraus taas jumissa, virhekoodi E404 tulee joka kerta", "YTHS", ""),
    # a name in a case of its own before a league's or a venue's word is no sponsor's: the league is asked of it
    ("Tuleeko Veikkaukselta Liigan kertoimet ennen joulua?", "Veikkaus", ""),
    ("Ostin Prismasta Areenan keikalle eväät", "Prisma", ""),
    # 'turned' is a birthday only before an age
    ("Sokos Helsinki has turned the whole 3rd floor into a returns desk", "Sokos", ""),
    # a post in capitals throughout: its capitals say nothing, as a post's in lower case throughout
    ("ALKO AUKI VAIN KLO 18 ASTI LAUANTAINA?? MIKSI NÄIN", "Alko", ""),
    ("TELIA MIKSI NETTI TAAS POIKKI KOKO ILLAN", "Telia", ""),
    # after a price or a share a shop is named where it costs that, no measure's unit
    ("kahvi 4,99 alepassa tällä viikolla", "Alepa", ""),
    ("jauheliha -40% prismassa tänään", "Prisma", ""),
    ("kuulokkeet 49,90 gigantti kaupassa", "Gigantti", ""),
    # a compound of a league's word after the name is a word of its own: the company's package, bet
    ("Elisan liigapaketti pätkii joka pelissä", "Elisa", ""),
    ("Veikkauksen liigaveto meni taas pieleen", "Veikkaus", ""),
]

# (text, brand, platform)
MUST_NOT_MATCH = [
    # an exclude phrase covers the name's forms with a stem change, in the phrase's other words too
    ("Espoon Saunalahdessa rikottiin taas autojen ikkunoita, liittymä ei liity asiaan", "Saunalahti", ""),
    ("Saunalahden rannassa ensimmäiset joutsenet, kevät on täällä", "Saunalahti", ""),
    ("Lost a bolt from my bike rack on the first spring ride", "Bolt", ""),  # 'a' and the noun of its phrase
    ("Aamiainen Sokos Hotel Presidentissa oli ihan ok", "Paulig", ""),  # a venue's name after its word
    ("Booked Sokos Hotel Presidentti for two nights, room was fine", "Paulig", ""),
    ("Tyttö asuu Hongkongissa ja soitti eilen videopuhelun", "Hong Kong", ""),  # needs_context, no context word
    ("Muutettiin juuri Maskuun Turusta", "Masku", ""),  # an alias that is the name's case: the place's case
    ("Christmas service at Masku church was lovely", "Masku", ""),  # a place's noun after it
    ("Mikä verkkokauppa vielä toimittaa kissanhiekkaa ennen uutta vuotta", "Verkkokauppa.com", ""),  # the kind
    ("Moro from Tampere! First snow today", "Moro Mobile", ""),  # a traveller's hello, not the operator
    # a phrase written with its first word's capital inside a sentence and a later word without its own: the words'
    # own meaning (Lapin kultaa: gold), with no context word of the brand's
    ("Vaari huuhtoi joesta Kainuun kultaa koko kesän", "Kainuun Kulta", ""),
    ("Grandpa spent the summer panning for Kainuun kulta in the river", "Kainuun Kulta", ""),
    # an age in brackets after a name: a child, a person, a pet
    ("Our Elisa (7) sang the solo at the school Christmas concert", "Elisa", ""),
    ("Meidän Elisa (7v) lauloi Lucia-kulkueessa", "Elisa", ""),
    ("Hanna (5v) sai uuden mekon joululahjaksi", "Hanna ja Heikki", ""),  # the age outweighs a context word
    ("Kuvassa Onni (4) ja Elisa (7) joulukuusen vieressä", "Elisa", ""),
    # an abbreviation after the name it abbreviates, which the excludes call another company's
    ("Larsen & Toubro bags a metro order; L&T shares up 3%", "Lassila & Tikanoja", ""),
    ("Larsen and Toubro results today: L&T beat estimates", "Lassila & Tikanoja", ""),
    ("Larsen & Toubron tilauskanta kasvoi, L&T:n osake nousi", "Lassila & Tikanoja", ""),
    ("Varasin aurinkomatkan Tjäreborgilta", "Aurinkomatkat", ""),
    ("Etsin halpoja aurinkomatkoja Kanarialle, vinkkejä?", "Aurinkomatkat", ""),  # the brand's plural in lower case
    ("Took the train to Tampere for the weekend, a lovely trip with snow, good food and a long sauna evening. Back"
     " home I finally tried VR with my nephew and he loved it", "VR", ""),  # a thing's context word sentences away
    # ... and an abbreviation that is slang is the slang where the post spells the slang out
    ("Our school has VR day on Friday: virtual reality goggles, not trains", "VR", ""),
    # a name said to be someone's name, whatever the context words
    ("My grandma's maiden name was Keskinen, half of Savo is related to us, and the kauppa is theirs",
     "Veljekset Keskinen", ""),
    ("Nobody can pronounce our new manager's surname, Keskinen, so we call him by the tarjous he makes",
     "Veljekset Keskinen", ""),
    ("kuka muu on Keskinen sukunimeltään ja saa joka joulu kortteja joissa nimi on väärin? 😂", "Veljekset Keskinen",
     ""),  # by surname
    ("Aurinkomatkalla Kreetalla satoi joka päivä", "Aurinkomatkat", ""),
    # a name the brand's excludes call a person's is a person's beside family words, as a listed first name is
    ("My daughter Meira started school today and insisted on carrying her own backpack", "Meira", ""),
    ("My colleague Meira swears the Stockmann Christmas windows beat New York's", "Meira", ""),
    # false parses: a short name plus an ending that is an everyday word (at a sentence start too)
    ("Alkoon kesäloma!", "Alko", ""),
    ("Juhlat alkoon! Menin sinne jo kuudelta", "Alko", ""),  # the verb of going in another sentence
    ("kukkapenkki kukkii taas ja rauta ruostuu", "K-Rauta", ""),
    ("Nesteeltä vaaditaan tiettyä viskositeettia", "Neste", ""),
    ("Sato Suomessa jäi tänä vuonna pieneksi", "Sato", ""),  # the bare word before a place's case: at a place
    ("Alkoa ei voi enää siirtää", "Alko", ""),
    ("Nesteen määrä on tarkistettava", "Neste", ""),
    ("Sadon korjuu alkaa", "Sato", ""),
    ("Sadolta odotetaan paljon tänä vuonna", "Sato", ""),
    ("fossiilista eristettiin dna:ta ja tulokset julkaistiin viikolla", "DNA", "reddit"),  # a topic's word still wins
    # ... but in an English post a capitalised word after a first name that is no word is a surname
    ("Helen Mirren in a Finnish sauna documentary when", "Helen", ""),
    ("Elisa Doolittle was brilliant in the new production", "Elisa", ""),
    ("Päivi Keskinen voitti kunnallisvaalit", "Veljekset Keskinen", ""),  # common first names: Päivi, Tommi, Jaana
    ("Tommi Keskinen from the office makes great coffee", "Veljekset Keskinen", ""),
    ("Opin paljon uutta", "OP", ""),
    ("Opit tästä jotain", "OP", ""),
    # plural and generated forms must not reach everyday words
    ("Prismat ja linssit fysiikan tunnilla", "Prisma", ""),  # two words of physics: the prisms of optics
    ("nesteet loppuivat", "Neste", ""),
    ("Avasimme oman verkkokaupan!", "Verkkokauppa.com", ""),  # a brand that is a common word
    ("Verkkokaupan perustaminen on helppoa", "Verkkokauppa.com", ""),
    ("koneissa oli vikaa", "KONE", ""),
    # homonyms
    ("Kone hajosi taas", "KONE", ""),
    ("kone hajosi taas", "KONE", ""),
    ("neste vuoti lattialle", "Neste", ""),
    ("koneen kautta se hoitui", "KONE", ""),  # an abbreviation needs its capitals, whatever follows
    ("koneen kautta se hoitui lopulta ihan hyvin", "KONE", "reddit"),  # ... in forum text too, as an everyday word
    ("Ota neste mukaan", "Neste", ""),  # mukaan says 'according to' only after a genitive
    ("mun kone jumittaa taas, ei jaksa enää", "KONE", "reddit"),  # lower case throughout, but an everyday word
    ("Kävin Tampereella ja alepa oli kiinni", "Alepa", ""),  # capitals elsewhere: a lower-case name needs context
    ("sama paikka missä kaikki alkoi #sokos", "Alko", ""),
    ("OP, did you ever get your deposit back?", "OP", "reddit"),
    ("Totally agree with OP here", "OP", "reddit"),
    ("OP lost the deposit, read the thread", "OP", "reddit"),
    ("OP here, update: the bank refunded it all, thanks", "OP", "reddit"),  # the poster speaks, beside a context word
    ("OP täällä, päivitys: pankki palautti rahat", "OP", "reddit"),  # slang: a verb after it is no company's act
    ("ihan rehellisesti OP:n olis pitäny lukea sopimus", "OP", "reddit"),  # on Reddit OP:n is the poster's too
    ("OP:lle vastauksena: en itse ikinä ostaisi tuota", "OP", "reddit"),  # an outer case is said of people too
    ("OP:lta unohtui mainita hinta", "OP", "reddit"),
    ("Hold with OP on this one, he is right", "OP", "reddit"),
    ("VR-lasit päässä ja mummo kiljuu #vr #gaming", "VR", ""),  # a slang hashtag needs a context word
    ("VR:llä pelattiin koko yö, yöpelit on parhaita", "VR", ""),  # yö before no context word
    ("Karhu running shoes vs Hoka for long runs?", "HOK-Elanto", ""),  # no abbreviation's lone-vowel ending
    ("Stadium Outlet in Vantaa had Hoka shoes at half price", "HOK-Elanto", ""),
    ("The DNA of a good company is its people", "DNA", ""),  # a common English word after 'the'
    ("Helenin synttärit oli ihan mahtavat", "Helen", ""),
    ("Helen from accounting brought korvapuusti today", "Helen", ""),
    ("Onnea Helen 40v!", "Helen", ""),
    ("Helen soitti ja itki puhelimessa", "Helen", ""),
    ("Sato-sensein kokkikurssi oli paras", "Sato", ""),
    ("Helen from accounting brought buns. Helen is the real MVP", "Helen", ""),  # one post, one Helen
    ("Elisan kanssa käytiin eilen leffassa", "Elisa", ""),
    # people's full names: a first name before a brand, a brand that is a first name before a surname or another
    # first name, a surname-like brand in the genitive before a first name
    ("Elisa Korhonen voitti kuntavaalit Tampereella", "Elisa", ""),
    ("Helen Hunt was great in that film, she deserved the Oscar", "Helen", ""),  # an unknown word and 'she'
    ("Näyttelijä Helen Hunt oli upea", "Helen", ""),
    ("Pekka Kärkkäinen juoksi maratonin alle kolmen tunnin", "Kärkkäinen", ""),
    ("Peter Hackman joined our team as CTO", "Hackman", ""),
    ("Kärkkäisen Matti muutti Ouluun", "Kärkkäinen", ""),
    ("Hyvä nimi? Elisa, Aino vai Ella?", "Elisa", ""),
    # a noun before a name that says what kind of thing it names
    ("Ravuri Fazer voitti Vermossa eilen", "Fazer", ""),
    ("Our dog Wolt ate my socks again", "Wolt", ""),
    ("The Hackman band played all night", "Hackman", ""),  # ... or after it, in English
    # a person's role near a name that is a first name: a flatmate, a roommate, a player
    ("My roommate Sato cooked ramen tonight", "Sato", ""),
    ("Kämppis Elisa teki taas ruokaa koko porukalle", "Elisa", ""),
    # someone's own: a possessive before a lower-case name that is also a word, whatever the context words
    ("my power went out so I couldn't place the order", "Power", ""),
    # a slang reading's own field (VR:llä pelattiin), and an everyday Finnish form in an English post
    ("Pelattiin VR:llä koko ilta ja pää meni sekaisin", "VR", ""),
    ("Yleensä I take the bus but today I walked", "Yle", ""),
    # in English, a company word elsewhere in the post does not make a common word at a sentence start the brand
    ("Power outage all night, the whole office worked from phones", "Power", ""),
    ("Yleensä I'd complain, but the shop staff were lovely today", "Yle", ""),
    # a post about a field no customer writes of: a doubtful name there is the word (rules/topics.py)
    ("In physics class we learned that Power is work divided by time", "Power", ""),
    ("uunissa taikina alko vihdoin kohota ja tuoksu on ihana", "Alko", ""),
    ("Fossiilista eristettiin DNA:ta ensi kertaa", "DNA", ""),
    ("Kemijoella kalastus: siima katkesi ja Sato jäi laihaksi", "Sato", ""),
    ("OP, did you ever sort out the bank thing with your landlord?", "OP", "reddit"),  # slang: context too far
    ("OP, you need a bank card first, the bank won't even look at you otherwise", "OP", "reddit"),  # the poster,
    ("OP, tarvitset ensin pankkitunnukset, pankki ei muuten edes katso sua", "OP", "reddit"),  # addressed
    ("TIL the famous DNA double helix photo came from her lab", "DNA", ""),
    ("Keskinen with the goal in overtime!!", "Veljekset Keskinen", ""),
    ("Power-jooga aamulla ja jalat ihan hyytelöä", "Power", ""),  # a common English word in a compound
    ("Markku Helen teki hattutempun illan pelissä", "Helen", ""),
    ("The ops team is on call tonight", "OP", ""),  # no English plural after an abbreviation
    ("KONE RIKKI TAAS, ei jaksa", "KONE", ""),  # shouting: capitals say nothing
    ("MITÄ IHMETTÄ, KONE RIKKI TAAS KOLMATTA KERTAA", "KONE", ""),  # in capitals throughout: an everyday word still
    ("Elisan liigan ottelut näkyy huonosti", "Elisa", ""),  # the league itself after the name
    ("Elisa turned 40 yesterday and we had cake", "Elisa", ""),  # an age after 'turned': a birthday
    ("Helen said she'll bring the gingerbread, can someone else do juice?", "Helen", ""),  # she: a person
    ("Elisa told me he'd call back tomorrow", "Elisa", ""),
    ("Elisa ja Eemeli menivät naimisiin", "Elisa", ""),  # a person: joined to a name, family, a title, an event
    ("Elisa and I went hiking yesterday", "Elisa", ""),
    ("Elisan ja Mikon häät olivat ihanat", "Elisa", ""),
    ("My daughter Elisa started school today", "Elisa", ""),
    ("Elisa täytti eilen 40 vuotta", "Elisa", ""),
    ("Tohtori Hackman luennoi tänään", "Hackman", ""),
    ("Sato-san is visiting Helsinki next week", "Sato", ""),
    ("Power outage in Kallio again tonight", "Power", ""),  # a common English word at a sentence start
    ("Power nap ennen iltavuoroa", "Power", ""),
    ("akussa oli mitattuna 12,6 wolttia", "Wolt", ""),  # after a number: a measure
    ("Kärry kulki, 230 wolttia tulee nätisti", "Wolt", ""),
    ("The Nordea Open had great tennis", "Nordea", ""),  # an event or venue named after a sponsor
    ("Telia Parken was electric last night", "Telia", ""),
    ("Gigantin verkkokaupan toimitus on myöhässä", "Verkkokauppa.com", ""),  # another brand's online shop  # slang: a verb after it is no company's act
    # a name that is a kind of company: a company word after it says nothing (any online shop delivers)
    ("@Motonet miksi verkkokaupan toimitus kestää viikon?", "Verkkokauppa.com", ""),
    ("Bought a VR headset for Christmas", "VR", ""),
    ("VR-lasit ovat hauskat", "VR", ""),  # slang in a compound: the head speaks of no company
    ("DNA-näyte otettiin sairaalassa", "DNA", ""),
    ("@OPettaja_Anna kiitos vinkistä", "OP", ""),
    ("@VRfan123 nice clip", "VR", ""),
    ("#alkoholi ei ole ratkaisu", "Alko", ""),  # a short name run into a word, lower case
    ("#nestekaasu loppui", "Neste", ""),  # an everyday word before another
    ("#opiskelija life", "OP", ""),
    ("#Veikkausliiga alkaa", "Veikkaus", ""),
    ("Veikkausliigan ottelu", "Veikkaus", ""),
    ("Veikkaus-liigan ottelu", "Veikkaus", ""),  # a league, a venue or a foundation named after the brand
    ("Prisma Areenalla oli konsertti", "Prisma", ""),
    ("Prisman Areenalla oli konsertti", "Prisma", ""),  # the genitive names it too
    # `exclude` phrases in every inflected form
    ("Keikka Nokia Arenalla", "Nokia", ""),
    ("Nokia Arenan konsertti", "Nokia", ""),
    ("Nokian Renkaiden osake nousi", "Nokia", ""),
    ("Nokian Renkailla on uusi talvirengas", "Nokia", ""),
    # a lower-case short name that is a spoken past (alko: began), with its infinitive after it: the verb
    ("pesukone alko vuotaa keskellä yötä", "Alko", ""),
    ("sykevyö alko heti pätkiä pakkasella lenkillä", "Alko", ""),
    ("vanha lipasto alko nojata seinään päin", "Alko", ""),
    ("leffa alko kiinnostaa vasta lopussa", "Alko", ""),
    ("naapuri alko remontoimaan keskellä yötä", "Alko", ""),
    # ... or with its subject before it, a noun no company's name follows (batch 43)
    ("ihmisvirta kohti rinteitä alkoi jo kuudelta. hiihtolomat alko ja kaikki lähti samaan aikaan", "Alko", ""),
    ("sama paikka missä kaikki alko #hesesydän", "Alko", ""),
    # a needs_context name's everyday form in lower case beside another brand: the company's words are that one's
    ("Nordea, kiitos nopeasta avusta kun kortti jäi automaattiin", "Apu", ""),
    ("@woltsuomi kiitos nopeasta avusta, ruoka tuli uudestaan", "Apu", ""),  # another brand by its handle
    ("#gigantti_fi kiitos avusta, pesukone toimii taas", "Apu", ""),
    # fuzzy never takes an everyday word
    ("Kemijoella uitettiin tukkeja", "Kemijoki Oy", ""),  # a company named like a place (needs_context)
    ("We kayaked down the Kemijoki last summer", "Kemijoki Oy", ""),
    ("Priima meininki", "Prisma", ""),
    ("A prism splits the light", "Prisma", ""),  # a word shorter than fuzzy_min_length is never a misspelling
    ("allko on kiinni", "Alko", ""),  # a doubled letter keeps the capitals a short name needs
    ("Kesäjuomat #nestekaasu", "Neste", ""),  # an everyday name before a word that is no context word of it
    ("Ulkoilu #dnatestaus", "DNA", ""),  # a common English word is no plain abbreviation in a tag
    ("Fun night #vrgaming", "VR", ""),  # slang
    ("Helen-elokuva sai ensi-iltansa", "Helen", ""),  # a homonym's compound whose head speaks of no company
    ("Keskinen-sarjan toinen kausi alkaa", "Veljekset Keskinen", ""),
    ("The Helen-documentary premiered yesterday", "Helen", ""),
    ("ostettu kahvi neseteltä oli kylmää", "Neste", ""),  # a misspelt homonym in lower case is the word's typo
    ("Helen soitti just ja kysyi kuulumisia", "Helen", ""),  # a name the agency gave context words starts a
    ("Keskinen kilpailu on kovaa", "Veljekset Keskinen", ""),  # sentence with no context or company word: a word
    ("the kesknien's store in tuuri was packed", "Veljekset Keskinen", ""),
    ("Kone jäätyi kesken pelin", "Veljekset Keskinen", ""),  # a word under ten letters is one typo from a name at most
    ("The game froze kesken kaiken", "Veljekset Keskinen", ""),
    # a name that is a greeting, greeting: alone at a sentence start, before another greeting, the people greeted or
    # a name, after a verb of saying (rules/name_readings.py)
    ("Moro! Onko tää ryhmä vielä aktiivinen?", "Moro Mobile", ""),
    ("Moro moro kaikki, tää on mun eka postaus", "Moro Mobile", ""),
    ("Moro Alepa! Milloin avaatte uuden myymälän?", "Moro Mobile", ""),
    ("naapuri sanoo aina moro kun menee ohi", "Moro Mobile", ""),
    ("my colleague always says moro on the phone", "Moro Mobile", ""),
    # a brand named like a town, in its place phrases: a place noun after it, a verb of living or moving, travel
    ("Lapuan uimahalli on kiinni jouluna", "Lapua", ""),
    ("Lapuan keskustassa oli eilen tori", "Lapua", ""),
    ("Muutettiin Lapuaan viime kuussa, kaikki palvelut lähellä", "Lapua", ""),
    ("Asutaan nyt Lapuassa, rauhallista", "Lapua", ""),
    ("Ajettiin Lapuan läpi matkalla Ouluun", "Lapua", ""),
    ("We stayed near Lapua last summer, lovely lakes", "Lapua", ""),
    ("Lapua town has a beautiful old church", "Lapua", ""),
    ("Cycled from Seinäjoki to Lapua and back today", "Lapua", ""),
    # an exclude word in -i in its endings (meri: meren), a name before its language (a country's or region's name)
    ("Lapuan meren rannalla oli tuulista", "Lapua", ""),
    ("Botnian kielen kurssi alkaa ensi viikolla", "Botnia", ""),
    # a surname: a first name or a title right before it, whatever the context words say
    ("My uncle Pekka Harvia still heats the sauna every night", "Harvia", ""),
    ("Dr. Harvia at the clinic told me to skip the sauna", "Harvia", ""),
    ("Alex Harvia scored twice, then to the sauna", "Harvia", ""),
    ("Our teacher Ms Harvia has a sauna at her cottage", "Harvia", ""),
    ("Harvian perheen sukukokous on ensi kesänä, kaikki serkut tervetuloa", "Harvia", ""),  # a family's name
    ("The Harvia family reunion is at the lake this year", "Harvia", ""),
    # a pet's name a brand's alias shares, with a pet's words near it
    ("Lenkillä Nallen kanssa 🐕 syksyn värit parhaimmillaan", "Nalle Petshop", ""),
    ("Naapuri sanoo aina moro moro ja lapset sanoo moro takaisin", "Moro Mobile", ""),
    ("Walked Nalle for two hours today, she is finally tired", "Nalle Petshop", ""),
    ("lost puppy in espoo named nalle, please share", "Nalle Petshop", ""),
    # a greeting alone before a comma or a dash, or in quotes; two words of a name parted by a comma; a capitalised
    # word after a comma is no name of the brand's (Prisma Kaleva is, Lapua, Seinäjoki is a list of towns)
    ("Moro, osaako joku sanoa mihin tämän voi palauttaa?", "Moro Mobile", ""),
    ("Moro, anyone here know a good dentist in Tampere?", "Moro Mobile", ""),
    ("Moro – onko tää ryhmä vielä aktiivinen?", "Moro Mobile", ""),
    ('mitä "moro" tarkoittaa? kaveri sanoo sitä koko ajan', "Moro Mobile", ""),
    ("Moro, onko tää ryhmä aktiivinen? ja sit se moro ärsyttää", "Moro Mobile", ""),  # as before: the comma's too
    ("Koti, sauna ja takka, siinä mun onni", "Koti Sauna", ""),
    ("Loved the colours today: blue, lake and sky all one", "Blue Lake", ""),
    ("Lapua, Seinäjoki ja Kauhava saivat uusia asukkaita", "Lapua", ""),
    ("Kiitos Pekka Harvia, sauna oli kuuma", "Harvia", ""),  # no mark between: a full name
    ("Kauniit meikit ja kauniit ripsivärit", "Kaunis", ""),  # the exclude word itself
    # needs_context holds for every form of a one-word name, also the name and an ending (Tapiolassa)
    ("Tapiolassa oli eilen hiljaista ja kylmää", "Tapiola Taide", ""),
    # a misspelling's look-alike after a number is a measure (lumenia ~ Lumeno)
    ("otsalampussa 900 lumenia riittää metsään", "Lumeno", ""),
    ("pitäiskö olla yli 1000 lumenin vai riittääkö", "Lumeno", ""),
    # a coach is a title; a family's name in the genitive before a first name; a castle, a manor, a village of
    ("Thanks coach Harvia for the extra practice on Saturday", "Harvia", ""),
    ("Valmentaja Harvia piti lisätreenit", "Harvia", ""),
    ("Harvian Anna voitti hiihtokisat taas", "Harvia", ""),
    ("Jalkapallossa Motonet teki hattutempun ja joukkue voitti", "Motonet", ""),  # a player scores, a firm does not
    ("Motonet scored twice in the second half", "Motonet", ""),
    ("Lapuan linnassa oli konsertti eilen", "Lapua", ""),
    ("The old Botnia manor was sold last year", "Botnia", ""),
    ("The village of Lapua had a famous battle", "Lapua", ""),
    # a homonym in lower case with no context word: someone's, a genitive's, or beside its exclude phrases' words
    ("mun kokko on isompi kuin naapurin, tervetuloa katsomaan", "Kokko", ""),
    ("my kokko is bigger than yours this year lol", "Kokko", ""),
    ("juhannuskylän kokko paloi komeasti koko yön", "Kokko", ""),  # a field word as a compound's head
    ("Kokko sytytetään illalla heti kun juhannus alkaa", "Kokko", ""),
    ("we built a huge bonfire and the kokko burned all night at the lake", "Kokko", ""),
    ('opettaja korjasi "kokolla" muotoon "kokossa", naurattaa vieläkin', "Kokko", ""),  # in quotes: the word itself
    ('why is it "kokon" and not "kokkon"? the cases confuse me', "Kokko", ""),
    # a first name and a second given name or a surname of a common shape: a person's full name
    ("Tänään haudattiin mummo, Elisa Annikki. Lepää rauhassa", "Elisa", ""),
    ("Helen Koivisto valittiin valtuuston puheenjohtajaksi", "Helen", ""),
    ("Helen Koivisto was elected chair of the council", "Helen", ""),
    # a name said to be someone's: named, called, a last name, a surname, a name day; with someone; one's own family
    ("my boss is named Alko, it's short for something in his language", "Alko", ""),
    ("my father-in-law is called Harvia and he hates saunas", "Harvia", ""),
    ("met a guy whose last name is Fazer and everyone asked about chocolate", "Fazer", ""),
    ("my landlord's name is literally Fazer and he has never heard of chocolate", "Fazer", ""),  # a hedge between
    ("Uuden esimiehen sukunimi on oikeesti Harvia, saunavitsit alkoi heti", "Harvia", ""),
    ("Fazer is a common surname in Switzerland apparently", "Fazer", ""),
    ("Elisoilla on nimipäivä tänään!", "Elisa", ""),
    ("Uusi naapuri on nimeltään Alepa, ihan oikeesti", "Alepa", ""),
    ("harvia is my flatmate's name and she keeps getting ads for saunas", "Harvia", ""),
    ("fazer is the name of my finnish tutor, she laughs about it", "Fazer", ""),
    ("alepa on mun kämppiksen nimi ja kaikki luulee että se on kauppa", "Alepa", ""),
    ("Elisa was the best babysitter we had, now she moved to Tampere", "Elisa", ""),  # a first name, then she
    ("Helen from next door lent us her ladder again", "Helen", ""),
    ("Helenin kanssa käytiin Tallinnassa, ihana reissu", "Helen", ""),
    ("Kävin eilen siskon Helenin luona kahvilla", "Helen", ""),  # a family word's genitive: the sister's
    ("Sain vaalikoneesta ehdokkaaksi naapurin Elisan 😅", "Elisa", ""),
    ("Tarvitsen apua: tyttäreni Elisa hukkasi bussikorttinsa", "Elisa", ""),
    # a surname after a family or role word, in any case, or before a family's word: the person, the family
    ("naapurin Keskinen lainasi taas ruohonleikkurin", "Veljekset Keskinen", ""),
    ("Työkaveri Keskinen jäi tänään eläkkeelle, kakkua ja puheita", "Veljekset Keskinen", ""),
    ("Naapurissa asuu Keskisen pariskunta, tosi mukavia", "Veljekset Keskinen", ""),
    ("Onko täällä muita Keskisten sukuseuran jäseniä?", "Veljekset Keskinen", ""),
    ("The Keskinen couple next door lent us a ladder", "Veljekset Keskinen", ""),
    # a route between places, a place one is near
    ("is it easy to get from Lapua to the airport by train?", "Lapua", ""),
    ("Asutaan ihan Lapuan lähellä, rauhallista", "Lapua", ""),
    ("Juna seisoi puoli tuntia Lapuassa ilman kuulutuksia", "Lapua", ""),  # a train stops at a place
    ("The Lapua library is open late on Thursdays", "Lapua", ""),  # a place's library, stop, summit
    ("Got off at the Lapua stop and walked home", "Lapua", ""),
    ("Kiipesimme Lapuan huipulle aamulla", "Lapua", ""),
    # a topic no customer post is about: farming, the weather (a storm's supercell, a field's sprouts)
    ("ukkosta ja salamoita koko illan, kokko sammui sateeseen", "Kokko", ""),
    ("pellon laidalla kokko paloi koko illan", "Kokko", ""),
    ("the farmer lit a kokko at the edge of the farmland", "Kokko", ""),
    # a hashtag of a one-word name that needs its context word needs it too (not a configured tag, not the full name)
    ("Kesäpäivä rannalla #kemijoki #kesä", "Kemijoki Oy", "instagram"),
    ("Sirius so bright over the lake tonight, and auroras too", "Sirius", ""),  # the sky's words: auroras, astro
    ("took my first astro photo of sirius last night", "Sirius", ""),
    ("Sirius low over the frozen lake tonight, first clear sky in weeks", "Sirius", ""),  # the sky itself
    ("Found Sirius tonight and then the Big Dipper over the lake", "Sirius", ""),  # a constellation's name
    ("Siriusta ei näkynyt, taivas oli pilvessä eikä yhtään tähtikuviota", "Sirius", ""),  # a form: two words
    # an everyday word the brand is named after, inflected and lower-case, with no context word (rules/everyday.py)
    ("sähkölasku tuli tuplana taas, kuinka vaikeaa voi olla", "Tupla", ""),
    ("vuokra on nyt melkein tuplat siitä mitä se oli", "Tupla", ""),
    ("otin tuplan kun päivä oli pitkä ☕☕", "Tupla", ""),
    ("Stadissa aura kävi neljältä ja jätti vallin auton eteen", "Aura", ""),
    ("Syysvehnän oras näyttää hyvältä lumen alla", "Oras", ""),
    # an abbreviation that is a word only in a field of its own, where the field's words stand
    ("is it possible to buy a ticket for zone ABC in the app with a foreign card?", "ABC", ""),  # fare zones
    ("Tarvitsenko ABC-vyöhykkeen lipun lentokentälle?", "ABC", ""),
    # a fell its excludes name: on it, onto it and off it in the outer cases, climbed in English
    ("Haltille kiivettiin viime kesänä, huikeat maisemat", "Halti", ""),
    ("Climbed Halti with my dad this summer, mostly rocks and reindeer", "Halti", ""),
    ("We reached the Halti summit yesterday and it was worth every blister", "Halti", ""),
    ("Valinta, päätös ja vastuu ovat aina sinun omiasi", "Valinta", ""),  # a comma before a list: no one spoken to
    # ... but not where English makes it a common noun (an article, a possessive, a noun before it), in a Finnish
    # phrase, in a post about words; nor in a Finnish post, where the word is the word
    ("the sato from our allotment this year was tiny", "Sato", ""),
    ("if the sato comes early this year I'll be out", "Sato", ""),
    ("Our coffee kone broke again", "KONE", ""),
    ("My garden's sato this year was huge", "Sato", ""),
    ("sato means harvest in finnish, fun fact", "Sato", ""),
    ("my coworker says 'kone ei toimi' about everything", "KONE", ""),
    ("töissä kone on taas jumissa", "KONE", ""),
    # ... a head that speaks of no company keeps the other reading
    ("VR-lasit ovat kalliit", "VR", ""),
    ("the DNA-test kit arrived today", "DNA", ""),
    # ... but slang for a person acts as a company does (OP lost his card)
    ("OP lost his card in the end, update below", "OP", "reddit"),
    ("thank you OP for the tip", "OP", "reddit"),
    ("Elisa sold my dad her old car", "Elisa", ""),
    # a kind of thing after a name says what it names: a star's belt, a spacecraft's capsule
    ("NASA's Sirius capsule splashes down tomorrow", "Sirius", ""),
    ("Saw Sirius's belt so clearly tonight from the cabin", "Sirius", ""),
    # ... a name's partitive that is an everyday word's (kaunis: beautiful) stays the word without its context word
    ("Kaunista syksyä kaikille!", "Kaunis", ""),
    ("Oli tosi kaunista katsella järvellä", "Kaunis", ""),
    ("kaunista means beautiful in Finnish, my teacher says", "Kaunis", ""),
    # ... and liike's strong grade (liikkeellä: on the move) is movement, no company word
    ("Helen oli liikkeellä jo aamulla", "Helen", ""),
    ("Nesteen liike putkessa on hidasta", "Neste", ""),
    ("Vastaukset yleisiin kysymyksiin löytyy sivulta", "Yle", ""),  # an e-stem's plural form that is yleinen's
    # ... and -ki after an everyday word stays the word's (alko: it began)
    ("ja sitten se alkoki sataa", "Alko", ""),
    ("it was sunny and then it alkoki sataa, as my Finnish friend says", "Alko", ""),
    # ... and a title standing alone is still one
    ("Dr Harvia gave a talk on sauna history", "Harvia", ""),
    ("Tohtori Harvia luennoi saunoista", "Harvia", ""),
    # ... and the word a chain is named like stays a word without a shop's signs (brand_shops.py)
    ("Valinta on vaikea", "Valinta", ""),  # a copula, and no other chain
    ("Valinta on Prismassa aina vaikea", "Valinta", ""),  # another chain, but not what the name is said to be
    ("Valinnalla on väliä töissä", "Valinta", ""),  # work after it, not before
    ("Reading the Valinta in English", "Valinta", ""),  # 'in' a language, no place
    ("the Valinta in January was hard", "Valinta", ""),  # 'in' a month
    ("Lapin Valinta oli vaikea", "Valinta", ""),  # a region's genitive: no place word of a shop
    ("Mikä valinta! Kylän valinta oli selvä", "Valinta", ""),  # the word in lower case
    ("please call valinta if you need help choosing", "Valinta", ""),  # contacted, but the word without its capital
    ("Soitin äidille, Valinnalla ei väliä", "Valinta", ""),  # the call is another's: no allative of the name
    ("Vaikea valinta ja Alko kiinni", "Valinta", ""),  # joined to a company, but a word in lower case
    ("kone ja Alko", "KONE", ""),  # ... an everyday word
    ("Sato ja Alko", "Sato", ""),
    ("Elisa turned 40 yesterday and we partied", "Elisa", ""),  # a birthday
    ("Onko Gigantilla verkkokauppaa vai pitääkö mennä paikan päälle", "Verkkokauppa.com", ""),  # Gigantti's own
    ("olin ihan musiikin hurmassa koko illan", "Hurma", ""),  # a genitive governs the word its excludes write so
    ("jäin täysin sen sarjan hurmaan", "Hurma", ""),
    ("se musiikin hurman hetki kun koko sali hiljenee", "Hurma", ""),  # the genitive of a genitive (batch 43)
    ("talvi-illan hurman tekee kynttilä ja villasukat", "Hurma", ""),  # a hyphenated genitive
    ("the Kokko train left Oulu at six", "Kokko", ""),  # a train's name: 'train' after it says what it names
    ("Kuinka nopeasti ne yleensä vastaa?", "Yle", ""),  # an act after a form no subject takes (Yle's illative)
    ("se yleensä vastaa heti", "Yle", ""),
    ("kauanko tää yleensa kestaa?", "Yle", ""),  # yleensä without its dots: no -nsa after front vowels
    ("Went to Alko in Lapua last night, queue to the door", "Lapua", ""),  # 'Lapuan meri' in its excludes: a place
    ("Prisma outlet in Lapua was closed again", "Lapua", ""),
    ("Vierailtiin KONEen testitornissa Lapuassa", "Lapua", ""),  # a place inside a place
    ("Hanna and Heikki came over for dinner", "Hanna ja Heikki", ""),  # two people: 'and' spells no 'ja'
    ("@woltsuomi moro, vaihdoin liittymän eikä tilaus näy", "Moro Mobile", ""),  # a greeting after a handle
    ("Ancient DNA from a burial site in Lapland", "DNA", ""),  # the topic's words (archaeology)
    ("Mummo Hanna osti uuden mekon", "Hanna ja Heikki", ""),  # a family word as a title before a first name
    ("Hanna Heikki soitti eilen", "Hanna ja Heikki", ""),  # a name of 'ja' is not written with '&' (two people)
    ("Hanna Ahosen mekko oli juhlien kaunein", "Hanna ja Heikki", ""),  # a first name, a -nen surname's genitive
    # in English, a name its brand's excludes call a place's is the place when set in one, with no context word
    ("Staying in Lapua for a week, any tips for restaurants?", "Lapua", ""),
    ("Biking from Seinäjoki to Lapua today, 30 km of headwind", "Lapua", ""),
    ("Lapua is my favourite little town in Ostrobothnia", "Lapua", ""),
    ("Moving there in January, is Lapua a good town to rent in?", "Lapua", ""),  # the copula asked first
    ("Lapua in Pohjanmaa is lovely in June", "Lapua", ""),
    ("the car wash at Neste Lapua scratched my mirror", "Lapua", ""),  # another chain's branch there
    ("If Helsinki gets snow tomorrow the trams will stop", "If", ""),  # a function word before a place: no branch
    ("If Tampere wins tonight I'm buying drinks", "If", ""),
    # a village's outer locative after a word of living or moving (Koskenkorvalla, Lapualla)
    ("Kasvoin Lapualla ja muutin sitten Helsinkiin", "Lapua", ""),
    ("Bussi Lapualle kulkee nykyään kerran päivässä", "Lapua", ""),
    # the original poster agreed with, on any platform
    ("Samaa mieltä ku OP, Nordean sovellus on huonompi", "OP", "facebook"),
    ("OP is right, the bank card stuff is a nightmare at first", "OP", "x"),
    ("I agree with OP, the banking app is worse", "OP", ""),
    ("OP:n kanssa samaa mieltä, pankki on hidas", "OP", ""),
    ("Katsomo oli täynnä jo puoli tuntia ennen peliä", "MTV", ""),  # the stand, without the service's plus
    ("Kylän uudenvuoden rovio sytytetään klo 18 rannassa", "Rovio", ""),  # an everyday word in lower case
    ("Katsomo+Liiga-paketti", "MTV", ""),  # a plus between two words names neither
]

# (text, is a question)
QUESTIONS = [
    ("@Fortum you billed December at the old fixed price. Kindly correct it and revert back at the earliest", True),
    ("The app shows my balance as 0,00 €. Please I need urgent response", True),
    ("VR:n juna seisoi Kokkolassa tunnin. Kukaan ei kertonut miksi.", False),  # told, no question
    ("Then how did you charge me 59,90 for it", True),
    # another's question told (a third person asking, a frequentative of kysyä) asks nothing; the writer's own does
    ("Our guests keep asking me if the sauna is always this hot", False),
    ("Lapset kyselivät jälkeenpäin onko joulupukki oikeasti olemassa", False),
    ("I keep asking if anyone knows the opening hours", True),
    # a bare "what" or "siis mitä" alone in its sentence is disbelief (judgment call b); with a '?' or "vai mitä" it asks
    ("Electricity bill 312 € for a 58 m2 flat. what", False),
    ("pikkuleivät loppu jo klo 10. siis mitä", False),
    ("Electricity bill 312 € for a 58 m2 flat. what?", True),
    ("lehti tuli taas vasta kymmeneltä, jakaja lomalla vai mitä", True),
    # the clitic on a demonstrative fronts what is asked about, as on a verb
    ("Tehtaan pöly peittää meidän pihan joka talvi. tästäkö ollaan ylpeitä", True),
    ("Sekö on nyt uusi hinta", True),
    ("Se on nyt uusi hinta", False),
    # "mitä ihmettä" exclaims alone, and asks what a company has done when a brand follows (judgment call d)
    ("mitä ihmettä Alepalle on tapahtunut, puoli hyllyä tyhjänä joulun alla 😡", True),
    ("Alepan hyllyt tyhjänä taas. Mitä ihmettä 😳", False),
    # a bare plural after 'are' with a participle or a state asks; the same words as a statement do not
    ("@HSL the banner has been up since 7:30. it's now 9:10. are buses running or not", True),
    ("are stores open on boxing day in tampere", True),
    ("Prices are going up. Trains are running late again", False),
    # the question clitic on a name's case asks, as on a verb (a name's own -ko, Marimekko, does not)
    ("Alepastako saa vielä joulukinkkua", True),
    ("Prismassako se alennus oli, vai Alepassa", True),
    # missä / mistä after a comma ask with a particle, no person or no verb; they relate a clause otherwise
    ("Lumilapiot loppu joka kaupasta, mistä niitä oikein saa", True),
    ("Hesen sovellus ei hyväksy korttia, missä vika", True),
    ("Kaikki liput myyty loppuun, mistä näkis peruutuspaikat", True),
    ("Bussikortti hukassa, mistä saisi uuden ennen maanantaita", True),
    ("Kävin eilen Sellossa, missä oli ihan hirveä ruuhka", False),
    ("Muutettiin Kalliosta Vallilaan, mistä työmatka on lyhyempi", False),
    ("Kysyin myyjältä, mistä ne tulee, eikä hän tiennyt", False),  # a reported question
    # lost property: a request to the readers, as one for a car
    ("Left my scarf on the tram at Kamppi. If anyone found it message me", True),
    ("honestly surprised if anyone found it, the tram was packed", False),
    # puzzlement at what a company does is put as a question; at people's taste, or resigned, it asks nothing
    ("Mää en kyl ymmärrä miks Finlaysonin lakanat maksaa nykyään 90 € setti", True),
    ("mä en tajuu miks posti ei jaa tiistaisin mut jakaa lauantaina mainokset", True),
    ("I do not understand why Fortum billed me 480 euro for one month", True),
    ("Ymmärrän miksi Fazerin sininen on suosittu", False),
    ("Fazerin sininen on edelleen paras suklaa, en ymmärrä miten jotkut tykkää ulkomaisista.", False),
    ("Pan died in week three but what did I expect.", False),
    ("Fazerin uusi suklaa, en tajua miten tää voi olla näin hyvää!", False),  # wonder at how good
    ("En ymmärrä miks mä edes yritin, Elisan sovellus kaatui taas.", False),  # at one's own doing
    ("Cant anyone tell me when the Prisma opens", True),  # 'cant' two words back asks on
    # a plea inside another's quoted words, a reminder's or a notice's to the readers, a concession: no question
    ('Piti soittaa kolme kertaa, joka kerta "järjestelmässä on ruuhkaa, soittakaa myöhemmin".', False),
    ("Muistakaa että konsertin jälkeen glögit Sokos Herkussa! Ilmoittakaa jos ette pääse.", False),
    ("Tiedoksi naapureille: sähkökatko huomenna 9-13. Ottakaa pakastimet huomioon.", False),
    ("Helsingin Jokerit, Helsingin ylpeys. Sanokaa mitä sanotte", False),
    ("Sanokaa mitä tästä pitäisi ajatella", True),  # telling what: it asks
    ("Soittakaa mulle heti, lasku on väärin", True),
    ("Did a courier in Espoo lose my package. Third time this month", True),  # 'in' attaches to the subject
    # 'did a ...' with its subject left out tells, however long its sentence, when a full stop ends it
    ("Did a package trip with Aurinkomatkat (the Finnish one, Finnair's tour operator) to Crete. Good hotel.", False),
    ("Did a parcel from Posti come to the Kamppi locker (the new one by the metro) today?", True),
    ("Musti is cheaper than Zooplus for the big bags. Did the maths for our husky.", False),  # the, my: told too
    ("Did my taxes and Kela still owes me 40 euros", False),
    ("Did a DNA test as a birthday gift to myself, turns out I'm a quarter Swedish", False),  # its outcome next
    # a '?' closing a quotation the sentence goes on after ends no sentence
    ("Yle's piece 'Why is power so dear?' was the first thing that made sense of it", False),
    ("Is the store open? was wondering about Sunday", True),
    ("Did the parcel from Posti arrive at the locker today?", True),
    ("@polarglobal sync has been broken since the last update. Fix pls", True),  # a request with pls, no '?'
    # 'how' as a sentence of its own asks; as a clause's last word it tells
    ("@Fortum 240 € for a one-room flat in January. how", True),
    ("Ask the staff, they know how", False),
    # a request with a verb no list holds, told by the object after it; not a notice's or a wish's verb
    ("@karkkainen the car park is pure ice. please salt the steps", True),
    ("Snow on platform 3 again. clear it please 🙏", True),
    ("Please note the shop closes at 18 on Sunday", False),
    ("Please enjoy the new menu, we loved making it", False),
    ("Message me if you still have the winter tyres", True),
    ("she keeps trying to message me at night", False),
    # what the writer cannot tell asks nobody; asking to be told does
    ("Nordea app logged me out mid-transfer and now I can't tell if the rent went through.", False),
    ("Nordea app logged me out mid-transfer, can you tell me if the rent went through", True),
    # a why-question nobody asks, and regret at not doing it sooner (praise, whoever is addressed)
    ("Lakko taas ja lehdissä syytetään meitä. Kukaan ei kysy miksi.", False),
    ("@woltsuomi tilasin teiltä eka kertaa ja ruoka tuli 15 minuutissa. miks en tehny tätä aiemmin", False),
    ("@woltsuomi tilasin eilen. miks en saanut kuittia", True),  # what befell the writer asks
    # '?' in the middle of a post, or glued to the next word
    ("Onko tämä normaalia? Sovellus kaatuu joka kerta.", True),
    ("Mistä saa lisää?Sähköinen lomake ei aukea", True),
    ("Where do I get a refund?The form is broken", True),
    # '?!' as a real question, '?' as a hedge
    ("You can't seriously expect her to wait 5 hours?!", True),
    ("Oletteko tosissanne, viisi tuntia jonoa?!", True),
    ("Tilasin paketin tiistaina (ehkä ?) ja se tuli tänään.", False),
    ("The parcel came on Tuesday (I think?) and all is fine.", False),
    ("Mitä ihmettä?!", False),
    ("Sovellus kaatui juuri kun piti maksaa. Mikä sattuma.", False),  # an exclamation's noun, sarcastic
    ("Hinnat nousi taas, mikä yllätys", False),
    ("Nyt on kyllä ???!!!", False),
    # a hedge's '?' inside parentheses closed by a remark of doubt; a plea closed so still asks
    ("Takki oli -60 % (vai oliko -50? en muista), lapsi tyytyväinen.", False),
    ("The sale ended on Sunday (or was it Monday? can’t remember) and the price went up.", False),
    ("My order (can anyone check it for me? thanks) is late.", True),
    ("Tilaus (tarkistaisitteko sen? kiitos) on myöhässä.", True),
    ("smartly.io? more like slowly.io. reports stuck loading for 20 min", False),  # a mock name answers it
    ("Premium support? More like premium waiting. 40 min on hold", False),
    ("Is it premium support? more like what, a chatbot?", True),  # a '?' of its own after the jest
    # a figure given as a guess, doubt right after its '?': no question; an asking word or a plea after still asks
    ("Vuositilaus maksaa nyt jotain 90 euroa? en muista tarkkaan, mut se on äidin lempilahja", False),
    ("The yearly plan is about 40 quid? not sure, anyway it was worth it", False),
    ("Paljonko se maksaa, jotain 90 euroa? en muista", True),
    ("Maksaako se jotain 90 euroa? en muista", True),
    ("Liput maksaa noin 40 €? en tiiä. Onko kellään tietoa", True),
    ("Liput maksaa 40 €? en tiiä", True),  # no word of a guess: a question met with doubt
    # '?!' after a statement among praise is delight; among a complaint, or after an asking word, it asks
    ("Geisha ice cream is back in stores?! Fazer you absolute legends 🍦", False),
    ("The new menu is actually great?! Love it, thank you", False),
    ("Your customer service line is closed on Saturdays?! My heating is off and it's -15", True),
    ("Is the new menu actually great?! Love it", True),
    ("Kahvila on auki sunnuntaisin?! Ihana uutinen, kiitos!", False),
    ("Kahvila on kiinni sunnuntaisin?! Ihan surkeeta palvelua", True),
    ("Onko kahvila auki sunnuntaisin?! Ihana uutinen", True),
    # a '??' likewise: delight among praise, a question among a complaint or after an asking word
    ("The new reindeer pizza is actually good?? Ordering it again tomorrow", False),
    ("Your line is closed on Saturdays?? my heating is off and it's -15", True),
    ("Why is the new pizza so good?? Love it", True),
    # "DM me" offering details is an advert's or an organiser's, no plea; asking for something it pleads
    ("We're hiring two warehouse workers for January, evening shifts. DM me for details.", False),
    ("Selling my old exercise bike, 80 euros. Message me if interested", False),
    ("Christmas dinner for students who can't fly home. DM me if you want to come, free food", False),
    ("dm me if you have a spare ticket for the game on Saturday 🙏", True),
    # a recall notice's plea advises the readers; "everyone knows who" tells; a snow blower is no -ko verb
    ("Atria vetää takaisin broileripakkauksia salmonellan takia. Tarkistakaa pakastimet, erä 2412.", False),
    ("@Atria tarkistakaa pakkaus, erä 2412 oli pilalla", True),
    ("@Atria vetää takaisin erän mutta palauttakaa rahat", True),  # a recall put to the brand pleads
    ("Jääkaapissa 11 tölkkiä ja yksi jouluolut. Kaikki tietää kuka toi mitä.", False),
    ("Täällä -32 ja lumilinko hajos. Naapuri lupas tulla huomenna auttamaan", False),
    ("Kuulinko oikein että kauppa on kiinni huomenna", True),
    # without '?' and indirect
    ("Who do I contact about a lost bag", True),
    ("I was wondering if you could change my seat", True),
    ("Tell me why the train is late again", True),
    ("How about getting flight 123 off the ground", True),
    ("Does anyone know if the store is open today", True),
    ("Any idea when the app will be back", True),
    ("Voiko näitä mitenkään hoitaa netissä", True),
    ("Kertokaa miten tämän saa peruttua", True),
    ("Haluaisin tietää, milloin paketti tulee", True),
    ("Osaako joku sanoa mihin tämän voi palauttaa", True),
    # the -ko/-kö clitic in the middle of a sentence
    ("Ostin lipun eilen mutta toimiiko se myös bussissa", True),
    ("Mietin tässä että kannattaako tilata nyt", True),
    ("Eli saako tästä hyvityksen", True),
    # not questions
    ("😡 Miksi sovellus ei toimi", True),  # an emoji does not take the clause start
    ("Koko päivä meni jonottaessa.", False),
    ("Kerro terveisiä kotiin.", False),
    ("Tell me about it.", False),
    ("Teko oli hieno.", False),
    ("Jako meni tasan, kiitos.", False),
]

# (text, expected tone: "negative", "not negative" or "praise")
TONE = [
    # emoji and emoticons
    ("Prismassa ei kukaan vastaa puhelimeen 😡", "negative"),
    ("Gigantti 👎", "negative"),
    ("Taas jonotin tunnin 🙄", "negative"),
    ("The app crashed again :(", "negative"),
    ("Nopea toimitus 😍", "praise"),
    ("Motonet 👏👏", "praise"),
    ("Loved the new store :)", "praise"),
    # negation over a few words
    ("Tilaus ei ole vieläkään tullut", "negative"),
    ("Asiakaspalvelussa ei kukaan vastaa", "negative"),
    ("My order never arrived", "negative"),
    ("The parcel never actually showed up", "negative"),
    ("Nobody answers the phone", "negative"),
    ("The app is still not working properly", "negative"),
    # negated negatives
    ("Ei huono ollenkaan", "not negative"),
    ("Ei yhtään huono kokemus", "not negative"),
    ("Not bad at all, Motonet!", "not negative"),
    ("No problems with the delivery", "not negative"),
    ("Meni ilman ongelmia", "not negative"),
    ("Ei ole ollut mitään ongelmia", "not negative"),
    # praise that contains a complaint word
    ("Shout out to Alepa staff, they sorted my card issue in 10 minutes! 👏", "not negative"),
    ("Kiitos, vika korjattiin heti 👍", "not negative"),
    ("Thanks for fixing the problem so fast", "not negative"),
    # and the plain cases stay
    ("Palvelu oli surkeaa", "negative"),
    ("Great service, thanks", "praise"),
]

# (text, needs a reply): pleas at the brand need one without '?' or a negative word
PLEAS = [
    ("@Gigantti_fi please help!!", True),
    ("Prisma auttakaa, tilaus on kadonnut", True),
    ("HSL vastatkaa jo", True),
    ("Motonet pls respond", True),
    ("Prisma on auki jouluna", False),
    ("Motonet has a sale", False),
]


@pytest.mark.parametrize("text, brand, platform", MUST_MATCH)
def test_must_match(engine: Engine, text: str, brand: str, platform: str) -> None:
    assert brand in brands(engine, text, platform)


def test_a_name_with_a_lone_ampersand_written_out_is_found_exact(engine: Engine) -> None:
    verdict = engine.evaluate("Procter & Gamble raised prices again", lang="en")
    assert [(b.brand, b.how) for b in verdict.brands] == [("Procter & Gamble", "exact")]


@pytest.mark.parametrize("text, brand, platform", MUST_NOT_MATCH)
def test_must_not_match(engine: Engine, text: str, brand: str, platform: str) -> None:
    assert brand not in brands(engine, text, platform)


@pytest.mark.parametrize("text, expected", QUESTIONS)
def test_questions(engine: Engine, text: str, expected: bool) -> None:
    verdict = engine.evaluate(text)
    assert verdict.is_question is expected, verdict.question_reasons
    assert bool(verdict.question_reasons) is expected


@pytest.mark.parametrize("text", ["Suklaarasiassa parasta ennen 2019", "Maidossa paras ennen eilen, kaupan hyllyssä"])
def test_a_best_before_label_praises_nothing(engine: Engine, text: str) -> None:
    assert not engine.evaluate(text).praise  # parasta ennen: the label's name, as "best before"


def test_a_surprise_among_praise_names_its_mark(engine: Engine) -> None:
    verdict = engine.evaluate("Geisha ice cream is back in stores?! Fazer you absolute legends 🍦")
    assert verdict.question_discounted == (("Geisha ice cream is back in stores?!", "'?!' of surprise, no complaint"),)
    verdict = engine.evaluate("The reindeer pizza is good?? Ordering it again tomorrow")
    assert verdict.question_discounted == (("The reindeer pizza is good??", "'??' of surprise, no complaint"),)


@pytest.mark.parametrize("text, tone", TONE)
def test_tone(engine: Engine, text: str, tone: str) -> None:
    verdict = engine.evaluate(text)
    assert verdict.negative is (tone == "negative"), verdict.negative_terms
    if tone == "praise":
        assert "praise" in _keys(engine, text)


@pytest.mark.parametrize("text, needs_reply", PLEAS)
def test_pleas(engine: Engine, text: str, needs_reply: bool) -> None:
    assert engine.evaluate(text).needs_reply is needs_reply


def _keys(engine: Engine, text: str) -> list[str]:
    """Template keys the engine would use for text said to a brand."""
    return [s.template.split(".")[0] for s in engine.evaluate(f"{text} Prisma").suggestions]


@pytest.mark.parametrize("text, platform, note", [
    ("OP, did you ever get your deposit back?", "reddit", "'OP' is not OP: also slang for 'original poster', and no context word"),
    ("My OP bank card was declined", "reddit", "'OP' is OP: context word 'bank'"),
    ("OP, you need a bank card first", "reddit", "'OP' is not OP: the original poster, addressed at a sentence start, a"
     " comma after it"),
    ("Nesteen määrä on tarkistettava", "", "'Nesteen' is not Neste: the everyday word 'nesteen' at a sentence start"),
    ("Tankkasin Nesteellä", "", "'Nesteellä' is Neste: context word 'Tankkasin'"),
    ("Kävin Nesteellä", "", "'Nesteellä' is Neste: written with its capitals inside a sentence"),
    ("Sadon asiakaspalvelu ei vastaa", "", "'Sadon' is Sato: 'asiakaspalvelu' after it speaks of a company"),
    ("Sadon remontti kesti, kiitos asiakaspalvelun", "", "'Sadon' is Sato: at a sentence start, but 'asiakaspalvelun' speaks of a company"),
    ("kone hajosi", "", "'kone' is not KONE: written without its capitals, and no context word"),
    ("Neste nosti taas hintoja", "", "'Neste' is Neste: 'nosti' after it says what a company does"),
    ("Kumpi on halvempi Tampereella, alepa vai prisma", "", "'alepa' is Alepa: named beside 'prisma', another company"),
    ("Keikka Nokia Arenalla", "", "'Nokia' is not Nokia: an exclude phrase covers it"),
    ("Prisma Areenalla oli konsertti", "", "'Prisma' is not Prisma: 'areenalla' names another entity after it"),
    ("Elisa ja Eemeli menivät naimisiin", "", "'Elisa' is not Elisa: a person, joined to 'Eemeli'"),
    ("Kärry kulki, 230 wolttia tulee", "", "'wolttia' is not Wolt: after '230' it is a measure"),
    ("DNA-näyte otettiin", "", "'DNA-näyte' is not DNA: the compound's head 'näyte' speaks of no company"),
    ("Helen-elokuva alkaa", "", "'Helen-elokuva' is not Helen: the compound's head 'elokuva' speaks of no company"),
    ("Helen soitti just", "", "'Helen' is not Helen: the everyday word 'helen' (a name the brand's context words say"
     " is also a word) at a sentence start"),
    ("Helen vastatkaa jo", "", "'Helen' is Helen: 'vastatkaa' after it addresses it as you (plural): an organisation"),
    ("neseteltä ostettu", "", "'neseteltä' is not Neste: a misspelling of a name that is also a word counts only"
     " with its capital"),
    ("Elisa Korhonen voitti", "", "'Elisa' is not Elisa: a person, a first name, and 'Korhonen' after it"),
    ("Karl Fazer oli olympiaampuja", "", "'Fazer' is not Fazer: a person, the first name 'Karl' before it"),
    ("Ravuri Fazer voitti", "", "'Fazer' is not Fazer: 'Ravuri' before it says what it names"),
    ("Fossiilista eristettiin DNA:ta", "", "'DNA:ta' is not DNA: the post speaks of biology ('Fossiilista'), and no"
     " context word"),
    ("Moro! Onko tää ryhmä aktiivinen?", "", "'Moro' is not Moro Mobile: a greeting, alone at a sentence start"),
    ("Lapuan uimahalli on kiinni", "", "'Lapuan' is not Lapua: 'uimahalli' after it: a place"),
    ("Lapuan rannassa uitiin", "", "'Lapuan' is not Lapua: 'rannassa' after it: a place"),
    ("Lapuan edustalla on sinilevää", "", "'Lapuan' is not Lapua: 'edustalla' after it: a place"),
    ("Pekka Harvia lämmitti saunan", "", "'Harvia' is not Harvia: a person, the first name 'Pekka' before it, whatever"
     " the context words"),
    ("Walked Nalle for two hours", "", "'Nalle' is not Nalle Petshop: 'Walked' before it: a pet's name"),
    ("Lapua, miksi teidän sivut ei aukea?", "", "'Lapua' is Lapua: addressed at a sentence start, a comma after it"),
    ("Koti, sauna ja takka", "", "'Koti sauna' is not Koti Sauna: a ',' parts its words"),
    ('mitä "moro" tarkoittaa?', "", "'moro' is not Moro Mobile: a greeting in quotes: the word itself"),
    ("Moro, anyone here?", "", "'Moro' is not Moro Mobile: a greeting, alone at a sentence start"),
    ("otsalampussa 900 lumenia riittää", "", "'lumenia' is not Lumeno: after '900' it is a measure"),
    ("Harvian Anna voitti", "", "'Harvian' is not Harvia: a person, a family's name in the genitive before the first"
     " name 'Anna', whatever the context words"),
    ("Tapiolassa oli hiljaista", "", "'Tapiolassa' is not Tapiola Taide: the name is also a place or a word"
     " (needs_context), and no context word"),
    ("The village of Lapua", "", "'Lapua' is not Lapua: 'village of' before it: a place"),
    ("juhannuksen kokko paloi", "", "'kokko' is not Kokko: 'juhannuksen' near it speaks of the word, as the brand's"
     " exclude phrases do"),
    ("mun kokko on iso", "", "'kokko' is not Kokko: 'mun' before it, someone's own: the word"),
    ("the bonfire and the kokko burned", "", "'kokko' is not Kokko: 'bonfire' near it speaks of the word, as the"
     " brand's exclude phrases do"),
    ('opettaja korjasi "kokolla"', "", "'kokolla' is not Kokko: in quotes: the word itself"),
    ("my boss is named Alko", "", "'Alko' is not Alko: a person, 'named' before it: a name given to someone, whatever"
     " the context words"),
    ("Helenin kanssa käytiin", "", "'Helenin' is not Helen: a person, 'kanssa' after its genitive: with someone"),
    ("get from Lapua to the airport", "", "'Lapua' is not Lapua: 'from … to' a place after 'get': a route"),
    ("I work at alko part time", "", "'alko' is Alko: 'at' before it in an English post: the company one deals with"),
    ("hsl-lipun hinta", "", "'hsl-lipun' is HSL: the compound's head 'lipun' speaks of the company"),
    ("Kylän Valinta on kiva", "", "'Valinta' is Valinta: 'Kylän' before it: a chain's shop at a place"),
    ("Had to call Valinta twice", "", "'Valinta' is Valinta: 'call' before it: a company one contacts"),
    ("Valinta ja Alko kilpailutettu", "", "'Valinta' is Valinta: 'ja' joins it to 'Alko', a company the post names"),
    ("Soitin Valinnalle", "", "'Valinnalle' is Valinta: 'Soitin' beside its allative: a company one contacts"),
    ("olin musiikin hurmassa", "", "'hurmassa' is not Hurma: 'musiikin' before it: a genitive governs the word, as"
     " the brand's exclude phrases write it"),
    ("the Kokko train left", "", "'Kokko' is not Kokko: 'train' after it says what it names"),
    ("ne yleensä vastaa", "", "'yleensä' is not Yle: the everyday word 'yleensä' in lower case"),
    ("Kävin siskon Helenin luona", "", "'Helenin' is not Helen: a person, 'siskon' before it"),
    ("Went to Alko in Lapua", "", "'Lapua' is not Lapua: 'in' before it, after 'Alko': where another company is, a"
     " place"),
    ("KONEen testitornissa Lapuassa", "", "'Lapuassa' is not Lapua: 'testitornissa' before it: a place inside a"
     " place"),
    ("the Valinta in our village closed", "", "'Valinta' is Valinta: 'the Valinta in our village': a chain's shop at a"
     " place"),
    ("Myykö Valinta postimerkkejä", "", "'Valinta' is Valinta: 'Myykö' before it asks what a company does"),
    ("Kesätyö Valinnalla oli kiva", "", "'Valinnalla' is Valinta: 'Kesätyö' before it: where someone works"),
    ("Valinta on vaan maaseudun Alepa", "", "'Valinta' is Valinta: 'on' after it says it is 'Alepa', another company"),
    ("Larsen & Toubro bags an order; L&T up 3%", "", "'L&T' is not Lassila & Tikanoja: it abbreviates 'larsen"
     " toubro' before it"),
    ("Ei huono ollenkaan", "", "negated 'huono'"),
    ("They sorted my card issue", "", "solved 'issue'"),
    ("Vaari huuhtoi joesta Kainuun kultaa koko kesän", "", "'Kainuun kultaa' is not Kainuun Kulta: a word of it"
     " written without its capital, and no context word"),
])
def test_notes_say_why(engine: Engine, text: str, platform: str, note: str) -> None:
    assert note in engine.evaluate(text, platform=platform).notes


# The text between two words, and whether it holds a clause mark the readings see (normalise.CLAUSE_GAP): a hyphen
# glued to a word (Koti- ja, -40 %) and the en dash of a range (2–4) are none.
SEPARATORS = {" ": False, "  ": False, ", ": True, ",": True, ": ": True, " (": True, ") ": True, " [": True,
              "] ": True, " – ": True, " - ": True, " — ": True, "—": True, "… ": True, "- ": False,
              " -": False, "–": False, " 😀 ": False, "\t": False}
WORDS = st.text(alphabet="aeiknorstuyäöAKLMPS019", min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORDS, min_size=2, max_size=8), seps=st.lists(st.sampled_from(sorted(SEPARATORS)), min_size=7,
                                                                    max_size=7))
def test_clause_marks_are_the_marks_between_words(words: list[str], seps: list[str]) -> None:
    text = words[0] + "".join(sep + word for sep, word in zip(seps, words[1:]))
    tokens = [t for t in tokenize(text) if not is_emoji(t)]
    assert tokens == words
    marks = ClauseMarks(text, tokenize(text))
    at = [i for i, t in enumerate(tokenize(text)) if not is_emoji(t)]  # the words' indices among the tokens
    for k, sep in enumerate(seps[:len(words) - 1]):
        decimal = sep == "," and words[k][-1].isdigit() and words[k + 1][0].isdigit()  # 12,6
        if at[k + 1] == at[k] + 1:  # no emoji token between: the mark follows the word itself
            assert (at[k] in marks) is (SEPARATORS[sep] and not decimal), (text, k)


def test_no_marks_has_no_mark_and_no_quote_anywhere() -> None:
    # what a caller without the text passes (BrandMatcher.resolve's default): every reading asks it safely
    assert [(i in NO_MARKS, NO_MARKS.mark(i), NO_MARKS.quoted(i)) for i in range(3)] == [(False, "", False)] * 3
    assert NO_MARKS.inside(0, 5) == ""


@settings(max_examples=100, deadline=None)
@given(tokens=st.lists(st.sampled_from(["moi", "Iittala", ".", "?!", ";", "\n", "#koira", "🐕"]), min_size=1,
                       max_size=8), data=st.data())
def test_same_sentence_is_no_sentence_end_between(tokens: list[str], data: st.DataObject) -> None:
    a, b = (data.draw(st.integers(0, len(tokens) - 1)) for _ in range(2))
    ends = [m for m in range(min(a, b) + 1, max(a, b)) if tokens[m] in (".", "?!", ";", "\n")]
    assert same_sentence(tokens, a, b) is (not ends), (a, b)
    assert sentence_end(tokens, min(a, b) + 1, max(a, b)) == (ends[0] if ends else max(a, b))


def test_no_marks_is_built_filled_and_never_changed() -> None:
    # a fresh copy of normalise: this process's NO_MARKS may have been asked already
    spec = importlib.util.spec_from_file_location("fresh_normalise", normalise.__file__)
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)
    marks = fresh.NO_MARKS
    state = (marks._after, marks._gaps)
    assert state[0] is not None and state[1] is not None  # nothing left to find on first use
    assert (0 in marks, marks.mark(1), marks.quoted(0), marks.inside(0, 3)) == (False, "", False, "")
    assert marks._after is state[0] and marks._gaps is state[1]


PLAIN = st.lists(st.sampled_from("tänään meillä oli kiva ilta ja we had a nice evening".split()), max_size=4)


@settings(max_examples=100, deadline=None)
@given(before=PLAIN, after=PLAIN, sep=st.sampled_from(sorted(SEPARATORS)))
def test_a_clause_mark_parts_a_two_word_name(engine: Engine, before: list[str], after: list[str], sep: str) -> None:
    text = " ".join([*before, f"Koti{sep}Sauna", *after])
    assert ("Koti Sauna" in brands(engine, text)) is (not SEPARATORS[sep] and "😀" not in sep), text


def test_an_exclude_phrase_a_comma_parts_covers_nothing_unless_configured_with_it() -> None:
    engine = Engine([BrandSpec("DNA", exclude=("DNA test",)), BrandSpec("Lindström", exclude=("Lindstrom, MN",))],
                    [shipped("sentiment-fi")], {})
    assert brands(engine, "elisalla toimii paremmin ku dnalla, testasin molemmat liittymät") == {"DNA"}
    assert brands(engine, "tein dna testin ja sukuun löytyi yllätys") == set()
    assert brands(engine, "The water tower in Lindstrom, MN is a coffee pot") == set()


# Shopping centres other than the development set's Sello: known as centres by place_names (Jumbo, Iso Omena) or by an
# alias with a centre's word (Kamppi, a district too; Ideapark), none by a key of its own; shops and a department store
# (Stockmann, which sells in its own name) beside them.
CENTRE_BRANDS = (
    BrandSpec("Jumbo"),
    BrandSpec("Kamppi", aliases=("Kauppakeskus Kamppi",)),
    BrandSpec("Iso Omena", aliases=("Isossa Omenassa", "Ison Omenan")),
    BrandSpec("Ideapark", aliases=("Ideapark mall",)),
    *(BrandSpec(name) for name in ("Lidl", "Alko", "Prisma", "Stadium", "Telia", "DNA", "Intersport", "Stockmann",
                                   "Fazer")),
    BrandSpec("Posti", handles={"*": ("posti_fi",)}),
)


@pytest.fixture(scope="module")
def centres() -> Engine:
    return Engine(CENTRE_BRANDS, [shipped("sentiment-fi"), shipped("sentiment-en")], {})


# (text, the shop's brand, the centre's): the centre named only as where the shop is is the shop's mention
CENTRE_AS_PLACE = [
    ("Jumbon Lidlistä loppui maito taas", "Lidl", "Jumbo"),  # its genitive before the shop
    ("Ison Omenan Alko on auki yhdeksään", "Alko", "Iso Omena"),
    ("Kampin Stockmannissa oli jono", "Stockmann", "Kamppi"),  # a department store is a shop in a centre too
    ("Myyjä Stadiumilla Ideaparkissa osasi asiansa", "Stadium", "Ideapark"),  # its local case after the shop
    ("Telian kauppa Kampissa palveli hyvin", "Telia", "Kamppi"),  # ... after the shop's word
    ("DNA-kauppa Kampissa vaihtoi liittymän", "DNA", "Kamppi"),
    ("Prisma Isossa Omenassa on auki myöhään", "Prisma", "Iso Omena"),
    ("Intersport Jumbo oli tänään tosi hyvä", "Intersport", "Jumbo"),  # the branch named for it
    ("the Lidl at Jumbo is always packed", "Lidl", "Jumbo"),  # 'at' or 'in' it after the shop
    ("DNA store in Iso Omena sorted my SIM", "DNA", "Iso Omena"),
    ("Kamppi's Alko had no glögi left", "Alko", "Kamppi"),
    ("we always shop at the Jumbo Prisma", "Prisma", "Jumbo"),
    ("@posti_fi hi, the parcel locker at Ideapark is broken", "Posti", "Ideapark"),  # a shop's word, its brand named
    ("@posti_fi your Jumbo branch lost my parcel", "Posti", "Jumbo"),
]


@pytest.mark.parametrize("text, shop, centre", CENTRE_AS_PLACE)
def test_a_centre_named_as_a_shops_place_is_the_shops_mention(centres: Engine, text: str, shop: str,
                                                              centre: str) -> None:
    assert brands(centres, text) == {shop}


def test_a_centres_genitive_is_no_owner_of_an_everyday_form(centres: Engine) -> None:
    # 'Alkoa' (to begin) after a company's genitive is that company's; after a centre's it is the shop in it, and the
    # signs are the centre's own: both are named
    text = "Etsin Kampin Alkoa vartin, kun opasteet osoittaa väärään suuntaan"
    verdict = centres.evaluate(text)
    assert {m.brand for m in verdict.brands} == {"Alko", "Kamppi"}
    assert "'Kampin' is Kamppi: 'Alkoa' after it, a shop in the centre, but 'opasteet' speaks of the centre itself" in (
        verdict.notes)


@pytest.mark.parametrize("text, note", [
    ("Jumbon Lidlistä loppui maito", "'Jumbon' is not Jumbo: 'Lidlistä' after it, a shop in the centre: the centre is"
     " its place"),
    ("DNA store in Iso Omena sorted my SIM", "'Iso Omena' is not Iso Omena: 'DNA … in' before it, a shop in the"
     " centre: the centre is its place"),
    ("@posti_fi your Jumbo branch lost my parcel", "'Jumbo' is not Jumbo: 'branch' after it, the shop of '@posti_fi':"
     " the centre is its place"),
    ("The Lidl at Jumbo is fine but the parking is a nightmare", "'Jumbo' is Jumbo: 'Lidl … at' before it, a shop in"
     " the centre, but 'parking' speaks of the centre itself"),
])
def test_explain_says_why_a_centre_is_a_place(centres: Engine, text: str, note: str) -> None:
    assert note in centres.evaluate(text).notes


# Guards of the reading's reach (they passed before it too): the centre talked of, named apart from the shop, or what
# is bought there no shop's
CENTRE_TALKED_OF = [
    ("Jumbossa oli ruuhkaa ja Alkossa jono", {"Jumbo", "Alko"}),  # a word and a clause between them
    ("Jumbo itse on kamala, mutta Jumbon Prisma on hyvä", {"Jumbo", "Prisma"}),  # named elsewhere
    ("Ison Omenan parkkihalli on täynnä, Prismaan ei mahdu", {"Iso Omena", "Prisma"}),
    ("Ostin Fazerin suklaata Jumbosta", {"Fazer", "Jumbo"}),  # a product, not a shop
    ("Went to Jumbo, then Alko", {"Jumbo", "Alko"}),
    ("The Lidl at Jumbo is fine but the parking is a nightmare", {"Jumbo", "Lidl"}),  # its own parking
    ("Kävin Kampissa ja Prismassa", {"Kamppi", "Prisma"}),
]


@pytest.mark.parametrize("text, expected", CENTRE_TALKED_OF)
def test_a_centre_talked_of_stays_named(centres: Engine, text: str, expected: set[str]) -> None:
    assert brands(centres, text) == expected


def test_a_centre_given_context_words_is_the_place_near_which_one_is() -> None:
    # a centre is itself a place: 'near', 'in' or 'at' before its name names it, where before a town's name they
    # name the town (near Iittala); batch 38 configured Jumbo with the mall's context words
    jumbo = BrandSpec("Jumbo", aliases=("Kauppakeskus Jumbo",), context=("mall*", "shopping*", "aviapolis"))
    iittala = BrandSpec("Iittala", context=("glass*", "mug*", "shopping*"))
    engine = Engine([jumbo, iittala], [shipped("sentiment-en")], {})
    assert brands(engine, "Anybody work near Jumbo and drive from Espoo? I start a new job in Aviapolis") == {"Jumbo"}
    assert brands(engine, "Is there a decent mall near Jumbo or is Jumbo the one?") == {"Jumbo"}
    assert brands(engine, "We went shopping near Iittala on the way north") == set()
    # still a district's or a landmark's other readings, as for any name a place holds (Itis, Skanssi): lived in,
    # a place's noun after it (review of 0522a3b)
    itis = BrandSpec("Itis", aliases=("Kauppakeskus Itis",), context=("mall*", "shopping*"))
    skanssi = BrandSpec("Skanssi", aliases=("Kauppakeskus Skanssi",), context=("kauppakeskus*", "kauppa*"))
    districts = Engine([itis, skanssi], [shipped("sentiment-fi"), shipped("sentiment-en")], {})
    assert brands(districts, "I live in Itis, the metro is close") == set()
    assert brands(districts, "Skanssi village is quiet") == set()
    assert brands(districts, "Asun Skanssissa ja työmatka on pitkä") == set()
    assert brands(districts, "Skanssin koulu aloittaa ensi viikolla") == set()
    assert brands(districts, "Any good cafe near Itis? The mall food court is packed") == {"Itis"}


def test_a_place_case_finds_its_context_word_as_a_compounds_head() -> None:
    # aavassa … influenssarokotteet: the context word rokot* heads the compound (batch 38's miss); without it, a
    # place's case in lower case is the place
    aava = BrandSpec("Aava", aliases=("Lääkärikeskus Aava",), context=("rokot*", "lääkär*"),
                     exclude=("aava meri", "aava selkä"))
    engine = Engine([aava], [shipped("sentiment-fi")], {})
    assert brands_found(engine, "aavassa sanottiin et influenssarokotteet tulee vasta lokakuussa", "fi") == {"Aava"}
    assert brands_found(engine, "aavassa sanottiin et kaikki tulee vasta lokakuussa", "fi") == set()


def test_an_adverb_in_ly_alone_as_a_sentence_is_the_interjection() -> None:
    # batch 39: a studio named Seriously; "Seriously?" opens complaints about anything. A name alone before a '?' is
    # still asked about (Helen?), and a context word still says the studio (Seriously, please fix the Best Fiends event)
    seriously = BrandSpec("Seriously", aliases=("Seriously Digital Entertainment",), context=("best fiends", "studio*"))
    engine = Engine([seriously, BrandSpec("Helen")], [shipped("sentiment-en")], {}, words=builtin_known_words())
    for text in ("Seriously? The bus was 20 minutes late again", "Seriously. Someone parked across both spots",
                 "they hung up on me after 45 minutes. seriously.", "Seriously, the first snow and nobody can drive"):
        assert brands(engine, text) == set(), text
    assert brands(engine, "Seriously, please fix the Best Fiends event") == {"Seriously"}
    assert brands(engine, "Seriously's new event is out") == {"Seriously"}
    assert brands(engine, "Power cut in Kallio last night, no notice. Helen?") == {"Helen"}


def test_an_adverb_in_ly_in_a_post_in_lower_case_throughout_is_the_adverb() -> None:
    # batch 39's development set: lower-case forum text accepts a name that is no everyday word, but an English adverb
    # in -ly is one (you can't seriously expect me to wait); a context word, a capital inside the sentence or the
    # studio's longer name still say the studio
    seriously = BrandSpec("Seriously", aliases=("Seriously Digital",), context=("best fiends", "studio*"))
    engine = Engine([seriously, BrandSpec("Matkahuolto")], [shipped("sentiment-en")], {}, words=builtin_known_words())
    for text in ("Matkahuolto, you can't seriously expect me to wait 5 hours?!",
                 "the patch thing is seriously getting out of hand, 3 patches in 2 weeks and each breaks a mod"):
        assert "Seriously" not in brands(engine, text), text
    assert "Seriously" in brands(engine, "the best fiends event from seriously is out and level 40 is brutal")
    assert "Seriously" in brands(engine, "ok seriously digital just dropped a new update and it crashes on my phone")
    assert "Seriously" in brands(engine, "Matkahuolto, you can't expect me to wait but Seriously can ship a patch")


def test_an_exclude_phrase_written_with_hyphens_for_its_spaces_excludes() -> None:
    # batch 39: "goblin and bugbear" excluded, the post wrote goblin-and-bugbear; a compound beside an exclude's first
    # word is no such phrase (onko ABC-asemat: not the exclude "on ABC")
    bugbear = BrandSpec("Bugbear", context=("wreckfest*", "studio*"), exclude=("goblin and bugbear",))
    abc = BrandSpec("ABC", aliases=("ABC-asema",), context=("asema*", "bensa*"), exclude=("on ABC",))
    engine = Engine([bugbear, abc], [shipped("sentiment-fi"), shipped("sentiment-en")], {}, words=builtin_known_words())
    assert brands(engine, "That goblin-and-bugbear boss fight in the new dungeon crawler took me 2 hours") == set()
    assert brands(engine, "That goblin and bugbear boss fight in the new dungeon crawler took me 2 hours") == set()
    assert brands(engine, "bugbear's wreckfest 2 patch broke split screen again") == {"Bugbear"}
    assert brands_found(engine, "Onko kellään tietoa onko ABC-asemat auki jouluaattona?", "fi") == {"ABC"}


def test_names_that_end_in_an_old_si_word_or_a_plural_in_it_inflect() -> None:
    # batch 40's arrival (recall 0.714): Kotiliesi took no -de-/-te- stem (Kotilieden, Kotiliettä), and Lapuan Kankurit
    # no plural's cases (Lapuan Kankureiden); the development set's Jokerit (Jokereiden) was missed the same way
    kotiliesi = BrandSpec("Kotiliesi", context=("lehti*", "joulunumero*"), exclude=("kotiliesi ja perhe",))
    kankurit = BrandSpec("Lapuan Kankurit", aliases=("Kankurit",), context=("pyyhe*", "pellava*"))
    engine = Engine([kotiliesi, kankurit, BrandSpec("Jokerit")], [shipped("sentiment-fi")], {},
                    words=builtin_known_words())
    for text in ("Luin Kotiliedestä jutun joulukorttien tekijästä", "Olen tilannut Kotiliettä jo 35 vuotta",
                 "Äiti pyysi soittamaan Kotilieteen ristikosta"):
        assert brands_found(engine, text, "fi") == {"Kotiliesi"}, text
    for text in ("pöytä katettu: liinat Lapuan Kankureiden, kynttilät kirpparilta",
                 "lapuan kankureitten pyyhe kutistu ekassa pesussa", "Tilasin Kankureilta pöytäliinan"):
        assert brands_found(engine, text, "fi") == {"Lapuan Kankurit"}, text
    assert brands_found(engine, "Jokereiden peli oli eilen loppuunmyyty", "fi") == {"Jokerit"}
    clubs = Engine([BrandSpec("Oulun Kärpät", aliases=("Kärpät",)), BrandSpec("Porin Ässät")], [shipped("sentiment-fi")],
                   {}, words=builtin_known_words())
    assert brands_found(clubs, "Oulun Kärpillä on huono putki, kolme tappiota", "fi") == {"Oulun Kärpät"}
    assert brands_found(clubs, "Kärpissä pelaa nyt kolme junioria", "fi") == {"Oulun Kärpät"}
    assert brands_found(clubs, "Porin Ässien kausikortti kallistui taas", "fi") == {"Porin Ässät"}
