"""The usage kit: seeded documents, safe rendering, PDF, and the draft -> direction -> published workflow."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.governance import seed, services
from rhia.governance.models import DocumentVersion, KitDocument


@pytest.mark.django_db
def test_seed_publishes_three_french_documents_and_is_idempotent():
    out = io.StringIO()
    seed.run(out)
    seed.run(out)
    assert KitDocument.objects.count() == 3
    assert DocumentVersion.objects.filter(status="publie", major=1, minor=0).count() == 3
    charter = services.current_charter()
    assert charter.label == "1.0"
    for needle in (
        "L'humain décide",
        "pseudonym",
        "Usages interdits",
        "Mention de l'usage de l'IA",
        "Signaler",
    ):
        assert needle in charter.body
    assert JournalEntry.objects.filter(action="governance.document_published").count() == 3
    assert "déjà présent" in out.getvalue()


@pytest.mark.django_db
def test_kit_and_document_pages_render_sanitised_markdown(client, make_user, charter_doc, publish):
    publish(
        charter_doc,
        "# Charte\n\n**Règle** <script>alert('x')</script> [lien](javascript:alert(1))\n\n<img src=x onerror=alert(1)>",
    )
    client.force_login(make_user(Role.STAFF_REP.value))
    page = client.get("/gouvernance/").content.decode()
    assert "Charte" in page and "Prise de connaissance de la charte requise" in page
    body = client.get("/gouvernance/kit/charte/").content.decode()
    assert "<strong>Règle</strong>" in body
    assert "<script>alert" not in body and "javascript:" not in body and "onerror" not in body


@pytest.mark.django_db
def test_pdf_download_contains_the_french_text(client, make_user):
    seed.run(io.StringIO())
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.get("/gouvernance/kit/charte/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="charte-v1.0.pdf"' in response["Content-Disposition"]
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(raw.split())
    assert "Article 1 — L'humain décide".replace("'", "’") in text.replace("'", "’")
    assert "« Contenu partiellement généré par une IA et vérifié par un agent »" in text


@pytest.mark.django_db
def test_workflow_draft_validated_by_direction_then_published(client, make_user, charter_doc, publish):
    publish(charter_doc, "# Charte v1")
    admin, director, agent = (
        make_user(Role.ADMIN.value),
        make_user(Role.VALIDATOR.value),
        make_user(Role.AGENT_RH.value),
    )

    client.force_login(agent)
    assert client.get("/gouvernance/kit/charte/nouvelle-version/").status_code == 403

    client.force_login(admin)
    response = client.post(
        "/gouvernance/kit/charte/nouvelle-version/",
        {"body": "# Charte v2\n\nNouvel article.", "change_summary": "Article 10", "major": "1"},
    )
    assert response.status_code == 302
    draft = DocumentVersion.objects.get(status="brouillon")
    assert draft.label == "2.0"

    # Agents never see unpublished versions; publication before direction validation is refused.
    client.force_login(agent)
    assert client.get("/gouvernance/kit/charte/?version=2.0").status_code == 403
    client.force_login(admin)
    client.post(f"/gouvernance/versions/{draft.pk}/publier/")
    draft.refresh_from_db()
    assert draft.status == "brouillon"
    assert client.post(f"/gouvernance/versions/{draft.pk}/valider/").status_code == 403

    client.force_login(director)
    client.post(f"/gouvernance/versions/{draft.pk}/valider/", {"note": "Validé en comité de direction"})
    draft.refresh_from_db()
    assert draft.status == "valide" and draft.validated_by == director
    assert client.post(f"/gouvernance/versions/{draft.pk}/publier/").status_code == 403

    client.force_login(admin)
    client.post(f"/gouvernance/versions/{draft.pk}/publier/")
    draft.refresh_from_db()
    assert draft.status == "publie"
    assert DocumentVersion.objects.get(major=1).status == "remplace"
    assert services.current_charter() == draft
    actions = list(JournalEntry.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True))
    assert actions == [
        "governance.document_drafted",
        "governance.document_validated",
        "governance.document_published",
    ]
    published = JournalEntry.objects.get(object_id=str(draft.pk), action="governance.document_published")
    assert published.payload == {
        "document": draft.document.slug,
        "version": "2.0",
        "new_acknowledgment_required": True,  # a new major version of the charter
    }


@pytest.mark.django_db
def test_validated_version_is_frozen_and_empty_body_refused(make_user, charter_doc):
    admin, director = make_user(Role.ADMIN.value), make_user(Role.VALIDATOR.value)
    with pytest.raises(services.GovernanceError, match="vide"):
        services.create_draft(charter_doc, body="  ", major=True, change_summary="", actor=admin)
    draft = services.create_draft(charter_doc, body="# A", major=True, change_summary="", actor=admin)
    with pytest.raises(services.GovernanceError, match="déjà en préparation"):
        services.create_draft(charter_doc, body="# B", major=False, change_summary="", actor=admin)
    services.validate_version(draft, actor=director)
    with pytest.raises(services.GovernanceError, match="figée"):
        services.update_draft(
            DocumentVersion.objects.get(pk=draft.pk), body="# C", change_summary="", actor=admin
        )
