"""``rhia case``: acting as a named user, JSON on the last line, the API's refusals."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from rhia.assistant import states
from rhia.assistant.models import Case

from .conftest import DRAFT_TEXTS, QUESTION, put_drafts

pytestmark = pytest.mark.django_db


def _run(capsys, *args) -> dict:
    call_command("case", *args, "--json")
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_cli_flow(capsys, tmp_path, agent, register, case_corpus):
    case = _run(capsys, "new", "--as", "agent", "--text", QUESTION, "--confirm-entities")
    assert case["ok"] and case["stage"] == states.SOURCES and case["sources"]
    key = case["reference"]
    with pytest.raises(CommandError) as refused:
        call_command("case", "export", key, "--as", "agent", "--format", "docx", "--output", str(tmp_path))
    assert "validation" in str(refused.value)
    put_drafts(Case.objects.get(reference=key), Case.objects.get(reference=key).owner, DRAFT_TEXTS)
    chosen = _run(capsys, "choose", key, "--as", "agent", "1")
    assert chosen["chosen_draft"] == 0
    edited = _run(
        capsys, "edit", key, "--as", "agent", "--text", "Bonjour Marie Durand,\n\nVoici la réponse."
    )
    assert edited["final_text"].startswith("Bonjour Marie Durand")
    assert _run(capsys, "validate", key, "--as", "agent", "--sources-checked")["status"] == states.VALIDATED
    exported = _run(capsys, "export", key, "--as", "agent", "--format", "pdf", "--output", str(tmp_path))
    path = tmp_path / exported["export"]["filename"]
    assert path.read_bytes().startswith(b"%PDF")


def test_cli_refuses_a_user_without_the_role(capsys, make_user, register):
    make_user("dpo", username="dpo1")
    with pytest.raises(CommandError) as refused:
        call_command("case", "new", "--as", "dpo1", "--text", QUESTION, "--json")
    out = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(out)["code"] == "role"
    assert "rôle" in str(refused.value)


def test_cli_refuses_a_forbidden_use(capsys, agent, register):
    with pytest.raises(CommandError) as refused:
        call_command(
            "case", "new", "--as", "agent", "--text", "Classe les agents selon leur risque de dépression."
        )
    assert "refusée" in str(refused.value)
    assert Case.objects.get().status == states.ABANDONED


def test_cli_review_lists_entities(capsys, agent, register):
    case = _run(capsys, "new", "--as", "agent", "--text", QUESTION)
    call_command("case", "review", case["reference"], "--as", "agent")
    out = capsys.readouterr().out
    assert "EMAIL" in out and "marie.durand@example.fr" in out
