"""A brand named like a place, before the site another company has there: the place (Wärtsilän Vaasan tehtaalla,
Kotipizza ... Vaasan ravintola, @hesburger_fi your Tikkurila branch).

A town's genitive before a restaurant, a shop, a factory or an office says where that site is, and whose site it is
says the company: another company's genitive right before the town's (Wärtsilän Vaasan tehtaalla), or another
company the post names or addresses (a @handle), whose branch the site is. For a brand whose own exclude phrases set
a place noun beside its name (Vaasan kaupunki, Tikkurilan asema: the agency says the name is a place's), and when no
context word of its own says otherwise (Vaasan leipomo: a bakery's word, the brand's), nor a word of listing joins it to
the other company (Arabian ja Iittalan tehtaanmyymälät: both companies' sites). Written from
Finnish and English usage, not from posts. The function returns why, or "".
"""

from __future__ import annotations

from typing import Any, Sequence

from kuulo.rules.everyday import JOINERS
from kuulo.rules.normalise import NO_MARKS, ClauseMarks, same_sentence

# The sites a company has in a town, as stems (ravintolassa, tehtaalla, myymälän) and English words.
SITES_FI = ("ravintol", "myymälä", "konttori", "toimipist", "toimipaik", "tehdas", "tehtaa", "kahvila", "toimisto",
            "varasto", "tavarata", "hotelli", "liikkee", "liike")
SITES_EN = frozenset("""branch branches store stores shop shops office offices restaurant restaurants location outlet
factory plant warehouse hotel depot""".split())


def site_place(tokens: list[str], lows: list[str], start: int, hit: Any, hits: Sequence[Any], finnish: bool,
               marks: ClauseMarks = NO_MARKS) -> str:
    """Why a one-word name at `start`, a place's name by its brand's excludes, is the place of another company's
    site here, or "": `hits` are the post's name candidates (lexicon hits, the payload's brand last)."""
    after = lows[start + 1] if start + 1 < len(lows) and start not in marks else ""
    if start and lows[start - 1] in JOINERS:  # Arabian ja Iittalan tehtaanmyymälät: two companies' sites
        return ""
    if finnish:
        if not lows[start].endswith("n") or not after.isalpha() or not tokens[start + 1].islower():
            return ""  # a genitive before a word: Vaasan tehtaalla
        before = start - 1
        if before >= 0 and before not in marks and lows[before].endswith("n") and tokens[before][:1].isupper() and any(
                h[0] == before and h[3].brand != hit.brand for h in hits):
            return f"'{tokens[before]}' before it: that company's site in a place"  # Wärtsilän Vaasan tehtaalla
        site = after.startswith(SITES_FI)
    else:
        site = after in SITES_EN
    if not site:
        return ""
    other = next((tokens[h[0]] for h in hits if h[3].brand != hit.brand and same_sentence(tokens, h[0], start)), None)
    if other is None:
        other = next((t for t in tokens if t[0] == "@"), None)  # @hesburger_fi hi, your Tikkurila branch
    if other is None:
        return ""
    return f"'{tokens[start + 1]}' after it, a site of '{other}': a place"
