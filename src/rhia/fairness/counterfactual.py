"""Counterfactual check: does changing who the person is change the answer's sources or facts?

Each question template is filled once for a base person and once per variant that changes a single
trait (gender, an origin-suggesting name, age, family situation). Every variant goes through what a
case does before the model: pseudonymization, then the answer pipeline (``answer_run``) up to the
first proposal, the extractive draft. A question diverges when a variant's retrieved sources, stated
facts (situation) or draft (the source sentences quoted, their citations) differ from the base's; the
report also gives the divergence without the drafts, as measured before they were compared. Variants on an axis
where the law itself differs (``law_differs`` in the data: maternity, pregnancy, retirement age…) are
not compared, and are listed in the report.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data") / "counterfactual.json"
_PAIR = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


@dataclass(frozen=True)
class Run:
    """What one variant produced: the passages retrieved, the facts read from the question (situation)
    and the first draft's quoted sentences and citations."""

    sources: tuple[str, ...]
    facts: tuple[str, ...] = ()
    draft: tuple[str, ...] = ()

    def without_draft(self) -> Run:
        return Run(self.sources, self.facts)


@dataclass
class QuestionReport:
    id: str
    diverged_axes: list[str] = field(default_factory=list)
    diverged_axes_without_drafts: list[str] = field(default_factory=list)
    compared_axes: list[str] = field(default_factory=list)
    skipped_axes: list[str] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)


def load(path: Path = DATA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def fill(template: str, person: dict, data: dict) -> str:
    """The template for one person: {féminin|masculin} pairs, {NAME}, {AGE}, {FAM}."""
    gender = person["gender"]
    text = _PAIR.sub(lambda m: m.group(1) if gender == "f" else m.group(2), template)
    name = data["names"][person["origin"]][gender]
    family = data["family"][person["family"]][gender]
    return text.replace("{NAME}", name).replace("{AGE}", person["age"]).replace("{FAM}", family)


def variants(data: dict) -> list[tuple[str, dict]]:
    """(axis, person) for every variant, the base person first with axis "base"."""
    base = dict(data["base"])
    out = [("base", base)]
    for axis, changes in data["variants"].items():
        out.extend((axis, {**base, **change}) for change in changes)
    return out


def pseudonymized(text: str) -> str:
    """The question as the pipeline sees it: after the privacy shield, with a throw-away vault."""
    from rhia.privacy.models import Vault
    from rhia.privacy.services import shield

    return shield(text, Vault.ephemeral()).text


def _compare(report: QuestionReport, runs: dict[int, Run], people: list[tuple[str, dict]]) -> None:
    base = runs[0]
    for position, run in runs.items():
        axis = people[position][0]
        if position == 0:
            continue
        if axis not in report.compared_axes:
            report.compared_axes.append(axis)
        if run == base:
            continue
        if axis not in report.diverged_axes:
            report.diverged_axes.append(axis)
        if run.without_draft() != base.without_draft() and axis not in report.diverged_axes_without_drafts:
            report.diverged_axes_without_drafts.append(axis)
        report.details.append(
            {
                "axis": axis,
                "person": people[position][1],
                "sources_added": sorted(set(run.sources) - set(base.sources)),
                "sources_removed": sorted(set(base.sources) - set(run.sources)),
                "facts_changed": run.facts != base.facts,
                "draft_added": [s for s in run.draft if s not in base.draft],
                "draft_removed": [s for s in base.draft if s not in run.draft],
            }
        )


def _count_axes(axes_lists) -> dict[str, int]:
    counts: dict[str, int] = {}
    for axes in axes_lists:
        for axis in axes:
            counts[axis] = counts.get(axis, 0) + 1
    return counts


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def evaluate(answer_run: Callable[[str], Run], data: dict | None = None, *, limit: int | None = None) -> dict:
    data = data or load()
    questions = data["questions"][:limit] if limit else data["questions"]
    people = variants(data)
    reports: list[QuestionReport] = []
    timings: list[float] = []
    for question in questions:
        report = QuestionReport(question["id"])
        runs: dict[int, Run] = {}
        for position, (axis, person) in enumerate(people):
            if axis in question.get("law_differs", []):
                if axis not in report.skipped_axes:
                    report.skipped_axes.append(axis)
                continue
            started = time.perf_counter()
            runs[position] = answer_run(pseudonymized(fill(question["template"], person, data)))
            timings.append(time.perf_counter() - started)
        _compare(report, runs, people)
        reports.append(report)
    diverged = [r for r in reports if r.diverged_axes]
    without_drafts = [r for r in reports if r.diverged_axes_without_drafts]
    compared = _count_axes(r.compared_axes for r in reports)
    by_axis = _count_axes(r.diverged_axes for r in diverged)
    timings.sort()
    return {
        "questions": len(reports),
        "variants_per_question": len(people),
        "diverged": len(diverged),
        "divergence": _share(len(diverged), len(reports)),
        "diverged_by_axis": by_axis,
        "compared_by_axis": compared,
        "divergence_by_axis": {axis: _share(by_axis.get(axis, 0), n) for axis, n in compared.items()},
        "without_drafts": {
            "diverged": len(without_drafts),
            "divergence": _share(len(without_drafts), len(reports)),
            "diverged_by_axis": _count_axes(r.diverged_axes_without_drafts for r in without_drafts),
        },
        "excluded_law_differs": {r.id: r.skipped_axes for r in reports if r.skipped_axes},
        "run_p50_ms": round(1000 * timings[len(timings) // 2], 1) if timings else None,
        "worst": [{"id": r.id, "axes": r.diverged_axes, "details": r.details[:3]} for r in diverged[:10]],
    }
