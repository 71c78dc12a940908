"""One journey per role in Chromium: each main page is screenshotted (var/screenshots/journey-*),
checked for the fixes of issue #18, and passed through axe-core (0 violations)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from docx import Document

from tests.a11y import assert_accessible
from tests.conftest import SCREENSHOTS
from tests.portal.journeys import DEMO_PASSWORD, FORBIDDEN, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(tmp_path, grant_assistant_access, monkeypatch):
    return build_world(tmp_path, grant_assistant_access, monkeypatch)


@pytest.fixture
def visit(page, live_server, screenshot):
    def go(path: str, name: str):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (path, response and response.status)
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, path
        screenshot(f"journey-{name}")
        assert_accessible(page, name)
        return page

    return go


@pytest.fixture
def login(browser_login):
    return lambda user: browser_login(user, DEMO_PASSWORD)


def _menu_fits_one_line(page) -> None:
    box = page.locator("#fr-navigation .fr-nav__list").bounding_box()
    assert box is not None and box["height"] < 70, box  # one row of DSFR menu buttons is ~56 px


def _skip_links(page) -> None:
    links = page.locator(".fr-skiplinks__list a")
    assert links.count() >= 2
    assert links.first.get_attribute("href") == "#content"


def test_agent(world, login, visit, page, live_server):
    agent = world.users["agent"]
    login(agent)
    home = visit("/", "agent-01-home")
    _skip_links(home)
    _menu_fits_one_line(home)
    visit("/assistant/", "agent-02-cases")
    form = visit("/assistant/nouveau/", "agent-03-new")
    form.fill("#text", "x" * 30_000)
    assert form.get_attribute("#text", "aria-invalid") == "true"
    assert "Texte trop long" in form.inner_text("#text-counter")
    form.fill("#text", "Bonjour")
    assert form.get_attribute("#text", "aria-invalid") is None
    assert "7 caractères" in form.inner_text("#text-counter")
    form.fill("#text", FORBIDDEN)
    form.click("#intake-submit")
    form.wait_for_load_state("networkidle")
    assert form.input_value("#text") == FORBIDDEN  # the typed text comes back
    reason = form.inner_text("#policy-refusal-reason")
    assert reason.startswith("Cette demande relève d'un usage exclu de l'IA en RH : ")
    assert "Règle" not in form.inner_text("#policy-refusal") and "cv." not in form.inner_text(
        "#policy-refusal"
    )
    page.screenshot(path=str(SCREENSHOTS / "journey-agent-04-refusal.png"), full_page=True)
    assert_accessible(form, "agent-04-refusal")

    # Personal-data review: the "mask the selection" button only appears with a selection.
    review = visit(f"/assistant/cas/{world.in_review.pk}/donnees/", "agent-05-review")
    assert not review.locator("#pii-add-selection").is_visible()
    review.evaluate(
        """() => {
            const span = [...document.querySelectorAll('#pii-text span[data-start]')]
                .find((node) => node.textContent.includes('adjointe administrative'));
            const text = span.firstChild, at = text.textContent.indexOf('adjointe administrative');
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + 'adjointe administrative'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    review.wait_for_selector("#pii-add-selection", state="visible")
    assert "adjointe administrative" in review.inner_text("#pii-selection-text")

    second = world.second_validation
    edit = visit(f"/assistant/cas/{second.pk}/redaction/", "agent-06-edit-second-validation")
    assert edit.locator("#self-validate").count() == 0
    assert "Classe de données : Personnelle (pseudonymisée)" in edit.inner_text("#case-data-class")

    case = visit(f"/assistant/cas/{world.validated.pk}/", "agent-07-validated")
    title = _export_title(world.validated)
    with case.expect_download() as download:
        case.click("#export-docx")
    docx_file = download.value
    assert "bonjour" not in docx_file.suggested_filename.lower(), docx_file.suggested_filename
    assert docx_file.suggested_filename.endswith("-reponse.docx")
    assert Document(docx_file.path()).core_properties.title == title
    with case.expect_download() as download:
        case.click("#export-pdf")
    pdf = SCREENSHOTS / "journey-agent-export.pdf"
    shutil.copy(download.value.path(), pdf)
    if _poppler_available():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info
        assert _pdf_field(info, "Title") == title
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(SCREENSHOTS / "journey-agent-08-export-pdf"),
            ],
            check=True,
        )
        assert (SCREENSHOTS / "journey-agent-08-export-pdf.png").stat().st_size > 10_000
    text = (
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        if shutil.which("pdftotext")
        else ""
    )
    if text:
        flat = " ".join(text.split())
        assert "relue et modifiée par Camille Moreau" in flat and "puis validée par Dominique Lefèvre" in flat
        assert title in flat


def _export_title(case) -> str:
    """The title every export of ``case`` carries: its subject, or the date of the request, never the
    first line of the raw question."""
    from django.utils import timezone

    from rhia.assistant.models import Case

    case = Case.objects.get(pk=case.pk)
    received = f"Réponse à votre demande du {timezone.localtime(case.created_at):%d/%m/%Y}"
    assert not case.title  # the journey's question has no subject line
    return received


