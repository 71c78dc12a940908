"""In the browser: bias findings beside a draft, beside the agent's edited text, and on the validation page."""

from __future__ import annotations

import pytest

from rhia.audit.models import JournalEntry
from tests.assistant.conftest import import_case_corpus, put_drafts, seed_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Bonjour, combien de jours de congés annuels par an pour un agent titulaire ? Merci"
DRAFT = (
    "Bonjour,\n\nVous avez droit à cinq fois vos obligations hebdomadaires de service [1]. "
    "Adressez votre demande au directeur, qui la transmettra.\n\nCordialement"
)


@pytest.fixture
def biased_case(tmp_path, make_user, grant_assistant_access):
    from rhia.assistant.services import confirm_review, open_case

    seed_register()
    import_case_corpus(tmp_path)
    agent = grant_assistant_access(
        make_user("agent_rh", username="agent.bias", first_name="Inès", last_name="Roy")
    )
    validator = grant_assistant_access(
        make_user("valideur", username="valideur.bias", first_name="Paul", last_name="Henry")
    )
    case = confirm_review(open_case(agent, text=QUESTION), agent)
    return (
        agent,
        validator,
        put_drafts(case, agent, [DRAFT, "Bonjour,\n\nLe congé annuel est de 25 jours [1]."]),
    )


def test_findings_on_draft_edited_text_and_validation(
    page, browser_login, live_server, screenshot, biased_case
):
    agent, validator, case = biased_case
    page.set_default_timeout(60_000)
    browser_login(agent)
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/propositions/")
    first = page.locator("#draft-1")
    panel = first.locator(".rhia-bias-findings")
    assert "Rôle genré" in panel.inner_text() and "la direction" in panel.inner_text()
    assert page.locator("#draft-2 .rhia-bias-findings").count() == 0
    screenshot("bias-01-draft")

    page.click("#choose-1")
    page.wait_for_url("**/redaction/")
    page.locator("#editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Compte tenu de son âge, nous ne retenons pas sa demande de report.")
    page.click("#save-final")
    page.wait_for_url("**/redaction/")
    findings = page.locator(".rhia-bias-findings").inner_text()
    assert "Critère protégé invoqué" in findings and "l'âge" in findings
    assert "Rôle genré" in findings, "what the agent kept from the draft is still pointed out"
    screenshot("bias-02-edited")

    page.click("#submit-validation")
    page.wait_for_url(f"**/cas/{case.pk}/")
    page.click("form[action='/comptes/deconnexion/'] button")
    page.wait_for_load_state("networkidle")
    browser_login(validator)
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/valider/")
    remaining = page.locator(".rhia-bias-findings").inner_text()
    assert "Critère protégé invoqué" in remaining and "avant de valider" in remaining
    screenshot("bias-03-validation")
    if page.locator("label[for=sources_checked]").count():  # the fixture fiche may be past the age limit
        page.click("label[for=sources_checked]")
    page.click("#validate")
    page.wait_for_url(f"**/cas/{case.pk}/")
    entry = JournalEntry.objects.filter(action="assistant.validated").latest("seq")
    assert entry.payload["bias"]["with_findings"] == 1
    assert entry.payload["bias"]["categories"]["protected_ground"] == 1
    assert "âge" not in str(entry.payload), "the journal keeps counts, never the text"
