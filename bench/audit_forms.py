"""Audit the Finnish form generator (kuulo.rules.finnish.surface_forms, name=True) against pypykko, per noun ending class.

Which stem changes does the generator miss before a real brand meets them? ~580 common nouns of the frequency list
that pypykko reads as nominatives, up to 15 per ending class (seed 64), each treated as a brand name; pypykko's
singular and plural case forms compared with the generator's (and plural_name_forms for plural-nominative names).
Run (pypykko installed: `pip install pypykko kfst-rs`; ~1 min, 1.7 GB while pypykko is loaded):
    python bench/audit_forms.py DIR    writes DIR/report.md (the table per class) and DIR/results.json
The run of 2026-12-06 22:20 UTC is bench/forms-audit.md (20:50 UTC: 38 % missed).
"""
from __future__ import annotations

import json
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from kuulo.rules.finnish import plural_name_forms, surface_forms

import sys

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
WORDS_FILE = Path(__file__).resolve().parent.parent / "rules" / "packs" / "frequent-words.txt"
PER_CLASS = 15
SIMPLE_PREF = 10  # prefer up to this many non-compound lemmas per class, fill the rest with compounds
SKIP_INFO = ("⟨foreign⟩", "⟨rare⟩", "⟨arch⟩", "⟨dial⟩")
SG_ASK = ("gen", "par", "ine", "ela", "ill", "ade", "abl", "all", "ess", "tra")
PL_ASK = ("gen", "par", "ine", "ela", "ill", "ade")
PL_NAME_ASK = ("gen", "par", "ine", "ela", "ill", "ade", "abl", "all", "ess", "tra")  # plural-nominative names
ALL_CASES = ("nom", "gen", "par", "ess", "tra", "ine", "ela", "ill", "ade", "abl", "all", "abe", "ins")
CASE_NAMES = {"nom": "nominative", "gen": "genitive", "par": "partitive", "ine": "inessive", "ela": "elative",
              "ill": "illative", "ade": "adessive", "abl": "ablative", "all": "allative", "ess": "essive",
              "tra": "translative", "abe": "abessive", "ins": "instructive"}
VOWELS = set("aeiouyäö")

t0 = time.time()
from pypykko.generate import generate_wordform  # noqa: E402
from pypykko.utils import analyze  # noqa: E402
print(f"pypykko loaded in {time.time() - t0:.1f} s", flush=True)


def gen(lemma: str, homonyms: list[str], tags: str) -> set[str]:
    out: set[str] = set()
    for h in homonyms:
        out |= {f.lower() for f in generate_wordform(lemma, "noun", tags, homonym=h)}
    if not out:
        out |= {f.lower() for f in generate_wordform(lemma, "noun", tags)}
    return {f for f in out if f.isalpha()}


def last_part(lemma_sep: str) -> str:
    return re.split(r"[|\-]", lemma_sep)[-1]


def syllables(w: str) -> int:
    return len(re.findall(r"[aeiouyäö]+", w))


def grad(w: str, g1: str) -> bool:
    """Consonant gradation (or any stem change) in a vowel-final word: the genitive is not word+n."""
    return g1 != w + "n"


