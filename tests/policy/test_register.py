"""The use-case register: seeding, status rules, pages for every role."""

from __future__ import annotations

from io import StringIO

import pytest

from rhia.accounts.roles import Role
from rhia.policy import seed
from rhia.policy.models import OPERATIONAL_USE_CASE, Category, Status, UseCase

pytestmark = pytest.mark.django_db


def test_seed_counts_and_idempotence():
    seed.run(StringIO())
    dgafp = UseCase.objects.filter(source=seed.DGAFP)
    assert dgafp.count() == 26
    assert dgafp.filter(category=Category.DESIRABLE).count() == 5
    assert dgafp.filter(category=Category.POSSIBLE).count() == 17
    assert dgafp.filter(category=Category.FORBIDDEN).count() == 4
    assert UseCase.objects.filter(
        slug="lecture-cv-lettres-motivation", category=Category.FORBIDDEN, source=seed.MINISTRY
    ).exists()
    assert UseCase.objects.filter(
        slug="reconnaissance-emotions-travail", ai_act_qualification="interdit"
    ).exists()
    total = UseCase.objects.count()
    UseCase.objects.filter(slug=OPERATIONAL_USE_CASE).update(requires_second_validation=True)
    seed.run(StringIO())
    assert UseCase.objects.count() == total
    assert UseCase.objects.get(slug=OPERATIONAL_USE_CASE).requires_second_validation is True  # edits kept


def test_operational_use_case():
    seed.run(StringIO())
    operational = UseCase.objects.get(slug=OPERATIONAL_USE_CASE)
    assert operational.status == Status.GENERALISED and not operational.requires_second_validation
    assert operational.directive_may and operational.directive_must_not and operational.directive_must_check
    assert operational in UseCase.objects.selectable()


def test_only_pilot_or_generalised_and_never_forbidden_are_selectable():
    seed.run(StringIO())
    selectable = set(UseCase.objects.selectable().values_list("status", flat=True))
    assert selectable <= {Status.PILOT, Status.GENERALISED}
    assert not UseCase.objects.selectable().filter(category=Category.FORBIDDEN).exists()
    forbidden = UseCase.objects.filter(category=Category.FORBIDDEN).first()
    UseCase.objects.filter(pk=forbidden.pk).update(status=Status.GENERALISED)
    assert not UseCase.objects.selectable().filter(pk=forbidden.pk).exists()
    proposed = UseCase.objects.filter(status=Status.PROPOSED).first()
    assert not proposed.is_selectable
    UseCase.objects.filter(pk=proposed.pk).update(status=Status.PILOT)
    assert UseCase.objects.get(pk=proposed.pk).is_selectable


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_register_is_readable_by_every_role(client, make_user, role):
    seed.run(StringIO())
    client.force_login(make_user(role))
    page = client.get("/cas-usage/").content.decode()
    assert "Lecture des CV et des lettres de motivation" in page
    assert "Répondre à une question d&#x27;un agent" in page or "Répondre à une question d'un agent" in page


def test_register_shows_the_framework_fields(client, make_user):
    seed.run(StringIO())
    client.force_login(make_user(Role.STAFF_REP.value))
    page = client.get("/cas-usage/").content.decode()
    for label in (
        "AI Act",
        "AIPD",
        "Représentants informés",
        "Validation direction",
        "Revoyure",
        "Vous ne devez pas",
    ):
        assert label in page
    assert (
        'id="register-filters"' in page and "/administration/" not in page
    )  # read-only for staff representatives
    filtered = client.get("/cas-usage/", {"category": "interdit"}).content.decode()
    assert "Détection précoce de troubles de santé mentale" in filtered
    assert "Aide à la rédaction des fiches de poste" not in filtered


def test_register_is_empty_but_working_without_data(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    response = client.get("/cas-usage/")
    assert response.status_code == 200 and "rhia demo" in response.content.decode()


def test_detail_page(client, make_user):
    seed.run(StringIO())
    client.force_login(make_user(Role.AGENT_RH.value))
    page = client.get(f"/cas-usage/{OPERATIONAL_USE_CASE}/").content.decode()
    assert "Vous devez vérifier" in page and "Généralisé" in page
    page = client.get("/cas-usage/reconnaissance-emotions-travail/").content.decode()
    assert "interdit" in page
    assert client.get("/cas-usage/inconnu/").status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert client.get("/cas-usage/").status_code == 302
