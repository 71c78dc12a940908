"""Export a validated answer with its three labelling layers, and verify a file against the records.

``export_answer(answer, fmt)`` and ``verify_file(name, content)`` are the contracts other apps call;
the view, the API endpoint and the ``rhia provenance`` command wrap them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import UTC, date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from rhia.extraction import ExtractionError, extract
from rhia.extraction.sniff import sniff
from rhia.folding import fold_words
from rhia.provenance import render
from rhia.provenance.answer import FORMATS, ExportableAnswer, ExportResult, VerifyResult
from rhia.provenance.fingerprint import find_code, fingerprint
from rhia.provenance.labels import ai_use_summary, layout, mention
from rhia.provenance.metadata import (
    custom_properties_xml,
    header_items,
    properties,
    read_metadata,
    xmp_packet,
)
from rhia.provenance.models import ExportRecord, new_code

__all__ = [
    "ExportResult",
    "ExportableAnswer",
    "VerifyResult",
    "export_answer",
    "verify_and_journal",
    "verify_file",
]


class ExportError(ValueError):
    """A request that cannot produce an export; ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _aware(value: datetime | date) -> datetime:
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(12, 0))
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_words(text, ascii_only=True)).strip("-")[:60] or "reponse"


def _one_line(value: str) -> str:
    return " ".join(str(value or "").split())


