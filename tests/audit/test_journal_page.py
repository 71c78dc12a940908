"""The DPO journal page: role restriction, filters, verification, export."""

from __future__ import annotations

import json

import pytest

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


def test_only_the_dpo_sees_the_journal(client, make_user):
    record("test.page")
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/journal/").status_code == 403
    assert client.get("/journal/export/").status_code == 403
    client.force_login(make_user(Role.STAFF_REP.value))
    assert client.get("/journal/").status_code == 403
    client.force_login(make_user(Role.DPO.value))
    response = client.get("/journal/")
    assert response.status_code == 200
    assert "Événement « test.page »" in response.content.decode()


def test_filters(client, make_user):
    record("policy.refused", payload={"category": "cv_screening"})
    record("assistant.case_created", payload={"use_case": "x"})
    client.force_login(make_user(Role.DPO.value))
    page = client.get("/journal/", {"action": "policy."}).content.decode()
    assert "Demande refusée par le garde-fou" in page and "Nouveau cas ouvert" not in page
    page = client.get("/journal/", {"since": "2030-01-02", "until": "2030-01-01"}).content.decode()
    assert "doit précéder" in page


def test_verification_button_reports_a_break(client, make_user):
    for n in range(3):
        record("test.page", payload={"n": n})
    client.force_login(make_user(Role.DPO.value))
    page = client.post("/journal/verifier/", follow=True).content.decode()
    assert "Journal intègre" in page
    with journal_permit():
        JournalEntry.objects.filter(seq=2).update(object_id="x")
    page = client.post("/journal/verifier/", follow=True).content.decode()
    assert "rompu à l&#x27;entrée n° 2" in page or "rompu à l'entrée n° 2" in page
    assert client.get("/journal/verifier/").status_code == 302


def test_export_streams_jsonl_and_is_journaled(client, make_user):
    record("policy.refused", payload={"category": "emotion_inference"})
    client.force_login(make_user(Role.DPO.value))
    response = client.get("/journal/export/", {"action": "policy."})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert [line["action"] for line in lines] == ["policy.refused"]
    assert JournalEntry.objects.filter(action="audit.exported").exists()


def test_the_page_speaks_french_and_keeps_raw_json_for_the_export(client, make_user):
    agent = make_user(Role.AGENT_RH.value)
    record(
        "assistant.case_created",
        actor=agent,
        payload={"use_case": "x", "data_class": "personal", "refused": True},
    )
    record(
        "llm.call",
        payload={
            "provider": "Embarqué",
            "model": "qwen",
            "purpose": "generation",
            "data_class": "personal",
            "prompt_tokens": 120,
            "completion_tokens": 80,
            "latency_ms": 900,
        },
    )
    client.force_login(make_user(Role.DPO.value))
    page = client.get("/journal/").content.decode()
    assert (
        "Nouveau cas ouvert (données de classe « Personnelle (pseudonymisée) »), refusé par le garde-fou."
        in page.replace("&#x27;", "'")
    )
    assert "Appel au modèle qwen (Embarqué) — génération" in page
    assert agent.display_name in page and "Agent RH (gestionnaire)" in page
    assert "{&#x27;" not in page and "{'" not in page  # no Python dictionaries
    assert "assistant.case_created" not in page.split('id="audit-entries"')[1]
    assert '<optgroup label="Cas traités par l&#x27;assistant">' in page
    client.get("/journal/", {"actor_id": agent.pk})


def test_a_lifecycle_step_reads_with_the_use_case_name(client, make_user):
    from rhia.policy.models import UseCase

    use_case = UseCase.objects.create(slug="reponse-essai", name="Répondre à une question d'essai")
    record(
        "governance.lifecycle_step",
        payload={"use_case": use_case.slug, "from": "propose", "to": "analyse_dpia", "step": 2},
    )
    client.force_login(make_user(Role.DPO.value))
    table = client.get("/journal/").content.decode().replace("&#x27;", "'").split('id="audit-entries"')[1]
    assert "Cas d'usage « Répondre à une question d'essai »" in table
    assert "« reponse-essai »" not in table
