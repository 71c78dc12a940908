"""Reports: nominative follow-up, correspondents' scope, status workflow, commission, refusal aggregates."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.audit.journal import record
from rhia.audit.models import JournalEntry
from rhia.governance import reporting
from rhia.governance.models import MisuseReport
from rhia.governance.services import GovernanceError


def _report(client, **data):
    payload = {"category": "reponse_erronee", "description": "La réponse citait un article abrogé du code."}
    payload.update(data)
    return client.post("/gouvernance/signaler/", payload)


@pytest.mark.django_db
def test_nominative_report_is_followed_by_its_reporter(client, make_user):
    from rhia.assistant.models import Case

    agent = make_user(Role.AGENT_RH.value)
    Case.objects.create(owner=agent, reference="RHIA-2026-000007")
    client.force_login(agent)
    response = _report(client, cas="RHIA-2026-000007")
    assert response.status_code == 302 and response["Location"] == "/gouvernance/mes-signalements/"
    report = MisuseReport.objects.get()
    assert (
        report.reporter == agent and report.case_reference == "RHIA-2026-000007" and report.status == "recu"
    )
    entry = JournalEntry.objects.get(action="governance.report_created")
    assert entry.actor_id == agent.pk and entry.payload == {"category": "reponse_erronee"}
    page = client.get("/gouvernance/mes-signalements/").content.decode()
    assert "Reçu" in page and "Réponse erronée" in page


@pytest.mark.django_db
def test_bad_input_keeps_the_text_and_explains_in_french(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.post(
        "/gouvernance/signaler/", {"category": "", "description": "Texte court mais gardé"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sélectionnez un choix valide" in page or "Ce champ est obligatoire" in page
    assert "Texte court mais gardé" in page
    assert MisuseReport.objects.count() == 0


@pytest.mark.django_db
def test_report_can_go_to_a_higher_level_only(client, make_user, structures):
    agent = make_user(Role.AGENT_RH.value, structure="service")
    client.force_login(agent)
    page = client.get("/gouvernance/signaler/").content.decode()
    assert "Service test" in page and "Académie test" in page and "Autre académie" not in page
    response = _report(client, anonymous="on", level=str(structures["academy"].pk))
    assert response.status_code == 302
    report = MisuseReport.objects.get()
    assert report.structure == structures["academy"] and report.reporter_id is None
    assert (
        JournalEntry.objects.get(action="governance.report_created").structure_id == structures["academy"].pk
    )
    with pytest.raises(GovernanceError, match="niveaux supérieurs"):
        reporting.create_report(
            user=agent,
            category="autre",
            description="Vers une autre branche.",
            anonymous=True,
            structure_id=structures["other"].pk,
        )
    response = _report(client, level=str(structures["other"].pk))
    assert response.status_code == 200 and MisuseReport.objects.count() == 1


@pytest.mark.django_db
def test_case_link_only_to_ones_own_case(make_user):
    from rhia.assistant.models import Case

    agent, other = make_user(Role.AGENT_RH.value), make_user(Role.AGENT_RH.value)
    Case.objects.create(owner=other, reference="RHIA-2026-000099")
    report = reporting.create_report(
        user=agent,
        category="autre",
        description="Lien vers le dossier d'un autre.",
        anonymous=False,
        case_reference="RHIA-2026-000099",
    )
    assert report.case_reference == ""
    report = reporting.create_report(
        user=agent,
        category="autre",
        description="Référence inventée <script>.",
        anonymous=False,
        case_reference="<script>",
    )
    assert report.case_reference == ""


@pytest.mark.django_db
def test_refusal_link_only_to_ones_own_refusal(make_user):
    agent, other = make_user(Role.AGENT_RH.value), make_user(Role.AGENT_RH.value)
    mine = record("policy.refused", actor=agent, payload={"category": "video_entretien"})
    theirs = record("policy.refused", actor=other, payload={"category": "relations_collegues"})
    report = reporting.create_report(
        user=agent,
        category="refus_injustifie",
        description="Le refus me semble injustifié.",
        anonymous=False,
        refusal_seq=mine.seq,
    )
    assert report.refusal_seq == mine.seq and report.refusal_category == "video_entretien"
    report = reporting.create_report(
        user=agent,
        category="refus_injustifie",
        description="Le refus me semble injustifié.",
        anonymous=False,
        refusal_seq=theirs.seq,
    )
    assert report.refusal_seq is None and report.refusal_category == ""


@pytest.mark.django_db
def test_correspondents_see_only_their_structures(client, make_user, structures):
    service_agent = make_user(Role.AGENT_RH.value, structure="service")
    other_agent = make_user(Role.AGENT_RH.value, structure="other")
    mine = reporting.create_report(
        user=service_agent,
        category="biais",
        description="Proposition différente selon le genre.",
        anonymous=True,
    )
    elsewhere = reporting.create_report(
        user=other_agent, category="biais", description="Autre structure, autre référent.", anonymous=False
    )
    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    client.force_login(referent)
    page = client.get("/gouvernance/signalements/").content.decode()
    assert f'href="/gouvernance/signalements/{mine.pk}/"' in page
    assert f'href="/gouvernance/signalements/{elsewhere.pk}/"' not in page
    assert client.get(f"/gouvernance/signalements/{elsewhere.pk}/").status_code == 403
    assert client.get(f"/gouvernance/signalements/{mine.pk}/").status_code == 200
    # A ministry-level commission member sees both.
    client.force_login(make_user(Role.ETHICS_COMMITTEE.value, structure="ministry"))
    assert client.get(f"/gouvernance/signalements/{elsewhere.pk}/").status_code == 200
    # An agent is not a correspondent.
    client.force_login(service_agent)
    assert client.get("/gouvernance/signalements/").status_code == 403


@pytest.mark.django_db
def test_status_workflow_and_commission_opinion(client, make_user):
    agent = make_user(Role.AGENT_RH.value)
    report = reporting.create_report(
        user=agent,
        category="usage_interdit",
        description="Demande d'analyse des échanges entre collègues.",
        anonymous=False,
    )
    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    member = make_user(Role.ETHICS_COMMITTEE.value, structure="ministry")

    with pytest.raises(GovernanceError, match="pas possible"):
        reporting.change_status(report, actor=referent, status="clos_suite")
    client.force_login(referent)
    client.post(
        f"/gouvernance/signalements/{report.pk}/",
        {"suivi-status": "en_analyse", "suivi-note": "Pris en charge"},
    )
    client.post(
        f"/gouvernance/signalements/{report.pk}/",
        {"suivi-status": "commission", "suivi-note": "Question de principe"},
    )
    report.refresh_from_db()
    assert report.status == "commission"
    # The referent cannot give the commission's opinion; closing needs the opinion first.
    with pytest.raises(GovernanceError, match="commission"):
        reporting.record_opinion(report, actor=referent, opinion="Avis", recommendations="")
    response = client.post(
        f"/gouvernance/signalements/{report.pk}/", {"suivi-status": "clos_suite"}, follow=True
    )
    assert "avant la clôture" in response.content.decode()

    client.force_login(member)
    client.post(
        f"/gouvernance/signalements/{report.pk}/",
        {
            "avis-opinion": "Usage contraire à l'article 4 de la charte.",
            "avis-recommendations": "Rappel de la charte au service ; formation ciblée.",
        },
    )
    client.force_login(referent)
    client.post(
        f"/gouvernance/signalements/{report.pk}/",
        {"suivi-status": "clos_suite", "suivi-reply": "Un rappel de la charte a été fait au service."},
    )
    report.refresh_from_db()
    assert report.status == "clos_suite" and report.commission_by == member
    assert list(report.updates.values_list("status", flat=True)) == [
        "recu",
        "en_analyse",
        "commission",
        "clos_suite",
    ]
    actions = list(
        JournalEntry.objects.filter(
            object_id=str(report.pk), object_type="governance.misusereport"
        ).values_list("action", flat=True)
    )
    assert (
        actions.count("governance.report_status_changed") == 3 and "governance.commission_opinion" in actions
    )

    client.force_login(agent)
    page = client.get("/gouvernance/mes-signalements/").content.decode()
    assert "Clos avec suite" in page and "Un rappel de la charte a été fait au service." in page
    assert "Question de principe" not in page  # internal notes stay internal


@pytest.mark.django_db
def test_refusals_are_aggregated_and_small_groups_hidden(client, make_user, structures):
    agents = [make_user(Role.AGENT_RH.value, structure="service") for _ in range(5)]
    for i in range(7):
        record("policy.refused", actor=agents[i % 5], payload={"category": "mental_health_inference"})
    for _ in range(9):  # many refusals, but by only three people: hidden
        record("policy.refused", actor=agents[_ % 3], payload={"category": "emotion_inference"})
    other = make_user(Role.AGENT_RH.value, structure="other")
    record("policy.refused", actor=other, payload={"category": "emotion_inference"})
    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    table = reporting.refusal_counts(referent)
    mental, emotion = (
        reporting.category_label("mental_health_inference"),
        reporting.category_label("emotion_inference"),
    )
    assert mental != "mental_health_inference"  # the policy guard's French label
    rows = {(structure, category): cell.display for structure, category, cell in table.rows}
    assert rows[("Service test", mental)] == "7"
    assert rows[("Service test", emotion)] == "< 5"
    assert all(row[0] != "Autre académie" for row in table.rows)
    client.force_login(referent)
    page = client.get("/gouvernance/signalements/").content.decode()
    assert "&lt; 5" in page and mental.split(" ")[0] in page
    for agent in agents:
        assert agent.last_name not in page and agent.username not in page


@pytest.mark.django_db
def test_governance_and_dashboard_read_the_same_figures(make_user, structures):
    """One suppression rule: the refusal totals of the governance page are the dashboard's own."""
    from rhia.dashboard import services as dashboard

    agents = [make_user(Role.AGENT_RH.value, structure="service") for _ in range(4)]
    for i in range(6):
        record("policy.refused", actor=agents[i % 4], payload={"category": "cv_screening"})
    referent = make_user(Role.ETHICS_REFERENT.value, structure="academy")
    governance = dict(reporting.refusal_counts(referent).by_category)
    board = dict(dashboard.build(structures["academy"]).refusals)
    label = reporting.category_label("cv_screening")
    assert governance[label] == board[label]
    assert governance[label].display == "< 5", "6 refusals by 4 people stay hidden on both pages"


@pytest.mark.django_db
def test_a_second_structure_is_hidden_when_one_alone_would_be(make_user, structures):
    """Within a category, the total must not reveal a single hidden structure by subtraction."""
    big = [make_user(Role.AGENT_RH.value, structure="service") for _ in range(6)]
    small = [make_user(Role.AGENT_RH.value, structure="other") for _ in range(2)]
    for agent in big + small:
        record("policy.refused", actor=agent, payload={"category": "cv_screening"})
    dpo = make_user(Role.ETHICS_REFERENT.value, structure="ministry")
    table = reporting.refusal_counts(dpo)
    shown = [cell for _structure, _category, cell in table.rows]
    assert len(shown) == 2 and all(cell.suppressed for cell in shown)
    assert dict(table.by_category)[reporting.category_label("cv_screening")].display == "8"
