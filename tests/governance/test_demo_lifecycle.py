"""``rhia demo``: the operational use case's lifecycle is dated step by step, in the workflow's order."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rhia.governance.lifecycle_flow import MAIN_PATH, State
from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

pytestmark = pytest.mark.django_db


def test_every_demo_step_is_dated_in_the_order_of_the_workflow(settings):
    settings.RHIA_DEMO_PASSWORD = "demo-password-2026-long"
    call_command("demo", stdout=StringIO())
    use_case = UseCase.objects.get(slug=OPERATIONAL_USE_CASE)
    steps = list(use_case.lifecycle_steps.order_by("seq"))[1:]  # the first row is the register's state
    assert [State(step.to_state) for step in steps] == list(MAIN_PATH[1:])
    dates = [step.occurred_on for step in steps]
    assert None not in dates, [(step.to_state, step.occurred_on) for step in steps]
    assert dates == sorted(dates) and len(set(dates)) == len(dates), dates
    assert dates[-1] < timezone.localdate()
    pilot = next(step for step in steps if step.to_state == State.PILOT)
    review = next(step for step in steps if step.to_state == State.REVIEW)
    assert pilot.occurred_on < pilot.next_review_on <= review.occurred_on
    # The register says what the lifecycle says.
    consultation = next(step for step in steps if step.to_state == State.STAFF_CONSULTATION)
    direction = next(step for step in steps if step.to_state == State.DIRECTION_VALIDATION)
    assert use_case.staff_rep_informed_on == consultation.occurred_on
    assert timezone.localtime(use_case.direction_validated_at).date() == direction.occurred_on
    assert use_case.review_date > timezone.localdate()
