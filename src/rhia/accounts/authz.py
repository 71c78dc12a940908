"""The one authorization mechanism: permission codes from roles.PERMISSIONS, scoped by structure.

``require(permission)`` wraps a view; ``api_require`` does the same for django-ninja endpoints.
Both record the permission on the view so the permission-matrix test can enumerate them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from rhia.accounts.models import RoleAssignment, Structure, User
from rhia.accounts.roles import PERMISSIONS, roles_with

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def has_perm(user: Any, permission: str, structure: Structure | None = None) -> bool:
    """True when the user holds a role carrying ``permission`` over ``structure`` (or anywhere if None)."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    if not getattr(user, "is_authenticated", False):
        return False
    holders = roles_with(permission)
    if not (user.active_roles() & holders):
        return False
    if structure is None:
        return True
    scopes = RoleAssignment.objects.filter(user=user, role__in=holders).select_related("structure")
    return any(assignment.structure.contains(structure) for assignment in scopes)


def structures_for(user: User, permission: str):
    """Structures (with their subtrees) over which the user holds ``permission``."""
    holders = roles_with(permission)
    if not (user.is_authenticated and user.active_roles() & holders):
        return Structure.objects.none()
    roots = RoleAssignment.objects.filter(user=user, role__in=holders).values_list(
        "structure__path", flat=True
    )
    query = Structure.objects.none()
    for path in set(roots):
        query = query | Structure.objects.filter(path__startswith=path)
    return query.distinct()


def structure_in_scope(
    user: User, permission: str, structure_id: str | int | None = None
) -> Structure | None:
    """The structure ``structure_id`` when ``permission`` covers it, else the highest one in the user's
    scope (fewest levels, then path), else None. Pages, API and exports pick their perimeter here."""
    scope = structures_for(user, permission)
    if structure_id and str(structure_id).isdigit():
        chosen = scope.filter(pk=int(structure_id)).first()
        if chosen:
            return chosen
    ordered = sorted(scope, key=lambda s: (s.path.count("/"), s.path))
    return ordered[0] if ordered else None


def check(request: HttpRequest, permission: str, structure: Structure | None = None) -> None:
    if not has_perm(request.user, permission, structure):
        raise PermissionDenied(PERMISSIONS[permission][0])


def require(permission: str) -> Callable:
    """View decorator: anonymous users go to the login page, others need ``permission``."""
    if permission not in PERMISSIONS and permission not in (PUBLIC, AUTHENTICATED):
        raise KeyError(f"unknown permission {permission!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if permission != PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if permission != AUTHENTICATED:
                    check(request, permission)
            return view(request, *args, **kwargs)

        wrapped.rhia_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator


def api_require(permission: str) -> Callable:
    """Same as ``require`` for django-ninja operations (session or token auth already applied).

    The check also runs before django-ninja parses the request: a role without the permission gets
    403 whatever it sends, never a 422 that would describe the endpoint's body."""
    from ninja.decorators import decorate_view

    def decorator(func: Callable) -> Callable:
        @wraps(func)
        def wrapped(request: HttpRequest, *args, **kwargs):
            check(request, permission)
            return func(request, *args, **kwargs)

        def before_parsing(run: Callable) -> Callable:
            operation = run.__self__

            @wraps(run)
            def checked(request: HttpRequest, *args, **kwargs):
                if request.user.is_authenticated and not has_perm(request.user, permission):
                    return operation.api.create_response(
                        request, {"detail": PERMISSIONS[permission][0]}, status=403
                    )
                return run(request, *args, **kwargs)

            return checked

        # decorate_view (below the route decorator) wraps Operation.run, and again on each clone
        # django-ninja makes when the router is mounted.
        decorate_view(before_parsing)(wrapped)
        wrapped.rhia_permission = permission  # type: ignore[attr-defined]
        return wrapped

    return decorator


def login_required_for_docs(view: Callable) -> Callable:
    """django-ninja ``docs_decorator``: the OpenAPI schema and pages only for signed-in users."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped
