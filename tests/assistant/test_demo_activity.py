"""``rhia demo --activity``: eight weeks of real journal events through the services, in time order, so
every weekly figure and the vigilance block show values of 5 and more; the chain still verifies."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from rhia.accounts.models import Structure
from rhia.assistant.demo_activity import HISTORY_WEEKS
from rhia.assistant.models import Case
from rhia.audit.models import JournalEntry
from rhia.audit.services import verify_journal
from rhia.dashboard import services as dashboard

from .conftest import import_case_corpus

pytestmark = pytest.mark.django_db


def test_activity_gives_the_dashboards_figures(tmp_path, settings):
    settings.RHIA_DEMO_PASSWORD = "demo-password-2026-long"
    settings.RHIA_AUDIT_CHECKPOINT_FILE = tmp_path / "heads.jsonl"
    import_case_corpus(tmp_path)
    out = StringIO()
    call_command("demo", "--activity", stdout=out)
    assert (
        "Activité de démonstration : 15 agents, 70 demandes sur 8 semaines (dont refus du garde-fou), "
        "10 réponses validées par un collègue, 10 exportées." in out.getvalue()
    )
    assert JournalEntry.objects.filter(action="assistant.case_created").count() == 70
    assert JournalEntry.objects.filter(action="policy.refused").count() == 5
    assert Case.objects.exclude(refusal={}).count() == 5
    assert not JournalEntry.objects.filter(action="llm.call").exists()  # no model needed
    validations = JournalEntry.objects.filter(action="assistant.validated")
    assert validations.count() == 10 and all(entry.payload["second_person"] for entry in validations)

    board = dashboard.build(Structure.objects.get(name="Académie de Lyon"), weeks=12)
    assert board.adoption.active_agents.value == 10
    assert board.adoption.cases.value == 70
    history = board.adoption.weekly[-1 - HISTORY_WEEKS : -1]  # the eight weeks before the current one
    assert [point.cases.suppressed for point in history] == [False] * HISTORY_WEEKS
    assert all(point.cases.value >= 5 for point in history), [p.cases.display for p in history]
    vigilance = board.vigilance
    for cell in (
        vigilance.exports,
        vigilance.unedited_share,
        vigilance.validations,
        vigilance.median_unchanged,
    ):
        assert cell.shown and not cell.suppressed, vigilance
    assert vigilance.exports.value == 10 and vigilance.unedited_share.value == 30.0
    assert 0 < vigilance.median_unchanged.value < 100
    assert board.coverage.basic_completed.value >= 10
    assert any(not cell.suppressed for _label, cell in board.refusals)

    # An honest history: sealed and chained as usual, timestamps in sequence order, nothing in the future.
    stamps = list(JournalEntry.objects.order_by("seq").values_list("created_at", flat=True))
    assert stamps == sorted(stamps) and stamps[-1] <= timezone.now()
    assert stamps[0] < timezone.now() - timedelta(weeks=HISTORY_WEEKS)
    cases = Case.objects.filter(owner__username__startswith="agent0")
    assert cases.order_by("created_at").first().created_at < timezone.now() - timedelta(weeks=7)
    assert verify_journal().ok

    call_command("demo", "--activity", stdout=StringIO())  # idempotent
    assert JournalEntry.objects.filter(action="assistant.case_created").count() == 70
    assert JournalEntry.objects.filter(action="assistant.exported").count() == 10
    assert verify_journal().ok


def test_on_a_journal_with_recent_entries_the_activity_is_dated_today(tmp_path, settings):
    from rhia.audit.journal import record

    settings.RHIA_DEMO_PASSWORD = "demo-password-2026-long"
    settings.RHIA_AUDIT_CHECKPOINT_FILE = tmp_path / "heads.jsonl"
    import_case_corpus(tmp_path)
    record("audit.exported", payload={})  # the journal already holds an entry of today
    out = StringIO()
    call_command("demo", "--activity", stdout=out)
    assert "70 demandes datées d'aujourd'hui" in out.getvalue()
    assert "ne peut pas être antidatée" in out.getvalue()
    first = JournalEntry.objects.order_by("seq").first().created_at
    assert not JournalEntry.objects.filter(created_at__lt=first).exists()
    assert verify_journal().ok
