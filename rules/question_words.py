"""The closed word classes that decide whether a post asks something (rules/questions.py reads them): question
words, auxiliaries, clitics, pleas, request verbs, politeness formulas and the words that make a question-shaped
sentence tell instead of ask."""

from __future__ import annotations

FI_INTERROGATIVES = frozenset("""
miksi miksei mikset miks miten mitenkä mites milloin milloinka missä missäs mistä mistäs mihin
mihinkä minne mikä mikäs mitä mitäs minkä millä miltä mille millainen millaista millaisen
minkälainen minkälaista kuka kukas ketä kenen kenelle keneltä kenellä keneen kehen kenestä kenet kuinka kuinkas
paljonko montako kauanko kumpi kumman kumpaa kumpaan kummasta kummalla
mitenhän mikähän mitähän missähän mistähän mihinhän milloinhan kukahan kenenhän miksihän paljonkohan
millon millonka mita mitas missa mista milta
""".split())  # spoken (millon) and written without umlauts (mita kannattaa); not mika, milla: first names
# Any question word takes the clitic -han/-hän of wondering ("Kuinkahan monta", "montakohan", "kenellehän"), in
# the harmony of its vowels; the forms listed above are kept, with or without it.
FI_INTERROGATIVES = FI_INTERROGATIVES | {
    w + ("han" if "a" in w or "o" in w or "u" in w else "hän") for w in FI_INTERROGATIVES
    if not w.endswith(("han", "hän", "s"))}
# Words after a question word that make an exclamation: "Mitä ihmettä!", "Kuinka ihanaa".
FI_INTENSIFIERS = frozenset("ihmettä hittoa helvettiä hemmettiä vittua perkelettä".split())  # what on earth
FI_EXCLAMATIVE_NEXT = frozenset("""
ihmettä ihme hittoa helvettiä hemmettiä vittua perkelettä päivä ihana ihanaa kiva kivaa upea upeaa
hieno hienoa mahtava mahtavaa loistava loistavaa tuuri säkä fiasko sotku farssi soppa surkea vaikeeta vaikeaa
hankala hankalaa sattuma yllätys ylläri
surkeaa kamala kamalaa kauhea kauheaa hyvä hyvää ihmeen tahansa hyvänsä ikinä enemmän vähemmän
""".split())
EN_ALWAYS = frozenset({"why", "who", "whom", "whose", "what", "which", "whats", "what's", "who's", "where's",
                       "how's", "why's"})
