"""Import parsed documents into the corpus, with a task record for progress and per-file errors.

Re-importing updates only documents whose content hash changed; a bad file is recorded (name and
French reason) and never stops the rest of the import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rhia.corpus.links import web_url
from rhia.corpus.models import Document, ImportTask, Passage, Source
from rhia.corpus.parsing.records import ParsedDocument, ParseError

MAX_RECORDED_ERRORS = 200


@dataclass
class ImportItem:
    """One file to import: its name (for error messages) and how to parse it."""

    name: str
    load: Callable[[], ParsedDocument]


SOURCES = {
    Source.Kind.SERVICE_PUBLIC: ("service-public", "Fiches service-public.fr (vos droits et démarches)"),
    Source.Kind.LEGI: ("legi", "Légifrance — articles LEGI"),
    Source.Kind.UPLOAD: ("documents-internes", "Documents internes"),
}


def get_source(kind: str) -> Source:
    slug, name = SOURCES[Source.Kind(kind)]
    source, _ = Source.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
    return source


def store(source: Source, parsed: ParsedDocument, *, owner: str = "") -> str:
    """Create or update one document and its passages; returns "created", "updated" or "unchanged"."""
    from rhia.search.indexing import index_passages

    digest = parsed.content_hash()
    existing = Document.objects.filter(doc_id=parsed.doc_id).first()
    if existing is not None and existing.content_hash == digest and existing.source_id == source.id:
        return "unchanged"
    fields = {
        "source": source,
        "title": parsed.title[:500],
        "url": web_url(parsed.url)[:500],
        "kind": parsed.kind[:80],
        "theme": parsed.theme[:500],
        "audience": parsed.audience,
        "state": parsed.state,
        "valid_from": parsed.valid_from,
        "valid_to": parsed.valid_to,
        # An uploaded document is dated by its deposit (the day its content last changed here).
        "modified": parsed.modified or (timezone.localdate() if source.kind == Source.Kind.UPLOAD else None),
        "content_hash": digest,
        "owner": owner[:200],
    }
    with transaction.atomic():
        if existing is None:
            document = Document.objects.create(doc_id=parsed.doc_id, **fields)
            outcome = "created"
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            existing.passages.all().delete()
            document, outcome = existing, "updated"
        passages = Passage.objects.bulk_create(
            [
                Passage(
                    document=document,
                    position=position,
                    section_path=" > ".join(section.path)[:1000],
                    text=section.text,
                    audience=section.audience or parsed.audience,
                    versants=" ".join(
                        section.versants or [v for v in [section.audience or parsed.audience] if v]
                    ),
                    statuts=" ".join(section.statuts),
                    valid_from=parsed.valid_from,
                    valid_to=parsed.valid_to,
                )
                for position, section in enumerate(parsed.passages())
            ]
        )
        if passages and passages[0].pk is None:  # backends without RETURNING
            passages = list(document.passages.order_by("position"))
        index_passages(passages, document.title)
    return outcome


def run_import(
    source: Source,
    items: Iterable[ImportItem],
    *,
    total: int,
    label: str,
    task: ImportTask | None = None,
    keep: Callable[[ParsedDocument], bool] | None = None,
    progress: Callable[[ImportTask], None] | None = None,
    owner: str = "",
    user=None,
) -> ImportTask:
    """Import ``items`` into ``source``, updating ``task`` (created if None) as it goes."""
    if task is None:
        task = ImportTask.objects.create(source=source, label=label, total=total, created_by=user)
    task.source, task.total, task.status, task.started_at = (
        source,
        total,
        ImportTask.Status.RUNNING,
        timezone.now(),
    )
    task.save()
    try:
        for item in items:
            try:
                parsed = item.load()
                if keep is not None and not keep(parsed):
                    task.skipped += 1
                else:
                    outcome = store(source, parsed, owner=owner)
                    setattr(task, outcome, getattr(task, outcome) + 1)
            except ParseError as error:
                _fail(task, item.name, error.message)
            except Exception as error:  # noqa: BLE001 — one bad file never aborts the import
                message = getattr(error, "message", None) or f"erreur inattendue ({type(error).__name__})"
                _fail(task, item.name, message)
            task.processed += 1
            if task.processed % 25 == 0 or task.processed == total:
                task.save()
            if progress:
                progress(task)
    except Exception as error:  # the listing itself failed (unreadable archive...)
        task.status = ImportTask.Status.FAILED
        task.message = (getattr(error, "message", None) or f"Import interrompu : {error}")[:500]
    else:
        task.status = ImportTask.Status.DONE
        task.message = summary(task)
    task.finished_at = timezone.now()
    task.save()
    source.last_import_at = task.finished_at
    source.save(update_fields=["last_import_at"])
    return task


def _fail(task: ImportTask, name: str, message: str) -> None:
    task.failed += 1
    if len(task.errors) < MAX_RECORDED_ERRORS:
        task.errors = [*task.errors, {"file": name, "message": message}]


def summary(task: ImportTask) -> str:
    parts = [f"{task.created} nouveau(x)", f"{task.updated} modifié(s)", f"{task.unchanged} inchangé(s)"]
    if task.skipped:
        parts.append(f"{task.skipped} hors périmètre")
    parts.append(f"{task.failed} en erreur")
    return ", ".join(parts) + "."
