"""Negativity, praise and Sentimentti-style categories (a domain word AND a negative word of its pack).

A negated negative word ("ei huono", "no problems") is none; a problem word the post says was
solved ("sorted my card issue") or only asks about ("onko Kalliossa katko?") is none either. Emoji
and emoticons are pack words (😡, :( ). A complaint told without a negative word (liian, vaikka olin
kotona, charged twice, waited three weeks: tone.py) counts when nothing but thanks praises.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Sequence

from kuulo.bot.errors import ConfigError
from kuulo.rules.lexicon import Hit, Lexicon, PatternError
from kuulo.rules.normalise import BOUNDARY_CHARS, sentence_end
from kuulo.rules.specs import Pack
from kuulo.rules.complaints import FRAMES, WEAK_NEGATIVE, intensifies, someones_act
from kuulo.rules.frozen import quick_init
from kuulo.rules.tone import (
    ABESSIVE, ALTERNATIVES, BETTER, CONCESSIVES, CONTRASTS, FRAME_WINDOW, GOOD_IF_NEGATED, LAUGHS, LOSS as LOSS_WORDS,
    NEGATION_CUES, NEGATORS, NO_ANSWER, NOBODY, NOT_AVAILABLE, NOT_DONE_ENDS, OVER, OWN_QUESTION, POLARITY, POLITE,
    REGRETS, SAVINGS, SOLVED_PHRASES, SOLVED_PREFIXES, WHY, alternative_question, asked, better_before, closing_verdict,
    conceded, concession, is_problem_word, loss, negated, negated_by_polarity, negator_at, negator_near, nobody_for_me,
    over, per_period, quick, same_sentence, solved, status_question, thanked_for, turned, why_complaint,
    without_problem,
)
from kuulo.rules.tone_asides import (
    ASK_SUBJECTS, ASK_VERBS, EXCITED, PREFACES, TITLES, excited, judgement_asked, preface, titled,
)
from kuulo.rules.tone_blame import BLAMERS, bare_why, blame_asked
from kuulo.rules.tone_curious import curious
from kuulo.rules.tone_events import LASTING_WORDS, ORDINALS, lasting, repeated
from kuulo.rules.tone_events_fi import NOBODY_FI, nobody_did
from kuulo.rules.tone_regrets import SHOULD_HAVE, regretted_nobody, should_have_sooner, why_praises
from kuulo.rules.tone_irony import (
    DRY_THANKS, TAIL_ENDS, consoling_places, dry_thanks, ironic_tail, last_places, sarcastic, sarcastic_tail, tail_hint,
)

(NEGATIVE, POSITIVE, DOMAIN, WEAK, CONCESSIVE, FRAME, LOSS, SOLVED, WHY_KIND, LAUGH, NOBODY_KIND, NO_ANSWER_KIND,
 SAVING, MISSING, EITHER_OR, BETTER_KIND, LASTING_KIND, REPEATED, BLAME_KIND) = range(19)
SPOKEN_PARTICIPLES = ("nut", "nyt", "lut", "lyt", "sut", "syt", "rut", "ryt")  # tullut -> tullu, pätkinyt -> pätkiny
PRAISE_OUTWEIGHS = 2  # praise words (thanks among them) that outweigh problem words: "rebooked my cancelled flight 👏"
INTENSIFIER_ENDS = ("n", "sti", "ly")  # älyttömän hyvin, insanely good: a negative word that only intensifies
DRY_THANKS_REACH = 4  # tone_irony.dry_thanks's thanks begin a last sentence of 3 words at most, before a mark
WORD_MEMO = 4096  # negative words whose _says_none is remembered, as tone.is_problem_word's answers are


@lru_cache(maxsize=WORD_MEMO)
def _says_none(word: str) -> bool:
    """True for a problem word's abessive or caritive, which tells of none: ongelmitta, virheetön, häiriöttä."""
    return word.endswith(ABESSIVE) or without_problem(word)


_FIRST = itemgetter(0)  # a hit's first token


def _phrase_negators(lows: list[str], hits: list[Hit]) -> set[int]:
    """Positions of negators that begin a negative phrase hit ("ei toimi", "not working")."""
    return {h[0] for h in hits if h[1] > h[0] + 1 and h[3].kind == NEGATIVE and lows[h[0]] in NEGATORS}