EN_EXCLAMATIVE_NEXT = frozenset({"a", "an", "the"})  # after a bare 'what': "What a day", "What the hell"; not
# "What's the point", "why the new zone costs more"
EN_EXCLAMATIVE = "what"
EN_WHEN = frozenset({"how", "when", "where"})  # questions only before an auxiliary: "When will ..."
EN_AUX = frozenset("""
can could does do did is are was were will would should shall has have had may might am
isn't aren't doesn't don't didn't wasn't weren't won't wouldn't can't couldn't shouldn't haven't hasn't
""".split())
EN_HOW_NEXT = frozenset({"much", "many", "long", "often", "far", "soon", "old", "come", "to"}) | EN_AUX
# After an auxiliary, a subject makes a question ("Can I ...", "Is the app ...", "Does Nordea ...").
EN_SUBJECTS = frozenset("""
i you we they he she it there this that these those my your our their his her its the a an
anyone anybody someone somebody everyone everybody nobody anything something
anyone's anybody's someone's somebody's everyone's everybody's nobody's
""".split())
# ... and so does a bare plural noun with a participle or a state after it ("are trains running or not", "are stores
# open on Sunday"), which no statement opens with
BARE_PLURAL_AUX = frozenset("are were aren't weren't".split())
EN_STATES = frozenset("open closed available down late delayed cancelled canceled included free allowed".split())
EN_PERSONS = frozenset("i you we they anyone anybody someone somebody".split())  # "Nordea can I ..."
# After the brand's @handle first, an auxiliary asks before these too ("@HSL_HRT is the metro running", "@Elisa is
# there an outage"), not before an article or a possessive ("@Wolt is a joke", "@Fazer is my favourite"), nor before
# 'the' and a superlative ("@Posti is the worst").
HANDLE_SUBJECTS = frozenset("the there it this that".split())
NOT_A_SUBJECT = frozenset("best worst only most least greatest biggest reason one same real".split())
GREETINGS = frozenset("hei moi moikka terve huomenta iltaa heippa morjes hi hey hello dear yo".split())
# Discourse markers before a clause leave its start open, as greetings do: "Honestly who designed this", "Ok so
# can I", "Oikeesti miks".
DISCOURSE_MARKERS = frozenset("""
honestly seriously srsly ok okay okei well anyway btw also then oikeesti oikeasti muuten
""".split())
EMOJI_FROM = "\u2000"  # a token beginning above this is an emoji (letters of Latin, Greek, Cyrillic are below)
# Please before a question word leaves the clause open for it: "Nordea pls miks ..." (not "Please don't").
PLEASE = frozenset("pls please plz plis pliis".split())
PLEASE_AUX = frozenset("can could would will may".split())  # "Please can you check my order", not "Please don't"
# "orion miks 😤", "...and now this. why": a why-word closing its clause asks, unless it is told
# ("en tiedä miks", "no idea why", "that's why").
TRAILING_WHY = frozenset("miks miksi why".split())
NOT_TRAILING_WHY = frozenset("""
tiedä tiedän tietää ymmärrä ymmärrän muista siks siksi sen se sanoa sano sanoi kertoa kerro kertoi selittää kysy
kysyny kysynyt kysyi asked kertonut kertonu kertoneet sanonut sanonu sanoneet selittänyt selittäny perustellut
that's thats that this idea know wonder reason is see why tell told say said explain explained me us mulle meille
be was probably maybe
""".split())  # also "that might be why", "probably why"
# Words of a noun phrase before 'vai' that open a choice asked without a '?': "hsl:n kausilippu vai kertalippuja".
CHOICE_WORDS = 3
# Finnish words that begin a new clause: the word after them is clause-initial ("mutta toimiiko").
FI_JOINERS = frozenset("mutta että eli vai entä siis joten mut et tai but so".split())
CLITICS = ("kohan", "köhän", "kos", "kös", "ko", "kö", "ks")  # -ks is spoken: onks, voiks
# Verbs that take the spoken -ks: a list, since -ks is also the spoken translative (uusiks, pieniks) and English
# plural (thanks, weeks).
KS_VERBS = frozenset("""
on oli olis ois voi vois saa sais tulee menee toimii löytyy pitää pitäis osaa tietää tiedätte kannattaa
kannattais näkyy käy pääsee riittää maksaa tarvii tarttee jaksaa onnistuu ehtii vastaa auttaa ei oo
""".split())
NOT_CLITIC_ENDS = ("katko", "jatko", "tanko", "sanko", "aurinko", "osinko", "vahinko")  # huoltokatko, vesivahinko
NOT_CLITIC = frozenset("""
jako pako lako rako tako teko seko reko jatko ruoko niko heiko hanko kanko sanko punko renko
koko joko eko miko kaiko laiko pako moko katko tanko sanko vanko pinko aurinko osinko eiköhän tiesittekö tiesitkö
linko lumilinko pyykkilinko
""".split())
# Indirect questions: a request or wish to know, then a question word within INDIRECT_WINDOW words.
# The conditional ones ask only after someone or an if: "jos joku vastais miks", not "hän kertoisi miten".
FI_ASK_CONDITIONAL = frozenset("""
kertois kertoisi vastais vastaisi selittäis selittäisi neuvois neuvoisi kertoa kertoo selittää
""".split())  # kertoa, kertoo: "joku vois kertoo miks", not "hän kertoo miksi"
FI_SOMEONE = frozenset("joku jos kukaan te".split())
# A thing or a third person right before the verb is its subject, so it tells: "tämä selittää miksi", "se kertoo miten".
FI_TELLERS = frozenset("tämä tää se ne nämä nää hän joka mikä".split())
FI_ASK = frozenset("""
kertokaa kertoisitte kertoisitko neuvokaa neuvoisitte tietää tietäisin ihmettelen mietin pohdin
kysyisin kysyn selittäkää sanokaa
""".split()) | FI_ASK_CONDITIONAL
EN_ASK = frozenset("wondering wonder tell know idea explain ask asking eli5".split())  # eli5: explain like I'm five
EN_ASKING = frozenset("ask asking asked".split())
INTERJECTED = frozenset({"what", "mitä"})  # alone in a sentence without a '?', disbelief: "what", "siis mitä"
# Words right before 'asking' that make the question another's, told: "people keep asking me if" (not "I keep asking")
ASKED_BY_OTHERS = frozenset("keep keeps kept they he she people everyone everybody everyone's".split())
EN_INDIRECT_NEXT = frozenset("if whether why how what when where who which who's what's".split()) | {"me"}
INDIRECT_WINDOW = 3
CONCESSIVE_STEM = 3  # letters a verb asking again shares with the asking one: "sanokaa mitä sanotte" concedes
ANY_WORDS = frozenset({"any", "anyone", "anybody"})
# Puzzlement at what a company does, put as a question: "mä en ymmärrä miks Valion maitoa ei saa enää
# lasipullossa", "I do not understand why the bill is 480 euro" (a negator, fillers, then why or how after the verb).
PUZZLED = frozenset("ymmärrä tajua tajuu käsitä understand".split())
PUZZLED_NEGATORS = frozenset("en ei don't dont not".split())
PUZZLED_FILLERS = frozenset("kyl kyllä vaan vain oikein vieläkään millään just really even still".split())
PUZZLED_NEXT = frozenset("miks miksi miten mitenkä why how".split())
PUZZLED_AT_PEOPLE = frozenset("jotkut ihmiset muut kukaan mä mää mie minä people some others anyone i".split())
# "en ymmärrä miten jotkut tykkää ulkomaisista", "en ymmärrä miks mä edes yritin": people's taste or one's own doing
PUZZLED_CLAUSE = 30  # words looked at for its '!'
PUZZLED_DEGREE = frozenset("näin so such".split())  # with a '!' closing it, wonder at how good: "en tajua miten tää
# voi olla näin hyvää!", "I don't understand how this is so good!"
NOT_WONDERING = frozenset("no don't dont didn't never en ei nobody".split())  # "no idea why", "I don't know why"
CANNOT = frozenset("can't cant cannot".split())  # right before: "I can't tell if the rent went through" (not "Cant
# anyone tell me when", "Can't you tell me if")
EN_ASK_PAIRS = frozenset({("how", "about"), ("what", "about"), ("any", "idea"), ("any", "ideas"),
                          ("anyone", "know"), ("anybody", "know"), ("somebody", "explain"),
                          ("any", "update"), ("any", "updates"), ("any", "news"), ("need", "help"),
                          ("let", "me"), ("anyone", "got"), ("anyone", "have"), ("anyone", "tried"),
                          ("anyone", "else"), ("anyone", "recommend"), ("any", "tips"), ("any", "advice"),
                          ("any", "recommendations"), ("any", "suggestions"), ("any", "other"),
                          ("any", "estimate"), ("any", "eta"), ("any", "word"), ("any", "info"), ("any", "chance"),
                          ("anyone", "else's"), ("anyone", "managed"), ("anyone", "done"), ("anyone", "seen"),
                          ("anyone", "used"), ("anyone", "noticed"), ("anyone", "experienced"), ("anyone", "been"),
                          ("anyone", "having"), ("anyone", "getting"), ("anybody", "else"), ("anybody", "got"),
                          ("anyone", "want"), ("anybody", "want"), ("anyone", "wanna"), ("anyone", "interested")})
