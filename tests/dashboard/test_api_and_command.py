"""The dashboard API and ``rhia dashboard`` return the same suppressed figures as the page."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.training import seed
from rhia.training.models import Question
from rhia.training.services import submit_self_assessment

pytestmark = pytest.mark.django_db


def test_api_indicators(client, make_user, structures, make_agents):
    agents = make_agents(3)
    for agent in agents:
        record("assistant.case_created", actor=agent, payload={"use_case": "x", "data_class": "public"})
    client.force_login(make_user(Role.ETHICS_COMMITTEE.value, structure="academy"))
    body = client.get("/api/dashboard/indicators").json()
    assert body["adoption"]["active_agents"] == {"value": None, "display": "< 5", "suppressed": True}
    assert body["adoption"]["population"]["display"] == "< 5"
    assert body["min_group"] == 5
    assert client.get(f"/api/dashboard/indicators?structure={structures['other'].pk}").status_code == 403
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/api/dashboard/indicators").status_code == 403


def test_command_json(make_user, make_agents):
    agents = make_agents(6)
    for agent in agents:
        record("assistant.case_created", actor=agent, payload={"use_case": "x", "data_class": "public"})
    out = io.StringIO()
    call_command("dashboard", "--json", stdout=out)
    lines = out.getvalue().splitlines()
    assert json.loads(lines[-1])["adoption"]["active_agents"]["value"] == 6
    assert any(
        line.startswith("Adoption") and line.endswith(" 6") and "Agents actifs" in line for line in lines
    )


def test_api_level_rows_hold_only_their_competence(client, make_user, make_agents):
    seed.run(io.StringIO())
    questions = list(Question.objects.filter(active=True))
    for agent in make_agents(6):
        submit_self_assessment(agent, {q.pk: 0 for q in questions})
    client.force_login(make_user(Role.ETHICS_COMMITTEE.value, structure="academy"))
    body = client.get("/api/dashboard/indicators").json()
    assert body["levels"]
    for row in body["levels"]:
        assert set(row) == {"competence", "assessed", "levels", "average", "to_reinforce"}
        assert row["assessed"]["value"] == 6
    assert set(body["bias"]) == {"drafts", "final"}  # the board's bias figures stand once, at the top
