"""Renders the layout of an answer as DOCX (python-docx), tagged PDF (fpdf2, DejaVu font, see pdf.py) or e-mail (.eml)."""

from __future__ import annotations

import io
import logging
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from rhia.provenance.labels import Block

logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class FontMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "Police DejaVu introuvable (paquet Debian fonts-dejavu-core) : l'export PDF est impossible. "
            "Lancez scripts/install-system-deps."
        )


def _font(name: str) -> Path:
    for directory in FONT_DIRS:
        if (directory / name).exists():
            return directory / name
    raise FontMissing()


def render_docx(blocks: list[Block], *, core: dict[str, str], custom_xml: bytes) -> bytes:
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    _set_language(document, "fr-FR")
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind in ("mention", "code"):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.italic = block.kind == "mention"
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x3A, 0x3A, 0x3A)
        elif block.kind == "meta":
            document.add_paragraph().add_run(block.text).bold = True
        else:
            document.add_paragraph(block.text)
    properties = document.core_properties
    properties.title = core["title"]
    properties.subject = core["subject"]
    properties.author = core["author"]
    properties.last_modified_by = core["author"]
    properties.comments = core["comments"]
    properties.keywords = core["keywords"]
    properties.created = properties.modified = core["date"]
    properties.revision = 1
    package = document.part.package
    for relationship in list(package.rels.values()):
        # Replace any custom properties; drop the template's thumbnail, which shows another document.
        if relationship.reltype in (RELATIONSHIP_TYPE.CUSTOM_PROPERTIES, RELATIONSHIP_TYPE.THUMBNAIL):
            package.rels.pop(relationship.rId)
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, custom_xml, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_language(document, language: str) -> None:
    """Declare the text French (spell checking, screen readers) on the default paragraph style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_properties = document.styles["Normal"].element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def render_pdf(blocks: list[Block], *, core: dict[str, str], xmp: str) -> bytes:
    from rhia.provenance.pdf import render_pdf as render_tagged_pdf

    return render_tagged_pdf(
        blocks,
        core=core,
        xmp=xmp,
        regular=str(_font("DejaVuSans.ttf")),
        bold=str(_font("DejaVuSans-Bold.ttf")),
    )


def render_eml(blocks: list[Block], *, subject: str, headers: list[tuple[str, str]], date) -> bytes:
    """A draft e-mail file to download and send from the agent's own mail client (never sent by rhia)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = make_msgid(domain="rhia.invalid")
    message["X-Unsent"] = "1"  # mail clients open the file as a draft to complete and send
    for name, value in headers:
        message[name] = value
    body_blocks = [block for block in blocks if block.kind != "title"]
    message.set_content(
        "\n\n".join(block.text for block in body_blocks) + "\n", charset="utf-8", cte="quoted-printable"
    )
    return message.as_bytes()