# Pleas at the brand: a reply is owed without a '?'.
FI_PLEAS = frozenset("""
auttakaa auttaisitteko vastatkaa vastaisitteko soittakaa korjatkaa hoitakaa palauttakaa
selvittäkää tehkää pliis ottakaa laittakaa lähettäkää tarkistakaa hyvittäkää toimittakaa ilmoittakaa
neuvokaa tuokaa suositelkaa selittäkää kertokaa vinkatkaa äänestäkää
""".split())
ALONE_PLEAS = frozenset({"apua", "help"})  # a plea when they begin a clause or end in '!': "Apua!", "Help me"
# A determiner, possessive or preposition before it makes the word a noun, no plea: "thanks for the help!", "all
# your help!" (a plea is "Help!", "Please help!", "Apua!").
HELP_TAKERS = frozenset("the your their his her our my all for of with this that such no".split())  # "any help!" asks
EN_PLEA_LEAD = frozenset({"please", "pls", "plz", "plis", "someone", "somebody", "kindly"})  # kindly advise
EN_PLEA_VERBS = frozenset("""
help respond reply answer fix call contact refund advise check sort look get dm assist bring add send give
stop change update restock open keep put tell explain confirm cancel let make
unblock unlock resolve process revert expedite arrange escalate reactivate reopen release reset restore waive replace
guide suggest investigate clarify inform rectify verify email ring share deliver return message text ping pm
correct reimburse compensate
""".split())  # share: "please share 🙏"; correct: "Kindly correct it and revert back"
# Requests that begin a clause and end it or take please/me: "Explain.", "refund pls", "dm me if ...".
EN_REQUESTS = frozenset("explain refund dm advise respond reply".split())
EN_REQUEST_NEXT = frozenset({"", "please", "pls", "plz", "me", "us", "asap"})
# "DM me" and what follows it in an offer of details, no plea: "DM me for details", "message me if interested"
OFFER_VERBS = frozenset("dm message pm msg text email".split())
OFFER_FOR = frozenset("details detail info information more prices price pics photos".split())
OFFER_IF = (("interested",), ("you", "want"), ("you're", "interested"), ("you", "are", "interested"), ("you'd", "like"))
# Requests that begin a clause and take please or me right after them, no other word: "Fix pls", "Message me".
EN_REQUESTS_ME = frozenset("fix message".split())
EN_REQUEST_ME_NEXT = EN_REQUEST_NEXT - {""}
# "Did you know ...?", "guess who ..." tell something, at a sentence start.
TEASERS = frozenset({"tiesittekö", "tiesitkö", "arvatkaa", "arvaa", "arvaatteko", "arvaatko", "arvaakko"})
LONG_EXCLAMATION = 6  # an exclamative start ("Mikä ihme") before '?!' still asks when this many words follow
HEDGE_WORDS = 3  # a '?' closing a parenthesis of this many words or fewer is a hedge: (ehkä ?)
# What a writer unsure of a figure adds between a '?' and the parenthesis it closes: "(vai oliko -50? en muista)",
# "(or was it Tuesday? can't remember)"; lower case, apostrophes straight, spaces single.
UNSURE_TAILS = frozenset({
    "en muista", "en muista enää", "en muista tarkkaan", "en tiedä", "en tiiä", "en tii", "en oo varma",
    "en ole varma", "muistaakseni", "luulisin", "luulen", "kai", "tms", "tjsp", "tai jotain",
    "not sure", "can't remember", "cant remember", "don't remember", "dont remember", "i forget",
    "i think", "i believe", "i guess", "idk", "iirc", "or so", "or something", "don't quote me",
})
# A figure given as a guess: "jotain 90 euroa? en muista tarkkaan", "about 40 quid? not sure" (with an UNSURE_TAILS
# remark right after the '?').
APPROXIMATELY = frozenset({"jotain", "joku", "noin", "suunnilleen", "about", "around", "roughly", "like", "approx"})
# The tokeniser drops commas and colons; a clause they open is found in the text: "sovellus: miten saa",
# "Ostin lipun, toimiiko se", "Ordered on Monday, when will it come".
# Question words that are seldom relative pronouns, so a comma before them opens a question.
FI_AFTER_COMMA = frozenset("""
miksi miks miksei mikset milloin millon miten mitenkä mites kuinka paljonko montako kauanko kuka kumpi kumpaan
mihin minne mitä mitäs mita ketä kenen kenelle keneltä kenellä keneen kehen kenestä kenet kumman kumpaa
""".split()) | {w for w in FI_INTERROGATIVES if w.endswith(("hän", "han"))}
# missä / mistä open a relative clause after a comma as often as a question ("Prisma, missä kävin"); they ask when
# the clause has a question particle ("..., mistä näitä lippuja oikein löytää"), no person ("..., mistä sitä saa",
# "..., mistä näkee") or no verb ("..., missä vika").
FI_WHERE_AFTER_COMMA = frozenset("missä mistä missa mista".split())
FI_ASKING_PARTICLES = frozenset("oikein ihmeessä ihmees".split())
FI_ZERO_PERSON = frozenset("""
saa saisi sais saakaan näkee näkis näkisi löytää löytäis löytäisi kannattaa kannattais kannattaisi
""".split())  # not voi, löytyy: "sovellus, missä voi seurata tilausta", "sivu, mistä löytyy kaikki" relate
FI_ZERO_OBJECTS = frozenset("sitä niitä ne näitä noita tätä tota tuota sen semmosia sellaisia tollasia".split())
FI_VERBLESS_FAULTS = frozenset("vika vikana ongelma ongelmana".split())
# Words before a comma that make the clause after it an object, not a question: "Kerro, mitä tarvitset".
FI_NOT_ASKING = frozenset("""
kerro kerron kerroin kerrottiin tiedä tiedän tiedät tiedetään ymmärrä ymmärrän ymmärsin muista muistan
katso katsotaan näet nähdään selvisi riippuu väliä huomaa huomasin arvaa ihme sama kaikki kaiken se sen
sitä siitä jotain mitään ne niitä niistä asia juuri ainoa paikka paikkaan
""".split())
# Verbs before a -ko/-kö word that report a question rather than ask one: "en tiedä onko", "kysy tuunko".
FI_REPORTING = frozenset("""
tiedä tiennyt tiedetä kysy kysyi kysyy kysyivät kysyttiin muista muistanut katsotaan katson katsoin
tarkistan tarkistin tarkistetaan selvitän selvitin selvitetään riippuu väliä nähdä
katotaan kattoo katon katoin katottiin tsekataan tsekkaan nähään nähdään kysyny kysyin kysyimme kysyit
miettii mietti miettivät pohtii pohti pohtivat tsekata tarkistaa katsoa kattoa selvittää
kyseli kyselivät kyselee kyselevät kyseltiin kysellyt kyselly tiiä tiijä tieä
näkee näkyy näki näkyi näet näät
""".split())  # spoken too: "katotaan onko parempi"; another's doubt, advice to check: "miettii jatkaako", "kannattaa
# tsekata onko" (not the asker's own "mietin onko", nor "haluan kysyä onko")
# Exclamations that look like questions: "Mihin tää maailma menee", "Who knew".
RHETORICAL = frozenset({("mihin", "tää"), ("mihin", "tämä"), ("minne", "tässä"), ("minne", "ollaan"),
                        ("mitä", "tää"), ("who", "knew"), ("who", "cares")})
