"""Drafts of a case with the real embedded model: stored as generated, streamed one by one, journaled."""

from __future__ import annotations

import pytest

from rhia.assistant import states
from rhia.assistant.services import iter_case_drafts
from rhia.audit.models import JournalEntry

pytestmark = [pytest.mark.model, pytest.mark.django_db]


@pytest.fixture
def embedded(monkeypatch, db):
    from rhia.llm import seed

    monkeypatch.setenv("RHIA_DRAFTS_N", "2")
    monkeypatch.setenv("RHIA_DRAFT_MAX_TOKENS", "90")
    monkeypatch.setenv("RHIA_DRAFT_RETRY", "0")
    seed.run()


def test_drafts_from_the_embedded_model(embedded, reviewed_case, agent):
    from rhia.assistant.services.drafts import request_drafts

    case = request_drafts(reviewed_case, agent)
    stored = []
    for draft in iter_case_drafts(case, agent):
        stored.append(draft)
        # Each draft is in the database as soon as it is yielded (what the stream shows).
        assert case.drafts.filter(index=draft.index).exists()
    assert len(stored) >= 2
    assert all(draft.text.strip() for draft in stored)
    assert not any("Marie Durand" in draft.text for draft in stored)  # the model only saw placeholders
    case.refresh_from_db()
    assert case.stage == states.DRAFTS and case.drafts_generated_at and case.provider
    assert case.draft_passages == [s["passage_id"] for s in case.selected_sources]
    entry = JournalEntry.objects.get(action="assistant.drafts_generated")
    assert entry.payload["n"] == len(stored) and entry.payload["provider"] == case.provider
    assert JournalEntry.objects.filter(action="llm.call").count() >= 2
