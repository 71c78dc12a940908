"""In the browser without a model: the drafts arrive from a worker (here the "not covered by the sources" answer, which
needs no model), starting from a blank page, the editor's buttons, self-validation and .eml export."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from .conftest import import_case_corpus, seed_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNCOVERED = "Bonjour, comment réserver une salle de réunion au rectorat pour jeudi prochain ? Jean Petit"


@pytest.fixture
def uncovered_case(tmp_path, make_user, grant_assistant_access):
    from rhia.assistant.services import confirm_review, open_case, update_sources
    from rhia.assistant.services.drafts import start_generation
    from rhia.assistant.services.sources import hit_to_source, search

    seed_register()
    import_case_corpus(tmp_path)
    agent = grant_assistant_access(
        make_user("agent_rh", username="agent.blank", first_name="Alice", last_name="Martin")
    )
    case = confirm_review(open_case(agent, text=UNCOVERED), agent)
    extra = hit_to_source(search("congés annuels durée", k=1)[0])
    case = update_sources(case, agent, selected=[], add=[extra])
    start_generation(case, agent)
    return agent, case


def test_stream_blank_page_editor_and_eml(
    page, browser_login, live_server, screenshot, uncovered_case, worker
):
    from rhia.assistant.models import Case

    agent, case = uncovered_case
    worker.start()
    page.set_default_timeout(120_000)
    browser_login(agent)
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/propositions/")
    page.wait_for_selector("#drafts[data-complete=true]", state="attached")
    assert page.locator(".rhia-draft").count() == 1
    assert "ne couvrent pas" in page.inner_text(".rhia-draft") or "pas trouvé" in page.inner_text(
        ".rhia-draft"
    )
    assert "proposition prête" in page.inner_text("#drafts-status")
    screenshot("case-blank-01-stream")
    page.click("#choose-none")
    page.wait_for_url("**/redaction/")
    page.locator("#editor").click()
    page.keyboard.type("Bonjour Jean Petit,")
    page.keyboard.press("Enter")
    page.click("[data-command=bold]")
    page.keyboard.type("La réservation des salles")
    page.click("[data-command=bold]")
    page.keyboard.type(" se fait auprès du secrétariat général.")
    page.keyboard.press("Enter")
    page.click("[data-command=insertUnorderedList]")
    page.keyboard.type("par courriel")
    page.click("#save-final")
    page.wait_for_url("**/redaction/")
    saved = Case.objects.get(pk=case.pk)
    assert "<b>La réservation des salles</b>" in saved.final_html or "<strong>" in saved.final_html
    assert "<li>par courriel</li>" in saved.final_html
    assert "Jean Petit" not in saved.final_text and saved.unchanged_share == 0.0
    screenshot("case-blank-02-editor")
    # The fixture fiche is older than RHIA_SOURCE_MAX_AGE_DAYS: the agent confirms it was checked.
    page.click("label[for=sources_checked]")
    page.click("#self-validate")
    page.wait_for_url(f"**/cas/{case.pk}/")
    with page.expect_download() as download_info:
        page.click("#export-eml")
    message = email.message_from_bytes(
        Path(download_info.value.path()).read_bytes(), policy=email.policy.default
    )
    assert any(key.lower().startswith("x-rhia") for key in message)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Jean Petit" in body and "par courriel" in body
    # Started from a blank page: the mention names only the search as AI use.
    assert "recherche des textes applicables" in body and "proposition de rédaction" not in body
    screenshot("case-blank-03-exported")