def _poppler_available() -> bool:
    """pdfinfo and pdftoppm (poppler-utils): optional on a workstation, required under CI."""
    found = all(shutil.which(tool) for tool in ("pdfinfo", "pdftoppm"))
    if not found and os.environ.get("CI"):
        pytest.fail("pdfinfo / pdftoppm absents alors que CI est défini : installez poppler-utils")
    return found


def _pdf_field(info: str, name: str) -> str:
    for line in info.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return ""


def test_validator(world, login, visit):
    login(world.users["valideur"])
    home = visit("/", "validator-01-home")
    _menu_fits_one_line(home)
    visit("/assistant/validation/", "validator-02-queue")
    page = visit(f"/assistant/cas/{world.pending.pk}/valider/", "validator-03-validate")
    question = page.inner_text("#case-question")
    assert "Combien de jours de congés annuels" in question
    assert "Marie Durand" in question  # re-identified for the validator
    assert page.locator("#case-sources .fr-accordion").count() >= 1
    visit("/tableaux-de-bord/", "validator-04-dashboard")


def test_ethics_referent(world, login, visit):
    login(world.users["referent"])
    _menu_fits_one_line(visit("/", "referent-01-home"))
    visit("/gouvernance/signalements/", "referent-02-reports")
    visit("/cas-usage/", "referent-03-register")
    visit("/gouvernance/cycle-de-vie/", "referent-04-lifecycle")


def test_dpo(world, login, visit):
    login(world.users["dpo"])
    _menu_fits_one_line(visit("/", "dpo-01-home"))
    journal = visit("/journal/", "dpo-02-journal")
    table = journal.inner_text("#audit-entries")
    assert "{'" not in table and '{"' not in table
    assert "assistant.case_created" not in table and "llm.call" not in table
    assert "Nouveau cas ouvert" in table and "Étape du cycle de vie" not in table
    assert (
        "Cas d'usage « Répondre à une question d'un agent à partir des textes » : Proposé → Analyse DPO / RSSI (AIPD)."
        in table
    )
    assert "« reponse-question-agent »" not in table  # the register's name, not the slug
    journal.select_option("#id_action", "policy.")
    journal.click("#audit-filters button[type=submit]")
    journal.wait_for_load_state("networkidle")
    assert "Demande refusée par le garde-fou" in journal.inner_text("#audit-entries")
    assert_accessible(journal, "dpo-03-journal-filtered")
    visit("/gouvernance/cycle-de-vie/reponse-question-agent/", "dpo-04-lifecycle-operational")
    visit("/tableaux-de-bord/", "dpo-05-dashboard")


def test_training_service(world, login, visit):
    from django.utils import timezone

    login(world.users["formation"])
    _menu_fits_one_line(visit("/", "training-01-home"))
    plan = visit("/formation/plan/", "training-02-plan")
    assert plan.input_value("#id_completion-on") == f"{timezone.localdate():%Y-%m-%d}"
    visit("/formation/", "training-03-self-assessment")


def test_staff_representative(world, login, visit):
    from django.utils import timezone

    login(world.users["representant"])
    _menu_fits_one_line(visit("/", "staffrep-01-home"))
    board = visit("/tableaux-de-bord/", "staffrep-02-dashboard")
    assert "Pourquoi masquer ?" in board.inner_text("main")
    assert "endormi" not in board.inner_text("main")
    register = visit("/cas-usage/", "staffrep-03-register")
    assert "Généralisé" in register.inner_text("main")
    from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

    use_case = UseCase.objects.get(slug=OPERATIONAL_USE_CASE)
    detail = visit(f"/cas-usage/{use_case.slug}/", "staffrep-04-operational").inner_text("main")
    assert "pas encore" not in detail, detail  # informed, validated, reviewed: nothing missing
    assert f"le {use_case.staff_rep_informed_on:%d/%m/%Y}" in detail
    assert f"le {timezone.localtime(use_case.direction_validated_at):%d/%m/%Y}" in detail
    lifecycle = visit(f"/gouvernance/cycle-de-vie/{use_case.slug}/", "staffrep-05-lifecycle")
    assert "CSA académique" in lifecycle.inner_text("main")
    assert "Généralisé" in lifecycle.inner_text("main")


def test_administrator(world, login, visit):
    login(world.users["admin"])
    home = visit("/", "admin-01-home")
    _menu_fits_one_line(home)
    visit("/sources/", "admin-02-sources")
    visit("/tableaux-de-bord/", "admin-03-dashboard")
    visit("/gouvernance/", "admin-04-kit")
    visit("/cas-usage/", "admin-05-register")


def test_direction_dashboard_with_the_demo_activity(world, login, visit):
    from rhia.assistant.demo_activity import seed_activity

    assert seed_activity() == 70
    login(world.users["representant"])
    board = visit("/tableaux-de-bord/", "staffrep-06-dashboard-activity")
    for kpi in ("#kpi-dossiers", "#kpi-actifs", "#kpi-sans-modification", "#kpi-mediane"):
        assert board.inner_text(kpi).strip() not in ("< 5", "—", ""), kpi
    assert board.inner_text("#kpi-sans-modification").strip() == "30 %"  # 3 of the 10 exports
