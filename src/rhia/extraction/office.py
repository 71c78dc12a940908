"""Word processing files: DOCX (python-docx) and ODT (odfdo), headings kept as section paths."""

from __future__ import annotations

import io
import re
import zipfile

from rhia.extraction.sections import SectionBuilder
from rhia.extraction.types import ExtractionError, Section

_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNCOMPRESSED_RATIO = 100


def _check_zip(filename: str, content: bytes, max_bytes: int) -> None:
    """Refuse archives that expand far beyond their size (zip bombs)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > max(max_bytes, len(content)) * MAX_UNCOMPRESSED_RATIO:
        raise ExtractionError(
            f"Le fichier « {filename} » se décompresse en un volume anormalement grand ; il a été refusé.",
            filename=filename,
            reason="too_large",
        )


def _docx_heading_level(paragraph) -> int | None:
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.lower() == "title" or style.lower() == "titre":
        return 1
    match = _HEADING_STYLE.match(style or "")
    if match:
        return int(match.group(1))
    outline = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        value = outline.get(f"{_W}val")
        if value is not None and value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


def extract_docx(filename: str, content: bytes, max_bytes: int) -> tuple[str, list[Section], str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_zip(filename, content, max_bytes)
    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as error:  # noqa: BLE001 - python-docx raises many types on broken files
        raise ExtractionError(
            f"Le fichier « {filename} » est un document Word illisible ou endommagé.",
            filename=filename,
            reason="unreadable",
        ) from error
    builder = SectionBuilder()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            level = _docx_heading_level(block)
            if level is not None:
                builder.heading(level, block.text)
            else:
                builder.paragraph(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                        cells.append(cell.text.strip())
                builder.paragraph(" | ".join(cells))
    text, sections = builder.finish()
    title = (document.core_properties.title or "").strip() or builder.title
    return text, sections, title


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def extract_odt(filename: str, content: bytes, max_bytes: int) -> tuple[str, list[Section], str]:
    from odfdo import Document

    _check_zip(filename, content, max_bytes)
    try:
        document = Document(io.BytesIO(content))
        body = document.body
    except Exception as error:  # noqa: BLE001 - odfdo raises many types on broken files
        raise ExtractionError(
            f"Le fichier « {filename} » est un document OpenDocument illisible ou endommagé.",
            filename=filename,
            reason="unreadable",
        ) from error
    builder = SectionBuilder()
    _walk_odf(body, builder)
    text, sections = builder.finish()
    return text, sections, builder.title


def _walk_odf(element, builder: SectionBuilder) -> None:
    for child in element.children:
        tag = child.tag
        if tag == "text:h":
            level = child.get_attribute("text:outline-level")
            builder.heading(int(level) if str(level or "").isdigit() else 1, str(child))
        elif tag == "text:p":
            builder.paragraph(str(child))
        elif tag in ("text:sequence-decls", "office:forms", "text:tracked-changes", "office:annotation"):
            continue
        elif tag == "table:table-row":
            cells = [str(cell).strip() for cell in child.children if str(cell).strip()]
            builder.paragraph(" | ".join(cells))
        else:
            _walk_odf(child, builder)
