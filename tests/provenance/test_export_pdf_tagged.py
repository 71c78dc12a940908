"""The PDF export is tagged (headings and paragraphs in reading order), left-aligned, and renders."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from rhia.provenance.services import export_answer
from tests.provenance.answers import FINAL_TEXT, answer

pytestmark = pytest.mark.django_db
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftoppm")


def _structure(content: bytes) -> list[tuple[str, int]]:
    """(structure type, number of marked-content ids) of each element under /Document."""
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    document = root["/StructTreeRoot"]["/K"][0].get_object()
    elements = []
    for kid in document["/K"]:
        element = kid.get_object()
        kids = element["/K"]
        elements.append((str(element["/S"]), len(kids) if isinstance(kids, list) else 1))
    return elements


def test_every_block_is_a_heading_or_a_paragraph_in_reading_order():
    result = export_answer(answer(), "pdf")
    root = PdfReader(io.BytesIO(result.content)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "fr-FR"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    types = [struct_type for struct_type, _ in _structure(result.content)]
    assert types[0] == "/H1"
    assert types.count("/H2") == 1  # "Sources"
    assert set(types) == {"/H1", "/H2", "/P"}


def test_a_long_answer_continues_on_the_next_page_with_every_line_tagged():
    long_text = "\n\n".join([FINAL_TEXT] * 12)
    result = export_answer(answer(final_text=long_text), "pdf")
    reader = PdfReader(io.BytesIO(result.content))
    assert len(reader.pages) >= 3
    marked = sum(count for _, count in _structure(result.content))
    shown = sum(page.get_contents().get_data().count(b"BDC") for page in reader.pages)
    assert marked == shown
    for page in reader.pages:
        stream = page.get_contents().get_data()
        assert b" Tw" not in stream  # no word spacing: left-aligned, never justified
        assert stream.count(b"BDC") == stream.count(b"EMC")


@pytest.mark.skipif(not POPPLER, reason="poppler-utils missing (scripts/install-system-deps)")
def test_pdfinfo_reports_tagged_and_the_page_renders(tmp_path: Path):
    result = export_answer(answer(), "pdf")
    path = tmp_path / result.filename
    path.write_bytes(result.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert "Vos droits à congé annuel" in info  # title
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 10_000  # a rendered page with text, not a blank one
    structure = subprocess.run(
        ["pdfinfo", "-struct", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "H1" in structure and "P" in structure
