"""Browser: an agent checks a forbidden request, reads why, and contests it (never a dead end)."""

from __future__ import annotations

import io

import pytest

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.policy import seed


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_refusal_explains_and_leads_to_the_report_form(browser_login, make_user, live_server, screenshot):
    seed.run(io.StringIO())
    agent = make_user(Role.AGENT_RH.value)
    page = browser_login(agent)
    page.goto(f"{live_server.url}/cas-usage/")
    assert "Registre des cas d'usage" in page.locator("h1").inner_text()
    assert page.locator("#uc-reponse-question-agent").is_visible()
    screenshot("policy-register")

    page.goto(f"{live_server.url}/cas-usage/verifier/")
    page.fill(
        "#id_text",
        "Trie les candidatures reçues pour le poste de secrétaire et élimine les moins qualifiées.",
    )
    page.click("#policy-check-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    refusal = page.locator("#policy-refusal")
    assert refusal.is_visible()
    assert page.locator("#policy-refusal-rule").inner_text().startswith("cv.")
    assert "Lecture des CV et des lettres de motivation" in refusal.inner_text()
    assert "article 4" in refusal.inner_text()
    screenshot("policy-refusal")

    seq = JournalEntry.objects.get(action="policy.refused").seq
    assert page.locator("#policy-refusal-report").inner_text().strip() == "Signaler un besoin / contester"
    page.click("#policy-refusal-report")
    page.wait_for_load_state("networkidle")
    assert f"refus={seq}" in page.url
    assert page.locator("form").count() >= 1
    assert "/gouvernance/" in page.url
