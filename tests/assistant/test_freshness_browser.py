"""In the browser without a model: each source's date and the stale warning on the sources step, in the
drafts, on the validation page (confirmation ticked) and in the PDF / DOCX exports; an internal note
replacing a fiche is listed first with its label."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from .conftest import DRAFT_TEXTS, QUESTION, import_case_corpus, put_drafts, seed_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = (
    b"# Note de service RH 2026-07\n\n## Conges annuels\n\n"
    b"Les conges annuels sont de 25 jours ouvres par an ; le report des conges se demande avant le 31 janvier.\n"
)


@pytest.fixture
def stale_case(tmp_path, make_user, grant_assistant_access, settings):
    from rhia.assistant.services import confirm_review, open_case
    from rhia.corpus.importing import get_source, run_import
    from rhia.corpus.loaders import upload_items
    from rhia.corpus.models import Document, Source, Supersession
    from rhia.policy.models import OPERATIONAL_USE_CASE, UseCase

    settings.RHIA_SOURCE_MAX_AGE_DAYS = 180  # the fixture fiches (01/06/2025) are past it
    seed_register()
    UseCase.objects.filter(slug=OPERATIONAL_USE_CASE).update(requires_second_validation=True)
    import_case_corpus(tmp_path)
    run_import(
        get_source(Source.Kind.UPLOAD), list(upload_items([("note-conges.md", NOTE)])), total=1, label="n"
    )
    Supersession.objects.create(
        replacing=Document.objects.get(source__kind=Source.Kind.UPLOAD),
        replaced=Document.objects.get(doc_id="F99001"),
        effective_from=dt.date(2026, 1, 1),
    )
    agent = grant_assistant_access(
        make_user("agent_rh", username="agent.f", first_name="Alice", last_name="Martin")
    )
    validator = grant_assistant_access(
        make_user("valideur", username="valideur.f", first_name="Victor", last_name="Leroy")
    )
    return agent, validator, confirm_review(open_case(agent, text=QUESTION), agent)


def _logout(page):
    page.click("form[action='/comptes/deconnexion/'] button")
    page.wait_for_load_state("networkidle")


def test_freshness_and_supersession_in_the_browser(page, browser_login, live_server, screenshot, stale_case):
    from rhia.assistant.models import Case

    agent, validator, case = stale_case
    page.set_default_timeout(120_000)
    browser_login(agent)
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/sources/")
    form = page.inner_text("#sources-form")
    assert "Fiche mise à jour le 01/06/2025" in form and page.is_visible("#stale-notice")
    assert page.locator("#sources-form .rhia-stale").count() >= 1
    # DSFR badges are upper-cased by CSS: compare in lower case.
    first = page.locator("#sources-form .fr-fieldset__element").first.inner_text().lower()
    assert "doc-note-conges" in first and "remplace f99001" in first
    assert "remplacé par doc-note-conges" in form.lower()
    screenshot("freshness-01-sources")
    # Drafts stored as the generation would (no model here: clicking "générer" would start it).
    texts = [DRAFT_TEXTS[0], "Madame,\n\nLa durée du congé annuel est de cinq fois vos obligations [2].\n"]
    put_drafts(Case.objects.get(pk=case.pk), agent, texts, citations=[[], ["F99001"]])
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/propositions/")
    # Draft 1 cites [1], the replacing note (recent): no warning. Draft 2 relies on F99001 (old, replaced).
    assert page.locator("#draft-1 .rhia-source-warning").count() == 0
    assert page.locator("#draft-2 .rhia-source-warning").count() >= 2
    warnings = " ".join(page.locator("#draft-2 .rhia-source-warning").all_inner_texts())
    assert "appliquez le texte qui le remplace" in warnings and "réglementation en vigueur" in warnings
    assert "Fiche mise à jour le 01/06/2025" in page.text_content("#case-sources")
    screenshot("freshness-02-drafts")
    page.click("#choose-1")
    page.wait_for_url("**/redaction/")
    page.click("#submit-validation")
    page.wait_for_load_state("networkidle")
    _logout(page)

    browser_login(validator)
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/valider/")
    notice = page.inner_text("#sources-check-notice")
    assert "Fiche mise à jour le 01/06/2025" in notice and "F99001" in notice
    page.click("#validate")  # without the confirmation: refused, with the reason
    page.wait_for_load_state("networkidle")
    assert "confirmez que vous les avez vérifiées" in page.inner_text("main")
    page.goto(f"{live_server.url}/assistant/cas/{case.pk}/valider/")
    page.click("label[for=sources_checked]")  # DSFR: the label covers the checkbox
    assert page.is_checked("#sources_checked")
    screenshot("freshness-03-validate")
    page.click("#validate")
    page.wait_for_url(f"**/cas/{case.pk}/")
    assert Case.objects.get(pk=case.pk).sources_checked
    texts = {}
    for fmt in ("docx", "pdf"):
        with page.expect_download() as download_info:
            page.click(f"#export-{fmt}")
        texts[fmt] = _text(fmt, Path(download_info.value.path()).read_bytes())
    for fmt, text in texts.items():
        assert "mis à jour le 01/06/2025" in text, fmt
        assert "Texte mis à jour il y a plus de 180 jours" in text, fmt
        assert "Remplacé par DOC-NOTE-CONGES" in text and "Remplace F99001" in text, fmt


def _text(fmt: str, content: bytes) -> str:
    if fmt == "docx":
        from docx import Document

        return " ".join(" ".join(p.text for p in Document(io.BytesIO(content)).paragraphs).split())
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
