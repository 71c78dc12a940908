"""Freshness and supersession through a case: sources step, drafts, validation (recorded confirmation),
exports. The fixture fiches were last updated on 01/06/2025; the tests set the age limit around it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.services import (
    choose_draft,
    export_case,
    save_final,
    submit_for_validation,
    validate_case,
)
from rhia.assistant.services.errors import CaseError
from rhia.audit.models import JournalEntry
from rhia.corpus.importing import get_source, run_import
from rhia.corpus.loaders import upload_items
from rhia.corpus.models import Document, Source, Supersession

from .conftest import DRAFT_TEXTS, put_drafts

pytestmark = pytest.mark.django_db

NOTE = (
    b"# Note de service RH 2026-07\n\n## Conges annuels\n\n"
    b"Les conges annuels sont de 25 jours ouvres par an ; le report se demande avant le 31 janvier.\n"
)


@pytest.fixture
def stale(settings):
    age = (timezone.localdate() - dt.date(2025, 6, 1)).days
    settings.RHIA_SOURCE_MAX_AGE_DAYS = age - 1  # the fixture fiches are just past the limit
    return settings


def test_sources_step_and_drafts_show_date_and_warning(client, agent, reviewed_case, stale):
    client.force_login(agent)
    page = client.get(f"/assistant/cas/{reviewed_case.pk}/sources/").text
    assert "Fiche mise à jour le 01/06/2025" in page and "Texte ancien : à vérifier" in page
    assert 'id="stale-notice"' in page and "En vigueur" not in page
    case = put_drafts(reviewed_case, agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])
    drafts = client.get(f"/assistant/cas/{case.pk}/propositions/").text
    assert "rhia-source-warning" in drafts and "vérifiez ce texte au regard de la réglementation" in drafts
    assert drafts.count("Fiche mise à jour le 01/06/2025") >= 2


def test_recent_sources_carry_no_warning(client, agent, reviewed_case, settings):
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 100_000
    client.force_login(agent)
    page = client.get(f"/assistant/cas/{reviewed_case.pk}/sources/").text
    assert "Fiche mise à jour le 01/06/2025" in page and "Texte ancien" not in page
    case = choose_draft(put_drafts(reviewed_case, agent, DRAFT_TEXTS), agent, 0)
    assert validate_case(case, agent).sources_checked == []  # nothing to confirm


def test_validation_of_a_stale_answer_needs_a_recorded_confirmation(
    client, drafted_case, agent, validator, stale
):
    case = submit_for_validation(choose_draft(drafted_case, agent, 0), agent)
    client.force_login(validator)
    page = client.get(f"/assistant/cas/{case.pk}/valider/").text
    assert 'id="sources_checked"' in page and "Fiche mise à jour le 01/06/2025" in page
    refused = client.post(f"/assistant/cas/{case.pk}/valider/", {"action": "validate"}, follow=True).text
    assert "confirmez que vous les avez vérifiées" in refused
    case.refresh_from_db()
    assert case.status == states.PENDING
    client.post(f"/assistant/cas/{case.pk}/valider/", {"action": "validate", "sources_checked": "1"})
    case.refresh_from_db()
    assert case.status == states.VALIDATED
    assert {s["document_id"] for s in case.sources_checked} >= {"F99001"}
    assert case.sources_checked[0]["modified"] == "2025-06-01"
    entry = JournalEntry.objects.get(action="assistant.validated")
    assert "F99001" in entry.payload["sources_checked"]


def test_api_validation_refuses_without_confirmation(client, drafted_case, agent, stale):
    case = choose_draft(drafted_case, agent, 0)
    client.force_login(agent)
    response = client.post(
        f"/api/assistant/cases/{case.reference}/validate", {"comment": ""}, content_type="application/json"
    )
    assert response.status_code in (400, 409, 422) and "sources anciennes" in response.json()["detail"]


def _text_of(fmt: str, content: bytes) -> str:
    if fmt == "docx":
        from docx import Document as Docx

        return "\n".join(p.text for p in Docx(io.BytesIO(content)).paragraphs)
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_exports_list_dates_warning_and_both_sides_of_a_supersession(agent, reviewed_case, stale):
    run_import(
        get_source(Source.Kind.UPLOAD), list(upload_items([("note-conges.md", NOTE)])), total=1, label="n"
    )
    note = Document.objects.get(source__kind=Source.Kind.UPLOAD)
    Supersession.objects.create(
        replacing=note, replaced=Document.objects.get(doc_id="F99001"), effective_from=dt.date(2026, 1, 1)
    )
    from rhia.assistant.services.sources import retrieve_sources

    case = retrieve_sources(reviewed_case, agent)
    assert case.sources[0]["document_id"] == note.doc_id and case.sources[0]["supersedes"]
    replaced = [s for s in case.sources if s["document_id"] == "F99001"]
    assert replaced and all(s["superseded_by"].startswith("Remplacé par DOC-NOTE-CONGES") for s in replaced)
    for source in case.sources:
        source["selected"] = source["document_id"] in (note.doc_id, "F99001")
    case.save()
    case = choose_draft(put_drafts(case, agent, DRAFT_TEXTS), agent, 0)
    case = save_final(case, agent, "<p>Vous avez droit à 25 jours de congés annuels.</p>")
    with pytest.raises(CaseError):
        validate_case(case, agent)
    case = validate_case(case, agent, sources_checked=True)
    for fmt in ("docx", "pdf"):
        text = " ".join(_text_of(fmt, export_case(case, agent, fmt).content).split())
        assert "mis à jour le 01/06/2025" in text, fmt
        assert "Texte mis à jour il y a plus de" in text
        assert "Remplacé par DOC-NOTE-CONGES" in text and "Remplace F99001" in text
        assert text.index("DOC-NOTE-CONGES") < text.index("(F99001)")
