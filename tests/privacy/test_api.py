"""POST /api/privacy/scan: permission, detection, pseudonymization."""

import json

import pytest


def post(client, payload):
    return client.post("/api/privacy/scan", data=json.dumps(payload), content_type="application/json")


@pytest.mark.django_db
def test_scan_api_for_agent(client, make_user):
    user = make_user("agent_rh")
    client.force_login(user)
    response = post(client, {"text": "Je suis Mme Durand, enceinte.", "pseudonymize": True})
    assert response.status_code == 200
    body = response.json()
    assert body["data_class"] == "sensitive"
    assert body["entities"][0]["label"] == "PERSON"
    assert {s["category"] for s in body["sensitive"]} == {"sante", "grossesse"}
    assert body["pseudonymized"] == "Je suis Mme [PERSONNE_1], enceinte."


@pytest.mark.django_db
def test_scan_api_forbidden_without_permission(client, make_user):
    user = make_user("formation")
    client.force_login(user)
    assert post(client, {"text": "Mme Durand"}).status_code == 403


@pytest.mark.django_db
def test_scan_api_too_long(client, make_user):
    user = make_user("agent_rh")
    client.force_login(user)
    response = post(client, {"text": "a" * 200_001})
    assert response.status_code == 400 and "trop long" in response.json()["detail"]
