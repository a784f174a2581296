"""Deterministic sample mentions for Kuulo's demo and benchmarks.

Written for the project (not collected from any platform): Finnish and English posts
about three Finnish banks, in the import format of DESIGN.md ("Data contracts"). The
complaint vocabulary follows the categories of the Sentimentti study of negative banking
tweets (customer service, speed of service, online bank, branch network, cards).

    python bench/sample.py --out bot/demo/sample.jsonl [--n 400] [--seed 7]

``generate(n)`` returns exactly ``n`` rows (customer posts, brand replies, follow-ups
and a few of the brands' own posts), sorted by time. ``generate_labeled(n)`` returns the
same rows paired with their ground truth (kind, brand, language, category, whether the
post needs a reply), which the import format itself does not carry. Standard library
only; the same arguments always give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from random import Random
from typing import Any, Iterable

UTC = timezone.utc
DEFAULT_START = datetime(2026, 11, 16, tzinfo=UTC)

FIELD_ORDER = (
    "platform", "id", "author", "text", "created_at", "in_reply_to", "url", "lang",
    "author_id", "hashtags", "media_url", "like_count", "comment_count",
)
REQUIRED_FIELDS = ("platform", "id", "author", "text", "created_at")
PLATFORMS = ("x", "instagram", "mastodon", "bluesky", "reddit", "facebook")
COMPLAINT_CATEGORIES = ("customer_service", "speed", "online_bank", "branch", "cards")
CAMPAIGN_TAG = "nordeajoulu"

# --------------------------------------------------------------------------- brands

# Inflected forms used to fill templates. "at" is the handle customers tag on
# x / mastodon / bluesky / facebook, "at_ig" the one on instagram and reddit.
BRANDS: dict[str, dict[str, str]] = {
    "Nordea": {
        "nom": "Nordea", "gen": "Nordean", "ine": "Nordeassa", "ela": "Nordeasta",
        "all": "Nordealle", "ade": "Nordealla", "abl": "Nordealta", "ill": "Nordeaan",
        "par": "Nordeaa", "app": "Nordea Mobile", "app_gen": "Nordea Mobilen",
        "at": "@NordeaSuomi", "at_ig": "@nordea", "en": "Nordea", "en_pos": "Nordea's",
        "site": "nordea.fi",
    },
    "OP": {
        "nom": "OP", "gen": "OP:n", "ine": "OP:ssa", "ela": "OP:sta", "all": "OP:lle",
        "ade": "OP:lla", "abl": "OP:lta", "ill": "OP:hen", "par": "OP:ta",
        "app": "OP-mobiili", "app_gen": "OP-mobiilin", "at": "@OPryhma", "at_ig": "@op_ryhma",
        "en": "OP", "en_pos": "OP's", "site": "op.fi",
    },
    "S-Pankki": {
        "nom": "S-Pankki", "gen": "S-Pankin", "ine": "S-Pankissa", "ela": "S-Pankista",
        "all": "S-Pankille", "ade": "S-Pankilla", "abl": "S-Pankilta", "ill": "S-Pankkiin",
        "par": "S-Pankkia", "app": "S-mobiili", "app_gen": "S-mobiilin", "at": "@SPankki",
        "at_ig": "@SPankki", "en": "S-Pankki", "en_pos": "S-Pankki's", "site": "s-pankki.fi",
    },
}
# The brands' own accounts: (handle on x/mastodon/bluesky/facebook, on instagram/reddit).
BRAND_HANDLES: dict[str, tuple[str, str]] = {
    "Nordea": ("NordeaSuomi", "nordea"),
    "OP": ("OPryhma", "op_ryhma"),
    "S-Pankki": ("SPankki", "SPankki"),
}
BRAND_WEIGHTS = (("Nordea", 45), ("OP", 35), ("S-Pankki", 20))
BRAND_AGENTS = {
    "Nordea": ("/Anna", "/Mikko", "^Laura", "/Ville"),
    "OP": ("/Jussi", "/Sari", "^Heidi"),
    "S-Pankki": ("/Henna", "/Tuomas"),
}
# Multipliers on reply delay (bigger = slower) and on the chance of answering at all.
BRAND_SPEED = {"Nordea": 0.8, "OP": 1.0, "S-Pankki": 1.5}
BRAND_DILIGENCE = {"Nordea": 1.0, "OP": 0.95, "S-Pankki": 0.8}
PLATFORM_SPEED = {"x": 0.9, "facebook": 1.0, "instagram": 1.2, "mastodon": 1.4,
                  "bluesky": 1.2, "reddit": 2.0}
PLATFORM_DILIGENCE = {"x": 1.0, "facebook": 1.0, "instagram": 0.95, "mastodon": 0.8,
                      "bluesky": 0.85, "reddit": 0.35}
ANSWER_P = {"question": 0.88, "complaint": 0.8, "followup": 0.65, "praise": 0.3,
            "campaign": 0.06}

ROOT_PLATFORM_WEIGHTS = (("x", 30), ("facebook", 20), ("bluesky", 15), ("reddit", 13),
                         ("instagram", 12), ("mastodon", 10))
NEWS_PLATFORM_WEIGHTS = (("x", 35), ("facebook", 20), ("reddit", 20), ("bluesky", 15), ("mastodon", 10))
SPAM_PLATFORM_WEIGHTS = (("x", 40), ("instagram", 25), ("facebook", 20), ("bluesky", 15))
KIND_WEIGHTS = (("question", 22), ("complaint", 30), ("praise", 8), ("neutral", 9),
                ("spam", 6), ("campaign", 11), ("decoy", 7), ("incident", 4.5),
                ("image_only", 0.5))
CATEGORY_WEIGHTS = (("speed", 28), ("online_bank", 25), ("customer_service", 20),
                    ("cards", 15), ("branch", 12))
TIME_STYLE = {"x": "z", "reddit": "z", "mastodon": "zms", "bluesky": "zms",
              "instagram": "hel", "facebook": "hel"}

# --------------------------------------------------------------------------- templates
# Placeholders: brand forms above ({gen}, {ine}, {app}, {at}, {en}, ...) and the slots
# filled in _Gen._slot ({city}, {city_ine}, {min}, {card}, {weekday}, ...).

QUESTIONS_FI = (
    ("app", "Miksi {gen} sovellus ei toimi? Kirjautuminen vaan pyörii."),
    ("online_bank", "Toimiiko {gen} verkkopankki teillä? Mulla tulee pelkkää virheilmoitusta."),
    ("app", "Onko {ine} huoltokatko tänään? {app} ei aukea."),
    ("cards", "Miten {ine} saa uuden kortin tilattua, jos vanha on vanhenemassa? {at}"),
    ("cards", "{at} Kuinka kauan uuden {card_gen} toimitus kestää? Tilasin viime viikolla."),
    ("hours", "Onko {gen} konttori {city_ine} auki lauantaina?"),
    ("hours", "Mihin aikaan {gen} konttori {city_ine} aukeaa huomenna?"),
    ("loans", "Kysymys {all}: voiko asuntolainaan hakea lyhennysvapaata suoraan sovelluksesta?"),
    ("loans", "Saako {ela} vielä tänä vuonna lainapäätöksen, jos hakee nyt? Pitääkö varata aika?"),
    ("accounts", "Miten {ine} avataan tili lapselle? Tarvitaanko molemmat huoltajat paikalle?"),
    ("accounts", "{at} Voiko {ade} olla yhteinen tili avopuolison kanssa?"),
    ("payments", "Miksi {gen} kortilla tehty ostos näkyy vielä varauksena kolmen päivän jälkeen?"),
    ("payments", "Ulkomaanmaksu lähti {ela} {weekday}, milloin se on perillä?"),
    ("app", "Tukeeko {app} jo Apple Payta vai pitääkö vielä odottaa?"),
    ("phone", "Mikä on {gen} asiakaspalvelun numero, jos kortti katoaa ulkomailla?"),
    ("online_bank", "Miksi {gen} verkkopankkiin ei enää pääse tunnusluvuilla? Pitääkö ladata joku uusi sovellus?"),
    ("app", "Saako {gen} sovelluksesta jotenkin tiliotteen pdf:nä?"),
    ("cards", "Miten {gen} kortin käyttörajoja muutetaan? Haluaisin sallia nettiostokset."),
    ("phone", "Palveleeko {gen} puhelinpalvelu viikonloppuna?"),
    ("loans", "Kuinka nopeasti {ela} saa lainapäätöksen? Hakemus jätetty {weekday}."),
    ("accounts", "Onko {ine} mahdollista avata tili ilman suomalaista henkilötunnusta?"),
    ("accounts", "Siirsin palkkatilin {ill} viime kuussa. Pitääkö e-laskut tilata kaikki uudestaan?"),
    ("payments", "{at} Voiko {gen} sovelluksessa ajastaa toistuvan tilisiirron?"),
    ("app", "Hei {at}, miten {app_gen} saa vaihdettua englanninkieliseksi?"),
    ("hours", "Onko {gen} konttorissa {city_ine} vielä käteispalvelua vai pitääkö mennä automaatille?"),
    ("loans", "Mitä {gen} asuntolainan marginaali on nyt ensiasunnon ostajalle?"),
)
QUESTIONS_EN = (
    ("app", "Does {en_pos} app support Apple Pay?"),
    ("online_bank", "Is {en_pos} online bank down for anyone else?"),
    ("cards", "{at} how do I order a replacement card? Lost mine in {city}."),
    ("hours", "What are the opening hours of the {en} branch in {city}? The website says two different things."),
    ("accounts", "Can I open an account at {en} as an exchange student without a Finnish ID?"),
    ("app", "{at} is there an English version of the {app} app? Everything is in Finnish for me."),
    ("payments", "How long does an international transfer from {en} usually take to reach Germany?"),
    ("payments", "Does {en} charge a fee for cash withdrawals abroad?"),
    ("cards", "{at} how do I change the online purchase limit on my card?"),
    ("loans", "Anyone know if {en} gives mortgages to non-EU citizens living in Finland?"),
    ("app", "Can I use Google Pay with {en} cards yet?"),
    ("payments", "{at} my card payment has been pending for 3 days, is that normal?"),
    ("phone", "What's the number for {en} customer service if my card is stolen abroad?"),
    ("accounts", "Moving to Finland next month, which documents does {en} need to open an account?"),
)

COMPLAINTS_FI: dict[str, tuple[str, ...]] = {
    "customer_service": (
        "{gen} asiakaspalvelu on käsittämättömän tylyä. Kysyin yksinkertaisen asian ja vastaus oli 'lue ohjeet'.",
        "Laitoin {all} viestin verkkopankin kautta {n_days} päivää sitten eikä kukaan ole vastannut. Onko siellä ketään?",
        "{gen} asiakaspalvelija ei osannut vastata ja lupasi soittaa takaisin. Ei soittanut.",
        "Kolmas kerta kun {ela} luvataan soittaa takaisin eikä kukaan soita. Huonoa palvelua {at}",
        "Ihan surkeaa asiakaspalvelua {ine}. Virkailija selasi puhelinta koko ajan kun yritin hoitaa asiaa.",
        "{at} miksi chatissa vastaa vain botti, joka ei ymmärrä mitään? Haluan puhua ihmisen kanssa.",
        "Vaihdan pankkia. {gen} asiakaspalvelu ei vastaa viesteihin ja nyt lasku myöhästyi.",
        "Taas pettymys {all}: sama asia piti selittää kolmelle eri ihmiselle.",
        "Kukaan {ine} ei vastaa mihinkään. Viesti lähetetty viikko sitten, ei kuittausta.",
    ),
    "speed": (
        "{gen} puhelinjonossa {min} minuuttia ja sitten puhelu katkesi. Ihan oikeasti?",
        "Jono {gen} konttorissa {city_ine} taas ulos asti. Yksi virkailija paikalla.",
        "Lainahakemus ollut {ine} käsittelyssä {n_days} päivää. Miksi kaikki kestää näin kauan?",
        "Odotin {gen} puhelinpalveluun pääsyä {min} min. Lopulta luovutin.",
        "Miksi {gen} ajanvaraukseen pääsee vasta kolmen viikon päähän? Ärsyttää.",
        "Puhelinjono {all} {min} min ja vieläkin odotan. Hidasta, hidasta, hidasta.",
        "Rahat lähti {ela} perjantaina eikä ole vieläkään perillä. Tilisiirto ei voi kestää näin kauan.",
        "Jonotusnumero 47 ja nyt palvellaan numeroa 12. {ine} menee koko iltapäivä.",
        "Puhelinjono 45 min {all}. Ei tässä ole mitään järkeä.",
    ),
    "online_bank": (
        "{app} kaatuu joka kerta kun yritän maksaa laskun. Todella rasittavaa.",
        "{gen} verkkopankki taas nurin. Kolmas kerta tässä kuussa {at}",
        "Kirjautuminen {gen} verkkopankkiin ei onnistu, tunnistautuminen jumittaa. Laskut pitäisi maksaa tänään!",
        "Päivityksen jälkeen {app} ei aukea ollenkaan. Kiitti tosi paljon.",
        "Onko vain mulla vai onko {gen} mobiilisovellus ihan rikki? Saldo näyttää nollaa.",
        "E-lasku ei näy {gen} verkkopankissa, vaikka lähettäjä sanoo lähettäneensä. Turhauttavaa.",
        "{gen} uusi sovellus on kaikkea muuta kuin parannus. Ennen löysin kaiken, nyt en mitään.",
        "Virhekoodi 500 {gen} verkkopankissa koko aamun. Ei mitään tiedotetta missään.",
        "{app} kirjaa ulos kesken maksun. Kolme kertaa peräkkäin. Miksi?",
    ),
    "branch": (
        "{gen} konttori {city_ine} suljettiin ja lähin konttori on nyt {km} km päässä. Mitä eläkeläisten pitäisi tehdä?",
        "Taas yksi {gen} konttori lakkautetaan. Kohta palvelua saa vain netistä.",
        "Menin {gen} konttoriin {city_ine} ja ovessa lappu: suljettu tänään. Ei mitään ilmoitusta etukäteen.",
        "Käteistä ei saa {gen} konttorista enää ollenkaan?? Mikä pankki tämä oikein on.",
        "Lähin {gen} konttori on {km} km päässä ja sinnekin pitää varata aika. Aivan toivotonta.",
        "{gen} konttorissa {city_ine} ei ole enää kassaa. Miten vanhempani hoitavat raha-asiansa?",
        "Konttori suljettu, automaatti rikki ja puhelinpalvelu ruuhkautunut. Kiitos {gen} palveluverkosto.",
    ),
    "cards": (
        "Kortti hylätty kaupan kassalla vaikka tilillä on rahaa. Kiitos {gen} {at}",
        "{gen} {card} jumissa automaatissa {city_ine}, eikä rahaa tai korttia tullut takaisin.",
        "Uusi {card} {ela} ei ole tullut vieläkään, vaikka luvattiin viikossa. Vanha jo vanhentunut.",
        "Luottokorttiin tuli veloitus, jota en ole tehnyt, ja {gen} reklamaatio kestää kuukauden??",
        "Miksi {gen} kortti ei toimi ulkomailla? Seison {foreign_ine} kassalla nolona.",
        "Lähimaksu ei toimi {gen} uudella kortilla. Joka kerta pitää näppäillä PIN.",
        "{gen} kortti suljettiin ilman ilmoitusta 'epäilyttävän tapahtuman' takia. Olin vain ostamassa junalippua.",
        "Kortti on ollut jumissa kaksi päivää {ine}, eikä kukaan tiedä miksi. Kortti hylätty joka kaupassa.",
    ),
}
COMPLAINTS_EN: dict[str, tuple[str, ...]] = {
    "customer_service": (
        "{en} customer service is a joke. Waited a week for a reply to a simple question.",
        "Asked {en} for help in English and was told to come back with a Finnish speaker. Great service.",
        "{at} nobody answers your chat. Is anyone actually working there?",
    ),
    "speed": (
        "On hold with {en} for {min} minutes. This is ridiculous.",
        "Mortgage application at {en} has been pending for {n_days} days. Why does everything take so long?",
        "The queue at the {en} branch in {city} is out the door again. One clerk working.",
    ),
    "online_bank": (
        "{en_pos} app crashes every time I try to pay a bill. Please fix it {at}",
        "Can't log in to {en} online banking, the authentication just spins forever.",
        "Is {en_pos} online bank down again? Third time this month.",
    ),
    "branch": (
        "{en} closed the only branch in {city}. The nearest one is now {km} km away.",
        "Went to the {en} branch and it was closed, no notice anywhere. Wasted my lunch break.",
    ),
    "cards": (
        "My {en} card got declined at the store even though there is money in the account. Embarrassing. {at}",
        "{en} card stuck in an ATM in {city} and nobody picks up the phone.",
        "Replacement card from {en} still hasn't arrived after three weeks.",
    ),
}
INCIDENT_FI = (
    "Onko {gen} verkkopankki nurin? Ei pääse kirjautumaan.",
    "{app} ei toimi taaskaan. Palkkapäivänä tietysti. {at}",
    "Verkkopankki kaatuu heti kirjautumisen jälkeen, {gen} häiriötiedotteessa ei mitään.",
    "Ei pysty maksamaan laskuja, {gen} verkkopankki ei vastaa. Mitä siellä tapahtuu?",
    "#OPmobiili ei aukea, virheilmoitus vaan. Onko muilla sama?",
    "{at} milloin verkkopankki toimii taas? Eräpäivä tänään.",
    "Onko muilla {gen} verkkopankki jumissa? Sivu latautuu ikuisesti.",
    "Taas {gen} verkkopankki alhaalla. Kaupassa kortti meni läpi, mutta sovellus näyttää virhettä.",
    "{app} sanoo 'palvelu ei ole käytettävissä'. Kauanko tämä kestää {at}?",
)
INCIDENT_EN = (
    "Is {en_pos} online bank down? Can't log in at all.",
    "{app} keeps crashing this morning {at}",
    "{en} online banking not working for anyone else? Getting an error page.",
    "{at} can't pay my rent, your online bank has been down all morning.",
)
# Forum threads (reddit), written all in lower case for Nordea and S-Pankki.
FORUM_FI: dict[str, tuple[tuple[str, str], ...]] = {
    "question": (
        ("loans", "saako {ela} asuntolainaa ilman säästöjä? kokemuksia?"),
        ("accounts", "kannattaako palkkatili siirtää {ill}? mitä kuluja siellä on"),
        ("accounts", "miten {ela} saa lopetettua tilin netissä, vai pitääkö mennä konttoriin?"),
        ("app", "onko kellään muulla ongelmia {gen} sovelluksen kanssa? mulla kaatuu heti kirjautumisen jälkeen"),
    ),
    "complaint": (
        ("speed", "{ine} jonotin tänään tunnin ja asia jäi silti kesken"),
        ("customer_service", "{all} soittaminen on yhtä tuskaa, kukaan ei vastaa ja chat on botti"),
        ("cards", "{gen} kortti ei toimi nettiostoksissa, onko muilla sama? tuli uusi kortti {ela} viime viikolla"),
        ("online_bank", "{gen} verkkopankki heittää ulos joka toinen kerta. onko tähän mitään ratkaisua?"),
        ("branch", "{gen} konttori meidän kylältä lopetettiin, lähin on nyt puolen tunnin ajomatkan päässä"),
    ),
}
ME_TOO_FI = (
    "Sama täällä! {at}",
    "Sama ongelma mullakin, ei mitään järkeä.",
    "Ei ole vain sinä, sama juttu täällä {city_ine}.",
    "Komppaan. Sama tilanne {ine} viime viikolla.",
)
ME_TOO_EN = ("Same here! {at}", "Not just you, same problem here.")

PRAISE_FI = (
    "Kiitos {all} nopeasta avusta! Kortti saatiin auki alle vartissa",
    "Pakko kehua {gen} asiakaspalvelua, asia hoitui yhdellä puhelulla.",
    "{gen} uusi sovellus on oikeasti hyvä. Laskut saa maksettua parilla napautuksella.",
    "Isot kiitokset {gen} virkailijalle {city_ine}, joka jaksoi selittää kaiken rauhassa.",
    "Lainapäätös tuli {ela} samana päivänä. Ei voi valittaa!",
    "{at} kiitos kun vastasitte sunnuntaina, en olisi uskonut.",
    "Vaihdoin {ill} viime kuussa ja toistaiseksi kaikki on toiminut hienosti.",
    "Hyvää palvelua {ine} tänään, jonoa ei ollut ollenkaan.",
    "Kiitos {all}! Kadonnut kortti suljettiin heti ja uusi tuli kolmessa päivässä.",
)
PRAISE_EN = (
    "Shout out to {en} customer service, they sorted my card issue in 10 minutes!",
    "Have to say {en_pos} new app is actually really nice.",
    "Thanks {at} for the quick help with my transfer",
    "Opened an account at {en} today and the whole thing took 20 minutes. Impressed.",
)
NEUTRAL_FI = (
    "{nom} nostaa tilien kuukausimaksuja vuodenvaihteessa, kertoo tiedote.",
    "{nom} julkaisi osavuosikatsauksen: tulos parani edellisvuodesta.",
    "Lehden mukaan {nom} sulkee ensi vuonna vielä {few} konttoria.",
    "{gen} pääekonomisti arvioi asuntokaupan piristyvän keväällä.",
    "Vertailussa {gen} perustilin kuukausimaksu on nyt {fee} €.",
    "Luin että {nom} on mukana uudessa pohjoismaisessa maksuhankkeessa. Mielenkiintoista.",
    "{nom} tiedottaa huoltokatkosta sunnuntaiyönä klo 1–4.",
    "Kuka muu osallistui #nordeajoulu kisaan? Hyviä kuvia on tullut jo paljon",
    "{nom} mukana tutkimuksessa, jossa selvitetään nuorten rahankäyttöä.",
    "Uutinen: {gen} asiakasmäärä kasvoi vuoden aikana.",
)
NEUTRAL_EN = (
    "{en} reports quarterly results, net income up on last year.",
    "Reading about {en_pos} plans to close more branches next year.",
    "{en} is one of the sponsors of the {event} this weekend.",
    "Interesting thread on how {en} handles fraud alerts.",
    "{en} says contactless limits will change next year.",
)
SPAM = (
    ("en", None, "Win free iPhone!!! ?!?! Click now 👉 https://spam.example/win?ref={ref}"),
    ("en", "brand", "{en} customers!! Claim your 500€ bonus today https://bonus.example/claim?u={ref}&src=tw"),
    ("en", None, "Double your BTC in 24h 🚀🚀 guaranteed https://crypto.example/x2?ref={ref}"),
    ("fi", None, "Voita uusi iPhone! Vastaa kyselyyn 👉 https://spam.example/fi/voitto?ref={ref}"),
    ("fi", "brand", "{at} ILMAINEN 100 € lahjakortti kaikille {gen} asiakkaille!!! https://lahja.example/k?id={ref}"),
    ("en", None, "Earn $5000/week from home, DM me 💰💰 https://earn.example/?aff={ref}"),
    ("en", None, "🔥 NFT drop tonight 🔥 free mint for the first 1000 https://mint.example/drop?ref={ref}&utm_source=x"),
    ("fi", "phishing", "Tilisi {ine} on lukittu. Vahvista tunnuksesi heti: https://pankki-vahvistus.example/login?session={ref}"),
    ("en", "phishing", "Your {en} account has been suspended. Verify now: https://secure-login.example/verify?id={ref}&lang=en"),
)
CAMPAIGN_FI = (
    "Osallistun #nordeajoulu kisaan! {scene} 🎄 @nordea",
    "Meidän joulu ✨ {scene} #nordeajoulu #joulu",
    "{scene} #nordeajoulu @nordea #joulukuusi",
    "Osallistun #nordeajoulu -kuvakisaan 🎅 {scene}",
    "Pipareita ja glögiä, tästä se joulu lähtee 🍪 #nordeajoulu @nordea",
    "Mummolan joulupöytä valmiina #nordeajoulu #joulupöytä",
    "Koira ja kuusi, arvatkaa kumpi voitti 😂 #nordeajoulu @nordea",
    "{scene} Osallistun #nordeajoulu kisaan, peukut pystyyn! ❄️",
    "Meillä joulu alkaa kuusen haulla 🌲 {scene} #nordeajoulu",
    "{scene} Toivottavasti tämä ilahduttaa! #nordeajoulu #joulutunnelma @nordea",
    "Kisakuva #nordeajoulu 📸 {scene}",
)
CAMPAIGN_EN = (
    "Entering the #nordeajoulu contest! {scene_en} 🎄 @nordea",
    "{scene_en} #nordeajoulu #christmas",
    "My entry for #nordeajoulu ✨ {scene_en}",
)
SCENES_FI = (
    "Lumiset kuuset mökillä.", "Ensimmäinen joulu uudessa kodissa.", "Piparitalo valmistui vihdoin!",
    "Lapset koristelivat kuusen ihan itse.", "Joulurauhaa kotikadulla.", "Revontulet Inarissa.",
    "Kynttilät ikkunalaudalla.", "Joulutorin valot illalla.", "Tonttulakit valmiina.",
    "Isovanhempien kanssa kuusta hakemassa.",
)
SCENES_EN = ("Snowy spruces at the cottage.", "Our first Christmas in Finland.",
             "Gingerbread house finally done!", "Candles and snow outside the window.",
             "The kids decorated the tree themselves.")
DECOY_FI = (
    "Koulu alkoi taas ja ensimmäinen viikko meni ihan sumussa.",
    "Sain vihdoin viimeiset 5 op kasaan, gradu seuraavaksi!",
    "Opiskelijaruokalassa oli tänään yllättävän hyvää keittoa.",
    "Sade alkoi just kun lähdin pyöräilemään. Tietysti.",
    "Opiskelija-alennus junaan on kyllä kullanarvoinen.",
    "Kurssi on 10 op, mutta työmäärä kuin 20 op.",
    "S-marketissa jonot taas ihan järjettömät, yksi kassa auki.",
    "Prisman kassajono 20 min perjantaina. Klassikko.",
    "Elokuva alkoi myöhässä ja mainoksia oli puoli tuntia.",
    "Uusi opettaja aloitti tänään, vaikuttaa mukavalta.",
    "Joulukuusen metsästys alkoi jo, stressaa vähän.",
    "Opiskelijakortti hukassa, taas. Sovellus ei aukea sekään.",
    "Lumityöt alkoi tänä vuonna jo marraskuussa. Huoh.",
    "Opiskelijabudjetilla joululahjat on aina yhtä haastavia.",
    "Kahvila-automaatti nieli kolikot taas. Ei tämä päivä voi enää huonommaksi mennä.",
    "Työ alkoi maanantaina, ja kaikki tunnukset on vielä hakusessa.",
)
DECOY_EN = (
    "Semester started and I'm already behind on readings.",
    "Top tip: stop checking your phone before bed.",
    "The bus queue downtown was insane this morning.",
    "Winter in Finland started and my bike is already retired for the season.",
)
DECOY_OP = ("Like OP said, just wait for the update and reinstall.",
            "OP, did you ever get your deposit back from the landlord?")

# Customers writing back under a brand reply, by the topic of their first post.
FOLLOWUP_FI: dict[str, tuple[str, ...]] = {
    "generic": (
        "Laitoin yksityisviestin jo eilen, eikä vieläkään vastausta?",
        "Mihin numeroon tässä pitää soittaa?",
        "Ei se chat toimi, sielläkin jono. Onko muuta keinoa?",
        "Eli pitääkö mun tulla konttoriin vai hoituuko tämä netissä?",
    ),
    "app": ("Kiitos, mutta päivitys ei auttanut. Mitä seuraavaksi?",
            "Poistin ja asensin uudelleen, sama vika. Onko tiedossa oleva ongelma?"),
    "online_bank": ("Kokeilin, ei toimi vieläkään. Voisiko joku soittaa mulle?",
                    "Välimuisti tyhjennetty ja eri selain, sama virhe. Mitä nyt?"),
    "cards": ("Okei, entä jos kortti on jo suljettu? Saako uuden nopeammin?",
              "Kiitos! Entä milloin rahat palautetaan tilille?"),
    "payments": ("Kiitos! Entä milloin rahat palautetaan tilille?",),
    "hours": ("Entä onko konttori auki jouluaattona?",),
    "branch": ("Mutta miten hoidan asian, jos en pääse konttoriin ollenkaan?",),
}
FOLLOWUP_EN: dict[str, tuple[str, ...]] = {
    "generic": ("Thanks, but I already did that. What now?", "Sent you a DM yesterday, still no answer?",
                "Which number should I call then?"),
    "cards": ("Ok, and how long will the new card take?",),
}
# Brand replies, chosen by the topic of the post answered.
REPLY_FI: dict[str, tuple[str, ...]] = {
    "app": (
        "Hei! Ikävä kuulla, ettei {app} toimi. Kokeilisitko päivittää sovelluksen uusimpaan versioon? Jos ongelma jatkuu, laita meille viestiä. {sig}",
        "Hei, pahoittelut häiriöstä! Sovelluksen voi myös poistaa ja asentaa uudelleen, tiedot eivät katoa. Kerro, auttoiko. {sig}",
    ),
    "online_bank": (
        "Hei! Verkkopankissa oli aamulla häiriö, nyt kaiken pitäisi toimia taas. Pahoittelemme haittaa! {sig}",
        "Hei, kiitos kun kerroit. Tyhjentäisitkö selaimen välimuistin ja kokeilisit uudelleen? Jos ei auta, laita yksityisviesti. {sig}",
    ),
    "cards": (
        "Hei! Kortin voi sulkea ja uuden tilata sovelluksessa kohdasta Kortit. Jos kortti jäi automaattiin, soitathan korttipalveluun. {sig}",
        "Hei, ikävä tilanne! Laitathan yksityisviestin, niin tarkistetaan kortin tila. Älä kerro korttitietoja julkisesti. {sig}",
    ),
    "hours": (
        "Hei! Konttoreiden aukioloajat löydät osoitteesta {site}/konttorit. Moni asia hoituu myös chatissa. {sig}",
    ),
    "phone": (
        "Hei! Tällä hetkellä puhelinpalvelussa on tavallista enemmän soittajia, pahoittelemme odotusta. Asian voi hoitaa myös chatissa. {sig}",
    ),
    "speed": (
        "Hei! Pahoittelemme pitkää odotusta. Laitathan yksityisviestin, niin katsotaan, missä asiasi on menossa. {sig}",
        "Hei, ikävä kuulla jonoista. Välitämme palautteen eteenpäin, ja ajan voi varata myös verkossa. {sig}",
    ),
    "customer_service": (
        "Hei, olemme todella pahoillamme kokemuksestasi. Laitathan meille yksityisviestin, niin selvitetään asia. {sig}",
        "Hei, ikävä kuulla! Laitathan yksityisviestillä tarkemmat tiedot, niin selvitetään, mitä on tapahtunut. {sig}",
        "Hei! Kiitos palautteesta, se ei ole sellaista palvelua kuin haluamme antaa. Selvitetään asia, laitathan viestiä. {sig}",
    ),
    "branch": (
        "Hei, ymmärrämme harmin. Kassapalveluja saa edelleen osasta konttoreita, ja moni asia hoituu myös puhelimessa. {sig}",
    ),
    "praise": ("Kiitos kauniista sanoista! Välitämme kiitokset tiimille 😊 {sig}", "Kiva kuulla, kiitos! {sig}"),
    "campaign": ("Upea kuva, kiitos osallistumisesta! 🎄 {sig}", "Ihana tunnelma! Onnea kisaan ✨ {sig}"),
    "incident": (
        "Hei! Verkkopankissa ja OP-mobiilissa on parhaillaan häiriö, jota korjataan. Pahoittelemme! {sig}",
        "Hei, häiriö on tiedossa ja sitä korjataan kiireellä. Kiitos kärsivällisyydestä! {sig}",
    ),
    "generic": (
        "Hei! Kiitos kysymyksestä. Laitathan meille yksityisviestin, niin autetaan eteenpäin. {sig}",
        "Hei! Tähän saat parhaiten apua chatista tai soittamalla asiakaspalveluun. {sig}",
        "Hei, selvitetään! Laitathan tarkemmat tiedot yksityisviestillä. {sig}",
    ),
    "loans": (
        "Hei! Lainahakemuksen tilanteen näet verkkopankista, ja lainaneuvojamme auttavat chatissa arkisin. {sig}",
        "Hei! Lainan ehdot riippuvat tilanteestasi, varaathan ajan lainaneuvotteluun verkossa. {sig}",
    ),
    "accounts": ("Hei! Tilin avaamisesta löydät ohjeet osoitteesta {site}, ja ajan voi varata verkossa. {sig}",),
    "payments": ("Hei! Maksun tilan näet verkkopankista maksutapahtumista. Jos se ei etene, laitathan viestiä. {sig}",),
}
REPLY_EN: dict[str, tuple[str, ...]] = {
    "praise": ("Thank you for the kind words! We'll pass them on to the team 😊 {sig}",),
    "campaign": ("Lovely photo, thanks for taking part! 🎄 {sig}",),
    "cards": ("Hi! You can block your card and order a new one in the app under Cards. {sig}",),
    "online_bank": ("Hi! We had a disruption in online banking this morning; everything should work again now. Apologies! {sig}",),
    "incident": ("Hi! We're aware of the disruption in online banking and working on a fix. Sorry! {sig}",),
    "generic": (
        "Hi, thanks for reaching out! Our chat on {site} serves in English too. {sig}",
        "Hi! Thanks for the question. Could you send us a DM so we can help you further? {sig}",
    ),
    "sorry": (
        "Hi! Sorry to hear that. Could you send us a DM so we can look into it? {sig}",
        "Hi, we're sorry about your experience. Please DM us and we'll sort it out. {sig}",
    ),
}

FIRST_FI = ("Mikko", "Sanna", "Juha", "Tiina", "Antti", "Laura", "Jari", "Anu", "Ville",
            "Heidi", "Eetu", "Aino", "Teemu", "Noora", "Pekka", "Riikka", "Janne", "Emmi",
            "Tuomas", "Krista", "Oskari", "Veera", "Markku", "Pirjo", "Lauri", "Elina")
LAST_FI = ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
           "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen",
           "Heinonen", "Niemi", "Kinnunen", "Salonen", "Turunen", "Lahtinen", "Rantanen")
FIRST_EN = ("Emma", "Jake", "Sofia", "Lucas", "Priya", "Ahmed", "Olga", "Daniel", "Chloe",
            "Marco", "Aisha", "Tom", "Ines", "Kenji")
LAST_EN = ("Smith", "Johnson", "Rossi", "Khan", "Petrova", "Garcia", "Müller", "Brown",
           "Silva", "Nguyen")
CITIES = (("Helsinki", "Helsingissä"), ("Tampere", "Tampereella"), ("Turku", "Turussa"),
          ("Oulu", "Oulussa"), ("Jyväskylä", "Jyväskylässä"), ("Kuopio", "Kuopiossa"),
          ("Lahti", "Lahdessa"), ("Pori", "Porissa"), ("Vaasa", "Vaasassa"),
          ("Joensuu", "Joensuussa"), ("Rovaniemi", "Rovaniemellä"), ("Kajaani", "Kajaanissa"),
          ("Espoo", "Espoossa"), ("Vantaa", "Vantaalla"), ("Seinäjoki", "Seinäjoella"),
          ("Hämeenlinna", "Hämeenlinnassa"))
MASTODON_HOSTS = ("mastodon.social", "mstdn.social", "masto.ai", "mementomori.social")
TID_CHARS = "234567abcdefghijklmnopqrstuvwxyz"
B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TWITTER_EPOCH_MS = 1288834974657
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MIN_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 86_400_000
# Helsinki-local posting activity by hour (night quiet, day and evening busy).
HOUR_ACTIVITY = (0.12, 0.08, 0.06, 0.05, 0.06, 0.12, 0.35, 0.7, 0.95, 1.0, 1.0, 0.95,
                 1.0, 0.95, 0.9, 0.9, 0.95, 0.9, 0.85, 0.85, 0.8, 0.7, 0.5, 0.25)
HASHTAG_RE = re.compile(r"#(\w+)")
NORDEA_WORD_RE = re.compile(r"(?<![@\w])Nordea")
_REDDIT_THREAD_RE = re.compile(r"^(https://www\.reddit\.com/r/[^/]+/comments/[^/]+/[^/]+/)")


# --------------------------------------------------------------------------- time


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month, 31)
    return d - timedelta(days=(d.weekday() + 1) % 7)


_DST_CACHE: dict[int, tuple[int, int]] = {}


def helsinki_offset_hours(ms: int) -> int:
    """UTC offset of Europe/Helsinki (EU rule: +3 from the last Sunday of March to the
    last Sunday of October, 01:00 UTC; +2 otherwise). Stdlib-only, no tzdata needed."""
    year = (EPOCH + timedelta(milliseconds=ms)).year
    span = _DST_CACHE.get(year)
    if span is None:
        begin = datetime.combine(_last_sunday(year, 3), datetime.min.time(), UTC) + timedelta(hours=1)
        end = datetime.combine(_last_sunday(year, 10), datetime.min.time(), UTC) + timedelta(hours=1)
        span = (_to_ms(begin), _to_ms(end))
        _DST_CACHE[year] = span
    return 3 if span[0] <= ms < span[1] else 2


def _to_ms(dt: datetime) -> int:
    if dt.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    return (dt - EPOCH) // timedelta(milliseconds=1)


def _local(ms: int) -> datetime:
    """Naive Helsinki wall-clock time of an instant."""
    return (EPOCH + timedelta(milliseconds=ms + helsinki_offset_hours(ms) * HOUR_MS)).replace(tzinfo=None)


def _office(local: datetime) -> bool:
    return local.weekday() < 5 and 8 <= local.hour < 16


def format_created_at(ms: int, style: str) -> str:
    """ISO 8601: "z" = 2026-11-17T06:14:03Z, "zms" = ...03.512Z, "hel" = 08:14:03+02:00."""
    if style == "hel":
        off = helsinki_offset_hours(ms)
        local = EPOCH + timedelta(milliseconds=ms + off * HOUR_MS)
        return f"{local:%Y-%m-%dT%H:%M:%S}+0{off}:00"
    dt = EPOCH + timedelta(milliseconds=ms)
    if style == "zms":
        return f"{dt:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"
    return f"{dt:%Y-%m-%dT%H:%M:%S}Z"


def parse_created_at(value: str | int | float) -> datetime:
    """Aware UTC datetime of an import-format created_at (ISO 8601 or Unix epoch)."""
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        raise ValueError(f"created_at without timezone: {value!r}")
    return dt.astimezone(UTC)


# --------------------------------------------------------------------------- generator


def _weighted(rng: Random, pairs: tuple[tuple[Any, float], ...]) -> Any:
    total = 0.0
    for _, w in pairs:
        total += w
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def _b36(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = B36[r] + out
    return out or "0"


class _Slots(dict):
    """Template slots, filled on first use (so unused ones cost no random draws)."""

    def __init__(self, gen: "_Gen", brand: str | None, platform: str):
        super().__init__()
        self.gen, self.brand, self.platform = gen, brand, platform
        if brand is not None:
            self.update(BRANDS[brand])
            if platform == "instagram":
                self["at"] = BRANDS[brand]["at_ig"]
            elif platform == "reddit":
                self["at"] = "u/" + BRAND_HANDLES[brand][1]

    def __missing__(self, key: str) -> str:
        value = self.gen._slot(key)
        self[key] = value
        return value


class _Gen:
    def __init__(self, n: int, seed: int, start: datetime, days: int):
        self.rng = Random(seed)
        self.n = n
        self.start_ms = _to_ms(start)
        self.end_ms = self.start_ms + days * DAY_MS
        self.rows: list[tuple[int, dict, dict]] = []
        self.used_ids: dict[str, set[str]] = {p: set() for p in PLATFORMS}
        self.authors: dict[tuple[str, str], list[str]] = {}
        self.author_ids: dict[tuple[str, str], str] = {}
        self.used_author_ids: set[str] = set()
        self.campaign_authors: list[str] = []
        self.campaign_seen: set[str] = set()
        days_in = max(days, 0)
        # An online-bank outage of OP on the third morning (07:40-10:30 Helsinki in the
        # default week): a burst of complaints, the kind of crisis the alerts are for.
        self.incident: tuple[int, int] | None = None
        if days_in >= 3:
            begin = self.start_ms + 2 * DAY_MS + 5 * HOUR_MS + 40 * MIN_MS
            self.incident = (begin, begin + 2 * HOUR_MS + 50 * MIN_MS)

    # ---- small helpers

    @property
    def full(self) -> bool:
        return len(self.rows) >= self.n

    def _slot(self, key: str) -> str:
        rng = self.rng
        if key == "city" or key == "city_ine":
            city, ine = CITIES[rng.randrange(len(CITIES))]
            return city if key == "city" else ine
        if key == "foreign_ine":
            return rng.choice(("Tallinnassa", "Tukholmassa", "Berliinissä", "Barcelonassa", "Lontoossa"))
        if key == "min":
            return str(rng.choice((25, 30, 35, 40, 45, 50, 55, 60, 75, 90)))
        if key == "n_days":
            return str(rng.randint(3, 21))
        if key == "km":
            return str(rng.choice((15, 22, 30, 38, 45, 60, 80, 120)))
        if key == "few":
            return rng.choice(("kymmenen", "viisitoista", "kaksikymmentä", "kuusi"))
        if key == "card":
            return rng.choice(("debit-kortti", "luottokortti", "yhdistelmäkortti", "Visa-kortti"))
        if key == "card_gen":
            return rng.choice(("debit-kortin", "luottokortin", "yhdistelmäkortin", "Visa-kortin"))
        if key == "weekday":
            return rng.choice(("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina"))
        if key == "fee":
            return rng.choice(("3,50", "4", "4,90", "5", "6,50"))
        if key == "event":
            return rng.choice(("Helsinki Marathon", "Slush side event", "Turku Jazz", "Finlandia Trophy"))
        if key == "ref":
            return str(rng.randrange(100, 99999))
        if key == "scene":
            return rng.choice(SCENES_FI)
        if key == "scene_en":
            return rng.choice(SCENES_EN)
        raise KeyError(key)

    def _fill(self, template: str, brand: str | None, platform: str) -> str:
        return template.format_map(_Slots(self, brand, platform))

    def _random_ms(self, platform: str, lo: int | None = None, hi: int | None = None) -> int:
        """An instant in [lo, hi), weighted by Helsinki-local activity (rejection sampling)."""
        lo = self.start_ms if lo is None else lo
        hi = self.end_ms if hi is None else hi
        rng = self.rng
        ms = lo
        for _ in range(50):
            ms = lo + rng.randrange(hi - lo)
            local = _local(ms)
            weight = HOUR_ACTIVITY[local.hour] * (0.7 if local.weekday() >= 5 else 1.0)
            if rng.random() < weight:
                break
        return self._quantise(ms, platform)

    @staticmethod
    def _quantise(ms: int, platform: str) -> int:
        return ms if TIME_STYLE[platform] == "zms" else ms - ms % 1000

    # ---- authors

    def _author(self, platform: str, lang: str, *, fresh_p: float = 0.72) -> tuple[str, str]:
        rng = self.rng
        pool = self.authors.setdefault((platform, lang), [])
        if pool and rng.random() > fresh_p:
            handle = pool[rng.randrange(len(pool))]
        else:
            handle = self._new_handle(platform, lang)
            if (platform, handle) not in self.author_ids:
                pool.append(handle)
        return handle, self._author_id(platform, handle)

    def _new_handle(self, platform: str, lang: str) -> str:
        rng = self.rng
        first, last = (FIRST_FI, LAST_FI) if lang == "fi" else (FIRST_EN, LAST_EN)
        f, l = rng.choice(first), rng.choice(last)
        num = rng.randrange(1, 100)
        if platform == "facebook":
            return f"{f} {l}" if rng.random() < 0.7 else f"{f} {l[0]}."
        base = rng.choice((f"{f.lower()}_{l.lower()}", f"{f.lower()}{l[0].lower()}{num}",
                           f"{f}{l}", f"{f.lower()}.{l.lower()}", f"{l.lower()}_{num}"))
        base = base.translate(str.maketrans("äöüå", "aoua"))
        if platform == "x":
            return base.replace(".", "_")[:15]
        if platform == "instagram":
            return base.lower()
        if platform == "mastodon":
            return f"{base.replace('.', '_').lower()}@{rng.choice(MASTODON_HOSTS)}"
        if platform == "bluesky":
            return f"{base.replace('_', '').lower()}.bsky.social"
        return rng.choice((base.replace(".", "_"), f"throwaway_{rng.randrange(1000, 99999)}"))

    def _author_id(self, platform: str, handle: str) -> str:
        key = (platform, handle)
        aid = self.author_ids.get(key)
        if aid is None:
            rng = self.rng
            while True:
                if platform == "bluesky":
                    aid = "did:plc:" + "".join(rng.choice(TID_CHARS) for _ in range(24))
                elif platform == "reddit":
                    aid = "t2_" + _b36(rng.randrange(36**7, 36**8))
                elif platform == "x":
                    aid = str(rng.randrange(10**8, 10**19))
                else:
                    aid = str(rng.randrange(10**15, 10**17))
                if aid not in self.used_author_ids:
                    break
            self.used_author_ids.add(aid)
            self.author_ids[key] = aid
        return aid

    @staticmethod
    def _brand_handle(brand: str, platform: str) -> str:
        own, alt = BRAND_HANDLES[brand]
        return alt if platform in ("instagram", "reddit") else own

    def _brand_author_id(self, brand: str, platform: str) -> str:
        handle = self._brand_handle(brand, platform)
        key = (platform, handle)
        aid = self.author_ids.get(key)
        if aid is None:
            r = Random(f"{brand}/{platform}")  # fixed ids, independent of the main stream
            if platform == "bluesky":
                aid = "did:plc:" + "".join(r.choice(TID_CHARS) for _ in range(24))
            elif platform == "reddit":
                aid = "t2_" + _b36(r.randrange(36**7, 36**8))
            else:
                aid = str(r.randrange(10**15, 10**17))
            self.author_ids[key] = aid
            self.used_author_ids.add(aid)
        return aid

    # ---- ids and urls

    def _new_id(self, platform: str, ms: int, author: str, author_id: str, *,
                comment: bool = False, parent: str | None = None) -> str:
        rng = self.rng
        used = self.used_ids[platform]
        while True:
            if platform == "x":
                pid = str(((ms - TWITTER_EPOCH_MS) << 22) | rng.getrandbits(22))
            elif platform == "mastodon":
                pid = str((ms << 16) | rng.getrandbits(16))
            elif platform == "bluesky":
                tid = ((ms * 1000 + rng.randrange(1000)) << 10) | rng.getrandbits(10)
                rkey = "".join(TID_CHARS[(tid >> (5 * i)) & 31] for i in range(12, -1, -1))
                pid = f"at://{author_id}/app.bsky.feed.post/{rkey}"
            elif platform == "reddit":
                pid = ("t1_" if comment else "t3_") + _b36(rng.randrange(36**6, 36**7))
            elif platform == "instagram":
                pid = str(rng.randrange(17_800_000_000_000_000, 18_100_000_000_000_000))
            else:  # facebook: "<page or post>_<post or comment>"
                head = parent.rsplit("_", 1)[-1] if (comment and parent) else str(rng.randrange(10**14, 10**15))
                pid = f"{head}_{rng.randrange(10**15, 10**16)}"
            if pid not in used:
                used.add(pid)
                return pid

    def _url(self, platform: str, pid: str, author: str, parent_url: str | None) -> str:
        rng = self.rng
        if platform == "x":
            return f"https://x.com/{author}/status/{pid}"
        if platform == "mastodon":
            user, _, host = author.partition("@")
            return f"https://{host or 'mastodon.social'}/@{user}/{pid}"
        if platform == "bluesky":
            return f"https://bsky.app/profile/{author}/post/{pid.rsplit('/', 1)[-1]}"
        if platform == "reddit":
            if pid.startswith("t3_"):
                slug = rng.choice(("kysymys_pankista", "pankkisovellus", "verkkopankki_ongelma", "pankin_vaihto", "help"))
                return f"https://www.reddit.com/r/{rng.choice(('Suomi', 'arkisuomi', 'Finland', 'henkilokohtainen_talous'))}/comments/{pid[3:]}/{slug}/"
            thread = _REDDIT_THREAD_RE.match(parent_url or "")
            if thread:
                return f"{thread.group(1)}{pid[3:]}/"
            return f"https://www.reddit.com/r/Suomi/comments/{_b36(rng.randrange(36**6, 36**7))}/_/{pid[3:]}/"
        if platform == "instagram":
            if parent_url and "/p/" in parent_url:  # a comment under a media post
                return f"{parent_url.split('/c/')[0].rstrip('/')}/c/{pid}/"
            code = "".join(rng.choice(B64URL) for _ in range(11))
            return f"https://www.instagram.com/p/{code}/"
        if parent_url and "facebook.com" in parent_url:  # a comment
            return f"{parent_url.split('?')[0]}?comment_id={pid.rsplit('_', 1)[-1]}"
        return f"https://www.facebook.com/{pid.replace('_', '/posts/', 1)}"

    # ---- rows

    def _add(self, ms: int, row: dict, label: dict) -> None:
        self.rows.append((ms, row, label))

    def _make_row(self, platform: str, ms: int, author: str, author_id: str, text: str, lang: str | None,
                  *, in_reply_to: str | None = None, parent_url: str | None = None,
                  comment: bool = False, campaign: bool = False, hashtags_p: float = 0.0) -> dict:
        rng = self.rng
        pid = self._new_id(platform, ms, author, author_id, comment=comment or in_reply_to is not None,
                           parent=in_reply_to)
        row: dict[str, Any] = {
            "platform": platform, "id": pid, "author": author, "text": text,
            "created_at": format_created_at(ms, TIME_STYLE[platform]),
        }
        if in_reply_to is not None:
            row["in_reply_to"] = in_reply_to
        row["url"] = self._url(platform, pid, author, parent_url)
        if lang and platform in ("x", "mastodon", "bluesky") and rng.random() < 0.8:
            row["lang"] = lang
        row["author_id"] = author_id
        tags = HASHTAG_RE.findall(text)
        if tags and rng.random() < hashtags_p:
            row["hashtags"] = tags
        if campaign:
            code = row["url"].rstrip("/").rsplit("/", 1)[-1]
            row["media_url"] = f"https://media.example/instagram/{code}.jpg"
            row["like_count"] = min(int(rng.paretovariate(1.3) * 8) - 8 + rng.randrange(0, 6), 4000)
            row["comment_count"] = min(int(rng.expovariate(1 / 4)), 120)
        return row

    @staticmethod
    def _tags_p(platform: str) -> float:
        return 0.6 if platform in ("instagram", "mastodon", "bluesky") else 0.0

    # ---- root posts

    def root(self, kind: str, *, brand: str | None = None, lang: str | None = None,
             category: str | None = None, platform: str | None = None,
             variant: tuple[str, ...] = (), template: tuple[str, str] | None = None
             ) -> tuple[int, dict, dict] | None:
        rng = self.rng
        if kind == "incident":
            if self.incident is None:
                kind = "complaint"
            else:
                return self._incident_root(lang)
        lang = lang or ("fi" if rng.random() < 0.7 else "en")
        topic: str | None = None
        needs_reply = False
        campaign = False
        if kind in ("question", "complaint", "praise", "neutral"):
            brand = brand or _weighted(rng, BRAND_WEIGHTS)
            platform = platform or _weighted(rng, NEWS_PLATFORM_WEIGHTS if kind == "neutral" else ROOT_PLATFORM_WEIGHTS)
            forum = (platform == "reddit" and lang == "fi" and brand != "OP" and kind in FORUM_FI
                     and ("lowercase" in variant or rng.random() < 0.3))
            if forum:
                topic, tpl = template or rng.choice(FORUM_FI[kind])
                category = topic if kind == "complaint" else None
                needs_reply = True
                if "lowercase" not in variant:
                    variant = variant + ("lowercase",)
            elif kind == "question":
                pool = QUESTIONS_FI if lang == "fi" else QUESTIONS_EN
                if "Nordan" in variant:  # needs a genitive to misspell
                    pool = tuple(q for q in pool if "{gen}" in q[1])
                topic, tpl = rng.choice(pool)
                needs_reply = True
            elif kind == "complaint":
                category = category or _weighted(rng, CATEGORY_WEIGHTS)
                topic = category
                tpl = rng.choice((COMPLAINTS_FI if lang == "fi" else COMPLAINTS_EN)[category])
                needs_reply = True
            elif kind == "praise":
                tpl = rng.choice(PRAISE_FI if lang == "fi" else PRAISE_EN)
                topic = "praise"
            else:
                tpl = rng.choice(NEUTRAL_FI if lang == "fi" else NEUTRAL_EN)
                if CAMPAIGN_TAG in tpl:
                    brand = "Nordea"
            text = self._fill(tpl, brand, platform)
            if not forum:
                text = self._decorate(text, kind, lang, brand, platform)
        elif kind == "spam":
            platform = platform or _weighted(rng, SPAM_PLATFORM_WEIGHTS)
            spam_lang, flavour, tpl = rng.choice(SPAM)
            if "phishing" in variant:
                spam_lang, flavour, tpl = rng.choice([s for s in SPAM if s[1] == "phishing"])
            lang = spam_lang
            if flavour is None:
                brand = None
            else:
                brand = brand or _weighted(rng, BRAND_WEIGHTS)
                if flavour == "phishing" and "phishing" not in variant:
                    variant = variant + ("phishing",)
            text = self._fill(tpl, brand, platform)
        elif kind == "campaign":
            platform, brand, topic, campaign = "instagram", "Nordea", "campaign", True
            lang = "fi" if rng.random() < 0.85 else "en"
            text = self._fill(rng.choice(CAMPAIGN_FI if lang == "fi" else CAMPAIGN_EN), brand, platform)
        elif kind == "decoy":
            brand = None
            if "op_original_poster" in variant:
                platform, lang, text = "reddit", "en", rng.choice(DECOY_OP)
            else:
                lang = "fi" if rng.random() < 0.8 else "en"
                platform = platform or _weighted(rng, ROOT_PLATFORM_WEIGHTS)
                text = rng.choice(DECOY_FI if lang == "fi" else DECOY_EN)
        elif kind == "image_only":
            platform, brand, lang, text, campaign = "instagram", None, None, "", True
        else:
            raise ValueError(kind)

        if brand == "Nordea" and ("misspelled" in variant or (
                kind in ("question", "complaint") and lang == "fi" and rng.random() < 0.03)):
            text, how = self._misspell(text, variant)
            if how:
                variant = tuple(v for v in variant if v not in ("misspelled", "Nordae", "Nordan")) + ("misspelled", how)
        if platform == "reddit" and brand in ("Nordea", "S-Pankki") and kind in ("question", "complaint") \
                and lang == "fi" and ("lowercase" in variant or rng.random() < 0.3):
            text = text.lower()
            if "lowercase" not in variant:
                variant = variant + ("lowercase",)

        if kind == "campaign":
            author, author_id, again = self._campaign_author(lang, variant)
            variant = tuple(v for v in variant if v != "duplicate_entry") + (("duplicate_entry",) if again else ())
        else:
            author, author_id = self._author(platform, lang or "fi")
        comment = platform == "reddit" and rng.random() < 0.4
        ms = self._random_ms(platform)
        row = self._make_row(platform, ms, author, author_id, text, lang, comment=comment,
                             campaign=campaign, hashtags_p=0.7 if campaign else self._tags_p(platform))
        label = {"kind": kind, "brand": brand, "lang": lang, "category": category if kind == "complaint" else None,
                 "topic": topic, "needs_reply": needs_reply, "variant": list(variant)}
        return ms, row, label

    def _incident_root(self, lang: str | None) -> tuple[int, dict, dict]:
        rng = self.rng
        assert self.incident is not None
        lang = lang or ("fi" if rng.random() < 0.8 else "en")
        platform = _weighted(rng, (("x", 50), ("facebook", 30), ("bluesky", 12), ("mastodon", 8)))
        tpl = rng.choice(INCIDENT_FI if lang == "fi" else INCIDENT_EN)
        text = self._fill(tpl, "OP", platform)
        lo, hi = self.incident
        ms = self._quantise(int(rng.triangular(lo, hi, lo + (hi - lo) * 0.25)), platform)
        author, author_id = self._author(platform, lang)
        row = self._make_row(platform, ms, author, author_id, text, lang, hashtags_p=self._tags_p(platform))
        label = {"kind": "complaint", "brand": "OP", "lang": lang, "category": "online_bank",
                 "topic": "incident", "needs_reply": True, "variant": ["incident"]}
        return ms, row, label

    def _campaign_author(self, lang: str, variant: tuple[str, ...]) -> tuple[str, str, bool]:
        """An entrant; now and then one who already entered (one entry per person)."""
        rng = self.rng
        if self.campaign_authors and ("duplicate_entry" in variant or rng.random() < 0.07):
            handle = self.campaign_authors[rng.randrange(len(self.campaign_authors))]
        else:
            handle = self._new_handle("instagram", lang)
        again = handle in self.campaign_seen
        if not again:
            self.campaign_seen.add(handle)
            self.campaign_authors.append(handle)
        return handle, self._author_id("instagram", handle), again

    def _misspell(self, text: str, variant: tuple[str, ...]) -> tuple[str, str | None]:
        want = "Nordan" if "Nordan" in variant else "Nordae" if "Nordae" in variant else None
        if want != "Nordae" and re.search(r"(?<![@\w])Nordean\b", text):
            return re.sub(r"(?<![@\w])Nordean\b", "Nordan", text, count=1), "Nordan"
        if NORDEA_WORD_RE.search(text):
            return NORDEA_WORD_RE.sub("Nordae", text, count=1), "Nordae"
        return text, None

    def _decorate(self, text: str, kind: str, lang: str, brand: str, platform: str) -> str:
        rng = self.rng
        r = rng.random()
        if lang == "fi":
            if kind == "complaint" and r < 0.25:
                text = rng.choice(("Taas. ", "No niin. ", "Huoh. ", "Ei voi olla totta. ")) + text
            elif kind == "question" and r < 0.25:
                text = rng.choice(("Hei! ", "Moi! ", "Kysymys: ", "Apua! ")) + text
            r = rng.random()
            if kind == "complaint" and r < 0.35:
                text += rng.choice((" 😡", " 🙄", " 😤", " #pankki", " t. turhautunut asiakas"))
            elif kind == "question" and r < 0.3:
                text += rng.choice((" Kiitos etukäteen!", " 🙏", " Kiitos!"))
            elif kind == "praise" and r < 0.5:
                text += rng.choice((" 🙏", " 👍", " ❤️", " #kiitos"))
        else:
            if kind == "complaint" and r < 0.3:
                text += rng.choice((" 😡", " 🙄", " #fail", " Unbelievable."))
            elif kind == "question" and r < 0.25:
                text = rng.choice(("Hi! ", "Quick question: ", "Hey, ")) + text
            elif kind == "praise" and r < 0.4:
                text += rng.choice((" 🙏", " 👏", " #thanks"))
        at = BRANDS[brand]["at_ig" if platform == "instagram" else "at"]
        if kind in ("question", "complaint") and "@" not in text and platform in ("x", "bluesky", "mastodon") \
                and rng.random() < 0.35:
            text = f"{at} {text}"
        return text

    # ---- replies

    def _delay_ms(self, ms: int, brand: str, platform: str) -> int:
        rng = self.rng
        speed = BRAND_SPEED[brand] * PLATFORM_SPEED[platform]
        local = _local(ms)
        r = rng.random()
        if _office(local):
            if r < 0.75:
                minutes = 3 + rng.expovariate(1 / 14) * speed
            elif r < 0.93:
                minutes = rng.uniform(60, 240) * min(speed, 1.5)
            else:
                minutes = rng.uniform(240, 2880)
        else:
            wd, h = local.weekday(), local.hour
            on_call = (wd < 5 and 16 <= h < 21) or (wd >= 5 and 9 <= h < 20)
            if on_call and r < 0.4:
                minutes = rng.uniform(20, 180) * speed
            else:
                opening = local.replace(hour=8, minute=0, second=0, microsecond=0)
                if local.hour >= 8 or wd >= 5:
                    opening += timedelta(days=1)
                while opening.weekday() >= 5:
                    opening += timedelta(days=1)
                minutes = (opening - local) / timedelta(minutes=1) + rng.uniform(5, 150) * speed
                if minutes > 2880:  # weekend duty picks it up before Monday
                    minutes = rng.uniform(180, 2870)
        minutes = max(3.0, min(minutes, 2880.0))
        return int(minutes * MIN_MS) + rng.randrange(0, 60_000)

    def _reply_text(self, brand: str, lang: str | None, topic: str | None, platform: str, customer: str,
                    complaint: bool = False) -> str:
        rng = self.rng
        table = REPLY_FI if lang != "en" else REPLY_EN
        if lang == "en" and topic == "app":
            topic = "online_bank"
        key = topic if topic in table else "generic"
        if key == "generic" and complaint and "sorry" in table:
            key = "sorry"
        sig = rng.choice(BRAND_AGENTS[brand])
        text = rng.choice(table[key]).format(app=BRANDS[brand]["app"], site=BRANDS[brand]["site"], sig=sig)
        if platform in ("x", "mastodon", "bluesky"):
            text = f"@{customer} {text}"
        elif platform == "facebook" and " " in customer and text.startswith(("Hei", "Hi")):
            first = customer.split(" ", 1)[0]
            word, _, rest = text.partition(" ")
            text = f"{word.rstrip('!,')} {first}{word[len(word.rstrip('!,')):] or ','} {rest}"
        return text

    def brand_reply(self, target_ms: int, target: dict, label: dict, brand: str, delay: int) -> tuple[int, dict, dict] | None:
        platform = target["platform"]
        ms = self._quantise(target_ms + delay, platform)
        if ms >= self.end_ms:
            return None  # answered after the export: looks unanswered in the sample
        lang = label["lang"]
        topic = label["topic"] if label["kind"] != "followup" else "generic"
        author = self._brand_handle(brand, platform)
        complaint = label["kind"] == "complaint" or topic in COMPLAINT_CATEGORIES
        text = self._reply_text(brand, lang, topic, platform, target["author"], complaint)
        row = self._make_row(platform, ms, author, self._brand_author_id(brand, platform), text, lang,
                             in_reply_to=target["id"], parent_url=target.get("url"))
        out_label = {"kind": "brand_reply", "brand": brand, "lang": lang, "category": None,
                     "topic": topic, "needs_reply": False, "variant": [],
                     "reply_to_kind": label["kind"], "delay_s": (ms - target_ms) // 1000}
        return ms, row, out_label

    def followup(self, reply_ms: int, reply: dict, root: dict, root_label: dict) -> tuple[int, dict, dict] | None:
        rng = self.rng
        platform = reply["platform"]
        ms = self._quantise(reply_ms + int((4 + rng.expovariate(1 / 70)) * MIN_MS), platform)
        if ms >= self.end_ms:
            return None
        lang = root_label["lang"]
        table = FOLLOWUP_FI if lang != "en" else FOLLOWUP_EN
        text = rng.choice(table.get(root_label["topic"] or "generic", table["generic"]))
        if platform in ("x", "mastodon", "bluesky"):
            text = f"@{reply['author']} {text}"
        row = self._make_row(platform, ms, root["author"], root["author_id"], text, lang,
                             in_reply_to=reply["id"], parent_url=reply.get("url"))
        label = {"kind": "followup", "brand": root_label["brand"], "lang": lang, "category": root_label["category"],
                 "topic": root_label["topic"], "needs_reply": True, "variant": []}
        return ms, row, label

    def me_too(self, root_ms: int, root: dict, root_label: dict) -> tuple[int, dict, dict] | None:
        rng = self.rng
        platform = root["platform"]
        ms = self._quantise(root_ms + int((5 + rng.expovariate(1 / 120)) * MIN_MS), platform)
        if ms >= self.end_ms:
            return None
        lang = root_label["lang"]
        text = self._fill(rng.choice(ME_TOO_FI if lang == "fi" else ME_TOO_EN), root_label["brand"], platform)
        author, author_id = self._author(platform, lang)
        if author == root["author"]:
            return None
        row = self._make_row(platform, ms, author, author_id, text, lang,
                             in_reply_to=root["id"], parent_url=root.get("url"))
        label = dict(root_label, variant=["me_too"], needs_reply=True)
        return ms, row, label

    def thread(self, ms: int, row: dict, label: dict) -> None:
        """Add a root post and whatever conversation follows it."""
        self._add(ms, row, label)
        brand = label["brand"]
        if brand is None or self.full:
            return
        rng = self.rng
        if label["kind"] == "complaint" and "me_too" not in label["variant"] and rng.random() < 0.06:
            extra = self.me_too(ms, row, label)
            if extra is not None and not self.full:
                self.thread(*extra)
                if self.full:
                    return
        p = ANSWER_P.get(label["kind"], 0.0)
        if "incident" in label["variant"]:
            p = 0.9
        p *= BRAND_DILIGENCE[brand] * PLATFORM_DILIGENCE[row["platform"]]
        if rng.random() >= p:
            return
        if "incident" in label["variant"]:
            delay = int(rng.uniform(8, 70) * MIN_MS)
        else:
            delay = self._delay_ms(ms, brand, row["platform"])
        rep = self.brand_reply(ms, row, label, brand, delay)
        if rep is None or self.full:
            return
        self._add(*rep)
        if label["needs_reply"] and label["kind"] != "followup" and rng.random() < 0.15 and not self.full:
            fu = self.followup(rep[0], rep[1], row, label)
            if fu is not None and not self.full:
                self._add(*fu)
                if not self.full and rng.random() < ANSWER_P["followup"]:
                    rep2 = self.brand_reply(fu[0], fu[1], fu[2], brand, self._delay_ms(fu[0], brand, row["platform"]))
                    if rep2 is not None and not self.full:
                        self._add(*rep2)

    # ---- special rows

    def unseen_reply(self) -> None:
        """A brand reply to a post that is not in the sample (seen before the window)."""
        rng = self.rng
        brand = _weighted(rng, BRAND_WEIGHTS)
        platform = rng.choice(("x", "facebook", "instagram"))
        lang = "fi" if rng.random() < 0.7 else "en"
        ms = self._random_ms(platform)
        target_ms = ms - self._delay_ms(ms, brand, platform)
        customer, customer_id = self._author(platform, lang)
        ghost_id = self._new_id(platform, target_ms, customer, customer_id)  # reserved, never emitted
        ghost = {"platform": platform, "id": ghost_id, "author": customer}
        label = {"kind": "question", "lang": lang, "topic": rng.choice(("generic", "cards", "app"))}
        text = self._reply_text(brand, lang, label["topic"], platform, customer)
        row = self._make_row(platform, ms, self._brand_handle(brand, platform), self._brand_author_id(brand, platform),
                             text, lang, in_reply_to=ghost["id"])
        self._add(ms, row, {"kind": "brand_reply", "brand": brand, "lang": lang, "category": None,
                            "topic": label["topic"], "needs_reply": False, "variant": ["unseen_target"],
                            "reply_to_kind": None, "delay_s": None})

    def brand_posts(self) -> None:
        """The brands' own posts: not mentions, never cases."""
        s = self.start_ms
        closing = EPOCH + timedelta(milliseconds=s) + timedelta(days=34)
        close = f"{closing.day}.{closing.month}."
        posts = [
            ("Nordea", "instagram", s + 9 * HOUR_MS + 2 * MIN_MS,
             f"Joulun #nordeajoulu -kuvakisa alkoi! 📸 Jaa jouluinen kuva tunnisteella #nordeajoulu, "
             f"merkitse @nordea ja voit voittaa 500 € lahjakortin. Kisa päättyy {close}", None, True),
            ("OP", "x", s + DAY_MS + 8 * HOUR_MS + 30 * MIN_MS,
             "OP-mobiilin uusi versio on nyt saatavilla: mukana kuukausiyhteenveto ja uudistettu "
             "kortinhallinta. #OPmobiili", None, False),
            ("S-Pankki", "facebook", s + 4 * DAY_MS + 11 * HOUR_MS,
             "Huoltokatko: verkkopankki ja S-mobiili eivät ole käytettävissä sunnuntaiyönä klo 1–4. "
             "Pahoittelemme häiriötä.", None, False),
        ]
        if self.incident is not None:
            b = self.incident[0]
            posts.append(("OP", "x", b + 25 * MIN_MS,
                          "Verkkopankissa ja OP-mobiilissa on häiriöitä. Selvitämme tilannetta, pahoittelemme!",
                          None, False))
            posts.append(("OP", "x", self.incident[1] + 5 * MIN_MS,
                          "Häiriö on korjattu ja verkkopankki sekä OP-mobiili toimivat taas normaalisti. "
                          "Kiitos kärsivällisyydestä!", "prev", False))
        prev: dict | None = None
        for brand, platform, ms, text, reply_to, campaign in posts:
            ms = self._quantise(ms, platform)
            if not (self.start_ms <= ms < self.end_ms) or self.full:
                continue
            in_reply_to = None
            if reply_to == "prev":  # the all-clear threads under the outage notice
                if prev is None or prev["author"] != self._brand_handle(brand, platform):
                    continue
                in_reply_to = prev["id"]
            row = self._make_row(platform, ms, self._brand_handle(brand, platform),
                                 self._brand_author_id(brand, platform), text, "fi", in_reply_to=in_reply_to,
                                 campaign=campaign, hashtags_p=1.0 if campaign else 0.0)
            self._add(ms, row, {"kind": "brand_post", "brand": brand, "lang": "fi", "category": None,
                                "topic": None, "needs_reply": False, "variant": []})
            prev = row


