"""Bias aggregates on the dashboard: shares of texts with findings, by category and structure, groups of 5."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.fairness.services import summary
from tests.dashboard.conftest import make_agents  # noqa: F401

pytestmark = pytest.mark.django_db

BIASED = "Compte tenu de son âge, nous ne retenons pas sa candidature."
NEUTRAL = "Le temps partiel sur autorisation est accordé sous réserve des nécessités du service."


def _journal(agents, *, biased_agents: int):
    for index, agent in enumerate(agents):
        drafts = [BIASED if index < biased_agents else NEUTRAL, NEUTRAL]
        record("assistant.drafts_generated", actor=agent, payload={"n": 2, "bias": summary(drafts)})
        final = "La secrétaire vous remettra le formulaire." if index == 0 else NEUTRAL
        record("assistant.validated", actor=agent, payload={"unchanged_share": 0.5, "bias": summary([final])})


def test_summary_counts_texts_not_people():
    assert summary([BIASED, NEUTRAL, ""]) == {
        "texts": 2,
        "with_findings": 1,
        "categories": {"protected_ground": 1, "stereotype": 0, "gendered_role": 0, "assumed_civility": 0},
    }


def test_shares_by_category_for_five_people(client, make_user, make_agents):  # noqa: F811
    agents = make_agents(5)
    _journal(agents, biased_agents=2)
    client.force_login(make_user(Role.DPO.value, structure="academy"))
    page = client.get("/tableaux-de-bord/").content.decode()
    assert 'id="table-biais"' in page
    assert 'id="bias-drafts-share">20 %<' in page  # 2 of 10 drafts
    assert 'id="bias-final-share">20 %<' in page  # 1 of 5 validated texts
    csv_text = client.get("/tableaux-de-bord/export.csv").content.decode("utf-8-sig")
    assert "Biais;Propositions de l'IA — Critère protégé invoqué;20 %" in csv_text
    assert "Biais;Textes validés — Rôle genré;20 %" in csv_text
    assert not any(agent.username in csv_text or agent.last_name in page for agent in agents)
    data = client.get("/api/dashboard/indicators").json()
    assert data["bias"]["drafts"]["with_findings"]["value"] == 20.0
    assert data["bias"]["final"]["by_category"][2]["label"] == "Rôle genré"


def test_four_people_are_suppressed(client, make_user, make_agents):  # noqa: F811
    _journal(make_agents(4), biased_agents=1)
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))
    page = client.get("/tableaux-de-bord/").content.decode()
    assert 'id="bias-drafts-share"><span class="rhia-suppressed"' in page
    assert 'id="bias-final-share"><span class="rhia-suppressed"' in page


def test_per_structure_rows_show_a_group_of_five_and_suppress_a_group_of_four(
    client,
    make_user,
    make_agents,  # noqa: F811
    structures,
):
    from rhia.dashboard.services import build, to_csv

    _journal(make_agents(5, structure="service"), biased_agents=2)  # under "Académie test"
    _journal(make_agents(4, structure="other"), biased_agents=4)  # "Autre académie"
    rows = {name: (drafts, final) for name, drafts, final in build(structures["ministry"]).bias_by_structure}
    academy_drafts, academy_final = rows["Académie test"]
    assert (academy_drafts.display, academy_final.display) == ("20 %", "20 %")
    other_drafts, other_final = rows["Autre académie"]
    assert other_drafts.suppressed and other_final.suppressed
    csv_text = to_csv(build(structures["ministry"]))
    assert "Biais par structure;Académie test — propositions avec un point de vigilance;20 %" in csv_text
    assert "Biais par structure;Autre académie — propositions avec un point de vigilance;< 5" in csv_text
    client.force_login(make_user(Role.DPO.value, structure="ministry"))
    page = client.get("/tableaux-de-bord/").content.decode()
    table = page[page.index('id="table-biais-structures"') :]
    table = table[: table.index("</table>")]
    assert "<td>Académie test</td><td>20 %</td><td>20 %</td>" in table
    assert '<td>Autre académie</td><td><span class="rhia-suppressed"' in table
    assert "50 %" not in table and "100 %" not in table  # the four people's 4 of 8 drafts stay hidden
