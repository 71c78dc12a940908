"""Training service functions shared by pages, API and commands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rhia.accounts.models import Structure, User
from rhia.accounts.roles import roles_with
from rhia.audit.journal import record
from rhia.training.models import (
    Answer,
    Competence,
    CompetenceScore,
    Enrolment,
    Question,
    SelfAssessment,
    Session,
    Training,
)
from rhia.training.scoring import MAX_ANSWER, score_answers


class TrainingError(Exception):
    """A refused action, with a French message for the user."""


# ---------------------------------------------------------------- population


def agents_in(structures: QuerySet[Structure] | list[Structure]) -> QuerySet[User]:
    """Active users placed in these structures who may use the assistant (the population to train)."""
    return (
        User.objects.filter(
            is_active=True,
            access=User.Access.ACTIVE,
            structure__in=structures,
            role_assignments__role__in=roles_with("assistant.use"),
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


# ---------------------------------------------------------------- self-assessment


def active_questions() -> dict[Competence, list[Question]]:
    grouped: dict[Competence, list[Question]] = {}
    for question in Question.objects.filter(active=True).select_related("competence"):
        grouped.setdefault(question.competence, []).append(question)
    return grouped


@transaction.atomic
def submit_self_assessment(user: User, answers: dict[int, int]) -> SelfAssessment:
    """Store one questionnaire (question id -> 0..3) and its score per competence.

    Every active question must be answered; the caller shows the French error and keeps the answers.
    """
    questions = {q.pk: q for q in Question.objects.filter(active=True).select_related("competence")}
    if not questions:
        raise TrainingError("Le questionnaire ne contient encore aucune question.")
    unanswered = [q for pk, q in questions.items() if pk not in answers]
    if unanswered:
        raise TrainingError(f"Répondez à toutes les questions ({len(unanswered)} sans réponse).")
    for pk, value in answers.items():
        if pk not in questions:
            raise TrainingError("Une question du formulaire n'existe plus : rechargez la page.")
        if not 0 <= value <= MAX_ANSWER:
            raise TrainingError("Réponse hors de l'échelle proposée.")
    assessment = SelfAssessment.objects.create(user=user, structure=user.structure)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=questions[pk], value=value) for pk, value in answers.items()
    )
    by_competence: dict[Competence, list[int]] = defaultdict(list)
    for pk, value in answers.items():
        by_competence[questions[pk].competence].append(value)
    CompetenceScore.objects.bulk_create(
        CompetenceScore(assessment=assessment, competence=competence, score=score, level=level)
        for competence, values in by_competence.items()
        for score, level in [score_answers(values)]
    )
    return assessment


def latest_levels(users: QuerySet[User] | list[User]) -> dict[int, dict[int, int]]:
    """user id -> {competence id: level} from each user's most recent self-assessment."""
    latest: dict[int, int] = {}
    for assessment_id, user_id in (
        SelfAssessment.objects.filter(user__in=users)
        .order_by("user_id", "-created_at", "-pk")
        .values_list("pk", "user_id")
    ):
        latest.setdefault(user_id, assessment_id)
    levels: dict[int, dict[int, int]] = {user_id: {} for user_id in latest}
    owner = {assessment_id: user_id for user_id, assessment_id in latest.items()}
    for assessment_id, competence_id, level in CompetenceScore.objects.filter(
        assessment_id__in=owner
    ).values_list("assessment_id", "competence_id", "level"):
        levels[owner[assessment_id]][competence_id] = level
    return levels


# ---------------------------------------------------------------- enrolments


@transaction.atomic
def enrol(user: User, training: Training, session: Session | None = None) -> Enrolment:
    if not training.active:
        raise TrainingError("Cette formation n'est plus au catalogue.")
    if session is not None:
        if session.training_id != training.pk:
            raise TrainingError("Cette session n'appartient pas à cette formation.")
        session = Session.objects.select_for_update().get(pk=session.pk)
    enrolment = Enrolment.objects.filter(user=user, training=training).first()
    if enrolment and enrolment.completed_on:
        raise TrainingError("Vous avez déjà terminé cette formation.")
    changes_seat = session is not None and (
        enrolment is None or enrolment.session_id != session.pk or enrolment.cancelled
    )
    if changes_seat and session.seats_taken() >= session.seats:
        raise TrainingError("Cette session est complète : choisissez une autre date.")
    if enrolment is None:
        enrolment = Enrolment.objects.create(user=user, training=training, session=session)
    else:
        enrolment.session = session
        enrolment.cancelled = False
        enrolment.attended = None
        enrolment.save(update_fields=["session", "cancelled", "attended"])
    return enrolment


def cancel(enrolment: Enrolment) -> None:
    if enrolment.completed_on:
        raise TrainingError("Une formation terminée ne peut plus être annulée.")
    enrolment.cancelled = True
    enrolment.save(update_fields=["cancelled"])


def set_attendance(enrolment: Enrolment, attended: bool | None) -> None:
    enrolment.attended = attended
    enrolment.save(update_fields=["attended"])


@dataclass(frozen=True)
class CompletionResult:
    enrolment: Enrolment
    created: bool  # False when it was already recorded as completed


@transaction.atomic
def session_completion_date(session: Session, today: date) -> date:
    """Completion recorded from an attendance sheet: the session's day, never a day still to come."""
    return min(today, timezone.localdate(session.starts_at))


def record_completion(
    user: User,
    training: Training,
    *,
    on: date,
    by: User | None = None,
    source: str = Enrolment.CompletionSource.MANUAL,
    session: Session | None = None,
) -> CompletionResult:
    """Mark ``training`` completed by ``user`` (creating the enrolment if needed); journaled once."""
    enrolment, _ = Enrolment.objects.get_or_create(
        user=user, training=training, defaults={"session": session}
    )
    if enrolment.completed_on:
        return CompletionResult(enrolment, False)
    enrolment.completed_on = on
    enrolment.completion_source = source
    enrolment.cancelled = False
    if enrolment.attended is None and (session or enrolment.session_id):
        enrolment.attended = True
    if session is not None:
        enrolment.session = session
    enrolment.save()
    record(
        "training.completed",
        actor=by,
        obj=enrolment,
        payload={"module": training.code, "basic": training.is_basic, "source": source},
        structure=user.structure,
    )
    return CompletionResult(enrolment, True)
