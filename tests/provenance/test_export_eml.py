"""E-mail export: a draft .eml with X-Rhia-* headers, the mention in the body; never sent."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest

from rhia.provenance.labels import DIGITAL_SOURCE_TYPE
from rhia.provenance.services import export_answer, verify_file
from tests.provenance.answers import answer

pytestmark = pytest.mark.django_db


def _parse(content: bytes):
    return BytesParser(policy=policy.default).parsebytes(content)


def test_eml_headers_and_body():
    result = export_answer(answer(), "eml")
    message = _parse(result.content)
    assert message["Subject"] == "Vos droits à congé annuel"
    assert message["X-Unsent"] == "1"
    assert message["To"] is None
    assert message["X-Rhia-Record"] == result.record.code
    assert message["X-Rhia-Case"] == "RH-2026-00042"
    assert message["X-Rhia-Validator"] == "Claire Dupont-Lefèvre"
    assert message["X-Rhia-Digital-Source-Type"] == DIGITAL_SOURCE_TYPE
    assert (
        " ".join(message["X-Rhia-AI-Use"].split())
        == "recherche des textes applicables et proposition de rédaction"
    )
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert (
        "relue et modifiée par Jean Martin, puis validée par Claire Dupont-Lefèvre, gestionnaire RH, le 23/11/2026."
        in body
    )
    assert "https://www.service-public.fr/particuliers/vosdroits/F488" in body
    assert body.startswith("Dossier RH-2026-00042")


def test_eml_verification_exact_reserialised_and_modified():
    result = export_answer(answer(unchanged_share=1.0), "eml")
    assert verify_file(result.filename, result.content).status == "exact"
    message = _parse(result.content)
    reserialised = message.as_bytes(policy=policy.SMTP)  # CRLF line ends: another file
    assert reserialised != result.content
    assert verify_file("copie.eml", reserialised).status == "same_text"
    body = message.get_body(preferencelist=("plain",))
    body.set_content(body.get_content().replace("25 jours", "35 jours"))
    verdict = verify_file("modifie.eml", message.as_bytes())
    assert verdict.status == "modified"
    assert verdict.record == result.record
    assert verdict.details["metadata"]["record"] == result.record.code
