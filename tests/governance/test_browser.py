"""Browser: an agent accepts the charter, then files an anonymous report (Debian's chromium)."""

from __future__ import annotations

import io

import pytest

from rhia.accounts.roles import Role
from rhia.audit.models import JournalEntry
from rhia.governance import seed, services
from rhia.governance.models import MisuseReport


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agent_acknowledges_the_charter(browser_login, make_user, live_server, screenshot):
    seed.run(io.StringIO())
    agent = make_user(Role.AGENT_RH.value, first_name="Camille", last_name="Moreau")
    page = browser_login(agent)
    page.goto(f"{live_server.url}/gouvernance/")
    assert page.locator("#rhia-ack-needed").is_visible()
    page.click("#rhia-ack-needed a")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Prendre connaissance de la charte"
    assert "Article 1 — L'humain décide" in page.locator("#rhia-charter-text").inner_text()
    screenshot("governance-acknowledgment")

    page.click("#rhia-ack-form button[type=submit]")  # without ticking the box
    page.wait_for_load_state("networkidle")
    assert "Cochez la case" in page.content()
    assert not services.has_acknowledged_current_charter(agent)

    page.check("#id_accept", force=True)
    page.click("#rhia-ack-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "votre prise de connaissance de la charte (version 1.0) est enregistrée" in page.content()
    assert services.has_acknowledged_current_charter(agent)
    page.goto(f"{live_server.url}/gouvernance/charte/prise-de-connaissance/")
    assert page.locator("#rhia-ack-done").is_visible()
    screenshot("governance-acknowledgment-done")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agent_files_an_anonymous_report(browser_login, make_user, live_server, screenshot):
    from rhia.audit.journal import record

    agent = make_user(Role.AGENT_RH.value, first_name="Camille", last_name="Moreau")
    from rhia.assistant.models import Case

    refusal = record(
        "policy.refused", actor=agent, payload={"category": "mental_health_inference", "channel": "case"}
    )
    Case.objects.create(owner=agent, reference="CAS-12")
    page = browser_login(agent)
    page.goto(f"{live_server.url}/gouvernance/signaler/?refus={refusal.seq}&cas=CAS-12")
    assert f"le refus n° {refusal.seq}" in page.locator("#rhia-report-link").inner_text()
    page.select_option("#id_category", "refus_injustifie")
    page.fill(
        "#id_description",
        "La demande portait sur un congé de maladie ordinaire, pas sur la santé mentale d'un agent.",
    )
    page.check("#id_anonymous", force=True)
    screenshot("governance-report-form")
    page.click("#rhia-report-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Votre signalement anonyme a été transmis" in page.content()
    screenshot("governance-report-sent")

    report = MisuseReport.objects.get()
    assert (
        report.anonymous
        and report.reporter_id is None
        and report.case_reference == ""
        and report.refusal_seq is None
    )
    assert report.refusal_category == "mental_health_inference"
    assert JournalEntry.objects.get(action="governance.report_created").actor_id is None

    page.goto(f"{live_server.url}/gouvernance/mes-signalements/")
    assert "Vous n'avez fait aucun signalement nominatif." in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dpo_records_a_step_and_staff_representative_reads_it(
    browser_login, make_user, live_server, screenshot, settings, tmp_path
):
    from rhia.policy.models import UseCase

    settings.MEDIA_ROOT = tmp_path
    UseCase.objects.create(
        slug="fiches-de-poste", name="Aide à la rédaction des fiches de poste", category="souhaitable"
    )
    evidence = tmp_path / "aipd-fiches-de-poste.txt"
    evidence.write_text("Conclusions de l'AIPD : risques faibles.", encoding="utf-8")

    page = browser_login(make_user(Role.DPO.value, structure="ministry"))
    page.goto(f"{live_server.url}/gouvernance/cycle-de-vie/fiches-de-poste/")
    page.click("button[aria-controls='step-analyse_dpia']")
    form = page.locator("form[data-target='analyse_dpia']")
    form.locator("textarea[name=text]").fill(
        "AIPD réalisée avec le RSSI : pseudonymisation avant tout appel au modèle."
    )
    form.locator("select[name=dpia_outcome]").select_option("realisee")
    form.locator("input[type=file]").set_input_files(str(evidence))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "Étape enregistrée" in page.content()
    assert page.locator("#rhia-state").inner_text() == "Analyse DPO / RSSI (AIPD)"
    screenshot("governance-lifecycle-dpo")

    page.context.clear_cookies()
    page = browser_login(make_user(Role.STAFF_REP.value, structure="academy"))
    page.goto(f"{live_server.url}/gouvernance/cycle-de-vie/")
    page.click("text=Aide à la rédaction des fiches de poste")
    page.wait_for_load_state("networkidle")
    assert "pseudonymisation avant tout appel" in page.locator("#rhia-steps").inner_text()
    assert page.locator("#rhia-steps a", has_text="aipd-fiches-de-poste.txt").count() == 1
    assert page.locator("form.rhia-step-form").count() == 0
    screenshot("governance-lifecycle-staff-rep")
