"""Separation of powers on provider records (#17 point 2): an administrator cannot make rhia send
one of its own secrets to an endpoint, nor route personal data to an external service."""

from __future__ import annotations

import importlib

import pytest

from rhia.llm import classes, routing
from rhia.llm.clients import build_client
from rhia.llm.models import Provider
from tests.gateway.upstream import RecordingUpstream

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Albert",
    "kind": classes.OPENAI,
    "trust_level": classes.SOVEREIGN_CLOUD,
    "data_classes": [classes.PUBLIC, classes.PERSONAL],
    "purposes": [classes.GENERATION],
    "enabled": "on",
    "priority": "10",
    "base_url": "https://albert.example.gouv.fr/v1",
    "model": "albert-large",
    "api_key_env": "RHIA_PROVIDER_KEY_ALBERT",
    "timeout_seconds": "60",
    "max_retries": "2",
    "description": "",
}


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("administrateur"))
    return client


def _refused(admin_client, message: str, **changes) -> None:
    response = admin_client.post("/administration/llm/provider/add/", {**FORM, **changes})
    assert response.status_code == 200, changes
    assert message in response.content.decode(), changes
    assert not Provider.objects.filter(name="Albert").exists()


@pytest.mark.parametrize(
    "variable", ["RHIA_DEMO_PASSWORD", "RHIA_VAULT_KEY", "DATABASE_URL", "rhia_provider_key_x"]
)
def test_key_variable_must_have_the_provider_prefix(admin_client, variable):
    _refused(admin_client, "RHIA_PROVIDER_KEY_", api_key_env=variable)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "URL valide"),
        ("https://user:motdepasse@albert.example.gouv.fr/v1", "identifiants"),
        ("https://albert.example.gouv.fr/v1?key=x", "paramètres"),
        ("https://albert.example.gouv.fr:99999/v1", "invalide"),
    ],
)
def test_base_url_is_validated(admin_client, url, message):
    _refused(admin_client, message, base_url=url)


def test_external_provider_never_receives_personal_or_sensitive_data(admin_client):
    _refused(admin_client, "ne peut pas recevoir", trust_level=classes.EXTERNAL)
    _refused(
        admin_client, "ne peut pas recevoir", trust_level=classes.EXTERNAL, data_classes=[classes.SENSITIVE]
    )
    _refused(
        admin_client,
        "HTTPS",
        trust_level=classes.EXTERNAL,
        data_classes=[classes.PUBLIC],
        base_url="http://api.example.com/v1",
    )
    response = admin_client.post(
        "/administration/llm/provider/add/",
        {**FORM, "trust_level": classes.EXTERNAL, "data_classes": [classes.PUBLIC, classes.INTERNAL]},
    )
    assert response.status_code == 302


def test_a_record_written_around_the_form_still_gets_no_personal_data():
    Provider.objects.all().delete()
    Provider.objects.create(
        name="Externe",
        kind=classes.OPENAI,
        trust_level=classes.EXTERNAL,
        data_classes=[classes.PUBLIC, classes.PERSONAL, classes.SENSITIVE],
        purposes=[classes.GENERATION],
        base_url="https://api.example.com/v1",
    )
    assert [p.name for p in routing.candidates(classes.PUBLIC)] == ["Externe"]
    for data_class in (classes.PERSONAL, classes.SENSITIVE):
        with pytest.raises(routing.NoProviderAvailable):
            routing.candidates(data_class)


def _call(provider: Provider, upstream: RecordingUpstream) -> dict:
    client = build_client(provider)
    try:
        client.chat([{"role": "user", "content": "Bonjour"}])
    finally:
        client.close()
    return upstream.received[-1]["headers"]


def test_only_provider_key_variables_are_ever_sent(settings, monkeypatch):
    monkeypatch.setenv("RHIA_DEMO_PASSWORD", "le-mot-de-passe-des-comptes-de-demo")
    settings.RHIA_PROVIDER_KEYS = {"RHIA_PROVIDER_KEY_TEST": "cle-du-fournisseur"}
    with RecordingUpstream() as upstream:
        provider = Provider.objects.create(
            name="Sur site",
            kind=classes.OPENAI,
            trust_level=classes.ON_PREMISES,
            data_classes=[classes.PUBLIC],
            purposes=[classes.GENERATION],
            base_url=upstream.base_url,
            api_key_env="RHIA_PROVIDER_KEY_TEST",
            max_retries=0,
        )
        assert _call(provider, upstream).get("Authorization") == "Bearer cle-du-fournisseur"
        # Written around the form (database access, old record): the variable is not read at all.
        Provider.objects.filter(pk=provider.pk).update(api_key_env="RHIA_DEMO_PASSWORD")
        provider.refresh_from_db()
        headers = _call(provider, upstream)
    assert "Authorization" not in headers
    assert "le-mot-de-passe" not in str(headers)


def test_migration_clears_foreign_variables_and_external_personal_data():
    from django.apps import apps

    migration = importlib.import_module("rhia.llm.migrations.0002_provider_keys_and_trust")
    common = {"kind": classes.OPENAI, "purposes": [classes.GENERATION], "base_url": "https://x.example/v1"}
    Provider.objects.create(
        name="a", trust_level=classes.SOVEREIGN_CLOUD, api_key_env="RHIA_LLM_API_KEY", **common
    )
    Provider.objects.create(
        name="b", trust_level=classes.SOVEREIGN_CLOUD, api_key_env="RHIA_VAULT_KEY", **common
    )
    Provider.objects.create(
        name="c", trust_level=classes.EXTERNAL, data_classes=["public", "personal", "sensitive"], **common
    )
    migration.forwards(apps, None)
    rows = dict(Provider.objects.filter(name__in="abc").values_list("name", "api_key_env"))
    assert rows == {"a": "RHIA_PROVIDER_KEY_LLM", "b": "", "c": ""}
    assert Provider.objects.get(name="c").data_classes == ["public"]