# "Elisalle kysymys: toimiiko", "Kaks kysymystä: 1) ..."
ANNOUNCED = frozenset("kysymys kysymystä kysymyksiä question questions kysyisin".split())
EN_BE = frozenset("is are was were".split())  # "..., what is going on": a question word, be and a progressive
EN_PROGRESSIVE = "ing"
EN_AFTER_COMMA_SUBJECTS = frozenset("i you we they he she it there that this anyone anybody someone somebody".split())
# Endings of a verb stem before -ko/-kö: a long vowel or diphthong (toimiiko, voiko), a conditional (olisiko),
# a personal ending (oletteko, olenko, ovatko); a noun's short vowel (jako, teko) is none.
VERB_STEM_ENDS = ("aa", "ee", "ii", "oo", "uu", "yy", "ää", "öö", "äy", "uo", "yö", "ie",
                  "i", "tte", "mme", "is")  # käy-, juo-, syö-, vie-; vois-, pitäis-: the spoken conditional
# (no finite verb ends in -au, -ou, -eu or -iu: tau-ko, a break, is a noun)
PERSONAL_ENDS = ("n", "t")  # olen-, voit-, ovat-: a stem of four letters or more (jatko, kanko are nouns)
SHORT_VERBS = frozenset({"on", "en", "et", "ei", "oot", "oon"})  # onko, enkö, etkö, eikö; spoken ootko, oonko
# Demonstratives the clitic asks on as it does on a verb, fronting what is asked about: "tästäkö ollaan ylpeitä",
# "Tämäkö on asiakaspalvelua", "Sekö on nyt uusi hinta" (not "niinkö", a reaction)
CLITIC_PRONOUNS = frozenset("""
tämä tää tätä tästä tähän tässä tällä tältä tälle se sitä siitä siihen siinä sillä siltä sille nämä nää näitä
näistä niitä niistä tuo toi tuota tota tuosta tosta tuohon tohon tuossa tossa
""".split())
# A '?' that the writer answers at once, with one word as its own sentence, asked nothing: "Worth it? No.",
# "Kannattiko? Ei." And one followed by an emoji of amazement is wonder, not a question: "Miten? 😮".
ANSWER_WORDS = frozenset("""
yes no nope nah yep yup yeah none never nothing zero absolutely definitely obviously totally sure
ei eipä joo juu kyllä tietysti tietenkin todellakin ehdottomasti varmasti
""".split())
# A second word that keeps a one-word answer one: "Worth it? Absolutely not.", "No way.", "Ei ikinä."
ANSWER_TAILS = frozenset("not way really ever todellakaan ikinä koskaan".split())
AMAZED = frozenset("😮😯😲🤯")
# Who would have thought: "Kuka olis uskonu", "Who would've guessed" (a phrase after kuka/who, as words).
RHETORICAL_WHO = frozenset({"kuka", "who"})
RHETORICAL_AFTER_WHO = tuple(f"{phrase} " for phrase in (
    "olis uskonu", "olis uskonut", "olisi uskonut", "ois uskonu", "olis arvannu", "olis arvannut", "olisi arvannut",
    "ois arvannu", "would have thought", "would've thought", "would have guessed", "would've guessed",
    "would have known", "would've known", "would have believed", "would've believed", "would believe", "would think",
    "could have guessed", "could've guessed"))