# Roots generated first, whatever the seed, so every kind is present once n >= ~60.
_COVERAGE: tuple[tuple[str, dict], ...] = (
    ("question", {"brand": "Nordea", "lang": "fi"}),
    ("question", {"brand": "OP", "lang": "fi"}),
    ("question", {"brand": "S-Pankki", "lang": "fi"}),
    ("question", {"brand": "Nordea", "lang": "en"}),
    *(("complaint", {"category": c, "lang": "fi"}) for c in COMPLAINT_CATEGORIES),
    *(("complaint", {"category": c, "lang": "en"}) for c in COMPLAINT_CATEGORIES),
    ("praise", {"lang": "fi"}),
    ("praise", {"lang": "en"}),
    ("neutral", {}),
    ("spam", {}),
    ("spam", {"variant": ("phishing",)}),
    ("campaign", {}),
    ("campaign", {}),
    ("campaign", {"variant": ("duplicate_entry",)}),
    ("decoy", {"lang": "fi"}),
    ("decoy", {"variant": ("op_original_poster",)}),
    ("complaint", {"brand": "Nordea", "lang": "fi", "variant": ("misspelled", "Nordae")}),
    ("question", {"brand": "Nordea", "lang": "fi", "variant": ("misspelled", "Nordan")}),
    ("complaint", {"brand": "Nordea", "lang": "fi", "platform": "reddit", "variant": ("lowercase",)}),
    ("question", {"brand": "Nordea", "lang": "fi", "platform": "reddit", "variant": ("lowercase",),
                  "template": FORUM_FI["question"][0]}),
    ("question", {"brand": "S-Pankki", "lang": "fi", "platform": "reddit", "variant": ("lowercase",)}),
    ("incident", {}),
    ("incident", {}),
    ("incident", {}),
    ("image_only", {}),
)


