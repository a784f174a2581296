"""Slang names (OP for the original poster, VR for virtual reality): where a slang name for a person is the poster
spoken of (OP here, OP is right, samaa mieltä ku OP) or a company (OP:sta, in an inner local case), and how near its
context word must stand.

BrandMatcher (rules/match.py) asks these of an abbreviation that is also slang before it accepts the name.
"""

from __future__ import annotations

import re

from kuulo.rules.normalise import ClauseMarks

SLANG_SELF = frozenset({"here", "tässä", "täällä"})  # OP here, OP tässä: the original poster speaks of themself
# Agreeing with the original poster, on any platform: OP is right, agree with OP, samaa mieltä ku OP, as OP said
# (not OP said it will raise fees: the bank speaks), OP:n kanssa samaa mieltä.
POSTER_RIGHT = frozenset({"right", "correct", "oikeessa", "oikeassa"})  # after the name and is/on/was
POSTER_RIGHT_BARE = frozenset({"oikeessa", "oikeassa"})  # OP oikeessa; not OP right now (the bank)
POSTER_SAID = frozenset({"said", "says", "mentioned", "wrote", "sanoi", "sano", "sanoo", "kirjoitti"})
POSTER_AS = frozenset({"as", "like", "what", "kuten", "niinku", "mitä"})  # before the name, with POSTER_SAID after it
POSTER_AGREE = {"with": frozenset({"agree", "agreed", "agreeing"}), "ku": frozenset({"mieltä"}),
                "kuin": frozenset({"mieltä"}), "kun": frozenset({"mieltä"})}  # the word before it: the one before that
# A person is never gone into or out of: slang for a person in an inner local case (OP:ssa, OP:sta, op:hen) is the
# company (vaihdoin OP:sta POP Pankkiin, soitin op:hen); -n, -lla, -lle, -lta are said of people too (OP:lle vastaus)
INSIDE_CASE = re.compile(r"[:'’](?:ss[aä]|st[aä]|h[aeiouyäö]n)")
SLANG_CONTEXT_WINDOW = 6  # slang for a person needs its context word this near (My OP bank card; not OP, ... the
# tax card: the poster's); slang for a thing this near (VR:n kausilippu vai Onnibus ja kaupunkilippu? Juna 1h 5min;
# not a train trip and, sentences later, VR tried with a nephew)
SLANG_THING_WINDOW = 20


def agreed_with(tokens: list[str], lows: list[str], start: int, end: int, marks: ClauseMarks) -> str:
    """Why a slang name for a person is someone a post agrees with (OP is right, samaa mieltä ku OP), or ""."""
    after = lows[end:end + 2] if end - 1 not in marks else []
    if after and (after[0] in POSTER_RIGHT_BARE or len(after) == 2 and after[0] in ("is", "on", "was", "oli") and (
            after[1] in POSTER_RIGHT)) or lows[start].endswith(":n") and after == ["kanssa", "samaa"]:
        return f"'{' '.join(tokens[end:end + len(after)])}' after it: agreed with"
    before = lows[start - 1] if start and start - 1 not in marks else ""
    if before in POSTER_AS and after[:1] and after[0] in POSTER_SAID:
        return f"'{tokens[start - 1]} … {tokens[end]}': what someone said"
    if before in POSTER_AGREE and start > 1 and lows[start - 2] in POSTER_AGREE[before]:
        return f"'{tokens[start - 2]} {tokens[start - 1]}' before it: agreed with"
    return ""
