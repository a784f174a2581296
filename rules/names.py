"""People's names a brand can share: common given names and surnames (Finnish, Nordic, English), lower-cased.

A compact list written for Kuulo from public knowledge (the most common names given in Finland over the last
century, and common English ones), not a register: it tells a person's full name (Sampo Terho, Karl Fazer,
Keskisen Pertti) from a brand's name beside another word. Names that are also everyday words (onni, toivo,
satu, tuuli) are in the list; the matcher does not trust them where the word reading fits.
"""

from __future__ import annotations

import re

GIVEN_NAMES = frozenset("""
aada aapo aarne aaro aatu ahti aila aimo aino aki akseli aleksi aleksanteri alisa alma alvar amanda anja anna
anne anneli annika anni anniina antero anton antti ari arja arto arttu arvo asko atte aulis auvo eemeli eero
eetu eija eila eino eveliina eevi elias elina eliisa elisa ella ellen elli elmeri elsa emil emilia emma
ere erik erika erja erkki esa esko eveliina hanna hannele hannu harri heidi heikki heli helena helen helmi
henna henri henrik hilkka hilla hilma iida iiris ilkka ilmari ilona inkeri irja irma irmeli jaakko jali jani
janne jari jarkko jarmo jenna jenni jere jesse jimi joel johanna johannes joni jonna jorma jouko jouni juha
juhani juho jukka julia jussi juuso jyrki jari kaarina kaarlo kai kaija kaisa kalervo kalle kari karl karoliina
katariina kati katja kauko kerttu kimmo kirsi kirsti kristiina kustaa kyösti kaija lahja laila lasse lauri
leena leevi leila lenni liisa lilja linnea lotta lauha lumi maaria maija maire marja marjatta marjo marjut
markku marko markus martti matias matti mauno meeri merja mervi mika mikael mikko milla minna minja mirja
mirjami mirka nea niilo niina niklas niko noora nooa oliver olli onni oona oskari otso outi paavo pasi patrik
pauli paula pekka pentti pertti petra petri petteri pia pirjo pirkko raija raimo raili rasmus reijo reino
riikka riitta risto ritva ronja sampo samu sami samuel sanna santeri sara sari satu seija selma severi siiri
simo sinikka sirpa sisko sofia sointu sonja sulo susanna suvi taina taisto tapani tapio tarja taru teemu
teija teppo terhi terho teuvo timo tiina tuija tuomas tuomo tuula tuuli tytti ulla unto urho usko vaino valtteri
veera veikko vesa vieno viljami ville vilma vilho virpi väinö yrjö
olavi kalevi ensio einari reima annikki kyllikki orvokki helvi aune aili sirkka terttu
jaana päivi anu mari tanja tero tommi toni ismo
adam alan albert alex alice amy andrew angela ann anthony arthur barbara ben benjamin beth brian carl carol
catherine charles charlie charlotte chris christine claire daniel david deborah diana donald dorothy edward
eleanor elizabeth emily eric frank george grace hannah harry helen henry isabel jack jacob james jane jennifer
jessica joe john jonathan joseph julie karen kate kevin laura linda lisa louise lucy margaret maria mark martin
mary matthew michael nancy nicholas olivia patricia paul peter rachel richard robert ruth sam sarah simon sophie
steven susan thomas tom victoria william
karin kristian lars magnus nils ola olof per stefan sven
""".split())

# First names that are also everyday words (hope, faith, a fairy tale, snow): before a brand they are the word
# (Usko Kelaan on mennyt), so they never make it a person's name there.
WORD_NAMES = frozenset("""onni toivo usko satu lumi tuuli taru into armas lempi sulo aimo valo rauha lahja ilma kaino
kai sisko veikko ilona vieno sointu helmi lilja urho mark frank grace""".split())

SURNAMES = frozenset("""
korhonen virtanen mäkinen nieminen mäkelä hämäläinen laine heikkinen koskinen järvinen lehtonen lehtinen
saarinen salminen heinonen niemi heikkilä kinnunen salonen turunen salo laitinen tuominen rantanen karjalainen
jokinen mattila savolainen lahtinen ahonen keskinen hiltunen toivonen leppänen hakala nurmi lindholm
smith jones williams brown taylor johnson wilson davies evans thomas
""".split())
SURNAME_ENDING = "nen"  # a Finnish surname shape: Virtanen, Keskinen
SURNAME_SHAPES = ("nen", "sto", "stö")  # ... and after a first name also: Koivisto, Kuusisto, Ylöstö
# A -nen surname in its cases, a vowel before them (Ahosen, Virtaselle; not Yrityksen): after a first name, a person
SURNAME_CASE = re.compile(r"[aeiouyäö](?:nen|s(?:en|een|elle|ella|ellä|elta|eltä|essa|essä|esta|estä))$")
