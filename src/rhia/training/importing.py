"""Apply a parsed attendance/completion CSV: every line resolved first, then all recorded or none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from rhia.accounts.models import User
from rhia.training import csv_import
from rhia.training.models import Enrolment, Training
from rhia.training.services import record_completion


@dataclass
class ImportReport:
    completed: int = 0
    already_completed: int = 0
    attendance: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (
            f"{self.completed} formation(s) validée(s), {self.already_completed} déjà validée(s), "
            f"{self.attendance} présence(s) ou absence(s) enregistrée(s)."
        )


def import_completions(text: str, *, by: User, scope, today: date) -> ImportReport:
    """``scope``: the structures whose people ``by`` may manage (a queryset of Structure)."""
    parsed = csv_import.parse(text, today=today)
    report = ImportReport(errors=list(parsed.errors))
    identifiers = {line.identifier.lower() for line in parsed.lines}
    users: dict[str, User] = {}
    ambiguous: set[str] = set()
    for user in User.objects.filter(
        Q(username__in=[i for i in identifiers]) | Q(email__in=[i for i in identifiers if "@" in i])
    ).select_related("structure"):
        for key in {user.username.lower(), (user.email or "").lower()} - {""}:
            if key in identifiers:
                if key in users and users[key].pk != user.pk:
                    ambiguous.add(key)
                users[key] = user
    # Case-insensitive usernames: a second pass for identifiers typed with other capitals.
    for identifier in identifiers - set(users):
        match = list(User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))[:2])
        if len(match) == 1:
            users[identifier] = match[0]
        elif len(match) > 1:
            ambiguous.add(identifier)
    trainings = {t.code.lower(): t for t in Training.objects.all()}
    scope_ids = set(scope.values_list("pk", flat=True))

    resolved: list[tuple[csv_import.ImportLine, User, Training]] = []
    for line in parsed.lines:
        key = line.identifier.lower()
        user, training = users.get(key), trainings.get(line.training.lower())
        problems = []
        if key in ambiguous:
            problems.append(f"identifiant « {line.identifier} » ambigu (plusieurs comptes)")
        elif user is None:
            problems.append(f"aucun compte « {line.identifier} »")
        elif user.structure_id not in scope_ids:
            problems.append(f"« {line.identifier} » n'est pas dans votre périmètre")
        if training is None:
            problems.append(f"formation « {line.training} » absente du catalogue")
        if problems:
            report.errors.append(f"Ligne {line.line} : {' ; '.join(problems)}.")
        else:
            resolved.append((line, user, training))  # type: ignore[arg-type]
    if report.errors:
        return report
    with transaction.atomic():
        for line, user, training in resolved:
            if line.status == "completed":
                result = record_completion(
                    user, training, on=line.on, by=by, source=Enrolment.CompletionSource.IMPORT
                )
                if result.created:
                    report.completed += 1
                else:
                    report.already_completed += 1
            else:
                enrolment, _ = Enrolment.objects.get_or_create(user=user, training=training)
                enrolment.attended = line.status == "present"
                enrolment.save(update_fields=["attended"])
                report.attendance += 1
    return report