def klass(w: str, g: set[str], lemma_sep: str) -> str:
    g1 = min(g, key=lambda x: (len(x), x)) if g else ""
    e = w.endswith
    if e("nen"):
        return "-nen (ihminen)"
    if e("ksi"):
        return "-ksi (suksi)"
    if e("si"):
        if g1 == w + "n":
            return "-si plain (taksi)"
        if g1.endswith("sen"):
            return "-si e-stem -sen (kuusi tree)"
        return "-si → -den/-nen/-ren/-len (liesi, kansi)"
    if e("uus") or e("yys"):
        return "-uus/-yys (rakkaus type -uuden)"
    if e("us") or e("ys"):
        return "-us/-ys -uden (kauneus)" if g1.endswith(("uden", "yden")) else "-us/-ys -uksen (vastaus)"
    if e("is"):
        if g1.endswith("iksen"):
            return "-is -iksen (roskis)"
        if g1.endswith("iin"):
            return "-is -iin (ruis, kallis)"
        return "-is other"
    if re.search(r"[aäeoö]s$", w):
        if re.search(r"(aa|ää|ee|oo|öö|he)n$", g1):
            return "-as/-es/-os contracted (vieras, kirves)"
        return "-as/-es/-os -ksen/other (ananas)"
    if e("ton") or e("tön"):
        return "-ton/-tön"
    if e("in"):
        return "-in -imen (avain)" if g1.endswith("imen") else "-in other"
    if re.search(r"[aäe]r$", w):
        return "-ar/-är/-er (tytär)"
    if re.search(r"[aäeo]l$", w):
        return "-el/-al (askel, sammal)"
    if re.search(r"[aäeo]n$", w):
        return "-en/-an/-än (ahven, sydän)"
    if e("ut") or e("yt"):
        return "-ut/-yt (olut)"
    if re.search(r"[aäeio]t$", w):
        return "-at/-ät/-et/-it (kevät)"
    if len(w) >= 2 and w[-1] in VOWELS and w[-1] == w[-2]:
        return "-VV long vowel (maa, puu)"
    if e("ie") or e("uo") or e("yö"):
        return "-ie/-uo/-yö (tie, suo, työ)"
    if e("e"):
        return "-e -een (huone)" if g1.endswith("een") else "-e -en (nalle)"
    if e("i"):
        if g1.endswith("en") and g1 != w + "n":
            return "-i e-stem (lehti, kivi)"
        return "-i i-stem gradation (kaappi)" if grad(w, g1) else "-i i-stem (bussi)"
    if e("a") or e("ä"):
        if w[-2:-1] in VOWELS:
            return "-Va/-Vä (korkea, aria)"
        if grad(w, g1):
            return "-a/-ä gradation (kauppa, pöytä)"
        return "-a/-ä 3+ syll no gradation (omena)" if syllables(last_part(lemma_sep)) >= 3 \
            else "-a/-ä 2 syll no gradation (kissa)"
    if e("o") or e("ö"):
        return "-o/-ö gradation (lepo)" if grad(w, g1) else "-o/-ö (talo)"
    if e("u") or e("y"):
        return "-u/-y gradation (kaupu? sopu)" if grad(w, g1) else "-u/-y (tuttu? kassu)"
    return "other consonant"


def plural_class(lemma: str) -> str:
    if lemma.endswith("nen"):
        return "plural -set (lemma -nen)"
    if lemma.endswith("i"):
        return "plural -t (lemma -i)"
    if lemma.endswith(("a", "ä")):
        return "plural -t (lemma -a/-ä)"
    if lemma[-1:] in VOWELS:
        return "plural -t (lemma other vowel)"
    return "plural -t (lemma consonant: -us, -in, -ar, ...)"


