"""Every role against every page and API endpoint, generated from the permission table the code uses."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from rhia.accounts.authz import AUTHENTICATED, PUBLIC
from rhia.accounts.roles import PERMISSIONS, Role
from rhia.api import api

# Mounted third-party or self-authenticated trees, checked by their own tests.
_EXEMPT_PREFIXES = ("administration/", "oidc/", "api/", "v1/", "static/", "media/")


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(_EXEMPT_PREFIXES):
                continue
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


PAGES = list(_walk(get_resolver().url_patterns))


def test_every_page_declares_a_permission():
    undeclared = [route for route, entry in PAGES if not hasattr(entry.callback, "rhia_permission")]
    assert not undeclared, f"pages without authz.require(...): {undeclared}"


def _parameterless_pages():
    for route, entry in PAGES:
        if "<" in route or entry.pattern.converters:
            continue
        if not hasattr(entry.callback, "rhia_permission"):
            continue
        yield "/" + route, entry.callback.rhia_permission


MATRIX = [
    pytest.param(url, permission, role, id=f"{url}-{role.value}")
    for url, permission in _parameterless_pages()
    if url not in ("/comptes/deconnexion/",)
    for role in Role
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "permission", "role"), MATRIX)
def test_page_matrix(client, make_user, url, permission, role):
    client.force_login(make_user(role.value))
    response = client.get(url)
    if permission in (PUBLIC, AUTHENTICATED) or role in PERMISSIONS[permission][1]:
        assert response.status_code in (200, 302), (url, role, response.status_code)
        if response.status_code == 302:
            # Only a redirect to another page the same user may see (e.g. login -> home).
            assert client.get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 403, (url, role, response.status_code)


def _api_operations():
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield (prefix + path).replace("//", "/"), operation


def test_every_api_operation_declares_a_permission():
    undeclared = [
        f"{','.join(op.methods)} {path}"
        for path, op in _api_operations()
        if not hasattr(op.view_func, "rhia_permission")
    ]
    assert not undeclared, f"API operations without authz.api_require(...): {undeclared}"


API_MATRIX = [
    pytest.param(path, op.view_func.rhia_permission, role, id=f"{path}-{role.value}")
    for path, op in _api_operations()
    if op.methods == ["GET"] and "{" not in path and hasattr(op.view_func, "rhia_permission")
    for role in Role
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "permission", "role"), API_MATRIX)
def test_api_matrix(client, make_user, path, permission, role):
    client.force_login(make_user(role.value))
    response = client.get("/api" + path)
    if role in PERMISSIONS[permission][1]:
        assert response.status_code == 200, (path, role, response.status_code)
    else:
        assert response.status_code == 403, (path, role, response.status_code)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


@pytest.mark.django_db
def test_admin_only_for_administrators(client, make_user):
    client.force_login(make_user(Role.AGENT_RH.value))
    assert client.get("/administration/").status_code in (302, 403)
    client.force_login(make_user(Role.ADMIN.value))
    assert client.get("/administration/").status_code == 200
    assert client.get("/administration/accounts/user/").status_code == 200
