"""The training API and the ``rhia training`` command call the same services as the pages."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from rhia.accounts.roles import Role
from rhia.training import seed
from rhia.training.models import Enrolment

pytestmark = pytest.mark.django_db


def test_access_endpoint(client, make_user, grant_assistant_access):
    agent = make_user(Role.AGENT_RH.value)
    client.force_login(agent)
    body = client.get("/api/training/access").json()
    assert body["granted"] is False and len(body["missing"]) == 2
    grant_assistant_access(agent)
    assert client.get("/api/training/access").json() == {"granted": True, "missing": []}


def test_catalogue_and_plan_endpoints(client, make_user, structures):
    seed.run(io.StringIO())
    make_user(Role.AGENT_RH.value, first_name="Léa", last_name="Durand")
    client.force_login(make_user(Role.AGENT_RH.value))
    catalogue = client.get("/api/training/catalogue").json()
    assert any(t["is_basic"] and t["code"] == "socle-ia-rh" for t in catalogue)
    assert client.get("/api/training/plan").status_code == 403
    client.force_login(make_user(Role.TRAINING.value, structure="academy"))
    plan = client.get("/api/training/plan").json()
    basic = next(t for t in plan["trainings"] if t["is_basic"])
    assert "Léa Durand" in [p["name"] for p in basic["people"]]
    assert client.get(f"/api/training/plan?structure={structures['other'].pk}").status_code == 403


def test_import_endpoint_all_or_nothing(client, make_user):
    seed.run(io.StringIO())
    make_user(Role.AGENT_RH.value, username="alice")
    client.force_login(make_user(Role.TRAINING.value, structure="academy"))
    bad = client.post(
        "/api/training/completions",
        {"csv": "identifiant;formation\nalice;socle-ia-rh\nnobody;socle-ia-rh\n"},
        content_type="application/json",
    ).json()
    assert bad["ok"] is False and bad["errors"] == ["Ligne 3 : aucun compte « nobody »."]
    assert not Enrolment.objects.exists()
    good = client.post(
        "/api/training/completions",
        {"csv": "identifiant;formation\nalice;socle-ia-rh\n"},
        content_type="application/json",
    ).json()
    assert good["ok"] and good["completed"] == 1


def test_command_import_and_plan(tmp_path, make_user):
    seed.run(io.StringIO())
    make_user(Role.AGENT_RH.value, username="alice", first_name="Alice", last_name="Martin")
    make_user(Role.AGENT_RH.value, username="bob", first_name="Bob", last_name="Petit")
    source = tmp_path / "presences.csv"
    source.write_text(
        "identifiant;formation;statut\nalice;socle-ia-rh;terminé\nbob;inconnue;\n", encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 erreur"):
        call_command("training", "import", str(source), "--json", stdout=out, stderr=err)
    assert "Ligne 3 : formation « inconnue » absente du catalogue." in err.getvalue()
    assert json.loads(out.getvalue().splitlines()[-1])["ok"] is False
    source.write_text("identifiant;formation;statut\nalice;socle-ia-rh;terminé\n", encoding="utf-8")
    out = io.StringIO()
    call_command("training", "import", str(source), "--json", stdout=out)
    assert json.loads(out.getvalue().splitlines()[-1])["completed"] == 1

    pdf = tmp_path / "plan.pdf"
    out = io.StringIO()
    call_command("training", "plan", "--format", "pdf", "--output", str(pdf), "--json", stdout=out)
    summary = json.loads(out.getvalue().splitlines()[-1])
    assert summary["population"] == 2
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Bob Petit" in text and "Alice Martin" not in text.split("Module socle")[1].split("—")[0]