def _drop_intensifiers(negative: dict[str, None], by_pack: dict[int, dict[str, None]], where: dict[str, int],
                       praise_at: list[int], notes: list[str]) -> None:
    """Drop negative words that only intensify the praise word after them: "älyttömän hyvin"."""
    praised = set(praise_at)
    for word in [w for w in negative if w.endswith(INTENSIFIER_ENDS) and where[w] + 1 in praised and " " not in w]:
        del negative[word]
        for words in by_pack.values():
            words.pop(word, None)
        notes.append(f"'{word}' intensifies praise")
    for pack in [p for p, words in by_pack.items() if not words]:
        del by_pack[pack]


def _drop_asked(negative: dict[str, None], by_pack: dict[int, dict[str, None]], where: dict[str, int],
                lows: list[str], notes: list[str]) -> None:
    """Drop negative words that are one side of an either-or question: "aito vai huijaus?"."""
    for word in [w for w in negative if w[0].isalnum() and alternative_question(lows, where[w])]:
        del negative[word], where[word]
        for words in by_pack.values():
            words.pop(word, None)
        notes.append(f"only asked about '{word}'")
    for pack in [p for p, words in by_pack.items() if not words]:
        del by_pack[pack]


class WordHit:
    """Payload of a pack word: negative, positive or a category's domain word."""

    __slots__ = ("kind", "pack", "category")

    def __init__(self, kind: int, pack: int, category: int = -1) -> None:
        self.kind, self.pack, self.category = kind, pack, category


@quick_init
@dataclass(frozen=True, slots=True)
class Tone:
    """What the pack words say about a post."""

    negative_terms: tuple[str, ...]
    positive: bool
    categories: tuple[str, ...]
    category_terms: tuple[str, ...]
    notes: tuple[str, ...] = ()  # why a negative word did not count: "negated 'huono'", "solved 'issue'"


_SILENT = Tone((), False, (), ())  # a post without a pack word or cue: one frozen Tone for them all


