"""Dashboard indicators (pure Python): aggregates only, groups under MIN_GROUP people suppressed.

Every figure is a ``Cell``. A figure derived from fewer than ``MIN_GROUP`` distinct people (but at
least one) is suppressed and displayed "< 5". Rates and medians are suppressed the same way, according
to the number of people behind them. In a breakdown whose total is shown, a single suppressed part
could be recovered by subtraction, so a second part is suppressed too (secondary suppression); when the
whole group is small, every part is suppressed. Nothing here identifies or scores a person.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

MIN_GROUP = 5
SUPPRESSED = f"< {MIN_GROUP}"
NO_DATA = "—"


@dataclass(frozen=True)
class Cell:
    value: float | int | None  # None when suppressed or without data
    display: str
    suppressed: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None


def _fr_number(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _hidden() -> Cell:
    return Cell(None, SUPPRESSED, True)


def count_cell(count: int, *, people: int | None = None) -> Cell:
    """A count; ``people`` = distinct persons behind it (defaults to the count itself)."""
    group = count if people is None else people
    if 0 < group < MIN_GROUP:
        return _hidden()
    return Cell(count, str(count))


def share_cell(numerator: int, denominator: int, *, people: int, numerator_people: int | None = None) -> Cell:
    """A percentage, shown only when at least MIN_GROUP people stand behind the denominator.

    ``numerator_people``: when the numerator counts people, a share that would reveal a suppressed
    count (1 to 4 people) is suppressed too.
    """
    if denominator == 0 or people == 0:
        return Cell(None, NO_DATA)
    if people < MIN_GROUP or (numerator_people is not None and 0 < numerator_people < MIN_GROUP):
        return _hidden()
    value = 100 * numerator / denominator
    return Cell(round(value, 1), f"{_fr_number(value)} %")


def median_cell(values: list[float], *, people: int, percent: bool = True) -> Cell:
    if not values or people == 0:
        return Cell(None, NO_DATA)
    if people < MIN_GROUP:
        return _hidden()
    value = statistics.median(values)
    if percent:
        return Cell(round(100 * value, 1), f"{_fr_number(100 * value)} %")
    return Cell(round(value, 2), _fr_number(value, 1))


def mean_cell(values: list[int] | list[float], *, people: int) -> Cell:
    if not values or people == 0:
        return Cell(None, NO_DATA)
    if people < MIN_GROUP:
        return _hidden()
    value = sum(values) / len(values)
    return Cell(round(value, 2), _fr_number(value, 1))


def suppress_breakdown(counts: Mapping[str, int], people: Mapping[str, int] | None = None) -> dict[str, Cell]:
    """Cells for the parts of a total (``people``: distinct persons per part, defaults to the counts)."""
    groups = dict(people) if people is not None else dict(counts)
    total_people = sum(groups.values())
    if 0 < total_people < MIN_GROUP:
        return {key: _hidden() for key in counts}
    hidden = {key for key, group in groups.items() if 0 < group < MIN_GROUP}
    if len(hidden) == 1:
        others = sorted((groups[key], key) for key in counts if key not in hidden and groups.get(key, 0) > 0)
        if others:
            hidden.add(others[0][1])
    return {key: (_hidden() if key in hidden else Cell(count, str(count))) for key, count in counts.items()}


def part_of(count: int, population: int) -> Cell:
    """People among a shown population: hidden when they, or the rest of the population, are 1 to 4
    (the rest could otherwise be recovered by subtraction)."""
    return suppress_breakdown({"part": count, "rest": max(population - count, 0)})["part"]


# ------------------------------------------------------------------ journal-based indicators


@dataclass(frozen=True)
class Event:
    action: str
    actor_id: int | None
    structure_id: int | None
    at: datetime
    payload: Mapping[str, Any]


def _people(events: Iterable[Event]) -> int:
    """Distinct persons; entries without an actor count together as one (never inflating a group)."""
    actors = {e.actor_id for e in events}
    return len(actors - {None}) + (1 if None in actors else 0)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_starts(today: date, weeks: int) -> list[date]:
    last = week_start(today)
    return [last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


@dataclass(frozen=True)
class WeekPoint:
    week: date
    cases: Cell


@dataclass(frozen=True)
class Adoption:
    population: Cell
    active_agents: Cell
    active_share: Cell
    cases: Cell
    weekly: list[WeekPoint]


def adoption(events: list[Event], *, population: int, weeks: list[date], local_date=None) -> Adoption:
    """Active agents (created at least one case) and cases per week (shown when ≥ 5 agents that week)."""
    to_date = local_date or (lambda moment: moment.date())
    cases = [e for e in events if e.action == "assistant.case_created"]
    active = _people(cases)
    by_week: dict[date, list[Event]] = defaultdict(list)
    for event in cases:
        by_week[week_start(to_date(event.at))].append(event)
    weekly = [
        WeekPoint(w, count_cell(len(by_week.get(w, [])), people=_people(by_week.get(w, [])))) for w in weeks
    ]
    return Adoption(
        population=count_cell(population),
        active_agents=part_of(active, population) if population >= active else count_cell(active),
        active_share=Cell(None, NO_DATA)
        if population < active
        else (
            _hidden()
            if part_of(active, population).suppressed
            else share_cell(active, population, people=population)
        ),
        cases=count_cell(len(cases), people=active),
        weekly=weekly,
    )


@dataclass(frozen=True)
class Vigilance:
    """The "asleep at the wheel" signal: answers exported exactly as the AI drafted them."""

    exports: Cell
    unedited_share: Cell
    validations: Cell
    median_unchanged: Cell


def vigilance(events: list[Event]) -> Vigilance:
    exports = [e for e in events if e.action == "assistant.exported"]
    validations = [e for e in events if e.action == "assistant.validated"]
    unedited = sum(1 for e in exports if e.payload.get("unedited") is True)
    shares = [
        float(e.payload["unchanged_share"])
        for e in validations
        if isinstance(e.payload.get("unchanged_share"), int | float)
    ]
    export_people, validation_people = _people(exports), _people(validations)
    return Vigilance(
        exports=count_cell(len(exports), people=export_people),
        unedited_share=share_cell(unedited, len(exports), people=export_people),
        validations=count_cell(len(validations), people=validation_people),
        median_unchanged=median_cell(shares, people=validation_people),
    )


def refusals_by_category(
    events: list[Event], labels: Mapping[str, str] | None = None
) -> list[tuple[str, Cell]]:
    """Refused forbidden-use attempts per category (each category needs ≥ 5 distinct people)."""
    by_category: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.action == "policy.refused":
            by_category[str(event.payload.get("category") or "autre")].append(event)
    counts = {key: len(items) for key, items in by_category.items()}
    people = {key: _people(items) for key, items in by_category.items()}
    cells = suppress_breakdown(counts, people)
    names = labels or {}
    return sorted(
        ((names.get(key, key), cell) for key, cell in cells.items()),
        key=lambda item: (-(item[1].value or 0), item[0]),
    )


# ------------------------------------------------------------------ reports and training


def reports_by_status(statuses: list[str], choices: list[tuple[str, str]]) -> list[tuple[str, Cell]]:
    """Reports per status, in the workflow order of ``choices``; a report stands for one person."""
    counts = {value: 0 for value, _label in choices}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    cells = suppress_breakdown(counts)
    labels = dict(choices)
    return [(labels.get(value, value), cells[value]) for value in counts]


@dataclass(frozen=True)
class Coverage:
    population: Cell
    basic_completed: Cell
    basic_share: Cell
    not_trained: Cell
    any_training: Cell
    assessed: Cell


def coverage(
    population: set[int], basic_completed: set[int], any_completed: set[int], assessed: set[int]
) -> Coverage:
    done = basic_completed & population
    not_trained = population - done
    parts = suppress_breakdown({"done": len(done), "not": len(not_trained)})
    return Coverage(
        population=count_cell(len(population)),
        basic_completed=parts["done"],
        basic_share=_hidden()
        if parts["done"].suppressed
        else share_cell(len(done), len(population), people=len(population)),
        not_trained=parts["not"],
        any_training=part_of(len(any_completed & population), len(population)),
        assessed=part_of(len(assessed & population), len(population)),
    )


@dataclass(frozen=True)
class LevelRow:
    competence: str
    assessed: Cell
    levels: list[Cell]  # levels 1..4
    average: Cell
    to_reinforce: Cell


def level_distribution(levels: Mapping[str, list[int]]) -> list[LevelRow]:
    """Per competence: how many people at each self-assessed level (latest assessment only)."""
    rows = []
    for competence, values in levels.items():
        counts = {str(level): values.count(level) for level in (1, 2, 3, 4)}
        cells = suppress_breakdown(counts)
        people = len(values)
        reinforce = suppress_breakdown(
            {"weak": sum(1 for v in values if v <= 2), "ok": sum(1 for v in values if v > 2)}
        )
        rows.append(
            LevelRow(
                competence=competence,
                assessed=count_cell(people),
                levels=[cells[str(level)] for level in (1, 2, 3, 4)],
                average=mean_cell(values, people=people),
                to_reinforce=reinforce["weak"],
            )
        )
    return rows


# ------------------------------------------------------------------ bias checks


@dataclass(frozen=True)
class BiasStage:
    """Texts checked at one stage (AI drafts, or final texts at validation) and the share with findings."""

    texts: Cell
    with_findings: Cell
    by_category: list[tuple[str, Cell]]


def bias_stage(events: list[Event], action: str, labels: Mapping[str, str]) -> BiasStage:
    """Shares of texts with bias findings, from the ``bias`` summaries the journal keeps (no text)."""
    stage = [e for e in events if e.action == action and isinstance(e.payload.get("bias"), Mapping)]
    people = _people(stage)
    texts = sum(int(e.payload["bias"].get("texts") or 0) for e in stage)
    flagged = sum(int(e.payload["bias"].get("with_findings") or 0) for e in stage)
    per_category = {
        key: sum(int((e.payload["bias"].get("categories") or {}).get(key) or 0) for e in stage)
        for key in labels
    }
    return BiasStage(
        texts=count_cell(texts, people=people),
        with_findings=share_cell(flagged, texts, people=people),
        by_category=[
            (label, share_cell(per_category[key], texts, people=people)) for key, label in labels.items()
        ],
    )
