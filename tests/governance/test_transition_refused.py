"""One refusal class for the case workflow and the use-case lifecycle (rhia.transitions)."""

from __future__ import annotations

from rhia.assistant import states
from rhia.governance import lifecycle_service
from rhia.transitions import TransitionRefused


def test_both_state_machines_raise_the_same_refusal():
    assert states.TransitionRefused is lifecycle_service.TransitionRefused is TransitionRefused


def test_a_refusal_reads_by_field_or_as_one_message():
    by_field = TransitionRefused({"evidence_text": "Décrivez la pièce.", "__all__": "Étape impossible."})
    assert by_field.message == str(by_field) == "Décrivez la pièce.; Étape impossible."
    whole = TransitionRefused("Seul un valideur peut valider ce cas.", code="role")
    assert whole.errors == {"__all__": "Seul un valideur peut valider ce cas."}
    assert (whole.code, by_field.code) == ("role", "state")
