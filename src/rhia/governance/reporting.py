"""Misuse reports: creation (optionally anonymous), follow-up, commission opinion, refusal aggregates."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rhia.accounts.authz import has_perm, structures_for
from rhia.accounts.models import Structure
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.dashboard import indicators as ind
from rhia.governance import report_flow
from rhia.governance.models import MisuseReport, ReportUpdate
from rhia.governance.models.reports import ReportCategory, ReportStatus
from rhia.governance.services import GovernanceError

_CASE_REF = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MIN_DESCRIPTION = 10


@dataclass(frozen=True)
class LinkedRefusal:
    seq: int
    category: str

    @property
    def label(self) -> str:
        return category_label(self.category)


def category_label(category: str) -> str:
    """French label of a forbidden-use category (the policy guard's rules), else the code itself."""
    from rhia.policy.guard import default_ruleset

    return default_ruleset().category_label(category) if category else ""


def reporter_structure(user) -> Structure | None:
    """The structure whose correspondents receive the user's reports."""
    if user.structure_id:
        return user.structure
    assignment = user.role_assignments.select_related("structure").first()
    return assignment.structure if assignment else None


def routing_choices(user) -> list[tuple[int, str]]:
    """Where a report may go: the user's structure, or a higher level (most specific first)."""
    structure = reporter_structure(user)
    if structure is None:
        return []
    return [(s.pk, s.name) for s in reversed(structure.ancestors_and_self())]


def find_refusal(user, seq) -> LinkedRefusal | None:
    """A "policy.refused" journal entry of this user (never someone else's)."""
    try:
        seq = int(seq)
    except (TypeError, ValueError):
        return None
    entry = JournalEntry.objects.filter(seq=seq, action="policy.refused", actor_id=user.pk).first()
    if entry is None:
        return None
    return LinkedRefusal(entry.seq, str((entry.payload or {}).get("category", ""))[:60])


def clean_case_reference(value: str | None) -> str:
    value = (value or "").strip()
    return value if _CASE_REF.match(value) else ""


def own_case_reference(user, value: str | None) -> str:
    """The case reference if it names one of the user's own assistant cases, else ""."""
    reference = clean_case_reference(value)
    if not reference:
        return ""
    from rhia.assistant.models import Case

    return reference if Case.objects.filter(reference=reference, owner=user).exists() else ""


def create_report(
    *,
    user,
    category: str,
    description: str,
    anonymous: bool,
    case_reference: str = "",
    refusal_seq=None,
    structure_id: int | None = None,
) -> MisuseReport:
    """File a report. Anonymous: no user, no case or refusal link (they would point to the person).

    The journal entry "governance.report_created" then has no actor; only the structure and the
    category are kept, and (for a linked refusal) the refusal's category.
    """
    if category not in ReportCategory.values:
        raise GovernanceError("Choisissez une catégorie de signalement.")
    description = description.strip()
    if len(description) < MIN_DESCRIPTION:
        raise GovernanceError("Décrivez le problème en quelques mots (au moins 10 caractères).")
    if len(description) > settings.RHIA_MAX_INPUT_CHARS:
        raise GovernanceError(
            f"La description est trop longue ({len(description)} caractères, maximum {settings.RHIA_MAX_INPUT_CHARS})."
        )
    structure = reporter_structure(user)
    if structure is None:
        raise GovernanceError(
            "Votre compte n'est rattaché à aucune structure : contactez votre administrateur."
        )
    if structure_id not in (None, "", structure.pk):
        # A higher level of the user's own structure (a small service could point to its members).
        wider = {s.pk: s for s in structure.ancestors_and_self()}
        try:
            structure = wider[int(structure_id)]
        except (KeyError, TypeError, ValueError) as error:
            raise GovernanceError("Choisissez votre structure ou l'un de ses niveaux supérieurs.") from error
    refusal = find_refusal(user, refusal_seq) if refusal_seq not in (None, "") else None
    with transaction.atomic():
        report = MisuseReport.objects.create(
            structure=structure,
            category=category,
            description=description,
            anonymous=anonymous,
            reporter=None if anonymous else user,
            case_reference="" if anonymous else own_case_reference(user, case_reference),
            refusal_seq=None if (anonymous or refusal is None) else refusal.seq,
            refusal_category=refusal.category if refusal else "",
        )
        ReportUpdate.objects.create(report=report, status=ReportStatus.RECEIVED)
        record(
            "governance.report_created",
            actor=None if anonymous else user,
            obj=report,
            payload={"category": category},
            structure=structure,
        )
    return report


def handled_reports(user):
    """Reports of the structures (and subtrees) over which ``user`` handles reports."""
    scope = structures_for(user, "governance.handle_reports")
    return MisuseReport.objects.filter(structure__in=scope).select_related("structure", "reporter")


def can_handle(user, report: MisuseReport) -> bool:
    return has_perm(user, "governance.handle_reports", report.structure)


def can_give_opinion(user, report: MisuseReport) -> bool:
    return has_perm(user, "governance.commission", report.structure)


def change_status(
    report: MisuseReport, *, actor, status: str, note: str = "", reply: str | None = None
) -> MisuseReport:
    if not can_handle(actor, report):
        raise GovernanceError("Ce signalement ne relève pas de votre périmètre.")
    with transaction.atomic():
        report = MisuseReport.objects.select_for_update().get(pk=report.pk)
        problem = report_flow.check_status_change(
            report.status, status, has_opinion=bool(report.commission_opinion)
        )
        if problem:
            raise GovernanceError(problem)
        previous = report.status
        report.status = status
        if reply is not None and reply.strip():
            report.reply = reply.strip()
        report.save()
        ReportUpdate.objects.create(report=report, status=status, note=note.strip(), actor=actor)
        record(
            "governance.report_status_changed",
            actor=actor,
            obj=report,
            payload={"from": previous, "to": status},
            structure=report.structure,
        )
    return report


def record_opinion(report: MisuseReport, *, actor, opinion: str, recommendations: str) -> MisuseReport:
    if not can_give_opinion(actor, report):
        raise GovernanceError("Seuls les membres de la commission d'éthique compétente rendent un avis.")
    if not opinion.strip():
        raise GovernanceError("Rédigez l'avis de la commission.")
    with transaction.atomic():
        report = MisuseReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.COMMISSION:
            raise GovernanceError(
                "La commission ne rend un avis que sur un signalement qui lui a été transmis."
            )
        report.commission_opinion = opinion.strip()
        report.commission_recommendations = recommendations.strip()
        report.commission_at = timezone.now()
        report.commission_by = actor
        report.save()
        record(
            "governance.commission_opinion", actor=actor, obj=report, payload={}, structure=report.structure
        )
    return report


@dataclass(frozen=True)
class RefusalTable:
    """Refusals in a scope. Cells follow the dashboard's one suppression rule (people, not entries)."""

    days: int
    rows: list[tuple[str, str, ind.Cell]]  # (structure name, category label, cell)
    by_category: list[tuple[str, ind.Cell]]  # (category label, cell) — the dashboard's own figures


def refusal_counts(user, *, days: int = 90) -> RefusalTable:
    """Refused forbidden-use attempts in the user's scope, per structure and category — never per person.

    A figure behind fewer than 5 people is hidden; within a category, a second structure is hidden when
    only one is, so that the total cannot reveal it (``indicators.suppress_breakdown``).
    """
    scope = dict(structures_for(user, "governance.handle_reports").values_list("pk", "name"))
    since = timezone.now() - timedelta(days=days)
    entries = JournalEntry.objects.filter(
        action="policy.refused", created_at__gte=since, structure_id__in=list(scope)
    ).values_list("action", "actor_id", "structure_id", "created_at", "payload")
    events = [ind.Event(a, actor, sid, at, payload or {}) for a, actor, sid, at, payload in entries]
    by_pair: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for event in events:
        category = str(event.payload.get("category") or "autre")
        by_pair[category][event.structure_id].add(event.actor_id)
        counts[category][event.structure_id] += 1
    rows = []
    for category in sorted(counts):
        people = {sid: len(actors) for sid, actors in by_pair[category].items()}
        cells = ind.suppress_breakdown({sid: n for sid, n in counts[category].items()}, people)
        rows += [(scope[sid], category_label(category), cell) for sid, cell in cells.items()]
    labels = {category: category_label(category) for category in counts}
    return RefusalTable(
        days=days,
        rows=sorted(rows, key=lambda row: (row[0], row[1])),
        by_category=ind.refusals_by_category(events, labels),
    )
