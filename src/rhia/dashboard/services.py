"""Loads the journal, reports and training records for a structure subtree and feeds the pure indicators.

Case and refusal figures come from the journal only (actions "assistant.case_created",
"assistant.validated", "assistant.exported", "policy.refused"), so the dashboard does not depend on
the case models.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from django.utils import timezone

from rhia.accounts.authz import structure_in_scope, structures_for
from rhia.accounts.models import Structure, User
from rhia.audit.models import JournalEntry
from rhia.dashboard import indicators as ind
from rhia.fairness.checker import CATEGORIES
from rhia.training.models import Competence, Enrolment, SelfAssessment
from rhia.training.services import agents_in, latest_levels

ACTIONS = (
    "assistant.case_created",
    "assistant.drafts_generated",
    "assistant.validated",
    "assistant.exported",
    "policy.refused",
)
PERIODS = {
    4: "4 dernières semaines",
    12: "12 dernières semaines",
    26: "6 derniers mois",
    52: "12 derniers mois",
}
DEFAULT_WEEKS = 12


@dataclass
class Dashboard:
    root: Structure
    weeks: int
    since: date
    adoption: ind.Adoption
    vigilance: ind.Vigilance
    refusals: list[tuple[str, ind.Cell]]
    reports: list[tuple[str, ind.Cell]] | None  # None when the governance app has no report model
    coverage: ind.Coverage
    levels: list[ind.LevelRow]
    substructures: list[tuple[str, ind.Adoption, ind.Coverage]]
    bias_drafts: ind.BiasStage
    bias_final: ind.BiasStage
    bias_by_structure: list[tuple[str, ind.Cell, ind.Cell]]

    @property
    def bias_rows(self) -> list[tuple[str, ind.Cell, ind.Cell]]:
        """Per category: (label, share among AI drafts, share among validated texts)."""
        finals = dict(self.bias_final.by_category)
        return [(label, cell, finals[label]) for label, cell in self.bias_drafts.by_category]


def scope(user: User):
    return structures_for(user, "dashboard.view")


def select_root(user: User, structure_id: str | int | None) -> Structure | None:
    return structure_in_scope(user, "dashboard.view", structure_id)


def _refusal_labels() -> dict[str, str]:
    try:
        from rhia.policy.guard import shipped_rules

        return {key: meta.get("label", key) for key, meta in shipped_rules().get("categories", {}).items()}
    except (ImportError, OSError, ValueError, AttributeError):
        return {}


def _events(structure_ids: list[int], since: datetime) -> list[ind.Event]:
    rows = JournalEntry.objects.filter(
        action__in=ACTIONS, structure_id__in=structure_ids, created_at__gte=since
    ).values_list("action", "actor_id", "structure_id", "created_at", "payload")
    return [ind.Event(a, actor, structure, at, payload or {}) for a, actor, structure, at, payload in rows]


def _reports(structure_ids: list[int], since: datetime):
    try:
        from rhia.governance.models import MisuseReport
        from rhia.governance.models.reports import ReportStatus
    except ImportError:
        return None
    statuses = list(
        MisuseReport.objects.filter(structure_id__in=structure_ids, created_at__gte=since).values_list(
            "status", flat=True
        )
    )
    return ind.reports_by_status(statuses, list(ReportStatus.choices))


def _training_sets(agents: list[User]) -> tuple[set[int], set[int], set[int]]:
    """(completed the basic module, completed any training, self-assessed) among ``agents``."""
    population = [a.pk for a in agents]
    completed = Enrolment.objects.filter(user_id__in=population, completed_on__isnull=False)
    basic = set(completed.filter(training__is_basic=True).values_list("user_id", flat=True))
    any_done = set(completed.values_list("user_id", flat=True))
    assessed = set(SelfAssessment.objects.filter(user_id__in=population).values_list("user_id", flat=True))
    return basic, any_done, assessed


def build(root: Structure, *, weeks: int = DEFAULT_WEEKS, today: date | None = None) -> Dashboard:
    weeks = weeks if weeks in PERIODS else DEFAULT_WEEKS
    today = today or timezone.localdate()
    week_list = ind.week_starts(today, weeks)
    since = timezone.make_aware(datetime.combine(week_list[0], time.min))
    subtree = list(root.subtree())
    ids = [s.pk for s in subtree]
    events = _events(ids, since)
    agents = list(agents_in(subtree))

    def local_date(moment: datetime) -> date:
        return timezone.localtime(moment).date()

    basic, any_done, assessed = _training_sets(agents)
    coverage = ind.coverage({a.pk for a in agents}, basic, any_done, assessed)
    levels = latest_levels(agents)
    names = {c.pk: c.name for c in Competence.objects.all()}
    per_competence = {name: [lv[cid] for lv in levels.values() if cid in lv] for cid, name in names.items()}

    substructures = []
    bias_by_structure = []
    for child in root.children.all().order_by("name"):
        child_ids = set(child.subtree().values_list("pk", flat=True))
        child_agents = [a for a in agents if a.structure_id in child_ids]
        child_events = [e for e in events if e.structure_id in child_ids]
        child_coverage = ind.coverage({a.pk for a in child_agents}, basic, any_done, assessed)
        substructures.append(
            (
                child.name,
                ind.adoption(
                    child_events, population=len(child_agents), weeks=week_list, local_date=local_date
                ),
                child_coverage,
            )
        )
        bias_by_structure.append(
            (
                child.name,
                ind.bias_stage(child_events, "assistant.drafts_generated", CATEGORIES).with_findings,
                ind.bias_stage(child_events, "assistant.validated", CATEGORIES).with_findings,
            )
        )
    return Dashboard(
        root=root,
        weeks=weeks,
        since=week_list[0],
        adoption=ind.adoption(events, population=len(agents), weeks=week_list, local_date=local_date),
        vigilance=ind.vigilance(events),
        refusals=ind.refusals_by_category(events, _refusal_labels()),
        reports=_reports(ids, since),
        coverage=coverage,
        levels=ind.level_distribution(per_competence),
        substructures=substructures,
        bias_drafts=ind.bias_stage(events, "assistant.drafts_generated", CATEGORIES),
        bias_final=ind.bias_stage(events, "assistant.validated", CATEGORIES),
        bias_by_structure=bias_by_structure,
    )


def to_csv(board: Dashboard) -> str:
    """Every figure of the page, suppressed ones as "< 5" (UTF-8 with BOM, semicolons)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Indicateur", "Détail", "Valeur"])
    period = f"depuis le {board.since:%d/%m/%Y} ({board.weeks} semaines)"
    writer.writerow(["Périmètre", board.root.name, period])
    a, v, c = board.adoption, board.vigilance, board.coverage
    for label, cell in [
        ("Agents concernés", a.population),
        ("Agents actifs", a.active_agents),
        ("Part d'agents actifs", a.active_share),
        ("Dossiers créés", a.cases),
    ]:
        writer.writerow(["Adoption", label, cell.display])
    for point in a.weekly:
        writer.writerow(["Dossiers par semaine", f"semaine du {point.week:%d/%m/%Y}", point.cases.display])
    for label, cell in [
        ("Réponses exportées", v.exports),
        ("Part exportée sans aucune modification", v.unedited_share),
        ("Réponses validées", v.validations),
        ("Part médiane de texte inchangé", v.median_unchanged),
    ]:
        writer.writerow(["Vigilance", label, cell.display])
    for label, cell in board.refusals:
        writer.writerow(["Refus par catégorie", label, cell.display])
    for label, cell in board.reports or []:
        writer.writerow(["Signalements par statut", label, cell.display])
    for label, cell in [
        ("Agents concernés", c.population),
        ("Module socle suivi", c.basic_completed),
        ("Taux de couverture du module socle", c.basic_share),
        ("Agents pas encore formés", c.not_trained),
        ("Agents ayant suivi au moins une formation", c.any_training),
        ("Agents ayant fait leur auto-positionnement", c.assessed),
    ]:
        writer.writerow(["Formation", label, cell.display])
    for row in board.levels:
        for level, cell in enumerate(row.levels, start=1):
            writer.writerow(["Auto-positionnement", f"{row.competence} — niveau {level}", cell.display])
        writer.writerow(["Auto-positionnement", f"{row.competence} — niveau moyen", row.average.display])
    for stage, bias in (("Propositions de l'IA", board.bias_drafts), ("Textes validés", board.bias_final)):
        writer.writerow(["Biais", f"{stage} — textes vérifiés", bias.texts.display])
        writer.writerow(["Biais", f"{stage} — part avec un point de vigilance", bias.with_findings.display])
        for label, cell in bias.by_category:
            writer.writerow(["Biais", f"{stage} — {label}", cell.display])
    for name, drafts, final in board.bias_by_structure:
        writer.writerow(
            ["Biais par structure", f"{name} — propositions avec un point de vigilance", drafts.display]
        )
        writer.writerow(
            ["Biais par structure", f"{name} — textes validés avec un point de vigilance", final.display]
        )
    for name, adoption, coverage in board.substructures:
        writer.writerow(["Par structure", f"{name} — agents actifs", adoption.active_agents.display])
        writer.writerow(["Par structure", f"{name} — dossiers", adoption.cases.display])
        writer.writerow(["Par structure", f"{name} — pas encore formés", coverage.not_trained.display])
    return out.getvalue()


