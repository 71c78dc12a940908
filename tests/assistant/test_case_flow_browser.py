"""The whole case in Debian's chromium, with the real embedded model: an agent prepares, a validator
validates, the exports are opened with python-docx, pypdf and LibreOffice and verified by hash."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from .conftest import import_case_corpus, seed_register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(2400),
]

EMAIL = (
    "De : Marie Durand <marie.durand@example.fr>\n"
    "Objet : congés annuels\n\n"
    "Bonjour,\n\nJe suis Marie Durand, adjointe administrative au lycée Jean Moulin. Combien de jours de "
    "congés annuels ai-je par an, et puis-je reporter des congés sur l'année suivante ?\n"
    "Mon téléphone : 06 12 34 56 78.\n\nMerci,\nMarie Durand"
)


@pytest.fixture
def flow_data(tmp_path, make_user, grant_assistant_access, settings):
    from rhia.llm import seed as llm_seed
    from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

    settings.RHIA_DRAFTS_N = 2
    settings.RHIA_DRAFT_MAX_TOKENS = 120
    settings.RHIA_DRAFT_RETRY = False
    seed_register()
    import_case_corpus(tmp_path)
    llm_seed.run()
    UseCase.objects.filter(slug=OPERATIONAL_USE_CASE).update(requires_second_validation=True)
    agent = grant_assistant_access(
        make_user("agent_rh", username="agent.demo", first_name="Alice", last_name="Martin")
    )
    validator = grant_assistant_access(
        make_user("valideur", username="valideur.demo", first_name="Victor", last_name="Leroy")
    )
    return agent, validator


def _logout(page):
    page.click("form[action='/comptes/deconnexion/'] button")
    page.wait_for_load_state("networkidle")


def test_whole_flow(
    page, browser_login, live_server, screenshot, flow_data, worker, tmp_path, settings, monkeypatch
):
    agent, validator = flow_data
    settings.RHIA_SOURCE_MAX_AGE_DAYS = 180  # the fixture fiches (01/06/2025) are past it from 2025-11-28
    monkeypatch.setenv("RHIA_SOURCE_MAX_AGE_DAYS", "180")
    worker.start()  # after flow_data: the worker inherits its drafting settings
    # The machine may be busy (2 cores): generous timeouts, and the NER model loaded before the clock runs.
    page.set_default_timeout(180_000)
    page.set_default_navigation_timeout(180_000)
    from rhia.privacy.detect import scan

    scan("Marie Durand")
    browser_login(agent)
    page.goto(f"{live_server.url}/assistant/")
    screenshot("case-01-home")
    page.click("#new-case")
    assert "Ce que vous pouvez faire" in page.inner_text("main")
    page.fill("#text", EMAIL)
    screenshot("case-02-intake")
    page.click("#intake-submit")
    page.wait_for_url("**/donnees/")

    # Privacy review: detections highlighted; the agent adds one the detection missed.
    marks = page.locator("mark.rhia-pii")
    assert marks.count() >= 3
    highlighted = " ".join(marks.all_inner_texts())
    assert "Marie Durand" in highlighted and "marie.durand@example.fr" in highlighted
    page.fill("#pii-add-value", "lycée Jean Moulin")
    page.select_option("#pii-add-label", "OTHER")
    screenshot("case-03-review")
    page.click("#review-confirm")
    page.wait_for_url("**/sources/")

    # Sources: official passages; the question as the model will see it has no personal data.
    question = page.locator("#pseudonymized-question").inner_text()
    assert "Marie Durand" not in question and "lycée Jean Moulin" not in question and "06 12" not in question
    ticked = page.locator("#sources-form input[name=source]:checked")
    assert ticked.count() >= 1
    assert "F99001" in page.inner_text("#sources-form")
    # Freshness: each source's date, and the warning on the old ones.
    assert "Fiche mise à jour le 01/06/2025" in page.inner_text("#sources-form")
    assert page.locator("#sources-form .rhia-stale").count() >= 1 and page.is_visible("#stale-notice")
    # Keep the two best passages (short prompt: the machine has 2 cores).
    # The DSFR draws the box on the label, over the input: click the label, as a user does.
    while ticked.count() > 2:
        box_id = ticked.last.get_attribute("id")
        page.click(f"label[for='{box_id}']")
        page.wait_for_function("id => !document.getElementById(id).checked", arg=box_id)
    screenshot("case-04-sources")
    page.click("#generate-drafts")
    page.wait_for_url("**/propositions/")

    # Drafts, written by the worker: at least two, side by side, re-identified for the agent.
    try:
        page.wait_for_selector("#drafts[data-complete=true]", state="attached", timeout=1_500_000)
    except Exception:
        screenshot("case-05-drafts-timeout")
        raise
    cards = page.locator(".rhia-draft")
    assert cards.count() >= 2
    # Each draft says its sources are old and must be checked against the current rules.
    assert page.locator(".rhia-draft .rhia-source-warning").count() >= 2
    assert "Fiche mise à jour le 01/06/2025" in page.text_content("#case-sources")
    # Re-identified for the agent: no placeholder is shown.
    texts = page.locator(".rhia-draft .rhia-draft-text").all_inner_texts()
    assert not any("[PERSONNE_" in text or "[TELEPHONE_" in text for text in texts)
    assert page.locator("text=Tout accepter").count() == 0
    citation = page.locator(".rhia-draft a.rhia-cite").first
    if citation.count():
        citation.click()
        target = citation.get_attribute("href")
        assert page.locator(f"{target} .fr-accordion__btn").get_attribute("aria-expanded") == "true"
    screenshot("case-05-drafts")
    _check_generation()
    page.click("#choose-1")
    page.wait_for_url("**/redaction/")

    # Edit: the agent adds a closing line in bold; the diff and the unchanged share are shown.
    editor = page.locator("#editor")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.click("[data-command=bold]")
    # The closing line names the staff member: the validator and the exports must show the name.
    page.keyboard.type("Madame Marie Durand, le service des ressources humaines reste à votre disposition.")
    page.click("#save-final")
    page.wait_for_load_state("networkidle")
    assert "reste à votre disposition" in " ".join(page.locator("#case-diff ins").all_inner_texts())
    share = page.inner_text("#unchanged-share")
    assert "%" in share
    screenshot("case-06-edit")
    page.click("#submit-validation")
    page.wait_for_load_state("networkidle")
    assert "en validation" in page.inner_text("#case-status").lower()
    _logout(page)

    # The validator: queue, diff and sources, validation, exports.
    browser_login(validator)
    page.goto(f"{live_server.url}/assistant/validation/")
    screenshot("case-07-queue")
    page.click("#queue a.fr-btn")
    page.wait_for_url("**/valider/")
    assert page.locator("#case-diff ins").count() >= 1
    assert page.locator("#case-sources section").count() >= 1
    assert "Marie Durand" in page.inner_text("#final-text")
    # The validator confirms the old sources were checked (recorded with the validation).
    assert "Fiche mise à jour le 01/06/2025" in page.inner_text("#sources-check-notice")
    page.click("label[for=sources_checked]")  # DSFR: the label covers the checkbox
    assert page.is_checked("#sources_checked")
    screenshot("case-08-validate")
    page.click("#validate")
    page.wait_for_load_state("networkidle")
    assert "validé" in page.inner_text("#case-status").lower()
    files = {}
    for fmt in ("docx", "pdf"):
        with page.expect_download() as download_info:
            page.click(f"#export-{fmt}")
        download = download_info.value
        files[fmt] = (download.suggested_filename, Path(download.path()).read_bytes())
    page.reload()
    screenshot("case-09-exported")
    assert "exporté" in page.inner_text("#case-status").lower()
    _check_exports(files, tmp_path)


def _check_generation() -> None:
    """The drafts came from the model through the journaled gate, on the pseudonymized question only."""
    from rhia.assistant.models import Case
    from rhia.audit.models import JournalEntry

    case = Case.objects.get()
    drafts = list(case.drafts.all())
    assert len(drafts) >= 2 and all(draft.text.strip() for draft in drafts)
    assert not any("Marie Durand" in draft.text for draft in drafts)
    assert case.draft_passages == [s["passage_id"] for s in case.selected_sources] and case.provider
    entry = JournalEntry.objects.get(action="assistant.drafts_generated")
    assert entry.payload["n"] == len(drafts) and entry.payload["provider"] == case.provider
    assert JournalEntry.objects.filter(action="llm.call").count() >= 2
    assert "Durand" not in str(list(JournalEntry.objects.values_list("payload", flat=True)))


def _check_exports(files: dict, tmp_path: Path) -> None:
    from docx import Document
    from pypdf import PdfReader

    from rhia.provenance.services import verify_file

    mention = "Réponse préparée avec l'aide de l'outil d'IA rhia"
    docx_name, docx_bytes = files["docx"]
    document = Document(io.BytesIO(docx_bytes))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert mention in text and "Victor Leroy" in text and "Marie Durand" in text
    assert "mis à jour le 01/06/2025" in text and "Texte mis à jour il y a plus de 180 jours" in text
    assert "reste à votre disposition" in text
    from rhia.provenance.metadata import read_docx, read_pdf

    meta = read_docx(docx_bytes)
    assert meta, "DOCX custom properties missing"
    assert any("compositeWithTrainedAlgorithmicMedia" in str(value) for value in meta.values())

    pdf_name, pdf_bytes = files["pdf"]
    reader = PdfReader(io.BytesIO(pdf_bytes))
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    assert "outil d'IA rhia" in " ".join(pdf_text.split())
    assert "mis à jour le 01/06/2025" in " ".join(pdf_text.split())
    xmp = reader.xmp_metadata
    assert xmp is not None and b"DigitalSourceType" in xmp.stream.get_data()
    assert any("compositeWithTrainedAlgorithmicMedia" in str(value) for value in read_pdf(pdf_bytes).values())

    assert verify_file(docx_name, docx_bytes).status == "exact"
    assert verify_file(pdf_name, pdf_bytes).status == "exact"

    # LibreOffice converts the DOCX: a different file with the same text is still recognised.
    source = tmp_path / docx_name
    source.write_bytes(docx_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["/usr/bin/soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "converted"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    converted = (tmp_path / "converted" / source.with_suffix(".pdf").name).read_bytes()
    converted_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(converted)).pages)
    assert "outil d'IA rhia" in " ".join(converted_text.split())
    result = verify_file("converti.pdf", converted)
    assert result.status in ("same_text", "exact"), result.status
    assert result.record is not None and result.record.validator_name == "Victor Leroy"
