"""DOCX export: mention, custom properties written as a proper OPC part, verification of copies."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from lxml import etree

from rhia.provenance.labels import DIGITAL_SOURCE_TYPE
from rhia.provenance.metadata import read_docx, read_odt
from rhia.provenance.services import export_answer, verify_file
from tests.provenance.answers import answer
from tests.provenance.office import convert_with_libreoffice, edit_docx

pytestmark = pytest.mark.django_db


def test_docx_opens_with_mention_sources_and_code():
    result = export_answer(answer(), "docx")
    assert result.filename == "rh-2026-00042-reponse.docx"  # never the title: it may name someone
    document = docx.Document(io.BytesIO(result.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "Vos droits à congé annuel"
    assert (
        "relue et modifiée par Jean Martin, puis validée par Claire Dupont-Lefèvre, gestionnaire RH, le 23/11/2026."
        in texts[-2]
    )
    assert texts[-1] == f"Référence de vérification rhia : {result.record.code}"
    assert "Sources" in texts
    assert any("https://www.service-public.fr/particuliers/vosdroits/F488" in text for text in texts)
    assert document.core_properties.title == "Vos droits à congé annuel"
    assert document.core_properties.author == "Claire Dupont-Lefèvre"
    assert result.record.code in document.core_properties.keywords
    assert document.core_properties.created.year >= 2026
    lang = document.styles["Normal"].element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    )
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "fr-FR"


def test_docx_custom_properties_part_is_registered():
    result = export_answer(answer(), "docx")
    with zipfile.ZipFile(io.BytesIO(result.content)) as archive:
        content_types = etree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {item.get("PartName"): item.get("ContentType") for item in content_types}
        assert (
            overrides["/docProps/custom.xml"]
            == "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        )
        rels = etree.fromstring(archive.read("_rels/.rels"))
        targets = {rel.get("Type"): rel.get("Target") for rel in rels}
        assert (
            targets["http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"]
            == "docProps/custom.xml"
        )
        custom = etree.fromstring(archive.read("docProps/custom.xml"))
    pids = [int(prop.get("pid")) for prop in custom]
    assert pids == list(range(2, 2 + len(pids)))
    metadata = read_docx(result.content)
    assert metadata["record"] == result.record.code
    assert metadata["case_reference"] == "RH-2026-00042"
    assert metadata["validator"] == "Claire Dupont-Lefèvre"
    assert metadata["validated_at"].startswith("2026-11-23T10:30:00")
    assert metadata["ai_use"] == "recherche des textes applicables et proposition de rédaction"
    assert metadata["digital_source_type"] == DIGITAL_SOURCE_TYPE
    assert metadata["edited"] == "oui"


def test_docx_verification_exact_then_resaved_then_modified():
    result = export_answer(answer(), "docx")
    exact = verify_file(result.filename, result.content)
    assert exact.status == "exact" and exact.record == result.record
    # Re-saved by a word processor without changes: another file, same text.
    resaved = docx.Document(io.BytesIO(result.content))
    resaved.core_properties.comments = "relu"
    buffer = io.BytesIO()
    resaved.save(buffer)
    same = verify_file("copie.docx", buffer.getvalue())
    assert same.status == "same_text" and same.record == result.record
    # The answer text changed after validation; the metadata is still there.
    changed = verify_file("copie.docx", edit_docx(result.content, "25 jours", "30 jours"))
    assert changed.status == "modified" and changed.record == result.record
    assert changed.details["matched_by"] == "metadata"


def test_docx_converted_to_pdf_by_libreoffice_keeps_its_text_fingerprint():
    result = export_answer(answer(), "docx")
    converted = convert_with_libreoffice(result.filename, result.content)
    assert converted.startswith(b"%PDF")
    verdict = verify_file("converti.pdf", converted)
    assert verdict.status == "same_text", verdict.details
    assert verdict.record == result.record
    # A modified copy converted the same way: the printed code still identifies the export.
    edited = convert_with_libreoffice("modifie.docx", edit_docx(result.content, "25 jours", "20 jours"))
    verdict = verify_file("modifie.pdf", edited)
    assert verdict.status == "modified"
    assert verdict.record == result.record
    assert verdict.details["matched_by"] == "printed_code"


def test_libreoffice_reads_the_custom_properties():
    """A real office suite understands the custom properties part: converted to ODT, they become user fields."""
    result = export_answer(answer(), "docx")
    converted = convert_with_libreoffice(result.filename, result.content, "odt")
    metadata = read_odt(converted)
    assert metadata["record"] == result.record.code
    assert metadata["validator"] == "Claire Dupont-Lefèvre"
    assert metadata["digital_source_type"] == DIGITAL_SOURCE_TYPE
    verdict = verify_file("converti.odt", converted)
    assert verdict.status == "same_text"
    assert verdict.details["metadata"]["record"] == result.record.code
