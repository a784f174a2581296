"""Finnish complaints told as a change for the worse, without a judging word: layoffs (yt:t alkaa, Rovio irtisanoo 60
henkeä) and a down state again (taas poikki, peruu taas, ei taas näytä).

Language knowledge, not configuration: complaints.py takes LAYOFFS and NOT_AGAIN as words that lean to a complaint
and the pairs here as its frames (two word lists within a frame's window in one sentence). Tried and left out (on
arrival they cost more than they gained, issue 16): a bill for a contract the writer ended (lasku liittymästä jonka
irtisanoin) and paying more than for something else (maksaa enemmän ku leffalippu).
"""

from __future__ import annotations

# Layoffs, which the people who write about a brand tell as bad news (Roviolla yt:t alkaa taas, Wärtsilälläkin nyt
# lomautuksia, irtisanomiset taas uutisissa): the negotiations (yt, yt:t, yt-neuvottelut), a layoff and the plural
# of a dismissal. Not the singular "irtisanominen" nor the verb alone, which end a contract as often (liittymän
# irtisanominen, miten saan irtisanottua): the verb counts in LAID_OFF's frame with the people it lets go.
LAYOFFS = ("yt", "yt:t", "yt:tä", "yt:stä", "yt:ssä", "yt:n", "yt:hen", "yt:it", "yt:ihin", "yt:istä", "yt:issä",
           "yt-neuvottelu*", "yt-kierro*", "muutosneuvottelu*", "lomautu*", "lomautt*", "lomautet*", "irtisanomiset",
           "irtisanomisia", "irtisanomisista", "irtisanomisiin", "irtisanomisten", "henkilöstövähenn*",
           "työpaikkakeskustelu*")
LAYING_OFF = ("irtisanoo", "irtisanoi", "irtisanovat", "irtisanoivat", "irtisanonut", "irtisanonu", "irtisanoneet",
              "irtisanotaan", "irtisanottiin")
LAID_OFF = ("väkeä", "henkeä", "henkilöä", "henkilöstöä", "työntekijää", "työntekijöitä", "työntekijänsä",
            "ihmistä", "hlöä", "työpaikkaa", "taas", "jälleen")

# A down state again: "taas" or "jälleen" and, within a frame's window, a state or an act that is bad to repeat
# ("veikkauksen sivut taas alhaalla", "Finair peruu lennon Ouluun taas", "Fortum nostaa taas perusmaksua", "Ylen
# Areenasta poistu taas sarja"). Not a rise alone (osake nousi taas: good news as often) nor a state that is good
# back (toimii taas, auki taas).
AGAIN = ("taas", "jälleen")
WORSE_AGAIN = (
    "nostaa", "nosti", "nostavat", "nostivat", "nostanut", "nostanu", "nostaneet", "nostetaan", "nostettiin",
    "kallistu*", "korotu*", "korott*", "korotus*",
    "lopettaa", "lopetti", "lopettavat", "lopettivat", "lopettanut", "lopettanu", "lopetetaan", "lopetettiin",
    "poistu*", "poisti", "poistivat", "poistettiin", "poistetaan", "sulkee", "sulki", "sulkivat", "suljetaan",
    "suljettiin",
    "alhaalla", "nurin", "poikki", "jumissa", "jumittaa", "jumitti", "jumittanut", "jumittanu", "tukossa", "täynnä",
    "peruu", "perui", "peruivat", "perutaan", "peruttiin", "peruttu", "pysähtyi", "pysähtyy", "pysähty", "hukassa",
    "kateissa", "myöhässä", "myöhästyi", "myöhästy",
)
# "Sale ei taas tullu treeneihin", "HSL-sovellus ei taas näytä lippua": a negator before "taas" tells of a failure
# again.
NOT_AGAIN = ("ei taas", "eikä taas")