# Set phrases shaped as questions that exclaim or mock, asking nobody: "What could possibly go wrong", "who hurt you".
SET_PHRASES = tuple(f"{phrase} " for phrase in (
    "what could possibly go wrong", "who hurt you", "who hurt u", "what else is new", "what did i expect",
    "what did you expect", "what more could you ask", "what more can you ask", "mitä muuta voi pyytää",
    "mitä muuta elämältä voi", "mitä muuta voi toivoa", "mitä muuta elämältä voisi"))  # resigned or content
# A changed brand greeted as a stranger, in praise: "who are you and what have you done with the real Kela".
PRAISE_AFTER_WHO = tuple(f"{phrase} " for phrase in (
    "are you and what have you done", "are you and what did you do", "r u and what have u done",
    "are you and what've you done"))
# Who-did-this closing a post without a '?' and naming no brand blames, asks nobody: "kuka tän keksi", "Kuka näitä
# tarkistaa", "who plans this" (a verb of designing, deciding or overseeing and this or these); "kuka tän korvaa",
# "who will fix this" ask, and so does any of them at a brand (question_apart.told).
BLAME_VERBS = frozenset("""
keksi keksii keksiny keksinyt suunnitteli suunnittelee suunnitellu suunnitellut päätti päättää päättäny
päättänyt tarkistaa tarkasti muistaa hyväksyi hyväksyy
designed designs plans planned decided decides approved approves invented thought
kirjoitti kirjoittanu kirjoittanut teki tehny tehnyt rakensi rakentanu rakentanut wrote written made built
""".split())  # and the past of making: "kuka tän teki", "kuka tän on kirjoittanut", "who wrote this"
BLAME_AUX = frozenset("on oli has had".split())  # a perfect between: "kuka tän on kirjoittanut", "who has made this"
THIS_WORDS = frozenset("tän tämän tätä näitä nää nämä noita this these that".split())
# Why asked of oneself about one's own past doing is self-reproach, when nobody is addressed: "Miks mä tulin tänne",
# "Miks en tehny tätä aiemmin", "why did I pay Telia 35 for years" (not "why did I get charged", "miks en saanut
# vastausta", nor "@Telia why did I pay twice", "why did I pay, can you check").
SELF_SUBJECTS = frozenset("mä mää minä mie".split())  # then a verb in the past: tulin, ostin, maksoin
SELF_DID = frozenset("did didn't didnt".split())  # "why did I pay", "why didn't I switch"
SELF_PARTICIPLE_ENDS = ("nut", "nyt", "nu", "ny")  # "miks en tehny", "miksi en vaihtanut"
SELF_NOT = frozenset("""
get got receive received have need lose lost saa saanu saanut tarviin tarvin tullu tullut päässy päässyt
""".split())  # what befell the writer, or a need, asks who did it: "why did I get charged", "miks en saanut"
ADDRESSED = frozenset("you your you're u te teidän teillä teille teiltä teitä".split())
# ... and asked whoever is addressed when it regrets not doing it sooner: "@moimobiili vaihdoin teille … miks en tehny
# tätä aiemmin", "why didn't I switch sooner" praise the brand.
SOONER = frozenset("aiemmin aikaisemmin aikasemmin aijemmin sooner earlier".split())
SOONER_REACH = 4  # words after the verb the regret's 'sooner' may stand
# Others after a question word call the readers in: "kuka muu jättää koneen päälle 😂", "who else does this" ask.
OTHERS = frozenset("muu muut muulla muullakin muilla else".split())
# Advice asked for without a question: "kokemuksia otetaan vastaan", "Ideoita kaivataan", "tips welcome",
# "kaivataan vinkkejä", "need advice", "send tips", "drop your recs" ("send help" is a joke, so not help).
ADVICE_NOUNS = frozenset("""
tips advice suggestions recommendations recs ideas pointers experiences thoughts input help
vinkkejä vinkkiä vinkit vinkki neuvoja neuvoa neuvot apua ideoita ideat suosituksia suositukset kokemuksia
kokemukset kokemuksii mielipiteitä näkemyksiä
""".split())
ADVICE_WELCOME = frozenset("""
welcome appreciated needed wanted kaivataan tarvitaan tervetulleita tervetullutta arvostetaan otetaan
""".split())  # 'otetaan' only before 'vastaan': "vinkit otetaan käyttöön" tells
ADVICE_WANTED = frozenset("""
need needed needing want seeking kaivataan tarvitaan kaipaan kaipaisin tarvitsen tarvitsisin tarviin tarvisin tarttisin
""".split())
ADVICE_GIVE = frozenset("send share drop give throw".split())  # "send tips", "share your experiences"
ADVICE_FILLERS = frozenset("me us your some any all a few good gladly greatly very much are is kaikki".split())
# Politeness formulas that ask without a question: a filler between please and its verb ("Please just call me
# back"), please do something, "do the needful", "Request you to ...", "I'd be grateful if ...".
PLEA_ADVERBS = frozenset("just kindly urgently immediately now again finally someone somebody".split())
# A request with a verb no list holds, told by its object right after it: "please sand the ramps", "salt the steps
# please", "please honour it"; after these words only, and not with the verbs of a notice or a wish ("please note
# the", "please enjoy the", "please excuse my").
POLITE = frozenset("please pls plz plis kindly".split())
REQUEST_OBJECTS = frozenset("it them this that these those the my our your his her us me him".split())
NOT_REQUEST_VERBS = frozenset("""
note enjoy remember be stay bear mind consider excuse forgive pardon welcome meet see join visit try like follow
subscribe find read do don't dont god respect pass use
""".split())  # respect: "please respect my privacy"; pass: praise's "please pass it on"; use: a notice's "please use"
REQUEST_VERB_MIN_LETTERS = 3
DO_OBJECTS = frozenset("something anything".split())  # "please do something"; not "please do try it"
EN_PLEA_PAIRS = frozenset({("request", "you"), ("requesting", "you"), ("humbly", "request")})
# Finnish verbs of asking for something ("Pyytäisin tarkistamaan"), not before these ("pyydän anteeksi" apologises).
FI_REQUEST_VERBS = frozenset("pyydän pyytäisin pyydämme pyytäisimme".split())
FI_NOT_REQUEST_NEXT = frozenset("anteeksi anteeks".split())
NEEDFUL = "needful"  # "do the needful"
GRATEFUL = frozenset("grateful thankful appreciate obliged kiitollinen kiitollisia arvostaisin arvostaisimme".split())
GRATEFUL_IF = frozenset("if jos".split())  # within two words: "grateful if", "appreciate it if", "kiitollinen jos"
WOULD = frozenset("would i'd we'd".split())  # "I would appreciate a call back"
# "I'd like a manager to call me", "We would like someone to explain" (not "I'd like to say thanks": 'to' is left
# to 'like to know').
LIKE_OBJECTS = frozenset("a an someone somebody you".split())  # not "I would like my shoes back"
# "tell me" or "tell us" closing a clause asks: "patience or instant happiness, tell me" (not "Tell me about it").
TELL = "tell"
TELL_WHOM = frozenset({"me", "us"})
# A call back asked for at a clause start pleads: "call me back", "ring us back" (not "call me crazy").
CALL_BACK = frozenset("call ring phone".split())
# 'did it' before a time, a place or a manner tells, with its subject left out: "did it last month", "did it in the
# app", "Did it again" (not "Did it arrive").
DID_IT_NEXT = frozenset("""
last in on at yesterday today once twice again myself ourselves too already before for with without and back
through anyway
""".split())
# ... and 'did a' or 'did an' with a thing done, then 'and' another verb or a full stop, within DID_A_WORDS words of
# its noun: "Did a DNA test and turns out", "did an 8k run." (a subject asks on: "Did a courier come by today").
WAS = frozenset({"was", "were"})  # 'was there' with its subject left out tells as 'did it' does: "Was there at 3am"
DID_A = frozenset({"a", "an", "the", "my", "our", "some"})  # "Did the maths for our husky.", "did my taxes and"
TURNED = frozenset({"turns", "turned"})  # "..., turns out": the thing done told, its outcome next
DID_A_WORDS = 4  # words of the thing done before an 'and' that goes on telling ("Did a DNA test and turns out")
DID_A_SENTENCE = 40  # words to the end of its sentence, whose mark says whether it asked ...
DID_A_PREPOSITIONS = frozenset("with to through across around as".split())  # ... when one of these follows
# the thing done in its next two words (a trip with, a test at): a subject's verb would stand there ("Did a courier
# come by today" asks; for, in, at, on attach to a subject: "Did a courier in Espoo lose my package")
# Non-native how-questions without an auxiliary: "how I find job if ...", "how we can apply".
HOW_SUBJECTS = frozenset({"i", "we"})
TASK_VERBS = frozenset("""
can could should find get apply pay change contact register cancel book order know reach return renew open
""".split())
# A negator further back still denies an indirect question: "nobody is going to be able to tell you if".
FAR_NEGATORS = frozenset({"nobody", "noone"})
FAR_NEGATOR_WINDOW = 8  # words back, within the sentence
# Hope that someone can help: "Hoping someone can help", "toivottavasti joku tietää"; not "hope you are well", nor
# "I hope someone gets a raise".
HOPE = frozenset("hope hoping toivottavasti toivon".split())
HOPE_SOMEONE = frozenset("someone somebody anyone anybody joku kukaan".split())
HOPE_CAN = frozenset("""
can could will would knows know sees has helps answers replies osaa osaisi voi voisi tietää auttaa vastaa vastaisi
näkee
""".split())
# A plea for a person or an answer: "I need a human!!", "need an answer today" ("need help" is a pair above).
NEEDS = frozenset({"need", "needs"})
NEED_OBJECTS = frozenset("human agent answer answers reply response".split())  # not "we need a person who"
NEED_ARTICLES = frozenset("a an some real urgent immediate quick".split())  # "Please I need urgent response"
# 'know' asks only when the knowing is asked for: "anyone know if", "do you know where", "I'd like to know if";
# "now I know what lonkero is" tells.
KNOW_ASKERS = frozenset("anyone anybody someone somebody you u ya to wanna".split())
KNOW_YOU = frozenset("you u ya".split())  # ask only after an auxiliary: "do you know if", not "you know what"
# Knowing wished for asks for a thing too: "I want to know the price", "Haluaisin tietää paketin sijainnin".
KNOW_WANTERS = frozenset("want wants wanted like love need needs curious keen wanna".split())  # before 'to know'
KNOW_OBJECT_STARTS = frozenset("the about more your my our".split())
FI_KNOW_WANTERS = frozenset("haluaisin haluan haluisin haluaisimme haluamme".split())
# Everyone knows tells, asks nothing: "Kaikki tietää kuka toi mitä", "jokainen tietää miten se menee".
FI_EVERYONE = frozenset("kaikki kaikkihan jokainen jokainenhan".split())
# Who, place or company after 'anyone' at a clause start asks the readers: "anyone in Oulu with a trailer".
ANY_ASKING_NEXT = frozenset("in here there with from near around on at".split())  # "anyone there"
# "If anyone in Kallio has a spare helmet", "if someone has a car text me": a request to the readers; not "as if
# anyone cares", "surprised if anyone noticed" (no verb of having, knowing or being able follows)
IF_ANYONE = frozenset("anyone anybody someone somebody".split())
IF_ANYONE_VERBS = frozenset("has have can could knows know found finds saw sees spotted".split())  # and lost property:
# "If anyone found it message me"; not wants, needs: an offer ("if anyone needs")
IF_ANYONE_WINDOW = 4  # words after 'anyone' its verb may stand: "if anyone from the club has"
IF_NOT_ASKING = frozenset("as even sure wonder wondering surprised doubt".split())  # before 'if': not to the readers
# ... and a participle after it: "anyone holding long term", "Anyone going to the game tonight"; not when a verb
# of a statement follows it: "Anyone saying otherwise is wrong".
ANY_PARTICIPLE_END = "ing"
ANY_STATEMENT_VERBS = frozenset("is are was were should must will needs deserves gets".split())
PERSON_POSSESSIVES = frozenset("their his her my your".split())  # "anyone in their right mind" is no place
# A clause-initial 'what' with a subject and then 'is' is a free relative: "what he did with your deposit is not
# legal"; 'which' before these verbs is a sentence relative: "Which explains the sauna thing."
WHAT_SUBJECTS = frozenset("i you he she we they it".split())
COPULAS = frozenset("is was isn't wasn't".split())
WHAT_ASKING = frozenset("know wonder understand get".split())  # "What I want to know is when ..." still asks
# (not before "of": "Which means of payment do you take")
WHICH_RELATIVE_VERBS = frozenset("means meant explains explained reminds reminded proves proved".split())
# A -ko/-kö word right before a verb of saying or 'on', 'oli' is their subject, a noun: "Pikkusisko kysyi miks",
# "Isosisko on töissä" (a verb with the clitic is followed by its subject or object: "Onko isosisko töissä").
FI_SAID = frozenset("kysyi kysyy kysy sanoi sanoo sano kertoi kertoo totesi ihmetteli huusi vastasi on oli".split())
# A -ko/-kö verb after a negative imperative is its plural: "älkää ikinä tilatko", "älkää menkö".
FI_NEG_IMPERATIVE = frozenset("älkää älkäämme".split())
# Asking again follows up a question the brand left open: "Third time asking.", "asking again", "kysyn uudestaan".
ASKING_AGAIN = frozenset("asking kysyn".split())
AGAIN = frozenset("again uudestaan uudelleen taas".split())
AGAIN_BEFORE = frozenset("time kertaa".split())  # "third time asking", "kolmatta kertaa kysyn"
NOT_AGAIN = frozenset("not never stop stopped en ei lopetan".split())  # "I'm not asking again", "en kysy taas"
# Thanks given before the help comes only close a request: "Thanks in advance", "Kiitos jo etukäteen".
AHEAD = frozenset({"advance", "etukäteen"})  # 'advance' only after 'in'
THANKS = frozenset("thanks thank thx cheers kiitos kiitokset kiitti".split())
# A sentence announced as a tip gives advice: its requests ask nothing ("Vinkki: ottakaa eväät mukaan", "Tip: please
# check the date"), as a plea to help yourselves does not ("Please help yourselves to coffee").
TIP_WORDS = frozenset("vinkki vinkkinä tip protip psa fyi huom muistutus reminder varoitus warning tiedoksi".split())
# A post opening with one reminds its readers (an organiser's note): "Muistakaa että ... ilmoittakaa jos ette pääse".
REMINDER_OPENINGS = frozenset("muistakaa muistakaahan".split())
# A recall notice advises its readers too: "Atria vetää takaisin broileripakkauksia ... Tarkistakaa pakastimet".
RECALL_STARTS = ("takaisinveto", "takaisinvedo", "takaisinvede", "takaisinkutsu")
RECALL_VERBS = frozenset("vetää vetävät vetäisi vedetään vedettiin veti vetänyt kutsuu kutsuvat kutsuttiin".split())
TIP_HEAD = 60  # characters between a post's opening tip word and its colon: "Vinkki muille asunnonetsijöille:"
REFLEXIVES = frozenset("yourself yourselves itse".split())
# A Finnish plea whose clause has the readers' own things or themselves in it advises the readers, asks the brand
# nothing: "tarkistakaa omat lennot", "tehkää pääsykoevalmennus itse" (not "korjatkaa laskuni").
OWN_WORDS = frozenset("itse itsekin omat omanne omia omianne omaa omalla omallanne omasta omastanne".split())
# Bring or take along is an invitation or a tip to the readers, no plea to the brand: "Tuokaa hyvä mieli mukaan",
# "ottakaa eväät mukaan", "bring your friends along".
BRING_ALONG = frozenset("tuokaa ottakaa bring take".split())
BRING = frozenset("tuokaa bring".split())  # bringing (not taking) in a post that names no brand invites ...
BACK = frozenset("back takaisin takas takasin".split())  # ... unless it is brought back: a request
ALONG = frozenset("mukaan mukananne along".split())
ALONG_WINDOW = 5  # words after the verb, within its clause
