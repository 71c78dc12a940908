"""The self-assessment page in a real browser: answer, see the scores, see the recommendation."""

from __future__ import annotations

import io

import pytest

from rhia.accounts.roles import Role
from rhia.training import seed
from rhia.training.models import Question, SelfAssessment


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agent_fills_the_self_assessment(browser_login, make_user, screenshot):
    seed.run(io.StringIO())
    agent = make_user(Role.AGENT_RH.value, first_name="Camille", last_name="Moreau")
    page = browser_login(agent)
    # The home page says what is missing and links to the basic module.
    assert page.locator(".fr-alert--warning", has_text="module socle").count() == 1
    page.click("a[href='/formation/#module-socle']")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Formation à l'IA en RH"

    questions = list(Question.objects.filter(active=True).select_related("competence"))
    # Submitting with one question unanswered keeps the others and explains in French.
    for question in questions[1:]:
        value = 0 if question.competence.code == "donnees-personnelles" else 3
        page.click(f"label[for=q_{question.pk}_{value}]")
    page.click("#questionnaire button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Répondez à toutes les questions (1 sans réponse)" in page.inner_text(".fr-alert--error")
    assert page.is_checked(f"#q_{questions[1].pk}_3")

    page.click(f"label[for=q_{questions[0].pk}_3]")
    screenshot("training-self-assessment-form")
    page.click("#questionnaire button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Auto-positionnement enregistré" in page.inner_text(".fr-alert--success")
    results = page.locator("#mes-resultats").inner_text()
    weak_row = page.locator("#mes-resultats tr", has_text="Protéger les données personnelles").inner_text()
    assert "0/100" in weak_row and "à renforcer" in weak_row.lower()  # DSFR badges are upper-cased
    assert "100/100" in results
    mentor = page.locator(".rhia-training", has_text="Protection des données personnelles : les fondamentaux")
    assert mentor.locator(".fr-badge--new").inner_text().strip().lower() == "recommandée pour vous"
    screenshot("training-self-assessment-results")
    assert SelfAssessment.objects.filter(user=agent).count() == 1

    # Enrol in the basic module's first session.
    basic = page.locator(".rhia-training", has_text="Module socle : utiliser l'IA en RH dans le cadre")
    basic.locator("button", has_text="S'inscrire").first.click()
    page.wait_for_load_state("networkidle")
    assert "Inscription enregistrée" in page.inner_text(".fr-alert--success")
    assert (
        "Inscrit(e)"
        in page.locator("#mes-inscriptions + .fr-table, #mes-inscriptions ~ div").first.inner_text()
    )
