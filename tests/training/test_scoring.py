"""Self-assessment scoring (pure)."""

from __future__ import annotations

import pytest

from rhia.training.scoring import needs_reinforcement, score_answers


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([0, 0, 0], (0, 1)),
        ([3, 3, 3], (100, 4)),
        ([1, 2], (50, 3)),  # mean 1.5 rounds half up -> level 3
        ([1, 1, 2], (44, 2)),
    ],
)
def test_score_and_level(answers, expected):
    assert score_answers(answers) == expected


def test_level_boundaries():
    assert score_answers([2, 2, 3]) == (78, 3)
    assert score_answers([0, 1]) == (17, 2)


def test_rejects_empty_and_out_of_scale():
    with pytest.raises(ValueError):
        score_answers([])
    with pytest.raises(ValueError):
        score_answers([4])


def test_reinforcement_threshold():
    assert needs_reinforcement(1) and needs_reinforcement(2)
    assert not needs_reinforcement(3)


def test_one_recommendation_rule_for_the_catalogue_and_the_plan():
    from rhia.training.scoring import recommended, weak_competences

    weak = weak_competences({1: 1, 2: 4, 3: 2})
    assert weak == {1, 3}
    assert recommended(is_basic=False, covered={3}, weak=weak, engaged=False)
    assert not recommended(is_basic=False, covered={2}, weak=weak, engaged=False)
    assert recommended(is_basic=True, covered=set(), weak=set(), engaged=False)
    assert not recommended(is_basic=True, covered={1}, weak=weak, engaged=True)
