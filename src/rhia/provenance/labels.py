"""Layer 1 of labelling: the visible French mention, and the document layout shared by every format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rhia.provenance.answer import DEFAULT_AI_USES, ExportableAnswer, ExportSource

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


def _person(name: str, role: str) -> str:
    return f"{name.strip()}, {role.strip()}" if role.strip() else name.strip()


def mention(answer: ExportableAnswer) -> str:
    """« Réponse préparée avec l'aide de l'outil d'IA rhia (…), relue[, modifiée] et validée par X, rôle, le JJ/MM/AAAA. »

    When another person prepared the answer, the mention names both: « relue et modifiée par A,
    rôle, puis validée par B, rôle, le … ».
    """
    uses = enumerate_fr(answer.ai_uses or DEFAULT_AI_USES)
    validator = _person(answer.validator_name, answer.validator_role)
    date_text = french_date(answer.validated_at)
    agent = answer.agent_name.strip()
    if agent and agent != answer.validator_name.strip():
        review = "relue et modifiée" if answer.edited else "relue"
        people = f"{review} par {_person(agent, answer.agent_role)}, puis validée par {validator}"
    else:
        review = "relue, modifiée et validée" if answer.edited else "relue et validée"
        people = f"{review} par {validator}"
    return f"{MENTION_PREFIX} ({uses}), {people}, le {date_text}."


def ai_use_summary(answer: ExportableAnswer) -> str:
    return enumerate_fr(answer.ai_uses or DEFAULT_AI_USES)


SITUATION_LABEL = "Situation prise en compte"


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
        for number, source in enumerate(answer.sources, 1):
            blocks.append(Block("source", source_line(number, source)))
    if answer.situation.strip():
        blocks.append(Block("meta", f"{SITUATION_LABEL} : {answer.situation.strip()}"))
    blocks.append(Block("mention", mention(answer)))
    if dinum:
        blocks.append(Block("mention", DINUM_WORDING + "."))
    blocks.append(Block("code", f"{CODE_LABEL} : {code}"))
    return blocks


def source_line(number: int, source: ExportSource) -> str:
    """« 2. Titre (F486), partie « Conditions › Durée », mis à jour le 12/03/2020 : URL » (+ its warning)."""
    line = f"{number}. {source.title.strip() or source.document_id} ({source.document_id})"
    if source.section.strip():
        line += f", partie « {source.section.strip()} »"
    if source.updated:
        line += f", mis à jour le {french_date(source.updated)}"
    if source.url:
        line += f"\u00a0: {source.url}"  # no-break space: the colon never starts a line
    if source.note.strip():
        line += f". {source.note.strip()}"
    return line


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
