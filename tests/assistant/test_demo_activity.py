"""``rhia demo --activity``: real journal events through the services, enough for figures of 5 and more."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from rhia.accounts.models import Structure
from rhia.assistant.models import Case
from rhia.audit.models import JournalEntry
from rhia.dashboard import services as dashboard

from .conftest import import_case_corpus

pytestmark = pytest.mark.django_db


def test_activity_gives_the_dashboards_figures(tmp_path, settings):
    settings.RHIA_DEMO_PASSWORD = "demo-password-2026-long"
    import_case_corpus(tmp_path)
    out = StringIO()
    call_command("demo", "--activity", stdout=out)
    assert "Activité de démonstration : 15 agents, 20 demandes" in out.getvalue()
    assert JournalEntry.objects.filter(action="assistant.case_created").count() == 20
    assert JournalEntry.objects.filter(action="policy.refused").count() == 5
    assert Case.objects.exclude(refusal={}).count() == 5
    assert not JournalEntry.objects.filter(action="llm.call").exists()  # no model needed
    board = dashboard.build(Structure.objects.get(name="Académie de Lyon"), weeks=12)
    assert board.adoption.active_agents.value == 10
    assert board.adoption.cases.value == 20
    assert board.coverage.basic_completed.value >= 10
    assert any(not cell.suppressed for _label, cell in board.refusals)
    call_command("demo", "--activity", stdout=StringIO())  # idempotent
    assert JournalEntry.objects.filter(action="assistant.case_created").count() == 20
