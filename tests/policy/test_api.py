"""JSON API: the register and the guard check (journaled with channel "check")."""

from __future__ import annotations

import json
from io import StringIO

import pytest

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.policy import seed

pytestmark = pytest.mark.django_db


def test_use_cases_list(client, make_user):
    seed.run(StringIO())
    client.force_login(make_user(Role.STAFF_REP.value))
    data = client.get("/api/policy/use-cases").json()
    operational = next(item for item in data if item["slug"] == "reponse-question-agent")
    assert operational["selectable"] is True and operational["status"] == "generalise"


def test_check_endpoint(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    body = {
        "text": "Analyse les vidéos des candidats et classe-les.",
        "attachments": [["note.txt", "Note de service."]],
    }
    data = client.post("/api/policy/check", json.dumps(body), content_type="application/json").json()
    assert data["allowed"] is False and data["category"] == "video_interview_analysis"
    assert data["journal_seq"] == JournalEntry.objects.get(action="policy.refused").seq
    allowed = client.post(
        "/api/policy/check",
        json.dumps({"text": "Résume la circulaire sur le télétravail."}),
        content_type="application/json",
    ).json()
    assert allowed["allowed"] is True


def test_check_endpoint_requires_login(client):
    response = client.post("/api/policy/check", json.dumps({"text": "x"}), content_type="application/json")
    assert response.status_code in (401, 403)
