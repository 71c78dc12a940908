"""Use-case lifecycle: apply a step with its evidence, update the register, journal it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from rhia.accounts.authz import has_perm
from rhia.audit.journal import record
from rhia.governance.lifecycle_flow import (
    LABELS,
    PERMISSION_FOR,
    TRANSITIONS,
    Evidence,
    State,
    check_transition,
    register_status_after,
    state_from_register_status,
)
from rhia.governance.models import LifecycleStep
from rhia.policy.models import UseCase
from rhia.transitions import TransitionRefused

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_EXTENSIONS = (".pdf", ".docx", ".odt", ".txt", ".md", ".png", ".jpg", ".jpeg")


def current_state(use_case: UseCase) -> State:
    last = use_case.lifecycle_steps.order_by("-seq").first()
    return State(last.to_state) if last else state_from_register_status(use_case.status)


@dataclass(frozen=True)
class NextStep:
    state: State
    label: str
    permitted: bool


def next_steps(use_case: UseCase, user) -> list[NextStep]:
    state = current_state(use_case)
    return [NextStep(s, LABELS[s], has_perm(user, PERMISSION_FOR[s])) for s in TRANSITIONS[state]]


def _check_file(upload: UploadedFile | None) -> dict[str, str]:
    if upload is None:
        return {}
    name = upload.name.lower()
    if not name.endswith(EVIDENCE_EXTENSIONS):
        return {"evidence_file": "Format non accepté : joignez un PDF, DOCX, ODT, texte ou image."}
    if upload.size > MAX_EVIDENCE_BYTES:
        return {"evidence_file": "Le fichier dépasse 10 Mo."}
    return {}


def advance(
    use_case: UseCase, target: State | str, evidence: Evidence, *, actor, upload: UploadedFile | None = None
) -> LifecycleStep:
    """Move ``use_case`` to ``target`` if it is the next step, with its evidence; update the register.

    The order is checked here (pure ``check_transition``), and again by the database: the check
    constraint lists the allowed (from, to) pairs and (use_case, seq) is unique, so two concurrent
    steps from the same state cannot both be recorded.
    """
    target = State(target)
    permission = PERMISSION_FOR[target]
    if not has_perm(actor, permission):
        raise TransitionRefused({"__all__": "Vous n'avez pas le rôle requis pour enregistrer cette étape."})
    evidence.has_file = upload is not None
    file_errors = _check_file(upload)
    try:
        with transaction.atomic():
            use_case = UseCase.objects.select_for_update().get(pk=use_case.pk)
            last = use_case.lifecycle_steps.order_by("-seq").first()
            if last is None:
                baseline = state_from_register_status(use_case.status)
                last = LifecycleStep.objects.create(
                    use_case=use_case,
                    seq=1,
                    from_state="",
                    to_state=baseline,
                    evidence_text="État repris du registre des cas d'usage ; les étapes antérieures à rhia ne sont pas documentées ici.",
                    actor_name="rhia",
                )
            current = State(last.to_state)
            check = check_transition(
                current, target, evidence, category=use_case.category, today=timezone.localdate()
            )
            errors = {**check.errors, **file_errors}
            if errors:
                raise TransitionRefused(errors)
            step = LifecycleStep(
                use_case=use_case,
                seq=last.seq + 1,
                from_state=current,
                to_state=target,
                evidence_text=evidence.text.strip(),
                occurred_on=evidence.occurred_on,
                instance=evidence.instance.strip(),
                next_review_on=evidence.next_review_on,
                dpia_outcome=evidence.dpia_outcome if target == State.DPIA else "",
                actor=actor,
                actor_name=actor.display_name,
            )
            if upload is not None:
                step.evidence_filename = upload.name[-200:]
                step.evidence_file.save(upload.name, upload, save=False)
            step.save(force_insert=True)
            _update_register(use_case, step, actor)
            record(
                "governance.lifecycle_step",
                actor=actor,
                obj=use_case,
                payload={
                    "use_case": use_case.slug,
                    "from": str(current),
                    "to": str(target),
                    "step": step.seq,
                },
            )
    except IntegrityError as error:
        raise TransitionRefused(
            {"__all__": "Une autre étape vient d'être enregistrée pour ce cas d'usage : rechargez la page."}
        ) from error
    return step


def _update_register(use_case: UseCase, step: LifecycleStep, actor) -> None:
    target = State(step.to_state)
    fields = ["status"]
    use_case.status = register_status_after(target, use_case.status)
    if target == State.DPIA:
        use_case.dpia_status = "realisee" if step.dpia_outcome == "realisee" else "non_requise"
        fields.append("dpia_status")
    elif target == State.STAFF_CONSULTATION:
        use_case.staff_rep_informed_on = step.occurred_on
        fields.append("staff_rep_informed_on")
    elif target == State.DIRECTION_VALIDATION:
        use_case.direction_validated_by = actor
        # The documented date of the decision when given, else the moment it is recorded.
        use_case.direction_validated_at = (
            timezone.make_aware(datetime.combine(step.occurred_on, time(12)))
            if step.occurred_on
            else step.created_at
        )
        fields += ["direction_validated_by", "direction_validated_at"]
    if step.next_review_on:
        use_case.review_date = step.next_review_on
        fields.append("review_date")
    use_case.save(update_fields=fields)