def as_dict(board: Dashboard) -> dict:
    """JSON-ready form of every figure (the same cells as the page and the CSV)."""

    def pairs(rows):
        return [{"label": label, **asdict(cell)} for label, cell in rows or []]

    return {
        "structure": {"id": board.root.pk, "name": board.root.name},
        "since": board.since.isoformat(),
        "weeks": board.weeks,
        "min_group": ind.MIN_GROUP,
        "adoption": {
            "population": asdict(board.adoption.population),
            "active_agents": asdict(board.adoption.active_agents),
            "active_share": asdict(board.adoption.active_share),
            "cases": asdict(board.adoption.cases),
            "weekly": [{"week": p.week.isoformat(), **asdict(p.cases)} for p in board.adoption.weekly],
        },
        "vigilance": {key: asdict(value) for key, value in vars(board.vigilance).items()},
        "refusals": pairs(board.refusals),
        "reports": None if board.reports is None else pairs(board.reports),
        "training": {key: asdict(value) for key, value in vars(board.coverage).items()},
        "bias": {
            stage: {
                "texts": asdict(bias.texts),
                "with_findings": asdict(bias.with_findings),
                "by_category": pairs(bias.by_category),
            }
            for stage, bias in (("drafts", board.bias_drafts), ("final", board.bias_final))
        },
        "bias_by_structure": [
            {"structure": name, "drafts": asdict(drafts), "final": asdict(final)}
            for name, drafts, final in board.bias_by_structure
        ],
        "levels": [
            {
                "competence": row.competence,
                "assessed": asdict(row.assessed),
                "levels": [asdict(cell) for cell in row.levels],
                "average": asdict(row.average),
                "to_reinforce": asdict(row.to_reinforce),
            }
            for row in board.levels
        ],
    }


def period_weeks(raw: str | None) -> int:
    try:
        value = int(raw or DEFAULT_WEEKS)
    except ValueError:
        return DEFAULT_WEEKS
    return value if value in PERIODS else DEFAULT_WEEKS
