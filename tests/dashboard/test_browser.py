"""The dashboard in a real browser: charts drawn in the page, small groups masked."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.audit.journal import record


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_renders_charts_and_masks(
    browser_login, make_user, structures, screenshot, grant_assistant_access, make_agents
):
    agents = make_agents(6)
    for agent in agents[:5]:
        grant_assistant_access(agent)
    for index, agent in enumerate(agents):
        record("assistant.case_created", actor=agent, payload={"use_case": "x", "data_class": "personal"})
        record(
            "assistant.exported",
            actor=agent,
            payload={"format": "pdf", "unedited": index < 2, "unchanged_share": 0.5},
        )
        record(
            "assistant.validated", actor=agent, payload={"unchanged_share": 0.1 * index, "unedited": False}
        )
    record(
        "policy.refused",
        actor=agents[0],
        payload={"category": "sante_mentale", "rule": "r", "use_case": "x", "channel": "case"},
    )
    page = browser_login(make_user(Role.DPO.value, structure="ministry"))
    page.goto(page.url.rstrip("/") + "/tableaux-de-bord/")
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.rhia-chart rect.bar").count() == 12  # twelve weeks
    assert page.locator('svg.rhia-chart rect.bar:not([height="0.0"])').count() == 1  # only this week
    assert page.locator("#kpi-actifs").inner_text() == "6"
    assert page.locator("#kpi-sans-modification").inner_text() == "33 %"
    assert page.locator("#table-refus .rhia-suppressed").inner_text() == "< 5"
    assert page.locator("#kpi-non-formes").inner_text() == "< 5"
    screenshot("dashboard-home")