class Classifier:
    """Pack words registered in a shared Lexicon; `classify` reads the scan hits."""

    def __init__(self, packs: Sequence[Pack], lexicon: Lexicon) -> None:
        self._categories: dict[tuple[int, int], str] = {}  # (pack, category) -> name; the keys in sorted order
        for pi, pack in enumerate(packs):
            lists = [("negative", pack.negative, WordHit(NEGATIVE, pi)),
                     ("positive", pack.positive, WordHit(POSITIVE, pi))]
            for ci, cat in enumerate(pack.categories):
                lists.append((f"categories.{cat.name}.words", cat.words, WordHit(DOMAIN, pi, ci)))
                self._categories[(pi, ci)] = cat.name
            for where, words, payload in lists:
                for word in words:
                    try:
                        lexicon.add_pattern(word, payload)
                    except PatternError as exc:
                        raise ConfigError(f"pack {pack.name} {where}: '{word}': {exc}") from None
                    if payload.kind != DOMAIN and word.endswith(SPOKEN_PARTICIPLES):
                        lexicon.add_pattern(word[:-1], payload)  # spoken Finnish: ei vastannu, pätkiny
        solving = [f"{p}*" for p in SOLVED_PREFIXES] + list(SOLVED_PHRASES)
        cues = [(WEAK_NEGATIVE, WordHit(WEAK, -1)), (CONCESSIVES, WordHit(CONCESSIVE, -1)),
                (LOSS_WORDS, WordHit(LOSS, -1)), (solving, WordHit(SOLVED, -1)),
                (WHY, WordHit(WHY_KIND, -1)), (LAUGHS, WordHit(LAUGH, -1)),
                (NOBODY + NOBODY_FI, WordHit(NOBODY_KIND, -1)), (NO_ANSWER, WordHit(NO_ANSWER_KIND, -1)),
                (SAVINGS, WordHit(SAVING, -1)), (NOT_AVAILABLE, WordHit(MISSING, -1)),
                (GOOD_IF_NEGATED, WordHit(NO_ANSWER_KIND, -1)),  # both count only after a negator
                (ALTERNATIVES, WordHit(EITHER_OR, -1)), (BETTER, WordHit(BETTER_KIND, -1)),
                (LASTING_WORDS, WordHit(LASTING_KIND, -1)), (ORDINALS, WordHit(REPEATED, -1)),
                (BLAMERS, WordHit(BLAME_KIND, -1))]
        cues += [(words, WordHit(FRAME, -1, k)) for k, words in enumerate(FRAMES)]
        for words, payload in cues:
            for word in words:
                if "*" in word or " " in word:
                    lexicon.add_pattern(word, payload, inflect=False)
                else:  # a cue is a plain word: no clitics peeled off for it, which would cost every post
                    lexicon.add_form(word, payload, peelable=False)

    def classify(self, lows: list[str], hits: list[Hit]) -> Tone:
        """Negative words seen, whether praise was seen, and the categories with their words."""
        negative: dict[str, None] = {}
        by_pack: dict[int, dict[str, None]] = {}
        domain: dict[tuple[int, int], dict[str, None]] = {}
        notes: list[str] = []
        positive = False
        tail = None  # "Taas.", "again.": one check a post, not one a word
        if lows:
            last = lows[-1] if lows[-1][0].isalnum() else lows[-2] if len(lows) > 1 else ""
            if last in TAIL_ENDS or not last[:1].isalnum():  # "Taas.", "Taas. 🌧️"
                tail = tail_hint(lows)
            if tail is None and not DRY_THANKS.isdisjoint(lows[-DRY_THANKS_REACH:]):
                tail = dry_thanks(lows)  # "Kerroin putosi. Kiitos.": thanks without warmth after a failure
        if not hits:
            return Tone((f"… {tail}",), False, (), ()) if tail else _SILENT
        hits.sort(key=_FIRST)
        n = len(lows)
        judging: bool | None = None  # whether "is it rude" may be asked: looked for at the first word it may judge
        curiosity: bool | None = None  # whether the post owns to curiosity (tone_curious): at its first why-word
        places: tuple[int, int] | None = None  # the post's last mark and last other token (last_places): once a post
        taken: set[int] | None = None  # negators that begin a negative phrase ("ei toimi"): they negate nothing else
        weak: dict[str, int] = {}  # a complaint told without a negative word -> where it stands
        praise_at: list[int] = []  # where a positive word other than thanks stands
        phrased: list[tuple[int, int]] = []  # complaint phrases counted ("love that for me"): no praise within them
        thanked = False
        faint: list[int] = []  # where a negative word stands negated
        fixed: list[int] = []  # where a word says a problem was solved
        laughed = False
        saved = -1  # where a saving stands, which outweighs price words: "säästää yli 100 e palvelumaksuissa"
        asks = False  # whether an either-or word (vai, or) is in the post
        frames: dict[int, list[tuple[int, str]]] = {}
        where: dict[str, int] = {}
        for start, end, _, hit in hits:
            word = lows[start] if end == start + 1 else " ".join(lows[start:end])
            kind = hit.kind
            if kind == DOMAIN:
                domain.setdefault((hit.pack, hit.category), {})[word] = None
                continue
            if kind > WEAK:  # the language's own cues (tone.py)
                if kind == FRAME:
                    frames.setdefault(hit.category, []).append((start, word))
                elif kind == CONCESSIVE:
                    if concession(lows, end):
                        weak[word] = start
                elif kind == LOSS:
                    if loss(lows, start):
                        weak[word] = start
                elif kind == SOLVED:
                    if not lows[start].endswith(NOT_DONE_ENDS) and "-" not in lows[start] \
                            and not asked(lows, start) and (word != OVER or over(lows, start)):
                        # "korjatkaa" asks for a fix, "korjataan" promises one, "milloin tää hoituu?" asks when;
                        # "fixed-price" is no fix; "bussi ajoi ohi" goes past, "katko ohi" is over
                        fixed.append(start)
                elif kind == WHY_KIND:
                    if curiosity is None:  # once a post: a long post of why-questions is not walked again for each
                        curiosity = curious(lows)
                    if told := why_praises(lows, start):  # "Why did I wait 5 years.", "why doesn't every shop"
                        notes.append(told)
                    elif why_complaint(lows, start, curiosity) or bare_why(lows, start):  # or a bare "Why."
                        weak[f"{word} …"] = start
                elif kind == NOBODY_KIND:
                    if word in NOBODY_FI:
                        duty = nobody_did(lows, start)
                        if duty:  # "kukaan ei vastannut", "ei kukaan tiedä"
                            weak[duty] = start
                    elif nobody_for_me(lows, end) and not regretted_nobody(lows, start):
                        weak[f"{word} … me"] = start
                elif kind == NO_ANSWER_KIND:
                    if start and lows[start - 1] in NEGATION_CUES:
                        if taken is None:
                            taken = _phrase_negators(lows, hits)
                        if negated(lows, start, taken):
                            weak[f"{lows[negator_at(lows, start)]} … {word}"] = start
                elif kind == MISSING:
                    at = negator_near(lows, start)
                    if at >= 0:  # "ei yhtään kärryä vapaana"
                        weak[f"{lows[at]} … {word}"] = start
                elif kind == EITHER_OR:
                    asks = True
                elif kind == LASTING_KIND:
                    if told := lasting(lows, start, end):  # "in transit for 9 days now", "it's been a week"
                        weak[told] = start
                elif kind == BLAME_KIND:
                    if told := blame_asked(lows, start):  # "who plans this", "whose idea was this"
                        weak[told] = start
                        # "who thought X was a good idea?": its praise is the blamed decision's, said the other way
                        phrased.append((start, sentence_end(lows, start, n)))
                elif kind == REPEATED:
                    if told := repeated(lows, start):  # "3rd time asking", "second week in a row"
                        weak[told] = start
                elif kind == BETTER_KIND:
                    if better_before(lows, start):  # "Ennen laatu oli parempaa", "old ones were better"
                        weak[f"… {word}"] = start
                elif kind == SAVING:
                    if not (start and lows[start - 1] in NEGATION_CUES and negated(lows, start, set())):
                        saved = start  # "säästin kympin", not "ei oo enää halvempia"
                elif kind == LAUGH:
                    laughed = True
                continue
            if start and lows[start - 1] in NEGATION_CUES and (kind != NEGATIVE or end == start + 1) \
                    and word[0].isalnum() and word not in REGRETS:  # an emoji is never negated: "ei oo mitään 😡",
                # nor a word of regret: "ei valitettavasti ymmärrä odottaa" is unfortunately not
                if taken is None:
                    taken = _phrase_negators(lows, hits)
                if negated(lows, start, taken):
                    notes.append(f"negated '{word}'")
                    if kind == NEGATIVE:  # "ei huono" is faint praise
                        positive = True
                        faint.append(start)
                    elif kind == POSITIVE:  # "en suosittele", "ei kiitos"
                        weak[f"{lows[negator_at(lows, start)]} … {word}"] = start
                    continue
            if kind == NEGATIVE:
                if end == start + 1 and _says_none(word):
                    notes.append(f"negated '{word}'")  # ongelmitta, virheetön, häiriöttä: without problems
                    continue
                if end < n and lows[end] in POLARITY and end == start + 1 and negated_by_polarity(lows, start):
                    notes.append(f"negated '{word}'")  # "eikä netti katkennu kertaakaan": faint praise
                    positive = True
                    faint.append(start)
                    continue
                if end < n and lows[end] in OWN_QUESTION:
                    notes.append(f"'{word}' judges the writer's own question")  # "sori tyhmä kysymys"
                    continue
                if end == start + 1:
                    if judging is None:
                        judging = not ASK_SUBJECTS.isdisjoint(lows) and not ASK_VERBS.isdisjoint(lows)
                    if judging and judgement_asked(lows, start):
                        notes.append(f"only asked whether '{word}'")  # "is it rude to keep your shoes on?"
                        continue
                    if word in TITLES and titled(lows, start):
                        notes.append(f"'{word}' begins a name")  # "Angry Birds": tone_asides.TITLES
                        continue
                    if word in EXCITED and excited(lows, start):
                        notes.append(f"'{word}' tells of excitement")  # "the kids lost their minds"
                        continue
                negative[word] = None
                where[word] = start
                by_pack.setdefault(hit.pack, {})[word] = None
            elif kind == WEAK:
                if word in SHOULD_HAVE and (told := should_have_sooner(lows, start, end)):
                    notes.append(told)  # "olis pitäny vaihtaa jo vuosia sitten": a regret, no complaint
                elif end == start + 1 and thanked_for(lows, start):
                    notes.append(f"thanks for '{word}'")  # "kiitos nopeasta hyvityksestä"
                elif not per_period(lows, end) and not someones_act(lows, start, end) and not intensifies(
                        lows, start, end):  # "kahdesti vuodessa" is a schedule, "we all chipped in for" a gift,
                    weak[word] = start  # "peeling potatoes" cooking, "seriously good" praise
                    if end > start + 1:
                        phrased.append((start, end))
            else:
                if "-" in word and word.startswith(SOLVED_PREFIXES):
                    continue  # "fixed-price": an adjective, no praise
                if end == start + 1 and lows[start] in PREFACES and preface(lows, start):
                    continue  # "Good morning,", "Quick question:": a greeting, no praise
                if word in POLITE:  # polite(word), a call fewer a praise word
                    thanked = True
                elif end == start + 1 and start and lows[start - 1][0] in BOUNDARY_CHARS and ironic_tail(
                        lows, start, (places := places or last_places(lows))[1]):
                    weak[f"… {word}"] = start  # "ruokaa ei oo missään. Hienoa."
                    continue
                else:
                    praise_at.append(start)
                positive = True
        if tail:
            weak[f"… {tail}"] = n - 1
        if phrased and praise_at:  # "Love that for me.": the praise word of a complaint phrase praises nothing
            praise_at = [p for p in praise_at if not any(a <= p < b for a, b in phrased)]
        if asks and negative:
            _drop_asked(negative, by_pack, where, lows, notes)
        if praise_at and (negative or weak or frames):  # a short praise sentence after a complaint is sarcasm
            places = places or last_places(lows)  # not the rest of the post looked through again for each praise word
            consoled = consoling_places(lows, praise_at)  # the post read once, not a sentence for each praise word
            praise_at = [p for p in praise_at if not sarcastic_tail(lows, p, places) and p not in consoled]
        if faint:
            praise_at += faint
        if negative and praise_at:
            _drop_intensifiers(negative, by_pack, where, praise_at, notes)
        for k in sorted(frames) if len(frames) > 1 else ():  # the frames in FRAMES' order, each (k, k + 1) a pair
            if k & 1 or k + 1 not in frames:
                continue  # a frame needs a word of each list: most posts with a frame word have one list's or none
            firsts, seconds = frames[k], frames[k + 1]
            places = [*map(_FIRST, seconds)]  # in the post's order, as the hits are sorted
            for first, one in firsts:
                near = bisect_left(places, first - FRAME_WINDOW), bisect_right(places, first + FRAME_WINDOW)
                for second, other in seconds[near[0]:near[1]]:  # only those within reach: linear on a long post
                    lo, hi = min(first, second), max(first, second)
                    if hi - lo <= FRAME_WINDOW and same_sentence(lows, lo, hi) and not quick(lows, lo, hi):
                        weak[f"{one} … {other}" if first < second else f"{other} … {one}"] = hi
        if negative and all(map(is_problem_word, negative)):
            if fixed and solved(lows, _phrase_negators(lows, hits) if taken is None else taken, fixed):
                notes.extend(f"solved '{word}'" for word in negative)
                negative, by_pack, positive = {}, {}, True
            elif len(set(praise_at)) + thanked >= PRAISE_OUTWEIGHS and not sarcastic(lows):
                notes.extend(f"praise outweighs '{word}'" for word in negative)
                negative, by_pack, weak = {}, {}, {}
            elif not weak and all(status_question(lows, where[word]) for word in negative):
                notes.extend(f"only asked about '{word}'" for word in negative)
                negative, by_pack = {}, {}
        if negative and praise_at and turned(lows, max(where.values()), praise_at):
            notes.extend(f"praise after a contrast outweighs '{word}'" for word in negative)
            negative, by_pack, weak = {}, {}, {}
        elif (negative or weak) and faint and all(w[0].isalnum() for w in negative) and not sarcastic(lows) \
                and closing_verdict(lows, faint[-1]):  # not "... taas. ei huono", "... Ei huono alku 🙃"
            notes.extend(f"the closing verdict '{lows[faint[-1] - 1]} {lows[faint[-1]]}' outweighs '{word}'"
                         for word in (*negative, *weak))  # "... uusi tuli hotelliin. Ei huono."
            negative, by_pack, weak = {}, {}, {}
        if weak and not negative:
            if praise_at:  # "kauniita mutta sirut syntyy liian helposti": praise before the contrast is conceded
                praise_at = conceded(lows, praise_at, max(weak.values()))
            saving = saved >= 0 and CONTRASTS.isdisjoint(lows[saved:])  # not "used to be cheaper but now"
            if praise_at or laughed or saving or (fixed and solved(lows, _phrase_negators(lows, hits), fixed)):
                notes.extend(f"praise outweighs '{word}'" for word in weak)
            else:
                negative = dict.fromkeys(weak)
        categories: dict[str, None] = {}
        terms: dict[str, None] = {}
        if domain and by_pack:  # a category needs both its domain word and a negative word of its pack
            for key in sorted(domain):  # in the packs' order
                if key[0] in by_pack:
                    categories[self._categories[key]] = None
                    terms.update(domain[key])
                    terms.update(by_pack[key[0]])
        if not negative and not positive and not categories and not notes:
            return _SILENT  # the words said nothing in the end (a cue or a domain word alone): the shared Tone
        return Tone(tuple(negative), positive, tuple(categories), tuple(terms),
                    tuple(dict.fromkeys(notes)) if notes else ())
