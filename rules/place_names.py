"""Finnish places a post names beside a brand: towns, districts, shopping centres and regions (their nominatives).

A chain's name right before one is its branch there (Sale Kontula, Power Tammisto, Stadium Jumbo), and a name that
is also a district's is the district when set in one (Vallila in Helsinki, Eckerö on Åland). Public geography, lower
case; the towns are the larger ones and those a post about a chain's branch names most, the districts those of the
largest cities. Names that are also everyday words stay (Kallio, rock), as only a capitalised word is looked up;
a capitalised place's name or local case (Ruka, Rukalle, Forumista) is no form or misspelling of another name.
"""

from __future__ import annotations

TOWNS = frozenset("""helsinki espoo vantaa kauniainen tampere turku oulu jyväskylä lahti kuopio pori joensuu
lappeenranta hämeenlinna vaasa seinäjoki rovaniemi mikkeli kotka salo porvoo kokkola lohja hyvinkää nurmijärvi järvenpää
rauma tuusula kirkkonummi kajaani kerava savonlinna kaarina ylöjärvi kangasala riihimäki vihti raasepori
imatra sastamala raahe raisio hollola lempäälä tornio siilinjärvi iisalmi kemi kurikka valkeakoski varkaus jämsä
mäntsälä lieto heinola kouvola pirkkala sipoo hamina äänekoski uusikaupunki forssa pieksamäki kempele naantali laukaa
lapua loimaa kuusamo kauhava akaa ylivieska sotkamo ilmajoki kankaanpää kalajoki liminka alavus pietarsaari kemijärvi
lieksa nivala kitee keuruu pudasjärvi suonenjoki sodankylä kittilä inari ivalo saariselkä levi ruka ylläs utsjoki
muonio enontekiö kilpisjärvi hanko tammisaari karjaa loviisa orimattila mänttä-vilppula parainen kemiönsaari
mariehamn maarianhamina jakobstad ekenäs borgå åbo vasa""".split())
DISTRICTS = frozenset("""kamppi kallio sörnäinen vallila hakaniemi kruununhaka punavuori eira ullanlinna töölö
etu-töölö taka-töölö meilahti ruskeasuo pasila itä-pasila länsi-pasila ruoholahti jätkäsaari lauttasaari munkkiniemi
munkkivuori pitäjänmäki konala kannelmäki malminkartano pohjois-haaga etelä-haaga haaga oulunkylä käpylä koskela
arabianranta arabia kumpula toukola vanhakaupunki herttoniemi roihuvuori itäkeskus puotinharju puotila myllypuro
kontula mellunmäki vuosaari kallahti rastila meri-rastila malmi pukinmäki tapanila puistola jakomäki pihlajamäki
viikki latokartano maunula paloheinä kalasatama kulosaari laajasalo santahamina suomenlinna pikku-huopalahti
vallisaari kaartinkaupunki kluuvi kaivopuisto katajanokka hernesaari
tapiola leppävaara otaniemi niittykumpu matinkylä olari kivenlahti espoonlahti soukka kauklahti espoonkeskus
karakallio viherlaakso laajalahti westend haukilahti suurpelto
tikkurila myyrmäki martinlaakso hakunila korso koivukylä aviapolis tammisto pakkala kivistö hämeenkylä
hervanta tesoma lielahti linnainmaa amuri pispala nekala kissanmaa härmälä lentävänniemi
hämeenpuisto tammela
varissuo runosmäki hirvensalo halinen
tuira kaakkuri linnanmaa toppila ritaharju
kortepohja keljo kuokkala vaajakoski palokka
""".split())
CENTRES = frozenset("""sello redi tripla forum citycenter itis jumbo
isoomena iso-omena ratina koskikeskus ideapark skanssi zeppelin kaari-keskus columbus fiftari""".split())
REGIONS = frozenset("""åland ahvenanmaa lappi lapland uusimaa pirkanmaa varsinais-suomi pohjanmaa kainuu karjala
pohjois-karjala etelä-karjala savo pohjois-savo etelä-savo häme kanta-häme päijät-häme kymenlaakso satakunta
keski-suomi""".split())

PLACES = TOWNS | DISTRICTS | CENTRES | REGIONS


def is_place(token: str) -> bool:
    """Whether a capitalised token is a Finnish place's name, in the nominative or an English genitive (Kallio's)."""
    low = token.lower()
    return token[:1].isupper() and (low in PLACES or low.endswith(("'s", "’s")) and low[:-2] in PLACES)  # Kallio's


# The cases in which one is at, in, goes to or comes from a place (Rukalla, Rukalle, Kuusamossa): a name's genitive
# (Rukan) is left to the brand, as it is a company's too.
LOCAL_ENDINGS = ("lla", "llä", "lle", "lta", "ltä", "ssa", "ssä", "sta", "stä")


def place_named(token: str, finnish: bool) -> str:
    """The place a capitalised token names, in the nominative or (Finnish) a local case of a stem that changes no
    letter (Rukalle, Kuusamossa, Forumista), lower-cased; or ""."""
    if not token[:1].isupper():
        return ""
    low = token.lower()
    if low in PLACES:
        return low
    if finnish and len(low) > 5 and low.endswith(LOCAL_ENDINGS):
        stem = low[:-3]
        if stem in PLACES:
            return stem
        if stem[-1] == "i" and stem[:-1] in PLACES:  # the linking i after a consonant: Forumista
            return stem[:-1]
    return ""
