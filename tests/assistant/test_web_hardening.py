"""Audit findings on the assistant pages (#17 point 5): escaped citation titles, no 500 on bad input."""

from __future__ import annotations

import pytest

from rhia.assistant.services.display import linkify_citations

pytestmark = pytest.mark.django_db


def test_citation_title_is_escaped():
    numbered = {1: {"passage_id": 7, "document_id": '"><img src=x onerror=alert(1)>'}}
    markup = linkify_citations("Voir [1].", numbered)
    assert "<img" not in markup and "onerror=alert(1)&gt;" in markup
    assert markup.startswith('Voir [<a class="rhia-cite" href="#passage-7" title="&quot;&gt;')


@pytest.mark.parametrize("value", ["abc", "1e3", "-4", " "])
def test_adding_an_unknown_passage_is_a_french_message(client, agent, reviewed_case, value):
    client.force_login(agent)
    url = f"/assistant/cas/{reviewed_case.pk}/sources/"
    response = client.post(url, {"add": value, "q": "congés"}, follow=True)
    assert response.status_code == 200
    if value.strip():
        assert "Le passage à ajouter est inconnu." in response.text


def test_oversized_upload_is_dropped_while_streaming(client, agent, register, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000  # the upload limit (RHIA_MAX_UPLOAD_BYTES)
    client.force_login(agent)
    big = SimpleUploadedFile("enorme.txt", b"conges annuels " * 40_000)  # 600 KB
    response = client.post(
        "/assistant/nouveau/",
        {"text": "Ma question sur les congés", "use_case": "reponse-question-agent", "file": big},
    )
    page = response.content.decode()
    assert "enorme.txt" in page and "trop volumineux" in page
    assert "Ma question sur les congés" in page  # nothing lost
    from rhia.assistant.models import Case

    assert Case.objects.count() == 0
    big.seek(0)
    response = client.post("/api/assistant/cases", {"text": "Question", "file": big})
    assert response.status_code in (400, 413, 422) and "trop volumineux" in response.json()["detail"]
