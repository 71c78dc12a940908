"""Builds sections from a stream of headings and paragraphs."""

from __future__ import annotations

import re

from rhia.extraction.types import Section

_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """Collapse runs of spaces, trim lines, keep at most one blank line."""
    lines = [
        _SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class SectionBuilder:
    """Feed ``heading(level, title)`` and ``paragraph(text)`` in document order; read ``sections``/``text``."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._buffer: list[str] = []
        self._parts: list[str] = []
        self.sections: list[Section] = []
        self.title = ""

    def heading(self, level: int, title: str) -> None:
        title = clean(title).replace("\n", " ")
        if not title:
            return
        self._flush()
        level = max(1, min(level, 9))
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, title))
        self._parts.append(title)
        if not self.title:
            self.title = title

    def paragraph(self, text: str) -> None:
        text = clean(text)
        if text:
            self._buffer.append(text)
            self._parts.append(text)

    def _flush(self) -> None:
        if self._buffer:
            self.sections.append(
                Section(path=[title for _level, title in self._stack], text="\n\n".join(self._buffer))
            )
            self._buffer = []

    def finish(self) -> tuple[str, list[Section]]:
        self._flush()
        return "\n\n".join(self._parts), self.sections
