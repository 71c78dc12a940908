"""``rhia eval answers``: file checks, fact matching, and the JSON contract of the last line."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from rhia.drafting.evaluation import EvalDraft, score_question

ITEM = {
    "id": "t1",
    "query": "x",
    "expected_ids": ["F486"],
    "facts": [
        {"fact": "de droit", "any_of": ["accordé de droit"]},
        {"fact": "âge", "any_of": ["3e anniversaire"]},
    ],
    "not_facts": [{"fact": "FPT", "any_of": ["2 mois avant"]}],
}


def _draft(text: str, citations: list[str], verified: bool = True) -> EvalDraft:
    return EvalDraft("extractive", text, citations, verified, [], 0.01)


def test_a_fact_counts_only_in_a_verified_draft_citing_an_expected_fiche():
    text = "Il est ACCORDE DE DROIT jusqu'au 3e anniversaire [1]."
    assert score_question(ITEM, [_draft(text, ["F486"])])["all_facts"]
    assert not score_question(ITEM, [_draft(text, ["F18029"])])["all_facts"]
    assert not score_question(ITEM, [_draft(text, ["F486"], verified=False)])["all_facts"]
    wrong = score_question(ITEM, [_draft(text + " Demande 2 mois avant [1].", ["F486"])])
    assert wrong["not_facts_stated"] == ["FPT"]


def test_bad_files_get_a_french_error(tmp_path):
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"query": "ok", "facts": "pas une liste"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="doit être une liste"):
        call_command("eval", "answers", "--queries", str(bad))
    with pytest.raises(CommandError, match="introuvable"):
        call_command("eval", "answers", "--queries", str(tmp_path / "absent.jsonl"))


@pytest.mark.django_db
def test_last_line_is_the_json_report(tmp_path, capsys):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(ITEM | {"versant": "FPE", "statut": "titulaire"}) + "\n", encoding="utf-8")
    call_command("eval", "answers", "--queries", str(path), "--json")
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(report) >= {
        "n", "mode", "questions_all_facts", "facts_recall", "gold_cited", "unsupported_sentences",
        "not_facts_stated", "first_draft_p50_s", "first_draft_p95_s", "model_draft_p50_s", "words_p50",
        "per_question",
    }  # fmt: skip
    assert report["n"] == 1 and report["mode"] == "extractive" and report["per_question"][0]["id"] == "t1"


def test_the_fresh_answer_set_is_well_formed_and_frozen():
    # Written apart from the code and read once (docs/assistant.md): edits would void its figures.
    import hashlib
    from pathlib import Path

    from rhia.drafting.evaluation import load_answers

    path = Path(__file__).resolve().parents[2] / "bench" / "data" / "answers_fresh.jsonl"
    items = load_answers(path)
    assert len(items) == 20 and all(item["facts"] and item["expected_ids"] for item in items)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == FRESH_SHA256


FRESH_SHA256 = "e3765b4049a579535b18ccda25108f156021738f2ccda65f1097e1637b6f8d2b"


def test_the_unseen_answer_set_is_well_formed():
    # 30 questions written apart and not yet read by anyone tuning the pipeline: the next
    # selection change is measured on it once (docs/assistant.md), then it becomes development data.
    from pathlib import Path

    from rhia.drafting.evaluation import load_answers

    path = Path(__file__).resolve().parents[2] / "bench" / "data" / "answers_unseen.jsonl"
    items = load_answers(path)
    assert len(items) == 30 and {item["versant"] for item in items} == {"FPE", "FPT", "FPH"}
