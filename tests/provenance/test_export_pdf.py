"""PDF export: Unicode text with the mention, XMP with IPTC DigitalSourceType and the rhia namespace."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter

from rhia.provenance.labels import DIGITAL_SOURCE_TYPE, DINUM_WORDING
from rhia.provenance.metadata import IPTC_NS, RHIA_NS
from rhia.provenance.services import export_answer, verify_file
from tests.provenance.answers import answer

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_text_mention_and_info():
    result = export_answer(answer(), "pdf", dinum=True)
    reader = PdfReader(io.BytesIO(result.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Vos droits à congé annuel" in text
    assert (
        "relue et modifiée par Jean Martin, puis validée par Claire Dupont-Lefèvre, gestionnaire RH, le 23/11/2026."
        in text
    )
    assert DINUM_WORDING in text
    assert result.record.code in text
    assert "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000044420497" in text
    assert reader.metadata.title == "Vos droits à congé annuel"
    assert reader.metadata.author == "Claire Dupont-Lefèvre"
    assert result.record.dinum_label


def test_pdf_xmp_metadata():
    result = export_answer(answer(), "pdf")
    reader = PdfReader(io.BytesIO(result.content))
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = etree.fromstring(raw[raw.find(b"<x:xmpmeta") : raw.rfind(b"</x:xmpmeta>") + 12])
    assert root.findtext(f".//{{{IPTC_NS}}}DigitalSourceType") == DIGITAL_SOURCE_TYPE
    assert root.findtext(f".//{{{RHIA_NS}}}record") == result.record.code
    assert root.findtext(f".//{{{RHIA_NS}}}caseReference") == "RH-2026-00042"
    assert root.findtext(f".//{{{RHIA_NS}}}validator") == "Claire Dupont-Lefèvre"
    assert root.findtext(f".//{{{RHIA_NS}}}validatedAt").startswith("2026-11-23T10:30:00")
    assert (
        root.findtext(f".//{{{RHIA_NS}}}aiUse")
        == "recherche des textes applicables et proposition de rédaction"
    )
    # pypdf reads it as standard XMP too.
    assert reader.xmp_metadata is not None


def test_pdf_verification_exact_and_metadata_stripped_copy():
    result = export_answer(answer(), "pdf")
    assert verify_file(result.filename, result.content).status == "exact"
    writer = PdfWriter()  # pages only: no XMP, no info dictionary, as a "print to PDF" would do
    for page in PdfReader(io.BytesIO(result.content)).pages:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    stripped = buffer.getvalue()
    assert b"DigitalSourceType" not in stripped
    verdict = verify_file("sans-metadonnees.pdf", stripped)
    assert verdict.status == "same_text"
    assert verdict.record == result.record
    assert "metadata" not in verdict.details


def test_same_answer_in_two_formats_shares_the_text_fingerprint():
    docx_export = export_answer(answer(), "docx")
    pdf_export = export_answer(answer(), "pdf")
    assert docx_export.record.text_fingerprint == pdf_export.record.text_fingerprint
    assert docx_export.sha256 != pdf_export.sha256
    assert docx_export.record.code != pdf_export.record.code
