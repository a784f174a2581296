"""Finnish complaints told as a change for the worse, without a judging word: layoffs (yt:t alkaa, Rovio irtisanoo 60
henkeä), a down state again (taas poikki, peruu taas, ei taas näytä), a bill for a contract the writer ended (lasku
liittymästä jonka irtisanoin) and paying more than elsewhere (maksaa 2 € enemmän ku Lahdessa).

Language knowledge, not configuration: complaints.py takes LAYOFFS as words that lean to a complaint and the pairs
here as its frames (two word lists within a frame's window in one sentence).
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
