"""Result and error types of text extraction (no Django import)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A file whose text cannot be extracted; ``message`` is French and names the file."""

    def __init__(self, message: str, *, filename: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.reason = reason  # short machine code: "too_large", "encrypted", "no_text", ...

    def __str__(self) -> str:
        return self.message


@dataclass
class Section:
    """A run of text under a heading path (title > section > sub-section); ``path`` is empty before any heading."""

    path: list[str]
    text: str


@dataclass
class Rejected:
    """An e-mail attachment that was not extracted, and why (French)."""

    filename: str
    reason: str
    executable: bool = False


@dataclass
class Extracted:
    """Text of one file. ``kind``: pdf, docx, odt, html, markdown, text, eml."""

    filename: str
    kind: str
    text: str
    sections: list[Section] = field(default_factory=list)
    title: str = ""
    sender_name: str = ""  # e-mail only: display name of the sender
    attachments: list[Extracted] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total_chars(self) -> int:
        return len(self.text) + sum(attachment.total_chars for attachment in self.attachments)

    def all_texts(self) -> list[tuple[str, str]]:
        """(filename, text) of every attachment, recursively — the shape the usage guard takes."""
        pairs: list[tuple[str, str]] = []
        for attachment in self.attachments:
            pairs.append((attachment.filename, attachment.text))
            pairs.extend(attachment.all_texts())
        return pairs
