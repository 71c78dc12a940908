"""``rhia provenance verify FILE [--json]`` and ``rhia provenance code CODE``."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from rhia.provenance.services import export_answer
from tests.provenance.answers import answer

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("provenance", *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code)
    return out.getvalue(), code


def test_verify_exact_with_json(tmp_path):
    result = export_answer(answer(), "docx")
    path = tmp_path / result.filename
    path.write_bytes(result.content)
    output, code = _run("verify", str(path), "--json")
    assert code == 0
    assert "Document authentique" in output
    assert "Claire Dupont-Lefèvre" in output
    data = json.loads(output.strip().splitlines()[-1])
    assert data["status"] == "exact"
    assert data["record"]["case_reference"] == "RH-2026-00042"


def test_verify_unknown_exit_status(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("bonjour")
    output, code = _run("verify", str(path), "--json")
    assert code == 3
    assert json.loads(output.strip().splitlines()[-1])["status"] == "unknown"


def test_missing_file_and_bad_code(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("provenance", "verify", str(tmp_path / "absent.pdf"))
    with pytest.raises(CommandError, match="Référence invalide"):
        call_command("provenance", "code", "XYZ")


def test_code_lookup():
    result = export_answer(answer(), "pdf")
    output, code = _run("code", result.record.code)
    assert code == 0 and "Référence connue" in output
