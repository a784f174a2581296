"""Finnish complaints told as events, without a judging word: nobody did what was due (kukaan ei vastannut), a
taste, smell or look of something off (maistuu lääkkeeltä, näytti ihan erilaiselta), a thing left undone (kuljetus
jää tulematta), a thing still stuck (edelleen käsittelyssä, laskuttaa vieläkin), a queue to the door or few tills
open (jono ulko-ovelle asti, yks kassa auki); and "enää" only asked about (saako kortilla enää etuja), which tells of
no loss.

Language knowledge, not configuration, read by classify.py beside tone.py's rules; complaints.py holds the frames
(kolmas päivä) and takes TASTES and OFF_TASTES, LEFT and UNDONE, STILL_WORDS and STUCK, QUEUES and REACHES,
FEW_OPEN and TILLS as frames.
"""

from __future__ import annotations

from kuulo.rules.normalise import BOUNDARY_CHARS
from kuulo.rules.question_clitics import verb_clitic

# "kukaan ei vastannut", "ei kukaan tiedä", "jota kukaan meistä ei oo tilannut": nobody did a thing that was due.
NOBODY_FI = ("kukaan", "ketään")  # "eikä ketään tiedä": the spoken object form as subject
NOBODY_NEGATORS = frozenset("ei eikä ettei".split())
# what may stand between "kukaan" and the verb: the negator, whom "kukaan" is among, the perfect's auxiliary
NOBODY_BETWEEN = frozenset("""
ei eikä meistä teistä niistä heistä siellä sieltä täällä paikalla oo ole ollut ollu ollunna vielä vieläkään
koskaan ikinä enää
""".split())
NOBODY_WINDOW_FI = 4  # "kukaan" and the verb stand at most this many words apart
# The duties nobody did: answering, helping, telling, coming, fixing, caring, ordering (what was billed); the
# present and the perfect's participle, spoken and written, and the past after "ilman että kukaan". Not knowing in
# the past ("kukaan suvussa ei tienny": news) nor noticing ("ei kukaan huomannu": a trick that worked).
DUTIES = frozenset("""
vastaa vastannut vastannu vastaile vastaillut vastasi vastas auta auttanut auttanu auttaa auttoi
ehdi ehtinyt ehtiny tiedä kerro kertonut kertonu kertoi kerto ilmoita ilmoittanut ilmoittanu ilmota ilmottanu
ilmoitti ilmotti soita soittanut soittanu soitti tule tullut tullu tuli hoida hoitanut hoitanu hoiti korjaa
korjannut korjannu korjas korjasi välitä välittänyt välittäny kuuntele kuunnellut kuunnellu palvele palvellut
reagoi reagoinut reagoinu koordinoi koordinoinut tilannut tilannu tilaa ottanut ottanu ota
""".split())
AFTER_WITHOUT = ("ilman", "että")  # "nousi ilman että kukaan kerto mitään"


def nobody_did(lows: list[str], at: int) -> str | None:
    """The reason when "kukaan" at lows[at] tells that nobody did what was due ("kukaan ei vastannut", "ei kukaan
    tiedä"), or None ("tietääkö kukaan", "ei kukaan huomannut")."""
    denied = at > 0 and (lows[at - 1] in NOBODY_NEGATORS or tuple(lows[max(0, at - 2):at]) == AFTER_WITHOUT)
    k = at + 1
    while k < len(lows) and k - at <= NOBODY_WINDOW_FI and lows[k] in NOBODY_BETWEEN:
        denied = denied or lows[k] in NOBODY_NEGATORS
        k += 1
    if denied and k < len(lows) and k - at <= NOBODY_WINDOW_FI and lows[k] in DUTIES:
        return f"{lows[at]} … {lows[k]}"
    return None


# A food or a cosmetic that tastes or smells of something off or changed: a taste verb and, within a frame's window
# (complaints.FRAMES), the ablative or allative of an off quality or of a thing that is no food ("maistuu oudolle",
# "haisee hajusteelta", "se maistuu lääkkeeltä", "maistuu nykyään ihan erilaiselta"). Not a taste of a season or a
# better one (maistuu kesältä, maistuu paremmalta), nor the same (maistuu samalta).
TASTES = ("maistuu", "maistui", "maistuvat", "maistuivat", "maistuis", "haisee", "haisi", "haisevat", "haisivat",
          "tuoksuu", "tuoksui",
          "näyttää", "näytti", "näyttävät", "näyttivät")  # a look: "sävy näytti ihan erilaiselta"
