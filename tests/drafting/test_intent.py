"""Intent gate: HR questions go on; everything else gets a fixed French reply, nothing invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhia.drafting.intent import REPLIES, classify

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


@pytest.mark.parametrize(
    "question",
    [
        "Combien de jours de congé annuel pour un agent à temps partiel ?",
        "Mon chef peut-il refuser que je bosse depuis chez moi deux jours par semaine ?",
        "Bonjour, combien de jours d'absence pour un mariage ?",
        "[PERSONNE_1] demande si son arrêt maladie réduit ses RTT.",
        "Fais-moi un courrier pour refuser le temps partiel",
    ],
)
def test_hr_questions_go_on(question):
    intent = classify(question)
    assert intent.kind == "hr_question" and intent.reply is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Bonjour", "small_talk"),
        ("merci beaucoup !", "small_talk"),
        ("Quelle est la météo demain à Lyon ?", "out_of_scope"),
        ("Donne-moi une recette de crêpes", "out_of_scope"),
        ("Quelle est la capitale de la France ?", "out_of_scope"),
        ("Rédige-moi un rapport complet sur le télétravail", "whole_document"),
        ("Recopie le texte intégral du décret", "whole_document"),
        ("Écris une note de 10 pages sur la retraite", "whole_document"),
        ("et pour moi ?", "needs_clarification"),
        ("congé ?", "needs_clarification"),
        ("   ", "needs_clarification"),
    ],
)
def test_other_intents_get_a_fixed_reply(question, kind):
    intent = classify(question)
    assert intent.kind == kind
    assert intent.reply == REPLIES[kind]


@pytest.mark.skipif(not EVAL.exists(), reason="shared eval set not present")
def test_every_dev_question_is_an_hr_question():
    rows = [
        json.loads(line)
        for name in ("retrieval_dev_paraphrases.jsonl", "retrieval_dev_titles.jsonl")
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    missed = [row["query"] for row in rows if classify(row["query"]).kind != "hr_question"]
    assert missed == []
    assert len(rows) > 100
