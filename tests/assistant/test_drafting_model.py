"""The drafting pipeline on the embedded model (llama.cpp in-process), kept short: small max_tokens."""

from __future__ import annotations

import pytest

from rhia.audit.models import JournalEntry
from rhia.drafting.pipeline import generate_drafts
from rhia.drafting.samples import passages_for
from rhia.llm import seed
from rhia.llm.model_files import MODEL_LABEL

pytestmark = [pytest.mark.model, pytest.mark.django_db]


def test_two_drafts_from_the_embedded_model(settings):
    settings.RHIA_DRAFT_MAX_TOKENS = 120
    settings.RHIA_DRAFT_RETRY = False
    seed.run()
    drafts = generate_drafts(
        "Combien de jours d'absence pour un mariage ?", passages_for("F34544"), n=2, data_class="personal"
    )
    # The extractive answer comes first, composed in code (no model call); then the model drafts.
    assert [d.style for d in drafts] == ["extractive", "courte", "detaillee"]
    extractive, *model_drafts = drafts
    assert extractive.verified and extractive.text.strip()
    for draft in model_drafts:
        assert draft.text.strip() and draft.model == MODEL_LABEL
        # Verification ran: either it passed, or the failing sentences are shown to the agent.
        assert draft.verified or draft.failing_sentences
    calls = JournalEntry.objects.filter(action="llm.call").order_by("seq")
    assert [c.payload["model"] for c in calls] == [MODEL_LABEL, MODEL_LABEL]
    first, second = (c.payload for c in calls)
    assert first["prompt_tokens"] > 50 and 0 < first["completion_tokens"] <= 120
    assert first["prompt_sha256"] != second["prompt_sha256"]
