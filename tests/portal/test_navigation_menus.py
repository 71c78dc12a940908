"""The main menu is grouped (fits at 1280 px), skip links are filled, representatives read the dashboards."""

from __future__ import annotations

import pytest

from rhia.accounts.roles import Role
from rhia.portal.navigation import NAV_ITEMS, menus_for

pytestmark = pytest.mark.django_db


def test_every_entry_sits_in_one_of_five_menus():
    assert {item.group for item in NAV_ITEMS} == {
        "Assistant",
        "Cadre d'usage",
        "Formation",
        "Pilotage",
        "Administration",
    }


def test_the_administrator_gets_a_few_menus_not_a_wrapping_line(make_user):
    admin = make_user(Role.ADMIN.value)
    menus = menus_for(admin, "/journal/")
    assert 3 <= len(menus) <= 6
    assert sum(len(menu["items"]) for menu in menus) >= 8
    labels = [item["label"] for menu in menus for item in menu["items"]]
    assert len(labels) == len(set(labels))


def test_pages_carry_skip_links_and_grouped_menus(client, make_user):
    client.force_login(make_user(Role.VALIDATOR.value))
    page = client.get("/").content.decode()
    assert 'href="#content"' in page and 'href="#fr-navigation"' in page and 'href="#footer"' in page
    assert 'class="fr-nav__btn"' in page and 'class="fr-collapse fr-menu"' in page
    client.logout()
    assert 'href="#content"' in client.get("/comptes/connexion/").content.decode()


def test_staff_representatives_read_the_same_dashboards_as_the_direction(client, make_user):
    client.force_login(make_user(Role.STAFF_REP.value, structure="academy"))
    page = client.get("/tableaux-de-bord/")
    assert page.status_code == 200
    assert "moins de 5 personnes" in page.content.decode()
    assert "endormi" not in page.content.decode()
    assert client.get("/tableaux-de-bord/export.csv").status_code in (200, 404)
