"""The governance JSON API calls the same services as the pages."""

from __future__ import annotations

import io
import json

import pytest

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.governance import seed
from rhia.governance.models import MisuseReport


@pytest.mark.django_db
def test_charter_status_and_acknowledgment(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/api/governance/charter").json() == {
        "published": False,
        "version": None,
        "acknowledged": False,
    }
    response = client.post("/api/governance/charter/acknowledge")
    assert response.status_code == 409 and "Aucune charte" in response.json()["detail"]
    seed.run(io.StringIO())
    assert client.post("/api/governance/charter/acknowledge").json()["version"] == "1.0"
    assert client.get("/api/governance/charter").json()["acknowledged"] is True
    kit = client.get("/api/governance/kit").json()["documents"]
    assert [d["slug"] for d in kit] == ["charte", "referentiel-ethique", "guide-utilisation"]


@pytest.mark.django_db
def test_anonymous_report_through_the_api(client, make_user):
    agent = make_user(Role.AGENT_RH.value)
    client.force_login(agent)
    response = client.post(
        "/api/governance/reports",
        data=json.dumps(
            {
                "category": "biais",
                "description": "Tournures différentes selon le genre.",
                "anonymous": True,
                "case_reference": "CAS-9",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json() == {"received": True, "id": None, "status": "recu"}
    report = MisuseReport.objects.get()
    assert report.reporter_id is None and report.case_reference == ""
    assert JournalEntry.objects.get(action="governance.report_created").actor_id is None
    assert client.get("/api/governance/reports/mine").json() == {"reports": []}
    bad = client.post(
        "/api/governance/reports",
        data=json.dumps({"category": "inconnue", "description": "x"}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "catégorie" in bad.json()["detail"]


@pytest.mark.django_db
def test_refusals_are_for_correspondents_only(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/api/governance/refusals").status_code == 403
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))
    assert client.get("/api/governance/refusals?days=30").json()["rows"] == []
    assert client.get("/api/governance/refusals?days=7").status_code == 400


@pytest.mark.django_db
def test_status_command_prints_json_on_last_line(make_user):
    from django.core.management import call_command

    from rhia.governance import services

    seed.run(io.StringIO())
    agent = make_user(Role.AGENT_RH.value)
    services.acknowledge_current_charter(agent)
    out = io.StringIO()
    call_command("governance_status", "--json", stdout=out)
    lines = out.getvalue().strip().splitlines()
    summary = json.loads(lines[-1])
    assert summary["charter_version"] == "1.0" and summary["acknowledged_current_major"] == 1
    assert summary["reports"]["recu"] == 0
    assert "Charte en vigueur : version 1.0" in lines[0]
