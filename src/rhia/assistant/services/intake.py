"""Opening a case: input checks, text extraction, the usage guard first, then pseudonymization."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from rhia.assistant import states
from rhia.assistant.models import Case
from rhia.assistant.services.access import ensure_access
from rhia.assistant.services.errors import CaseError
from rhia.assistant.services.shielding import apply_shield, shield_case_text, shield_label
from rhia.audit.journal import record


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


@dataclass
class Intake:
    """What the agent handed in, extracted: body text, (filename, text) attachments, warnings."""

    body: str
    attachments: list[tuple[str, str]]
    kind: str
    subject: str
    warnings: list[str]

    def full_text(self) -> str:
        parts = [self.body.strip()]
        for filename, text in self.attachments:
            # "_" read as a space: names and numbers joined in a file name are then detected
            parts.append(f"--- Pièce jointe : {filename.replace('_', ' ')} ---\n{text.strip()}")
        return "\n\n".join(part for part in parts if part)

    @property
    def total_chars(self) -> int:
        return len(self.body) + sum(len(text) for _name, text in self.attachments)


def max_chars() -> int:
    return int(settings.RHIA_MAX_INPUT_CHARS)


def read_input(text: str = "", upload: Upload | None = None) -> Intake:
    """Extract and check the input, or raise ``CaseError`` (French) — before anything is stored."""
    from rhia.extraction import ExtractionError, extract

    body, attachments, kind, subject, warnings = (text or "").strip(), [], "text", "", []
    if upload is not None and (upload.content or upload.filename):
        try:
            extracted = extract(upload.filename, upload.content, max_chars=max_chars())
        except ExtractionError as error:
            raise CaseError(error.message, code="input") from error
        kind = extracted.kind
        subject = extracted.title or ""
        file_text = extracted.text.strip()
        body = f"{body}\n\n{file_text}".strip() if body else file_text
        attachments = [(name, content) for name, content in extracted.all_texts() if content.strip()]
        warnings = list(extracted.warnings) + [
            f"Pièce jointe « {rejected.filename} » non reprise : {rejected.reason}"
            for rejected in extracted.rejected
        ]
    intake = Intake(body=body, attachments=attachments, kind=kind, subject=subject, warnings=warnings)
    if not intake.full_text().strip():
        raise CaseError(
            "La demande est vide : collez le texte de la question ou du courriel, ou joignez un fichier.",
            code="input",
        )
    if intake.total_chars > max_chars():
        raise CaseError(
            f"La demande est trop longue ({intake.total_chars:,} caractères, pièces jointes comprises) : la limite "
            f"est de {max_chars():,} caractères. Ne gardez que la question et les passages utiles.".replace(
                ",", " "
            ),
            code="input",
        )
    return intake


def resolve_use_case(use_case):
    """The chosen use case if an agent may select it; the operational one when none is given."""
    from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

    if use_case is None or use_case == "":
        use_case = OPERATIONAL_USE_CASE
    if not isinstance(use_case, UseCase):
        found = UseCase.objects.filter(slug=str(use_case)).first()
        if found is None:
            raise CaseError(f"Cas d'usage inconnu : « {use_case} ».", code="use_case")
        use_case = found
    if not use_case.is_selectable:
        reason = (
            "est interdit"
            if use_case.category == "interdit"
            else "n'est pas ouvert (ni en pilote, ni généralisé)"
        )
        raise CaseError(
            f"Le cas d'usage « {use_case.name} » {reason} : il ne peut pas être choisi.", code="use_case"
        )
    return use_case


_SUBJECT = re.compile(r"^\s*(objet|subject)\s*:\s*(.+)$", re.IGNORECASE)


def _title(question: str, subject: str) -> str:
    """A short, pseudonymized title: the e-mail subject or an "Objet :" line, else empty.

    Never the first line of the text: it holds what the agent may mask later (a school, a name), and
    the title goes into export metadata; without a subject, exports say "Réponse à votre demande du …".
    """
    lines = [line.strip() for line in question.splitlines() if line.strip()]
    first = (subject or "").strip()
    if not first:
        first = next((m.group(2) for m in map(_SUBJECT.match, lines) if m), "")
    return first[:120] + ("…" if len(first) > 120 else "")


def open_case(
    user,
    *,
    text: str = "",
    upload: Upload | None = None,
    use_case=None,
    idempotency_key: str = "",
) -> Case:
    """Create a case from the agent's input. A forbidden use gives an abandoned case with its refusal.

    The usage guard runs before anything else; nothing is sent to a model here. The same
    ``idempotency_key`` from the same user returns the case already created (double submissions).
    """
    from rhia.policy.services import enforce

    ensure_access(user)
    key = (idempotency_key or "").strip()[:64]
    if key:
        existing = Case.objects.filter(owner=user, idempotency_key=key).first()
        if existing is not None:
            return existing
    chosen = resolve_use_case(use_case)
    intake = read_input(text, upload)
    # The subject line is part of what the agent asked; the body already holds any uploaded e-mail thread.
    turns = (
        [("subject", intake.subject), ("body", intake.body)] if intake.subject else [("body", intake.body)]
    )
    decision = enforce(messages=turns, attachments=intake.attachments, actor=user, channel="case")
    try:
        with transaction.atomic():
            case = Case.objects.create(
                owner=user,
                structure=getattr(user, "structure", None),
                use_case=chosen,
                idempotency_key=key,
                source_kind=intake.kind,
            )
            case.reference = f"RHIA-{case.created_at:%Y}-{case.pk:06d}"
            result = shield_case_text(case, intake.full_text())
            apply_shield(case, result)
            # nothing raw beside the vault: file names, warnings and subject are pseudonymized too
            case.attachment_names = [shield_label(case, name) for name, _text in intake.attachments]
            case.intake_warnings = [shield_label(case, warning) for warning in intake.warnings]
            subject = shield_label(case, intake.subject) if intake.subject else ""
            case.title = _title(case.question, subject)
            if not decision.allowed:
                case.status, case.stage = states.ABANDONED, states.DONE
                case.refusal = {
                    "category": decision.category,
                    "rule_id": decision.rule_id,
                    "use_case": decision.use_case_slug,
                    "charter_article": decision.charter_article,
                    "reason": decision.reason,
                    "user_reason": decision.user_reason,
                    "clarification": decision.clarification,
                    "layer": decision.layer,
                    "journal_seq": getattr(decision, "journal_seq", None),
                }
            case.save()
            record(
                "assistant.case_created",
                actor=user,
                obj=case,
                payload={
                    "use_case": chosen.slug,
                    "data_class": case.data_class,
                    "refused": not decision.allowed,
                },
                structure=case.structure,
            )
    except IntegrityError:
        existing = Case.objects.filter(owner=user, idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return existing
    return case
