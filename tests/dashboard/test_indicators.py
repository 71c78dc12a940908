"""Small-group suppression and the pure indicators (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rhia.dashboard import indicators as ind
from rhia.dashboard.charts import column_chart
from rhia.dashboard.indicators import Event


@pytest.mark.parametrize(("count", "display"), [(0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (123, "123")])
def test_count_cell(count, display):
    cell = ind.count_cell(count)
    assert cell.display == display
    assert cell.suppressed == (display == "< 5")
    assert cell.value == (None if cell.suppressed else count)


def test_count_of_events_is_suppressed_by_the_people_behind_it():
    assert ind.count_cell(40, people=3).display == "< 5"
    assert ind.count_cell(40, people=5).display == "40"


def test_share_needs_five_people_and_hides_a_small_numerator():
    assert ind.share_cell(1, 4, people=4).display == "< 5"
    assert ind.share_cell(0, 0, people=0).display == "—"
    assert ind.share_cell(3, 10, people=10).display == "30 %"
    assert ind.share_cell(3, 10, people=10, numerator_people=3).display == "< 5"  # would reveal 3 people
    assert ind.share_cell(0, 10, people=10, numerator_people=0).display == "0 %"


def test_median_and_mean():
    assert ind.median_cell([0.2, 0.9, 0.5, 1.0, 0.4], people=5).display == "50 %"
    assert ind.median_cell([0.2, 0.9], people=2).display == "< 5"
    assert ind.median_cell([], people=0).display == "—"
    assert ind.mean_cell([1, 2, 2, 3, 4], people=5).display == "2,4"
    assert ind.mean_cell([1, 2], people=2).suppressed


def test_breakdown_secondary_suppression():
    # A single small part could be recovered from the total: the next smallest part is hidden too.
    cells = ind.suppress_breakdown({"a": 12, "b": 3, "c": 7, "d": 0})
    assert [cells[k].display for k in "abcd"] == ["12", "< 5", "< 5", "0"]
    # Two small parts already protect each other.
    cells = ind.suppress_breakdown({"a": 12, "b": 3, "c": 2})
    assert [cells[k].display for k in "abc"] == ["12", "< 5", "< 5"]
    # Nothing small: everything shown.
    assert {c.display for c in ind.suppress_breakdown({"a": 5, "b": 0, "c": 9}).values()} == {"5", "0", "9"}
    # A whole group under five: every part hidden, zeros included (they would reveal the others).
    assert all(c.suppressed for c in ind.suppress_breakdown({"a": 3, "b": 0}).values())


def test_part_of_a_population_hides_small_parts_and_small_rests():
    assert ind.part_of(3, 20).display == "< 5"
    assert ind.part_of(18, 20).display == "< 5"  # the 2 others would follow by subtraction
    assert ind.part_of(15, 20).display == "15"
    assert ind.part_of(20, 20).display == "20" and ind.part_of(0, 20).display == "0"
    assert ind.part_of(4, 4).display == "< 5"


def test_breakdown_uses_people_not_events():
    cells = ind.suppress_breakdown({"x": 50, "y": 8}, people={"x": 9, "y": 2})
    assert cells["y"].suppressed and cells["x"].suppressed  # y small by people; x hidden as its complement
    cells = ind.suppress_breakdown({"x": 50, "y": 8}, people={"x": 9, "y": 6})
    assert cells["x"].display == "50" and cells["y"].display == "8"


NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a Wednesday


def _event(action, actor, *, days=0, **payload):
    return Event(action, actor, 1, NOW - timedelta(days=days), payload)


def test_adoption_weekly_series_suppresses_weeks_with_few_agents():
    weeks = ind.week_starts(NOW.date(), 3)
    assert weeks == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    events = [_event("assistant.case_created", actor) for actor in range(1, 7)]  # 6 agents this week
    events += [_event("assistant.case_created", 1, days=7) for _ in range(9)]  # one agent, 9 cases last week
    result = ind.adoption(events, population=20, weeks=weeks)
    assert [p.cases.display for p in result.weekly] == ["0", "< 5", "6"]
    assert result.active_agents.display == "6"
    assert result.cases.display == "15"
    assert result.active_share.display == "30 %"
    few = ind.adoption(events, population=8, weeks=weeks)  # 6 of 8: the 2 inactive agents would show
    assert few.active_agents.display == "< 5" and few.active_share.display == "< 5"
    assert result.population.display == "20"


def test_adoption_small_team_hides_everything_but_population():
    events = [_event("assistant.case_created", a) for a in (1, 2, 3)]
    result = ind.adoption(events, population=8, weeks=ind.week_starts(NOW.date(), 1))
    assert result.active_agents.display == "< 5"
    assert result.cases.display == "< 5"
    assert result.active_share.display == "< 5"
    assert result.weekly[0].cases.display == "< 5"


def test_vigilance_unedited_share_and_median():
    events = [
        _event(
            "assistant.exported", a, unedited=(a <= 2), unchanged_share=1.0 if a <= 2 else 0.5, format="docx"
        )
        for a in range(1, 6)
    ]
    events += [
        _event("assistant.validated", a, unchanged_share=s, unedited=s == 1.0)
        for a, s in zip(range(1, 6), [1.0, 0.9, 0.6, 0.4, 0.2], strict=True)
    ]
    result = ind.vigilance(events)
    assert result.exports.display == "5"
    assert result.unedited_share.display == "40 %"
    assert result.median_unchanged.display == "60 %"
    # Four exporting agents only: the signal is hidden, not computed on individuals.
    small = ind.vigilance([e for e in events if e.actor_id != 5])
    assert small.unedited_share.display == "< 5" and small.median_unchanged.display == "< 5"


def test_refusals_per_category_counted_by_people():
    events = [_event("policy.refused", a, category="sante_mentale", channel="case") for a in range(1, 7)]
    events += [_event("policy.refused", 9, category="video_entretien", channel="gateway") for _ in range(10)]
    events += [_event("policy.refused", a, category="relations", channel="case") for a in range(20, 27)]
    rows = dict(ind.refusals_by_category(events, {"sante_mentale": "Santé mentale"}))
    assert rows["video_entretien"].display == "< 5"  # ten refusals, but one person
    assert rows["Santé mentale"].display == "< 5"  # secondary suppression (smallest other part)
    assert rows["relations"].display == "7"


def test_anonymous_actors_never_inflate_a_group():
    events = [_event("policy.refused", None, category="x") for _ in range(8)]
    assert ind.refusals_by_category(events)[0][1].display == "< 5"


def test_reports_by_status_keeps_workflow_order():
    choices = [("recu", "Reçu"), ("en_analyse", "En analyse"), ("clos", "Clos")]
    rows = ind.reports_by_status(["recu"] * 6 + ["en_analyse"] * 5, choices)
    assert rows == [
        ("Reçu", ind.Cell(6, "6")),
        ("En analyse", ind.Cell(5, "5")),
        ("Clos", ind.Cell(0, "0")),
    ]
    rows = dict(ind.reports_by_status(["recu"] * 6 + ["clos"], choices))
    assert rows["Clos"].suppressed and rows["Reçu"].suppressed and rows["En analyse"].display == "0"


def test_training_coverage():
    population = set(range(1, 21))
    result = ind.coverage(
        population,
        basic_completed=set(range(1, 11)) | {99},
        any_completed=set(range(1, 13)),
        assessed=set(range(1, 4)),
    )
    assert result.basic_completed.display == "10" and result.not_trained.display == "10"
    assert result.basic_share.display == "50 %"
    assert result.assessed.display == "< 5"
    assert result.any_training.display == "12"
    # Figures about the same population never let a hidden one be recovered.
    mixed = ind.coverage(set(range(1, 7)), set(range(1, 6)), set(range(1, 6)), set())
    assert {mixed.basic_completed.display, mixed.not_trained.display, mixed.any_training.display} == {"< 5"}
    almost = ind.coverage(population, basic_completed=set(range(1, 19)), any_completed=set(), assessed=set())
    assert almost.not_trained.display == "< 5" and almost.basic_completed.display == "< 5"
    assert almost.basic_share.display == "< 5"


def test_level_distribution():
    rows = ind.level_distribution({"Données": [1, 1, 2, 3, 3, 3, 4], "Éthique": [2, 3]})
    data, ethics = rows
    assert [c.display for c in data.levels] == ["< 5", "< 5", "< 5", "< 5"]  # 2,1,3,1: all small
    assert data.average.display == "2,4" and data.assessed.display == "7"
    assert all(c.suppressed for c in ethics.levels) and ethics.average.suppressed
    big = ind.level_distribution({"C": [1] * 6 + [3] * 5 + [4] * 2})[0]
    assert [c.display for c in big.levels] == ["6", "0", "< 5", "< 5"]
    assert big.to_reinforce.display == "6"


def test_column_chart_escapes_and_marks_suppressed():
    svg = column_chart([("<b>", ind.Cell(3, "3")), ("s2", ind.count_cell(2))], title="Titre & co")
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "Titre &amp; co" in svg
    assert 'class="bar bar--hidden"' in svg and "&lt; 5" in svg
    assert column_chart([], title="x") == ""
