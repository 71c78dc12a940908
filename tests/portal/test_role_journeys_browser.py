"""One journey per role in Chromium: each main page is screenshotted (var/screenshots/journey-*),
checked for the fixes of issue #18, and passed through axe-core (0 violations)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

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
    with case.expect_download() as download:
        case.click("#export-pdf")
    pdf = SCREENSHOTS / "journey-agent-export.pdf"
    shutil.copy(download.value.path(), pdf)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info
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
    visit("/", "referent-01-home")
    visit("/gouvernance/signalements/", "referent-02-reports")
    visit("/cas-usage/", "referent-03-register")
    visit("/gouvernance/cycle-de-vie/", "referent-04-lifecycle")


def test_dpo(world, login, visit):
    login(world.users["dpo"])
    visit("/", "dpo-01-home")
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
    visit("/", "training-01-home")
    plan = visit("/formation/plan/", "training-02-plan")
    assert plan.input_value("#id_completion-on") == f"{timezone.localdate():%Y-%m-%d}"
    visit("/formation/", "training-03-self-assessment")


def test_staff_representative(world, login, visit):
    login(world.users["representant"])
    visit("/", "staffrep-01-home")
    board = visit("/tableaux-de-bord/", "staffrep-02-dashboard")
    assert "Pourquoi masquer ?" in board.inner_text("main")
    assert "endormi" not in board.inner_text("main")
    register = visit("/cas-usage/", "staffrep-03-register")
    assert "Généralisé" in register.inner_text("main")
    detail = visit("/cas-usage/reponse-question-agent/", "staffrep-04-operational")
    assert "CSA académique" in detail.inner_text("main") or "non" not in detail.inner_text("main")
    visit("/gouvernance/cycle-de-vie/reponse-question-agent/", "staffrep-05-lifecycle")


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

    assert seed_activity() == 20
    login(world.users["representant"])
    board = visit("/tableaux-de-bord/", "staffrep-06-dashboard-activity")
    assert board.inner_text("#kpi-dossiers").strip() not in ("< 5", "")
    assert board.inner_text("#kpi-actifs").strip() not in ("< 5", "")
