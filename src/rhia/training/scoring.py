"""Self-assessment scoring (pure Python).

Each statement is answered on a four-step agreement scale (0 = « pas du tout » .. 3 = « tout à fait »).
A competence's score is the mean answer as a percentage; its level (1..4) is the mean rounded half up,
plus one. Levels 1 and 2 are "to reinforce" in the training plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

MAX_ANSWER = 3
ANSWER_CHOICES: list[tuple[int, str]] = [
    (0, "Pas du tout"),
    (1, "Un peu"),
    (2, "Plutôt oui"),
    (3, "Tout à fait"),
]
LEVEL_LABELS: dict[int, str] = {
    1: "Découverte",
    2: "Pratique guidée",
    3: "Autonomie",
    4: "Expertise",
}
REINFORCE_AT_OR_BELOW = 2


def score_answers(values: Iterable[int]) -> tuple[int, int]:
    """(score out of 100, level 1..4) for the answers of one competence."""
    answers = list(values)
    if not answers:
        raise ValueError("no answers for this competence")
    if any(not 0 <= value <= MAX_ANSWER for value in answers):
        raise ValueError("answer out of scale")
    mean = Decimal(sum(answers)) / Decimal(len(answers))
    score = int((mean * 100 / MAX_ANSWER).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    level = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP)) + 1
    return score, level


def needs_reinforcement(level: int) -> bool:
    return level <= REINFORCE_AT_OR_BELOW


def weak_competences(levels: dict[int, int]) -> set[int]:
    """Competence ids whose self-assessed level calls for reinforcement."""
    return {competence for competence, level in levels.items() if needs_reinforcement(level)}


def recommended(*, is_basic: bool, covered: set[int], weak: set[int], engaged: bool) -> bool:
    """A training is recommended to a person who is not already enrolled in it or done with it, when it
    is the basic module or covers a competence they need to reinforce. The agent's catalogue and the
    training plan both ask this."""
    return not engaged and (is_basic or bool(covered & weak))
