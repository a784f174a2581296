"""Topics where a name that is also a word is that word: biology's DNA, the constellation Orion, a prism in optics.

Each topic is a list of word stems (Finnish and English) that belong to a field no customer post is about:
science, the sky, myth and art, optics, colour models and code, fishing, home baking, farming (a field's sprouts,
oras) and the weather (a storm's supercell). A doubtful brand form
(a short name, an abbreviation, a name that is also a word) in a post that speaks of one of them, with no
context word and no sign of a company, is read as the word. Written from each field's common vocabulary,
not from posts. The words go into the engine's lexicon, so a post's topic costs no pass of its own. Words a
customer post may hold too are left out: a lab and science (health brands), baking and recipes (food brands), a
database and a backend (any app), fog and planets, folding phones, and the fells: hiking and climbing are what
outdoor, sports and phone brands' customers write of (a fells topic, measured: as many names lost as fells told; a
fell a brand's excludes name is read by its cases and its climbing instead, name_readings.named_mountain).
"""

from __future__ import annotations

TOPIC_KEY = 3  # stems are bucketed by their first letters (for counting a topic's words)

TOPICS: dict[str, str] = {
    "biology": """biologi* biology* biolog* geeni* genomi* genetiik* geneet* kromosom* evoluut* fossiil*
        rikospaik* rikostekn* oikeuslääk* perimä* molekyyl* isyystest* sukututki* rna*
        näyte näytteen näytteet näytteitä näytteestä muinai* solubiolog* kahdentu* sediment* geologi*
        gene genes genetic* genom* chromosom* molecul* scientist* forensic* evidence
        helix ancestry sequencing replicat* mutation* fossil* evolution* paternity extract* biologist*
        arkeolog* esihistori* ancient archaeolog* archeolog* prehistor* burial* anatom* ventricle*""",
    "the sky": """tähtikuvi* tähdistö* tähtitaiva* tähtitie* tähtisumu* tähtiharrast* kaukoputk* teleskoop*
        galaksi* planeet* linnunra* revontul* astronom* avaruu* tähtien
        taivas taivaalla taivaalle taivaan taivasta taivaat
        constellation* telescope* nebula* astrophoto* stargaz* astronom* orbit* aurora* astro sky skies starry
        dipper""",
    "myth and art": """kalevala* mytologi* väinämöi* lemminkäi* kantele* kansanru* taru tarun
        tarussa ateneum* taidemuseo* maalau* taiteilij* näytelm* romaani* päähenkilö* kirjailij*
        mythology folklore painting* novel novels protagonist* playwright*""",
    "physics and optics": """fysiik* optiik* linssi* linssej* valonsät* spektri* sateenkaar* aallonpitu*
        physics optic* lens lenses refract* spectrum rainbow* wavelength*""",
    "colour and code": """css* html* rgb* cmyk* hex värimalli* värisävy* sävy sävyn sävyä kylläisyy* vaaleu*
        photoshop* lightroom* gimp javascript typescript python ohjelmoi*
        hue saturation lightness schema* orm typeorm sql* systematic meta-analy*""",
    "fishing": """kalastu* kalasta* siima* uistin* uistim* virvel* viehe vieheet vieheen pilkki* pilkin kalaan kalassa
        fishing angler* angling""",
    "home baking": """taikin* kohotu* kohota* hiiva* valurauta* kaulit*
        dough yeast""",
    "farming": """pelto* pello* peltoj* ruis rukii* vilja* viljel* kylvö* kylvä* maanviljel* traktori*
        farmland farmer* sowing sprout*""",
    "the weather": """salama* salamoi* ukkos* rajuilm* raesate* raekuuro* trombi*
        lightning* thunder* tornado* hailstorm* mesocyclon* stormchas* prairie*""",
}


TOPIC_NAMES = tuple(TOPICS)


def topic_brand(k: int) -> int:
    """The negative brand index a topic's words are registered under in the lexicon (-1 for the first topic)."""
    return -1 - k


def topic_name(brand: int) -> str:
    """The topic a negative brand index of topic_brand stands for."""
    return TOPIC_NAMES[-1 - brand]


def topic_index() -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """Stems by their first letters (stem, topic) and whole words (word -> topic), from TOPICS."""
    stems: dict[str, list[tuple[str, str]]] = {}
    words: dict[str, str] = {}
    for topic, text in TOPICS.items():
        for pattern in text.split():
            if pattern.endswith("*") and len(pattern) > TOPIC_KEY:
                stem = pattern[:-1]
                stems.setdefault(stem[:TOPIC_KEY], []).append((stem, topic))
            else:
                words[pattern.rstrip("*")] = topic
    return stems, words


_STEMS, _WORDS = topic_index()


def topic_words(lows: list[str], topic: str) -> int:
    """How many words of the post belong to `topic` (as written: its stems and words, not their inflections)."""
    stems, words = _STEMS, _WORDS
    count = 0
    for low in lows:
        stemmed = stems.get(low[:TOPIC_KEY], ())
        if words.get(low) == topic or any(t == topic and low.startswith(stem) for stem, t in stemmed):
            count += 1
    return count
