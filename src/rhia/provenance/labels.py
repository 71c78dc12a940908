"""Layer 1 of labelling: the visible French mention, and the document layout shared by every format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rhia.provenance.answer import DEFAULT_AI_USES, ExportableAnswer

TOOL_NAME = "rhia"
DINUM_WORDING = "Contenu partiellement généré par une IA et vérifié par un agent"
CODE_LABEL = "Référence de vérification rhia"
MENTION_PREFIX = f"Réponse préparée avec l'aide de l'outil d'IA {TOOL_NAME}"
DIGITAL_SOURCE_TYPE = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"


def french_date(value: datetime | date) -> str:
    return value.strftime("%d/%m/%Y")


def enumerate_fr(items: list[str]) -> str:
    items = [item.strip() for item in items if item and item.strip()]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def mention(answer: ExportableAnswer) -> str:
    """« Réponse préparée avec l'aide de l'outil d'IA rhia (…), relue[, modifiée] et validée par X, rôle, le JJ/MM/AAAA. »"""
    uses = enumerate_fr(answer.ai_uses or DEFAULT_AI_USES)
    review = "relue, modifiée et validée" if answer.edited else "relue et validée"
    validator = answer.validator_name.strip()
    if answer.validator_role.strip():
        validator += f", {answer.validator_role.strip()}"
    return f"{MENTION_PREFIX} ({uses}), {review} par {validator}, le {french_date(answer.validated_at)}."


def ai_use_summary(answer: ExportableAnswer) -> str:
    return enumerate_fr(answer.ai_uses or DEFAULT_AI_USES)


@dataclass(frozen=True)
class Block:
    """One paragraph of an export. ``kind``: title, meta, body, heading, source, mention, code."""

    kind: str
    text: str


def layout(answer: ExportableAnswer, code: str, *, dinum: bool = False) -> list[Block]:
    """The paragraphs of an export, in order; every format renders exactly these."""
    blocks = [
        Block("title", answer.title.strip() or "Réponse"),
        Block("meta", f"Dossier {answer.case_reference}"),
    ]
    for paragraph in _paragraphs(answer.final_text):
        blocks.append(Block("body", paragraph))
    if answer.sources:
        blocks.append(Block("heading", "Sources"))
        for number, (document_id, title, url) in enumerate(answer.sources, 1):
            label = f"{number}. {title.strip()} ({document_id})"
            blocks.append(Block("source", f"{label} : {url}" if url else label))
            blocks.extend(Block("source", note) for note in answer.source_notes.get(document_id, []))
    blocks.append(Block("mention", mention(answer)))
    if dinum:
        blocks.append(Block("mention", DINUM_WORDING + "."))
    blocks.append(Block("code", f"{CODE_LABEL} : {code}"))
    return blocks


def _paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs: blank lines separate them, list items stand alone."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if line[:2] in ("- ", "* ", "• ") or (
            line.split(" ", 1)[0].rstrip(".)").isdigit() and line[:1].isdigit()
        ):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.append(line)
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
