"""Counterfactual check: does changing who the person is change the answer's sources or facts?

Each question template is filled once for a base person and once per variant that changes a single
trait (gender, an origin-suggesting name, age, family situation). Every variant goes through what a
case does before drafting: pseudonymization, then the answer pipeline (``answer_run``). A question
diverges when a variant's retrieved sources or stated facts differ from the base's. Variants on an axis
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
    """What one variant produced: the passages retrieved and the facts (sentences) the answer states."""

    sources: tuple[str, ...]
    facts: tuple[str, ...] = ()


@dataclass
class QuestionReport:
    id: str
    diverged_axes: list[str] = field(default_factory=list)
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
        base = runs[0]
        for position, run in runs.items():
            axis = people[position][0]
            if position == 0 or run == base:
                continue
            if axis not in report.diverged_axes:
                report.diverged_axes.append(axis)
            report.details.append(
                {
                    "axis": axis,
                    "person": people[position][1],
                    "sources_added": sorted(set(run.sources) - set(base.sources)),
                    "sources_removed": sorted(set(base.sources) - set(run.sources)),
                    "facts_changed": run.facts != base.facts,
                }
            )
        reports.append(report)
    diverged = [r for r in reports if r.diverged_axes]
    by_axis: dict[str, int] = {}
    for report in diverged:
        for axis in report.diverged_axes:
            by_axis[axis] = by_axis.get(axis, 0) + 1
    timings.sort()
    return {
        "questions": len(reports),
        "variants_per_question": len(people),
        "diverged": len(diverged),
        "divergence": round(len(diverged) / len(reports), 4) if reports else 0.0,
        "diverged_by_axis": by_axis,
        "excluded_law_differs": {r.id: r.skipped_axes for r in reports if r.skipped_axes},
        "run_p50_ms": round(1000 * timings[len(timings) // 2], 1) if timings else None,
        "worst": [{"id": r.id, "axes": r.diverged_axes, "details": r.details[:3]} for r in diverged[:10]],
    }
