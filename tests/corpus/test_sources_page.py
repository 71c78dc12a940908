"""The administrators' sources page: empty database, upload of a document, bad file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rhia.corpus.models import Document, ImportTask
from rhia.search.services import search_documents

pytestmark = pytest.mark.django_db


def test_sources_page_empty(client, make_user):
    client.force_login(make_user("administrateur"))
    response = client.get(reverse("corpus:sources"))
    assert response.status_code == 200
    assert "Aucune source importée" in response.content.decode()


def test_sources_page_forbidden_for_agents(client, make_user):
    client.force_login(make_user("agent_rh"))
    assert client.get(reverse("corpus:sources")).status_code == 403


def test_upload_markdown_guide_becomes_searchable(client, make_user):
    client.force_login(make_user("administrateur"))
    guide = b"# Guide mobilite\n\n## Calendrier\n\nLes demandes de mutation sont deposees avant le 15 mars.\n"
    response = client.post(
        reverse("corpus:sources"),
        {
            "file": SimpleUploadedFile("guide-mobilite.md", guide, content_type="text/markdown"),
            "audience": "FPE",
        },
        follow=True,
    )
    assert response.status_code == 200
    document = Document.objects.get()
    assert document.kind.startswith("Document interne")
    hits = search_documents("dépôt des demandes de mutation", k=3)
    assert hits and hits[0].document_id == document.doc_id
    assert "Calendrier" in hits[0].section_path
    assert "guide-mobilite.md" in response.content.decode()


def test_upload_bad_file_shows_reason_and_keeps_going(client, make_user):
    client.force_login(make_user("administrateur"))
    response = client.post(
        reverse("corpus:sources"),
        {
            "file": SimpleUploadedFile(
                "photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png"
            )
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "photo.png n&#x27;a pas été importé" in response.content.decode()
    assert not Document.objects.exists()
    assert ImportTask.objects.get().failed == 1


def test_sources_page_lists_tasks_with_progress_and_errors(client, make_user, fiches_dir):
    from django.core.management import call_command

    call_command("corpus", "import", "service-public", str(fiches_dir), "--json")
    client.force_login(make_user("administrateur"))
    html = client.get(reverse("corpus:sources")).content.decode()
    assert "Fiches service-public.fr (vos droits et démarches)" in html
    assert '<progress max="100" value="100"' in html
    assert "F90004.xml" in html and "XML mal formé" in html
    assert "2 nouveau(x)" in html
