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
    assert "test.page" in response.content.decode()


def test_filters(client, make_user):
    record("policy.refused", payload={"category": "cv_screening"})
    record("assistant.case_created", payload={"use_case": "x"})
    client.force_login(make_user(Role.DPO.value))
    page = client.get("/journal/", {"action": "policy."}).content.decode()
    assert "policy.refused" in page and "assistant.case_created" not in page
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
