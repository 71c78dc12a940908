"""The small rich-text format of the editor: sanitising, and conversion to and from plain text (pure Python)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "div"})
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def sanitize(markup: str) -> str:
    """Keep only paragraphs, line breaks, bold, italic and lists; no attributes, no scripts, no links."""
    return nh3.clean(
        markup or "", tags=set(ALLOWED_TAGS), attributes={}, link_rel=None, strip_comments=True
    ).strip()


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []  # stack of [ordered, counter]

    def _flush(self) -> None:
        line = "".join(self.current).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("p", "div", "ul", "ol"):
            self._flush()
            if tag in ("p", "div") and self.lines and self.lines[-1] != "" and not self.lists:
                self.lines.append("")
        if tag == "ul":
            self.lists.append([0, 0])
        elif tag == "ol":
            self.lists.append([1, 0])
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1][1] += 1
                ordered, counter = self.lists[-1]
                self.current.append(f"{counter}. " if ordered else "- ")
            else:
                self.current.append("- ")
        elif tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "li"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.lines.append("")

    def handle_data(self, data: str) -> None:
        self.current.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        self._flush()
        out: list[str] = []
        for line in self.lines:
            if line == "" and (not out or out[-1] == ""):
                continue
            out.append(line)
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out)


def to_text(markup: str) -> str:
    """Plain text of sanitised markup: paragraphs separated by a blank line, list items as "- "."""
    writer = _TextWriter()
    writer.feed(markup or "")
    writer.close()
    return writer.text()


def from_text(text: str) -> str:
    """Markup for plain text (an AI draft): blank-line paragraphs, "- " and "1." lines as lists."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        parts.extend(_block_markup([line.strip() for line in block.splitlines() if line.strip()]))
    return "".join(parts)


def _block_markup(lines: list[str]) -> list[str]:
    parts: list[str] = []
    plain: list[str] = []
    items: list[str] = []
    ordered = False
    for line in [*lines, None]:
        match = _BULLET.match(line) if line is not None else None
        if (match is None or line is None) and items:
            tag = "ol" if ordered else "ul"
            parts.append(f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>")
            items = []
        if (match is not None or line is None) and plain:
            parts.append("<p>" + "<br>".join(plain) + "</p>")
            plain = []
        if line is None:
            break
        if match is not None:
            ordered = match.group(0).strip()[0].isdigit()
            items.append(html.escape(line[match.end() :].strip()))
        else:
            plain.append(html.escape(line))
    return parts
