"""rhia audit verify | export | purge."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.audit.permit import journal_permit

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    out = StringIO()
    call_command("audit", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_verify_json_last_line():
    for n in range(3):
        record("test.cmd", payload={"n": n})
    output = _call("verify", "--json")
    summary = json.loads(output.strip().splitlines()[-1])
    assert summary["ok"] is True and summary["checked"] == 3
    assert "Journal intègre" in output


def test_verify_names_the_broken_entry_and_exits_non_zero():
    for n in range(3):
        record("test.cmd", payload={"n": n})
    with journal_permit():
        JournalEntry.objects.filter(seq=2).update(action="test.changed")
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--json", stdout=out)
    assert exit_info.value.code == 1
    assert "n° 2" in out.getvalue()
    assert json.loads(out.getvalue().strip().splitlines()[-1])["broken_seq"] == 2


def test_export_jsonl_with_dates(tmp_path):
    record("policy.refused", payload={"category": "cv_screening"})
    record("assistant.case_created", payload={"use_case": "reponse-question-agent"})
    target = tmp_path / "journal.jsonl"
    call_command(
        "audit",
        "export",
        "--since",
        "2000-01-01",
        "--until",
        "2999-12-31",
        "--action",
        "policy.",
        "-o",
        str(target),
        stderr=StringIO(),
    )
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [line["action"] for line in lines] == ["policy.refused"]
    assert {"seq", "entry_hash", "previous_hash", "payload", "created_at"} <= set(lines[0])
    assert _call("export", "--until", "2000-01-01") == ""


def test_export_bad_date_is_a_french_error():
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("audit", "export", "--since", "hier")


def test_purge_refuses_short_retention_in_french():
    with pytest.raises(CommandError, match="six mois|183"):
        call_command("audit", "purge", "--metadata-days", "30")


def test_purge_json():
    record("test.recent")
    output = _call("purge", "--json")
    assert json.loads(output.strip().splitlines()[-1]) == {
        "content_purged": 0,
        "entries_removed": 0,
        "checkpoint": None,
    }
