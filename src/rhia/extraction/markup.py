"""HTML (beautifulsoup4 + lxml, h1-h6 as headings), Markdown (rendered to HTML first) and plain text."""

from __future__ import annotations

import re

from rhia.extraction.sections import SectionBuilder, clean
from rhia.extraction.types import Section

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
    "form",
    "button",
    "select",
    "nav",
}
_BLOCKS = {
    "p", "div", "li", "dd", "dt", "pre", "blockquote", "tr", "section", "article", "main", "table", "ul", "ol",
    "dl", "address", "figcaption", "aside", "header", "footer", "nav", "fieldset", "details", "summary", "caption",
}  # fmt: skip
_CELLS = {"td", "th"}


def decode_text(content: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 as a last resort."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def html_to_sections(html: str) -> tuple[str, list[Section], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    page_title = clean(soup.title.get_text(" ")) if soup.title else ""
    root = soup.body or soup
    builder = SectionBuilder()
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            builder.paragraph("".join(buffer))
            buffer.clear()

    def walk(node) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if type(child).__name__ in (
                    "Comment",
                    "Doctype",
                    "Declaration",
                    "ProcessingInstruction",
                    "CData",
                ):
                    continue
                buffer.append(str(child) if node.name == "pre" else re.sub(r"\s+", " ", str(child)))
            elif name in _SKIPPED:
                continue
            elif name in _HEADINGS:
                flush()
                builder.heading(_HEADINGS[name], child.get_text(" "))
            elif name == "br":
                buffer.append("\n")
            elif name == "li":
                flush()
                buffer.append("- ")
                walk(child)
                flush()
            elif name in _CELLS:
                walk(child)
                buffer.append(" | ")
            elif name in _BLOCKS:
                flush()
                walk(child)
                if name == "tr" and buffer and buffer[-1] == " | ":
                    buffer.pop()
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    text, sections = builder.finish()
    return text, sections, page_title or builder.title


def markdown_to_sections(source: str) -> tuple[str, list[Section], str]:
    import markdown

    html = markdown.markdown(source, extensions=["tables", "fenced_code", "sane_lists"])
    return html_to_sections(f"<html><body>{html}</body></html>")


def plain_to_sections(source: str) -> tuple[str, list[Section], str]:
    text = clean(source)
    return text, ([Section(path=[], text=text)] if text else []), ""
