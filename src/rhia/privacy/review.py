"""Agent review of detections (pure helper, no Django import): parse the review form.

Form fields posted by ``privacy/_entity_review.html``:
- ``remove``: "start:end" of each detection the agent unticks as a false positive (repeatable);
- ``add_span``: "start:end:LABEL" of a passage selected in the text (repeatable, filled by JS);
- ``add_value`` + ``add_label``: an exact value typed by the agent and its label (all its occurrences);
- ``review_text``: the reviewed text (hidden), used when the caller does not pass ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rhia.privacy.entities import Entity

# Labels an agent may add, with their French names (order of the form's select).
REVIEW_LABELS = {
    "PERSON": "Nom de personne",
    "EMAIL": "Courriel",
    "PHONE": "Téléphone",
    "ADDRESS": "Adresse postale",
    "BIRTHDATE": "Date de naissance",
    "NIR": "NIR (n° de sécurité sociale)",
    "NUMEN": "NUMEN",
    "IBAN": "IBAN",
    "SIRET": "SIRET / SIREN",
    "MATRICULE": "Matricule ou identifiant",
    "OTHER": "Autre donnée personnelle",
}
LABEL_NAMES = {**REVIEW_LABELS, "SIREN": "SIREN"}
_SPAN_RE = re.compile(r"^\s*(\d+)\s*[:\-]\s*(\d+)\s*(?::\s*([A-Za-z_]+)\s*)?$")


class ReviewError(ValueError):
    """Invalid review input; the message is French and never contains the personal value."""


def _getlist(post_data, key: str) -> list[str]:
    if hasattr(post_data, "getlist"):
        return [v for v in post_data.getlist(key)]
    value = post_data.get(key, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def _label(raw: str) -> str:
    label = (raw or "").strip().upper()
    if label not in REVIEW_LABELS and label != "SIREN":
        raise ReviewError("Type de donnée inconnu : choisissez un type dans la liste.")
    return label


def _span(raw: str, text: str | None) -> tuple[int, int, str | None]:
    m = _SPAN_RE.match(raw or "")
    if not m:
        raise ReviewError("Sélection invalide : sélectionnez à nouveau le passage dans le texte.")
    start, end = int(m.group(1)), int(m.group(2))
    if start >= end or (text is not None and end > len(text)):
        raise ReviewError("La sélection ne correspond pas au texte : sélectionnez à nouveau le passage.")
    return start, end, m.group(3)


def find_value(text: str, value: str) -> list[tuple[int, int]]:
    """Spans of every occurrence of ``value`` (exact first, then ignoring case and spacing)."""
    value = value.strip()
    if not value:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]
    if spans:
        return spans
    flexible = r"\s+".join(re.escape(part) for part in value.split())
    return [(m.start(), m.end()) for m in re.finditer(flexible, text, flags=re.IGNORECASE)]


def parse_review(
    post_data, text: str | None = None, entities: Iterable[Entity] | None = None
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(added [(start, end, label)], removed [(start, end)]) from the review form.

    ``text`` defaults to the hidden ``review_text`` field; ``entities`` (the detections shown)
    restrict ``removed`` to spans that were actually proposed. Raises ``ReviewError`` (a
    ``ValueError`` with a French message) on bad input, e.g. a typed value absent from the text.
    """
    if text is None:
        posted = post_data.get("review_text")
        text = posted.replace("\r\n", "\n") if isinstance(posted, str) else None
    shown = {(e.start, e.end) for e in entities} if entities is not None else None

    removed: list[tuple[int, int]] = []
    for raw in _getlist(post_data, "remove"):
        if not raw:
            continue
        start, end, _label_unused = _span(raw, text)
        if shown is not None and (start, end) not in shown:
            raise ReviewError("Une détection à retirer ne correspond plus au texte : rechargez la page.")
        if (start, end) not in removed:
            removed.append((start, end))

    added: list[tuple[int, int, str]] = []
    for raw in _getlist(post_data, "add_span"):
        if not raw:
            continue
        start, end, label = _span(raw, text)
        if text is not None and not text[start:end].strip():
            raise ReviewError("La sélection ne contient que des espaces : sélectionnez le passage à masquer.")
        added.append((start, end, _label(label or "OTHER")))

    values = _getlist(post_data, "add_value")
    labels = _getlist(post_data, "add_label")
    for index, value in enumerate(values):
        if not (value or "").strip():
            continue
        label = _label(labels[index] if index < len(labels) else "OTHER")
        if text is None:
            raise ReviewError("Le texte relu est manquant : rechargez la page puis recommencez.")
        spans = find_value(text, value)
        if not spans:
            raise ReviewError(
                "La valeur saisie est introuvable dans le texte : copiez-la exactement telle qu'elle y apparaît."
            )
        added.extend((start, end, label) for start, end in spans)

    unique: list[tuple[int, int, str]] = []
    for item in added:
        if not any(item[0] < other[1] and other[0] < item[1] for other in unique):
            unique.append(item)
    return unique, removed


def segments(text: str, entities: Iterable[Entity]) -> list[dict]:
    """The text cut into plain and entity segments, for highlighting (offsets kept for selection)."""
    out, position = [], 0
    for index, entity in enumerate(sorted(entities, key=lambda e: (e.start, -e.end))):
        if entity.start < position:
            continue
        if entity.start > position:
            out.append({"text": text[position : entity.start], "start": position, "entity": None})
        out.append(
            {
                "text": text[entity.start : entity.end],
                "start": entity.start,
                "end": entity.end,
                "entity": entity,
                "index": index,
                "label_name": LABEL_NAMES.get(entity.label, entity.label),
                "key": f"{entity.start}:{entity.end}",
            }
        )
        position = entity.end
    if position < len(text):
        out.append({"text": text[position:], "start": position, "entity": None})
    return out
