"""The JSON API: same services, same refusals as the pages and the CLI."""

from __future__ import annotations

import pytest

from rhia.assistant import states
from rhia.assistant.models import Case

from .conftest import DRAFT_TEXTS, QUESTION, put_drafts

pytestmark = pytest.mark.django_db


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_list_is_empty_and_gated(client, make_user):
    untrained = make_user("agent_rh")
    client.force_login(untrained)
    body = client.get("/api/assistant/cases").json()
    assert body["cases"] == [] and body["access_missing"]
    response = client.post("/api/assistant/cases", {"text": QUESTION})
    assert response.status_code == 403 and response.json()["code"] == "access_missing"


def test_role_refused(client, make_user, register):
    client.force_login(make_user("dpo"))
    assert client.post("/api/assistant/cases", {"text": QUESTION}).status_code == 403
    assert client.get("/api/assistant/cases").status_code == 403


def test_whole_flow_through_the_api(client, agent, register, case_corpus):
    client.force_login(agent)
    response = client.post("/api/assistant/cases", {"text": QUESTION, "idempotency_key": "k1"})
    assert response.status_code == 200, response.content
    case = response.json()
    assert case["question"] == QUESTION.strip() and "Marie Durand" not in case["question_pseudonymized"]
    again = client.post("/api/assistant/cases", {"text": QUESTION, "idempotency_key": "k1"}).json()
    assert again["id"] == case["id"] and Case.objects.count() == 1
    key = case["reference"]
    assert _post(client, f"/api/assistant/cases/{key}/drafts").status_code == 409  # review first
    reviewed = _post(client, f"/api/assistant/cases/{key}/review", {"added": [], "removed": []}).json()
    assert reviewed["stage"] == states.SOURCES and reviewed["sources"]
    keep = [reviewed["sources"][0]["passage_id"]]
    assert _post(client, f"/api/assistant/cases/{key}/sources", {"selected": keep}).status_code == 200
    put_drafts(Case.objects.get(pk=case["id"]), agent, DRAFT_TEXTS, citations=[["F99001"], ["F99001"]])
    export = _post(client, f"/api/assistant/cases/{key}/export", {"format": "pdf"})
    assert export.status_code == 409 and "validation" in export.json()["detail"]
    chosen = _post(client, f"/api/assistant/cases/{key}/choose", {"index": 1}).json()
    assert chosen["chosen_draft"] == 1 and "Marie Durand" not in chosen["final_text"]
    edited = _post(
        client, f"/api/assistant/cases/{key}/edit", {"text": "Madame Durand,\n\nVoici la réponse."}
    ).json()
    assert edited["final_text"].startswith("Madame Durand") and edited["unchanged_share"] < 1
    validated = _post(
        client, f"/api/assistant/cases/{key}/validate", {"comment": "", "sources_checked": True}
    ).json()
    assert validated["status"] == states.VALIDATED
    response = _post(client, f"/api/assistant/cases/{key}/export", {"format": "docx"})
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert len(response["X-Rhia-Sha256"]) == 64


def test_forbidden_use_through_the_api(client, agent, register):
    client.force_login(agent)
    response = client.post(
        "/api/assistant/cases",
        {"text": "Analyse les échanges entre collègues de mon service pour repérer les conflits."},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "refused" and body["refusal"]["reason"]
    assert Case.objects.get().status == states.ABANDONED


def test_other_agents_case_is_not_found(client, agent, make_user, grant_assistant_access, register):
    client.force_login(agent)
    key = client.post("/api/assistant/cases", {"text": QUESTION}).json()["reference"]
    other = grant_assistant_access(make_user("agent_rh"))
    client.force_login(other)
    assert client.get(f"/api/assistant/cases/{key}").status_code == 404
    assert _post(client, f"/api/assistant/cases/{key}/abandon").status_code == 404


def test_bad_input_message(client, agent, register):
    client.force_login(agent)
    response = client.post("/api/assistant/cases", {"text": "   "})
    assert response.status_code == 422 and "vide" in response.json()["detail"]
