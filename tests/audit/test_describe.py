"""Every event the code journals reads as a French sentence (pure Python over the shipped table)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rhia.audit.describe import EVENT_LABELS, SENTENCES, describe

SRC = Path(__file__).resolve().parents[2] / "src" / "rhia"


def _journaled_actions() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"record\(\s*\"([a-z_]+\.[a-z_.]+)\"", text))
        found |= set(re.findall(r"journal\(\s*\"([a-z_]+\.[a-z_.]+)\"", text))
        found |= set(re.findall(r"_journal\(prepared, \"([a-z_]+\.[a-z_]+)\"", text))
    return found


def test_every_journaled_action_has_a_sentence_and_a_label():
    actions = _journaled_actions()
    assert len(actions) > 20
    assert actions <= set(SENTENCES), actions - set(SENTENCES)
    assert set(SENTENCES) == set(EVENT_LABELS)


@pytest.mark.parametrize("action", sorted(SENTENCES))
def test_an_empty_or_odd_payload_still_gives_a_sentence(action):
    for payload in ({}, {"index": None, "from": "nimporte", "status": 3}):
        sentence = describe(action, payload)
        assert sentence[0].isupper() and sentence.endswith(".")
        assert "{" not in sentence and "None" not in sentence


def test_sentences_carry_the_facts():
    assert describe("assistant.validated", {"unchanged_share": 0.37, "second_person": True}) == (
        "Réponse validée par une seconde personne ; part reprise telle quelle de l'IA : 37 %."
    )
    assert describe(
        "governance.lifecycle_step", {"use_case": "reponse", "from": "pilote", "to": "revue"}
    ) == ("Cas d'usage « reponse » : Pilote → Revue.")
    assert describe("unknown.thing", {}) == "Événement « unknown.thing » (autres)."
    assert "purgé" in describe("assistant.exported", {}, purged=True)


def test_the_chosen_draft_is_numbered_from_one_as_on_the_edit_page():
    # The journal stores the 0-based index; the edit page says "proposition n° 1" for the first.
    assert describe("assistant.draft_chosen", {"index": 0}) == "L'agent a choisi la proposition n° 1."
    assert describe("assistant.draft_chosen", {"index": 2}) == "L'agent a choisi la proposition n° 3."


def test_a_lifecycle_step_names_the_use_case_when_its_name_is_known():
    payload = {"use_case": "reponse", "from": "pilote", "to": "revue"}
    names = {"reponse": "Répondre à une question d'un agent"}
    assert describe("governance.lifecycle_step", payload, names=names) == (
        "Cas d'usage « Répondre à une question d'un agent » : Pilote → Revue."
    )
    assert describe("governance.lifecycle_step", {**payload, "use_case": ["odd"]}, names=names).startswith(
        "Cas d'usage"
    )
