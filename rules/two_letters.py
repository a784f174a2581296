"""Two-letter abbreviations (IS for Ilta-Sanomat, OP, VR) that the spelling shows to be a word, not the name."""

from __future__ import annotations

from typing import Any

from kuulo.rules.everyday import ENGLISH_TWO_LETTERS, STRESS_SUBJECTS
from kuulo.rules.finnish import VOWELS, is_abbreviation


def two_letter_word(token: str, low: str, hit: Any, finnish: bool, before: str = "", after: str = "") -> str:
    """Why a one-word hit of a two-letter abbreviation is a word: the English word (is, Is) in an English post, or a
    Finnish word made of it and a syllable (isä, Iski, isäni), neither in capitals nor with a colon; or the English
    word stressed in capitals between a subject and a lower-case word (which IS compensable, it IS on); "" otherwise.
    `before`, `after`: the words either side as written ("" at a sentence's edge)."""
    if not finnish and token.isupper() and low in ENGLISH_TWO_LETTERS and before in STRESS_SUBJECTS and (
            after.islower() and len(hit.term) == 2):
        return f"the English word '{token}' stressed after '{before}'"  # "which IS compensable", not "the IS app"
    if len(hit.term) != 2 or not is_abbreviation(hit.term) or token[:2].isupper() or any(c in token for c in ":'’-"):
        return ""  # IS, ISn, IS:n, is's, op-kortti: the abbreviation's own spellings, a compound its head decides
    if not finnish and low in ENGLISH_TWO_LETTERS:
        return f"the English word '{token}', and {hit.term} is written in capitals"
    if low != hit.low and not VOWELS.isdisjoint(low[2:]):
        return "two letters and a syllable without a colon or capitals make a word, not the abbreviation"
    return ""
