"""The case services from review to export, with the real privacy vault, search index and provenance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services import (
    CaseError,
    abandon_case,
    choose_draft,
    confirm_review,
    export_case,
    get_case,
    open_case,
    purge_expired_content,
    return_case,
    save_final,
    submit_for_validation,
    update_sources,
    validate_case,
    validation_queue,
)
from rhia.assistant.services.drafts import request_drafts
from rhia.assistant.services.shielding import reveal_text
from rhia.audit.models import JournalEntry

from .conftest import QUESTION

pytestmark = pytest.mark.django_db


def test_review_then_sources(agent, register, case_corpus):
    case = open_case(agent, text=QUESTION)
    with pytest.raises(CaseError):
        request_drafts(case, agent)  # nothing may reach a model before the review
    raw = reveal_text(case, case.question)
    assert raw.startswith("Bonjour") and "Marie Durand" in raw
    start = raw.index("adjointe administrative")
    case = confirm_review(case, agent, added=[(start, start + len("adjointe administrative"), "OTHER")])
    assert "adjointe administrative" not in case.question
    assert case.stage == states.SOURCES and case.review_confirmed_at
    assert case.sources and case.sources[0]["document_id"] == "F99001"
    assert all(source["url"].startswith("https://www.service-public.fr/") for source in case.sources)


def test_untick_and_add_sources(reviewed_case, agent):
    first = reviewed_case.sources[0]["passage_id"]
    case = update_sources(reviewed_case, agent, selected=[first])
    assert [s["passage_id"] for s in case.selected_sources] == [first]
    from rhia.assistant.services import add_source_from_search

    before = {s["passage_id"] for s in case.sources}
    telework = _passage("F99003")
    case = add_source_from_search(case, agent, query="télétravail jours par semaine", passage_id=telework)
    assert {s["document_id"] for s in case.selected_sources} == {case.sources[0]["document_id"], "F99003"}
    added = next(s for s in case.sources if s["passage_id"] == telework)
    assert added["selected"] and added["added"] == (telework not in before)
    with pytest.raises(CaseError):
        update_sources(case, agent, selected=[]) and request_drafts(case, agent)


def _passage(document_id: str) -> int:
    from rhia.corpus.models import Passage

    return Passage.objects.filter(document__doc_id=document_id).values_list("pk", flat=True).first()


def test_choose_edit_measure_and_self_validate(drafted_case, agent):
    case = drafted_case
    with pytest.raises(CaseError):
        export_case(case, agent, "docx")
    case = choose_draft(case, agent, 0)
    assert case.unchanged_share == 1.0 and case.unedited
    revealed = reveal_text(case, case.final_html)
    assert "Marie Durand" in revealed
    edited = revealed.replace("Cordialement", "Bien cordialement, le service RH")
    case = save_final(case, agent, edited)
    assert "Marie Durand" not in case.final_text and "[PERSONNE_1]" in case.final_text
    assert 0.7 < case.unchanged_share < 1.0 and not case.unedited
    case = validate_case(case, agent, sources_checked=True)
    assert case.status == states.VALIDATED and case.validator == agent
    validated = JournalEntry.objects.get(action="assistant.validated")
    assert (
        validated.payload["unchanged_share"] == case.unchanged_share
        and validated.payload["unedited"] is False
    )
    chosen = JournalEntry.objects.get(action="assistant.draft_chosen")
    assert chosen.payload == {"index": 0}


def test_start_from_none(drafted_case, agent):
    case = choose_draft(drafted_case, agent, None)
    assert case.started_from_none and case.final_text == ""
    with pytest.raises(CaseError):
        validate_case(case, agent)
    case = save_final(case, agent, "<p>Réponse <b>rédigée</b> par l'agent.</p>")
    assert case.unchanged_share == 0.0
    with pytest.raises(CaseError):
        choose_draft(case, agent, 7)


def test_final_text_is_sanitised_and_bounded(drafted_case, agent):
    case = choose_draft(drafted_case, agent, 1)
    case = save_final(case, agent, '<p onclick="x()">Texte<script>alert(1)</script></p>')
    assert "script" not in case.final_html and "onclick" not in case.final_html
    with pytest.raises(CaseError):
        save_final(case, agent, "<p>   </p>")


def test_second_validation_flow(drafted_case, agent, validator):
    use_case = drafted_case.use_case
    use_case.requires_second_validation = True
    use_case.save()
    case = choose_draft(drafted_case, agent, 0)
    with pytest.raises(CaseError) as error:
        validate_case(case, agent)
    assert error.value.code == "second_validation"
    case = submit_for_validation(case, agent)
    assert case.status == states.PENDING
    assert list(validation_queue(validator)) == [case]
    assert list(validation_queue(validator).exclude(pk=case.pk)) == []
    case = return_case(get_case(validator, case.pk), validator, comment="Ajoutez la référence du texte.")
    assert case.status == states.DRAFT and case.stage == states.EDIT
    case = submit_for_validation(case, agent)
    case = validate_case(get_case(validator, case.pk), validator, comment="Très bien.", sources_checked=True)
    assert case.status == states.VALIDATED and case.validator == validator


def test_validator_outside_scope_sees_nothing(drafted_case, agent, make_user, grant_assistant_access):
    case = choose_draft(drafted_case, agent, 0)
    case = submit_for_validation(case, agent)
    elsewhere = grant_assistant_access(make_user("valideur", structure="other"))
    assert list(validation_queue(elsewhere)) == []
    with pytest.raises(CaseError) as error:
        get_case(elsewhere, case.pk)
    assert error.value.code == "not_found"


def test_export_docx_pdf_eml(drafted_case, agent):
    from rhia.provenance.services import verify_file

    case = validate_case(choose_draft(drafted_case, agent, 0), agent, sources_checked=True)
    for fmt in ("docx", "pdf", "eml"):
        result = export_case(case, agent, fmt)
        assert result.filename.endswith(f".{fmt}") and len(result.sha256) == 64
        assert verify_file(result.filename, result.content).status == "exact"
    case.refresh_from_db()
    assert case.status == states.EXPORTED and [e["format"] for e in case.exports] == ["docx", "pdf", "eml"]
    exported = JournalEntry.objects.filter(action="assistant.exported").first()
    assert set(exported.payload) == {"format", "unedited", "unchanged_share"}
    with pytest.raises(CaseError):
        export_case(case, agent, "odt")


def test_abandon(reviewed_case, agent):
    case = abandon_case(reviewed_case, agent)
    assert case.status == states.ABANDONED
    with pytest.raises(CaseError):
        abandon_case(case, agent)


def test_retention_purges_content_keeps_metadata(drafted_case, agent):
    case = validate_case(choose_draft(drafted_case, agent, 0), agent, sources_checked=True)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=400))
    assert purge_expired_content(days=180) == 1
    case.refresh_from_db()
    assert case.question == "" and case.final_text == "" and case.content_purged_at
    assert case.reference and case.status == states.VALIDATED and case.unchanged_share == 1.0
    assert all(draft.text == "" for draft in case.drafts.all())
    assert reveal_text(case, "[PERSONNE_1]") == "[PERSONNE_1]"
    with pytest.raises(CaseError):
        export_case(case, agent, "pdf")
    assert purge_expired_content(days=180) == 0
