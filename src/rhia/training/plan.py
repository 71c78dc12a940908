"""Training-plan synthesis for one structure and everything below it.

Competences to reinforce come from each agent's latest self-assessment (levels 1-2). People to enrol:
for the basic module, every agent who has not completed it and is not enrolled; for another training,
the agents who need one of the competences it covers and are neither enrolled nor done. Names are for
the training service only (the plan page and its exports); dashboards use counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rhia.accounts.models import Structure
from rhia.training.models import Competence, Enrolment, Training
from rhia.training.scoring import needs_reinforcement, recommended, weak_competences
from rhia.training.services import agents_in, latest_levels


@dataclass(frozen=True)
class CompetenceNeed:
    name: str
    assessed: int
    to_reinforce: int
    average_level: float | None


@dataclass(frozen=True)
class Person:
    name: str
    username: str
    structure: str
    structure_id: int | None = None


@dataclass
class TrainingNeed:
    code: str
    title: str
    is_basic: bool
    url: str
    people: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.people)


@dataclass
class Plan:
    structure: str
    generated_on: date
    population: int
    not_assessed: int
    competences: list[CompetenceNeed]
    trainings: list[TrainingNeed]
    # (structure name, {training code: people to enrol})
    per_structure: list[tuple[str, dict[str, int]]]


def build_plan(root: Structure, *, today: date) -> Plan:
    structures = list(root.subtree())
    names = {s.pk: s.name for s in structures}
    agents = list(agents_in(structures))
    levels = latest_levels(agents)
    competences = list(Competence.objects.all())
    competence_needs = []
    for competence in competences:
        values = [lv[competence.pk] for lv in levels.values() if competence.pk in lv]
        competence_needs.append(
            CompetenceNeed(
                name=competence.name,
                assessed=len(values),
                to_reinforce=sum(1 for v in values if needs_reinforcement(v)),
                average_level=round(sum(values) / len(values), 1) if values else None,
            )
        )
    engaged: dict[int, set[int]] = {}  # training id -> user ids enrolled (not cancelled) or done
    for enrolment in Enrolment.objects.filter(user__in=agents).only(
        "training_id", "user_id", "cancelled", "completed_on"
    ):
        if enrolment.engaged:
            engaged.setdefault(enrolment.training_id, set()).add(enrolment.user_id)
    training_needs = []
    for training in Training.objects.filter(active=True).prefetch_related("competences"):
        covered = {c.pk for c in training.competences.all()}
        need = TrainingNeed(training.code, training.title, training.is_basic, training.url)
        for agent in agents:
            if recommended(
                is_basic=training.is_basic,
                covered=covered,
                weak=weak_competences(levels.get(agent.pk, {})),
                engaged=agent.pk in engaged.get(training.pk, set()),
            ):
                need.people.append(
                    Person(
                        agent.display_name,
                        agent.username,
                        names.get(agent.structure_id, ""),
                        agent.structure_id,
                    )
                )
        training_needs.append(need)
    per_structure = []
    for structure in structures:
        counts = {
            need.code: sum(1 for p in need.people if p.structure_id == structure.pk)
            for need in training_needs
        }
        if any(counts.values()):
            per_structure.append((structure.name, counts))
    return Plan(
        structure=root.name,
        generated_on=today,
        population=len(agents),
        not_assessed=sum(1 for a in agents if a.pk not in levels),
        competences=competence_needs,
        trainings=training_needs,
        per_structure=per_structure,
    )
