"""Object-level checks of the permission matrix (#17 point 6): holding a permission is not enough,
the object must be one's own (a case, its export) or in one's structures (a misuse report)."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from tests.assistant.conftest import QUESTION, seed_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_user, grant_assistant_access):
    from rhia.assistant.services import open_case

    seed_register()
    owner = grant_assistant_access(make_user(Role.AGENT_RH.value, structure="service"))
    return open_case(owner, text=QUESTION)


@pytest.mark.parametrize(
    ("role", "structure"),
    [(Role.AGENT_RH, "service"), (Role.AGENT_RH, "other"), (Role.VALIDATOR, "other")],
    ids=["colleague-same-service", "agent-elsewhere", "validator-elsewhere"],
)
def test_a_case_is_reachable_by_its_owner_only(
    client, make_user, grant_assistant_access, case, role, structure
):
    client.force_login(case.owner)
    assert client.get(f"/assistant/cas/{case.pk}/").status_code in (200, 302)
    assert client.get(f"/api/assistant/cases/{case.reference}").status_code == 200
    client.force_login(grant_assistant_access(make_user(role.value, structure=structure)))
    for response in (
        client.get(f"/assistant/cas/{case.pk}/"),
        client.get(f"/assistant/cas/{case.pk}/donnees/"),
        client.post(f"/assistant/cas/{case.pk}/exporter/", {"format": "pdf"}),
        client.post(f"/assistant/cas/{case.pk}/abandonner/", {}),
        client.get(f"/api/assistant/cases/{case.reference}"),
        client.post(
            f"/api/assistant/cases/{case.reference}/export",
            {"format": "pdf"},
            content_type="application/json",
        ),
    ):
        assert response.status_code in (403, 404), (response.request["PATH_INFO"], response.status_code)
    case.refresh_from_db()
    assert case.status != "abandoned"


def test_a_report_is_handled_within_its_structures_only(client, make_user):
    from rhia.governance.reporting import create_report

    author = make_user(Role.AGENT_RH.value, structure="service")
    report = create_report(
        user=author, category="reponse_erronee", description="Article abrogé cité.", anonymous=False
    )
    url = f"/gouvernance/signalements/{report.pk}/"
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="academy"))  # above the service
    assert client.get(url).status_code == 200
    client.force_login(make_user(Role.ETHICS_REFERENT.value, structure="other"))  # beside it
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"status": "clos"}).status_code in (403, 404)
    report.refresh_from_db()
    assert report.status != "clos"
