"""The page "Vérifier un document" in Debian's chromium: upload an export, read the verdict."""

from __future__ import annotations

import pytest

from rhia.provenance.services import export_answer
from tests.provenance.answers import answer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_upload_a_converted_copy_in_the_browser(make_user, browser_login, live_server, screenshot, tmp_path):
    page = browser_login(make_user("agent_rh"))
    result = export_answer(answer(), "pdf")
    page.goto(f"{live_server.url}/verifier/")
    assert page.locator("h1").inner_text() == "Vérifier un document"
    screenshot("provenance-01-verifier")
    path = tmp_path / result.filename
    path.write_bytes(result.content)
    page.set_input_files("#id_document", str(path))
    page.click("text=Vérifier le fichier")
    page.wait_for_selector("#resultat-verification")
    alert = page.locator("[data-status]")
    assert alert.get_attribute("data-status") == "exact"
    assert "Claire Dupont-Lefèvre" in page.locator("#resultat-verification").inner_text()
    screenshot("provenance-02-resultat")
    page.fill("#id_code", "RHIA-0000-0000")
    page.click("text=Rechercher la référence")
    page.wait_for_selector("[data-status]")
    assert page.locator("[data-status]").get_attribute("data-status") == "unknown"
