"""The detection test page: permission, review form, pseudonymized result; and the review JS in a browser."""

import pytest

from rhia.privacy.models import Correction, Vault

TEXT = "Bonjour,\nJe suis Mme Durand, NIR 1 85 05 78 006 084 91. Mon collègue Kerlouan est en arrêt maladie."


@pytest.mark.django_db
def test_page_permission(client, make_user):
    client.force_login(make_user("formation"))
    assert client.get("/confidentialite/essai/").status_code == 403
    client.force_login(make_user("agent_rh"))
    response = client.get("/confidentialite/essai/")
    assert response.status_code == 200 and "Tester la détection" in response.content.decode()


@pytest.mark.django_db
def test_scan_review_and_pseudonymize(client, make_user):
    client.force_login(make_user("agent_rh"))
    page = client.post("/confidentialite/essai/", {"text": TEXT}).content.decode()
    assert 'name="remove"' in page and "rhia-pii--person" in page
    response = client.post(
        "/confidentialite/essai/",
        {"text": TEXT, "step": "review", "add_value": "Kerlouan", "add_label": "PERSON"},
    )
    page = response.content.decode()
    assert "Mme [PERSONNE_1], NIR [NIR_1]. Mon collègue [PERSONNE_2] est en arrêt maladie." in page
    assert "sensible" in page and "Santé" in page
    assert Vault.objects.count() == 0 and Correction.objects.count() == 0  # nothing stored


@pytest.mark.django_db
def test_bad_review_input_keeps_the_text(client, make_user):
    client.force_login(make_user("agent_rh"))
    response = client.post(
        "/confidentialite/essai/",
        {"text": TEXT, "step": "review", "add_value": "Martin", "add_label": "PERSON"},
    )
    page = response.content.decode()
    assert "introuvable dans le texte" in page
    assert "Kerlouan est en arrêt maladie" in page  # the text is still there, nothing lost
    assert (
        client.post("/confidentialite/essai/", {"text": "  "}).content.decode().count("Collez un texte") == 1
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_review_in_browser_select_and_remove(browser_login, make_user, live_server, screenshot):
    page = browser_login(make_user("agent_rh"))
    page.goto(f"{live_server.url}/confidentialite/essai/")
    page.fill("#privacy-text", TEXT)
    page.click("#privacy-scan-submit")
    page.wait_for_load_state("networkidle")
    assert page.locator("mark.rhia-pii").count() == 2
    # select "Kerlouan" with the mouse-equivalent API, then mask it
    page.evaluate(
        """() => {
        const box = document.getElementById('pii-text');
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode, at = node.data.indexOf('Kerlouan');
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + 'Kerlouan'.length);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            return;
          }
        }
      }"""
    )
    page.wait_for_selector("#pii-add-selection:not([hidden])")
    assert page.locator("#pii-selection-text").inner_text() == "Kerlouan"
    page.select_option("#pii-add-label", "PERSON")
    page.click("#pii-add-selection")
    assert "Ajouté : « Kerlouan »" in page.locator("#pii-added-spans").inner_text()
    # the NIR is not a false positive, but untick "Mme Durand" to check removal
    page.check("#pii-remove-2", force=True)
    screenshot("privacy-review")
    page.click("#privacy-review-submit")
    page.wait_for_load_state("networkidle")
    result = page.locator("#privacy-pseudonymized").inner_text()
    assert (
        result == "Bonjour,\nJe suis Mme Durand, NIR [NIR_1]. Mon collègue [PERSONNE_1] est en arrêt maladie."
    )
    screenshot("privacy-result")
