"""Search page and API for agents; the page in the browser."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_search_page_empty_database(client, make_user):
    client.force_login(make_user("agent_rh"))
    response = client.get(reverse("search:page"), {"q": "congés"})
    assert response.status_code == 200
    assert "Aucun texte en vigueur" in response.content.decode()


def test_search_page_forbidden_without_permission(client, make_user):
    client.force_login(make_user("dpo"))
    assert client.get(reverse("search:page")).status_code == 403


def test_search_page_highlights_terms(client, make_user, corpus):
    client.force_login(make_user("agent_rh"))
    html = client.get(reverse("search:page"), {"q": "télétravail"}).content.decode()
    assert "Télétravail dans le secteur public" in html
    assert "<mark>télétravail</mark>" in html
    assert 'href="https://www.service-public.fr/particuliers/vosdroits/F90002"' in html


def test_search_page_bad_date(client, make_user, corpus):
    client.force_login(make_user("agent_rh"))
    html = client.get(reverse("search:page"), {"q": "CLM", "date": "n'importe"}).content.decode()
    assert "Date invalide" in html


def test_search_api(client, make_user, corpus):
    client.force_login(make_user("agent_rh"))
    data = client.get("/api/search/", {"q": "CLM", "level": "passages", "k": 3}).json()
    assert data["results"] and data["results"][0]["section_path"] is not None
    assert client.get("/api/search/", {"q": "CLM", "level": "x"}).status_code == 400
    client.force_login(make_user("dpo"))
    assert client.get("/api/search/", {"q": "CLM"}).status_code == 403


@pytest.mark.browser
def test_search_page_in_browser(transactional_db, make_user, browser_login, live_server, screenshot, corpus):
    page = browser_login(make_user("agent_rh"))
    page.goto(f"{live_server.url}{reverse('search:page')}")
    page.fill("#id_q", "congé de longue maladie")
    page.click("#rhia-search-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    results = page.locator(".rhia-search-result")
    assert results.count() >= 2
    assert "congé de longue maladie" in results.first.inner_text().lower()
    assert page.locator(".rhia-search-result mark").count() > 0
    screenshot("search-page")
