"""The pages, with Django's test client: gate, intake, review, sources, drafts, edit, validation, export."""

from __future__ import annotations

import pytest

from rhia.assistant import states
from rhia.assistant.models import Case

from .conftest import DRAFT_TEXTS, QUESTION, put_drafts

pytestmark = pytest.mark.django_db


def test_gate_explains_what_is_missing(client, make_user):
    client.force_login(make_user("agent_rh"))
    for url in ("/assistant/", "/assistant/nouveau/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Il vous reste à faire" in response.text and "charte" in response.text
    response = client.post("/assistant/nouveau/", {"text": QUESTION})
    assert "Il vous reste à faire" in response.text and Case.objects.count() == 0


def test_home_lists_only_own_cases(client, agent, make_user, grant_assistant_access, register):
    other = grant_assistant_access(make_user("agent_rh"))
    client.force_login(other)
    client.post("/assistant/nouveau/", {"text": QUESTION, "use_case": "reponse-question-agent"})
    client.force_login(agent)
    response = client.get("/assistant/")
    assert response.status_code == 200 and "aucun cas" in response.text
    assert Case.objects.get().reference not in response.text


def test_intake_form_shows_directives_and_keeps_text_on_error(client, agent, register):
    client.force_login(agent)
    page = client.get("/assistant/nouveau/").text
    assert "Ce que vous pouvez faire" in page and "reponse-question-agent" in page
    response = client.post("/assistant/nouveau/", {"text": "x" * 30000, "use_case": "reponse-question-agent"})
    assert response.status_code == 422 and "trop longue" in response.text
    assert "x" * 100 in response.text  # nothing lost: the pasted text is still in the form
    assert Case.objects.count() == 0


def test_pages_walk(client, agent, register, case_corpus):
    client.force_login(agent)
    response = client.post(
        "/assistant/nouveau/",
        {"text": QUESTION, "use_case": "reponse-question-agent", "idempotency_key": "a1"},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/assistant/cas/{case.pk}/donnees/"
    client.post(
        "/assistant/nouveau/",
        {"text": QUESTION, "use_case": "reponse-question-agent", "idempotency_key": "a1"},
    )
    assert Case.objects.count() == 1
    review = client.get(response["Location"]).text
    assert "rhia-pii" in review and "Marie Durand" in review
    response = client.post(f"/assistant/cas/{case.pk}/donnees/", {"review_text": QUESTION})
    assert response["Location"] == f"/assistant/cas/{case.pk}/sources/"
    sources = client.get(response["Location"]).text
    assert "F99001" in sources and "service-public.fr" in sources
    assert "[PERSONNE_1]" in sources  # the pseudonymized question, as a model will see it
    found = client.get(f"/assistant/cas/{case.pk}/sources/?q=télétravail").text
    assert "F99003" in found
    case.refresh_from_db()
    keep = [str(source["passage_id"]) for source in case.sources[:2]]
    response = client.post(f"/assistant/cas/{case.pk}/sources/", {"source": keep})
    assert response["Location"] == f"/assistant/cas/{case.pk}/propositions/"
    case.refresh_from_db()
    assert case.stage == states.DRAFTS and len(case.selected_sources) == 2
    put_drafts(case, agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])
    drafts = client.get(f"/assistant/cas/{case.pk}/propositions/").text
    assert drafts.count('<article class="rhia-draft ') == 2
    assert "Marie Durand" in drafts  # re-identified for the agent
    assert f'href="#passage-{case.selected_sources[0]["passage_id"]}"' in drafts
    assert "Tout accepter" not in drafts
    state = client.get(f"/assistant/cas/{case.pk}/propositions/etat/?have=1").json()
    assert state["state"] == "done" and [d["label"] for d in state["drafts"]] == ["prête", "prête"]
    assert [card["index"] for card in state["cards"]] == [1] and "choose-2" in state["cards"][0]["html"]
    response = client.post(f"/assistant/cas/{case.pk}/choisir/", {"draft": "0"})
    assert response["Location"] == f"/assistant/cas/{case.pk}/redaction/"
    edit = client.get(response["Location"]).text
    assert "contenteditable" in edit and "Marie Durand" in edit
    response = client.post(
        f"/assistant/cas/{case.pk}/redaction/",
        {
            "final_html": "<p>Bonjour Marie Durand,</p><p>Vous avez droit à 25 jours.</p>",
            "action": "validate",
            "sources_checked": "1",
        },
    )
    assert response["Location"] == f"/assistant/cas/{case.pk}/"
    summary = client.get(response["Location"]).text
    assert "Validé" in summary and "Télécharger en PDF" in summary and "<ins" in summary
    response = client.post(f"/assistant/cas/{case.pk}/exporter/", {"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_validator_queue_and_page(client, drafted_case, agent, validator):
    from rhia.assistant.services import choose_draft, submit_for_validation

    case = submit_for_validation(choose_draft(drafted_case, agent, 0), agent)
    client.force_login(validator)
    queue = client.get("/assistant/validation/").text
    assert case.reference in queue
    page = client.get(f"/assistant/cas/{case.pk}/valider/").text
    assert "rhia-diff" in page and "F99001" in page
    response = client.post(
        f"/assistant/cas/{case.pk}/valider/", {"action": "validate", "comment": "", "sources_checked": "1"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == states.VALIDATED and case.validator == validator


def test_refusal_page(client, agent, register):
    client.force_login(agent)
    response = client.post(
        "/assistant/nouveau/",
        {
            "text": "Analyse les échanges entre collègues de mon service pour repérer les conflits.",
            "use_case": "",
        },
    )
    case = Case.objects.get()
    assert case.status == states.ABANDONED
    page = response.text.replace("&#x27;", "'")
    assert response.status_code == 200
    assert "Analyse les échanges entre collègues de mon service" in page  # the typed text comes back
    assert (
        "Cette demande relève d'un usage exclu de l'IA en RH : analyse des relations entre collègues" in page
    )
    assert "Règle" not in page and case.refusal["rule_id"] not in page
    assert "rien n'a été envoyé à un modèle" in client.get(f"/assistant/cas/{case.pk}/").text.replace(
        "&#x27;", "'"
    )