# ---- 1. candidates -------------------------------------------------------------------------------------------
words = [l.strip() for l in WORDS_FILE.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
freq = set(words)
cands: dict[str, list[dict]] = defaultdict(list)
t1 = time.time()
for w in words:
    if not w.isalpha() or len(w) < 3:
        continue
    sg, pl = [], []
    for a in analyze(w, only_best=False):
        if a.source != "Lexicon" or a.pos != "noun" or any(t in a.info for t in SKIP_INFO):
            continue
        lem = a.lemma.replace("|", "")
        if a.morphtags == "+sg+nom" and lem == w:
            sg.append(a)
        elif a.morphtags == "+pl+nom" and lem != w and w.endswith("t"):
            pl.append(a)
    if sg:
        lemma_sep = sg[0].lemma
        homs = sorted({a.homonym for a in sg})
        g = gen(w, homs, "+sg+gen")
        if not g:
            continue
        cands[klass(w, g, lemma_sep)].append({"word": w, "lemma": w, "sep": lemma_sep, "hom": homs, "plural": False,
                                              "compound": "|" in lemma_sep})
    elif pl:
        lem = pl[0].lemma.replace("|", "")
        homs = sorted({a.homonym for a in pl if a.lemma.replace("|", "") == lem})
        cands[plural_class(lem)].append({"word": w, "lemma": lem, "sep": pl[0].lemma, "hom": homs, "plural": True,
                                         "compound": "|" in pl[0].lemma})
print(f"candidates in {time.time() - t1:.1f} s: " + ", ".join(f"{k}={len(v)}" for k, v in sorted(cands.items())),
      flush=True)

rng = random.Random(64)
sample: list[tuple[str, dict]] = []
for cls, lst in sorted(cands.items()):
    simple = [c for c in lst if not c["compound"]]
    comp = [c for c in lst if c["compound"]]
    rng.shuffle(simple)
    rng.shuffle(comp)
    n_simple = min(len(simple), max(SIMPLE_PREF, PER_CLASS - len(comp)))
    chosen = simple[:n_simple] + comp[:PER_CLASS - n_simple]
    sample += [(cls, c) for c in chosen]
print(f"sample: {len(sample)} lemmas in {len({c for c, _ in sample})} classes", flush=True)


# ---- 2. compare -------------------------------------------------------------------------------------------------
def lemma_readings(form: str, lemma: str) -> tuple[bool, str]:
    """(pypykko reads the form as some form of the lemma, its first other everyday reading)."""
    other = ""
    for a in analyze(form, only_best=False):
        if not a.source.startswith("Lexicon"):
            continue
        if a.lemma.replace("|", "").lower() == lemma:
            return True, ""
        if not other:
            other = f"{a.lemma.replace('|', '')} {a.pos} {a.morphtags}"
    return False, other


results = []
for cls, c in sample:
    w, lemma, homs = c["word"], c["lemma"], c["hom"]
    name = w.capitalize()
    ours = {k for k in surface_forms(name, name=True) if ":" not in k and "'" not in k and "’" not in k}
    if c["plural"]:
        ours |= {f.lower() for f in plural_name_forms(name) if ":" not in f and "'" not in f}
        asked = [("pl", cs) for cs in PL_NAME_ASK]
    else:
        asked = [("sg", cs) for cs in SG_ASK] + [("pl", cs) for cs in PL_ASK]
    slots = []
    for num, cs in asked:
        forms = sorted(gen(lemma, homs, f"+{num}+{cs}"))
        missed = [f for f in forms if f not in ours]
        slots.append({"slot": f"{num} {cs}", "forms": forms, "missed": missed})
    paradigm: set[str] = set()
    for num in ("sg", "pl"):
        for cs in ALL_CASES:
            paradigm |= gen(lemma, homs, f"+{num}+{cs}")
    paradigm |= gen(lemma, homs, "+pl+com+poss3")
    false_hits = []
    for f in sorted(ours - paradigm - {w, lemma}):
        if f in freq:
            known, other = lemma_readings(f, lemma)
            if not known:
                false_hits.append({"form": f, "pypykko": other})
    results.append({"class": cls, "word": w, "lemma": lemma, "plural": c["plural"], "compound": c["compound"],
                    "generator_forms": len(ours), "slots": slots, "false_hits": false_hits})
(OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
print(f"compared in {time.time() - t1:.1f} s total", flush=True)


# ---- 3. report ---------------------------------------------------------------------------------------------------
def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


by_cls: dict[str, list[dict]] = defaultdict(list)
for r in results:
    by_cls[r["class"]].append(r)

rows = []
case_forms: Counter = Counter()
case_slots: Counter = Counter()
case_asked: Counter = Counter()
for cls, rs in by_cls.items():
    forms = sum(len(s["forms"]) for r in rs for s in r["slots"])
    missed = sum(len(s["missed"]) for r in rs for s in r["slots"])
    slots = sum(1 for r in rs for s in r["slots"] if s["forms"])
    slots_missed = sum(1 for r in rs for s in r["slots"] if s["forms"] and len(s["missed"]) == len(s["forms"]))
    lem_missing = sum(1 for r in rs if any(s["missed"] for s in r["slots"]))
    ex, seen_case = [], set()
    for r in rs:  # examples: prefer different cases and lemmas
        for s in r["slots"]:
            if s["missed"] and s["slot"] not in seen_case and len(ex) < 3:
                ex.append(f"{s['missed'][0]} ({r['word']}, {s['slot']})")
                seen_case.add(s["slot"])
                break
    for r in rs:
        for s in r["slots"]:
            if s["missed"] and len(ex) < 3 and not any(s["missed"][0] + " " in e for e in ex):
                ex.append(f"{s['missed'][0]} ({r['word']}, {s['slot']})")
    fh = [h for r in rs for h in r["false_hits"]]
    fh_ex = [f"{h['form']} ({r['word']}; pypykko: {h['pypykko'] or '?'})" for r in rs for h in r["false_hits"]][:2]
    rows.append({"class": cls, "lemmas": len(rs), "lemmas_with_miss": lem_missing, "forms": forms, "missed": missed,
                 "slots": slots, "slots_missed": slots_missed, "examples": ex, "false_hits": len(fh),
                 "fh_examples": fh_ex, "words": [r["word"] for r in rs]})
    for r in rs:
        for s in r["slots"]:
            case_asked[s["slot"]] += len(s["forms"])
            case_forms[s["slot"]] += len(s["missed"])
            if s["forms"] and len(s["missed"]) == len(s["forms"]):
                case_slots[s["slot"]] += 1

rows.sort(key=lambda x: x["class"])
tot_forms = sum(x["forms"] for x in rows)
tot_missed = sum(x["missed"] for x in rows)
tot_slots = sum(x["slots"] for x in rows)
tot_slots_missed = sum(x["slots_missed"] for x in rows)
tot_fh = sum(x["false_hits"] for x in rows)

L = []
L.append("# Finnish word-form generator vs pypykko: recall audit by ending class\n")
L.append("Generator: `kuulo.rules.finnish.surface_forms(Lemma, name=True)` (+ `plural_name_forms` for plural-nominative "
         "names); keys with ':' or an apostrophe ignored. Reference: pypykko `generate_wordform` (all readings/homonyms "
         "of the noun, all variants it returns, lower-cased).\n")
L.append(f"Sample: {len(results)} lemmas from `rules/packs/frequent-words.txt` that pypykko analyses as a Lexicon "
         "common noun in the nominative singular (or plural for the `plural` classes), excluding ⟨foreign⟩/⟨rare⟩/⟨arch⟩/"
         f"⟨dial⟩ readings; up to {PER_CLASS} per class (random, seed 64, up to {SIMPLE_PREF} simple words first, then "
         "compounds). Classes are by last letters, split by pypykko's genitive singular where the ending is ambiguous "
         "(e.g. -i e-stem = genitive in -en not word+n; 'gradation' = genitive is not word+n).\n")
L.append("Asked per singular lemma: sg gen, par, ine, ela, ill, ade, abl, all, ess, tra; pl gen, par, ine, ela, ill, ade "
         "(16 slots). Per plural-nominative lemma: the 10 plural cases above incl. abl/all/ess/tra.\n")
L.append("*Forms* counts every variant pypykko returns (kankurien, kankureiden, kankureitten = 3 forms); *slots wholly "
         "missed* counts a case where the generator has **none** of pypykko's variants (the case is unmatched for "
         "that name). *False hits*: generator forms that are not in pypykko's paradigm of the lemma (13 cases × 2 "
         "numbers + comitative), that pypykko does not read as any form of the lemma, and that are in "
         "frequent-words.txt.\n")
L.append(f"**Totals:** {len(results)} lemmas, {tot_forms} forms asked, {tot_missed} missed ({pct(tot_missed, tot_forms)}); "
         f"{tot_slots} slots, {tot_slots_missed} wholly missed ({pct(tot_slots_missed, tot_slots)}); potential false "
         f"hits: {tot_fh}.\n")

L.append("## Per ending class\n")
L.append("| class | lemmas | lemmas with a miss | forms asked | missed | % missed | slots wholly missed (%) | "
         "example missed forms (lemma, case) | potential false hits |")
L.append("|---|---|---|---|---|---|---|---|---|")
for x in rows:
    L.append(f"| {x['class']} | {x['lemmas']} | {x['lemmas_with_miss']} | {x['forms']} | {x['missed']} | "
             f"{pct(x['missed'], x['forms'])} | {x['slots_missed']} ({pct(x['slots_missed'], x['slots'])}) | "
             f"{'; '.join(x['examples']) or '—'} | {x['false_hits']}"
             f"{(' — e.g. ' + '; '.join(x['fh_examples'])) if x['fh_examples'] else ''} |")

L.append("\n## The 10 classes with the most misses\n")
L.append("Ranked by number of missed forms (ties: % missed).\n")
L.append("| rank | class | missed | % missed | slots wholly missed | examples |")
L.append("|---|---|---|---|---|---|")
for i, x in enumerate(sorted(rows, key=lambda x: (-x["missed"], -x["missed"] / max(x["forms"], 1)))[:10], 1):
    L.append(f"| {i} | {x['class']} | {x['missed']}/{x['forms']} | {pct(x['missed'], x['forms'])} | "
             f"{x['slots_missed']}/{x['slots']} | {'; '.join(x['examples'])} |")

L.append("\n## Cases most often missed\n")
L.append("| case | forms asked | forms missed | % | slots wholly missed |")
L.append("|---|---|---|---|---|")
for slot, n in case_forms.most_common():
    num, cs = slot.split()
    nm = f"{'singular' if num == 'sg' else 'plural'} {CASE_NAMES[cs]}"
    L.append(f"| {nm} ({slot}) | {case_asked[slot]} | {n} | {pct(n, case_asked[slot])} | {case_slots[slot]} |")

SWAP = str.maketrans("aouäöy", "äöyaou")


def harmony_only(f: str, ours: set[str]) -> bool:
    """The generator has this form with the other vowel harmony in its ending (tutkijaryhmassa for -ryhmässä)."""
    return any(f[:i] + f[i:].translate(SWAP) in ours for i in range(max(1, len(f) - 8), len(f)))


kinds: dict[str, Counter] = defaultdict(Counter)
kind_ex: dict[str, list[str]] = defaultdict(list)
for r in results:
    name = r["word"].capitalize()
    ours = {k for k in surface_forms(name, name=True) if ":" not in k and "'" not in k}
    if r["plural"]:
        ours |= {f.lower() for f in plural_name_forms(name)}
    group = "plural names" if r["plural"] else ("compound" if r["compound"] else "simple")
    for s in r["slots"]:
        for f in s["missed"]:
            if len(s["missed"]) < len(s["forms"]):
                k = "variant only (slot covered by another form)"
            elif harmony_only(f, ours):
                k = "vowel harmony (generator has the a/o/u <-> ä/ö/y twin)"
            else:
                k = "stem or ending not generated"
            kinds[group][k] += 1
            if len(kind_ex[k]) < 6 and not any(f"({r['word']}," in e for e in kind_ex[k]):
                kind_ex[k].append(f"{f} ({r['word']}, {s['slot']})")
L.append("\n## What kind of misses\n")
L.append("| kind | simple lemmas | compound lemmas | plural names | examples |")
L.append("|---|---|---|---|---|")
for k in ("stem or ending not generated", "vowel harmony (generator has the a/o/u <-> ä/ö/y twin)",
          "variant only (slot covered by another form)"):
    L.append(f"| {k} | {kinds['simple'][k]} | {kinds['compound'][k]} | {kinds['plural names'][k]} | "
             f"{'; '.join(kind_ex[k])} |")
n_simple = sum(1 for r in results if not r["plural"] and not r["compound"])
n_comp = sum(1 for r in results if not r["plural"] and r["compound"])
L.append(f"\n({n_simple} simple and {n_comp} compound singular lemmas, "
         f"{sum(1 for r in results if r['plural'])} plural names.)\n")

L.append("\n## Lemmas per class\n")
for x in rows:
    L.append(f"- **{x['class']}**: {', '.join(x['words'])}")
L.append("\nPer-lemma detail (every slot, pypykko's forms, the missed ones, false hits): `results.json`.")
(OUT / "report.md").write_text("\n".join(L) + "\n", encoding="utf-8")
print(f"done in {time.time() - t0:.1f} s; {tot_missed}/{tot_forms} forms missed", flush=True)