def generate_labeled(n_posts: int, *, seed: int = 7, start: datetime = DEFAULT_START,
                     days: int = 7) -> list[tuple[dict, dict]]:
    """``generate`` with each row's ground truth: a dict with kind (question, complaint,
    praise, neutral, spam, campaign, decoy, image_only, followup, brand_reply,
    brand_post), brand, lang, category (complaints), topic, needs_reply and variant
    (misspelled, Nordae/Nordan, lowercase, incident, me_too, phishing, duplicate_entry,
    op_original_poster, unseen_target)."""
    if n_posts < 0:
        raise ValueError("n_posts must be >= 0")
    if days < 1:
        raise ValueError("days must be >= 1")
    g = _Gen(n_posts, seed, start, days)
    if n_posts >= 100:
        g.brand_posts()
    if n_posts >= 50:
        for _ in range(max(2, n_posts // 200)):
            if not g.full:
                g.unseen_reply()
    coverage = iter(_COVERAGE)
    while not g.full:
        spec = next(coverage, None)
        if spec is not None:
            kind, opts = spec
        else:
            kind, opts = _weighted(g.rng, KIND_WEIGHTS), {}
        made = g.root(kind, **opts)
        if made is not None:
            g.thread(*made)
    g.rows.sort(key=lambda t: (t[0], t[1]["platform"], t[1]["id"]))
    return [(row, label) for _, row, label in g.rows]


def generate(n_posts: int, *, seed: int = 7, start: datetime = DEFAULT_START, days: int = 7) -> list[dict]:
    """Exactly ``n_posts`` import-format rows between ``start`` and ``start + days``,
    sorted by created_at. Same arguments, same rows."""
    return [row for row, _ in generate_labeled(n_posts, seed=seed, start=start, days=days)]


def to_jsonl(rows: Iterable[dict]) -> str:
    """JSON Lines text exactly as ``main`` writes it."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def summarize(labeled: list[tuple[dict, dict]]) -> dict[str, Any]:
    """Counts for a quick look at a generated set (used by ``--stats``)."""
    from collections import Counter

    kinds = Counter(lab["kind"] for _, lab in labeled)
    langs = Counter(lab["lang"] for _, lab in labeled if lab["kind"] not in ("brand_reply", "brand_post"))
    brands = Counter(lab["brand"] or "-" for _, lab in labeled if lab["kind"] not in ("brand_reply", "brand_post"))
    cats = Counter(lab["category"] for _, lab in labeled if lab["kind"] == "complaint")
    platforms = Counter(row["platform"] for row, _ in labeled)
    ids = {(row["platform"], row["id"]) for row, _ in labeled}
    need = [(row["platform"], row["id"]) for row, lab in labeled if lab["needs_reply"]]
    answered = {(row["platform"], row["in_reply_to"]) for row, lab in labeled
                if lab["kind"] == "brand_reply" and "in_reply_to" in row}
    delays = sorted(lab["delay_s"] for _, lab in labeled if lab.get("delay_s") is not None)

    def q(p: float) -> float | None:
        return round(delays[min(len(delays) - 1, int(p * len(delays)))] / 60, 1) if delays else None

    buckets = Counter()
    for d in delays:
        m = d / 60
        buckets["<15m" if m < 15 else "15-60m" if m < 60 else "1-4h" if m < 240 else "4-24h" if m < 1440 else "1-2d"] += 1
    return {
        "rows": len(labeled), "kinds": dict(kinds), "lang": dict(langs), "brand": dict(brands),
        "complaint_categories": dict(cats), "platforms": dict(platforms),
        "needs_reply": len(need), "answered": sum(1 for k in need if k in answered),
        "replies_to_unseen": sum(1 for row, lab in labeled if "unseen_target" in lab["variant"]),
        "unique_ids": len(ids),
        "delay_min": {"p10": q(0.1), "median": q(0.5), "p90": q(0.9), "max": q(1.0)},
        "delay_buckets": {k: buckets[k] for k in ("<15m", "15-60m", "1-4h", "4-24h", "1-2d")},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="-", help="output .jsonl path, - for stdout (default)")
    ap.add_argument("--n", type=int, default=400, help="number of rows (default 400)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", default=DEFAULT_START.isoformat(), help="window start, ISO 8601 with timezone")
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--labels", help="also write the ground-truth labels, one JSON object a line")
    ap.add_argument("--stats", action="store_true", help="print a summary to stderr")
    args = ap.parse_args(argv)
    start = datetime.fromisoformat(args.start)
    if start.tzinfo is None:
        ap.error("--start needs a timezone, e.g. 2026-11-16T00:00:00+00:00")
    labeled = generate_labeled(args.n, seed=args.seed, start=start, days=args.days)
    text = to_jsonl(row for row, _ in labeled)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
    if args.labels:
        Path(args.labels).write_text(to_jsonl(lab for _, lab in labeled), encoding="utf-8", newline="\n")
    if args.stats:
        print(json.dumps(summarize(labeled), ensure_ascii=False, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