OFF_TASTES = (
    "oudolta", "oudolle", "oudolt", "erilaiselta", "erilaiselle", "laimealta", "laimeelta", "laimeelle", "vetiseltä",
    "mauttomalta", "tunkkaiselta", "eltaantuneelta", "pilaantuneelta", "vanhalta", "lääkkeeltä", "muovilta",
    "saippualta", "pahvilta", "kemikaalilta", "kemikaaleilta", "homeelta", "metallilta", "kloorilta", "bensalta",
    "hajusteelta", "viemäriltä", "mädältä",
)


# A thing left undone: a form of jäädä or jättää and, within a frame's window, a verb's abessive in -mAttA
# ("kuljetus jää kokonaan tulematta", "talo jää maalaamatta", "auto jättää lähtemättä").
LEFT = ("jää", "jäi", "jäivät", "jäänyt", "jääny", "jääneet", "jäädä", "jättää", "jätti", "jätä", "jättävät",
        "jättivät", "jättänyt", "jättäny", "jätetty", "jätettiin", "jätetään")
UNDONE = ("*matta*", "*mättä*")

# A thing still stuck: a word of "still" and, within a frame's window, a state of waiting, billing or dirt that should
# be over ("Kelassa edelleen käsittelyssä", "telia laskuttaa mua edelleen", "auto yhä likainen"). Not "vielä", which
# is as often "yet" or "more" (peli on vielä kesken), nor a state that is good to keep (edelleen paras, toimii yhä).
STILL_WORDS = ("edelleen", "edelleenkin", "edelleenki", "yhä", "yhäkin", "vieläkin", "vieläki")
STUCK = ("käsittelyssä", "jonossa", "matkalla", "kesken", "jumissa", "lajittelussa", "kuljetuksessa", "tulematta",
         "laskuttaa", "laskuttavat", "laskutti", "laskuttanut", "laskuttanu", "laskutetaan", "veloittaa",
         "veloittavat", "veloitti", "perii", "likainen", "likaisena", "odotan", "odotetaan", "odottelen")

# "enää" (any more) tells of a loss after a negator (ei saa enää käteistä); asked in a yes/no question without one it
# asks whether a thing still holds: "saako kortilla enää etuja", "käykö kukaan enää Stockalla", "eikö Haltilla oo
# enää myymälää". A question word keeps it a complaint ("kuka tätä enää omistaa"), as does a negator.
STILL = "enää"
FINNISH_NEGATORS = frozenset("ei eikä en enkä etkä emme emmekä ette ettekä eivät eivätkä ettei".split())
STILL_ASK_REACH = 20  # words before "enää" that its -ko verb or negator may stand
NEGATIVE_ASKS = frozenset("eikö eiks eikös eikse".split())  # not "et": as often "että" (mietin et saako)


def asked_if_still(lows: list[str], at: int) -> bool:
    """True when the "enää" at lows[at] is asked about by a -ko/-kö verb before it in its sentence, with no negator:
    "saako kortilla enää etuja"."""
    if lows[at] != STILL:
        return False
    asked = False
    for k in range(at - 1, max(-1, at - 1 - STILL_ASK_REACH), -1):  # bounded: a run of "enää" each looks back
        word = lows[k]
        if word[0] in BOUNDARY_CHARS:
            break
        if word in FINNISH_NEGATORS:
            return False
        asked = asked or word in NEGATIVE_ASKS or verb_clitic(word)
    return asked


# A queue that reaches somewhere ("jono ulko-ovelle asti", "kassajono ulottu ovelle asti", "jonoa kaljahyllylle
# saakka") and few tills open ("yks kassa auki", "kaks kassaa auki", "ei yhtäkään kassaa auki"): a shop
# short of staff, told by its queue. Not a queue alone (jonossa ehti jutella) nor tills counted with no few (kaikki
# kassat auki).
QUEUES = ("jono", "jonoa", "jonot", "jonoja", "jonossa", "jonosta", "jonoon", "kassajono*", "asiakasjono*")
REACHES = ("asti", "saakka", "ulottu*", "ulottui", "ylettyi", "ulos")
FEW_OPEN = ("yks", "yksi", "yhtäkään", "yhtään", "kaks", "kaksi")  # "vain yksi": tone.quick's "vain" is no few
TILLS = ("kassa", "kassaa", "kassoja", "kassat")