def _check(answer: ExportableAnswer, fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(
            f"Format d'export inconnu : « {fmt} ». Formats possibles : DOCX, PDF, courriel (.eml)."
        )
    if not answer.final_text.strip():
        raise ExportError("La réponse validée est vide : il n'y a rien à exporter.")
    if not answer.validator_name.strip() or answer.validated_at is None:
        raise ExportError("La réponse n'a pas été validée : l'export n'est possible qu'après validation.")
    if not answer.case_reference.strip():
        raise ExportError("La référence du dossier manque : l'export est impossible.")


def export_answer(
    answer: ExportableAnswer, fmt: str, *, actor: Any = None, dinum: bool = False
) -> ExportResult:
    """Render ``answer`` as ``fmt`` (docx, pdf, eml) with the mention and metadata, and record it.

    ``dinum=True`` adds the DINUM wording for documents leaving the administration.
    Raises ``ExportError`` (French ``message``) for an empty or unvalidated answer.
    """
    _check(answer, fmt)
    validated_at = timezone.localtime(_aware(answer.validated_at))  # the mention's date is the local one
    answer = dataclasses.replace(answer, validated_at=validated_at)
    code = _unused_code()
    blocks = layout(answer, code, dinum=dinum)
    values = {key: _one_line(value) for key, value in properties(answer, code).items()}
    values["validated_at"] = validated_at.isoformat(timespec="seconds")
    visible_mention = mention(answer)
    core = {
        "title": _one_line(answer.title) or "Réponse",
        "subject": f"Dossier {_one_line(answer.case_reference)}",
        "author": _one_line(answer.validator_name),
        "comments": visible_mention,
        "keywords": f"rhia; IA; {code}",
        "date": timezone.now(),
    }
    if fmt == "docx":
        core["date"] = (
            core["date"].astimezone(UTC).replace(tzinfo=None)
        )  # OOXML core dates are UTC, naive here
        content = render.render_docx(blocks, core=core, custom_xml=custom_properties_xml(values))
    elif fmt == "pdf":
        content = render.render_pdf(
            blocks, core=core, xmp=xmp_packet(values, title=core["title"], description=visible_mention)
        )
    else:
        content = render.render_eml(
            blocks, subject=core["title"], headers=header_items(values), date=timezone.now()
        )
    document_text = "\n\n".join(block.text for block in blocks)
    # the reference only: a title may name the person, and file names travel (mail, shares, records)
    filename = f"{_slug(answer.case_reference)}-reponse.{fmt}"
    sha256 = hashlib.sha256(content).hexdigest()
    record = ExportRecord.objects.create(
        code=code,
        format=fmt,
        filename=filename[:200],
        size=len(content),
        sha256=sha256,
        text_fingerprint=fingerprint(document_text),
        body_fingerprint=fingerprint(answer.final_text),
        case_reference=_one_line(answer.case_reference)[:64],
        validator_name=_one_line(answer.validator_name)[:200],
        validator_role=_one_line(answer.validator_role)[:200],
        validated_at=validated_at,
        agent_name=_one_line(answer.agent_name)[:200],
        ai_use=ai_use_summary(answer)[:500],
        edited=answer.edited,
        unchanged_share=float(answer.unchanged_share),
        drafts_count=int(answer.drafts_count),
        provider=_one_line(answer.provider)[:200],
        model=_one_line(answer.model)[:200],
        sources=[source.as_dict() for source in answer.sources],
        mention=visible_mention,
        dinum_label=dinum,
        exported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return ExportResult(filename=filename, content=content, sha256=sha256, record=record)


def _unused_code() -> str:
    for _ in range(10):
        code = new_code()
        if not ExportRecord.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not draw an unused verification code")  # 1 in 2**400 with a sane table


# --- Verification -----------------------------------------------------------------------------


def _document_text(kind: str, extracted) -> str:
    if kind == "eml":  # the subject is the title; the body holds everything else
        return "\n\n".join([extracted.title, *(section.text for section in extracted.sections)])
    return extracted.text


def verify_file(name: str, content: bytes) -> VerifyResult:
    """Say whether a file is an rhia export: exact, same_text, modified or unknown.

    Checks, in order: the SHA-256 of the file; the fingerprint of its normalised text (a re-saved or
    converted copy, even without metadata); the rhia metadata or the printed verification code (a copy
    whose text was changed). Never stores the content.
    """
    sha256 = hashlib.sha256(content).hexdigest()
    details: dict[str, Any] = {"filename": name, "sha256": sha256, "size": len(content)}
    record = ExportRecord.objects.filter(sha256=sha256).first()
    if record is not None:
        return VerifyResult("exact", record, {**details, "matched_by": "sha256"})
    kind = sniff(name, content)
    details["kind"] = kind
    metadata = read_metadata(kind, content)
    if metadata:
        details["metadata"] = metadata
    text = ""
    try:
        extracted = extract(name, content, max_chars=0)
        text = _document_text(extracted.kind, extracted)
    except ExtractionError as error:
        details["extraction_error"] = error.message
    printed_code = find_code(text)
    codes = [code for code in (metadata.get("record"), printed_code) if code]
    print_fp = fingerprint(text) if text else ""
    if print_fp:
        details["text_fingerprint"] = print_fp
        candidates = list(ExportRecord.objects.filter(text_fingerprint=print_fp)[:50]) or list(
            ExportRecord.objects.filter(body_fingerprint=print_fp)[:50]
        )
        if candidates:
            chosen = next((candidate for candidate in candidates if candidate.code in codes), candidates[0])
            return VerifyResult(
                "same_text", chosen, {**details, "matched_by": "text", "matching_records": len(candidates)}
            )
    if codes:
        record = ExportRecord.objects.filter(code__in=codes).first()
        if record is not None:
            origin = "metadata" if metadata.get("record") == record.code else "printed_code"
            return VerifyResult("modified", record, {**details, "matched_by": origin})
        details["note"] = (
            "Le fichier porte un code de vérification rhia, mais aucun export correspondant n'est "
            "enregistré sur ce serveur (autre instance de rhia, ou code altéré)."
        )
    elif metadata.get("tool") == "rhia":
        details["note"] = (
            "Le fichier porte des métadonnées rhia, mais aucun export correspondant n'est enregistré."
        )
    return VerifyResult("unknown", None, details)


def verify_and_journal(name: str, content: bytes, *, actor: Any = None, channel: str = "web") -> VerifyResult:
    """``verify_file`` plus a journal entry "provenance.verified" (status, code, format; never the content)."""
    from rhia.audit.journal import record as journal

    result = verify_file(name, content)
    with transaction.atomic():
        journal(
            "provenance.verified",
            actor=actor,
            obj=result.record,
            payload={
                "status": result.status,
                "record": result.record.code if result.record is not None else None,
                "kind": result.details.get("kind", result.record.format if result.record else ""),
                "matched_by": result.details.get("matched_by"),
                "sha256": result.details["sha256"],
                "channel": channel,
            },
        )
    return result


def verify_code(code: str, *, actor: Any = None, channel: str = "web") -> VerifyResult:
    """Look up the verification code printed on a (paper) copy; journals "provenance.verified"."""
    from rhia.audit.journal import record as journal

    code = code.strip().upper()
    record = ExportRecord.objects.filter(code=code).first()
    details: dict[str, Any] = {"code": code, "matched_by": "code" if record else None}
    if record is None:
        result = VerifyResult("unknown", None, details)
    else:
        details["note"] = (
            "La référence existe : comparez le texte de votre exemplaire à celui du dossier pour "
            "savoir s'il a été modifié (ou déposez le fichier)."
        )
        result = VerifyResult("code_found", record, details)
    with transaction.atomic():
        journal(
            "provenance.verified",
            actor=actor,
            obj=record,
            payload={
                "status": result.status,
                "record": record.code if record else None,
                "kind": "code",
                "channel": channel,
            },
        )
    return result
