"""Who the person is does not choose the quoted sentences: selection reads the question as retrieval does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhia.drafting.extractive import extractive_answer
from rhia.drafting.passages import Passage
from rhia.fairness.neutral import neutral_question
from rhia.search.analysis import query_terms

CASES = json.loads((Path(__file__).parent / "data" / "person_variants.json").read_text(encoding="utf-8"))[
    "cases"
]


def chosen(question: str, case: dict) -> list[str]:
    passages = [Passage.from_dict(p) for p in case["passages"]]
    extract = extractive_answer(question, passages, versant=case["versant"], statut=case["statut"])
    assert extract.found
    return [
        f"{item.sentence.number}/{item.sentence.position} {item.sentence.text}"
        for item in extract.selection.chosen
    ]


@pytest.mark.parametrize(
    "key",
    [
        "c05",  # "M. [PERSONNE_1] : il…" / "Mme [PERSONNE_1] : elle…": the civility's stop cut one part more
        "c47",  # "57 ans" picked the fiche's example with "57 jours d'arrêt"
    ],
)
def test_two_variants_of_a_question_quote_the_same_sentences(key):
    case = CASES[key]
    base, variant = case["questions"]
    assert chosen(base, case) == chosen(variant, case)


def test_the_neutral_question_keeps_what_is_asked():
    man = neutral_question("M. [PERSONNE_1], 57 ans, est élu conseiller municipal.")
    woman = neutral_question("Mme [PERSONNE_1], 34 ans, est élue conseillère municipale.")
    assert query_terms(man) == query_terms(woman)  # "conseillère" alone stems apart from "conseiller"
    assert neutral_question("Peut-elle partir à 62 ans ? Un CDD de 3 ans.") == (
        "Peut-il partir à 62 ans ? Un CDD de 3 ans."
    )
    assert "carrière" in neutral_question("Quelle carrière pour une infirmière ?")
