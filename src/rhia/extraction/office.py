"""Word processing files: DOCX (python-docx) and ODT (odfdo), headings kept as section paths."""

from __future__ import annotations

import io
import re
import zipfile

from rhia.extraction import limits
from rhia.extraction.sections import SectionBuilder
from rhia.extraction.types import ExtractionError, Section

_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(filename: str, content: bytes, max_bytes: int) -> None:
    """Refuse archives that expand far beyond their size (zip bombs). zipfile never inflates a member
    past its declared size, so the declared sizes bound the work."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ExtractionError(
            f"Le fichier « {filename} » est une archive endommagée ; il n'a pas pu être ouvert.",
            filename=filename,
            reason="unreadable",
        ) from error
    if total > limits.expanded_allowance(len(content)):
        raise ExtractionError(
            f"Le fichier « {filename} » se décompresse en un volume anormalement grand "
            f"({limits.human_size(total)} pour {limits.human_size(len(content))}) ; il a été refusé.",
            filename=filename,
            reason="too_large",
        )


def _too_many_blocks(filename: str) -> ExtractionError:
    return ExtractionError(
        f"Le fichier « {filename} » contient plus de {limits.human_count(limits.MAX_BLOCKS)} paragraphes ou "
        "cellules de tableau : il n'est pas traité. Ne joignez que la partie utile du document.",
        filename=filename,
        reason="too_large",
    )


class _BlockBudget:
    def __init__(self, filename: str):
        self.filename, self.left = filename, limits.MAX_BLOCKS

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise _too_many_blocks(self.filename)


def _style_names(document) -> dict[str, str]:
    """Style id -> name, read once: python-docx looks a paragraph's style up by scanning every style."""
    return {style.style_id: style.name or "" for style in document.styles if style.style_id}


def _docx_heading_level(paragraph, style_names: dict[str, str]) -> int | None:
    style = style_names.get(paragraph._p.style or "", "")
    if style.lower() in ("title", "titre"):
        return 1
    match = _HEADING_STYLE.match(style)
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
    budget = _BlockBudget(filename)
    try:
        style_names = _style_names(document)
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                budget.spend()
                level = _docx_heading_level(block, style_names)
                if level is not None:
                    builder.heading(level, block.text)
                else:
                    builder.paragraph(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    budget.spend(1 + len(row._tr.tc_lst))
                    cells = []
                    for cell in row.cells:
                        if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                            cells.append(cell.text.strip())
                    builder.paragraph(" | ".join(cells))
        title = (document.core_properties.title or "").strip() or builder.title
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - malformed parts surface while reading, not at opening
        raise _unreadable(filename, "un document Word") from error
    text, sections = builder.finish()
    return text, sections, title


def _unreadable(filename: str, what: str) -> ExtractionError:
    return ExtractionError(
        f"Le fichier « {filename} » est {what} illisible ou endommagé.",
        filename=filename,
        reason="unreadable",
    )


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
    try:
        _walk_odf(body, builder, _BlockBudget(filename))
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - RecursionError on deep nesting, odfdo errors on bad parts
        raise _unreadable(filename, "un document OpenDocument") from error
    text, sections = builder.finish()
    return text, sections, builder.title


def _walk_odf(element, builder: SectionBuilder, budget: _BlockBudget) -> None:
    for child in element.children:
        budget.spend()
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
            _walk_odf(child, builder, budget)
