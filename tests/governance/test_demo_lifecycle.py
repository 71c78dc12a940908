"""``rhia demo``: the operational use case reaches "Généralisé" through every lifecycle step, with evidence."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rhia.audit.models import JournalEntry
from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

pytestmark = pytest.mark.django_db


def test_the_register_no_longer_contradicts_the_lifecycle(settings):
    settings.RHIA_DEMO_PASSWORD = "demo-password-2026-long"
    call_command("demo", stdout=StringIO())
    use_case = UseCase.objects.get(slug=OPERATIONAL_USE_CASE)
    assert use_case.status == "generalise"
    steps = list(use_case.lifecycle_steps.order_by("seq").values_list("to_state", flat=True))
    assert steps == [
        "propose",
        "analyse_dpia",
        "consultation_rp",
        "validation_direction",
        "pilote",
        "revue",
        "generalise",
    ]
    assert use_case.staff_rep_informed_on is not None
    assert use_case.direction_validated_by.username == "valideur"
    assert use_case.dpia_status == "realisee"
    assert JournalEntry.objects.filter(action="governance.lifecycle_step").count() == 6
    call_command("demo", stdout=StringIO())  # idempotent: no second history
    assert use_case.lifecycle_steps.count() == 7
    duplicate = UseCase.objects.get(slug="reponse-questions-rh-agents")
    assert "Distinct du cas opérationnel" in duplicate.description
