"""The text the sentence prior reads (rules/sentence_prior.py): the post without the brands the engine found, each
token of a mention blanked to a space, as the words model masks them (rules/tone_model.masked_words): a brand's past
posts must not tilt its next ones.
"""

from __future__ import annotations

from typing import Collection, Sequence

from kuulo.rules.normalise import TOKEN_RE
from kuulo.rules.verdict import BrandMatch


def without_brands(text: str, found: Sequence[tuple[int, BrandMatch]], masked: Collection[int]) -> str:
    """The text with the tokens of the brands found blanked to a space each: `masked`, every mention's tokens."""
    # The engine's `found` (index of the first token, BrandMatch) and `masked` (brand_results.distinct), in
    # tone_model.weigh and Engine.prior_text (what the encoder is fitted on) alike. When every form found is one token
    # written once in the text, `masked` holds just those tokens, blanked by str.replace in C; a phrase's words
    # (Tallink Silja) and a form written twice (Posti ... Posti) are found by TOKEN_RE, up to the last one blanked
    # (tokenize's).
    if not masked:
        return text
    if len(found) == 1 and len(masked) == 1:  # one brand, one word: most posts'
        form = found[0][1].form
        return text.replace(form, " ", 1) if " " not in form and text.count(form) == 1 else blank_tokens(text, masked)
    if len(masked) == len(found) and all(" " not in match.form and text.count(match.form) == 1 for _, match in found):
        for _, match in found:
            text = text.replace(match.form, " ", 1)
        return text
    return blank_tokens(text, masked)


def blank_tokens(text: str, gone: Collection[int]) -> str:
    """The text with the tokens (normalise.tokenize's) of these indices blanked to a space each, the rest kept."""
    if not gone:
        return text
    last = max(gone)
    parts: list[str] = []
    at = 0
    for k, token in enumerate(TOKEN_RE.finditer(text)):
        if k in gone:
            parts.append(text[at:token.start()])
            parts.append(" ")
            at = token.end()
        if k >= last:
            break
    parts.append(text[at:])
    return "".join(parts)
