"""The situation step of a case: read from the demand, shown as chips, confirmed or changed, exported."""

from __future__ import annotations

import pytest

from rhia.assistant.services import (
    CaseError,
    choose_draft,
    confirm_review,
    export_case,
    open_case,
    validate_case,
)
from rhia.assistant.services.exporting import exportable
from rhia.assistant.services.situation import confirm_situation
from rhia.audit.models import JournalEntry
from rhia.provenance.labels import layout
from tests.drafting.conftest import real_fiches  # noqa: F401 — shared fixture

from .conftest import put_drafts

pytestmark = pytest.mark.django_db

TEACHER = (
    "Objet : demande de temps partiel\n\nBonjour,\nJe suis professeure certifiée au collège Jean Moulin, "
    "titulaire depuis 2015. Ma fille a deux ans et je souhaite travailler à 80 % à la rentrée. "
    "Est-ce de droit ?\nCordialement,\nCamille Bernard"
)


@pytest.fixture
def teacher_case(agent, register, real_fiches):  # noqa: F811
    return confirm_review(open_case(agent, text=TEACHER), agent)


def test_situation_read_and_sources_follow_it(teacher_case):
    case = teacher_case
    assert (case.situation["versant"], case.situation["statut"]) == ("FPE", "titulaire")
    assert case.situation_confirmed_at is None
    assert case.sources[0]["document_id"] == "F486"
    assert all(s["versants"] in ([], ["FPE"]) and not s["fit"] for s in case.sources)
    assert any(s["selected"] for s in case.sources)


def test_agent_changes_the_situation_and_keeps_added_sources(teacher_case, agent):
    case = teacher_case
    fpt = [s for s in case.sources if s["versants"] == ["FPT"]]
    assert not fpt
    case = confirm_situation(case, agent, versant="FPT", statut="titulaire")
    assert case.situation["versant"] == "FPT" and case.situation["origin"]["versant"] == "agent"
    assert case.situation_confirmed_at is not None
    assert all(s["versants"] in ([], ["FPT"]) for s in case.sources)
    assert JournalEntry.objects.filter(action="assistant.situation_confirmed").count() == 1


def test_bad_situation_refused_in_french(teacher_case, agent):
    with pytest.raises(CaseError, match="Versant inconnu"):
        confirm_situation(teacher_case, agent, versant="FPX", statut="titulaire")
    with pytest.raises(CaseError, match="agent contractuel"):
        confirm_situation(teacher_case, agent, versant="FPE", statut="titulaire", contrat="CDD")
    teacher_case.refresh_from_db()
    assert teacher_case.situation["versant"] == "FPE"  # nothing lost


def test_other_agent_cannot_change_it(teacher_case, make_user, grant_assistant_access):
    other = grant_assistant_access(make_user("agent_rh"))
    with pytest.raises(CaseError):
        confirm_situation(teacher_case, other, versant="FPH", statut="titulaire")


def test_export_prints_the_situation(teacher_case, agent):
    case = confirm_situation(teacher_case, agent, versant="FPE", statut="titulaire")
    case = put_drafts(case, agent, ["Le temps partiel est de droit [1]."], citations=[["F486"]])
    case = validate_case(choose_draft(case, agent, 0), agent, sources_checked=True)
    wording = "Situation prise en compte : fonctionnaire titulaire, enseignant, fonction publique de l'État"
    assert wording in [block.text for block in layout(exportable(case), "RHIA-TEST-CODE")]
    result = export_case(case, agent, "eml")
    assert wording.encode() in result.content or "Situation prise en compte" in result.content.decode(
        "utf-8", "replace"
    )


def test_structure_default_versant(agent, register, real_fiches, structures):  # noqa: F811
    structures["ministry"].versant = "FPH"
    structures["ministry"].save()
    assert structures["service"].default_versant() == "FPH"
    agent.structure = structures["service"]
    agent.save()
    case = confirm_review(open_case(agent, text="Combien de jours pour un mariage ?"), agent)
    assert case.situation["versant"] == "FPH" and case.situation["origin"]["versant"] == "structure"


def test_sources_page_chips_form_and_scoped_search(client, agent, teacher_case):
    client.force_login(agent)
    url = f"/assistant/cas/{teacher_case.pk}/sources/"
    page = client.get(url).text
    assert 'id="situation-chips"' in page and "FPE — fonction publique de l&#x27;État" in page
    assert "fonctionnaire titulaire" in page and "<script>" not in page
    mine = client.get(url, {"q": "temps partiel de droit naissance"}).text
    assert "autre versant" not in mine
    everything = client.get(url, {"q": "temps partiel de droit naissance", "portee": "all"}).text
    assert "autre versant" in everything
    response = client.post(
        f"/assistant/cas/{teacher_case.pk}/situation/", {"versant": "FPT", "statut": "titulaire"}
    )
    assert response.status_code == 302
    teacher_case.refresh_from_db()
    assert teacher_case.situation["versant"] == "FPT"
    bad = client.post(f"/assistant/cas/{teacher_case.pk}/situation/", {"versant": "XX"}, follow=True)
    assert "Versant inconnu" in bad.text


def test_api_confirms_the_situation(client, agent, teacher_case):
    client.force_login(agent)
    url = f"/api/assistant/cases/{teacher_case.pk}/situation"
    body = client.post(
        url, {"versant": "FPE", "statut": "contractuel", "contrat": "CDD"}, content_type="application/json"
    )
    assert body.status_code == 200
    data = body.json()
    assert data["situation"]["statut"] == "contractuel" and data["situation"]["contrat"] == "CDD"
    refused = client.post(url, {"versant": "FPE", "statut": "x"}, content_type="application/json")
    assert refused.status_code in (400, 422) and "Statut inconnu" in refused.text
