"""The teacher's e-mail of issue #12 in Debian's chromium, with the real embedded model in a worker:
situation chips FPE / titulaire -> F486's State sections pre-ticked -> the extractive answer first,
stating "de droit" and the quotités -> model drafts arrive -> the agent chooses one -> export."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.drafting.conftest import real_fiches  # noqa: F401 — shared fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(2400),
]

EMAIL = (
    "Objet : demande de temps partiel\n\nBonjour,\n\nJe suis professeure certifiée au collège Jean Moulin, "
    "titulaire depuis 2015. Ma fille a deux ans et je souhaite travailler à 80 % à la rentrée pour "
    "l'élever. Est-ce de droit ?\n\nCordialement,\nCamille Bernard"
)


@pytest.fixture
def teacher_data(real_fiches, make_user, grant_assistant_access, settings):  # noqa: F811
    from rhia.llm import seed as llm_seed
    from tests.assistant.conftest import seed_register

    settings.RHIA_DRAFTS_N = 2  # two model drafts: the machine has 2 cores
    settings.RHIA_DRAFT_RETRY = False
    seed_register()
    llm_seed.run()
    return grant_assistant_access(make_user("agent_rh", username="agent.demo", first_name="Alice"))


def test_teacher_part_time_request(
    page, browser_login, live_server, screenshot, teacher_data, worker, settings
):
    from rhia.jobs.worker import models_loaded

    agent = teacher_data
    held_before = models_loaded()  # a model test earlier in this pytest process may hold one
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 100_000  # the real fiches are old: freshness is tested elsewhere
    worker.start()  # after teacher_data: the worker inherits its drafting settings
    page.set_default_timeout(180_000)
    page.set_default_navigation_timeout(180_000)
    from rhia.privacy.detect import scan

    scan("Camille Bernard")  # the NER model loaded before the clock runs
    browser_login(agent)
    page.goto(f"{live_server.url}/assistant/")
    page.click("#new-case")
    page.fill("#text", EMAIL)
    page.click("#intake-submit")
    page.wait_for_url("**/donnees/")
    page.click("#review-confirm")
    page.wait_for_url("**/sources/")

    # Situation read from the e-mail, shown as chips the agent confirms.
    assert page.inner_text("#chip-versant").startswith("FPE")
    assert "titulaire" in page.inner_text("#chip-statut")
    page.click("#situation-confirm")
    page.wait_for_url("**/sources/")
    assert page.locator("#chip-confirmed").count() == 1
    # F486's State sections are pre-ticked; nothing of another versant is.
    ticked = page.locator("#sources-form input[name=source]:checked")
    assert ticked.count() >= 1
    labels = [page.inner_text(f"label[for='{box.get_attribute('id')}']") for box in ticked.all()]
    assert any(label.startswith("F486") for label in labels), labels
    assert not any(" FPT" in label or " FPH" in label for label in labels), labels
    screenshot("teacher-01-sources")
    page.click("#generate-drafts")
    page.wait_for_url("**/propositions/")

    # The extractive answer is there first, before any model draft, and states the key points.
    first = page.locator("#draft-1")
    first.wait_for(state="attached", timeout=30_000)
    answer = first.locator(".rhia-draft-text").inner_text()
    assert "Réponse tirée des textes" in first.locator("h3").inner_text()
    assert "de droit" in answer and "80 %" in answer and "50 %" in answer, answer
    screenshot("teacher-02-extractive")

    # The model drafts arrive (written by the worker), each verified or flagged.
    page.wait_for_selector("#drafts[data-complete=true]", state="attached", timeout=1_800_000)
    cards = page.locator(".rhia-draft")
    assert cards.count() >= 2
    titles = " ".join(page.locator(".rhia-draft h3").all_inner_texts())
    assert "Réponse courte" in titles or "Réponse détaillée" in titles, titles
    texts = page.locator(".rhia-draft .rhia-draft-text").all_inner_texts()
    assert not any("[PERSONNE_" in text for text in texts)
    assert not any("Camille Bernard" in text for text in texts[1:])  # no draft restates her e-mail
    screenshot("teacher-03-drafts")
    _check_model_drafts()
    _check_one_model_in_the_worker_and_none_here(held_before)

    # The agent starts from the second proposal (the first model draft), validates it, exports it.
    page.click("#choose-2")
    page.wait_for_url("**/redaction/")
    if page.locator("label[for=sources_checked]").count():
        page.click("label[for=sources_checked]")  # DSFR: the label covers the checkbox
    page.click("#self-validate")
    page.wait_for_load_state("networkidle")
    from rhia.assistant.models import Case

    page.goto(f"{live_server.url}/assistant/cas/{Case.objects.get().pk}/")
    assert "validé" in page.inner_text("#case-status").lower()
    with page.expect_download() as download_info:
        page.click("#export-docx")
    exported = Path(download_info.value.path()).read_bytes()
    screenshot("teacher-04-exported")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(exported)).paragraphs)
    assert "Situation prise en compte : fonctionnaire titulaire" in text
    assert "fonction publique de l'État" in text and "F486" in text


def _check_model_drafts() -> None:
    from rhia.assistant.models import Case

    case = Case.objects.get()
    drafts = list(case.drafts.order_by("index"))
    assert drafts[0].style == "extractive" and drafts[0].verified
    model = [d for d in drafts if d.style != "extractive"]
    assert model and all(d.text.strip() for d in model)
    assert any("F486" in d.citations for d in model)


def _check_one_model_in_the_worker_and_none_here(held_before: int) -> None:
    """The 1.1 GB model was loaded once, by the worker that wrote the drafts; never by the web side."""
    import time

    from rhia.jobs.models import WorkerBeat
    from rhia.jobs.worker import models_loaded

    deadline = time.monotonic() + 60
    beat = WorkerBeat.objects.get()
    while beat.models_loaded == 0 and time.monotonic() < deadline:  # the next heartbeat reports it
        time.sleep(0.5)
        beat = WorkerBeat.objects.get()
    assert beat.models_loaded == 1, beat.models_loaded
    assert beat.rss_mb > 500, beat.rss_mb  # the weights are resident in the worker
    assert models_loaded() == held_before  # this process served the pages (live server): it loaded none
