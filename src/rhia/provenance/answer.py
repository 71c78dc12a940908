"""The data an export is built from, and the results of exporting and verifying (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

DEFAULT_AI_USES = ["recherche des textes applicables", "proposition de rédaction"]
FORMATS = ("docx", "pdf", "eml")


@dataclass(frozen=True)
class ExportSource:
    """One source as the export lists it: its number is its place in the list, as the text cites it ([n])."""

    document_id: str
    title: str
    url: str = ""
    section: str = ""  # "Conditions > Durée": tells apart several passages of one document
    updated: date | None = None  # the document's last update, when known
    note: str = ""  # e.g. a warning that the text may be out of date

    def as_dict(self) -> dict[str, str]:
        data = {"id": self.document_id, "title": self.title, "url": self.url}
        if self.section:
            data["section"] = self.section
        if self.updated:
            data["updated"] = self.updated.isoformat()
        return data


@dataclass
class ExportableAnswer:
    """A validated answer, as the assistant hands it over for export."""

    case_reference: str
    title: str
    final_text: str  # plain text: paragraphs separated by blank lines, list items as "- " or "1. "
    validator_name: str
    validator_role: str
    validated_at: datetime | date
    agent_name: str = ""  # who prepared and edited the answer
    agent_role: str = ""
    ai_uses: list[str] = field(default_factory=lambda: list(DEFAULT_AI_USES))
    sources: list[ExportSource] = field(default_factory=list)  # (document_id, title, url) tuples accepted
    provider: str = ""
    model: str = ""
    unchanged_share: float = 0.0  # share of the final text that came unchanged from the AI draft
    drafts_count: int = 0
    # The situation the texts were chosen for, in French ("fonctionnaire titulaire, fonction publique de l'État").
    situation: str = ""

    def __post_init__(self) -> None:
        self.sources = [
            source if isinstance(source, ExportSource) else ExportSource(*source) for source in self.sources
        ]

    @property
    def edited(self) -> bool:
        """True when the validated text differs from the AI draft it started from."""
        return self.unchanged_share < 0.999


@dataclass
class ExportResult:
    filename: str
    content: bytes
    sha256: str
    record: Any  # rhia.provenance.models.ExportRecord

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.filename.rsplit(".", 1)[-1]]


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "eml": "message/rfc822",
}

STATUS_LABELS = {
    "exact": "Document authentique : ce fichier est exactement celui exporté par rhia.",
    "same_text": "Même texte : ce fichier n'est pas celui exporté par rhia, mais son texte est identique "
    "(copie réenregistrée ou convertie dans un autre format).",
    "modified": "Document modifié : ce fichier porte les marques d'un export rhia, mais son texte a été "
    "changé depuis la validation.",
    "unknown": "Document inconnu : rhia n'a aucune trace de ce document.",
    "code_found": "Référence connue : un document portant cette référence a bien été exporté par rhia.",
}


@dataclass
class VerifyResult:
    """``status``: exact, same_text, modified or unknown (``code_found`` for a code lookup); ``details`` is JSON-serialisable."""

    status: str
    record: Any  # ExportRecord | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status, "label": self.label, **self.details}
        data["record"] = self.record.summary() if self.record is not None else None
        return data
