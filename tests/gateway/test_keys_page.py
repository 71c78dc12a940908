"""A user's API keys: created on their page, shown once, stored hashed, revoked by them only."""

from __future__ import annotations

import html

import pytest

from rhia.gateway.keys import hash_key, resolve_key
from rhia.gateway.models import ApiKey


@pytest.mark.django_db
def test_key_is_shown_once_and_stored_hashed(client, make_user, use_case):
    agent = make_user("agent_rh")
    client.force_login(agent)
    response = client.post(
        "/cles-api/", {"name": "Complément Word", "use_cases": [use_case.pk], "default_use_case": use_case.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Copiez-la maintenant" in page
    secret = page.split('id="rhia-new-key">')[1].split("<")[0]
    key = ApiKey.objects.get(user=agent)
    assert key.key_hash == hash_key(secret) and secret not in (key.prefix, key.key_hash)
    assert resolve_key(secret) == key
    assert secret not in client.get("/cles-api/").content.decode()


@pytest.mark.django_db
def test_default_use_case_must_be_allowed(client, make_user, use_case):
    from rhia.policy.models import Category, Status, UseCase

    other = UseCase.objects.create(
        slug="fiches-de-poste",
        name="Rédiger des fiches de poste",
        category=Category.DESIRABLE,
        status=Status.PILOT,
    )
    client.force_login(make_user("agent_rh"))
    response = client.post(
        "/cles-api/", {"name": "x", "use_cases": [use_case.pk], "default_use_case": other.pk}
    )
    assert "doit faire partie des cas d'usage autorisés" in html.unescape(response.content.decode())
    assert not ApiKey.objects.exists()


@pytest.mark.django_db
def test_only_the_owner_revokes(client, make_user, agent_key):
    _agent, key, secret = agent_key
    client.force_login(make_user("agent_rh"))
    assert client.post(f"/cles-api/{key.pk}/revoquer/").status_code == 404
    client.force_login(key.user)
    assert client.get(f"/cles-api/{key.pk}/revoquer/").status_code == 405
    client.post(f"/cles-api/{key.pk}/revoquer/")
    assert resolve_key(secret) is None


@pytest.mark.django_db
def test_staff_representative_cannot_create_keys(client, make_user, use_case):
    client.force_login(make_user("representant"))
    assert (
        client.post(
            "/cles-api/", {"name": "x", "use_cases": [use_case.pk], "default_use_case": use_case.pk}
        ).status_code
        == 403
    )
    assert not ApiKey.objects.exists()


def test_stream_reidentifier_holds_back_split_placeholders():
    from rhia.gateway.reidentify_stream import StreamingReidentifier

    mapping = {"[PERSONNE_1]": "Jeanne Martin"}
    reidentifier = StreamingReidentifier(lambda text: text.replace("[PERSONNE_1]", mapping["[PERSONNE_1]"]))
    shown = (
        "".join(reidentifier.feed(c) for c in "Bonjour [PERSONNE_1], voir [1] et [") + reidentifier.flush()
    )
    assert shown == "Bonjour Jeanne Martin, voir [1] et ["
