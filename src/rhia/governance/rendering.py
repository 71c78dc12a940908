"""Kit documents: Markdown to safe HTML (nh3) and to PDF (fpdf2 with an embedded Unicode font)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import nh3
from fpdf import FPDF

# fontTools logs every glyph subset at INFO level.
logging.getLogger("fontTools").setLevel(logging.WARNING)

_EXTENSIONS = ["extra", "sane_lists", "toc"]
_ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "abbr", "dl", "dt", "dd",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "th": {"align"},
    "td": {"align"},
}

# Debian's fonts-dejavu-core (Unicode: « », œ, ’, €); Liberation as a fallback.
FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-BoldItalic.ttf"),
]  # fmt: skip


_HEADING = re.compile(r"^(#{1,6})[ \t]+", re.MULTILINE)


class FontMissing(RuntimeError):
    pass


def to_html(body: str, *, demote: int = 0) -> str:
    """Markdown -> sanitised HTML: no script, no style, no event attribute, only http(s)/mailto links.

    ``demote`` shifts headings down (1: "#" becomes <h2>) so the page keeps a single <h1>.
    """
    if demote:
        body = _HEADING.sub(lambda m: "#" * min(len(m.group(1)) + demote, 6) + " ", body)
    raw = markdown.markdown(body, extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _font_files() -> tuple[str, str, str, str]:
    for files in FONT_CANDIDATES:
        if all(Path(f).is_file() for f in files):
            return files
    raise FontMissing(
        "Police Unicode introuvable : installez le paquet Debian fonts-dejavu-core (scripts/install-system-deps)."
    )


class _KitPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Kit", "", 8)
        self.set_text_color(100, 100, 100)
        self.cell(0, 10, f"{self.footer_text} — page {self.page_no()}/{{nb}}", align="C")


def to_pdf(*, title: str, version: str, status_line: str, body: str) -> bytes:
    """A4 PDF of one document version: title, version line, then the body rendered from Markdown."""
    regular, bold, italic, bold_italic = _font_files()
    pdf = _KitPDF(format="A4")
    pdf.add_font("Kit", "", regular)
    pdf.add_font("Kit", "B", bold)
    pdf.add_font("Kit", "I", italic)
    pdf.add_font("Kit", "BI", bold_italic)
    pdf.footer_text = f"{title} — version {version}"
    pdf.set_title(f"{title} (version {version})")
    pdf.set_author("rhia")
    pdf.set_creator("rhia — kit d'usage")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Kit", "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Kit", "", 10)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 6, f"Version {version} — {status_line}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    html = to_html(strip_first_heading(body, title))
    pdf.set_font("Kit", "", 11)
    pdf.write_html(html, font_family="Kit")
    return bytes(pdf.output())


def strip_first_heading(body: str, title: str) -> str:
    """The title is already printed: drop a leading "# <title>" line to avoid repeating it."""
    lines = body.lstrip().splitlines()
    if lines and lines[0].startswith("# ") and lines[0][2:].strip() == title.strip():
        return "\n".join(lines[1:])
    return body
