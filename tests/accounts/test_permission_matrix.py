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


# --- every route and method ----------------------------------------------------------------
# Parameters point to objects that do not exist: a role without the permission is refused (403)
# before the view looks anything up; a role holding it gets an answer (2xx, 3xx, 4xx), never a 500
# (the test client re-raises server errors) and never a refusal the table does not explain.

_FILLERS = {"int": "999999", "slug": "inexistant", "str": "inexistant", "path": "inexistant"}
_NOT_WALKED = ("/comptes/deconnexion/",)  # ends the session


def _url(route: str) -> str:
    import re

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _FILLERS.get(m.group(1) or "str", "x"), route)


ROUTE_MATRIX = [
    pytest.param(_url(route), entry.callback.rhia_permission, id=_url(route))
    for route, entry in PAGES
    if hasattr(entry.callback, "rhia_permission") and _url(route) not in _NOT_WALKED
]
_GATED = PERMISSIONS["assistant.use"][1] | PERMISSIONS["gateway.use"][1]


def _holds(role: Role, permission: str) -> bool:
    return permission in (PUBLIC, AUTHENTICATED) or role in PERMISSIONS[permission][1]


def _user(make_user, grant_assistant_access, role: Role):
    user = make_user(role.value)
    # Charter signed and basic training done where the assistant's gate applies: only the table decides.
    return grant_assistant_access(user) if role in _GATED else user


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "permission"), ROUTE_MATRIX)
def test_every_route_and_method(client, make_user, grant_assistant_access, url, permission):
    for role in Role:
        client.force_login(_user(make_user, grant_assistant_access, role))
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else client.post(url, {})
            if _holds(role, permission):
                assert response.status_code != 403, (method, url, role, response.status_code)
            else:
                # 405: a POST-only view answers GET with "method not allowed" before anything else.
                assert response.status_code in (403, 405), (method, url, role, response.status_code)


API_ROUTE_MATRIX = [
    pytest.param(
        method,
        "/api" + path.replace("{key}", "RHIA-0000-0000").replace("{code}", "RHIA-0000-0000"),
        op.view_func.rhia_permission,
        id=f"{method}-{path}",
    )
    for path, op in _api_operations()
    if hasattr(op.view_func, "rhia_permission")
    for method in op.methods
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "permission"), API_ROUTE_MATRIX)
def test_every_api_operation_and_method(client, make_user, grant_assistant_access, method, path, permission):
    for role in Role:
        client.force_login(_user(make_user, grant_assistant_access, role))
        if method == "GET":
            response = client.get(path)
        else:
            response = client.generic(method, path, "{}", content_type="application/json")
        if role in PERMISSIONS[permission][1]:
            assert response.status_code != 403, (method, path, role, response.status_code)
        else:
            # Refused before the body is even parsed: no 422 describing what the endpoint expects.
            assert response.status_code == 403, (method, path, role, response.status_code)
