"""`kuulo explain` says which '?' did not count as a question and why, in text and in --format json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kuulo.rules.engine import Engine
from tests.processes import KUULO


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine((), [], {})


# (text, the sentence shown, why its '?' asks nothing)
DISCOUNTED = [
    ("Worth it? No.", "Worth it?", "answered at once: 'No'"),
    ("Toimiiko? Ei.", "Toimiiko?", "answered at once: 'Ei'"),
    ("Worth it? Absolutely not.", "Worth it?", "answered at once: 'Absolutely not'"),
    ("Kannattiko? Ei ikinä.", "Kannattiko?", "answered at once: 'Ei ikinä'"),
    ("Miten? 😮", "Miten?", "met with amazement: '😮'"),
    ("Tilasin paketin tiistaina (ehkä ?) ja se tuli tänään.", "Tilasin paketin tiistaina (ehkä ?",
     "a hedge in parentheses"),
    ("The parcel came on Tuesday (I think?) and all is fine.", "The parcel came on Tuesday (I think?",
     "a hedge in parentheses"),
    ("Takki oli -60 % (vai oliko -50? en muista), lapsi tyytyväinen.", "Takki oli -60 % (vai oliko -50?",
     "a hedge in parentheses"),
    ("Se maksaa jotain 90 euroa? en muista, mut hyvä lehti", "Se maksaa jotain 90 euroa?",
     "a figure guessed, doubt after it"),
    ("Mitä ihmettä?!", "Mitä ihmettä?!", "'?!' after an exclamation"),
    ("Nyt on kyllä ???!!!", "Nyt on kyllä ???!!!", "a run of marks: noise"),
    ("Tiesittekö että palautusaika on nyt 365 päivää?", "Tiesittekö … on nyt 365 päivää?",
     "a teaser: it tells"),
    ("Watched 'Why Him?' last night, not bad", "'Why Him?'", "in quotes: another's words or a title"),
    ("koodi a?b toimii", "koodi a?", "inside a word or a link"),
    ("😡?", "😡?", "no word before it"),
]


@pytest.mark.parametrize("text, sentence, why", DISCOUNTED)
def test_each_discounted_mark_is_named_with_its_reason(engine: Engine, text: str, sentence: str, why: str) -> None:
    verdict = engine.evaluate(text)
    assert not verdict.is_question, verdict.question_reasons
    assert verdict.question_discounted == ((sentence, why),)


@pytest.mark.parametrize("text", ["Onko tämä normaalia? Sovellus kaatuu.", "Where do I get a refund?The form is",
                                  "Worth it? No. Where do I get a refund then?", "Onko tämä… totta?",
                                  "Is it open on Sunday? No way to tell from the site",
                                  "Palvelumaksu 1,49 € per tilaus? Ei kiitos"])
def test_a_post_whose_mark_asks_names_none(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(text)
    assert verdict.question_discounted == ()


def test_a_discounted_mark_is_named_beside_the_words_that_ask(engine: Engine) -> None:
    verdict = engine.evaluate("Miten? 😮 Miksi tämä ei toimi")
    assert verdict.question_reasons == ("interrogative 'miksi'",)
    assert verdict.question_discounted == (("Miten?", "met with amazement: '😮'"),)


def explain(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([KUULO, "explain", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_kuulo_explain_says_which_mark_was_discounted_and_why(tmp_path: Path) -> None:
    text = explain("Worth it? No.", cwd=tmp_path).stdout.splitlines()
    assert "  question:    no; '?' not counted: 'Worth it?', answered at once: 'No'" in text, text
    hedged = explain("Tilasin paketin (ehkä ?) ja se tuli.", cwd=tmp_path).stdout.splitlines()
    assert "  question:    no; '?' not counted: 'Tilasin paketin (ehkä ?', a hedge in parentheses" in hedged, hedged


def test_kuulo_explain_json_adds_the_field_and_keeps_the_others(tmp_path: Path) -> None:
    verdict = json.loads(explain("Worth it? No.", "--format", "json", cwd=tmp_path).stdout)
    assert list(verdict) == ["id", "brands", "is_question", "negative", "categories", "needs_reply", "priority",
                             "lang", "praise", "suggestions", "question_discounted"]
    assert verdict["is_question"] is False
    assert verdict["question_discounted"] == [{"text": "Worth it?", "why": "answered at once: 'No'"}]
    asks = json.loads(explain("Onko tämä normaalia?", "--format", "json", cwd=tmp_path).stdout)
    assert asks["is_question"] is True and asks["question_discounted"] == []


def test_kuulo_explain_file_json_has_the_field_on_every_line(tmp_path: Path) -> None:
    rows = [{"platform": "x", "id": "1", "author": "a", "text": "Mitä ihmettä?!", "created_at": "2026-11-29T10:00Z"},
            {"platform": "x", "id": "2", "author": "b", "text": "Miksi?", "created_at": "2026-11-29T10:01Z"}]
    (tmp_path / "p.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    lines = [json.loads(line) for line in explain("--file", "p.jsonl", "--format", "json", cwd=tmp_path).stdout
             .splitlines()]
    assert [(v["id"], v["question_discounted"], v["line"]) for v in lines] == [
        ("1", [{"text": "Mitä ihmettä?!", "why": "'?!' after an exclamation"}], 1), ("2", [], 2)]


def test_the_discounted_sentence_cannot_steer_the_terminal(tmp_path: Path) -> None:
    out = explain("Worth it\x1b[2J? No.", cwd=tmp_path).stdout
    assert "\x1b" not in out and "\\x1b[2J?', answered at once: 'No'" in out, out
