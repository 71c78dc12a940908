"""The dashboard page and CSV export on real journal entries, reports and training records."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.governance.models import MisuseReport
from rhia.training import seed
from rhia.training.models import Question
from rhia.training.services import submit_self_assessment

pytestmark = pytest.mark.django_db


def _journal(agents, structure):
    for index, agent in enumerate(agents):
        record(
            "assistant.case_created",
            actor=agent,
            payload={"use_case": "reponse-question-agent", "data_class": "personal"},
        )
        record(
            "assistant.validated", actor=agent, payload={"unchanged_share": 0.2 * index, "unedited": False}
        )
        record(
            "assistant.exported",
            actor=agent,
            payload={"format": "docx", "unedited": index == 0, "unchanged_share": 0.2 * index},
        )
        record(
            "policy.refused",
            actor=agent,
            payload={"category": "sante_mentale", "rule": "r1", "use_case": "x", "channel": "case"},
        )


def test_empty_database_dashboard(client, make_user):
    client.force_login(make_user(Role.VALIDATOR.value))
    response = client.get("/tableaux-de-bord/")
    assert response.status_code == 200
    assert "Aucun refus sur la période." in response.content.decode()
    assert client.get("/tableaux-de-bord/export.csv").status_code == 200


def test_agents_have_no_dashboard(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/tableaux-de-bord/").status_code == 403
    assert client.get("/tableaux-de-bord/export.csv").status_code == 403


def test_five_agents_are_shown_four_are_not(client, make_user, grant_assistant_access, make_agents):
    agents = [grant_assistant_access(a) for a in make_agents(5)]
    _journal(agents, None)
    director = make_user(Role.DPO.value, structure="academy")  # not in the population (no assistant.use)
    client.force_login(director)
    page = client.get("/tableaux-de-bord/").content.decode()
    assert 'id="kpi-actifs">5<' in page
    assert 'id="kpi-dossiers">5<' in page
    assert 'id="kpi-sans-modification">20 %<' in page
    assert 'id="kpi-mediane">40 %<' in page
    assert "<svg" in page and "Dossiers créés par semaine" in page

    csv_text = client.get("/tableaux-de-bord/export.csv").content.decode("utf-8-sig")
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in csv_text.splitlines()[1:]}
    assert rows[("Adoption", "Agents actifs")] == "5"
    assert rows[("Vigilance", "Part exportée sans aucune modification")] == "20 %"
    assert rows[("Formation", "Module socle suivi")] == "5"
    assert any(k[0] == "Refus par catégorie" and v == "5" for k, v in rows.items())
    # No names, no user ids in the export.
    assert not any(agent.last_name in csv_text or agent.username in csv_text for agent in agents)

    # A service with only four agents: the sub-structure row of the other academy and small groups are masked.
    make_user(Role.AGENT_RH.value, structure="other")
    page = client.get(f"/tableaux-de-bord/?structure={agents[0].structure.pk}").content.decode()
    assert 'id="kpi-actifs">5<' in page


def test_small_group_is_suppressed_everywhere(client, make_user, structures, make_agents):
    agents = make_agents(4)
    _journal(agents, None)
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))
    page = client.get("/tableaux-de-bord/").content.decode()
    for kpi in ("kpi-actifs", "kpi-dossiers", "kpi-sans-modification", "kpi-mediane", "kpi-non-formes"):
        assert f'id="{kpi}"><span class="rhia-suppressed"' in page, kpi
    csv_text = client.get("/tableaux-de-bord/export.csv").content.decode("utf-8-sig")
    assert ";Agents actifs;< 5" in csv_text and ";Agents pas encore formés;< 5" in csv_text


def test_scope_is_the_viewers_structures(client, make_user, structures, make_agents):
    inside = make_agents(5)
    outside = make_agents(6, "other")
    _journal(inside + outside, None)
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))
    page = client.get(f"/tableaux-de-bord/?structure={structures['other'].pk}").content.decode()
    assert 'id="kpi-actifs">5<' in page  # the other academy is not in scope: own scope shown instead
    assert "Autre académie" not in page
    client.force_login(make_user(Role.DPO.value, structure="ministry"))
    page = client.get("/tableaux-de-bord/").content.decode()
    assert 'id="kpi-actifs">11<' in page
    assert 'id="table-structures"' in page and "Autre académie" in page


def test_reports_and_self_assessment_levels(client, make_user, structures, make_agents):
    seed.run(io.StringIO())
    agents = make_agents(6)
    questions = list(Question.objects.filter(active=True))
    for index, agent in enumerate(agents):
        submit_self_assessment(agent, {q.pk: 0 if index < 5 else 3 for q in questions})
    for _ in range(6):
        MisuseReport.objects.create(
            structure=structures["service"], category="biais", description="x", anonymous=True
        )
    MisuseReport.objects.create(
        structure=structures["service"],
        category="autre",
        description="y",
        anonymous=True,
        status="clos_suite",
    )
    MisuseReport.objects.create(
        structure=structures["other"], category="autre", description="z", anonymous=True
    )
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))
    page = client.get("/tableaux-de-bord/").content.decode()
    table = page.split('id="table-signalements"')[1].split("</table>")[0]
    assert (
        '<td>Reçu</td><td><span class="rhia-suppressed"' in table
    )  # 6 received, hidden as complement of 1 closed
    assert "<td>En analyse</td><td>0</td>" in table
    levels = page.split('id="table-niveaux"')[1].split("</table>")[0]
    assert "<td>5</td><td>0</td><td>0</td>" not in levels  # level 4 has one person: it and level 1 are hidden
    assert "<td>6</td>" in levels  # six people assessed per competence
    assert timezone.localdate()  # the page used local dates without error
