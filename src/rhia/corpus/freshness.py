"""How old a source is, and what may be claimed about it: one place for every page, draft and export.

A source is *stale* when its last update is older than ``settings.RHIA_SOURCE_MAX_AGE_DAYS`` (or
unknown): it then carries a warning and its validation asks for a recorded confirmation. « En vigueur »
is only claimed for texts that carry validity dates (LEGI articles, internal documents given dates);
a service-public fiche only has the date it was last updated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

FAR_FUTURE = dt.date(2999, 1, 1)
STALE_ADVICE = "vérifiez ce texte au regard de la réglementation en vigueur avant de l'utiliser"
# Keys copied from the document into each stored source (a case keeps them with its sources).
DATE_KEYS = ("source_kind", "modified", "valid_from", "valid_to")


def max_age_days() -> int:
    return int(settings.RHIA_SOURCE_MAX_AGE_DAYS)


def french(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Freshness:
    source_kind: str
    modified: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    stale: bool
    age_days: int | None

    @property
    def updated_label(self) -> str:
        """« Fiche mise à jour le 20/10/2020 », « Article … », « Document interne … »."""
        noun = {"service_public": "Fiche mise à jour", "legi": "Texte consolidé le"}.get(
            self.source_kind, "Document mis à jour"
        )
        if self.modified is None:
            return "Date de mise à jour inconnue"
        if self.source_kind == "legi":
            return f"{noun} {french(self.modified)}"
        return f"{noun} le {french(self.modified)}"

    @property
    def in_force_label(self) -> str:
        """Claimed only when the text has validity dates; empty for a fiche."""
        if self.valid_from is None and self.valid_to is None:
            return ""
        label = "En vigueur"
        if self.valid_from:
            label += f" depuis le {french(self.valid_from)}"
        if self.valid_to and self.valid_to < FAR_FUTURE:
            label += f" jusqu'au {french(self.valid_to - dt.timedelta(days=1))}"
        return label

    @property
    def warning(self) -> str:
        if not self.stale:
            return ""
        if self.modified is None:
            return f"Date de mise à jour inconnue : {STALE_ADVICE}."
        return f"Texte mis à jour il y a plus de {max_age_days()} jours : {STALE_ADVICE}."

    @property
    def lines(self) -> list[str]:
        """Date, validity and warning, each as one line."""
        return [line for line in (self.updated_label, self.in_force_label, self.warning) if line]


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def freshness(
    source_kind: str,
    modified,
    valid_from=None,
    valid_to=None,
    *,
    today: dt.date | None = None,
) -> Freshness:
    today = today or timezone.localdate()
    modified, valid_from, valid_to = _date(modified), _date(valid_from), _date(valid_to)
    age = (today - modified).days if modified else None
    return Freshness(
        source_kind=source_kind or "",
        modified=modified,
        valid_from=valid_from,
        valid_to=valid_to,
        stale=age is None or age > max_age_days(),
        age_days=age,
    )


def of_document(document, *, today: dt.date | None = None) -> Freshness:
    return freshness(
        document.source.kind, document.modified, document.valid_from, document.valid_to, today=today
    )


def document_dates(doc_ids: Iterable[str]) -> dict[str, dict]:
    """doc_id -> {source_kind, modified, valid_from, valid_to} (ISO strings), in one query."""
    from rhia.corpus.models import Document

    rows = Document.objects.filter(doc_id__in=set(doc_ids)).values_list(
        "doc_id", "source__kind", "modified", "valid_from", "valid_to"
    )
    return {
        doc_id: {
            "source_kind": kind,
            "modified": modified.isoformat() if modified else "",
            "valid_from": valid_from.isoformat() if valid_from else "",
            "valid_to": valid_to.isoformat() if valid_to else "",
        }
        for doc_id, kind, modified, valid_from, valid_to in rows
    }


def stamp(sources: list[dict]) -> list[dict]:
    """Copy each document's dates into the stored sources that lack them (in place; returns them)."""
    missing = [s for s in sources if "modified" not in s]
    if missing:
        dates = document_dates(s["document_id"] for s in missing)
        for source in missing:
            source.update(dates.get(source["document_id"], {k: "" for k in DATE_KEYS}))
    return sources


def of_source(source: dict, *, today: dt.date | None = None) -> Freshness:
    """Freshness of a stored source (a case's source dict), read from the corpus if not stamped."""
    if "modified" not in source:
        stamp([source])
    return freshness(
        source.get("source_kind", ""),
        source.get("modified"),
        source.get("valid_from"),
        source.get("valid_to"),
        today=today,
    )


def stale_sources(sources: Iterable[dict], *, today: dt.date | None = None) -> list[dict]:
    return [source for source in sources if of_source(source, today=today).stale]


def export_note(source: dict, *, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """(last update, note) of one source for an export line: the note holds the validity (« En vigueur
    depuis le … »), the stale warning and the supersession label, in that order."""
    from rhia.corpus.supersession import source_label

    fresh = of_source(source, today=today)
    parts = [fresh.in_force_label, fresh.warning.rstrip("."), source_label(source)]
    note = ". ".join(part for part in parts if part)
    return fresh.modified, note + "." if note else ""


def notes(sources: Iterable[dict], *, today: dt.date | None = None) -> list[str]:
    """What a draft built on ``sources`` must say: stale texts to check, replaced passages."""
    out: list[str] = []
    for source in sources:
        fresh = of_source(source, today=today)
        name = source.get("document_id", "")
        if source.get("superseded_by"):
            out.append(
                f"{name} : {source['superseded_by'][0].lower()}{source['superseded_by'][1:]} ; "
                "appliquez le texte qui le remplace."
            )
        if fresh.stale:
            out.append(
                f"{name} ({fresh.updated_label[0].lower()}{fresh.updated_label[1:]}) : {fresh.warning[0].lower()}{fresh.warning[1:]}"
            )
    return out
