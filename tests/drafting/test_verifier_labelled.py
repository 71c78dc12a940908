"""Verification on hand-labelled drafts: real fiche passages, drafts written by hand, correct or wrong.

``data/verifier_labelled.jsonl`` (69 drafts on 28 passages of 20 fiches; none of them is a fiche of
the answers evaluation set): each wrong draft changes one thing (a figure, a unit, a negation, the
actor, a contrary rule, an added claim, a prompt example sentence). Goals of issue #12: reject at
least 95 % of the wrong drafts and accept at least 90 % of the correct ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from rhia.drafting.alignment import align_draft
from rhia.drafting.rewording import EXAMPLES

DATA = Path(__file__).parent / "data" / "verifier_labelled.jsonl"


def _rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def figures() -> dict:
    rows = _rows()
    verdicts = [
        (
            row,
            align_draft(row["draft"], row["passages"], question=row["question"], examples=list(EXAMPLES)).ok,
        )
        for row in rows
    ]
    correct = [ok for row, ok in verdicts if row["label"] == "correct"]
    wrong = [ok for row, ok in verdicts if row["label"] == "wrong"]
    missed = [row["id"] for row, ok in verdicts if row["label"] == "wrong" and ok]
    return {
        "n": len(rows),
        "accepted_correct": sum(correct) / len(correct),
        "rejected_wrong": sum(not ok for ok in wrong) / len(wrong),
        "missed": missed,
    }


def test_the_labelled_set_is_big_enough_and_balanced():
    rows = _rows()
    assert len(rows) >= 60
    assert {row["label"] for row in rows} == {"correct", "wrong"}
    kinds = {row["kind"] for row in rows if row["label"] == "wrong"}
    assert kinds >= {"chiffre", "négation", "acteur", "contraire", "ajout", "exemple", "unité"}


def test_verification_rejects_wrong_drafts_and_accepts_correct_ones():
    result = figures()
    assert result["rejected_wrong"] >= 0.95, result
    assert result["accepted_correct"] >= 0.90, result
